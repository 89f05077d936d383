"""F11 on the Results page: both radars full screen, in type sized for the back of the room."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from matplotlib.figure import Figure
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ..core.charts.radar import ChartStyle, RadarChart, RoundScores, dimension_radar, factor_radar
from ..core.framework import MUTUALITY, Framework
from .chart_canvas import ChartCanvas
from .workshop.presentation import RoomWindow


def room_scale(height: int) -> float:
    """How much larger than on the laptop the charts' type is, for a screen this tall."""
    return max(1.3, min(2.2, height / 620))


class ResultsPresentation(RoomWindow):
    """The value-for-money and mutuality radars side by side; Esc or F11 leaves."""

    def __init__(self, framework: Framework, style: ChartStyle, parent: QWidget | None = None) -> None:
        super().__init__("results", (48, 28, 48, 20), 8, parent)
        self.framework, self._style = framework, style
        self.charts: list[RadarChart] = []
        self.canvases: list[ChartCanvas] = []
        row = QHBoxLayout()
        row.setSpacing(24)
        self.body.addLayout(row, 1)
        self._row = row
        self._scale = 0.0
        self._rounds: list[RoundScores] = []
        self._build(room_scale(768))

    def _build(self, scale: float) -> None:
        """(Re)make both charts for a type scale: a chart's fonts are set when it is laid out."""
        for canvas in self.canvases:
            self._row.removeWidget(canvas)
            canvas.deleteLater()
        self._scale = scale
        style = dataclasses.replace(self._style, font_scale=scale)
        mutuality = self.framework.dimension(MUTUALITY)
        self.charts = [
            dimension_radar(self.framework, self._rounds, style=style, figure=Figure(figsize=(7, 7)),
                            title=f"Value for money: {len(self.framework.dimensions)} dimensions"),
            factor_radar(self.framework, self._rounds, style=style, figure=Figure(figsize=(7, 7)),
                         title=f"{mutuality.name}: {len(mutuality.factors)} factors"),
        ]
        self.canvases = []
        for chart in self.charts:
            canvas = ChartCanvas(chart)
            canvas.mpl_connect("resize_event", lambda _event, c=chart: c.relayout())
            self._row.addWidget(canvas, 1)
            self.canvases.append(canvas)

    def show_rounds(self, heading: str, title: str, rounds: Sequence[RoundScores]) -> None:
        """Show these rounds (oldest first, the last is current) under a heading."""
        self._rounds = list(rounds)
        self.caption.setText(heading)
        self.title.setText(title)
        for chart in self.charts:
            chart.update(self._rounds)
        for canvas in self.canvases:
            canvas.draw_idle()  # type: ignore[no-untyped-call]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        scale = room_scale(event.size().height())
        self.set_header_sizes(11 * scale, 17 * scale, 8 * scale)
        if abs(scale - self._scale) > 0.05:
            self._build(scale)
            if self._rounds:
                self.show_rounds(self.caption.text(), self.title.text(), self._rounds)
        super().resizeEvent(event)

