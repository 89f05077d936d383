"""What every operation handler shares: the outcome it returns and the checks on its values."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import operations as ops
from .errors import ValidationError
from .model import new_uuid

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


def by_uuid(s: Session, model: Any, uuid: object, what: str) -> Any:
    row = s.scalars(select(model).where(model.uuid == uuid)).first() if isinstance(uuid, str) else None
    if row is None:
        raise ValidationError(f"That {what} no longer exists.")
    return row


def check_factor(eng: Engagement, factor_id: object) -> str:
    if not isinstance(factor_id, str) or not eng.framework.has_factor(factor_id):
        raise ValidationError(f"Unknown factor '{factor_id}' in framework {eng.framework.id}.")
    return factor_id


def check_level(eng: Engagement, level: object) -> int | None:
    scale = eng.framework.scale
    if level is None:
        return None
    if isinstance(level, bool) or not isinstance(level, int) or level not in scale:
        raise ValidationError(f"Level {level} is outside the scale ({scale.minimum} to {scale.maximum}).")
    return level


def check_date(value: object, what: str) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    raise ValidationError(f"{what} must be a date (YYYY-MM-DD) or empty.")


def next_position(s: Session, column: Any, first: int = 1) -> int:
    last = s.scalars(select(column).order_by(column.desc())).first()
    return first if last is None else int(last) + 1
