"""The parking list in the walkthrough: "Park this point" opens a small editor with the current
factor filled in; the open points are listed beneath it, each can be edited (double-click, F2 or
"Edit…"), resolved or removed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core import operations as ops
from ...core.parking import ParkingItem, parking_items
from ..commands import Edit
from ..flow_row import FlowRow, least_height

if TYPE_CHECKING:
    from ...core.engagement import Engagement
    from .page import WorkshopPage

PARK_SHORTCUT = "Ctrl+Shift+P"
RAISERS = (("Not recorded", ""), ("Client", "client"), ("Provider", "provider"),
           ("Facilitator", "facilitator"))


# --- edits (each one core operation on the undo stack) -------------------------------------------

class AddParking(Edit):
    what = "parking"

    def __init__(self, text: str, factor_id: str | None, round_id: int | None, raised_by: str | None) -> None:
        super().__init__("Park a point", ("parking-add", text))
        self.text_value, self.factor_id, self.round_id, self.raised_by = text, factor_id, round_id, raised_by

    def operation(self, eng: Engagement) -> ops.Operation:
        rnd = eng.round_uuid(self.round_id) if self.round_id is not None else None
        return ops.AddParking(self.text_value, self.factor_id, rnd, self.raised_by)


class ResolveParking(Edit):
    what = "parking"

    def __init__(self, uuid: str, resolved: bool) -> None:
        super().__init__("Resolve a parked point" if resolved else "Reopen a parked point",
                         ("parking-resolve", uuid))
        self.uuid, self.resolved = uuid, resolved

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.ResolveParking(self.uuid, self.resolved)


class UpdateParking(Edit):
    what = "parking"

    def __init__(self, uuid: str, changes: dict[str, Any]) -> None:
        super().__init__("Edit a parked point", ("parking-update", uuid))
        self.uuid, self.changes = uuid, dict(changes)

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.UpdateParking(self.uuid, dict(self.changes))


class RemoveParking(Edit):
    what = "parking"

    def __init__(self, uuid: str) -> None:
        super().__init__("Remove a parked point", ("parking-remove", uuid))
        self.uuid = uuid

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.RemoveParking(self.uuid)


# --- the panel ---------------------------------------------------------------------------------

def local_time(at: dt.datetime) -> str:
    """'12 Mar 10:12', today's points too: one format, with the date (play-through 7: today's
    showed only '03:01' beside an earlier day's '12 Mar, …')."""
    local = at.replace(tzinfo=dt.UTC).astimezone()
    return f"{local.day} {local:%b} {local:%H:%M}"


class _TextField(QLineEdit):
    """The point's text: Enter parks it, Escape closes the editor."""

    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class ParkingPanel(QWidget):
    """The parking list: an inline editor (shown by "Park this point") and the points listed."""

    park_requested = Signal(str, object, object)  # text, factor id or None, raised by or None
    resolve_requested = Signal(str, bool)  # uuid, resolved
    remove_requested = Signal(str)  # uuid
    update_requested = Signal(str, dict)  # uuid, the fields changed (text, factor, raised_by)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[ParkingItem] = []
        self._names: dict[str, str] = {}
        self._editing: str | None = None  # the uuid of the point the editor changes; None: a new one
        self._need = 0  # the height last worked out for what wraps at the current width
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        head = QHBoxLayout()
        self.count_label = QLabel(wordWrap=True)
        self.count_label.setProperty("role", "caption")
        self.park_button = QPushButton("Par&k this point…")
        self.park_button.setToolTip(f"Note a point to come back to ({PARK_SHORTCUT})")
        self.park_button.clicked.connect(self.open_editor)
        head.addWidget(self.count_label, 1)
        head.addWidget(self.park_button)
        layout.addLayout(head)

        self.editor = QFrame()
        self.editor.setProperty("role", "panel")
        form = QFormLayout(self.editor)
        form.setContentsMargins(10, 8, 10, 8)
        self.text_edit = _TextField()
        self.text_edit.setPlaceholderText("The point to come back to")
        self.text_edit.setAccessibleName("Point to park")
        self.text_edit.setMaxLength(5000)
        self.factor_combo = QComboBox()
        self.factor_combo.setAccessibleName("Factor of the parked point")
        # long factor names must not widen the side panel (the guide keeps its width)
        self.factor_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.factor_combo.setMinimumContentsLength(10)
        self.raised_combo = QComboBox()
        self.raised_combo.setAccessibleName("Raised by")
        for label, value in RAISERS:
            self.raised_combo.addItem(label, value)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Park it")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        form.addRow("Point", self.text_edit)
        form.addRow("Factor", self.factor_combo)
        form.addRow("Raised by", self.raised_combo)
        form.addRow(buttons)
        self.editor.hide()
        layout.addWidget(self.editor)

        self.list = QListWidget()
        self.list.setAccessibleName("Parked points")
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(3)
        layout.addWidget(self.list, 1)
        actions = FlowRow()  # wraps: the panel stays as narrow as the evidence beside it
        self.show_resolved = QCheckBox("Show resolved points too")
        self.resolve_button = QPushButton("Mark res&olved")
        self.resolve_button.setToolTip("Mark the selected point resolved (or open it again)")
        self.remove_button = QPushButton("Remove")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Change the selected point's text, factor or who raised it "
                                    "(F2, or double-click the point)")
        actions.keep_right_from_here()
        actions.addWidget(self.edit_button)
        actions.addWidget(self.resolve_button)
        actions.addWidget(self.remove_button)
        layout.addLayout(actions)
        layout.addWidget(self.show_resolved)

        self.save_button.clicked.connect(self._on_save_clicked)
        self.cancel_button.clicked.connect(self.close_editor)
        self.text_edit.returnPressed.connect(self._on_save_clicked)
        self.text_edit.escaped.connect(self.close_editor)
        self.show_resolved.toggled.connect(self._fill)
        self.resolve_button.clicked.connect(self._on_resolve_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.edit_button.clicked.connect(self.edit_selected)
        self.list.itemDoubleClicked.connect(self._on_list_item_double_clicked)
        edit_key = QAction(self.list)
        edit_key.setShortcut(QKeySequence(Qt.Key.Key_F2))
        edit_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        edit_key.triggered.connect(self.edit_selected)
        self.list.addAction(edit_key)
        self.list.currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Tall enough for what wraps at the width it has (the count, the buttons): a tab's page is
        given its minimum only, and the editor was squeezed below its own (Large text at 1024)."""
        hint = super().minimumSizeHint()
        if self.width() <= 0:
            return hint
        need = least_height(self, self.width())
        return QSize(hint.width(), max(hint.height(), need))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        need = self.minimumSizeHint().height()
        if need != self._need:
            self._need = need
            self.updateGeometry()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Enter in the editor's lists parks the point too; Escape closes the editor."""
        if self.editor.isVisible() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_save_clicked()
            return
        if self.editor.isVisible() and event.key() == Qt.Key.Key_Escape:
            self.close_editor()
            return
        super().keyPressEvent(event)

    def set_factors(self, factors: list[tuple[str, str]]) -> None:
        """The factors the editor offers ((id, name) in workshop order), after "No factor"."""
        self._names = dict(factors)
        self.factor_combo.clear()
        self.factor_combo.addItem("No factor (a general point)", None)
        for fid, name in factors:
            self.factor_combo.addItem(name, fid)

    def set_editable(self, editable: bool) -> None:
        for widget in (self.park_button, self.resolve_button, self.remove_button, self.edit_button):
            widget.setEnabled(editable)
        if not editable:
            self.close_editor()
        self._update_buttons()

    def open_editor(self, factor_id: str | None = None) -> None:
        """Show the editor with the factor filled in and the cursor in the text."""
        if not self.park_button.isEnabled():
            return
        if self._editing is not None:  # from changing a point to parking a new one: start empty
            self.close_editor()
        if isinstance(factor_id, str):
            index = self.factor_combo.findData(factor_id)
            self.factor_combo.setCurrentIndex(max(0, index))
        self.editor.show()
        self.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def edit_selected(self) -> None:
        """Open the editor on the selected point, its text, factor and who raised it filled in."""
        chosen = self._selected()
        if chosen is None or not self.edit_button.isEnabled():
            return
        self._set_editing(chosen.uuid)
        self.text_edit.setText(chosen.text)
        self.factor_combo.setCurrentIndex(max(0, self.factor_combo.findData(chosen.factor_id)))
        self.raised_combo.setCurrentIndex(max(0, self.raised_combo.findData(chosen.raised_by or "")))
        self.editor.show()
        self.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_edit.selectAll()

    def editing(self) -> str | None:
        """The uuid of the point the editor is changing (None: parking a new one, or closed)."""
        return self._editing if self.editor.isVisible() else None

    def _set_editing(self, uuid: str | None) -> None:
        self._editing = uuid
        self.save_button.setText("Save changes" if uuid else "Park it")
        self.text_edit.setAccessibleName("Parked point" if uuid else "Point to park")

    def _on_list_item_double_clicked(self, _item: QListWidgetItem) -> None:
        self.edit_selected()

    def close_editor(self) -> None:
        self.text_edit.clear()
        self.raised_combo.setCurrentIndex(0)
        self.editor.hide()
        self._set_editing(None)

    def _on_save_clicked(self) -> None:
        text = self.text_edit.text().strip()
        if not text:
            self.text_edit.setFocus()
            return
        raised = self.raised_combo.currentData() or None
        editing = next((p for p in self._items if p.uuid == self._editing), None)
        if editing is None:
            self.park_requested.emit(text, self.factor_combo.currentData(), raised)
            return
        fields = {"text": text, "factor": self.factor_combo.currentData(), "raised_by": raised}
        was = {"text": editing.text, "factor": editing.factor_id, "raised_by": editing.raised_by}
        changes = {k: v for k, v in fields.items() if v != was[k]}
        if changes:
            self.update_requested.emit(editing.uuid, changes)
        else:
            self.close_editor()

    def load(self, items: list[ParkingItem]) -> None:
        self._items = items
        self._fill()

    def open_count(self) -> int:
        return sum(1 for p in self._items if p.is_open)

    def _fill(self) -> None:
        current = self._selected_uuid()
        self.list.clear()
        shown = [p for p in self._items if p.is_open or self.show_resolved.isChecked()]
        for p in shown:
            where = self._names.get(p.factor_id or "", "General point")
            who = dict((v, label) for label, v in RAISERS).get(p.raised_by or "", "")
            # when first: a long factor name is what gets cut, never the date
            detail = " · ".join(x for x in (local_time(p.raised_at), where,
                                            f"raised by {who.lower()}" if p.raised_by else "",
                                            "" if p.is_open else "resolved") if x)
            item = QListWidgetItem(f"{p.text}\n{detail}")
            item.setData(Qt.ItemDataRole.UserRole, p.uuid)
            item.setToolTip(p.text)
            if not p.is_open:
                font = item.font()
                font.setStrikeOut(True)
                item.setFont(font)
            self.list.addItem(item)
            if p.uuid == current:
                self.list.setCurrentItem(item)
        still = self.open_count()
        resolved = len(self._items) - still
        self.count_label.setText(
            "Nothing is parked yet." if not self._items else
            f"{still} open point{'s' if still != 1 else ''}" + (f", {resolved} resolved" if resolved else ""))
        self._update_buttons()

    def _selected_uuid(self) -> str | None:
        item = self.list.currentItem()
        value: Any = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, str) else None

    def _selected(self) -> ParkingItem | None:
        uuid = self._selected_uuid()
        return next((p for p in self._items if p.uuid == uuid), None)

    def _update_buttons(self) -> None:
        chosen = self._selected()
        editable = self.park_button.isEnabled()
        self.resolve_button.setEnabled(editable and chosen is not None)
        self.remove_button.setEnabled(editable and chosen is not None)
        self.edit_button.setEnabled(editable and chosen is not None)
        self.resolve_button.setText("Re&open" if chosen is not None and not chosen.is_open else "Mark res&olved")

    def _on_resolve_clicked(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self.resolve_requested.emit(chosen.uuid, chosen.is_open)

    def _on_remove_clicked(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self.remove_requested.emit(chosen.uuid)


class ParkingController:
    """Joins the panel to the walkthrough: the tab, the shortcut, the edits and the refreshes."""

    TAB_TEXT = "Park&ing"

    def __init__(self, page: WorkshopPage) -> None:
        self.page = page
        self.panel = ParkingPanel()
        self.panel.set_factors([(f.id, f"{f.number}. {f.name}") for d in page.framework.workshop_order()
                                for f in d.factors])
        page.tabs.addTab(self.panel, self.TAB_TEXT)
        self.action = QAction("Park this point", page)
        self.action.setShortcut(QKeySequence(PARK_SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.triggered.connect(self.park_point)
        page.addAction(self.action)
        self.panel.park_button.clicked.disconnect()
        self.panel.park_button.clicked.connect(self.park_point)
        self.panel.park_requested.connect(self._on_park_requested)
        self.panel.resolve_requested.connect(self._on_resolve_requested)
        self.panel.remove_requested.connect(self._on_remove_requested)
        self.panel.update_requested.connect(self._on_update_requested)

    def park_point(self) -> None:
        """Show the parking tab with its editor open on the current factor."""
        self.page.tabs.setCurrentWidget(self.panel)
        self.panel.open_editor(self.page.factor_id)

    def refresh(self) -> None:
        self.panel.load(parking_items(self.page.doc.engagement))
        count = self.panel.open_count()
        index = self.page.tabs.indexOf(self.panel)
        self.page.tabs.setTabText(index, f"{self.TAB_TEXT} ({count})" if count else self.TAB_TEXT)

    def _on_park_requested(self, text: str, factor_id: object, raised_by: object) -> None:
        edit = AddParking(text, factor_id if isinstance(factor_id, str) else None, self.page.round_id,
                          raised_by if isinstance(raised_by, str) else None)
        if self.page.doc.execute(edit):
            self.panel.close_editor()
            self.panel.list.setFocus()
            # the status bar says what was just done (it still said "Scored the agreed view…")
            self.page.say(f"Parked a point: {text}")

    def _on_update_requested(self, uuid: str, changes: dict[str, Any]) -> None:
        """The edit reaches the file at once (one undo step, one history entry)."""
        if self.page.doc.execute(UpdateParking(uuid, changes)):
            self.panel.close_editor()
            self.panel.list.setFocus()
            self.page.say("Changed the parked point")

    def _on_resolve_requested(self, uuid: str, resolved: bool) -> None:
        if self.page.doc.execute(ResolveParking(uuid, resolved)):
            self.page.say("Marked the parked point resolved" if resolved else "Opened the parked point again")

    def _on_remove_requested(self, uuid: str) -> None:
        if self.page.doc.execute(RemoveParking(uuid)):
            self.page.say("Removed the parked point")
