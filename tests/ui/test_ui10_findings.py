"""Leftovers found on a real display (ui10): the walkthrough's tabs read whole at 1024x768 (a real
window's title bar leaves the notes panel short, so its scroll bar takes width from the tabs),
with normal and Large text. Real clicks and keys; files read back where something is stored."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetrics

from mutuality_desktop.ui import theme

from .journey import click
from .test_window_findings_ui8 import _look

# a window on a real 1024x768 screen: the title bar and frame take about 20 pixels of the height
REAL_1024 = (1024, 745)


def _tabs_whole(page) -> list[str]:
    """Each tab whose name is not drawn whole: its rectangle narrower than the name (the chosen
    tab's in its heavier type) plus the least space beside it, or than Qt's own size for it; or the tab
    past the visible part of the panel."""
    bar = page.tabs.tabBar()
    heavy = QFont(bar.font())
    heavy.setWeight(QFont.Weight.DemiBold)
    hm = QFontMetrics(heavy)
    viewport = page.side_scroll.viewport()
    cut = []
    for i in range(bar.count()):
        text = bar.tabText(i).replace("&", "")
        rect = bar.tabRect(i)
        drawn = (hm if i == bar.currentIndex() else bar.fontMetrics()).horizontalAdvance(text)
        if rect.width() < max(bar.tabSizeHint(i).width(), drawn + 6):
            cut.append(f"{text}: {rect.width()} px for {drawn} px of text")
        if bar.mapTo(viewport, rect.topRight()).x() > viewport.width():
            cut.append(f"{text}: past the panel's edge")
    return cut


@pytest.mark.parametrize("look", ["normal", "&Large text"])
def test_walkthrough_tabs_read_whole_in_a_real_1024_window(qtbot, window, demo_path, restore_look, look):
    window.resize(*REAL_1024)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == REAL_1024)
    assert window.open_path(demo_path)
    page = window.workshop
    if look != "normal":
        _look(window, qtbot, look)
    qtbot.wait(100)
    assert page.side_scroll.verticalScrollBar().isVisible()  # the case the real display showed
    bar = page.tabs.tabBar()
    assert bar.font().pointSizeF() >= theme.BASE_POINT_SIZE  # never below the normal type
    guide_width = page.guide_scroll.width()
    # each tab chosen by a click on it in turn (the chosen one's type is heavier): every name whole
    for i in range(bar.count()):
        click(qtbot, bar, bar.tabRect(i).center())
        assert page.tabs.currentIndex() == i
        qtbot.wait(20)
        assert _tabs_whole(page) == []
    # on the next factor (other counts on its Actions and Parking tabs) too, and the guide keeps its width
    nav = page.navigator
    second = nav.factor_ids()[1]
    click(qtbot, nav.viewport(), nav.visualItemRect(nav._items[second]).center())
    qtbot.waitUntil(lambda: page._factor_id == second)
    qtbot.wait(50)
    assert _tabs_whole(page) == []
    assert page.guide_scroll.width() == guide_width
