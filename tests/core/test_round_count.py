"""What the window's labels count: a dimension's factors as a round assesses them (core/scope.py
round_count and round_position), as Results' coverage and the report count them."""

from __future__ import annotations

from mutuality_desktop.core.applicability import RoundScores
from mutuality_desktop.core.framework import MUTUALITY, default_framework
from mutuality_desktop.core.model import Score
from mutuality_desktop.core.scope import round_count, round_position

FW = default_framework()
IDS = [f.id for f in FW.dimension(MUTUALITY).factors]
EXIT = "joint-exit-strategy"


def test_a_whole_dimension_counts_every_factor():
    counted = round_count(FW, {}, [MUTUALITY], frozenset(), MUTUALITY)
    assert (counted.counted, counted.total, counted.label()) == (15, 15, "15 factors")
    assert counted.explanation("Baseline") == "Baseline assesses all 15 of Mutuality's factors."


def test_left_out_and_not_applicable_factors_are_counted_out_and_named():
    scores = RoundScores({}, {IDS[0]: "No joint objectives in this contract"})
    counted = round_count(FW, scores, [MUTUALITY], frozenset({EXIT}), MUTUALITY)
    assert counted.label() == "13 of 15 factors"
    assert counted.left_out == ("Joint exit strategy",)
    assert counted.not_applicable == ("Joint objective setting",)
    assert counted.explanation("Follow-up") == (
        "Follow-up assesses 13 of Mutuality's 15 factors (left out of the round: Joint exit strategy; "
        "marked not applicable: Joint objective setting).")


def test_a_left_out_factor_scored_all_the_same_is_counted_as_the_coverage_counts_it():
    scores = {(EXIT, "agreed"): Score(1, EXIT, "agreed", 2)}
    counted = round_count(FW, scores, [MUTUALITY], frozenset({EXIT}), MUTUALITY)
    assert counted.label() == "15 factors" and counted.left_out == ()


def test_a_dimension_outside_the_round_says_so():
    counted = round_count(FW, {}, ["economy"], frozenset(), MUTUALITY)
    assert not counted.in_scope and counted.label() == "not in this round"
    assert "is not part of Baseline" in counted.explanation("Baseline")


def test_the_place_of_a_factor_among_those_in_the_round():
    assert round_position(FW, [MUTUALITY], frozenset(), IDS[2]) == (3, 15)
    assert round_position(FW, [MUTUALITY], frozenset({IDS[0]}), IDS[2]) == (2, 14)
    assert round_position(FW, [MUTUALITY], frozenset({EXIT}), "relationship-management-strategy") == (14, 14)
    assert round_position(FW, [MUTUALITY], frozenset({EXIT}), EXIT) is None
    assert round_position(FW, ["economy"], frozenset(), IDS[0]) is None
