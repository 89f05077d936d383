"""The file work behind Export for email and unlocking: no widgets, safe to run on a worker.

Only plain_copy_bytes touches the live connection, so it runs on the UI thread; the rest takes
bytes and paths.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths

from ..core.errors import EngagementFileError
from .messages import explain
from .names import safe_stem
from .tasks import run_in_background


def email_file_name(title: str) -> str:
    """Return '<title> (for email).mutuality', safe as a file name on every system."""
    return f"{safe_stem(title, 100) or 'Engagement'} (for email).mutuality"


def documents_folder() -> Path:
    """Return the app's folder in the user's documents (where files go when nowhere else can)."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs or Path.home()) / "Mutuality"


def write_problem(folder: Path) -> str:
    """Why a new file cannot be saved in folder ("" if it can), found by trying to write one.

    Permissions alone mislead (a read-only mount, a network share, an administrator account).
    """
    try:
        with tempfile.TemporaryFile(dir=folder):
            return ""
    except OSError as exc:
        return exc.strerror or str(exc)


def writable_folder(preferred: Path) -> Path:
    """preferred if a file can be saved there, else Documents/Mutuality, else the home folder."""
    if not write_problem(preferred):
        return preferred
    docs = documents_folder()
    try:
        docs.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path.home()
    return Path.home() if write_problem(docs) else docs


def describe(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"The file could not be written{where}: {exc.strerror or exc}."
    return explain(exc)


def in_background(fn: Callable[[], Any], done: Callable[[Any], None],
                   failed: Callable[[BaseException], None]) -> None:
    run_in_background(fn, done, lambda exc, _tb: failed(exc))


def plain_copy_bytes(engagement: Any) -> bytes:
    """Return the bytes of a compact, checksummed copy of the open engagement (UI thread only).

    Built in memory: for a protected export no unencrypted copy ever reaches the disk.
    """
    return bytes(engagement.export_bytes())


def seal_and_check(data: bytes, passphrase: str, target: Path) -> Path:
    """Seal data to target, then unseal it again (in memory) to prove the colleague can."""
    from ..core.exchange import seal, unseal_bytes

    try:
        seal(data, passphrase, target)
    except OSError:
        target.with_name(f".{target.name}.part").unlink(missing_ok=True)
        raise
    if unseal_bytes(target, passphrase) != data:
        raise EngagementFileError(f"{target.name} did not read back as written; export it again.")
    return target


def check_plain(target: Path) -> Path:
    """Check a plain export fully and against its checksum, as the colleague's app will."""
    from ..core.exchange import check_export

    check_export(target)
    return target


def _write_new(folder: Path, stem: str, tag: str, data: bytes) -> Path:
    """Write data to folder/'stem (tag).mutuality' (or '… (tag 2)…'), never over a file.

    The file is created readable by its owner only: it is the unlocked copy of a protected file.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, 1000):
        name = f"{stem} ({tag})" if n == 1 else f"{stem} ({tag} {n})"
        target = folder / f"{name}.mutuality"
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         0o600)
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError:
            target.unlink(missing_ok=True)
            raise
        return target
    raise FileExistsError(f"Too many unlocked copies of {stem} in {folder}.")


def unlocked_stem(path: Path) -> str:
    """The unlocked copy's name: 'Review (for email)' becomes 'Review (unlocked)', not both tags."""
    stem = path.stem
    suffix = " (for email)"
    return stem[: -len(suffix)] if stem.endswith(suffix) and len(stem) > len(suffix) else stem


def unlock_copy(path: Path, passphrase: str, folders: list[Path],
                cancelled: Callable[[], bool] | None = None) -> Path:
    """Unseal path into '<stem> (unlocked).mutuality' in the first folder that takes it.

    The protected original is only read; the plaintext exists only in memory until the unlocked
    copy (owner-only) is written. Raise PassphraseError for a wrong passphrase, Cancelled if
    cancelled() turns true before anything is written.
    """
    from ..core.exchange import Cancelled, unseal_bytes

    data = unseal_bytes(path, passphrase, cancelled)
    if cancelled is not None and cancelled():
        raise Cancelled("Unlocking was cancelled.")
    reason = ""
    for folder in folders:
        try:
            return _write_new(folder, unlocked_stem(path), "unlocked", data)
        except OSError as exc:
            reason = exc.strerror or str(exc)
    raise EngagementFileError(f"The unlocked copy could not be saved next to {path.name} or in "
                              f"{folders[-1]}: {reason}.")
