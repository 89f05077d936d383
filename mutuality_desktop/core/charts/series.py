"""What a radar chart shows, in plain Python: its axes, each series' values, labels and legend.

Both drawings of a chart read this: the matplotlib one on screen (radar.py) and the reportlab one
in the printed report (report/radar.py). Neither decides what is plotted; this does.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..agreement import NOT_AGREED, NOT_YET_AGREED, Agreement, agreement_in
from ..applicability import marks
from ..framework import Framework
from ..model import PERSPECTIVES as PERSPECTIVES  # one vocabulary (core/model.py), re-exported
from ..model import Score
from ..scoring import dimension_scores, levels_of, minimum_agreed

RoundScores = tuple[str, Mapping[tuple[str, str], Score]]

SERIES = ("agreed", "previous", "client", "provider")  # drawing and legend order
OVERLAYS = ("client", "provider")
NA_GREY = "#8c8c8c"
NOT_SCORED = "not yet scored"  # under an axis in the round that nobody has scored ("n/a" read as not applicable)
NA_SUFFIX = f" ({NOT_SCORED})"  # the same, after a name on one line (a Word or PowerPoint chart's category)
NA_DASHES = (5.0, 4.0)  # the legend's "gap in a line" sample: on, off, in line widths
OUT_OF_SCOPE = "not in this round"  # under an axis outside the round's scope: not a zero, not a gap
NOT_APPLICABLE = "not applicable"  # under a factor marked not applicable in the round: not a gap either
TICK_GREY = "#6b6b6b"
PROVISIONAL = "provisional"  # after a dimension's mean below minimum coverage: not yet a finding
FACTORS = "factors"  # "14 of 15 factors" under a partly scored dimension's mean; "14 of 15" where room is short


def coverage_text(agreed: int, total: int, short: bool = False) -> str:
    """What a dimension's mean rests on: "14 of 15 factors", or "14 of 15" on a compact chart."""
    return f"{agreed} of {total}" + ("" if short else f" {FACTORS}")


@dataclass(frozen=True)
class Look:
    """How one series is drawn; dashes are in line widths (on, off, ...), None for a solid line."""

    dashes: tuple[float, ...] | None
    marker: str  # "o" circle, "D" diamond, "s" square, "^" triangle
    linewidth: float
    markersize: float
    zorder: float

    @property
    def hollow_edge(self) -> bool:
        """Agreed and previous markers have a white edge, so they read on top of a line."""
        return self.marker in ("o", "D")

    @property
    def office_marker(self) -> str:
        """The marker's name in Office charts (xlsxwriter's; python-pptx's XL_MARKER_STYLE upper-cased)."""
        return {"o": "circle", "D": "diamond", "s": "square", "^": "triangle"}[self.marker]

    @property
    def office_dash(self) -> str:
        """The line's dash in Office charts (xlsxwriter's; MSO_LINE_DASH_STYLE upper-cased)."""
        if self.dashes is None:
            return "solid"
        if len(self.dashes) >= 4:
            return "dash_dot"
        return "round_dot" if self.dashes[0] < 2 else "dash"


# Every series differs by line style and marker as well as colour: colour-blind and greyscale safe.
# The overlays are thinner and drawn over the agreed line, so where a side's view equals the agreed
# level both stay visible: the agreed circle is the larger, and rings the square or triangle drawn
# on it (as the PowerPoint chart does; play-through 4: a triangle hid the agreed dot).
LOOKS = {
    "agreed": Look(None, "o", 2.6, 10.0, 4),
    "previous": Look((6.0, 3.0), "D", 1.5, 5.5, 3),
    "client": Look((1.2, 1.6), "s", 1.6, 5.5, 5),
    "provider": Look((5.0, 1.6, 1.2, 1.6), "^", 1.5, 7.0, 5.5),
}


@dataclass(frozen=True)
class DirectLabel:
    """A series' name written beside its line (direct labelling): at axis i, at the series' value
    there, outward (side 1) or inward (side -1) of the line."""

    series: str
    text: str
    axis: int
    value: float
    side: int


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in a drawing's units, y up


@dataclass(frozen=True)
class PlacedLabel:
    """A series' name as drawn: its box's centre, in the drawing's units (y up)."""

    series: str
    text: str
    x: float
    y: float


@dataclass(frozen=True)
class AxisLabel:
    text: str  # lines joined by "\n"
    scored: bool  # False: no shown series has scored this axis (drawn grey and italic)


class RadarSeries:
    """The axes and series of one chart, updated as scores change."""

    def __init__(self, framework: Framework, dimension_id: str | None, shown: Iterable[str]) -> None:
        self.framework = framework
        self.dimension_id = dimension_id  # None: one axis per VfM dimension
        if dimension_id is None:
            self.axis_names = [d.name for d in framework.dimensions]
            self.axis_ids = [d.id for d in framework.dimensions]
        else:
            factors = framework.dimension(dimension_id).factors
            self.axis_names = [f.name for f in factors]
            self.axis_ids = [f.id for f in factors]
        n = len(self.axis_names)
        self.theta = [2 * math.pi * i / n for i in range(n)]  # axis 1 at the top, clockwise
        self.shown = set(shown) & set(SERIES)
        self._values: dict[str, list[float | None]] = {s: [None] * n for s in SERIES}
        self.labels = {"agreed": "Agreed", "previous": "Previous", "client": "Client view",
                       "provider": "Provider view"}
        self.notes = [""] * n  # dimension chart: mean and coverage under each name
        self.round_count = 0
        first, last = framework.scale.levels[0], framework.scale.levels[-1]
        self.scale_note = f"Levels {first.value} ({first.name}) to {last.value} ({last.name})"
        # No marker stands for "not assessed" (any mark on the chart reads as a level): the line
        # breaks there and the axis name says "not yet scored"; the legend says what a gap means.
        self.na_label = "Gap in a line: not yet scored"
        self.not_agreed: frozenset[str] = frozenset()  # axis ids the room could not agree (guide 2.1)
        self.out_of_scope: frozenset[str] = frozenset()  # axis ids outside the round's scope
        self.factors_out: frozenset[str] = frozenset()  # factor ids outside it (counted out of "n of N")
        self.not_applicable: frozenset[str] = frozenset()  # axis ids marked not applicable this round

    def update(self, rounds: Sequence[RoundScores]) -> None:
        """Show these rounds (oldest first, the last is current)."""
        n = len(self.axis_names)
        self.round_count = len(rounds)
        self._values = {s: [None] * n for s in SERIES}
        self.notes = [""] * n
        self.not_applicable = frozenset()
        self.not_agreed = frozenset()
        if rounds:
            label, current = rounds[-1]
            if self.dimension_id is not None:  # said under the name, as "not in this round" is
                self.not_applicable = frozenset(marks(current)) & frozenset(self.axis_ids)
            for perspective in PERSPECTIVES:
                self._values[perspective] = self._series_values(current, perspective)
            self.labels["agreed"] = f"Agreed, {label}" if len(rounds) > 1 else "Agreed"
            self.not_agreed = frozenset(a for a in self.axis_ids if agreement_in(current, a) is Agreement.NOT_AGREED)
            if self.dimension_id is None:
                self.notes = dimension_notes(self.framework, current, self.factors_out)
        if len(rounds) > 1:
            label, before = rounds[-2]
            self._values["previous"] = self._series_values(before, "agreed")
            self.labels["previous"] = f"Agreed, {label}"

    def not_agreed_at(self, series: str, i: int) -> str | None:
        """"not agreed" where the agreed line breaks at a factor the room could not agree, else None."""
        disputed = series == "agreed" and self._values[series][i] is None and self.axis_ids[i] in self.not_agreed
        return NOT_AGREED.lower() if disputed else None

    def key_names(self) -> list[str]:
        """The key to a numbered chart, spoke by spoke: the name, with "(not agreed)" where the
        agreed line breaks at a factor the room could not agree (a number alone cannot say it)."""
        agreed = self.is_visible("agreed")
        return [f"{name} ({note})" if agreed and (note := self.not_agreed_at("agreed", i)) else name
                for i, name in enumerate(self.axis_names)]

    def values(self, series: str) -> list[float | None]:
        """One series' values in axis order, None where it is not assessed."""
        return list(self._values[series])

    def is_visible(self, series: str) -> bool:
        return series in self.shown and (series != "previous" or self.round_count > 1)

    def visible(self) -> list[str]:
        return [s for s in SERIES if self.is_visible(s)]

    def legend_series(self) -> list[str]:
        """The legend's labels for the visible series, in order."""
        return [self.labels[s] for s in self.visible()]

    def missing(self, series: str) -> list[int]:
        """The axes a visible series has not assessed, where its line breaks. Nothing is drawn
        there (no marker: at the rim it read as level 5, in the hub as level 0); the axis name
        says "not yet scored". A series with nothing assessed has no line to break."""
        values = self._values[series]
        if not self.is_visible(series) or all(v is None for v in values):
            return []
        return [i for i, v in enumerate(values) if v is None and self.axis_ids[i] not in self.out_of_scope
                and self.axis_ids[i] not in self.not_applicable]

    def direct_label_text(self, series: str) -> str:
        """The short name written beside a series' line: Client, Provider, Agreed, or the earlier
        round's name (e.g. "Baseline") for the previous round's agreed levels."""
        if series == "previous":
            return self.labels["previous"].removeprefix("Agreed, ")
        return {"agreed": "Agreed", "client": "Client", "provider": "Provider"}[series]

    def direct_labels(self) -> list[DirectLabel]:
        """Each visible series' preferred axis for its name, never shared between two names: the
        first of label_axes not taken (where the drawings start looking; place_labels decides)."""
        used: set[int] = set()
        out: list[DirectLabel] = []
        for series in [s for s in self.visible() if any(v is not None for v in self._values[s])]:
            for i, side in self.label_axes(series):
                if i not in used:
                    used.add(i)
                    value = self._values[series][i]
                    assert value is not None
                    out.append(DirectLabel(series, self.direct_label_text(series), i, float(value), side))
                    break
        return out

    def label_axes(self, series: str) -> list[tuple[int, int]]:
        """The axes where a series' name may go beside its point, best first, with the side (1
        outward, -1 inward): those the series' value is furthest from the others', away from the
        level numbers between the first two axes (the order direct_labels takes the first of)."""
        scale = self.framework.scale
        top, bottom = scale.maximum, scale.minimum
        shown = [s for s in self.visible() if any(v is not None for v in self._values[s])]
        ranked: list[tuple[float, int, int]] = []
        for i, value in enumerate(self._values[series]):
            if value is None:
                continue
            others = [v for s in shown if s != series and (v := self._values[s][i]) is not None]
            gap = min((abs(value - v) for v in others), default=float(top - bottom))
            outward = all(value >= v for v in others)
            room = (top - value) if outward else (value - bottom)
            score = gap + (0.3 if outward else 0.0) + (0.2 if room >= 1 else 0.0)
            if i in (0, 1):
                score -= 0.6
            ranked.append((-score, i, 1 if outward else -1))
        ranked.sort()
        return [(i, side) for _, i, side in ranked]

    def place_labels(self, point: Callable[[int, float], tuple[float, float]],
                     size: Callable[[str], tuple[float, float]], marker_radius: float,
                     keep_clear: Sequence[Box], rim: float) -> list[PlacedLabel]:
        """Where each visible series' name is written on the chart, in the drawing's own units
        (y up): beside one of its own points, never over any drawn point (of any series), a level
        number, another name or past the outer ring (rim: the greatest distance from the centre,
        point(0, minimum) being the centre's offset). A series with no such place gets no name on
        the chart: the legend names it (play-through 4: "Provider" hid the provider and agreed
        points at one factor, "Agreed" sat on the level number 3).

        point(i, value): where value on axis i is drawn; size(text): a name's box (width, height)
        with its padding; marker_radius: half a marker's size, with a margin."""
        centre = _centre(point, len(self.theta), float(self.framework.scale.minimum))
        markers = [point(i, v) for s in self.visible() for i, v in enumerate(self._values[s]) if v is not None]
        taken: list[Box] = list(keep_clear)
        out: list[PlacedLabel] = []
        for series in [s for s in self.visible() if any(v is not None for v in self._values[s])]:
            text = self.direct_label_text(series)
            w, h = size(text)
            for i, side in self.label_axes(series):
                value = self._values[series][i]
                assert value is not None
                px, py = point(i, value)
                box = _free_box(px, py, w, h, marker_radius, side, (px - centre[0], py - centre[1]),
                                markers, taken, centre, rim)
                if box is not None:
                    taken.append(box)
                    out.append(PlacedLabel(series, text, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
                    break
        return out

    def any_missing(self) -> bool:
        return any(self.missing(s) for s in SERIES)

    def legend_labels(self) -> list[str]:
        """Every legend entry: the visible series, then the not-assessed marker when one is drawn."""
        return self.legend_series() + ([self.gap_label()] if self.any_missing() else [])

    def gap_label(self) -> str:
        """The legend's gap entry: "not agreed" when every gap is a factor the room could not agree
        (both sides scored it), else "not yet scored" (each axis name says which)."""
        disputed = all(s == "agreed" and self.axis_ids[i] in self.not_agreed
                       for s in SERIES for i in self.missing(s))
        return f"Gap in a line: {NOT_AGREED.lower()}" if disputed and self.any_missing() else self.na_label

    def wrapped_name(self, i: int, compact: bool) -> list[str]:
        """Wrap an axis name: narrow at the sides, where labels stack, wider at top and bottom."""
        if compact and self.dimension_id is not None:
            return [str(i + 1)]
        if len(self.axis_names) <= 8:
            width = 13
        else:
            width = 22 if abs(math.sin(self.theta[i])) < 0.65 else 16
        return textwrap.wrap(self.axis_names[i], width)

    def label_lines(self, i: int, compact: bool) -> list[str]:
        """The lines to reserve room for: the widest and longest axis label i can have."""
        lines = self.wrapped_name(i, compact)
        if compact and self.dimension_id is not None:
            return lines  # a numbered spoke is its number alone: its state is in the key and the table
        if self.axis_ids[i] in self.out_of_scope:
            lines.append(OUT_OF_SCOPE)
        elif self.axis_ids[i] in self.not_applicable:
            lines.append(NOT_APPLICABLE)
        if self.dimension_id is None:  # the longest note: "2.0, provisional" over "12 of 14 factors"
            k = len(self.framework.dimensions[i].factors)
            lines += [f"0.0, {PROVISIONAL}", coverage_text(k, k, compact)]
        elif len(lines) == len(self.wrapped_name(i, compact)):
            # the line it has while nobody has scored it, or (a little wider) while the sides' views
            # are shown and the room has not agreed it
            lines.append(NOT_YET_AGREED.lower())
        return lines

    def axis_label(self, i: int, compact: bool) -> AxisLabel:
        """The label under axis i: grey "not yet scored" where no shown perspective scored it, or
        "not agreed" where the room could not agree it."""
        current = [s for s in PERSPECTIVES if s in self.shown]
        name = "\n".join(self.wrapped_name(i, compact))
        if compact and self.dimension_id is not None:  # a number beside its spoke, grey where unscored
            return AxisLabel(name, any(self._values[s][i] is not None for s in current))
        if any(self._values[s][i] is not None for s in current):
            note = self.notes[i] if "agreed" in current else ""
            if compact:  # small or Large text: "14 of 15", not "14 of 15 factors" (never dropped: the
                # mean of a partly scored dimension says what it rests on; play-through 10)
                note = note.removesuffix(f" {FACTORS}")
            elif "agreed" in current and self._values["agreed"][i] is None and self.dimension_id is not None:
                note = self._no_agreed_level(i)  # the sides' points drawn, the agreed line broken: why
            return AxisLabel(f"{name}\n{note}" if note else name, True)
        if self.axis_ids[i] in self.out_of_scope:
            return AxisLabel(f"{name}\n{OUT_OF_SCOPE}", False)
        if self.axis_ids[i] in self.not_applicable:
            return AxisLabel(f"{name}\n{NOT_APPLICABLE}", False)
        if self.axis_ids[i] in self.not_agreed:  # both sides scored it; the room did not agree a level
            return AxisLabel(f"{name}\n{NOT_AGREED.lower()}", False)
        return AxisLabel(f"{name}\n{NOT_SCORED}", False)

    def _no_agreed_level(self, i: int) -> str:
        """Why a factor the sides' views have points on has no agreed level: the room did not agree
        it, it is outside the round, or it is not agreed yet (play-through 11: with Client view
        ticked, the spoke of a factor the room did not agree lost its "not agreed")."""
        if self.axis_ids[i] in self.not_agreed:
            return NOT_AGREED.lower()
        if self.axis_ids[i] in self.out_of_scope:
            return OUT_OF_SCOPE
        return NOT_YET_AGREED.lower()

    def band(self) -> list[tuple[int, int]]:
        """The pairs of neighbouring axes both agreed: the shaded area runs between those only."""
        values, n = self._values["agreed"], len(self.theta)
        if n < 3 or not self.is_visible("agreed"):
            return []
        return [(i, (i + 1) % n) for i in range(n)
                if values[i] is not None and values[(i + 1) % n] is not None]

    def segments(self, series: str) -> list[list[int]]:
        """Runs of neighbouring assessed axes, closing the ring: a line is broken where n/a."""
        values, n = self._values[series], len(self.theta)
        if not self.is_visible(series):
            return []
        if all(v is not None for v in values):
            return [[*range(n), 0]] if n else []
        start = next(i for i, v in enumerate(values) if v is None)
        runs: list[list[int]] = []
        run: list[int] = []
        for k in range(1, n + 1):
            i = (start + k) % n
            if values[i] is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append(i)
        return runs

    def absence(self, i: int) -> str:
        """Why axis i has no value, in words: "not in this round", "not applicable" or "not assessed"."""
        if self.axis_ids[i] in self.out_of_scope:
            return OUT_OF_SCOPE
        if self.axis_ids[i] in self.not_applicable:
            return NOT_APPLICABLE
        return self.framework.scale.not_assessed_label.lower()

    def _series_values(self, scores: Mapping[tuple[str, str], Score], perspective: str) -> list[float | None]:
        levels = levels_of(scores, perspective)
        if self.dimension_id is None:
            return [d.mean for d in dimension_scores(self.framework, levels)]
        na = marks(scores)  # a level given before the factor was marked not applicable is not drawn,
        # as no output prints it: the spoke says "not applicable" instead
        return [None if (lv := levels.get(a)) is None or a in na else float(lv) for a in self.axis_ids]


def dimension_notes(framework: Framework, scores: Mapping[tuple[str, str], Score],
                    out_of_scope: Iterable[str] = ()) -> list[str]:
    """The agreed mean under each dimension's name, with its coverage when partial: counted over
    the round's factors (those left out of the round or not applicable are not counted, unless a
    left-out one was agreed all the same), as the Results coverage counts them."""
    outside = frozenset(out_of_scope)
    levels = levels_of(scores)
    notes = []
    for dim, d in zip(framework.dimensions, dimension_scores(framework, levels), strict=True):
        na = marks(levels)
        total = sum(1 for f in dim.factors if f.id not in na
                    and (f.id not in outside or levels.get(f.id) is not None))
        if d.mean is None:
            notes.append("")
        elif d.assessed < minimum_agreed(total):  # as the report's table says it: not yet a finding
            notes.append(f"{d.mean:.1f}, {PROVISIONAL}\n{coverage_text(d.assessed, total)}")
        elif d.assessed < total:
            notes.append(f"{d.mean:.1f}\n{coverage_text(d.assessed, total)}")
        else:
            notes.append(f"{d.mean:.1f}")
    return notes


def _centre(point: Callable[[int, float], tuple[float, float]], n: int, low: float) -> tuple[float, float]:
    """The chart's centre: the middle of the lowest ring's points (a ring, not the centre, is low)."""
    ring = [point(i, low) for i in range(n)]
    return sum(p[0] for p in ring) / n, sum(p[1] for p in ring) / n


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _free_box(px: float, py: float, w: float, h: float, r: float, side: int, outward: tuple[float, float],
              markers: Sequence[tuple[float, float]], taken: Sequence[Box], centre: tuple[float, float],
              rim: float) -> Box | None:
    """A name's box beside the point (px, py), clear of every marker (radius r), of the boxes taken
    and inside the rim; tried along the spoke on the series' side first, then round the point."""
    length = math.hypot(*outward) or 1.0
    ux, uy = outward[0] / length * side, outward[1] / length * side
    directions = [(ux, uy)]
    for k in range(1, 8):  # then round the point, nearest turns first
        a = math.atan2(uy, ux) + (1 if k % 2 else -1) * ((k + 1) // 2) * math.pi / 4
        directions.append((math.cos(a), math.sin(a)))
    for dx, dy in directions:
        # move out until the box clears the point's own marker, whichever way it goes
        reach = min(w / 2 / abs(dx) if abs(dx) > 1e-9 else math.inf,
                    h / 2 / abs(dy) if abs(dy) > 1e-9 else math.inf)
        for extra in (0.0, 0.5 * h):
            d = reach + r + extra
            cx, cy = px + dx * d, py + dy * d
            box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            if any(_overlaps(box, (mx - r, my - r, mx + r, my + r)) for mx, my in markers):
                continue
            if any(_overlaps(box, other) for other in taken):
                continue
            corners = [(box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3])]
            if any(math.hypot(x - centre[0], y - centre[1]) > rim for x, y in corners):
                continue
            return box
    return None
