"""The spread of participants' own views per factor, and which factors are polarised.

Averages hide the polarisation the mutuality discussion is about, so the walkthrough, Results and
the report show each side's individual levels. A factor is polarised when the room is split, not
merely spread: at least two people at each end, POLARISED_RANGE levels or more apart (one outlier
does not flag a factor), or when the two sides' middle views are SIDES_APART levels apart or more
(each side agrees within itself but not with the other).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Participant, ParticipantScore

if TYPE_CHECKING:
    from .engagement import Engagement

SPREAD_SIDES = ("client", "provider")
POLARISED_RANGE = 3
SIDES_APART = 2


@dataclass(frozen=True)
class SideViews:
    """One side's individual views of one factor: (name, level) pairs, lowest level first."""

    side: str
    views: tuple[tuple[str, int], ...] = ()
    dont_know: int = 0

    @property
    def levels(self) -> tuple[int, ...]:
        return tuple(level for _, level in self.views)

    @property
    def lowest(self) -> int | None:
        return min(self.levels, default=None)

    @property
    def highest(self) -> int | None:
        return max(self.levels, default=None)

    @property
    def median(self) -> float | None:
        levels = sorted(self.levels)
        if not levels:
            return None
        mid = len(levels) // 2
        return float(levels[mid]) if len(levels) % 2 else (levels[mid - 1] + levels[mid]) / 2

    def text(self) -> str:
        """'1–4 (4 views, 1 don't know)': the range in words for tables and the report."""
        if not self.views:
            return f"no views ({self.dont_know} don't know)" if self.dont_know else "no views"
        span = f"{self.lowest}" if self.lowest == self.highest else f"{self.lowest}\u2013{self.highest}"
        count = len(self.views)
        extra = f", {self.dont_know} don't know" if self.dont_know else ""
        return f"{span} ({count} view{'s' if count != 1 else ''}{extra})"


@dataclass(frozen=True)
class FactorSpread:
    factor_id: str
    client: SideViews
    provider: SideViews

    @property
    def levels(self) -> tuple[int, ...]:
        return self.client.levels + self.provider.levels

    @property
    def span(self) -> int:
        """Highest minus lowest individual level (0 with fewer than two views)."""
        levels = self.levels
        return max(levels) - min(levels) if len(levels) > 1 else 0

    @property
    def split(self) -> tuple[int, int] | None:
        """The second-lowest and second-highest levels: two people at each end (four views or more)."""
        levels = sorted(self.levels)
        return (levels[1], levels[-2]) if len(levels) >= 4 else None

    @property
    def sides_apart(self) -> float:
        a, b = self.client.median, self.provider.median
        return 0.0 if a is None or b is None else abs(a - b)

    @property
    def polarised(self) -> bool:
        split = self.split
        return (split is not None and split[1] - split[0] >= POLARISED_RANGE) \
            or self.sides_apart >= SIDES_APART

    def reason(self) -> str:
        """Why the factor is flagged, in a sentence fragment ('' when it is not)."""
        split = self.split
        if split is not None and split[1] - split[0] >= POLARISED_RANGE:
            low = f"{split[0]}" if split[0] == 0 else f"{split[0]} or below"
            return f"two or more people at {low} and two or more at {split[1]} or above"
        if self.sides_apart >= SIDES_APART:
            return f"the two sides' middle views are {self.sides_apart:g} levels apart"
        return ""

    def side(self, side: str) -> SideViews:
        return self.client if side == "client" else self.provider


def factor_spreads(participants: Sequence[Participant], scores: Iterable[ParticipantScore],
                   factor_ids: Sequence[str]) -> dict[str, FactorSpread]:
    """Each factor's client and provider views from one round's participant scores."""
    people = {p.id: p for p in participants if p.side in SPREAD_SIDES}
    order = {p.id: i for i, p in enumerate(participants)}
    views: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    unknown: dict[tuple[str, str], int] = {}
    for score in scores:
        person = people.get(score.participant_id)
        if person is None:
            continue
        key = (score.factor_id, person.side)
        if score.level is None:
            unknown[key] = unknown.get(key, 0) + 1
        else:
            views.setdefault(key, []).append((score.level, order[person.id], person.name))

    def side(fid: str, name: str) -> SideViews:
        found = sorted(views.get((fid, name), []))
        return SideViews(name, tuple((who, level) for level, _, who in found), unknown.get((fid, name), 0))

    return {fid: FactorSpread(fid, side(fid, "client"), side(fid, "provider")) for fid in factor_ids}


def polarised_factors(spreads: dict[str, FactorSpread]) -> list[FactorSpread]:
    """The polarised factors, widest spread first (framework order among equals)."""
    flagged = [s for s in spreads.values() if s.polarised]
    return sorted(flagged, key=lambda s: (-s.span, -s.sides_apart))


def factor_spread(eng: Engagement, round_id: int, factor_id: str) -> FactorSpread:
    """One factor's spread read straight from the file (the walkthrough refreshes it per keystroke)."""
    rows = eng.connection.execute(
        "SELECT participant_id, level FROM participant_score WHERE round_id = ? AND factor_id = ?",
        (round_id, factor_id)).fetchall()
    scores = [ParticipantScore(round_id, factor_id, int(pid), level) for pid, level in rows]
    return factor_spreads(eng.participants(), scores, [factor_id])[factor_id]
