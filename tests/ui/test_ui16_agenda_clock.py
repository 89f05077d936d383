"""One clock, one story on the agenda panel and its pop-up (play-through 8): the pop-up said
"Started at 04:53" above the panel's "The clock starts with the day, at 09:00"; the day before the
workshop it offered the current time as the clock's start; and after "Start the clock now" at 05:03
the panel said both "Started 05:03" and "The day starts at 09:00"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement

from .journey import click
from .test_walkthrough_journey import open_walkthrough


def _plan(path, day: dt.date) -> None:
    with Engagement.open(path) as eng:
        rnd = eng.rounds()[-1]
        eng.apply(ops.UpdateRound(rnd.uuid, {"date": day}))
        eng.apply(ops.SetAgenda(rnd.uuid, 540, 990, ()))  # 09:00 to 16:30


def _history(path) -> int:
    with Engagement.open(path, readonly=True) as eng:
        return len(eng.history())


def _in_pop_up(qtbot, panel, act=None) -> dict[str, object]:
    """Open the Agenda pop-up with a click, read what it shows, then do `act` (a click in it)."""
    seen: dict[str, object] = {}

    def look() -> None:
        try:
            seen["label"] = panel._start_label.text()
            seen["box"] = panel.start_edit.edit.text() if panel.start_edit.isVisible() else None
            seen["note"] = panel.start_note.text().replace("\u00a0", " ") if panel.start_note.isVisible() else ""
            seen["now"] = panel.now_button.isVisible()
            seen["reset"] = panel.reset_button.isVisible()
            target = act() if act is not None else None  # a widget to click, or None (act did it)
            if target is not None:
                click(qtbot, target)
        finally:
            seen["done"] = True
            panel._menu.close()

    QTimer.singleShot(300, look)
    click(qtbot, panel.agenda_button)
    qtbot.waitUntil(lambda: "done" in seen, timeout=5000)
    return seen


def test_before_the_plans_start_the_pop_up_says_what_the_panel_says(qtbot, window, blank_path):
    today = dt.date.today()
    _plan(blank_path, today)
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda
    early = dt.datetime.combine(today, dt.time(4, 53))
    panel._clock = page._clock = lambda: early
    panel.set_start(early)  # the clock started itself when the file was opened at 04:53
    assert panel.clock_label.text().replace("\u00a0", " ") == "Starts 09:00 (plan)"
    assert panel.clock_label.toolTip() == "The clock starts with the day, at 09:00."
    seen = _in_pop_up(qtbot, panel)
    assert (seen["label"], seen["box"]) == ("Clock starts at", "09:00")  # not "Started at 04:53"


def test_the_day_before_the_pop_up_offers_the_plans_start_and_starts_no_clock(qtbot, window, blank_path):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    _plan(blank_path, tomorrow)
    page = open_walkthrough(qtbot, window, blank_path)
    seen = _in_pop_up(qtbot, page.agenda)
    assert (seen["label"], seen["box"]) == ("Clock starts at", "09:00")  # not the time it is now
    assert str(seen["note"]).replace("\u00a0", " ") == (
        f"The workshop day, {tomorrow.day} {tomorrow:%b %Y}, is still to come: the clock will count "
        "from the plan\u2019s 09:00 that day.")
    assert seen["now"] is False  # the clock runs on the workshop day: nothing to start the day before
    # the panel names the start the pop-up offers, and its day (play-through 11)
    assert page.agenda.clock_label.text().replace("\u00a0", " ") == "Starts 09:00 tomorrow (plan)"
    assert page.agenda.clock_label.toolTip() == (
        f"The clock starts at 09:00 (plan) tomorrow, {tomorrow.day} {tomorrow:%b %Y}.")


def test_a_clock_started_hours_early_says_so_once_and_can_be_taken_back(qtbot, window, blank_path):
    today = dt.date.today()
    _plan(blank_path, today)
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda
    dawn = dt.datetime.combine(today, dt.time(5, 3))
    panel._clock = page._clock = lambda: dawn
    panel.refresh()
    before = _history(blank_path)
    _in_pop_up(qtbot, panel, lambda: panel.now_button)  # a rehearsal at 05:03: "Start the clock now"
    assert panel.clock_label.text().replace("\u00a0", " ") == "Started 05:03 \u00b7 0 min so far"
    pace = panel.pace_label.text().replace("\u00a0", " ")  # "3 h 57 min" kept on one line
    assert "The day starts" not in pace, pace  # started is started: the day is not still to come
    assert pace.startswith("Early start: ") and pace.endswith("3 h 57 min in hand before the plan\u2019s 09:00")
    seen = _in_pop_up(qtbot, panel)
    assert (seen["label"], seen["box"]) == ("Started at", "05:03")
    assert "the plan\u2019s breaks and finish stand" in str(seen["note"])
    assert seen["reset"] is True
    uuid = window.doc.engagement.info().uuid
    assert window.settings.agenda_start_chosen(uuid, today)
    _in_pop_up(qtbot, panel, lambda: panel.reset_button)  # "Count from the plan's start"
    assert panel.clock_label.text().replace("\u00a0", " ") == "Starts 09:00 (plan)"
    assert panel.clock_label.toolTip() == "The clock starts with the day, at 09:00."
    assert panel.pace_label.text().replace("\u00a0", " ").startswith("The day starts at 09:00")
    assert not window.settings.agenda_start_chosen(uuid, today)  # a reopen keeps the plan's start
    assert _history(blank_path) == before  # the rehearsal left nothing in the engagement file
