"""The window's status bar: the file's name, or for a while a message reporting an outcome, each
elided with "…" to the room it has (the whole in its tooltip), so nothing is drawn over anything
else or cut mid-word. QStatusBar drew its message over the file's name under Large text and cut
long messages wherever the name button began.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QWidget


class ElidedLabel(QLabel):
    """One line of plain text, drawn elided in the middle when it does not fit; text() stays whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, super().minimumSizeHint().height())

    def shown_text(self) -> str:
        """What is drawn: the whole text, or its start and end around "…"."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle,
                                             max(0, self.contentsRect().width()))

    def full_width(self) -> int:
        """The width the whole text needs."""
        margins = self.contentsMargins()
        return self.fontMetrics().horizontalAdvance(self.text()) + margins.left() + margins.right() + 2

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(),
                                  int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                                  self.palette(), self.isEnabled(), self.shown_text(), self.foregroundRole())


class StatusBar(QStatusBar):
    """showMessage puts the message in a label of its own in place of the file's name, elided to
    its room; `refit` asks the name button to fit again (the bar was resized or its type changed)."""

    refit = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file_label = ElidedLabel()
        self.message_label = ElidedLabel()
        self.message_label.setAccessibleName("Status message")
        self.message_label.hide()
        self.addWidget(self.file_label, 1)
        self.addWidget(self.message_label, 1)
        self._message = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clearMessage)

    def showMessage(self, text: str, timeout: int | None = 0) -> None:  # noqa: N802 - Qt's name
        self._timer.stop()
        self._message = text
        self.message_label.setText(text)
        self.message_label.setToolTip(text)
        self.message_label.setVisible(bool(text))
        self.file_label.setVisible(not text)
        if text and timeout:
            self._timer.start(timeout)
        self.messageChanged.emit(text)

    def clearMessage(self) -> None:  # noqa: N802 - Qt's name
        if self._message or self.message_label.isVisible():
            self.showMessage("")

    def currentMessage(self) -> str:  # noqa: N802 - Qt's name
        return self._message

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.refit.emit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self._refit_later)  # once laid out; dropped if the bar goes

    def _refit_later(self) -> None:
        self.refit.emit()
