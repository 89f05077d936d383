"""Random edits on two copies, merged both ways: the same engagement, and no change of either side
lost unless the other side changed the same field (and a preference decided it)."""

from __future__ import annotations

import datetime as dt
import random
import shutil

import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.merge import plan_merge
from mutuality_desktop.core.merge_files import merge_files, open_copy
from mutuality_desktop.core.merge_state import read_state

from .test_merge import base  # noqa: F401  (the fixture)

FACTORS = ("joint-objective-setting", "joint-governance-structure", "joint-exit-strategy")


def random_edits(e: Engagement, rng: random.Random, side: str, count: int) -> None:
    for i in range(count):
        rounds, people, actions = e.rounds(), e.participants(), e.actions()
        rid = rng.choice(rounds).id
        factor = rng.choice(FACTORS)
        kind = rng.randrange(12)
        if kind == 0:
            e.set_score(rid, factor, rng.choice(("client", "provider", "agreed")), rng.randrange(6))
        elif kind == 1:
            e.set_notes(rid, factor, "agreed", f"{side} note {i}")
        elif kind == 2:
            e.set_confidence(rid, factor, "agreed", rng.choice(("low", "medium", "high", None)))
        elif kind == 3 and people:
            e.set_participant_score(rid, factor, rng.choice(people).id, rng.randrange(6), f"{side} {i}")
        elif kind == 4:
            e.add_action(factor, f"{side} action {i}", side)
        elif kind == 5 and actions:
            e.update_action(rng.choice(actions).id, status=rng.choice(("open", "done", "dropped")))
        elif kind == 6 and actions:
            e.remove_action(rng.choice(actions).id)
        elif kind == 7:
            e.add_participant(f"{side} person {i}", "Director", rng.choice(("client", "provider")))
        elif kind == 8 and people:
            e.update_participant(rng.choice(people).id, role=f"{side} role {i}")
        elif kind == 9:
            e.update_info(workshop_venue=f"{side} venue {i}")
        elif kind == 10:
            e.add_round(f"{side} round {i}", dt.date(2027, 1, 1 + i % 28))
        elif kind == 11 and len(rounds) > 1:
            e.update_round(rng.choice(rounds).id, date=dt.date(2027, 6, 1 + i % 28))


@pytest.mark.parametrize("seed", range(6))
def test_random_edits_merge_both_ways_without_losing_a_change(base, tmp_path, seed):  # noqa: F811
    rng = random.Random(seed)
    ours, theirs = tmp_path / "a.mutuality", tmp_path / "b.mutuality"
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    with Engagement.open(ours) as e:
        e.author = "Andrea Price"
        random_edits(e, rng, "A", 25)
    with Engagement.open(theirs) as e:
        e.author = "Sian Evans"
        random_edits(e, rng, "B", 25)
    one, two = tmp_path / "one.mutuality", tmp_path / "two.mutuality"
    merge_files(ours, theirs, one, prefer="ours")
    merge_files(theirs, ours, two, prefer="theirs")
    states = {}
    for name, path in (("base", base), ("ours", ours), ("theirs", theirs), ("one", one),
                       ("two", two)):
        with open_copy(path) as e:
            states[name] = read_state(e)
    assert states["one"] == states["two"]
    for other in (ours, theirs, two):  # merging any of them again changes nothing
        with open_copy(one, editable=True) as mine, open_copy(other) as them:
            plan = plan_merge(mine, them)
            assert not plan.take and not plan.conflicts, other
    b, o, t, m = states["base"], states["ours"], states["theirs"], states["one"]
    for key in set(b) | set(o) | set(t) | set(m):
        assert m.get(key) in (o.get(key), t.get(key)), key
        if o.get(key) == b.get(key) and t.get(key) != b.get(key):
            assert m.get(key) == t.get(key) or _row_decided(o, t, key), key
        if t.get(key) == b.get(key) and o.get(key) != b.get(key):
            assert m.get(key) == o.get(key) or _row_decided(o, t, key), key


def _row_decided(ours: dict, theirs: dict, key: tuple) -> bool:
    """A field of a row one side removed (or of a round or person one side removed): the row as a
    whole was taken or decided."""
    rows = [key[:2]] if key[0] in ("round", "participant", "action") else []
    if key[0] in ("score", "pscore"):
        rows.append(("round", key[1]))
    if key[0] == "pscore":
        rows.append(("participant", key[3]))
    return any(ours.get(row) != theirs.get(row) for row in rows)


def test_a_round_added_there_and_a_participant_added_here_both_arrive(base, tmp_path):  # noqa: F811
    ours, theirs = tmp_path / "a.mutuality", tmp_path / "b.mutuality"
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    with Engagement.open(theirs) as e:
        rnd = e.add_round("Year two", dt.date(2027, 9, 1))
        e.set_score(rnd.id, FACTORS[0], "agreed", 4)
        e.set_notes(rnd.id, FACTORS[0], "agreed", "Second year evidence.")
    with Engagement.open(ours) as e:
        person = e.add_participant("Priya Shah", "Finance lead", "client")
        e.set_participant_score(e.rounds()[0].id, FACTORS[1], person.id, 3, "Seen the accounts")
    out = tmp_path / "out.mutuality"
    _, lines = merge_files(ours, theirs, out)
    assert lines == []
    with Engagement.open(out, readonly=True) as e:
        year_two = e.round_by_label("Year two")
        score = e.scores(year_two.id)[(FACTORS[0], "agreed")]
        assert (score.level, score.notes) == (4, "Second year evidence.")
        assert "Priya Shah" in [p.name for p in e.participants()]
        assert any(ps.comment == "Seen the accounts" for ps in e.participant_scores(e.rounds()[0].id))


def test_the_same_round_added_on_both_sides_is_refused_in_one_sentence(base, tmp_path):  # noqa: F811
    from mutuality_desktop.core.errors import ValidationError

    ours, theirs = tmp_path / "a.mutuality", tmp_path / "b.mutuality"
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    for path in (ours, theirs):
        with Engagement.open(path) as e:
            e.add_round("Year two")
    with pytest.raises(ValidationError, match="already a round called 'Year two'"):
        merge_files(ours, theirs, tmp_path / "out.mutuality")
    assert not (tmp_path / "out.mutuality").exists()


def test_an_action_added_in_a_round_the_other_side_removed_stays_unlinked(base, tmp_path):  # noqa: F811
    ours, theirs = tmp_path / "a.mutuality", tmp_path / "b.mutuality"
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    with Engagement.open(ours) as e:
        e.remove_round(e.round_by_label("Follow-up").id)
    with Engagement.open(theirs) as e:
        e.add_action(FACTORS[2], "Plan the follow-up visit", round_id=e.round_by_label("Follow-up").id)
    out = tmp_path / "out.mutuality"
    _, lines = merge_files(ours, theirs, out)
    assert lines == []
    with Engagement.open(out, readonly=True) as e:
        assert [r.label for r in e.rounds()] == ["Baseline"]
        added = next(a for a in e.actions() if a.text == "Plan the follow-up visit")
        assert added.round_id is None
