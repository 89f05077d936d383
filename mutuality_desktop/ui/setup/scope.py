"""The scope of a round: a checkable list of the framework's dimensions, and under it the factors of
the dimension picked, checkable too; each tick is saved at once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core.framework import Framework
from ...core.scope import default_scope, in_scope_factors
from ..widgets import caption

ID_ROLE = Qt.ItemDataRole.UserRole


class WholeList(QListWidget):
    """A list as tall as its rows, in whatever type and width: the page scrolls, never the list
    (play-through 11: with Large text the dimensions became a small box scrolling inside the
    scrolling page, and the fifteen Mutuality factors always did)."""

    def __init__(self, parent: QWidget | None = None, *, never_shorter: bool = False) -> None:
        super().__init__(parent)
        # never shorter while its width and type stay: the factors of a five-factor dimension,
        # picked after Mutuality's fifteen, must not pull the page up under the pointer
        self._never_shorter = never_shorter
        self._kept = (0, 0)  # (width, height) the list has had at that width
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # rows wrap anew as the width changes
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fitting = False

    def rows_height(self) -> int:
        """The height of all the rows as laid out now (wrapped lines included)."""
        count = self.count()
        if count == 0:
            return 0
        first = self.visualRect(self.indexFromItem(self.item(0)))
        last = self.visualRect(self.indexFromItem(self.item(count - 1)))
        return last.bottom() - first.top() + 1

    def fit(self) -> None:
        """Take the height of the rows, with the frame and a little room under the last."""
        if self._fitting:
            return
        self._fitting = True
        try:
            height = self.rows_height() + 2 * self.frameWidth() + 4
            if self._never_shorter:
                width, kept = self._kept
                height = max(height, kept if width == self.width() else 0)
                self._kept = (self.width(), height)
            if self.minimumHeight() != height or self.maximumHeight() != height:
                self.setFixedHeight(height)
            if self.verticalScrollBar().value():
                self.verticalScrollBar().setValue(0)
        finally:
            self._fitting = False

    def updateGeometries(self) -> None:  # noqa: N802 - Qt override: called once the rows are laid out
        super().updateGeometries()
        self.fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # View -> Large text
            self._kept = (0, 0)  # measured afresh in the new type
            self.scheduleDelayedItemsLayout()


class ScopePanel(QWidget):
    """Which dimensions, and which of their factors, the shown round covers."""

    scope_chosen = Signal(int, list)  # round id, dimension ids in workshop order
    factors_left_out = Signal(int, list)  # round id, every factor id left out of the round

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.title = QLabel("")
        self.title.setWordWrap(True)
        self.list = WholeList()
        self.list.setAccessibleName("Dimensions in this round")
        self.note = caption("")
        self.note.setWordWrap(True)
        self.factors_title = caption("")
        self.factors_title.setWordWrap(True)
        for label in (self.note, self.factors_title):  # text at the top of the height kept for it
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.factors = WholeList(never_shorter=True)
        self.factors.setAccessibleName("Factors of the dimension picked above")
        self.factors.setWordWrap(True)  # long names wrap at 1024 wide instead of scrolling sideways
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addWidget(self.note)
        layout.addWidget(self.factors_title)
        layout.addWidget(self.factors)
        # The note and the factors' title keep the height they have had at this width: a tick
        # that shortens them by a line moved everything under them (about 17 px) as it was made.
        self._kept: dict[QLabel, tuple[int, int]] = {}  # label -> (width, height kept)
        self._titles: tuple[str, ...] = ()  # the factors' title, inside the round and outside
        self.round_id: int | None = None
        self.framework: Framework | None = None
        self.scope: tuple[str, ...] = ()
        self.excluded: frozenset[str] = frozenset()
        self.editable = True
        self.label = ""
        self._loading = False
        self.list.itemChanged.connect(self._on_list_item_changed)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.factors.itemChanged.connect(self._on_factors_item_changed)

    def load(self, framework: Framework, round_id: int, label: str, scope: tuple[str, ...],
             chosen: bool, editable: bool, excluded: frozenset[str] = frozenset()) -> None:
        """Show a round's scope: its chosen dimensions (or those the default rule gives) and the
        factors left out of them."""
        self._loading = True
        picked = self.list.currentItem()
        shown = str(picked.data(ID_ROLE)) if picked is not None else (scope[0] if scope else "")
        self.round_id, self.framework, self.scope, self.excluded = round_id, framework, scope, excluded
        self.editable, self.label = editable, label
        self.title.setText(f"Dimensions covered in {label}: tick one to include it; click a name to see "
                           "its factors below.")
        self.list.clear()
        for dim in framework.workshop_order():
            gone = sum(1 for f in dim.factors if f.id in excluded) if dim.id in scope else 0
            left = f", {gone} left out" if gone else ""
            item = QListWidgetItem(f"{dim.name} ({len(dim.factors)} factors{left})")
            item.setData(ID_ROLE, dim.id)
            flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if editable else flags)
            item.setCheckState(Qt.CheckState.Checked if dim.id in scope else Qt.CheckState.Unchecked)
            self.list.addItem(item)
            if dim.id == shown:
                self.list.setCurrentItem(item)
        self.list.fit()  # no blank band, no scrolling
        factors = len(in_scope_factors(framework, scope, excluded))
        # Never "not chosen yet" beside a visible tick (playthrough 1, finding 13): a round nobody
        # has chosen for follows the default rule (core/scope.py), and the note says so in a
        # consultant's words, not the rule's (play-through s5, finding 19).
        ticked = [d.name for d in framework.workshop_order() if d.id in scope]
        names = ", ".join(ticked[:-1]) + " and " + ticked[-1] if len(ticked) > 1 else "".join(ticked)
        are = "are" if len(ticked) > 1 else "is"
        if chosen:
            why = ""
        elif scope == default_scope(framework, {}):  # Mutuality: what a new round starts with
            why = f" {names} {are} ticked to begin with; tick or untick a dimension to change that."
        else:
            why = (f" {names} {are} ticked because {label} has scores in "
                   f"{'them' if len(ticked) > 1 else 'it'}; tick or untick a dimension to change that.")
        self.note.setText(f"{label} covers {factors} factor{'s' if factors != 1 else ''}.{why} "
                          "Only these appear in the walkthrough, Results, the spreadsheets, the "
                          "pre-work forms and the report.")
        self._keep_height(self.note)
        self._show_factors()
        self._loading = False

    def _keep_height(self, label: QLabel, *texts: str) -> None:
        """Never let a label shrink while its width stays: ticking must not move what is below.
        `texts` are others it may show next (reserved now, so it does not grow either)."""
        width = label.width()
        if width <= 0 or label.isHidden():
            return
        kept_width, kept = self._kept.get(label, (width, 0))
        shown = label.text()
        need = label.heightForWidth(width)
        for text in texts:
            label.setText(text)
            need = max(need, label.heightForWidth(width))
        label.setText(shown)
        height = max(need, kept if kept_width == width else 0)
        self._kept[label] = (width, height)
        if label.minimumHeight() != height:
            label.setMinimumHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():  # the lines wrap anew: measure again
            self._measure_again()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # View -> Large text and back: the heights kept for the larger type left blank bands
            # of up to 60 px above and below the note in the ordinary look (play-through 11)
            QTimer.singleShot(0, self, self._measure_again)

    def _measure_again(self) -> None:
        """The labels' kept heights measured afresh, for a new width or a new type size."""
        self._kept.clear()
        for label in (self.note, self.factors_title):
            label.setMinimumHeight(0)
        self._keep_height(self.note)
        self._keep_height(self.factors_title, *self._titles)

    def _show_factors(self) -> None:
        """The factors of the dimension picked in the list above, ticked when in the round."""
        was = self._loading
        self._loading = True
        self.factors.clear()
        picked = self.list.currentItem()
        if self.framework is None or picked is None:
            self.factors_title.setText("")
            self._loading = was
            return
        dim = self.framework.dimension(str(picked.data(ID_ROLE)))
        inside = dim.id in self.scope
        titles = (f"Factors of {dim.name}: untick one to leave it out of {self.label}.",
                  f"Factors of {dim.name}: tick {dim.name} above to bring it into {self.label}.")
        self.factors_title.setText(titles[0] if inside else titles[1])
        self._titles = titles
        self._keep_height(self.factors_title, *titles)
        for factor in dim.factors:
            item = QListWidgetItem(f"{factor.number}. {factor.name}")
            item.setData(ID_ROLE, factor.id)
            flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if self.editable and inside else flags)
            ticked = inside and factor.id not in self.excluded
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.factors.addItem(item)
        self.factors.fit()
        self._loading = was

    def checked(self) -> list[str]:
        return [str(self.list.item(i).data(ID_ROLE)) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        if self._loading or self.round_id is None:
            return
        if self.list.currentItem() is not item:  # the factors below follow the dimension just ticked
            self.list.setCurrentItem(item)
        self.scope_chosen.emit(self.round_id, self.checked())

    def _on_list_current_item_changed(self, *_: object) -> None:
        if not self._loading:
            self._show_factors()

    def _on_factors_item_changed(self, item: QListWidgetItem) -> None:
        if self._loading or self.round_id is None:
            return
        factor_id = str(item.data(ID_ROLE))
        left_out = set(self.excluded)
        if item.checkState() == Qt.CheckState.Checked:
            left_out.discard(factor_id)
        else:
            left_out.add(factor_id)
        self.factors_left_out.emit(self.round_id, sorted(left_out))
