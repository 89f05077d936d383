"""How each operation changes the file: checks, the rows written, and the inverse for undo.

Called by `Engagement.apply` inside its one transaction (SQLAlchemy is loaded by then). Every
handler returns an Outcome; a ValidationError from any of them rolls the whole transaction back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import agenda, parking
from . import apply_fast as fast
from . import apply_prework as prework
from . import apply_rows as rows
from . import operations as ops
from .apply_base import (
    Outcome,
    by_uuid,
    check_factor,
    check_level,
    identity,
)
from .errors import ValidationError
from .model import (
    utcnow,
)
from .schema import BrandingRow, ParticipantRow, ParticipantScoreRow, RoundRow, ScoreRow
from .validation import clean_text

if TYPE_CHECKING:
    from .engagement import Engagement


# --- scores ----------------------------------------------------------------------------------

def _inverse(s: Session, op: Any, row: Any, created: bool, empty: bool, **old: Any) -> ops.Operation:
    """The undo of a set operation; a row it created is removed again by the undo."""
    dropped = bool(op.drop_empty and empty)
    if dropped:
        s.delete(row)
    inverse: ops.Operation = dataclasses.replace(op, uuid=row.uuid, drop_empty=created and not dropped,
                                                 **old)
    return inverse


def _score_operation(handler: Callable[[Engagement, Any, Any], tuple[Outcome, fast.ScoreWrite]]
                     ) -> Callable[[Engagement, Session, Any], Outcome]:
    """A score operation inside an ORM transaction: plain SQL on the same connection (apply_fast),
    and the row forgotten by the session so that a later operation reads it afresh."""

    def run(eng: Engagement, s: Session, op: Any) -> Outcome:
        outcome, written = handler(eng, eng.connection, op)
        if written.row_id is not None:
            stale = s.identity_map.get(s.identity_key(ScoreRow, written.row_id))
            if stale is not None:
                s.expunge(stale)
        return outcome

    return run


set_score = _score_operation(fast.set_score)
set_notes = _score_operation(fast.set_notes)
set_confidence = _score_operation(fast.set_confidence)


def set_participant_score(eng: Engagement, s: Session, op: ops.SetParticipantScore) -> Outcome:
    check_factor(eng, op.factor)
    level = check_level(eng, op.level)
    comment = clean_text(op.comment, "Comment", 20_000, multiline=True)
    person = by_uuid(s, ParticipantRow, op.participant, "participant")
    rnd = by_uuid(s, RoundRow, op.round, "round")
    row = s.scalars(select(ParticipantScoreRow).where(
        ParticipantScoreRow.round_id == rnd.id, ParticipantScoreRow.factor_id == op.factor,
        ParticipantScoreRow.participant_id == person.id)).first()
    created = row is None
    if row is None:
        row = ParticipantScoreRow(round_id=rnd.id, factor_id=op.factor, participant_id=person.id,
                                  comment="", uuid=identity(op.uuid))
        s.add(row)
    old_level, old_comment = row.level, row.comment or ""
    row.level, row.comment, row.updated_at = level, comment, utcnow()
    target: dict[str, Any] = {"round": op.round, "factor": op.factor, "participant": op.participant,
                              "participant_score": row.uuid}
    empty = row.level is None and not row.comment
    if op.drop_empty and empty:  # an undo taking the return back: the history says so, not "Don't know"
        target["removed"] = True
    inverse = _inverse(s, op, row, created, empty, level=old_level, comment=old_comment)
    return Outcome(inverse, target, {"level": old_level, "comment": old_comment},
                   {"level": level, "comment": comment})


# --- scope ----------------------------------------------------------------------------------

def set_scope(eng: Engagement, s: Session, op: ops.SetScope) -> Outcome:
    from sqlalchemy import delete

    from .schema import RoundScopeRow
    from .scope import check_dimensions

    chosen = check_dimensions(eng.framework, list(op.dimensions))
    rnd = by_uuid(s, RoundRow, op.round, "round")
    old = tuple(s.scalars(select(RoundScopeRow.dimension_id).where(RoundScopeRow.round_id == rnd.id)
                          .order_by(RoundScopeRow.id)))
    s.execute(delete(RoundScopeRow).where(RoundScopeRow.round_id == rnd.id))
    for dimension_id in chosen:
        s.add(RoundScopeRow(round_id=rnd.id, dimension_id=dimension_id, uuid=identity("")))
    return Outcome(ops.SetScope(rnd.uuid, old), {"round": rnd.uuid}, list(old), list(chosen))


def set_excluded_factors(eng: Engagement, s: Session, op: ops.SetExcludedFactors) -> Outcome:
    from sqlalchemy import delete

    from .schema import RoundExcludedFactorRow
    from .scope import check_factors

    chosen = check_factors(eng.framework, list(op.factors))
    rnd = by_uuid(s, RoundRow, op.round, "round")
    old = tuple(s.scalars(select(RoundExcludedFactorRow.factor_id)
                          .where(RoundExcludedFactorRow.round_id == rnd.id).order_by(RoundExcludedFactorRow.id)))
    s.execute(delete(RoundExcludedFactorRow).where(RoundExcludedFactorRow.round_id == rnd.id))
    for factor_id in chosen:
        s.add(RoundExcludedFactorRow(round_id=rnd.id, factor_id=factor_id, uuid=identity("")))
    return Outcome(ops.SetExcludedFactors(rnd.uuid, old), {"round": rnd.uuid}, list(old), list(chosen))


# --- engagement details and branding ---------------------------------------------------------

def update_info(eng: Engagement, s: Session, op: ops.UpdateInfo) -> Outcome:
    from .engagement_support import validate_info
    from .model import CONTEXT_FIELDS, INFO_FIELDS
    from .schema import EngagementContextRow, EngagementRow

    unknown = set(op.changes) - set(INFO_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown engagement field: {sorted(unknown)[0]}.")
    old = eng.info()
    new = validate_info(dataclasses.replace(old, **op.changes))
    row = s.get(EngagementRow, 1)
    assert row is not None
    for key in op.changes:
        if key not in CONTEXT_FIELDS:
            setattr(row, key, getattr(new, key))
    row.updated_at = utcnow()
    if set(op.changes) & set(CONTEXT_FIELDS):  # its own table (format 5)
        context = s.get(EngagementContextRow, 1)
        if context is None:
            context = EngagementContextRow(id=1, procurement_regime="", authority_type="", contract_model="")
            s.add(context)
        for key in CONTEXT_FIELDS:
            setattr(context, key, getattr(new, key))
        context.updated_at = utcnow()
    before = {k: getattr(old, k) for k in op.changes}
    after = {k: getattr(new, k) for k in op.changes}
    return Outcome(ops.UpdateInfo(before), {"engagement": old.uuid}, ops.plain(before), ops.plain(after))


def set_branding(eng: Engagement, s: Session, op: ops.SetBranding) -> Outcome:
    row = s.get(BrandingRow, 1)
    old = None if row is None else row.content
    if op.content is None:
        if row is not None:
            s.delete(row)
    elif not isinstance(op.content, str):
        raise ValidationError("A branding profile must be JSON text.")
    elif row is None:
        s.add(BrandingRow(id=1, content=op.content))
    else:
        row.content, row.updated_at = op.content, utcnow()
    return Outcome(ops.SetBranding(old), {"branding": 1}, old, op.content)


HANDLERS: dict[type[ops.Operation], Callable[[Engagement, Session, Any], Outcome]] = {
    ops.SetScore: set_score, ops.SetNotes: set_notes, ops.SetConfidence: set_confidence,
    ops.SetParticipantScore: set_participant_score, ops.UpdateInfo: update_info,
    ops.SetBranding: set_branding, ops.AddParticipant: rows.add_participant,
    ops.UpdateParticipant: rows.update_participant, ops.RemoveParticipant: rows.remove_participant,
    ops.AddRound: rows.add_round, ops.UpdateRound: rows.update_round, ops.RemoveRound: rows.remove_round,
    ops.SetParticipantEmail: prework.set_participant_email,
    ops.SetReportNames: prework.set_report_names,
    ops.SetScope: set_scope,
    ops.SetExcludedFactors: set_excluded_factors,
    ops.AddAction: rows.add_action, ops.UpdateAction: rows.update_action, ops.RemoveAction: rows.remove_action,
    ops.AddParking: parking.add_parking, ops.UpdateParking: parking.update_parking,
    ops.ResolveParking: parking.resolve_parking, ops.RemoveParking: parking.remove_parking,
    ops.SetAgenda: agenda.set_agenda,
}


def _register_not_applicable() -> None:
    from .apply_applicable import set_not_applicable

    HANDLERS[ops.SetNotApplicable] = set_not_applicable


_register_not_applicable()


def _register_move() -> None:
    from .framework_move import move_to_framework

    HANDLERS[ops.MoveToFramework] = move_to_framework


_register_move()
