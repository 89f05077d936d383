"""How the pre-work settings change the file: a participant's email, names in the report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import operations as ops
from .apply_base import Outcome, by_uuid, identity
from .errors import ValidationError
from .model import utcnow
from .prework.contacts import EMAIL, MAX_EMAIL_CHARS, REPORT_NAMES_KEY
from .schema import FileMeta, ParticipantContactRow, ParticipantRow
from .validation import clean_text

if TYPE_CHECKING:
    from .engagement import Engagement



def check_email(value: object) -> str:
    """The address as typed (trimmed), or "" for none; refuse what cannot be an address."""
    text = clean_text(value, "An email address", MAX_EMAIL_CHARS)
    if text and not EMAIL.fullmatch(text):
        raise ValidationError(f"\u201c{text[:60]}\u201d is not an email address (name@example.org).")
    return text


def write_email(s: Session, participant_id: int, email: str, uuid: str = "") -> str:
    """Store (or with "" remove) a participant's address; return the one it had."""
    row = s.scalars(select(ParticipantContactRow).where(
        ParticipantContactRow.participant_id == participant_id)).first()
    old = "" if row is None else row.email
    if not email:
        if row is not None:
            s.delete(row)
    elif row is None:
        s.add(ParticipantContactRow(participant_id=participant_id, email=email, uuid=identity(uuid)))
    else:
        row.email, row.updated_at = email, utcnow()
    return old


def email_of(s: Session, participant_id: int) -> str:
    row = s.scalars(select(ParticipantContactRow.email).where(
        ParticipantContactRow.participant_id == participant_id)).first()
    return row or ""


def set_participant_email(eng: Engagement, s: Session, op: ops.SetParticipantEmail) -> Outcome:
    email = check_email(op.email)
    person = by_uuid(s, ParticipantRow, op.participant, "participant")
    old = write_email(s, person.id, email)
    return Outcome(ops.SetParticipantEmail(person.uuid, old), {"participant": person.uuid},
                   old, email)


def set_report_names(eng: Engagement, s: Session, op: ops.SetReportNames) -> Outcome:
    if not isinstance(op.shown, bool):
        raise ValidationError("Names in the report must be shown or not (true or false).")
    row = s.get(FileMeta, REPORT_NAMES_KEY)
    old = row is not None
    if op.shown and row is None:
        s.add(FileMeta(key=REPORT_NAMES_KEY, value="shown"))
    elif not op.shown and row is not None:
        s.delete(row)
    return Outcome(ops.SetReportNames(old), {"engagement": eng.info().uuid}, old, op.shown)
