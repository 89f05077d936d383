"""The three perspectives as large buttons: who is being scored now, and what each side said."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QSizePolicy, QWidget

from ...core.agreement import agreed_text
from ...core.framework import Scale
from ...core.model import Score
from .. import accessibility, theme


class PerspectiveButton(QAbstractButton):
    """Show one perspective's level; the focused perspective carries the accent underline."""

    def __init__(self, perspective: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.perspective = perspective
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._value = "Not assessed"
        self._level: int | None = None
        self._pending = False
        self.active = True  # keys score this perspective now (the guide or the list has focus)
        # A click on a guide row scores the checked perspective whenever the file can be
        # changed, wherever the focus is (a notes box too): the checked card always says
        # SCORING then, so the side a click changes is the side the screen names.
        self.editable = True
        self._name_for_screen_readers()

    def set_level(self, level: int | None, name: str, pending: bool = False) -> None:
        if (level, name, pending) == (self._level, self._value, self._pending):
            return  # a score on another side: this button stays as drawn
        self._level, self._value, self._pending = level, name, pending
        self.setToolTip(f"{theme.PERSPECTIVE_LABELS[self.perspective]} view: {self.value_text()}"
                        + (" (not saved)" if pending else ""))
        self._name_for_screen_readers()
        self.update()

    def show_no_level(self, text: str) -> None:
        """What stands in place of a level when there is none and none is pending (from core:
        "Not assessed", or for the agreed view "Not agreed" or "Not yet agreed")."""
        if self._level is None and not self._pending and self._value != text:
            self.set_level(None, text)

    def _name_for_screen_readers(self) -> None:
        """Say the level, and 'scoring now' while a digit typed now scores this perspective."""
        level = self._value.lower() if self._level is None else f"{self._level} {self._value}"
        name = f"{theme.PERSPECTIVE_LABELS[self.perspective]} view: {level}"
        if self._pending:
            name += " (not saved)"
        if self.isChecked() and self.editable:
            name += ", scoring now"
        if self.accessibleName() != name:
            self.setAccessibleName(name)

    def value_text(self) -> str:
        return self._value if self._level is None else f"{self._level}  {self._value}"

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        big = QFontMetrics(theme.font(theme.BASE_POINT_SIZE + 1, bold=True))
        small = QFontMetrics(theme.font(theme.BASE_POINT_SIZE - 1.5, weight=QFont.Weight.DemiBold))
        width = max(big.horizontalAdvance("5  Established"), small.horizontalAdvance("PROVIDER  ·  SCORING"))
        return QSize(width + 30, big.height() + small.height() + 20)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Narrow windows (a 1024-pixel projector) squeeze the buttons; the texts are elided."""
        small = QFontMetrics(theme.font(theme.BASE_POINT_SIZE - 1.5, weight=QFont.Weight.DemiBold))
        return QSize(small.horizontalAdvance("PROVIDER") + 30, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        focused = self.isChecked()
        scoring = focused and self.editable  # a guide click scores this side
        keys = scoring and self.active  # and so does a digit typed now: the tinted card
        p.setPen(QPen(QColor(theme.ACCENT if focused else theme.CONTROL_LINE), 2 if scoring else 1))
        p.setBrush(QColor(theme.ACCENT_TINT if keys else "white"))
        p.drawRoundedRect(rect, 8, 8)
        small = theme.font(theme.BASE_POINT_SIZE - 1.5, weight=QFont.Weight.DemiBold)
        big = theme.font(theme.BASE_POINT_SIZE + 1, bold=True)
        inner = rect.adjusted(14, 6, -10, -6)
        p.setFont(small)
        p.setPen(QColor(theme.ACCENT if focused else theme.MUTED))
        label = theme.PERSPECTIVE_LABELS[self.perspective].upper()
        if scoring:  # a guide click (and a digit in the guide) scores this perspective
            label += "  ·  SCORING"
        fm = QFontMetrics(small)
        if scoring:  # the words on a filled band, as the guide's line over the levels shows the same
            # view: the card a click scores stands out from across the room (play-through 11)
            label = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(inner.width()) - 12)
            band = QRectF(inner.left() - 6, inner.top() - 2, fm.horizontalAdvance(label) + 12, fm.height() + 3)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(theme.ACCENT))
            p.drawRoundedRect(band, 4, 4)
            p.setPen(QColor("white"))
            p.drawText(band, Qt.AlignmentFlag.AlignCenter, label)
        else:
            label = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(inner.width()))
            p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, label)
        p.setFont(big)
        colour = theme.ERROR_TEXT if self._pending else (theme.INK if self._level is not None else theme.MUTED)
        p.setPen(QColor(colour))
        text = self.value_text() + ("  (not saved)" if self._pending else "")
        elided = QFontMetrics(big).elidedText(text, Qt.TextElideMode.ElideRight, int(inner.width()))
        p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, elided)
        p.end()


class PerspectiveBar(QWidget):
    """Client, provider, agreed side by side; clicking one makes it the perspective being scored."""

    perspective_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.buttons: dict[str, PerspectiveButton] = {}
        for perspective in theme.PERSPECTIVES:
            button = PerspectiveButton(perspective)
            button.clicked.connect(lambda _=False, p=perspective: self.perspective_clicked.emit(p))
            layout.addWidget(button)
            self.buttons[perspective] = button

    def set_focus_perspective(self, perspective: str, active: bool | None = None) -> None:
        """Mark the perspective keys score; active says whether a digit typed now scores it."""
        for name, button in self.buttons.items():
            checked = name == perspective
            drawn = button.isChecked() == checked and (active is None or button.active == active)
            button.setChecked(checked)
            if active is not None:
                button.active = active
            button._name_for_screen_readers()
            if not drawn:  # each score keystroke comes here: a button as drawn is not painted again
                button.update()

    def show_agreement(self, scale: Scale, scores: Mapping[tuple[str, str], Score], factor_id: str) -> None:
        """The AGREED button without a level says what core says of the factor: "Not agreed" when
        the room could not agree (guide 2.1), "Not yet agreed" while both sides have scored."""
        self.buttons["agreed"].show_no_level(agreed_text(scale, scores, factor_id, live=True))

    def set_active(self, active: bool) -> None:
        for button in self.buttons.values():
            if button.active != active:
                button.active = active
                button._name_for_screen_readers()
                button.update()

    def set_editable(self, editable: bool) -> None:
        """A read-only file scores nothing: no card says SCORING."""
        for button in self.buttons.values():
            if button.editable != editable:
                button.editable = editable
                button._name_for_screen_readers()
                button.update()

    def scoring(self) -> list[str]:
        """The perspectives the bar shows as SCORING (exactly one while the file can be changed)."""
        return [p for p, b in self.buttons.items() if b.isChecked() and b.editable]

    def is_active(self) -> bool:
        return all(b.active for b in self.buttons.values())


accessibility.expose_as_button(PerspectiveButton)
