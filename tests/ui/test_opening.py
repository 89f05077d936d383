"""Opening files from elsewhere: a clear sentence for junk, read-only with a way to edit a copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from mutuality_desktop.core.engagement import Engagement


def test_a_junk_file_shows_the_message_not_a_traceback(window, tmp_path):
    junk = tmp_path / "minutes.mutuality"
    junk.write_text("Minutes of the partnership board, 3 March.", encoding="utf-8")
    assert window.open_path(junk) is False
    assert window.doc is None and window.current_page() == "Start"
    assert window.banner.isVisible()
    assert window.banner.label.text() == "minutes.mutuality is not a Mutuality engagement file."
    assert "Traceback" not in window.banner.label.text()


def test_a_newer_or_missing_file_is_explained(window, tmp_path, blank_path):
    import sqlite3

    conn = sqlite3.connect(blank_path)
    conn.execute("PRAGMA user_version=99")
    conn.close()
    assert window.open_path(blank_path) is False
    assert "newer version of Mutuality Desktop" in window.banner.label.text()
    assert window.open_path(tmp_path / "gone.mutuality") is False
    assert window.banner.label.text() == "The file gone.mutuality does not exist."


def _drop(window, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)


def test_dropping_a_file_opens_it_in_the_walkthrough(window, demo_path):
    _drop(window, demo_path)
    assert window.doc is not None and window.doc.path == demo_path
    assert window.current_page() == "Walkthrough"
    assert window.windowTitle() == "demo.mutuality — Mutuality Desktop"
    assert window.save_label.text().endswith("All changes saved")
    assert window.file_label.text() == demo_path.name and window.file_label.toolTip() == str(demo_path)


def test_a_file_open_elsewhere_opens_read_only_with_a_way_to_edit_a_copy(qtbot, window, blank_path,
                                                                         tmp_path, monkeypatch):
    holder = Engagement.open(blank_path)  # another editor holds the file
    try:
        assert window.open_path(blank_path)
        doc = window.doc
        assert doc.readonly
        assert "(read-only)" in window.windowTitle()
        assert window.save_label.text().startswith("Read-only: it is open on")
        button = window.save_banner.button("Save a copy to edit…")
        assert window.save_banner.isVisible() and button is not None
        qtbot.keyClicks(window.workshop.guide, "3")  # refused quietly: nothing changes
        assert window.workshop.guide.chosen("client") is None
        copy = tmp_path / "my copy.mutuality"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    finally:
        holder.close()
    assert window.doc.path == copy and not window.doc.readonly
    qtbot.keyClicks(window.workshop.guide, "3")
    assert window.workshop.guide.chosen("client") == 3
    assert window.save_label.text().endswith("All changes saved")
