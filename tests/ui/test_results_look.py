"""Results under View -> High contrast and View -> Large text: the charts and findings change too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.ui import theme

from .journey import page_tab


@pytest.fixture
def restore_look() -> Iterator[None]:
    yield
    theme.apply(QApplication.instance(), high_contrast=False, large_text=False)


def _results(qtbot, window, path):
    with Engagement.open(path) as eng:
        rid = eng.rounds()[0].id
        factors = [f.id for f in eng.framework.dimension("mutuality").factors]
        for fid in factors[:3]:
            eng.set_score(rid, fid, "agreed", 2)
    window.open_path(path)
    page_tab(qtbot, window, "Results")
    page = window.results.page
    qtbot.waitUntil(page.isVisible)
    return page


def _indicator(box: QCheckBox) -> int:
    option = QStyleOptionButton()
    box.initStyleOption(option)
    return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box).width()


def test_high_contrast_makes_chart_text_black_upright_and_the_legend_larger(qtbot, window, blank_path,
                                                                           restore_look):
    page = _results(qtbot, window, blank_path)
    chart = page.factor_chart
    unscored = chart.axis_labels[5]  # not assessed: grey italic "not yet scored" on a normal screen
    assert "not yet scored" in unscored.get_text() and unscored.get_fontstyle() == "italic"
    legend_before = chart._legend.get_texts()[0].get_fontsize()
    assert "#6b6b6b" in page._coverage.text()
    theme.apply(QApplication.instance(), high_contrast=True)
    assert unscored.get_color() == "#000000" and unscored.get_fontstyle() == "normal"
    assert all(t.get_color() == "#000000" for t in chart.tick_labels)
    assert chart.scale_note.get_color() == "#000000"
    grid = [line for line in chart.axes.get_lines() if line.get_zorder() == 1]
    assert grid and all(line.get_color() == "#4a4a4a" for line in grid)  # rings darker too
    assert chart._legend.get_texts()[0].get_fontsize() > legend_before
    assert "#6b6b6b" not in page._coverage.text() and "#000000" in page._coverage.text()
    theme.apply(QApplication.instance(), high_contrast=False)
    assert unscored.get_fontstyle() == "italic" and "#6b6b6b" in page._coverage.text()


def test_large_text_makes_the_check_boxes_larger(qtbot, window, blank_path, restore_look):
    page = _results(qtbot, window, blank_path)
    box = page.factor_pane.toggles["client"]
    before = _indicator(box)
    theme.apply(QApplication.instance(), large_text=True)
    assert _indicator(box) > before
    assert _indicator(box) >= 0.7 * box.fontMetrics().height()
