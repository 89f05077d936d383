"""View -> Large text answers at once and toggles once (play-through s5, finding 15: nothing changed
for about 2 s, the next try turned it back off, and the menu seemed to come back)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu


@pytest.fixture
def restore_look():
    from mutuality_desktop.ui import theme

    yield
    theme.apply(QApplication.instance())


def test_large_text_by_keys_says_so_at_once_and_is_on_once_the_menu_has_closed(qtbot, window, demo_path,
                                                                                 restore_look):
    from mutuality_desktop.ui import theme
    from mutuality_desktop.ui.settings import Settings

    assert window.open_path(demo_path)
    normal = theme.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    view = QApplication.activePopupWidget()
    assert view.title() == "&View"
    qtbot.keyClick(view, Qt.Key.Key_L)
    # at once: the menu is gone, a busy cursor and a message say the change is under way
    assert QApplication.activePopupWidget() is None
    assert QApplication.overrideCursor() is not None
    assert window.statusBar().currentMessage() == "Changing the look of every window…"
    qtbot.waitUntil(lambda: QApplication.overrideCursor() is None)
    assert theme.font().pointSizeF() == pytest.approx(normal * theme.LARGE_TEXT_SCALE)
    assert window.statusBar().currentMessage() == ""  # the file's name is back in the status bar
    assert QApplication.activePopupWidget() is None, "the menu does not come back"
    large = next(a for a in view.actions() if a.text() == "&Large text")
    assert large.isChecked() and Settings().large_text()
