"""Export for email says what is true of the copy (play-through 6, item 10): not "compact" (the
engagement file keeps no free space, so the copy is about its size), with the size it will be."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QLabel

from mutuality_desktop.ui.exchange_dialogs import ExportDialog

from .journey import click


def test_the_export_dialog_gives_the_copys_size_and_does_not_promise_a_smaller_file(
        qtbot, window, demo_path, tmp_path):
    window.open_path(demo_path)
    window.actions_.email.trigger()
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "compact" not in texts.lower()
    size = demo_path.stat().st_size
    assert f"about {size / 1e6:.1f} MB like the engagement itself" in texts
    target = tmp_path / "for colleague.mutuality"
    dialog.path_edit.setText(str(target))
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(target.exists, timeout=10_000)
    written = target.stat().st_size
    assert abs(written - size) <= size * 0.1  # about the engagement's size, as the dialog said
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0  # nothing left to drop
