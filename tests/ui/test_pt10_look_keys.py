"""Play-through 10: High contrast and Large text could not be switched in presentation (F11), where
the menus are hidden. Ctrl+Shift+H and Ctrl+Shift+L switch them from any window, F11 included, and
the choice is kept in the settings like the menu's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.ui import theme

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_high_contrast_and_large_text_switch_by_keys_in_presentation(qtbot, window, demo_path, restore_look):
    assert window.open_path(demo_path)
    page = window.workshop
    qtbot.keyClick(page.guide, Qt.Key.Key_F11)
    room = page.presentation
    assert room is not None and room.isVisible()
    size = room.title.font().pointSizeF()
    assert not theme.high_contrast and theme.text_scale() == 1
    target = QApplication.focusWidget() or room
    qtbot.keyClick(target, Qt.Key.Key_H, CTRL_SHIFT)
    qtbot.waitUntil(lambda: bool(theme.high_contrast), timeout=5000)
    qtbot.keyClick(QApplication.focusWidget() or room, Qt.Key.Key_L, CTRL_SHIFT)
    qtbot.waitUntil(lambda: theme.text_scale() > 1, timeout=5000)
    assert room.isVisible()  # still presenting
    qtbot.waitUntil(lambda: room.title.font().pointSizeF() > size, timeout=5000)
    assert window.settings.high_contrast() and window.settings.large_text()
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    checked = {a.text(): a.isChecked() for a in view.actions() if a.isCheckable()}
    assert checked == {"&High contrast": True, "&Large text": True}
    qtbot.keyClick(QApplication.focusWidget() or room, Qt.Key.Key_H, CTRL_SHIFT)
    qtbot.waitUntil(lambda: not theme.high_contrast, timeout=5000)
    assert not window.settings.high_contrast()


def test_a_window_closed_while_its_look_change_waits_leaves_no_error_and_no_busy_cursor(
        qtbot, window, blank_path, restore_look):
    """The restyle runs a moment after the choice (the menu closes first). A window closed and
    deleted in that moment raised 'Internal C++ object (QAction) already deleted' in the event
    loop (seen in CI), and the busy cursor would have stayed: the choice is read at once now."""
    import shiboken6

    from mutuality_desktop.ui.main_window import MainWindow
    from mutuality_desktop.ui.settings import Settings

    other = MainWindow(Settings())  # a second window, as a second file open beside the first
    other.resize(1366, 768)
    other.show()
    qtbot.waitExposed(other)
    other.activateWindow()
    assert other.open_path(blank_path)
    view = next(a.menu() for a in other.menuBar().actions() if a.text() == "&View")
    next(a for a in view.actions() if a.text() == "&Large text").trigger()  # in the second window
    assert QApplication.overrideCursor() is not None  # busy while the change is under way
    other.close()
    shiboken6.delete(other)  # gone, with its actions, before the restyle runs
    assert not shiboken6.isValid(other)
    qtbot.waitUntil(lambda: theme.text_scale() > 1, timeout=5000)  # the look still applies
    qtbot.wait(50)
    assert QApplication.overrideCursor() is None
    assert window.isVisible()  # the first window is untouched, in the new look
