"""Rolling automatic backups of open engagements, kept in the user's data folder."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from . import store
from .engagement import Engagement
from .errors import EngagementFileError
from .lock import real_path

KEEP = 12


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime
    title: str
    original: str

    def describe(self) -> str:
        return f"{self.taken_at:%d %b %Y %H:%M:%S} — {self.title}"


def _folder(root: Path, engagement_uuid: str) -> Path:
    safe = "".join(ch for ch in engagement_uuid if ch.isalnum() or ch == "-")[:40] or "unknown"
    return root / safe


def take_backup(engagement: Engagement, root: Path, keep: int = KEEP) -> Path:
    """Copy the engagement's current state to root/<uuid>/<time>.mutuality; prune the oldest."""
    info = engagement.info()
    folder = _folder(Path(root), info.uuid)
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now()
    target = folder / f"{now:%Y%m%d-%H%M%S-%f}.mutuality"
    part = target.with_suffix(".part")
    dst = sqlite3.connect(part)
    try:
        engagement.connection.backup(dst)
        ok = dst.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        dst.close()
    if not ok:
        part.unlink(missing_ok=True)
        raise EngagementFileError("The automatic backup failed its integrity check and was discarded.")
    part.replace(target)
    target.with_suffix(".json").write_text(
        json.dumps({"title": info.title, "original": str(real_path(engagement.path)),
                    "taken_at": now.isoformat()}),
        encoding="utf-8",
    )
    # Only this file's own backups are pruned: another copy of the same engagement (same id,
    # another file) keeps its own list.
    for old in list_backups(root, info.uuid, engagement.path)[keep:]:
        old.path.unlink(missing_ok=True)
        old.path.with_suffix(".json").unlink(missing_ok=True)
    return target


def list_backups(root: Path, engagement_uuid: str, original: Path | None = None) -> list[Backup]:
    """Return the backups of one engagement, newest first; of one file of it if original is given.

    Backups are keyed by the real file they were taken from (links resolved), not by the
    engagement's id alone, so two copies of one engagement never share or prune each other's.
    """
    folder = _folder(Path(root), engagement_uuid)
    wanted = None if original is None else str(real_path(Path(original)))
    backups = []
    for path in folder.glob("*.mutuality"):
        try:
            meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            taken = dt.datetime.fromisoformat(meta["taken_at"])
            source = str(meta.get("original", ""))
            if wanted is not None and str(real_path(Path(source))) != wanted:
                continue
            backups.append(Backup(path, taken, str(meta.get("title", "")), source))
        except (OSError, ValueError, KeyError):
            continue
    return sorted(backups, key=lambda b: b.taken_at, reverse=True)


def restore_backup(backup: Backup, target: Path) -> Path:
    """Check a backup and write it as a new engagement file at target (never over a file)."""
    target = Path(target)
    if target.exists():
        raise EngagementFileError(f"{target.name} already exists; choose another name for the restored copy.")
    store.inspect(backup.path)
    src = store.connect(backup.path, readonly=True)
    try:
        store.vacuum_into(src, target)
    finally:
        src.close()
    return target
