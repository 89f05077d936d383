"""Applying `operations.SetNotApplicable` (issue 21): see core/applicability.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import operations as ops
from .apply_base import Outcome, by_uuid, check_factor, identity
from .errors import ValidationError
from .model import utcnow
from .schema import NotApplicableRow, RoundRow
from .validation import clean_text

if TYPE_CHECKING:
    from .engagement import Engagement

MAX_REASON_CHARS = 2000


def set_not_applicable(eng: Engagement, s: Session, op: ops.SetNotApplicable) -> Outcome:
    check_factor(eng, op.factor)
    rnd = by_uuid(s, RoundRow, op.round, "round")
    row = s.scalars(select(NotApplicableRow).where(NotApplicableRow.round_id == rnd.id,
                                                   NotApplicableRow.factor_id == op.factor)).first()
    old = None if row is None else row.reason
    new: str | None = None
    if op.reason is None:
        if row is not None:
            s.delete(row)
    else:
        new = clean_text(op.reason, "The reason", MAX_REASON_CHARS, multiline=True).strip()
        if not new:
            raise ValidationError("Say why the factor does not apply to this contract.")
        if row is None:
            row = NotApplicableRow(round_id=rnd.id, factor_id=op.factor, reason=new, uuid=identity(op.uuid))
            s.add(row)
        else:
            row.reason, row.updated_at = new, utcnow()
    uuid = row.uuid if row is not None else ""
    inverse = ops.SetNotApplicable(op.round, op.factor, old, uuid=uuid)
    return Outcome(inverse, {"round": op.round, "factor": op.factor}, old, new)
