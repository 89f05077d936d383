"""An exception inside an edit is logged and shown; the file keeps its state before the edit."""

from __future__ import annotations

import sqlite3
import sys

import pytest
from PySide6.QtCore import Qt

from mutuality_desktop.ui import crash


def agreed_levels(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT factor_id, perspective, level FROM score ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.mark.qt_no_exception_capture
def test_a_failing_slot_leaves_the_file_as_it_was_and_the_app_running(qtbot, window, blank_path,
                                                                        monkeypatch):
    import mutuality_desktop.core.engagement as engagement_module

    monkeypatch.setattr(sys, "excepthook", crash.handle)
    assert window.open_path(blank_path)
    window.show_page("Walkthrough")
    guide = window.workshop.guide
    qtbot.keyClicks(guide, "2")
    before = agreed_levels(blank_path)
    assert [level for _, _, level in before] == [2]

    def broken_clock():
        raise RuntimeError("clock failure inside the transaction")

    monkeypatch.setattr(engagement_module, "utcnow", broken_clock)
    qtbot.keyClick(guide, Qt.Key.Key_Tab)
    qtbot.keyClicks(guide, "4")  # the provider's level: core fails half way through its transaction
    assert agreed_levels(blank_path) == before  # rolled back: the file is as it was
    logs = list(crash.log_folder().glob("crash-*.log"))
    assert logs and "clock failure inside the transaction" in logs[-1].read_text(encoding="utf-8")
    dialog = crash.current_dialog()
    assert dialog is not None and dialog.isVisible()
    dialog.close()

    monkeypatch.undo()
    monkeypatch.setattr(sys, "excepthook", crash.handle)
    qtbot.keyClicks(guide, "3")  # the app carries on
    assert [level for _, _, level in agreed_levels(blank_path)] == [2, 3]
