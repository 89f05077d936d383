"""F11: the room sees the factor, the guide and the scores full screen; Esc goes back."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_f11_presents_the_factor_and_keys_still_score(qtbot, window, blank_path):
    window.open_path(blank_path)
    page = window.workshop
    qtbot.keyClick(page.guide, Qt.Key.Key_F11)
    room = page.presentation
    assert room is not None and room.isVisible() and room.isFullScreen()
    assert room.title.text() == page.factor().name
    qtbot.keyClicks(room, "2")
    qtbot.keyClick(room, Qt.Key.Key_Tab)
    qtbot.keyClicks(room, "4")
    assert page.guide.chosen("client") == 2 and page.guide.chosen("provider") == 4
    assert room.guide.chosen("provider") == 4
    assert "4  Advanced" in room.score_labels["provider"].text()
    qtbot.keyClick(room, Qt.Key.Key_PageDown)
    assert room.title.text() == page.factor().name and page.factor().number == 2
    qtbot.keyClick(room, Qt.Key.Key_PageUp)
    qtbot.keyClick(room, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.guide.chosen("provider") is None
    qtbot.keyClick(room, Qt.Key.Key_Escape)
    assert not room.isVisible()
    assert window.save_label.text().endswith("All changes saved")
