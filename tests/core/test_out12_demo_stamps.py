"""The last session's checks: the demo's score stamps carried the time it was built while its
history told the story's days. Each row's updated time is now its last change's time in the history."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path


def _when(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value).replace(microsecond=0)


def test_every_score_row_is_stamped_with_its_last_change_in_the_history(demo_path: Path) -> None:
    path = demo_path  # a copy of build_demo's file, built once per session (tests/conftest.py)
    conn = sqlite3.connect(path)
    try:
        last: dict[tuple[str, str], dt.datetime] = {}
        for at, target in conn.execute("SELECT at, target FROM history ORDER BY id"):
            for key in ("score", "participant_score", "action", "parking"):
                uuid = json.loads(target).get(key)
                if isinstance(uuid, str):
                    last[(key, uuid)] = _when(at)
        checked = 0
        for key, table in (("score", "score"), ("participant_score", "participant_score"),
                           ("action", "action"), ("parking", "parking_item")):
            for uuid, updated in conn.execute(f"SELECT uuid, updated_at FROM {table}"):
                assert (key, uuid) in last, f"{table} {uuid} has no history"
                assert _when(updated) == last[(key, uuid)], f"{table} {uuid}: {updated} but changed at {last[(key, uuid)]}"
                checked += 1
        assert checked > 300
        days = {_when(at).date() for (at,) in conn.execute("SELECT at FROM history")}
        created, updated = conn.execute("SELECT created_at, updated_at FROM engagement").fetchone()
        assert _when(created).date() in days and _when(updated).date() in days
        for (stamp,) in conn.execute("SELECT created_at FROM action"):
            assert _when(stamp).date() in days
    finally:
        conn.close()
