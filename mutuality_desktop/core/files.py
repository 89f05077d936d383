"""Reading a file from elsewhere without letting it act: regular files only, private copies.

A received engagement file may travel with side files (`-journal`, `-wal`, `-shm`) from a zip, a
shared drive or a USB stick. SQLite acts on them when it opens the file: it rolls a hot journal
back into the database and, if the journal names a "super-journal", deletes that path; it reads
a `-wal` as part of the database and creates a `-shm` beside it. So every check and every
read-only open works on a private copy in a folder only this user can read, made from the
file's bytes: the app's own rollback journal is copied with it (so a file this laptop was
editing when the app stopped is recovered in the copy), a journal that names a super-journal is
refused (this app never writes one), and `-wal`/`-shm` are left behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import EngagementFileError, NotOurFileError

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
SIDE_SUFFIXES = ("-journal", "-wal", "-shm")
MAX_JOURNAL_BYTES = 300 * 1024 * 1024  # a journal holds at most the file's pages, plus headers
_CHUNK = 1 << 20


def side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def present_side_files(path: Path) -> list[Path]:
    """The side files beside path (anything there by that name, even a link or a folder)."""
    return [p for p in (side_file(path, s) for s in SIDE_SUFFIXES) if os.path.lexists(p)]


def _describe_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def check_regular(path: Path) -> os.stat_result:
    """Refuse anything but an ordinary file (folders, pipes, devices) before opening it."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise EngagementFileError(f"The file {path.name} does not exist.") from exc
    except OSError as exc:
        raise EngagementFileError(f"The file {path.name} cannot be read: {exc.strerror}.") from exc
    if stat.S_ISDIR(info.st_mode):
        raise NotOurFileError(f"{path.name} is a folder, not an engagement file.")
    if not stat.S_ISREG(info.st_mode):
        raise NotOurFileError(f"{path.name} is {_describe_kind(info.st_mode)}, not an engagement file.")
    return info


@contextlib.contextmanager
def open_regular(path: Path, max_bytes: int, what: str = "") -> Iterator[tuple[int, int]]:
    """Open path for reading without blocking; yield (fd, size) only for a regular file.

    O_NONBLOCK keeps a pipe swapped in after the check from hanging the open; the fstat on the
    open descriptor is the check that counts.
    """
    check_regular(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise EngagementFileError(f"The file {path.name} cannot be read: {exc.strerror}.") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotOurFileError(f"{path.name} is {_describe_kind(info.st_mode)}, not an engagement file.")
        if info.st_size > max_bytes:
            raise NotOurFileError(
                f"{what or path.name} is {info.st_size // (1024 * 1024)} MB, far larger than any "
                "engagement file; it was not opened."
            )
        yield fd, info.st_size
    finally:
        os.close(fd)


def read_bytes(path: Path, max_bytes: int, what: str = "") -> bytes:
    """Read a whole regular file of at most max_bytes (checked before and while reading)."""
    with open_regular(path, max_bytes, what) as (fd, size):
        return _read_fd(fd, path, max_bytes, what, size)


def _read_fd(fd: int, path: Path, max_bytes: int, what: str, size: int = 0) -> bytes:
    """The file's bytes. The first read asks for the size the file had when opened (and one
    byte more), so a file that has not grown arrives in one piece, not copied again to join it."""
    parts: list[bytes] = []
    total = 0
    ask = min(max(size + 1, _CHUNK), max_bytes + 1)
    try:
        while chunk := os.read(fd, ask):
            ask = _CHUNK
            total += len(chunk)
            if total > max_bytes:
                raise NotOurFileError(f"{what or path.name} grew beyond any engagement file while "
                                      "being read; it was not opened.")
            parts.append(chunk)
    except OSError as exc:
        raise EngagementFileError(f"The file {path.name} cannot be read: {exc.strerror}.") from exc
    return b"".join(parts)


def write_private(target: Path, data: bytes, durable: bool = True) -> None:
    """Create target readable and writable by this user only, and write data to it."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        if durable:  # a throw-away private copy need not reach the platter
            fh.flush()
            os.fsync(fh.fileno())


def write_atomically(out: Path, write: Callable[[Path], object],
                     before_replace: Callable[[], None] | None = None) -> None:
    """Write out through a temporary file beside it, made durable, then renamed over it.

    The one way every output (report, web page, CSV, Office files, copies for email) reaches
    the disk: a failed, killed or cancelled write leaves no half file, and an earlier file of
    that name as it was. OSError is the caller's to explain.
    """
    out = Path(out)
    temp = out.with_name(f".{out.name}.{os.getpid()}.{threading.get_ident()}.part")
    try:
        temp.unlink(missing_ok=True)
        write(temp)
        with temp.open("rb+") as fh:
            os.fsync(fh.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)


def journal_names_super_journal(data: bytes) -> bool:
    """True if a rollback journal ends with a super-journal record (this app never writes one).

    SQLite writes the record at the very end: name, 4-byte length, 4-byte checksum, then the
    8-byte journal magic. Rolling such a journal back makes SQLite delete the named file.
    """
    return len(data) >= 16 and data[-8:] == JOURNAL_MAGIC


def unsafe_journal_message(path: Path) -> str:
    return (f"{path.name} has a journal file beside it ({path.name}-journal) that Mutuality "
            "Desktop did not write; it was not opened. Move that journal file away and try again.")


def private_folder() -> Path:
    """A new folder only this user can read (mkdtemp makes it 0700)."""
    import tempfile

    return Path(tempfile.mkdtemp(prefix="mutuality-private-"))


def copy_private(path: Path, target: Path, max_bytes: int, what: str = "") -> int:
    """Stream a regular file into a new owner-only file (never all in memory); return its size."""
    total = 0
    with open_regular(path, max_bytes, what) as (fd, _size):
        out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                      0o600)
        try:
            while chunk := os.read(fd, _CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise NotOurFileError(f"{what or path.name} grew beyond any engagement file "
                                          "while being read; it was not opened.")
                view = memoryview(chunk)
                while view:
                    view = view[os.write(out, view):]
        except OSError as exc:
            raise EngagementFileError(f"The file {path.name} cannot be read: {exc.strerror}.") from exc
        finally:
            os.close(out)
    return total


def _tail(path: Path, count: int) -> bytes:
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - count))
        return fh.read(count)


@contextlib.contextmanager
def private_copy(path: Path, max_bytes: int) -> Iterator[tuple[Path, bool]]:
    """Yield (copy, has_journal): the file's bytes in a private folder, made safe to open.

    The copy carries the app's own rollback journal (if the file was being edited when the app
    stopped), never a journal naming a super-journal, never `-wal` or `-shm`; a file saved in WAL
    mode is switched to rollback mode in the copy so SQLite looks for no side files.
    """
    folder = private_folder()
    try:
        copy = folder / "engagement.mutuality"
        copy_private(path, copy, max_bytes)
        journal = side_file(path, "-journal")
        copied_journal = side_file(copy, "-journal")
        has_journal = False
        if os.path.lexists(journal):
            try:
                size = copy_private(journal, copied_journal, MAX_JOURNAL_BYTES,
                                    f"{path.name}-journal")
            except NotOurFileError as exc:
                raise NotOurFileError(unsafe_journal_message(path)) from exc
            if journal_names_super_journal(_tail(copied_journal, 16)):
                raise NotOurFileError(unsafe_journal_message(path))
            has_journal = size > 0
        with copy.open("r+b") as fh:  # WAL mode: read the main file alone, in rollback mode
            fh.seek(18)
            if fh.read(2) == b"\x02\x02":
                fh.seek(18)
                fh.write(b"\x01\x01")
        yield copy, has_journal
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def was_being_edited_message(name: str) -> str:
    return (f"{name} was being edited when the app stopped; open it in the app to recover it.")
