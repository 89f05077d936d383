"""The Results page: charts and findings follow the engagement's scores; charts can be exported."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.ui.results import ResultsPage


@pytest.fixture
def eng(tmp_path: Path):
    e = Engagement.create(tmp_path / "e.mutuality", EngagementInfo("T", "Client", "Provider"))
    yield e
    e.close()


@pytest.fixture
def page(qtbot, eng):
    p = ResultsPage()
    qtbot.addWidget(p)
    p.set_engagement(eng, eng.rounds()[0].id)
    return p


def mutuality_ids(eng: Engagement) -> list[str]:
    return [f.id for f in eng.framework.dimension("mutuality").factors]


def test_scoring_a_factor_changes_charts_and_gap_table_after_refresh(page, eng):
    rid = eng.rounds()[0].id
    first = mutuality_ids(eng)[0]
    assert page.gap_model.rowCount() == 0
    assert math.isnan(page.factor_chart.lines["agreed"].get_ydata()[0])
    eng.set_score(rid, first, "client", 4)
    eng.set_score(rid, first, "provider", 1)
    eng.set_score(rid, first, "agreed", 2)
    page.refresh()
    assert page.factor_chart.lines["agreed"].get_ydata()[0] == 2
    assert page.factor_chart.lines["client"].get_ydata()[0] == 4
    dims = [d.id for d in eng.framework.dimensions]
    assert page.dimension_chart.values("agreed")[dims.index("mutuality")] == 2.0
    assert page.gap_model.rowCount() == 1
    index = page.gap_model.index(0, 3)
    assert page.gap_model.data(page.gap_model.index(0, 0)) == eng.framework.factor(first).name
    assert page.gap_model.data(index) == "Client +3"
    assert "client rates this 3 levels higher" in page.gap_model.data(index, 3)  # ToolTipRole
    # a new round covers Mutuality only: coverage counts its 15 factors and names the others
    assert "1 of 15" in page._coverage.text() and "not in this round: Economy" in page._coverage.text()
    # one agreed factor is not ranked as both strength and priority
    assert "Agree a level for more factors" in page._strengths.text()
    second = mutuality_ids(eng)[1]
    eng.set_score(rid, second, "agreed", 4)
    page.refresh()
    assert eng.framework.factor(second).name in page._strengths.text()
    assert eng.framework.factor(first).name in page._priorities.text()
    assert eng.framework.factor(second).name not in page._priorities.text()


def test_gap_table_lists_largest_gaps_first(page, eng):
    rid = eng.rounds()[0].id
    a, b, c = mutuality_ids(eng)[:3]
    for fid, client, provider in ((a, 3, 3), (b, 1, 4), (c, 4, 2)):
        eng.set_score(rid, fid, "client", client)
        eng.set_score(rid, fid, "provider", provider)
    page.refresh()
    # headed "where the two sides' own levels differ": the factor both level at 3 is not listed
    assert page.gap_model.rowCount() == 2
    gaps = [page.gap_model.data(page.gap_model.index(row, 3)) for row in range(2)]
    assert gaps == ["Provider +3", "Client +2"]
    names = [page.gap_model.data(page.gap_model.index(row, 0)) for row in range(2)]
    assert eng.framework.factor(a).name not in names


def test_gap_table_has_no_same_row_and_says_when_the_sides_agree(page, eng, qtbot):
    rid = eng.rounds()[0].id
    first = mutuality_ids(eng)[0]
    eng.set_score(rid, first, "client", 3)
    eng.set_score(rid, first, "provider", 3)
    page.refresh()
    page.show()
    qtbot.waitExposed(page)
    assert page.gap_model.rowCount() == 0
    assert not page.gap_table.isVisible()
    assert page._no_gaps.isVisible() and "same level" in page._no_gaps.text()


def test_canvases_wrap_the_same_core_figures(page):
    assert page.factor_pane.canvas.figure is page.factor_chart.figure
    assert page.dimension_pane.canvas.figure is page.dimension_chart.figure


def test_refresh_updates_lines_in_place_and_is_cheap(page, eng):
    line = page.factor_chart.lines["agreed"]
    rid = eng.rounds()[0].id
    eng.set_score(rid, mutuality_ids(eng)[1], "agreed", 5)
    start = time.perf_counter()
    page.refresh()
    assert time.perf_counter() - start < 0.25
    assert page.factor_chart.lines["agreed"] is line
    assert line.get_ydata()[1] == 5


def test_overlay_toggles_show_and_hide_views(page):
    dims, factors = page.dimension_pane, page.factor_pane
    # both tabs start alike: the agreed levels only, the sides' views a tick away
    for pane in (dims, factors):
        assert not pane.chart.is_visible("client") and not pane.chart.is_visible("provider")
        assert not any(box.isChecked() for box in pane.toggles.values())
    dims.toggles["client"].setChecked(True)
    assert dims.chart.is_visible("client") and not dims.chart.is_visible("provider")
    # one choice for both charts (res11): ticked on one, ticked on the other
    assert factors.toggles["client"].isChecked() and factors.chart.is_visible("client")
    factors.toggles["provider"].setChecked(True)
    for pane in (dims, factors):
        assert pane.chart.is_visible("provider") and pane.chart.is_visible("client")
        assert pane.chart.is_visible("agreed")
    dims.toggles["client"].setChecked(False)
    assert not factors.chart.is_visible("client") and factors.chart.is_visible("provider")


def test_round_choice_draws_the_previous_round(page, eng):
    base = eng.rounds()[0]
    follow = eng.add_round("Follow-up")
    fid = mutuality_ids(eng)[0]
    eng.set_score(base.id, fid, "agreed", 1)
    eng.set_score(follow.id, fid, "agreed", 3)
    page.set_round(follow.id)
    chart = page.factor_chart
    assert chart.is_visible("previous")
    assert chart.lines["previous"].get_ydata()[0] == 1 and chart.lines["agreed"].get_ydata()[0] == 3
    assert "Follow-up" in page._title.text() + page.round_combo.currentText()
    page.set_round(base.id)
    assert not chart.is_visible("previous")
    assert chart.lines["agreed"].get_ydata()[0] == 1


@pytest.mark.parametrize(
    "filter_text, suffix, magic",
    [
        ("PNG picture (*.png)", ".png", b"\x89PNG"),
        ("SVG drawing (*.svg)", ".svg", b"<?xml"),
    ],
)
def test_save_chart_through_the_file_dialog(
    page, tmp_path, monkeypatch, filter_text, suffix, magic
):
    target = tmp_path / "chart"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), filter_text))
    page._on_save_clicked()
    saved = target.with_suffix(suffix)
    assert saved.read_bytes()[: len(magic)] == magic
    assert "saved" in page.message.text()


def test_a_failed_save_is_explained_on_the_page(page, tmp_path):
    assert not page.save_chart(tmp_path / "missing-folder" / "chart.png")
    assert "not saved" in page.message.text()


def test_copy_chart_puts_an_image_on_the_clipboard(page):
    page.tabs.setCurrentIndex(1)
    page._on_copy_clicked()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() > 300


def test_without_an_engagement_the_page_says_so(qtbot, eng):
    page = ResultsPage()
    qtbot.addWidget(page)
    page.refresh()  # nothing to do, no error
    assert page._stack.currentIndex() == 0
    page.set_engagement(eng)
    assert page._stack.currentIndex() == 1
    page.set_engagement(None)
    assert page._stack.currentIndex() == 0


def test_fits_a_laptop_screen(page, qtbot, tmp_path):
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    canvas = page.factor_pane.canvas
    assert canvas.width() >= 500 and canvas.height() >= 450
    assert page.grab().save(str(tmp_path / "results.png"))


def test_the_round_is_chosen_on_results_too_and_the_walkthrough_follows(qtbot, window, demo_path):
    window.open_path(demo_path)
    window.show_page("Results")
    page = window.results.page
    eng = window.doc.engagement
    baseline, follow_up = eng.rounds()
    combo = page.round_combo
    assert combo.isVisibleTo(page) and combo.currentText() == follow_up.label
    combo.activated.emit(combo.findData(baseline.id))
    assert window.workshop.round_id == baseline.id  # one current round for the whole window
    assert not page.factor_chart.is_visible("previous")  # the first round has no earlier outline
    window.show_page("Walkthrough")
    window.workshop.set_round(follow_up.id)
    window.show_page("Results")
    assert combo.currentText() == follow_up.label and page.factor_chart.is_visible("previous")


def test_provisional_counts_only_the_factors_in_the_round(page, eng):
    """Play-through 8: a dimension with 8 of its 13 factors in the round agreed (one left out of
    the round, one not applicable) read "provisional", though 8 is three in five of 13: the factor
    left out was counted. Below three in five it still reads provisional."""
    from mutuality_desktop.core.operations import SetExcludedFactors

    rid = eng.rounds()[0].id
    ids = mutuality_ids(eng)
    eng.apply(SetExcludedFactors(round=eng.rounds()[0].uuid, factors=(ids[14],)))
    eng.set_not_applicable(rid, ids[13], "Both sides are one legal body for this service")
    for factor in ids[:7]:
        eng.set_score(rid, factor, "agreed", 3)
    page.refresh()
    assert "Mutuality 7/13 <b>provisional</b>, 1 not applicable" in page._coverage.text()
    eng.set_score(rid, ids[7], "agreed", 3)
    page.refresh()
    text = page._coverage.text()
    assert "Mutuality 8/13, 1 not applicable" in text and "provisional</b>" not in text


def test_provisional_figures_the_gap_index_and_not_applicable_factors_are_shown(page, eng):
    """Issue 21: the aggregation rules on Results."""
    rid = eng.rounds()[0].id
    first, second, third = mutuality_ids(eng)[:3]
    for factor, client, provider in ((first, 4, 1), (second, 2, 2)):
        eng.set_score(rid, factor, "client", client)
        eng.set_score(rid, factor, "provider", provider)
        eng.set_score(rid, factor, "agreed", 2)
    eng.set_not_applicable(rid, third, "Both sides are one legal body for this service")
    page.refresh()
    text = page._coverage.text()
    assert "2 of 14" in text and "Mutuality 2/14 <b>provisional</b>, 1 not applicable" in text
    assert "Perception-gap index: Mutuality 1.5" in text
    assert (f"Not applicable in this round: {eng.framework.factor(third).name} "
            "(\u201cBoth sides are one legal body for this service\u201d)") in text
