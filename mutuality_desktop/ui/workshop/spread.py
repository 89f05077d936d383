"""The spread of the room's own views for the factor on screen: a dot strip per side.

Each client participant's pre-work level is a filled dot above the scale's axis, each provider's
a ring below it; people at the same level sit side by side. It sits above the Evidence tabs, so
the scoring guide keeps all its height. Anonymous by default (the walkthrough is often
on the projector): hovering a dot says how many chose that level; with *Names* on, who.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ...core.framework import Scale
from ...core.spread import FactorSpread, SideViews
from .. import theme

STRIP_HEIGHT = 24  # one line of the header: client dots above the axis, provider rings below
DOT = 9


class DotStrip(QWidget):
    """The painted strips: one row per side, dots at each person's level."""

    def __init__(self, parent: QWidget | None = None, zoom: float = 1.0) -> None:
        super().__init__(parent)
        self.spread: FactorSpread | None = None
        self.scale: Scale | None = None
        self.show_names = False
        self.setMouseTracking(True)
        self.setAccessibleName("Participants' own views")
        self.set_zoom(zoom)

    def set_zoom(self, zoom: float) -> None:
        """Larger dots and type for the room's screen (presentation mode)."""
        self.zoom = zoom
        self.setMinimumWidth(int(136 * zoom))  # at 1024 wide: beside "Split" and "Names off"
        self.setFixedHeight(int(STRIP_HEIGHT * zoom))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(int(300 * self.zoom), int(STRIP_HEIGHT * self.zoom))

    def row_y(self, row: int) -> float:
        return self.height() / 2 + (-5.5 if row == 0 else 5.5) * self.zoom

    def _axis(self) -> tuple[float, float]:
        margin = 18 * self.zoom  # room for the scale's lowest and highest level beside the axis
        return margin, max(margin + 1.0, self.width() - margin)

    def x_of(self, level: int) -> float:
        assert self.scale is not None
        left, right = self._axis()
        lo, hi = self.scale.minimum, self.scale.maximum
        return left + (right - left) * (level - lo) / max(1, hi - lo)

    def dots(self) -> list[tuple[QRectF, str, int, list[str]]]:
        """Each dot's rectangle with its side, level and the names at that level."""
        out: list[tuple[QRectF, str, int, list[str]]] = []
        if self.spread is None or self.scale is None:
            return out
        for row, views in enumerate((self.spread.client, self.spread.provider)):
            y = self.row_y(row)
            by_level: dict[int, list[str]] = {}
            for name, level in views.views:
                by_level.setdefault(level, []).append(name)
            dot = DOT * self.zoom
            for level, names in by_level.items():
                x0 = self.x_of(level) - (len(names) - 1) * (dot * 0.8) / 2
                for i in range(len(names)):
                    cx = x0 + i * dot * 0.8
                    out.append((QRectF(cx - dot / 2, y - dot / 2, dot, dot), views.side, level, names))
        return out

    def tooltip_at(self, pos: QPointF) -> str:
        assert self.scale is not None or not self.dots()
        for rect, side, level, names in self.dots():
            if rect.adjusted(-2, -2, 2, 2).contains(pos):
                level_name = f"{level} {self.scale.name_of(level)}" if self.scale else str(level)
                who = ", ".join(names) if self.show_names else \
                    f"{len(names)} {'person' if len(names) == 1 else 'people'}"
                return f"{theme.PERSPECTIVE_LABELS[side]} side at {level_name}: {who}"
        return ""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def paintEvent(self, _event: object) -> None:
        if self.spread is None or self.scale is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(theme.font((theme.BASE_POINT_SIZE - 1.5) * self.zoom))
        left, right = self._axis()
        y = self.height() / 2
        painter.setPen(QPen(theme.colour(theme.LINE), 1))
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        for level in range(self.scale.minimum, self.scale.maximum + 1):
            painter.drawLine(QPointF(self.x_of(level), y - 2), QPointF(self.x_of(level), y + 2))
        painter.setPen(theme.colour(theme.MUTED))
        z = self.zoom
        for level, x in ((self.scale.minimum, left - 16 * z), (self.scale.maximum, right + 6 * z)):
            painter.drawText(QRectF(x, 0, 12 * z, self.height()), Qt.AlignmentFlag.AlignVCenter,
                             str(level))
        accent = theme.colour(theme.ACCENT_DARK)
        for rect, side, _level, _names in self.dots():
            painter.setPen(QPen(accent, 1.6 * self.zoom))
            painter.setBrush(accent if side == "client" else theme.colour("#ffffff"))
            painter.drawEllipse(rect)
        painter.end()


class SpreadPanel(QWidget):
    """The strip, each side's range in words, a polarised flag and the Names toggle."""

    names_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strip = DotStrip()
        self.summary = QLabel()
        self.summary.setProperty("role", "caption")
        self.summary.setFont(theme.font(theme.BASE_POINT_SIZE - 1.5))
        # The previous round's level beside the strip keeps its width; this text gives way.
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.summary.setMinimumWidth(0)
        self.summary.setWordWrap(True)  # the key (filled dot: client, ring: provider) is never cut off
        self.flag = QLabel("Split")
        self.flag.setFont(theme.font(theme.BASE_POINT_SIZE - 1.5, bold=True))
        self.flag.setStyleSheet(f"background: {theme.WARNING_BG}; border: 1px solid "
                                f"{theme.WARNING_LINE}; border-radius: 3px; padding: 1px 5px;")
        self.flag.hide()
        self.names = _NamesButton()
        self.names.setCheckable(True)
        self.names.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the walkthrough's Tab order stays
        self.names.toggled.connect(self._on_names_toggled)
        self.names.setFixedHeight(STRIP_HEIGHT - 2)
        # Pressed, it looks pressed (filled in the accent colour; High contrast recolours it) and
        # says "Names on": a plain "Names" never said which was showing (play-through s6 finding 4).
        self.names.setStyleSheet(
            "QToolButton { padding: 0 4px; }"
            f" QToolButton:checked {{ background: {theme.ACCENT}; color: #ffffff;"
            f" border: 1px solid {theme.ACCENT_DARK}; font-weight: 600; }}")
        self._show_names_state(False)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.summary, 1)
        bottom = QHBoxLayout()
        bottom.setSpacing(8)
        bottom.addWidget(self.strip, 1)
        bottom.addWidget(self.flag)  # beside the dots it is about, never over the key
        bottom.addWidget(self.names)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 10, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self._top, self._bottom, self._column = top, bottom, layout
        # the least width leaves the flag out: where it does not fit beside the dots it goes up
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        self.hide()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        margins = self._column.contentsMargins()
        width = (self.strip.minimumWidth() + self.names.sizeHint().width() + self._bottom.spacing()
                 + margins.left() + margins.right())
        return QSize(width, super().minimumSizeHint().height())

    def _fit_flag(self) -> None:
        """The "Split" flag beside the dots where the row has room for the strip, the flag and the
        whole Names button; else beside the key above (at 1024 with Large text the button was cut
        to "Na…ff" to make room for it, play-through 8)."""
        margins = self._column.contentsMargins()
        need = (self.strip.minimumWidth() + self.flag.sizeHint().width() + self.names.sizeHint().width()
                + 2 * self._bottom.spacing() + margins.left() + margins.right())
        below = self.width() >= need
        if below == (self._bottom.indexOf(self.flag) >= 0):
            return
        (self._top if below else self._bottom).removeWidget(self.flag)
        if below:
            self._bottom.insertWidget(1, self.flag)
        else:
            self._top.addWidget(self.flag, 0, Qt.AlignmentFlag.AlignTop)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_flag()

    def set_spread(self, spread: FactorSpread | None, scale: Scale) -> None:
        """Show the factor's views; hidden when nobody has given one."""
        self.strip.spread, self.strip.scale = spread, scale
        has_views = spread is not None and bool(spread.levels or spread.client.dont_know
                                                or spread.provider.dont_know)
        self.setVisible(has_views)
        if spread is None or not has_views:
            return
        marks = {"client": "\u25cf", "provider": "\u25cb"}  # filled dot, ring: as drawn
        # each symbol held to its words (no-break spaces): a wrap comes only between the sides
        # (play-through 8: "○" alone at a line's end, "Provider 3–4 (2)" on the next)
        lines = [f"{marks[s.side]} {theme.PERSPECTIVE_LABELS[s.side]} {_short(s)}".replace(" ", "\u00a0")
                 for s in (spread.client, spread.provider)]
        self.summary.setText("Own\u00a0views:  " + "   ".join(lines))
        self.summary.setToolTip("\n".join(f"{theme.PERSPECTIVE_LABELS[s.side]}: {s.text()}"
                                          for s in (spread.client, spread.provider)))
        self.flag.setVisible(spread.polarised)
        self.flag.setToolTip(f"The room is split: {spread.reason()}." if spread.polarised else "")
        self.setAccessibleDescription(_describe(spread.client) + " " + _describe(spread.provider))
        self.strip.update()

    def _on_names_toggled(self, on: bool) -> None:
        self.strip.show_names = on
        self._show_names_state(on)
        self.names_toggled.emit(on)

    def _show_names_state(self, on: bool) -> None:
        """The button's text, tooltip and spoken name say whether names are on."""
        self.names.setText("Names on" if on else "Names off")
        self.names.setToolTip(
            "Names on: hovering a dot names who chose that level. Click to turn names off "
            "(before the projector shows this screen)." if on else
            "Names off: hovering a dot says how many chose that level (“1 person”). "
            "Click to show who chose it (this laptop only; the room's screen never shows names).")
        self.names.setAccessibleName("Participants' names: on" if on else "Participants' names: off")


class _NamesButton(QToolButton):
    """Never narrower than its widest text ("Names off", "Names on" in bold) in the type in use:
    at 1024 with Large text and the "Split" flag beside it, it was cut to "Na…ff"."""

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        bold = QFont(self.font())
        bold.setBold(True)
        widest = max(QFontMetrics(bold).horizontalAdvance(t) for t in ("Names off", "Names on"))
        return QSize(max(hint.width(), widest + 2 * self.fontMetrics().horizontalAdvance("M")), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()


def _short(side: SideViews) -> str:
    """'2–4 (4)': the range and how many gave a level, for the one-line summary."""
    if not side.views:
        return "no views"
    lo, hi = side.lowest, side.highest
    span = f"{lo}" if lo == hi else f"{lo}\u2013{hi}"
    return f"{span} ({len(side.views)})"


def _describe(side: SideViews) -> str:
    levels = ", ".join(str(level) for level in side.levels) or "none"
    return f"{theme.PERSPECTIVE_LABELS[side.side]} side's own levels: {levels}."
