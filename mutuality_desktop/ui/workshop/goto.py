"""Go to factor…: type part of a factor's name (or its number) and press Return."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

Entry = tuple[str, str, str]  # factor id, "n. name", dimension name


def matches(entries: list[Entry], text: str) -> list[Entry]:
    """Entries whose name, number or dimension contains every word typed, best first.

    Names that start with the text come before names that merely contain it, so "jo" puts
    "Joint objective setting" before "Relationship management strategy".
    """
    words = text.lower().split()
    if not words:
        return list(entries)
    found = [e for e in entries if all(w in f"{e[1]} {e[2]}".lower() for w in words)]
    name_start = [e for e in found if e[1].split(". ", 1)[-1].lower().startswith(text.lower().strip())]
    return name_start + [e for e in found if e not in name_start]


class _Search(QLineEdit):
    """The search box: Up/Down move in the list below while the text keeps focus."""

    def __init__(self, results: QListWidget) -> None:
        super().__init__()
        self._results = results

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            row = self._results.currentRow()
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -5,
                    Qt.Key.Key_PageDown: 5}[Qt.Key(event.key())]
            if self._results.count():
                self._results.setCurrentRow(max(0, min(self._results.count() - 1, row + step)))
            return
        super().keyPressEvent(event)


class GoToFactorDialog(QDialog):
    def __init__(self, entries: list[Entry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Go to factor")
        self._entries = entries
        self.results = QListWidget()
        self.results.setAccessibleName("Matching factors")
        self.search = _Search(self.results)
        self.search.setPlaceholderText("Part of a factor's name or its number, e.g. trust")
        self.search.setAccessibleName("Factor name")
        label = QLabel("&Factor:")
        label.setBuddy(self.search)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Go")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.results.itemActivated.connect(lambda _item: self.accept())
        self._ok = ok
        self._on_search_text_changed("")
        self.resize(460, 420)

    def _on_search_text_changed(self, text: str) -> None:
        self.results.clear()
        for factor_id, name, dimension in matches(self._entries, text):
            item = QListWidgetItem(f"{name}  —  {dimension}")
            item.setData(Qt.ItemDataRole.UserRole, factor_id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        self._ok.setEnabled(self.results.count() > 0)

    def chosen(self) -> str | None:
        item = self.results.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))


def choose_factor(parent: QWidget, entries: list[Entry]) -> str | None:
    """Ask which factor to open; return its id, or None if the facilitator cancelled."""
    dialog = GoToFactorDialog(entries, parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.chosen()
        return None
    finally:
        dialog.deleteLater()
