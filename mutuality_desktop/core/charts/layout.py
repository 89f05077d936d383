"""Where a radar chart's parts go at a given size: fonts, circle, labels and legend.

Plain geometry in inches, with the font's text widths passed in, so the screen chart (matplotlib)
and the printed one (reportlab) lay out the same way and a chart reads well at any size.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from .series import RadarSeries

HAlign = Literal["left", "center", "right"]
VAlign = Literal["bottom", "center", "top"]
Box = list[float]  # x0, y0, x1, y1 in inches from the chart's centre
TextWidth = Callable[[str, float], float]  # (one line, font size in points) -> inches

LINE_EM = 1.24  # line pitch of multi-line text, in ems
PAD_IN = 0.12
HANDLE_EM, HANDLE_GAP_EM, COLUMN_GAP_EM = 2.8, 0.8, 1.6  # legend: line sample, gap, between columns
LEGEND_ROW_EM = 1.45
LEGEND_PAD_EM = 0.4  # matplotlib's legend border pad, at either end of the legend


@dataclass
class Layout:
    width: float  # inches
    height: float
    font: float  # base font size in points
    label_font: float
    radius: float  # inches
    centre: tuple[float, float]  # inches from the bottom left
    boxes: list[Box]
    aligns: list[tuple[HAlign, VAlign]]
    compact: bool  # numbers instead of factor names: too small for names
    laid_out_for: list[str]  # the legend entries room was made for
    minor: float | None = None  # Large text: the level numbers, tags, scale note and legend's size

    @property
    def readable(self) -> bool:
        return self.radius >= 0.27 * min(self.width, self.height)

    def anchor(self, i: int) -> tuple[float, float]:
        """Label i's anchor point in inches from the centre, on the side its alignment names."""
        box, (ha, va) = self.boxes[i], self.aligns[i]
        x = {"left": box[0], "right": box[2], "center": (box[0] + box[2]) / 2}[ha]
        y = {"bottom": box[1], "top": box[3], "center": (box[1] + box[3]) / 2}[va]
        return x, y


def font_size(width: float, height: float, scale: float = 1.0) -> float:
    return min(max(1.35 * min(width, height), 7.5), 10.0) * scale


def legend_width(labels: Sequence[str], fs: float, ncol: int, text_width: TextWidth) -> float:
    """The legend's width in inches in ncol columns, as matplotlib lays it out: it fills column by
    column (the first columns one entry longer), each column as wide as its widest entry, with a
    column gap between columns and a border pad at either end."""
    entries = [(HANDLE_EM + HANDLE_GAP_EM) * fs / 72 + text_width(s, fs) for s in labels]
    ncol = max(1, min(ncol, len(entries)))
    rows, longer = divmod(len(entries), ncol)
    columns, start = [], 0
    for c in range(ncol):
        count = rows + (1 if c < longer else 0)
        if count:
            columns.append(max(entries[start : start + count]))
        start += count
    gaps = (len(columns) - 1) * COLUMN_GAP_EM + 2 * LEGEND_PAD_EM
    return sum(columns) + gaps * fs / 72


def legend_columns(labels: Sequence[str], fs: float, width: float, text_width: TextWidth) -> int:
    """The most columns whose legend fits the figure's width (inside its margins)."""
    for ncol in range(len(labels), 1, -1):
        if legend_width(labels, fs, ncol, text_width) <= width - 2 * PAD_IN:
            return ncol
    return 1


def label_boxes(theta: Sequence[float], sizes: Sequence[tuple[float, float]],
                reach: float) -> tuple[list[Box], list[tuple[HAlign, VAlign]]]:
    """Anchor each label just outside the circle, then push crowded ones away vertically."""
    boxes: list[Box] = []
    aligns: list[tuple[HAlign, VAlign]] = []
    for t, (bw, bh) in zip(theta, sizes, strict=True):
        x, y = math.sin(t), math.cos(t)  # axis 1 at the top, clockwise
        ha: HAlign = "left" if x > 0.2 else "right" if x < -0.2 else "center"
        va: VAlign = "bottom" if y > 0.35 else "top" if y < -0.35 else "center"
        x0 = reach * x - {"left": 0.0, "right": bw, "center": bw / 2}[ha]
        y0 = reach * y - {"bottom": 0.0, "top": bh, "center": bh / 2}[va]
        boxes.append([x0, y0, x0 + bw, y0 + bh])
        aligns.append((ha, va))
    n = len(boxes)
    for _ in range(n):
        moved = False
        for i in range(n):
            a, b = boxes[i], boxes[(i + 1) % n]
            if n < 3 or a[0] >= b[2] or b[0] >= a[2] or a[1] >= b[3] or b[1] >= a[3]:
                continue
            mover, other = (a, b) if abs(a[1] + a[3]) > abs(b[1] + b[3]) else (b, a)
            shift = other[3] - mover[1] + 0.04 if mover[1] + mover[3] > 0 else other[1] - mover[3] - 0.04
            mover[1] += shift
            mover[3] += shift
            moved = True
        if not moved:
            break
    return boxes, aligns


def fit_chart(series: RadarSeries, width: float, height: float, text_width: TextWidth,
              titled: bool = False, reserve: bool = True, font_scale: float = 1.0,
              legend_scale: float = 1.0, large_text: float = 1.0, numbered: bool | None = None) -> Layout:
    """Lay the chart out at this size; number the factors when names leave it too small to read.

    With reserve, room is kept for the longest label each axis can have ("not yet scored",
    coverage), so a chart on screen does not jump as scores change; a printed chart fits the
    labels it has. large_text (View -> Large text, already in font_scale): the small print
    (level numbers, tags, scale note, legend) takes the full larger size, the axis names too.
    numbered: names (False) or numbers (True) decided already (at the size the chart is seen at).
    """
    if numbered is not None:
        size = font_size(width, height, font_scale)
        return _fit(series, width, height, text_width, titled, size, numbered, reserve, 6.5 * font_scale,
                    legend_scale, size if large_text > 1.0 else None)
    fs, smallest = font_size(width, height, font_scale), 6.5 * font_scale
    if large_text <= 1.0:
        return _fit_once(series, width, height, text_width, titled, reserve, fs, smallest, legend_scale)
    # Large text: every part of the chart takes the larger size, the axis names too (play-through 7:
    # they stayed small at 1366 while the window grew); names that leave the circle too small to
    # read give way to numbers and the key below the chart.
    # the type keeps the size chosen: where names would have to shrink, numbers and the key instead
    return _fit_once(series, width, height, text_width, titled, reserve, fs, fs, legend_scale, fs)


def _fit_once(series: RadarSeries, width: float, height: float, text_width: TextWidth, titled: bool,
              reserve: bool, fs: float, smallest: float, legend_scale: float, minor: float | None = None,
              floor: float = 0.0, keep: float = 0.0) -> Layout:
    layout = _fit(series, width, height, text_width, titled, fs, False, reserve, smallest, legend_scale,
                  minor, floor, keep)
    if not layout.readable:
        layout = _fit(series, width, height, text_width, titled, fs, True, reserve, smallest, legend_scale,
                      minor, floor, keep)
    return layout


def _fit(series: RadarSeries, w: float, h: float, text_width: TextWidth, titled: bool, fs: float,
         compact: bool, reserve: bool, smallest: float, legend_scale: float = 1.0,
         minor: float | None = None, floor: float = 0.0, keep: float = 0.0) -> Layout:
    """Make the circle as large as labels, title and legend allow; shrink the font if cramped."""
    label_fs = fs * (1.1 if len(series.axis_names) <= 8 else 1.0)
    top = PAD_IN + (fs * 1.3 * 1.6 / 72 if titled else 0.0)
    laid_out_for = series.legend_series()
    entries = [*laid_out_for, series.na_label] if reserve else series.legend_labels()
    lfs = (minor or fs) * legend_scale
    rows = math.ceil(len(entries) / legend_columns(entries, lfs, w, text_width))
    note = minor or 0.85 * fs
    bottom = 2 * PAD_IN + (note + rows * LEGEND_ROW_EM * lfs) * LINE_EM / 72
    avail_w, avail_h = w - 2 * PAD_IN, h - top - bottom
    sizes = []
    for i in range(len(series.axis_names)):
        lines = series.label_lines(i, compact) if reserve else series.axis_label(i, compact).text.split("\n")
        sizes.append((max(text_width(s, label_fs) for s in lines), len(lines) * label_fs * LINE_EM / 72))
    gap = 0.45 * label_fs / 72
    radius = max(0.2, min(avail_w, avail_h) / 2)
    for _ in range(60):
        boxes, aligns = label_boxes(series.theta, sizes, radius + gap)
        x0, x1 = min(-radius, *(b[0] for b in boxes)), max(radius, *(b[2] for b in boxes))
        y0, y1 = min(-radius, *(b[1] for b in boxes)), max(radius, *(b[3] for b in boxes))
        excess = max(x1 - x0 - avail_w, y1 - y0 - avail_h)
        if excess <= 0.01 or radius <= 0.2:
            break
        radius = max(0.2, radius - max(excess / 2, 0.02))
    if radius < floor and label_fs > keep + 0.01:  # Large text: names no larger than the circle allows
        step = min(0.5, (label_fs - keep) * fs / label_fs)
        return _fit(series, w, h, text_width, titled, fs - step, compact, reserve, smallest, legend_scale,
                    minor, floor, keep)
    if radius < 0.27 * min(w, h) and fs > smallest:
        return _fit(series, w, h, text_width, titled, fs - 0.5, compact, reserve, smallest, legend_scale,
                    minor, floor, keep)
    cx = PAD_IN - x0 + (avail_w - (x1 - x0)) / 2
    spare = avail_h - (y1 - y0)
    # a figure taller than wide (scrolled, with the key below) keeps the circle at the top, in view
    cy = bottom - y0 + (spare if h > 1.15 * w else spare / 2)
    return Layout(w, h, fs, label_fs, radius, (cx, cy), boxes, aligns, compact, laid_out_for, minor)
