"""Operations: apply and its inverse round-trip every kind exactly; history records each one."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.agenda import read_agenda
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import ValidationError
from mutuality_desktop.core.framework_move import round_guides
from mutuality_desktop.core.parking import parking_items
from mutuality_desktop.core.prework.contacts import participant_emails, report_names_shown

sys.path.insert(0, str(Path(__file__).parent))
from newer_guide import newer_guide_text  # noqa: E402

F, G = "joint-objective-setting", "joint-exit-strategy"


def state(e: Engagement) -> dict[str, Any]:
    """Everything a user can see in the file, identities included (timestamps left out)."""
    rounds = e.rounds()
    return {
        "info": e.info(),
        "rounds": rounds,
        "participants": e.participants(),
        "scores": {r.uuid: sorted((dataclasses.replace(s, updated_at=None) for s in e.scores(r.id).values()),
                                  key=lambda s: (s.factor_id, s.perspective)) for r in rounds},
        "returns": {r.uuid: e.participant_scores(r.id) for r in rounds},
        "scope": {r.uuid: e.chosen_scope(r.id) for r in rounds},
        "not_applicable": {r.uuid: e.not_applicable(r.id) for r in rounds},
        "actions": e.actions(),
        "branding": e.branding_json(),
        "emails": participant_emails(e),
        "report_names": report_names_shown(e),
        "parking": parking_items(e),
        "agenda": {r.uuid: read_agenda(e, r.id) for r in rounds},
        "guides": (e.framework.version, {r.uuid: g.version for r, g in zip(rounds, round_guides(e).values(),
                                                                           strict=True)}),
    }


@pytest.fixture
def full(eng: Engagement) -> Engagement:
    """An engagement with something of every kind, so removals have things to take with them."""
    base = eng.rounds()[0]
    follow = eng.add_round("Follow-up", dt.date(2026, 9, 1))
    person = eng.add_participant("Siân Evans", "Director of Place", "client")
    eng.apply(ops.SetParticipantEmail(person.uuid, "s.evans@northmoor.gov.uk"))  # removal keeps it
    for rnd in (base, follow):
        eng.set_score(rnd.id, F, "agreed", 3)
        eng.set_notes(rnd.id, F, "client", "Charter seen")
        eng.set_confidence(rnd.id, F, "agreed", "medium")
        eng.set_participant_score(rnd.id, F, person.id, 4, "Pre-work")
    eng.add_action(F, "Agree a joint plan", "Siân Evans", "joint", dt.date(2026, 6, 30), "open", follow.id)
    eng.set_not_applicable(follow.id, G, "No exit is possible: a statutory shared service")  # removal keeps it
    eng.save_branding('{"consultancy_name": "Before"}')
    eng.apply(ops.AddParking("Who funds the exit plan?", G, follow.uuid, "client"))  # removal unlinks it
    eng.apply(ops.SetAgenda(follow.uuid, 570, 990, (("Lunch", 750, 45),), (("mutuality", 200),)))
    return eng


def every_operation(e: Engagement) -> list[ops.Operation]:
    base, follow = e.rounds()
    (person,) = e.participants()
    (action,) = e.actions()
    (point,) = parking_items(e)
    return [
        ops.SetScore(base.uuid, F, "client", 5),
        ops.SetScore(base.uuid, F, "agreed", None),
        ops.SetNotes(base.uuid, F, "client", "Minutes of the joint board"),
        ops.SetConfidence(base.uuid, F, "agreed", "high"),
        ops.SetParticipantScore(follow.uuid, G, person.uuid, 2, "New view"),
        ops.UpdateInfo({"title": "Renamed", "contract_annual_value": 12}),
        ops.SetBranding('{"consultancy_name": "After"}'),
        ops.SetBranding(None),
        ops.AddParticipant("Łukasz Nowak", "Operations Director", "provider"),
        ops.UpdateParticipant(person.uuid, {"role": "Chief Executive", "side": "observer"}),
        ops.SetParticipantEmail(person.uuid, "sian.evans@northmoor.gov.uk"),
        ops.SetReportNames(True),
        ops.RemoveParticipant(person.uuid),
        ops.AddRound("Second follow-up", dt.date(2027, 3, 1)),
        ops.UpdateRound(follow.uuid, {"label": "Six months on", "date": None}),
        ops.SetScope(follow.uuid, ("mutuality", "economy")),
        ops.SetNotApplicable(base.uuid, G, "Fixed-price concession: no open book"),
        ops.SetNotApplicable(follow.uuid, G, None),
        ops.RemoveRound(follow.uuid),
        ops.AddAction(G, "Draft the exit plan", "Ann", "provider", dt.date(2026, 12, 1), "open", base.uuid),
        ops.UpdateAction(action.uuid, {"status": "done", "round": None, "due": None}),
        ops.RemoveAction(action.uuid),
        ops.AddParking("Check the KPI data", F, base.uuid, "provider"),
        ops.UpdateParking(point.uuid, {"text": "Who funds it?", "round": None, "raised_by": None}),
        ops.ResolveParking(point.uuid),
        ops.RemoveParking(point.uuid),
        ops.SetAgenda(base.uuid, 540, 960, (("Coffee", 660, 15),)),
        ops.MoveToFramework(newer_guide_text()),  # issue 21: the rounds so far keep 2.0.0
    ]


def test_every_kind_of_operation_is_covered(full):
    assert {type(op) for op in every_operation(full)} == set(ops.OPERATIONS.values())


@pytest.mark.parametrize("index", range(28))
def test_apply_then_inverse_restores_exactly_and_redo_reapplies(full, index):
    op = every_operation(full)[index]
    before = state(full)
    change = full.apply(op)
    after = state(full)
    assert after != before, op
    undone = full.apply(change.inverse)
    assert state(full) == before, op
    full.apply(undone.inverse)  # redo: the inverse of the inverse
    assert state(full) == after, op


def test_history_lists_every_change_with_its_author_and_copy(full):
    full.author = "Andrea Price"
    start = len(full.history())
    operations = every_operation(full)
    changes = [full.apply(op) for op in operations]
    entries = full.history()[start:]
    assert [e.op for e in entries] == [op.kind for op in operations]
    assert [e.uuid for e in entries] == [c.uuid for c in changes]
    assert {e.author for e in entries} == {"Andrea Price"}
    assert len({e.replica for e in full.history()}) == 1
    score = entries[0]
    assert (score.before, score.after) == (None, 5)
    assert score.target["factor"] == F and score.target["perspective"] == "client"
    assert full.history(factor=F)[-1].op in ("set_confidence", "set_notes", "set_score",
                                             "update_action", "remove_action", "add_parking")


def test_history_is_written_in_the_same_transaction_and_a_second_connection_sees_it(full):
    full.author = "Andrea Price"
    full.set_score(full.rounds()[0].id, G, "agreed", 2)
    raw = sqlite3.connect(full.path)
    row = raw.execute('SELECT op, author, "after" FROM history ORDER BY id DESC LIMIT 1').fetchone()
    raw.close()
    assert row == ("set_score", "Andrea Price", "2")


def test_typing_in_one_box_is_one_history_entry_and_text_taken_back_leaves_none(eng):
    rid = eng.rounds()[0].id
    start = len(eng.history())
    for text in ("S", "Si", "Sig", "Signed charter"):
        eng.set_notes(rid, F, "agreed", text)
    entries = eng.history()[start:]
    assert [(e.op, e.before, e.after) for e in entries] == [("set_notes", "", "Signed charter")]
    eng.set_notes(rid, G, "agreed", "COMMERCIALLY-SENSITIVE")
    eng.set_notes(rid, G, "agreed", "")
    assert [e.after for e in eng.history()[start:]] == ["Signed charter"]
    eng.author = "Someone else"
    eng.set_notes(rid, F, "agreed", "Signed charter, dated")
    assert [e.author for e in eng.history()[start:]][-1] == "Someone else"
    assert len(eng.history()) == start + 2


def test_a_bad_operation_among_several_changes_nothing(full):
    before, history = state(full), full.history()
    base = full.rounds()[0]
    with pytest.raises(ValidationError, match="outside the scale"):
        full.apply_all([ops.SetScore(base.uuid, G, "agreed", 2), ops.AddRound("Later"),
                        ops.SetScore(base.uuid, G, "client", 9)])
    assert state(full) == before and full.history() == history
    with pytest.raises(ValidationError, match="no longer exists"):
        full.apply(ops.RemoveRound("not-a-round"))
    full.apply(ops.SetScore(base.uuid, G, "agreed", 2))  # and the file goes on working
    assert full.scores(base.id)[(G, "agreed")].level == 2


def test_a_copy_elsewhere_gets_its_own_replica_on_its_first_change(full, tmp_path):
    full.set_score(full.rounds()[0].id, G, "agreed", 1)
    here = full.history()[-1].replica
    full.close()
    copy = tmp_path / "colleague.mutuality"
    shutil.copyfile(full.path, copy)
    with Engagement.open(copy) as other:
        other.set_score(other.rounds()[0].id, G, "agreed", 2)
        there = other.history()[-1].replica
    with Engagement.open(full.path) as again:
        again.set_score(again.rounds()[0].id, G, "agreed", 3)
        assert again.history()[-1].replica == here
    assert there != here


def test_the_round_trip_above_covers_every_operation_listed(full):
    assert len(every_operation(full)) == 28  # raise the parametrize range with the list
