"""The radar charts of the printed report, drawn straight onto the PDF canvas.

The chart shows what charts.series says and is laid out by charts.layout, as the chart on screen
is, with the same looks: line styles, markers, colours, the shaded agreed area, lines broken
where not assessed (no marker there: any mark reads as a level) and grey italic "(n/a)" names. Drawing it here with reportlab
instead of through matplotlib keeps matplotlib (about 0.4 s to import) out of a report build:
lines are vector paths and text is embedded DejaVu Sans, sharp at any zoom and searchable.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ..charts.layout import (
    COLUMN_GAP_EM,
    HANDLE_EM,
    HANDLE_GAP_EM,
    LINE_EM,
    PAD_IN,
    Layout,
    fit_chart,
    legend_columns,
)
from ..charts.series import (
    LOOKS,
    NA_DASHES,
    NA_GREY,
    NA_SUFFIX,
    SERIES,
    TICK_GREY,
    Look,
    PlacedLabel,
    RadarSeries,
)
from ..charts.style import ChartStyle, to_rgb
from .fonts import BOLD, OBLIQUE, REGULAR
from .text import printable, rounded

PT = 72.0  # points per inch
_widths: dict[tuple[str, str], float] = {}


def text_width(text: str, size: float) -> float:
    """A line's width in inches, as layout.py measures it (italic for an "(n/a)" label)."""
    font = OBLIQUE if text.endswith(NA_SUFFIX) else REGULAR
    key = (text, font)
    if key not in _widths:
        _widths[key] = stringWidth(printable(text), font, 10) / 10 / PT
    return _widths[key] * 1.04 * size


class RadarFlowable(Flowable):  # type: ignore[misc]
    """One radar chart at its printed size (points), laid out once when made."""

    def __init__(self, series: RadarSeries, style: ChartStyle, width: float, height: float,
                 title: str | None = None) -> None:
        super().__init__()
        self.series, self.style, self.title = series, style, title
        self.width, self.height = width, height
        self.hAlign = "CENTER"
        self.layout: Layout = fit_chart(series, width / PT, height / PT, text_width, titled=bool(title),
                                        reserve=False)
        scale = series.framework.scale
        span = scale.maximum - scale.minimum
        self._origin = scale.minimum - 0.16 * span  # the lowest level is a ring, not the centre
        self._top = scale.maximum + 0.14 * span  # room for names beside level 5

    def wrap(self, *_: float) -> tuple[float, float]:
        return self.width, self.height

    @property
    def alt_text(self) -> str:
        return describe(self.series)

    # --- geometry ------------------------------------------------------------------------------

    def point(self, theta: float, value: float) -> tuple[float, float]:
        """Where a value on the axis at angle theta (0 at the top, clockwise) is drawn, in points."""
        cx, cy = self.layout.centre
        d = (value - self._origin) / (self._top - self._origin) * self.layout.radius * PT
        return cx * PT + d * math.sin(theta), cy * PT + d * math.cos(theta)

    def _ring(self, value: float) -> list[tuple[float, float]]:
        return [self.point(t, value) for t in self.series.theta]

    # --- drawing -------------------------------------------------------------------------------

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setLineJoin(1)
        self._grid(c)
        self._band(c)
        order = sorted(SERIES, key=lambda s: LOOKS[s].zorder)
        for name in order:
            self._series(c, name)
        self._direct_labels(c)
        self._ticks(c)
        self._labels(c)
        self._legend(c)
        self._notes(c)
        c.restoreState()

    def _grid(self, c: Any) -> None:
        scale, grid = self.series.framework.scale, self.style.grid
        c.setStrokeColorRGB(*to_rgb(grid))
        for level in scale.levels:
            outer = level.value == scale.maximum
            c.setLineWidth(0.9 if outer else 0.6)
            c.setStrokeAlpha(1.0 if outer else 0.55)
            _polygon(c, self._ring(float(level.value)), stroke=True)
        c.setLineWidth(0.6)
        c.setStrokeAlpha(0.55)
        for t in self.series.theta:
            (x0, y0), (x1, y1) = self.point(t, scale.minimum), self.point(t, scale.maximum)
            c.line(x0, y0, x1, y1)
        c.setStrokeAlpha(1.0)

    def _band(self, c: Any) -> None:
        """Shade between the lowest ring and the agreed line, only where the line is drawn."""
        values, floor = self.series.values("agreed"), float(self.series.framework.scale.minimum)
        if not self.series.band():
            return
        c.setFillColorRGB(*to_rgb(self.style.agreed))
        c.setFillAlpha(0.09)
        theta = self.series.theta
        for run in self.series.segments("agreed"):
            if len(run) < 2:
                continue
            outer = [self.point(theta[i], float(values[i] or 0.0)) for i in run]
            inner = [self.point(theta[i], floor) for i in reversed(run)]
            _polygon(c, outer + inner, fill=True)
        c.setFillAlpha(1.0)

    def _series(self, c: Any, name: str) -> None:
        if not self.series.is_visible(name):
            return
        look, colour = LOOKS[name], to_rgb(getattr(self.style, name))
        values, theta = self.series.values(name), self.series.theta
        size = look.markersize * min(1.0, self.layout.font / 9)
        c.saveState()
        c.setStrokeColorRGB(*colour)
        c.setLineWidth(look.linewidth)
        if look.dashes:
            c.setDash([d * look.linewidth for d in look.dashes], 0)
        for run in self.series.segments(name):
            if len(run) > 1:
                _polyline(c, [self.point(theta[i], float(values[i] or 0.0)) for i in run])
        c.restoreState()
        for i, v in enumerate(values):
            if v is not None:
                x, y = self.point(theta[i], v)
                if look.hollow_edge:
                    _marker(c, look.marker, x, y, size, fill=colour, edge=(1.0, 1.0, 1.0), edge_width=0.8)
                else:
                    _marker(c, look.marker, x, y, size, fill=colour)

    def _direct_labels(self, c: Any) -> None:
        """Each shown series' name beside one of its points (as on screen: RadarSeries.place_labels),
        clear of every point, level number and axis name, so a greyscale print needs no key."""
        fs = self.layout.font * 0.85
        pad = 0.15 * fs
        for label in self.placed_labels():
            text = printable(label.text)
            w = stringWidth(text, BOLD, fs)
            x, y = label.x, label.y
            c.setFillColorRGB(1, 1, 1)
            c.setFillAlpha(0.85)
            c.roundRect(x - w / 2 - pad, y - 0.5 * fs - pad, w + 2 * pad, fs + 2 * pad, pad * 1.5,
                        stroke=0, fill=1)
            c.setFillAlpha(1.0)
            c.setFillColorRGB(*to_rgb(getattr(self.style, label.series)))
            c.setFont(BOLD, fs)
            c.drawCentredString(x, y - 0.36 * fs, text)

    def placed_labels(self) -> list[PlacedLabel]:
        """Where the series' names go, in points (see RadarSeries.place_labels)."""
        fs = self.layout.font * 0.85
        pad = 0.15 * fs
        theta = self.series.theta

        def size(text: str) -> tuple[float, float]:
            return stringWidth(printable(text), BOLD, fs) + 2 * pad, fs + 2 * pad

        visible = self.series.visible()
        marker = max((LOOKS[s].markersize for s in visible), default=0.0) * min(1.0, self.layout.font / 9)
        cx, cy = self.layout.centre
        names = [((cx + b[0]) * PT, (cy + b[1]) * PT, (cx + b[2]) * PT, (cy + b[3]) * PT)
                 for b in self.layout.boxes]
        return self.series.place_labels(lambda i, v: self.point(theta[i], v), size, marker / 2 + 1.5,
                                        self.tick_boxes() + names, 1.25 * self.layout.radius * PT)

    def tick_boxes(self) -> list[tuple[float, float, float, float]]:
        """The level numbers' white boxes, in points (as _ticks draws them)."""
        half = math.pi / len(self.series.theta)
        fs = self.layout.font * 0.8
        pad = 0.12 * fs
        boxes = []
        for level in self.series.framework.scale.levels:
            x, y = self.point(half, self._origin + (level.value - self._origin) * math.cos(half))
            w = stringWidth(str(level.value), REGULAR, fs)
            boxes.append((x - w / 2 - pad, y - 0.5 * fs - pad, x + w / 2 + pad, y + 0.5 * fs + pad))
        return boxes

    def _ticks(self, c: Any) -> None:
        """The level numbers, on white, on the polygon edge between the first two axes."""
        scale = self.series.framework.scale
        half = math.pi / len(self.series.theta)
        fs = self.layout.font * 0.8
        for level in scale.levels:
            value = self._origin + (level.value - self._origin) * math.cos(half)
            x, y = self.point(half, value)
            text = str(level.value)
            w = stringWidth(text, REGULAR, fs)
            pad = 0.12 * fs
            c.setFillColorRGB(1, 1, 1)
            c.setFillAlpha(0.85)
            c.roundRect(x - w / 2 - pad, y - 0.5 * fs - pad, w + 2 * pad, fs + 2 * pad, pad * 1.5,
                        stroke=0, fill=1)
            c.setFillAlpha(1.0)
            c.setFillColorRGB(*to_rgb(TICK_GREY))
            c.setFont(REGULAR, fs)
            c.drawCentredString(x, y - 0.36 * fs, text)

    def _labels(self, c: Any) -> None:
        layout, fs = self.layout, self.layout.label_font
        cx, cy = layout.centre
        for i in range(len(self.series.axis_names)):
            label = self.series.axis_label(i, layout.compact)
            lines = [printable(line) for line in label.text.split("\n")]
            ax, ay = layout.anchor(i)
            x, y = (cx + ax) * PT, (cy + ay) * PT
            ha, va = layout.aligns[i]
            height = len(lines) * LINE_EM * fs
            top = {"bottom": y + height, "top": y, "center": y + height / 2}[va]
            c.setFillColorRGB(*to_rgb(self.style.text if label.scored else NA_GREY))
            c.setFont(REGULAR if label.scored else OBLIQUE, fs)
            for k, line in enumerate(lines):
                _text(c, ha, x, top - (k + 0.8) * LINE_EM * fs, line)

    def _legend(self, c: Any) -> None:
        fs = self.layout.font
        entries: list[tuple[str, Look | None, tuple[float, float, float]]] = [
            (self.series.labels[s], LOOKS[s], to_rgb(getattr(self.style, s))) for s in self.series.visible()]
        if self.series.any_missing():
            entries.append((self.series.gap_label(), None, to_rgb(NA_GREY)))
        if not entries:
            return
        labels = [printable(e[0]) for e in entries]
        ncol = legend_columns(labels, fs, self.width / PT, text_width)
        per_column = math.ceil(len(entries) / ncol)
        columns = [list(range(k, min(k + per_column, len(entries))))
                   for k in range(0, len(entries), per_column)]
        handle, gap, spacing = HANDLE_EM * fs, HANDLE_GAP_EM * fs, COLUMN_GAP_EM * fs
        widths = [max(handle + gap + stringWidth(labels[i], REGULAR, fs) for i in col) for col in columns]
        x = (self.width - sum(widths) - spacing * (len(columns) - 1)) / 2
        bottom = PAD_IN * PT + 1.9 * fs
        pitch = 1.5 * fs
        for col, col_width in zip(columns, widths, strict=True):
            for row, i in enumerate(col):
                y = bottom + (per_column - 1 - row) * pitch
                label, look, colour = entries[i][0], entries[i][1], entries[i][2]
                mid = y + 0.35 * fs
                if look is None:  # a grey line with a gap in it: what a break in a line means
                    c.saveState()
                    c.setStrokeColorRGB(*colour)
                    c.setLineWidth(1.6)
                    c.setDash([d * 1.6 for d in NA_DASHES], 0)
                    c.line(x, mid, x + handle, mid)
                    c.restoreState()
                else:
                    c.saveState()
                    c.setStrokeColorRGB(*colour)
                    c.setLineWidth(look.linewidth)
                    if look.dashes:
                        c.setDash([d * look.linewidth for d in look.dashes], 0)
                    c.line(x, mid, x + handle, mid)
                    c.restoreState()
                    size = look.markersize * min(1.0, fs / 9)
                    if look.hollow_edge:
                        _marker(c, look.marker, x + handle / 2, mid, size, fill=colour, edge=(1, 1, 1),
                                edge_width=0.8)
                    else:
                        _marker(c, look.marker, x + handle / 2, mid, size, fill=colour)
                c.setFillColorRGB(*to_rgb(self.style.text))
                c.setFont(REGULAR, fs)
                c.drawString(x + handle + gap, y, printable(label))
            x += col_width + spacing

    def _notes(self, c: Any) -> None:
        fs = self.layout.font
        c.setFillColorRGB(*to_rgb(TICK_GREY))
        c.setFont(REGULAR, fs * 0.85)
        c.drawCentredString(self.width / 2, PAD_IN * PT + 0.2 * fs, printable(self.series.scale_note))
        if self.title:
            c.setFillColorRGB(*to_rgb(self.style.text))
            c.setFont(BOLD, fs * 1.3)
            c.drawCentredString(self.width / 2, self.height - PAD_IN * PT - fs * 1.3, printable(self.title))


def describe(series: RadarSeries, clean: Callable[[str], str] = printable) -> str:
    """The chart in words and numbers, for a screen reader: every series' value on every axis."""
    fw = series.framework
    first, last = fw.scale.levels[0], fw.scale.levels[-1]
    if series.dimension_id is None:
        what = f"the {len(series.axis_names)} value-for-money dimensions (mean agreed level)"
    else:
        what = f"the {len(series.axis_names)} factors of {fw.dimension(series.dimension_id).name}"
    parts = [f"Radar chart of {what}, on levels {first.value} ({first.name}) to "
             f"{last.value} ({last.name})."]
    for name in series.visible():
        said = [series.not_agreed_at(name, i) or (_number(v) if v is not None or name == "previous"
                                                  else series.absence(i))
                for i, v in enumerate(series.values(name))]  # why this round has no value, as labelled
        values = ", ".join(f"{axis} {v}" for axis, v in zip(series.axis_names, said, strict=True))
        parts.append(f"{series.labels[name]}: {values}.")
    return clean(" ".join(parts))


def _number(value: float | None) -> str:
    if value is None:
        return "not assessed"
    return str(int(value)) if float(value).is_integer() else f"{rounded(value, 1):.1f}"


def _text(c: Any, ha: str, x: float, y: float, text: str) -> None:
    if ha == "left":
        c.drawString(x, y, text)
    elif ha == "right":
        c.drawRightString(x, y, text)
    else:
        c.drawCentredString(x, y, text)


def _polygon(c: Any, points: list[tuple[float, float]], stroke: bool = False, fill: bool = False) -> None:
    path = c.beginPath()
    path.moveTo(*points[0])
    for p in points[1:]:
        path.lineTo(*p)
    path.close()
    c.drawPath(path, stroke=int(stroke), fill=int(fill))


def _polyline(c: Any, points: list[tuple[float, float]]) -> None:
    path = c.beginPath()
    path.moveTo(*points[0])
    for p in points[1:]:
        path.lineTo(*p)
    c.drawPath(path, stroke=1, fill=0)


def _marker(c: Any, kind: str, x: float, y: float, size: float, fill: tuple[float, float, float],
            edge: tuple[float, float, float] | None = None, edge_width: float = 0.0) -> None:
    """A matplotlib-sized marker: size is the circle's diameter, the square's side."""
    c.saveState()
    c.setDash([], 0)
    c.setFillColorRGB(*fill)
    stroke = edge is not None and edge_width > 0
    if stroke and edge is not None:
        c.setStrokeColorRGB(*edge)
        c.setLineWidth(edge_width)
    h = size / 2
    if kind == "o":
        c.circle(x, y, h, stroke=int(stroke), fill=1)
    elif kind == "s":
        c.rect(x - h, y - h, size, size, stroke=int(stroke), fill=1)
    elif kind == "D":
        d = h * math.sqrt(2)
        _polygon(c, [(x, y + d), (x + d, y), (x, y - d), (x - d, y)], stroke=stroke, fill=True)
    else:  # "^"
        _polygon(c, [(x, y + h), (x - h, y - h), (x + h, y - h)], stroke=stroke, fill=True)
    c.restoreState()
