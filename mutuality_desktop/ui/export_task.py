"""The one way every output is written from the window: the report (PDF, web page, Word), the
Excel workbook, the PowerPoint deck and the CSV tables.

The file is built off the UI thread (ui.tasks: the worker never touches a widget) behind a
progress dialog. Cancel, Escape or closing it only asks the worker to stop: the dialog stays up
saying so until the worker has ended, and is closed from the UI thread. A cancelled export
leaves no file behind (an earlier file of that name stays as it was) and says so; a finished one
says where the file was written, with any warnings, and offers to open it or its folder.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import SIGNAL, SLOT, QObject, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from ..core import files
from ..core.errors import MutualityError
from ..core.office.common import OfficeCancelled, check_cancel
from .messages import show_error
from .tasks import require_gui_thread, run_in_background

T = TypeVar("T")

ErrorHandler = Callable[[str, BaseException, str], None]


def unless_cancelled(output: Path, cancel: threading.Event, write: Callable[[Path], T]) -> T:
    """Run write(temporary path) and put the file in place only if the user has not cancelled
    by then, for outputs whose builders cannot stop half-way (the PDF, the web page, CSV)."""
    results: list[T] = []
    try:
        files.write_atomically(output, lambda temp: results.append(write(temp)),
                               lambda: check_cancel(cancel))
    except OSError as exc:
        raise MutualityError(f"{output.name} could not be written: {exc.strerror or exc}.") from exc
    return results[0]


def export_in_background(
    parent: QWidget,
    what: str,
    output: Path,
    work: Callable[[threading.Event], Any],
    *,
    warnings: Sequence[str] = (),
    why: str = "",
    written: Callable[[Any], str] | None = None,
    on_error: ErrorHandler | None = None,
    on_finished: Callable[[Path | None], None] | None = None,
) -> None:
    """Call work(cancel) on a worker thread behind a progress dialog with Cancel; then say where
    the file went (written(result) for the status bar, if given) and offer to open it.

    work returns a list of warnings (or anything else written() can describe); it raises
    OfficeCancelled when the user cancelled, and nothing is then written.
    """
    cancel = threading.Event()
    existed = output.exists()
    progress = ExportProgress(parent, output, cancel)

    def done(result: object) -> None:
        require_gui_thread("The export's result")
        progress.finish()
        extra = [w for w in result if isinstance(w, str)] if isinstance(result, list) else []
        problems = list(warnings) + [w for w in extra if w not in warnings]
        _status(parent, written(result) if written else f"Wrote the {what} to {output}")
        late = ("It was finished before Cancel took effect." if cancel.is_set() else "")
        offer_to_open(parent, what, output, problems, "\n\n".join(t for t in (why, late) if t))
        if on_finished:
            on_finished(output)

    def failed(exc: BaseException, tb: str) -> None:
        require_gui_thread("The export's failure")
        progress.finish()
        if isinstance(exc, OfficeCancelled):
            _status(parent, f"The {what} was cancelled: nothing was written.")
            say_cancelled(parent, what, output, existed)
        elif on_error is not None:
            on_error(f"The {what} could not be made", exc, tb)
        else:
            show_error(parent, f"The {what} could not be made", exc, tb)
        if on_finished:
            on_finished(None)

    run_in_background(lambda: work(cancel), done, failed)


class ExportProgress(QProgressDialog):
    """"Writing NAME…" with Cancel. Cancel, Escape and the close button only ask the work to
    stop (the dialog then says "Cancelling…"); it closes when finish() is called, on the UI
    thread, once the work has ended."""

    def __init__(self, parent: QWidget, output: Path, cancel: threading.Event) -> None:
        super().__init__(f"Writing {output.name}…", "Cancel", 0, 0, parent)
        # QProgressDialog hides itself on Cancel; this one stays until the work has ended
        QObject.disconnect(self, SIGNAL("canceled()"), self, SLOT("cancel()"))
        self._cancel = cancel
        self._finished = False
        self._output = output
        self.setWindowTitle("Export")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.canceled.connect(self.request_cancel)
        self.show()

    def cancel_button(self) -> QPushButton | None:
        return self.findChild(QPushButton)

    def request_cancel(self) -> None:
        require_gui_thread("Cancelling an export")
        if self._finished or self._cancel.is_set():
            return
        self._cancel.set()
        self.setLabelText(f"Cancelling… {self._output.name} will not be written.")
        button = self.cancel_button()
        if button is not None:
            button.setEnabled(False)

    def reject(self) -> None:  # Escape
        self.request_cancel()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self._finished:
            super().closeEvent(event)
            return
        event.ignore()
        self.request_cancel()

    def finish(self) -> None:
        """Close for good: only from the UI thread, once the work has ended."""
        require_gui_thread("Closing the export's progress")
        self._finished = True
        self.hide()
        self.deleteLater()


def say_cancelled(parent: QWidget, what: str, output: Path, existed: bool) -> QMessageBox:
    """Tell the user the export stopped and nothing was written; never blocks."""
    box = QMessageBox(parent)
    box.setWindowTitle("Export cancelled")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(f"The {what} was cancelled: nothing was written.")
    box.setInformativeText(f"The earlier {output.name} in {output.parent} is as it was." if existed
                           else f"There is no {output.name} in {output.parent}.")
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _status(parent: QWidget, text: str) -> None:
    bar = getattr(parent, "statusBar", None)
    if callable(bar):
        bar().showMessage(text, 10000)


def offer_to_open(parent: QWidget, what: str, output: Path, warnings: Sequence[str],
                  why: str = "", *, can_open: bool = True) -> QMessageBox:
    """Say where the file was written (with why it is made so, and any warnings) and offer to
    open it (unless can_open is False) or its folder; never blocks."""
    box = QMessageBox(parent)
    box.setWindowTitle(f"{what[:1].upper()}{what[1:]} ready")
    box.setIcon(QMessageBox.Icon.Information if not warnings else QMessageBox.Icon.Warning)
    box.setText(f"The {what} was written to {output}.")
    notes = [why] if why else []
    if warnings:
        notes.append("Please note:\n• " + "\n• ".join(warnings))
    if notes:
        box.setInformativeText("\n\n".join(notes))
    open_button = box.addButton("Open", QMessageBox.ButtonRole.AcceptRole) if can_open else None
    folder_button = box.addButton("Show folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Close", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button or folder_button)

    def clicked(button: object) -> None:
        target = output if button is open_button else output.parent if button is folder_button else None
        if target is not None and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            kind = output.suffix.lstrip(".").upper()
            show_error(parent, f"The {what} could not be opened",
                       MutualityError(f"No program to open {kind} files was found; the file is "
                                      f"at {output}."))

    box.buttonClicked.connect(clicked)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
