"""The workshop clock's one story (play-through 8): what the agenda panel and its pop-up both say."""

from __future__ import annotations

import datetime as dt

from mutuality_desktop.core.agenda import Agenda, Break, day_clock, pace, plan_minutes
from mutuality_desktop.core.framework import default_framework

DAY = dt.date(2026, 11, 28)


def at(hour: int, minute: int, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def test_before_the_plans_start_both_say_the_clock_starts_with_the_day():
    state = day_clock(at(4, 53), DAY, 540, at(4, 53), chosen=False)  # the file opened at 04:53
    assert state.line == "The clock starts with the day, at 09:00."
    assert (state.label, state.start, state.running) == ("Clock starts at", 540, False)


def test_the_day_before_the_box_offers_the_plans_start_and_no_clock_can_start():
    state = day_clock(at(4, 53, DAY - dt.timedelta(days=1)), DAY, 540, at(4, 53, DAY - dt.timedelta(days=1)),
                      chosen=False)
    assert (state.label, state.start) == ("Clock starts at", 540)
    assert not state.can_start and not state.running
    assert state.editable  # the night before, the facilitator can set the day's start (play-through s9)
    assert state.note == "The workshop day, 28 Nov 2026, is still to come: the clock will count from the plan\u2019s 09:00 that day."
    without_plan = day_clock(at(4, 53, DAY - dt.timedelta(days=1)), DAY, None, None, chosen=False)
    assert (without_plan.label, without_plan.start, without_plan.editable) == ("Start the clock at", 570, True)
    assert without_plan.note.startswith("The workshop day, 28 Nov 2026, is still to come. Type the time")
    set_ahead = day_clock(at(21, 0, DAY - dt.timedelta(days=1)), DAY, 540, at(8, 45), chosen=True)
    assert (set_ahead.label, set_ahead.start, set_ahead.can_reset) == ("Clock starts at", 525, True)
    assert set_ahead.note == ("The workshop day, 28 Nov 2026, is still to come: the clock will count from 08:45 "
                              "that day (the plan\u2019s start is 09:00; its breaks and finish stand).")


def test_a_start_set_hours_before_the_plan_is_time_in_hand_not_a_day_yet_to_start():
    state = day_clock(at(5, 3), DAY, 540, at(5, 3), chosen=True)
    assert state.line == "Started 05:03 \u00b7 0 min so far"
    assert (state.label, state.start, state.running, state.can_reset) == ("Started at", 303, True, True)
    assert "the plan\u2019s breaks and finish stand" in state.note
    fw = default_framework()
    agenda = Agenda(540, 990, (Break("Coffee", 660, 15),))
    scope = [fw.workshop_order()[0].id]
    plan = plan_minutes(fw, scope, agenda)
    early = pace(agenda, plan, [], 303, started=303)
    assert early.headline() == f"Early start: {len(plan.order)} factors left, 3 h 57 min in hand before the plan\u2019s 09:00"
    ahead = pace(agenda, plan, plan.order[:2], 400, started=303)  # two agreed by 06:40
    assert ahead.headline().startswith(f"{round(2 * plan.factor_minutes[plan.order[0]])} min ahead: ")
    not_started = pace(agenda, plan, [], 303)
    assert not_started.headline().startswith("The day starts at 09:00")
    later = day_clock(at(9, 30), DAY, 540, at(5, 3), chosen=True)
    assert later.line == "Started 05:03 \u00b7 4 h 27 min so far, 3 h 57 min before the plan\u2019s 09:00"


def test_a_late_start_is_told_against_the_plan_and_a_start_of_another_day_is_forgotten():
    late = day_clock(at(9, 22), DAY, 540, at(9, 10), chosen=True)
    assert late.line == "Started 09:10 \u00b7 12 min so far, 10 min after the plan\u2019s 09:00"
    assert "minutes lost count as behind" in late.note
    rehearsal = day_clock(at(9, 22), DAY, 540, at(5, 3, DAY - dt.timedelta(days=1)), chosen=True)
    assert rehearsal.line == "Started at 09:00 (plan) \u00b7 22 min so far"  # yesterday's start left nothing
    after = day_clock(at(9, 0, DAY + dt.timedelta(days=3)), DAY, 540, None, chosen=False)
    assert (after.label, after.can_start) == ("Clock start", False)


def test_a_start_for_a_day_still_to_come_is_named_in_the_panels_line():
    """Play-through 11: a start set for tomorrow showed in the pop-up only; the panel's line now
    names it and its day, as the pop-up's sentence does."""
    eve = at(21, 0, DAY - dt.timedelta(days=1))
    assert day_clock(eve, DAY, 540, None, chosen=False).line == "The clock starts at 09:00 (plan) tomorrow, 28 Nov 2026."
    assert day_clock(eve, DAY, 540, at(10, 0), chosen=True).line == (
        "The clock starts at 10:00 tomorrow, 28 Nov 2026, 60 min after the plan\u2019s 09:00.")
    assert day_clock(eve, DAY, 540, at(8, 45), chosen=True).line == (
        "The clock starts at 08:45 tomorrow, 28 Nov 2026, 15 min before the plan\u2019s 09:00.")
    assert day_clock(eve, DAY, None, at(10, 0), chosen=True).line == "The clock starts at 10:00 tomorrow, 28 Nov 2026."
    week = at(21, 0, DAY - dt.timedelta(days=7))
    assert day_clock(week, DAY, None, at(10, 0), chosen=True).line == "The clock starts at 10:00 on 28 Nov 2026."
    # no plan and no start set: the clock will start at the day's first open, so no time is named
    assert day_clock(week, DAY, None, None, chosen=False).line == "The clock and pacing run on the workshop day, 28 Nov 2026."


def test_the_pop_ups_room_covers_every_start_that_can_be_typed_and_taken_back():
    from mutuality_desktop.core.agenda import clocks_within_reach

    eve = at(21, 0, DAY - dt.timedelta(days=1))
    states = clocks_within_reach(eve, DAY, 540, None, chosen=False)
    assert states[0] == day_clock(eve, DAY, 540, None, chosen=False)  # first, as it is now
    assert any(s.can_reset for s in states)  # a start apart from the plan's: "Count from…" may come
    assert {s.label for s in states} == {"Clock starts at"}
    on_the_day = clocks_within_reach(at(10, 0), DAY, 540, at(8, 0), chosen=False)
    assert {s.label for s in on_the_day} == {"Started at", "Clock starts at"}  # before and after now
    past = clocks_within_reach(at(9, 0, DAY + dt.timedelta(days=2)), DAY, 540, None, chosen=False)
    assert len(past) == 1 and not past[0].editable  # nothing can be typed: no room kept for it


def test_on_the_day_the_plans_start_says_how_to_change_it():
    """The pop-up keeps room for its longest sentence; the day's usual states fill it with how the
    start can be changed, rather than leave a gap under the box."""
    before = day_clock(at(8, 0), DAY, 540, at(8, 0), chosen=False)
    assert before.note == "The clock starts itself at the plan\u2019s 09:00; Start the clock now if the room begins sooner."
    running = day_clock(at(10, 0), DAY, 540, at(8, 0), chosen=False)
    assert running.note == ("Counting from the plan\u2019s 09:00. If the room started at another time, type it here; "
                            "the plan\u2019s breaks and finish stand.")


def test_a_start_set_today_says_it_is_the_one_set_and_kept_on_this_laptop():
    later = day_clock(at(10, 0), DAY, None, at(10, 30), chosen=True)
    assert (later.line, later.note) == (
        "The clock starts at 10:30.", "The clock will count from 10:30, the start you set, kept on this laptop for today.")
    running = day_clock(at(10, 0), DAY, None, at(9, 15), chosen=True)
    assert running.note == "Counting from 09:15, the start you set, kept on this laptop for today."
