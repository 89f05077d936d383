"""Scoring edge cases: nothing scored, one perspective only, all not assessed, two rounds."""

from __future__ import annotations

import pytest

from mutuality_desktop.core import scoring
from mutuality_desktop.core.framework import default_framework
from mutuality_desktop.core.model import Score

FW = default_framework()
MUT = [f.id for f in FW.dimension("mutuality").factors]


def scores(**by_perspective: dict[str, int | None]) -> dict[tuple[str, str], Score]:
    out = {}
    for perspective, levels in by_perspective.items():
        for fid, level in levels.items():
            out[(fid, perspective)] = Score(1, fid, perspective, level)
    return out


def test_nothing_scored():
    s = scores()
    dims = scoring.dimension_scores(FW, scoring.levels_of(s))
    assert all(d.mean is None and d.assessed == 0 and d.coverage == 0 for d in dims)
    assert scoring.mutuality_index(FW, scoring.levels_of(s)).value is None
    assert scoring.perception_gaps(FW, s) == []
    assert scoring.strengths(FW, s) == [] and scoring.priorities(FW, s) == []
    c = scoring.completeness(FW, s)
    assert (c.agreed, c.partly, c.total, c.fraction) == (0, 0, 40, 0.0)
    assert len(c.missing) == 40


def test_not_assessed_is_ignored_not_counted_as_zero():
    s = scores(agreed={MUT[0]: 4, MUT[1]: None, MUT[2]: 2})
    mut = next(d for d in scoring.dimension_scores(FW, scoring.levels_of(s)) if d.dimension_id == "mutuality")
    assert mut.mean == 3 and mut.assessed == 2 and mut.total == 15
    assert scoring.mutuality_index(FW, scoring.levels_of(s)).value == pytest.approx(60.0)


def test_all_not_assessed():
    s = scores(agreed=dict.fromkeys(MUT))
    assert scoring.mutuality_index(FW, scoring.levels_of(s)).value is None
    assert scoring.completeness(FW, s, "mutuality").agreed == 0


def test_one_perspective_only_gives_partly_scored_and_no_gap():
    s = scores(client={MUT[0]: 2})
    assert scoring.factor_state(s, MUT[0]) == scoring.PARTLY_SCORED
    assert scoring.factor_state(s, MUT[1]) == scoring.NOT_STARTED
    assert scoring.perception_gaps(FW, s) == []
    c = scoring.completeness(FW, s, "mutuality")
    assert c.partly == 1 and c.by_perspective == {"client": 1, "provider": 0, "agreed": 0}


def test_gaps_largest_first_signed_client_minus_provider():
    s = scores(client={MUT[0]: 1, MUT[1]: 4, MUT[2]: 3}, provider={MUT[0]: 4, MUT[1]: 3, MUT[2]: 3})
    gaps = scoring.perception_gaps(FW, s)
    assert [(g.factor.id, g.gap) for g in gaps] == [(MUT[0], -3), (MUT[1], 1), (MUT[2], 0)]


def test_index_uses_the_whole_scale():
    assert scoring.mutuality_index(FW, dict.fromkeys(MUT, 5)).value == 100
    assert scoring.mutuality_index(FW, dict.fromkeys(MUT, 0)).value == 0


def test_priorities_lowest_first_then_biggest_gap_and_strengths_highest_first():
    s = scores(
        agreed={MUT[0]: 1, MUT[1]: 1, MUT[2]: 5, MUT[3]: 4},
        client={MUT[0]: 1, MUT[1]: 0},
        provider={MUT[0]: 1, MUT[1]: 3},
    )
    assert [r.factor.id for r in scoring.priorities(FW, s, 2)] == [MUT[1], MUT[0]]
    assert [r.factor.id for r in scoring.strengths(FW, s, 2)] == [MUT[2], MUT[3]]


def test_round_over_round_change():
    before = {MUT[0]: 1, MUT[1]: 3, MUT[2]: None}
    after = {MUT[0]: 3, MUT[1]: 2, MUT[2]: 2}
    changes = scoring.factor_changes(FW, before, after)
    assert (changes[0].factor.id, changes[0].delta) == (MUT[0], 2)
    assert (changes[1].factor.id, changes[1].delta) == (MUT[1], -1)
    assert next(c for c in changes if c.factor.id == MUT[2]).delta is None
    dims = {d.dimension_id: d for d in scoring.dimension_changes(FW, before, after)}
    assert dims["mutuality"].before == 2 and dims["mutuality"].after == pytest.approx(7 / 3)
    assert dims["economy"].delta is None


def test_completeness_per_dimension():
    econ = [f.id for f in FW.dimension("economy").factors]
    s = scores(agreed={econ[0]: 3, MUT[0]: 2})
    assert scoring.completeness(FW, s, "economy").agreed == 1
    assert scoring.completeness(FW, s).agreed == 2


def test_with_few_agreed_no_factor_is_both_a_strength_and_a_priority():
    three = scores(agreed={MUT[0]: 2, MUT[1]: 4, MUT[2]: 1})
    top = [r.factor.id for r in scoring.strengths(FW, three)]
    low = [r.factor.id for r in scoring.priorities(FW, three)]
    assert top == [MUT[1]] and low == [MUT[2]] and not set(top) & set(low)
    assert scoring.strengths(FW, scores(agreed={MUT[0]: 3})) == []  # one agreed: nothing to rank
    many = scores(agreed={f: i % 6 for i, f in enumerate(MUT)})
    assert len(scoring.strengths(FW, many)) == len(scoring.priorities(FW, many)) == 5


def test_ties_follow_the_workshop_order_mutuality_first():
    everything = {f.id: 2 for f in FW.factors}
    s = scores(client=everything, provider={f: 3 for f in everything})
    order = [f.id for d in FW.workshop_order() for f in d.factors]
    assert [g.factor.id for g in scoring.perception_gaps(FW, s)] == order
    agreed = scores(agreed={f: 3 for f in everything})  # at 2 they would all be priorities (core14)
    assert [r.factor.id for r in scoring.strengths(FW, agreed)] == order[:5]


def test_a_factor_the_room_could_not_agree_is_not_agreed_not_partly_scored():
    f = MUT[0]
    s = {(f, "client"): Score(1, f, "client", 3), (f, "provider"): Score(1, f, "provider", 1),
         (f, "agreed"): Score(1, f, "agreed", None, "Not agreed: the sides differ.")}
    assert scoring.factor_state(s, f) == scoring.NOT_AGREED
    s2 = {**s, (f, "agreed"): Score(1, f, "agreed", None, "")}  # no note yet: still being discussed
    assert scoring.factor_state(s2, f) == scoring.PARTLY_SCORED
    c = scoring.completeness(FW, s, "mutuality")
    assert (c.agreed, c.partly, c.not_agreed) == (0, 0, 1)
