"""A series' name on the radar never covers a drawn point (of any series), a level number or
another name; where there is no such place, the legend alone names it (play-through 4: with the
client and provider views drawn, "Provider" sat on the provider triangle and hid the agreed dot at
Joint executive leadership, and "Agreed" sat on the level number 3). Screen (and PNG) and the
printed report's own drawing."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mutuality_desktop.core.applicability import RoundScores
from mutuality_desktop.core.charts.radar import RadarChart, dimension_radar, factor_radar
from mutuality_desktop.core.charts.series import LOOKS, RadarSeries
from mutuality_desktop.core.charts.style import ChartStyle
from mutuality_desktop.core.report.radar import RadarFlowable

from .test_charts import FW, scores
from .test_radar_lone_point import _Recorder

# The play-through's round: three mutuality factors scored, the one between two of them marked
# not applicable, Joint governance structure not agreed.
PLAY_THROUGH = RoundScores(
    scores(
        agreed={"joint-objective-setting": 3, "joint-executive-leadership": 3},
        client={"joint-objective-setting": 4, "joint-governance-structure": 1, "joint-executive-leadership": 2},
        provider={"joint-objective-setting": 2, "joint-governance-structure": 3, "joint-executive-leadership": 3},
    ),
    {"behaviours-and-trust-indicators": "Trust survey not run under this contract"},
)


@pytest.fixture(scope="module")
def demo_rounds(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, RoundScores]]:
    """The demo's rounds and scores, read once for the module from a copy of the session's demo."""
    import shutil

    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.snapshot import take_snapshot

    path = tmp_path_factory.mktemp("clearance") / "demo.mutuality"
    shutil.copyfile(demo_master, path)
    with Engagement.open(path, readonly=True) as eng:
        snap = take_snapshot(eng)
        return [(r.label, r.scores) for r in snap.rounds]


def _overlap(a, b, margin: float = 0.0) -> bool:
    return a[0] < b[2] + margin and b[0] < a[2] + margin and a[1] < b[3] + margin and b[1] < a[3] + margin


def _screen_clashes(chart: RadarChart) -> list[str]:
    canvas = FigureCanvasAgg(chart.figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    boxes = {s: t.get_bbox_patch().get_window_extent(renderer).extents
             for s, t in chart.direct_labels.items() if t.get_visible()}
    ticks = [t.get_bbox_patch().get_window_extent(renderer).extents for t in chart.tick_labels]
    clashes = []
    for name, box in boxes.items():
        for other in chart.series.visible():
            radius = chart.lines[other].get_markersize() * chart.figure.dpi / 72 / 2
            for i, value in enumerate(chart.values(other)):
                if value is None:
                    continue
                x, y = chart.axes.transData.transform((float(chart.theta[i]), value))
                if _overlap(box, (x - radius, y - radius, x + radius, y + radius)):
                    clashes.append(f"{name} over {other} at {i}")
        clashes += [f"{name} over level {k}" for k, tick in enumerate(ticks) if _overlap(box, tick)]
        clashes += [f"{name} over {o}" for o, b in boxes.items() if o < name and _overlap(box, b)]
    return clashes


SIZES = [(7.0, 7.0, 100), (5.2, 4.4, 96), (9.0, 5.6, 96), (4.2, 3.6, 80)]


@pytest.mark.parametrize("size", SIZES)
def test_the_play_through_names_cover_no_point_and_no_level_number(size) -> None:
    w, h, dpi = size
    chart = factor_radar(FW, [("Baseline", PLAY_THROUGH)], figure=Figure(figsize=(w, h), dpi=dpi))
    chart.relayout()
    assert _screen_clashes(chart) == []
    # every series is still named, on the chart or else in the legend
    legend = [t.get_text() for t in chart._legend.get_texts()]
    assert {"Agreed", "Client view", "Provider view"} <= set(legend)
    # on the chart too, unless it numbers its spokes: a cramped chart, where the legend alone names
    # the series (play-through 7: "Client" lay over the plot)
    assert chart.compact or any(t.get_visible() for t in chart.direct_labels.values())


@pytest.mark.parametrize("size", SIZES)
def test_the_demo_charts_names_cover_no_point_and_no_level_number(size, demo_rounds) -> None:
    rounds = demo_rounds
    w, h, dpi = size
    for upto in (1, len(rounds)):
        some = rounds[:upto]
        for chart in (factor_radar(FW, some, figure=Figure(figsize=(w, h), dpi=dpi)),
                      dimension_radar(FW, some, overlays=("client", "provider"), figure=Figure(figsize=(w, h), dpi=dpi)),
                      dimension_radar(FW, some, figure=Figure(figsize=(w, h), dpi=dpi))):
            chart.relayout()
            assert _screen_clashes(chart) == [], (upto, chart.dimension_id)


def test_the_agreed_marker_rings_a_side_marker_at_its_level() -> None:
    """Drawn under the sides' markers and larger, so a triangle or square at the agreed level leaves
    the agreed circle visible round it (play-through 4: the agreed dot was hidden)."""
    for side in ("client", "provider"):
        assert LOOKS["agreed"].markersize > LOOKS[side].markersize * 1.3
        assert LOOKS["agreed"].zorder < LOOKS[side].zorder


def _printed_clashes(series: RadarSeries, width: float = 420, height: float = 420) -> list[str]:
    flowable = RadarFlowable(series, ChartStyle(), width, height, title="Mutuality")
    flowable.wrap(width, height)
    canvas = _Recorder()
    flowable._direct_labels(canvas)
    clashes = []
    for box in canvas.boxes:
        for name in series.visible():
            radius = LOOKS[name].markersize * min(1.0, flowable.layout.font / 9) / 2
            for i, value in enumerate(series.values(name)):
                if value is None:
                    continue
                x, y = flowable.point(float(series.theta[i]), value)
                if _overlap(box, (x - radius, y - radius, x + radius, y + radius)):
                    clashes.append(f"{box} over {name} at {i}")
        clashes += [f"{box} over level {k}" for k, tick in enumerate(flowable.tick_boxes()) if _overlap(box, tick)]
    return clashes


@pytest.mark.parametrize("size", [(420, 420), (300, 260), (480, 340)])
def test_the_printed_play_through_names_cover_no_point_and_no_level_number(size) -> None:
    series = RadarSeries(FW, "mutuality", {"agreed", "client", "provider"})
    series.update([("Baseline", PLAY_THROUGH)])
    assert _printed_clashes(series, *size) == []


def test_the_printed_demo_names_cover_no_point_and_no_level_number(demo_rounds) -> None:
    rounds = demo_rounds
    for dimension, shown in (("mutuality", {"agreed", "client", "provider"}), (None, {"agreed", "previous"}),
                             ("mutuality", {"agreed", "previous"})):
        series = RadarSeries(FW, dimension, shown)
        series.update(rounds)
        assert _printed_clashes(series) == [], dimension
