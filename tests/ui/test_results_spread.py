"""Results: the spread of participants' own views, split factors first and named."""

from __future__ import annotations

from mutuality_desktop.ui.results_spread import SpreadSection
from tests.ui.journey import page_tab


def test_results_list_split_factors_first(qtbot, window, demo_path):
    window.open_path(demo_path)
    page_tab(qtbot, window, "Results")
    section = window.findChild(SpreadSection)
    qtbot.waitUntil(lambda: section.model.rowCount() > 0)
    rows = section.model.rows()
    flags = [s.polarised for _, s in rows]
    assert flags == sorted(flags, reverse=True)  # split factors first
    split = [name for name, s in rows if s.polarised]
    assert split and section.summary.text().startswith(f"{len(split)} of {len(rows)} factors split")
    assert all(name in section.summary.text() for name in split)
    first = section.model.index(0, 3)
    assert section.model.data(first) == "Split"
    assert section.model.data(first, 3).startswith("The room is split: ")  # ToolTipRole


def test_at_1024_the_factor_column_is_the_widest(qtbot, window, demo_path):
    window.resize(1024, 768)
    window.open_path(demo_path)
    page_tab(qtbot, window, "Results")
    section = window.findChild(SpreadSection)
    qtbot.waitUntil(lambda: section.model.rowCount() > 0 and section.table.isVisible())
    header = section.table.horizontalHeader()
    widths = [header.sectionSize(i) for i in range(4)]
    assert widths[0] >= max(widths[1:]), widths
    views = section.model.data(section.model.index(0, 1))
    assert "\n(" in views and views.endswith("views)"), "the range over the count, in a narrow column"
