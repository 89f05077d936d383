"""The file's history: every applied operation, who made it, on which copy, before and after.

A *replica* is one copy of the file in one place: the id is kept in file_meta with a fingerprint
of the machine and path it was made for, so a copy emailed to a colleague (or moved) gets a new
replica id on its first change there. That is what a later three-way merge needs to tell copies
apart.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import new_uuid, utcnow

REPLICA_KEY = "replica"
REPLICA_PLACE_KEY = "replica_place"
NOTES_MERGE_SECONDS = 120  # consecutive note edits to one box within this become one entry


def default_author() -> str:
    """The OS user's full name if the system knows it, else the login name."""
    override = os.environ.get("MUTUALITY_AUTHOR", "").strip()
    if override:
        return override[:200]
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
    try:
        import pwd

        full = pwd.getpwnam(login).pw_gecos.split(",")[0].strip()
    except (ImportError, KeyError):
        full = ""
    return (full or login)[:200]


def place_of(path: Path) -> str:
    """A fingerprint of this machine and this file's location (not reversible to either)."""
    import hashlib  # here, not at start-up: importing it loads OpenSSL (a few ms)
    import socket

    where = f"{socket.gethostname()}\0{Path(path).resolve()}"
    return hashlib.sha256(where.encode("utf-8", "replace")).hexdigest()[:32]


def replica_for(conn: sqlite3.Connection, path: Path) -> tuple[str, dict[str, str]]:
    """Return this copy's replica id, and the file_meta rows to write if it is new here."""
    rows = dict(conn.execute("SELECT key, value FROM file_meta WHERE key IN (?, ?)",
                             (REPLICA_KEY, REPLICA_PLACE_KEY)).fetchall())
    place = place_of(path)
    replica = str(rows.get(REPLICA_KEY, ""))
    if replica and rows.get(REPLICA_PLACE_KEY) == place:
        return replica, {}
    replica = new_uuid()
    return replica, {REPLICA_KEY: replica, REPLICA_PLACE_KEY: place}


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class Entry:
    """One line of history as read back from a file."""

    uuid: str
    at: dt.datetime
    author: str
    replica: str
    op: str
    target: dict[str, Any]
    before: Any
    after: Any


def write_entry(conn: sqlite3.Connection, *, uuid: str, at: dt.datetime, author: str, replica: str,
                op: str, target: dict[str, Any], before: Any, after: Any,
                coalesce: bool) -> str:
    """Insert one history row (inside the caller's transaction); return its uuid.

    With coalesce, a note edit that continues the latest entry for the same box (same author and
    copy, within NOTES_MERGE_SECONDS) updates that entry's after instead, so typing is one entry,
    not one per keystroke; an entry whose before and after end up equal is dropped, so text typed
    and removed again within that time leaves no trace in the history.
    """
    target_json = to_json(target)
    if coalesce:
        since = (at - dt.timedelta(seconds=NOTES_MERGE_SECONDS)).isoformat(sep=" ")
        last = conn.execute(  # only the latest entries: a range of rowids, not the whole table
            'SELECT id, uuid, author, replica, "before" FROM history '
            "WHERE id > (SELECT coalesce(max(id), 0) - 500 FROM history) "
            "AND op = ? AND target = ? AND at >= ? ORDER BY id DESC LIMIT 1",
            (op, target_json, since)).fetchone()
        if last is not None and (last[2], last[3]) == (author, replica):
            if last[4] == to_json(after):
                conn.execute("DELETE FROM history WHERE id = ?", (last[0],))
            else:
                conn.execute('UPDATE history SET "after" = ?, at = ? WHERE id = ?',
                             (to_json(after), at.isoformat(sep=" "), last[0]))
            return str(last[1])
    conn.execute(
        'INSERT INTO history (uuid, at, author, replica, op, target, "before", "after") '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (uuid, at.isoformat(sep=" "), author[:200], replica, op, target_json, to_json(before),
         to_json(after)))
    return uuid


def read_entries(conn: sqlite3.Connection, *, factor: str | None = None) -> list[Entry]:
    """Every recorded change, oldest first (only those about one factor, if given)."""
    sql = 'SELECT uuid, at, author, replica, op, target, "before", "after" FROM history'
    params: tuple[str, ...] = ()
    if factor is not None:  # a cheap first cut in SQL; the parsed target decides below
        # a merge that decided a conflict on the factor belongs to its history too (play-through 8)
        sql += """ WHERE instr(target, ?) > 0 OR (op = 'merge' AND instr("after", ?) > 0)"""
        params = (to_json({"factor": factor})[1:-1], to_json(factor))
    rows = conn.execute(sql + " ORDER BY id", params).fetchall()
    entries = []
    for uuid, at, author, replica, op, target, before, after in rows:
        parsed = _loads(target)
        target_dict = parsed if isinstance(parsed, dict) else {}
        if factor is not None and target_dict.get("factor") != factor and not (
                op == "merge" and merge_decisions(_loads(after), factor)):
            continue
        entries.append(Entry(str(uuid), _as_datetime(at) or utcnow(), str(author), str(replica),
                             str(op), target_dict, _loads(before), _loads(after)))
    return entries


def merge_decisions(after: Any, factor: str | None = None) -> list[dict[str, Any]]:
    """The conflicts a merge entry records as decided (each with its key, both sides' values, the
    value kept and which side it came from); only those on one factor's scores if given."""
    decided = after.get("decided") if isinstance(after, dict) else None
    out = [d for d in decided if isinstance(d, dict)] if isinstance(decided, list) else []
    if factor is None:
        return out
    return [d for d in out if isinstance(key := d.get("key"), list) and len(key) > 2
            and key[0] in ("score", "pscore") and key[2] == factor]


def _loads(text: Any) -> Any:
    try:
        return json.loads(str(text))
    except (ValueError, RecursionError):
        return None  # a damaged entry reads as "unknown", never stops the history being shown


def _as_datetime(value: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


# --- earlier note wording left out of copies that leave the laptop ------------------------------

LEFT_OUT = {"left_out": "earlier wording"}  # stands for a note text no longer in the engagement
LEFT_OUT_JSON = to_json(LEFT_OUT)


def is_left_out(value: Any) -> bool:
    """Whether a history value is the stand-in for note text left out of an exported copy."""
    return bool(value == LEFT_OUT)


def leave_out_earlier_notes(conn: sqlite3.Connection) -> int:
    """In a copy for email: replace note texts in the history that the engagement no longer holds.

    Each set_notes entry keeps its id, time, author, copy and target (a merge matches entries
    by id); its before and after keep the text the score's notes hold now and empty text, and
    any other text becomes LEFT_OUT. So a sentence the consultant deleted is not in what is
    emailed, while the history still says who changed which notes when. Runs inside the
    caller's transaction on the copy; returns how many values were left out.
    """
    current = {str(uuid): notes or "" for uuid, notes in conn.execute("SELECT uuid, notes FROM score")}
    changed = 0
    rows = conn.execute('SELECT id, target, "before", "after" FROM history WHERE op = ?',
                        ("set_notes",)).fetchall()
    for row_id, target, before, after in rows:
        try:
            score = json.loads(str(target)).get("score")
        except (ValueError, AttributeError, RecursionError):
            score = None
        now = current.get(str(score)) if score is not None else None
        values = []
        for text in (before, after):
            try:
                value = json.loads(str(text))
            except (ValueError, RecursionError):
                value = None
            keep = value in ("", None) or (now is not None and value == now) or is_left_out(value)
            values.append(str(text) if keep else LEFT_OUT_JSON)
            changed += 0 if keep else 1
        if values != [str(before), str(after)]:
            conn.execute('UPDATE history SET "before" = ?, "after" = ? WHERE id = ?',
                         (values[0], values[1], row_id))
    return changed
