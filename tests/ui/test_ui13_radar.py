"""Play-through 7 (ui13): the numbered Mutuality radar at 1024x768 with Large text was about 100 px
across, its numbers far out in empty space and "Client" written over the plot; the spoke names kept
their small size with Large text at 1366."""

from __future__ import annotations

import contextlib
import math

from PySide6.QtCore import QPoint

from mutuality_desktop.ui import theme

from .journey import click, page_tab
from .test_side_panel_1024 import _large_text


def _open_mutuality(qtbot, window, demo_path, width, large):
    window.resize(width, 740)
    qtbot.waitUntil(lambda: window.width() == width)
    assert window.open_path(demo_path)
    if large:
        _large_text(window, qtbot)
    page_tab(qtbot, window, "Results")
    page = window.results.page
    qtbot.waitUntil(page.isVisible)
    bar = page.tabs.tabBar()
    click(qtbot, bar, bar.tabRect(1).center())
    pane = page.factor_pane
    qtbot.waitUntil(pane.isVisible)
    for side in ("client", "provider"):
        box = pane.toggles[side]
        click(qtbot, box, QPoint(box.height() // 2, box.height() // 2))
    qtbot.waitUntil(lambda: pane.chart.shown >= {"client", "provider"})
    qtbot.wait(200)
    return pane


def _check_plot(pane):
    chart = pane.chart
    layout = chart._layout
    assert layout is not None
    w, h = (float(v) for v in chart.figure.get_size_inches())
    # the plot takes most of the chart's area
    share = 0.35 if layout.compact else 0.27  # names need their room; numbers leave the circle most
    assert layout.radius >= share * min(w, h), (layout.radius, w, h, layout.compact)
    # every spoke's name or number sits close to its spoke's end
    for box in layout.boxes:
        nearest = math.hypot(max(box[0], min(0.0, box[2])), max(box[1], min(0.0, box[3])))
        assert nearest <= layout.radius + (0.3 if layout.compact else 0.6), (box, layout.radius)
    # a series name is written on a numbered chart only where the circle has room for it (each
    # name at most half the radius across); on a smaller one the legend alone names the series
    renderer = pane.canvas.get_renderer()
    drawn = [t for t in chart.direct_labels.values() if t.get_visible()]
    if layout.compact:
        radius_px = layout.radius * chart.figure.dpi
        assert all(t.get_window_extent(renderer).width <= 0.5 * radius_px for t in drawn), radius_px
    # the level numbers are readable (at least the page's small print) and drawn
    assert all(t.get_fontsize() >= 8 for t in chart.tick_labels)


def _check_settled_plot(qtbot, pane) -> None:
    """The plot as it settles: under load (CI, a loaded laptop) the chart is laid out again a
    moment after the window, and a layout met on the way there was smaller (radius 1.40 for 1.55)."""
    def holds() -> bool:
        try:
            _check_plot(pane)
        except AssertionError:
            return False
        return True

    with contextlib.suppress(Exception):  # the check below says what is wrong if it never settles
        qtbot.waitUntil(holds, timeout=5000)
    _check_plot(pane)


def test_numbered_radar_fills_its_area_at_1024_large(qtbot, window, demo_path, restore_look):
    pane = _open_mutuality(qtbot, window, demo_path, 1024, True)
    qtbot.waitUntil(lambda: pane.chart.compact, timeout=3000)
    _check_settled_plot(qtbot, pane)


def test_radar_at_1024_normal(qtbot, window, demo_path, restore_look):
    _check_settled_plot(qtbot, _open_mutuality(qtbot, window, demo_path, 1024, False))


def test_radar_at_1366_normal(qtbot, window, demo_path, restore_look):
    _check_settled_plot(qtbot, _open_mutuality(qtbot, window, demo_path, 1366, False))


def test_spoke_names_grow_with_large_text_at_1366(qtbot, window, demo_path, restore_look):
    pane = _open_mutuality(qtbot, window, demo_path, 1366, False)
    before = pane.chart._layout
    assert before is not None and not before.compact
    normal_size = before.label_font
    _large_text(window, qtbot)
    qtbot.waitUntil(lambda: theme.text_scale() > 1)
    qtbot.wait(300)
    _check_settled_plot(qtbot, pane)
    after = pane.chart._layout
    assert after is not None
    if not after.compact:  # names kept: they follow the larger text
        assert after.label_font >= normal_size * theme.text_scale() * 0.95, (after.label_font, normal_size)
    else:  # numbered: the key below names them
        assert pane.key.isVisible()
