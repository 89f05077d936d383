"""Play-through 7, 6: parking rows say one date format (today's points too), and moving to the next
factor after parking a point shows that factor's evidence, not the parking list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .conftest import type_text
from .test_parking_journey import click, stored_points
from .test_walkthrough_journey import click_factor, key, open_walkthrough

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_a_point_parked_today_shows_its_date_and_the_next_factor_opens_on_its_evidence(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 5)  # Operational leadership
    panel = page.parking.panel
    key(qtbot, Qt.Key.Key_P, CTRL | SHIFT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.text_edit)
    text = "Ask who signs off the board's minutes"
    type_text(qtbot, QApplication.focusWidget(), text)
    key(qtbot, Qt.Key.Key_Return)
    assert stored_points(demo_path)[text][0] == factor
    assert page.tabs.currentWidget() is panel
    rows = [panel.list.item(i).text().split("\n")[1] for i in range(panel.list.count())]
    now = dt.datetime.now().astimezone()
    today = f"{now.day} {now:%b} "
    mine = next(r for r, i in zip(rows, range(panel.list.count()), strict=True)
                if panel.list.item(i).text().startswith(text))
    assert mine.startswith(today), mine  # the date first, as for the baseline day's points
    assert any(r.startswith("12 Mar 1") for r in rows), rows  # the demo's open points, same format
    click_factor(qtbot, page, 6)  # the next factor, as a person clicks it in the list
    assert page.tabs.currentWidget() is page.evidence
    na = page.evidence.not_applicable
    page.side_scroll.ensureWidgetVisible(na)
    click(qtbot, na)
    assert QApplication.focusWidget() is na, "the click meant for Not applicable because lands there"
