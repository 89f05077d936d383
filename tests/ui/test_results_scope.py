"""Results follows the round's scope: dimensions outside it are drawn "not in this round", not unscored."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mutuality_desktop.core.charts.series import OUT_OF_SCOPE
from mutuality_desktop.core.engagement import Engagement

from .journey import click, page_tab, press


def test_a_mutuality_only_round_marks_the_other_dimensions_not_in_this_round(qtbot, window, blank_path):
    with Engagement.open(blank_path) as eng:
        rid = eng.rounds()[0].id
        eng.set_score(rid, "joint-objective-setting", "agreed", 3)
    window.open_path(blank_path)
    page_tab(qtbot, window, "Results")
    chart = window.results.page.dimension_chart
    labels = {d.name: chart.axis_labels[i].get_text() for i, d in enumerate(chart.framework.dimensions)}
    assert OUT_OF_SCOPE not in labels["Mutuality"]
    for name in ("Economy", "Efficiency", "Effectiveness", "Strategic Value", "Stakeholder Value"):
        assert labels[name].endswith(OUT_OF_SCOPE) and "not yet scored" not in labels[name]
    assert chart.series.missing("agreed") == [], "no gap in the line for axes outside the round"
    # Economy joins the scope in Setup: its axis is then an unscored part of the round, marked n/a
    page_tab(qtbot, window, "Setup")
    panel = window.setup_page.scope
    economy = panel.list.item(1)
    click(qtbot, panel.list.viewport(), panel.list.visualItemRect(economy).center())
    press(qtbot, Qt.Key.Key_Space)
    page_tab(qtbot, window, "Results")
    label = chart.axis_labels[[d.id for d in chart.framework.dimensions].index("economy")].get_text()
    assert label.endswith("not yet scored") and OUT_OF_SCOPE not in label


def test_a_factor_left_out_is_counted_out_on_the_radar_and_in_the_table(qtbot, window, blank_path):
    """Joint exit strategy left out: the dimension radar says "of 14" as coverage does, and the
    Mutuality chart's table says "not in this round" for it, as the chart does."""
    from mutuality_desktop.core import operations as ops

    with Engagement.open(blank_path) as eng:
        rnd = eng.rounds()[0]
        factors = [f.id for f in eng.framework.dimension("mutuality").factors]
        for fid in factors[:4]:
            eng.set_score(rnd.id, fid, "agreed", 2)
        eng.apply(ops.SetExcludedFactors(rnd.uuid, (factors[-1],)))
        exit_name = eng.framework.factor(factors[-1]).name
    window.open_path(blank_path)
    page_tab(qtbot, window, "Results")
    page = window.results.page
    chart = page.dimension_chart
    mutuality = [d.id for d in chart.framework.dimensions].index("mutuality")
    assert "4 of 14 factors" in chart.axis_labels[mutuality].get_text()
    assert "Mutuality 4/14" in page._coverage.text()
    qtbot.waitUntil(page.isVisible)
    click(qtbot, page.tabs.tabBar(), page.tabs.tabBar().tabRect(1).center())
    pane = page.factor_pane
    click(qtbot, pane.as_table)
    assert pane.table.isVisible()
    table = pane.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == exit_name)
    assert [table.item(row, c).text() for c in range(1, table.columnCount())] == ["Not in this round"] * (
        table.columnCount() - 1)
    header = table.horizontalHeader()
    for column in range(1, table.columnCount()):  # each heading whole, never "rovider vie"
        text = table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(text)


def test_the_first_click_on_a_view_box_after_switching_chart_tab_ticks_it(qtbot, window, blank_path):
    """Play-through finding 21: the first click on Client view right after switching tab counts."""
    with Engagement.open(blank_path) as eng:
        rid = eng.rounds()[0].id
        eng.set_score(rid, "joint-objective-setting", "client", 3)
        eng.set_score(rid, "joint-objective-setting", "agreed", 2)
    window.open_path(blank_path)
    page_tab(qtbot, window, "Results")
    page = window.results.page
    qtbot.waitUntil(page.isVisible)
    for tab, pane in ((1, page.factor_pane), (0, page.dimension_pane), (1, page.factor_pane)):
        bar = page.tabs.tabBar()
        click(qtbot, bar, bar.tabRect(tab).center())
        box = pane.toggles["client"]
        before = box.isChecked()
        click(qtbot, box)  # one click, straight after the switch
        assert box.isChecked() != before
        assert pane.chart.is_visible("client") == box.isChecked()
