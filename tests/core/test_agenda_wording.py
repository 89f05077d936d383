"""The agenda says lengths of time the way a facilitator says them (session 8: "380 min ahead",
"647 min to coffee"): minutes under an hour, then hours and minutes."""

from __future__ import annotations

from mutuality_desktop.core.agenda import Agenda, Break, Plan, duration, pace


def test_durations_read_as_hours_and_minutes_past_the_hour() -> None:
    assert [duration(m) for m in (0, 9, 59, 60, 61, 65, 75, 120, 380)] == [
        "0 min", "9 min", "59 min", "60 min", "1 h 1 min", "1 h 5 min", "1 h 15 min", "2 h", "6 h 20 min"]


def _plan(minutes: float = 20.0, count: int = 15) -> Plan:
    order = tuple(f"f{i}" for i in range(count))
    return Plan(dimension_minutes={"mutuality": int(minutes * count)}, factor_minutes={f: minutes for f in order},
                order=order)


def test_the_pace_says_hours_ahead_behind_and_to_the_break() -> None:
    agenda = Agenda(420, 1110, (Break("Coffee", 1005, 15),))  # 07:00 to 18:30, coffee at 16:45
    plan = _plan()
    # 16:40, nothing agreed: 9 h 40 min worked against nothing; coffee in 5 min
    behind = pace(agenda, plan, [], 16 * 60 + 40)
    assert behind.headline() == "9 h 40 min behind: 15 factors left, 5 min to coffee"
    # 08:00 with all 15 agreed but one: 4 h 40 min of factors done in 1 h
    ahead = pace(agenda, plan, plan.order[:14], 8 * 60)
    assert ahead.headline() == "3 h 40 min ahead: 1 factor left, 8 h 45 min to coffee"
    # 15:40, eleven factors agreed (3 h 40 min planned) in 8 h 40 min of work: 1 h 5 min to coffee
    assert pace(agenda, plan, plan.order[:11], 15 * 60 + 40).headline() == (
        "5 h behind: 4 factors left, 1 h 5 min to coffee")
    # after the coffee: the work left to the finish, in hours
    late = pace(agenda, plan, plan.order[:11], 17 * 60)
    assert late.headline().endswith("4 factors left, 1 h 30 min of work to the finish")
    # under an hour stays in minutes
    near = pace(agenda, plan, plan.order[:2], 7 * 60 + 10)
    assert near.headline() == "30 min ahead: 13 factors left, 9 h 35 min to coffee"
