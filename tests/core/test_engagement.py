"""Operations a facilitator performs: each committed durably, validated, reversible."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from mutuality_desktop.core import store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import EngagementFileError, ReadOnlyError, ValidationError
from mutuality_desktop.core.model import EngagementInfo

from .conftest import INFO

F = "joint-objective-setting"


def raw_level(path, factor, perspective):
    conn = sqlite3.connect(path)
    try:
        row = conn.execute(
            "SELECT level FROM score WHERE factor_id=? AND perspective=?", (factor, perspective)
        ).fetchone()
        return row
    finally:
        conn.close()


def test_create_round_trips_every_engagement_field(tmp_path):
    path = tmp_path / "a.mutuality"
    with Engagement.create(path, INFO) as e:
        uid = e.info().uuid
    with Engagement.open(path) as e:
        info = e.info()
        assert info.uuid == uid and len(uid) == 36
        for field in ("title", "client_organisation", "contract_annual_value", "contract_start",
                      "contract_end", "facilitator", "workshop_date", "workshop_venue"):
            assert getattr(info, field) == getattr(INFO, field)
        assert [r.label for r in e.rounds()] == ["Baseline"]
        assert e.framework.id == "vfm-mutuality"


def test_each_score_is_visible_to_a_second_connection_at_once(eng):
    rid = eng.rounds()[0].id
    eng.set_score(rid, F, "client", 2)
    assert raw_level(eng.path, F, "client") == (2,)
    eng.set_score(rid, F, "client", 4)
    assert raw_level(eng.path, F, "client") == (4,)


def test_file_stands_alone_after_every_operation(eng):
    rid = eng.rounds()[0].id
    operations = [
        lambda: eng.set_score(rid, F, "agreed", 3),
        lambda: eng.set_notes(rid, F, "agreed", "notes"),
        lambda: eng.add_participant("Ann", "CEO", "client"),
        lambda: eng.add_round("Follow-up"),
        lambda: eng.add_action(F, "Do it"),
    ]
    for op in operations:
        op()
        siblings = sorted(p.name for p in eng.path.parent.iterdir() if p.name.startswith(eng.path.name))
        assert siblings == [eng.path.name]


def test_connection_has_every_defensive_and_durable_setting(eng):
    conn = eng.connection
    expected = {"trusted_schema": 0, "cell_size_check": 1, "mmap_size": 0, "secure_delete": 1,
                "foreign_keys": 1, "synchronous": 2}
    for name, value in expected.items():
        assert conn.execute(f"PRAGMA {name}").fetchone()[0] == value, name
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x4D555455
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION


def test_set_and_clear_score_returns_old_level_and_keeps_not_assessed_apart_from_zero(eng):
    rid = eng.rounds()[0].id
    assert eng.set_score(rid, F, "agreed", 0) is None
    assert eng.scores(rid)[(F, "agreed")].level == 0
    assert eng.clear_score(rid, F, "agreed") == 0
    assert eng.scores(rid)[(F, "agreed")].level is None


@pytest.mark.parametrize("level", [6, -1, True, 2.5])
def test_level_outside_the_scale_is_refused(eng, level):
    with pytest.raises(ValidationError):
        eng.set_score(eng.rounds()[0].id, F, "agreed", level)


def test_unknown_factor_and_perspective_are_refused(eng):
    rid = eng.rounds()[0].id
    with pytest.raises(ValidationError, match="Unknown factor 'nope'"):
        eng.set_score(rid, "nope", "agreed", 1)
    with pytest.raises(ValidationError, match="not a valid perspective"):
        eng.set_score(rid, F, "board", 1)


def test_empty_required_fields_are_refused(tmp_path, eng):
    with pytest.raises(ValidationError, match="client organisation cannot be empty"):
        Engagement.create(tmp_path / "x.mutuality",
                          EngagementInfo(title="T", client_organisation="  ", provider_organisation="P"))
    assert not (tmp_path / "x.mutuality").exists()
    with pytest.raises(ValidationError, match="name cannot be empty"):
        eng.add_participant("   ")
    with pytest.raises(ValidationError, match="text cannot be empty"):
        eng.add_action(F, "")
    with pytest.raises(ValidationError, match="end date is before"):
        eng.update_info(contract_end=dt.date(2000, 1, 1))


def test_create_refuses_to_overwrite(eng):
    with pytest.raises(EngagementFileError, match="already exists"):
        Engagement.create(eng.path, INFO)


def test_notes_keep_markup_and_any_script_verbatim(eng):
    rid = eng.rounds()[0].id
    text = "<b>bold</b> & <img src='/etc/passwd'> Siân ŵ ŷ Zażółć Ελληνικά Кириллица “quotes” €"
    eng.set_notes(rid, F, "client", text)
    path = eng.path
    eng.close()
    with Engagement.open(path) as again:
        assert again.scores(rid)[(F, "client")].notes == text


def test_participants_add_edit_remove_and_restore_with_their_scores(eng):
    rid = eng.rounds()[0].id
    p = eng.add_participant("Łukasz Nowak", "Operations Director", "provider")
    eng.set_participant_score(rid, F, p.id, 3, "Mostly there")
    old = eng.update_participant(p.id, role="Managing Director")
    assert old.role == "Operations Director"
    assert eng.participants()[0].role == "Managing Director"
    removed = eng.remove_participant(p.id)
    assert eng.participants() == [] and eng.participant_scores(rid) == []
    eng.restore_participant(removed)
    assert eng.participants()[0].id == p.id
    assert eng.participant_scores(rid)[0].level == 3
    with pytest.raises(ValidationError):
        eng.add_participant("X", side="referee")


def test_rounds_baseline_first_and_removal_restores_scores(eng):
    base = eng.rounds()[0]
    follow = eng.add_round("Follow-up", dt.date(2026, 10, 1))
    assert [r.label for r in eng.rounds()] == ["Baseline", "Follow-up"]
    eng.set_score(follow.id, F, "agreed", 4)
    with pytest.raises(ValidationError, match="already a round"):
        eng.add_round("follow-up")
    removed = eng.remove_round(follow.id)
    assert [r.label for r in eng.rounds()] == ["Baseline"]
    eng.restore_round(removed)
    assert eng.scores(follow.id)[(F, "agreed")].level == 4
    eng.remove_round(follow.id)
    with pytest.raises(ValidationError, match="at least one round"):
        eng.remove_round(base.id)


def test_actions_add_update_remove_restore(eng):
    a = eng.add_action(F, "Agree joint objectives", "Ann", "joint", dt.date(2026, 6, 30))
    old = eng.update_action(a.id, status="in progress")
    assert old.status == "open" and eng.actions()[0].status == "in progress"
    removed = eng.remove_action(a.id)
    assert eng.actions() == []
    eng.restore_action(removed)
    assert eng.actions()[0].text == "Agree joint objectives"
    with pytest.raises(ValidationError, match="not a valid status"):
        eng.update_action(a.id, status="finished")


def test_read_only_engagement_refuses_edits(closed_file):
    with Engagement.open(closed_file, readonly=True) as e, pytest.raises(ReadOnlyError, match="read-only"):
        e.set_score(e.rounds()[0].id, F, "agreed", 1)


def test_control_characters_are_stripped_from_names(eng):
    p = eng.add_participant("Ann\x00\x07 Smith", "CEO", "client")
    assert p.name == "Ann Smith"


def test_text_limits(eng):
    with pytest.raises(ValidationError, match="too long"):
        eng.add_participant("x" * 1000)
