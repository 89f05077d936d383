"""Participants' pre-work comments per factor: what each person wrote beside their own level.

The returned forms carry a comment per factor (play-through 8: "Objectives were agreed at
mobilisation in 2021 … see board minutes." on four forms). They are read in the room where the
factor is discussed (the walkthrough's Evidence tab) and printed with the factor in the report.
Names follow the rule already in force for individual views: in the window only with *Names* on,
in the report only when the engagement chose to show names; otherwise each comment is said to be
from "a client participant" or "a provider participant". The text is printed as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..framework import Scale
from ..model import Participant, ParticipantScore

if TYPE_CHECKING:
    from ..engagement import Engagement

SIDES = ("client", "provider")
SIDE_WORDS = {"client": "client", "provider": "provider"}


@dataclass(frozen=True)
class PreworkComment:
    """One person's comment on one factor, with their side and the level they gave (None: don't know)."""

    name: str
    side: str
    level: int | None
    comment: str

    def who(self, names: bool) -> str:
        """'Ann Smith (client)' with names shown, else 'A client participant'."""
        return f"{self.name} ({SIDE_WORDS[self.side]})" if names else f"A {SIDE_WORDS[self.side]} participant"

    def level_text(self, scale: Scale) -> str:
        """'level 2 Developing', or "don't know" for a form returned without a level."""
        if self.level is None:
            return "don't know"
        name = scale.name_of(self.level)
        return f"level {self.level} {name}".rstrip()

    def heading(self, scale: Scale, names: bool) -> str:
        """'A client participant, level 2 Developing': who wrote it and the level beside it."""
        return f"{self.who(names)}, {self.level_text(scale)}"


def comments_by_factor(participants: Sequence[Participant],
                       scores: Iterable[ParticipantScore]) -> dict[str, list[PreworkComment]]:
    """Each factor's non-empty comments from one round's returns: client side first, then the
    provider, each in the order of the participant list."""
    people = {p.id: (i, p) for i, p in enumerate(participants) if p.side in SIDES}
    found: dict[str, list[tuple[int, int, PreworkComment]]] = {}
    for score in scores:
        entry = people.get(score.participant_id)
        if entry is None or not (score.comment or "").strip():
            continue
        order, person = entry
        found.setdefault(score.factor_id, []).append(
            (SIDES.index(person.side), order,
             PreworkComment(person.name, person.side, score.level, score.comment.strip())))
    return {fid: [c for _, _, c in sorted(items, key=lambda x: (x[0], x[1]))]
            for fid, items in found.items()}


def factor_comments(eng: Engagement, round_id: int, factor_id: str) -> list[PreworkComment]:
    """One factor's pre-work comments in one round, read from the file."""
    scores = [s for s in eng.participant_scores(round_id) if s.factor_id == factor_id]
    return comments_by_factor(eng.participants(), scores).get(factor_id, [])


def comment_lines(comments: Sequence[PreworkComment], scale: Scale, names: bool) -> list[str]:
    """'A client participant, level 2 Developing: <the comment as written>' per comment."""
    return [f"{c.heading(scale, names)}: {c.comment}" for c in comments]
