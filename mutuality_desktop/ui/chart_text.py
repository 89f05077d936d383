"""The results charts for someone who cannot see them: a name, a spoken description, a table."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ..core.charts.describe import chart_rows, describe
from ..core.charts.radar import RadarChart


def name_chart(canvas: QWidget, name: str, chart: RadarChart) -> None:
    """Name the chart's canvas and have its description state every value it draws."""
    canvas.setAccessibleName(f"Radar chart: {name}")
    canvas.setAccessibleDescription(describe(chart))


class ChartTable(QTableWidget):
    """The values a radar chart draws, as a table (the 'Show as table' alternative)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(f"{name} as a table")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)

    def fill(self, header: list[str], rows: list[list[str]],
             item: Callable[[int, int, str], QTableWidgetItem]) -> None:
        """The table's heading and cells, each cell made by item(row, column, text)."""
        self.clear()
        self.setColumnCount(len(header))
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels(header)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.setItem(r, c, item(r, c, text))

    def show_chart(self, chart: RadarChart) -> None:
        header, rows = chart_rows(chart)
        self.fill(header, rows, lambda _r, _c, text: QTableWidgetItem(text))
        view = self.horizontalHeader()
        view.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(header)):
            # as wide as its heading ("Provider view"), never clipped to "rovider vie"
            view.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
