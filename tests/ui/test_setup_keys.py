"""Setup by keyboard: Tab reaches every control, Return adds, a new round becomes the current one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from .journey import click, focused, page_tab, press, stored, type_keys


def _open_setup(qtbot, window, path):
    window.open_path(path)
    page_tab(qtbot, window, "Setup")
    return window.setup_page


def _tab_round(qtbot, start, limit: int = 80) -> list:
    """Press Tab from start until focus comes back to it; return every widget focused on the way."""
    seen = [start]
    for _ in range(limit):
        press(qtbot, Qt.Key.Key_Tab)
        if focused() is start:
            return seen
        seen.append(focused())
    raise AssertionError(f"Tab never came back to the start; stuck at {seen[-3:]}")


def test_tab_reaches_every_control_on_setup_and_never_sticks_in_a_table(qtbot, window, blank_path):
    page = _open_setup(qtbot, window, blank_path)
    title = page.form.editor("title")
    click(qtbot, title)
    seen = _tab_round(qtbot, title)
    people, rounds = page.participants, page.rounds
    controls = [page.form.editor(name).focusProxy() or page.form.editor(name) for name in page.form.fields]
    controls += [people.table, people.name, people.role, people.side, rounds.table, rounds.label,
                 rounds.date.edit, page.walk_button]
    missing = [c.accessibleName() or type(c).__name__ for c in controls if c not in seen]
    assert missing == []
    assert seen.count(people.table) == 1 and seen.count(rounds.table) == 1  # one stop each
    assert page not in seen
    nameless = [w for w in seen
                if not (w.accessibleName() or isinstance(w, QAbstractButton) and w.text())]
    assert nameless == []  # a screen reader can say what every stop is
    click(qtbot, rounds.label)
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is rounds.table
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is not rounds.table  # backwards out of the table too


def test_return_in_the_side_drop_down_adds_the_participant(qtbot, window, blank_path):
    page = _open_setup(qtbot, window, blank_path)
    people = page.participants
    click(qtbot, people.name)
    type_keys(qtbot, "Ann Lee")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "Contract manager")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is people.side
    press(qtbot, Qt.Key.Key_Down)  # Client → Provider
    press(qtbot, Qt.Key.Key_Return)
    with stored(blank_path) as eng:
        assert [(p.name, p.role, p.side) for p in eng.participants()] == [
            ("Ann Lee", "Contract manager", "provider")]
    assert focused() is people.name and people.name.text() == ""  # ready for the next person


def test_a_participant_table_row_is_left_with_tab_to_edit_it(qtbot, window, blank_path):
    page = _open_setup(qtbot, window, blank_path)
    people = page.participants
    click(qtbot, people.name)
    type_keys(qtbot, "Ann Lee")
    press(qtbot, Qt.Key.Key_Return)
    row = people.table.visualRect(people.table.model().index(0, 0))
    qtbot.mouseClick(people.table.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is people.name and people.name.text() == "Ann Lee"
    press(qtbot, Qt.Key.Key_End)
    type_keys(qtbot, "-Smith")
    press(qtbot, Qt.Key.Key_Return)
    with stored(blank_path) as eng:
        assert [p.name for p in eng.participants()] == ["Ann Lee-Smith"]


def test_after_adding_a_follow_up_round_the_walkthrough_scores_it_not_the_baseline(
        qtbot, window, blank_path):
    page = _open_setup(qtbot, window, blank_path)
    rounds = page.rounds
    click(qtbot, rounds.label)
    type_keys(qtbot, "Follow-up")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "1 Oct 2026")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is rounds.add_button
    press(qtbot, Qt.Key.Key_Return)
    with stored(blank_path) as eng:
        baseline, follow_up = eng.rounds()
    assert (follow_up.label, follow_up.date) == ("Follow-up", dt.date(2026, 10, 1))
    page_tab(qtbot, window, "Walkthrough")
    workshop = window.workshop
    assert workshop.round_combo.currentText().startswith("Follow-up")
    assert workshop.round_id == follow_up.id
    click(qtbot, workshop.guide)
    type_keys(qtbot, "4")
    with stored(blank_path) as eng:
        assert [s.level for s in eng.scores(follow_up.id).values()] == [4]
        assert all(s.level is None for s in eng.scores(baseline.id).values())


def test_return_on_a_setup_button_presses_it(qtbot, window, blank_path):
    page = _open_setup(qtbot, window, blank_path)
    page.walk_button.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.workshop
