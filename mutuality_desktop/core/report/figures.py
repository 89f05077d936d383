"""The report's radar charts at print size: the screen chart's series and layout, drawn by reportlab."""

from __future__ import annotations

from ..charts.series import RadarSeries, RoundScores
from ..charts.style import ChartStyle
from ..framework import MUTUALITY
from .basis import round_factors
from .data import ReportData
from .radar import RadarFlowable
from .styles import Styles


def chart_style(styles: Styles) -> ChartStyle:
    """The series' colours as on screen (charts.style); only agreed may take the brand's primary."""
    return ChartStyle.from_colours(styles.primary, styles.accent)


def _rounds(data: ReportData, count: int) -> list[RoundScores]:
    return [(r.label, r.scores) for r in data.rounds[-count:]]


def dimension_chart(data: ReportData, styles: Styles, width: float, height: float | None = None,
                    rounds: int = 2) -> RadarFlowable:
    """The six dimensions' agreed means; with an earlier round, that round's outline too."""
    series = RadarSeries(data.framework, None, {"agreed", "previous"})
    series.update(_rounds(data, rounds))
    return RadarFlowable(series, chart_style(styles), width, height or width)


def factor_chart(data: ReportData, styles: Styles, width: float, height: float | None = None,
                 dimension_id: str = MUTUALITY, movement: bool = False) -> RadarFlowable:
    """Each factor of a dimension, one line per perspective; with movement, the agreed levels of
    this round over the previous round's outline instead."""
    data.framework.dimension(dimension_id)  # KeyError for an unknown dimension, before any drawing
    shown = {"previous", "agreed"} if movement else {"client", "provider", "agreed"}
    series = RadarSeries(data.framework, dimension_id, shown)
    series.out_of_scope = frozenset(f.id for f in data.framework.dimension(dimension_id).factors) - frozenset(
        f.id for f in round_factors(data.framework, data.current, dimension_id))  # "not in this round"
    series.update(_rounds(data, 2 if movement else 1))
    return RadarFlowable(series, chart_style(styles), width, height or width)
