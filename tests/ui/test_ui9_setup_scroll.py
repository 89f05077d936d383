"""Setup keeps its place while Export for email opens and closes over it (play-through 9: the page
jumped back up about 200 px). The Ctrl of Ctrl+Shift+E, or the Alt of Alt+F, reached the focused box
far up the page, and 'a key typed into a box out of sight brings it into view' scrolled to it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from mutuality_desktop.ui.exchange_dialogs import ExportDialog
from tests.ui.journey import click, focused, page_tab, press, stored

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _scroll_down(qtbot, page) -> int:
    """Click the scroll bar's track below its handle, as a person pages down, until the page moved."""
    bar = page.verticalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() // 2, bar.height() * 3 // 4))
    qtbot.waitUntil(lambda: bar.value() > 150)
    return bar.value()


def test_export_for_email_by_its_keys_leaves_setup_where_it_was(qtbot, window, demo_path):
    window.resize(1366, 768)
    assert window.open_path(demo_path)
    page_tab(qtbot, window, "Setup")
    page = window.setup_page
    boxes = [w for w in page.widget().findChildren(QLineEdit) if w.isVisible()]
    top_box = min(boxes, key=lambda w: w.mapTo(page.widget(), QPoint(0, 0)).y())
    click(qtbot, top_box)  # the cursor in the topmost box, as after opening the file
    assert focused() is top_box
    # a key that types into the box out of sight still brings it into view, and what it typed is saved
    where = _scroll_down(qtbot, page)
    press(qtbot, Qt.Key.Key_End)
    assert page.verticalScrollBar().value() < where
    qtbot.keyClicks(focused(), " (draft)")
    press(qtbot, Qt.Key.Key_Tab)  # details are saved as you leave each field
    with stored(demo_path) as eng:
        assert eng.info().title.endswith(" (draft)")
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # back in the top box

    where = _scroll_down(qtbot, page)  # reading the participants, the box out of sight
    assert focused() is top_box
    press(qtbot, Qt.Key.Key_E, CTRL_SHIFT)  # File -> Export for email by its keys
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is not None and window.findChild(ExportDialog).isVisible())
    dialog = window.findChild(ExportDialog)
    assert page.verticalScrollBar().value() == where, "the page moved as the dialog opened"
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))  # the dialog has the keys
    press(qtbot, Qt.Key.Key_Escape)  # Cancel
    qtbot.waitUntil(lambda: not dialog.isVisible())
    QApplication.processEvents()
    assert page.verticalScrollBar().value() == where, "the page moved as the dialog closed"
