"""The one way every output is written from the window: the report (PDF, web page, Word), the
Excel workbook, the PowerPoint deck and the CSV tables.

The file is built off the UI thread behind a progress dialog whose Cancel stops the export and
leaves no file behind (an earlier file of that name stays as it was); then the user is told
where the file was written, with any warnings, and offered to open it or its folder.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..core import files
from ..core.errors import MutualityError
from ..core.office.common import OfficeCancelled, check_cancel
from .messages import explain, show_error
from .tasks import run_in_background

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
    progress = _progress(parent, output, cancel)

    def done(result: object) -> None:
        progress.close()
        extra = [w for w in result if isinstance(w, str)] if isinstance(result, list) else []
        problems = list(warnings) + [w for w in extra if w not in warnings]
        _status(parent, written(result) if written else f"Wrote the {what} to {output}")
        offer_to_open(parent, what, output, problems, why)
        if on_finished:
            on_finished(output)

    def failed(exc: BaseException, tb: str) -> None:
        progress.close()
        if isinstance(exc, OfficeCancelled):
            _status(parent, f"The {what} was not written: {explain(exc)}")
        elif on_error is not None:
            on_error(f"The {what} could not be made", exc, tb)
        else:
            show_error(parent, f"The {what} could not be made", exc, tb)
        if on_finished:
            on_finished(None)

    run_in_background(lambda: work(cancel), done, failed)


def _progress(parent: QWidget, output: Path, cancel: threading.Event) -> QProgressDialog:
    progress = QProgressDialog(f"Writing {output.name}…", "Cancel", 0, 0, parent)
    progress.setWindowTitle("Export")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.canceled.connect(cancel.set)
    progress.canceled.connect(lambda: progress.setLabelText("Cancelling…"))
    progress.show()
    return progress


def _status(parent: QWidget, text: str) -> None:
    bar = getattr(parent, "statusBar", None)
    if callable(bar):
        bar().showMessage(text, 10000)


def offer_to_open(parent: QWidget, what: str, output: Path, warnings: Sequence[str],
                  why: str = "") -> QMessageBox:
    """Say where the file was written (with why it is made so, and any warnings) and offer to
    open it or its folder; never blocks."""
    box = QMessageBox(parent)
    box.setWindowTitle(f"{what[:1].upper()}{what[1:]} ready")
    box.setIcon(QMessageBox.Icon.Information if not warnings else QMessageBox.Icon.Warning)
    box.setText(f"The {what} was written to {output}.")
    notes = [why] if why else []
    if warnings:
        notes.append("Please note:\n• " + "\n• ".join(warnings))
    if notes:
        box.setInformativeText("\n\n".join(notes))
    open_button = box.addButton("Open", QMessageBox.ButtonRole.AcceptRole)
    folder_button = box.addButton("Show folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Close", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)

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
