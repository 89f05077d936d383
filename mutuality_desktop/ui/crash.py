"""Installed first: an unexpected exception is logged to a file, shown with details, and the app goes on."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

_state: dict[str, object] = {"dialog": None, "busy": False}
_count = [0]  # unexpected exceptions reported this run


def log_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return (Path(base) if base else Path.home() / ".mutuality-desktop") / "logs"


def write_log(text: str) -> Path | None:
    """Append a report to today's crash log; return its path (None if even that failed)."""
    folder = log_folder()
    path = folder / f"crash-{dt.date.today():%Y-%m-%d}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S}\n{text}\n")
    except OSError:
        return None
    return path


class CrashDialog(QDialog):
    """A non-blocking report: what happened, where the log is, the details to copy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.setMinimumSize(640, 420)
        self.setWindowModality(Qt.WindowModality.NonModal)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        self.message = QLabel(wordWrap=True)
        self.details = QPlainTextEdit(readOnly=True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("Copy details")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setProperty("role", "primary")
        buttons.rejected.connect(self.close)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def report(self, text: str, log: Path | None) -> None:
        where = f"The details are saved in {log}." if log else "The details could not be saved to a log."
        self.message.setText(
            "Something unexpected went wrong. Everything already saved is safe and you can carry "
            f"on working. {where} If it happens again, send the details to support."
        )
        current = self.details.toPlainText()
        self.details.setPlainText(f"{current}\n{text}" if current else text)

    def _on_copy_button_clicked(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText("Copied")


def handle(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Log an uncaught exception and tell the user without ending the app."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    _count[0] += 1
    log = write_log(text)
    if sys.stderr is not None:  # a windowed frozen build has no stderr
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(text)
    if _state["busy"] or QApplication.instance() is None:
        return
    _state["busy"] = True
    try:
        show_dialog(text, log)
    finally:
        _state["busy"] = False


def show_dialog(text: str, log: Path | None) -> CrashDialog:
    dialog = _state["dialog"]
    if not isinstance(dialog, CrashDialog):
        dialog = CrashDialog(QApplication.activeWindow())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: _state.update(dialog=None))
        _state["dialog"] = dialog
    dialog.report(text, log)
    dialog.show()
    if QGuiApplication.platformName() != "offscreen":
        dialog.raise_()
    return dialog


def current_dialog() -> CrashDialog | None:
    dialog = _state["dialog"]
    return dialog if isinstance(dialog, CrashDialog) else None


def report_count() -> int:
    """How many unexpected exceptions this run has reported (the self-test wants none)."""
    return _count[0]


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    text = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
    write_log(f"(in thread {args.thread.name if args.thread else '?'})\n{text}")


def install() -> None:
    """Route uncaught exceptions (UI thread and workers) to the log and the dialog."""
    sys.excepthook = handle
    threading.excepthook = _thread_hook
