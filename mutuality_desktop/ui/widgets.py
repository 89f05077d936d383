"""Small widgets shared by several screens."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from . import accessibility
from .date_field import DateField

EditorT = TypeVar("EditorT", bound=QWidget)

__all__ = ["DateField", "ElidedLabel", "Field", "InputGuard", "PageSwitcher", "caption", "guard_inputs", "heading",
           "on_return"]


class _ReturnFilter(QObject):
    """Call a function when Return or Enter is pressed in the watched widget."""

    def __init__(self, widget: QWidget, action: Callable[[], object]) -> None:
        super().__init__(widget)
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if isinstance(watched, QWidget) and watched.isEnabled():
                    self._action()
                return True
        return super().eventFilter(watched, event)


class InputGuard(QObject):
    """Two habits of Qt's editors that surprise a person filling in a form, undone for the whole app.

    - A mouse wheel turned over a drop-down or date box the person has not clicked into changed
      its value while they meant to scroll the page (Setup's contract model stepped three times).
      Unless the box has the keyboard focus, the wheel now scrolls the page around it.
    - Ctrl+Z in a one-line box with nothing of its own to undo (a drop-down's choice, already
      saved) did nothing at all. It is now the window's Edit → Undo, as in the notes boxes; a box
      holding typing of its own still undoes that first.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Wheel and isinstance(watched, (QComboBox, QAbstractSpinBox)):
            if not watched.hasFocus():
                area = watched.parentWidget()
                while area is not None and not isinstance(area, QAbstractScrollArea):
                    area = area.parentWidget()
                if area is not None and area.viewport() is not None:
                    QApplication.sendEvent(area.viewport(), event)
                return True
        elif kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if _window_key(watched, event):
                event.ignore()  # the window's File menu command (Ctrl+E: Export report), not the box's
                return True
            line = watched.lineEdit() if isinstance(watched, QComboBox) else watched
            if not isinstance(line, QLineEdit):
                return super().eventFilter(watched, event)
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo)
            if (undo and not line.isUndoAvailable()) or (redo and not line.isRedoAvailable()):
                event.ignore()  # not the box's: the window's shortcut takes it
                return True
        return super().eventFilter(watched, event)


WINDOW_KEYS = "window_keys"  # a window's property: the File menu's shortcuts, as text ("Ctrl+E")


def _window_key(watched: QObject, event: QKeyEvent) -> bool:
    """Whether the key is one of the window's File menu shortcuts, which beat a box's own binding
    (on Linux a one-line box took Ctrl+E as "end of line" and File → Export report did nothing)."""
    if not event.modifiers() & Qt.KeyboardModifier.ControlModifier or not isinstance(watched, QWidget):
        return False
    keys = watched.window().property(WINDOW_KEYS)
    return isinstance(keys, list) and QKeySequence(event.keyCombination()).toString() in keys


def guard_inputs(root: QWidget) -> None:
    """Put the InputGuard on every drop-down, number, date and one-line box under root.

    On the boxes themselves rather than on the whole application: an application-wide filter
    would run Python for every event the app handles, keystrokes' repaints included.
    """
    guard = root.findChild(InputGuard, "input_guard")
    if guard is None:
        guard = InputGuard(root)
        guard.setObjectName("input_guard")
    for kind in (QComboBox, QAbstractSpinBox, QLineEdit):
        for box in root.findChildren(kind):
            box.removeEventFilter(guard)  # once only, however often a page is guarded
            box.installEventFilter(guard)
            if box.focusPolicy() == Qt.FocusPolicy.WheelFocus:  # else the wheel focuses it first
                box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def on_return(widget: QWidget, action: Callable[[], object] | None = None) -> None:
    """Make Return (and Enter) in widget do action; a button's own click when none is given.

    Outside dialogs Qt buttons answer only Space, and a closed drop-down ignores Return; a
    keyboard user expects Return to do what the focused control offers.
    """
    if action is None:
        assert isinstance(widget, QAbstractButton)
        action = widget.click
    widget.installEventFilter(_ReturnFilter(widget, action))


def caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "caption")
    return label


def heading(text: str, point_size: float) -> QLabel:
    from . import theme

    label = QLabel(text)
    label.setFont(theme.font(point_size, bold=True))
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return label


class ElidedLabel(QWidget):
    """One line of text that ends in '…' when there is no room, with the full text as tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - mirrors QLabel
        self._text = text
        self.setToolTip(text)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.fontMetrics().horizontalAdvance(self._text), self.fontMetrics().height() + 2)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setPen(self.palette().windowText().color())
        elided = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, self.width())
        p.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        p.end()


class PageTab(QPushButton):
    """One page of the switcher: a page tab to assistive technology, selected when shown."""


class PageSwitcher(QWidget):
    """Setup · Walkthrough · Results as a row of quiet tabs beside the menus."""

    page_chosen = Signal(str)

    def __init__(self, pages: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 12, 0)
        layout.setSpacing(4)
        self.setAccessibleName("Pages")
        self.buttons: dict[str, PageTab] = {}
        for name in pages:
            button = PageTab(name)
            button.setCheckable(True)
            button.setProperty("role", "pagetab")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # keyboard users reach the pages too
            button.setAccessibleName(f"{name} page")
            button.clicked.connect(lambda _=False, n=name: self.page_chosen.emit(n))
            # No QButtonGroup: Qt then leaves Tab focus on one button of the group only.
            layout.addWidget(button)
            self.buttons[name] = button

    def set_current(self, name: str) -> None:
        for page, button in self.buttons.items():
            if button.isChecked() != (page == name):
                button.setChecked(page == name)
                # A screen reader hears "selected" (the AT-SPI bridge turns Selection events into it).
                kind = QAccessible.Event.SelectionAdd if page == name else QAccessible.Event.SelectionRemove
                accessibility.send(QAccessibleEvent(button, kind))


class Field(QWidget, Generic[EditorT]):
    """A label above an input and a red hint below it (shown only when something is wrong)."""

    def __init__(self, label: str, editor: EditorT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.label = QLabel(label)
        self.label.setBuddy(editor)
        self.editor = editor
        self.hint = QLabel()
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        layout.addWidget(self.label)
        layout.addWidget(editor)
        layout.addWidget(self.hint)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """A click on the label, or beside the box, puts the keyboard in the box (play-through 6:
        a click on "Round label" left it in a field scrolled out of sight, which took the typing)."""
        target: QWidget | None = self.label.buddy() or self.editor
        if target is not None and target.focusProxy() is None and target.focusPolicy() == Qt.FocusPolicy.NoFocus:
            # a row of widgets (a path box and its Choose… button): its first box that takes the keyboard
            target = next((w for w in target.findChildren(QWidget)
                           if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisible()), None)
        if event.button() == Qt.MouseButton.LeftButton and target is not None and target.isEnabled():
            target.setFocus(Qt.FocusReason.MouseFocusReason)
            event.accept()
            return
        super().mousePressEvent(event)

    def set_problem(self, problem: str) -> None:
        """Show (or with "" clear) the inline problem under the field."""
        self.hint.setText(problem)
        self.hint.setVisible(bool(problem))
        marked = self.editor.focusProxy() or self.editor  # a date field marks its text box
        unread = isinstance(self.editor, DateField) and self.editor.is_refused()
        marked.setProperty("invalid", "true" if problem or unread else "false")
        marked.style().unpolish(marked)
        marked.style().polish(marked)


def _page_tab_state(tab: PageTab, state: object) -> None:
    state.checkable = False  # type: ignore[attr-defined]
    state.checked = False  # type: ignore[attr-defined]
    state.selectable = True  # type: ignore[attr-defined]
    state.selected = tab.isChecked()  # type: ignore[attr-defined]


accessibility.register(PageTab, QAccessible.Role.PageTab, _page_tab_state)
accessibility.register(PageSwitcher, QAccessible.Role.PageTabList)
