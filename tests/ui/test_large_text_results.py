"""Large text on a 1024x768 projector: Results fits the screen with nothing cut off (the findings get
room for the gap table's names, the buttons wrap, the tabs need no scroll arrows), and the window is
never taller than the screen, so the status bar stays in sight (play-through 2's leftovers)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from mutuality_desktop.core.engagement import Engagement

from .journey import click, page_tab, press


@pytest.fixture
def restore_look():
    from mutuality_desktop.ui import theme

    yield
    theme.apply(QApplication.instance())


def _large_text(qtbot, window) -> None:
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    next(a for a in view.actions() if a.text() == "&Large text").trigger()
    qtbot.wait(100)


def _inside(outer, widget) -> bool:
    top_left = widget.mapTo(outer, widget.rect().topLeft())
    return outer.rect().contains(QRect(top_left, widget.size()))


def test_results_at_1024_with_large_text_keeps_everything_in_sight(qtbot, window, demo_path, restore_look):
    with Engagement.open(demo_path) as eng:
        from mutuality_desktop.core import operations as ops

        follow = eng.rounds()[-1]
        eng.apply(ops.SetNotApplicable(follow.uuid, "joint-exit-strategy", "No exit before 2035"))
    window.resize(1024, 740)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert window.open_path(demo_path)
    _large_text(qtbot, window)
    page_tab(qtbot, window, "Results")
    page = window.results.page
    qtbot.waitUntil(page.isVisible)
    qtbot.wait(100)
    assert window.minimumSizeHint().height() <= 740, "the window fits a 768-pixel screen"
    assert window.height() <= 740 and window.statusBar().isVisible()
    splitter = page._splitter
    chart_side, findings = splitter.sizes()
    assert findings >= 0.45 * (chart_side + findings), splitter.sizes()
    for text in ("Copy chart", "Save chart…", "Present"):  # wrapped under the title, none cut off
        button = next(b for b in page.findChildren(QPushButton) if b.text() == text)
        assert _inside(splitter.widget(0), button), text
    for box in page.dimension_pane.check_boxes():
        assert _inside(page.dimension_pane, box), box.text()
    bar = page.tabs.tabBar()
    assert bar.tabRect(1).right() <= bar.width(), "both tab names in sight, no scroll arrows"
    assert bar.tabText(1) == "Mutuality (14 of 15)"
    assert "Joint exit strategy" in bar.tabToolTip(1)
    table = page.gap_table
    assert table.columnWidth(0) >= 120, [table.columnWidth(c) for c in range(4)]
    assert sum(table.columnWidth(c) for c in range(4)) <= table.viewport().width() + 1, \
        "the gap table does not scroll sideways"
    click(qtbot, bar, bar.tabRect(1).center())
    for box in page.factor_pane.check_boxes():
        assert _inside(page.factor_pane, box), box.text()


def test_walkthrough_at_1024_with_large_text_leaves_the_list_room(qtbot, window, demo_path, restore_look):
    window.resize(1024, 740)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert window.open_path(demo_path)
    _large_text(qtbot, window)
    page = window.workshop
    qtbot.wait(100)
    assert window.minimumSizeHint().height() <= 740
    assert page.navigator.height() >= 0.4 * page.outer.widget(0).height()
    assert page.agenda.progress_label.isVisible()
    # the notes beside the guide scroll into view as Tab reaches them, rather than run off the foot
    # of the screen
    editors = page.evidence.editors
    click(qtbot, editors["agreed"])
    for _ in range(4):  # confidence, not applicable, the client's notes, the provider's notes
        press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editors["provider"]
    qtbot.wait(50)
    assert _inside(page.side_scroll.viewport(), editors["provider"])
