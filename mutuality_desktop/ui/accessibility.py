"""What assistive technology (Orca, NVDA) is told about the painted widgets of the walkthrough.

The scoring guide and the score bar are painted, so Qt alone exposes them as one opaque object
and as check boxes. A factory installed once gives them the roles a screen reader expects: the
guide a list whose six items are real (invisible, click-through) child widgets laid over its rows,
each named by its level and who chose it, with the factor's descriptor as description; the score
bar's buttons plain buttons whose name says the level and whether a digit typed now scores them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRect, Qt, QTimer
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
    QAction,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAccessibleWidget,
    QApplication,
    QMainWindow,
    QMenu,
    QWidget,
)

from . import theme

_installed = False
_roles: dict[type, QAccessible.Role] = {}
_states: dict[type, Callable[[Any, Any], None]] = {}


class LevelItem(QWidget):
    """One level of the scoring guide as assistive technology sees it (the guide paints it)."""

    def __init__(self, value: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.value = value
        self.chosen_by: list[str] = []
        self.current = False  # the focused perspective's level, while the guide has focus
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)


class _Accessible(QAccessibleWidget):
    """A widget's interface with a chosen role and state, and Press for buttons."""

    def __init__(self, widget: QWidget, role: QAccessible.Role) -> None:
        super().__init__(widget, role)
        self._widget = widget

    def state(self) -> Any:  # noqa: D401 - Qt override
        state = super().state()
        adjust = _states.get(type(self._widget))
        if adjust is not None:
            adjust(self._widget, state)
        return state

    def actionNames(self) -> list[str]:  # noqa: N802 - Qt override
        if isinstance(self._widget, QAbstractButton):
            return [QAccessibleWidget.pressAction()]
        return list(super().actionNames())

    def doAction(self, name: str) -> None:  # noqa: N802 - Qt override
        if isinstance(self._widget, QAbstractButton) and name == QAccessibleWidget.pressAction():
            self._widget.click()
        else:
            super().doAction(name)


def _factory(_key: str, obj: QObject) -> QAccessibleWidget | None:
    role = _roles.get(type(obj))
    if role is None or not isinstance(obj, QWidget):
        return None
    return _Accessible(obj, role)


def install() -> None:
    """Install the factory (once per process) that gives the painted widgets their roles."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def register(cls: type, role: QAccessible.Role,
             state: Callable[[Any, Any], None] | None = None) -> None:
    """Expose every widget of cls with role; state(widget, QAccessible.State) may adjust it."""
    _roles[cls] = role
    if state is not None:
        _states[cls] = state
    install()


def _level_state(item: LevelItem, state: Any) -> None:
    state.selectable = True
    state.selected = bool(item.chosen_by)
    state.focusable = True
    state.focused = item.current
    state.invisible = False  # painted by the guide underneath


register(LevelItem, QAccessible.Role.ListItem, _level_state)


def _button_state(button: QAbstractButton, state: Any) -> None:
    state.checkable = False  # checked only marks the perspective being scored: the name says it
    state.checked = False


def expose_as_button(cls: type) -> None:
    """Expose a checkable painted button as a plain button (its name carries its meaning)."""
    register(cls, QAccessible.Role.Button, _button_state)


def announce(widget: QWidget, message: str) -> None:
    """Have a screen reader say message now (Orca and NVDA speak announcements politely)."""
    send(QAccessibleAnnouncementEvent(widget, message))


def send(event: QAccessibleEvent) -> None:
    """Hand an event to the platform's accessibility bridge (nothing happens when none runs)."""
    QAccessible.updateAccessibility(event)


def perspective_label(perspective: str) -> str:
    return f"{theme.PERSPECTIVE_LABELS[perspective]} view"


def level_text(level: int | None, names: dict[int, str]) -> str:
    return "not assessed" if level is None else f"{level} {names.get(level, '')}".strip()


class GuideMirror:
    """Keep the guide's accessible list (items, names, current item) in step with what it paints."""

    def __init__(self, guide: QWidget) -> None:
        self.guide = guide
        self.items: dict[int, LevelItem] = {}
        self._names: dict[int, str] = {}
        self._descriptors: dict[int, str] = {}
        self._chosen: dict[str, int | None] = {}
        self._focus = ""

    def set_levels(self, levels: list[tuple[int, str, str]]) -> None:
        self._names = {value: name for value, name, _ in levels}
        for value in list(self.items):
            if value not in self._names:
                self.items.pop(value).deleteLater()
        for value, _name, descriptor in reversed(levels):  # highest first, as painted
            item = self.items.get(value)
            if item is None:
                item = self.items[value] = LevelItem(value, self.guide)
                item.show()
            item.setAccessibleDescription(descriptor)
        self._descriptors = {value: descriptor for value, _, descriptor in levels}
        self._refresh()

    def set_prompt(self, level: int | None, prompt: str) -> None:
        """Add the next-level prompt to the description of the level it is shown under."""
        for value, item in self.items.items():
            text = self._descriptors.get(value, "")
            if value == level and prompt:
                text = f"{text} {prompt}".strip()
            if item.accessibleDescription() != text:
                item.setAccessibleDescription(text)

    def set_state(self, chosen: dict[str, int | None], focus: str, *, speak: bool) -> None:
        """Update who chose which level; with speak, announce the levels that changed."""
        changed = [p for p in theme.PERSPECTIVES if chosen.get(p) != self._chosen.get(p)]
        focus_changed = focus != self._focus
        self._chosen, self._focus = dict(chosen), focus
        self._refresh()
        if speak and changed:
            announce(self.guide, "; ".join(
                f"{perspective_label(p)}: {level_text(chosen.get(p), self._names)}" for p in changed))
        if focus_changed or changed:
            self._update_guide_name()

    def place(self, rows: list[tuple[int, int, int]], width: int) -> None:
        """Lay each item over its painted row: (value, top, height)."""
        for value, top, height in rows:
            item = self.items.get(value)
            if item is not None and item.geometry() != QRect(0, top, width, height):
                item.setGeometry(0, top, width, height)

    def focus_changed(self) -> None:
        self._refresh()
        current = self._current_item()
        if current is not None and self.guide.hasFocus():
            send(QAccessibleEvent(current, QAccessible.Event.Focus))

    def _current_item(self) -> LevelItem | None:
        return self.items.get(self._chosen.get(self._focus) or -1) if self._focus else None

    def _refresh(self) -> None:
        current = self._current_item()
        for value, item in self.items.items():
            by = [theme.PERSPECTIVE_LABELS[p] for p in theme.PERSPECTIVES if self._chosen.get(p) == value]
            item.chosen_by = by
            item.current = item is current and self.guide.hasFocus()
            name = f"{value} {self._names.get(value, '')}".strip()
            if by:
                name += ", chosen by " + " and ".join(by)
            if item.accessibleName() != name:
                item.setAccessibleName(name)

    def _update_guide_name(self) -> None:
        views = "; ".join(f"{perspective_label(p)}: {level_text(self._chosen.get(p), self._names)}"
                          for p in theme.PERSPECTIVES)
        name = "Scoring guide"
        if self._focus:
            name += f", scoring the {perspective_label(self._focus).lower()}"
        if self.guide.accessibleName() != name:
            self.guide.setAccessibleName(name)
        self.guide.setAccessibleDescription(
            f"{views}. Type 0 to 5 to score, Delete to clear, Tab for the next perspective.")


def add_look_actions(window: QMainWindow, menu: QMenu) -> tuple[QAction, QAction]:
    """View → High contrast and Large text: saved in the settings, applied at once to every window."""
    settings = window.settings  # type: ignore[attr-defined]
    contrast = QAction("&High contrast", window, checkable=True)
    contrast.setChecked(settings.high_contrast())
    large = QAction("&Large text", window, checkable=True)
    large.setChecked(settings.large_text())

    def restyle(high: bool, big: bool) -> None:
        app = QApplication.instance()
        try:
            if isinstance(app, QApplication):
                theme.apply(app, high_contrast=high, large_text=big)
        finally:
            QApplication.restoreOverrideCursor()  # never left busy, even with the window gone
        if not shiboken6.isValid(window):  # closed in the moment between: the look still applies
            return
        looks = [name for name, on in (("High contrast", high), ("Large text", big)) if on]
        said = " and ".join(looks) + " on" if looks else "Normal contrast and text size"
        window.statusBar().clearMessage()  # the screen itself shows the change
        announce(window, said)

    def changed() -> None:
        """Say at once that the change is under way (a busy cursor and a status message), then
        restyle once the menu has closed: restyled while still open, it was drawn again. The
        choice is read now: the window (and its actions) may be gone when the restyle runs."""
        high, big = contrast.isChecked(), large.isChecked()
        settings.set_look(high_contrast=high, large_text=big)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        window.statusBar().showMessage("Changing the look of every window…")
        window.statusBar().repaint()
        QTimer.singleShot(80, lambda: restyle(high, big))  # time to paint over where the menu was

    # keys, for presentation (F11) too, where the menus are hidden (play-through 10): the page adds
    # these actions to its presentation window; each window's own, so two windows never clash
    for action, key in ((contrast, "Ctrl+Shift+H"), (large, "Ctrl+Shift+L")):
        action.setShortcut(QKeySequence(key))
        action.toggled.connect(changed)
        menu.addAction(action)
    return contrast, large
