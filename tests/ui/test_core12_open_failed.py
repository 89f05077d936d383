"""A file that fails to open leaves the engagement that was open as it was (play-through 6, item 1)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from mutuality_desktop.core.lock import lock_path_for

from .test_walkthrough_journey import click_factor, key, open_walkthrough, stored

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_junk_file_from_file_open_keeps_the_open_engagement_page_factor_and_lock(
        qtbot, window, demo_path, tmp_path, monkeypatch):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 5)
    title = page.title.text()
    junk = tmp_path / "notes.mutuality"
    junk.write_text("Notes from the call with the provider.", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(junk), ""))

    key(qtbot, Qt.Key.Key_O, CTRL)  # File > Open…

    assert window.banner.label.text() == "notes.mutuality is not a Mutuality engagement file."
    assert window.doc is not None and window.doc.path == demo_path
    assert window.current_page() == "Walkthrough" and window.workshop is page
    assert page.title.text() == title
    assert window.file_label.text() == demo_path.name
    assert lock_path_for(demo_path).exists()  # still ours: nobody else can open it for editing
    # and it still takes scores: the list has the focus, a digit scores the client view
    qtbot.mouseClick(page.navigator.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.navigator.visualItemRect(page.navigator.currentItem()).center())
    key(qtbot, Qt.Key.Key_1)
    assert stored(demo_path, factor)["client"] == 1
    assert QApplication.focusWidget() is not None
