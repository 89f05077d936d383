"""Planning the day and the pace against it, under real input; the plan is read back from the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from mutuality_desktop.core.agenda import Agenda, Break, read_agenda
from mutuality_desktop.core.engagement import Engagement

from .journey import plan_the_day
from .test_walkthrough_journey import key, open_walkthrough

CTRL = Qt.KeyboardModifier.ControlModifier


def stored_agenda(path: Path) -> Agenda | None:
    with Engagement.open(path, readonly=True) as eng:
        return read_agenda(eng, eng.rounds()[-1].id)


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def test_plan_the_day_from_the_agenda_panel_then_the_panel_says_what_to_park(qtbot, window, blank_path):
    page = open_walkthrough(qtbot, window, blank_path)
    with Engagement.open(blank_path, readonly=True) as eng:
        day = eng.rounds()[-1].date or dt.date.today()  # the workshop day
    page.agenda._clock = lambda: dt.datetime.combine(day, dt.time(10, 30))  # the room's clock: 10:30
    def check(dialog) -> None:
        tea = next(r for r in dialog.rows if r.name.text() == "Tea")
        click(qtbot, tea.remove)  # the usual day less the afternoon tea
        assert "Tea" not in dialog.preview.text()
        assert "09:30 to 16:30: 6 h of work, 60 min of breaks" in dialog.preview.text()

    plan_the_day(qtbot, page, check)

    assert stored_agenda(blank_path) == Agenda(570, 990, (Break("Coffee", 660, 15), Break("Lunch", 750, 45)))
    # 10:30 and nothing agreed: an hour of work done against none of the 24-minute factors
    assert page.agenda.pace_label.text().replace("\u00a0", " ") == "60 min behind: 15 factors left, 30 min to coffee"
    assert page.agenda.breaks_label.text().replace("\u00a0", " ") == "Breaks: Coffee 11:00 · Lunch 12:30"
    assert page.agenda.park_label.text().replace("\u00a0", " ") == "To finish by 16:30, park 3 factors: Mutuality 15, 14 and 13."
    assert page.agenda.park_label.toolTip().splitlines() == [
        "Mutuality 15. Relationship management strategy", "Mutuality 14. Joint exit strategy",
        "Mutuality 13. Measurement of delivery and performance"]
    assert page.agenda.park_label.isVisible() and not page.agenda.budget_label.isVisible()

    # the facilitator-only pace is not shown to the room
    key(qtbot, Qt.Key.Key_F11)
    room = page.presentation
    qtbot.waitUntil(lambda: room is not None and room.isVisible())
    shown = " ".join(label.text() for label in room.findChildren(QLabel))
    assert "behind" not in shown and "park" not in shown.lower()
    qtbot.keyClick(room, Qt.Key.Key_Escape)  # the room's window has the keyboard
    qtbot.waitUntil(lambda: not room.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.guide)
    key(qtbot, Qt.Key.Key_Z, CTRL)  # undo the plan
    assert stored_agenda(blank_path) is None
    assert page.agenda.budget_label.isVisible() and not page.agenda.pace_label.isVisible()


def test_on_another_day_the_panel_shows_the_plan_without_pace_or_parking(qtbot, window, blank_path):
    from mutuality_desktop.core import operations as ops

    with Engagement.open(blank_path) as eng:
        rnd = eng.rounds()[0]
        eng.update_round(rnd.id, date=dt.date(2026, 3, 12))
        eng.apply(ops.SetAgenda(rnd.uuid, 570, 990, (("Lunch", 750, 45),)))
    page = open_walkthrough(qtbot, window, blank_path)
    page.agenda._clock = lambda: dt.datetime(2026, 3, 20, 10, 30)  # a week later, reviewing
    page.agenda.refresh()
    assert page.agenda.pace_label.text().replace("\u00a0", " ") == "Planned 09:30 to 16:30: 15 factors left"
    assert page.agenda.clock_label.text().replace("\u00a0", " ") == "Workshop day was 12 Mar 2026"
    assert page.agenda.clock_label.toolTip() == "The clock and pacing ran on the workshop day, 12 Mar 2026."
    assert not page.agenda.park_label.isVisible() and "behind" not in page.agenda.pace_label.text()


def test_set_up_a_week_before_shows_no_clock_and_no_pacing(qtbot, window, blank_path):
    """Play-through 11: the clock started during set-up a week before the workshop ("Started
    18:05 · Past 16:30 with 23 factors to agree"). Only the round's own day has a clock."""
    with Engagement.open(blank_path) as eng:
        eng.update_round(eng.rounds()[0].id, date=dt.date(2026, 3, 12))
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda
    panel._clock = lambda: dt.datetime(2026, 3, 5, 18, 5)  # set-up, a week before, no plan yet
    panel.refresh()
    assert panel.clock_label.text().replace("\u00a0", " ") == "Workshop day: 12 Mar 2026"
    assert panel.clock_label.toolTip() == "The clock and pacing run on the workshop day, 12 Mar 2026."
    assert not panel.budget_label.isVisible() and not panel.pace_label.isVisible()
    panel._clock = lambda: dt.datetime(2026, 3, 12, 18, 5)  # the day itself, after the finish
    panel.refresh()
    assert panel.clock_label.text().replace("\u00a0", " ").startswith("Started ")
    assert panel.budget_label.isVisible()
    assert panel.budget_label.text().replace("\u00a0", " ") == "It is past the 16:30 finish and 15 factors are still to agree."


def test_an_undated_round_with_nothing_agreed_sounds_no_alarm_after_the_finish(qtbot, window, blank_path):
    """Third play-through (s12): a round added in the evening, no date, nothing scored, said "It is
    past the 16:30 finish and 20 factors are still to agree". It says the date is not set; once the
    room agrees a factor, the pacing is the day's again."""
    with Engagement.open(blank_path) as eng:
        eng.update_round(eng.rounds()[0].id, date=None)
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda
    panel._clock = lambda: dt.datetime(2026, 3, 12, 18, 5)
    panel.refresh()
    assert panel.budget_label.text().replace("\u00a0", " ") == (
        "No date is set for this round: set it in Setup, and pacing counts on that day.")
    page.guide.set_focus_perspective("agreed")
    qtbot.keyClick(page.guide, Qt.Key.Key_3)  # the room agrees the first factor at 3
    with Engagement.open(blank_path) as eng:
        assert eng.scores(eng.rounds()[0].id)[(page.factor_id, "agreed")].level == 3
    panel.refresh()
    assert panel.budget_label.text().replace("\u00a0", " ").startswith("It is past the 16:30 finish")
