"""Play-through 6 (ui12), Setup: where the keys go, the participant's side, a long address."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionFrame

from .journey import click, focused, page_tab, press, stored, type_keys

REAL_1024 = (1024, 768)


def _setup(qtbot, window, demo_path: Path, size: tuple[int, int] = (1366, 768)):
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    assert window.open_path(demo_path)
    page_tab(qtbot, window, "Setup")
    return window.setup_page


def _scroll_to(page, widget) -> None:
    """As the wheel would: the widget in the middle of the page, the focus left where it was."""
    y = widget.mapTo(page.widget(), QPoint(0, 0)).y()
    page.verticalScrollBar().setValue(y - page.viewport().height() // 2)


def _in_view(page, widget) -> bool:
    return page._in_view(widget)


def test_clicking_a_label_types_into_its_box_not_a_field_scrolled_away(qtbot, window, demo_path: Path) -> None:
    """The facilitator scrolled down, clicked the words "Round label", typed "Follow-up", Tab,
    "1 May 2027": the title became "Follow-upKestrel Vale…" and the client "1 May 2027"."""
    page = _setup(qtbot, window, demo_path)
    with stored(demo_path) as eng:
        before = eng.info()
    title = page.form.editor("title")
    click(qtbot, title)  # the keyboard in the title, as when the page opened
    caption = page.rounds.label_field.label
    _scroll_to(page, caption)  # the wheel: the rounds in the middle, the title out of sight
    qtbot.waitUntil(lambda: not _in_view(page, title))
    assert _in_view(page, caption)
    text_width = caption.fontMetrics().horizontalAdvance("Round label")
    click(qtbot, caption, QPoint(text_width // 2, caption.height() // 2))  # on the words
    type_keys(qtbot, "Follow-up 2027")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "1 May 2027")
    assert page.rounds.label.text() == "Follow-up 2027"
    click(qtbot, page.rounds.add_button)
    with stored(demo_path) as eng:
        info = eng.info()
        assert (info.title, info.client_organisation) == (before.title, before.client_organisation)
        assert [(r.label, r.date) for r in eng.rounds()][-1] == ("Follow-up 2027", dt.date(2027, 5, 1))


def test_a_click_beside_a_box_in_its_row_puts_the_keyboard_in_it(qtbot, window, demo_path: Path) -> None:
    page = _setup(qtbot, window, demo_path)
    field = page.form.fields["workshop_venue"]
    page.ensureWidgetVisible(field)
    label = field.label
    click(qtbot, label, QPoint(label.width() - 10, label.height() // 2))  # the empty end of the label's row
    assert focused() is field.editor
    press(qtbot, Qt.Key.Key_End)
    type_keys(qtbot, ", first floor")
    press(qtbot, Qt.Key.Key_Tab)
    with stored(demo_path) as eng:
        assert eng.info().workshop_venue.endswith(", first floor")


def test_a_key_typed_into_a_box_scrolled_out_of_sight_brings_it_back(qtbot, window, demo_path: Path) -> None:
    page = _setup(qtbot, window, demo_path)
    title = page.form.editor("title")
    click(qtbot, title)
    _scroll_to(page, page.rounds.label)
    qtbot.waitUntil(lambda: not _in_view(page, title))
    press(qtbot, Qt.Key.Key_End)
    assert _in_view(page, title)  # the facilitator sees where the typing goes


@pytest.mark.parametrize("size", [(1366, 768), REAL_1024])
def test_the_side_kept_for_the_next_person_is_said_under_the_form(qtbot, window, demo_path: Path, size) -> None:
    """Side keeps the last person's side (play-through 2: people come one organisation at a time),
    and says so: a Down arrow meant to turn Client into Provider turned the kept Provider into
    Facilitator, unseen (play-through 6). Now the slip is named the moment the person is added."""
    page = _setup(qtbot, window, demo_path, size)
    people = page.participants
    page.ensureWidgetVisible(people.name)
    click(qtbot, people.name)
    for name, downs, side in (("Priya Nair", 1, "Provider"), ("Dave Lund", 0, "Provider"),
                              ("Jo Marsh", 1, "Facilitator")):
        type_keys(qtbot, name)
        press(qtbot, Qt.Key.Key_Tab)
        type_keys(qtbot, "Manager")
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is people.side
        press(qtbot, Qt.Key.Key_Down, times=downs)
        press(qtbot, Qt.Key.Key_Return)
        assert focused() is people.name
        assert people.added.isVisible() and people.added.text() == (
            f"Added {name} ({side}). The next person is {side} too unless you change Side.")
        qtbot.waitUntil(lambda: _in_view(page, people.added) and _in_view(page, people.name))  # both in sight
        table = people.table
        row = next(i for i in range(table.rowCount()) if table.item(i, 0).text() == name)
        qtbot.waitUntil(lambda t=table, r=row: _row_whole(t, r))
        qtbot.wait(100)  # and still whole once the list has its new rows
        assert _row_whole(table, row)
        assert table.item(row, 2).text() == side  # the side, in the row just added
    with stored(demo_path) as eng:
        sides = {p.name: p.side for p in eng.participants()}
    assert (sides["Priya Nair"], sides["Dave Lund"], sides["Jo Marsh"]) == ("provider", "provider", "facilitator")


def _row_whole(table, row: int) -> bool:
    return table.viewport().rect().contains(table.visualItemRect(table.item(row, 2)))


def _room(edit) -> int:
    opt = QStyleOptionFrame()
    edit.initStyleOption(opt)
    return edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, opt, edit).width()


def test_a_saved_email_shows_its_start_and_a_typical_address_whole_at_1366(qtbot, window, demo_path: Path) -> None:
    page = _setup(qtbot, window, demo_path)
    people = page.participants
    page.ensureWidgetVisible(people.table)
    row = next(i for i in range(people.table.rowCount()) if people.table.item(i, 0).text() == "Helen Marchbank")
    rect = people.table.visualItemRect(people.table.item(row, 0))
    click(qtbot, people.table.viewport(), rect.center())
    page.ensureWidgetVisible(people.email)
    click(qtbot, people.email)
    address = "helen.marchbank.contracts@orrinfacilities.co.uk"
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(qtbot, address)
    click(qtbot, people.add_button)  # "Save changes"
    with stored(demo_path) as eng:
        from mutuality_desktop.core.prework.contacts import participant_emails

        person = next(p for p in eng.participants() if p.name == "Helen Marchbank")
        assert participant_emails(eng)[person.id] == address
    assert people.email.text() == address and people.email.cursorPosition() == 0  # "helen…", not "…co.uk"
    typical = "priya.nair@orrinfacilities.co.uk"
    assert people.email.fontMetrics().horizontalAdvance(typical) <= _room(people.email) - 4
