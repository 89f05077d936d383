"""File → Merge a copy…: what each side changed since the copies parted, the conflicts side by
side for the facilitator to decide, and nothing written until they confirm (one undoable step).

The other copy is opened in memory through core's checked open path (a protected one after its
passphrase, in memory only); core plans and applies the merge, this screen only shows and asks.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..core.errors import MutualityError
from ..core.merge import OURS, THEIRS, Choice, MergePlan, apply_merge, plan_merge
from ..core.merge_files import is_returned_copy, open_copy, show
from ..core.merge_state import UNKNOWN, Key
from ..core.merge_text import (
    base_text,
    by_line,
    change_rows,
    combined,
    conflict_title,
    differing_words,
    editable,
    last_change,
    level_text,
    parse_value,
    word_changes,
)
from .exchange_files import describe, in_background
from .unlock_dialog import UnlockDialog, is_sealed

if TYPE_CHECKING:
    from ..core.engagement import Engagement
    from .main_window import MainWindow


class ConflictChoice(QWidget):
    """One conflict: the value before, yours, theirs, and (for text and levels) one you type."""

    decided = Signal()

    def __init__(self, title: str, before: str, yours: str, theirs: str, can_edit: bool,
                 parent: QWidget | None = None, *, texts: tuple[Any, Any, Any] | None = None,
                 bys: tuple[str, str] = ("", ""), wrap: int = 0, multiline: bool = False) -> None:
        super().__init__(parent)
        self.setAccessibleName(f"Conflict: {title}")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 8)
        heading = QLabel(f"<b>{_html(title)}</b> — before: {_html(before)}")
        heading.setWordWrap(True)
        grid.addWidget(heading, 0, 0, 1, 2)
        self.group = QButtonGroup(self)
        self.compare: QPushButton | None = None
        self.texts = texts
        if texts is not None and _long_text(texts):
            # play-through 12: two long notes cut at the same place looked the same; each is shown
            # around where they differ, on lines of its own, whole in the tooltip and Compare…
            metrics = self.fontMetrics()
            self.yours = QRadioButton(f"Keep yours ({bys[0]}):\n{wrapped(yours, metrics, wrap)}")
            self.theirs = QRadioButton(f"Take theirs ({bys[1]}):\n{wrapped(theirs, metrics, wrap)}")
            self.yours.setToolTip(whole_html(texts[0], texts[1]))
            self.theirs.setToolTip(whole_html(texts[1], texts[0]))
            self.compare = QPushButton("Compare…")
            self.compare.setAutoDefault(False)
            self.compare.setAccessibleName(f"Compare the whole of both versions: {title}")
            self.compare.setToolTip("Both versions whole, side by side, the words that differ marked")
            self.compare.clicked.connect(self._on_compare_clicked)
            grid.addWidget(self.compare, 0, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        else:
            self.yours = QRadioButton(f"Keep yours: {yours}")
            self.theirs = QRadioButton(f"Take theirs: {theirs}")
        self.title, self.bys = title, bys
        for column, button in enumerate((self.yours, self.theirs)):
            self.group.addButton(button)
            grid.addWidget(button, 1, column, 1, 1 + column)
        self.other: QRadioButton | None = None
        self.edit: QLineEdit | QPlainTextEdit | None = None
        self.hint: QLabel | None = None
        if can_edit:
            self.other = QRadioButton("Other:")
            if multiline:
                # play-through 12b: a long note could only be combined in a one-line box; it is a
                # box of several lines, started with both versions' words (see merge_text.combined)
                box = QPlainTextEdit()
                box.setTabChangesFocus(True)
                box.setFixedHeight(box.fontMetrics().lineSpacing() * 6 + 12)
                yours_text, theirs_text = (texts or (None, None, None))[:2]
                if isinstance(yours_text, str) and isinstance(theirs_text, str):
                    box.setPlainText(combined(yours_text, theirs_text))
                    self.hint = QLabel("Starts with the words of both versions (where they differ, "
                                       "yours then theirs): edit it to the wording agreed.")
                    self.hint.setWordWrap(True)
                    grid.addWidget(self.hint, 4, 1, 1, 2)
                box.textChanged.connect(lambda: self._on_edit_text_edited(""))
                self.edit = box
            else:
                line = QLineEdit()
                line.textEdited.connect(self._on_edit_text_edited)
                self.edit = line
            self.edit.setAccessibleName(f"Other value for {title}")
            self.other.toggled.connect(self._on_other_toggled)
            self.group.addButton(self.other)
            grid.addWidget(self.other, 2, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.edit, 2, 1, 1, 2)
        self.group.buttonToggled.connect(lambda *_: self.decided.emit())
        self.problem = QLabel()  # beside the box it is about, under it
        self.problem.setProperty("role", "problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        grid.addWidget(self.problem, 3, 1 if can_edit else 0, 1, 3 if not can_edit else 2)

    def other_text(self) -> str:
        """What is typed in the Other box."""
        if isinstance(self.edit, QPlainTextEdit):
            return self.edit.toPlainText()
        return self.edit.text() if self.edit is not None else ""

    def _on_other_toggled(self, checked: bool) -> None:
        if not checked:
            self.problem.hide()

    def _on_compare_clicked(self) -> None:
        assert self.texts is not None
        yours, theirs, before = self.texts
        compare_versions(self, self.title, (yours, theirs),
                         (f"Yours ({self.bys[0]})", f"Theirs ({self.bys[1]})"), before)

    def _on_edit_text_edited(self, _text: str) -> None:
        if self.other is not None and not self.other.isChecked():
            self.other.setChecked(True)
        self.decided.emit()

    def is_decided(self) -> bool:
        return self.group.checkedButton() is not None


class MergeDialog(QDialog):
    """Show both sides' changes; merge what does not clash; let a person decide the rest."""

    def __init__(self, window: MainWindow, plan: MergePlan, theirs: Engagement) -> None:
        super().__init__(window)
        self.window_, self.plan, self.theirs = window, plan, theirs
        assert window.doc is not None
        self.doc = window.doc
        eng = self.doc.engagement
        self.setWindowTitle("Merge a copy")
        self.setAccessibleName("Merge a copy")
        rows = change_rows(eng, plan)
        taken = sum(1 for r in rows if r.result.startswith("taken"))
        # play-through 9: "…this engagement has 1. 1 change comes…" read like a typo
        conflicts = len(plan.conflicts)
        coming = (f"{_n(taken, 'change')} come{'s' if taken == 1 else ''} from the other copy without a clash"
                  if taken else "No change comes from the other copy without a clash")
        intro = QLabel(
            f"<b>{_html(theirs.path.name)}</b> has {_n(len(plan.theirs.new), 'change')} since the "
            f"two copies parted, and this engagement has {_n(len(plan.ours.new), 'change')} of its own. "
            + coming
            + (f"; {_n(conflicts, 'conflict')} need{'s' if conflicts == 1 else ''} your decision. "
               if conflicts else ". ")
            + "Nothing is written until you choose Merge, and Undo takes the whole merge back.")
        intro.setWordWrap(True)
        self.changes = QTreeWidget()
        self.changes.setAccessibleName("Changes since the copies parted")
        self.changes.setHeaderLabels(["Factor and field", "Yours", "Theirs", "Changed by", "Result"])
        self.changes.setRootIsDecorated(True)
        self._fill(rows)
        self.choices: dict[Key, ConflictChoice] = {}
        box = QGroupBox(f"Conflicts to decide ({len(plan.conflicts)})")
        inner = QVBoxLayout(box)
        screen = window.screen().availableGeometry()
        wrap = min(1100, screen.width() - 40) // 2 - 90  # a text conflict's half of the row
        for conflict in plan.conflicts:
            bys = (by_line(last_change(plan.ours.new, conflict.key)),
                   by_line(last_change(plan.theirs.new, conflict.key)))
            texts = (conflict.ours, conflict.theirs,
                     None if conflict.base is UNKNOWN else conflict.base)
            if _long_text(texts):
                yours = level_text(eng, conflict.key, conflict.ours, (conflict.theirs,))
                theirs_text = level_text(eng, conflict.key, conflict.theirs, (conflict.ours,))
            else:
                yours = f"{level_text(eng, conflict.key, conflict.ours)} ({bys[0]})"
                theirs_text = f"{level_text(eng, conflict.key, conflict.theirs)} ({bys[1]})"
            multiline = conflict.key[-1] in ("notes", "comment", "text") or _long_text(texts)
            widget = ConflictChoice(conflict_title(eng, plan, conflict), base_text(conflict, eng), yours,
                                    theirs_text, editable(conflict), texts=texts, bys=bys, wrap=wrap,
                                    multiline=multiline)
            widget.decided.connect(self._update_button)
            self.choices[conflict.key] = widget
            inner.addWidget(widget)
        if not plan.conflicts:
            inner.addWidget(QLabel("None: every change merges without a clash."))
        inner.addStretch(1)
        scroll = self.conflict_scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(box)
        buttons = QDialogButtonBox()
        self.merge_button = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setProperty("role", "primary")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.merge)
        buttons.rejected.connect(self.reject)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setProperty("role", "problem")
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.changes, 1)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(min(1100, screen.width() - 40), min(620, screen.height() - 80))
        self._size_columns()
        self._update_button()
        self.finished.connect(self._on_finished)

    def _fill(self, rows: list[Any]) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        for row in rows:
            parent = groups.get(row.group)
            if parent is None:
                parent = groups[row.group] = QTreeWidgetItem([row.group])
                self.changes.addTopLevelItem(parent)
                parent.setFirstColumnSpanned(True)  # the factor and round read whole, across the row
            # a conflict's two authors one under the other, each whole
            item = QTreeWidgetItem([row.field, row.yours, row.theirs, row.by.replace("; ", "\n"), row.result])
            for column in range(5):
                item.setData(column, SHOWN, item.text(column))  # unwrapped, for _size_columns
                item.setToolTip(column, item.text(column).replace("\n", "; "))
            # play-through 12: the tooltip repeated the cut text; a long note is there whole, the
            # words that differ from the other side marked, and Enter or a double-click compares
            values = (self.plan.ours.state.get(row.key), self.plan.theirs.state.get(row.key))
            if _long_text(values):
                item.setData(0, KEY, row.key)
                for column, (mine, other) in ((1, values), (2, values[::-1])):
                    item.setToolTip(column, whole_html(mine, other, hint=True))
            parent.addChild(item)
        self.changes.expandAll()
        self.changes.itemActivated.connect(self._on_item_activated)

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        key = item.data(0, KEY)
        if key is None:
            return
        parent = item.parent()
        title = f"{parent.text(0)} · {item.data(0, SHOWN)}" if parent is not None else ""
        compare_versions(self, title, (self.plan.ours.state.get(key), self.plan.theirs.state.get(key)),
                         ("Yours", "Theirs"), None)

    def _size_columns(self) -> None:
        """The field, who changed it and the result take the width their text needs (play-through
        6: factor names and "Changed by" were cut with "…" at 1366); the two values share what is
        left and wrap. A screen too narrow even for that scrolls sideways."""
        tree = self.changes
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.header().setStretchLastSection(False)
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        metrics = tree.fontMetrics()
        groups = [g for i in range(tree.topLevelItemCount()) if (g := tree.topLevelItem(i)) is not None]
        children = [c for g in groups for j in range(g.childCount()) if (c := g.child(j)) is not None]

        def need(column: int) -> int:
            texts = [line for item in children for line in item.text(column).split("\n")]
            texts.append(tree.headerItem().text(column))
            return max(metrics.horizontalAdvance(t) for t in texts) + 2 * metrics.averageCharWidth() + 8

        least = 10 * metrics.averageCharWidth()
        room = self.width() - 60 - tree.verticalScrollBar().sizeHint().width()
        fixed = {3: need(3), 4: need(4)}  # who and when, and the result: whole, on their lines
        rest = max(3 * least, room - sum(fixed.values()))
        # the field gets up to two fifths of the rest and wraps beyond it; the values share the others
        field = min(need(0) + 2 * tree.indentation(), max(least, rest * 2 // 5))
        values = {c: min(need(c), max(least, (rest - field) // 2)) for c in (1, 2)}
        spare = rest - field - sum(values.values())
        field = min(need(0) + 2 * tree.indentation(), field + max(0, spare))
        for column, width in {0: field, **values, **fixed}.items():
            tree.setColumnWidth(column, width)
        # a tree's rows do not grow for text Qt wraps itself: the lines are broken here, so the row
        # is as tall as its text and nothing is cut (the whole text is in the tooltip too)
        for item in children:
            for column, width in ((0, field - 2 * tree.indentation()), (1, values[1]), (2, values[2])):
                item.setText(column, wrapped(str(item.data(column, SHOWN)), metrics, width - 12))

    def _update_button(self) -> None:
        self.merge_button.setEnabled(all(c.is_decided() for c in self.choices.values()))

    def decisions(self) -> dict[Key, Choice] | None:
        """The facilitator's choice for each conflict; None (with the problem shown) if a typed
        value cannot be used."""
        out: dict[Key, Choice] = {}
        conflicts = {c.key: c for c in self.plan.conflicts}
        for key, widget in self.choices.items():
            widget.problem.hide()
            if widget.yours.isChecked():
                out[key] = OURS
            elif widget.theirs.isChecked():
                out[key] = THEIRS
            elif widget.edit is not None:
                try:
                    out[key] = ("edited", parse_value(conflicts[key], widget.other_text()))
                except ValueError as exc:
                    widget.problem.setText(str(exc))
                    widget.problem.show()
                    widget.edit.setFocus()
                    QTimer.singleShot(0, lambda w=widget: self._show_problem_of(w))  # once laid out
                    return None
        return out

    def _show_problem_of(self, widget: ConflictChoice) -> None:
        if isValid(self) and isValid(widget):
            self.conflict_scroll.ensureWidgetVisible(widget.problem)

    def merge(self) -> None:
        choices = self.decisions()
        if choices is None or not self.merge_button.isEnabled():
            return
        eng = self.doc.engagement
        problem = self.doc.execute_batch(f"Merge {self.theirs.path.name}",
                                         lambda: apply_merge(eng, self.plan, choices))
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        self.window_.statusBar().showMessage(f"Merged {self.theirs.path.name} into this "
                                             "engagement; Undo takes the whole merge back.", 20000)
        self.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """A larger (or maximised) screen: the values take the new room and wrap less."""
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width() and self.changes.topLevelItemCount():
            self._size_columns()

    def _on_finished(self, _result: int) -> None:
        self.theirs.close()


def wrapped(text: str, metrics: QFontMetrics, width: int) -> str:
    """Text broken into lines at spaces to fit width (a word longer than the line has one to itself)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


SHOWN = Qt.ItemDataRole.UserRole  # a cell's text before it is wrapped
KEY = Qt.ItemDataRole.UserRole + 1  # a row with long texts: its field, to compare them whole
LONG = 80  # a text longer than this is cut on the screen (merge_files.show)


def _long_text(values: tuple[Any, ...]) -> bool:
    """Whether the values are texts and one of them is cut on the screen."""
    texts = [v for v in values if v is not None]
    return bool(texts) and all(isinstance(v, str) for v in texts) and any(
        len(" ".join(v.split())) > LONG for v in texts)


def whole_html(text: Any, other: Any, hint: bool = False) -> str:
    """A text whole, as rich text that wraps (a tooltip or a text box), the part that differs from
    other in bold and underlined."""
    if not isinstance(text, str):
        return _html(show(text))
    parts, at = [], 0
    for start, end in differing_words(text, other):  # only the words the other version has not
        parts += [_html(text[at:start]), f"<b><u>{_html(text[start:end])}</u></b>"]
        at = end
    body = ("".join(parts) + _html(text[at:])).replace("\n", "<br>")
    tail = ("<p><i>Double-click or press Enter to compare both versions whole.</i></p>"
            if hint else "")
    return f"<p style='white-space: pre-wrap'>{body}</p>{tail}"


class CompareDialog(QDialog):
    """Two versions of a long text side by side, each whole, the words that differ marked."""

    def __init__(self, parent: QWidget, title: str, texts: tuple[Any, Any], heads: tuple[str, str],
                 before: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare the two versions")
        self.setAccessibleName("Compare the two versions")
        grid = QGridLayout(self)
        intro = QLabel(f"<b>{_html(title)}</b><br>Each version whole; the words that differ from the "
                       "other version are in <b><u>bold and underlined</u></b>.")
        intro.setWordWrap(True)
        grid.addWidget(intro, 0, 0, 1, 2)
        self.boxes: list[QTextBrowser] = []
        for column, (text, other, head) in enumerate(((texts[0], texts[1], heads[0]),
                                                      (texts[1], texts[0], heads[1]))):
            label = QLabel(f"<b>{_html(head)}</b>")
            label.setWordWrap(True)
            box = QTextBrowser()
            box.setAccessibleName(head)
            box.setHtml(whole_html(text, other) if text is not None else "<i>(none)</i>")
            label.setBuddy(box)
            grid.addWidget(label, 1, column)
            grid.addWidget(box, 2, column)
            self.boxes.append(box)
        if all(isinstance(t, str) for t in texts) and texts[0] != texts[1]:
            # what differs in words, as History says it (play-through 12b: every word was marked)
            changes = word_changes(str(texts[0]), str(texts[1]))
            self.summary = QLabel("What differs: " + "; ".join(_html(c) for c in changes[:6])
                                  + ("; and more" if len(changes) > 6 else ""))
            self.summary.setWordWrap(True)
            self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(self.summary, 3, 0, 1, 2)
        if isinstance(before, str):
            note = QLabel(f"Before either change: {_html(show(before, texts))}")
            note.setWordWrap(True)
            note.setToolTip(whole_html(before, None))
            grid.addWidget(note, 4, 0, 1, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        grid.addWidget(buttons, 5, 0, 1, 2)
        grid.setRowStretch(2, 1)
        screen = parent.screen().availableGeometry()
        self.resize(min(1000, screen.width() - 60), min(520, screen.height() - 120))


def compare_versions(parent: QWidget, title: str, texts: tuple[Any, Any], heads: tuple[str, str],
                     before: Any) -> CompareDialog:
    dialog = CompareDialog(parent, title, texts, heads, before)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _html(text: str) -> str:
    from html import escape

    return escape(text)


def show_merge(window: MainWindow, theirs: Engagement) -> MergeDialog | None:
    """Plan the merge with an opened copy; show the screen, or say why there is nothing to do."""
    doc = window.doc
    if doc is None:
        theirs.close()
        return None
    doc.flush()
    try:
        plan = plan_merge(doc.engagement, theirs)
    except MutualityError as exc:
        theirs.close()
        window.show_problem(describe(exc))
        return None
    if not plan.changes_anything:
        theirs.close()
        # the whole sentence in the banner, where a long file name cannot cut it short
        text = f"{theirs.path.name} holds nothing this engagement does not already have; nothing was changed."
        window.banner.show_message(text, "info")
        window.statusBar().showMessage("Merge: nothing to add; nothing was changed.", 20000)
        return None
    dialog = MergeDialog(window, plan, theirs)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class MergeUnlockDialog(UnlockDialog):
    """The unlock dialog's flow, opening the protected copy in memory to merge it."""

    opened = Signal(object)

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(path, parent)
        self.setWindowTitle("Merge a protected copy")
        self.unlock_button.setText("Unlock and compare")

    def unlock(self) -> None:
        passphrase = self.field.editor.text()
        if self.busy or not passphrase:
            return
        self._set_busy(True)
        path = self.path
        cancel = self._cancel = threading.Event()
        in_background(lambda: open_copy(path, passphrase, cancelled=cancel.is_set),
                      self._on_opened, self._on_failed)

    def _on_opened(self, eng: Engagement) -> None:
        if not isValid(self) or self._cancel.is_set():
            eng.close()
            return
        self._set_busy(False)
        self.accept()
        self.opened.emit(eng)


def merge_a_copy(window: MainWindow, path: Path | None = None) -> object | None:
    """Pick the other copy (plain or protected) and show what merging it would do."""
    doc = window.doc
    if doc is None or doc.readonly:
        window.show_problem("Open the engagement you want to merge into first (it must be "
                            "editable).")
        return None
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(window, "Merge a copy of this engagement",
                                                str(window.settings.last_folder()),
                                                "Engagement files (*.mutuality)")
        if not chosen:
            return None
        path = Path(chosen)
    if path.resolve() == doc.path.resolve():
        window.show_problem("That is the file you have open; choose the other copy.")
        return None
    if is_sealed(path):
        dialog = MergeUnlockDialog(path, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.opened.connect(lambda eng: show_merge(window, eng))
        dialog.open()
        return dialog
    window.setCursor(Qt.CursorShape.WaitCursor)
    try:
        theirs = open_copy(path)
    except MutualityError as exc:
        window.show_problem(describe(exc))
        return None
    finally:
        window.unsetCursor()
    return show_merge(window, theirs)


def offer_merge(window: MainWindow, path: Path) -> bool:
    """Opening a copy exported from the engagement open in the window: offer to merge it in.

    Return True when the merge screen took over or the facilitator cancelled (the file is not
    opened on its own; the open engagement stays as it was).
    """
    doc = window.doc
    if doc is None or doc.readonly or is_sealed(path):
        return False
    try:
        theirs = open_copy(path)
    except MutualityError:
        return False  # opening it on its own explains the problem
    if not is_returned_copy(theirs, doc.engagement):
        theirs.close()
        return False
    box = QMessageBox(QMessageBox.Icon.Question, "A copy of this engagement",
                      f"{path.name} is a copy of an engagement you have open ({doc.path.name}): "
                      "merge it?", parent=window)
    merge = box.addButton("&Merge it in", QMessageBox.ButtonRole.AcceptRole)
    alone = box.addButton("&Open it on its own", QMessageBox.ButtonRole.ActionRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)  # and Escape: nothing happens
    box.setDefaultButton(merge)
    box.setEscapeButton(cancel)
    box.exec()
    if box.clickedButton() is alone:
        theirs.close()
        return False
    if box.clickedButton() is not merge:  # Cancel, Escape or the title bar's close
        theirs.close()
        return True
    show_merge(window, theirs)
    return True
