"""Results: the spread of participants' own views per factor, split factors flagged first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.framework import Framework
from ..core.spread import FactorSpread
from . import theme

_Index = QModelIndex | QPersistentModelIndex
SIDES = ("client", "provider")
HEADERS = ("Factor", "Client", "Provider", "Split")  # each side's own views (the section's heading)


def _views(spread: FactorSpread, side: str) -> str:
    """One side's range on one line, how many views under it: the views columns are narrow."""
    return spread.side(side).text().replace(" (", "\n(", 1)


class SpreadTableModel(QAbstractTableModel):
    """One row per factor with views: each side's range; split factors first, widest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, FactorSpread]] = []
        self._texts: list[tuple[str, str, str, str]] = []  # each row's cells, worked out once
        self._split: list[bool] = []

    def set_spreads(self, framework: Framework, spreads: dict[str, FactorSpread]) -> None:
        self.beginResetModel()
        order = {f.id: i for i, f in enumerate(framework.factors)}
        rows = [(framework.factor(fid).name, s) for fid, s in spreads.items()
                if s.levels and framework.has_factor(fid)]
        rows.sort(key=lambda r: (not r[1].polarised, -r[1].span if r[1].polarised else 0,
                                 order[r[1].factor_id]))
        self._rows = rows
        # Qt asks for every cell many times over while it lays the table out (a restyle for View ->
        # High contrast asked some 60,000 times): the words are worked out once per change here.
        self._texts = [(name, _views(s, "client"), _views(s, "provider"), "Split" if s.polarised else "")
                       for name, s in rows]
        self._split = [s.polarised for _, s in rows]
        self.endResetModel()

    def rows(self) -> list[tuple[str, FactorSpread]]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][column]
        if role == Qt.ItemDataRole.ToolTipRole and self._split[row]:
            return f"The room is split: {self._rows[row][1].reason()}."
        if role == Qt.ItemDataRole.BackgroundRole and self._split[row] and column == 3:
            return QColor(theme.WARNING_BG)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None


class SpreadSection(QWidget):
    """The heading, a sentence on how many factors are split, and the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SpreadTableModel(self)
        self.summary = QLabel(wordWrap=True)
        # At the top of the section: with no views yet the table is hidden and the section keeps the
        # findings' spare height, which a centred sentence showed as a blank gap under the heading
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName("Spread of participants' own views")
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The views columns keep to the width of "(10 views," and wrap the range and the rest
        # ("1 don't know") onto more lines: the factor's name gets the room (1024 wide).
        fm = self.fontMetrics()
        views = max(fm.horizontalAdvance("(10 views,"), fm.horizontalAdvance("Provider") + 12) + 20
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, views)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(6 * (self.fontMetrics().height() + 8))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def set_spreads(self, framework: Framework, spreads: dict[str, FactorSpread]) -> None:
        self.model.set_spreads(framework, spreads)
        rows = self.model.rows()
        split = [name for name, s in rows if s.polarised]
        self.table.setVisible(bool(rows))
        if not rows:
            self.summary.setText("No participant has given their own view for this round yet "
                                 "(Pre-work → Create forms…, then Import returns…).")
        elif split:
            self.summary.setText(f"{len(split)} of {len(rows)} factors split the room: "
                                 + ", ".join(split) + ".")
        else:
            self.summary.setText(f"No factor splits the room ({len(rows)} factors with views).")
