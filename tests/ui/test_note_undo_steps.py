"""One Ctrl+Z in a note takes back the last sentence or the typing since a pause, not the whole
note (playthrough 1, finding 17: a 61-character sentence went at once)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .journey import click, focused, press, type_keys

CTRL = Qt.KeyboardModifier.ControlModifier


def _notes(window, page) -> str:
    eng = window.doc.engagement
    score = eng.scores(eng.rounds()[0].id).get((page.factor_id, "agreed"))
    return "" if score is None else score.notes


def test_ctrl_z_takes_back_one_sentence_at_a_time(qtbot, window, blank_path):
    window.open_path(blank_path)
    page = window.workshop
    box = page.evidence.editors["agreed"]
    click(qtbot, box.viewport())
    assert focused() is box
    type_keys(qtbot, "Charter signed in May. Both boards saw it")
    assert _notes(window, page) == "Charter signed in May. Both boards saw it"
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert box.toPlainText() == "Charter signed in May. "
    assert _notes(window, page) == "Charter signed in May. "
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert box.toPlainText() == ""
    window.actions_.redo.trigger()
    window.actions_.redo.trigger()
    assert _notes(window, page) == "Charter signed in May. Both boards saw it"


def test_a_pause_of_two_seconds_ends_an_undo_step(qtbot, window, blank_path):
    window.open_path(blank_path)
    page = window.workshop
    now = [1000.0]
    window.doc.clock = lambda: now[0]
    box = page.evidence.editors["client"]
    click(qtbot, box.viewport())
    type_keys(qtbot, "Minutes seen")
    now[0] += 1.5  # a short hesitation stays in the step
    type_keys(qtbot, " for March")
    now[0] += 2.5  # a pause: what follows is a step of its own
    type_keys(qtbot, " and April")
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert box.toPlainText() == "Minutes seen for March"
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert box.toPlainText() == ""
