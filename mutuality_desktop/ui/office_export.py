"""File → Export to Office: the Word report (in the house template), the Excel workbook or the
PowerPoint deck, asked for in the same save dialog as File → Export report and written off the UI thread through the one progress and cancel path every output
shares (export_task), then the user is told where the file went and offered to open it.

The house template is chosen under Settings → House template (or in the Word report's options)
and remembered in the settings: the shipped default until the consultant picks their firm's
.docx or .dotx.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ..core.branding import BrandingProfile
from ..core.errors import MutualityError
from ..core.report import ReportData, collect_report_data
from .export_task import export_in_background
from .messages import show_error
from .names import safe_stem
from .settings import Settings

KINDS = {  # extension: (what it is, file-dialog filter, name suffix)
    "docx": ("Word report", "Word document (*.docx)", "report"),
    "xlsx": ("Excel workbook", "Excel workbook (*.xlsx)", "workbook"),
    "pptx": ("PowerPoint deck", "PowerPoint presentation (*.pptx)", "board deck"),
}
TEMPLATE_KEY = "office/house_template"


def default_name(title: str, round_label: str, kind: str) -> str:
    """A file name from the engagement title and round, safe on Windows, macOS and Linux."""
    stem = safe_stem(f"{title} - {round_label} {KINDS[kind][2]}") or KINDS[kind][2].capitalize()
    return f"{stem}.{kind}"


def house_template() -> Path | None:
    """The house template the consultant chose last (None: the shipped default)."""
    value = QSettings().value(TEMPLATE_KEY, "")
    return Path(value) if isinstance(value, str) and value else None


def ask_office_output(parent: QWidget, engagement: Any, round_label: str, kind: str) -> tuple[Path, str] | None:
    """Where to write the Excel workbook or the PowerPoint deck: the same save dialog as File →
    Export report (the name first, Return saves where typed, replacing a file is asked), its type
    the format; a name ending .xlsx or .pptx wins over the type chosen. None if cancelled.

    Play-through 6: a separate Office dialog kept the keyboard on its Format box, so a path typed
    and Return, as in Export report, went nowhere and the file was written under a default name.
    """
    uuid = engagement.info().uuid
    start = Settings().export_folder(uuid, Path(engagement.path))  # as Export report's
    filters = {KINDS[k][1]: k for k in ("xlsx", "pptx")}
    name, picked = QFileDialog.getSaveFileName(
        parent, "Export to Office", str(start / default_name(engagement.info().title, round_label, kind)),
        ";;".join(filters), KINDS[kind][1])
    if not name:
        return None
    path = Path(name)
    suffix = path.suffix.lower().lstrip(".")
    chosen = suffix if suffix in filters.values() else filters.get(picked, kind)
    if suffix != chosen:
        path = path.with_name(f"{path.name}.{chosen}")
        if path.exists():  # the file dialog asked about the name typed, not this one
            answer = QMessageBox.warning(
                parent, "Export to Office", f"{path.name} already exists.\nDo you want to replace it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return None
    Settings().set_export_folder(uuid, path.parent)
    return path, chosen


class TemplateRow(QWidget):
    """The house template on one line, Choose… and Use the default beside it; a choice is kept in
    the settings at once (the Word report's options, Settings → House template)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = house_template()
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.choose = QPushButton("C&hoose…")
        self.choose.setToolTip("A Word .docx or .dotx whose styles, headers and footers the Word report takes")
        self.choose.clicked.connect(self._choose)
        self.default_button = QPushButton("Use the default")
        self.default_button.clicked.connect(lambda: self.set_template(None))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.choose)
        row.addWidget(self.default_button)
        self.set_template(self.template)

    def _choose(self) -> None:
        start = str(self.template.parent) if self.template else ""
        name, _ = QFileDialog.getOpenFileName(self, "Choose the house template", start,
                                              "Word templates (*.docx *.dotx)")
        if name:
            self.set_template(Path(name))

    def set_template(self, path: Path | None) -> None:
        self.template = path
        text = path.name if path else "The default shipped with the app"
        self.label.setText(text)
        self.label.setToolTip(str(path) if path else "")
        # on one line where the screen allows (wrapped, it read in two halves beside its buttons)
        self.label.setMinimumWidth(min(self.label.fontMetrics().horizontalAdvance(text) + 4, 320))
        self.default_button.setEnabled(path is not None)
        QSettings().setValue(TEMPLATE_KEY, str(path) if path else "")


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
    Cancel stops the export and leaves no file behind. The Word report, asked for, goes the way
    of File → Export report (its options, then the save dialog with Word chosen)."""
    if branding is None:
        from .branding_dialog import load_branding_setting

        branding = load_branding_setting()
    rounds = {r.id: r.label for r in engagement.rounds()}
    label = rounds.get(round_id, "") if round_id is not None else (list(rounds.values()) or [""])[-1]
    if output is None and kind == "docx":  # one Word report, whichever menu it is reached from
        from .report_export import DOCX, export_report

        export_report(parent, engagement, round_id, branding, edition=DOCX)
        return
    if output is None:
        answer = ask_office_output(parent, engagement, label, kind)
        if answer is None:
            return
        output, kind = answer
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
