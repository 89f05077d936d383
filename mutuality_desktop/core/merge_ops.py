"""The operations that turn ours' state into the merged state, in an order the file accepts:
rows first, then their fields, then removals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from . import operations as ops
from .engagement import Engagement
from .merge_state import Key, State

_DATES = {("info", "contract_start"), ("info", "contract_end"), ("info", "workshop_date"),
          ("round", "date"), ("action", "due")}
_TEXTS = {"notes", "comment", "role", "owner", "text", "name", "label", "facilitator", "title",
          "client_organisation", "provider_organisation", "contract_name", "contract_reference",
          "workshop_venue", "procurement_regime", "authority_type", "contract_model"}


def value_for_op(kind: str, name: str, value: Any) -> Any:
    """A merged value as an operation takes it: dates as dates, missing text as ""."""
    if value is None:
        return "" if name in _TEXTS else None
    if (kind, name) in _DATES and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _rows(state: State, kind: str) -> list[str]:
    return [k[1] for k in state if len(k) == 2 and k[0] == kind]


def _fields(state: State, kind: str, uuid: str, names: tuple[str, ...]) -> dict[str, Any]:
    return {n: value_for_op(kind, n, state.get((kind, uuid, n))) for n in names}


def operations_for(eng: Engagement, ours: State, result: State,
                   decided: list[list[Any]]) -> Iterator[ops.Operation]:
    """Yield the operations from ours to result; a decided field gets one even if unchanged, so
    the history records the decision."""
    forced = {tuple(k) for k in decided}

    def differs(key: Key) -> bool:
        return ours.get(key) != result.get(key) or key in forced

    new = {kind: [u for u in _rows(result, kind) if ours.get((kind, u)) is None]
           for kind in ("round", "participant", "action")}
    gone = {kind: [u for u in _rows(ours, kind) if result.get((kind, u)) is None]
            for kind in ("round", "participant", "action")}
    for uuid in new["round"]:
        f = _fields(result, "round", uuid, ops.ROUND_FIELDS)
        yield ops.AddRound(f["label"], f["date"], uuid=uuid)
    for uuid in new["participant"]:
        f = _fields(result, "participant", uuid, ops.PARTICIPANT_FIELDS)
        yield ops.AddParticipant(f["name"], f["role"], f["side"] or "client", uuid=uuid)
    info = {k[1]: value_for_op("info", k[1], result.get(k)) for k in sorted(set(ours) | set(result),
            key=repr) if k[0] == "info" and differs(k)}
    if info:
        yield ops.UpdateInfo(info)
    if differs(("branding",)):
        yield ops.SetBranding(result.get(("branding",)))
    for kind, names in (("round", ops.ROUND_FIELDS), ("participant", ops.PARTICIPANT_FIELDS)):
        for uuid in _rows(result, kind):
            if uuid in new[kind]:
                continue
            changes = {n: value_for_op(kind, n, result.get((kind, uuid, n))) for n in names
                       if differs((kind, uuid, n))}
            if changes and kind == "round":
                yield ops.UpdateRound(uuid, changes)
            elif changes:
                yield ops.UpdateParticipant(uuid, changes)
    yield from _scores(ours, result, differs)
    yield from _scope(ours, result, differs)
    yield from _not_applicable(ours, result, differs)
    for uuid in _rows(result, "action"):
        f = _fields(result, "action", uuid, ops.ACTION_FIELDS)
        if f["round"] is not None and result.get(("round", f["round"])) is None:
            f["round"] = None  # its round was removed in the other copy: the action stays, unlinked
        if uuid in new["action"]:
            yield ops.AddAction(**f, uuid=uuid)
            continue
        changes = {n: f[n] for n in ops.ACTION_FIELDS if differs(("action", uuid, n))}
        if changes:
            yield ops.UpdateAction(uuid, changes)
    yield from (ops.RemoveAction(u) for u in gone["action"])
    yield from _parking(ours, result, differs)
    yield from _agendas(ours, result, differs)
    yield from (ops.RemoveParticipant(u) for u in gone["participant"])
    yield from (ops.RemoveRound(u) for u in gone["round"])


def _scope(ours: State, result: State, differs: Any) -> Iterator[ops.Operation]:
    """Each round's chosen dimensions and factors left out, where the merge changes them."""
    live = {k[1] for k in result if len(k) == 2 and k[0] == "round"}
    for key in sorted({k for k in (*ours, *result) if k[0] in ("scope", "excluded")}, key=repr):
        if key[1] not in live or not differs(key):
            continue
        value = result.get(key)
        ids = tuple(str(value).split(",")) if value else ()
        yield ops.SetScope(key[1], ids) if key[0] == "scope" else ops.SetExcludedFactors(key[1], ids)


def _scores(ours: State, result: State, differs: Any) -> Iterator[ops.Operation]:
    keys = sorted({k for k in (*ours, *result) if k[0] in ("score", "pscore")}, key=repr)
    live = {k[1] for k in result if len(k) == 2 and k[0] in ("round", "participant")}
    done: set[Key] = set()
    for key in keys:
        if key[1] not in live or not differs(key):
            continue
        if key[0] == "score":
            _, rnd, factor, perspective, name = key
            value = result.get(key)
            if name == "level":
                yield ops.SetScore(rnd, factor, perspective, value)
            elif name == "notes":
                yield ops.SetNotes(rnd, factor, perspective, value or "")
            else:
                yield ops.SetConfidence(rnd, factor, perspective, value)
        elif key[:4] not in done and key[3] in live:
            done.add(key[:4])
            _, rnd, factor, person, _name = key
            yield ops.SetParticipantScore(rnd, factor, person, result.get((*key[:4], "level")),
                                          result.get((*key[:4], "comment")) or "")


def _parking(ours: State, result: State, differs: Any) -> Iterator[ops.Operation]:
    """The parking list: new points from either copy kept, edits taken, removals made."""
    for uuid in _rows(result, "parking"):
        f = {n: result.get(("parking", uuid, n)) for n in ops.PARKING_FIELDS}
        if f["round"] is not None and result.get(("round", f["round"])) is None:
            f["round"] = None  # its round was removed in the other copy: the point stays
        if ours.get(("parking", uuid)) is None:
            yield ops.AddParking(f["text"] or "", f["factor"], f["round"], f["raised_by"],
                                 f["raised_at"], f["status"] or "open", uuid=uuid)
            continue
        changes = {n: f[n] for n in ops.PARKING_FIELDS if differs(("parking", uuid, n))}
        if changes:
            yield ops.UpdateParking(uuid, changes)
    yield from (ops.RemoveParking(u) for u in _rows(ours, "parking") if result.get(("parking", u)) is None)


def _agendas(ours: State, result: State, differs: Any) -> Iterator[ops.Operation]:
    """Each round's plan for the day, taken whole from the side that changed it."""
    from .opsjson_parking import agenda_operation

    keys = sorted({k for k in (*ours, *result) if k[0] == "agenda" and len(k) == 2}, key=repr)
    for key in keys:
        if differs(key) and result.get(("round", key[1])) is not None:
            value = result.get(key)
            yield agenda_operation(key[1], value if isinstance(value, dict) else {})


def _not_applicable(ours: State, result: State, differs: Any) -> Iterator[ops.Operation]:
    """Factors marked (or no longer marked) not applicable in a round (issue 21)."""
    live = {k[1] for k in result if len(k) == 2 and k[0] == "round"}
    for key in sorted({k for k in (*ours, *result) if k[0] == "na"}, key=repr):
        if key[1] in live and differs(key):
            value = result.get(key)
            yield ops.SetNotApplicable(key[1], key[2], None if value is None else str(value))
