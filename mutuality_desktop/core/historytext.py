"""The history as lines a consultant reads: when, who, what (for the CLI and the window)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .context import regime_name
from .engagement import Engagement
from .history import Entry, is_left_out

VERBS = {
    "set_score": "score", "set_notes": "evidence notes", "set_confidence": "evidence confidence",
    "set_participant_score": "participant's return", "update_info": "engagement details",
    "set_branding": "report branding", "add_participant": "added participant",
    "update_participant": "edited participant", "remove_participant": "removed participant",
    "add_round": "added round", "update_round": "edited round", "remove_round": "removed round",
    "set_participant_email": "participant's email", "set_report_names": "names in the report",
    "set_scope": "round scope", "set_not_applicable": "not applicable",
    "set_excluded_factors": "factors left out of a round",
    "add_action": "added action", "update_action": "edited action", "remove_action": "removed action",
    "merge": "merged a copy",
    "add_parking": "parked a point", "update_parking": "edited parked point",
    "resolve_parking": "parked point", "remove_parking": "removed parked point",
    "set_agenda": "agenda for the day", "move_to_framework": "moved to scoring guide",
}


def short(value: Any, limit: int = 60) -> str:
    """A value in a few words: 'not assessed' for no level, quoted text cut to the limit."""
    if value is None:
        return "(none)"
    if isinstance(value, str):
        text = " ".join(value.split())
        return f"“{text[:limit - 1]}…”" if len(text) > limit else f"“{text}”"
    if isinstance(value, dict):
        return ", ".join(f"{k} {short(v, 30)}" for k, v in value.items())
    return json.dumps(value, ensure_ascii=False)[:limit]


def text_change(before: str, after: str, context: int = 20, limit: int = 60) -> str:
    """A text edit in words: what was added or removed, with a little of the text around it.

    Cutting both versions at the start hid a change at the end of a long note: the history
    then read as "the same text → the same text".
    """
    old, new = " ".join(before.split()), " ".join(after.split())
    if not old:
        return short(new, limit) if new else "“”"
    if not new:
        return f"removed {short(old, limit)}"
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    removed, added = old[start:len(old) - end], new[start:len(new) - end]
    lead = ("…" if start > context else "") + old[max(0, start - context):start]

    def cut(text: str) -> str:
        return text if len(text) <= limit else text[:limit - 1] + "…"

    if removed and added:
        return f"changed “{lead}{cut(removed)}” to “{lead}{cut(added)}”"
    if added:
        return f"added “{cut(added)}” after “{lead}”" if start else f"added “{cut(added)}” at the start"
    return f"removed “{cut(removed)}”" + (f" after “{lead}”" if start else "")


class Describer:
    """Names rows as the engagement knows them now (a removed row by what the entry says)."""

    def __init__(self, eng: Engagement) -> None:
        self.rounds = {r.uuid: r.label for r in eng.rounds()}
        self.people = {p.uuid: p.name for p in eng.participants()}
        self.actions = {a.uuid: a.text for a in eng.actions()}
        from .parking import parking_items

        self.parking = {p.uuid: p.text for p in parking_items(eng)}
        self.framework = eng.framework

    def where(self, entry: Entry) -> str:
        t = entry.target
        parts = []
        if "round" in t:
            parts.append(self.rounds.get(t["round"], "a round since removed"))
        if "factor" in t and self.framework.has_factor(str(t["factor"])):
            parts.append(self.framework.factor(str(t["factor"])).name)
        if "perspective" in t:
            parts.append(str(t["perspective"]))
        if "participant" in t:
            parts.append(self.people.get(t["participant"], "a participant since removed"))
        if "action" in t and entry.op != "add_action":
            parts.append(short(self.actions.get(t["action"], "an action since removed"), 40))
        return " · ".join(parts)

    def what(self, entry: Entry) -> str:
        if entry.op in ("add_round", "add_participant") and self.where(entry):
            return ""  # the row is named already
        if entry.op.startswith("add_"):
            after = entry.after if isinstance(entry.after, dict) else {}
            return short(after.get("label") or after.get("name") or after.get("text") or "")
        if entry.op.startswith("remove_"):
            return ""
        if entry.op == "merge":
            return merge_summary(entry.after)
        if entry.op == "set_branding":
            return "changed" if entry.after else "removed"
        before, after = entry.before, entry.after
        if is_left_out(before) or is_left_out(after):  # an exported copy left earlier wording out
            before_text, after_text = ("(earlier wording, not in this copy)" if is_left_out(v) else short(v)
                                       for v in (before, after))
            return f"{before_text} → {after_text}"
        if isinstance(before, dict) and isinstance(after, dict):  # only the fields that changed
            keys = [k for k in after if before.get(k) != after.get(k)] or list(after)
            old, new = _readable(before, keys), _readable(after, keys)
            return "; ".join(f"{k.replace('_', ' ')} {short(old[k], 40)} → {short(new[k], 40)}"
                             for k in keys)
        if isinstance(before, str) and isinstance(after, str) and before and after:
            return text_change(before, after)
        return f"{short(before)} → {short(after)}"

    def row(self, entry: Entry) -> tuple[str, str, str]:
        """When (local time), who, and what changed."""
        verb = VERBS.get(entry.op, entry.op)
        where, what = self.where(entry), self.what(entry)
        text = " ".join(part for part in (verb, where and f"({where})", what) if part)
        local = entry.at.replace(tzinfo=dt.UTC).astimezone()
        return f"{local:%Y-%m-%d %H:%M:%S}", entry.author or "unknown", text


def _readable(values: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    """Field values as a reader knows them: a procurement regime by its name, not its key."""
    return {k: (regime_name(str(values.get(k) or "")) or None) if k == "procurement_regime"
            else values.get(k) for k in keys}


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def merge_summary(after: Any) -> str:
    """What a merge entry records, in words: the copy merged in and the decisions taken."""
    data = after if isinstance(after, dict) else {}
    theirs, ours = _as_dict(data.get("theirs")), _as_dict(data.get("ours"))
    decided = data.get("decided")
    decided = decided if isinstance(decided, list) else []
    text = f"{short(str(theirs.get('file', 'a copy')), 60)} into {short(str(ours.get('file', '')), 60)}"
    text += f": {theirs.get('changes', 0)} of its changes"
    if decided:
        chosen = [d.get("chosen") for d in decided if isinstance(d, dict)]
        parts = [f"{chosen.count(c)} for {name}" for c, name in
                 (("ours", "this copy"), ("theirs", "the other copy"), ("edited", "a new value"))
                 if chosen.count(c)]
        text += f"; {len(decided)} conflict{'s' if len(decided) != 1 else ''} decided ({', '.join(parts)})"
    return text


def history_rows(eng: Engagement, factor: str | None = None) -> list[tuple[str, str, str]]:
    """(when, who, what) for each recorded change, oldest first; times in local time."""
    describer = Describer(eng)
    return [describer.row(entry) for entry in eng.history(factor=factor)]


def history_lines(eng: Engagement, factor: str | None = None) -> list[str]:
    """One line per recorded change, oldest first."""
    return ["  ".join(row) for row in history_rows(eng, factor)]
