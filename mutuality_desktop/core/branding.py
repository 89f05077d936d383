"""The consultancy's branding profile: name, logos, colours and footer, portable as JSON.

The profile lives in the app settings and is copied into the open engagement file when the
branding dialog's OK is pressed (one recorded, undoable change; an export never writes it), with
every logo embedded as base64, so a colleague who opens the file prints the same report. JSON from an engagement file is untrusted: every field is checked, and a bad field falls
back to the default with a warning instead of failing.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import re
import stat
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from .errors import MutualityError
from .resources import resource_path

FORMAT = "mutuality-branding"
FORMAT_VERSION = 1
LOGO_KINDS = ("png", "jpeg", "svg")
LOGO_SLOTS = ("logo", "client_logo", "provider_logo")
SLOT_NAMES = {"logo": "consultancy logo", "client_logo": "client logo", "provider_logo": "provider logo"}
MAX_LOGO_BYTES = 750_000  # three embedded logos stay well inside an engagement file's value limit
MAX_LOGO_FILE_BYTES = 40_000_000  # larger files are not even read
MAX_LOGO_SIDE = 8_000  # pixels: a logo from a file is never decoded beyond this
MAX_NAME_CHARS = 200
MAX_FOOTER_CHARS = 300
DEFAULT_PRIMARY = "#1F3A5F"
DEFAULT_ACCENT = "#2A8C82"
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class BrandingError(MutualityError):
    """A branding profile cannot be read at all."""


@dataclass(frozen=True)
class Logo:
    """A logo's bytes, checked to be PNG, JPEG or SVG, with the file name it came from."""

    kind: str
    data: bytes = field(repr=False)
    name: str = ""


@dataclass(frozen=True)
class BrandingProfile:
    """What makes a report the consultancy's own; paths point at files, logos hold copies."""

    consultancy_name: str = ""
    logo_path: str = ""
    primary_colour: str = DEFAULT_PRIMARY
    accent_colour: str = DEFAULT_ACCENT
    footer_text: str = ""
    client_logo_path: str = ""
    provider_logo_path: str = ""
    logo: Logo | None = None
    client_logo: Logo | None = None
    provider_logo: Logo | None = None

    def path_of(self, slot: str) -> str:
        path: str = getattr(self, f"{slot}_path")
        return path

    def resolved_logo(self, slot: str) -> tuple[Logo | None, list[str]]:
        """Return the logo for a slot: the file if readable, else the embedded copy."""
        embedded: Logo | None = getattr(self, slot)
        path = self.path_of(slot)
        if not path:
            return embedded, []
        logo, problem = read_logo(Path(path))
        if logo is not None:
            return logo, []
        what = SLOT_NAMES[slot]
        if embedded is not None:
            return embedded, [f"The {what} file {path} {problem}; the copy saved earlier was used."]
        return None, [f"The {what} file {path} {problem}; the report has no {what}."]

    def embedded(self) -> tuple[BrandingProfile, list[str]]:
        """Return a copy whose logos are read from their files now, and any warnings."""
        warnings: list[str] = []
        changes: dict[str, Any] = {}
        for slot in LOGO_SLOTS:
            logo, problems = self.resolved_logo(slot)
            changes[slot] = logo
            warnings += problems
        return replace(self, **changes), warnings

    def portable(self) -> tuple[BrandingProfile, list[str]]:
        """Return the self-contained copy for an engagement file: logos embedded, no local paths."""
        profile, warnings = self.embedded()
        return replace(profile, logo_path="", client_logo_path="", provider_logo_path=""), warnings

    def to_json(self) -> str:
        """Serialise the profile with every readable logo embedded as base64."""
        profile, _ = self.embedded()
        logos: dict[str, Any] = {}
        for slot in LOGO_SLOTS:
            entry: dict[str, Any] = {}
            if profile.path_of(slot):
                entry["path"] = profile.path_of(slot)
            logo: Logo | None = getattr(profile, slot)
            if logo is not None:
                entry.update(type=logo.kind, name=logo.name, data=base64.b64encode(logo.data).decode("ascii"))
            if entry:
                logos[slot] = entry
        return json.dumps({
            "format": FORMAT, "version": FORMAT_VERSION,
            "consultancy_name": self.consultancy_name, "primary_colour": self.primary_colour,
            "accent_colour": self.accent_colour, "footer_text": self.footer_text, "logos": logos,
        }, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str, warnings: list[str] | None = None,
                  allow_paths: bool = True) -> BrandingProfile:
        """Read a profile leniently: a bad field becomes the default and a warning is added.

        allow_paths=False (a profile from an engagement file) keeps no logo path at all: a
        received file's text is never used as a path, its logos come only as checked bytes.
        Raises BrandingError only when the text is not a branding profile at all.
        """
        found: list[str] = [] if warnings is None else warnings
        try:
            raw = json.loads(text)
        except (json.JSONDecodeError, TypeError, ValueError, RecursionError) as exc:
            raise BrandingError("The branding profile is not valid JSON; the default branding was used.") from exc
        if not isinstance(raw, dict):
            raise BrandingError("The branding profile is not a JSON object; the default branding was used.")
        if isinstance(raw.get("version"), int) and raw["version"] > FORMAT_VERSION:
            found.append("The branding profile comes from a newer version of the app; some of it may be ignored.")
        fields: dict[str, Any] = {
            "consultancy_name": _text(raw, "consultancy_name", MAX_NAME_CHARS, found),
            "footer_text": _text(raw, "footer_text", MAX_FOOTER_CHARS, found),
            "primary_colour": _colour(raw, "primary_colour", DEFAULT_PRIMARY, found),
            "accent_colour": _colour(raw, "accent_colour", DEFAULT_ACCENT, found),
        }
        logos = raw.get("logos")
        if not isinstance(logos, dict):
            logos = {}
        for slot in LOGO_SLOTS:
            path, logo = _logo_entry(logos.get(slot), SLOT_NAMES[slot], found)
            fields[f"{slot}_path"] = path if allow_paths else ""
            fields[slot] = logo
        return cls(**fields)


def _clean(value: str, limit: int) -> str:
    text = unicodedata.normalize("NFC", value)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs"))
    return " ".join(text.split())[:limit]


def _text(raw: dict[str, Any], key: str, limit: int, warnings: list[str]) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        warnings.append(f"The branding profile's {key.replace('_', ' ')} is not text; it was left out.")
        return ""
    return _clean(value, limit)


def _colour(raw: dict[str, Any], key: str, default: str, warnings: list[str]) -> str:
    value = raw.get(key, default)
    if isinstance(value, str) and _COLOUR.match(value.strip()):
        return value.strip().upper()
    warnings.append(f"The branding profile's {key.replace('_', ' ')} is not a colour like #1F3A5F; "
                    f"the default was used.")
    return default


def _logo_entry(entry: Any, what: str, warnings: list[str]) -> tuple[str, Logo | None]:
    if not isinstance(entry, dict):
        return "", None
    path = entry.get("path", "")
    path = path if isinstance(path, str) and len(path) < 4096 and "\x00" not in path else ""
    data_text = entry.get("data")
    if data_text is None:
        return path, None
    name = entry.get("name", "")
    name = _clean(name, 200) if isinstance(name, str) else ""
    if not isinstance(data_text, str) or len(data_text) > MAX_LOGO_BYTES * 4 // 3 + 8:
        warnings.append(f"The saved {what} is missing or too large; it was left out.")
        return path, None
    try:
        data = base64.b64decode(data_text, validate=True)
    except (binascii.Error, ValueError):
        warnings.append(f"The saved {what} is damaged; it was left out.")
        return path, None
    kind = sniff_logo(data)
    if kind is None:
        warnings.append(f"The saved {what} is not a PNG, JPEG or SVG image; it was left out.")
        return path, None
    if len(data) > MAX_LOGO_BYTES or not within_pixel_limits(kind, data):
        warnings.append(f"The saved {what} is larger than a logo can be "
                        f"({MAX_LOGO_SIDE:,} pixels a side); it was left out.")
        return path, None
    return path, Logo(kind, data, name)


def within_pixel_limits(kind: str, data: bytes) -> bool:
    """True if a PNG or JPEG is a sane logo size, read from its header without decoding it."""
    if kind == "svg":
        return True
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return False
    return 0 < width <= MAX_LOGO_SIDE and 0 < height <= MAX_LOGO_SIDE


def sniff_logo(data: bytes) -> str | None:
    """Name the image type by its first bytes, never by the file name."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"<") and b"<svg" in head:
        return "svg"
    return None


def read_logo(path: Path) -> tuple[Logo | None, str]:
    """Read and check a logo file; return the logo or a phrase saying what is wrong."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, "is not an ordinary file"
        if info.st_size > MAX_LOGO_FILE_BYTES:
            return None, f"is too large ({info.st_size / 1e6:.0f} MB)"
        with path.open("rb") as fh:
            data = fh.read(MAX_LOGO_FILE_BYTES + 1)
        if len(data) > MAX_LOGO_FILE_BYTES:
            return None, "is too large"
    except FileNotFoundError:
        return None, "was not found"
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"
    kind = sniff_logo(data)
    if kind is None:
        return None, "is not a PNG, JPEG or SVG image"
    if len(data) > MAX_LOGO_BYTES:
        if kind == "svg":
            return None, f"is too large for a logo ({len(data) / 1e6:.1f} MB; the limit is 0.75 MB)"
        shrunk = shrink_raster(data)
        if shrunk is None:
            return None, "is too large and could not be reduced"
        kind, data = shrunk
    return Logo(kind, data, path.name), ""


def shrink_raster(data: bytes, limit: int = MAX_LOGO_BYTES) -> tuple[str, bytes] | None:
    """Scale a large PNG or JPEG down until it fits the limit; None if it cannot be read."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            side = 1600
            while side >= 200:
                copy = image.copy()
                copy.thumbnail((side, side))
                out = io.BytesIO()
                if copy.mode in ("RGBA", "LA", "P"):
                    copy.save(out, format="PNG", optimize=True)
                    kind = "png"
                else:
                    copy.convert("RGB").save(out, format="JPEG", quality=90)
                    kind = "jpeg"
                if out.tell() <= limit:
                    return kind, out.getvalue()
                side //= 2
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return None
    return None


@cache
def default_branding() -> BrandingProfile:
    """Return the neutral branding shipped in resources/branding/."""
    try:
        raw = json.loads(resource_path("branding", "default.json").read_text(encoding="utf-8"))
        profile = BrandingProfile.from_json(json.dumps(raw))
        logo_file = raw.get("logo_resource")
        if isinstance(logo_file, str) and logo_file:
            logo, _ = read_logo(resource_path("branding", logo_file))
            profile = replace(profile, logo=logo)
        return profile
    except (OSError, ValueError, BrandingError):
        return BrandingProfile()


def profile_from_engagement(content: str | None) -> tuple[BrandingProfile, list[str]]:
    """Return the branding stored in an engagement file, or the default, with warnings."""
    if content is None:
        return default_branding(), []
    warnings: list[str] = []
    try:
        return BrandingProfile.from_json(content, warnings, allow_paths=False), warnings
    except BrandingError as exc:
        return default_branding(), [exc.message]
