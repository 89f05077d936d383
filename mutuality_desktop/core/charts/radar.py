"""The radar chart on screen: a plain matplotlib Figure, built once and updated in place.

What is plotted comes from series.py and where it goes from layout.py; this module only draws
them with matplotlib (wrapped by a Qt canvas in the app, or saved as PNG or SVG). The printed
report draws the same series and layout with reportlab (report/radar.py), without matplotlib.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.projections.polar import PolarAxes
from matplotlib.text import Text
from matplotlib.textpath import text_to_path

from ..framework import MUTUALITY, Framework
from .layout import (
    COLUMN_GAP_EM,
    HANDLE_EM,
    LINE_EM,
    PAD_IN,
    Layout,
    fit_chart,
    legend_columns,
)
from .series import (
    LOOKS,
    NA_DASHES,
    NA_GREY,
    NA_SUFFIX,
    NOT_SCORED,
    OVERLAYS,
    PERSPECTIVES,
    SERIES,
    TICK_GREY,
    Look,
    RadarSeries,
)
from .series import (
    RoundScores as RoundScores,  # re-exported: the UI imports it from here
)
from .style import ChartStyle as ChartStyle  # re-exported
from .text_cache import TextRasterCache, use_cache

_LINE_HEIGHT_EM = 1.164  # DejaVu Sans: ascent plus descent of "lp", what matplotlib spaces lines by


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
        self.series = RadarSeries(framework, dimension_id, shown)
        self.axis_names = self.series.axis_names
        self.compact = False
        self._layout: Layout | None = None  # the last layout applied: where the axis names are
        # The size (inches) the chart is seen at, when its figure is taller (scrolled): names or
        # numbers are decided there, so a taller figure does not bring names back and lose the key.
        self.view_size: tuple[float, float] | None = None
        self._font = 9.0  # base font size in points, set by the layout
        self._minor: float | None = None  # the small print's size with Large text (layout.minor)
        self._legend: Legend | None = None
        self._legend_key: tuple[object, ...] = ()
        self._laid_out_for: list[str] | None = None  # the legend entries the layout made room for
        self.text_cache = TextRasterCache()  # glyph pixels reused between screen redraws
        self.theta = np.array(self.series.theta)
        self.axes = self._make_axes()
        self.tick_labels = self._draw_grid()
        # Not assessed has no marker (any mark reads as a level): the line breaks there.
        self.lines = {series: self._make_series(series) for series in SERIES}
        self.fill = PathPatch(
            Path(np.zeros((1, 2))), facecolor=style.agreed, alpha=0.09, lw=0, zorder=2
        )
        self.axes.add_patch(self.fill)
        self.axis_labels = [self._axis_text(0.0, 0.0, name) for name in self.axis_names]
        # Each series' name beside its line (direct labels): told apart without colour or a key.
        self.direct_labels = {series: self._direct_text(series) for series in SERIES}
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
        self.scale_note = self._cached(
            figure.text(
                0.5,
                0.01,
                self.series.scale_note,
                ha="center",
                va="bottom",
                color=TICK_GREY,
                fontfamily=style.font_family,
            )
        )

    # --- public -------------------------------------------------------------------------------

    def update(self, rounds: Sequence[RoundScores]) -> None:
        """Show these rounds (oldest first, the last is current) by changing the artists' data."""
        marked = self.series.not_applicable
        self.series.update(rounds)
        if self.series.not_applicable != marked:
            self._laid_out_for = None  # a name gained or lost its "not applicable" line: lay out again
        self._redraw_data()

    def set_out_of_scope(self, ids: Iterable[str]) -> None:
        """Mark the axes outside the round's scope "not in this round" (no n/a marker), and leave
        the factors outside it out of the dimension chart's "n of N factors"; takes effect at the
        next update. ids: dimension and factor ids (core.scope.outside_scope)."""
        given = frozenset(ids)
        axes = given & frozenset(self.series.axis_ids)
        self.series.factors_out = given & frozenset(f.id for f in self.framework.factors)
        if axes != self.series.out_of_scope:
            self.series.out_of_scope = axes
            self._laid_out_for = None  # the labels changed: lay the chart out again

    def show(self, series: Iterable[str]) -> None:
        """Choose the series drawn, of agreed, previous, client and provider."""
        self.series.shown = set(series) & set(SERIES)
        self._redraw_data()

    @property
    def shown(self) -> frozenset[str]:
        return frozenset(self.series.shown)

    def values(self, series: str) -> list[float | None]:
        """Return one series' values in axis order, None where it is not assessed."""
        return self.series.values(series)

    def is_visible(self, series: str) -> bool:
        return self.series.is_visible(series)

    def data_artists(self) -> list[Artist]:
        """Return the artists a score can change, in drawing order; the rest is background.

        The dimension chart's labels carry the means, so they come along. The UI canvas redraws
        only these (and the overlay) over a cached background.
        """
        artists: list[Artist] = [self.fill, *self.lines.values(), *self.direct_labels.values()]
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
        w, h = (float(v) for v in self.figure.get_size_inches())
        family = self.style.font_family

        def fit(width: float, height: float, numbered: bool | None = None) -> Layout:
            return fit_chart(
                self.series, width, height, lambda text, size: text_width(text, family, size),
                titled=bool(self.title.get_text()), font_scale=self.style.font_scale,
                legend_scale=self.style.legend_scale, large_text=self.style.large_text, numbered=numbered,
            )

        seen = self.view_size
        layout = fit(w, h) if seen is None or seen == (w, h) else fit(w, h, fit(*seen).compact)
        self._apply(layout)
        self._refresh_axis_labels()
        self._legend_key = ()
        self._refresh_legend()
        self._place_direct_labels()

    def wrapped_name(self, i: int) -> list[str]:
        """Wrap an axis name: narrow at the sides, where labels stack, wider at top and bottom."""
        return self.series.wrapped_name(i, self.compact)

    def label_lines(self, i: int) -> list[str]:
        """Return the lines to reserve room for: the widest and longest axis label i can have."""
        return self.series.label_lines(i, self.compact)

    # --- building -----------------------------------------------------------------------------

    def _make_axes(self) -> PolarAxes:
        ax = self.figure.add_axes((0.1, 0.1, 0.8, 0.8), projection="polar")
        assert isinstance(ax, PolarAxes)
        ax.set_theta_offset(math.pi / 2)
        ax.set_theta_direction(-1)
        scale = self.framework.scale
        span = scale.maximum - scale.minimum
        ax.set_ylim(scale.minimum, scale.maximum + 0.14 * span)  # room for names beside level 5
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
                color=TICK_GREY,
                ha="center",
                va="center",
                zorder=6,
                fontfamily=self.style.font_family,
                clip_on=False,
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.85},
            )
            ticks.append(self._cached(t))
        return ticks

    def _make_series(self, series: str) -> Line2D:
        look, colour = LOOKS[series], str(getattr(self.style, series))
        (line,) = self.axes.plot(
            [],
            [],
            color=colour,
            linestyle=linestyle(look),
            lw=look.linewidth,
            marker=look.marker,
            markersize=look.markersize,
            zorder=look.zorder,
            markeredgecolor="white" if look.hollow_edge else colour,
            markeredgewidth=0.8 if look.hollow_edge else 0.0,
            clip_on=False,
        )
        line.set_label(self.series.labels[series])
        return line

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
                # the line pitch the layout reserves (LINE_EM): matplotlib's own (1.2 times a
                # line's height, about 1.4 em) made tall labels overlap their neighbours
                linespacing=LINE_EM / _LINE_HEIGHT_EM,
            )
        )

    # --- data ---------------------------------------------------------------------------------

    def _direct_text(self, series: str) -> Text:
        return self.axes.text(
            0.0, 0.0, "", ha="center", va="center", color=getattr(self.style, series),
            fontfamily=self.style.font_family, fontweight="bold", zorder=7, visible=False,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        )

    def _place_direct_labels(self) -> None:
        """Write each shown series' name beside one of its points, clear of every point, level
        number and other name (RadarSeries.place_labels); where there is no such place, the
        legend alone names it. Placed in inches on the figure, from the axes' current position."""
        fig_w, fig_h = (float(v) for v in self.figure.get_size_inches())
        x0, y0, aw, ah = self.axes.get_position().bounds
        radius = min(aw * fig_w, ah * fig_h) / 2
        cx, cy = (x0 + aw / 2) * fig_w, (y0 + ah / 2) * fig_h
        origin, top = self.axes.get_rorigin(), self.axes.get_ylim()[1]

        def point(i: int, value: float) -> tuple[float, float]:
            return self._at(cx, cy, radius, origin, top, float(self.theta[i]), value)

        fs = float(self.direct_labels["agreed"].get_fontsize())
        family = self.style.font_family

        def size(text: str) -> tuple[float, float]:
            return bold_width(text, family, fs) + 0.3 * fs / 72, 1.5 * fs / 72

        marker = max(float(self.lines[s].get_markersize()) for s in self.series.visible()) \
            if self.series.visible() else 0.0
        names = [] if self._layout is None else [
            (cx + b[0], cy + b[1], cx + b[2], cy + b[3]) for b in self._layout.boxes]
        # On a small circle a name would cover the plot, so the legend alone names the series
        # (play-through 7: "Client" lay over a 1024x768 Large-text radar 100 px across). A compact
        # chart with room keeps its names: its legend may be scrolled below the view (1024, Large
        # text) and High contrast makes the VfM radar compact at 1366 (play-through 10).
        widest = max((size(self.series.direct_label_text(s))[0] for s in self.series.visible()), default=0.0)
        cramped = self.compact and widest > 0.5 * radius
        placed = {} if cramped else {p.series: p for p in self.series.place_labels(
            point, size, marker / 2 / 72 + 1.5 / 72,
            self._tick_boxes(cx, cy, radius, origin, top) + names, 1.25 * radius)}
        for series, text in self.direct_labels.items():
            label = placed.get(series)
            text.set_visible(label is not None)
            if label is not None:
                text.set_text(label.text)
                text.set_position((label.x, label.y))
                text.set_horizontalalignment("center")
                text.set_verticalalignment("center")
                text.set_transform(self.figure.dpi_scale_trans)

    @staticmethod
    def _at(cx: float, cy: float, radius: float, origin: float, top: float, theta: float,
            value: float) -> tuple[float, float]:
        d = (value - origin) / (top - origin) * radius
        return cx + d * math.sin(theta), cy + d * math.cos(theta)

    def _tick_boxes(self, cx: float, cy: float, radius: float, origin: float,
                    top: float) -> list[tuple[float, float, float, float]]:
        """The level numbers' white boxes, in inches on the figure (see _draw_grid)."""
        half = math.pi / len(self.theta)
        boxes = []
        for tick in self.tick_labels:
            r = float(tick.get_position()[1])
            x, y = self._at(cx, cy, radius, origin, top, half, r)
            fs = float(tick.get_fontsize())
            w = text_width(tick.get_text(), self.style.font_family, fs) / 2 + 0.15 * fs / 72
            h = 0.75 * fs / 72
            boxes.append((x - w, y - h, x + w, y + h))
        return boxes

    def _redraw_data(self) -> None:
        for series in SERIES:
            self._set_series_data(series)
        if self.series.legend_series() != self._laid_out_for:
            self.relayout()  # the legend gained or lost an entry: make room for it
        else:
            self._refresh_axis_labels()
            self._refresh_legend()
            self._place_direct_labels()

    def _set_series_data(self, series: str) -> None:
        """Draw one series' line, broken where it is not assessed."""
        values = self.series.values(series)
        r = np.array([np.nan if v is None else v for v in values], dtype=float)
        line = self.lines[series]
        line.set_data(np.append(self.theta, self.theta[:1]), np.append(r, r[:1]))
        line.set_visible(self.is_visible(series))
        line.set_label(self.series.labels[series])
        if series == "agreed":
            self.fill.set_path(self._band())
            self.fill.set_visible(self.is_visible(series))

    def _band(self) -> Path:
        """Return the area between the lowest ring and the agreed line, where the line is drawn."""
        floor = float(self.framework.scale.minimum)
        values = self.series.values("agreed")
        vertices: list[tuple[float, float]] = []
        codes: list[np.uint8] = []
        for i, j in self.series.band():
            t_end = self.theta[j] if j else 2 * math.pi
            ri, rj = float(values[i] or 0.0), float(values[j] or 0.0)
            quad = [(self.theta[i], floor), (self.theta[i], ri), (t_end, rj), (t_end, floor),
                    (self.theta[i], floor)]
            vertices += [(float(a), float(b)) for a, b in quad]
            codes += [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY]
        if not vertices:
            return Path(np.zeros((1, 2)))
        return Path(vertices, codes)

    def _refresh_axis_labels(self) -> None:
        """Grey out axes no shown series has scored; the dimension chart adds mean and coverage."""
        for i, text in enumerate(self.axis_labels):
            label = self.series.axis_label(i, self.compact)
            text.set_text(label.text)
            text.set_color(self.style.text if label.scored else self.style.unscored)
            text.set_fontstyle("normal" if label.scored else self.style.unscored_style)

    def _legend_entries(self) -> tuple[list[Line2D], list[str]]:
        handles = [self.lines[s] for s in self.series.visible()]
        labels = self.series.legend_labels()
        if self.series.any_missing():  # a grey line with a gap in it: what a break means
            handles.append(Line2D([], [], color=NA_GREY, linestyle=(0, NA_DASHES), lw=1.6))
        return handles, labels

    def _refresh_legend(self) -> None:
        handles, labels = self._legend_entries()
        key = (tuple(labels), tuple(self.figure.get_size_inches()))
        if key == self._legend_key:
            return
        self._legend_key = key
        if self._legend is not None:
            self._legend.remove()
        fs = self._minor_font(1.0) * self.style.legend_scale
        family = self.style.font_family
        ncol = legend_columns(labels, fs, float(self.figure.get_size_inches()[0]),
                              lambda text, size: text_width(text, family, size))
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
            handlelength=HANDLE_EM,
            columnspacing=COLUMN_GAP_EM,
            borderaxespad=0.0,
            prop={"family": family, "size": fs},
        )
        for text in self._legend.get_texts():
            text.set_color(self.style.text)
            self._cached(text)

    def _apply(self, layout: Layout) -> None:
        """Move the circle, labels, fonts and markers to where the layout puts them."""
        w, h = layout.width, layout.height
        radius, (cx, cy) = layout.radius, layout.centre
        self.compact = layout.compact
        self._layout = layout
        self._laid_out_for = layout.laid_out_for
        self.axes.set_position(((cx - radius) / w, (cy - radius) / h, 2 * radius / w, 2 * radius / h))
        origin = self.axes.get_rorigin()
        per_inch = (self.axes.get_ylim()[1] - origin) / radius
        for i, text in enumerate(self.axis_labels):
            x, y = layout.anchor(i)
            ha, va = layout.aligns[i]
            text.set_position((math.atan2(x, y) % (2 * math.pi), origin + math.hypot(x, y) * per_inch))
            text.set_horizontalalignment(ha)
            text.set_verticalalignment(va)
            text.set_multialignment(ha)
            text.set_fontsize(layout.label_font)
        fs = layout.font
        self._font, self._minor = fs, layout.minor
        for tick in self.tick_labels:
            tick.set_fontsize(max(self._minor_font(0.8), 8.0))  # readable beside the markers
            tick.set_color(self.style.quiet)
        self.scale_note.set_color(self.style.quiet)
        for line in self.axes.get_lines():
            if line.get_zorder() == 1:  # the rings and spokes drawn by _draw_grid
                line.set_color(self.style.grid_line)
        self.title.set_color(self.style.text)
        self._font = fs
        self.title.set_fontsize(fs * 1.3)
        self.title.set_y(1 - PAD_IN / h)
        self.scale_note.set_fontsize(self._minor_font(0.85))
        self.scale_note.set_y(PAD_IN / h)
        scale = self.style.font_scale
        for series in SERIES:
            size = LOOKS[series].markersize * min(1.0, fs / scale / 9) * scale
            self.lines[series].set_markersize(size)
            self.lines[series].set_linewidth(LOOKS[series].linewidth * scale**0.5)
            self.direct_labels[series].set_fontsize(self._minor_font(0.85))

    def _minor_font(self, ratio: float) -> float:
        """The small print's size: ratio of the base font, or with Large text the full larger size
        (level numbers, "Agreed" and "Baseline" tags, the scale note and the legend)."""
        return self._minor if self._minor is not None else self._font * ratio


def linestyle(look: Look) -> str | tuple[float, tuple[float, ...]]:
    """matplotlib's line style for a look (it scales dashes by the line width, as the look means)."""
    return "-" if look.dashes is None else (0, look.dashes)


_widths: dict[tuple[str, str], float] = {}
_bold_widths: dict[tuple[str, str], float] = {}


def bold_width(text: str, family: str, size: float) -> float:
    """Return a bold line's width in inches (a series' name on the chart)."""
    key = (text, family)
    if key not in _bold_widths:
        prop = FontProperties(family=family, weight="bold", size=10)
        _bold_widths[key] = text_to_path.get_text_width_height_descent(text, prop, ismath=False)[0] / 10
    return _bold_widths[key] * 1.04 * size / 72


def text_width(text: str, family: str, size: float) -> float:
    """Return a line's width in inches from the font's metrics (no renderer needed)."""
    key = (text, family)
    if key not in _widths:
        prop = FontProperties(
            family=family, style="italic" if text.endswith(NA_SUFFIX) or text == NOT_SCORED else "normal", size=10
        )
        _widths[key] = text_to_path.get_text_width_height_descent(text, prop, ismath=False)[0] / 10
    return _widths[key] * 1.04 * size / 72  # a little extra for hinting at screen sizes


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
