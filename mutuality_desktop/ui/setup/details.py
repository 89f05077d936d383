"""The engagement's details with inline validation: a red hint under the field, never a pop-up.

Below them, the context an auditor asks for first (core/context.py): the procurement regime (a
fixed choice), and the authority type and contract model (pick one, or type another for "Other").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from ...core.context import (
    AUTHORITY_TYPES,
    CONTRACT_MODELS,
    MAX_CONTEXT_CHARS,
    REGIMES,
    regime_doubt,
)
from ...core.model import EngagementInfo
from ..date_field import format_date
from ..widgets import DateField, Field

REQUIRED = {
    "title": "Give the engagement a title.",
    "client_organisation": "Name the client organisation (the public body).",
    "provider_organisation": "Name the provider organisation.",
}
TEXT_FIELDS = {  # no Alt letter of a menu (F, E, P, V, H): Alt+V opened Venue, not View
    "title": ("Engagement &title *", "e.g. Highways partnership review 2026"),
    "client_organisation": ("&Client organisation *", "e.g. Northmoor Borough Council"),
    "provider_organisation": ("Prov&ider organisation *", "e.g. Castleway Services Ltd"),
    "facilitator": ("Facilitat&or", "Who leads the workshop"),
    "workshop_venue": ("Ven&ue", "Where the workshop is held"),
    "contract_name": ("Contract &name", "e.g. Highways and environmental services"),
    "contract_reference": ("Contract &reference", "e.g. NBC/2019/044"),
}
DATE_FIELDS = {"workshop_date": "First &workshop date", "contract_start": "Contract &start",
               "contract_end": "Contract en&d"}
CHOICE_FIELDS = {  # label, choices (an editable box: anything else typed is "Other")
    "authority_type": ("A&uthority type", AUTHORITY_TYPES),
    "contract_model": ("Contract mode&l", CONTRACT_MODELS),
}
NOT_RECORDED = "Not recorded"
LIKELY_YEARS = {"workshop_date": 2}  # a workshop date further from today than this is questioned
LAYOUT = (  # (row, column) of each field: the engagement on the left, the contract on the right
    ("title", 0, 0), ("client_organisation", 1, 0), ("provider_organisation", 2, 0),
    ("facilitator", 3, 0), ("workshop_date", 4, 0), ("workshop_venue", 5, 0),
    ("contract_name", 0, 1), ("contract_reference", 1, 1), ("contract_annual_value", 2, 1),
    ("contract_start", 3, 1), ("contract_end", 4, 1), ("procurement_regime", 5, 1),
    ("authority_type", 6, 0), ("contract_model", 6, 1),
)


def parse_pounds(text: str) -> tuple[int | None, str]:
    """Read '£38,400,000' as 38400000; return (value, problem)."""
    cleaned = text.strip().replace(",", "").replace("£", "").replace(" ", "")
    if not cleaned:
        return None, ""
    if not cleaned.isdigit():
        return None, "Enter a whole number of pounds, e.g. 38,400,000."
    return int(cleaned), ""


class DetailsForm(QWidget):
    """Edit the engagement details; report validity as it changes and commits as fields are left."""

    validity_changed = Signal(bool)
    field_committed = Signal(str, object)  # field name, new value (valid only)
    title_edited = Signal(str)
    edited = Signal()  # any field changed (valid or not)
    return_pressed = Signal()  # Return in a field (the new-engagement form submits on it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, Field[Any]] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(12)
        # Made column by column: Tab goes down the engagement's side (Venue, then Authority type),
        # then down the contract's (playthrough 1, finding 14: Venue jumped to Contract name).
        for name, row, column in sorted(LAYOUT, key=lambda place: (place[2], place[1])):
            field = self._make_field(name)
            self.fields[name] = field
            grid.addWidget(field, row, column, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        # A question, not a refusal: the regime is saved as chosen (the report says the same).
        self.regime_doubt = QLabel()
        self.regime_doubt.setProperty("role", "hint")
        self.regime_doubt.setWordWrap(True)
        self.regime_doubt.hide()
        layout = self.fields["procurement_regime"].layout()
        assert layout is not None
        layout.addWidget(self.regime_doubt)
        # Said when the first round's own date differs from the workshop date: the report and the
        # other outputs give the round's date (play-through 4: the two disagreed unseen).
        self.round_date = QLabel()
        self.round_date.setProperty("role", "hint")
        self.round_date.setWordWrap(True)
        self.round_date.hide()
        date_layout = self.fields["workshop_date"].layout()
        assert date_layout is not None
        date_layout.addWidget(self.round_date)
        self._valid = False
        self._committed: dict[str, Any] = {}

    def _make_field(self, name: str) -> Field[Any]:
        if name == "procurement_regime":
            regime = QComboBox()
            regime.addItem(NOT_RECORDED, "")
            for key, title in REGIMES.items():
                regime.addItem(title, key)
            regime.setAccessibleName("Procurement regime")
            regime.currentIndexChanged.connect(lambda _i, n=name: self._on_editor_changed(n, commit=True))
            return Field("Procurement re&gime", regime)
        if name in CHOICE_FIELDS:
            label, choices = CHOICE_FIELDS[name]
            box = QComboBox()
            box.setEditable(True)
            box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            # no empty first item: the list opened on a blank highlighted row (play-through 8)
            box.addItems(list(choices))
            box.setCurrentIndex(-1)
            line = box.lineEdit()
            assert line is not None
            line.setMaxLength(MAX_CONTEXT_CHARS)
            line.setPlaceholderText("Choose one, or type another")
            box.setAccessibleName(label.replace("&", ""))
            box.activated.connect(lambda _i, n=name: self._on_editor_changed(n, commit=True))
            line.textEdited.connect(lambda _t, n=name: self._on_editor_changed(n, commit=False))
            line.editingFinished.connect(lambda n=name: self._on_editor_changed(n, commit=True))
            return Field(label, box)
        if name in DATE_FIELDS:
            date = DateField(likely_years=LIKELY_YEARS.get(name))
            date.setAccessibleName(DATE_FIELDS[name].replace("&", ""))
            date.committed.connect(lambda _d, n=name: self._on_editor_changed(n, commit=True))
            date.edited.connect(lambda n=name: self._on_editor_changed(n, commit=False))
            date.returnPressed.connect(self.return_pressed)
            return Field(DATE_FIELDS[name], date)
        if name == "contract_annual_value":
            line = QLineEdit(placeholderText="e.g. 38,400,000")
            label = "Annua&l value (£)"
        else:
            label, placeholder = TEXT_FIELDS[name]
            line = QLineEdit(placeholderText=placeholder)
            line.setMaxLength(300)
        line.setAccessibleName(label.replace("&", ""))
        line.textEdited.connect(lambda _t, n=name: self._on_editor_changed(n, commit=False))
        line.editingFinished.connect(lambda n=name: self._on_editor_changed(n, commit=True))
        line.returnPressed.connect(self.return_pressed)
        return Field(label, line)

    def editor(self, name: str) -> Any:
        return self.fields[name].editor

    def value(self, name: str) -> Any:
        editor = self.editor(name)
        if isinstance(editor, DateField):
            return editor.value()
        if name == "procurement_regime":
            return str(editor.currentData() or "")
        if name in CHOICE_FIELDS:
            return " ".join(editor.currentText().split())
        if name == "contract_annual_value":
            return parse_pounds(editor.text())[0]
        return editor.text().strip()

    def values(self) -> dict[str, Any]:
        return {name: self.value(name) for name in self.fields}

    def date_problems(self) -> dict[str, str]:
        """Dates typed that cannot be read (each date box says why under itself)."""
        found = {}
        for name in DATE_FIELDS:
            problem = self.editor(name).problem()
            if problem:
                found[name] = problem
        return found

    def problems(self) -> dict[str, str]:
        """Return field → problem for every field that would be refused."""
        found = self.date_problems()
        for name, message in REQUIRED.items():
            if not self.value(name):
                found[name] = message
        problem = parse_pounds(self.editor("contract_annual_value").text())[1]
        if problem:
            found["contract_annual_value"] = problem
        start, end = self.value("contract_start"), self.value("contract_end")
        if start and end and end < start:
            found["contract_end"] = "The contract cannot end before it starts."
        return found

    def label_of(self, name: str) -> str:
        """A field's label as shown, without its shortcut mark or asterisk ("Engagement title")."""
        return self.fields[name].label.text().replace("&", "").rstrip(" *")

    def is_valid(self) -> bool:
        return not self.problems()

    def load(self, info: Any) -> None:
        """Show an engagement's details (no commits are triggered)."""
        for name, field in self.fields.items():
            value = getattr(info, name)
            editor: Any = field.editor
            editor.blockSignals(True)
            if isinstance(editor, DateField):
                editor.show_stored(value)
            elif name == "procurement_regime":
                index = editor.findData(value or "")
                if index < 0:  # a regime this version does not know (a newer file): shown as stored
                    editor.addItem(value, value)
                    index = editor.count() - 1
                editor.setCurrentIndex(index)
            elif name in CHOICE_FIELDS:
                known = editor.findText(value or "") if value else -1  # a listed choice is that item:
                editor.setCurrentIndex(known)  # Down goes on from it; nothing chosen, none highlighted
                editor.setEditText(value or "")
            elif name == "contract_annual_value":
                editor.setText("" if value is None else f"{value:,}")
            else:
                editor.setText(value or "")
                editor.setCursorPosition(0)
            editor.blockSignals(False)
            self._committed[name] = value
        self._show_regime_doubt()
        self.validate(show_all=True)

    def validate(self, show_all: bool = False, touched: str | None = None) -> bool:
        """Show hints for fields the user has touched (or all); emit validity changes."""
        problems = self.problems()
        unread = self.date_problems()
        for name, field in self.fields.items():
            if show_all or name == touched or field.hint.isVisible():
                field.set_problem("" if name in unread else problems.get(name, ""))
        valid = not problems
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)
        return valid

    def show_round_date(self, label: str, date: dt.date | None, workshop: dt.date | None) -> None:
        """Say the first round's own date under the workshop date when the two differ."""
        differs = date is not None and date != workshop
        if differs and date is not None:
            self.round_date.setText(f"The {label} round's date is {format_date(date)}: the report gives "
                                    f"that date. Change it under Rounds.")
        self.round_date.setVisible(differs)

    def _show_pounds(self) -> None:
        """The annual value written as money once the box is left ("24500000" reads "24,500,000";
        the number stored is the same). Text that is not a number is left as typed, with its hint."""
        editor = self.editor("contract_annual_value")
        value, problem = parse_pounds(editor.text())
        if value is not None and not problem and editor.text() != f"{value:,}":
            editor.setText(f"{value:,}")

    def _show_regime_doubt(self) -> None:
        start = self.value("contract_start")
        info = EngagementInfo("", "", "", procurement_regime=self.value("procurement_regime"),
                              contract_start=start if isinstance(start, dt.date) else None)
        doubt = regime_doubt(info)
        self.regime_doubt.setText(doubt[0].upper() + doubt[1:] + "." if doubt else "")
        self.regime_doubt.setVisible(bool(doubt))

    def _on_editor_changed(self, name: str, commit: bool) -> None:
        if name == "contract_annual_value" and commit:
            self._show_pounds()
        if name in ("procurement_regime", "contract_start"):
            self._show_regime_doubt()
        # A missing required field is pointed out when it is left; a malformed value at once.
        show_now = commit or self.fields[name].hint.isVisible() or name not in REQUIRED
        self.validate(touched=name if show_now else None)
        self.edited.emit()
        if name == "title":
            self.title_edited.emit(self.value("title"))
        problems = self.problems()
        out_of_order = "contract_end" in problems and "contract_end" not in self.date_problems()
        if not commit or name in problems or (name == "contract_start" and out_of_order):
            return
        value = self.value(name)
        if self._committed and value != self._committed.get(name):  # only once loaded (edit mode)
            self._committed[name] = value
            self.field_committed.emit(name, value)

