"""Stable identities: every row has a UUID, and files of format 2 are upgraded to carry them."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from mutuality_desktop.core import store
from mutuality_desktop.core.engagement import Engagement

from .conftest import INFO

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TABLES = ("participant", "round", "score", "participant_score", "action")
F = "joint-objective-setting"


def master(path: Path) -> list[tuple[str, str, str, str | None]]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    finally:
        conn.close()


def uuids(path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    try:
        return {t: [r[0] for r in conn.execute(f'SELECT uuid FROM "{t}" ORDER BY id')] for t in TABLES}
    finally:
        conn.close()


def test_format_2_file_upgrades_after_a_backup_to_exactly_the_new_layout(format2_file, tmp_path):
    with Engagement.open(format2_file) as e:
        assert not e.readonly
        base, follow = e.rounds()
        assert follow.label == "Follow-up"
        score = e.scores(base.id)[(F, "agreed")]
        assert (score.level, score.notes, score.confidence) == (3, "Joint plan seen.", "high")
        assert e.participant_scores(base.id)[0].comment == "Pre-work"
        assert e.actions()[0].text == "Draft the exit plan"
        assert e.branding_json() == '{"consultancy_name": "X"}'
    backups = list(tmp_path.glob("format2 (format 2 backup *).mutuality"))
    assert len(backups) == 1
    backup = sqlite3.connect(backups[0])
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 2
    assert backup.execute("SELECT level, notes FROM score WHERE perspective = 'agreed'").fetchall() == [
        (3, "Joint plan seen.")]
    backup.close()
    fresh = tmp_path / "fresh.mutuality"
    Engagement.create(fresh, INFO).close()
    assert master(format2_file) == master(fresh)  # the same CREATE statements, not only names
    assert store.inspect(format2_file).user_version == store.SCHEMA_VERSION
    ids = uuids(format2_file)
    every = [u for values in ids.values() for u in values]
    assert all(ids.values()) and all(UUID.match(u) for u in every)
    assert len(set(every)) == len(every)


def test_read_only_format_2_file_opens_upgraded_in_memory_and_is_left_untouched(format2_file):
    before = format2_file.read_bytes()
    with Engagement.open(format2_file, readonly=True) as e:
        assert e.readonly
        assert e.connection.execute("SELECT count(*) FROM score WHERE uuid IS NULL").fetchone()[0] == 0
        assert len(e.rounds()) == 2
    assert format2_file.read_bytes() == before
    assert not list(format2_file.parent.glob("* backup *"))


def test_new_rows_get_their_own_uuid(eng):
    rid = eng.rounds()[0].id
    eng.set_score(rid, F, "agreed", 2)
    eng.set_participant_score(rid, F, eng.add_participant("Ann", "", "client").id, 3)
    eng.add_round("Follow-up")
    eng.add_action(F, "Agree a joint plan")
    ids = uuids(eng.path)
    every = [u for values in ids.values() for u in values]
    assert all(ids.values()) and all(UUID.match(u) for u in every)
    assert len(set(every)) == len(every)


def test_every_copy_of_an_old_file_gets_the_same_ids_when_upgraded(format2_file, tmp_path):
    import shutil

    colleague = tmp_path / "colleague" / "format2.mutuality"
    colleague.parent.mkdir()
    shutil.copyfile(format2_file, colleague)
    with Engagement.open(format2_file, readonly=True) as e:  # upgraded in memory only
        read_only = {t: [r[0] for r in e.connection.execute(f'SELECT uuid FROM "{t}" ORDER BY id')]
                     for t in TABLES}
    Engagement.open(format2_file).close()
    Engagement.open(colleague).close()
    assert uuids(format2_file) == uuids(colleague) == read_only
