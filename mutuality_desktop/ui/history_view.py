"""Edit → History…: who changed what, when — for the factor on screen or the whole engagement.

The rows come from core (history_sentences.history_table); the dialog stays open beside the walkthrough
and follows every change. The same list is `mutuality-desktop history FILE [--factor ID]`.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.history_sentences import history_table
from .settings import Settings

if TYPE_CHECKING:
    from .document import EngagementDocument
    from .main_window import MainWindow

WHOLE = ""
REFRESH_DELAY_MS = 250


def name_unset() -> bool:
    """No name given for the history: changes are recorded under the computer's login name."""
    return not Settings().author_name() and not os.environ.get("MUTUALITY_AUTHOR", "").strip()


def recorded_as_text(recorded_as: str) -> str:
    return (f"Your changes are recorded as “{recorded_as}”, this computer's name for you. "
            "Give your name below to have them recorded under it.")


class HistoryDialog(QDialog):
    """The recorded changes, newest first, for one factor or the whole engagement."""

    def __init__(self, doc: EngagementDocument, factor_id: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setWindowTitle(f"History of {doc.path.name}")
        self.setAccessibleName("Engagement history")
        self.scope = QComboBox()
        self.scope.setAccessibleName("Show the history of")
        # a list that drops down from the box, the whole engagement first, then each dimension's
        # factors under its name (play-through 6: the list popped up over the box, centred on
        # the factor on screen, with "The whole engagement" scrolled out of sight)
        self.scope.setStyleSheet("QComboBox { combobox-popup: 0; }")
        self.scope.setMaxVisibleItems(20)
        self.scope.addItem("The whole engagement", WHOLE)
        model = self.scope.model()
        assert isinstance(model, QStandardItemModel)
        for dimension in doc.engagement.framework.workshop_order():
            self.scope.addItem(dimension.name.upper())  # a heading: not a choice
            heading = model.item(self.scope.count() - 1)
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            bold = heading.font()
            bold.setBold(True)
            heading.setFont(bold)
            heading.setAccessibleText(f"{dimension.name}:")
            for factor in dimension.factors:
                self.scope.addItem(factor.name, factor.id)
        self.scope.view().setItemDelegate(IndentedFactors(self.scope))  # factors under their heading
        if factor_id is not None:
            self.scope.setCurrentIndex(max(0, self.scope.findData(factor_id)))
        self.whole = QPushButton("The &whole engagement")  # always in sight, however long the list
        self.whole.setAutoDefault(False)
        self.whole.setAccessibleName("Show the history of the whole engagement")
        self.whole.clicked.connect(self._on_whole_clicked)
        self.list = QTreeWidget()
        self.list.setAccessibleName("Changes")
        self.list.setHeaderLabels(["When", "Who", "What changed"])
        self.list.setRootIsDecorated(False)
        # each sentence read whole on as many lines as it needs, not cut with "…" (play-through 6)
        self.list.setWordWrap(True)
        self.list.setUniformRowHeights(False)
        self.list.setItemDelegateForColumn(2, WrappingDelegate(self.list))
        self.list.header().sectionResized.connect(self._on_section_resized)
        self.count = QLabel()
        self.author = QLineEdit(Settings().author_name())
        self.author.setAccessibleName("Your name in the history")
        self.author.setPlaceholderText(doc.engagement.author)
        self.author.setMaxLength(200)
        self.author.editingFinished.connect(self._on_author_editing_finished)
        self.recorded_as = QLabel(wordWrap=True)  # shown while no name is given
        self.recorded_as.setAccessibleName("Recorded as")
        self._show_recorded_as()
        name_row = QHBoxLayout()
        name_label = QLabel("Your &name in the history")
        name_label.setBuddy(self.author)
        name_row.addWidget(name_label)
        name_row.addWidget(self.author, 1)
        row = QHBoxLayout()
        label = QLabel("&Show")
        label.setBuddy(self.scope)
        row.addWidget(label)
        row.addWidget(self.scope, 1)
        row.addWidget(self.whole)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)  # Return in the name box saves the name, not closes the list
        close.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.recorded_as)
        layout.addLayout(name_row)
        layout.addWidget(buttons)
        self.resize(900, 480)
        self.scope.currentIndexChanged.connect(self._on_scope_current_index_changed)
        self._timer = QTimer(self)  # notes save on every keystroke: refresh once typing pauses
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        doc.changed.connect(self._on_doc_changed)
        self.refresh()

    def factor_id(self) -> str | None:
        data = self.scope.currentData()
        return str(data) if data else None

    def refresh(self) -> None:
        rows = history_table(self.doc.engagement, factor=self.factor_id())
        self.list.clear()
        for when, who, what, sentence in reversed(rows):
            item = QTreeWidgetItem([when, who, what])
            item.setToolTip(2, sentence)
            self.list.addTopLevelItem(item)
        for column in (0, 1):
            self.list.resizeColumnToContents(column)
        self.whole.setEnabled(self.factor_id() is not None)
        scope = "this factor" if self.factor_id() else "this engagement"
        self.count.setText(f"{len(rows)} change{'s' if len(rows) != 1 else ''} recorded for {scope}, "
                           "newest first." if rows else f"No changes are recorded for {scope} yet.")

    def _on_author_editing_finished(self) -> None:
        """Keep the name for this and later sessions; changes from now on are recorded under it."""
        Settings().set_author_name(self.author.text())
        self.doc.set_author(self.author.text())
        self.author.setPlaceholderText(self.doc.engagement.author)
        self._show_recorded_as()

    def _show_recorded_as(self) -> None:
        self.recorded_as.setText(recorded_as_text(self.doc.engagement.author))
        self.recorded_as.setVisible(name_unset())

    def _on_scope_current_index_changed(self, _index: int) -> None:
        self.refresh()

    def _on_whole_clicked(self) -> None:
        self.scope.setCurrentIndex(0)
        self.scope.setFocus()

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == 2:  # the sentences wrap at the new width: rows take their new heights
            QTimer.singleShot(0, self, self.list.doItemsLayout)

    def _on_doc_changed(self, _what: str) -> None:
        if self.isVisible():
            self._timer.start()


class IndentedFactors(QStyledItemDelegate):
    """The history's list of factors: each factor indented under its dimension's heading (the box
    itself shows the factor's name alone)."""

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.data(Qt.ItemDataRole.UserRole):  # a factor: the whole engagement's is "", a heading's None
            option.text = f"    {option.text}"


class WrappingDelegate(QStyledItemDelegate):
    """A column whose text wraps at the column's width, each row as tall as its lines."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        width = self.tree.header().sectionSize(index.column()) - 4 * TEXT_MARGIN
        text = str(index.data() or "")
        if width <= 0 or not text:
            return hint
        box = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000),
                                              int(Qt.TextFlag.TextWordWrap), text)
        return QSize(hint.width(), max(hint.height(), box.height() + 2 * TEXT_MARGIN))


TEXT_MARGIN = 4  # about the room Qt's item views leave around a cell's text


SHORT_NAME_PROMPT = "Set name…"  # the name button while a status message needs the room
OFFER_CHANGES = 5  # changes made with the offer in sight, after which it steps aside for the session
YOUR_NAME_ACTION = "Your &name in the history…"  # Edit menu: where the offer is once it has gone


class NamePrompt(QObject):
    """While no name is given for the history, the status bar says under which name changes are
    recorded, with a link that opens the History dialog at the name box: from the moment a file is
    open for editing, so the offer is there before the first change. Nothing blocks. It goes once a
    name is given, or once OFFER_CHANGES changes have been made with it in sight, for the rest of
    the session (play-through 11: it stayed all day beside "All changes saved"); Edit → Your name in
    the history… is always there."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.button = QPushButton()
        self.button.setFlat(True)
        self.button.setProperty("role", "link")  # an offer, not a control of the day's work
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the keyboard where it was
        self.button.setAccessibleName("Set your name for the history")
        self.button.setToolTip("The history records who made each change. Your name can also be "
                               "given under Edit → Your name in the history…")
        self.button.clicked.connect(self._on_button_clicked)
        self.button.hide()
        self._offered = ""  # the button's full text while it is offered, else ""
        self._seen_from: int | None = None  # the undo stack's place when the offer was first in sight
        self.stepped_aside = False  # seen through OFFER_CHANGES changes: not offered again this session
        self._place()
        window.statusBar().messageChanged.connect(self._fit)
        refit = getattr(window.statusBar(), "refit", None)
        if refit is not None:
            refit.connect(self.refit)
        window.document_opened.connect(self._on_document_opened)
        window.document_closed.connect(self._withdraw)

    def _place(self) -> None:
        index = 2 if hasattr(self.window.statusBar(), "message_label") else 1  # after the name and the message
        self.window.statusBar().insertPermanentWidget(index, self.button)  # left of "All changes saved"

    def move_to_end_of_tab_order(self) -> None:
        """Take the link out of the status bar and put it back: a widget given a parent joins the
        end of its window's focus chain, after the pages built so far."""
        shown = not self.button.isHidden()
        self.window.statusBar().removeWidget(self.button)
        self.button.setParent(None)
        self._place()
        self.button.setVisible(shown)

    def _withdraw(self) -> None:
        self._offered = ""
        self._seen_from = None
        self.button.hide()

    def _on_document_opened(self) -> None:
        self._withdraw()
        doc = self.window.doc
        if doc is None or doc.readonly or self.stepped_aside or not name_unset():
            return  # nothing to record, or the offer was made and seen through this session
        doc.changed.connect(self._on_doc_changed)
        doc.author_set.connect(self._on_author_set)
        self._offered = f"Changes are recorded as “{doc.engagement.author}” · Set your name…"
        self._fit(self.window.statusBar().currentMessage())

    def _let_go(self) -> None:
        self._withdraw()
        doc = self.window.doc
        if doc is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # already let go
                doc.changed.disconnect(self._on_doc_changed)
                doc.author_set.disconnect(self._on_author_set)

    def _on_author_set(self) -> None:
        """A name given (Edit → Your name in the history…, or the offer's own link): the only way
        the settings' name changes while a file is open, so it is read here, not on every change."""
        if not name_unset():
            self._let_go()

    def _on_doc_changed(self, _what: str) -> None:
        """Every change (each keystroke of a note too): a comparison or two, and let go once done."""
        doc = self.window.doc
        if doc is None:
            return
        if not self._offered:
            self._let_go()
            return
        if self._seen_from is not None and doc.undo_stack.index() - self._seen_from >= OFFER_CHANGES:
            self.stepped_aside = True  # seen through some changes: out of the way for the session
            self._let_go()

    def _fit(self, message: str) -> None:
        """A message in the status bar reports an outcome ("Merged …", "Moved the engagement to …")
        and is read whole: while it shows, the button shortens to "Set name…", and steps aside
        altogether if even that leaves the message too little room (play-through: the full button
        cut a merge's outcome to "demo.mutuality holds nothing this…"). Without a message the
        button is whole beside the file's whole name, else "Set name…", else gone (at 1024 with
        Large text it was cut at both ends and the file's name with it). "All changes saved" keeps
        its whole width whatever is shown."""
        bar = self.window.statusBar()
        message = bar.currentMessage()  # the window's message (a menu's empty status tip clears only Qt's own)
        bar.setToolTip(message)  # a message wider than any window can still be read in full
        if not self._offered:
            return
        saved = self.window.save_label  # "All changes saved", right of the button
        room = bar.contentsRect().width() - saved.sizeHint().width() - 40  # margins and gaps
        left = getattr(bar, "message_label" if message else "file_label", None)
        need = left.full_width() if left is not None else bar.fontMetrics().horizontalAdvance(message)
        tries = [(SHORT_NAME_PROMPT, need)] if message else [
            (self._offered, need), (SHORT_NAME_PROMPT, need), (SHORT_NAME_PROMPT, min(need, 160))]
        for text, wanted in tries:
            self.button.setText(text)
            if wanted + self.button.sizeHint().width() <= room:
                self.button.show()
                doc = self.window.doc
                if self._seen_from is None and doc is not None:
                    self._seen_from = doc.undo_stack.index()  # in sight from here: changes count
                return
        self.button.hide()

    def refit(self) -> None:
        """The status bar was resized or its type changed: fit the button again."""
        self._fit(self.window.statusBar().currentMessage())

    def on_name_given(self) -> None:
        """A name typed in the History dialog: the offer has done its work."""
        if not name_unset():
            self._withdraw()

    def _on_button_clicked(self) -> None:
        ask_for_name(self.window)


def ask_for_name(window: MainWindow) -> HistoryDialog | None:
    """The History dialog with the keyboard in its name box (the status bar's offer, Edit → Your
    name in the history…): the name given is the author of every change from then on."""
    dialog = show_history(window)
    if dialog is not None:
        dialog.author.setFocus(Qt.FocusReason.OtherFocusReason)
    return dialog


def show_history(window: MainWindow) -> HistoryDialog | None:
    """Open the history beside the window: of the factor on screen in the walkthrough, else all."""
    if window.doc is None:
        return None
    factor_id = None
    if window.current_page() == "Walkthrough" and window.workshop is not None:
        factor_id = window.workshop.factor_id
    dialog = HistoryDialog(window.doc, factor_id, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.author.editingFinished.connect(window.name_prompt.on_name_given)
    dialog.show()
    return dialog
