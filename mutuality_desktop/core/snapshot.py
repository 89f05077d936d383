"""One read of a whole engagement, computed once, for every output to share.

`take_snapshot(eng)` reads the details, rounds (oldest first, each with its scores and the
participants' returns), participants, actions and branding in one pass. Outputs read the snapshot
instead of the file, so "the previous round", the agreed levels and the findings are worked out in
one place: the JSON form (core/jsonio.py), the CSV tables (core/tables.py), the report and the
Office outputs (core/report/data.py), Results and the walkthrough's "previous round" line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import scoring
from .errors import ValidationError
from .framework import Factor, Framework
from .model import Action, EngagementInfo, Participant, ParticipantScore, Round, Score

if TYPE_CHECKING:
    from .engagement import Engagement


@dataclass(frozen=True)
class RoundSnapshot:
    """One round with everything scored in it."""

    round: Round
    scores: Mapping[tuple[str, str], Score]  # (factor id, perspective) → score
    participant_scores: tuple[ParticipantScore, ...] = ()
    chosen_scope: tuple[str, ...] = ()  # dimensions chosen for the round; empty: the default rule
    scope: tuple[str, ...] = ()  # the dimensions it covers (chosen, or the default rule)
    excluded: frozenset[str] = frozenset()  # factors of those dimensions left out of the round
    not_applicable: Mapping[str, str] = field(default_factory=dict)  # factor id -> reason (issue 21)
    guide: Framework | None = None  # the scoring guide it was scored on, if not the one in use (format 6)

    def in_scope(self, factor: Factor) -> bool:
        """Whether the round covers a factor: its dimension is in the scope and it is not left out."""
        return factor.dimension_id in self.scope and factor.id not in self.excluded

    @property
    def label(self) -> str:
        return self.round.label

    def levels(self, perspective: str = "agreed") -> dict[str, int | None]:
        """Each factor's level from one perspective (factors never scored are absent)."""
        return scoring.levels_of(self.scores, perspective)


@dataclass(frozen=True)
class Findings:
    """What a round's scores say: gaps between the sides, strengths, priorities, movement."""

    gaps: list[scoring.Gap]
    strengths: list[scoring.Ranked]
    priorities: list[scoring.Ranked]
    changes: list[scoring.Change] = field(default_factory=list)  # against the previous round


@dataclass(frozen=True)
class EngagementSnapshot:
    info: EngagementInfo
    framework: Framework
    rounds: tuple[RoundSnapshot, ...]
    participants: tuple[Participant, ...]
    actions: tuple[Action, ...]
    branding_json: str | None

    def round(self, round_id: int) -> RoundSnapshot:
        for rnd in self.rounds:
            if rnd.round.id == round_id:
                return rnd
        raise ValidationError("That round no longer exists.")

    def latest(self) -> RoundSnapshot:
        return self.rounds[-1]

    def previous(self, round_id: int) -> RoundSnapshot | None:
        """The round before this one (by their order), or None for the first.

        The one place "the previous round" is worked out: the walkthrough, Results, the report,
        the Office outputs and the findings all ask here.
        """
        index = self.rounds.index(self.round(round_id))
        return self.rounds[index - 1] if index > 0 else None

    def upto(self, round_id: int | None = None) -> tuple[RoundSnapshot, ...]:
        """The rounds from the first to this one (all of them without a round), oldest first."""
        if round_id is None:
            return self.rounds
        return self.rounds[:self.rounds.index(self.round(round_id)) + 1]

    def round_label(self, round_id: int | None) -> str:
        found = [r.round.label for r in self.rounds if r.round.id == round_id]
        return found[0] if found else ""

    def findings(self, round_id: int) -> Findings:
        rnd, before = self.round(round_id), self.previous(round_id)
        fw = self.framework
        changes = scoring.factor_changes(fw, before.levels(), rnd.levels()) if before else []
        return Findings(scoring.perception_gaps(fw, rnd.scores), scoring.strengths(fw, rnd.scores),
                        scoring.priorities(fw, rnd.scores), changes)


def take_snapshot(eng: Engagement) -> EngagementSnapshot:
    """Read the whole engagement once."""
    from .framework_move import round_guides

    guides = round_guides(eng)
    rounds = tuple(RoundSnapshot(r, eng.scores(r.id), tuple(eng.participant_scores(r.id)),
                                 eng.chosen_scope(r.id), eng.scope(r.id), eng.excluded_factors(r.id),
                                 eng.not_applicable(r.id),
                                 None if guides.get(r.id, eng.framework) is eng.framework else guides[r.id])
                   for r in eng.rounds())
    if not rounds:
        raise ValidationError(f"{eng.path.name} has no rounds.")
    return EngagementSnapshot(eng.info(), eng.framework, rounds, tuple(eng.participants()),
                              tuple(eng.actions()), eng.branding_json())
