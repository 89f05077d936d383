"""An action typed but not yet added is never dropped without a word, and the window never says
"All changes saved" while it is only on screen (play-through s12: 75 characters typed, kill -9,
the status bar had said "All changes saved"; on restart the action was gone). Real input only:
clicks where things are drawn, keys to the focused widget, the file read back."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .journey import click, focused, press, stored, type_keys
from .test_actions_keys import _actions_tab
from .test_walkthrough_journey import CTRL, click_factor


def _texts(path) -> list[str]:  # type: ignore[no-untyped-def]
    with stored(path) as eng:
        return [a.text for a in eng.actions()]


def test_an_action_typed_but_not_added_says_so_and_goes_in_when_the_factor_changes(qtbot, window, blank_path):
    panel = _actions_tab(qtbot, window, blank_path)
    page = window.workshop
    first = page.factor_id
    assert window.save_label.text().endswith("All changes saved")
    click(qtbot, panel.text)
    type_keys(qtbot, "Agree a joint risk register")
    assert _texts(blank_path) == []
    assert window.save_label.text() == "Action not added yet"  # not "All changes saved"
    assert "Return" in window.save_label.toolTip()

    second = click_factor(qtbot, page, 2)  # the facilitator moves on without pressing Return
    assert second != first
    with stored(blank_path) as eng:
        (action,) = eng.actions()
    assert (action.text, action.factor_id) == ("Agree a joint risk register", first)
    assert window.save_label.text().endswith("All changes saved")
    assert "added the action you were typing" in window.statusBar().currentMessage()
    assert panel.text.text() == ""

    qtbot.keyClick(page.guide, Qt.Key.Key_Z, CTRL)  # one step takes it back, as the message says
    assert _texts(blank_path) == []


def test_an_action_typed_but_not_added_goes_in_when_the_file_closes(qtbot, window, blank_path):
    panel = _actions_tab(qtbot, window, blank_path)
    click(qtbot, panel.text)
    type_keys(qtbot, "Share the defect log weekly")
    assert window.close_document()
    assert _texts(blank_path) == ["Share the defect log weekly"]


def test_an_undo_elsewhere_leaves_the_action_being_typed_in_its_form(qtbot, window, blank_path):
    panel = _actions_tab(qtbot, window, blank_path)
    click(qtbot, panel.text)
    type_keys(qtbot, "First action")
    press(qtbot, Qt.Key.Key_Return)
    assert _texts(blank_path) == ["First action"]
    assert focused() is panel.text
    type_keys(qtbot, "Second, half typed")
    window.doc.undo()  # Edit → Undo: the first action goes; the second's typing stays on screen
    assert _texts(blank_path) == []
    assert panel.text.text() == "Second, half typed"
    assert window.save_label.text() == "Action not added yet"
