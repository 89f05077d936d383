"""The results charts for a screen reader: named, described by their values, shown as a table, saved as labelled SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtGui import QAccessible

from mutuality_desktop.core.engagement import Engagement

from .journey import click, page_tab

SVG = "{http://www.w3.org/2000/svg}"


def test_charts_are_named_described_and_shown_as_a_table(qtbot, window, demo_path, tmp_path):
    assert window.open_path(demo_path)
    page_tab(qtbot, window, "Results")
    results = window.results.page
    pane = results.factor_pane
    results.tabs.setCurrentWidget(pane)
    qtbot.waitUntil(pane.as_table.isVisible)
    canvas = QAccessible.queryAccessibleInterface(pane.canvas)
    assert canvas.text(QAccessible.Text.Name) == "Radar chart: Mutuality by factor"
    said = canvas.text(QAccessible.Text.Description)
    with Engagement.open(demo_path, readonly=True) as eng:
        rnd = eng.rounds()[-1]
        scores = eng.scores(rnd.id)
        factor = eng.framework.dimension("mutuality").factors[0]
        agreed = scores.get((factor.id, "agreed"))
    level = "not yet scored" if agreed is None or agreed.level is None else str(agreed.level)
    assert f"{factor.name}: Agreed" in said and level in said.split(f"{factor.name}: ")[1].split(";")[0]
    click(qtbot, pane.as_table)
    assert pane.table.isVisible() and not pane.canvas.isVisible()
    assert pane.table.rowCount() == len(eng.framework.dimension("mutuality").factors)
    assert pane.table.item(0, 0).text() == factor.name
    headers = [pane.table.horizontalHeaderItem(c).text() for c in range(pane.table.columnCount())]
    assert headers[0] == "Factor" and any(h.startswith("Agreed") for h in headers)
    out = tmp_path / "chart.svg"
    assert results.save_chart(out, svg=True)
    root = ET.parse(out).getroot()
    assert root.find(f"{SVG}title").text == "Mutuality by factor"
    assert root.find(f"{SVG}desc").text == said
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert factor.name.split()[0] in texts  # labels are text, not outlines
