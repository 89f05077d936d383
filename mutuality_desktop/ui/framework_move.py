"""Moving the open engagement to the app's newer scoring guide (issue 21): the confirmation that
names what changes, and the move itself as one undoable step.

Results says when the app's guide is newer than the file's and offers the move; the window asks
here. The move goes through `operations.MoveToFramework` on the document's undo stack, so
`Edit -> Undo` puts the engagement back on its earlier guide. The pages are built again on the
guide in use after the move and after its undo or redo (the window watches for that).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core import operations as ops
from ..core.framework import Framework, default_framework
from ..core.framework_move import move_summary, round_guides


def app_guide() -> Framework:
    """The scoring guide this app ships with (the one Results offers to move to)."""
    return default_framework()


def offer_text(guide: Framework) -> str:
    return f"Move this engagement to guide {guide.version}\u2026"


class MoveGuideDialog(QDialog):
    """Names the changes (factors reworded, added, removed) and asks before moving."""

    move_confirmed = Signal()

    def __init__(self, old: Framework, new: Framework, parent: QWidget | None = None,
                 scored_on: Sequence[tuple[str, Framework]] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Move to scoring guide {new.version}")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        lay = QVBoxLayout(self)
        lines = move_summary(old, new, scored_on)
        head, changes, tail = lines[0], lines[1:-1], lines[-1]
        self.head = self._label(head)
        self.head.setStyleSheet("font-weight: bold")
        lay.addWidget(self.head)
        self.changes = self._label("\n\n".join(changes))  # every factor named: may be long, so it scrolls
        scroll = QScrollArea()
        scroll.setWidget(self.changes)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName("What changes")
        lines_high = self.fontMetrics().lineSpacing()
        scroll.setMinimumHeight(min(6, 2 + len(changes) * 2) * lines_high)
        screen = self.screen().availableGeometry().height() if self.screen() is not None else 768
        scroll.setMaximumHeight(max(8 * lines_high, screen // 2))
        lay.addWidget(scroll, 1)
        self.tail = self._label(f"{tail} Edit \u2192 Undo moves the engagement back.")
        lay.addWidget(self.tail)
        buttons = QDialogButtonBox()
        self.move_button: QPushButton = buttons.addButton(f"Move to {new.version}",
                                                          QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button: QPushButton = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)  # Return does not move by accident
        self.cancel_button.setFocus()
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.accepted.connect(self.move_confirmed.emit)
        self.resize(600, self.sizeHint().height())

    @staticmethod
    def _label(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # factor names printed literally
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return label

    def text(self) -> str:
        """Everything the confirmation says, as read top to bottom."""
        return "\n\n".join(label.text() for label in (self.head, self.changes, self.tail))


def ask_and_move(window: Any) -> MoveGuideDialog | None:
    """Open the confirmation for moving the window's engagement to the app's guide; on Move, move
    it as one undoable step and build the pages again. Returns the dialog (opened, not blocking)."""
    doc = getattr(window, "doc", None)
    if doc is None:
        return None
    if doc.readonly:
        window.show_problem(f"Nothing can be changed: {doc.path.name} is open read-only because "
                            f"{doc.read_only_reason()}.")
        return None
    old, new = doc.engagement.framework, app_guide()
    guides = round_guides(doc.engagement)  # a round kept on another guide is named as keeping it
    dialog = MoveGuideDialog(old, new, window, [(r.label, guides[r.id]) for r in doc.engagement.rounds()])

    def move() -> None:
        doc.flush()
        problem = doc.execute_batch(f"Move to scoring guide {new.version}",
                                    lambda: [doc.engagement.apply(ops.MoveToFramework(new.source_text))])
        if problem:
            window.show_problem(problem)
            return
        window.rebuild_for_guide()
        window.statusBar().showMessage(f"Moved the engagement to scoring guide {new.version}.", 8000)

    def refocus() -> None:  # the button that opened the dialog may be gone: focus the page's tab
        page = window.current_page()
        if page in window.page_switch.buttons and page != "Walkthrough":
            window.activateWindow()
            window.page_switch.buttons[page].setFocus()

    dialog.move_confirmed.connect(move)
    dialog.finished.connect(lambda _result: QTimer.singleShot(0, refocus))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    dialog.cancel_button.setFocus()  # Return or Esc on arrival moves nothing
    return dialog
