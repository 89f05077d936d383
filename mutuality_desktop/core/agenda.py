"""The agenda for the day (format 5): start and finish, breaks, and minutes per dimension and per
factor planned from the round's scope; and where the room stands against that plan.

Times are whole minutes after midnight (9:30 is 570). The minutes per dimension are set by hand
where the facilitator wants; the rest of the working time (the day less its breaks) is shared
among the other dimensions in scope by their number of factors. A factor gets its dimension's
minutes shared equally.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import operations as ops
from .apply_base import Outcome, by_uuid, identity
from .errors import ValidationError
from .validation import require_text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from .engagement import Engagement
    from .framework import Framework

DAY = 24 * 60
ON_PLAN_MINUTES = 5  # within this either side of the plan the room is "on plan"


@dataclass(frozen=True)
class Break:
    label: str
    start: int  # minutes after midnight
    minutes: int

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclass(frozen=True)
class Agenda:
    """A round's plan: start, finish, breaks (by start time) and minutes set by hand."""

    start: int
    finish: int
    breaks: tuple[Break, ...] = ()
    dimension_minutes: tuple[tuple[str, int], ...] = ()  # (dimension id, minutes) set by hand

    @property
    def break_minutes(self) -> int:
        return sum(b.minutes for b in self.breaks)

    @property
    def working_minutes(self) -> int:
        return max(0, self.finish - self.start - self.break_minutes)

    def worked_by(self, minute: int) -> int:
        """Working minutes from the start to `minute`, breaks left out."""
        minute = max(self.start, min(self.finish, minute))
        used = minute - self.start
        for b in self.breaks:
            used -= max(0, min(minute, b.end) - max(self.start, b.start))
        return max(0, used)

    def as_operation(self, round_uuid: str) -> ops.SetAgenda:
        return ops.SetAgenda(round_uuid, self.start, self.finish,
                             tuple((b.label, b.start, b.minutes) for b in self.breaks),
                             self.dimension_minutes)


def clock(minute: int) -> str:
    """09:30 for 570."""
    hours, mins = divmod(int(minute) % DAY, 60)
    return f"{hours:02d}:{mins:02d}"


def parse_clock(text: str) -> int:
    """570 for '9:30' or '09:30'; a ValidationError for anything else."""
    parts = str(text).strip().split(":")
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        hours, mins = int(parts[0]), int(parts[1])
        if 0 <= hours < 24 and 0 <= mins < 60:
            return hours * 60 + mins
    raise ValidationError(f"'{str(text)[:20]}' is not a time of day (HH:MM, such as 09:30).")


def read_typed_time(text: str) -> int:
    """The minute of the day a person typed: 09:30, 9:30, 9.30, 0930, 930, or 9 for nine o'clock.

    For anything else a ValidationError that quotes what was typed and says how to type a time, so
    a box never silently keeps its old time (play-through s5, finding 12: "0900" was ignored)."""
    typed = str(text).strip()
    if not typed:
        raise ValidationError("Type a time of day, such as 09:30 or 0930.")
    hours = mins = -1
    pair = re.fullmatch(r"([0-9]{1,2})\s*[:.]\s*([0-9]{2})", typed)
    digits = re.fullmatch(r"[0-9]{1,4}", typed)
    if pair is not None:
        hours, mins = int(pair.group(1)), int(pair.group(2))
    elif digits is not None:
        hours, mins = (int(typed), 0) if len(typed) <= 2 else (int(typed[:-2]), int(typed[-2:]))
    if 0 <= hours < 24 and 0 <= mins < 60:
        return hours * 60 + mins
    raise ValidationError(f"\u201c{typed[:20]}\u201d is not a time of day: type it as 09:30 or 0930.")


def default_agenda() -> Agenda:
    """A usual workshop day: 09:30 to 16:30, coffee at 11:00, lunch at 12:30, tea at 14:45."""
    return Agenda(570, 990, (Break("Coffee", 660, 15), Break("Lunch", 750, 45), Break("Tea", 885, 15)))


# --- reading and writing ---------------------------------------------------------------------

def read_agenda(eng: Engagement, round_id: int) -> Agenda | None:
    """The round's stored plan, or None when none is set."""
    conn = eng.connection
    row = conn.execute("SELECT start_minute, finish_minute FROM agenda WHERE round_id = ?",
                       (round_id,)).fetchone()
    if row is None:
        return None
    breaks = tuple(Break(str(r[0]), int(r[1]), int(r[2])) for r in conn.execute(
        "SELECT label, start_minute, minutes FROM agenda_break WHERE round_id = ? "
        "ORDER BY start_minute, id", (round_id,)))
    dims = tuple((str(r[0]), int(r[1])) for r in conn.execute(
        "SELECT dimension_id, minutes FROM agenda_dimension WHERE round_id = ? ORDER BY id",
        (round_id,)))
    return Agenda(int(row[0]), int(row[1]), breaks, dims)


def _minute(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= DAY:
        raise ValidationError(f"{what} must be a time of day.")
    return value


def check_agenda(framework: Framework, op: ops.SetAgenda) -> Agenda | None:
    """The plan the operation sets, checked; None when it removes the plan."""
    if op.start is None:
        return None
    start = _minute(op.start, "The start")
    finish = _minute(op.finish, "The finish")
    if finish <= start:
        raise ValidationError(f"The finish ({clock(finish)}) must be after the start ({clock(start)}).")
    breaks: list[Break] = []
    for item in op.breaks:
        if not isinstance(item, tuple | list) or len(item) != 3:
            raise ValidationError("A break needs a name, a start and a length.")
        label = require_text(item[0], "A break's name", 100)
        b_start = _minute(item[1], f"The start of {label}")
        length = item[2]
        if isinstance(length, bool) or not isinstance(length, int) or not 1 <= length <= 240:
            raise ValidationError(f"{label} must last between 1 and 240 minutes.")
        if b_start < start or b_start + length > finish:
            raise ValidationError(f"{label} ({clock(b_start)}, {length} min) is outside the day "
                                  f"({clock(start)} to {clock(finish)}).")
        breaks.append(Break(label, b_start, length))
    breaks.sort(key=lambda b: b.start)
    for first, second in zip(breaks, breaks[1:], strict=False):
        if second.start < first.end:
            raise ValidationError(f"{first.label} ({clock(first.start)} to {clock(first.end)}) and "
                                  f"{second.label} ({clock(second.start)} to {clock(second.end)}) overlap: "
                                  "move one of them.")
    dims: list[tuple[str, int]] = []
    known = {d.id for d in framework.dimensions}
    for pair in op.dimensions:
        if not isinstance(pair, tuple | list) or len(pair) != 2 or pair[0] not in known:
            raise ValidationError(f"Unknown dimension in the agenda: {str(pair)[:40]}.")
        minutes = pair[1]
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= DAY:
            raise ValidationError("A dimension's minutes must be a whole number of minutes.")
        if pair[0] in dict(dims):
            raise ValidationError(f"The dimension {pair[0]} is planned twice.")
        dims.append((str(pair[0]), minutes))
    agenda = Agenda(start, finish, tuple(breaks), tuple(dims))
    if sum(m for _, m in dims) > agenda.working_minutes:
        raise ValidationError(f"The minutes set per dimension ({sum(m for _, m in dims)}) are more "
                              f"than the working time of the day ({agenda.working_minutes}).")
    return agenda


def set_agenda(eng: Engagement, s: Session, op: ops.SetAgenda) -> Outcome:
    from sqlalchemy import delete

    from .schema import AgendaBreakRow, AgendaDimensionRow, AgendaRow, RoundRow

    rnd = by_uuid(s, RoundRow, op.round, "round")
    agenda = check_agenda(eng.framework, op)
    old = read_agenda(eng, rnd.id)
    for model in (AgendaRow, AgendaBreakRow, AgendaDimensionRow):
        s.execute(delete(model).where(model.round_id == rnd.id))
    if agenda is not None:
        s.add(AgendaRow(round_id=rnd.id, start_minute=agenda.start, finish_minute=agenda.finish,
                        uuid=identity("")))
        for b in agenda.breaks:
            s.add(AgendaBreakRow(round_id=rnd.id, label=b.label, start_minute=b.start,
                                 minutes=b.minutes, uuid=identity("")))
        for dimension_id, minutes in agenda.dimension_minutes:
            s.add(AgendaDimensionRow(round_id=rnd.id, dimension_id=dimension_id, minutes=minutes,
                                     uuid=identity("")))
    inverse = old.as_operation(rnd.uuid) if old is not None else ops.SetAgenda(rnd.uuid)
    return Outcome(inverse, {"round": rnd.uuid}, summary(old), summary(agenda))


def summary(agenda: Agenda | None) -> dict[str, object] | None:
    """The plan as the history records it: its JSON form (what `set_agenda` reads)."""
    if agenda is None:
        return None
    return {"start": clock(agenda.start), "finish": clock(agenda.finish),
            "breaks": [{"label": b.label, "start": clock(b.start), "minutes": b.minutes} for b in agenda.breaks],
            "dimensions": {d: m for d, m in agenda.dimension_minutes}}


# --- the plan --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Plan:
    """Minutes per dimension and per factor, in the order the room takes them."""

    dimension_minutes: dict[str, int]
    factor_minutes: dict[str, float]
    order: tuple[str, ...]  # factor ids in scope, framework order


def out_of_round(eng: Engagement, round_id: int) -> frozenset[str]:
    """Factors of the round's dimensions that take none of the day: left out, or not applicable."""
    return frozenset(eng.excluded_factors(round_id)) | frozenset(eng.not_applicable(round_id))


def plan_minutes(framework: Framework, scope: Iterable[str], agenda: Agenda,
                 out: Collection[str] = frozenset()) -> Plan:
    """Share the day's working time among the dimensions in scope (hand-set minutes first), over
    their factors less those `out` of the round (left out, or not applicable)."""
    chosen = [d for d in framework.workshop_order() if d.id in set(scope)]
    taken = {d.id: [f for f in d.factors if f.id not in out] for d in chosen}
    manual = {d: m for d, m in agenda.dimension_minutes if d in {c.id for c in chosen}}
    rest = [d for d in chosen if d.id not in manual]
    left = max(0, agenda.working_minutes - sum(manual.values()))
    count = sum(len(taken[d.id]) for d in rest)
    minutes: dict[str, int] = dict(manual)
    shared = 0
    for d in rest:
        share = int(round(left * len(taken[d.id]) / count)) if count else 0
        minutes[d.id] = share
        shared += share
    if rest and shared != left:  # rounding: the last dimension takes the difference
        minutes[rest[-1].id] += left - shared
    per_factor: dict[str, float] = {}
    order: list[str] = []
    for d in chosen:
        for f in taken[d.id]:
            per_factor[f.id] = minutes[d.id] / len(taken[d.id])
            order.append(f.id)
    return Plan({d.id: minutes[d.id] for d in chosen}, per_factor, tuple(order))


@dataclass(frozen=True)
class Pace:
    """Where the room stands against the plan at one moment."""

    behind: int  # minutes behind plan (negative: ahead)
    left: int  # factors in scope not yet agreed
    next_break: Break | None  # the next break not yet started
    to_next_break: int  # minutes until it starts
    to_finish: int  # working minutes until the finish
    needed: int  # planned minutes of the factors left
    park: tuple[str, ...]  # factors to park to finish on time (when behind)
    in_break: Break | None = None
    finish: int | None = None  # the planned finish (minutes after midnight), once it has passed
    start: int | None = None  # the planned start, while it is still to come
    in_hand: int | None = None  # minutes before the plan's start, the clock started early

    def headline(self) -> str:
        """'12 min behind: 9 factors left, 70 min to lunch'."""
        if self.left == 0:
            return "Every factor in scope is agreed."
        factors = f"{self.left} factor{'s' if self.left != 1 else ''} left"
        if self.finish is not None:  # minutes behind a finish already past say nothing useful
            return f"Past the {clock(self.finish)} finish: {factors}"
        if self.start is not None:  # "20 min ahead … 647 min to coffee" at midnight said nothing useful
            if self.in_hand is not None:  # the clock started early: the plan's times stand
                state = f"{duration(-self.behind)} ahead" if self.behind < -ON_PLAN_MINUTES else "Early start"
                return (f"{state}: {factors}, {duration(self.in_hand)} in hand before the plan\u2019s "
                        f"{clock(self.start)}")
            return f"The day starts at {clock(self.start)}: {factors}"
        if self.in_break is not None:
            state = f"{self.in_break.label} until {clock(self.in_break.end)}"
        elif self.behind > ON_PLAN_MINUTES:
            state = f"{duration(self.behind)} behind"
        elif self.behind < -ON_PLAN_MINUTES:
            state = f"{duration(-self.behind)} ahead"
        else:
            state = "On plan"
        if self.next_break is not None and self.in_break is None:
            return f"{state}: {factors}, {duration(self.to_next_break)} to {self.next_break.label.lower()}"
        return f"{state}: {factors}, {duration(self.to_finish)} of work to the finish"


def pace(agenda: Agenda, plan: Plan, agreed: Iterable[str], now: int,
         quick: Iterable[str] = (), started: int | None = None) -> Pace:
    """Compare the working time used so far with the planned time of the factors agreed.

    `quick` are factors the two sides already agree on (pre-work): suggested first for parking.
    `started` is the minute the facilitator started the clock, if they did: started before the
    plan's start, the room has that time in hand and the plan's times stand (see `day_clock`).
    """
    done = set(agreed)
    worked = agenda.worked_by(now)
    planned_done = sum(plan.factor_minutes.get(f, 0.0) for f in plan.order if f in done)
    behind = int(round(worked - planned_done))
    left = [f for f in plan.order if f not in done]
    needed = int(round(sum(plan.factor_minutes[f] for f in left)))
    to_finish = max(0, agenda.working_minutes - worked)
    in_break = next((b for b in agenda.breaks if b.start <= now < b.end), None)
    upcoming = next((b for b in agenda.breaks if b.start > now), None)
    to_break = max(0, upcoming.start - now) if upcoming is not None else 0
    park: list[str] = []
    overrun = needed - to_finish
    if overrun > 0 and behind > ON_PLAN_MINUTES:
        easy = set(quick)
        # agreed already in pre-work first (a quick confirmation later), then the last in the plan
        candidates = [f for f in reversed(left) if f in easy] + [f for f in reversed(left) if f not in easy]
        saved = 0.0
        for fid in candidates:
            if saved >= overrun:
                break
            park.append(fid)
            saved += plan.factor_minutes[fid]
    past = agenda.finish if now >= agenda.finish else None
    early = agenda.start if now < agenda.start else None
    in_hand = agenda.start - now if early is not None and started is not None and started <= now else None
    return Pace(behind, len(left), upcoming, to_break, to_finish, needed, tuple(park), in_break, past, early,
                in_hand)


def duration(minutes: int) -> str:
    """A length of time as a facilitator says it: '12 min' up to the hour ('60 min'), then '1 h 5 min',
    '6 h 20 min', '2 h' (play-through 9: '380 min ahead', '647 min to coffee' made the room do sums)."""
    minutes = max(0, minutes)
    if minutes <= 60:
        return f"{minutes} min"
    hours, mins = divmod(minutes, 60)
    return f"{hours} h {mins} min" if mins else f"{hours} h"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"  # 28 Nov 2026, the app's one date format


@dataclass(frozen=True)
class DayClock:
    """The workshop clock at one moment, in the words the agenda panel and its pop-up both show.

    The rule (play-through 8): the clock runs on the workshop day only (any day for a round with no
    date). With a plan it counts from the plan's start unless the facilitator started it at another
    time; either way the plan's breaks and finish stand, so a late start shows as minutes behind and
    an early one as time in hand. Without a plan it counts from the time set, else from the day's
    first open of the file. A start set is kept for that day only (never in the engagement file), so
    a rehearsal the day before leaves nothing behind; on the day, "Count from the plan's start"
    takes a start set by mistake back."""

    line: str  # the clock in a whole sentence: the panel's tooltip and what a screen reader hears
    label: str  # the pop-up's name for its start box
    start: int | None  # the minute the box shows (the clock counts, or will count, from it); None: no box
    note: str = ""  # under the box: how the clock counts, in words
    running: bool = False
    can_start: bool = True  # "Start the clock now" is offered (on the workshop day only)
    can_reset: bool = False  # a start was set apart from the plan's: it can be taken back to the plan's
    editable: bool = True  # the start box takes typing (on the workshop day or before it, not after)
    # the panel's words, where the sentence is too long for the narrow column ("" : the line itself):
    # with Large text at 1024x768 "The clock starts at 09:40 tomorrow, 28 Nov 2026, 10 min after the
    # plan's 09:30." took five lines and the panel a scroll bar of its own (play-through 12); the
    # day's date and the plan's start are said by the round's name and the plan's line beside it
    short: str = ""

    @property
    def panel(self) -> str:
        """What the agenda panel shows: the short words if there are any, else the line."""
        return self.short or self.line


def day_clock(now: dt.datetime, day: dt.date | None, plan_start: int | None,
              started: dt.datetime | None, chosen: bool) -> DayClock:
    """What the clock says at `now`: `day` is the round's date (None: not dated), `plan_start` the
    plan's start (None: no plan), `started` today's start (set by the facilitator when `chosen`,
    else the day's first open of the file)."""
    if day is not None and day != now.date():
        ran = day < now.date()
        line = f"The clock and pacing {'ran' if ran else 'run'} on the workshop day, {_day(day)}."
        if ran:
            note = f"The workshop day was {_day(day)}; the clock counted on that day only."
            return DayClock(line, "Clock start", plan_start, note, can_start=False, editable=False,
                            short=f"Workshop day was {_day(day)}")
        # Still to come: the facilitator planning the night before sets the start here (kept on
        # this laptop for that day, as a start set on the day is), from the plan's or the usual day's.
        ahead = f"The workshop day, {_day(day)}, is still to come"
        # the panel names the start the pop-up shows, and its day (play-through 11: a start set for
        # tomorrow was seen only in the pop-up)
        tomorrow = day == now.date() + dt.timedelta(days=1)
        when = f"tomorrow, {_day(day)}" if tomorrow else f"on {_day(day)}"
        briefly = "tomorrow" if tomorrow else f"on {_day(day)}"  # the panel's words: the date is in its tooltip
        if chosen and started is not None and started.date() == day:
            at = started.hour * 60 + started.minute
            told = (f" (the plan\u2019s start is {clock(plan_start)}; its breaks and finish stand)"
                    if plan_start is not None and at != plan_start else "")
            note = f"{ahead}: the clock will count from {clock(at)} that day{told}."
            apart = ""
            if plan_start is not None and at != plan_start:
                apart = (f", {duration(abs(at - plan_start))} {'after' if at > plan_start else 'before'} "
                         f"the plan\u2019s {clock(plan_start)}")
            return DayClock(f"The clock starts at {clock(at)} {when}{apart}.", "Clock starts at", at, note,
                            can_start=False, can_reset=plan_start is not None and at != plan_start,
                            short=f"Starts {clock(at)} {briefly}")
        if plan_start is not None:
            note = f"{ahead}: the clock will count from the plan\u2019s {clock(plan_start)} that day."
            return DayClock(f"The clock starts at {clock(plan_start)} (plan) {when}.", "Clock starts at",
                            plan_start, note, can_start=False, short=f"Starts {clock(plan_start)} {briefly} (plan)")
        note = (f"{ahead}. Type the time the clock should count from that day; until you do, it counts "
                "from when this file is first opened that day.")
        return DayClock(line, "Start the clock at", default_agenda().start, note, can_start=False,
                        short=f"Workshop day: {'tomorrow, ' if tomorrow else ''}{_day(day)}")
    today = now.date()
    minute = now.hour * 60 + now.minute
    if started is not None and started.date() != today:
        started = None
    if chosen and started is not None:
        at = started.hour * 60 + started.minute
        back = plan_start is not None and at != plan_start
        kept = "the start you set, kept on this laptop for today"
        if started > now:
            return DayClock(f"The clock starts at {clock(at)}.", "Clock starts at", at,
                            f"The clock will count from {clock(at)}, {kept}.", can_reset=back,
                            short=f"Starts {clock(at)}")
        line = short = f"Started {clock(at)} \u00b7 {duration(int((now - started).total_seconds() // 60))} so far"
        note = f"Counting from {clock(at)}, {kept}."
        if plan_start is not None and at < plan_start:
            if minute >= plan_start:
                line += f", {duration(plan_start - at)} before the plan\u2019s {clock(plan_start)}"
            note = (f"Started before the plan\u2019s {clock(plan_start)}: the plan\u2019s breaks and finish "
                    "stand, and the time before its start is in hand.")
        elif plan_start is not None and at > plan_start:
            line += f", {duration(at - plan_start)} after the plan\u2019s {clock(plan_start)}"
            note = (f"Started after the plan\u2019s {clock(plan_start)}: the plan\u2019s breaks and finish "
                    "stand, so the minutes lost count as behind.")
        # the panel leaves out how far from the plan's start it is: the pace line counts it already
        return DayClock(line, "Started at", at, note, running=True, can_reset=back, short=short)
    if plan_start is not None:
        # a sentence in these, the day's usual states, too: the pop-up keeps room for the longest it
        # may come to say, and says how to change the start rather than leave that room empty
        if minute < plan_start:
            note = (f"The clock starts itself at the plan\u2019s {clock(plan_start)}; Start the clock now if "
                    "the room begins sooner.")
            return DayClock(f"The clock starts with the day, at {clock(plan_start)}.", "Clock starts at",
                            plan_start, note, short=f"Starts {clock(plan_start)} (plan)")
        line = f"Started at {clock(plan_start)} (plan) \u00b7 {duration(minute - plan_start)} so far"
        note = (f"Counting from the plan\u2019s {clock(plan_start)}. If the room started at another time, "
                "type it here; the plan\u2019s breaks and finish stand.")
        return DayClock(line, "Started at", plan_start, note, running=True)
    first = started if started is not None else now
    at = first.hour * 60 + first.minute
    line = f"Started {clock(at)} \u00b7 {duration(int((now - first).total_seconds() // 60))} so far"
    return DayClock(line, "Started at", at, "Started when this file was first opened today.", running=True)


def start_day(today: dt.date, day: dt.date | None) -> dt.date:
    """The day a start typed in the Agenda pop-up is for: the workshop's day while it is still to
    come (the night before's planning), else today."""
    return day if day is not None and day > today else today


def clocks_within_reach(now: dt.datetime, day: dt.date | None, plan_start: int | None,
                        started: dt.datetime | None, chosen: bool) -> list[DayClock]:
    """What the clock may come to say while the Agenda pop-up is open: as it is now, with a start
    typed there (earlier or later than the plan's start, than the start shown and than now) and
    with that start taken back. The pop-up keeps room for the longest of them from the moment it
    opens, so nothing in it moves under the pointer when "+" changes its sentence (play-through 11:
    the pop-up grew upwards and the next click landed on the words)."""
    states = [day_clock(now, day, plan_start, started, chosen)]
    if not states[0].editable or states[0].start is None:
        return states
    when = start_day(now.date(), day)
    bases = {now.hour * 60 + now.minute, states[0].start}
    if plan_start is not None:
        bases.add(plan_start)
    for base in sorted(bases):
        for step in (-5, 5):
            at = (base + step) % DAY
            states.append(day_clock(now, day, plan_start, dt.datetime.combine(when, dt.time(at // 60, at % 60)),
                                    True))
    states.append(day_clock(now, day, plan_start, now, False))  # "Count from the plan's start"
    return states


def agreed_in_prework(client: Mapping[str, int | None], provider: Mapping[str, int | None],
                      spans: Mapping[str, int], factor_ids: Sequence[str]) -> list[str]:
    """Factors the two sides already agree on before the room discusses them: the client and
    provider views are the same level, or the individual returns are within one level."""
    out = []
    for fid in factor_ids:
        c, p = client.get(fid), provider.get(fid)
        if (c is not None and c == p) or spans.get(fid, 99) <= 1:
            out.append(fid)
    return out


def prework_agreement(eng: Engagement, round_id: int, factor_ids: Sequence[str]) -> list[str]:
    """`agreed_in_prework` read from the round's scores and participants' returns."""
    from .spread import factor_spreads

    scores = eng.scores(round_id)
    client = {f: s.level for (f, p), s in scores.items() if p == "client"}
    provider = {f: s.level for (f, p), s in scores.items() if p == "provider"}
    spreads = factor_spreads(eng.participants(), eng.participant_scores(round_id), list(factor_ids))
    spans = {f: s.span for f, s in spreads.items() if len(s.levels) >= 2}
    return agreed_in_prework(client, provider, spans, factor_ids)


def agenda_lines(framework: Framework, scope: Iterable[str], agenda: Agenda,
                 out: Collection[str] = frozenset()) -> list[str]:
    """The day in words, for the CLI and the planning dialog: one line per block."""
    plan = plan_minutes(framework, scope, agenda, out)
    lines = [f"{clock(agenda.start)} to {clock(agenda.finish)}: {duration(agenda.working_minutes)} of work, "
             f"{duration(agenda.break_minutes)} of breaks"]
    lines += [f"  {b.label}: {clock(b.start)} for {duration(b.minutes)}" for b in agenda.breaks]
    manual = dict(agenda.dimension_minutes)
    for d in framework.workshop_order():
        if d.id in plan.dimension_minutes:
            minutes = plan.dimension_minutes[d.id]
            count = sum(1 for f in d.factors if f.id not in out)
            each = minutes / count if count else 0
            how = "set by hand" if d.id in manual else "shared by factors"
            lines.append(f"  {d.name}: {duration(minutes)} ({how}), about {each:.0f} min per factor")
    return lines


PARK_SHOWN = 3  # factors named in the panel's sentence; the rest are counted ("and 12 more")


def park_advice(framework: Framework, park: Sequence[str], quick: Collection[str], finish: int,
                left: int | None = None, shown: int = PARK_SHOWN) -> tuple[str, str]:
    """What to park to finish on time, in words: a short sentence for the agenda panel and every
    factor by name, one a line (its tooltip).

    Each factor is named by its dimension and number ("Economy 3"), the dimension said once for a
    run of factors from the same one: Mutuality and Economy both have factors 1 to 5, and bare
    numbers repeated (play-through s5, finding 7). Past `shown` factors the rest are counted; when
    every one of the `left` factors would go, the sentence says so rather than list them."""
    if not park:
        return "", ""
    easy = set(quick)
    names = "\n".join(f"{framework.dimension(framework.factor(f).dimension_id).name} "
                      f"{framework.factor(f).number}. {framework.factor(f).name}"
                      + (" (sides agree in pre-work)" if f in easy else "") for f in park)
    count = len(park)
    if left is not None and count >= left:
        every = f"all {count} factors left" if count != 1 else "the last factor left"
        return f"To finish by {clock(finish)}, park {every}.", names
    pieces: list[str] = []
    previous = ""
    for fid in park[:shown]:
        factor = framework.factor(fid)
        dim = framework.dimension(factor.dimension_id).name
        piece = f"{dim} {factor.number}" if dim != previous else f"{factor.number}"
        previous = dim
        pieces.append(piece + (" (sides agree in pre-work)" if fid in easy else ""))
    more = len(park) - len(pieces)
    if more:
        listed = ", ".join(pieces) + f" and {more} more"
    else:
        listed = ", ".join(pieces[:-1]) + " and " + pieces[-1] if len(pieces) > 1 else pieces[0]
    sentence = f"To finish by {clock(finish)}, park {count} factor{'s' if count != 1 else ''}: {listed}."
    return sentence, names


def free_slot(start: int, finish: int, taken: Iterable[tuple[int, int]], length: int = 15) -> int:
    """Where a new break of `length` minutes fits: an hour before the finish if free, else the
    nearest free quarter-hour to it (earlier first); the hour before the finish if none is free.

    `taken` are (start, minutes) of the breaks already planned."""
    busy = [(s, s + m) for s, m in taken]
    wanted = max(start, finish - 60)

    def free(at: int) -> bool:
        return start <= at and at + length <= finish and all(at + length <= s or at >= e for s, e in busy)

    for step in range(0, max(finish - start, 0) + 1, 15):
        for at in (wanted - step, wanted + step):
            if free(at):
                return at
    return wanted
