"""With a plan for the day, the Agenda pop-up's Finish box is set by the plan: a click on it keeps
the pop-up open and typing in it scores nothing (play-through s5: the click on the then disabled box
closed the pop-up, and "2230" scored the factor on screen 2, 2, 3, 0)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement

from .test_agenda_journey import click
from .test_walkthrough_journey import open_walkthrough


def _stored_levels(path) -> dict:
    with Engagement.open(path, readonly=True) as eng:
        rnd = eng.rounds()[-1]
        return {k: s.level for k, s in eng.scores(rnd.id).items()}


def test_typing_in_the_planned_finish_box_keeps_the_pop_up_and_scores_nothing(qtbot, window, blank_path):
    with Engagement.open(blank_path) as eng:
        eng.apply(ops.SetAgenda(eng.rounds()[-1].uuid, 540, 945, ()))
    before = _stored_levels(blank_path)
    page = open_walkthrough(qtbot, window, blank_path)
    box = page.agenda.end_edit
    seen: dict[str, object] = {}

    def in_menu() -> None:
        menu = page.agenda._menu
        try:
            qtbot.mouseClick(box.edit, Qt.MouseButton.LeftButton, pos=box.edit.rect().center())
            qtbot.keyClick(box.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            for digit in "2230":
                qtbot.keyClick(box.edit, digit)
            seen["text"] = box.edit.text()
            seen["note"] = page.agenda.end_note.text() if page.agenda.end_note.isVisible() else ""
        finally:
            seen["open"] = menu.isVisible()
            menu.close()

    QTimer.singleShot(300, in_menu)
    click(qtbot, page.agenda.agenda_button)  # opens the agenda pop-up
    qtbot.waitUntil(lambda: "open" in seen, timeout=5000)
    assert seen["open"], "the click on the Finish box kept the pop-up open"
    assert seen["text"] == "15:45", "the plan's finish stays; nothing typed landed"
    assert seen["note"] == "Set in Plan the day\u2019s times"
    assert _stored_levels(blank_path) == before, "no digit scored the factor"


@pytest.mark.parametrize("days", [7, -40])
def test_off_the_workshop_day_the_pop_up_says_when_the_clock_counts(qtbot, window, blank_path, days):
    """The evening before, the pop-up said "Started at 22:57" while the panel said the clock runs
    only on the workshop day (play-through s6, finding 8); after it, "run" read as still to come."""
    import datetime as dt

    day = dt.date.today() + dt.timedelta(days=days)
    with Engagement.open(blank_path) as eng:
        eng.apply(ops.UpdateRound(eng.rounds()[-1].uuid, {"date": day}))
    page = open_walkthrough(qtbot, window, blank_path)
    seen: dict[str, object] = {}

    def in_menu() -> None:
        agenda = page.agenda
        try:
            seen["label"] = agenda._start_label.text()
            seen["note"] = agenda.start_note.text() if agenda.start_note.isVisible() else ""
        finally:
            agenda._menu.close()

    QTimer.singleShot(300, in_menu)
    click(qtbot, page.agenda.agenda_button)
    qtbot.waitUntil(lambda: "label" in seen, timeout=5000)
    if days > 0:
        assert seen["label"] == "Start the clock at"  # no plan: the facilitator may set the day's start
        assert seen["note"].replace("\u00a0", " ").startswith(f"The workshop day, {day.day} {day:%b %Y}, is still to come")
        assert page.agenda.clock_label.text().replace("\u00a0", " ").startswith("Workshop day: ")
        assert page.agenda.clock_label.toolTip().startswith("The clock and pacing run on the workshop day")
    else:
        assert seen["label"] == "Clock start"
        assert seen["note"] == f"The workshop day was {day.day} {day:%b %Y}; the clock counted on that day only."
        assert page.agenda.clock_label.text().replace("\u00a0", " ").startswith("Workshop day was ")
        assert page.agenda.clock_label.toolTip().startswith("The clock and pacing ran on the workshop day")


def test_a_clock_opened_the_night_before_counts_from_the_plans_start(qtbot, window, blank_path):
    """Opened at 00:58 on the workshop day with a 09:00 plan, the panel said "Started 00:58" beside
    "The day starts at 09:00" (play-through s6 5)."""
    import datetime as dt

    with Engagement.open(blank_path) as eng:
        rnd = eng.rounds()[-1]
        eng.apply(ops.SetAgenda(rnd.uuid, 540, 945, ()))
        day = rnd.date or dt.date.today()
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda
    night = dt.datetime.combine(day, dt.time(0, 58))
    panel._clock = lambda: night
    panel.set_start(night)  # the clock started itself when the file was opened
    assert panel.clock_label.text().replace("\u00a0", " ") == "Starts 09:00 (plan)"
    assert panel.clock_label.toolTip() == "The clock starts with the day, at 09:00."
    assert panel.pace_label.text().replace("\u00a0", " ").startswith("The day starts at 09:00")
    panel._clock = lambda: dt.datetime.combine(day, dt.time(10, 0))
    panel.refresh()
    assert panel.clock_label.text().replace("\u00a0", " ").startswith("Started at 09:00 (plan)"), panel.clock_label.text()
