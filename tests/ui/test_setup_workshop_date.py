"""Setup's workshop date and the first round's date (play-through 4: Setup's date was changed to
3 December, the round kept 27 November and the report said "held on 27 November" with nothing on
screen saying the two differed)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement

from .journey import click, page_tab, press, select_all_and_type, stored


def _dates(path) -> tuple[dt.date | None, dt.date | None]:
    with stored(path) as eng:
        return eng.info().workshop_date, eng.rounds()[0].date


def _type_workshop_date(qtbot, window, text: str) -> None:
    date = window.setup_page.form.editor("workshop_date")
    click(qtbot, date.focusProxy() or date)
    select_all_and_type(qtbot, text)
    press(qtbot, Qt.Key.Key_Tab)


def test_the_workshop_date_moves_the_first_rounds_date_with_it_in_one_undo_step(
        qtbot, window, blank_path):
    assert _dates(blank_path) == (dt.date(2026, 3, 12), dt.date(2026, 3, 12))
    window.open_path(blank_path)
    page_tab(qtbot, window, "Setup")
    _type_workshop_date(qtbot, window, "3/12/2026")
    qtbot.waitUntil(lambda: _dates(blank_path) == (dt.date(2026, 12, 3), dt.date(2026, 12, 3)))
    assert not window.setup_page.form.round_date.isVisible()  # nothing to say: they agree
    assert window.doc.undo()  # Edit > Undo: both go back together
    qtbot.waitUntil(lambda: _dates(blank_path) == (dt.date(2026, 3, 12), dt.date(2026, 3, 12)))


def test_a_first_round_with_its_own_date_keeps_it_and_setup_says_which_date_the_report_gives(
        qtbot, window, blank_path):
    with Engagement.open(blank_path) as eng:
        eng.apply(ops.UpdateRound(eng.rounds()[0].uuid, {"date": dt.date(2026, 3, 19)}))
    window.open_path(blank_path)
    page_tab(qtbot, window, "Setup")
    hint = window.setup_page.form.round_date
    assert hint.isVisible()
    assert hint.text() == ("The Baseline round's date is 19 Mar 2026: the report gives that date. "
                           "Change it under Rounds.")
    _type_workshop_date(qtbot, window, "5/3/2026")
    qtbot.waitUntil(lambda: _dates(blank_path) == (dt.date(2026, 3, 5), dt.date(2026, 3, 19)))
    assert hint.isVisible()
