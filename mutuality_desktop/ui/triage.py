"""Which factors first: the round's factors to discuss first, with the reason for each, and those to confirm quickly.

The lists come from core/triage.py; clicking a factor (or Return on it) opens it in the walkthrough.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.triage import Triage, TriageItem, triage
from . import theme
from .widgets import caption, heading

if TYPE_CHECKING:
    from ..core.engagement import Engagement
    from .main_window import MainWindow

FACTOR_ROLE = Qt.ItemDataRole.UserRole
SECTIONS = (
    ("Discuss these", "the two sides apart, not agreed, low confidence or no evidence: give these the time"),
    ("Confirm quickly", "the views so far are at most a level apart and nothing else marks them: check "
                        "the room agrees"),
    ("No views yet", "no levels yet (in pre-work or scores; notes alone are not a view): nothing shows "
                     "these can be hurried"),
)


class TriageDialog(QDialog):
    """The triage of one round; factor_chosen(round id, factor id) when a factor is clicked."""

    factor_chosen = Signal(int, str)

    def __init__(self, engagement: Engagement, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Which factors first")
        self.engagement = engagement
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Which factors first", theme.BASE_POINT_SIZE + 6))
        row = QHBoxLayout()
        row.addWidget(QLabel("Round:"))
        self.round_combo = QComboBox()
        self.round_combo.setAccessibleName("Round to plan")
        for rnd in engagement.rounds():
            self.round_combo.addItem(rnd.label, rnd.id)
        self.round_combo.setCurrentIndex(max(0, self.round_combo.findData(round_id)))
        row.addWidget(self.round_combo)
        row.addStretch(1)
        layout.addLayout(row)
        self.basis = caption("")
        self.basis.setWordWrap(True)
        layout.addWidget(self.basis)
        self.list = QListWidget()
        self.list.setAccessibleName("Factors to discuss and to confirm")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setSpacing(2)
        layout.addWidget(self.list, 1)
        layout.addWidget(caption("Click a factor to open it in the walkthrough."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.round_combo.currentIndexChanged.connect(self._on_round_combo_current_index_changed)
        self.list.itemClicked.connect(self._on_list_item_clicked)
        self.list.itemActivated.connect(self._on_list_item_clicked)
        self.triage: Triage | None = None
        self.load()

    def round_id(self) -> int:
        return int(self.round_combo.currentData())

    def load(self) -> None:
        """Fill the three lists for the chosen round."""
        result = triage(self.engagement, self.round_id())
        self.triage = result
        self.basis.setText("Based on " + ("; ".join(result.sources) if result.sources else
                                          "nothing yet: no pre-work returns and no earlier scores") +
                           ". Only the factors in this round's scope are listed.")
        self.list.clear()
        bold = QFont(self.list.font())
        bold.setBold(True)
        for (title, hint), items in zip(SECTIONS, (result.discuss, result.confirm, result.no_views), strict=True):
            if not items and title == "No views yet":
                continue
            head = QListWidgetItem(f"{title} ({len(items)}): {hint}")
            head.setFont(bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(head)
            for item in items:
                self.list.addItem(self._item(item, title == "Discuss these"))
            if not items:
                none = QListWidgetItem("    none")
                none.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.list.addItem(none)

    def _item(self, item: TriageItem, with_reasons: bool) -> QListWidgetItem:
        head = f"{item.dimension_name} {item.factor.number}. {item.factor.name}"
        details = item.reasons if with_reasons else item.basis
        text = head + "".join(f"\n    \u2022 {d}" for d in details)
        widget_item = QListWidgetItem(text)
        widget_item.setData(FACTOR_ROLE, item.factor_id)
        widget_item.setToolTip("Open this factor in the walkthrough")
        return widget_item

    def _on_round_combo_current_index_changed(self, _index: int) -> None:
        self.load()

    def _on_list_item_clicked(self, item: QListWidgetItem) -> None:
        factor_id = item.data(FACTOR_ROLE)
        if not factor_id:
            return
        self.factor_chosen.emit(self.round_id(), str(factor_id))
        self.accept()


def plan_the_day(w: MainWindow) -> TriageDialog | None:
    """Open the triage of the walkthrough's round; a chosen factor opens in the walkthrough."""
    if w.doc is None or w.workshop is None:
        return None
    dialog = TriageDialog(w.doc.engagement, w.workshop.round_id, w)
    screen = w.screen().availableGeometry()
    dialog.resize(min(900, screen.width() - 60), min(680, screen.height() - 80))

    def chosen(round_id: int, factor_id: str) -> None:
        if w.workshop is None:
            return
        if w.workshop.round_id != round_id:
            w.workshop.set_round(round_id)
        w.show_page("Walkthrough")
        w.workshop.go_to_factor(factor_id)
        w.workshop.guide.setFocus(Qt.FocusReason.OtherFocusReason)

    dialog.factor_chosen.connect(chosen)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
