"""A merge plan in words: what each side changed since the common state, by factor and field,
with who and when (for the merge screen; core, so the wording is tested without a window)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .engagement import Engagement
from .merge import Conflict, MergePlan, _last, describe_key, when
from .merge_files import row_names, show
from .merge_state import UNKNOWN, Key, Record, touched_keys

last_change = _last  # the merge dialog names who changed a field last

TAKEN, KEPT, CLASH = "taken from theirs", "kept (yours)", "conflict: you decide"


@dataclass(frozen=True)
class ChangeRow:
    group: str  # the factor and round, or the part of the engagement
    field: str
    yours: str
    theirs: str
    by: str  # who changed it, when, on which side
    result: str
    key: Key


def _group(eng: Engagement, key: Key, names: dict[str, str], plan: MergePlan) -> str:
    fw = eng.framework
    if key[0] in ("score", "pscore"):
        fid = str(key[2])
        factor = fw.factor(fid).name if fw.has_factor(fid) else fid
        return f"{factor} · {names.get(key[1], 'a round')}"
    if key[0] == "action":
        state = plan.theirs.state if (*key[:2], "factor") in plan.theirs.state else plan.ours.state
        fid = str(state.get((*key[:2], "factor"), ""))
        factor = fw.factor(fid).name if fw.has_factor(fid) else "an action"
        return f"{factor} · actions"
    if key[0] in ("scope", "excluded"):
        return f"Scope · {names.get(key[1], 'a round')}"
    return {"info": "Engagement details", "branding": "Report branding", "round": "Rounds",
            "participant": "Participants", "parking": "Parking list",
            "agenda": "Agenda for the day"}.get(str(key[0]), str(key[0]))


def by_line(record: Record | None, side: str = "") -> str:
    """Who made a change and when ("Sian Evans, 8 Oct, 14:02 (theirs)")."""
    if record is None:
        return side or "not recorded"
    tail = f" ({side})" if side else ""
    return f"{record.author or 'unknown'}, {when(record.at)}{tail}"


def _row_label(key: Key, names: dict[str, str], mine: Any, theirs: Any) -> str:
    """A whole row added or removed on one side, in words."""
    kind = str(key[0])
    name = names.get(key[1], f"a {kind}")
    return f"{kind} “{name}” ({'added' if theirs else 'removed'} in the other copy)" if mine is None \
        or theirs is None else f"{kind} “{name}”"


def change_rows(eng: Engagement, plan: MergePlan) -> list[ChangeRow]:
    """Every field that differs between the copies, grouped by factor; conflicts first."""
    names = row_names(eng, plan)
    keys = set(plan.ours.state) | set(plan.theirs.state)
    mine = touched_keys(plan.ours.new, keys)
    rows: list[ChangeRow] = []
    clash = {c.key for c in plan.conflicts}
    whole = {k for k in keys if len(k) == 2 and k[0] in ("round", "participant", "action", "parking")
             and plan.ours.state.get(k) != plan.theirs.state.get(k)}
    for key in sorted(keys | set(plan.take) | clash, key=repr):
        o, t = plan.ours.state.get(key), plan.theirs.state.get(key)
        if o == t and key not in clash:
            continue
        if len(key) == 3 and key[:2] in whole:
            continue  # a row added or removed whole is one line
        if key in clash:
            result, by = CLASH, "; ".join(
                (by_line(last_change(plan.ours.new, key), "yours"),
                 by_line(last_change(plan.theirs.new, key), "theirs")))
        elif key in plan.take:
            result, by = TAKEN, by_line(last_change(plan.theirs.new, key), "theirs")
        elif key in mine:
            result, by = KEPT, by_line(last_change(plan.ours.new, key), "yours")
        else:
            continue
        if key in whole:
            field = _row_label(key, names, o, t) if key not in clash else \
                f"{key[0]} “{names.get(key[1], '')}” (removed in one copy, edited in the other)"
        else:
            field = describe_key(eng, key, names)[2]
        rows.append(ChangeRow(_group(eng, key, names, plan), field, _shown(o, eng, key, (t,)),
                              _shown(t, eng, key, (o,)), by, result, key))
    rows.sort(key=lambda r: (r.result != CLASH, r.group, r.field))
    return rows


def _shown(value: Any, eng: Engagement | None = None, key: Key = (),
           against: tuple[Any, ...] = ()) -> str:
    if value is None:
        return "—"
    return level_text(eng, key, value, against) if eng is not None else (
        "present" if value is True else show(value, against))


def level_text(eng: Engagement, key: Key, value: Any, against: tuple[Any, ...] = ()) -> str:
    """A value as the merge screen shows it: a level with its name ("3 Established"), as the rest
    of the app does (play-through 8: bare "1", "3", "4"); anything else as merge_files.show (a
    long text around where it first differs from the values in against)."""
    if key and key[-1] == "level" and isinstance(value, int) and not isinstance(value, bool):
        name = eng.framework.scale.name_of(value)
        return f"{value} {name}" if name else str(value)
    return "present" if value is True else show(value, against)


def conflict_title(eng: Engagement, plan: MergePlan, conflict: Conflict) -> str:
    names = row_names(eng, plan)
    parts = describe_key(eng, conflict.key, names)
    return " · ".join(p for p in parts if p)


def base_text(conflict: Conflict, eng: Engagement | None = None) -> str:
    if conflict.base is UNKNOWN:
        return "not known"
    both = (conflict.ours, conflict.theirs)
    return level_text(eng, conflict.key, conflict.base, both) if eng is not None else \
        show(conflict.base, both)


def editable(conflict: Conflict) -> bool:
    """Whether a person may type a third value (text and levels), not only pick a side."""
    key = conflict.key
    field = key[-1] if len(key) > 2 or key[0] == "info" else None
    return field in ("level", "notes", "comment", "text", "owner", "name", "role", "label",
                     "title", "facilitator", "workshop_venue", "contract_name")


def parse_value(conflict: Conflict, text: str) -> Any:
    """A typed value for a conflict's field; levels must be whole numbers."""
    if conflict.key[-1] == "level":
        words = text.split()
        text = words[0] if words else ""  # "3 Established", as the screen shows levels, is 3
        if not text.lstrip("-").isdigit():
            raise ValueError("A level is a whole number.")
        return int(text)
    if not text.strip():
        # play-through 12b: "Other" with its box empty erased the whole agreed note, no warning
        raise ValueError("The box is empty: type the wording to keep, or choose yours or theirs "
                         "(an empty box would erase it, so nothing was merged).")
    return text.strip()


def _words(text: str) -> list[tuple[str, int, int]]:
    import re

    return [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def _opcodes(text: str, other: str) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]],
                                              list[tuple[str, int, int, int, int]]]:
    from difflib import SequenceMatcher

    mine, theirs = _words(text), _words(other)
    matcher = SequenceMatcher(None, [w for w, _s, _e in mine], [w for w, _s, _e in theirs],
                              autojunk=False)
    return mine, theirs, [(str(t), i1, i2, j1, j2) for t, i1, i2, j1, j2 in matcher.get_opcodes()]


def differing_words(text: str, other: Any) -> list[tuple[int, int]]:
    """Where text has words other has not (difflib on words): (start, end) of each run, in order.
    Play-through 12b: marking everything from the first difference to the last made two notes
    that each added one sentence (one at the start, one at the end) wholly bold."""
    if not isinstance(other, str) or other == text:
        return []
    mine, _theirs, codes = _opcodes(text, other)
    return [(mine[i1][1], mine[i2 - 1][2]) for tag, i1, i2, _j1, _j2 in codes
            if tag != "equal" and i2 > i1]


def word_changes(yours: str, theirs: str, limit: int = 60) -> list[str]:
    """How two versions of a text differ, in words as History puts them ("theirs adds “…” after
    “…”"), one phrase per place they differ."""
    mine, other, codes = _opcodes(yours, theirs)

    def cut(text: str) -> str:
        return text if len(text) <= limit else text[:limit - 1] + "…"

    def span(words: list[tuple[str, int, int]], source: str, i: int, j: int) -> str:
        return cut(source[words[i][1]:words[j - 1][2]])

    def where(i: int) -> str:
        if i == 0:
            return "at the start"
        lead = " ".join(w for w, _s, _e in mine[max(0, i - 5):i])
        return f"after “{'…' if i > 5 else ''}{lead}”"

    out = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "insert":
            out.append(f"theirs adds “{span(other, theirs, j1, j2)}” {where(i1)}")
        elif tag == "delete":
            out.append(f"yours adds “{span(mine, yours, i1, i2)}” {where(i1)}")
        elif tag == "replace":
            out.append(f"yours has “{span(mine, yours, i1, i2)}” where theirs has "
                       f"“{span(other, theirs, j1, j2)}” ({where(i1)})")
    return out


def combined(yours: str, theirs: str) -> str:
    """A start for a combined text: every word of either version in order, where they differ
    yours first and then theirs (two notes that each added a sentence read as one with both)."""
    mine, other, codes = _opcodes(yours, theirs)
    parts = []
    for tag, i1, i2, j1, j2 in codes:
        if i2 > i1:
            parts.append(yours[mine[i1][1]:mine[i2 - 1][2]])
        if tag != "equal" and j2 > j1:
            parts.append(theirs[other[j1][1]:other[j2 - 1][2]])
    return " ".join(parts)
