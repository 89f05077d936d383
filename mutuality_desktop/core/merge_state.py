"""What a merge compares: an engagement as field values keyed by identity, and what each history
entry says it changed.

A key names one field of one row by its identity: ("info", field), ("branding",),
("round", uuid) for the row's existence and ("round", uuid, field), the same for "participant" and
"action", ("score", round, factor, perspective, field) and ("pscore", round, factor, participant,
field). Empty text and a missing row both read as None, so "never set" and "cleared" compare equal.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import operations as ops
from .engagement import Engagement
from .history import is_left_out
from .model import INFO_FIELDS

Key = tuple[Any, ...]
State = dict[Key, Any]
UNKNOWN = object()  # an entry changed the field but does not say to what
ROW_FIELDS = {"round": ops.ROUND_FIELDS, "participant": ops.PARTICIPANT_FIELDS,
              "action": ops.ACTION_FIELDS, "parking": ops.PARKING_FIELDS}
SCORE_FIELDS = ("level", "notes", "confidence")
PSCORE_FIELDS = ("level", "comment")


def norm(value: Any) -> Any:
    """One form for a value: empty text is None, dates are ISO text (as the history writes them)."""
    value = ops.plain(value)
    return None if value == "" else value


def read_state(eng: Engagement) -> State:
    """Every field of the engagement, keyed by identity (see the module docstring)."""
    state: State = {}
    info = eng.info()
    for name in INFO_FIELDS:
        state[("info", name)] = norm(getattr(info, name))
    state[("branding",)] = norm(eng.branding_json())
    people = {p.id: p.uuid for p in eng.participants()}
    rounds = {r.id: r.uuid for r in eng.rounds()}
    for p in eng.participants():
        _row(state, "participant", p.uuid, {"name": p.name, "role": p.role, "side": p.side})
    for r in eng.rounds():
        _row(state, "round", r.uuid, {"label": r.label, "date": r.date})
        for (factor, perspective), sc in eng.scores(r.id).items():
            for name in SCORE_FIELDS:
                state[("score", r.uuid, factor, perspective, name)] = norm(getattr(sc, name))
        state[("scope", r.uuid)] = ids_text(eng.chosen_scope(r.id), ordered=True)
        state[("excluded", r.uuid)] = ids_text(eng.excluded_factors(r.id))
        for factor, reason in eng.not_applicable(r.id).items():  # issue 21
            state[("na", r.uuid, factor)] = norm(reason)
        for ps in eng.participant_scores(r.id):
            who = people.get(ps.participant_id)
            for name in PSCORE_FIELDS:
                state[("pscore", r.uuid, ps.factor_id, who, name)] = norm(getattr(ps, name))
    for a in eng.actions():
        _row(state, "action", a.uuid, {
            "factor": a.factor_id, "text": a.text, "owner": a.owner, "side": a.side,
            "due": a.due_date, "status": a.status,
            "round": None if a.round_id is None else rounds.get(a.round_id)})
    from .agenda import read_agenda, summary
    from .parking import parking_items

    for r in eng.rounds():  # each round's plan for the day, whole, as the history records it
        state[("agenda", r.uuid)] = norm(summary(read_agenda(eng, r.id)))
    for item in parking_items(eng):
        _row(state, "parking", item.uuid, {
            "text": item.text, "factor": item.factor_id,
            "round": None if item.round_id is None else rounds.get(item.round_id),
            "raised_by": item.raised_by, "raised_at": item.raised_at, "status": item.status})
    return {k: v for k, v in state.items() if v is not None}


def ids_text(ids: Any, ordered: bool = False) -> str | None:
    """A round's chosen dimensions or factors left out as one comparable value ("a,b"; None: none).
    Factors left out are a set (sorted); dimensions keep the order the file keeps."""
    if not isinstance(ids, list | tuple | set | frozenset):
        return None
    items = [str(i) for i in ids]
    return ",".join(items if ordered else sorted(items)) or None


def _row(state: State, kind: str, uuid: str, fields: dict[str, Any]) -> None:
    state[(kind, uuid)] = True
    for name, value in fields.items():
        state[(kind, uuid, name)] = norm(value)


@dataclass(frozen=True)
class Record:
    """One history row as stored (the JSON text kept, to copy it across exactly) and as read."""

    uuid: str
    at: str
    author: str
    replica: str
    op: str
    target_json: str
    before_json: str
    after_json: str

    @property
    def target(self) -> dict[str, Any]:
        value = _loads(self.target_json)
        return value if isinstance(value, dict) else {}

    @property
    def before(self) -> Any:
        return _loads(self.before_json)

    @property
    def after(self) -> Any:
        return _loads(self.after_json)

    def row(self) -> tuple[str, str, str, str, str, str, str, str]:
        return (self.uuid, self.at, self.author, self.replica, self.op, self.target_json,
                self.before_json, self.after_json)


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def read_records(eng: Engagement) -> list[Record]:
    """The file's history, oldest first, exactly as stored."""
    rows = eng.connection.execute(
        'SELECT uuid, at, author, replica, op, target, "before", "after" FROM history ORDER BY id')
    return [Record(*(str(v) for v in row)) for row in rows]


@dataclass
class Touch:
    """What one entry changed: exact fields (before, after) and patterns of fields it may have.

    A pattern is a key prefix in which None stands for any value (a removed round takes all of
    its scores with it).
    """

    exact: dict[Key, tuple[Any, Any]]
    patterns: list[Key]
    loose: list[Key] = field(default_factory=list)  # may have changed: only stops the data check


def _part(value: Any) -> Any:
    """A key part from a received entry: plain values as they are, anything else as its JSON
    text (a forged entry must not be able to make a key that cannot be compared)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, sort_keys=True, default=str)[:200]


def _key(*parts: Any) -> Key:
    return tuple(_part(p) for p in parts)


def touches(rec: Record) -> Touch:
    """The fields a history entry changed, as far as the entry itself says."""
    before, after = rec.before, rec.after
    t = {k: _part(v) for k, v in rec.target.items()}
    exact: dict[Key, tuple[Any, Any]] = {}
    patterns: list[Key] = []
    touch = Touch(exact, patterns)
    op = rec.op
    if op in ("set_score", "set_notes", "set_confidence"):
        name = {"set_score": "level", "set_notes": "notes", "set_confidence": "confidence"}[op]
        exact[("score", t.get("round"), t.get("factor"), t.get("perspective"), name)] = (
            _said(before), _said(after))
    elif op == "set_not_applicable":
        exact[("na", t.get("round"), t.get("factor"))] = (norm(before), norm(after))
    elif op == "set_participant_score":
        b, a = _dict(before), _dict(after)
        for name in PSCORE_FIELDS:
            exact[("pscore", t.get("round"), t.get("factor"), t.get("participant"), name)] = (
                norm(b.get(name)), norm(a.get(name)))
    elif op == "update_info":
        exact.update(_fields(("info",), before, after))
    elif op == "set_branding":
        exact[("branding",)] = (norm(before), norm(after))
    elif op in ("set_scope", "set_excluded_factors"):
        key = ("scope" if op == "set_scope" else "excluded", t.get("round"))
        ordered = op == "set_scope"
        exact[key] = (ids_text(before, ordered), ids_text(after, ordered))
    elif op == "set_agenda":
        exact[("agenda", t.get("round"))] = (norm(before), norm(after))
    elif op.split("_", 1)[-1] in ROW_FIELDS and "_" in op:
        _row_touch(op, t, before, after, touch)
    elif op == "merge":
        for item in _dict(after).get("decided", []):
            if isinstance(item, dict) and isinstance(item.get("key"), list):
                exact[_key(*item["key"])] = (UNKNOWN, norm(item.get("value")))
        for prefix in _dict(after).get("rows", []):
            if isinstance(prefix, list):
                patterns.append(_key(*prefix))
        for item in _dict(after).get("changed", []):  # fingerprints only: what it set is not said
            if isinstance(item, list) and item and isinstance(item[0], list):
                touch.loose.append(_key(*item[0]))
    return touch


def _said(value: Any) -> Any:
    """What an entry says a value was: unknown where an exported copy left earlier wording out."""
    return UNKNOWN if is_left_out(value) else norm(value)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _fields(prefix: Key, before: Any, after: Any) -> dict[Key, tuple[Any, Any]]:
    b, a = _dict(before), _dict(after)
    return {(*prefix, name): (norm(b.get(name)), norm(a.get(name))) for name in a}


def _row_touch(op: str, t: dict[str, Any], before: Any, after: Any, touch: Touch) -> None:
    verb, kind = op.split("_", 1)
    exact, patterns = touch.exact, touch.patterns
    uuid = t.get(kind)
    names = ROW_FIELDS[kind]
    if verb in ("update", "resolve"):  # resolve_parking records {"status": ...} before and after
        exact.update(_fields((kind, uuid), before, after))
        return
    if verb not in ("add", "remove"):
        return
    values = _dict(after) if verb == "add" else _dict(before)
    exact[(kind, uuid)] = (None, True) if verb == "add" else (True, None)
    for name in names:
        value = norm(values.get(name))
        exact[(kind, uuid, name)] = (None, value) if verb == "add" else (value, None)
    if kind == "round":  # its scores go and come back with it; actions lose or regain it
        patterns += [("score", uuid), ("pscore", uuid), ("scope", uuid), ("excluded", uuid), ("agenda", uuid),
                     ("na", uuid)]
        if verb == "remove":
            actions = _dict(before).get("actions")
            for action in actions if isinstance(actions, list) else []:
                exact[_key("action", action, "round")] = (uuid, None)
            points = _dict(before).get("parking")
            for point in points if isinstance(points, list) else []:
                exact[_key("parking", point, "round")] = (uuid, None)
        else:  # an undone removal points its actions back at it; the entry does not say which
            touch.loose.append(("action", None, "round"))
            touch.loose.append(("parking", None, "round"))
    elif kind == "participant":
        patterns.append(("pscore", None, None, uuid))


def matches(pattern: Key, key: Key) -> bool:
    return len(key) >= len(pattern) and all(p is None or p == k for p, k in zip(pattern, key, strict=False))


def touched_keys(records: list[Record], keys: set[Key]) -> dict[Key, Any]:
    """For each key some entry changed: the value before the first of those entries (or UNKNOWN)."""
    out: dict[Key, Any] = {}
    for rec in records:
        touch = touches(rec)
        for key, (before, _after) in touch.exact.items():
            out.setdefault(key, before)
        for pattern in touch.patterns:
            for key in keys:
                if key not in out and matches(pattern, key):
                    out[key] = UNKNOWN
    return out


def expected_values(records: list[Record]) -> Iterator[tuple[Key, Any]]:
    """Each field whose last change in the history says its value, with that value."""
    last: dict[Key, tuple[int, Any]] = {}
    patterns: list[tuple[int, Key]] = []
    for index, rec in enumerate(records):
        touch = touches(rec)
        for key, (_before, after) in touch.exact.items():
            last[key] = (index, after)
        patterns += [(index, p) for p in (*touch.patterns, *touch.loose)]
    for key, (index, value) in last.items():
        if value is UNKNOWN:
            continue
        if any(i > index and matches(p, key) for i, p in patterns):
            continue
        yield key, value
