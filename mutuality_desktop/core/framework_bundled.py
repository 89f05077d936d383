"""The bundled scoring guide, parsed and checked once when the app is built, not at every open.

resources/frameworks/vfm-mutuality.parsed holds what `parse_framework` builds from
vfm-mutuality.json, pickled, after a one-line header: this format's number, the SHA-256 and
length of the guide text it was built from, and the fields of the classes it holds. A guide text
equal to that text, character for character, gets these objects without JSON parsing,
validation or hashing: the full parse of the same text passes every check and gives equal
objects, and the header's checksum is that text's own (tests/core/test_open_speed_guide.py
checks all three). Any other text is parsed and validated in full, as before.

The file is read only as far as its header until a text of its length, or its checksum, comes
along. Only the guide's own classes may be unpickled from it; a file that is missing, unreadable,
of another format, built for other classes or holding anything else is ignored, and the JSON is
parsed as it always was.

    python -m mutuality_desktop.core.framework_bundled --write

rebuilds it after the guide or its classes change (until then a test fails, and the app parses
the JSON at each start as before).
"""

from __future__ import annotations

import gc
import io
import sys

# The C unpickler itself: the pickle module around it costs a few milliseconds to import.
from _pickle import Unpickler, UnpicklingError
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .resources import resource_path

if TYPE_CHECKING:
    from .framework import Framework

PARSED_FILE = "vfm-mutuality.parsed"
SOURCE_FILE = "vfm-mutuality.json"
FORMAT = 1
MAGIC = b"mutuality-parsed-guide"

_GUIDE_CLASSES = {
    "mutuality_desktop.core.framework": ("Level", "Scale", "Factor", "Dimension", "Framework"),
    "mutuality_desktop.core.framework_guide": ("Note", "Source", "ChangeEntry", "Crosswalk",
                                               "FactorExtras", "Guide"),
}


def _classes() -> list[Any]:
    from . import framework, framework_guide

    modules = {"mutuality_desktop.core.framework": framework,
               "mutuality_desktop.core.framework_guide": framework_guide}
    return [getattr(modules[m], name) for m, names in _GUIDE_CLASSES.items() for name in names]


def shape() -> str:
    """Each guide class with its fields, in order: objects pickled for other fields are not used."""
    from dataclasses import fields

    return ";".join(f"{cls.__name__}:{','.join(f.name for f in fields(cls))}" for cls in _classes())


class _GuideUnpickler(Unpickler):
    """Unpickles the guide's own classes and nothing else (no functions, no other classes)."""

    def find_class(self, module: str, name: str) -> Any:
        if name in _GUIDE_CLASSES.get(module, ()):
            return super().find_class(module, name)
        raise UnpicklingError(f"{module}.{name} is not part of a scoring guide")


class _Parsed:
    """The precomputed file: its header at once, its objects when first wanted."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.digest = ""
        self.length = -1
        self._offset = 0
        self._framework: Framework | None = None
        self._failed = False
        try:
            with open(path, "rb") as fh:
                header = fh.readline(4096)
                self._offset = fh.tell()
        except OSError:
            self._failed = True
            return
        parts = header.rstrip(b"\n").split(b" ")
        if len(parts) != 5 or parts[0] != MAGIC or parts[1] != str(FORMAT).encode("ascii"):
            self._failed = True
            return
        try:
            self.digest, length, built_for = (p.decode("ascii") for p in parts[2:])
            self.length = int(length)
        except (UnicodeDecodeError, ValueError):
            self._failed = True
            return
        if built_for != shape():  # the classes changed since the file was written
            self._failed = True

    def framework(self) -> Framework | None:
        if self._framework is None and not self._failed:
            from .framework import Framework

            collecting = gc.isenabled()
            gc.disable()  # some thousands of new objects, none of them garbage: no collection passes
            try:
                with open(self.path, "rb") as fh:
                    fh.seek(self._offset)
                    loaded = _GuideUnpickler(io.BytesIO(fh.read())).load()
            except (OSError, UnpicklingError, EOFError, AttributeError, ImportError, IndexError,
                    TypeError, ValueError, MemoryError, RecursionError, KeyError):
                loaded = None
            finally:
                if collecting:
                    gc.enable()
            if (isinstance(loaded, Framework) and isinstance(loaded.source_text, str)
                    and len(loaded.source_text) == self.length):
                self._framework = loaded
            else:
                self._failed = True
        return self._framework

    def matching(self, text: str) -> Framework | None:
        """The precomputed guide if text is exactly its text (lengths first, then every character)."""
        if self._failed or len(text) != self.length:
            return None
        framework = self.framework()
        if framework is None or framework.source_text != text:
            return None
        return framework


_LOADED: list[_Parsed] = []  # the precomputed file of this process, once looked at


def _parsed() -> _Parsed:
    if not _LOADED:
        _LOADED.append(_Parsed(resource_path("frameworks", PARSED_FILE)))
    return _LOADED[0]


def bundled_parse(text: str) -> Framework | None:
    """The bundled guide's objects if text is exactly the bundled guide's text, else None."""
    return _parsed().matching(text)


def bundled_text(digest: str) -> str | None:
    """The bundled guide's text if digest is its SHA-256 (no hashing: the build recorded it)."""
    parsed = _parsed()
    if parsed._failed or digest != parsed.digest:
        return None
    framework = parsed.framework()
    return None if framework is None else framework.source_text


def build(source: Path) -> bytes:
    """The precomputed file's bytes for a guide file: fully parsed and validated, then pickled."""
    from .framework import _parse_framework, sha256_hex

    text = source.read_text(encoding="utf-8")
    framework = _parse_framework(text, str(source))  # every check a received guide gets
    import pickle

    header = b" ".join([MAGIC, str(FORMAT).encode("ascii"), sha256_hex(text).encode("ascii"),
                        str(len(text)).encode("ascii"), shape().encode("ascii")])
    return header + b"\n" + pickle.dumps(framework, protocol=4)


def out_of_date() -> str:
    """Why the precomputed file does not match the bundled guide and its classes ("" if it does)."""
    from .framework import _parse_framework, sha256_hex

    source = resource_path("frameworks", SOURCE_FILE)
    text = source.read_text(encoding="utf-8")
    parsed = _Parsed(resource_path("frameworks", PARSED_FILE))
    if parsed._failed:
        return "it is missing, of another format or built for other classes"
    if parsed.digest != sha256_hex(text) or parsed.length != len(text):
        return "it was built from another text of the guide"
    loaded = parsed.framework()
    if loaded is None or parsed.matching(text) is not loaded:
        return "its objects cannot be read"
    if as_data(loaded) != as_data(_parse_framework(text, str(source))):
        return "its objects differ from the guide's full parse"
    return ""


def as_data(value: Any) -> Any:
    """Every field of a guide's objects, compared or not, as plain tuples and dicts (for tests)."""
    if hasattr(value, "__dataclass_fields__"):
        return (type(value).__name__, tuple((name, as_data(getattr(value, name)))
                                            for name in value.__dataclass_fields__))
    if isinstance(value, dict):
        return {k: as_data(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return type(value)(as_data(v) for v in value)
    return value


def main(argv: list[str]) -> int:
    target = resource_path("frameworks", PARSED_FILE)
    if argv[1:] == ["--write"]:
        data = build(resource_path("frameworks", SOURCE_FILE))
        target.write_bytes(data)
        print(f"Wrote {target} ({len(data):,} bytes).")
        return 0
    problem = out_of_date()
    if not problem:
        print(f"{target.name} is up to date.")
        return 0
    print(f"{target.name} is out of date ({problem}): run "
          "python -m mutuality_desktop.core.framework_bundled --write")
    return 1


if __name__ == "__main__":  # python -m mutuality_desktop.core.framework_bundled [--write]
    sys.exit(main(sys.argv))
