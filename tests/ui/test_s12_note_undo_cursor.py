"""Ctrl+Z and Ctrl+Shift+Z inside a notes box leave the typing point where the facilitator was
(play-through s12: after Ctrl+Z in a "Not agreed" note the next words went in front of "Not
agreed. …", and the same after Redo). Real keys to the focused box; the file read back."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mutuality_desktop.ui.workshop.evidence import _mapped_position

from .journey import focused, stored, type_keys
from .test_walkthrough_journey import CTRL, click_factor, open_walkthrough


def _notes(path, factor: str) -> str:  # type: ignore[no-untyped-def]
    with stored(path) as eng:
        score = eng.scores(eng.rounds()[-1].id).get((factor, "agreed"))
        return score.notes if score is not None else ""


def test_typing_after_undo_and_redo_in_a_note_goes_where_the_cursor_was(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 9)
    box = page.evidence.editors["agreed"]
    page.side_scroll.ensureWidgetVisible(box)
    qtbot.mouseClick(box.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(box, Qt.Key.Key_End, CTRL)  # the end of the demo's note, as a person clicks there
    before = _notes(demo_path, factor)
    assert before and focused() is box
    type_keys(qtbot, " Both registers differ.")
    qtbot.waitUntil(lambda: _notes(demo_path, factor) == before + " Both registers differ.")

    qtbot.keyClick(focused(), Qt.Key.Key_Z, CTRL)  # the typing taken back
    qtbot.waitUntil(lambda: _notes(demo_path, factor) == before)
    assert focused() is box and box.textCursor().position() == len(before)
    type_keys(qtbot, " QQ")
    qtbot.waitUntil(lambda: _notes(demo_path, factor) == before + " QQ")

    qtbot.keyClick(focused(), Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: _notes(demo_path, factor) == before)
    qtbot.keyClick(focused(), Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)  # Redo
    qtbot.waitUntil(lambda: _notes(demo_path, factor) == before + " QQ")
    type_keys(qtbot, " ZZ")
    qtbot.waitUntil(lambda: _notes(demo_path, factor) == before + " QQ ZZ")
    assert box.toPlainText() == before + " QQ ZZ"


def test_the_cursor_keeps_its_place_through_a_change_elsewhere_in_the_text() -> None:
    old, new = "Alpha. Beta gamma.", "Not agreed. Alpha. Beta gamma."
    assert _mapped_position(old, new, len(old)) == len(new)  # at the end: stays at the end
    assert _mapped_position(old, new, 7) == 7 + len("Not agreed. ")  # moves with its text
    assert _mapped_position("Alpha beta", "Alpha", 10) == 5  # the text under it undone: its end
    assert _mapped_position("Alpha beta", "Alpha beta gamma", 3) == 3  # before the change: stays
    assert _mapped_position("Alpha", "Alpha beta", 5) == 10  # text put back at it: after that text
