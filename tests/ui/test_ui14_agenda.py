"""Play-through 7, 12: the Agenda button stays where the person found it when the day's times
are saved, and its pop-up draws every line whole once a plan is set."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QLabel

from mutuality_desktop.core.agenda import read_agenda
from mutuality_desktop.core.engagement import Engagement

from .journey import plan_the_day
from .test_walkthrough_journey import open_walkthrough

FUTURE = dt.date(2026, 12, 10)


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def _on_screen(widget) -> QPoint:
    return widget.mapToGlobal(QPoint(0, 0))


def _dated(path) -> None:
    with Engagement.open(path) as eng:
        eng.update_round(eng.rounds()[-1].id, date=FUTURE)  # set up a fortnight before the day


def test_the_agenda_button_stays_put_when_the_days_times_are_saved(qtbot, window, blank_path):
    _dated(blank_path)
    page = open_walkthrough(qtbot, window, blank_path)
    page.agenda._clock = lambda: dt.datetime(2026, 11, 27, 10, 0)
    page.agenda.refresh()
    qtbot.wait(100)
    before = _on_screen(page.agenda.agenda_button)
    plan_the_day(qtbot, page)
    with Engagement.open(blank_path, readonly=True) as eng:
        assert read_agenda(eng, eng.rounds()[-1].id) is not None  # the plan reached the file
    qtbot.waitUntil(lambda: page.agenda.pace_label.isVisible())
    qtbot.wait(200)  # the column settles
    assert page.agenda.pace_label.text().replace("\u00a0", " ").startswith("Planned 09:30 to 16:30")
    # the day is named once, on the clock's line with the start it will count from
    assert page.agenda.clock_label.text().replace("\u00a0", " ") == "Starts 09:30 on 10 Dec 2026 (plan)"
    assert page.agenda.clock_label.toolTip() == "The clock starts at 09:30 (plan) on 10 Dec 2026."
    assert _on_screen(page.agenda.agenda_button) == before
    # and the plan's lines are shown whole, not scrolled away
    scroll = page.agenda.parentWidget().parentWidget()
    assert scroll.verticalScrollBar().maximum() == 0


def _shown_whole(label: QLabel) -> bool:
    """The label's text fits the rectangle it is given, and no sibling sits over it."""
    need = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
    return label.height() >= need


def test_the_agenda_pop_up_draws_its_notes_whole_once_a_plan_is_set(qtbot, window, blank_path):
    _dated(blank_path)
    page = open_walkthrough(qtbot, window, blank_path)
    page.agenda._clock = lambda: dt.datetime(2026, 11, 27, 10, 0)
    page.agenda.refresh()
    plan_the_day(qtbot, page)
    seen: list[tuple[str, bool]] = []

    def look() -> None:
        panel = page.agenda
        for label in (panel.start_note, panel.end_note):
            seen.append((label.text(), label.isVisible() and _shown_whole(label)))
        panel._menu.close()

    QTimer.singleShot(400, look)
    click(qtbot, page.agenda.agenda_button)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert seen == [("The workshop day, 10 Dec 2026, is still to come: the clock will count from the plan\u2019s 09:30 that day.", True),
                    ("Set in Plan the day\u2019s times", True)]
