"""A row of widgets that wraps onto a second line when the space is too narrow for one (Results' header
and its chart options with Large text on a 1024-pixel projector), instead of widening the window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QTabWidget,
    QWidget,
    QWidgetItem,
)


class FlowRow(QLayout):
    """Left to right, wrapping as text does; the items from `right_from` on keep to the right edge
    of their line (as a stretch before them would in a QHBoxLayout)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8, line_spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing, self._line_spacing = spacing, line_spacing
        self.right_from: int | None = None
        self._height = 0  # the height the lines took at the last width given
        self.setContentsMargins(0, 0, 0, 0)

    def add(self, widget: QWidget) -> None:
        self.addWidget(widget)

    def keep_right_from_here(self) -> None:
        """The items added after this call keep to the right edge."""
        self.right_from = len(self._items)

    # --- QLayout ---------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        height = self._arrange(rect, apply=True)
        if height != self._height:  # wrapped onto more (or fewer) lines: the parents ask again
            self._height = height
            self.invalidate()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """All on one line."""
        shown = self._shown()
        width = sum(i.sizeHint().width() for i in shown) + self._spacing * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        """As narrow as the widest item: the others wrap; as tall as the lines need at the width
        last given (a parent that knows nothing of height-for-width, such as a tab's page, then
        still leaves room for the second line)."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        size += QSize(m.left() + m.right(), m.top() + m.bottom())
        width = self.geometry().width()
        if width > 0:
            size.setHeight(max(size.height(), self.heightForWidth(width)))
        return size

    # --- arranging -------------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (isinstance(i, QWidgetItem) and i.isEmpty())]

    def _arrange(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        lines: list[list[tuple[int, QLayoutItem, QSize]]] = [[]]
        x = 0
        for index, item in enumerate(self._items):
            if isinstance(item, QWidgetItem) and item.isEmpty():
                continue
            hint = item.sizeHint().expandedTo(item.minimumSize())
            hint.setWidth(min(hint.width(), area.width()))
            if lines[-1] and x + hint.width() > area.width():
                lines.append([])
                x = 0
            lines[-1].append((index, item, hint))
            x += hint.width() + self._spacing
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(h.height() for _, _, h in line)
            used = sum(h.width() for _, _, h in line) + self._spacing * (len(line) - 1)
            push = area.width() - used  # what the right-hand items move by
            x = area.x()
            for index, item, hint in line:
                if self.right_from is not None and index >= self.right_from and push > 0:
                    x += push
                    push = 0
                if apply:
                    widget = item.widget()
                    grow = widget is not None and \
                        widget.sizePolicy().verticalPolicy() == QSizePolicy.Policy.Expanding
                    top = y if grow else y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(hint.width(), height if grow else hint.height())))
                x += hint.width() + self._spacing
            y += height + self._line_spacing
        return y - self._line_spacing - area.y() + m.top() + m.bottom() if lines[0] else 0


def least_height(widget: QWidget, width: int) -> int:
    """The height a widget's box layout needs at a width: what wraps (labels, flow rows) at its
    height for that width, the rest at its minimum. Qt's minimum ignores the wrapping, and a tab's
    page or a scroll area's panel given only that minimum squeezes the rows below their own."""
    layout = widget.layout()
    if layout is None:
        return widget.minimumSizeHint().height()
    m = layout.contentsMargins()
    inner = width - m.left() - m.right()
    shown = [item for i in range(layout.count()) if (item := layout.itemAt(i)) is not None and not item.isEmpty()]


    def wraps(item: QLayoutItem) -> bool:  # text that wraps; not a tab or list's preferred height
        return item.hasHeightForWidth() and not isinstance(item.widget(), QTabWidget | QAbstractScrollArea)

    return m.top() + m.bottom() + max(0, layout.spacing()) * max(0, len(shown) - 1) + sum(
        max(item.minimumSize().height(), item.heightForWidth(inner)) if wraps(item)
        else item.minimumSize().height() for item in shown)
