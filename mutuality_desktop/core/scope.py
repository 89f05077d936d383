"""A round's scope: the dimensions the workshop covers in that round.

The file keeps the chosen dimensions in `round_scope` (format 4). A round without rows there (a new
round, or any round of a file made before scope existed) follows the default rule: the dimensions
with any score in that round, else Mutuality alone.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import operations as ops
from .applicability import marks
from .errors import ValidationError
from .framework import MUTUALITY, Dimension, Factor, Framework
from .model import Score
from .scoring import AGREED, NOT_AGREED, PARTLY_SCORED, Completeness, factor_state

if TYPE_CHECKING:
    from .engagement import Engagement


def stored_scope(conn: sqlite3.Connection, round_id: int) -> tuple[str, ...]:
    """The dimension ids stored for a round (empty: none chosen, the default rule applies)."""
    rows = conn.execute("SELECT dimension_id FROM round_scope WHERE round_id = ? ORDER BY id",
                        (round_id,)).fetchall()
    return tuple(str(d) for (d,) in rows)


def default_scope(framework: Framework, scores: Mapping[tuple[str, str], Score]) -> tuple[str, ...]:
    """The dimensions with any level or note in the round, else Mutuality (workshop order)."""
    touched = {framework.factor(f).dimension_id for (f, _), s in scores.items()
               if framework.has_factor(f) and (s.level is not None or s.notes.strip())}
    chosen = [d.id for d in framework.workshop_order() if d.id in touched]
    if chosen:
        return tuple(chosen)
    return tuple(d.id for d in framework.workshop_order() if d.id == MUTUALITY) or (
        framework.workshop_order()[0].id,)


def effective_scope(framework: Framework, stored: Iterable[str],
                    scores: Mapping[tuple[str, str], Score]) -> tuple[str, ...]:
    """The round's scope in workshop order: what is stored, or the default rule."""
    kept = set(stored)
    if not kept:
        return default_scope(framework, scores)
    return tuple(d.id for d in framework.workshop_order() if d.id in kept)


def stored_excluded(conn: sqlite3.Connection, round_id: int) -> frozenset[str]:
    """The factor ids left out of a round (format 5; none in older files)."""
    rows = conn.execute("SELECT factor_id FROM round_excluded_factor WHERE round_id = ?",
                        (round_id,)).fetchall()
    return frozenset(str(f) for (f,) in rows)


def check_factors(framework: Framework, factors: object) -> tuple[str, ...]:
    """Factor ids as given (a list of text), each known to the framework, in workshop order."""
    if not isinstance(factors, list | tuple) or not all(isinstance(f, str) for f in factors):
        raise ValidationError("Factors left out must be a list of factor ids.")
    for f in factors:
        if not framework.has_factor(f):
            raise ValidationError(f"Unknown factor '{str(f)[:60]}'; `mutuality-desktop json` lists the ids.")
    wanted = set(factors)
    return tuple(f.id for d in framework.workshop_order() for f in d.factors if f.id in wanted)


def check_dimensions(framework: Framework, dimensions: object) -> tuple[str, ...]:
    """Dimension ids as given (a list of text), each known to the framework, in workshop order."""
    if not isinstance(dimensions, list | tuple) or not all(isinstance(d, str) for d in dimensions):
        raise ValidationError("A scope must be a list of dimension ids.")
    known = [d.id for d in framework.workshop_order()]
    for d in dimensions:
        if d not in known:
            raise ValidationError(f"Unknown dimension '{str(d)[:60]}'; the dimensions are: "
                                  f"{', '.join(known)}.")
    return tuple(d for d in known if d in set(dimensions))


def in_scope_factors(framework: Framework, dimensions: Iterable[str],
                     excluded: Iterable[str] = ()) -> tuple[Factor, ...]:
    """The factors of the given dimensions, less those left out, in workshop order."""
    kept, gone = set(dimensions), set(excluded)
    return tuple(f for d in framework.workshop_order() if d.id in kept for f in d.factors if f.id not in gone)


def scope_factors(eng: Engagement, round_id: int) -> tuple[Factor, ...]:
    """The factors a round covers, in workshop order: its dimensions' factors less those left out."""
    return in_scope_factors(eng.framework, eng.scope(round_id), eng.excluded_factors(round_id))


def outside_scope(eng: Engagement, round_id: int) -> frozenset[str]:
    """The dimension and factor ids a round does not cover (charts draw them "not in this round")."""
    inside = set(eng.scope(round_id))
    factors = {f.id for f in scope_factors(eng, round_id)}
    return frozenset({d.id for d in eng.framework.dimensions if d.id not in inside}
                     | {f.id for f in eng.framework.factors if f.id not in factors})


def _touched(scores: Mapping[tuple[str, str], Score], factor_id: str) -> bool:
    """Whether any side has a level or a note on the factor in the round."""
    return any((s := scores.get((factor_id, p))) is not None and (s.level is not None or s.notes.strip())
               for p in ("client", "provider", "agreed"))


def scope_completeness(framework: Framework, scores: Mapping[tuple[str, str], Score],
                       scope: Iterable[str], excluded: Iterable[str] = ()) -> list[tuple[Dimension, Completeness]]:
    """Each in-scope dimension with the completeness of its factors in the round: those left out
    are not counted unless scored all the same (as the report counts them)."""
    gone, out = set(excluded), []
    na = marks(scores)  # not applicable in the round: out of the count too (issue 21)
    for dim in (d for d in framework.workshop_order() if d.id in set(scope)):
        factors = [f for f in dim.factors if (f.id not in gone or _touched(scores, f.id)) and f.id not in na]
        states = [factor_state(scores, f.id) for f in factors]
        by_perspective = {p: sum(1 for f in factors if (s := scores.get((f.id, p))) and s.level is not None)
                          for p in ("client", "provider", "agreed")}
        missing = tuple(f for f, st in zip(factors, states, strict=True) if st != AGREED)
        out.append((dim, Completeness(states.count(AGREED), states.count(PARTLY_SCORED), len(factors),
                                      by_perspective, missing, states.count(NOT_AGREED))))
    return out


def dimension_counts(framework: Framework, scores: Mapping[tuple[str, str], Score],
                     scope: Iterable[str], excluded: Iterable[str] = ()) -> dict[str, tuple[int, int]]:
    """Dimension id -> (factors agreed, factors counted) for each dimension of the round's scope,
    counted as `scope_completeness` counts them (left-out and not-applicable factors out), so the
    factor list's headings agree with Results' coverage and the report. Dimensions outside the
    scope are not in the answer."""
    return {dim.id: (done.agreed, done.total)
            for dim, done in scope_completeness(framework, scores, scope, excluded)}


@dataclass(frozen=True)
class RoundCount:
    """How many of a dimension's factors a round assesses, and which it does not, by name."""

    dimension: Dimension
    in_scope: bool  # the dimension is part of the round
    counted: int  # the factors counted, as `scope_completeness` counts them
    left_out: tuple[str, ...]  # names of factors left out of the round (and not scored all the same)
    not_applicable: tuple[str, ...]  # names of factors the room marked not applicable

    @property
    def total(self) -> int:
        return len(self.dimension.factors)

    def label(self) -> str:
        """'15 factors', '14 of 15 factors' or 'not in this round'."""
        if not self.in_scope:
            return "not in this round"
        if self.counted == self.total:
            return f"{self.total} factors"
        return f"{self.counted} of {self.total} factors"

    def explanation(self, round_label: str) -> str:
        """A sentence on what the count leaves out, for a tooltip ('' when it leaves nothing out)."""
        name = self.dimension.name
        if not self.in_scope:
            return f"{name} is not part of {round_label}: its chart shows every factor as not in this round."
        if self.counted == self.total:
            return f"{round_label} assesses all {self.total} of {name}'s factors."
        parts = []
        if self.left_out:
            parts.append(f"left out of the round: {', '.join(self.left_out)}")
        if self.not_applicable:
            parts.append(f"marked not applicable: {', '.join(self.not_applicable)}")
        return f"{round_label} assesses {self.counted} of {name}'s {self.total} factors ({'; '.join(parts)})."


def round_count(framework: Framework, scores: Mapping[tuple[str, str], Score], scope: Iterable[str],
                excluded: Iterable[str], dimension_id: str) -> RoundCount:
    """A dimension's factors as a round assesses them, counted as Results' coverage and the report
    count them (`scope_completeness`: left-out and not-applicable factors out), with the names of
    the factors the count leaves out."""
    dim = framework.dimension(dimension_id)
    counts = scope_completeness(framework, scores, [dim.id], excluded) if dim.id in set(scope) else []
    if not counts:
        return RoundCount(dim, False, 0, (), ())
    na, gone = marks(scores), set(excluded)
    left_out = tuple(f.name for f in dim.factors
                     if f.id in gone and f.id not in na and not _touched(scores, f.id))
    return RoundCount(dim, True, counts[0][1].total, left_out,
                      tuple(f.name for f in dim.factors if f.id in na))


def round_position(framework: Framework, scope: Iterable[str], excluded: Iterable[str],
                   factor_id: str) -> tuple[int, int] | None:
    """Where a factor comes among its dimension's factors in the round, as (position, how many),
    both from 1; None for a factor outside the round (its dimension not in scope, or left out)."""
    dimension_id = framework.factor(factor_id).dimension_id
    ids = [f.id for f in in_scope_factors(framework, [dimension_id] if dimension_id in set(scope) else [],
                                          excluded)]
    return (ids.index(factor_id) + 1, len(ids)) if factor_id in ids else None


def round_total_text(framework: Framework, scores: Mapping[tuple[str, str], Score], scope: Iterable[str],
                     excluded: Iterable[str], round_label: str) -> str:
    """A sentence on the round's overall count, for the walkthrough's progress line ('' when every
    factor of the round's dimensions is counted): how many the round takes in, which are left out
    and which are marked not applicable, so "1 of 18 factors agreed" squares with the list's
    headings and the caption's "FACTOR 3  ·  3RD OF 14 IN THIS ROUND"."""
    counts = [round_count(framework, scores, scope, excluded, d.id)
              for d in framework.workshop_order() if d.id in set(scope)]
    counted = sum(c.counted for c in counts)
    na = [n for c in counts for n in c.not_applicable]
    gone = [n for c in counts for n in c.left_out]
    if not na and not gone:
        return ""
    whole = sum(c.total for c in counts)
    parts = [f"{round_label} takes in {whole - len(gone)} of the {whole} factors of its dimensions; "
             f"{counted} are counted"]
    if na:
        parts.append(f"marked not applicable, so not counted: {', '.join(na)}")
    if gone:
        parts.append(f"left out of the round: {', '.join(gone)}")
    return ". ".join(p[0].upper() + p[1:] for p in parts) + "."


def next_round_scope(eng: Engagement) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The dimensions and left-out factors a new round starts with: the latest round's, so a
    follow-up re-scores what the baseline covered (play-through 6: a follow-up to a Mutuality and
    Economy baseline covered Mutuality alone). Empty for the first round (the default rule); only
    what the engagement's guide still has."""
    rounds = eng.rounds()
    if not rounds:
        return (), ()
    last = rounds[-1].id
    fw = eng.framework
    dimensions = {d.id for d in fw.dimensions}
    scope = tuple(d for d in eng.scope(last) if d in dimensions)
    excluded = tuple(sorted(f for f in eng.excluded_factors(last)
                            if fw.has_factor(f) and fw.factor(f).dimension_id in set(scope)))
    return scope, excluded


def new_round(eng: Engagement, label: str, date: dt.date | None = None, uuid: str = "") -> ops.AddRound:
    """The operation that adds a round with the latest round's scope (the facilitator can change
    it afterwards under Setup → Scope, or with set_scope)."""
    scope, excluded = next_round_scope(eng)
    return ops.AddRound(label, date, uuid, scope=scope, excluded=excluded)
