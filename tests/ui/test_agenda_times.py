"""Plan the day's times under real input: "0900" typed in a time box is read as 09:00, anything
unreadable says so and cannot be saved, and the plain − and + beside the boxes change them
(play-through s5, findings 12 and 20). What was saved is read back from the file."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core.agenda import Agenda, Break

from .test_agenda_journey import click, stored_agenda
from .test_walkthrough_journey import open_walkthrough


def retype(qtbot, box, text: str) -> None:
    """Click into the box, select all, type the text and press Tab, as a person does."""
    click(qtbot, box.edit)
    focused = QApplication.focusWidget()
    assert focused is box.edit
    qtbot.keyClick(focused, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused, text)
    qtbot.keyClick(focused, Qt.Key.Key_Tab)


def test_typed_0900_is_read_and_an_unreadable_time_says_so(qtbot, window, blank_path):
    page = open_walkthrough(qtbot, window, blank_path)
    done: list[str] = []

    def in_dialog() -> None:
        dialog = page.agenda_plan.dialog
        save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
        assert dialog.windowTitle().startswith("Plan the day\u2019s times")
        retype(qtbot, dialog.start_edit, "25:00")  # not a time: said, and not saved
        assert dialog.start_edit.edit.text() == "25:00"
        assert "Start: \u201c25:00\u201d is not a time of day" in dialog.preview.text()
        assert not save.isEnabled()
        retype(qtbot, dialog.start_edit, "0900")  # read as 09:00 (it was silently ignored)
        assert dialog.start_edit.edit.text() == "09:00"
        assert dialog.preview.text().startswith("09:00 to 16:30")
        retype(qtbot, dialog.finish_edit, "1700")
        lunch = next(r for r in dialog.rows if r.name.text() == "Lunch")
        for _ in range(3):
            click(qtbot, lunch.lasts.plus)  # 45 -> 48 minutes
        click(qtbot, lunch.start.minus)  # 12:30 -> 12:25
        click(qtbot, save)
        done.append("saved")

    def in_menu() -> None:
        QTimer.singleShot(300, in_dialog)
        assert page.agenda.plan_button.text() == "Plan the day\u2019s times\u2026"
        click(qtbot, page.agenda.plan_button)

    QTimer.singleShot(300, in_menu)
    click(qtbot, page.agenda.agenda_button)
    qtbot.waitUntil(lambda: done == ["saved"], timeout=8000)
    assert stored_agenda(blank_path) == Agenda(540, 1020, (Break("Coffee", 660, 15), Break("Lunch", 745, 48),
                                                           Break("Tea", 885, 15)))


def test_the_panel_start_box_reads_0900_and_says_when_it_cannot(qtbot, window, blank_path):
    import datetime as dt

    from mutuality_desktop.core import operations as ops
    from mutuality_desktop.core.engagement import Engagement

    with Engagement.open(blank_path) as eng:  # on the workshop day: the start box takes typing
        eng.apply(ops.UpdateRound(eng.rounds()[-1].uuid, {"date": dt.date.today()}))
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda
    seen: list[str] = []

    def in_menu() -> None:
        retype(qtbot, panel.start_edit, "nine")
        seen.append(panel.time_error.text() if panel.time_error.isVisible() else "")
        retype(qtbot, panel.start_edit, "0900")
        seen.append(f"{panel.start_edit.edit.text()} {panel._start:%H:%M}")
        seen.append("" if panel.time_error.isVisible() else "no error")
        panel.agenda_button.menu().close()

    QTimer.singleShot(300, in_menu)
    click(qtbot, panel.agenda_button)
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=5000)
    assert seen[0] == "\u201cnine\u201d is not a time of day: type it as 09:30 or 0930."
    assert seen[1] == "09:00 09:00"  # shown, and the clock counts from it
    assert seen[2] == "no error"
