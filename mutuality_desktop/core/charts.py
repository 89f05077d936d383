"""Radar charts of the six VfM dimensions and of one dimension's factors, on a plain Figure.

The same Figure is shown in the app (wrapped by a Qt canvas) and drawn into the PDF report, so
nothing here knows about Qt or pyplot. A chart is built once, then updated in place as scores change.
"""

from __future__ import annotations

import colorsys
import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from matplotlib.artist import Artist
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.projections.polar import PolarAxes
from matplotlib.text import Text
from matplotlib.textpath import text_to_path

from .chart_text import TextRasterCache, use_cache
from .framework import MUTUALITY, Framework
from .model import Score
from .scoring import dimension_scores, levels_of

RoundScores = tuple[str, Mapping[tuple[str, str], Score]]
Rgb = tuple[float, float, float]
HAlign = Literal["left", "center", "right"]
VAlign = Literal["bottom", "center", "top"]

SERIES = ("agreed", "previous", "client", "provider")  # drawing and legend order
OVERLAYS = ("client", "provider")
PERSPECTIVES = ("client", "provider", "agreed")
_NA_GREY = "#8c8c8c"
_NA_SUFFIX = " (n/a)"
_TICK_GREY = "#6b6b6b"


@dataclass(frozen=True)
class ChartStyle:
    agreed: str = "#1f4e79"
    client: str = "#d55e00"  # Okabe-Ito vermillion and bluish green: safe for colour-blind readers
    provider: str = "#009e73"
    previous: str = "#7f7f7f"
    grid: str = "#b0b0b0"
    text: str = "#222222"
    font_family: str = "DejaVu Sans"

    @classmethod
    def from_colours(cls, primary: str, accent: str) -> ChartStyle:
        """Use the brand's colours for agreed and client; derive a provider colour far from both.

        Raise ValueError when either is not a colour (hex, name) matplotlib understands.
        """
        agreed = _readable(to_rgb(primary))
        client = _readable(to_rgb(accent))
        if _distance(agreed, client) < 0.15:
            client = _rotated(agreed, 1 / 3)
        candidates = [_rotated(agreed, k / 12) for k in range(1, 12)]
        provider = max(candidates, key=lambda c: min(_distance(c, agreed), _distance(c, client)))
        return cls(agreed=to_hex(agreed), client=to_hex(client), provider=to_hex(provider))


def _luminance(rgb: Rgb) -> float:
    """Relative luminance (WCAG): 0 for black, 1 for white."""
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _readable(rgb: Rgb) -> Rgb:
    """Darken a colour too pale to read as a line on white paper (yellow, pastel)."""
    h, lum, s = colorsys.rgb_to_hls(*rgb)
    while _luminance(rgb) > 0.4 and lum > 0.1:
        lum -= 0.03
        rgb = colorsys.hls_to_rgb(h, lum, s)
    return rgb


def _rotated(rgb: Rgb, turn: float) -> Rgb:
    """Turn the hue; keep the result calm (moderate saturation) and dark enough for white paper."""
    h, _, s = colorsys.rgb_to_hls(*rgb)
    return _readable(colorsys.hls_to_rgb((h + turn) % 1.0, 0.42, min(max(s, 0.35), 0.5)))


def _distance(a: Rgb, b: Rgb) -> float:
    """Approximate perceptual distance ("redmean" weighting): 0 for equal, about 1 for opposites."""
    rm = (a[0] + b[0]) / 2
    dr, dg, db = a[0] - b[0], a[1] - b[1], a[2] - b[2]
    return math.sqrt((2 + rm) * dr * dr + 4 * dg * dg + (3 - rm) * db * db) / 3


@dataclass(frozen=True)
class _Look:
    linestyle: str | tuple[float, tuple[float, ...]]
    marker: str
    linewidth: float
    markersize: float
    zorder: float


# Every series differs by line style and marker as well as colour: colour-blind and greyscale safe.
# The overlays are thinner and drawn over the agreed line, so where a side's view equals the agreed
# level both stay visible (a small square or triangle inside the agreed circle).
_LOOKS = {
    "agreed": _Look("-", "o", 2.6, 7.5, 4),
    "previous": _Look((0, (6.0, 3.0)), "D", 1.5, 4.5, 3),
    "client": _Look((0, (1.2, 1.6)), "s", 1.6, 4.6, 5),
    "provider": _Look((0, (5.0, 1.6, 1.2, 1.6)), "^", 1.5, 5.4, 5.5),
}


class RadarChart:
    """A radar chart whose artists are created once and updated in place."""

    def __init__(
        self,
        figure: Figure,
        framework: Framework,
        dimension_id: str | None,
        shown: Iterable[str],
        style: ChartStyle,
        title: str | None = None,
    ) -> None:
        self.figure = figure
        self.framework = framework
        self.style = style
        self.dimension_id = dimension_id  # None: one axis per VfM dimension
        if dimension_id is None:
            self.axis_names = [d.name for d in framework.dimensions]
            self._axis_ids = [d.id for d in framework.dimensions]
        else:
            factors = framework.dimension(dimension_id).factors
            self.axis_names = [f.name for f in factors]
            self._axis_ids = [f.id for f in factors]
        n = len(self.axis_names)
        self._shown = set(shown)
        self._values: dict[str, list[float | None]] = {s: [None] * n for s in SERIES}
        self._labels = {
            "agreed": "Agreed",
            "previous": "Previous",
            "client": "Client view",
            "provider": "Provider view",
        }
        self._notes = [""] * n  # dimension chart: mean and coverage under each name
        self._round_count = 0
        self.compact = False
        self._font = 9.0  # base font size in points, set by the layout
        self._legend: Legend | None = None
        self._legend_key: tuple[object, ...] = ()
        self._laid_out_for: list[str] | None = None  # the legend entries the layout made room for
        self.text_cache = TextRasterCache()  # glyph pixels reused between screen redraws
        self.theta = np.linspace(0, 2 * math.pi, n, endpoint=False)
        self.axes = self._make_axes()
        self.tick_labels = self._draw_grid()
        self.lines: dict[str, Line2D] = {}
        self.missing: dict[str, Line2D] = {}  # hollow markers just outside the rim: not assessed
        for series in SERIES:
            self.lines[series], self.missing[series] = self._make_series(series)
        self.fill = PathPatch(
            Path(np.zeros((1, 2))), facecolor=style.agreed, alpha=0.09, lw=0, zorder=2
        )
        self.axes.add_patch(self.fill)
        self.axis_labels = [self._axis_text(0.0, 0.0, name) for name in self.axis_names]
        self.title = self._cached(
            figure.text(
                0.5,
                0.98,
                title or "",
                ha="center",
                va="top",
                color=style.text,
                fontfamily=style.font_family,
                fontweight="bold",
            )
        )
        first, last = framework.scale.levels[0], framework.scale.levels[-1]
        self.scale_note = self._cached(
            figure.text(
                0.5,
                0.01,
                f"Levels {first.value} ({first.name}) to {last.value} ({last.name})",
                ha="center",
                va="bottom",
                color=_TICK_GREY,
                fontfamily=style.font_family,
            )
        )

    # --- public -------------------------------------------------------------------------------

    def update(self, rounds: Sequence[RoundScores]) -> None:
        """Show these rounds (oldest first, the last is current) by changing the artists' data."""
        n = len(self.axis_names)
        self._round_count = len(rounds)
        self._values = {s: [None] * n for s in SERIES}
        self._notes = [""] * n
        if rounds:
            label, current = rounds[-1]
            for perspective in PERSPECTIVES:
                self._values[perspective] = self._series_values(current, perspective)
            self._labels["agreed"] = f"Agreed, {label}" if len(rounds) > 1 else "Agreed"
            if self.dimension_id is None:
                self._notes = _dimension_notes(self.framework, current)
        if len(rounds) > 1:
            label, before = rounds[-2]
            self._values["previous"] = self._series_values(before, "agreed")
            self._labels["previous"] = f"Agreed, {label}"
        self._redraw_data()

    def show(self, series: Iterable[str]) -> None:
        """Choose the series drawn, of agreed, previous, client and provider."""
        self._shown = set(series) & set(SERIES)
        self._redraw_data()

    @property
    def shown(self) -> frozenset[str]:
        return frozenset(self._shown)

    def values(self, series: str) -> list[float | None]:
        """Return one series' values in axis order, None where it is not assessed."""
        return list(self._values[series])

    def is_visible(self, series: str) -> bool:
        return series in self._shown and (series != "previous" or self._round_count > 1)

    def data_artists(self) -> list[Artist]:
        """Return the artists a score can change, in drawing order; the rest is background.

        The dimension chart's labels carry the means, so they come along. The UI canvas redraws
        only these (and the overlay) over a cached background.
        """
        artists: list[Artist] = [self.fill, *self.lines.values(), *self.missing.values()]
        if self.dimension_id is None:
            artists += self.axis_labels
        return sorted(artists, key=lambda a: a.get_zorder())

    def overlay_artists(self) -> list[Artist]:
        """Return the unchanging artists drawn over the data: the level numbers on their boxes."""
        return list(self.tick_labels)

    def background_key(self) -> tuple[object, ...]:
        """Return what the background (everything but data_artists) looks like, to compare."""
        labels: tuple[object, ...] = ()
        if self.dimension_id is not None:
            labels = tuple(
                (t.get_text(), t.get_color(), t.get_fontstyle(), t.get_position(), t.get_fontsize())
                for t in self.axis_labels
            )
        return (
            tuple(self.figure.get_size_inches()),
            self.figure.dpi,
            tuple(self.axes.get_position().bounds),
            self._legend,
            self._legend_key,
            self.title.get_text(),
            self.title.get_fontsize(),
            labels,
        )

    def relayout(self) -> None:
        """Fit fonts, margins, labels and legend to the figure's current size."""
        self.compact = False
        if not _fit(self, _font_size(self.figure)):
            self.compact = True  # too small for names: number the factors instead
            _fit(self, _font_size(self.figure))
        self._refresh_axis_labels()
        self._legend_key = ()
        self._refresh_legend()

    def wrapped_name(self, i: int) -> list[str]:
        """Wrap an axis name: narrow at the sides, where labels stack, wider at top and bottom."""
        if self.compact and self.dimension_id is not None:
            return [str(i + 1)]
        if len(self.axis_names) <= 8:
            width = 13
        else:
            width = 22 if abs(math.sin(self.theta[i])) < 0.65 else 16
        return textwrap.wrap(self.axis_names[i], width)

    def label_lines(self, i: int) -> list[str]:
        """Return the lines to reserve room for: the widest and longest axis label i can have."""
        lines = self.wrapped_name(i)
        lines[-1] += _NA_SUFFIX
        if self.dimension_id is None and not self.compact:
            lines += ["0.0", f"{len(self.framework.dimensions[i].factors) - 1} of 99 factors"]
        return lines

    # --- building -----------------------------------------------------------------------------

    def _make_axes(self) -> PolarAxes:
        ax = self.figure.add_axes((0.1, 0.1, 0.8, 0.8), projection="polar")
        assert isinstance(ax, PolarAxes)
        ax.set_theta_offset(math.pi / 2)
        ax.set_theta_direction(-1)
        scale = self.framework.scale
        span = scale.maximum - scale.minimum
        ax.set_ylim(scale.minimum, scale.maximum + 0.14 * span)  # room for the not-assessed markers
        ax.set_rorigin(scale.minimum - 0.16 * span)  # the lowest level is a ring, not the centre
        ax.set_axis_off()  # no default grid, ticks, spines or background: the grid is drawn below
        self.figure.set_facecolor("white")
        return ax

    def _draw_grid(self) -> list[Text]:
        scale, ax, grid = self.framework.scale, self.axes, self.style.grid
        ring = np.append(self.theta, self.theta[:1])
        for level in scale.levels:
            outer = level.value == scale.maximum
            ax.plot(
                ring,
                np.full(ring.shape, float(level.value)),
                color=grid,
                lw=0.9 if outer else 0.6,
                alpha=1.0 if outer else 0.55,
                zorder=1,
            )
        for t in self.theta:
            ax.plot(
                [t, t], [scale.minimum, scale.maximum], color=grid, lw=0.6, alpha=0.55, zorder=1
            )
        half = math.pi / len(self.theta)
        origin = ax.get_rorigin()
        ticks = []
        for level in scale.levels:  # the numbers sit on the polygon edge between the first two axes
            r = origin + (level.value - origin) * math.cos(half)
            t = ax.text(
                half,
                r,
                str(level.value),
                color=_TICK_GREY,
                ha="center",
                va="center",
                zorder=6,
                fontfamily=self.style.font_family,
                clip_on=False,
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.85},
            )
            ticks.append(self._cached(t))
        return ticks

    def _make_series(self, series: str) -> tuple[Line2D, Line2D]:
        look, colour = _LOOKS[series], str(getattr(self.style, series))
        (line,) = self.axes.plot(
            [],
            [],
            color=colour,
            linestyle=look.linestyle,
            lw=look.linewidth,
            marker=look.marker,
            markersize=look.markersize,
            zorder=look.zorder,
            markeredgecolor="white" if series in ("agreed", "previous") else colour,
            markeredgewidth=0.8 if series in ("agreed", "previous") else 0.0,
            clip_on=False,
        )
        (hollow,) = self.axes.plot(
            [],
            [],
            linestyle="none",
            marker=look.marker,
            markersize=look.markersize,
            markerfacecolor="white",
            markeredgecolor=colour,
            markeredgewidth=1.4,
            zorder=look.zorder,
            clip_on=False,
        )
        line.set_label(self._labels[series])
        return line, hollow

    def _cached(self, text: Text) -> Text:
        return use_cache(text, self.text_cache)

    def _axis_text(self, theta: float, r: float, text: str) -> Text:
        return self._cached(
            self.axes.text(
                theta,
                r,
                text,
                color=self.style.text,
                ha="center",
                va="center",
                fontfamily=self.style.font_family,
                clip_on=False,
                zorder=6,
            )
        )

    # --- data ---------------------------------------------------------------------------------

    def _series_values(
        self, scores: Mapping[tuple[str, str], Score], perspective: str
    ) -> list[float | None]:
        levels = levels_of(scores, perspective)
        if self.dimension_id is None:
            return [d.mean for d in dimension_scores(self.framework, levels)]
        return [None if (lv := levels.get(a)) is None else float(lv) for a in self._axis_ids]

    def _redraw_data(self) -> None:
        gone = {}
        for series in SERIES:
            gone[series] = self._set_series_data(series)
        self._place_missing(gone)
        if self._legend_series() != self._laid_out_for:
            self.relayout()  # the legend gained or lost an entry: make room for it
        else:
            self._refresh_axis_labels()
            self._refresh_legend()

    def _legend_series(self) -> list[str]:
        return [self._labels[s] for s in SERIES if self.is_visible(s)]

    def _set_series_data(self, series: str) -> np.ndarray:
        """Draw one series' line, broken where it is not assessed; return that not-assessed mask."""
        r = np.array([np.nan if v is None else v for v in self._values[series]], dtype=float)
        line = self.lines[series]
        line.set_data(np.append(self.theta, self.theta[:1]), np.append(r, r[:1]))
        line.set_visible(self.is_visible(series))
        line.set_label(self._labels[series])
        if series == "agreed":
            self.fill.set_path(_band(self.theta, r, float(self.framework.scale.minimum)))
            self.fill.set_visible(self.is_visible(series))
        gone: np.ndarray = np.isnan(r) & self.is_visible(series)
        return gone

    def _place_missing(self, gone: Mapping[str, np.ndarray]) -> None:
        """Put a hollow marker per unscored series just outside the rim, side by side on the axis."""
        scale = self.framework.scale
        rim = scale.maximum + 0.07 * (scale.maximum - scale.minimum)
        step = min(0.05, 0.6 / len(self.theta))
        count = np.sum([gone[s] for s in SERIES], axis=0)
        seen = np.zeros(len(self.theta))
        for series in SERIES:
            mask = gone[series]
            offsets = (seen[mask] - (count[mask] - 1) / 2) * step
            seen += mask
            self.missing[series].set_data(self.theta[mask] + offsets, np.full(int(mask.sum()), rim))
            self.missing[series].set_visible(bool(mask.any()))

    def _refresh_axis_labels(self) -> None:
        """Grey out axes no shown series has scored; the dimension chart adds mean and coverage."""
        current = [s for s in PERSPECTIVES if s in self._shown]
        for i, text in enumerate(self.axis_labels):
            name = "\n".join(self.wrapped_name(i))
            if any(self._values[s][i] is not None for s in current):
                note = self._notes[i] if "agreed" in current and not self.compact else ""
                text.set_text(f"{name}\n{note}" if note else name)
                text.set_color(self.style.text)
                text.set_fontstyle("normal")
            else:
                text.set_text(name + _NA_SUFFIX)
                text.set_color(_NA_GREY)
                text.set_fontstyle("italic")

    def _legend_entries(self) -> tuple[list[Line2D], list[str]]:
        handles = [self.lines[s] for s in SERIES if self.is_visible(s)]
        labels = [self._labels[s] for s in SERIES if self.is_visible(s)]
        if any(self.missing[s].get_visible() for s in SERIES):
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="o",
                    markersize=6.5,
                    markerfacecolor="white",
                    markeredgecolor=_NA_GREY,
                    markeredgewidth=1.4,
                )
            )
            labels.append(f"{self.framework.scale.not_assessed_label} (n/a)")
        return handles, labels

    def _refresh_legend(self) -> None:
        handles, labels = self._legend_entries()
        key = (tuple(labels), tuple(self.figure.get_size_inches()))
        if key == self._legend_key:
            return
        self._legend_key = key
        if self._legend is not None:
            self._legend.remove()
        fs = self._font
        ncol = _legend_columns(
            labels, fs, float(self.figure.get_size_inches()[0]), self.style.font_family
        )
        bottom = self.scale_note.get_position()[1] + 1.5 * fs / 72 / float(
            self.figure.get_size_inches()[1]
        )
        self._legend = self.figure.legend(
            handles,
            labels,
            loc="lower center",
            bbox_to_anchor=(0.5, bottom),
            ncol=ncol,
            frameon=False,
            handlelength=2.8,
            columnspacing=1.6,
            borderaxespad=0.0,
            prop={"family": self.style.font_family, "size": fs},
        )
        for text in self._legend.get_texts():
            text.set_color(self.style.text)
            self._cached(text)


def _band(theta: np.ndarray, r: np.ndarray, floor: float) -> Path:
    """Return the area between the lowest ring and the line, only where the line is drawn."""
    vertices: list[tuple[float, float]] = []
    codes: list[np.uint8] = []
    n = len(theta)
    for i in range(n):
        j = (i + 1) % n
        if n < 3 or np.isnan(r[i]) or np.isnan(r[j]):
            continue
        t_end = theta[j] if j else 2 * math.pi
        quad = [
            (theta[i], floor),
            (theta[i], r[i]),
            (t_end, r[j]),
            (t_end, floor),
            (theta[i], floor),
        ]
        vertices += [(float(a), float(b)) for a, b in quad]
        codes += [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY]
    if not vertices:
        return Path(np.zeros((1, 2)))
    return Path(vertices, codes)


def _dimension_notes(framework: Framework, scores: Mapping[tuple[str, str], Score]) -> list[str]:
    """Return the agreed mean under each dimension's name, with its coverage when partial."""
    notes = []
    for d in dimension_scores(framework, levels_of(scores)):
        if d.mean is None:
            notes.append("")
        elif d.assessed < d.total:
            notes.append(f"{d.mean:.1f}\n{d.assessed} of {d.total} factors")
        else:
            notes.append(f"{d.mean:.1f}")
    return notes


# --- layout: fonts, circle and labels follow the figure size, so a chart reads well at any size --

_LINE_EM = 1.24  # matplotlib's line pitch for multi-line text, in ems
_PAD_IN = 0.12
Box = list[float]  # x0, y0, x1, y1 in inches from the chart's centre


def _font_size(figure: Figure) -> float:
    w, h = figure.get_size_inches()
    return float(np.clip(1.35 * min(w, h), 7.5, 10.0))


_widths: dict[tuple[str, str], float] = {}


def _text_width(text: str, family: str, size: float) -> float:
    """Return a line's width in inches from the font's metrics (no renderer needed)."""
    key = (text, family)
    if key not in _widths:
        prop = FontProperties(
            family=family, style="italic" if text.endswith(_NA_SUFFIX) else "normal", size=10
        )
        _widths[key] = text_to_path.get_text_width_height_descent(text, prop, ismath=False)[0] / 10
    return _widths[key] * 1.04 * size / 72  # a little extra for hinting at screen sizes


def _legend_columns(labels: Sequence[str], fs: float, width_in: float, family: str) -> int:
    widths = [(2.8 + 0.8 + 1.6) * fs / 72 + _text_width(s, family, fs) for s in labels]
    for ncol in range(len(widths), 1, -1):
        rows = [widths[i : i + ncol] for i in range(0, len(widths), ncol)]
        if max(sum(r) for r in rows) <= 0.94 * width_in:
            return ncol
    return 1


def _label_boxes(
    theta: np.ndarray, sizes: Sequence[tuple[float, float]], reach: float
) -> tuple[list[Box], list[tuple[HAlign, VAlign]]]:
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
            shift = (
                other[3] - mover[1] + 0.02
                if mover[1] + mover[3] > 0
                else other[1] - mover[3] - 0.02
            )
            mover[1] += shift
            mover[3] += shift
            moved = True
        if not moved:
            break
    return boxes, aligns


def _fit(chart: RadarChart, fs: float) -> bool:
    """Make the circle as large as labels, title and legend allow; shrink the font if cramped.

    Return False when even the smallest font leaves the circle too small to read.
    """
    w, h = (float(v) for v in chart.figure.get_size_inches())
    family = chart.style.font_family
    label_fs = fs * (1.1 if len(chart.axis_names) <= 8 else 1.0)
    top = _PAD_IN + (fs * 1.3 * 1.6 / 72 if chart.title.get_text() else 0.0)
    chart._laid_out_for = chart._legend_series()
    entries = [*chart._laid_out_for, "Not assessed (n/a)"]
    rows = math.ceil(len(entries) / _legend_columns(entries, fs, w, family))
    bottom = 2 * _PAD_IN + (0.85 + rows * 1.45) * fs * _LINE_EM / 72
    avail_w, avail_h = w - 2 * _PAD_IN, h - top - bottom
    sizes = []
    for i in range(len(chart.axis_names)):
        lines = chart.label_lines(i)
        sizes.append(
            (
                max(_text_width(s, family, label_fs) for s in lines),
                len(lines) * label_fs * _LINE_EM / 72,
            )
        )
    gap = 0.45 * label_fs / 72
    radius = max(0.2, min(avail_w, avail_h) / 2)
    for _ in range(60):
        boxes, aligns = _label_boxes(chart.theta, sizes, radius + gap)
        x0, x1 = min(-radius, *(b[0] for b in boxes)), max(radius, *(b[2] for b in boxes))
        y0, y1 = min(-radius, *(b[1] for b in boxes)), max(radius, *(b[3] for b in boxes))
        excess = max(x1 - x0 - avail_w, y1 - y0 - avail_h)
        if excess <= 0.01 or radius <= 0.2:
            break
        radius = max(0.2, radius - max(excess / 2, 0.02))
    if radius < 0.27 * min(w, h) and fs > 6.5:
        return _fit(chart, fs - 0.5)
    cx = _PAD_IN - x0 + (avail_w - (x1 - x0)) / 2
    cy = bottom - y0 + (avail_h - (y1 - y0)) / 2
    chart.axes.set_position(((cx - radius) / w, (cy - radius) / h, 2 * radius / w, 2 * radius / h))
    _place_labels(chart, boxes, aligns, radius, label_fs)
    for tick in chart.tick_labels:
        tick.set_fontsize(fs * 0.8)
    chart._font = fs
    chart.title.set_fontsize(fs * 1.3)
    chart.title.set_y(1 - _PAD_IN / h)
    chart.scale_note.set_fontsize(fs * 0.85)
    chart.scale_note.set_y(_PAD_IN / h)
    for series in SERIES:
        size = _LOOKS[series].markersize * min(1.0, fs / 9)
        chart.lines[series].set_markersize(size)
        chart.missing[series].set_markersize(size)
    return radius >= 0.27 * min(w, h)


def _place_labels(
    chart: RadarChart,
    boxes: Sequence[Box],
    aligns: Sequence[tuple[HAlign, VAlign]],
    radius: float,
    fs: float,
) -> None:
    """Turn each label's box (inches from the centre) into its anchor in data coordinates."""
    origin = chart.axes.get_rorigin()
    per_inch = (chart.axes.get_ylim()[1] - origin) / radius
    for text, box, (ha, va) in zip(chart.axis_labels, boxes, aligns, strict=True):
        x = {"left": box[0], "right": box[2], "center": (box[0] + box[2]) / 2}[ha]
        y = {"bottom": box[1], "top": box[3], "center": (box[1] + box[3]) / 2}[va]
        text.set_position((math.atan2(x, y) % (2 * math.pi), origin + math.hypot(x, y) * per_inch))
        text.set_horizontalalignment(ha)
        text.set_verticalalignment(va)
        text.set_multialignment(ha)
        text.set_fontsize(fs)


def _chart(
    framework: Framework,
    dimension_id: str | None,
    shown: Iterable[str],
    rounds: Sequence[RoundScores],
    style: ChartStyle | None,
    figure: Figure | None,
    title: str | None,
) -> RadarChart:
    chart = RadarChart(
        figure if figure is not None else Figure(figsize=(7, 7)),
        framework,
        dimension_id,
        shown,
        style or ChartStyle(),
        title,
    )
    chart.update(rounds)
    return chart


def dimension_radar(
    framework: Framework,
    rounds: Sequence[RoundScores],
    *,
    overlays: Sequence[str] = (),
    style: ChartStyle | None = None,
    figure: Figure | None = None,
    title: str | None = None,
) -> RadarChart:
    """Chart each VfM dimension's agreed mean; overlays may add the client and provider views."""
    unknown = set(overlays) - set(OVERLAYS)
    if unknown:
        raise ValueError(f"Unknown overlay {sorted(unknown)[0]!r}; choose from client, provider.")
    return _chart(framework, None, {"agreed", "previous", *overlays}, rounds, style, figure, title)


def factor_radar(
    framework: Framework,
    rounds: Sequence[RoundScores],
    *,
    dimension_id: str = MUTUALITY,
    perspectives: Sequence[str] = ("client", "provider", "agreed"),
    style: ChartStyle | None = None,
    figure: Figure | None = None,
    title: str | None = None,
) -> RadarChart:
    """Chart each factor of one dimension (15 for Mutuality), one line per perspective."""
    unknown = set(perspectives) - set(PERSPECTIVES)
    if unknown:
        raise ValueError(
            f"Unknown perspective {sorted(unknown)[0]!r}; choose from {', '.join(PERSPECTIVES)}."
        )
    framework.dimension(dimension_id)  # KeyError for an unknown dimension, before any drawing
    return _chart(
        framework, dimension_id, {"previous", *perspectives}, rounds, style, figure, title
    )
