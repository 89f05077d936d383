"""The agenda panel and the planning pop-up say hours and minutes past the hour, as a facilitator
says them (session 8 left "380 min ahead" and "647 min to coffee"), under real input; the plan saved
is read back from the file."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.agenda import Agenda, Break, read_agenda
from mutuality_desktop.core.engagement import Engagement

from .journey import click
from .test_walkthrough_journey import open_walkthrough


def test_a_long_day_reads_in_hours_in_the_panel_and_the_plan(qtbot, window, blank_path):
    with Engagement.open(blank_path) as eng:
        rnd = eng.rounds()[-1]
        day = rnd.date or dt.date.today()
        eng.apply(ops.SetAgenda(rnd.uuid, 420, 1110, (("Coffee", 1005, 15),)))  # 07:00 to 18:30
    page = open_walkthrough(qtbot, window, blank_path)
    page.agenda._clock = page._clock = lambda: dt.datetime.combine(day, dt.time(15, 40))
    page.agenda.refresh()
    # 15:40 and nothing agreed: 8 h 40 min worked, coffee at 16:45
    pace = page.agenda.pace_label.text()
    assert pace.replace("\u00a0", " ") == "8 h 40 min behind: 15 factors left, 1 h 5 min to coffee"
    assert "8\u00a0h\u00a040\u00a0min" in pace and "1\u00a0h\u00a05\u00a0min" in pace  # each on one line
    done: list[str] = []

    def in_dialog() -> None:
        dialog = page.agenda_plan.dialog
        assert "07:00 to 18:30: 11 h 15 min of work, 15 min of breaks" in dialog.preview.text()
        assert "Mutuality: 11 h 15 min (shared by factors), about 45 min per factor" in dialog.preview.text()
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
        done.append("saved")

    def in_menu() -> None:
        QTimer.singleShot(300, in_dialog)
        click(qtbot, page.agenda.plan_button)

    QTimer.singleShot(300, in_menu)
    click(qtbot, page.agenda.agenda_button)
    qtbot.waitUntil(lambda: done == ["saved"], timeout=5000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.guide)
    with Engagement.open(blank_path, readonly=True) as eng:
        assert read_agenda(eng, eng.rounds()[-1].id) == Agenda(420, 1110, (Break("Coffee", 1005, 15),))
