"""Improvement actions by keyboard: due dates as typed, Return in a drop-down adds, Tab moves on."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from .journey import click, focused, page_tab, press, stored, type_keys


def _actions_tab(qtbot, window, path):
    window.open_path(path)
    page_tab(qtbot, window, "Walkthrough")
    tabs = window.workshop.tabs
    qtbot.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(2).center())
    panel = window.workshop.actions_panel
    assert tabs.currentWidget() is panel
    return panel


def _type_action(qtbot, panel, text: str, owner: str, due: str) -> None:
    """Action, Tab, owner, Tab (side), Tab, due date, then back to the side drop-down."""
    click(qtbot, panel.text)
    type_keys(qtbot, text)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is panel.owner
    type_keys(qtbot, owner)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is panel.side
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is panel.due.edit
    type_keys(qtbot, due)
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is panel.side


def test_a_due_date_typed_by_keyboard_is_saved_as_typed_and_return_in_side_adds(
        qtbot, window, blank_path):
    panel = _actions_tab(qtbot, window, blank_path)
    _type_action(qtbot, panel, "Agree a joint risk register", "Ann Lee", "30/09/2026")
    press(qtbot, Qt.Key.Key_Down)  # Joint → Client
    press(qtbot, Qt.Key.Key_Return)
    with stored(blank_path) as eng:
        (action,) = eng.actions()
    assert (action.text, action.owner, action.side, action.due_date) == (
        "Agree a joint risk register", "Ann Lee", "client", dt.date(2026, 9, 30))
    assert panel.due.edit.text() == "" and focused() is panel.text  # ready for the next action


def test_an_unreadable_due_date_stops_the_action_and_says_why(qtbot, window, blank_path):
    panel = _actions_tab(qtbot, window, blank_path)
    _type_action(qtbot, panel, "Agree a joint risk register", "Ann Lee", "31/09/2026")
    press(qtbot, Qt.Key.Key_Return)
    with stored(blank_path) as eng:
        assert eng.actions() == []
    assert focused() is panel.due.edit and "no 31 September 2026" in panel.due.message.text()
    press(qtbot, Qt.Key.Key_Backspace, times=10)
    type_keys(qtbot, "30 Sep 2026")
    press(qtbot, Qt.Key.Key_Return)  # Return in the due date adds too
    with stored(blank_path) as eng:
        assert [a.due_date for a in eng.actions()] == [dt.date(2026, 9, 30)]


def test_tab_leaves_the_actions_list_for_the_form(qtbot, window, blank_path):
    panel = _actions_tab(qtbot, window, blank_path)
    _type_action(qtbot, panel, "First action", "Ann", "")
    press(qtbot, Qt.Key.Key_Return)
    row = panel.table.visualRect(panel.table.model().index(0, 0))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    assert focused() is panel.table
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is not panel.table
    assert panel.text.text() == "First action"  # the selected action is in the form to edit


def test_a_long_action_still_shows_its_owner_and_due_date(qtbot, window, blank_path):
    panel = _actions_tab(qtbot, window, blank_path)
    words = ("Set up a joint exit working group that maps every service, asset, data set and "
             "subcontract, agrees the knowledge transfer plan and tests continuity of service ")
    _type_action(qtbot, panel, words * 3, "Director of Place", "30/09/2026")
    press(qtbot, Qt.Key.Key_Return)
    table = panel.table
    item = table.item(0, 0)
    lines = item.text().split("\n")
    assert lines[-1] == "Director of Place · Joint · due 30 Sep 2026" and len(lines) <= 3
    assert lines[-2].endswith("…")
    cell = table.visualRect(table.model().index(0, 0))
    needed = QFontMetrics(table.font()).boundingRect(
        QRect(0, 0, cell.width() - 8, 10_000), Qt.TextFlag.TextWordWrap, item.text())
    assert needed.height() <= cell.height()  # the detail line is inside the row, not cut off
    assert table.viewport().rect().contains(cell)
    assert words.strip() in item.toolTip()  # the whole action is a hover away
