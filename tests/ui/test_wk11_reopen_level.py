"""Reopening a file at a factor: its scored level is whole in the guide, on a laptop and on a
projector, in the normal look and with Large text (play-through 11: at 1024x768 the level was half
out of view after a reopen, the rows having wrapped afresh once the panels took their widths).

Real input only: the factor is clicked in the list, the file closed and opened again, and what the
guide area shows is read from where its rows are drawn."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from mutuality_desktop.ui import theme

from .journey import stored
from .test_walkthrough_journey import click_factor, open_walkthrough

LOW = "cost-per-outcome"  # agreed 1 in the demo: the guide's second row from the foot


def _whole_in_view(page, level: int) -> bool:  # type: ignore[no-untyped-def]
    span = page.guide.row_span(level)
    if span is None:
        return False
    top = page.guide.mapTo(page.guide_scroll.viewport(), QPoint(0, span[0])).y()
    return top >= 0 and top + span[1] <= page.guide_scroll.viewport().height()


def _dimension_of(page, factor_id: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    for d, dimension in enumerate(page.framework.workshop_order()):
        for n, factor in enumerate(dimension.factors, start=1):
            if factor.id == factor_id:
                return d, n
    raise AssertionError(factor_id)


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-text"])
@pytest.mark.parametrize("width", [1366, 1024])
def test_a_reopened_factor_shows_its_scored_level_whole(qtbot, window, demo_path, restore_look,
                                                         width, large):
    if large:
        theme.apply(QApplication.instance(), large_text=True)  # as View -> Large text left it
    window.resize(width, 768)
    qtbot.waitUntil(lambda: window.width() == width)
    page = open_walkthrough(qtbot, window, demo_path)
    dimension, number = _dimension_of(page, LOW)
    assert click_factor(qtbot, page, number, dimension) == LOW
    with stored(demo_path) as eng:
        level = eng.scores(eng.rounds()[-1].id)[(LOW, "agreed")].level
    assert level == 1
    assert window.close_document()
    page = open_walkthrough(qtbot, window, demo_path)
    assert page.factor_id == LOW
    qtbot.wait(200)  # the panels take their widths and the rows wrap again
    qtbot.waitUntil(lambda: _whole_in_view(page, level), timeout=3000)
    qtbot.wait(300)  # and it is so once everything has settled (a late relayout brings it back)
    qtbot.waitUntil(lambda: _whole_in_view(page, level), timeout=3000)
    assert page.guide.chosen("agreed") == level


def test_a_guide_scrolled_by_hand_stays_where_it_was_put(qtbot, window, demo_path):
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    page = open_walkthrough(qtbot, window, demo_path)
    dimension, number = _dimension_of(page, LOW)
    click_factor(qtbot, page, number, dimension)
    qtbot.waitUntil(lambda: _whole_in_view(page, 1))
    bar = page.guide_scroll.verticalScrollBar()
    assert bar.value() > 0
    # the wheel over the guide, up to level 5, as a person reads the top of the scale
    viewport = page.guide_scroll.viewport()
    for _ in range(10):
        at = QPointF(viewport.width() / 2, viewport.height() / 2)
        event = QWheelEvent(at, QPointF(viewport.mapToGlobal(at.toPoint())), QPoint(0, 0), QPoint(0, 120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(viewport, event)
    assert bar.value() == 0
    window.resize(1010, 760)  # the window nudged: the guide reflows but is not pulled back
    qtbot.wait(300)
    assert bar.value() == 0
