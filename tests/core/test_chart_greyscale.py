"""Printed in greyscale, the four series of a radar (client, provider, agreed, previous round) are
told apart without colour: each has its own dash pattern and marker, and its name beside its line."""

from __future__ import annotations

import io
import re

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from reportlab.pdfgen.canvas import Canvas

from mutuality_desktop.core.charts.describe import save_svg
from mutuality_desktop.core.charts.radar import dimension_radar, factor_radar
from mutuality_desktop.core.charts.series import LOOKS, SERIES, RadarSeries
from mutuality_desktop.core.charts.style import ChartStyle
from mutuality_desktop.core.report.radar import RadarFlowable

from .test_charts import FW, full_round

ROUNDS = [("Baseline", full_round(1)), ("Follow-up", full_round(4))]
NAMES = {"agreed": "Agreed", "previous": "Baseline", "client": "Client", "provider": "Provider"}


def test_each_series_has_its_own_dash_pattern_and_marker_big_enough_at_80_dpi():
    looks = [LOOKS[s] for s in SERIES]
    assert len({look.dashes for look in looks}) == len(SERIES)
    assert len({look.marker for look in looks}) == len(SERIES)
    assert all(look.markersize * 80 / 72 >= 6 for look in looks)  # at least 6 pixels at 80 dpi


def test_every_series_is_named_beside_its_line_on_its_own_axis():
    chart = factor_radar(FW, ROUNDS, figure=Figure(figsize=(7, 7)))
    labels = chart.series.direct_labels()
    assert {label.series: label.text for label in labels} == NAMES
    assert len({label.axis for label in labels}) == 4  # never two names on one axis
    for label in labels:
        assert label.value == chart.values(label.series)[label.axis]  # beside its own line
        text = chart.direct_labels[label.series]
        assert text.get_visible() and text.get_text() == NAMES[label.series]
        assert text.get_color() == getattr(chart.style, label.series)
    chart.show({"agreed"})  # ticked off on Results: its name goes with its line
    assert [t.get_text() for t in chart.direct_labels.values() if t.get_visible()] == ["Agreed"]


def test_the_names_are_text_in_the_saved_svg(tmp_path):
    chart = dimension_radar(FW, ROUNDS, overlays=("client", "provider"), figure=Figure(figsize=(7, 7)))
    chart.relayout()
    path = tmp_path / "chart.svg"
    save_svg(chart.figure, path, "Value for money", "described")
    texts = re.findall(r"<text\b[^>]*>([^<]*)</text>", path.read_text(encoding="utf-8"))
    texts += re.findall(r"<tspan\b[^>]*>([^<]*)</tspan>", path.read_text(encoding="utf-8"))
    for name in NAMES.values():
        assert name in [t.strip() for t in texts], name


def test_in_greyscale_at_80_dpi_the_names_are_drawn_dark_enough_to_read():
    """Each name's pixels, in greyscale at 80 dpi, are clearly darker than the white behind them."""
    chart = factor_radar(FW, ROUNDS, figure=Figure(figsize=(7, 7), dpi=80))
    chart.relayout()
    canvas = FigureCanvasAgg(chart.figure)
    canvas.draw()
    rgb = np.asarray(canvas.buffer_rgba())[:, :, :3].astype(float)
    grey = 0.299 * rgb[:, :, 0] + 0.587 * rgb[:, :, 1] + 0.114 * rgb[:, :, 2]
    renderer = canvas.get_renderer()
    height = grey.shape[0]
    for series, text in chart.direct_labels.items():
        box = text.get_window_extent(renderer)
        patch = grey[int(height - box.y1) : int(height - box.y0), int(box.x0) : int(box.x1)]
        assert patch.size and patch.min() < 140, series  # at least 45% darker than the paper


def test_the_printed_chart_writes_the_names_too():
    series = RadarSeries(FW, "mutuality", {"agreed", "previous", "client", "provider"})
    series.update(ROUNDS)
    flowable = RadarFlowable(series, ChartStyle(), 420, 420, title="Mutuality")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0)
    flowable.drawOn(canvas, 80, 200)
    canvas.save()
    content = buffer.getvalue()
    for name in NAMES.values():
        assert f"({name}) Tj".encode() in content, name
