"""Results' "Show as table": the values a radar draws, laid out to be read on a projector.

The factor names get the room: every value column is as narrow as its words allow (a heading such
as "Agreed, Second follow-up" and a cell such as "Not yet scored" wrap onto two lines first) and
the names wrap onto two lines rather than being cut. Where even that does not fit (Large text on a
1024 projector with both sides' views ticked) the values scroll sideways under a name column that
stays where it is (play-through 12: at 1024x768 the names read "J…", the column 30 px wide).

A factor the room recorded as Not agreed in the round before says so in that round's column, in
the words core/agreement.py gives every output (play-through 12: it said "not scored").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionHeader,
    QTableView,
    QTableWidgetItem,
    QWidget,
)

from ..core.agreement import Agreement, agreement_in, no_level_text
from ..core.applicability import marks
from ..core.charts.describe import chart_rows
from ..core.charts.radar import RadarChart, RoundScores
from ..core.charts.series import NOT_APPLICABLE
from ..core.model import Score
from .chart_text import ChartTable

_WRAP = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
_NAME_LINES = (2, 3)  # a factor's name on two lines, three before the values scroll sideways


class _WrappingHeader(QHeaderView):
    """Column headings that wrap at spaces to the column's width ("Agreed," over "Second
    follow-up") instead of setting its width, and are as tall as their longest heading."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(_WRAP)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSectionsClickable(False)

    def text_of(self, section: int) -> str:
        model = self.model()
        if model is None:
            return ""
        return str(model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")

    def padding(self) -> int:
        """The room a section takes beyond its text (margins on both sides)."""
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)
        return 2 * margin + 8

    def room(self) -> int:
        """A section's width beyond the text it holds on a line (its padding, and a few pixels so
        that text measured to fit is not wrapped by rounding: "follow-" over "up")."""
        return self.padding() + 4

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:  # noqa: N802 - Qt override
        size = super().sectionSizeFromContents(logicalIndex)
        width = max(1, self.sectionSize(logicalIndex) - self.padding())
        text = self.text_of(logicalIndex)
        lines = self.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), int(_WRAP), text)
        single = self.fontMetrics().height()
        return QSize(size.width(), max(size.height(), size.height() - single + lines.height()))

    def paintSection(self, painter, rect: QRect, logicalIndex: int) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        """Qt's section with the text left out, then the text wrapped into it."""
        painter.save()
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logicalIndex
        option.text = ""
        option.textAlignment = _WRAP
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()
        inner = rect.adjusted(self.padding() // 2, 2, -(self.padding() // 2), -2)
        painter.save()
        painter.setFont(self.font())
        painter.setPen(self.palette().buttonText().color())
        painter.drawText(inner, int(_WRAP), self.text_of(logicalIndex))
        painter.restore()


class ResultsTable(ChartTable):
    """The chart's values, one factor (or dimension) a row, names whole; see the module's note."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.setHorizontalHeader(_WrappingHeader(self))
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)  # a name is never cut to "J…"
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.scrolls = False  # the values scroll sideways under the fixed name column
        # The name column kept in place while the values scroll (Qt's "frozen column"): a second
        # view of the same cells, showing the names only, laid over the first column.
        self.names = QTableView(self)
        self.names.setModel(self.model())
        self.names.setSelectionModel(self.selectionModel())
        self.names.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table is the one Tab stop
        self.names.setAccessibleName("Row names, kept in place while the values scroll")
        self.names.verticalHeader().hide()
        self.names.setHorizontalHeader(_WrappingHeader(self.names))
        self.names.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.names.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.names.setWordWrap(True)
        self.names.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.names.setAlternatingRowColors(True)
        self.names.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.names.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.names.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.names.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.names.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.names.setFrameShape(QTableView.Shape.NoFrame)
        self.names.hide()
        self.verticalHeader().sectionResized.connect(self._on_row_resized)
        self.horizontalHeader().sectionResized.connect(self._on_column_resized)
        self.verticalScrollBar().valueChanged.connect(self.names.verticalScrollBar().setValue)
        self.names.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)

    # --- what it shows ------------------------------------------------------------------------

    def show_chart(self, chart: RadarChart, rounds: Sequence[RoundScores] = ()) -> None:
        """Show the chart's values (rounds: those the chart was updated with, oldest first)."""
        header, rows = chart_rows(chart)
        series = chart.series
        shown = series.visible()
        scores: dict[str, Mapping[tuple[str, str], Score]] = {}
        if rounds:
            scores["agreed"] = rounds[-1][1]
        if len(rounds) > 1:
            scores["previous"] = rounds[-2][1]

        def cell(r: int, c: int, text: str) -> QTableWidgetItem:
            if c and series.dimension_id is not None and shown[c - 1] in scores:
                text = _agreed_cell(chart, scores[shown[c - 1]], series.axis_ids[r], text,
                                    series.values(shown[c - 1])[r] is None)
            item = QTableWidgetItem(_sentence_case(text) if c else text)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            return item

        self.fill(header, rows, cell)
        for column in range(len(header)):
            self.names.setColumnHidden(column, column > 0)
        self.fit_columns()

    # --- how it is laid out -------------------------------------------------------------------

    def fit_columns(self) -> None:
        """Share the width out: see the module's note. Called on every resize and type change."""
        columns = self.columnCount()
        room = self.viewport().width()
        if columns == 0 or room <= 0:
            return
        cells = self.fontMetrics()
        pad = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 10
        header = self.horizontalHeader()
        assert isinstance(header, _WrappingHeader)
        heads = QFontMetrics(header.font())
        hpad = header.room()
        names = [self._text(r, 0) for r in range(self.rowCount())]
        name_widths = [max([_wrapped_width(cells, n, lines) for n in names]
                           + [_widest_word(heads, header.text_of(0)) + hpad - pad]) + pad for lines in _NAME_LINES]
        roomy, tight = [], []
        for c in range(1, columns):
            texts = [self._text(r, c) for r in range(self.rowCount())]
            head = header.text_of(c)
            roomy.append(max([cells.horizontalAdvance(t) + pad for t in texts]
                             + [_wrapped_width(heads, head, 2) + hpad]))
            tight.append(max([_widest_word(cells, t) + pad for t in texts] + [_widest_word(heads, head) + hpad]))
        widths = _share(room, name_widths, roomy, tight)
        self.scrolls = sum(widths) > room
        for c, width in enumerate(widths):
            if self.columnWidth(c) != width:
                self.setColumnWidth(c, width)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if self.scrolls
                                          else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.resizeRowsToContents()
        header.headerDataChanged(Qt.Orientation.Horizontal, 0, columns - 1)  # heights for the new widths
        self.names.setColumnWidth(0, widths[0])
        self.names.setVisible(self.scrolls)
        self._place_names()

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return "" if item is None else item.text()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if hasattr(self, "names"):
            self.fit_columns()

    def updateGeometries(self) -> None:  # noqa: N802 - Qt override
        super().updateGeometries()
        self._place_names()

    def _place_names(self) -> None:
        if not hasattr(self, "names"):  # Qt lays the table out while it is being built
            return
        frame, own = self.frameWidth(), self.names.frameWidth()  # its frame over the table's
        self.names.setGeometry(frame - own, frame - own, self.columnWidth(0) + 2 * own,
                               self.viewport().height() + self.horizontalHeader().height() + 2 * own)
        self.names.horizontalHeader().setFixedHeight(self.horizontalHeader().height())

    def _on_row_resized(self, row: int, _old: int, new: int) -> None:
        self.names.setRowHeight(row, new)

    def _on_column_resized(self, column: int, _old: int, new: int) -> None:
        if column == 0:
            self.names.setColumnWidth(0, new)
            self._place_names()

    def moveCursor(self, action: QAbstractItemView.CursorAction,  # noqa: N802 - Qt override
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Arrow keys bring a value hidden under the name column back into sight."""
        current = super().moveCursor(action, modifiers)
        if self.scrolls and current.column() > 0:
            left = self.visualRect(current).left()
            if left < self.columnWidth(0):
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() + left - self.columnWidth(0))
        return current

    def scrollTo(self, index: QModelIndex | QPersistentModelIndex, hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802, E501
        if index.column() > 0 or not getattr(self, "scrolls", False):  # a name is always in sight
            super().scrollTo(index, hint)


def _agreed_cell(chart: RadarChart, scores: Mapping[tuple[str, str], Score], factor_id: str,
                 text: str, empty: bool) -> str:
    """An agreed column's cell where the chart draws no point: "Not agreed" when that round's room
    could not agree the factor (said by core, as every output says it), "not applicable" when that
    round marked it so; else what the chart says."""
    if not empty or text == NOT_APPLICABLE:
        return text
    if factor_id in marks(scores):
        return NOT_APPLICABLE
    state = agreement_in(scores, factor_id)
    if state is Agreement.NOT_AGREED:
        return no_level_text(chart.framework.scale, state)
    return text


def _sentence_case(text: str) -> str:
    """'Not yet scored', as the table's other words ('Not agreed') begin."""
    return text[:1].upper() + text[1:]


def _widest_word(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(word) for word in text.split()), default=0)


def _wrapped_width(metrics: QFontMetrics, text: str, lines: int) -> int:
    """The least width at which text wraps at spaces onto at most `lines` lines (its widest word
    where even that does not do it)."""
    words = text.split()
    if len(words) <= 1 or lines <= 1:
        return metrics.horizontalAdvance(text)
    best = metrics.horizontalAdvance(text)
    for cut in range(1, len(words)):
        first = metrics.horizontalAdvance(" ".join(words[:cut]))
        rest = " ".join(words[cut:])
        best = min(best, max(first, _wrapped_width(metrics, rest, lines - 1)))
    return max(best, _widest_word(metrics, text))


def _share(room: int, names: list[int], roomy: list[int], tight: list[int]) -> list[int]:
    """Each column's width: the values as wide as their text on one line and the names the rest
    (whole, or wrapped onto two lines); where that leaves the names too little, the values are
    narrowed toward their widest word (their text wraps) first, then the names go onto three
    lines; where even that does not do it, the names keep their two-line width and the values
    scroll sideways. names: the name column's least width for two lines, three lines."""
    if names[0] + sum(roomy) <= room:
        return [room - sum(roomy), *roomy]
    for least in names:
        if least + sum(tight) <= room:
            spare = room - least - sum(tight)
            widths = list(tight)
            # columns' text on one line where the room allows it, smallest need first, columns of
            # like need together (Client view and Provider view: never one wrapped beside the
            # other whole); a column only part widened would still wrap: the names take the rest
            needs = sorted({roomy[i] - tight[i] for i in range(len(widths))})
            for need in needs:
                group = [i for i in range(len(widths)) if roomy[i] - tight[i] == need]
                if need * len(group) <= spare:
                    spare -= need * len(group)
                    for i in group:
                        widths[i] = roomy[i]
            return [least + spare, *widths]
    return [names[0], *tight]
