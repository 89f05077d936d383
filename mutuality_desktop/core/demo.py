"""Build the demo engagement (a council and its provider) from resources/demo."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from .engagement import Engagement
from .model import EngagementInfo, Participant
from .resources import resource_path

DEMO_CONTENT = "demo-engagement.json"


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _spread(name: str, factor_id: str) -> int:
    """A stable -1/0/+1 offset so individual returns scatter around their side's view."""
    digest = hashlib.sha256(f"{name}:{factor_id}".encode()).digest()
    return (-1, 0, 0, 1)[digest[0] % 4]


def _side_offsets(people: list[Participant], factor_id: str) -> dict[str, int]:
    """Each person's offset; no side has every return above, or every return below, its own view."""
    offsets = {p.name: _spread(p.name, factor_id) for p in people}
    for side in ("client", "provider"):
        names = [p.name for p in people if p.side == side]
        if names and len({offsets[n] for n in names}) == 1 and offsets[names[0]] != 0:
            offsets[names[0]] = 0
    return offsets


def build_demo(path: Path) -> Engagement:
    """Write the demo engagement to path and return it open."""
    content = json.loads(resource_path("demo", DEMO_CONTENT).read_text(encoding="utf-8"))
    e = content["engagement"]
    date_fields = ("contract_start", "contract_end", "workshop_date")
    fields: dict[str, Any] = {k: (_date(v) if k in date_fields else v) for k, v in e.items()}
    info = EngagementInfo(**fields)
    rounds = content["rounds"]
    eng = Engagement.create(Path(path), info, baseline_label=rounds[0]["label"])
    try:
        _fill(eng, content)
        from .parking_demo import add_demo_parking  # issue 15: parked points and an agenda

        add_demo_parking(eng)
    except BaseException:
        eng.close()
        raise
    return eng


def _fill(eng: Engagement, content: dict[str, Any]) -> None:
    rounds = content["rounds"]
    baseline = eng.rounds()[0]
    eng.update_round(baseline.id, date=_date(rounds[0]["date"]))
    round_ids = {baseline.label: baseline.id}
    for r in rounds[1:]:
        round_ids[r["label"]] = eng.add_round(r["label"], _date(r["date"])).id
    people = [eng.add_participant(p["name"], p["role"], p["side"]) for p in content["participants"]]
    scale = eng.framework.scale
    comments = content.get("prework_comments", {})  # round -> factor -> participant -> their comment
    for label, factors in content["scores"].items():
        rid = round_ids[label]
        for factor_id, s in factors.items():
            for perspective in ("client", "provider", "agreed"):
                eng.set_score(rid, factor_id, perspective, s.get(perspective))
                note = s.get("notes", {}).get(perspective)
                if note:
                    eng.set_notes(rid, factor_id, perspective, note)
            if s.get("confidence"):
                eng.set_confidence(rid, factor_id, "agreed", s["confidence"])
            offsets = _side_offsets(people, factor_id)
            for person in people:
                view = s.get(person.side)
                if person.side in ("client", "provider") and view is not None:
                    level = min(scale.maximum, max(scale.minimum, view + offsets[person.name]))
                    comment = comments.get(label, {}).get(factor_id, {}).get(person.name, "")
                    eng.set_participant_score(rid, factor_id, person.id, level, comment)
    for a in content["actions"]:
        eng.add_action(a["factor_id"], a["text"], a.get("owner", ""), a.get("side", "joint"),
                       _date(a.get("due_date")), a.get("status", "open"), round_ids.get(a.get("round", "")))
