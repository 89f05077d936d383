"""Which factors first: which factors of a round to discuss first, and why, from pre-work and earlier rounds."""

from __future__ import annotations

from pathlib import Path

from mutuality_desktop.cli import run
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.triage import triage

MUTUALITY_COUNT = 15


def _ids(items: object) -> list[str]:
    return [i.factor_id for i in items]  # type: ignore[attr-defined]


def test_a_new_round_with_nothing_known_lists_every_in_scope_factor_as_no_views(eng: Engagement) -> None:
    rid = eng.rounds()[0].id
    result = triage(eng, rid)
    assert result.discuss == () and result.confirm == ()
    assert len(result.no_views) == MUTUALITY_COUNT, "the default scope: Mutuality only"
    assert result.sources == ()


def test_pre_work_with_the_sides_apart_is_discussed_first_with_its_reason(eng: Engagement) -> None:
    rid = eng.rounds()[0].id
    people = [eng.add_participant(n, "Director", side) for n, side in
              (("Ann", "client"), ("Bob", "client"), ("Cat", "provider"), ("Dev", "provider"))]
    for p in people:
        level = 1 if p.side == "client" else 4
        eng.set_participant_score(rid, "joint-governance-structure", p.id, level)
        eng.set_participant_score(rid, "joint-objective-setting", p.id, 3)
    result = triage(eng, rid)
    assert _ids(result.discuss) == ["joint-governance-structure"]
    reason = result.discuss[0].reasons[0]
    assert "client views centre on 1, provider views on 4 (3 levels apart)" in reason
    assert _ids(result.confirm) == ["joint-objective-setting"]
    assert len(result.no_views) == MUTUALITY_COUNT - 2
    assert result.sources == ("pre-work returns for Baseline (4 people)",)


def test_an_earlier_round_with_sides_apart_low_confidence_or_no_notes_is_discussed(eng: Engagement) -> None:
    base = eng.rounds()[0].id
    eng.set_score(base, "joint-objective-setting", "client", 1)
    eng.set_score(base, "joint-objective-setting", "provider", 4)
    eng.set_notes(base, "joint-objective-setting", "agreed", "Plan seen")
    eng.set_score(base, "joint-governance-structure", "agreed", 3)
    eng.set_notes(base, "joint-governance-structure", "agreed", "Board minutes")
    eng.set_confidence(base, "joint-governance-structure", "agreed", "low")
    eng.set_score(base, "operational-leadership", "agreed", 2)  # no notes
    eng.set_score(base, "joint-executive-leadership", "agreed", 3)
    eng.set_notes(base, "joint-executive-leadership", "agreed", "Seen the terms of reference")
    follow = eng.add_round("Follow-up").id
    result = triage(eng, follow)
    reasons = {i.factor_id: i.reasons for i in result.discuss}
    assert reasons["joint-objective-setting"] == (  # agreed notes and no agreed level: Not agreed
        "Baseline: not agreed by the room (client 1, provider 4)",
        "Baseline: client scored 1, provider 4 (3 levels apart)")
    assert reasons["joint-governance-structure"] == ("Baseline: agreed score held with low confidence",)
    assert reasons["operational-leadership"] == ("Baseline: no evidence or notes recorded",)
    assert _ids(result.discuss)[0] == "joint-objective-setting", "the widest gap first"
    assert _ids(result.confirm) == ["joint-executive-leadership"]
    assert result.sources == ("Baseline's scores",)


def test_only_the_round_scope_is_triaged(eng: Engagement) -> None:
    rid = eng.rounds()[0].id
    eng.set_scope(rid, ["economy"])
    result = triage(eng, rid)
    assert {i.factor.dimension_id for i in result.no_views} == {"economy"}


def test_the_cli_prints_the_lists(demo_path: Path, capsys: object) -> None:
    path = demo_path
    assert run(["triage", str(path), "--round", "Baseline"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "Which factors first in Baseline" in out
    discuss = out.split("Discuss these")[1].split("Confirm quickly")[0]
    assert "Joint risk management strategy: pre-work: client views centre on 0" in discuss


def test_an_agreed_level_two_from_both_sides_agreeing_views_is_discussed(eng: Engagement) -> None:
    """Play-through 10: client 3, provider 3, agreed 1 with evidence was under "Confirm quickly"."""
    base = eng.rounds()[0].id
    for perspective, level in (("client", 3), ("provider", 3), ("agreed", 1)):
        eng.set_score(base, "operational-leadership", perspective, level)
        eng.set_notes(base, "operational-leadership", perspective, "Minutes seen")
    for perspective, level in (("client", 2), ("provider", 4), ("agreed", 4)):
        eng.set_score(base, "joint-objective-setting", perspective, level)
        eng.set_notes(base, "joint-objective-setting", perspective, "Plan seen")
    for perspective, level in (("client", 3), ("provider", 3), ("agreed", 2)):
        eng.set_score(base, "joint-executive-leadership", perspective, level)
        eng.set_notes(base, "joint-executive-leadership", perspective, "Terms of reference")
    result = triage(eng, base)
    reasons = {i.factor_id: i.reasons for i in result.discuss}
    assert reasons["operational-leadership"] == (
        "Baseline: agreed 1, 2 levels below both sides' own view (3)",)
    assert "Baseline: agreed 4, 2 levels above the client's 2" in reasons["joint-objective-setting"]
    assert _ids(result.confirm) == ["joint-executive-leadership"], "one level from the sides: confirm"
    item = next(i for i in result.discuss if i.factor_id == "operational-leadership")
    assert item.gap == 2
    eng.set_score(base, "operational-leadership", "client", 1)  # now one side holds the agreed view
    reasons = {i.factor_id: i.reasons for i in triage(eng, base).discuss}
    assert "Baseline: agreed 1, 2 levels below the provider's 3" in reasons["operational-leadership"]


def test_the_cli_lists_an_agreed_level_far_from_both_sides_under_discuss(
        tmp_path: Path, capsys: object) -> None:
    from .conftest import INFO

    path = tmp_path / "far.mutuality"
    with Engagement.create(path, INFO) as e:
        base = e.rounds()[0].id
        for perspective, level in (("client", 3), ("provider", 3), ("agreed", 1)):
            e.set_score(base, "operational-leadership", perspective, level)
            e.set_notes(base, "operational-leadership", perspective, "Minutes seen")
    assert run(["triage", str(path), "--round", "Baseline"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    discuss = out.split("Discuss these")[1].split("Confirm quickly")[0]
    assert "Operational leadership: Baseline: agreed 1, 2 levels below both sides' own view (3)" in discuss


def test_a_factor_with_only_a_note_has_no_view_to_confirm(eng: Engagement) -> None:
    """Play-through s6 5: two factors with only a note each were listed under "Confirm quickly"."""
    rid = eng.rounds()[0].id
    eng.set_notes(rid, "joint-governance-structure", "client", "The board meets monthly")
    eng.set_notes(rid, "joint-executive-leadership", "agreed", "To ask about sponsors")
    result = triage(eng, rid)
    assert result.confirm == () and result.discuss == ()
    assert {"joint-governance-structure", "joint-executive-leadership"} <= set(_ids(result.no_views))
