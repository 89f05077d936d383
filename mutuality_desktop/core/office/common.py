"""What the Word, Excel and PowerPoint outputs share: safe text, headline figures, chart pictures
with alt text that states their values, logos and the atomic write.

Everything is read from the same ReportData the PDF report is built from; nothing here re-reads
the engagement file.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import files
from ..agreement import NOT_AGREED
from ..applicability import marks
from ..background import CHART_LOCK
from ..branding import BrandingProfile, Logo
from ..charts.series import NA_SUFFIX, RadarSeries
from ..charts.style import ChartStyle
from ..errors import MutualityError
from ..framework import MUTUALITY, Factor
from ..report.basis import round_factors
from ..report.data import ReportData, RoundData
from ..report.rows import key_figures, safe_index

# Characters XML 1.0 cannot hold (a received file may carry them in a note): dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_chart_lock = CHART_LOCK  # matplotlib is process-wide: the Results charts draw holding it too
CHART_DPI = 192  # twice a 96 dpi screen: sharp on a laptop's high-density display and in print


class OfficeError(MutualityError):
    """A Word, Excel or PowerPoint file could not be written or its template read."""


class OfficeCancelled(OfficeError):
    """The user cancelled the export; nothing was written."""


def check_cancel(cancel: threading.Event | None) -> None:
    """Stop an export the user cancelled (checked between sections and before the file appears)."""
    if cancel is not None and cancel.is_set():
        raise OfficeCancelled("The export was cancelled; nothing was written.")


def clean(text: object) -> str:
    """User text as a document can hold it: literal, with line breaks kept and XML-illegal
    control characters removed (never interpreted as markup, fields or formulas)."""
    value = "" if text is None else str(text)
    return _NOT_XML.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: object) -> str:
    return " ".join(clean(text).split())


@dataclass(frozen=True)
class Tile:
    """One headline figure: its value, the unit beside it and what it is."""

    value: str
    unit: str
    label: str


def headline_figures(data: ReportData) -> list[Tile]:
    """The four headline numbers of the report's executive summary, as plain text: the PDF's own
    (core/report/rows.key_figures), so every output gives the same figures and labels."""
    return [Tile(k.value, k.unit, k.label) for k in key_figures(data)]


def chart_style(branding: BrandingProfile) -> ChartStyle:
    try:
        return ChartStyle.from_colours(branding.primary_colour, branding.accent_colour)
    except ValueError:
        return ChartStyle()


def chart_series(data: ReportData, kind: str) -> RadarSeries:
    """The series of one of the report's charts: "dimensions" (agreed means, with the previous
    round), "mutuality" (client, provider, agreed per factor) or "movement" (agreed over the
    previous round's agreed, per mutuality factor)."""
    if kind == "dimensions":
        series = RadarSeries(data.framework, None, {"agreed", "previous"})
        series.update([(r.label, r.scores) for r in data.rounds[-2:]])
    elif kind == "mutuality":
        series = RadarSeries(data.framework, MUTUALITY, {"client", "provider", "agreed"})
        series.out_of_scope = left_out_ids(data)
        series.update([(data.current.label, data.current.scores)])
    elif kind == "movement":
        series = RadarSeries(data.framework, MUTUALITY, {"previous", "agreed"})
        series.out_of_scope = left_out_ids(data)
        series.update([(r.label, r.scores) for r in data.rounds[-2:]])
    else:
        raise ValueError(f"Unknown chart {kind!r}.")
    return series


def left_out_ids(data: ReportData, dimension_id: str = MUTUALITY) -> frozenset[str]:
    """The dimension's factors left out of the round (and not scored all the same): the report's
    radar names them "not in this round", and so do the Word pictures and their alt text."""
    return frozenset(f.id for f in data.framework.dimension(dimension_id).factors) - frozenset(
        f.id for f in round_factors(data.framework, data.current, dimension_id))


def chart_factors(data: ReportData, rnd: RoundData, dimension_id: str) -> tuple[Factor, ...]:
    """The factors a native chart (PowerPoint, Excel) has a spoke for: the dimension's factors in
    the round, less those left out of it and those marked not applicable (a native chart cannot
    label a spoke "not in this round" as the report's drawing does, and would plot a level given
    to a factor marked not applicable)."""
    na = marks(rnd.scores)
    return tuple(f for f in round_factors(data.framework, rnd, dimension_id) if f.id not in na)


def category_name(name: str, values: Sequence[float | None], disputed: bool = False) -> str:
    """A native chart's category: its name, with "(not yet scored)" where no series of this round
    has a value, as the report's radar labels a spoke not assessed, or "(not agreed)" where the
    room could not agree it (disputed: both sides scored it, so it is not unscored, yet the
    agreed line breaks there: play-through 4's spoke said nothing)."""
    if disputed:
        return f"{one_line(name)} ({NOT_AGREED.lower()})"
    if any(v is not None for v in values):
        return one_line(name)
    return one_line(name) + NA_SUFFIX


def _chart_title(data: ReportData, kind: str, count: int) -> str:
    if kind == "dimensions":
        return "Radar chart of the agreed mean level of each value-for-money dimension"
    factors = f"{count} mutuality factor{'' if count == 1 else 's'}"
    if kind == "mutuality":
        return f"Radar chart of {factors}: the client's, the provider's and the agreed level of each"
    if data.previous is None:
        return f"Radar chart of {factors}: the agreed level of each"
    return (f"Radar chart of {factors}: the agreed level in {one_line(data.current.label)} over the "
            f"agreed level in {one_line(data.previous.label)}")


def _figure(value: float | None, decimals: int) -> str:
    if value is None:
        return "not assessed"
    return f"{value:.{decimals}f}"


def alt_text(data: ReportData, kind: str, native: bool = False) -> str:
    """What a chart shows, in words and numbers, for a reader who cannot see it: every spoke it
    draws and every value on it, a spoke without a value said as its name says it ("not in this
    round", "not applicable" or "not assessed"). native: a PowerPoint or Excel chart, which has
    no spoke for a factor left out of the round or marked not applicable (chart_factors); those
    are named once at the end, so the words match the spokes."""
    series = chart_series(data, kind)
    decimals = 1 if series.dimension_id is None else 0
    shown = series.visible()
    names = {"client": "client", "provider": "provider", "agreed": "agreed"}
    if "previous" in shown and data.previous is not None:
        names["agreed"] = f"{one_line(data.current.label)} agreed"
        names["previous"] = f"{one_line(data.previous.label)} agreed"
    axes = list(range(len(series.axis_ids)))
    if native and series.dimension_id is not None:
        drawn = {f.id for f in chart_factors(data, data.current, series.dimension_id)}
        axes = [i for i in axes if series.axis_ids[i] in drawn]
    title = _chart_title(data, kind, len(axes))
    if kind != "movement":  # the movement title names both rounds already
        title += f", {one_line(data.current.label)}"
    parts = [f"{title}. {series.scale_note}."]
    marked = series.out_of_scope | series.not_applicable
    for i in axes:
        current = [s for s in shown if s != "previous"]
        if series.axis_ids[i] in marked and all(series.values(s)[i] is None for s in current):
            # no level in this round, and why, said once rather than once per view
            earlier = [f"{names[s]} {_figure(series.values(s)[i], decimals)}" for s in shown if s == "previous"]
            parts.append(f"{one_line(series.axis_names[i])}: {series.absence(i)}"
                         + "".join(f"; {e}" for e in earlier) + ".")
            continue
        said = [series.not_agreed_at(s, i) or (_figure(v, decimals) if (v := series.values(s)[i]) is not None
                                               or s == "previous" else series.absence(i)) for s in shown]
        values = ", ".join(f"{names[s]} {v}" for s, v in zip(shown, said, strict=True))
        parts.append(f"{one_line(series.axis_names[i])}: {values}.")
    missing = [i for i in range(len(series.axis_ids)) if i not in axes]
    if missing:
        why = "; ".join(f"{one_line(series.axis_names[i])}, {series.absence(i)}" for i in missing)
        parts.append(f"Not drawn: {why}.")
    return " ".join(parts)


def chart_png(data: ReportData, kind: str, branding: BrandingProfile,
              size: tuple[float, float] = (6.2, 5.6)) -> bytes:
    """One of the report's charts as a PNG at twice screen resolution (matplotlib Agg, no pyplot)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from ..charts.radar import dimension_radar, factor_radar

    style = chart_style(branding)
    rounds = [(r.label, r.scores) for r in data.rounds[-2:]]
    with _chart_lock:
        figure = Figure(figsize=size, dpi=CHART_DPI)
        FigureCanvasAgg(figure)
        if kind == "dimensions":
            dimension_radar(data.framework, rounds, style=style, figure=figure)
        elif kind == "mutuality":
            chart = factor_radar(data.framework, rounds[-1:], style=style, figure=figure)
        else:
            chart = factor_radar(data.framework, rounds, perspectives=("agreed",), style=style, figure=figure)
        if kind != "dimensions":  # a factor left out of the round is named so, as in the report
            chart.set_out_of_scope(left_out_ids(data))
            chart.update(rounds if kind == "movement" else rounds[-1:])
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=CHART_DPI, facecolor="white",
                       pil_kwargs={"compress_level": 1})  # as small as level 6 for charts, faster
    return out.getvalue()


def raster_logo(branding: BrandingProfile, slot: str = "logo") -> tuple[bytes | None, list[str]]:
    """The logo as PNG or JPEG bytes for an Office file: an SVG logo (the shipped default among
    them) is drawn into a PNG first (office.logo); one that cannot be drawn is left out with a
    warning."""
    logo: Logo | None
    logo, warnings = branding.resolved_logo(slot)
    if logo is None:
        return None, warnings
    if logo.kind in ("png", "jpeg"):
        return logo.data, warnings
    from .logo import svg_to_png

    png = svg_to_png(logo.data)
    if png is not None:
        return png, warnings
    return None, [*warnings, f"The logo {logo.name or ''} is an SVG drawing that could not be "
                             "drawn as a picture, so it was left out. Choose a PNG logo under "
                             "Settings → Branding to include it."]


def logo_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return int(image.width), int(image.height)


def write_atomically(out: Path, what: str, write: Callable[[Path], None],
                     cancel: threading.Event | None = None) -> None:
    """Write through a temporary file beside out, then rename: a failed or cancelled write leaves
    nothing (and an earlier file of that name as it was)."""
    try:
        files.write_atomically(Path(out), write, lambda: check_cancel(cancel))
    except OSError as exc:
        raise OfficeError(f"The {what} could not be written to {out}: {exc.strerror or exc}.") from exc


def index_value(data: ReportData) -> float | None:
    return safe_index(data.framework, data.scores).value


def word_fitted_widths(header: Sequence[str] | None, rows: Sequence[Sequence[object]], widths: Sequence[float],
                       size: float, margins: float, per_inch: float = 1.0) -> list[float]:
    """A table's column widths (same total) in which every column holds its longest word whole.

    A word longer than its column is broken inside it (the deck's "Effectivenes" / "s" under
    Dimension, Word's "OVERDU" / "E" under Due): such a column is widened and the room taken from
    the columns with room to spare. Words are measured in DejaVu Sans at `size` points (bold in the
    header), wider than Calibri, and the font LibreOffice shows where Calibri is not installed.
    Widths and `margins` (a cell's left and right margins and a little room) are in units of which
    `per_inch` make an inch: 1 for inches, 2.54 for centimetres.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from ..report.fonts import BOLD, REGULAR, register_fonts

    register_fonts()
    cells = ([[(str(v), BOLD) for v in header]] if header else []) + [[(clean(v), REGULAR) for v in row]
                                                                     for row in rows]
    need = []
    for c in range(len(widths)):
        words = (stringWidth(word, font, size) for row in cells if c < len(row)
                 for text, font in [row[c]] for word in text.split())
        need.append(max(words, default=0.0) / 72 * per_inch + margins)
    short = [max(0.0, n - w) for w, n in zip(widths, need, strict=True)]
    spare = [max(0.0, w - n) for w, n in zip(widths, need, strict=True)]
    moved = min(sum(short), sum(spare))  # the table never grows: a word too long for any table breaks
    if moved <= 0:
        return list(widths)
    return [w + moved * (s / sum(short) if sum(short) else 0.0) - moved * (r / sum(spare))
            for w, s, r in zip(widths, short, spare, strict=True)]
