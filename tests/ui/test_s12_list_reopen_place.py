"""Reopening a file at a factor: the factor list shows it whole, from the list's top (heading and
count in sight) when it fits there, else in the middle (session 11: reopened at factor 10 while the
window was still growing, the list showed factor 1 cut in half and no heading).

Real input only: the factor is clicked in the list, the file closed and opened again, and the
window then takes its full height as a window manager gives it."""

from __future__ import annotations

import pytest

from .test_walkthrough_journey import click_factor, open_walkthrough


def _whole(nav, factor_id: str) -> bool:  # type: ignore[no-untyped-def]
    return nav.viewport().rect().contains(nav.visualItemRect(nav._items[factor_id]))


@pytest.mark.parametrize("width", [1366, 1024])
def test_a_factor_that_fits_reopens_with_the_list_from_its_top(qtbot, window, demo_path, width):
    window.resize(width, 768)
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 8)
    assert window.close_document()
    window.resize(width, 560)  # reopened in a smaller window that the window manager then enlarges
    page = open_walkthrough(qtbot, window, demo_path)
    nav = page.navigator
    qtbot.waitUntil(lambda: nav.viewport().height() > 0)
    window.resize(width, 768)
    qtbot.waitUntil(lambda: window.height() == 768)
    qtbot.wait(100)
    bar = nav.verticalScrollBar()
    assert nav.visualItemRect(nav._items[factor]).bottom() + bar.value() < nav.viewport().height()
    qtbot.waitUntil(lambda: bar.value() == 0)  # the heading "MUTUALITY 14/15" in sight
    assert _whole(nav, factor)


def test_a_factor_further_down_reopens_in_the_middle_of_the_list(qtbot, window, demo_path):
    window.resize(1366, 768)
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 14)
    assert window.close_document()
    window.resize(1366, 560)
    page = open_walkthrough(qtbot, window, demo_path)
    nav = page.navigator
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.height() == 768)
    qtbot.wait(100)
    qtbot.waitUntil(lambda: _whole(nav, factor))
    rect, height = nav.visualItemRect(nav._items[factor]), nav.viewport().height()
    assert rect.top() > height // 4 and rect.bottom() < height * 3 // 4 or \
        nav.verticalScrollBar().value() == nav.verticalScrollBar().maximum()
    # a row above and a row below it are whole too: it is not pushed against an edge
    above = nav.itemAbove(nav._items[factor])
    below = nav.itemBelow(nav._items[factor])
    assert above is not None and nav.viewport().rect().contains(nav.visualItemRect(above))
    assert below is not None and nav.viewport().rect().contains(nav.visualItemRect(below))
