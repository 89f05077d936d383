"""One clock in the agenda panel (play-through s6 finding 5): "Started 01:52 · 0 min so far" beside
"13 min ahead" counted from the plan's 01:30 start. Once the plan's start has passed the panel counts
from it, unless the facilitator set a start, which is then told against the plan's."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement

from .journey import click
from .test_walkthrough_journey import open_walkthrough


def _plan_today(path) -> dt.date:
    today = dt.date.today()
    with Engagement.open(path) as eng:
        rnd = eng.rounds()[-1]
        eng.apply(ops.UpdateRound(rnd.uuid, {"date": today}))
        eng.apply(ops.SetAgenda(rnd.uuid, 540, 945, ()))  # 09:00 to 15:45
    return today


def test_after_the_plans_start_the_clock_counts_from_it_and_a_set_start_is_told_against_it(qtbot, window,
                                                                                             blank_path):
    today = _plan_today(blank_path)
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda
    panel._clock = lambda: dt.datetime.combine(today, dt.time(9, 22))  # opened at 09:22: a late laptop
    panel.refresh()
    assert panel.clock_label.text().replace("\u00a0", " ") == "Started at 09:00 (plan) · 22 min so far"
    assert panel.pace_label.isVisible()  # the pace is counted from 09:00 too: one clock
    seen: dict[str, object] = {}

    def in_menu() -> None:  # the facilitator says the room really started at 09:10
        box = panel.start_edit
        try:
            seen["shown"] = box.edit.text()
            qtbot.mouseClick(box.edit, Qt.MouseButton.LeftButton, pos=box.edit.rect().center())
            qtbot.keyClick(box.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            for digit in "0910":
                qtbot.keyClick(box.edit, digit)
            qtbot.keyClick(box.edit, Qt.Key.Key_Return)
        finally:
            seen["done"] = True
            panel._menu.close()

    QTimer.singleShot(300, in_menu)
    click(qtbot, panel.agenda_button)
    qtbot.waitUntil(lambda: "done" in seen, timeout=5000)
    assert seen["shown"] == "09:00"  # the pop-up says where the clock counts from
    assert panel.clock_label.text().replace("\u00a0", " ") == "Started 09:10 · 12 min so far"  # the pace counts the 10 min
    assert panel.clock_label.toolTip() == "Started 09:10 · 12 min so far, 10 min after the plan\u2019s 09:00"
    uuid = window.doc.engagement.info().uuid
    assert window.settings.agenda_start_chosen(uuid, today)
    window.close_document()
    assert window.open_path(blank_path)  # a reopen (or restart) keeps the start that was set
    page = window.workshop
    page.agenda._clock = lambda: dt.datetime.combine(today, dt.time(9, 30))
    page.agenda.refresh()
    assert page.agenda.clock_label.text().replace("\u00a0", " ") == "Started 09:10 · 20 min so far"
    assert page.agenda.clock_label.toolTip() == "Started 09:10 · 20 min so far, 10 min after the plan\u2019s 09:00"


def test_a_clock_that_started_itself_never_outranks_the_plan(qtbot, window, blank_path):
    today = _plan_today(blank_path)
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda
    panel.set_start(dt.datetime.combine(today, dt.time(9, 52)))  # the first open of the day, 09:52
    panel._clock = lambda: dt.datetime.combine(today, dt.time(9, 52))
    panel.refresh()
    assert panel.clock_label.text().replace("\u00a0", " ") == "Started at 09:00 (plan) · 52 min so far"
    panel._clock = lambda: dt.datetime.combine(today, dt.time(8, 40))  # before the day: no clock yet
    panel.refresh()
    assert panel.clock_label.text().replace("\u00a0", " ") == "Starts 09:00 (plan)"
    assert panel.clock_label.toolTip() == "The clock starts with the day, at 09:00."
