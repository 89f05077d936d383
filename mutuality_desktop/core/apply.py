"""How each operation changes the file: checks, the rows written, and the inverse for undo.

Called by `Engagement.apply` inside its one transaction (SQLAlchemy is loaded by then). Every
handler returns an Outcome; a ValidationError from any of them rolls the whole transaction back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from . import operations as ops
from .errors import ValidationError
from .model import (
    ACTION_SIDES,
    ACTION_STATUSES,
    CONFIDENCES,
    PERSPECTIVES,
    SIDES,
    Action,
    Participant,
    ParticipantScore,
    Round,
    Score,
    new_uuid,
    utcnow,
)
from .schema import ActionRow, BrandingRow, ParticipantRow, ParticipantScoreRow, RoundRow, ScoreRow
from .validation import clean_text, require_text

if TYPE_CHECKING:
    from .engagement import Engagement

MAX_NOTES_CHARS = 250_000


@dataclass(frozen=True)
class Outcome:
    inverse: ops.Operation
    target: dict[str, Any]
    before: Any
    after: Any
    result: Any = None


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def identity(given: object) -> str:
    """The UUID a new row gets: the one given (undo, JSON import) if valid, else a fresh one."""
    if not given:
        return new_uuid()
    if not isinstance(given, str) or not _UUID.fullmatch(given):
        raise ValidationError(f"'{str(given)[:40]}' is not a valid id (a UUID such as "
                              "0c7e6a52-1f0b-4c39-9d55-7b0f3a1e2d44).")
    return given


def check_choice(value: object, allowed: tuple[str, ...], what: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValidationError(f"'{value}' is not a valid {what}; choose one of: {', '.join(allowed)}.")
    return value


def _by_uuid(s: Session, model: Any, uuid: object, what: str) -> Any:
    row = s.scalars(select(model).where(model.uuid == uuid)).first() if isinstance(uuid, str) else None
    if row is None:
        raise ValidationError(f"That {what} no longer exists.")
    return row


def _check_factor(eng: Engagement, factor_id: object) -> str:
    if not isinstance(factor_id, str) or not eng.framework.has_factor(factor_id):
        raise ValidationError(f"Unknown factor '{factor_id}' in framework {eng.framework.id}.")
    return factor_id


def _check_level(eng: Engagement, level: object) -> int | None:
    scale = eng.framework.scale
    if level is None:
        return None
    if isinstance(level, bool) or not isinstance(level, int) or level not in scale:
        raise ValidationError(f"Level {level} is outside the scale ({scale.minimum} to {scale.maximum}).")
    return level


def _date(value: object, what: str) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    raise ValidationError(f"{what} must be a date (YYYY-MM-DD) or empty.")


# --- scores ----------------------------------------------------------------------------------

def _score_row(eng: Engagement, s: Session, op: Any) -> tuple[ScoreRow, bool]:
    """The score row the operation addresses, and whether it had to be created."""
    _check_factor(eng, op.factor)
    check_choice(op.perspective, PERSPECTIVES, "perspective")
    rnd = _by_uuid(s, RoundRow, op.round, "round")
    row = s.scalars(select(ScoreRow).where(
        ScoreRow.round_id == rnd.id, ScoreRow.factor_id == op.factor,
        ScoreRow.perspective == op.perspective)).first()
    if row is None:
        row = ScoreRow(round_id=rnd.id, factor_id=op.factor, perspective=op.perspective, level=None,
                       notes="", uuid=identity(op.uuid))
        s.add(row)
        return row, True
    return row, False


def _inverse(s: Session, op: Any, row: Any, created: bool, empty: bool, **old: Any) -> ops.Operation:
    """The undo of a set operation; a row it created is removed again by the undo."""
    dropped = bool(op.drop_empty and empty)
    if dropped:
        s.delete(row)
    inverse: ops.Operation = dataclasses.replace(op, uuid=row.uuid, drop_empty=created and not dropped,
                                                 **old)
    return inverse


def _score_empty(row: ScoreRow) -> bool:
    return row.level is None and not row.notes and row.confidence is None


def _score_target(op: Any, row: ScoreRow) -> dict[str, Any]:
    return {"round": op.round, "factor": op.factor, "perspective": op.perspective, "score": row.uuid}


def set_score(eng: Engagement, s: Session, op: ops.SetScore) -> Outcome:
    level = _check_level(eng, op.level)
    row, created = _score_row(eng, s, op)
    old, row.level, row.updated_at = row.level, level, utcnow()
    inverse = _inverse(s, op, row, created, _score_empty(row), level=old)
    return Outcome(inverse, _score_target(op, row), old, level)


def set_notes(eng: Engagement, s: Session, op: ops.SetNotes) -> Outcome:
    notes = clean_text(op.notes, "Evidence notes", MAX_NOTES_CHARS, multiline=True)
    row, created = _score_row(eng, s, op)
    old, row.notes, row.updated_at = row.notes or "", notes, utcnow()
    inverse = _inverse(s, op, row, created, _score_empty(row), notes=old)
    return Outcome(inverse, _score_target(op, row), old, notes)


def set_confidence(eng: Engagement, s: Session, op: ops.SetConfidence) -> Outcome:
    if op.confidence is not None:
        check_choice(op.confidence, CONFIDENCES, "evidence confidence")
    row, created = _score_row(eng, s, op)
    old, row.confidence, row.updated_at = row.confidence, op.confidence, utcnow()
    inverse = _inverse(s, op, row, created, _score_empty(row), confidence=old)
    return Outcome(inverse, _score_target(op, row), old, op.confidence)


def set_participant_score(eng: Engagement, s: Session, op: ops.SetParticipantScore) -> Outcome:
    _check_factor(eng, op.factor)
    level = _check_level(eng, op.level)
    comment = clean_text(op.comment, "Comment", 20_000, multiline=True)
    person = _by_uuid(s, ParticipantRow, op.participant, "participant")
    rnd = _by_uuid(s, RoundRow, op.round, "round")
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
    target = {"round": op.round, "factor": op.factor, "participant": op.participant,
              "participant_score": row.uuid}
    empty = row.level is None and not row.comment
    inverse = _inverse(s, op, row, created, empty, level=old_level, comment=old_comment)
    return Outcome(inverse, target, {"level": old_level, "comment": old_comment},
                   {"level": level, "comment": comment})


# --- engagement details and branding ---------------------------------------------------------

def update_info(eng: Engagement, s: Session, op: ops.UpdateInfo) -> Outcome:
    from .engagement import validate_info
    from .model import INFO_FIELDS
    from .schema import EngagementRow

    unknown = set(op.changes) - set(INFO_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown engagement field: {sorted(unknown)[0]}.")
    old = eng.info()
    new = validate_info(dataclasses.replace(old, **op.changes))
    row = s.get(EngagementRow, 1)
    assert row is not None
    for key in op.changes:
        setattr(row, key, getattr(new, key))
    row.updated_at = utcnow()
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


# --- participants ----------------------------------------------------------------------------

def _participant(row: ParticipantRow) -> Participant:
    return Participant(row.id, row.name, row.role, row.side, row.position, row.uuid)


def _next_position(s: Session, column: Any, first: int = 1) -> int:
    last = s.scalars(select(column).order_by(column.desc())).first()
    return first if last is None else int(last) + 1


def add_participant(eng: Engagement, s: Session, op: ops.AddParticipant) -> Outcome:
    name = require_text(op.name, "A participant's name", 200)
    role = clean_text(op.role, "Role", 200)
    check_choice(op.side, SIDES, "side")
    position = op.position if op.position is not None else _next_position(s, ParticipantRow.position)
    row = ParticipantRow(id=op.row_id, uuid=identity(op.uuid), name=name, role=role,
                         side=op.side, position=position)
    s.add(row)
    s.flush()
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
    row = _by_uuid(s, ParticipantRow, op.participant, "participant")
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
    row = _by_uuid(s, ParticipantRow, op.participant, "participant")
    scores = tuple(ParticipantScore(r.round_id, r.factor_id, r.participant_id, r.level, r.comment, r.uuid)
                   for r in s.scalars(select(ParticipantScoreRow).where(
                       ParticipantScoreRow.participant_id == row.id)))
    old = _participant(row)
    s.execute(delete(ParticipantScoreRow).where(ParticipantScoreRow.participant_id == row.id))
    s.delete(row)
    inverse = ops.AddParticipant(old.name, old.role, old.side, old.uuid, old.position, old.id, scores)
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
    date = _date(op.date, "A round's date")
    position = op.position if op.position is not None else _next_position(s, RoundRow.position, 0)
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
    for action_uuid in op.actions:
        action = s.scalars(select(ActionRow).where(ActionRow.uuid == action_uuid)).first()
        if action is not None:
            action.round_id = row.id
    result = _round(row)
    return Outcome(ops.RemoveRound(row.uuid), {"round": row.uuid}, None,
                   {"label": label, "date": ops.plain(date)}, result)


def update_round(eng: Engagement, s: Session, op: ops.UpdateRound) -> Outcome:
    unknown = set(op.changes) - set(ops.ROUND_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown round field: {sorted(unknown)[0]}.")
    row = _by_uuid(s, RoundRow, op.round, "round")
    before = {k: getattr(row, k) for k in op.changes}
    if "label" in op.changes:
        row.label = _check_label(s, op.changes["label"], row.id)
    if "date" in op.changes:
        row.date = _date(op.changes["date"], "A round's date")
    after = {k: getattr(row, k) for k in op.changes}
    return Outcome(ops.UpdateRound(row.uuid, before), {"round": row.uuid}, ops.plain(before),
                   ops.plain(after), _round(row))


def remove_round(eng: Engagement, s: Session, op: ops.RemoveRound) -> Outcome:
    row = _by_uuid(s, RoundRow, op.round, "round")
    if len(s.scalars(select(RoundRow.id)).all()) <= 1:
        raise ValidationError("An engagement needs at least one round.")
    scores = tuple(Score(r.round_id, r.factor_id, r.perspective, r.level, r.notes, r.confidence, None, r.uuid)
                   for r in s.scalars(select(ScoreRow).where(ScoreRow.round_id == row.id)))
    pscores = tuple(ParticipantScore(r.round_id, r.factor_id, r.participant_id, r.level, r.comment, r.uuid)
                    for r in s.scalars(select(ParticipantScoreRow).where(
                        ParticipantScoreRow.round_id == row.id)))
    actions = s.scalars(select(ActionRow).where(ActionRow.round_id == row.id)).all()
    old = _round(row)
    s.execute(delete(ScoreRow).where(ScoreRow.round_id == row.id))
    s.execute(delete(ParticipantScoreRow).where(ParticipantScoreRow.round_id == row.id))
    for action in actions:
        action.round_id = None
    s.delete(row)
    inverse = ops.AddRound(old.label, old.date, old.uuid, old.position, old.id, scores, pscores,
                           tuple(a.uuid for a in actions))
    return Outcome(inverse, {"round": old.uuid}, ops.plain(inverse), None, old)


# --- actions ---------------------------------------------------------------------------------

def _action(s: Session, row: ActionRow) -> Action:
    return Action(row.id, row.factor_id, row.text, row.owner, row.side, row.due_date, row.status,
                  row.round_id, row.position, row.uuid)


def _action_values(eng: Engagement, s: Session, values: dict[str, Any]) -> dict[str, Any]:
    """Check action fields given by their operation names; return them by column name."""
    out: dict[str, Any] = {}
    if "factor" in values:
        out["factor_id"] = _check_factor(eng, values["factor"])
    if "text" in values:
        out["text"] = require_text(values["text"], "An action's text", 20_000)
    if "owner" in values:
        out["owner"] = clean_text(values["owner"], "Owner", 200)
    if "side" in values:
        out["side"] = check_choice(values["side"], ACTION_SIDES, "side")
    if "status" in values:
        out["status"] = check_choice(values["status"], ACTION_STATUSES, "status")
    if "due" in values:
        out["due_date"] = _date(values["due"], "An action's due date")
    if "round" in values:
        out["round_id"] = None if values["round"] is None else _by_uuid(s, RoundRow, values["round"], "round").id
    return out


def _action_fields(s: Session, row: ActionRow) -> dict[str, Any]:
    round_uuid = None if row.round_id is None else s.get(RoundRow, row.round_id)
    return {"factor": row.factor_id, "text": row.text, "owner": row.owner, "side": row.side,
            "due": row.due_date, "status": row.status,
            "round": None if round_uuid is None else round_uuid.uuid}


def add_action(eng: Engagement, s: Session, op: ops.AddAction) -> Outcome:
    fields = {k: getattr(op, k) for k in ops.ACTION_FIELDS}
    values = _action_values(eng, s, fields)
    position = op.position if op.position is not None else _next_position(s, ActionRow.position)
    row = ActionRow(id=op.row_id, uuid=identity(op.uuid), position=position, **values)
    s.add(row)
    s.flush()
    return Outcome(ops.RemoveAction(row.uuid), {"action": row.uuid, "factor": row.factor_id}, None,
                   ops.plain(_action_fields(s, row)), _action(s, row))


def update_action(eng: Engagement, s: Session, op: ops.UpdateAction) -> Outcome:
    unknown = set(op.changes) - set(ops.ACTION_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown action field: {sorted(unknown)[0]}.")
    row = _by_uuid(s, ActionRow, op.action, "action")
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
    row = _by_uuid(s, ActionRow, op.action, "action")
    old, fields = _action(s, row), _action_fields(s, row)
    s.delete(row)
    inverse = ops.AddAction(uuid=row.uuid, position=old.position, row_id=old.id, **fields)
    return Outcome(inverse, {"action": old.uuid, "factor": old.factor_id}, ops.plain(fields), None, old)


HANDLERS: dict[type[ops.Operation], Callable[[Engagement, Session, Any], Outcome]] = {
    ops.SetScore: set_score, ops.SetNotes: set_notes, ops.SetConfidence: set_confidence,
    ops.SetParticipantScore: set_participant_score, ops.UpdateInfo: update_info,
    ops.SetBranding: set_branding, ops.AddParticipant: add_participant,
    ops.UpdateParticipant: update_participant, ops.RemoveParticipant: remove_participant,
    ops.AddRound: add_round, ops.UpdateRound: update_round, ops.RemoveRound: remove_round,
    ops.AddAction: add_action, ops.UpdateAction: update_action, ops.RemoveAction: remove_action,
}
