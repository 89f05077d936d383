"""Play-through 7, 1: a factor the room recorded as Not agreed was listed under "Confirm quickly"."""

from __future__ import annotations

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.triage import triage


def _ids(items: object) -> list[str]:
    return [i.factor_id for i in items]  # type: ignore[attr-defined]


def test_a_factor_not_agreed_one_level_apart_is_discussed_never_confirmed(eng: Engagement) -> None:
    base = eng.rounds()[0].id
    eng.set_score(base, "joint-governance-structure", "client", 2)
    eng.set_score(base, "joint-governance-structure", "provider", 3)
    eng.set_notes(base, "joint-governance-structure", "client", "Board minutes")
    eng.set_notes(base, "joint-governance-structure", "agreed",
                  "Not agreed. The council holds level 2 (Developing) and Tarnwell level 3 (Defined). "
                  "The board has not met since June.")
    result = triage(eng, base)
    assert "joint-governance-structure" not in _ids(result.confirm)
    item = next(i for i in result.discuss if i.factor_id == "joint-governance-structure")
    assert item.reasons[0] == "Baseline: not agreed by the room (client 2, provider 3)"
    assert item.basis == ("Baseline: client 2, provider 3, not agreed",)
    # the next round, with nothing of its own yet, still has it to discuss
    follow = eng.add_round("Follow-up").id
    later = triage(eng, follow)
    assert "Baseline: not agreed by the room (client 2, provider 3)" in next(
        i for i in later.discuss if i.factor_id == "joint-governance-structure").reasons


def test_sides_one_apart_with_no_agreed_notes_are_not_called_not_agreed(eng: Engagement) -> None:
    """Both sides' levels and no agreed notes: the room may not have reached it (not yet agreed)."""
    base = eng.rounds()[0].id
    eng.set_score(base, "joint-governance-structure", "client", 2)
    eng.set_score(base, "joint-governance-structure", "provider", 3)
    eng.set_notes(base, "joint-governance-structure", "client", "Board minutes")
    result = triage(eng, base)
    assert "joint-governance-structure" in _ids(result.confirm)
    item = next(i for i in result.confirm if i.factor_id == "joint-governance-structure")
    assert "not agreed" not in item.line()
