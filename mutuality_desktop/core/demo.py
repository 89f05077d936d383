"""Build the demo engagement (a council and its provider) from resources/demo."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from .engagement import Engagement
from .model import EngagementInfo, Participant, story_clock
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


class _StoryClock:
    """When the demo's history says each change was made: on the days of its rounds, through a
    workshop day (play-through 7: every entry said today, by whoever ran the demo). UTC, naive,
    as the file stores times; the day's times are UK times."""

    def __init__(self, day: dt.date) -> None:
        self.now = _uk_time(day, 8, 30)

    def __call__(self) -> dt.datetime:
        return self.now

    def start(self, day: dt.date, hour: int, minute: int) -> None:
        self.now = _uk_time(day, hour, minute)

    def tick(self, seconds: int = 15) -> None:
        self.now += dt.timedelta(seconds=seconds)


def _last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 31)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def _uk_time(day: dt.date, hour: int, minute: int) -> dt.datetime:
    """A UK wall-clock time on a day as naive UTC (British Summer Time from the last Sunday of
    March to the last Sunday of October)."""
    summer = _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10)
    return dt.datetime.combine(day, dt.time(hour, minute)) - dt.timedelta(hours=1 if summer else 0)


def build_demo(path: Path) -> Engagement:
    """Write the demo engagement to path and return it open. Its history names the demo's
    facilitator, and it and every row's created and updated time are on the days of its rounds;
    the engagement returned records as usual."""
    content = json.loads(resource_path("demo", DEMO_CONTENT).read_text(encoding="utf-8"))
    e = content["engagement"]
    date_fields = ("contract_start", "contract_end", "workshop_date")
    fields: dict[str, Any] = {k: (_date(v) if k in date_fields else v) for k, v in e.items()}
    info = EngagementInfo(**fields)
    rounds = content["rounds"]
    story = _StoryClock(_date(rounds[0]["date"]) or dt.date(2026, 3, 12))
    with story_clock(story):  # rows' stamps and history alike carry the story's times
        eng = Engagement.create(Path(path), info, baseline_label=rounds[0]["label"])
        author, clock = eng.author, eng.clock
        try:
            eng.author = info.facilitator or author
            eng.clock = story
            _fill(eng, content)
        except BaseException:
            eng.close()
            raise
        finally:
            eng.author, eng.clock = author, clock
    return eng


def _fill(eng: Engagement, content: dict[str, Any]) -> None:
    """Round by round, as the story went: set up on the baseline morning; each round's pre-work
    returns typed in before the room starts at ten; the room's scores through the day, with the
    points parked at their times; the actions at the end of the day."""
    from .parking_demo import add_demo_agenda, demo_points  # issue 15: parked points and an agenda

    clock = eng.clock
    assert isinstance(clock, _StoryClock)
    rounds = content["rounds"]
    baseline = eng.rounds()[0]
    if baseline.date != _date(rounds[0]["date"]):  # a change that changed nothing is not history
        eng.update_round(baseline.id, date=_date(rounds[0]["date"]))
    people: list[Participant] = []
    for p in content["participants"]:
        clock.tick(60)
        people.append(eng.add_participant(p["name"], p["role"], p["side"]))
    parked = demo_points(eng)
    round_ids = {baseline.label: baseline.id}
    for index, r in enumerate(rounds):
        day = _date(r["date"]) or baseline.date or dt.date(2026, 3, 12)
        if index:
            clock.start(day, 8, 30)
            round_ids[r["label"]] = eng.add_round(r["label"], _date(r["date"])).id
            if index == len(rounds) - 1:
                clock.tick(300)
                add_demo_agenda(eng)
        rid = round_ids[r["label"]]
        factors = content["scores"].get(r["label"], {})
        clock.start(day, 9, 0)
        _returns(eng, content, r["label"], rid, factors, people)
        clock.start(day, 10, 0)
        pending = [p for p in parked if index == 0]
        step = max(60, (6 * 3600) // max(1, len(factors)))  # the room's scores spread over the day
        for number, (factor_id, s) in enumerate(factors.items()):
            clock.start(day, 10, 0)
            clock.tick(number * step)
            while pending and pending[0].raised_at is not None and pending[0].raised_at <= clock.now:
                point = pending.pop(0)
                mark = clock.now
                clock.now = point.raised_at or mark
                eng.apply(point)
                clock.now = mark
            for perspective in ("client", "provider", "agreed"):
                clock.tick()
                if s.get(perspective) is not None:  # an empty level is left empty, not "cleared"
                    eng.set_score(rid, factor_id, perspective, s.get(perspective))
                note = s.get("notes", {}).get(perspective)
                if note:
                    clock.tick()
                    eng.set_notes(rid, factor_id, perspective, note)
            if s.get("confidence"):
                clock.tick()
                eng.set_confidence(rid, factor_id, "agreed", s["confidence"])
        for point in pending:
            clock.now = max(clock.now, point.raised_at or clock.now)
            eng.apply(point)
        clock.start(day, 16, 30)
        labels = [x["label"] for x in rounds]
        for a in content["actions"]:  # listed round by round: the action list keeps their order
            raised = a.get("round", "")
            if raised == r["label"] or (raised not in labels and index == len(rounds) - 1):
                clock.tick(60)
                eng.add_action(a["factor_id"], a["text"], a.get("owner", ""), a.get("side", "joint"),
                               _date(a.get("due_date")), a.get("status", "open"), round_ids.get(raised))


def _returns(eng: Engagement, content: dict[str, Any], label: str, rid: int, factors: dict[str, Any],
             people: list[Participant]) -> None:
    """The round's pre-work returns, each person's around their side's view."""
    clock = eng.clock
    assert isinstance(clock, _StoryClock)
    scale = eng.framework.scale
    comments = content.get("prework_comments", {})  # round -> factor -> participant -> their comment
    for factor_id, s in factors.items():
        offsets = _side_offsets(people, factor_id)
        for person in people:
            view = s.get(person.side)
            if person.side in ("client", "provider") and view is not None:
                level = min(scale.maximum, max(scale.minimum, view + offsets[person.name]))
                comment = comments.get(label, {}).get(factor_id, {}).get(person.name, "")
                clock.tick(2)
                eng.set_participant_score(rid, factor_id, person.id, level, comment)
