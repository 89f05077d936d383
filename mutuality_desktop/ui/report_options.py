"""The report's options, asked before choosing where to save it: sections and the scoring guide."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass
class RoundChoice:
    """The rounds the report can be of (id, label, whether it has agreed levels) and the one
    chosen; the dialog sets `chosen` (play-through 7: the round came silently from Results)."""

    rounds: list[tuple[int, str, bool]]
    chosen: int

    @classmethod
    def of(cls, rounds: list[tuple[int, str, bool]], picked: int | None) -> RoundChoice:
        """Picked (the round open in the window) if it has agreed levels, else the latest round
        that has, else picked, else the latest round: a round just added with nothing agreed is
        not offered first for a board report (third play-through, s12)."""
        ids = [r[0] for r in rounds]
        with_levels = [r[0] for r in rounds if r[2]]
        if picked in with_levels or (picked in ids and not with_levels):
            assert picked is not None
            return cls(rounds, picked)
        return cls(rounds, (with_levels or ids or [0])[-1])


class ReportOptionsDialog(QDialog):
    """Which sections the report holds; the summary and the assessed dimensions are always in."""

    def __init__(self, options: ReportOptions, has_previous: bool, parent: QWidget | None = None,
                 rounds: RoundChoice | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Report options")
        layout = QVBoxLayout(self)
        self._rounds = rounds
        self.round_combo = QComboBox()
        self.round_combo.setAccessibleName("Round to report")
        self.round_note = QLabel()
        self.round_note.setWordWrap(True)
        if rounds is not None:
            for rid, name, _ in rounds.rounds:
                self.round_combo.addItem(name, rid)
            self.round_combo.setCurrentIndex(max(0, [r[0] for r in rounds.rounds].index(rounds.chosen)
                                                 if rounds.chosen in [r[0] for r in rounds.rounds] else 0))
            top = QFormLayout()
            top.addRow("Report of &round", self.round_combo)
            round_label = top.labelForField(self.round_combo)
            if isinstance(round_label, QLabel):
                round_label.setBuddy(self.round_combo)
            layout.addLayout(top)
            layout.addWidget(self.round_note)
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
        if rounds is not None:
            self.round_combo.currentIndexChanged.connect(self._round_changed)
            self._round_changed()

    def _round_changed(self) -> None:
        """The chosen round: whether it has agreed levels, and a previous round to compare with."""
        if self._rounds is None:
            return
        index = max(0, self.round_combo.currentIndex())
        rid, label, has_levels = self._rounds.rounds[index]
        self._rounds.chosen = rid
        self.round_note.setText("" if has_levels else
                                f"{label} has no agreed levels yet, so its report has no agreed scores.")
        self.round_note.setVisible(not has_levels)
        if self.comparison.isEnabled():
            self._previous_choice = self.comparison.isChecked()
        self._has_previous = index > 0
        self.comparison.setEnabled(self._has_previous)
        self.comparison.setChecked(self._previous_choice and self._has_previous)
        self.comparison.setToolTip("" if self._has_previous else
                                   "This is the first round: there is nothing to compare with.")

    def options(self) -> ReportOptions:
        comparison = self.comparison.isChecked() if self._has_previous else self._previous_choice
        return ReportOptions(comparison=comparison, actions=self.actions_box.isChecked(),
                             participants=self.participants.isChecked(),
                             guide=str(self.guide.currentData()), parking=self.parking.isChecked())


def ask_options(parent: QWidget, has_previous: bool, rounds: RoundChoice | None = None) -> ReportOptions | None:
    """Ask which sections to include (remembered for next time) and, given rounds, which round
    (rounds.chosen is set); None if cancelled."""
    dialog = ReportOptionsDialog(saved_options(), has_previous, parent, rounds)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.options()
    save_options(chosen)
    return chosen
