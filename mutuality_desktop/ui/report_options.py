"""The report's options, asked before choosing where to save it: sections and the scoring guide."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..core.report import ReportOptions
from .office_export import TemplateRow

KEY = "report/options/"
GUIDE_TEXT = {"assessed": "For the dimensions assessed in this round",
              "all": "For every dimension", "none": "Leave it out"}


def _flag(settings: QSettings, name: str) -> bool:
    return str(settings.value(KEY + name, "true")).lower() == "true"


def saved_options() -> ReportOptions:
    """The options chosen last time (all sections and the assessed dimensions' guide at first)."""
    settings = QSettings()
    guide = str(settings.value(KEY + "guide", "assessed"))
    return ReportOptions(comparison=_flag(settings, "comparison"), actions=_flag(settings, "actions"),
                         participants=_flag(settings, "participants"),
                         guide=guide if guide in GUIDE_TEXT else "assessed", parking=_flag(settings, "parking"))


def save_options(options: ReportOptions) -> None:
    settings = QSettings()
    for name in ("comparison", "actions", "participants", "parking"):
        settings.setValue(KEY + name, "true" if getattr(options, name) else "false")
    settings.setValue(KEY + "guide", options.guide)


class ReportOptionsDialog(QDialog):
    """Which sections the report holds; the summary and the assessed dimensions are always in."""

    def __init__(self, options: ReportOptions, has_previous: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Report options")
        layout = QVBoxLayout(self)
        intro = QLabel("The summary and every dimension assessed in the round are always in the "
                       "report. Choose the other sections:")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.comparison = QCheckBox("&Comparison with the previous round")
        self.comparison.setChecked(options.comparison and has_previous)
        self.comparison.setEnabled(has_previous)
        if not has_previous:
            self.comparison.setToolTip("This is the first round: there is nothing to compare with.")
        self.actions_box = QCheckBox("&Action plan")
        self.actions_box.setChecked(options.actions)
        self.participants = QCheckBox("&Participants")
        self.participants.setChecked(options.participants)
        self.parking = QCheckBox("Points parke&d (left out when nothing was parked)")
        self.parking.setChecked(options.parking)
        for box in (self.comparison, self.actions_box, self.parking, self.participants):
            layout.addWidget(box)
        self.guide = QComboBox()
        self.guide.setAccessibleName("Scoring guide appendix")
        for key, text in GUIDE_TEXT.items():
            self.guide.addItem(text, key)
        self.guide.setCurrentIndex(list(GUIDE_TEXT).index(options.guide))
        form = QFormLayout()
        form.addRow("Scoring &guide appendix", self.guide)
        label = form.labelForField(self.guide)
        if isinstance(label, QLabel):
            label.setBuddy(self.guide)
        self.template = TemplateRow()  # the Word edition's template, as the Office dialog had
        form.addRow("House template (Word)", self.template)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Choose where to save…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._has_previous = has_previous
        self._previous_choice = options.comparison

    def options(self) -> ReportOptions:
        comparison = self.comparison.isChecked() if self._has_previous else self._previous_choice
        return ReportOptions(comparison=comparison, actions=self.actions_box.isChecked(),
                             participants=self.participants.isChecked(),
                             guide=str(self.guide.currentData()), parking=self.parking.isChecked())


def ask_options(parent: QWidget, has_previous: bool) -> ReportOptions | None:
    """Ask which sections to include (remembered for next time); None if cancelled."""
    dialog = ReportOptionsDialog(saved_options(), has_previous, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.options()
    save_options(chosen)
    return chosen
