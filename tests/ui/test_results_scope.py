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
        assert labels[name].endswith(OUT_OF_SCOPE) and "(n/a)" not in labels[name]
    assert not any(line.get_visible() and len(line.get_xdata()) for line in chart.missing.values()), \
        "no not-assessed markers on axes outside the round"
    # Economy joins the scope in Setup: its axis is then an unscored part of the round, marked n/a
    page_tab(qtbot, window, "Setup")
    panel = window.setup_page.scope
    economy = panel.list.item(1)
    click(qtbot, panel.list.viewport(), panel.list.visualItemRect(economy).center())
    press(qtbot, Qt.Key.Key_Space)
    page_tab(qtbot, window, "Results")
    label = chart.axis_labels[[d.id for d in chart.framework.dimensions].index("economy")].get_text()
    assert label.endswith("(n/a)") and OUT_OF_SCOPE not in label
