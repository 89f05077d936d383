"""The Not agreed sentence stays true when a side's level changes (play-through s6 finding 64).

"Not agreed. Northmoor Borough Council holds level 3 (Established) and …" was left saying level 3
after the client's level became 2, on screen and in the PDF. Core now rewrites the sentence with
the levels as they are, in the same transaction, recorded in the history; undoing the level puts
the sentence back.
"""

from __future__ import annotations

import json
from pathlib import Path

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.agreement import not_agreed_opening, restated_not_agreed
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework import default_framework

from .conftest import INFO, run_cli

FACTOR = "joint-communications-strategy"
REASON = " The council counts the protocol kept; the provider says the August statement was late."


def _cli(*args: str) -> str:
    return run_cli(*args)


def _apply(tmp_path: Path, path: Path, items: list[dict[str, object]]) -> None:
    (tmp_path / "ops.json").write_text(json.dumps(items), encoding="utf-8")
    _cli("apply", str(path), str(tmp_path / "ops.json"))


def _score(perspective: str, level: int | None) -> dict[str, object]:
    return {"op": "set_score", "round": "Baseline", "factor": FACTOR, "perspective": perspective, "level": level}


def _agreed_notes(path: Path) -> str:
    data = json.loads(_cli("json", str(path)))
    rnd = next(r for r in data["rounds"] if r["label"] == "Baseline")
    return next(s["notes"] for s in rnd["scores"] if s["factor"] == FACTOR and s["perspective"] == "agreed")


def _opening(client: int | None, provider: int | None) -> str:
    return not_agreed_opening(default_framework().scale, INFO.client_organisation,
                              INFO.provider_organisation, client, provider)


def test_a_level_changed_by_apply_rewrites_the_sentence_and_keeps_the_reason(tmp_path: Path):
    path = tmp_path / "dispute.mutuality"
    Engagement.create(path, INFO).close()
    _apply(tmp_path, path, [_score("client", 3), _score("provider", 1),
                            {"op": "set_notes", "round": "Baseline", "factor": FACTOR, "perspective": "agreed",
                             "notes": _opening(3, 1) + REASON}])
    assert _agreed_notes(path) == ("Not agreed. Northmoor Borough Council holds level 3 (Established) "
                                   "and Castleway Services Ltd level 1 (Initial)." + REASON)
    _apply(tmp_path, path, [_score("client", 2)])
    assert _agreed_notes(path) == ("Not agreed. Northmoor Borough Council holds level 2 (Developing) "
                                   "and Castleway Services Ltd level 1 (Initial)." + REASON)
    _apply(tmp_path, path, [_score("provider", None)])  # a side's level cleared: the sentence says so
    assert _agreed_notes(path) == ("Not agreed. Northmoor Borough Council holds level 2 (Developing) "
                                   "and Castleway Services Ltd has no level." + REASON)
    _apply(tmp_path, path, [_score("provider", 4)])
    assert _agreed_notes(path) == _opening(2, 4) + REASON
    with Engagement.open(path, readonly=True) as eng:  # each rewrite is in the history
        notes_entries = [e for e in eng.history(factor=FACTOR) if e.op == "set_notes"]
    assert len(notes_entries) == 4
    assert notes_entries[-1].after == _opening(2, 4) + REASON


def test_undo_of_the_level_puts_the_sentence_back(tmp_path: Path):
    path = tmp_path / "dispute.mutuality"
    with Engagement.create(path, INFO) as eng:
        rnd = eng.rounds()[0]
        uuid = eng.round_uuid(rnd.id)
        eng.apply_all([ops.SetScore(uuid, FACTOR, "client", 3), ops.SetScore(uuid, FACTOR, "provider", 1),
                       ops.SetNotes(uuid, FACTOR, "agreed", _opening(3, 1) + REASON)])
        change = eng.apply(ops.SetScore(uuid, FACTOR, "client", 2))
        assert eng.scores(rnd.id)[(FACTOR, "agreed")].notes == _opening(2, 1) + REASON
        eng.apply(change.inverse)
        assert eng.scores(rnd.id)[(FACTOR, "agreed")].notes == _opening(3, 1) + REASON
        assert eng.scores(rnd.id)[(FACTOR, "client")].level == 3


def test_only_a_sentence_true_before_the_change_is_rewritten():
    scale = default_framework().scale
    sentence = _opening(3, 1)
    assert restated_not_agreed(scale, sentence, (3, 1), (2, 1)) == _opening(2, 1)
    assert restated_not_agreed(scale, sentence, (None, 1), (3, 1)) is None  # a file rebuilt level by level
    assert restated_not_agreed(scale, "The room did not agree on 3.", (3, 1), (2, 1)) is None
    assert restated_not_agreed(scale, sentence, (3, 1), (3, 1)) is None
    assert restated_not_agreed(scale, _opening(None, None), (None, None), (2, None)) == _opening(2, None)
    assert _opening(None, None) == "Not agreed. Northmoor Borough Council has no level and Castleway Services Ltd has no level."


def test_the_json_form_rebuilds_to_the_same_notes(tmp_path: Path):
    path = tmp_path / "dispute.mutuality"
    Engagement.create(path, INFO).close()
    _apply(tmp_path, path, [{"op": "set_notes", "round": "Baseline", "factor": FACTOR, "perspective": "agreed",
                             "notes": _opening(3, 1) + REASON}, _score("client", 3), _score("provider", 1)])
    assert _agreed_notes(path) == _opening(3, 1) + REASON  # notes first, levels after: left as written
