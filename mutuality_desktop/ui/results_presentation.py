"""F11 on the Results page: both radars full screen, in type sized for the back of the room."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from matplotlib.figure import Figure
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ..core.charts.radar import ChartStyle, RadarChart, RoundScores, dimension_radar, factor_radar
from ..core.framework import MUTUALITY, Framework
from . import theme
from .chart_canvas import ChartCanvas
from .workshop.presentation import HINT_POINT, RoomWindow


def room_scale(height: int) -> float:
    """How much larger than on the laptop the charts' type is, for a screen this tall."""
    return max(1.3, min(2.2, height / 620))


SIDE_BY_SIDE_MIN_WIDTH = 1400  # narrower (a 1024x768 projector): one chart at a time


def factor_key(names: Sequence[str]) -> str:
    """The key to a chart that numbers its factors: "1  Joint objective setting", one a line."""
    return "\n".join(f"{i}  {name}" for i, name in enumerate(names, 1))


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
        # The keys hint at the foot, right, as the walkthrough's presentation has it (same size, colour)
        self.top.removeWidget(self.hint)
        self.body.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignRight)
        self._scale = 0.0
        self._rounds: list[RoundScores] = []
        self._outside: frozenset[str] = frozenset()
        mutuality = framework.dimension(MUTUALITY)
        self._factor_title = f"{mutuality.name}: {len(mutuality.factors)} factors"  # until told the round's
        self._shown: list[frozenset[str] | None] = [None, None]  # the views ticked on Results
        self.one_at_a_time = False
        self.current = 0  # the chart shown when one at a time
        self.key = QLabel()
        self.key.setAccessibleName("Key to the numbered factors")
        self.key.setStyleSheet(f"color: {theme.INK};")
        self.key.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self._build(room_scale(768))

    def _build(self, scale: float) -> None:
        """(Re)make both charts for a type scale: a chart's fonts are set when it is laid out."""
        for canvas in self.canvases:
            self._row.removeWidget(canvas)
            canvas.deleteLater()
        self._scale = scale
        style = dataclasses.replace(self._style, font_scale=scale)  # Large text: ChartCanvas
        self.charts = [
            dimension_radar(self.framework, self._rounds, style=style, figure=Figure(figsize=(7, 7)),
                            title=f"Value for money: {len(self.framework.dimensions)} dimensions"),
            factor_radar(self.framework, self._rounds, style=style, figure=Figure(figsize=(7, 7)),
                         title=self._factor_title),
        ]
        for chart in self.charts:
            chart.set_out_of_scope(self._outside)
            chart.update(self._rounds)
        self.canvases = []
        for chart in self.charts:
            canvas = ChartCanvas(chart)
            canvas.mpl_connect("resize_event",  # type: ignore[call-overload]
                               lambda _event, c=chart: self._on_canvas_resized(c))
            self._row.addWidget(canvas, 1)
            self.canvases.append(canvas)
        self._row.removeWidget(self.key)
        self._row.addWidget(self.key, 0)
        for chart, shown in zip(self.charts, self._shown, strict=True):
            if shown is not None:
                chart.show(shown)
        self._arrange()

    def _arrange(self) -> None:
        """Side by side on a wide screen; one at a time (with a key if it numbers) on a narrow one."""
        for i, canvas in enumerate(self.canvases):
            canvas.setVisible(not self.one_at_a_time or i == self.current)
        self._update_key()
        pages = "  ·  ← → the other chart" if self.one_at_a_time else ""
        self.hint.setText(f"Esc leaves{pages}")

    def _on_canvas_resized(self, chart: RadarChart) -> None:
        chart.relayout()
        self._update_key()

    def _update_key(self) -> None:
        """A chart too small for factor names numbers them: then the key lists the names."""
        numbered = self.charts[1].compact and (not self.one_at_a_time or self.current == 1)
        if numbered:
            self.key.setText(factor_key(self.charts[1].series.key_names()))  # "(not agreed)" where so
            self.key.setFont(theme.font(9 * self._scale))
        if numbered != self.key.isVisibleTo(self):
            self.key.setVisible(numbered)

    def show_chart(self, index: int) -> None:
        """On a narrow screen, start at the chart the facilitator was looking at on Results."""
        self.current = 1 if index == 1 else 0
        self._arrange()

    def set_shown(self, dimension: frozenset[str], factor: frozenset[str]) -> None:
        """Show the views the facilitator ticked on Results, and only those."""
        self._shown = [dimension, factor]
        for chart in self.charts:
            chart.show(dimension if chart is self.charts[0] else factor)
        self._update_key()
        for canvas in self.canvases:
            canvas.draw_idle()  # type: ignore[no-untyped-call]

    def room_key(self, event: QKeyEvent) -> bool:
        """Left/Right (or Space, Page Up/Down) show the other chart on a narrow screen."""
        keys = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
        if self.one_at_a_time and event.key() in keys:
            self.current = 1 - self.current
            self._arrange()
            for canvas in self.canvases:
                canvas.draw_idle()  # type: ignore[no-untyped-call]
            return True
        return False

    def show_rounds(self, heading: str, title: str, rounds: Sequence[RoundScores],
                    outside: frozenset[str] = frozenset(), factor_title: str | None = None) -> None:
        """Show these rounds (oldest first, the last is current) under a heading; `outside`: the
        dimensions and factors not in the current round's scope; `factor_title`: the factor
        chart's title counting what the round assesses ("Mutuality: 14 of 15 factors")."""
        self._rounds = list(rounds)
        self._outside = outside
        if factor_title is not None and factor_title != self._factor_title:
            self._factor_title = factor_title
            self.charts[1].title.set_text(factor_title)
        self.caption.setText(heading)
        self.title.setText(title)
        for chart in self.charts:
            chart.set_out_of_scope(outside)
            chart.update(self._rounds)
        self._update_key()
        for canvas in self.canvases:
            canvas.draw_idle()  # type: ignore[no-untyped-call]

    def _restyle(self) -> None:
        super()._restyle()
        if hasattr(self, "key"):
            self.key.setStyleSheet(f"color: {theme.INK};")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self.fit_type(event.size())
        super().resizeEvent(event)

    def fit_type(self, size: QSize) -> None:
        """Type for the back of the room (Large text in the View menu: each ChartCanvas scales its own)."""
        scale = room_scale(size.height())
        hint_scale = max(1.0, min(2.2, size.height() / 768))  # as the walkthrough's presentation's
        self.set_header_sizes(11 * scale, 17 * scale, HINT_POINT * hint_scale)
        self.one_at_a_time = size.width() < SIDE_BY_SIDE_MIN_WIDTH
        if abs(scale - self._scale) > 0.05:
            self._build(scale)
            if self._rounds:
                self.show_rounds(self.caption.text(), self.title.text(), self._rounds, self._outside)
        else:
            self._arrange()

