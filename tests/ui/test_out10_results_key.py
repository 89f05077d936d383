"""Play-through 7 (out10): at 1024x768 with Large text the Mutuality radar numbers its spokes, and the
key naming the numbers is below the chart, in the page's Large type, reached by scrolling."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework import MUTUALITY
from mutuality_desktop.ui import theme

from .journey import click
from .test_ui13_radar import _open_mutuality


def test_numbered_mutuality_radar_has_its_key_in_reach(qtbot, window, demo_path, restore_look):
    with Engagement.open(demo_path) as eng:
        names = [f.name for f in eng.framework.dimension(MUTUALITY).factors]
    pane = _open_mutuality(qtbot, window, demo_path, 1024, large=True)  # both sides' views ticked:
    # their legend rows leave no room for names
    qtbot.waitUntil(lambda: pane.chart.compact, timeout=3000)
    key = pane.key
    qtbot.waitUntil(key.isVisible)
    # the factor the demo's room did not agree says so (res11: its number alone could not)
    lines = [f"{i}  {n}" for i, n in enumerate(names, 1)]
    lines.insert(lines.index("8  Joint knowledge management strategy") + 1, "\u00a0" * 4 + "(not agreed)")
    assert key.text().splitlines() == lines
    assert key.font().pointSizeF() == theme.font().pointSizeF() > 0  # the page's Large text
    assert key.fontInfo().pointSizeF() >= 11
    scroll = pane.chart_area
    viewport = scroll.viewport()
    # the chart keeps the whole view; the key is below it, within reach of the scroll bar
    assert pane.canvas.height() >= viewport.height() - 1
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    bottom = key.mapTo(scroll.widget(), key.rect().bottomLeft()).y()
    assert scroll.verticalScrollBar().maximum() >= bottom + 1 - viewport.height() > 0
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())  # as a drag of the bar
    qtbot.wait(50)
    top_left = key.mapTo(viewport, key.rect().topLeft())
    assert viewport.rect().contains(QRect(top_left, key.size())), (top_left, key.size(), viewport.size())
    # untick the sides: room for the names again, and the key goes
    for side in ("client", "provider"):
        box = pane.toggles[side]
        click(qtbot, box, QPoint(box.height() // 2, box.height() // 2))
    # (ui13: the names take the Large size too, so at 1024 they may still be numbered: the key stays
    # exactly while the spokes are numbered)
    qtbot.wait(300)
    qtbot.waitUntil(lambda: key.isVisible() == pane.chart.compact)
