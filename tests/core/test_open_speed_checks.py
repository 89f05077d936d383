"""The received-file check made cheaper without letting anything through it refused before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mutuality_desktop.core import store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import DamagedFileError
from mutuality_desktop.core.model import ParticipantScore, Score, builder


def _edit(path: Path, sql: str, *params: object) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_a_note_longer_than_any_value_the_app_writes_is_still_measured_and_refused(closed_file, no_memory):
    _edit(closed_file, "UPDATE score SET notes = ?", "x" * (store.MAX_TEXT_BYTES + 10))
    with pytest.raises(DamagedFileError, match="holds a score value far longer than the app ever writes"):
        Engagement.open(closed_file)


def test_a_limit_larger_than_the_file_cannot_be_broken_and_a_smaller_one_is_measured(
        closed_file, no_memory, monkeypatch):
    _edit(closed_file, "UPDATE history SET \"before\" = ?", "y" * 60_000)
    size = closed_file.stat().st_size
    assert size > 60_000
    limits = dict(store._LARGE_COLUMNS)
    limits[("history", "before")] = 10 * size  # no value in the file can be that long: not measured
    monkeypatch.setattr(store, "_LARGE_COLUMNS", limits)
    monkeypatch.setattr(store, "_SIZE_LIMITS", tuple(sorted({store.MAX_TEXT_BYTES, *limits.values()})))
    with Engagement.open(closed_file, readonly=True) as eng:
        assert eng.rounds()
    assert all(10 * size not in key[1] for key in store._SIZES_SQL)
    limits[("history", "before")] = 50_000  # smaller than the file: measured, and the value breaks it
    monkeypatch.setattr(store, "_SIZE_LIMITS", tuple(sorted({store.MAX_TEXT_BYTES, *limits.values()})))
    monkeypatch.setattr(store, "_PASSED", [])
    with pytest.raises(DamagedFileError, match="holds a history value far longer"):
        Engagement.open(closed_file, readonly=True)


def test_a_view_is_still_refused_before_the_authorizer_is_set_aside(closed_file, no_memory):
    _edit(closed_file, "CREATE VIEW sneaky AS SELECT * FROM score")
    with pytest.raises(DamagedFileError, match="unexpected view"):
        Engagement.open(closed_file)


def test_scores_built_at_once_equal_those_built_one_by_one():
    rows = [(1, "joint-exit-strategy", "agreed", 3, "Seen.", "high", None, "u-1"),
            (2, "joint-objective-setting", "client", None, "", None, None, "u-2")]
    built = builder(Score)(rows)
    assert built == [Score(*r) for r in rows]
    assert [vars(s) for s in built] == [vars(Score(*r)) for r in rows]
    assert hash(built[0]) == hash(Score(*rows[0])) and repr(built[1]) == repr(Score(*rows[1]))
    with pytest.raises(AttributeError):
        built[0].level = 4  # type: ignore[misc]
    ps = builder(ParticipantScore)([(1, "joint-exit-strategy", 7, 2, "", "u-3")])
    assert ps == [ParticipantScore(1, "joint-exit-strategy", 7, 2, "", "u-3")]
