"""Participants' email addresses and the report's names choice: operations, JSON, format 4."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mutuality_desktop.core import store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import DamagedFileError, ValidationError
from mutuality_desktop.core.jsonio import create_from_json, engagement_json
from mutuality_desktop.core.operations import (
    AddParticipant,
    RemoveParticipant,
    SetParticipantEmail,
    SetReportNames,
)
from mutuality_desktop.core.opsjson import apply_json_operations
from mutuality_desktop.core.prework.contacts import participant_emails, report_names_shown


def test_an_email_is_set_changed_cleared_and_undone(eng: Engagement) -> None:
    person = eng.apply(AddParticipant("Siân Evans", "Director of Place", "client")).result
    first = eng.apply(SetParticipantEmail(person.uuid, " sian.evans@northmoor.gov.uk "))
    assert participant_emails(eng) == {person.id: "sian.evans@northmoor.gov.uk"}
    second = eng.apply(SetParticipantEmail(person.uuid, "s.evans@northmoor.gov.uk"))
    eng.apply(second.inverse)
    assert participant_emails(eng) == {person.id: "sian.evans@northmoor.gov.uk"}
    eng.apply(first.inverse)
    assert participant_emails(eng) == {}
    assert [e.op for e in eng.history()][-4:] == ["set_participant_email"] * 4


@pytest.mark.parametrize("bad", ["sian", "sian@", "a b@x.org", "<x@y.org>", "x@y", "x@y.org, z@w.org"])
def test_what_is_not_an_address_is_refused(eng: Engagement, bad: str) -> None:
    person = eng.apply(AddParticipant("Siân Evans")).result
    with pytest.raises(ValidationError, match="is not an email address"):
        eng.apply(SetParticipantEmail(person.uuid, bad))


def test_removing_a_participant_and_undoing_keeps_their_email(eng: Engagement) -> None:
    person = eng.apply(AddParticipant("Rhys Morgan", "", "provider", email="rhys@castleway.co.uk")).result
    assert participant_emails(eng) == {person.id: "rhys@castleway.co.uk"}
    removed = eng.apply(RemoveParticipant(person.uuid))
    assert participant_emails(eng) == {}
    eng.apply(removed.inverse)
    assert participant_emails(eng) == {person.id: "rhys@castleway.co.uk"}


def test_names_in_the_report_are_off_until_chosen(eng: Engagement) -> None:
    assert not report_names_shown(eng)
    on = eng.apply(SetReportNames(True))
    assert report_names_shown(eng)
    eng.apply(on.inverse)
    assert not report_names_shown(eng)


def test_json_carries_emails_and_the_names_choice(eng: Engagement, tmp_path: Path) -> None:
    apply_json_operations(eng, [
        {"op": "add_participant", "name": "Siân Evans", "side": "client", "email": "sian@nbc.gov.uk"},
        {"op": "add_participant", "name": "Rhys Morgan", "side": "provider"},
        {"op": "set_participant_email", "participant": "Rhys Morgan", "email": "rhys@castleway.co.uk"},
        {"op": "set_report_names", "shown": True},
    ])
    data = engagement_json(eng)
    assert [p.get("email") for p in data["participants"]] == ["sian@nbc.gov.uk", "rhys@castleway.co.uk"]
    assert data["report_names"] is True
    with create_from_json(data, tmp_path / "copy.mutuality") as copy:
        assert sorted(participant_emails(copy).values()) == ["rhys@castleway.co.uk", "sian@nbc.gov.uk"]
        assert report_names_shown(copy)


def test_a_format_3_file_gains_the_contact_table(closed_file: Path) -> None:
    raw = sqlite3.connect(closed_file)
    raw.execute("DROP TABLE participant_contact")
    raw.execute("DROP TABLE round_scope")  # format 3 had neither of the format-4 tables
    raw.execute("DROP TABLE engagement_context")  # nor the format-5 ones
    raw.execute("DROP TABLE round_excluded_factor")
    for table in ("parking_item", "agenda", "agenda_break", "agenda_dimension", "not_applicable"):  # format 5's
        raw.execute(f"DROP TABLE {table}")
    for table in ("framework_archive", "round_framework"):  # format 6's
        raw.execute(f"DROP TABLE {table}")
    raw.execute("PRAGMA user_version=3")
    raw.commit()
    raw.close()
    with Engagement.open(closed_file) as e:
        assert e.connection.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION == 6
        person = e.apply(AddParticipant("Ann", email="ann@x.org")).result
        assert participant_emails(e) == {person.id: "ann@x.org"}


@pytest.mark.parametrize(("sql", "problem"), [
    ("INSERT INTO participant_contact (uuid, participant_id, email, updated_at) "
     "VALUES ('u1', 1, 'not an address', '2026-01-01 00:00:00')", "email address the app never writes"),
    ("INSERT INTO file_meta (key, value) VALUES ('report_names', 'everyone')",
     "report's names setting is unknown"),
])
def test_received_values_are_checked(closed_file: Path, sql: str, problem: str) -> None:
    with Engagement.open(closed_file) as e:
        e.apply(AddParticipant("Ann"))
    raw = sqlite3.connect(closed_file)
    raw.execute(sql)
    raw.commit()
    raw.close()
    with pytest.raises(DamagedFileError, match=problem):
        store.inspect(closed_file)
