"""An unexpected exception is logged to a file and shown with details; the app carries on."""

from __future__ import annotations

import sys

from mutuality_desktop.ui import crash


def test_an_uncaught_exception_is_logged_and_shown(qtbot, monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)  # a windowed frozen build has no stderr
    try:
        raise RuntimeError("the projector cable is loose")
    except RuntimeError:
        crash.handle(*sys.exc_info())
    logs = list(crash.log_folder().glob("crash-*.log"))
    assert len(logs) == 1
    text = logs[0].read_text(encoding="utf-8")
    assert "RuntimeError: the projector cable is loose" in text and "Traceback" in text
    dialog = crash.current_dialog()
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert "the projector cable is loose" in dialog.details.toPlainText()
    assert str(logs[0]) in dialog.message.text()
    qtbot.mouseClick(dialog.copy_button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
    from PySide6.QtWidgets import QApplication

    assert "projector cable" in QApplication.clipboard().text()
    dialog.close()


def test_install_routes_the_hooks(monkeypatch):
    import threading

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    crash.install()
    assert sys.excepthook is crash.handle
