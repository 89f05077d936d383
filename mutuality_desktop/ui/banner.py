"""An inline message strip at the top of a view: recoverable problems are shown here, not in pop-ups."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class Banner(QFrame):
    """A one-line message with up to two actions; hidden until there is something to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 8, 12, 8)
        layout.setSpacing(12)
        self.label = QLabel(wordWrap=True)
        layout.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
        self._layout = layout
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.clicked.connect(self.clear)
        layout.addWidget(self.dismiss_button)
        self.hide()

    def show_message(self, text: str, kind: str = "warning",
                     actions: list[tuple[str, Callable[[], None]]] | None = None,
                     dismissable: bool = True) -> None:
        """Show text ("info", "warning" or "error") with optional (label, callback) buttons."""
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        for index, (label, callback) in enumerate(actions or []):
            button = QPushButton(label)
            if index == 0:
                button.setProperty("role", "primary")
            button.clicked.connect(callback)
            self._layout.insertWidget(self._layout.count() - 1, button)
            self._buttons.append(button)
        self.setProperty("role", f"banner-{kind}")
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        self.dismiss_button.setVisible(dismissable)
        self.show()

    def button(self, label: str) -> QPushButton | None:
        return next((b for b in self._buttons if b.text() == label), None)

    def text(self) -> str:
        return self.label.text() if self.isVisible() or not self.isHidden() else ""

    def clear(self) -> None:
        self.label.clear()
        self.hide()
