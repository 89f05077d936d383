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


def test_tab_from_the_setup_tab_reaches_the_first_field_after_the_other_page_tabs(qtbot, window, demo_path):
    """Session 11 left alone: Tab from the Setup tab went to "Set your name…" in the status bar
    before the page's first field. Now the page tabs, then the page; the link comes after the page."""
    open_walkthrough(qtbot, window, demo_path)
    page_tab(qtbot, window, "Setup")
    qtbot.waitUntil(lambda: focused() is window.page_switch.buttons["Setup"])
    link = window.name_prompt.button
    assert link.isVisible()  # the demo's changes are recorded under the OS user's name: it is offered
    seen = []
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(focused())
    buttons = window.page_switch.buttons
    assert seen[:2] == [buttons["Walkthrough"], buttons["Results"]]
    assert window.setup_page.isAncestorOf(seen[2]) and isinstance(seen[2], QLineEdit)
    assert link not in seen
    for _ in range(200):  # on through the page: the link is still reached, after its last field
        press(qtbot, Qt.Key.Key_Tab)
        if focused() is link:
            break
        assert focused() is not buttons["Setup"], "back at the page tabs without passing the link"
    assert focused() is link
