"""The start page counts each round within its scope, as the walkthrough does (play-through 6, item 3)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mutuality_desktop.core.engagement import Engagement

from .test_walkthrough_journey import click_factor, key, open_walkthrough

CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_recent_line_says_the_walkthroughs_count_not_the_whole_guides(qtbot, window, blank_path):
    page = open_walkthrough(qtbot, window, blank_path)
    click_factor(qtbot, page, 1)
    for k in (Qt.Key.Key_1, Qt.Key.Key_Tab, Qt.Key.Key_2, Qt.Key.Key_Tab, Qt.Key.Key_3):
        key(qtbot, k)
    with Engagement.open(blank_path, readonly=True) as eng:
        label = eng.rounds()[0].label
        assert len(eng.scope(eng.rounds()[0].id)) < len(eng.framework.dimensions)  # a round of a few
    shown = page.agenda.progress_label.text()
    assert shown == "1 of 15 factors agreed"
    key(qtbot, Qt.Key.Key_W, CTRL)  # File > Close: the start page lists the engagement
    assert window.current_page() == "Start"
    widget = window.start.item_widget(blank_path)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.summary.text() != "Checking…", timeout=10_000)
    assert f"{label}: 1 of 15 agreed" in widget.summary.text()
