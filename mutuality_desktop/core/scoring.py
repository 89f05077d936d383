"""Pure scoring functions: dimension scores, mutuality index, perception gaps, priorities, change.

Inputs are plain mappings so every function is easy to test: ``levels`` maps factor id to a
level or None (not assessed); ``scores`` maps (factor id, perspective) to a Score. Scores or levels
read from a file also carry the round's not-applicable marks (core/applicability.py): those factors
are left out of every mean, count and ranking here, as the framework's aggregation rules say.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from statistics import mean

from .agreement import Agreement, agreement_in
from .applicability import RoundLevels, marks
from .framework import MUTUALITY, Dimension, Factor, Framework
from .model import Score

Levels = Mapping[str, int | None]
Scores = Mapping[tuple[str, str], Score]

NOT_STARTED, PARTLY_SCORED, AGREED = "not started", "partly scored", "agreed"
NOT_AGREED = "not agreed"  # the room reached it and could not agree (core/agreement.py, guide 2.1)


def levels_of(scores: Scores, perspective: str = "agreed") -> dict[str, int | None]:
    """Return factor id → level for one perspective (only factors with a row), carrying the
    round's not-applicable marks along."""
    return RoundLevels({f: s.level for (f, p), s in scores.items() if p == perspective}, marks(scores))


MINIMUM_COVERAGE = (3, 5)  # the framework's aggregation rule: three in five applicable factors agreed


def minimum_agreed(applicable: int) -> int:
    """How many agreed factors a dimension needs before its figure is a finding: three in five of
    its applicable factors, rounded up (3 of 5, 9 of 15, 3 of 4)."""
    top, bottom = MINIMUM_COVERAGE
    return math.ceil(applicable * top / bottom)


@dataclass(frozen=True)
class DimensionScore:
    dimension_id: str
    name: str
    mean: float | None  # on the framework's scale; None when nothing is assessed
    assessed: int
    total: int  # the applicable factors: those not marked not applicable
    not_applicable: int = 0

    @property
    def coverage(self) -> float:
        return self.assessed / self.total if self.total else 0.0

    @property
    def provisional(self) -> bool:
        """Below the framework's minimum coverage: a figure to quote with its coverage, not a finding."""
        return self.mean is not None and self.assessed < minimum_agreed(self.total)

    def coverage_text(self) -> str:
        """'provisional: 2 of 5 factors agreed', '4 of 5 factors agreed', with any not applicable."""
        text = f"{self.assessed} of {self.total} factors agreed"
        if self.not_applicable:
            text += f", {self.not_applicable} not applicable"
        return f"provisional: {text}" if self.provisional else text


def _excluded(levels: object, excluded: Collection[str] | None) -> Collection[str]:
    return marks(levels) if excluded is None else excluded


def dimension_score(dimension: Dimension, levels: Levels, excluded: Collection[str] | None = None) -> DimensionScore:
    """The mean of the agreed levels of the dimension's applicable factors; those marked not
    applicable (carried by the levels, or given) count neither in the mean nor in the total."""
    out = _excluded(levels, excluded)
    applicable = [f for f in dimension.factors if f.id not in out]
    values = [lv for f in applicable if (lv := levels.get(f.id)) is not None]
    return DimensionScore(dimension.id, dimension.name, mean(values) if values else None, len(values),
                          len(applicable), len(dimension.factors) - len(applicable))


def dimension_scores(framework: Framework, levels: Levels, excluded: Collection[str] | None = None
                     ) -> list[DimensionScore]:
    """Score each dimension as the mean of its assessed factors, in framework order."""
    return [dimension_score(d, levels, excluded) for d in framework.dimensions]


@dataclass(frozen=True)
class Index:
    value: float | None  # 0-100
    assessed: int
    total: int


def mutuality_index(framework: Framework, levels: Levels) -> Index:
    """Express the mean agreed Mutuality level as a percentage of the top of the scale."""
    dim = dimension_score(framework.dimension(MUTUALITY), levels)  # not-applicable marks left out
    scale = framework.scale
    if dim.mean is None:
        return Index(None, 0, dim.total)
    span = scale.maximum - scale.minimum
    return Index(100.0 * (dim.mean - scale.minimum) / span, dim.assessed, dim.total)


@dataclass(frozen=True)
class Gap:
    factor: Factor
    client: int
    provider: int

    @property
    def gap(self) -> int:
        """Client minus provider: positive when the client rates the factor higher."""
        return self.client - self.provider

    @property
    def size(self) -> int:
        return abs(self.gap)


def in_workshop_order(framework: Framework) -> list[Factor]:
    """Every factor in the order the workshop and the report take them (Mutuality first)."""
    return [f for d in framework.workshop_order() for f in d.factors]


def perception_gaps(framework: Framework, scores: Scores, factors: Iterable[Factor] | None = None) -> list[Gap]:
    """Return client-vs-provider gaps where both assessed, largest first (ties: workshop order);
    factors marked not applicable are left out."""
    gaps = []
    out = marks(scores)
    for factor in factors if factors is not None else in_workshop_order(framework):
        if factor.id in out:
            continue
        c = scores.get((factor.id, "client"))
        p = scores.get((factor.id, "provider"))
        if c and p and c.level is not None and p.level is not None:
            gaps.append(Gap(factor, c.level, p.level))
    return sorted(gaps, key=lambda g: -g.size)


@dataclass(frozen=True)
class GapIndex:
    """The framework's perception-gap index: the mean absolute authority-minus-provider gap over
    the factors both sides gave a level (None when there are none)."""

    value: float | None
    factors: int  # how many factors both sides scored
    flagged: int  # of those, how many two levels or more apart (flagged whatever the index)


def perception_gap_index(framework: Framework, scores: Scores, dimension_id: str | None = None) -> GapIndex:
    """The perception-gap index of one dimension (or, with none named, of every factor)."""
    factors = framework.dimension(dimension_id).factors if dimension_id else in_workshop_order(framework)
    gaps = perception_gaps(framework, scores, factors)
    if not gaps:
        return GapIndex(None, 0, 0)
    return GapIndex(mean(g.size for g in gaps), len(gaps), sum(1 for g in gaps if g.size >= 2))


@dataclass(frozen=True)
class Ranked:
    factor: Factor
    level: int
    gap: int | None


def _ranked(framework: Framework, scores: Scores) -> list[Ranked]:
    gaps = {g.factor.id: g.size for g in perception_gaps(framework, scores)}
    agreed = levels_of(scores)
    out = marks(scores)
    return [
        Ranked(f, lv, gaps.get(f.id)) for f in in_workshop_order(framework)
        if (lv := agreed.get(f.id)) is not None and f.id not in out
    ]


def _share(ranked: list[Ranked], count: int) -> int:
    """How many each list takes: count, or half the agreed factors when fewer than twice count
    are agreed, so no factor is both a strength and a priority."""
    return min(count, len(ranked) // 2) if len(ranked) < 2 * count else count


def strengths(framework: Framework, scores: Scores, count: int = 5) -> list[Ranked]:
    """Highest agreed levels first; among equals, the factor both sides see alike, then workshop order."""
    return _lists(framework, scores, count)[0]


def priorities(framework: Framework, scores: Scores, count: int = 5) -> list[Ranked]:
    """Lowest agreed levels first; among equals, the largest perception gap, then workshop order.
    A factor listed among the strengths is never a priority too (ties in level could put it in both)."""
    return _lists(framework, scores, count)[1]


def _lists(framework: Framework, scores: Scores, count: int) -> tuple[list[Ranked], list[Ranked]]:
    """The strengths and the priorities, drawn so that no level is on both lists (play-through 8:
    "2 Developing" listed as a top strength and as an improvement priority at once). Where the two
    lists would meet at one level, that level goes to the list on its side of the middle of the
    scale: below it (2 Developing on 0 to 5) to the priorities, at or above it to the strengths."""
    ranked = _ranked(framework, scores)
    share = _share(ranked, count)
    top = sorted(ranked, key=lambda r: (-r.level, r.gap if r.gap is not None else 99))[:share]

    def lowest(taken: list[Ranked]) -> list[Ranked]:
        ids = {r.factor.id for r in taken}
        return sorted((r for r in ranked if r.factor.id not in ids),
                      key=lambda r: (r.level, -(r.gap or 0)))[:share]

    low = lowest(top)
    if top and low and (meet := min(r.level for r in top)) == max(r.level for r in low):
        if meet < (framework.scale.minimum + framework.scale.maximum) / 2:
            top = [r for r in top if r.level != meet]
            low = lowest(top)
        else:
            low = [r for r in low if r.level != meet]
    return top, low


def empty_list_note(framework: Framework, scores: Scores, strengths_list: bool, count: int = 5) -> str:
    """What an empty strengths or priorities list says instead of factors: none agreed yet, too few
    to rank, or every agreed level is on the other list (the level they would share went there)."""
    ranked = _ranked(framework, scores)
    if not ranked:
        return "No agreed levels yet."
    top, low = _lists(framework, scores, count)
    if not top and not low:
        return "Agree a level for more factors to rank them."
    scale = framework.scale
    if strengths_list and low:
        high = max(r.level for r in ranked)
        return (f"None: the highest agreed level, {high} {scale.name_of(high)}, is below the middle of "
                f"the scale, so its factors are listed under the priorities.")
    if not strengths_list and top:
        least = min(r.level for r in ranked)
        return (f"None: the lowest agreed level, {least} {scale.name_of(least)}, is in the upper half "
                f"of the scale, so its factors are listed under the strengths.")
    return "Agree a level for more factors to rank them."


def factor_state(scores: Scores, factor_id: str) -> str:
    """Return not started / partly scored / not agreed / agreed for the navigator. A factor the
    room discussed and could not agree (core/agreement.py decides it) is "not agreed", not
    "partly scored": the room reached it."""
    agreed = scores.get((factor_id, "agreed"))
    if agreed is not None and agreed.level is not None:
        return AGREED
    if agreement_in(scores, factor_id) is Agreement.NOT_AGREED:
        return NOT_AGREED
    for perspective in ("client", "provider"):
        s = scores.get((factor_id, perspective))
        if s is not None and (s.level is not None or s.notes):
            return PARTLY_SCORED
    if agreed is not None and agreed.notes:
        return PARTLY_SCORED
    return NOT_STARTED


@dataclass(frozen=True)
class Completeness:
    agreed: int
    partly: int
    total: int
    by_perspective: Mapping[str, int]
    missing: tuple[Factor, ...]  # factors without an agreed level
    not_agreed: int = 0  # of those, the ones the room discussed and could not agree

    @property
    def fraction(self) -> float:
        return self.agreed / self.total if self.total else 0.0

    @property
    def provisional(self) -> bool:
        """Something agreed, but fewer than three in five of the factors counted here (those in
        the round and applicable): a figure to quote with its coverage, not a finding."""
        return 0 < self.agreed < minimum_agreed(self.total)


def completeness(framework: Framework, scores: Scores, dimension_id: str | None = None) -> Completeness:
    """Count agreed factors (and each perspective's) for a round, optionally one dimension; factors
    marked not applicable are not counted, in the total either."""
    out = marks(scores)
    every = framework.dimension(dimension_id).factors if dimension_id else framework.factors
    factors = tuple(f for f in every if f.id not in out)
    by_perspective = {
        p: sum(1 for f in factors if (s := scores.get((f.id, p))) and s.level is not None)
        for p in ("client", "provider", "agreed")
    }
    states = [factor_state(scores, f.id) for f in factors]
    missing = tuple(f for f, st in zip(factors, states, strict=True) if st != AGREED)
    return Completeness(
        states.count(AGREED), states.count(PARTLY_SCORED), len(factors), by_perspective, missing,
        states.count(NOT_AGREED)
    )


@dataclass(frozen=True)
class Change:
    factor: Factor
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def factor_changes(framework: Framework, before: Levels, after: Levels) -> list[Change]:
    """Round-over-round change per factor, biggest movement first, unassessed at the end."""
    aside = set(marks(before)) | set(marks(after))  # not applicable in either round: no change to show
    changes = [Change(f, None if f.id in aside else before.get(f.id), None if f.id in aside else after.get(f.id))
               for f in framework.factors]
    return sorted(changes, key=lambda c: (c.delta is None, -abs(c.delta or 0)))


@dataclass(frozen=True)
class DimensionChange:
    dimension_id: str
    name: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def dimension_changes(framework: Framework, before: Levels, after: Levels) -> list[DimensionChange]:
    b = dimension_scores(framework, before)
    a = dimension_scores(framework, after)
    return [DimensionChange(x.dimension_id, x.name, x.mean, y.mean) for x, y in zip(b, a, strict=True)]
