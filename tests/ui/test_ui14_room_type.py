"""Play-through 7 (and pt6, 9): F11 on a 1024x768 projector with Large text held the guide's level
text to 10.6-11.25 pt, the header, gaps and the strip's key taking the height. The room view now
gives the guide its height there, and still cuts nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.ui import theme

from .test_side_panel_1024 import _large_text
from .test_walkthrough_journey import click_factor, key, open_walkthrough

# the level text as drawn, per factor (1366x768 normal type gives 12.5, 13.5 and 13.5)
AT_LEAST = {1: 11.5, 3: 12.0, 8: 12.0}  # were 10.625, 11.25 and 10.625


def test_the_room_guide_at_1024_with_large_text_uses_the_screens_height(qtbot, window, demo_path,
                                                                       restore_look):
    page = open_walkthrough(qtbot, window, demo_path)
    _large_text(window, qtbot)
    for number, least in AT_LEAST.items():
        click_factor(qtbot, page, number)
        key(qtbot, Qt.Key.Key_F11)
        room = page.presentation
        qtbot.waitUntil(lambda r=room: r is not None and r.isVisible())
        room.setWindowState(Qt.WindowState.WindowNoState)  # the offscreen screen is 800 wide: a projector's
        room.resize(1024, 768)
        qtbot.waitUntil(lambda r=room: r.width() == 1024 and r.guide.width() > 900)
        qtbot.wait(50)
        guide = room.guide
        drawn = guide.fitted_point_size() * theme.text_scale()
        assert drawn >= least, (number, drawn)
        assert guide.fits()  # every level whole
        fit = guide._layout()
        assert fit.rows[-1].top + fit.rows[-1].height <= guide.height()
        # the header whole, the scores whole on their line, the key beside its strip, the hint on screen
        for label in (room.caption, room.title):
            assert label.height() >= label.heightForWidth(label.width()), label.text()
        for label in room.score_labels.values():
            assert label.sizeHint().width() <= label.width(), label.text()
        if room.spread.isVisible():
            assert not room.spread_key.geometry().intersects(room.spread.geometry())
            assert room.spread_key.geometry().right() < room.spread.geometry().left()
        assert room.title.font().pointSizeF() > drawn  # the factor's name is the largest type
        assert guide.geometry().bottom() < room.hint.geometry().top() <= room.hint.geometry().bottom() <= 768
        qtbot.keyClick(room, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda r=room: not r.isVisible())
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
