"""File → Export for email…: a compact, checked copy, optionally protected with a passphrase.

The live connection is only ever touched on the UI thread (the compact copy is written there);
the scrypt work of sealing, unsealing and checking runs on a worker with pure bytes and paths.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..core.errors import MutualityError
from . import theme
from .exchange_files import (
    check_plain,
    describe,
    email_file_name,
    in_background,
    plain_copy_bytes,
    seal_and_check,
)
from .widgets import Field, caption

if TYPE_CHECKING:
    from .main_window import MainWindow

MIN_PASSPHRASE = 8
FILE_FILTER = "Engagement files (*.mutuality)"
LOST_PASSPHRASE = (
    "<b>A lost passphrase cannot be recovered.</b> Without it nobody can open the file — "
    "not you, not your colleague, not us. Tell your colleague the passphrase by phone or text "
    "message, never in the same email as the file."
)


# --- shared dialog parts ---------------------------------------------------------------------


def password_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


def busy_row(text: str) -> tuple[QWidget, QLabel]:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setFixedWidth(120)
    label = caption(text)
    layout.addWidget(bar)
    layout.addWidget(label, 1)
    row.hide()
    return row, label


def _warning(text: str) -> QFrame:
    frame = QFrame()
    frame.setObjectName("passphraseWarning")
    frame.setStyleSheet(f"QFrame#passphraseWarning {{ background: {theme.WARNING_BG}; "
                        f"border: none; border-left: 3px solid {theme.WARNING_LINE}; }}")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(12, 8, 12, 8)
    label = QLabel(text)
    label.setWordWrap(True)
    layout.addWidget(label)
    return frame


def fit(dialog: QDialog, width: int | None = None) -> None:
    """Size the dialog to its content (wrapped text included) once layouts settle, and fix that
    size: a window that cannot be resized gets no resize handle from the window manager, which
    showed as a stray clipped strip along the bottom of these short dialogs."""
    layout = dialog.layout()
    if layout is not None:
        # a box's own layout tells its parent's of new text only when events next run: a pasted
        # folder three lines long kept the height of one, its last lines cut (play-through 12)
        for child in dialog.findChildren(QWidget):
            if child.layout() is not None:
                child.updateGeometry()
        layout.activate()
        wide = max(width or dialog.width(), dialog.minimumSizeHint().width(), 1)
        high = max(layout.totalHeightForWidth(wide), layout.totalMinimumSize().height())
        dialog.setFixedSize(wide, high)


def _mark(editor: QWidget, bad: bool) -> None:
    editor.setProperty("invalid", "true" if bad else "false")
    editor.style().unpolish(editor)
    editor.style().polish(editor)


class WorkingDialog(QDialog):
    """A dialog that cannot be dismissed while its background job runs."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.busy = False

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        fit(self)


# --- export for email ------------------------------------------------------------------------


class ExportDialog(WorkingDialog):
    """Choose where to write the email copy and whether to protect it with a passphrase."""

    exported = Signal(Path, bool)  # where, protected

    def __init__(self, engagement: Any, target: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engagement = engagement
        self.setWindowTitle("Export for email")
        self.setMinimumWidth(560)
        title = engagement.info().title
        # not "compact": the file has no free space to drop, so the copy is about its size
        # (play-through 6: "compact copy" and 442,368 bytes, the same as the original)
        size = _size_text(Path(engagement.path))
        intro = QLabel(f"A copy of <b>{escape(title)}</b> to attach to an email{size}. Earlier "
                       "wording of notes is left out, and a checksum lets your colleague’s app "
                       "tell whether the file was changed or damaged on the way.")
        intro.setWordWrap(True)
        # a bare name ("copy.mutuality") goes in the folder the dialog first showed, never the
        # app's working folder (play-through 12: "Folder: ." was the program folder)
        self.folder = target.parent if target.is_absolute() else Path(engagement.path).resolve().parent
        self.path_edit = QLineEdit(str(target))
        self.browse = QPushButton("Browse…")
        self.browse.setAutoDefault(False)  # Return in a box exports; it never opens Browse…
        path_row = QWidget()
        row = QHBoxLayout(path_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        self.path_field = Field("Save as", path_row)
        self.path_field.label.setBuddy(self.path_edit)
        self.folder_note = QLabel()
        self.folder_note.setWordWrap(True)  # the whole folder, on two lines if it must
        self.folder_note.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_note.setStyleSheet(f"color: {theme.MUTED};")
        self.replace_note = caption("A file with this name is there already; "
                                    "exporting replaces it.")
        self.replace_note.setWordWrap(True)
        path_layout = self.path_field.layout()
        assert path_layout is not None
        path_layout.addWidget(self.folder_note)
        path_layout.addWidget(self.replace_note)
        self.protect = QCheckBox("Protect with a passphrase")
        self.passphrase = Field("Passphrase",
                                password_edit(f"At least {MIN_PASSPHRASE} characters"))
        self.confirm = Field("Type the passphrase again", password_edit())
        self.show_text = QCheckBox("Show the passphrase")
        self.warning = _warning(LOST_PASSPHRASE)
        self.section = QFrame()
        section = QVBoxLayout(self.section)
        section.setContentsMargins(26, 0, 0, 0)
        section.setSpacing(8)
        for widget in (self.passphrase, self.confirm, self.show_text, self.warning):
            section.addWidget(widget)
        self.section.hide()
        self.busy_row, _ = busy_row("Protecting the file and checking it can be opened…")
        self.problem = QLabel(wordWrap=True)
        self.problem.setProperty("role", "hint")
        self.problem.hide()
        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setProperty("role", "primary")
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        rows: tuple[QWidget, ...] = (intro, self.path_field, self.protect, self.section, self.problem,
                                     self.busy_row)
        for row_widget in rows:
            layout.addWidget(row_widget)
        layout.addSpacing(4)
        layout.addWidget(buttons)
        self.export_button.setDefault(True)  # only once in the dialog: Qt ignores it before
        self.browse.clicked.connect(self._on_browse_clicked)
        self.protect.toggled.connect(self._on_protect_toggled)
        self.show_text.toggled.connect(self._on_show_text_toggled)
        self.path_edit.textEdited.connect(lambda: self.validate(touched="path"))
        self.passphrase.editor.textEdited.connect(lambda: self.validate(touched=""))
        self.passphrase.editor.editingFinished.connect(lambda: self.validate(touched="passphrase"))
        self.confirm.editor.textEdited.connect(self._on_confirm_edited)
        self.confirm.editor.editingFinished.connect(lambda: self.validate(touched="confirm"))
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        self._show_folder()

    # --- values and validation -----------------------------------------------------------

    def target(self) -> Path:
        path = Path(os.path.expanduser(self.path_edit.text().strip()))
        if not path.is_absolute():
            path = self.folder / path
        if not path.name or path.suffix == ".mutuality":  # "/" while a path is being typed
            return path
        return path.with_name(path.name + ".mutuality")

    def secret(self) -> str | None:
        return self.passphrase.editor.text() if self.protect.isChecked() else None

    def problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        if not self.path_edit.text().strip():
            problems["path"] = "Choose where to save the file."
        elif self.target().resolve() == Path(self.engagement.path).resolve():
            problems["path"] = "That is the open engagement’s own file; choose another name."
        elif self.target().is_dir():
            problems["path"] = "That is a folder; add a file name."
        if self.protect.isChecked():
            first, second = self.passphrase.editor.text(), self.confirm.editor.text()
            if len(first) < MIN_PASSPHRASE:
                problems["passphrase"] = f"Use at least {MIN_PASSPHRASE} characters."
            if first != second:
                problems["confirm"] = "The two passphrases do not match."
        return problems

    def validate(self, touched: str | None = None, show_all: bool = False) -> bool:
        """Show problems for the field just left (or all); keep shown ones up to date."""
        problems = self.problems()
        fields: dict[str, Field[Any]] = {"path": self.path_field, "passphrase": self.passphrase,
                                               "confirm": self.confirm}
        for name, field in fields.items():
            if show_all or name == touched or field.hint.isVisible():
                field.set_problem(problems.get(name, ""))
        _mark(self.path_edit, self.path_field.hint.isVisible())
        self.problem.hide()
        self._show_folder()
        fit(self)
        return not problems

    def _show_folder(self) -> None:
        text = self.path_edit.text().strip()
        self.path_edit.setToolTip(str(self.target()) if text else "")
        shown = bool(text) and not self.path_field.hint.isVisible()
        folder = f"Folder: {self.target().parent}" if text else ""
        # a long folder wraps at its separators (a zero-width space after each), not mid-word
        self.folder_note.setText(folder.replace(os.sep, os.sep + "\u200b"))
        self.folder_note.setAccessibleName(folder)
        self.folder_note.setToolTip(folder)
        self.folder_note.setVisible(shown)
        self.replace_note.setVisible(shown and self.target().is_file())

    def _on_confirm_edited(self) -> None:
        first, second = self.passphrase.editor.text(), self.confirm.editor.text()
        self.validate(touched="confirm" if len(second) >= len(first) else "")

    def _on_protect_toggled(self, on: bool) -> None:
        self.section.setVisible(on)
        self.validate()
        if on:
            self.passphrase.editor.setFocus()

    def _on_show_text_toggled(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        self.passphrase.editor.setEchoMode(mode)
        self.confirm.editor.setEchoMode(mode)

    def _on_browse_clicked(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Export for email", str(self.target()),
                                                FILE_FILTER)
        if chosen:
            self.path_edit.setText(chosen)
            self.validate(touched="path")

    # --- writing -------------------------------------------------------------------------

    def export(self) -> bool:
        """Write the copy (sealing and checking it in the background); False if refused now."""
        if self.busy or not self.validate(show_all=True):
            return False
        try:
            job = self._write_now(self.target(), self.secret())
        except (MutualityError, OSError) as exc:
            self._show_failure(exc)
            return False
        self._set_busy(True)
        in_background(job, self._on_written, self._on_failed)
        return True

    def _write_now(self, target: Path, secret: str | None) -> Callable[[], Path]:
        """Do the part that reads the live connection here; return the rest, for a worker."""
        target.parent.mkdir(parents=True, exist_ok=True)
        if secret:
            data = plain_copy_bytes(self.engagement)
            return lambda: seal_and_check(data, secret, target)
        self.engagement.export_copy(target)
        return lambda: check_plain(target)

    def _on_written(self, target: Path) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self.exported.emit(target, bool(self.secret()))
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        if isValid(self):
            self._set_busy(False)
            self._show_failure(exc)

    def _show_failure(self, exc: BaseException) -> None:
        self.problem.setText(describe(exc))
        self.problem.show()
        fit(self)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_row.setVisible(busy and bool(self.secret()))
        fit(self)
        for widget in (self.path_field, self.protect, self.section, self.export_button,
                       self.cancel_button):
            widget.setEnabled(not busy)


def _size_text(path: Path) -> str:
    """', about 440 KB like the engagement itself' (the copy is the file's size, give or take)."""
    try:
        size = path.stat().st_size
    except OSError:
        return ""
    amount = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} KB"
    return f", about {amount} like the engagement itself"


def export_for_email(window: MainWindow) -> ExportDialog | None:
    """Open the export dialog for the open engagement; once written, a message says where the
    copy went, with Show folder, as every export does."""
    if window.doc is None:
        return None
    window.doc.flush()
    engagement = window.doc.engagement
    start = window.settings.last_folder() / email_file_name(engagement.info().title)
    dialog = ExportDialog(engagement, start, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def exported(target: Path, protected: bool) -> None:
        from .export_task import offer_to_open

        what = "Exported for email" + (", protected with a passphrase" if protected else "")
        window.statusBar().showMessage(f"{what}: {target}", 20000)
        why = ("Attach it to an email. Your colleague opens it with File → Open; a checksum tells "
               "their app whether it was changed or damaged on the way.")
        if protected:
            why += (" Tell them the passphrase by phone or text message, never in the same "
                    "email as the file.")
        offer_to_open(window, "copy for email", target, [], why, can_open=False)

    dialog.exported.connect(exported)
    dialog.open()
    return dialog
