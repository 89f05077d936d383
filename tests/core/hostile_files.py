"""Helpers that craft received files the way they arrive: with side files, hostile values."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hot_pair(source: Path, folder: Path, name: str = "received.mutuality",
             change: str = "UPDATE score SET notes = 'half-saved'") -> Path:
    """A copy of source as a laptop leaves it when killed mid-commit: changed file + hot journal.

    The journal holds the pages as they were before `change`; the file holds the change. SQLite
    rolls the journal back when the file is next opened writable, restoring source's content.
    """
    folder.mkdir(parents=True, exist_ok=True)
    work = folder / ".work"
    work.mkdir(exist_ok=True)
    db = work / "w.mutuality"
    shutil.copyfile(source, db)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")  # journal header complete without waiting for a sync
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(change)
    journal = Path(str(db) + "-journal").read_bytes()
    conn.execute("COMMIT")
    conn.close()
    target = folder / name
    shutil.copyfile(db, target)
    Path(str(target) + "-journal").write_bytes(journal)
    shutil.rmtree(work)
    return target


def name_super_journal(path: Path, victim: Path) -> None:
    """Append a super-journal record naming victim to path's journal (as SQLite writes one)."""
    name = str(victim.resolve()).encode()
    record = ((2**30 // 4096 + 1).to_bytes(4, "big") + name + len(name).to_bytes(4, "big")
              + (sum(name) & 0xFFFFFFFF).to_bytes(4, "big") + JOURNAL_MAGIC)
    with open(str(path) + "-journal", "ab") as fh:
        fh.write(record)


def wal_pair(source: Path, folder: Path, name: str = "wal.mutuality") -> Path:
    """A copy of source switched to WAL, with a later edit only in its -wal, and an -shm."""
    folder.mkdir(parents=True, exist_ok=True)
    work = folder / ".work"
    work.mkdir(exist_ok=True)
    db = work / "w.mutuality"
    shutil.copyfile(source, db)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE score SET notes = 'only in the wal'")
    conn.execute("UPDATE engagement SET facilitator = 'only in the wal'")
    target = folder / name
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(str(db) + suffix, str(target) + suffix)
    conn.close()
    shutil.rmtree(work)
    return target


def raw_edit(path: Path, *statements: str, params: tuple[object, ...] = ()) -> None:
    """Change a file the way a hostile sender can: no constraints, no foreign keys."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("PRAGMA ignore_check_constraints=ON")
    conn.execute("PRAGMA legacy_alter_table=ON")
    for sql in statements:
        conn.execute(sql, params if "?" in sql else ())
    conn.close()
    for suffix in ("-journal", "-wal", "-shm"):
        if os.path.exists(str(path) + suffix):
            os.unlink(str(path) + suffix)
