"""Rolling backups with restore; save failures surface and lose nothing already committed."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from mutuality_desktop.core import backups, store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import SaveError
from mutuality_desktop.core.exchange import export_connection

F = "joint-exit-strategy"


def test_backups_roll_pass_integrity_and_restore(tmp_path, eng):
    root = tmp_path / "backups"
    rid = eng.rounds()[0].id
    for level in range(5):
        eng.set_score(rid, F, "agreed", level)
        backups.take_backup(eng, root, keep=3)
    found = backups.list_backups(root, eng.info().uuid)
    assert len(found) == 3
    assert found[0].taken_at > found[-1].taken_at and found[0].title == eng.info().title
    for b in found:
        conn = sqlite3.connect(b.path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    restored = backups.restore_backup(found[-1], tmp_path / "restored.mutuality")
    with Engagement.open(restored) as again:
        assert again.scores(rid)[(F, "agreed")].level == 2
    with pytest.raises(Exception, match="already exists"):
        backups.restore_backup(found[0], restored)


def test_disk_full_is_reported_and_committed_data_survives(eng):
    rid = eng.rounds()[0].id
    eng.set_score(rid, F, "agreed", 3)
    pages = eng.connection.execute("PRAGMA page_count").fetchone()[0]
    eng.connection.execute(f"PRAGMA max_page_count={pages}")
    with pytest.raises(SaveError, match="disk is full"):
        eng.set_notes(rid, F, "agreed", "x" * 200_000)
    assert eng.scores(rid)[(F, "agreed")].notes == ""
    eng.connection.execute("PRAGMA max_page_count=1073741823")
    eng.set_notes(rid, F, "agreed", "retried and saved")  # a retry after space is freed works
    assert eng.scores(rid)[(F, "agreed")].notes == "retried and saved"


def test_vanished_folder_is_reported_and_save_as_rescues_everything(tmp_path):
    from .conftest import INFO

    stick = tmp_path / "usb-stick"
    stick.mkdir()
    e = Engagement.create(stick / "live.mutuality", INFO)
    rid = e.rounds()[0].id
    e.set_score(rid, F, "agreed", 4)
    shutil.rmtree(stick)
    with pytest.raises(SaveError, match="not saved"):
        e.set_score(rid, F, "client", 2)
    rescue = tmp_path / "rescued.mutuality"
    export_connection(e.connection, rescue)
    e.close()
    with Engagement.open(rescue) as again:
        assert again.scores(rid)[(F, "agreed")].level == 4
    assert store.inspect(rescue).user_version == store.SCHEMA_VERSION
