"""The engagement as JSON: out and back in gives the same identities and content."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import ValidationError
from mutuality_desktop.core.jsonio import FORMAT, create_from_json, engagement_json
from mutuality_desktop.core.opsjson import apply_json_operations

sys.path.insert(0, str(Path(__file__).parent))
from newer_guide import NEW, newer_guide_text  # noqa: E402

F = "joint-exit-strategy"


def test_json_out_and_in_keeps_identities_content_and_history(demo_path, tmp_path):
    with Engagement.open(demo_path, readonly=True) as demo:
        first = engagement_json(demo)
    assert first["format"] == FORMAT and first["version"] == 1
    assert {"engagement", "rounds", "participants", "actions", "framework", "history"} <= set(first)
    score = first["rounds"][0]["scores"][0]
    assert set(score) == {"id", "factor", "perspective", "level", "notes", "confidence"}
    assert first["rounds"][0]["participant_scores"] and first["actions"] and first["participants"]
    copy = tmp_path / "copy.mutuality"
    with create_from_json(json.loads(json.dumps(first)), copy) as again:
        second = engagement_json(again)
    assert second == first


def test_json_of_an_engagement_with_another_scoring_guide_carries_it(tmp_path, eng):
    data = engagement_json(eng)
    assert "source" not in data["framework"]  # this app's own guide is named, not copied
    data["framework"]["version"] = "0.0-elsewhere"
    with pytest.raises(ValidationError, match="does not carry it"):
        create_from_json(data, tmp_path / "x.mutuality")
    assert not (tmp_path / "x.mutuality").exists()


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(format="other"), "not a Mutuality engagement"),
    (lambda d: d.update(version=2), "version 2"),
    (lambda d: d["rounds"][0]["scores"].append({"factor": F, "perspective": "agreed", "level": 9}),
     "outside the scale"),
    (lambda d: d["rounds"].append(dict(d["rounds"][0])), "already a round|unique"),
    (lambda d: d["engagement"].update(title=""), "cannot be empty"),
    (lambda d: d["actions"].append({"factor": "nope", "text": "x"}), "Unknown factor"),
    (lambda d: d["rounds"][0].update(id="x" * 5000), "not a valid id"),
    (lambda d: d["history"].append({"id": "x", "at": "2026-01-01T00:00:00", "op": "set_score"}),
     "not a valid id"),
    (lambda d: d["history"].append(dict(d["history"][0])), "same entry"),
    (lambda d: d["history"].append({"id": "0c7e6a52-1f0b-4c39-9d55-7b0f3a1e2d44", "op": "set_notes",
                                    "at": "2026-01-01T00:00:00", "after": "x" * 5_000_000}),
     "far longer"),
])
def test_bad_json_creates_no_file(tmp_path, eng, change, message):
    eng.set_score(eng.rounds()[0].id, F, "agreed", 2)
    data = engagement_json(eng)
    change(data)
    out = tmp_path / "bad.mutuality"
    with pytest.raises(ValidationError, match=message):
        create_from_json(data, out)
    assert not out.exists()


def test_apply_json_operations_all_or_nothing_with_one_clear_line(eng):
    eng.author = "Andrea Price"
    good = [
        {"op": "set_score", "round": "Baseline", "factor": F, "perspective": "agreed", "level": 4},
        {"op": "set_notes", "round": "baseline", "factor": F, "perspective": "agreed", "notes": "Signed"},
        {"op": "set_confidence", "round": "Baseline", "factor": F, "confidence": "high"},
        {"op": "add_round", "label": "Year 2", "date": "2027-03-01"},
        {"op": "set_score", "round": "Year 2", "factor": F, "perspective": "client", "level": None},
        {"op": "add_action", "factor": F, "text": "Test the plan", "owner": "Ann", "side": "joint",
         "due": "2026-12-31", "round": "Year 2"},
        {"op": "add_participant", "name": "Ann Lee", "side": "provider"},
        {"op": "set_participant_score", "round": "Year 2", "factor": F, "participant": "Ann Lee",
         "level": 3},
    ]
    changes = apply_json_operations(eng, good)
    assert [c.op.kind for c in changes] == [g["op"] for g in good]
    base = eng.rounds()[0]
    score = eng.scores(base.id)[(F, "agreed")]
    assert (score.level, score.notes, score.confidence) == (4, "Signed", "high")
    assert eng.actions()[0].due_date.isoformat() == "2026-12-31"
    assert {e.author for e in eng.history()} == {"Andrea Price"}
    before = engagement_json(eng)
    bad = [{"op": "set_score", "round": "Baseline", "factor": F, "perspective": "agreed", "level": 1},
           {"op": "set_score", "round": "Nope", "factor": F, "perspective": "agreed", "level": 1}]
    with pytest.raises(ValidationError) as caught:
        apply_json_operations(eng, bad)
    assert str(caught.value) == ("Operation 2 (set_score) was refused: There is no round called "
                                 "'Nope'. Nothing was changed.")
    assert engagement_json(eng) == before


@pytest.mark.parametrize(("item", "message"), [
    ({"op": "set_score", "round": "Baseline", "factor": F, "perspective": "nobody", "level": 1},
     "client, provider or agreed"),
    ({"op": "set_score", "round": "Baseline", "factor": F, "level": "3"}, "whole number"),
    ({"op": "add_action", "factor": F, "text": "x", "due": "31/12/2026"}, "not a date"),
    ({"op": "remove_action", "action": "no-such-id"}, "no longer exists"),
    ({"op": "update_info", "changes": {"colour": "red"}}, "Unknown engagement field"),
    ("set_score", "not an object"),
])
def test_each_bad_operation_is_named(eng, item, message):
    with pytest.raises(ValidationError, match=message):
        apply_json_operations(eng, [item])
    assert eng.history() == []


def test_every_operation_kind_can_be_written_as_json(eng):
    assert set(ops.OPERATIONS) == {
        "set_score", "set_notes", "set_confidence", "set_participant_score", "update_info",
        "set_branding", "add_participant", "update_participant", "remove_participant", "add_round",
        "update_round", "remove_round", "set_scope", "add_action", "update_action", "remove_action",
        "set_participant_email", "set_report_names", "add_parking", "update_parking",
        "resolve_parking", "remove_parking", "set_agenda", "set_not_applicable", "move_to_framework"}
    rid = eng.rounds()[0].uuid
    action = eng.add_action(F, "Old text").uuid
    items = [
        {"op": "update_info", "changes": {"title": "New", "workshop_date": "2026-04-01"}},
        {"op": "set_branding", "content": "{}"},
        {"op": "add_participant", "name": "Ann", "role": "CEO", "side": "client"},
        {"op": "update_participant", "participant": "Ann", "changes": {"role": "Chair"}},
        {"op": "set_participant_score", "round": rid, "factor": F, "participant": "Ann", "level": 2},
        {"op": "set_participant_email", "participant": "Ann", "email": "ann@example.org"},
        {"op": "set_report_names", "shown": True},
        {"op": "remove_participant", "participant": "Ann"},
        {"op": "add_round", "label": "Later"},
        {"op": "set_scope", "round": "Later", "dimensions": ["economy", "mutuality"]},
        {"op": "set_not_applicable", "round": "Later", "factor": F, "reason": "Not let yet"},
        {"op": "update_round", "round": "Later", "changes": {"label": "Much later", "date": "2027-01-01"}},
        {"op": "remove_round", "round": "Much later"},
        {"op": "update_action", "action": action, "changes": {"status": "done", "due": "2026-05-01"}},
        {"op": "remove_action", "action": action},
        {"op": "add_parking", "text": "Budget owner?", "factor": F, "round": "Baseline",
         "id": "0c7e6a52-1f0b-4c39-9d55-7b0f3a1e2d44"},
        {"op": "update_parking", "parking": "0c7e6a52-1f0b-4c39-9d55-7b0f3a1e2d44",
         "changes": {"raised_by": "client"}},
        {"op": "resolve_parking", "parking": "0c7e6a52-1f0b-4c39-9d55-7b0f3a1e2d44"},
        {"op": "remove_parking", "parking": "0c7e6a52-1f0b-4c39-9d55-7b0f3a1e2d44"},
        {"op": "set_agenda", "round": "Baseline", "start": "09:30", "finish": "16:30",
         "breaks": [{"label": "Lunch", "start": "12:30", "minutes": 45}]},
        {"op": "move_to_framework", "guide": json.loads(newer_guide_text())},
    ]
    apply_json_operations(eng, items)
    assert eng.framework.version == NEW
    assert eng.info().title == "New" and eng.participants() == [] and eng.actions() == []
    assert [e.op for e in eng.history()][-len(items):] == [i["op"] for i in items]


def test_a_factor_not_applicable_goes_out_and_comes_back_with_its_reason(eng, tmp_path):
    rid = eng.rounds()[0].id
    eng.set_not_applicable(rid, F, "Fixed-price concession: there are no costs to open")
    data = engagement_json(eng)
    assert data["rounds"][0]["not_applicable"] == [
        {"factor": F, "reason": "Fixed-price concession: there are no costs to open"}]
    copy = create_from_json(data, tmp_path / "copy.mutuality")
    assert copy.not_applicable(copy.rounds()[0].id) == {F: "Fixed-price concession: there are no costs to open"}
    copy.close()
