"""A series with only one or two scored points: its name beside the point never covers it
(play-through s6: the radar's lone agreed point was hidden under the label "Agreed")."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mutuality_desktop.core.charts.radar import factor_radar

from .test_charts import FW, scores

MUTUALITY = [f.id for f in FW.factors if f.dimension_id == "mutuality"]


def _drawn(chart):
    """The chart drawn once, as on screen: its renderer, for every name's box."""
    canvas = FigureCanvasAgg(chart.figure)
    canvas.draw()
    return canvas.get_renderer()


def _measured(chart):
    """A renderer for the chart's boxes without drawing it: drawing moves no name and no point
    (test_drawing_moves_no_name_and_no_point), and 90 draws were most of this file's time."""
    return FigureCanvasAgg(chart.figure).get_renderer()


def _where(chart, renderer) -> list[object]:
    """Every series' name's box and where each axis' points are, in pixels."""
    boxes = [tuple(text.get_window_extent(renderer).bounds) for text in chart.direct_labels.values()]
    points = [tuple(chart.axes.transData.transform((float(t), r))) for t in chart.theta for r in (0.0, 2.5, 5.0)]
    return [*boxes, *points]


def _lone_points(count: int, level: int, start: int):
    ids = [MUTUALITY[(start + k * 5) % len(MUTUALITY)] for k in range(count)]
    # both sides' own levels on the same axes, one level either side of the agreed one
    chart = factor_radar(FW, [("Baseline", scores(agreed={fid: level for fid in ids},
                                                  client={fid: max(0, level - 1) for fid in ids},
                                                  provider={fid: min(5, level + 1) for fid in ids}))],
                         figure=Figure(figsize=(6.4, 6.4), dpi=80))
    chart.relayout()
    return chart


@pytest.mark.parametrize("count", [1, 2])
def test_drawing_moves_no_name_and_no_point(count: int) -> None:
    """The boxes measured before the chart is drawn are the boxes it is drawn at."""
    chart = _lone_points(count, 3, 0)
    assert chart.direct_labels["agreed"].get_visible()
    before = _where(chart, _measured(chart))
    assert before == _where(chart, _drawn(chart))


def _covered(chart, series: str, under: str | None = None, renderer=None) -> list[int]:
    """The axes where a point of `under` (the series itself by default) lies under the series'
    name's box (pixels, as drawn)."""
    renderer = renderer or _drawn(chart)
    box = chart.direct_labels[series].get_window_extent(renderer)
    line = chart.lines[under or series]
    radius = line.get_markersize() * chart.figure.dpi / 72 / 2
    hit = []
    for i, value in enumerate(chart.values(under or series)):
        if value is None:
            continue
        x, y = chart.axes.transData.transform((float(chart.theta[i]), value))
        if box.x0 - radius < x < box.x1 + radius and box.y0 - radius < y < box.y1 + radius:
            hit.append(i)
    return hit


@pytest.mark.parametrize("count", [1, 2])
@pytest.mark.parametrize("level", [0, 3, 5])
def test_a_lone_point_is_not_hidden_under_its_series_name(count: int, level: int) -> None:
    covered = []
    for start in range(len(MUTUALITY)):
        chart = _lone_points(count, level, start)
        assert chart.direct_labels["agreed"].get_visible()
        renderer = _measured(chart)  # one renderer for the three series, not one per series
        if any(_covered(chart, "agreed", under, renderer) for under in ("agreed", "client", "provider")):
            covered.append(start)
    assert covered == []


class _Recorder:
    """A stand-in canvas that keeps the white boxes drawn behind the names (in points)."""

    def __init__(self) -> None:
        self.boxes: list[tuple[float, float, float, float]] = []

    def roundRect(self, x, y, w, h, *_a, **_k):  # noqa: N802 - reportlab's name
        self.boxes.append((x, y, x + w, y + h))

    def __getattr__(self, _name):
        return lambda *a, **k: None


@pytest.mark.parametrize("count", [1, 2])
def test_the_printed_radar_keeps_a_lone_point_clear_of_its_name(count: int) -> None:
    from mutuality_desktop.core.charts.series import RadarSeries
    from mutuality_desktop.core.charts.style import ChartStyle
    from mutuality_desktop.core.report.radar import RadarFlowable

    covered = []
    for start in range(len(MUTUALITY)):
        ids = [MUTUALITY[(start + k * 5) % len(MUTUALITY)] for k in range(count)]
        series = RadarSeries(FW, "mutuality", {"agreed", "client", "provider"})
        series.update([("Baseline", scores(agreed={fid: 3 for fid in ids}, client={fid: 2 for fid in ids},
                                           provider={fid: 4 for fid in ids}))])
        flowable = RadarFlowable(series, ChartStyle(), 420, 420, title="Mutuality")
        flowable.wrap(420, 420)
        canvas = _Recorder()
        flowable._direct_labels(canvas)
        assert canvas.boxes  # at least the agreed series' name
        radius = 3.0
        for box in canvas.boxes:  # no name over any series' point
            for name in ("agreed", "client", "provider"):
                for i, value in enumerate(series.values(name)):
                    if value is None:
                        continue
                    x, y = flowable.point(float(series.theta[i]), value)
                    if box[0] - radius < x < box[2] + radius and box[1] - radius < y < box[3] + radius:
                        covered.append((start, name, i))
    assert covered == []
