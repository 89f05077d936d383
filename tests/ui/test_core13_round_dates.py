"""Play-through 7, 3: a follow-up dated before the baseline is saved, with a plain warning beside the date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .journey import click, page_tab, press, stored


def _click_row(qtbot, table, row: int) -> None:
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_follow_up_dated_before_the_baseline_is_warned_and_saved(qtbot, window, demo_path):
    window.open_path(demo_path)
    page_tab(qtbot, window, "Setup")
    rounds = window.setup_page.rounds
    assert rounds.date_note.isHidden(), "the demo's dates follow the list"
    _click_row(qtbot, rounds.table, 1)  # Follow-up
    assert rounds.label.text() == "Follow-up"
    click(qtbot, rounds.date.edit)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "11 Mar 2026")  # the day before the baseline
    assert rounds.date_note.isVisible()
    assert rounds.date_note.text() == ("This date is before Baseline's (12 Mar 2026), the round listed before it. "
                                       "It can be saved; Follow-up is still compared with Baseline.")
    assert rounds.add_button.isEnabled()
    click(qtbot, rounds.add_button)  # Save changes: allowed
    with stored(demo_path) as eng:
        assert [(r.label, r.date) for r in eng.rounds()] == [
            ("Baseline", dt.date(2026, 3, 12)), ("Follow-up", dt.date(2026, 3, 11))]
    assert [rounds.table.item(i, 0).text() for i in range(2)] == ["Baseline", "Follow-up"]
    click(qtbot, rounds.new_button)  # nothing selected: the list's order is still said
    assert rounds.date_note.isVisible()
    assert rounds.date_note.text().startswith("Follow-up (11 Mar 2026) is dated before Baseline (12 Mar 2026)")
