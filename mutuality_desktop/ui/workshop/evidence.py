"""Evidence notes per perspective, each keystroke saved as it is typed.

A debounce lost a fast typist's note on a crash while the window said "All changes saved": a
commit takes about 1.5 ms, so every change to a box is committed at once, and the document
merges a run of typing into one undo step (until a pause or the end of a sentence).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.framework import Scale
from ...core.prework.comments import PreworkComment
from .. import theme
from ..flow_row import FlowRow, least_height

ORDER = ("agreed", "client", "provider")  # the room's reasoning first: Tab after the agreed level
CONFIDENCE_CHOICES = (("Not set", ""), ("High", "high"), ("Medium", "medium"), ("Low", "low"))
PLACEHOLDERS = {
    "client": "What the client side said, and the evidence it pointed to…",
    "provider": "What the provider said, and the evidence it pointed to…",
    # how to record a factor the room cannot agree (guide 2.1's rule) is said where it is done
    "agreed": ("Why the room agreed this level; the evidence seen or still to collect. If the room "
               "cannot agree, press \u201cRoom does not agree\u201d (Alt+G): it leaves the agreed level empty "
               "and begins here with \u201cNot agreed\u201d and each side\u2019s level; then say why…"),
}


NOT_AGREED_BUTTON = "Room does not a&gree\u2026"
AGREES_BUTTON = "Room a&grees after all\u2026"


def _mapped_position(old: str, new: str, position: int) -> int:
    """Where a cursor at `position` in `old` belongs once the text is `new`: before the changed
    part it stays, after it it moves with the text, inside it or at its edge it goes to the end of
    the change (after text put back by Redo, where text taken away by Undo was)."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    if position < prefix:
        return position
    if position > len(old) - suffix:
        return position + len(new) - len(old)
    return len(new) - suffix


def _replace_text(editor: QPlainTextEdit, text: str) -> None:
    """Put text in a notes box (after an undo, a redo or a change made elsewhere) with the typing
    point where the facilitator left it, mapped through the change, and the box scrolled as it
    was. setPlainText alone put the cursor at the very start: after Ctrl+Z in a note the next
    words typed went in front of "Not agreed. …" (play-through s12)."""
    old, cursor = editor.toPlainText(), editor.textCursor()
    position = _mapped_position(old, text, cursor.position())
    scroll = editor.verticalScrollBar().value()
    editor.blockSignals(True)
    editor.setPlainText(text)
    editor.blockSignals(False)
    cursor = editor.textCursor()
    cursor.setPosition(max(0, min(position, len(text))))
    editor.setTextCursor(cursor)
    editor.verticalScrollBar().setValue(scroll)
    if editor.hasFocus():
        editor.ensureCursorVisible()


def _is_undo_shortcut(event: QEvent) -> bool:
    """Ctrl+Z or its redo, asked of a text box before it takes the key: the window's, not the box's."""
    return event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
        event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))


class ReasonEdit(QLineEdit):
    """The not-applicable reason: one line, and, as in the notes boxes, Ctrl+Z is the window's undo."""

    def event(self, event: QEvent) -> bool:
        if _is_undo_shortcut(event):
            event.ignore()  # let Edit → Undo / Redo take it
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
            event.ignore()
            return
        super().keyPressEvent(event)


class NotesEdit(QPlainTextEdit):
    """A plain-text notes box whose Ctrl+Z is the window's undo, not a private one.

    With the box's own undo, Ctrl+Z inside it undid text the file already held, and a later
    Ctrl+Z outside put back what had just been undone.
    """

    focus_left = Signal()

    def __init__(self, lines: int = 3) -> None:
        super().__init__()
        self.setUndoRedoEnabled(False)
        self.lines = lines  # never shorter than this many lines of its type (Large text too)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Tall enough for `lines` lines in the box's own type: with Large text on a 768-high
        screen the notes showed two lines cut mid-line; the side panel scrolls instead."""
        margins = self.contentsMargins()
        doc = int(self.document().documentMargin() * 2)
        height = self.fontMetrics().lineSpacing() * self.lines + doc + margins.top() + margins.bottom()
        return QSize(super().minimumSizeHint().width(), max(70, height))

    def event(self, event: QEvent) -> bool:
        if _is_undo_shortcut(event):
            event.ignore()  # let Edit → Undo / Redo take it
            return False
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        """Tabbing into a note continues it: the cursor goes to the end of what is there."""
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.moveCursor(QTextCursor.MoveOperation.End)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.focus_left.emit()


class EvidencePanel(QWidget):
    """Three notes boxes (client, provider, agreed) and the agreed view's evidence confidence."""

    notes_saved = Signal(str, str)  # perspective, text: due to be committed now
    confidence_chosen = Signal(object)  # "high" / "medium" / "low" / None
    not_applicable_chosen = Signal(object, object)  # (round id, factor id), the reason or None
    not_agreed_requested = Signal(bool)  # True: record Not agreed; False: the room agrees after all

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        self.editors: dict[str, NotesEdit] = {}
        self._saved: dict[str, str] = {}
        self._build_comments(layout)  # participants' pre-work comments, one click open (play-through 8)
        for perspective in ORDER:
            caption = QLabel(f"{theme.PERSPECTIVE_LABELS[perspective]} view".upper())
            caption.setProperty("role", "caption")
            caption.setFont(theme.font(theme.BASE_POINT_SIZE - 1.5, bold=True))
            head: QHBoxLayout | FlowRow
            if perspective == "agreed":
                # the Not agreed button goes under the heading when the panel is narrow (Large
                # text at 1024): beside it, it widened the panel and squeezed the guide
                head = FlowRow()
                head.add(caption)
                head.keep_right_from_here()
            else:
                head = QHBoxLayout()
                head.addWidget(caption)
                head.addStretch(1)
            confidence_row = None
            if perspective == "agreed":
                # Not agreed (guide 2.1) by a visible control, not only by typing the notes: the
                # facilitator in front of the directors presses it, then says why. Alt+G: the
                # menus take F, E, P, V, H and the walkthrough R, D, T, C, I, N, K, O.
                self.not_agreed_button = QPushButton(NOT_AGREED_BUTTON)
                self.not_agreed_button.setCheckable(True)
                self.not_agreed_button.setAccessibleName("Room does not agree")
                self.not_agreed_button.clicked.connect(
                    lambda checked: self.not_agreed_requested.emit(bool(checked)))
                self.not_agreed_button.setEnabled(False)
                head.addWidget(self.not_agreed_button)
                self.confidence = QComboBox()
                for label, value in CONFIDENCE_CHOICES:
                    self.confidence.addItem(label, value)
                self.confidence.setAccessibleName("Evidence confidence")
                self.confidence.activated.connect(self._on_confidence_activated)
                conf_label = QLabel("Conf&idence in the evidence")  # Alt+F is the File menu
                conf_label.setWordWrap(True)  # Large text on a 1024 screen: wraps, the guide keeps its room
                conf_label.setToolTip("How firm the evidence behind the agreed level is")
                conf_label.setProperty("role", "caption")
                conf_label.setBuddy(self.confidence)
                confidence_row = QHBoxLayout()
                self.not_applicable = ReasonEdit()
                self.not_applicable.setPlaceholderText("empty: it applies")
                self.not_applicable.setAccessibleName("Not applicable because")
                self.not_applicable.setToolTip(
                    "Why this factor does not apply to this contract in this round. Return (or leaving the box) "
                    "saves it; the factor then leaves the means and the coverage count. Empty it to undo.")
                self.not_applicable.editingFinished.connect(self._on_not_applicable_finished)
                na_label = QLabel("&Not applicable because")
                na_label.setWordWrap(True)
                na_label.setProperty("role", "caption")
                na_label.setBuddy(self.not_applicable)
                # the label above the box: beside it, on a narrow panel with Large text, the box
                # showed "empty: i..." and the reason typed into it could not be read
                na_row = QVBoxLayout()
                na_row.setSpacing(2)
                na_row.addWidget(na_label)
                na_row.addWidget(self.not_applicable)
                confidence_row.addStretch(1)
                confidence_row.addWidget(conf_label)
                confidence_row.addWidget(self.confidence)
            editor = NotesEdit(4 if perspective == "agreed" else 3)
            editor.setPlaceholderText(PLACEHOLDERS[perspective])
            editor.setAccessibleName(f"{theme.PERSPECTIVE_LABELS[perspective]} evidence notes")
            editor.setTabChangesFocus(True)
            editor.textChanged.connect(lambda p=perspective: self._save(p))
            editor.focus_left.connect(lambda p=perspective: self._save(p))
            layout.addLayout(head)
            layout.addWidget(editor, 2 if perspective == "agreed" else 1)  # the room's reasoning is longest
            if confidence_row is not None:
                layout.addLayout(confidence_row)
                layout.addLayout(na_row)
            layout.addSpacing(6)
            self.editors[perspective] = editor
            self._saved[perspective] = ""

    # --- participants' pre-work comments ----------------------------------------------------

    def _build_comments(self, layout: QVBoxLayout) -> None:
        """A one-line button at the top, 'Pre-work comments (4)', that opens the list under it: who
        (names only with Names on, as the spread strip), their side and level, the comment as written.
        Closed, it takes one line, so the notes boxes keep their place on a 768-high screen."""
        self.comments_button = QToolButton()
        self.comments_button.setCheckable(True)
        self.comments_button.setAutoRaise(True)
        self.comments_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.comments_button.setArrowType(Qt.ArrowType.RightArrow)
        self.comments_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the walkthrough's Tab order stays
        self.comments_button.toggled.connect(self._on_comments_toggled)
        # a read-only box of its own height that scrolls: a wrapped label in the scrolling side
        # panel was cut off after two comments at 1366x768
        self.comments_list = QTextBrowser()
        self.comments_list.setOpenLinks(False)
        self.comments_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.comments_list.setAccessibleName("Participants' pre-work comments")
        self.comments_list.hide()
        self.comments_button.hide()
        self._comments: list[PreworkComment] = []
        self._comment_scale: Scale | None = None
        self._comment_names = False
        layout.addWidget(self.comments_button)
        layout.addWidget(self.comments_list)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Tall enough for what wraps at the width it has (the Not agreed button under its heading at
        1024): a tab's page is given its minimum only, and with the pre-work comments open the
        agreed heading was drawn over the comments' box (as the parking editor, parking.py)."""
        hint = super().minimumSizeHint()
        if self.width() <= 0:
            return hint
        layout = self.layout()
        # least_height leaves out the fixed spaces between the three views (a spacer is "empty"):
        # with the comments open, their 18 pixels were taken from the agreed heading
        spaces = sum(item.minimumSize().height() for i in range(layout.count() if layout is not None else 0)
                     if layout is not None and (item := layout.itemAt(i)) is not None
                     and item.spacerItem() is not None)
        return QSize(hint.width(), max(hint.height(), least_height(self, self.width()) + spaces))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        need = self.minimumSizeHint().height()
        if need != getattr(self, "_need", None):
            self._need = need
            self.updateGeometry()

    def show_comments(self, comments: Sequence[PreworkComment], scale: Scale) -> None:
        """The factor's comments from the returned pre-work forms; the button hides when there are none."""
        self._comments, self._comment_scale = list(comments), scale
        count = len(self._comments)
        self.comments_button.setVisible(count > 0)
        self.comments_button.setText(f"Pre-work comments ({count})")
        self.comments_button.setToolTip(
            "What participants wrote beside their own level on the pre-work form. Names show only "
            "with Names on.")
        self.comments_list.setVisible(count > 0 and self.comments_button.isChecked())
        self._write_comments()

    def set_comment_names(self, on: bool) -> None:
        """Names on or off, as the spread strip's Names button."""
        self._comment_names = on
        self._write_comments()

    def comments_text(self) -> str:
        """The list as plain text, one comment a paragraph (what a screen reader and a test read)."""
        scale = self._comment_scale
        if scale is None:
            return ""
        return "\n".join(f"{c.heading(scale, self._comment_names)}: {c.comment}" for c in self._comments)

    def _write_comments(self) -> None:
        scale = self._comment_scale
        if scale is None:
            return
        blocks = [f"<p style='margin:0 0 6px 0'><b>{html.escape(c.heading(scale, self._comment_names))}</b>"
                  f"<br>{html.escape(c.comment).replace(chr(10), '<br>')}</p>" for c in self._comments]
        self.comments_list.setHtml("".join(blocks))
        self.comments_list.setAccessibleDescription(self.comments_text())

    def _on_comments_toggled(self, on: bool) -> None:
        self.comments_button.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        # its height in its own type now (Large text changes it): nine lines, then it scrolls
        self.comments_list.setFixedHeight(self.comments_list.fontMetrics().lineSpacing() * 9 + 12)
        self.comments_list.setVisible(on and bool(self._comments))
        self._need = -1
        self.updateGeometry()  # the side panel scrolls for the open list rather than squeeze it

    def load(self, notes: dict[str, str], confidence: str | None, unsaved: dict[str, str] | None = None,
             keep_typing: bool = False) -> None:
        """Show a factor's notes; unsaved text (a failed save) is shown instead of the stored one.

        With keep_typing, a box whose text differs from what was last saved keeps its text: a
        refresh caused by another box's save must never swallow keystrokes.
        """
        unsaved = unsaved or {}
        for perspective, editor in self.editors.items():
            stored = notes.get(perspective, "")
            typing = keep_typing and editor.toPlainText() != self._saved[perspective]
            self._saved[perspective] = stored
            if typing:
                continue
            text = unsaved.get(perspective, stored)
            if editor.toPlainText() != text:
                _replace_text(editor, text)
        index = next(i for i, (_, value) in enumerate(CONFIDENCE_CHOICES) if value == (confidence or ""))
        self.confidence.setCurrentIndex(index)

    def load_not_applicable(self, target: tuple[int, str], reason: str | None) -> None:
        """Show a factor's not-applicable reason in a round ('' when it applies). A reason still
        being typed for another factor or round is saved to that one first."""
        if target != getattr(self, "_na_target", target):
            self._on_not_applicable_finished()
        self._na_target, self._not_applicable = target, reason or ""
        if self.not_applicable.text() != self._not_applicable:
            self.not_applicable.setText(self._not_applicable)
            self.not_applicable.setCursorPosition(0)  # the reason reads from its start

    def _on_not_applicable_finished(self) -> None:
        text = self.not_applicable.text().strip()
        target = getattr(self, "_na_target", None)
        if target is not None and text != self._not_applicable and not self.not_applicable.isReadOnly():
            self._not_applicable = text
            self.not_applicable_chosen.emit(target, text or None)

    def mark_saved(self, perspective: str, text: str) -> None:
        self._saved[perspective] = text

    def saved_text(self, perspective: str) -> str:
        """A box's text as last stored (what the file held when the box was loaded or saved)."""
        return self._saved[perspective]

    def has_unsaved_typing(self) -> bool:
        return any(e.toPlainText() != self._saved[p] for p, e in self.editors.items())

    def flush(self) -> None:
        """Save every box whose text differs from what is stored (a save that failed earlier)."""
        for perspective in self.editors:
            self._save(perspective)

    def set_editable(self, editable: bool) -> None:
        for editor in self.editors.values():
            editor.setReadOnly(not editable)
        self.confidence.setEnabled(editable)
        self.not_applicable.setReadOnly(not editable)
        if not editable:
            self.not_agreed_button.setEnabled(False)

    def _save(self, perspective: str) -> None:
        text = self.editors[perspective].toPlainText()
        if text != self._saved[perspective] and not self.editors[perspective].isReadOnly():
            self.notes_saved.emit(perspective, text)

    def show_not_agreed(self, not_agreed: bool, missing: str, same: str = "") -> None:
        """The Not agreed button: pressed while the factor is Not agreed; usable only when both
        sides have a level (missing names the side or sides without one, '' when both have) and
        the levels differ (same names the one level both sides hold, '' when they differ)."""
        button = self.not_agreed_button
        button.setChecked(not_agreed)
        button.setText(AGREES_BUTTON if not_agreed else NOT_AGREED_BUTTON)
        blocked = bool(missing or (same and not not_agreed))  # a recorded one can always be taken back
        button.setEnabled(not blocked and not self.editors["agreed"].isReadOnly())
        if missing:
            tip = (f"Not agreed needs a level from each side: {missing} no level yet. "
                   "Score both sides first.")
        elif same and not not_agreed:
            tip = (f"Both sides hold level {same}, so there is nothing to record as not agreed: "
                   "type the agreed level\u2019s digit in the guide.")
        elif not_agreed:
            tip = ("The room could not agree this factor. Press to take back the \u201cNot agreed\u201d "
                   "sentence and choose the agreed level (type its digit).")
        else:
            tip = ("Record that the room cannot agree: the agreed level is left empty and the agreed "
                   "notes begin \u201cNot agreed\u201d with both sides\u2019 levels; then type why.")
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)

    def place_agreed_cursor(self, position: int) -> None:
        """Put the typing point in the agreed notes at position (after the Not agreed sentence)."""
        editor = self.editors["agreed"]
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = editor.textCursor()
        cursor.setPosition(min(position, len(editor.toPlainText())))
        editor.setTextCursor(cursor)
        editor.ensureCursorVisible()

    def _on_confidence_activated(self, index: int) -> None:
        self.confidence_chosen.emit(self.confidence.itemData(index) or None)
