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
