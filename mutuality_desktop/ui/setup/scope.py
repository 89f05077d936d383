"""The scope of a round: a checkable list of the framework's dimensions, saved at each tick."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...core.framework import Framework
from ..widgets import caption


class ScopePanel(QWidget):
    """Which dimensions the shown round covers; ticking one emits the whole new choice."""

    scope_chosen = Signal(int, list)  # round id, dimension ids in workshop order

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.title = QLabel("")
        self.title.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Dimensions in this round")
        self.list.setMaximumHeight(190)
        self.note = caption("")
        self.note.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addWidget(self.note)
        self.round_id: int | None = None
        self._loading = False
        self.list.itemChanged.connect(self._on_list_item_changed)

    def load(self, framework: Framework, round_id: int, label: str, scope: tuple[str, ...],
             chosen: bool, editable: bool) -> None:
        """Show a round's scope: its chosen dimensions, or those the default rule gives."""
        self._loading = True
        self.round_id = round_id
        self.title.setText(f"Dimensions covered in {label}")
        self.list.clear()
        for dim in framework.workshop_order():
            item = QListWidgetItem(f"{dim.name} ({len(dim.factors)} factors)")
            item.setData(Qt.ItemDataRole.UserRole, dim.id)
            flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if editable else flags)
            item.setCheckState(Qt.CheckState.Checked if dim.id in scope else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        factors = sum(len(d.factors) for d in framework.dimensions if d.id in scope)
        how = ("chosen for this round" if chosen else
               "not chosen yet: the dimensions scored so far, else Mutuality")
        self.note.setText(f"{factors} factors; {how}. Progress, the walkthrough, Results, the CSV "
                          "and the report follow it.")
        self._loading = False

    def checked(self) -> list[str]:
        return [str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _on_list_item_changed(self, _item: QListWidgetItem) -> None:
        if self._loading or self.round_id is None:
            return
        self.scope_chosen.emit(self.round_id, self.checked())
