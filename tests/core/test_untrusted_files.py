"""Received files are untrusted: each bad kind gets one clear sentence; the original is untouched."""

from __future__ import annotations

import hashlib
import sqlite3
import zipfile
from pathlib import Path

import pytest

from mutuality_desktop.core import store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import (
    DamagedFileError,
    EngagementFileError,
    NewerVersionError,
    NotOurFileError,
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(path: Path, kind: type[Exception], match: str) -> str:
    before = digest(path)
    with pytest.raises(kind, match=match) as err:
        Engagement.open(path)
    assert digest(path) == before, "a failed open modified the original"
    assert list(store.sidecar_files(path)) == []
    message = str(err.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_zero_byte_file(tmp_path):
    p = tmp_path / "empty.mutuality"
    p.write_bytes(b"")
    refused(p, NotOurFileError, "empty")


def test_text_file(tmp_path):
    p = tmp_path / "notes.mutuality"
    p.write_text("Minutes of the contract board\n" * 50)
    refused(p, NotOurFileError, "not a Mutuality engagement file")


def test_zip_renamed(tmp_path):
    p = tmp_path / "archive.mutuality"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("a.txt", "hello")
    refused(p, NotOurFileError, "zip archive")


def test_sqlite_database_of_another_application(tmp_path):
    p = tmp_path / "other.mutuality"
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    refused(p, NotOurFileError, "another application")


def test_newer_version_is_refused_with_the_version_named(closed_file):
    conn = sqlite3.connect(closed_file)
    conn.execute("PRAGMA user_version=99")
    conn.close()
    message = refused(closed_file, NewerVersionError, "newer version")
    assert "99" in message


def test_truncated_file(closed_file):
    data = closed_file.read_bytes()
    closed_file.write_bytes(data[: len(data) // 2 + 100])
    refused(closed_file, DamagedFileError, "damaged")


def _plant(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("sql", "kind"),
    [
        ("CREATE TRIGGER t AFTER UPDATE ON score BEGIN DELETE FROM action; END", "trigger"),
        ("CREATE VIEW v AS SELECT * FROM score", "view"),
        ("CREATE INDEX ix ON score(notes)", "index"),
        ("CREATE TABLE extra(x)", "table"),
    ],
)
def test_unexpected_schema_objects_are_refused(closed_file, sql, kind):
    _plant(closed_file, sql)
    refused(closed_file, DamagedFileError, f"unexpected {kind}")


def test_extra_column_is_refused(closed_file):
    _plant(closed_file, "ALTER TABLE score ADD COLUMN payload TEXT")
    refused(closed_file, DamagedFileError, "unexpected layout in its score table")


def test_a_planted_trigger_cannot_call_app_functions(tmp_path, closed_file):
    """Even if a trigger slipped past the checks, SQLite must not run it on our connection."""
    calls: list[str] = []
    conn = store.connect(closed_file)
    conn.create_function("app_fn", 1, lambda x: calls.append(x) or 1)
    raw = sqlite3.connect(closed_file)
    raw.execute("CREATE TRIGGER evil AFTER UPDATE ON score BEGIN SELECT app_fn('pwned'); END")
    raw.commit()
    raw.close()
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("UPDATE score SET level = 1")
    assert calls == []
    conn.close()


def test_invalid_utf8_in_text_is_repaired_not_fatal(closed_file):
    raw = sqlite3.connect(closed_file)
    raw.execute("UPDATE score SET notes = CAST(x'4a6f696e74ff706c616e' AS TEXT)")
    raw.commit()
    raw.close()
    with Engagement.open(closed_file) as e:
        notes = e.scores(e.rounds()[0].id)[("joint-objective-setting", "agreed")].notes
    assert notes.startswith("Joint") and "\ufffd" in notes


def test_oversize_file_is_refused_quickly(tmp_path, monkeypatch):
    p = tmp_path / "huge.mutuality"
    with p.open("wb") as fh:
        fh.write(store.SQLITE_MAGIC)
        fh.seek(store.MAX_FILE_BYTES + 4096)
        fh.write(b"\0")
    refused(p, NotOurFileError, "far larger")


def test_huge_text_field_is_refused_as_damaged(closed_file):
    raw = sqlite3.connect(closed_file)
    raw.execute("UPDATE score SET notes = ?", ("x" * (store.MAX_TEXT_BYTES * 5),))
    raw.commit()
    raw.close()
    with pytest.raises(DamagedFileError):
        Engagement.open(closed_file)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(EngagementFileError, match="does not exist"):
        Engagement.open(tmp_path / "absent.mutuality")
    with pytest.raises(NotOurFileError, match="folder"):
        Engagement.open(tmp_path)


def test_older_file_is_migrated_after_a_backup(format2_file):
    closed_file = format2_file.rename(format2_file.with_name("closed.mutuality"))
    raw = sqlite3.connect(closed_file)
    raw.execute("DROP TABLE branding")
    raw.execute("PRAGMA user_version=1")
    raw.commit()
    raw.close()
    with Engagement.open(closed_file) as e:
        assert e.connection.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
        e.save_branding('{"consultancy_name": "X"}')
        assert e.scores(e.rounds()[0].id)[("joint-objective-setting", "agreed")].level == 3
    backups = list(closed_file.parent.glob("closed (format 1 backup *).mutuality"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_failed_migration_leaves_the_original(format2_file, monkeypatch):
    closed_file = format2_file
    raw = sqlite3.connect(closed_file)
    raw.execute("DROP TABLE branding")
    raw.execute("PRAGMA user_version=1")
    raw.commit()
    raw.close()

    def broken(conn):
        conn.execute("CREATE TABLE branding (id INTEGER)")
        raise sqlite3.OperationalError("simulated failure half way")

    monkeypatch.setitem(store.MIGRATIONS, 1, broken)
    with pytest.raises(EngagementFileError, match="could not be upgraded.*left as it was"):
        Engagement.open(closed_file)
    conn = sqlite3.connect(closed_file)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "branding" not in tables
    conn.close()


def test_second_editor_gets_read_only_and_is_told_who_holds_it(closed_file):
    with Engagement.open(closed_file) as first:
        assert not first.readonly
        with Engagement.open(closed_file) as second:
            assert second.readonly
            assert "open on" in second.read_only_reason
            assert second.locked_by is not None
    with Engagement.open(closed_file) as third:
        assert not third.readonly


def test_stale_lock_from_a_dead_process_is_taken_over(closed_file):
    import json
    import socket

    from mutuality_desktop.core.lock import lock_path_for

    lock_path_for(closed_file).write_text(json.dumps(
        {"user": "ghost", "host": socket.gethostname(), "pid": 2**22 + 7, "since": "yesterday"}))
    with Engagement.open(closed_file) as e:
        assert not e.readonly


def test_read_only_place_opens_read_only_without_touching_the_file(closed_file, monkeypatch):
    monkeypatch.setattr(store, "is_writable", lambda path: False)
    before = digest(closed_file)
    with Engagement.open(closed_file) as e:
        assert e.readonly and "read-only place" in e.read_only_reason
        assert e.scores(e.rounds()[0].id)[("joint-objective-setting", "agreed")].level == 3
    assert digest(closed_file) == before
