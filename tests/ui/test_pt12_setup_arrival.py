"""Play-through 12: arriving on Setup put the cursor in the engagement's title, so a stray key in
front of the room edited it (and the edit was saved at once). Arriving from another page, the
keyboard now waits on Setup's own tab; Tab goes on into the page. Real input only: the page tabs
are clicked where they are drawn, keys go to the focused widget, and the file is read back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTextEdit

from .journey import focused, page_tab, press, stored, type_keys
from .test_walkthrough_journey import open_walkthrough


def test_a_stray_key_on_arriving_at_setup_edits_nothing(qtbot, window, demo_path):
    open_walkthrough(qtbot, window, demo_path)
    with stored(demo_path) as eng:
        title, changes = eng.info().title, len(eng.history())
    for _ in range(2):  # the first arrival and a return from the walkthrough
        page_tab(qtbot, window, "Setup")
        qtbot.waitUntil(lambda: window.current_page() == "Setup")
        assert focused() is window.page_switch.buttons["Setup"]
        assert not isinstance(focused(), (QLineEdit, QTextEdit))
        type_keys(qtbot, "x")
        with stored(demo_path) as eng:
            assert eng.info().title == title and len(eng.history()) == changes
        page_tab(qtbot, window, "Walkthrough")
    page_tab(qtbot, window, "Setup")
    setup = window.setup_page
    for _ in range(6):  # Tab goes on into the page, as a keyboard user expects
        press(qtbot, Qt.Key.Key_Tab)
        if setup.isAncestorOf(QApplication.focusWidget()):
            break
    assert setup.isAncestorOf(focused())
