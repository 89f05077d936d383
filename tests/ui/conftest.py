"""UI fixtures: the main window at the laptop's 1366x768, with the app's look applied."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


@pytest.fixture
def window(qtbot) -> Iterator[object]:
    from mutuality_desktop.ui import theme
    from mutuality_desktop.ui.main_window import MainWindow
    from mutuality_desktop.ui.settings import Settings

    theme.apply(QApplication.instance())
    win = MainWindow(Settings())
    qtbot.addWidget(win)
    win.setWindowState(Qt.WindowState.WindowNoState)  # the offscreen screen is not a laptop's
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    if win.isVisible():
        win.close()
    from PySide6.QtWidgets import QMessageBox

    for box in QApplication.topLevelWidgets():  # an export's "ready" message left open
        if isinstance(box, QMessageBox) and box.isVisible():
            box.close()


def type_text(qtbot, widget, text: str) -> None:
    """Type text key by key, including letters outside ASCII (Siân, Łukasz), which keyClicks cannot."""
    from PySide6.QtTest import QTest

    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char,
                               Qt.KeyboardModifier.NoModifier)


@pytest.fixture(autouse=True)
def _previous_windows_deleted(qapp) -> None:
    """The last test's windows, closed and handed to deleteLater by pytest-qt, are deleted before
    this test starts. Without an event loop running between tests they lived on (a main window
    and its menus per test), and every restyle and walk of the app's widgets went through them."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _background_jobs_end_with_their_test(qtbot) -> Iterator[None]:
    """A test's background jobs (exports, checks) finish before the next test starts: a job left
    running would keep garbage collection paused, or hand its result to a window already closed."""
    from mutuality_desktop.ui.tasks import running_jobs

    QApplication.processEvents()  # a job the last test's closing started (the start page's checks)
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=60_000)
    yield
    QApplication.processEvents()
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=60_000)


@pytest.fixture
def restore_look() -> Iterator[None]:
    """Put View -> Large text and High contrast back as they were after a test that switches them."""
    yield
    from mutuality_desktop.ui import theme

    theme.apply(QApplication.instance())
