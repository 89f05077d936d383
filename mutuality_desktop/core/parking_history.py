"""The parking list and agenda entries of the history in words."""

from __future__ import annotations

from typing import Any

from .history import Entry
from .historytext import short


def parking_sentence(describer: Any, entry: Entry) -> str:
    """'parked “…”', 'resolved the parked point “…”', 'set the agenda for Baseline: 09:30 to …'."""
    op, t = entry.op, entry.target
    if op == "set_agenda":
        rnd = describer.rounds.get(t.get("round", ""), "a round since removed")
        after = entry.after if isinstance(entry.after, dict) else None
        if after is None:
            return f"removed the agenda for {rnd}"
        breaks = after.get("breaks") or []
        shown = [f"{b.get('label')} {b.get('start')} ({b.get('minutes')} min)" if isinstance(b, dict) else str(b)
                 for b in breaks] if isinstance(breaks, list) else []
        extra = f", breaks: {'; '.join(shown)}" if shown else ""
        return f"set the agenda for {rnd}: {after.get('start')} to {after.get('finish')}{extra}"
    values = entry.after if op != "remove_parking" else entry.before
    values = values if isinstance(values, dict) else {}
    text = values.get("text") or describer.parking.get(t.get("parking", ""), "")
    point = f"the parked point {short(str(text), 120)}" if text else "a parked point"
    if op == "add_parking":
        return f"parked {short(str(text), 120)}" if text else "parked a point"
    if op == "remove_parking":
        return f"removed {point}"
    if op == "resolve_parking":
        return f"resolved {point}" if values.get("status") == "resolved" else f"reopened {point}"
    return f"edited {point}: {describer.what(entry)}"
