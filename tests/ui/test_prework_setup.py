"""Setup: a participant's optional email address; Pre-work → Names in the report."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mutuality_desktop.core.prework.contacts import participant_emails, report_names_shown
from tests.ui.conftest import type_text
from tests.ui.journey import click, focused, press, stored


def test_an_email_typed_in_setup_is_saved_and_edited(qtbot, window, blank_path):
    window.open_path(blank_path)
    window.show_page("Setup")
    panel = window.setup_page.participants
    click(qtbot, panel.name)
    type_text(qtbot, focused(), "Siân Evans")
    click(qtbot, panel.email)
    qtbot.keyClicks(focused(), "sian.evans@northmoor.gov.uk")
    press(qtbot, Qt.Key.Key_Return)
    with stored(blank_path) as eng:
        (person,) = eng.participants()
        assert participant_emails(eng) == {person.id: "sian.evans@northmoor.gov.uk"}
    assert panel.table.item(0, 3).text() == "sian.evans@northmoor.gov.uk"
    rect = panel.table.visualRect(panel.table.model().index(0, 0))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.email.text() == "sian.evans@northmoor.gov.uk"
    click(qtbot, panel.email)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "not an address")
    press(qtbot, Qt.Key.Key_Return)
    assert "is not an email address" in window.banner.label.text()
    with stored(blank_path) as eng:
        assert list(participant_emails(eng).values()) == ["sian.evans@northmoor.gov.uk"]


def test_names_in_the_report_is_a_menu_choice_stored_in_the_file(qtbot, window, blank_path):
    window.open_path(blank_path)
    bar = window.menuBar()
    entry = next(a for a in bar.actions() if a.text() == "&Pre-work")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(entry).center())
    menu = entry.menu()
    qtbot.waitUntil(menu.isVisible)
    item = next(a for a in menu.actions() if a.text() == "&Names in the report")
    assert not item.isChecked()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(item).center())
    with stored(blank_path) as eng:
        assert report_names_shown(eng)
    assert item.isChecked()
    window.actions_.undo.trigger()
    with stored(blank_path) as eng:
        assert not report_names_shown(eng)
    assert not item.isChecked()
