"""Play-through 3 (out8), findings 2 and 3 on the Results radar at 1024x768: a factor both sides
scored and the room did not agree reads "not agreed", not "not yet scored"; the Mutuality axis's
"3.0, provisional" and its coverage are drawn whole inside the chart, and stay (mean and flag) with
View -> Large text."""

from __future__ import annotations

import pytest

from mutuality_desktop.core.engagement import Engagement

from .journey import click, page_tab
from .test_side_panel_1024 import _large_text as large_text

GOVERNANCE = "joint-governance-structure"


@pytest.fixture
def played(blank_path):
    """Two factors agreed at 3; Joint governance structure scored 2 and 4, not agreed."""
    with Engagement.open(blank_path) as eng:
        rid = eng.rounds()[0].id
        factors = eng.framework.dimension("mutuality").factors
        for f, (client, provider, agreed) in zip(factors[:3], [(3, 2, 3), (2, 4, None), (2, 3, 3)], strict=True):
            eng.set_score(rid, f.id, "client", client)
            eng.set_score(rid, f.id, "provider", provider)
            if agreed is not None:
                eng.set_score(rid, f.id, "agreed", agreed)
        eng.set_notes(rid, GOVERNANCE, "agreed", "Not agreed. The council holds 2, the provider 4.")
    return blank_path


def _drawn_inside(chart, text) -> bool:
    """The label's drawn box lies inside the chart's figure (nothing cut at an edge)."""
    chart.figure.canvas.draw()
    box = text.get_window_extent(renderer=chart.figure.canvas.get_renderer())
    fig = chart.figure.bbox
    return box.x0 >= fig.x0 - 0.5 and box.x1 <= fig.x1 + 0.5 and box.y0 >= fig.y0 - 0.5 and box.y1 <= fig.y1 + 0.5


def test_results_radar_says_not_agreed_and_keeps_the_provisional_note_in_sight(qtbot, window, played,
                                                                                restore_look):
    window.resize(1024, 740)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert window.open_path(played)
    page_tab(qtbot, window, "Results")
    page = window.results.page
    qtbot.waitUntil(page.isVisible)
    qtbot.wait(100)
    chart = page.dimension_pane.chart
    mutuality = [d.id for d in chart.framework.dimensions].index("mutuality")

    def note_whole() -> None:
        chart.relayout()
        label = chart.axis_labels[mutuality]
        assert "3.0, provisional" in label.get_text().split("\n"), label.get_text()
        assert _drawn_inside(chart, label), label.get_text()

    note_whole()
    assert "2 of 15 factors" in chart.axis_labels[mutuality].get_text()
    bar = page.tabs.tabBar()
    click(qtbot, bar, bar.tabRect(1).center())
    factors = page.factor_pane.chart
    governance = factors.axis_labels[factors.series.axis_ids.index(GOVERNANCE)].get_text()
    assert governance.endswith("not agreed") and "not yet scored" not in governance
    click(qtbot, bar, bar.tabRect(0).center())
    large_text(window, qtbot)
    qtbot.wait(100)
    note_whole()  # the mean and "provisional" stay with Large text (they used to vanish)


def test_the_move_confirmation_agrees_with_the_banner_after_a_move_back(qtbot, window, played):
    """The tester's case: Baseline scored on the app's 2.1.0, the file then moved back to 2.0.0 from
    the command line. The banner says Baseline was scored on 2.1.0; so must the confirmation."""
    from pathlib import Path

    from mutuality_desktop.core import operations as ops
    from mutuality_desktop.ui import framework_move as guide_move

    older = (Path(__file__).parents[1] / "core" / "data" / "vfm-mutuality-2.0.0.json").read_text(encoding="utf-8")
    with Engagement.open(played) as eng:
        eng.apply(ops.MoveToFramework(older))
        assert eng.framework.version == "2.0.0"
    assert window.open_path(played)
    page_tab(qtbot, window, "Results")
    button = window.results.page.move_guide
    qtbot.waitUntil(button.isVisible)
    scroll = button.parent()
    while scroll is not None and not hasattr(scroll, "ensureWidgetVisible"):
        scroll = scroll.parent()
    if scroll is not None:
        scroll.ensureWidgetVisible(button)  # a person scrolls the findings to it
    click(qtbot, button)
    found: list[guide_move.MoveGuideDialog] = []

    def shown() -> bool:
        found[:] = [d for d in window.findChildren(guide_move.MoveGuideDialog) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown)
    text = " ".join(found[0].text().split())
    assert "Baseline keeps guide 2.1.0's, the guide it was scored on" in text
    assert "keep guide 2.0.0's wording" not in text
    click(qtbot, found[0].cancel_button)
