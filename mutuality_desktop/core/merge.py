"""Merge two copies of one engagement three-way, from the histories they carry.

The common state is what both copies' histories share: the changes (by their own uuids) found in
both. Every change after it belongs to one side. Per field, by identity: changed on one side only
→ that side's value; the same value on both → one change; different values → a conflict for a
person to decide; a row removed on one side and edited on the other → a conflict. Two copies whose
data differs where neither history records a change, or whose shared changes differ, are refused:
one of them was altered outside the app.

The result is a list of operations applied to "ours" in one transaction, after theirs' changes are
copied into ours' history, and closed by a "merge" entry naming both parents and every decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import operations as ops
from .engagement import Engagement
from .errors import MutualityError
from .history import LEFT_OUT_JSON, to_json
from .merge_state import (
    ROW_FIELDS,
    UNKNOWN,
    Key,
    Record,
    State,
    expected_values,
    read_records,
    read_state,
    touched_keys,
)


class MergeError(MutualityError):
    """Two files cannot be merged; the sentence says why."""


OURS, THEIRS = "ours", "theirs"


@dataclass
class Conflict:
    """One field (or one row's existence) both sides changed differently since the common state."""

    key: Key
    ours: Any
    theirs: Any
    base: Any  # the value in the common state, or UNKNOWN
    ours_by: Record | None = None  # the latest change of each side to it
    theirs_by: Record | None = None


@dataclass
class Side:
    """One copy as the merge reads it."""

    name: str
    state: State
    records: list[Record]
    new: list[Record] = field(default_factory=list)  # its changes since the common state


@dataclass
class MergePlan:
    ours: Side
    theirs: Side
    take: dict[Key, Any]  # fields whose value theirs changed alone: their value
    conflicts: list[Conflict]
    rows: dict[Key, str]  # a row existing on one side: OURS or THEIRS decides, or "conflict"

    @property
    def changes_anything(self) -> bool:
        return bool(self.take or self.conflicts or self.theirs.new)


def read_side(eng: Engagement, name: str) -> Side:
    return Side(name, read_state(eng), read_records(eng))


def check_same_engagement(ours: Engagement, theirs: Engagement) -> None:
    """Refuse copies of two different engagements, or scored against different guides."""
    a, b = ours.info(), theirs.info()
    if a.uuid != b.uuid:
        raise MergeError(f"{theirs.path.name} is not a copy of this engagement (it is “{b.title}”); "
                         "only copies of the same engagement can be merged.")
    if ours.framework.source_text != theirs.framework.source_text:
        from .framework_move import merge_refusal

        raise MergeError(merge_refusal(ours, theirs))
    from .framework_move import earlier_rounds_refusal

    if refusal := earlier_rounds_refusal(ours, theirs):
        raise MergeError(refusal)


def plan_merge(ours_eng: Engagement, theirs_eng: Engagement) -> MergePlan:
    """Compare two copies of one engagement; refuse copies that were altered outside the app."""
    check_same_engagement(ours_eng, theirs_eng)
    ours, theirs = read_side(ours_eng, ours_eng.path.name), read_side(theirs_eng, theirs_eng.path.name)
    for side in (ours, theirs):
        _check_history_matches_data(side)
    not_held, neutral = taken_back(ours)
    common = _common(ours, theirs) - not_held
    ours.new = [r for r in ours.records if r.uuid not in common and r.uuid not in neutral]
    theirs.new = [r for r in theirs.records if r.uuid not in common]
    keys = set(ours.state) | set(theirs.state)
    t_ours, t_theirs = touched_keys(ours.new, keys), touched_keys(theirs.new, keys)
    plan = MergePlan(ours, theirs, {}, [], {})
    for key in sorted(keys | set(t_ours) | set(t_theirs), key=repr):
        o, t = ours.state.get(key), theirs.state.get(key)
        if o == t:
            continue
        if key in t_theirs and key not in t_ours:
            plan.take[key] = t
        elif key in t_ours and key not in t_theirs:
            continue
        elif key in t_ours and key in t_theirs:
            base = t_ours[key] if t_ours[key] is not UNKNOWN else t_theirs[key]
            plan.conflicts.append(Conflict(key, o, t, base, _last(ours.new, key),
                                           _last(theirs.new, key)))
        else:
            raise MergeError(f"{theirs.name} and {ours.name} differ where neither history records a "
                             "change; one of them was altered outside the app, so they were not "
                             "merged.")
    _decide_rows(plan, t_ours, t_theirs)
    return plan


def digest(value: Any) -> str:
    """A short fingerprint of a field's value, so a merge entry can say what it changed without
    holding the words (an exported copy leaves out wording the engagement no longer holds)."""
    import hashlib
    import json

    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def taken_back(side: Side) -> tuple[set[str], set[str]]:
    """The other copy's changes a merge brought in and Undo then took back (play-through 12b: a
    colleague's sentence was lost for good after Merge, Undo, Merge): (their ids, which are not held
    here, so merging that copy again offers them again; the ids of the merge, its imports and the
    entries that undid it, which are not this copy's own changes).

    A merge is taken back when every field it changed holds again the value it had before the
    merge (its entry records each changed field's fingerprint before and after); an entry that set
    one of those fields from the merged value back to the earlier one is part of the undo."""
    not_held: set[str] = set()
    neutral: set[str] = set()
    for index, rec in enumerate(side.records):
        if rec.op != "merge":
            continue
        after = rec.after if isinstance(rec.after, dict) else {}
        changed, imported = after.get("changed"), after.get("imported")
        if not isinstance(changed, list) or not changed or not isinstance(imported, list):
            continue  # a merge from before 12b, or one that changed nothing
        fields: dict[Key, tuple[str, str]] = {}
        for item in changed:
            if isinstance(item, list) and len(item) == 3 and isinstance(item[0], list):
                fields[tuple(item[0])] = (str(item[1]), str(item[2]))
        if not fields or any(digest(side.state.get(k)) != pre for k, (pre, _post) in fields.items()):
            continue  # still merged (or redone, or built on since): its changes are held
        from .merge_state import touches

        undo = set()
        for later in side.records[index + 1:]:
            exact = touches(later).exact
            if exact and all(k in fields and digest(a) == fields[k][0] and digest(b) == fields[k][1]
                             for k, (b, a) in exact.items()):
                undo.add(later.uuid)
        ids = {str(u) for u in imported}
        not_held |= ids
        neutral |= ids | undo | {rec.uuid}
    return not_held, neutral


def _check_history_matches_data(side: Side) -> None:
    for key, value in expected_values(side.records):
        if side.state.get(key) != value:
            raise MergeError(f"{side.name} holds data its own history contradicts; it was altered "
                             "outside the app, so it was not merged.")


def _same(a: str, b: str) -> bool:
    """The same JSON text, or note text an exported copy left out on one side (history.LEFT_OUT)."""
    return LEFT_OUT_JSON in (a, b) or a == b


def _common(ours: Side, theirs: Side) -> set[str]:
    """The changes both copies hold; the same change must read the same in both."""
    mine = {r.uuid: r for r in ours.records}
    common = set()
    for rec in theirs.records:
        other = mine.get(rec.uuid)
        if other is None:
            continue
        if (other.op, other.target_json) != (rec.op, rec.target_json) or not _same(
                other.before_json, rec.before_json):
            raise MergeError(f"A change recorded in both {ours.name} and {theirs.name} reads "
                             "differently in each; one history was forged, so they were not merged.")
        if other.after_json == rec.after_json or (  # notes typed on after the copy differ
                other.op == "set_notes" and _same(other.after_json, rec.after_json)):
            common.add(rec.uuid)
    return common


def _last(records: list[Record], key: Key) -> Record | None:
    """The latest of these changes that touched the key."""
    from .merge_state import matches, touches

    found = None
    for rec in records:
        touch = touches(rec)
        if key in touch.exact or any(matches(p, key) for p in touch.patterns):
            found = rec
    return found


def row_of(key: Key) -> Key | None:
    """The row a key belongs to (its existence key), or None for details and branding."""
    if key[0] in ROW_FIELDS:
        return key[:2]
    return None


def _children(key: Key, row: Key) -> bool:
    kind, uuid = row
    if key[:2] == row:
        return True
    if kind == "round":
        return key[0] in ("score", "pscore", "scope", "excluded") and bool(key[1] == uuid)
    if kind == "participant":
        return key[0] == "pscore" and bool(key[3] == uuid)
    return False


def _decide_rows(plan: MergePlan, t_ours: dict[Key, Any], t_theirs: dict[Key, Any]) -> None:
    """A row on one side only: added there, or removed on the other; removed vs edited clashes."""
    clashing = {c.key for c in plan.conflicts if _is_row(c.key)}
    for row in {k for k in set(plan.ours.state) | set(plan.theirs.state) if _is_row(k)}:
        mine, theirs = plan.ours.state.get(row), plan.theirs.state.get(row)
        if mine == theirs or row in clashing:
            continue
        if row in plan.take:  # theirs added it, or removed it: did ours edit it meanwhile?
            edited_here = theirs is None and any(_children(k, row) for k in t_ours)
            if not edited_here:
                plan.rows[row] = THEIRS
                continue
        elif not (mine is None and any(_children(k, row) for k in t_theirs)):
            continue  # ours added it, or removed it while theirs left it alone
        clashing.add(row)
        plan.conflicts.append(Conflict(row, mine, theirs, True, _last(plan.ours.new, row),
                                       _last(plan.theirs.new, row)))
    for row in clashing:
        plan.rows[row] = "conflict"
        for key in [k for k in plan.take if _children(k, row)]:
            del plan.take[key]
        plan.conflicts = [c for c in plan.conflicts if c.key == row or not _children(c.key, row)]


def _is_row(key: Key) -> bool:
    return len(key) == 2 and key[0] in ROW_FIELDS


# --- choosing and applying -------------------------------------------------------------------

Choice = str | tuple[str, Any]  # OURS, THEIRS, or ("edited", value)


def resolved(plan: MergePlan, choices: dict[Key, Choice]) -> tuple[State, list[dict[str, Any]]]:
    """The merged values of every field decided (ours' state plus theirs' and the choices), and the
    decisions as the history records them."""
    result = dict(plan.ours.state)
    decided: list[dict[str, Any]] = []
    for key, value in plan.take.items():
        _put(result, key, value)
    for conflict in plan.conflicts:
        choice = choices.get(conflict.key)
        if choice is None:
            raise MergeError("Every conflict must be decided before the copies are merged.")
        if isinstance(choice, tuple):
            value, how = choice[1], "edited"
        else:
            value, how = (conflict.ours if choice == OURS else conflict.theirs), choice
        if len(conflict.key) == 2 and conflict.key[0] in ROW_FIELDS:
            _resolve_row(plan, result, conflict.key, how)
            value = result.get(conflict.key)
        else:
            _put(result, conflict.key, value)
        decided.append({"key": list(conflict.key), "chosen": how, "value": value,
                        "ours": conflict.ours, "theirs": conflict.theirs,
                        "before": None if conflict.base is UNKNOWN else conflict.base})
    return result, decided


def _put(state: State, key: Key, value: Any) -> None:
    if value is None:
        state.pop(key, None)
    else:
        state[key] = value


def _resolve_row(plan: MergePlan, result: State, row: Key, how: str) -> None:
    source = plan.theirs.state if how == THEIRS else plan.ours.state
    for key in [k for k in result if _children(k, row)]:
        del result[key]
    for key, value in source.items():
        if _children(key, row):
            result[key] = value


def merge_entry(plan: MergePlan, decided: list[dict[str, Any]], author: str,
                result: State | None = None, imported: list[str] | None = None) -> dict[str, Any]:
    """The closing history entry: both parents and every decision, with who decided; and, so an
    undone merge can be told (taken_back), the other copy's changes it brought in and each field it
    changed with fingerprints of the value before and after."""
    def parent(side: Any) -> dict[str, Any]:
        head = side.records[-1].uuid if side.records else None
        return {"file": side.name, "head": head, "changes": len(side.new)}

    entry = {"ours": parent(plan.ours), "theirs": parent(plan.theirs), "decided": decided,
             "rows": [list(k) for k, v in plan.rows.items() if v == "conflict"],
             "taken": len(plan.take), "by": author}
    if result is not None:
        before = plan.ours.state
        forced = {tuple(d["key"]) for d in decided}
        keys = sorted({k for k in set(before) | set(result)
                       if before.get(k) != result.get(k) or k in forced}, key=repr)
        entry["changed"] = [[list(k), digest(before.get(k)), digest(result.get(k))] for k in keys]
        entry["imported"] = list(imported or [])
    return entry


def apply_merge(eng: Engagement, plan: MergePlan, choices: dict[Key, Choice] | None = None
                ) -> list[ops.Change]:
    """Apply a plan to ours (eng) in one transaction: theirs' changes into the history, the
    merged values as operations, then the merge entry. Return the changes (for undo)."""
    from .merge_ops import operations_for

    result, decided = resolved(plan, choices or {})
    known = {r.uuid for r in plan.ours.records}
    imported = [r.row() for r in plan.theirs.new if r.uuid not in known]
    # the other copy's changes this merge makes held here: the new ones and any an undone merge
    # had brought in (taken_back), so undoing this merge offers them again too
    not_held = taken_back(plan.ours)[0]
    brought = [r.uuid for r in plan.theirs.new if r.uuid not in known or r.uuid in not_held]
    entry = merge_entry(plan, decided, eng.author, result, brought)

    def stream() -> Iterator[ops.Operation]:
        if imported:  # inside apply_all's transaction: all of it is one step, or nothing
            eng.connection.executemany(
                'INSERT INTO history (uuid, at, author, replica, op, target, "before", "after") '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", imported)
        yield from operations_for(eng, plan.ours.state, result, [d["key"] for d in decided])
        if imported or decided or plan.take:
            from .model import new_uuid, utcnow

            eng.connection.execute(
                'INSERT INTO history (uuid, at, author, replica, op, target, "before", "after") '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (new_uuid(), utcnow().isoformat(sep=" "), eng.author[:200], eng._replica_id(),
                 "merge", to_json({"merge": entry["theirs"]["file"]}), to_json(None),
                 to_json(entry)))

    # the other copy's changes are in the history under their own authors (imported above), and the
    # merge entry records the decisions: the operations that carry them out are not recorded again
    # as this user's own (play-through 6: a colleague's point was listed twice, once under my name)
    return eng.apply_all(stream(), record=False)


def describe_key(eng: Engagement, key: Key, names: dict[str, str] | None = None) -> tuple[str, str, str]:
    """(round, factor, field) in words for a key, for conflict lines and the merge screen."""
    names = names or {}
    fw = eng.framework

    def factor(fid: Any) -> str:
        return fw.factor(str(fid)).name if fw.has_factor(str(fid)) else str(fid)

    kind = key[0]
    if kind == "info":
        return "", "", f"engagement {str(key[1]).replace('_', ' ')}"
    if kind == "branding":
        return "", "", "report branding"
    if kind == "score":
        return names.get(key[1], "a round"), factor(key[2]), f"{key[3]} {key[4]}"
    if kind == "pscore":
        return (names.get(key[1], "a round"), factor(key[2]),
                f"{names.get(key[3], 'a participant')}'s {key[4]}")
    if kind in ("scope", "excluded"):
        return (names.get(key[1], "a round"), "",
                "dimensions in the round" if kind == "scope" else "factors left out of the round")
    label = names.get(key[1], f"a {kind}")
    what = f"{kind} “{label}”" + (f" {key[2]}" if len(key) > 2 else " (removed in one copy, "
                                                                       "edited in the other)")
    return "", "", what


def when(value: dt.datetime | str) -> str:
    """A recorded time in local time ("8 Oct, 14:02"); a time that does not read as one, as text."""
    try:
        stamp = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
        return f"{stamp.replace(tzinfo=dt.UTC).astimezone():%-d %b, %H:%M}"
    except (ValueError, OverflowError, OSError):
        return str(value)[:40]
