"""The parking list under real input: Ctrl+Shift+P or the button, typing, clicks; then the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.parking import parking_items

from .conftest import type_text
from .test_walkthrough_journey import click_factor, key, open_walkthrough

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def stored_points(path: Path) -> dict[str, tuple[object, ...]]:
    with Engagement.open(path, readonly=True) as eng:
        rounds = {r.id: r.label for r in eng.rounds()}
        return {p.text: (p.factor_id, rounds.get(p.round_id) if p.round_id else None, p.raised_by, p.status)
                for p in parking_items(eng)}


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def test_park_a_point_with_the_shortcut_resolve_it_and_undo(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 5)  # Operational leadership
    panel = page.parking.panel
    assert page.tabs.tabText(page.tabs.indexOf(panel)) == "Park&ing (2)"  # the demo's open points
    key(qtbot, Qt.Key.Key_P, CTRL | SHIFT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.text_edit)
    assert page.tabs.currentWidget() is panel and panel.editor.isVisible()
    assert panel.factor_combo.currentData() == factor, "the current factor is filled in"
    type_text(qtbot, QApplication.focusWidget(), "Who chairs the operational board? Ask both sides")
    key(qtbot, Qt.Key.Key_Tab)  # the factor
    key(qtbot, Qt.Key.Key_Tab)  # who raised it
    assert QApplication.focusWidget() is panel.raised_combo
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Down)  # Not recorded -> Client -> Provider
    key(qtbot, Qt.Key.Key_Return)  # Enter parks it from the list of who raised it too
    text = "Who chairs the operational board? Ask both sides"
    assert stored_points(demo_path)[text] == (factor, "Follow-up", "provider", "open")
    assert not panel.editor.isVisible()
    assert page.tabs.tabText(page.tabs.indexOf(panel)) == "Park&ing (3)"

    # the new point is listed: click it where it is drawn, then "Mark resolved"
    row = next(i for i in range(panel.list.count()) if panel.list.item(i).text().startswith(text))
    item = panel.list.item(row)
    panel.list.scrollToItem(item)
    rect = panel.list.visualItemRect(item)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    click(qtbot, panel.resolve_button)
    assert stored_points(demo_path)[text][3] == "resolved"
    assert all(not panel.list.item(i).text().startswith(text) for i in range(panel.list.count())), \
        "a resolved point leaves the list of open points"
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert stored_points(demo_path)[text][3] == "open"
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert text not in stored_points(demo_path), "undo removes the point parked"


def test_the_button_opens_the_editor_and_escape_closes_it_without_parking(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    click_factor(qtbot, page, 2)
    panel = page.parking.panel
    tab_bar = page.tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton,
                     pos=tab_bar.tabRect(page.tabs.indexOf(panel)).center())
    click(qtbot, panel.park_button)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.text_edit)
    assert panel.factor_combo.currentText() == "2. Joint governance structure"
    before = stored_points(demo_path)
    type_text(qtbot, panel.text_edit, "Not this one")
    key(qtbot, Qt.Key.Key_Escape)
    assert not panel.editor.isVisible() and stored_points(demo_path) == before
    click(qtbot, panel.park_button)
    type_text(qtbot, QApplication.focusWidget(), "A general point about the KPI pack")
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.factor_combo
    key(qtbot, Qt.Key.Key_Home)  # "No factor (a general point)"
    key(qtbot, Qt.Key.Key_Backtab)
    key(qtbot, Qt.Key.Key_Return)  # Enter in the text parks it
    assert stored_points(demo_path)["A general point about the KPI pack"] == (None, "Follow-up", None, "open")
