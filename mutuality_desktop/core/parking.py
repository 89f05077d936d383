"""The parking list: points the room comes back to, kept in the file (format 5).

Each point has its text, optionally the factor and round it came up in and who raised it
(client, provider or facilitator), when it was parked, and whether it is resolved. The
operations (add, update, resolve, remove) are applied here inside `Engagement.apply`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import operations as ops
from .apply_base import Outcome, by_uuid, check_choice, check_factor, identity, next_position
from .errors import ValidationError
from .model import PARKING_RAISERS, PARKING_STATUSES, utcnow
from .validation import require_text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from .engagement import Engagement
    from .schema import ParkingRow

MAX_PARKING_CHARS = 5_000


@dataclass(frozen=True)
class ParkingItem:
    id: int
    uuid: str
    text: str
    factor_id: str | None
    round_id: int | None
    raised_by: str | None
    raised_at: dt.datetime
    status: str
    position: int

    @property
    def is_open(self) -> bool:
        return self.status == "open"


def parking_items(eng: Engagement) -> list[ParkingItem]:
    """Every parked point in the order they were parked (read straight from the file)."""
    rows = eng.connection.execute(
        "SELECT id, uuid, text, factor_id, round_id, raised_by, raised_at, status, position "
        "FROM parking_item ORDER BY position, id").fetchall()
    return [ParkingItem(int(r[0]), str(r[1]), str(r[2]), r[3], r[4], r[5], _when(r[6]), str(r[7]),
                        int(r[8])) for r in rows]


def _when(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _item(row: ParkingRow) -> ParkingItem:
    return ParkingItem(row.id, row.uuid, row.text, row.factor_id, row.round_id, row.raised_by,
                       row.raised_at, row.status, row.position)


def _fields(s: Session, row: ParkingRow) -> dict[str, Any]:
    from .schema import RoundRow

    rnd = None if row.round_id is None else s.get(RoundRow, row.round_id)
    return {"text": row.text, "factor": row.factor_id, "round": None if rnd is None else rnd.uuid,
            "raised_by": row.raised_by, "raised_at": row.raised_at, "status": row.status}


def _raised_at(value: object) -> dt.datetime:
    if value is None:
        return utcnow()
    if isinstance(value, str):
        text = value
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError(f"'{text[:40]}' is not a date and time.") from None
    if not isinstance(value, dt.datetime):
        raise ValidationError("When a point was parked must be a date and time.")
    return value.replace(tzinfo=None) if value.tzinfo is None else \
        value.astimezone(dt.UTC).replace(tzinfo=None)


def _values(eng: Engagement, s: Session, values: dict[str, Any]) -> dict[str, Any]:
    """Check parking fields given by their operation names; return them by column name."""
    from .schema import RoundRow

    out: dict[str, Any] = {}
    if "text" in values:
        out["text"] = require_text(values["text"], "A parked point's text", MAX_PARKING_CHARS)
    if "factor" in values:
        out["factor_id"] = None if values["factor"] in (None, "") else check_factor(eng, values["factor"])
    if "round" in values:
        out["round_id"] = None if values["round"] in (None, "") else \
            by_uuid(s, RoundRow, values["round"], "round").id
    if "raised_by" in values:
        raised = values["raised_by"]
        out["raised_by"] = None if raised in (None, "") else check_choice(raised, PARKING_RAISERS,
                                                                          "person who raised it")
    if "raised_at" in values:
        out["raised_at"] = _raised_at(values["raised_at"])
    if "status" in values:
        out["status"] = check_choice(values["status"], PARKING_STATUSES, "status")
    return out


def add_parking(eng: Engagement, s: Session, op: ops.AddParking) -> Outcome:
    from .schema import ParkingRow

    values = _values(eng, s, {k: getattr(op, k) for k in ops.PARKING_FIELDS})
    position = op.position if op.position is not None else next_position(s, ParkingRow.position)
    row = ParkingRow(id=op.row_id, uuid=identity(op.uuid), position=position, **values)
    s.add(row)
    s.flush()
    target = {"parking": row.uuid, **({"factor": row.factor_id} if row.factor_id else {})}
    return Outcome(ops.RemoveParking(row.uuid), target, None, ops.plain(_fields(s, row)), _item(row))


def update_parking(eng: Engagement, s: Session, op: ops.UpdateParking) -> Outcome:
    from .schema import ParkingRow

    unknown = set(op.changes) - set(ops.PARKING_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown parked point field: {sorted(unknown)[0]}.")
    row = by_uuid(s, ParkingRow, op.parking, "parked point")
    values = _values(eng, s, op.changes)
    old = _fields(s, row)
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at = utcnow()
    s.flush()
    new = _fields(s, row)
    before = {k: old[k] for k in op.changes}
    after = {k: new[k] for k in op.changes}
    target = {"parking": row.uuid, **({"factor": row.factor_id} if row.factor_id else {})}
    return Outcome(ops.UpdateParking(row.uuid, before), target, ops.plain(before), ops.plain(after),
                   _item(row))


def resolve_parking(eng: Engagement, s: Session, op: ops.ResolveParking) -> Outcome:
    from .schema import ParkingRow

    row = by_uuid(s, ParkingRow, op.parking, "parked point")
    old = row.status
    row.status, row.updated_at = ("resolved" if op.resolved else "open"), utcnow()
    target = {"parking": row.uuid, **({"factor": row.factor_id} if row.factor_id else {})}
    return Outcome(ops.ResolveParking(row.uuid, old == "resolved"), target, {"status": old},
                   {"status": row.status}, _item(row))


def remove_parking(eng: Engagement, s: Session, op: ops.RemoveParking) -> Outcome:
    from .schema import ParkingRow

    row = by_uuid(s, ParkingRow, op.parking, "parked point")
    old, fields = _item(row), _fields(s, row)
    s.delete(row)
    inverse = ops.AddParking(uuid=old.uuid, position=old.position, row_id=old.id, **fields)
    target = {"parking": old.uuid, **({"factor": old.factor_id} if old.factor_id else {})}
    return Outcome(inverse, target, ops.plain(fields), None, old)


def unlink_round(eng: Engagement, s: Session, rnd: Any) -> tuple[tuple[str, ...], ops.SetAgenda | None]:
    """Before a round is removed: its parked points lose it (they stay on the list) and its agenda
    goes; return both so that undoing the removal puts them back."""
    from sqlalchemy import delete, select

    from .agenda import read_agenda
    from .schema import AgendaBreakRow, AgendaDimensionRow, AgendaRow, ParkingRow

    points = s.scalars(select(ParkingRow).where(ParkingRow.round_id == rnd.id)).all()
    for point in points:
        point.round_id = None
    agenda = read_agenda(eng, rnd.id)
    for model in (AgendaRow, AgendaBreakRow, AgendaDimensionRow):
        s.execute(delete(model).where(model.round_id == rnd.id))
    return tuple(p.uuid for p in points), None if agenda is None else agenda.as_operation(rnd.uuid)


def relink_round(eng: Engagement, s: Session, rnd: Any, op: ops.AddRound) -> None:
    """Undoing a round's removal: its parked points point at it again and its agenda returns."""
    from sqlalchemy import select

    from .schema import ParkingRow

    for uuid in op.parking:
        point = s.scalars(select(ParkingRow).where(ParkingRow.uuid == uuid)).first()
        if point is not None:
            point.round_id = rnd.id
    if op.agenda is not None:
        from .agenda import set_agenda

        s.flush()
        set_agenda(eng, s, ops.SetAgenda(rnd.uuid, op.agenda.start, op.agenda.finish, op.agenda.breaks,
                                         op.agenda.dimensions))


RAISED_BY_WORDS = {"client": "the client", "provider": "the provider", "facilitator": "the facilitator"}


def describe_item(item: ParkingItem, factor_name: str | None, round_label: str | None) -> str:
    """One line for the CLI: '[open] text (Joint governance structure, Baseline; raised by the client)'."""
    where = ", ".join(p for p in (factor_name, round_label) if p)
    who = f"raised by {RAISED_BY_WORDS[item.raised_by]}" if item.raised_by in RAISED_BY_WORDS else ""
    extra = "; ".join(p for p in (where, who) if p)
    return f"[{item.status}] {item.text}" + (f" ({extra})" if extra else "")
