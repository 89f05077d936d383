"""Improvement actions for the current factor: a list and one form to add or edit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.model import ACTION_SIDE_LABELS, ACTION_STATUS_LABELS
from ..date_field import format_date
from ..widgets import DateField, on_return

SIDES = tuple((ACTION_SIDE_LABELS[k], k) for k in ("joint", "client", "provider"))  # joint first
STATUSES = tuple((label, key) for key, label in ACTION_STATUS_LABELS.items())


def label_of(choices: tuple[tuple[str, str], ...], value: str) -> str:
    return next((label for label, v in choices if v == value), value)


def detail_of(action: Any) -> str:
    """'Ann Lee · Joint · due 30 Sep 2026': who, which side, by when."""
    detail = [label_of(SIDES, action.side)]
    if action.owner:
        detail.insert(0, action.owner)
    if action.due_date:
        detail.append(f"due {format_date(action.due_date)}")
    return " · ".join(detail)


def first_lines(text: str, font: QFont, width: int, lines: int) -> str:
    """The text as it wraps at width, cut to this many lines with '…' (newlines become spaces)."""
    flat = " ".join(text.split())
    layout = QTextLayout(flat, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    starts: list[int] = []
    while len(starts) <= lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    if len(starts) <= lines:
        return flat
    kept = flat[:starts[lines - 1]].rstrip()
    last = QFontMetrics(font).elidedText(flat[starts[lines - 1]:], Qt.TextElideMode.ElideRight, width)
    return f"{kept}\n{last}" if kept else last


class ActionText(QPlainTextEdit):
    """An action's text, wrapped over four lines so a real action can be read whole while typed.

    Return adds or saves, as in a one-line field; Shift+Return starts a new line.
    """

    returnPressed = Signal()  # noqa: N815 - QLineEdit's name, so the panel reads the same

    def __init__(self, placeholder: str) -> None:
        super().__init__()
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        # three lines (it scrolls beyond): with the walkthrough's header keeping room for a
        # two-line factor name, four left the list above less than one long action's height
        lines = QFontMetrics(self.font()).lineSpacing() * 3
        self.setFixedHeight(lines + 2 * int(self.document().documentMargin()) + 8)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - QLineEdit's name
        self.setPlainText(text)
        self.document().setModified(False)

    def isModified(self) -> bool:  # noqa: N802 - QLineEdit's name
        return bool(self.document().isModified())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        plain_return = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if plain_return:
            self.returnPressed.emit()
        else:
            super().keyPressEvent(event)


class ActionsPanel(QWidget):
    """List this factor's actions; the form below adds a new one or edits the selected one."""

    action_added = Signal(dict)
    action_updated = Signal(int, dict)
    action_removed = Signal(int)
    draft_changed = Signal()  # the form came to hold, or stopped holding, typing not in the file

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actions: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Action", "Status"])
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName("Improvement actions")
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the form; arrows move rows
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.table.horizontalHeader().sectionResized.connect(self._fit_rows)
        self.empty = QLabel("No actions for this factor yet. Capture improvement ideas as they come up.")
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "caption")
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(self._build_form())
        # Before the first action the list is hidden: the room it leaves goes below the form,
        # not between its rows (playthrough 1, finding 12: "Due" 120 px above its box).
        self._slack = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        layout.addItem(self._slack)

    def _build_form(self) -> QVBoxLayout:
        box = QVBoxLayout()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setVerticalSpacing(8)
        self.text = ActionText("What will be done, by whom, by when… (Return adds it)")
        self.text.setAccessibleName("Action")
        self.owner = QLineEdit(placeholderText="Name or role")
        self.side = QComboBox()
        for label, value in SIDES:
            self.side.addItem(label, value)
        self.due = DateField(empty_text="No date", likely_years=5)
        self.due.setAccessibleName("Due date")
        self.due.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.status = QComboBox()
        for label, value in STATUSES:
            self.status.addItem(label, value)
        self.hint = QLabel("")
        self.hint.setProperty("role", "hint")
        form.addRow("&Action", self.text)
        form.addRow("", self.hint)
        form.addRow("O&wner", self.owner)
        form.addRow("Si&de", self.side)
        form.addRow("D&ue", self.due)
        form.addRow("S&tatus", self.status)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add action")
        self.add_button.setProperty("role", "primary")
        self.remove_button = QPushButton("Remove")
        self.new_button = QPushButton("New")
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.new_button.clicked.connect(self.start_new)
        self.text.returnPressed.connect(self._on_add_button_clicked)
        self.owner.returnPressed.connect(self._on_add_button_clicked)
        self.due.returnPressed.connect(self._on_add_button_clicked)
        for combo in (self.side, self.status):
            on_return(combo, self._on_add_button_clicked)
        for button in (self.add_button, self.remove_button, self.new_button):
            on_return(button)
        self.text.textChanged.connect(lambda: self._on_text_text_changed(self.text.text()))
        self.owner.textChanged.connect(lambda _text: self._on_text_text_changed(self.text.text()))
        for combo in (self.side, self.status):
            combo.currentIndexChanged.connect(lambda _index: self._on_text_text_changed(self.text.text()))
        box.addLayout(form)
        box.addLayout(buttons)
        self._on_text_text_changed("")
        return box

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self._actions[rows[0].row()].id if rows else None

    def load(self, actions: list[Any], keep_draft: bool = False) -> None:
        """Show actions; keep the selection on the same action if it is still there. With
        keep_draft (the same factor's list redone: an undo, a merge), a new action still being
        typed stays in the form."""
        keep = self.selected_id()
        typed = self.fields() if keep is None and self.text.text().strip() else None
        known = {a.id for a in self._actions}
        self._actions = list(actions)
        self.table.blockSignals(True)
        self.table.setRowCount(len(actions))
        for row, action in enumerate(actions):
            item = QTableWidgetItem()
            item.setToolTip(f"{action.text}\n{detail_of(action)}")
            self.table.setItem(row, 0, item)
            self.table.setItem(row, 1, QTableWidgetItem(label_of(STATUSES, action.status)))
        self._fit_rows()
        self.table.clearSelection()
        self.table.blockSignals(False)
        self.table.setVisible(bool(actions))
        self.empty.setVisible(not actions)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):  # the list takes the room while it is there
            layout.setStretch(layout.indexOf(self._slack), 0 if actions else 1)
        ids = [a.id for a in actions]
        added = [row for row, a in enumerate(actions) if a.id not in known]
        if known and len(added) == 1:  # the action just added is brought into view, whole (s12)
            self._show_row(added[0])
            # and again once the rows have their heights (a scroll bar appearing narrows the column
            # and the rows grow: with four actions at 1024 the new one was left half below)
            QTimer.singleShot(0, self, lambda row=added[0]: self._show_row(row))
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        elif not (keep_draft and typed is not None):
            self.start_new()

    def _show_row(self, row: int) -> None:
        if row < self.table.rowCount():
            self._fit_rows()
            self.table.scrollTo(self.table.model().index(row, 0), QAbstractItemView.ScrollHint.PositionAtBottom)

    def draft(self) -> tuple[int | None, dict[str, Any]] | None:
        """Typing in the form that is not in the file: (None, fields) for a new action with text,
        (id, changed fields) for a selected action whose fields differ from it; None otherwise."""
        fields = self.fields()
        action_id = self.selected_id()
        if action_id is None:
            return (None, fields) if fields["text"] else None
        action = next((a for a in self._actions if a.id == action_id), None)
        if action is None or not fields["text"]:
            return None
        changes = {k: v for k, v in fields.items() if getattr(action, k, v) != v}
        return (action_id, changes) if changes else None

    def commit_draft(self) -> str:
        """Add the new action being typed, or save the changes to the selected one, as Return would
        (before the factor changes or the file closes: typing is never dropped). Returns what was
        done ("added" or "saved"), or "" if the form held nothing unsaved."""
        draft = self.draft()
        if draft is None or not self.due.take():
            return ""
        action_id, fields = draft
        if action_id is None:
            fields["due_date"] = self.due.value()
            self.action_added.emit(fields)
            return "added"
        self.action_updated.emit(action_id, self.fields() | {"due_date": self.due.value()})
        return "saved"

    def _fit_rows(self, column: int = 0, _old: int = 0, new: int = 0) -> None:
        """Each row: the action cut to two lines, then owner, side and due date, always shown."""
        if column != 0:
            return
        width = (new or self.table.columnWidth(0)) - 16  # the cell's padding; while the header
        # resizes, columnWidth() still gives the old width, so the new one is taken from the signal
        width = max(width, 80)
        metrics = QFontMetrics(self.table.font())
        for row, action in enumerate(self._actions):
            item = self.table.item(row, 0)
            if item is not None:
                text = f"{first_lines(action.text, self.table.font(), width, 2)}\n{detail_of(action)}"
                item.setText(text)
                # Sized here, from the width being set: resizeRowsToContents() would still
                # measure the old width and cut the owner and due date off.
                wrapped = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
                self.table.setRowHeight(row, wrapped.height() + 12)

    def start_new(self) -> None:
        self.table.clearSelection()
        self.text.clear()
        self.owner.clear()
        self.side.setCurrentIndex(0)
        self.due.set_value(None)
        self.status.setCurrentIndex(0)
        self._sync_buttons()

    def fields(self) -> dict[str, Any]:
        return {"text": self.text.text().strip(), "owner": self.owner.text().strip(),
                "side": self.side.currentData(), "due_date": self.due.value(),
                "status": self.status.currentData()}

    def set_editable(self, editable: bool) -> None:
        for widget in (self.text, self.owner, self.side, self.due, self.status, self.add_button,
                       self.remove_button, self.new_button):
            widget.setEnabled(editable)
        if editable:
            self._sync_buttons()

    def _sync_buttons(self) -> None:
        editing = self.selected_id() is not None
        self.add_button.setText("Save changes" if editing else "Add action")
        self.add_button.setEnabled(bool(self.text.text().strip()))
        self.remove_button.setVisible(editing)
        self.new_button.setVisible(editing)

    def _on_text_text_changed(self, text: str) -> None:
        # typing not yet in the file is said by the status bar ("Action not added yet"): a line here
        # would move the list and the form under the pointer as the first letter is typed
        hint = "Describe the action." if not text.strip() and self.text.isModified() else ""
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self._sync_buttons()
        pending = self.draft() is not None
        if pending != getattr(self, "_pending", False):
            self._pending = pending
            self.draft_changed.emit()

    def _on_table_item_selection_changed(self) -> None:
        action_id = self.selected_id()
        action = next((a for a in self._actions if a.id == action_id), None)
        if action is not None:
            self.text.setText(action.text)
            self.owner.setText(action.owner)
            self.side.setCurrentIndex(max(0, self.side.findData(action.side)))
            self.due.set_value(action.due_date)
            self.status.setCurrentIndex(max(0, self.status.findData(action.status)))
        self._sync_buttons()

    def _on_add_button_clicked(self) -> None:
        fields = self.fields()
        if not fields["text"]:
            self.hint.setText("Describe the action.")
            self.hint.show()
            return
        if not self.due.take():  # a due date that cannot be read is said so, never saved as another
            self.due.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        fields["due_date"] = self.due.value()
        action_id = self.selected_id()
        if action_id is None:
            focused = QApplication.focusWidget()
            typing_here = focused is not None and self.isAncestorOf(focused)
            self.action_added.emit(fields)
            if typing_here and not self.text.text():  # added and cleared: ready for the next one
                self.text.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.action_updated.emit(action_id, fields)

    def _on_remove_button_clicked(self) -> None:
        action_id = self.selected_id()
        if action_id is not None:
            self.action_removed.emit(action_id)
