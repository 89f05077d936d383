"""How operations on participants, rounds and actions change the file, and their inverses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from . import operations as ops
from .apply_base import (
    Outcome,
    by_uuid,
    check_choice,
    check_date,
    check_factor,
    identity,
    next_position,
)
from .apply_prework import check_email, email_of, write_email
from .errors import ValidationError
from .model import (
    ACTION_SIDES,
    ACTION_STATUSES,
    SIDES,
    Action,
    Participant,
    ParticipantScore,
    Round,
    Score,
    new_uuid,
    utcnow,
)
from .schema import (
    ActionRow,
    NotApplicableRow,
    ParticipantRow,
    ParticipantScoreRow,
    RoundExcludedFactorRow,
    RoundRow,
    RoundScopeRow,
    ScoreRow,
)
from .scope import check_dimensions, check_factors
from .validation import clean_text, require_text

if TYPE_CHECKING:
    from .engagement import Engagement


# --- participants ----------------------------------------------------------------------------

def _participant(row: ParticipantRow) -> Participant:
    return Participant(row.id, row.name, row.role, row.side, row.position, row.uuid)


def add_participant(eng: Engagement, s: Session, op: ops.AddParticipant) -> Outcome:
    name = require_text(op.name, "A participant's name", 200)
    role = clean_text(op.role, "Role", 200)
    check_choice(op.side, SIDES, "side")
    position = op.position if op.position is not None else next_position(s, ParticipantRow.position)
    row = ParticipantRow(id=op.row_id, uuid=identity(op.uuid), name=name, role=role,
                         side=op.side, position=position)
    s.add(row)
    s.flush()
    if op.email:
        write_email(s, row.id, check_email(op.email))
    for ps in op.scores:
        s.add(ParticipantScoreRow(round_id=ps.round_id, factor_id=ps.factor_id, participant_id=row.id,
                                  level=ps.level, comment=ps.comment, uuid=identity(ps.uuid)))
    result = _participant(row)
    return Outcome(ops.RemoveParticipant(row.uuid), {"participant": row.uuid}, None,
                   ops.plain(result), result)


def update_participant(eng: Engagement, s: Session, op: ops.UpdateParticipant) -> Outcome:
    unknown = set(op.changes) - set(ops.PARTICIPANT_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown participant field: {sorted(unknown)[0]}.")
    row = by_uuid(s, ParticipantRow, op.participant, "participant")
    before = {k: getattr(row, k) for k in op.changes}
    if "name" in op.changes:
        row.name = require_text(op.changes["name"], "A participant's name", 200)
    if "role" in op.changes:
        row.role = clean_text(op.changes["role"], "Role", 200)
    if "side" in op.changes:
        row.side = check_choice(op.changes["side"], SIDES, "side")
    after = {k: getattr(row, k) for k in op.changes}
    return Outcome(ops.UpdateParticipant(row.uuid, before), {"participant": row.uuid}, before, after,
                   _participant(row))


def remove_participant(eng: Engagement, s: Session, op: ops.RemoveParticipant) -> Outcome:
    row = by_uuid(s, ParticipantRow, op.participant, "participant")
    scores = tuple(ParticipantScore(r.round_id, r.factor_id, r.participant_id, r.level, r.comment, r.uuid)
                   for r in s.scalars(select(ParticipantScoreRow).where(
                       ParticipantScoreRow.participant_id == row.id)))
    old = _participant(row)
    email = email_of(s, row.id)
    write_email(s, row.id, "")
    s.execute(delete(ParticipantScoreRow).where(ParticipantScoreRow.participant_id == row.id))
    s.delete(row)
    inverse = ops.AddParticipant(old.name, old.role, old.side, old.uuid, old.position, old.id, scores,
                                 email)
    return Outcome(inverse, {"participant": old.uuid}, ops.plain(inverse), None, old)


# --- rounds ----------------------------------------------------------------------------------

def _round(row: RoundRow) -> Round:
    return Round(row.id, row.label, row.date, row.position, row.uuid)


def _check_label(s: Session, label: object, except_id: int | None = None) -> str:
    text = require_text(label, "A round's label", 100)
    for other_id, other in s.execute(select(RoundRow.id, RoundRow.label)):
        if other_id != except_id and str(other).casefold() == text.casefold():
            raise ValidationError(f"There is already a round called '{text}'.")
    return text


def add_round(eng: Engagement, s: Session, op: ops.AddRound) -> Outcome:
    label = _check_label(s, op.label)
    date = check_date(op.date, "A round's date")
    position = op.position if op.position is not None else next_position(s, RoundRow.position, 0)
    row = RoundRow(id=op.row_id, uuid=identity(op.uuid), label=label, date=date, position=position)
    s.add(row)
    s.flush()
    for sc in op.scores:
        s.add(ScoreRow(round_id=row.id, factor_id=sc.factor_id, perspective=sc.perspective,
                       level=sc.level, notes=sc.notes, confidence=sc.confidence,
                       uuid=identity(sc.uuid)))
    for ps in op.participant_scores:
        s.add(ParticipantScoreRow(round_id=row.id, factor_id=ps.factor_id, participant_id=ps.participant_id,
                                  level=ps.level, comment=ps.comment, uuid=identity(ps.uuid)))
    for dimension_id in check_dimensions(eng.framework, list(op.scope)):
        s.add(RoundScopeRow(round_id=row.id, dimension_id=dimension_id, uuid=new_uuid()))
    for factor_id in check_factors(eng.framework, list(op.excluded)):
        s.add(RoundExcludedFactorRow(round_id=row.id, factor_id=factor_id, uuid=new_uuid()))
    for factor_id, reason, mark_uuid in op.not_applicable:  # issue 21: marks go back with the round
        s.add(NotApplicableRow(round_id=row.id, factor_id=factor_id, reason=reason, uuid=identity(mark_uuid)))
    for action_uuid in op.actions:
        action = s.scalars(select(ActionRow).where(ActionRow.uuid == action_uuid)).first()
        if action is not None:
            action.round_id = row.id
    if op.parking or op.agenda is not None:  # undoing a removal: its parked points and agenda
        from .parking import relink_round

        relink_round(eng, s, row, op)
    result = _round(row)
    return Outcome(ops.RemoveRound(row.uuid), {"round": row.uuid}, None,
                   {"label": label, "date": ops.plain(date)}, result)


def update_round(eng: Engagement, s: Session, op: ops.UpdateRound) -> Outcome:
    unknown = set(op.changes) - set(ops.ROUND_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown round field: {sorted(unknown)[0]}.")
    row = by_uuid(s, RoundRow, op.round, "round")
    before = {k: getattr(row, k) for k in op.changes}
    if "label" in op.changes:
        row.label = _check_label(s, op.changes["label"], row.id)
    if "date" in op.changes:
        row.date = check_date(op.changes["date"], "A round's date")
    after = {k: getattr(row, k) for k in op.changes}
    return Outcome(ops.UpdateRound(row.uuid, before), {"round": row.uuid}, ops.plain(before),
                   ops.plain(after), _round(row))


def remove_round(eng: Engagement, s: Session, op: ops.RemoveRound) -> Outcome:
    row = by_uuid(s, RoundRow, op.round, "round")
    if len(s.scalars(select(RoundRow.id)).all()) <= 1:
        raise ValidationError("An engagement needs at least one round.")
    scores = tuple(Score(r.round_id, r.factor_id, r.perspective, r.level, r.notes, r.confidence, None, r.uuid)
                   for r in s.scalars(select(ScoreRow).where(ScoreRow.round_id == row.id)))
    pscores = tuple(ParticipantScore(r.round_id, r.factor_id, r.participant_id, r.level, r.comment, r.uuid)
                    for r in s.scalars(select(ParticipantScoreRow).where(
                        ParticipantScoreRow.round_id == row.id)))
    actions = s.scalars(select(ActionRow).where(ActionRow.round_id == row.id)).all()
    scope = tuple(s.scalars(select(RoundScopeRow.dimension_id).where(RoundScopeRow.round_id == row.id)
                            .order_by(RoundScopeRow.id)))
    excluded = tuple(s.scalars(select(RoundExcludedFactorRow.factor_id)
                               .where(RoundExcludedFactorRow.round_id == row.id).order_by(RoundExcludedFactorRow.id)))
    marks = tuple((r.factor_id, r.reason, r.uuid) for r in s.scalars(
        select(NotApplicableRow).where(NotApplicableRow.round_id == row.id).order_by(NotApplicableRow.id)))
    old = _round(row)
    s.execute(delete(NotApplicableRow).where(NotApplicableRow.round_id == row.id))
    from .parking import unlink_round

    parking, agenda = unlink_round(eng, s, row)
    s.execute(delete(RoundScopeRow).where(RoundScopeRow.round_id == row.id))
    s.execute(delete(RoundExcludedFactorRow).where(RoundExcludedFactorRow.round_id == row.id))
    s.execute(delete(ScoreRow).where(ScoreRow.round_id == row.id))
    s.execute(delete(ParticipantScoreRow).where(ParticipantScoreRow.round_id == row.id))
    for action in actions:
        action.round_id = None
    s.delete(row)
    inverse = ops.AddRound(old.label, old.date, old.uuid, old.position, old.id, scores, pscores,
                           tuple(a.uuid for a in actions), scope, excluded, parking, agenda, marks)
    return Outcome(inverse, {"round": old.uuid}, ops.plain(inverse), None, old)


# --- actions ---------------------------------------------------------------------------------

def _action(s: Session, row: ActionRow) -> Action:
    return Action(row.id, row.factor_id, row.text, row.owner, row.side, row.due_date, row.status,
                  row.round_id, row.position, row.uuid)


def _action_values(eng: Engagement, s: Session, values: dict[str, Any]) -> dict[str, Any]:
    """Check action fields given by their operation names; return them by column name."""
    out: dict[str, Any] = {}
    if "factor" in values:
        out["factor_id"] = check_factor(eng, values["factor"])
    if "text" in values:
        out["text"] = require_text(values["text"], "An action's text", 20_000)
    if "owner" in values:
        out["owner"] = clean_text(values["owner"], "Owner", 200)
    if "side" in values:
        out["side"] = check_choice(values["side"], ACTION_SIDES, "side")
    if "status" in values:
        out["status"] = check_choice(values["status"], ACTION_STATUSES, "status")
    if "due" in values:
        out["due_date"] = check_date(values["due"], "An action's due date")
    if "round" in values:
        out["round_id"] = None if values["round"] is None else by_uuid(s, RoundRow, values["round"], "round").id
    return out


def _action_fields(s: Session, row: ActionRow) -> dict[str, Any]:
    round_uuid = None if row.round_id is None else s.get(RoundRow, row.round_id)
    return {"factor": row.factor_id, "text": row.text, "owner": row.owner, "side": row.side,
            "due": row.due_date, "status": row.status,
            "round": None if round_uuid is None else round_uuid.uuid}


def add_action(eng: Engagement, s: Session, op: ops.AddAction) -> Outcome:
    fields = {k: getattr(op, k) for k in ops.ACTION_FIELDS}
    values = _action_values(eng, s, fields)
    position = op.position if op.position is not None else next_position(s, ActionRow.position)
    row = ActionRow(id=op.row_id, uuid=identity(op.uuid), position=position, **values)
    s.add(row)
    s.flush()
    return Outcome(ops.RemoveAction(row.uuid), {"action": row.uuid, "factor": row.factor_id}, None,
                   ops.plain(_action_fields(s, row)), _action(s, row))


def update_action(eng: Engagement, s: Session, op: ops.UpdateAction) -> Outcome:
    unknown = set(op.changes) - set(ops.ACTION_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown action field: {sorted(unknown)[0]}.")
    row = by_uuid(s, ActionRow, op.action, "action")
    values = _action_values(eng, s, op.changes)
    old = _action_fields(s, row)
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at = utcnow()
    s.flush()
    new = _action_fields(s, row)
    before = {k: old[k] for k in op.changes}
    after = {k: new[k] for k in op.changes}
    return Outcome(ops.UpdateAction(row.uuid, before), {"action": row.uuid, "factor": row.factor_id},
                   ops.plain(before), ops.plain(after), _action(s, row))


def remove_action(eng: Engagement, s: Session, op: ops.RemoveAction) -> Outcome:
    row = by_uuid(s, ActionRow, op.action, "action")
    old, fields = _action(s, row), _action_fields(s, row)
    s.delete(row)
    inverse = ops.AddAction(uuid=row.uuid, position=old.position, row_id=old.id, **fields)
    return Outcome(inverse, {"action": old.uuid, "factor": old.factor_id}, ops.plain(fields), None, old)
