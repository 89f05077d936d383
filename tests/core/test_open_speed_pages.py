"""The sizes check answered from each table's pages: the same files refused, the same sentences."""

from __future__ import annotations

import sqlite3

import pytest

from mutuality_desktop.core import store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import DamagedFileError

from .test_open_speed_checks import _edit


@pytest.fixture
def no_dbstat(monkeypatch):
    """A SQLite built without dbstat: the query naming it fails."""
    monkeypatch.setattr(store, "_PAGES_SQL", "SELECT name, ncell, mx_payload FROM no_such_dbstat")


def test_the_pages_bound_every_value_and_row_count_the_exact_measure_finds(demo_path):
    """For every table of the demo: its largest record is at least its longest value, and its cells
    at least its rows, so a table within limits by its pages is within them by every value."""
    conn = sqlite3.connect(demo_path)
    pages = {name: (cells, payload) for name, cells, payload in conn.execute(store._PAGES_SQL)}
    tables = [str(t) for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert "history" in tables and len(tables) > 15
    for table in tables:
        columns = [str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')]
        rows, longest = conn.execute(
            f'SELECT count(*), max(max({", ".join(f"coalesce(length({c!r}), 0)" for c in columns)}, 0)) '
            f'FROM "{table}"').fetchone()
        cells, payload = pages[table]
        assert cells >= rows and payload >= (longest or 0), table
    conn.close()
    assert pages["history"][0] >= 1000 and pages["framework_snapshot"][1] > 100_000


def test_a_table_with_more_rows_than_the_limit_is_still_counted_and_refused(demo_path, no_memory, monkeypatch):
    monkeypatch.setattr(store, "MAX_ROWS", 1000)  # the demo's history has more than a thousand
    with pytest.raises(DamagedFileError, match="holds an implausible number of history records"):
        Engagement.open(demo_path, readonly=True)


def test_a_record_over_a_limit_is_measured_value_by_value_and_a_long_one_refused(
        closed_file, no_memory, monkeypatch):
    limits = dict(store._LARGE_COLUMNS)
    limits[("history", "before")] = 50_000
    monkeypatch.setattr(store, "_LARGE_COLUMNS", limits)
    monkeypatch.setattr(store, "_SIZE_LIMITS", tuple(sorted({store.MAX_TEXT_BYTES, *limits.values()})))
    # 30,000 two-byte characters: a record of 60,000 bytes, over the limit by its pages, but the
    # value is 30,000 characters long: measured, within its limit, and the file opens.
    _edit(closed_file, "UPDATE history SET \"before\" = ?", "é" * 30_000)
    with Engagement.open(closed_file, readonly=True) as eng:
        assert eng.rounds()
    _edit(closed_file, "UPDATE history SET \"before\" = ?", "é" * 50_001)
    monkeypatch.setattr(store, "_PASSED", [])
    with pytest.raises(DamagedFileError, match="holds a history value far longer than the app ever writes"):
        Engagement.open(closed_file, readonly=True)


def test_without_dbstat_every_value_is_measured_as_before(closed_file, demo_path, no_memory, no_dbstat,
                                                          monkeypatch):
    with Engagement.open(demo_path, readonly=True) as eng:
        assert len(eng.rounds()) == 2
    _edit(closed_file, "UPDATE score SET notes = ?", "x" * (store.MAX_TEXT_BYTES + 10))
    with pytest.raises(DamagedFileError, match="holds a score value far longer than the app ever writes"):
        Engagement.open(closed_file)
    monkeypatch.setattr(store, "MAX_ROWS", 1000)
    monkeypatch.setattr(store, "_PASSED", [])
    with pytest.raises(DamagedFileError, match="holds an implausible number of history records"):
        Engagement.open(demo_path, readonly=True)


def test_a_note_just_over_the_limit_in_a_received_file_is_refused_with_the_same_sentence(
        closed_file, no_memory):
    _edit(closed_file, "UPDATE score SET notes = ?", "x" * (store.MAX_TEXT_BYTES + 1))
    with pytest.raises(DamagedFileError) as refused:
        store.inspect(closed_file)
    assert str(refused.value) == ("closed.mutuality holds a score value far longer than the app ever "
                                  "writes; it was not opened.")


def _sizes_verdict(data: bytes) -> str:
    """What check_sizes says of these bytes ("" when it passes them)."""
    conn = store._connect_bytes(data, "received.mutuality")
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 50_000_000)  # the real limit, not 4x the test's
    conn.set_authorizer(None)
    try:
        store.check_sizes(conn, "received.mutuality", schema_checked=True)
    except DamagedFileError as exc:
        return str(exc)
    finally:
        conn.close()
    return ""


@pytest.mark.parametrize(("table", "column"), [
    ("score", "notes"), ("participant_score", "comment"), ("action", "text"), ("engagement", "title"),
    ("history", "author"), ("history", "before"), ("framework_snapshot", "sha256"), ("file_meta", "value")])
def test_the_pages_and_the_exact_measure_agree_value_for_value(demo_path, no_memory, monkeypatch,
                                                               table, column):
    """Values around a limit, one byte or two a character: refused or passed alike, in the same words,
    with dbstat and without it."""
    limit = 3_000
    limits = {key: 8_000 for key in store._LARGE_COLUMNS}  # the large columns' limit, over the ordinary
    limits[("framework_snapshot", "content")] = 4_000_000  # the guide itself (about 200 KB)
    monkeypatch.setattr(store, "MAX_TEXT_BYTES", limit)
    monkeypatch.setattr(store, "_LARGE_COLUMNS", limits)
    monkeypatch.setattr(store, "_SIZE_LIMITS", (limit, 8_000, 4_000_000))
    own = limits.get((table, column), limit)
    seen = set()
    for text in ("x" * own, "x" * (own + 1), "é" * (own // 2 + 1), "é" * own, "é" * (own + 1)):
        conn = sqlite3.connect(demo_path)
        conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = (SELECT min(rowid) FROM "{table}")',
                     (text,))
        conn.commit()
        conn.close()
        data = demo_path.read_bytes()
        with_pages = _sizes_verdict(data)
        monkeypatch.setattr(store, "_PAGES_SQL", "SELECT name, ncell, mx_payload FROM no_such_dbstat")
        measured = _sizes_verdict(data)
        monkeypatch.setattr(store, "_PAGES_SQL", "SELECT name, ncell, mx_payload FROM dbstat('main', 1)")
        assert with_pages == measured, (table, column, len(text))
        refused = len(text) > own
        assert bool(measured) == refused, (table, column, len(text))
        if refused:
            assert measured.startswith(f"received.mutuality holds a {table} value far longer")
        seen.add(refused)
    assert seen == {True, False}
