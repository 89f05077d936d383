"""The list of dimensions and factors, in workshop order, with each factor's state and agreed level."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QStaticText,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ...core.scoring import AGREED, NOT_AGREED, NOT_STARTED, PARTLY_SCORED
from .. import theme

FACTOR_ROLE = Qt.ItemDataRole.UserRole
STATE_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2
COUNT_ROLE = Qt.ItemDataRole.UserRole + 3
OUT_ROLE = Qt.ItemDataRole.UserRole + 4  # True: not in the round's scope (greyed; a click offers to add it)
OUT_TEXT = "not in this round"
NOT_APPLICABLE = "not applicable"  # marked so in this round, with a reason (issue 21)
STATE_TEXT = {NOT_STARTED: "not started", PARTLY_SCORED: "partly scored", AGREED: "agreed",
              NOT_AGREED: "not agreed by the room", NOT_APPLICABLE: "not applicable"}

Index = QModelIndex | QPersistentModelIndex
NO_LEVEL = -1  # item data never holds None: reading a None variant is costly in some bindings


ROW_PADDING = 14  # above and below a factor's name, together
# With Large text, less: the type's own line spacing keeps the rows apart, and at 1024x768 the list
# shows six factors whole rather than five (play-through 12)
LARGE_ROW_PADDING = 8


def _row_padding() -> int:
    return LARGE_ROW_PADDING if theme.text_scale() > 1 else ROW_PADDING


def _wrapped(tip: str) -> str:
    """A long tooltip as a paragraph, so that it wraps instead of running off the screen."""
    return f"<p>{html.escape(tip, quote=False)}</p>" if tip else ""


def _wrap(text: str, font: QFont, first: int, rest: int) -> list[str]:
    """A name's lines wrapped at words, its first line `first` wide, the rest `rest`."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines: list[str] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(first if not lines else rest)
        lines.append(text[line.textStart():line.textStart() + line.textLength()].rstrip())
    layout.endLayout()
    return lines


def _line_count(text: str, font: QFont, first: int, rest: int) -> int:
    """How many lines a name takes wrapped at words, its first line `first` wide, the rest `rest`."""
    return len(_wrap(text, font, first, rest))


class _Delegate(QStyledItemDelegate):
    """Paint a factor as state mark, wrapped name and agreed level; a dimension as a heading.

    The agreed level sits at the right of the name's first line only; the lines under it run on
    beneath the level, so a name takes two lines where the list is narrow (play-through 11: at
    1024x768 most names took three, and the list was long and hard to scan)."""

    def __init__(self, view: Navigator) -> None:
        super().__init__(view)
        self.view = view
        self.pad = 10  # the headings' margins
        self.left = 7  # before the state mark (the open factor's bar is 4 wide)
        self.mark = 16
        self.gap = 6  # between the mark and the name
        self.right = 5  # after the level
        self._level_widths: dict[str, int] = {}  # by the level's font
        self._heights: dict[tuple[str, int, int, bool], int] = {}  # (name, widths, bold) -> wrapped height
        self._names: dict[tuple[str, int, int, str], list[QStaticText]] = {}  # (name, widths, font) -> lines
        self._widths_for: dict[tuple[tuple[str, ...], int, str, int], int] = {}  # see width_for

    @staticmethod
    def _level_font() -> QFont:
        return theme.font(theme.BASE_POINT_SIZE, weight=QFont.Weight.Bold)

    def level_width(self) -> int:
        """The level's column: as wide as the widest digit in its type, and a little room before it."""
        font = self._level_font()
        key = font.key()
        width = self._level_widths.get(key)
        if width is None:
            fm = QFontMetrics(font)
            room = 4 if theme.text_scale() > 1 else 5  # Large text: tighter, names keep the width
            width = self._level_widths[key] = max(fm.horizontalAdvance(d) for d in "0123456789") + room
        return width

    def _name_left(self) -> int:
        return self.left + self.mark + (self.gap - 2 if theme.text_scale() > 1 else self.gap)

    def _rest_width(self) -> int:
        """The width of a name's second and later lines: to the list's right edge, under the level."""
        return max(80, self.view.viewport().width() - self._name_left() - self._rest_right())

    def _rest_right(self) -> int:
        """After a name's second and later lines: with Large text they run on closer to the edge."""
        return self.right - 1 if theme.text_scale() > 1 else self.right

    def _text_width(self) -> int:
        """The width of a name's first line, beside its level."""
        return max(80, self._rest_width() - self.level_width())

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        if not index.data(FACTOR_ROLE):
            fm = QFontMetrics(theme.font(theme.BASE_POINT_SIZE - 1, bold=True))
            return QSize(self.view.viewport().width(), self._heading_name_height(index)
                         + (fm.height() if self._heading_wraps(index) else 0) + 22)
        # Measured in the regular type the name is drawn in: measured in bold (the open factor's
        # type), a name that wraps one line more in bold left a gap under it in the list, and the
        # rows were unevenly spaced. The open factor is drawn bold only where bold takes no more lines.
        height = self._height(str(index.data(Qt.ItemDataRole.DisplayRole)), bold=False)
        return QSize(self.view.viewport().width(), height + _row_padding())

    def name_font(self, *, bold: bool) -> QFont:
        return theme.font(theme.BASE_POINT_SIZE - 0.5, bold=bold)

    def name_lines(self, text: str, *, bold: bool = False) -> int:
        """How many lines a name takes in the list at its width."""
        return len(self._name(text, self.name_font(bold=bold)))

    def _height(self, text: str, *, bold: bool) -> int:
        """The wrapped name's height at the list's width (asked for every item on each layout:
        each name is measured once per width and weight)."""
        key = (text, self._text_width(), self._rest_width(), bold)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 500:
                self._heights.clear()
            font = self.name_font(bold=bold)
            height = len(self._name(text, font)) * QFontMetrics(font).lineSpacing()
            self._heights[key] = height
        return height

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRect(option.rect)
        if not index.data(FACTOR_ROLE):
            self._paint_heading(p, rect, index)
        else:
            self._paint_factor(p, option, rect, index)
        p.restore()

    def _heading_wraps(self, index: Index) -> bool:
        """Whether a dimension's name and its count (or "not in round") need two lines at the
        list's width: the name is shown whole, the count under it (play-through 8: "STAKEHOLDER V…")."""
        name = str(index.data(Qt.ItemDataRole.DisplayRole)).upper()
        count = str(index.data(COUNT_ROLE) or "")
        bold = QFontMetrics(theme.font(theme.BASE_POINT_SIZE - 1, bold=True))
        small = QFontMetrics(theme.font(theme.BASE_POINT_SIZE - 2.5)) if index.data(OUT_ROLE) else bold
        room = self.view.viewport().width() - 2 * self.pad
        return bool(count) and bold.horizontalAdvance(name) + 8 + small.horizontalAdvance(count) > room

    def _heading_name_height(self, index: Index) -> int:
        """The dimension's name wrapped to the list's width (one line, or two for "STAKEHOLDER
        VALUE" at 1024 with Large text)."""
        name = str(index.data(Qt.ItemDataRole.DisplayRole)).upper()
        bold = QFontMetrics(theme.font(theme.BASE_POINT_SIZE - 1, bold=True))
        room = max(40, self.view.viewport().width() - 2 * self.pad)
        return bold.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, name).height()

    def _paint_heading(self, p: QPainter, rect: QRect, index: Index) -> None:
        p.setFont(theme.font(theme.BASE_POINT_SIZE - 1, bold=True))
        p.setPen(QColor(theme.MUTED))
        inner = rect.adjusted(self.pad, 10, -self.pad, -4)
        name = str(index.data(Qt.ItemDataRole.DisplayRole)).upper()
        count = str(index.data(COUNT_ROLE) or "")
        if self._heading_wraps(index):  # the name whole on its own lines; the count under it, right
            high = self._heading_name_height(index)
            top = QRect(inner.left(), inner.top(), inner.width(), high)
            below = QRect(inner.left(), inner.top() + high, inner.width(), inner.height() - high)
            if index.data(OUT_ROLE):
                p.setOpacity(0.6)
            p.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap),
                       name)
            if index.data(OUT_ROLE):
                p.setFont(theme.font(theme.BASE_POINT_SIZE - 2.5))
            p.drawText(below, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, count)
            return
        if index.data(OUT_ROLE):  # greyed, the marker in small plain type so the name keeps its room
            p.setOpacity(0.6)
            p.setFont(theme.font(theme.BASE_POINT_SIZE - 2.5))
            right = p.fontMetrics().horizontalAdvance(count) + 8
            p.drawText(inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, count)
            p.setFont(theme.font(theme.BASE_POINT_SIZE - 1, bold=True))
            room = inner.adjusted(0, 0, -right, 0)
            p.drawText(room, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       p.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, room.width()))
            return
        p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        p.drawText(inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, count)

    def _paint_factor(self, p: QPainter, option: QStyleOptionViewItem, rect: QRect, index: Index) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            p.fillRect(rect, QColor(theme.ACCENT_TINT))
            p.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), QColor(theme.ACCENT))
            if self.view.hasFocus():  # keys move in the list: say so with a focus ring
                p.setPen(QPen(QColor(theme.ACCENT), 2))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(QRectF(rect).adjusted(1, 1, -1, -1))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            p.fillRect(rect, QColor(theme.HOVER))
        if index.data(OUT_ROLE):
            p.setOpacity(0.5)  # left out of this round: greyed, a click offers to add it back
        state = index.data(STATE_ROLE)
        less = (ROW_PADDING - _row_padding()) // 2  # the mark and level move up with the name
        mark = QRectF(rect.left() + self.left, rect.top() + 9 - less, self.mark, self.mark)
        self._paint_mark(p, mark, state)
        name = str(index.data(Qt.ItemDataRole.DisplayRole))
        bold = selected and self._height(name, bold=True) <= self._height(name, bold=False)
        name_font = self.name_font(bold=bold)
        p.setFont(name_font)
        p.setPen(QColor(theme.INK))
        self._draw_name(p, rect.left() + self._name_left(), rect.top() + _row_padding() // 2, name, name_font)
        level = index.data(LEVEL_ROLE)
        if level != NO_LEVEL:
            p.setFont(self._level_font())
            p.setPen(QColor(theme.ACCENT))
            level_rect = QRect(rect.right() - self.level_width() - self.right + 1, rect.top() + 6 - less,
                               self.level_width(), 20)
            p.drawText(level_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, str(level))

    def width_for(self, names: list[str], lines: int) -> int:
        """The least width of the list's viewport at which each of these names takes at most
        `lines` lines in the type they are drawn in now (wrapped as painted: the first line beside
        the level, the rest under it). Measured once per set of names and type."""
        font = self.name_font(bold=False)
        level = self.level_width()
        key = (tuple(names), lines, font.key(), level)
        width = self._widths_for.get(key)
        if width is None:
            def fits(rest: int) -> bool:
                return all(_line_count(name, font, rest - level, rest) <= lines for name in names)

            low, high = 80, 2000  # rest widths: the least that fits lies in (low, high]
            while high - low > 1:
                middle = (low + high) // 2
                if fits(middle):
                    high = middle
                else:
                    low = middle
            width = self._widths_for[key] = high + self._name_left() + self._rest_right()
        return width

    def _name(self, text: str, font: QFont) -> list[QStaticText]:
        """The factor's name wrapped (the first line beside the level, the rest under it), each line
        laid out once per width and font and drawn as static text (a score repaints the list)."""
        first, rest = self._text_width(), self._rest_width()
        key = (text, first, rest, font.key())
        laid_out = self._names.get(key)
        if laid_out is None:
            if len(self._names) > 500:
                self._names.clear()
            lines: list[QStaticText] = []
            for words in _wrap(text, font, first, rest):
                static = QStaticText(words)
                static.setTextFormat(Qt.TextFormat.PlainText)
                static.prepare(font=font)
                lines.append(static)
            laid_out = self._names[key] = lines
        return laid_out

    def _draw_name(self, p: QPainter, x: int, y: int, text: str, font: QFont) -> None:
        spacing = QFontMetrics(font).lineSpacing()
        for i, line in enumerate(self._name(text, font)):
            p.drawStaticText(x, y + i * spacing, line)

    @staticmethod
    def _paint_mark(p: QPainter, r: QRectF, state: str) -> None:
        accent = QColor(theme.ACCENT)
        if state == AGREED:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(accent)
            p.drawEllipse(r)
            p.setPen(QPen(QColor("white"), 2))
            c = r.center()
            p.drawPolyline([c + QPointF(-4, 0), c + QPointF(-1, 3), c + QPointF(4, -3)])
        elif state == PARTLY_SCORED:
            p.setPen(QPen(accent, 1.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(r.adjusted(1, 1, -1, -1))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(accent)
            p.drawPie(r.adjusted(1, 1, -1, -1), 90 * 16, 180 * 16)
        elif state == NOT_AGREED:  # reached and not agreed: a full ring with a cross, in the warning colour
            warn = QColor(theme.WARNING_LINE).darker(140)
            p.setPen(QPen(warn, 1.5))
            p.setBrush(QColor(theme.WARNING_BG))
            p.drawEllipse(r.adjusted(1, 1, -1, -1))
            c = r.center()
            p.setPen(QPen(warn, 2))
            p.drawLine(c + QPointF(-3, -3), c + QPointF(3, 3))
            p.drawLine(c + QPointF(-3, 3), c + QPointF(3, -3))
        elif state == NOT_APPLICABLE:  # a grey disc struck through: out of the count, on purpose
            grey = QColor("#6b7a82")
            p.setPen(QPen(grey, 1.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(r.adjusted(1, 1, -1, -1))
            c = r.center()
            p.drawLine(c + QPointF(-4, 0), c + QPointF(4, 0))
        else:
            p.setPen(QPen(QColor(theme.FAINT), 1.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(r.adjusted(1, 1, -1, -1))


class Navigator(QTreeWidget):
    """Six dimensions (Mutuality first), each listing its factors; selecting one opens it."""

    factor_selected = Signal(str)
    add_requested = Signal(str)  # a greyed dimension or factor was clicked: its id (offer to add it)
    tab_pressed = Signal(bool)  # forward: Tab leaves the list for the scoring guide

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setIndentation(0)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(False)
        self.setMouseTracking(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_Delegate(self))
        self.setAccessibleName("Factors")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._dimensions: dict[str, QTreeWidgetItem] = {}
        self._tips: dict[str, str] = {}  # dimension id -> what its count leaves out (hover, screen reader)
        self._peek: set[str] = set()  # dimensions outside the scope opened to show their factors
        self._scope: tuple[tuple[str, ...], frozenset[str]] = ((), frozenset())
        self._placing = False  # the open factor is placed again whenever the list changes size
        self.verticalScrollBar().actionTriggered.connect(self._on_scrolled_by_hand)
        self.currentItemChanged.connect(self._on_self_current_item_changed)
        self.itemClicked.connect(self._on_self_item_clicked)

    def apply_look(self) -> None:
        """View -> Large text changed (theme.apply): measure the names again in the new type."""
        delegate = self.itemDelegate()
        if isinstance(delegate, _Delegate):
            delegate._heights.clear()
        self.scheduleDelayedItemsLayout()

    def width_for_two_lines(self) -> int:
        """The list's width (its frame and scroll bar included) at which every factor name of the
        first dimension, Mutuality, where the day starts, takes at most two lines in the type now
        shown (play-through 12: with Large text at 1024 most took three, and five factors showed)."""
        head = self.topLevelItem(0)
        names = [child.text(0) for i in range(head.childCount()) if (child := head.child(i)) is not None] \
            if head is not None else []
        delegate = self.itemDelegate()
        if not names or not isinstance(delegate, _Delegate):
            return 0
        return (delegate.width_for(names, 2) + 2 * self.frameWidth()
                + self.verticalScrollBar().sizeHint().width())

    def set_framework(self, framework: Any) -> None:
        self.blockSignals(True)
        self.clear()
        self._items.clear()
        self._dimensions.clear()
        for dimension in framework.workshop_order():
            head = QTreeWidgetItem([dimension.name])
            # Enabled but not selectable: a disabled heading disables its factors too, and
            # a list of disabled items can be neither clicked nor moved through by keys.
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setData(0, FACTOR_ROLE, "")
            head.setData(0, COUNT_ROLE, "")
            self.addTopLevelItem(head)
            self._dimensions[dimension.id] = head
            for factor in dimension.factors:
                item = QTreeWidgetItem(head, [f"{factor.number}. {factor.name}"])
                item.setData(0, FACTOR_ROLE, factor.id)
                item.setData(0, STATE_ROLE, NOT_STARTED)
                item.setData(0, LEVEL_ROLE, NO_LEVEL)
                self._items[factor.id] = item
            head.setExpanded(True)
        self.blockSignals(False)

    def update_states(self, states: dict[str, tuple[str, int | None]], counts: dict[str, str],
                      tips: dict[str, str] | None = None) -> None:
        """Set each factor's (state, agreed level), each dimension's 'n/m' count and, given tips,
        what its heading says on hover (which factors the count leaves out, and why)."""
        for factor_id, (state, level) in states.items():
            item = self._items.get(factor_id)
            if item is None:
                continue
            item.setData(0, STATE_ROLE, state)
            item.setData(0, LEVEL_ROLE, NO_LEVEL if level is None else level)
            agreed = f", agreed level {level}" if level is not None else ""
            said = f"{item.text(0)}: {STATE_TEXT.get(state, state)}{agreed}"
            item.setToolTip(0, said)
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, said)  # what a screen reader says
            item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole,
                         f"{STATE_TEXT.get(state, state)}{agreed}")
        for dim_id, count in counts.items():
            if dim_id in self._dimensions:
                self._dimensions[dim_id].setData(0, COUNT_ROLE, count)
        for dim_id, tip in (tips or {}).items():
            self._tips[dim_id] = tip
            if dim_id in self._dimensions and not self._dimensions[dim_id].data(0, OUT_ROLE):
                head = self._dimensions[dim_id]
                head.setToolTip(0, _wrapped(tip))
                head.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, tip)

    def set_scope(self, dimension_ids: tuple[str, ...], left_out: frozenset[str] = frozenset()) -> None:
        """Open the dimensions the round covers. A dimension outside it is one greyed heading that a
        click opens to show its factors greyed; a factor left out is greyed too. Clicking a greyed
        factor offers to add it to the round (the room insists on discussing it)."""
        self._scope = (tuple(dimension_ids), frozenset(left_out))
        for dim_id, head in self._dimensions.items():
            out = dim_id not in dimension_ids
            head.setData(0, OUT_ROLE, out)
            name = head.text(0)
            tip = f"{name} is {OUT_TEXT}: click to see its factors" if out else self._tips.get(dim_id, "")
            head.setToolTip(0, tip if out else _wrapped(tip))
            head.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, "" if out else tip)
            head.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{name}, {OUT_TEXT}" if out else name)
            if out:
                head.setData(0, COUNT_ROLE, ("▾ " if dim_id in self._peek else "▸ ") + "not in round")
            for i in range(head.childCount()):
                item = head.child(i)
                if item is None:
                    continue
                hidden = out and dim_id not in self._peek
                if item.isHidden() != hidden:  # each change lays the list out again
                    item.setHidden(hidden)
                gone = out or item.data(0, FACTOR_ROLE) in left_out
                if bool(item.data(0, OUT_ROLE)) != gone:
                    item.setData(0, OUT_ROLE, gone)
                    flags = Qt.ItemFlag.ItemIsEnabled
                    item.setFlags(flags if gone else flags | Qt.ItemFlag.ItemIsSelectable)
                if gone:
                    item.setToolTip(0, f"{item.text(0)}: {OUT_TEXT}; click to add it")
                    item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, OUT_TEXT)

    def _on_self_item_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if not item.data(0, OUT_ROLE):
            return
        factor_id = item.data(0, FACTOR_ROLE)
        if factor_id:
            self.add_requested.emit(str(factor_id))  # asks; on Yes the page opens the factor
            # Left out (or added): the list comes back to the factor the page shows, selected
            # and in view, so the next digit visibly scores that factor (playthrough 1, #6).
            self.reveal_current()
            return
        dim_id = next((d for d, head in self._dimensions.items() if head is item), None)
        if dim_id is not None:  # a greyed heading opens (or closes) to show its greyed factors
            self._peek ^= {dim_id}
            self.set_scope(*self._scope)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """A press on a heading or greyed factor clears the selection (they are not selectable):
        the factor still open is selected again, so the list never shows none while a digit
        scores it."""
        super().mouseReleaseEvent(event)
        item = self.currentItem()
        if item is not None and item.data(0, FACTOR_ROLE) and not item.isSelected():
            item.setSelected(True)

    def reveal_current(self) -> None:
        """Select the open factor and scroll the list to it."""
        item = self.currentItem()
        if item is not None and item.data(0, FACTOR_ROLE):
            item.setSelected(True)
            self.scrollToItem(item)

    def place_current(self) -> None:
        """The open factor in view, on opening the page: the list from its top (its heading and
        count in sight) when the factor fits there, else the factor in the middle; and again as the
        list takes its final size, until the facilitator scrolls it. Scrolled only far enough while
        the window was still growing, the list had reopened at factor 10 with factor 1 cut in half
        at its top and the dimension's heading out of view (session 11)."""
        self._placing = True
        self._place()

    def _place(self) -> None:
        item = self.currentItem()
        if not self._placing or item is None:
            return
        self.doItemsLayout()  # the rows' heights at this width, before asking where the factor is
        bar = self.verticalScrollBar()
        rect = self.visualItemRect(item)
        if rect.bottom() + bar.value() < self.viewport().height():
            bar.setValue(bar.minimum())
        elif not self.viewport().rect().contains(rect):
            self.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _on_scrolled_by_hand(self, _action: int) -> None:
        self._placing = False

    def shows(self, factor_id: str) -> bool:
        """Whether the list shows this factor as the open one: current, selected and in view."""
        item = self._items.get(factor_id)
        if item is None or item is not self.currentItem() or not item.isSelected() or item.isHidden():
            return False
        return self.viewport().rect().contains(self.visualItemRect(item).center())

    def state_of(self, factor_id: str) -> tuple[str, int | None]:
        item = self._items[factor_id]
        level = item.data(0, LEVEL_ROLE)
        return item.data(0, STATE_ROLE), None if level == NO_LEVEL else level

    def select_factor(self, factor_id: str) -> None:
        item = self._items.get(factor_id)
        if item is not None and self.currentItem() is not item:
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.blockSignals(False)
            if self.isVisible():  # hidden (the page being built, or another page shown), its size is
                self.scrollToItem(item)  # not yet known: the page scrolls to it when shown

    def _on_self_current_item_changed(self, current: QTreeWidgetItem | None,
                                      previous: QTreeWidgetItem | None) -> None:
        heading = current is not None and not current.data(0, FACTOR_ROLE)
        if current is not None and (current.data(0, OUT_ROLE) or heading):
            # greyed: never opened by a click; a heading never stands for the open factor
            if previous is not None and previous.data(0, FACTOR_ROLE):
                self.blockSignals(True)
                self.setCurrentItem(previous)
                self.blockSignals(False)
            return
        if current is not None and current.data(0, FACTOR_ROLE):
            self.factor_selected.emit(current.data(0, FACTOR_ROLE))

    def factor_ids(self) -> list[str]:
        """The factors of the round's scope, in order (those outside it are hidden or greyed)."""
        return [fid for fid, item in self._items.items() if not item.isHidden() and not item.data(0, OUT_ROLE)]

    def current_factor(self) -> str | None:
        item = self.currentItem()
        return item.data(0, FACTOR_ROLE) or None if item is not None else None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Up/Down/Home/End move between factors (skipping headings); digits and clearing
        keys are left to the page, which scores the perspective the score bar shows."""
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            super().keyPressEvent(event)
            return
        if event.text() and event.text().isdigit():
            event.ignore()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            event.ignore()
            return
        moves = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Home: -10_000, Qt.Key.Key_End: 10_000}
        step = moves.get(Qt.Key(event.key()))
        if step is not None:
            ids = self.factor_ids()
            current = self.current_factor()
            index = ids.index(current) if current in ids else 0
            target = ids[max(0, min(len(ids) - 1, index + step))]
            if target != current:
                self.setCurrentItem(self._items[target])  # emits factor_selected
                self.scrollToItem(self._items[target])
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt override
        """Tab goes on to the scoring guide (the page decides which perspective it takes)."""
        if forward and self.hasFocus():
            self.tab_pressed.emit(True)
            return True
        return super().focusNextPrevChild(forward)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()
        if self._placing:
            QTimer.singleShot(0, self, self._place)  # once the rows have their new heights
