"""Everything a report needs, read from an engagement once, as plain immutable values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import ValidationError
from ..framework import Framework
from ..model import Action, EngagementInfo, Participant, Score
from ..parking import ParkingItem, parking_items
from ..prework.contacts import report_names_shown
from ..snapshot import EngagementSnapshot, RoundSnapshot, take_snapshot

if TYPE_CHECKING:
    from ..engagement import Engagement

Scores = Mapping[tuple[str, str], Score]


RoundData = RoundSnapshot  # a round as the report reads it: the snapshot's, not a copy


GUIDE_CHOICES = ("assessed", "all", "none")


@dataclass(frozen=True)
class ReportOptions:
    """Which sections a report holds (the export dialog's and the CLI's choices)."""

    comparison: bool = True  # the round-over-round comparison, when there is an earlier round
    actions: bool = True
    parking: bool = True  # the points parked during the workshop (the parking list)
    participants: bool = True
    guide: str = "assessed"  # the scoring-guide appendix: the assessed dimensions, all, or none

    def __post_init__(self) -> None:
        if self.guide not in GUIDE_CHOICES:
            raise ValidationError(f"'{self.guide}' is not a scoring-guide choice; choose one of: "
                                  f"{', '.join(GUIDE_CHOICES)}.")


@dataclass(frozen=True)
class ReportData:
    """The engagement as it stood when the report was asked for; safe to hand to another thread."""

    info: EngagementInfo
    framework: Framework
    rounds: tuple[RoundData, ...]  # oldest first, ending with the reported round
    participants: tuple[Participant, ...] = ()
    actions: tuple[Action, ...] = ()
    branding_json: str | None = None
    generated: dt.date = field(default_factory=dt.date.today)
    audit_trail: tuple[str, ...] = ()  # each recorded change in words: only when asked for
    parking: tuple[ParkingItem, ...] = ()  # the parking list: the reported rounds' points and unlinked ones
    names_shown: bool = False  # the engagement chose to name who gave which own view (pre-work)
    options: ReportOptions = field(default_factory=ReportOptions)
    previous_round: RoundData | None = None  # EngagementSnapshot.previous of the reported round

    def __post_init__(self) -> None:
        if not self.rounds:
            raise ValidationError("A report needs at least one round.")

    @property
    def current(self) -> RoundData:
        return self.rounds[-1]

    @property
    def previous(self) -> RoundData | None:
        return self.previous_round

    @property
    def scores(self) -> Scores:
        return self.current.scores


def collect_report_data(engagement: Engagement, round_id: int | None = None,
                        options: ReportOptions | None = None) -> ReportData:
    """Read what the report needs (default: the latest round and those before it)."""
    return report_data(take_snapshot(engagement), round_id, options, report_names_shown(engagement),
                       tuple(parking_items(engagement)))


def report_data(snap: EngagementSnapshot, round_id: int | None = None,
                options: ReportOptions | None = None, names_shown: bool = False,
                parking: tuple[ParkingItem, ...] = ()) -> ReportData:
    """The report's view of a snapshot: the rounds up to the reported one, and the actions of
    those rounds (or of none), and their parked points (or those of no round)."""
    rounds = tuple(_without_levels_not_applicable(r) for r in snap.upto(round_id))
    kept = {r.round.id for r in rounds}
    return ReportData(
        info=snap.info,
        framework=rounds[-1].guide or snap.framework,  # the guide the reported round was scored on
        rounds=rounds,
        participants=snap.participants,
        actions=tuple(a for a in snap.actions if a.round_id is None or a.round_id in kept),
        parking=tuple(p for p in parking if p.round_id is None or p.round_id in kept),
        branding_json=snap.branding_json,
        names_shown=names_shown,
        options=options or ReportOptions(),
        previous_round=snap.previous(rounds[-1].round.id),
    )


def _without_levels_not_applicable(rnd: RoundData) -> RoundData:
    """The round as every output prints it: a factor marked not applicable shows its reason and
    no level, even one scored before the room marked it (the figures already leave it out)."""
    import dataclasses

    from ..applicability import RoundScores, marks

    out = marks(rnd.scores)
    if not any(fid in out and s.level is not None for (fid, _), s in rnd.scores.items()):
        return rnd
    scores = RoundScores({k: dataclasses.replace(s, level=None) if k[0] in out else s
                          for k, s in rnd.scores.items()}, out)
    return dataclasses.replace(rnd, scores=scores)
