"""Play-through 11: View -> Large text or High contrast, switched while typing a note longer than
its box, scrolled the note so the cursor was out of sight. After the switch the cursor is in view,
the keyboard still in the box, and typing goes on into the note."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from mutuality_desktop.ui import theme

from .journey import click, focused, press, stored, type_keys
from .test_walkthrough_journey import click_factor, open_walkthrough

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
LONG_NOTE = " ".join(f"Point {n}: the joint board met and agreed the risk log." for n in range(1, 13))


def _cursor_in_view(box) -> bool:
    """The cursor inside the box's visible part, and the box's visible part inside every scroll
    area round it (the notes panel scrolls at 1024 with Large text)."""
    cursor = box.cursorRect()
    if not box.viewport().rect().contains(cursor):
        return False
    parent = box.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            seen = parent.viewport().rect()
            at = box.viewport().mapTo(parent.viewport(), cursor.topLeft())
            if not seen.contains(at) or not seen.contains(at + QPoint(0, cursor.height() - 1)):
                return False
        parent = parent.parentWidget()
    return True


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
@pytest.mark.parametrize("keys", [[Qt.Key.Key_L], [Qt.Key.Key_H], [Qt.Key.Key_L, Qt.Key.Key_H, Qt.Key.Key_L]])
def test_switching_the_look_while_typing_keeps_the_cursor_in_view(qtbot, window, demo_path, restore_look,
                                                                   size, keys):
    window.resize(*size)
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 4)
    box = page.evidence.editors["agreed"]
    click(qtbot, box)  # into the agreed note, as a person clicks it
    assert focused() is box
    press(qtbot, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_keys(qtbot, " " + LONG_NOTE)
    assert box.verticalScrollBar().maximum() > 0, "the note is longer than its box"
    assert _cursor_in_view(box)
    for key in keys:
        look = (theme.text_scale(), bool(theme.high_contrast))
        press(qtbot, key, CTRL_SHIFT)  # View -> Large text (Ctrl+Shift+L) / High contrast (Ctrl+Shift+H)
        qtbot.waitUntil(lambda look=look: (theme.text_scale(), bool(theme.high_contrast)) != look)
        qtbot.waitUntil(lambda: box.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        qtbot.wait(100)
        assert QApplication.focusWidget() is box, "the keyboard stays in the note"
        assert _cursor_in_view(box), (box.cursorRect(), box.viewport().rect(), box.verticalScrollBar().value())
    type_keys(qtbot, " And more.")
    assert _cursor_in_view(box)
    with stored(demo_path) as eng:
        notes = eng.scores(eng.rounds()[-1].id)[(factor, "agreed")].notes
    assert notes.endswith(LONG_NOTE + " And more.")
