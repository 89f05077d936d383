"""What every operation handler shares: the outcome it returns and the checks on its values."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .apply_fast import (  # the checks the score operations share with every other
    MAX_NOTES_CHARS,
    Outcome,
    check_choice,
    check_factor,
    check_level,
    identity,
)
from .errors import ValidationError

if TYPE_CHECKING:  # SQLAlchemy is loaded at the first edit that needs it, not with the walkthrough
    from sqlalchemy.orm import Session  # (core.agenda imports this module to show the day's plan)

__all__ = ["MAX_NOTES_CHARS", "Outcome", "by_uuid", "check_choice", "check_date", "check_factor",
           "check_level", "identity", "next_position"]


def by_uuid(s: Session, model: Any, uuid: object, what: str) -> Any:
    from sqlalchemy import select

    row = s.scalars(select(model).where(model.uuid == uuid)).first() if isinstance(uuid, str) else None
    if row is None:
        raise ValidationError(f"That {what} no longer exists.")
    return row


def check_date(value: object, what: str) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    raise ValidationError(f"{what} must be a date (YYYY-MM-DD) or empty.")


def next_position(s: Session, column: Any, first: int = 1) -> int:
    from sqlalchemy import select

    last = s.scalars(select(column).order_by(column.desc())).first()
    return first if last is None else int(last) + 1
