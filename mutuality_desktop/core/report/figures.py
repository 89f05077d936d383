"""The report's radar charts: core.charts figures at print size, embedded as vector drawings."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..charts import ChartStyle, RoundScores, dimension_radar, factor_radar
from ..framework import MUTUALITY
from .data import ReportData
from .fonts import CHART_FAMILY
from .mplrender import FigureFlowable
from .styles import Styles

POINTS_PER_INCH = 72.0


def chart_style(styles: Styles) -> ChartStyle:
    base = ChartStyle.from_colours(styles.primary, styles.accent)
    return ChartStyle(agreed=base.agreed, client=base.client, provider=base.provider,
                      previous=base.previous, grid=base.grid, text=base.text, font_family=CHART_FAMILY)


def _rounds(data: ReportData, count: int) -> list[RoundScores]:
    return [(r.label, r.scores) for r in data.rounds[-count:]]


def _figure(width: float, height: float) -> Figure:
    """A figure the size it will print, so the chart's fonts come out at their real size."""
    return Figure(figsize=(width / POINTS_PER_INCH, height / POINTS_PER_INCH))


def dimension_chart(data: ReportData, styles: Styles, width: float, height: float | None = None,
                    rounds: int = 2) -> FigureFlowable:
    """The six dimensions' agreed means; with an earlier round, that round's outline too."""
    chart = dimension_radar(data.framework, _rounds(data, rounds), style=chart_style(styles),
                            figure=_figure(width, height or width))
    return FigureFlowable(chart.figure)


def factor_chart(data: ReportData, styles: Styles, width: float, height: float | None = None,
                 dimension_id: str = MUTUALITY) -> FigureFlowable:
    """Each factor of a dimension, one line per perspective."""
    chart = factor_radar(data.framework, _rounds(data, 1), dimension_id=dimension_id,
                         style=chart_style(styles), figure=_figure(width, height or width))
    return FigureFlowable(chart.figure)
