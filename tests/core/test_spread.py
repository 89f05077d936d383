"""The spread of participants' own views, and which factors are flagged as split."""

from __future__ import annotations

from mutuality_desktop.core.model import Participant, ParticipantScore
from mutuality_desktop.core.spread import factor_spreads, polarised_factors

PEOPLE = [Participant(1, "Ann", "", "client"), Participant(2, "Bo", "", "client"),
          Participant(3, "Cy", "", "provider"), Participant(4, "Di", "", "provider"),
          Participant(5, "Ed", "", "facilitator")]


def spread(levels: dict[int, int | None], factor: str = "f"):
    scores = [ParticipantScore(1, factor, pid, lv) for pid, lv in levels.items()]
    return factor_spreads(PEOPLE, scores, [factor])[factor]


def test_each_side_holds_its_own_views_by_name_lowest_first() -> None:
    s = spread({1: 4, 2: 1, 3: 2, 4: None, 5: 0})
    assert s.client.views == (("Bo", 1), ("Ann", 4))
    assert s.provider.views == (("Cy", 2),) and s.provider.dont_know == 1
    assert s.levels == (1, 4, 2)  # the facilitator's answer is not a side's view
    assert s.client.text() == "1\u20134 (2 views)"
    assert s.provider.text() == "2 (1 view, 1 don't know)"


def test_a_factor_with_two_people_at_each_end_is_polarised() -> None:
    split = spread({1: 0, 2: 1, 3: 4, 4: 5})
    assert split.polarised and "two or more people at 1 or below and two or more at 4" in split.reason()


def test_one_outlier_does_not_flag_a_factor() -> None:
    assert not spread({1: 0, 2: 3, 3: 3, 4: 3}).polarised


def test_sides_apart_flags_a_factor_even_when_each_side_agrees() -> None:
    s = spread({1: 1, 2: 1, 3: 3, 4: 3})
    assert s.polarised and s.sides_apart == 2 and "sides' middle views are 2 levels apart" in s.reason()
    assert not spread({1: 2, 2: 2, 3: 3, 4: 3}).polarised


def test_polarised_factors_widest_first() -> None:
    scores = [ParticipantScore(1, "a", 1, 1), ParticipantScore(1, "a", 3, 3),
              ParticipantScore(1, "b", 1, 0), ParticipantScore(1, "b", 2, 0),
              ParticipantScore(1, "b", 3, 5), ParticipantScore(1, "b", 4, 5),
              ParticipantScore(1, "c", 1, 2)]
    spreads = factor_spreads(PEOPLE, scores, ["a", "b", "c"])
    assert [s.factor_id for s in polarised_factors(spreads)] == ["b", "a"]


def test_one_factor_read_from_the_file_matches_the_whole_round(demo_path) -> None:
    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.spread import factor_spread

    with Engagement.open(demo_path, readonly=True) as eng:
        for rnd in eng.rounds():
            ids = [f.id for f in eng.framework.factors]
            whole = factor_spreads(eng.participants(), eng.participant_scores(rnd.id), ids)
            assert all(factor_spread(eng, rnd.id, fid) == whole[fid] for fid in ids)
            assert any(s.levels for s in whole.values())
