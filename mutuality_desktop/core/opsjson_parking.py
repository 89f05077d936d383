"""The parking-list and agenda operations written as JSON (see docs/json-format.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import operations as ops
from .engagement import Engagement
from .errors import ValidationError


def _parking_fields(eng: Engagement, item: dict[str, Any],
                    round_of: Callable[[Engagement, Any], str]) -> dict[str, Any]:
    fields = {k: item[k] for k in ops.PARKING_FIELDS if k in item}
    if fields.get("round") not in (None, ""):
        fields["round"] = round_of(eng, fields["round"])
    return fields


def _id(item: dict[str, Any]) -> str:
    value = item.get("parking")
    if not isinstance(value, str) or not value:
        raise ValidationError("It needs 'parking' (a parked point's id).")
    return value


def _minute(value: Any, what: str) -> int:
    from .agenda import parse_clock

    if isinstance(value, str):
        return parse_clock(value)
    raise ValidationError(f"'{what}' must be a time of day (HH:MM).")


def parking_operation(eng: Engagement, item: dict[str, Any], round_of: Callable[[Engagement, Any], str],
                      changes_of: Callable[[dict[str, Any]], dict[str, Any]]) -> ops.Operation:
    kind = item["op"]
    if kind == "add_parking":
        fields = _parking_fields(eng, item, round_of)
        if "text" not in fields:
            raise ValidationError("It needs 'text'.")
        uuid = item.get("id", "") or ""
        return ops.AddParking(**fields, uuid=uuid if isinstance(uuid, str) else "")
    if kind == "update_parking":
        return ops.UpdateParking(_id(item), _parking_fields(eng, changes_of(item), round_of))
    if kind == "resolve_parking":
        resolved = item.get("resolved", True)
        if not isinstance(resolved, bool):
            raise ValidationError("'resolved' must be true or false.")
        return ops.ResolveParking(_id(item), resolved)
    if kind == "remove_parking":
        return ops.RemoveParking(_id(item))
    return agenda_operation(round_of(eng, item.get("round")), item)


def agenda_operation(rnd: str, item: dict[str, Any]) -> ops.SetAgenda:
    """SetAgenda from its JSON form, for the round with uuid `rnd`."""
    # set_agenda: {"round", "start": "09:30", "finish": "16:30", "breaks": [{"label", "start",
    # "minutes"}], "dimensions": {"mutuality": 240}}; no "start" removes the plan
    if item.get("start") is None:
        return ops.SetAgenda(rnd)
    breaks = item.get("breaks", [])
    dims = item.get("dimensions", {})
    if not isinstance(breaks, list) or not all(isinstance(b, dict) for b in breaks):
        raise ValidationError("'breaks' must be a list of {\"label\", \"start\", \"minutes\"}.")
    if not isinstance(dims, dict):
        raise ValidationError("'dimensions' must be an object of dimension id to minutes.")
    return ops.SetAgenda(rnd, _minute(item.get("start"), "start"), _minute(item.get("finish"), "finish"),
                         tuple((b.get("label"), _minute(b.get("start"), "start"), b.get("minutes"))
                               for b in breaks),
                         tuple((str(k), v) for k, v in dims.items()))


def parking_json(eng: Engagement, round_uuid: dict[int, str]) -> list[dict[str, Any]]:
    """The parking list as JSON: what `add_parking` reads, ids included."""
    from .parking import parking_items

    return [{"id": p.uuid, "text": p.text, "factor": p.factor_id,
             "round": round_uuid.get(p.round_id) if p.round_id is not None else None,
             "raised_by": p.raised_by, "raised_at": p.raised_at.isoformat(), "status": p.status,
             "position": p.position} for p in parking_items(eng)]


def parking_operations(items: Any) -> list[ops.Operation]:
    """AddParking for each point of an engagement JSON's "parking" list."""
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(p, dict) for p in items):
        raise ValidationError("The JSON's 'parking' must be a list of objects.")
    out: list[ops.Operation] = []
    for i, p in enumerate(items, 1):
        if not isinstance(p.get("text"), str):
            raise ValidationError(f"parked point {i} needs 'text'.")
        position = p.get("position")
        out.append(ops.AddParking(p["text"], p.get("factor"), p.get("round"), p.get("raised_by"),
                                  p.get("raised_at"), p.get("status", "open"), p.get("id") or "",
                                  position if isinstance(position, int) else None))
    return out


def agenda_json(agenda: Any) -> dict[str, Any] | None:
    """A round's agenda as JSON (the form set_agenda reads, and the history records), or None."""
    from .agenda import summary

    return summary(agenda)
