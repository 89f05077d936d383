"""Not applicable as a state of its own (issue 21, format 5): a factor the room decided does not
apply to this contract in a round, with its reason. Kept apart from Not assessed (the blank, which
counts against coverage) and from Level 0 (looked, and absent).

Reading here (no ORM, so scoring can use it); writing through `operations.SetNotApplicable`
(`apply_applicable.py`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from types import MappingProxyType

from .model import Score

PREFIX = "Not applicable"


def stored_not_applicable(conn: sqlite3.Connection, round_id: int) -> dict[str, str]:
    """Factor id -> reason for the factors marked not applicable in a round (none in a file older
    than format 5, which has no such table)."""
    try:
        rows = conn.execute("SELECT factor_id, reason FROM not_applicable WHERE round_id = ? ORDER BY id",
                            (round_id,)).fetchall()
    except sqlite3.OperationalError:
        return {}
    return {str(f): str(r) for f, r in rows}


def label(reason: str) -> str:
    """How every output prints the state: 'Not applicable: <the reason as the room gave it>'."""
    return f"{PREFIX}: {reason}"


class RoundScores(dict[tuple[str, str], Score]):
    """A round's scores, (factor id, perspective) -> Score, carrying the round's not-applicable
    marks, so every figure worked out from them (means, coverage, gaps, strengths and priorities in
    core/scoring.py) leaves those factors out without each caller passing them along."""

    def __init__(self, scores: Mapping[tuple[str, str], Score] | None = None,
                 not_applicable: Mapping[str, str] | None = None) -> None:
        super().__init__(scores or {})
        self.not_applicable: Mapping[str, str] = MappingProxyType(dict(not_applicable or {}))


class RoundLevels(dict[str, "int | None"]):
    """Factor id -> level for one perspective, with the round's not-applicable marks."""

    def __init__(self, levels: Mapping[str, int | None] | None = None,
                 not_applicable: Mapping[str, str] | None = None) -> None:
        super().__init__(levels or {})
        self.not_applicable: Mapping[str, str] = MappingProxyType(dict(not_applicable or {}))


def marks(values: object) -> Mapping[str, str]:
    """The not-applicable marks scores or levels carry (none for a plain mapping)."""
    found = getattr(values, "not_applicable", None)
    return found if isinstance(found, Mapping) else {}
