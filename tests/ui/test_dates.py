"""Dates typed by keyboard or picked from the calendar are stored as meant, or refused out loud."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTableView

from mutuality_desktop.ui.date_field import parse_date, question

from .journey import click, focused, page_tab, press, select_all_and_type, stored, type_keys

TODAY = dt.date(2026, 11, 26)
# The offscreen platform cannot grab the keyboard for a popup (a real display does).
POPUP_ON_OFFSCREEN = pytest.mark.qt_log_ignore("grabbing the keyboard", r"support raise\(\)")


@pytest.mark.parametrize(("text", "date"), [
    ("12/03/2026", dt.date(2026, 3, 12)),
    ("12/3/26", dt.date(2026, 3, 12)),
    ("12.03.2026", dt.date(2026, 3, 12)),
    ("12 Mar 2026", dt.date(2026, 3, 12)),
    ("1 April 2019", dt.date(2019, 4, 1)),
    ("1 Apr 2019", dt.date(2019, 4, 1)),
    ("1st April 2019", dt.date(2019, 4, 1)),
    ("Thu 12 March 2026", dt.date(2026, 3, 12)),
    ("March 12, 2026", dt.date(2026, 3, 12)),
    ("30 Sept 2026", dt.date(2026, 9, 30)),
    ("2026-03-12", dt.date(2026, 3, 12)),
    ("today", TODAY),
    ("", None),
])
def test_uk_ways_of_writing_a_date_are_read_day_first(text, date):
    assert parse_date(text, TODAY) == (date, "")


@pytest.mark.parametrize(("text", "problem"), [
    ("31/02/2026", "There is no 31 February 2026."),
    ("12/13/2026", "There is no month 13"),
    ("12 Mar", "Add the year"),
    ("Not set12/03/2026", "is not a month"),
    ("1/1/1026", "Check the year: 1026"),
    ("next week", "Type a date such as"),
])
def test_what_cannot_be_read_is_refused_with_a_reason_never_rounded(text, problem):
    date, said = parse_date(text, TODAY)
    assert date is None and problem in said


def test_a_far_off_date_is_questioned_and_a_near_one_is_not():
    assert "40 years from now" in question(dt.date(2066, 12, 1), TODAY, 2)
    assert question(dt.date(2027, 3, 1), TODAY, 2) == ""
    assert question(dt.date(2066, 12, 1), TODAY, None) == ""


def _setup(qtbot, window, path):
    window.open_path(path)
    page_tab(qtbot, window, "Setup")
    return window.setup_page.form


def test_typed_contract_dates_are_saved_as_typed(qtbot, window, blank_path):
    form = _setup(qtbot, window, blank_path)
    start, end = form.editor("contract_start"), form.editor("contract_end")
    click(qtbot, start.edit)
    assert start.edit.text() == "" and start.edit.placeholderText() == "Not set"
    type_keys(qtbot, "1 Apr 2019")
    press(qtbot, Qt.Key.Key_Tab)  # leaves the box: the date is taken
    assert focused() is end.edit  # the calendar button is not a Tab stop; Alt+Down opens it
    type_keys(qtbot, "31/03/2029")
    press(qtbot, Qt.Key.Key_Return)
    assert (start.edit.text(), end.edit.text()) == ("1 Apr 2019", "31 Mar 2029")
    with stored(blank_path) as eng:
        info = eng.info()
    assert (info.contract_start, info.contract_end) == (dt.date(2019, 4, 1), dt.date(2029, 3, 31))


def test_an_impossible_date_is_refused_inline_and_the_stored_date_kept(qtbot, window, blank_path):
    form = _setup(qtbot, window, blank_path)
    workshop = form.editor("workshop_date")
    assert workshop.edit.text() == "12 Mar 2026"
    click(qtbot, workshop.edit)
    select_all_and_type(qtbot, "31/02/2026")
    assert workshop.edit.property("invalid") != "true"  # not marked red while still typing
    press(qtbot, Qt.Key.Key_Tab)
    assert workshop.message.isVisible() and "no 31 February 2026" in workshop.message.text()
    assert workshop.edit.text() == "31/02/2026"  # left as typed, to be corrected
    assert workshop.edit.property("invalid") == "true"
    with stored(blank_path) as eng:
        assert eng.info().workshop_date == dt.date(2026, 3, 12)
    click(qtbot, form.editor("workshop_venue"))
    type_keys(qtbot, "Committee Room 3")
    press(qtbot, Qt.Key.Key_Tab)  # another field saved: the form reloads from the file
    with stored(blank_path) as eng:
        assert eng.info().workshop_venue == "Committee Room 3"
    assert workshop.edit.text() == "31/02/2026" and workshop.message.isVisible()  # still there
    click(qtbot, workshop.edit)
    select_all_and_type(qtbot, "28/02/2026")
    press(qtbot, Qt.Key.Key_Tab)
    assert not workshop.message.isVisible()
    with stored(blank_path) as eng:
        assert eng.info().workshop_date == dt.date(2026, 2, 28)


def test_a_workshop_date_decades_away_is_saved_but_questioned(qtbot, window, blank_path):
    form = _setup(qtbot, window, blank_path)
    workshop = form.editor("workshop_date")
    click(qtbot, workshop.edit)
    far = dt.date.today().year + 40
    select_all_and_type(qtbot, f"12/03/{far}")
    press(qtbot, Qt.Key.Key_Tab)
    assert workshop.message.isVisible() and "is the year right?" in workshop.message.text()
    assert workshop.edit.text() == f"12 Mar {far}"
    with stored(blank_path) as eng:
        assert eng.info().workshop_date == dt.date(far, 3, 12)  # as typed, never changed


def _calendar_view(field) -> QTableView:
    assert field.popup is not None and field.popup.isVisible()
    return field.popup.calendar.findChild(QTableView)


def _click_day(qtbot, field, day: int) -> None:
    """Click the cell of this day of the shown month, where a person sees it."""
    view = _calendar_view(field)
    model = view.model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if str(model.data(index)) == str(day) and 1 <= row <= 6 and (day < 20 or row > 2):
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                                 pos=view.visualRect(index).center())
                return
    raise AssertionError(f"day {day} is not in the calendar")


@POPUP_ON_OFFSCREEN
def test_the_calendar_opens_at_the_date_shown_and_a_click_picks_a_day(qtbot, window, blank_path):
    form = _setup(qtbot, window, blank_path)
    workshop = form.editor("workshop_date")
    click(qtbot, workshop.button)
    calendar = workshop.popup.calendar
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 3)  # not January 2000
    _click_day(qtbot, workshop, 17)
    assert not workshop.popup.isVisible() and workshop.edit.text() == "17 Mar 2026"
    type_keys(qtbot, "18/03/2026")  # typing after a pick replaces it, never "18/03/202617 Mar…"
    press(qtbot, Qt.Key.Key_Return)
    assert workshop.edit.text() == "18 Mar 2026"
    with stored(blank_path) as eng:
        assert eng.info().workshop_date == dt.date(2026, 3, 18)


@POPUP_ON_OFFSCREEN
def test_a_date_picked_while_another_is_refused_is_still_saved(qtbot, window, blank_path):
    form = _setup(qtbot, window, blank_path)
    start, end = form.editor("contract_start"), form.editor("contract_end")
    click(qtbot, end.edit)
    type_keys(qtbot, "31/02/2029")
    press(qtbot, Qt.Key.Key_Tab)
    assert end.message.isVisible()
    click(qtbot, start.button)
    _click_day(qtbot, start, 15)
    assert start.edit.text().startswith("15 ")
    with stored(blank_path) as eng:
        assert eng.info().contract_start is not None and eng.info().contract_start.day == 15
    assert end.edit.text() == "31/02/2029"


@POPUP_ON_OFFSCREEN
def test_an_empty_date_opens_the_calendar_at_today_and_keys_pick_a_day(qtbot, window, blank_path):
    form = _setup(qtbot, window, blank_path)
    start = form.editor("contract_start")
    click(qtbot, start.edit)
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = start.popup.calendar
    today = dt.date.today()
    assert calendar.selectedDate() == QDate(today.year, today.month, today.day)
    press(qtbot, Qt.Key.Key_Down)  # a week later
    press(qtbot, Qt.Key.Key_Return)
    assert not start.popup.isVisible() and focused() is start.edit
    with stored(blank_path) as eng:
        assert eng.info().contract_start == today + dt.timedelta(days=7)


def test_a_round_date_typed_in_a_cleared_box_is_not_glued_to_a_placeholder(qtbot, window, blank_path):
    _setup(qtbot, window, blank_path)
    rounds = window.setup_page.rounds
    click(qtbot, rounds.label)
    type_keys(qtbot, "Follow-up")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is rounds.date.edit
    type_keys(qtbot, "12/03/2026")
    assert rounds.date.edit.text() == "12/03/2026"
    press(qtbot, Qt.Key.Key_Return)  # takes the date and adds the round
    with stored(blank_path) as eng:
        assert [(r.label, r.date) for r in eng.rounds()][-1] == ("Follow-up", dt.date(2026, 3, 12))


def test_a_corrected_date_does_not_move_the_form_under_the_pointer(qtbot, window, blank_path):
    """Play-through s12: the refused date's message went as a valid date was typed, the form
    moved up 19 px, and the click meant for the field below landed in another box."""
    form = _setup(qtbot, window, blank_path)
    workshop = form.editor("workshop_date")
    venue = form.editor("workshop_venue")
    click(qtbot, workshop.edit)
    select_all_and_type(qtbot, "31/02/2026")
    press(qtbot, Qt.Key.Key_Tab)
    assert workshop.message.isVisible()
    click(qtbot, workshop.edit)
    before = venue.mapTo(window, venue.rect().topLeft())
    select_all_and_type(qtbot, "28/02/2026")
    qtbot.wait(50)  # the layout settles
    assert not workshop.message.isVisible()
    assert venue.mapTo(window, venue.rect().topLeft()) == before  # the box below stays where it was
    click(qtbot, venue)  # so a click where the person saw it lands in it
    assert focused() is venue
    with stored(blank_path) as eng:
        assert eng.info().workshop_date == dt.date(2026, 2, 28)
