"""Not applicable as a state of its own (issue 21, format 5): a factor the room decided does not
apply to this contract in a round, with its reason. Kept apart from Not assessed (the blank, which
counts against coverage) and from Level 0 (looked, and absent).

Reading here; writing through `operations.SetNotApplicable` (`apply_applicable.py`).
"""

from __future__ import annotations

import sqlite3
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
