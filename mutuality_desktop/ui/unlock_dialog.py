"""Opening a passphrase-protected file: ask for the passphrase, unlock a copy, open that.

The protected original is only ever read. A wrong passphrase is said inline, to try again.
"""

from __future__ import annotations

import os
import threading
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget
from shiboken6 import isValid

from ..core.exchange import is_sealed
from .exchange_dialogs import WorkingDialog, busy_row, fit, password_edit
from .exchange_files import describe, documents_folder, in_background, unlock_copy, unlocked_stem
from .widgets import Field, caption

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["UnlockDialog", "ask_to_unlock", "is_sealed"]


class UnlockDialog(WorkingDialog):
    """Ask for the passphrase of a protected file; a wrong one is said inline, to try again."""

    unlocked = Signal(Path)

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle("Open a protected engagement")
        self.setMinimumWidth(520)
        self._cancel = threading.Event()
        self.folders = [self.path.parent, documents_folder()]
        if not os.access(self.path.parent, os.W_OK):
            self.folders = self.folders[1:]
        where = "next to it" if self.folders[0] == self.path.parent else f"in {self.folders[0]}"
        intro = QLabel(f"<b>{escape(self.path.name)}</b> is protected with a passphrase. Enter the "
                       "passphrase the sender gave you.")
        intro.setWordWrap(True)
        note = caption(f"An unlocked copy is saved {where} as “{unlocked_stem(self.path)} (unlocked)"
                       ".mutuality” and opened; the protected file itself is not changed.")
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        self.field = Field("Passphrase", password_edit())
        self.show_text = QCheckBox("Show the passphrase")
        self.busy_row, _ = busy_row("Unlocking…")
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton("Unlock and open",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setProperty("role", "primary")
        self.unlock_button.setDefault(True)
        self.unlock_button.setEnabled(False)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        for widget in (intro, self.field, self.show_text, note, self.busy_row):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        self.field.editor.textEdited.connect(self._on_field_edited)
        self.show_text.toggled.connect(self._on_show_text_toggled)
        buttons.accepted.connect(self.unlock)
        buttons.rejected.connect(self.reject)

    def _on_field_edited(self, text: str) -> None:
        self.unlock_button.setEnabled(bool(text))

    def _on_show_text_toggled(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        self.field.editor.setEchoMode(mode)

    def unlock(self) -> None:
        """Unseal in the background; on success emit unlocked(copy) and close."""
        passphrase = self.field.editor.text()
        if self.busy or not passphrase:
            return
        self._set_busy(True)
        path, folders = self.path, list(self.folders)
        cancel = self._cancel = threading.Event()
        in_background(lambda: unlock_copy(path, passphrase, folders, cancel.is_set),
                      self._on_unlocked, self._on_failed)

    def reject(self) -> None:
        """Cancel works while unlocking: the worker is told to write nothing, the dialog closes."""
        self._cancel.set()
        self.busy = False
        super().reject()

    def _on_unlocked(self, target: Path) -> None:
        if not isValid(self) or self._cancel.is_set():
            return
        self._set_busy(False)
        self.accept()
        self.unlocked.emit(target)

    def _on_failed(self, exc: BaseException) -> None:
        if not isValid(self) or self._cancel.is_set():
            return
        self._set_busy(False)
        self.field.set_problem(describe(exc))
        fit(self)
        self.field.editor.selectAll()
        self.field.editor.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_row.setVisible(busy)
        for widget in (self.field, self.show_text, self.unlock_button):
            widget.setEnabled(not busy)
        if not busy:
            self.unlock_button.setEnabled(bool(self.field.editor.text()))


def ask_to_unlock(window: MainWindow, path: Path) -> UnlockDialog:
    """Ask for the passphrase (without blocking the window); open the unlocked copy when done."""
    dialog = UnlockDialog(path, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def unlocked(target: Path) -> None:
        if window.open_path(target):
            window.statusBar().showMessage(f"Unlocked copy saved as {target}", 20000)

    dialog.unlocked.connect(unlocked)
    dialog.open()
    return dialog
