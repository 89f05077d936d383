"""A parked point's text, factor and who raised it can be changed in the window: double-click the
point (or select it and press F2, or "Edit…"), change it, Enter; the file has it at once, with one
undo step and a history entry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core.history_sentences import history_table

from .journey import stored
from .test_parking_journey import click, stored_points
from .test_walkthrough_journey import key, open_walkthrough

CTRL = Qt.KeyboardModifier.ControlModifier


def _show_parking(qtbot, page):
    panel = page.parking.panel
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(page.tabs.indexOf(panel)).center())
    qtbot.waitUntil(panel.list.isVisible)
    return panel


def _row_rect(panel, text: str):
    row = next(i for i in range(panel.list.count()) if panel.list.item(i).text().startswith(text))
    item = panel.list.item(row)
    panel.list.scrollToItem(item)
    return panel.list.visualItemRect(item)


def test_double_click_a_parked_point_change_its_text_and_factor_then_undo(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    panel = _show_parking(qtbot, page)
    before = stored_points(demo_path)
    old = panel.list.item(0).text().split("\n")[0]
    rect = _row_rect(panel, old)
    # a double-click as a mouse makes it: press and release, then the second press
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.text_edit)
    assert panel.editor.isVisible() and panel.text_edit.text() == old
    assert panel.save_button.text() == "Save changes"
    key(qtbot, Qt.Key.Key_A, CTRL)
    new = "Agree who owns the winter gritting data before the next board"
    qtbot.keyClicks(QApplication.focusWidget(), new)
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.factor_combo
    key(qtbot, Qt.Key.Key_Home)  # "No factor (a general point)"
    key(qtbot, Qt.Key.Key_Return)
    after = stored_points(demo_path)
    assert old not in after and after[new][0] is None, "the new text and no factor are in the file"
    assert after[new][1:] == before[old][1:], "its round, who raised it and its status are kept"
    assert len(after) == len(before) and not panel.editor.isVisible()
    assert any(panel.list.item(i).text().startswith(new) for i in range(panel.list.count()))
    with stored(demo_path) as eng:
        whats = [what for _when, _who, what, _sentence in history_table(eng)]
    assert whats[-1].startswith("edited the parked point “Agree who owns"), whats[-1]
    assert "text “" in whats[-1] and "→ (none)" in whats[-1], "the history says what changed"
    key(qtbot, Qt.Key.Key_Z, CTRL)  # one undo step gives the old point back whole
    assert stored_points(demo_path) == before


def test_f2_on_the_selected_point_changes_who_raised_it(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    panel = _show_parking(qtbot, page)
    text = panel.list.item(0).text().split("\n")[0]
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=_row_rect(panel, text).center())
    assert panel.edit_button.isEnabled()
    key(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.text_edit)
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.raised_combo
    key(qtbot, Qt.Key.Key_End)  # Facilitator
    click(qtbot, panel.save_button)
    assert stored_points(demo_path)[text][2] == "facilitator"
    # Edit… then Escape changes nothing; the next "Park this point" starts empty
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=_row_rect(panel, text).center())
    click(qtbot, panel.edit_button)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.text_edit)
    qtbot.keyClicks(panel.text_edit, " (typed, then thought better of)")
    key(qtbot, Qt.Key.Key_Escape)
    assert stored_points(demo_path)[text][2] == "facilitator"
    click(qtbot, panel.park_button)
    assert panel.text_edit.text() == "" and panel.save_button.text() == "Park it"
