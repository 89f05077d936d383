"""A radar chart in words: what a screen reader says of it and what a saved SVG carries as text.

The words come from the chart's RadarSeries (plain Python); only save_svg imports matplotlib.
"""

from __future__ import annotations

import io
import re
from html import escape
from pathlib import Path
from typing import Any, Protocol

from .series import NOT_APPLICABLE, OUT_OF_SCOPE, RadarSeries


class _Chart(Protocol):
    series: RadarSeries


def _level(value: float | None) -> str:
    if value is None:
        return "not yet scored"
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _cell(series: RadarSeries, name: str, i: int, value: float | None) -> str:
    """A value as the chart says it: a level, or why there is none, as said under the axis name
    ("not in this round", "not applicable" for this round's views, else "not yet scored", or
    "not scored" for the previous round, which is over)."""
    if value is not None:  # a dimension's mean always to one decimal, as on the chart ("2.0", not "2")
        return f"{value:.1f}" if series.dimension_id is None else _level(value)
    if series.axis_ids[i] in series.out_of_scope:
        return OUT_OF_SCOPE
    disputed = series.not_agreed_at(name, i)
    if disputed:
        return disputed
    if name != "previous" and series.axis_ids[i] in series.not_applicable:
        return NOT_APPLICABLE
    return "not scored" if name == "previous" else _level(None)


def chart_rows(chart: _Chart) -> tuple[list[str], list[list[str]]]:
    """The chart as a table: a header (Dimension or Factor, then each visible series) and one row per axis."""
    series = chart.series
    shown = series.visible()
    # the first column names what the spokes are ("Axis" read as chart jargon in the Results table)
    header = ["Dimension" if series.dimension_id is None else "Factor"] + [series.labels[s] for s in shown]
    values = {s: series.values(s) for s in shown}
    rows = []
    for i, name in enumerate(series.axis_names):
        rows.append([name] + [_cell(series, s, i, values[s][i]) for s in shown])
    return header, rows


def describe(chart: _Chart) -> str:
    """Say every value the chart draws, axis by axis, and its scale."""
    header, rows = chart_rows(chart)
    if len(header) == 1:
        return f"No series shown. {chart.series.scale_note}."
    parts = []
    for row in rows:
        values = ", ".join(f"{label} {value}" for label, value in zip(header[1:], row[1:], strict=True))
        parts.append(f"{row[0]}: {values}")
    return f"{chart.series.scale_note}. " + "; ".join(parts) + "."


def label_svg(svg: str, title: str, description: str) -> str:
    """Give a saved SVG drawing a <title> and <desc> as its first children (read by screen readers)."""
    match = re.search(r"<svg\b[^>]*>", svg)
    if match is None:
        raise ValueError("not an SVG drawing")
    head = f"\n <title>{escape(title)}</title>\n <desc>{escape(description)}</desc>"
    tag = match.group(0)
    if "role=" not in tag:
        tag = tag[:-1] + ' role="img">'
    return svg[: match.start()] + tag + head + svg[match.end():]


def save_svg(figure: Any, path: Path, title: str, description: str) -> None:
    """Save a figure as SVG whose labels are real text, with a title and a description."""
    from matplotlib import rc_context

    buffer = io.StringIO()
    with rc_context({"svg.fonttype": "none"}):  # text stays text: searchable and read aloud
        figure.savefig(buffer, format="svg", facecolor="white")
    path.write_text(label_svg(buffer.getvalue(), title, description), encoding="utf-8")


__all__ = ["chart_rows", "save_svg", "describe", "label_svg"]
