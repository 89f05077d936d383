"""Large text on a 1024x768 projector: the scoring guide stays the widest panel, its chips whole,
and the next-level line grows with the text (playthrough 1, finding 7)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from .journey import click, press


@pytest.fixture
def restore_look():
    from mutuality_desktop.ui import theme

    yield
    theme.apply(QApplication.instance())


def _prompt_points(guide) -> float:
    """The type size of the 'To reach level N' line as laid out in its row."""
    fit = guide._layout()
    level = guide.prompt_level()
    row = next(r for r in fit.rows if r.value == level)
    doc = row.doc
    cursor = QTextCursor(doc)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    return cursor.charFormat().fontPointSize()


def test_large_text_at_1024_keeps_the_guide_usable(qtbot, window, demo_path, restore_look):
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert window.open_path(demo_path)
    page = window.workshop
    guide = page.guide
    click(qtbot, guide, QPoint(guide.width() // 2, guide.row_span(3)[0] + 10))  # agreed... client 3
    normal_prompt = _prompt_points(guide)
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    next(a for a in view.actions() if a.text() == "&Large text").trigger()
    from mutuality_desktop.ui import theme as look

    qtbot.waitUntil(lambda: look.text_scale() > 1)  # the restyle runs once the menu has closed
    qtbot.wait(50)
    scroll = page.guide_scroll
    # the guide keeps most of the width, inside its scroll area (nothing cut off on the right)
    assert scroll.width() >= 440, (page.outer.sizes(), page.inner.sizes())
    assert guide.width() <= scroll.viewport().width()
    for level in range(6):
        for slot, _ in enumerate(guide._row_chips(level)):
            rect = guide._chip_rect(guide._layout(), next(r for r in guide._layout().rows if r.value == level), slot)
            assert rect.right() < scroll.viewport().width(), "a chip is cut off"
    # the next-level line grows with the rest of the type
    from mutuality_desktop.ui import theme

    assert _prompt_points(guide) == pytest.approx(normal_prompt * theme.LARGE_TEXT_SCALE, rel=0.15)
    assert window.width() <= 1024
    press(qtbot, Qt.Key.Key_4)  # and it still scores
    assert guide.chosen(guide.focus_perspective()) == 4
