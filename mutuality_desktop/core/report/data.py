"""Everything a report needs, read from an engagement once, as plain immutable values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import ValidationError
from ..framework import Framework
from ..model import Action, EngagementInfo, Participant, ParticipantScore, Round, Score
from ..prework.contacts import report_names_shown

if TYPE_CHECKING:
    from ..engagement import Engagement

Scores = Mapping[tuple[str, str], Score]


@dataclass(frozen=True)
class RoundData:
    round: Round
    scores: Scores
    participant_scores: tuple[ParticipantScore, ...] = ()  # the participants' own views (pre-work)
    scope: tuple[str, ...] = ()  # the dimensions the round covers (its chosen scope or the default)
    excluded: frozenset[str] = frozenset()  # factors of those dimensions left out of the round

    @property
    def label(self) -> str:
        return self.round.label


GUIDE_CHOICES = ("assessed", "all", "none")


@dataclass(frozen=True)
class ReportOptions:
    """Which sections a report holds (the export dialog's and the CLI's choices)."""

    comparison: bool = True  # the round-over-round comparison, when there is an earlier round
    actions: bool = True
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
    names_shown: bool = False  # the engagement chose to name who gave which own view (pre-work)
    options: ReportOptions = field(default_factory=ReportOptions)

    def __post_init__(self) -> None:
        if not self.rounds:
            raise ValidationError("A report needs at least one round.")

    @property
    def current(self) -> RoundData:
        return self.rounds[-1]

    @property
    def previous(self) -> RoundData | None:
        return self.rounds[-2] if len(self.rounds) > 1 else None

    @property
    def scores(self) -> Scores:
        return self.current.scores


def collect_report_data(engagement: Engagement, round_id: int | None = None,
                        options: ReportOptions | None = None) -> ReportData:
    """Read what the report needs (default: the latest round and those before it)."""
    all_rounds = engagement.rounds()
    if not all_rounds:
        raise ValidationError(f"{engagement.path.name} has no rounds to report.")
    if round_id is None:
        upto = len(all_rounds)
    else:
        ids = [r.id for r in all_rounds]
        if round_id not in ids:
            raise ValidationError("That round no longer exists.")
        upto = ids.index(round_id) + 1
    chosen = all_rounds[:upto]
    rounds = tuple(RoundData(r, engagement.scores(r.id),  # carries the not-applicable marks
                             tuple(engagement.participant_scores(r.id)), engagement.scope(r.id),
                             engagement.excluded_factors(r.id))
                   for r in chosen)
    kept = {r.id for r in chosen}
    actions = tuple(a for a in engagement.actions() if a.round_id is None or a.round_id in kept)
    return ReportData(
        info=engagement.info(),
        framework=engagement.framework,
        rounds=rounds,
        participants=tuple(engagement.participants()),
        actions=actions,
        branding_json=engagement.branding_json(),
        names_shown=report_names_shown(engagement),
        options=options or ReportOptions(),
    )
