"""File → Export to Office: the Word report (in the house template), the Excel workbook or the
PowerPoint deck, written off the UI thread through the one progress and cancel path every output
shares (export_task), then the user is told where the file went and offered to open it.

The house template is chosen here and remembered in the settings (the Branding dialog is left
as it is): the shipped default until the consultant picks their firm's .docx or .dotx.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ..core.branding import BrandingProfile
from ..core.errors import MutualityError
from ..core.report import ReportData, collect_report_data
from .exchange_dialogs import fit
from .export_task import export_in_background
from .messages import show_error
from .names import safe_stem

KINDS = {  # extension: (what it is, file-dialog filter, name suffix)
    "docx": ("Word report", "Word document (*.docx)", "report"),
    "xlsx": ("Excel workbook", "Excel workbook (*.xlsx)", "workbook"),
    "pptx": ("PowerPoint deck", "PowerPoint presentation (*.pptx)", "board deck"),
}
TEMPLATE_KEY = "office/house_template"
FOLDER_KEY = "office/last_folder"


def default_name(title: str, round_label: str, kind: str) -> str:
    """A file name from the engagement title and round, safe on Windows, macOS and Linux."""
    stem = safe_stem(f"{title} - {round_label} {KINDS[kind][2]}") or KINDS[kind][2].capitalize()
    return f"{stem}.{kind}"


def house_template() -> Path | None:
    """The house template the consultant chose last (None: the shipped default)."""
    value = QSettings().value(TEMPLATE_KEY, "")
    return Path(value) if isinstance(value, str) and value else None


class _ElidedLabel(QLabel):
    """Text on one line, elided in the middle to the width it has; the whole in its tooltip (a
    wrapped line lost its descenders under Large text)."""

    def __init__(self) -> None:
        super().__init__()
        self.full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMinimumWidth(120)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full(self, text: str, tip: str) -> None:
        self.full = text
        self.setToolTip(tip)
        self.setAccessibleDescription(tip)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        text = self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideMiddle, max(40, self.width()))
        if text != self.text():
            self.setText(text)


class _FolderLabel(_ElidedLabel):
    """A folder's path on one line, elided in the middle to the width it has; the whole in its tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self.path = Path()

    def set_path(self, path: Path) -> None:
        self.path = path
        self.set_full(str(path), str(path))


class OfficeExportDialog(QDialog):
    """Which output, where, and (for Word) which house template; one dialog, no surprises."""

    def __init__(self, parent: QWidget | None, title: str, round_label: str, kind: str,
                 folder: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export to Word, Excel or PowerPoint")
        self._title, self._round, self._folder = title, round_label, folder
        self._replace_agreed: Path | None = None
        self.format = QComboBox()
        for ext, (what, _, _) in KINDS.items():
            self.format.addItem(f"{what} (.{ext})", ext)
        self.format.setAccessibleName("Format")
        # Where: the folder on a line of its own, elided in the middle so its start and its last
        # folders both show (a single path box at 1024 showed neither), then the file name.
        self.folder = _FolderLabel()
        self.folder.setAccessibleName("Folder")
        browse = QPushButton("&Browse…")
        browse.setToolTip("Choose another folder or file name")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        self.output = QLineEdit()  # the file's name (a full path typed here is taken as it is)
        self.output.setAccessibleName("File name")
        self.output.textEdited.connect(lambda _text: self.output.setToolTip(str(self.target())))
        self.template = house_template()
        self.template_label = _ElidedLabel()
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose_template)
        self.default_button = QPushButton("Use the default")
        self.default_button.clicked.connect(lambda: self._set_template(None))
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_label, 1)
        template_row.addWidget(choose)
        template_row.addWidget(self.default_button)
        self.template_widgets = (choose, self.default_button, self.template_label)
        form = QFormLayout(self)
        form.addRow("Format", self.format)
        form.addRow("Folder", where)
        form.addRow("File &name", self.output)
        self.template_caption = QLabel("House template")
        form.addRow(self.template_caption, template_row)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #a61b1b")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.format.setCurrentIndex(list(KINDS).index(kind))
        self._on_format_changed()
        self._set_template(self.template)
        fit(self, self._wide_enough())

    def _wide_enough(self) -> int:
        """Wide enough for the whole file name where the screen allows (a report's name carries the
        engagement's title, often long), never wider than the screen, never under 620 pixels."""
        name = self.output.fontMetrics().horizontalAdvance(self.output.text()) + 24
        label = self.fontMetrics().horizontalAdvance("House template") + 60  # the labels and margins
        screen = self.screen().availableGeometry().width() - 48
        return max(620, min(name + label, screen))

    def kind(self) -> str:
        return str(self.format.currentData())

    def target(self) -> Path:
        path = self.folder.path / self.output.text().strip()  # an absolute name replaces the folder
        return path if path.suffix.lower() == f".{self.kind()}" else path.with_name(f"{path.name}.{self.kind()}")

    def set_path(self, path: Path) -> None:
        """Show where the file goes: its folder above, its name in the box."""
        self.folder.set_path(path.parent)
        self.output.setText(path.name)
        self.output.setCursorPosition(0)
        self.output.setToolTip(str(path))

    def _on_format_changed(self) -> None:
        kind = self.kind()
        folder = self.target().parent if self.output.text().strip() else self._folder
        self.set_path(folder / default_name(self._title, self._round, kind))
        # The template row stays in its place for Excel and PowerPoint, greyed with the reason: hidden,
        # it moved the Export button up under the pointer as the format changed.
        for widget in (*self.template_widgets, self.template_caption):
            widget.setEnabled(kind == "docx")
        if hasattr(self, "template"):
            self._show_template()

    def _browse(self) -> None:
        kind = self.kind()
        name, _ = QFileDialog.getSaveFileName(self, f"Save the {KINDS[kind][0]} as", str(self.target()),
                                              KINDS[kind][1])
        if name:
            self.set_path(Path(name))
            self._replace_agreed = self.target()  # the file dialog has already asked about replacing

    def _choose_template(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose the house template", str(self._folder),
                                              "Word templates (*.docx *.dotx)")
        if name:
            self._set_template(Path(name))

    NOT_WORD = "Used by Word reports only: the workbook and the deck have the app's own look"

    def _set_template(self, path: Path | None) -> None:
        self.template = path
        text = path.name if path else "The default shipped with the app"
        # room for the whole name where the screen allows (the dialog is fitted to its rows)
        self.template_label.setMinimumWidth(min(self.template_label.fontMetrics().horizontalAdvance(text) + 4, 420))
        self._show_template()
        if self.isVisible():
            fit(self)

    def _show_template(self) -> None:
        """The chosen template, or (Excel, PowerPoint) why none applies."""
        path = self.template
        if self.kind() == "docx":
            text = path.name if path else "The default shipped with the app"
            self.template_label.set_full(text, str(path) if path else text)
        else:
            self.template_label.set_full(self.NOT_WORD, self.NOT_WORD)
        self.default_button.setEnabled(self.kind() == "docx" and path is not None)

    def _accept(self) -> None:
        if not self.output.text().strip():
            self.problem.setText("Say where to save the file.")
            self.problem.show()
            fit(self)
            return
        if not self.target().parent.is_dir():
            self.problem.setText(f"The folder {self.target().parent} does not exist.")
            self.problem.show()
            fit(self)
            return
        target = self.target()
        if target.exists() and target != self._replace_agreed:  # as the PDF export's file dialog asks
            answer = QMessageBox.warning(
                self, self.windowTitle(), f"{target.name} already exists.\nDo you want to replace it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                self.output.setFocus()
                return
        settings = QSettings()
        settings.setValue(TEMPLATE_KEY, str(self.template) if self.template else "")
        settings.setValue(FOLDER_KEY, str(self.target().parent))
        self.accept()


class HouseTemplateDialog(QDialog):
    """Settings → House template…: the Word template every Word report uses, until changed."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("House template for Word reports")
        self.template = house_template()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose)
        self.default_button = QPushButton("Use the default")
        self.default_button.clicked.connect(lambda: self._set(None))
        row = QHBoxLayout()
        row.addWidget(self.label, 1)
        row.addWidget(choose)
        row.addWidget(self.default_button)
        form = QFormLayout(self)
        about = QLabel("Word reports take their styles, headers and footers from this .docx or "
                       ".dotx. {{title}}, {{client}}, {{provider}}, {{round}}, {{date}}, "
                       "{{consultancy}} and {{footer}} in it are filled in; a paragraph "
                       "{{report}} marks where the report goes.")
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        form.addRow(about)
        form.addRow("House template", row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._set(self.template)
        self.setMinimumWidth(560)
        self.resize(620, self.heightForWidth(620) if self.hasHeightForWidth() else self.sizeHint().height())

    def _choose(self) -> None:
        start = str(self.template.parent) if self.template else ""
        name, _ = QFileDialog.getOpenFileName(self, "Choose the house template", start,
                                              "Word templates (*.docx *.dotx)")
        if name:
            self._set(Path(name))

    def _set(self, path: Path | None) -> None:
        self.template = path
        self.label.setText(str(path) if path else "The default shipped with the app")
        self.default_button.setEnabled(path is not None)
        QSettings().setValue(TEMPLATE_KEY, str(path) if path else "")


def build(kind: str, data: ReportData, output: Path, profile: BrandingProfile, template: Path | None,
          cancel: threading.Event | None, source: Path | None = None) -> list[str]:
    """Write one Office output (on a worker thread) with automatic garbage collection paused: a
    collection there could free a Qt wrapper off the UI thread."""
    from ..core.office.deck import write_pptx
    from ..core.office.word import write_docx
    from ..core.office.workbook import write_xlsx

    if kind == "docx":  # on a worker: run_in_background pauses garbage collection
        return write_docx(data, output, profile, template, cancel)
    if kind == "xlsx":
        return write_xlsx(data, output, profile, source, cancel)
    return write_pptx(data, output, profile, cancel)


def export_office(parent: QWidget, engagement: Any, round_id: int | None, branding: BrandingProfile | None,
                  kind: str = "docx", *, output: Path | None = None, template: Path | None = None,
                  on_finished: Callable[[Path | None], None] | None = None) -> None:
    """Ask (unless output is given), then write off the UI thread with a progress dialog whose
    Cancel stops the export and leaves no file behind."""
    if branding is None:
        from .branding_dialog import load_branding_setting

        branding = load_branding_setting()
    rounds = {r.id: r.label for r in engagement.rounds()}
    label = rounds.get(round_id, "") if round_id is not None else (list(rounds.values()) or [""])[-1]
    if output is None:
        folder = QSettings().value(FOLDER_KEY, "")
        start = Path(folder) if isinstance(folder, str) and folder else Path(engagement.path).parent
        dialog = OfficeExportDialog(parent, engagement.info().title, label, kind, start)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        kind, output, template = dialog.kind(), dialog.target(), dialog.template
    profile, warnings = branding.portable()
    try:
        data = collect_report_data(engagement, round_id)
    except MutualityError as exc:
        show_error(parent, f"The {KINDS[kind][0]} could not be made", exc)
        return
    source = Path(engagement.path)
    export_in_background(
        parent, KINDS[kind][0], output,
        lambda cancel: build(kind, data, output, profile, template, cancel, source),
        warnings=warnings, on_finished=on_finished,
        on_error=lambda title, exc, tb: show_error(parent, title, exc, tb))
