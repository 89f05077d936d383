"""Radar chart builders: axes, plotted values, not-assessed handling, rounds, update, layout."""

from __future__ import annotations

import io
import itertools
import json
import math
import statistics
import subprocess
import sys
import time

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from mutuality_desktop.core import scoring
from mutuality_desktop.core.charts.radar import (
    LOOKS,
    SERIES,
    ChartStyle,
    RadarChart,
    dimension_radar,
    factor_radar,
    linestyle,
)
from mutuality_desktop.core.charts.style import _distance
from mutuality_desktop.core.framework import default_framework, parse_framework
from mutuality_desktop.core.model import Score

FW = default_framework()
MUT = [f.id for f in FW.dimension("mutuality").factors]


def scores(**by_perspective: dict[str, int | None]) -> dict[tuple[str, str], Score]:
    return {
        (fid, perspective): Score(1, fid, perspective, level)
        for perspective, levels in by_perspective.items()
        for fid, level in levels.items()
    }


def full_round(seed: int) -> dict[tuple[str, str], Score]:
    """Every factor scored by all three perspectives, deterministic and varied."""
    levels = {}
    for n, f in enumerate(FW.factors):
        a = (n * 7 + seed) % 6
        levels[f.id] = {
            "agreed": a,
            "client": min(5, a + (n + seed) % 3),
            "provider": max(0, a - n % 2),
        }
    return scores(
        **{p: {fid: lv[p] for fid, lv in levels.items()} for p in ("agreed", "client", "provider")}
    )


def radii(chart: RadarChart, series: str) -> np.ndarray:
    """The radial data of a series' line, without the closing point."""
    return np.asarray(chart.lines[series].get_ydata(), dtype=float)[:-1]


def label_boxes(chart: RadarChart) -> list:
    canvas = FigureCanvasAgg(chart.figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in chart.axis_labels]


# --- axes and values --------------------------------------------------------------------------


def test_dimension_radar_has_six_axes():
    chart = dimension_radar(FW, [("Baseline", full_round(1))])
    assert len(chart.axis_names) == 6 == len(chart.theta)
    assert chart.axis_names == [d.name for d in FW.dimensions]
    assert len(chart.lines["agreed"].get_xdata()) == 7  # closed outline
    assert len(chart.figure.axes) == 1


def test_factor_radar_has_fifteen_axes_for_mutuality():
    chart = factor_radar(FW, [("Baseline", full_round(1))])
    assert len(chart.axis_names) == 15
    assert chart.axis_names[0] == "Joint objective setting"
    assert chart.axis_names[-1] == "Relationship management strategy"
    assert len(factor_radar(FW, [], dimension_id="economy").axis_names) == 5


def test_factor_values_equal_the_scores():
    s = full_round(2)
    chart = factor_radar(FW, [("Baseline", s)])
    for perspective in ("agreed", "client", "provider"):
        expected = [s[(fid, perspective)].level for fid in MUT]
        assert list(radii(chart, perspective)) == expected
        assert chart.values(perspective) == expected
        assert chart.is_visible(perspective)


def test_dimension_values_are_the_agreed_dimension_means():
    s = full_round(3)
    chart = dimension_radar(FW, [("Baseline", s)], overlays=("client", "provider"))
    for perspective in ("agreed", "client", "provider"):
        means = [d.mean for d in scoring.dimension_scores(FW, scoring.levels_of(s, perspective))]
        assert radii(chart, perspective) == pytest.approx(means)
    assert chart.axis_labels[0].get_text().endswith(f"{means_of(s)[0]:.1f}")


def means_of(s):
    return [d.mean for d in scoring.dimension_scores(FW, scoring.levels_of(s))]


def test_radial_scale_follows_the_framework_scale():
    raw = json.loads(FW.source_text)
    raw["scale"]["levels"] = [lv for lv in raw["scale"]["levels"] if 1 <= lv["value"] <= 4]
    for factor in raw["factors"]:
        factor["levels"] = {k: v for k, v in factor["levels"].items() if 1 <= int(k) <= 4}
        factor["next_level"] = {k: v for k, v in factor["next_level"].items() if 1 <= int(k) <= 3}
        factor["level_evidence"] = [e for e in factor["level_evidence"] if 2 <= e["level"] <= 4]
    four = parse_framework(json.dumps(raw))
    chart = factor_radar(four, [])
    assert chart.axes.get_ylim()[0] == 1
    assert [t.get_text() for t in chart.tick_labels] == ["1", "2", "3", "4"]
    default = factor_radar(FW, [])
    assert [t.get_text() for t in default.tick_labels] == ["0", "1", "2", "3", "4", "5"]
    assert default.axes.get_rorigin() < FW.scale.minimum  # level 0 is a ring, not the centre point


# --- not assessed -----------------------------------------------------------------------------


def _data_points(chart):
    """Every (angle, radius) a visible data artist of the chart puts a mark or line at."""
    points = []
    for line in chart.axes.get_lines():  # the grid is drawn at zorder 1, the data above it
        if line.get_visible() and line.get_zorder() > 1:
            points += [(t, r) for t, r in zip(line.get_xdata(), line.get_ydata(), strict=True)
                       if not math.isnan(r)]
    return points


def test_not_assessed_is_never_drawn_as_zero_and_is_marked():
    agreed = dict.fromkeys(MUT, 3)
    agreed[MUT[2]] = None  # not assessed
    agreed[MUT[5]] = 0  # a real score of 0 (Absent)
    chart = factor_radar(FW, [("Baseline", scores(agreed=agreed))], perspectives=("agreed",))
    r = radii(chart, "agreed")
    assert math.isnan(r[2])
    assert r[5] == 0
    assert chart.values("agreed")[2] is None
    # No marker anywhere for it: one at the rim read as level 5, one in the hub as level 0. Every
    # point drawn is a real level on a scored axis; the line breaks at axis 3 instead.
    points = _data_points(chart)
    assert len(points) == len(MUT) - 1 + 1  # the ring closes back on axis 1
    assert all(FW.scale.minimum <= rr <= FW.scale.maximum for _, rr in points)
    assert not any(math.isclose(t, chart.theta[2], abs_tol=0.2) for t, _ in points)
    assert "not yet scored" in chart.axis_labels[2].get_text()
    assert "not yet scored" not in chart.axis_labels[5].get_text()
    fill_angles = chart.fill.get_path().vertices[:, 0]
    assert not np.any(np.isclose(fill_angles, chart.theta[2]))  # the shading breaks there too
    # the legend says what the gap means, with a broken grey line, not a marker
    chart.relayout()
    texts = [t.get_text() for t in chart._legend.get_texts()]
    assert "Gap in a line: not yet scored" in texts
    handle = chart._legend.legend_handles[texts.index("Gap in a line: not yet scored")]
    assert handle.get_marker() in (None, "None", "", " ")
    assert handle.get_linestyle() != "-"


def test_dimension_with_nothing_scored_is_marked_not_zero():
    agreed = {f.id: 2 for f in FW.factors if f.dimension_id != "economy"}
    chart = dimension_radar(FW, [("Baseline", scores(agreed=agreed))])
    assert math.isnan(radii(chart, "agreed")[0])
    assert "not yet scored" in chart.axis_labels[0].get_text()
    assert all(FW.scale.minimum <= rr <= FW.scale.maximum for _, rr in _data_points(chart))
    assert chart.series.missing("agreed") == [0]


def test_dimension_coverage_counts_the_rounds_factors_only():
    # Joint exit strategy left out of the round: "of 14", as Results' coverage says, not "of 15"
    agreed = {MUT[0]: 4, MUT[1]: 2}
    chart = dimension_radar(FW, [])
    chart.set_out_of_scope({MUT[-1], "economy"})
    chart.update([("Baseline", scores(agreed=agreed))])
    mutuality = [d.id for d in FW.dimensions].index("mutuality")
    assert "2 of 14 factors" in chart.axis_labels[mutuality].get_text()


def test_partly_scored_dimension_says_so():
    agreed = {MUT[0]: 4, MUT[1]: 2}
    chart = dimension_radar(FW, [("Baseline", scores(agreed=agreed))])
    mutuality = [d.id for d in FW.dimensions].index("mutuality")
    assert "3.0" in chart.axis_labels[mutuality].get_text()
    assert "2 of 15 factors" in chart.axis_labels[mutuality].get_text()


def test_no_rounds_draws_an_empty_chart():
    chart = factor_radar(FW, [])
    assert all(np.isnan(radii(chart, "agreed")))
    assert not chart.fill.get_visible() or len(chart.fill.get_path().vertices) <= 1
    chart.figure.savefig(io.BytesIO(), format="png")


# --- rounds, overlays, update -----------------------------------------------------------------


def test_two_rounds_draw_the_previous_agreed_line():
    before, after = full_round(1), full_round(4)
    chart = dimension_radar(FW, [("Baseline", before), ("Follow-up", after)])
    assert chart.is_visible("previous")
    assert radii(chart, "previous") == pytest.approx(means_of(before))
    assert radii(chart, "agreed") == pytest.approx(means_of(after))
    assert chart.lines["previous"].get_color() == ChartStyle().previous
    assert chart.lines["previous"].get_linestyle() not in ("-", "solid")
    legend = [t.get_text() for t in chart.figure.legends[0].get_texts()]
    assert "Agreed, Follow-up" in legend and "Agreed, Baseline" in legend

    factors = factor_radar(FW, [("Baseline", before), ("Follow-up", after)])
    assert factors.is_visible("previous")
    assert list(radii(factors, "previous")) == [before[(f, "agreed")].level for f in MUT]

    single = dimension_radar(FW, [("Baseline", before)])
    assert not single.is_visible("previous") and not single.lines["previous"].get_visible()


def test_overlays_and_perspectives_choose_the_series():
    s = full_round(1)
    plain = dimension_radar(FW, [("B", s)])
    assert (
        plain.is_visible("agreed")
        and not plain.is_visible("client")
        and not plain.is_visible("provider")
    )
    both = dimension_radar(FW, [("B", s)], overlays=("client", "provider"))
    assert both.is_visible("client") and both.is_visible("provider")
    agreed_only = factor_radar(FW, [("B", s)], perspectives=("agreed",))
    assert [x for x in SERIES if agreed_only.is_visible(x)] == ["agreed"]
    with pytest.raises(ValueError):
        dimension_radar(FW, [], overlays=("agreed-ish",))
    with pytest.raises(ValueError):
        factor_radar(FW, [], perspectives=("board",))


def test_update_changes_line_data_in_place_and_fast():
    chart = factor_radar(FW, [("Baseline", full_round(1))])
    lines, axes = dict(chart.lines), chart.axes
    children = len(axes.get_children())
    new = full_round(5)
    chart.update([("Baseline", full_round(1)), ("Follow-up", new)])
    assert chart.lines == lines and chart.axes is axes and chart.figure.axes == [axes]
    assert len(axes.get_children()) == children
    assert list(radii(chart, "agreed")) == [new[(f, "agreed")].level for f in MUT]
    assert chart.is_visible("previous")
    rounds = [("Baseline", full_round(1)), ("Follow-up", full_round(2))]
    timings = []
    for _ in range(7):
        start = time.perf_counter()
        chart.update(rounds)
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.030


def test_show_toggles_series_and_legend():
    chart = dimension_radar(FW, [("B", full_round(1))])
    chart.show({"agreed", "client"})
    assert chart.lines["client"].get_visible()
    assert "Client view" in [t.get_text() for t in chart.figure.legends[0].get_texts()]
    chart.show({"agreed"})
    assert not chart.lines["client"].get_visible()
    assert len(chart.figure.legends) == 1


# --- look -------------------------------------------------------------------------------------


def test_series_differ_by_line_style_and_marker_as_well_as_colour():
    chart = factor_radar(FW, [])
    lines = [chart.lines[s] for s in SERIES]
    assert len({str(linestyle(LOOKS[s])) for s in SERIES}) == 4
    assert [line.get_marker() for line in lines] == [LOOKS[s].marker for s in SERIES]
    assert len({line.get_marker() for line in lines}) == 4
    assert len({line.get_color() for line in lines}) == 4


def test_long_factor_names_wrap():
    chart = factor_radar(FW, [("B", full_round(1))])
    for text in chart.axis_labels:
        assert all(len(line) <= 22 for line in text.get_text().split("\n"))
    long = chart.axis_labels[MUT.index("value-creation-and-continuous-improvement")].get_text()
    assert "\n" in long


def overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("size", [(7, 7), (6.5, 6.5), (5.5, 4.8), (4.5, 4.5)])
@pytest.mark.parametrize("builder", ["factors", "dimensions"])
def test_labels_stay_apart_and_inside_the_figure(size, builder):
    agreed = {fid: 3 for fid in MUT}
    agreed[MUT[9]] = None
    rounds = [
        ("Baseline", full_round(1)),
        ("Follow-up", {**full_round(2), **scores(agreed=agreed)}),
    ]
    fig = Figure(figsize=size)
    if builder == "factors":
        chart = factor_radar(FW, rounds, figure=fig, title="Mutuality factors")
    else:
        chart = dimension_radar(
            FW, rounds, overlays=("client", "provider"), figure=fig, title="Dimensions"
        )
    boxes = label_boxes(chart)
    frame = fig.bbox
    for box in boxes:
        assert (
            frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
        )
    for a, b in itertools.combinations(boxes, 2):
        assert not overlaps(a, b)
    renderer = fig.canvas.get_renderer()
    legend = fig.legends[0].get_window_extent(renderer)
    title = chart.title.get_window_extent(renderer)
    assert not any(overlaps(box, legend) or overlaps(box, title) for box in boxes)
    assert not chart.compact
    assert min(t.get_fontsize() for t in chart.axis_labels) >= 6.5


def test_tiny_figure_numbers_the_factors_instead():
    chart = factor_radar(FW, [("B", full_round(1))], figure=Figure(figsize=(3, 3)))
    assert chart.compact
    assert chart.axis_labels[0].get_text() == "1"
    for a, b in itertools.combinations(label_boxes(chart), 2):
        assert not overlaps(a, b)
    chart.figure.set_size_inches(7, 7)
    chart.relayout()
    assert not chart.compact and chart.axis_labels[0].get_text().startswith("Joint objective")


def test_saves_as_png_and_svg(tmp_path):
    chart = dimension_radar(FW, [("B", full_round(1)), ("F", full_round(2))], title="VfM")
    chart.figure.savefig(tmp_path / "c.png")
    chart.figure.savefig(tmp_path / "c.svg")
    assert (tmp_path / "c.png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in (tmp_path / "c.svg").read_text()


# --- style ------------------------------------------------------------------------------------


def test_style_from_brand_colours():
    """The brand colours the agreed series only; client, provider and previous stay as on screen."""
    style = ChartStyle.from_colours("#0b3d91", "#e87722")
    assert style.agreed == "#0b3d91"
    assert (style.client, style.provider, style.previous) == (ChartStyle().client, ChartStyle().provider,
                                                              ChartStyle().previous)
    colours = [to_rgb(c) for c in (style.agreed, style.client, style.provider)]
    assert all(_distance(a, b) >= 0.25 for a, b in itertools.combinations(colours, 2))


def test_style_keeps_the_default_agreed_colour_when_the_primary_is_close_to_a_side():
    for primary in ("#d55e00", "#009e73", "#c4641a"):
        style = ChartStyle.from_colours(primary, "#1f5080")
        assert style == ChartStyle()  # the screen's palette, agreed included


def test_style_rejects_what_is_not_a_colour():
    with pytest.raises(ValueError):
        ChartStyle.from_colours("corporate blue", "#ffffff")


def test_charts_never_load_pyplot_nor_qt():
    code = (
        "import sys\n"
        "from mutuality_desktop.core.charts.radar import factor_radar\n"
        "from mutuality_desktop.core.framework import default_framework\n"
        "factor_radar(default_framework(), []).figure.savefig(__import__('io').BytesIO())\n"
        "print('matplotlib.pyplot' in sys.modules, any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_new_legend_entry_gets_room_without_overlapping():
    chart = factor_radar(FW, [], figure=Figure(figsize=(5, 5)))
    chart.update([("Baseline round", full_round(1)), ("Follow-up round", full_round(2))])
    renderer = FigureCanvasAgg(chart.figure).get_renderer()
    legend = chart.figure.legends[0].get_window_extent(renderer)
    assert len(chart.figure.legends[0].get_texts()) == 4
    assert not any(overlaps(b, legend) for b in label_boxes(chart))
    assert legend.y1 < chart.axes.get_window_extent(renderer).y0 + 5


@pytest.mark.parametrize("font_scale", [1.0, 1.25])
@pytest.mark.parametrize("size", [(8.0, 5.4), (5.4, 4.6), (6.0, 5.6)])
def test_axis_labels_never_overlap_even_with_large_text(font_scale, size):
    """View -> Large text: "Relationship management strategy (not yet scored)" ran into "Joint exit strategy"."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    agreed = {f: 2 for f in MUT[:4]}
    for make in (factor_radar, dimension_radar):
        figure = Figure(figsize=size, dpi=96)
        chart = make(FW, [], style=ChartStyle(font_scale=font_scale), figure=figure)
        chart.set_out_of_scope({MUT[-1], "economy"})
        chart.update([("Baseline", scores(agreed=agreed))])
        chart.relayout()
        FigureCanvasAgg(figure).draw()
        renderer = figure.canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in chart.axis_labels]
        touching = [(chart.axis_names[i], chart.axis_names[j]) for i in range(len(boxes))
                    for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]
        assert touching == []


@pytest.mark.parametrize("size", [(4.0, 4.5), (4.5, 4.5), (5.5, 4.8), (6.5, 6.5), (7, 7)])
@pytest.mark.parametrize("look", [{}, {"font_scale": 1.25}, {"high_contrast": True},
                                  {"font_scale": 1.25, "high_contrast": True}])
def test_the_legend_stays_inside_the_figure(size, look):
    """Play-through s5: at 1024 wide the factor chart's legend ran from x=-3 to x=453 in a 450-pixel
    figure (the column estimate summed rows; matplotlib makes each column as wide as its widest entry)."""

    agreed = {fid: 3 for fid in MUT}
    agreed[MUT[9]] = None
    rounds = [("Baseline", full_round(1)), ("Follow-up", {**full_round(2), **scores(agreed=agreed)})]
    fig = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(fig)
    factor_radar(FW, rounds, figure=fig, style=ChartStyle(**look)).relayout()
    fig.canvas.draw()
    legend = fig.legends[0].get_window_extent(fig.canvas.get_renderer())
    assert len(fig.legends[0].get_texts()) == 5
    assert fig.bbox.x0 <= legend.x0 and legend.x1 <= fig.bbox.x1, (legend.x0, legend.x1, fig.bbox.x1)


@pytest.mark.parametrize("size", [(7.4, 4.9), (5.0, 4.6), (4.5, 4.5), (7, 7)])
@pytest.mark.parametrize("builder", [factor_radar, dimension_radar])
def test_large_text_keeps_the_circle_and_grows_the_small_print(size, builder):
    """Play-through s5, finding 3: Large text made the radar smaller and left its level numbers,
    tags, legend and scale note small print."""
    rounds = [("Baseline", full_round(1)), ("Follow-up", full_round(2))]
    charts = []
    for style in (ChartStyle(), ChartStyle(font_scale=1.25, large_text=1.25)):
        fig = Figure(figsize=size, dpi=100)
        chart = builder(FW, rounds, figure=fig, style=style)
        chart.relayout()
        charts.append(chart)
    normal, large = charts
    radius = [c.axes.get_position().width * size[0] / 2 for c in charts]
    # names stay at least their normal size and give way first; the larger legend and scale note
    # still cost the circle a little (the factor chart's five-entry legend most)
    # ui13: larger names cost the circle a little; a compact dimension chart a little more, as it
    # keeps each partly scored dimension's "14 of 15" under its mean (res11: it dropped it)
    least = 0.74 if builder is dimension_radar and large.compact else 0.78
    assert radius[1] >= least * radius[0], radius
    # play-through 7 (ui13): the names take the larger size too, or give way to numbers (and the key)
    assert (large.compact and not normal.compact) or \
        large.axis_labels[0].get_fontsize() >= 1.2 * normal.axis_labels[0].get_fontsize()
    assert large.tick_labels[0].get_fontsize() >= 1.1 * normal.tick_labels[0].get_fontsize()  # 8 pt at least
    for part in (lambda c: c.scale_note, lambda c: c.direct_labels["agreed"]):
        assert part(large).get_fontsize() >= 1.2 * part(normal).get_fontsize()
    assert large._legend.get_texts()[0].get_fontsize() >= 1.1 * normal._legend.get_texts()[0].get_fontsize()
