"""Real input for user-journey tests: clicks where a person clicks, keys to whatever has focus."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def click(qtbot: Any, widget: QWidget, at: QPoint | None = None) -> None:
    """Click the middle of what a person sees (or a point inside it)."""
    assert widget.isVisible(), f"{widget!r} is not on screen"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at or widget.rect().center())


def type_keys(qtbot: Any, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
          times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)


def select_all_and_type(qtbot: Any, text: str) -> None:
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(qtbot, text)


def menu_item(qtbot: Any, window: Any, menu_text: str, item_text: str) -> None:
    """Open a menu of the menu bar with the mouse and click one of its items (which must be enabled)."""
    bar = window.menuBar()
    entry = next(a for a in bar.actions() if a.text() == menu_text)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(entry).center())
    menu = entry.menu()
    qtbot.waitUntil(menu.isVisible)
    item = next(a for a in menu.actions() if a.text() == item_text)
    assert item.isEnabled(), f"{item_text} is greyed out"
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(item).center())


def open_on_page(qtbot: Any, window: Any, path: Path, size: tuple[int, int], name: str) -> None:
    """The window at a screen size, the engagement opened in it, and one of its pages clicked."""
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    assert window.open_path(path)
    page_tab(qtbot, window, name)


def page_tab(qtbot: Any, window: Any, name: str) -> None:
    """Click Setup, Walkthrough or Results in the window's page tabs."""
    click(qtbot, window.page_switch.buttons[name])


@contextmanager
def stored(path: Path) -> Iterator[Any]:
    """The engagement as written in its file, read by a second, read-only connection."""
    from mutuality_desktop.core.engagement import Engagement

    eng = Engagement.open(path, readonly=True)
    try:
        yield eng
    finally:
        eng.close()


def when_shown(kind: type, answer: Any) -> None:
    """Call answer(dialog) once a visible top-level `kind` is up (a modal dialog about to open):
    looked for again every 100 ms, so a loaded machine never leaves the dialog open and the test hung,
    and answered once the keyboard is in it (or after 5 s, so a dialog that takes no focus is too)."""
    import time

    from PySide6.QtCore import QTimer

    since: list[float] = []

    def look() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(100, look)
            return
        # shown is not yet ready: a person waits for the keyboard to be in the dialog. Keys pressed
        # before went to the window behind it, and the dialog stayed open (CI hung twice)
        focus = QApplication.focusWidget()
        since.append(time.monotonic())
        if not (focus is dialog or (focus is not None and dialog.isAncestorOf(focus))) and since[-1] - since[0] < 5:
            QTimer.singleShot(50, look)
            return
        answer(dialog)

    QTimer.singleShot(300, look)


def plan_the_day(qtbot: Any, page: Any, check: Any = None) -> None:
    """Agenda button -> Plan the day… -> (check(dialog), if given) -> Save, as a person clicks
    them; back at the guide afterwards. Save is clicked even when the check fails (the failure is
    reported at the test's end), so a failing check never leaves the modal dialog open."""
    from PySide6.QtCore import QTimer

    done: list[str] = []

    def in_dialog() -> None:
        dialog = page.agenda_plan.dialog
        try:
            if check is not None:
                check(dialog)
        finally:
            click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
            done.append("saved")

    def in_menu() -> None:
        QTimer.singleShot(300, in_dialog)
        click(qtbot, page.agenda.plan_button)

    QTimer.singleShot(300, in_menu)
    click(qtbot, page.agenda.agenda_button)  # opens the agenda menu
    qtbot.waitUntil(lambda: done == ["saved"], timeout=5000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.guide)  # back to scoring


def shown_window(qtbot: Any, name: str) -> Any:
    """The visible top-level window of this accessible name, once shown and active."""
    qtbot.waitUntil(lambda: any(w.isVisible() and w.accessibleName() == name
                                for w in QApplication.topLevelWidgets()))
    dialog = next(w for w in QApplication.topLevelWidgets() if w.isVisible() and w.accessibleName() == name)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog
