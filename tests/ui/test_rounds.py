"""Rounds in Setup: add, rename, re-date and remove (asked first), each undoable."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def _answer_remove(qtbot, button_text: str) -> list[tuple[str, str]]:
    """Click a button of the confirmation box when it shows; return the box's text for checks."""
    seen: list[tuple[str, str]] = []

    def click() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(20, click)
            return
        box = boxes[0]
        seen.append((box.text(), box.informativeText()))
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return

    QTimer.singleShot(0, click)
    return seen


def _add_round(qtbot, rounds, label: str) -> None:
    qtbot.keyClicks(rounds.label, label)
    qtbot.mouseClick(rounds.add_button, Qt.MouseButton.LeftButton)


def test_a_round_is_renamed_and_redated_and_undo_puts_it_back(qtbot, window, blank_path):
    window.open_path(blank_path)
    window.show_page("Setup")
    rounds = window.setup_page.rounds
    eng = window.doc.engagement
    assert rounds.remove_button.isHidden()  # nothing selected: the form adds a round
    rounds.table.selectRow(0)
    assert rounds.add_button.text() == "Save changes" and rounds.label.text() == "Baseline"
    assert not rounds.remove_button.isEnabled()  # the only round cannot go
    rounds.label.clear()
    qtbot.keyClicks(rounds.label, "Baseline, spring")
    rounds.date.set_value(dt.date(2026, 4, 2))
    qtbot.mouseClick(rounds.add_button, Qt.MouseButton.LeftButton)
    (only,) = eng.rounds()
    assert (only.label, only.date) == ("Baseline, spring", dt.date(2026, 4, 2))
    assert rounds.table.item(0, 0).text() == "Baseline, spring"
    assert window.workshop.round_combo.itemText(0).startswith("Baseline, spring")
    window.actions_.undo.trigger()
    assert eng.rounds()[0].label == "Baseline" and eng.rounds()[0].date != dt.date(2026, 4, 2)


def test_a_label_already_used_is_refused_in_the_form(qtbot, window, blank_path):
    window.open_path(blank_path)
    window.show_page("Setup")
    rounds = window.setup_page.rounds
    _add_round(qtbot, rounds, "Follow-up")
    rounds.table.selectRow(1)
    rounds.label.clear()
    qtbot.keyClicks(rounds.label, "baseline")
    assert not rounds.add_button.isEnabled()
    assert "already a round called" in rounds.label_field.hint.text()


def test_removing_a_round_asks_first_then_takes_its_scores_and_undo_brings_them_back(
        qtbot, window, blank_path):
    window.open_path(blank_path)
    eng = window.doc.engagement
    window.show_page("Setup")
    rounds = window.setup_page.rounds
    _add_round(qtbot, rounds, "Follow-up")
    follow_up = eng.rounds()[1].id
    window.workshop.set_round(follow_up)
    qtbot.keyClicks(window.workshop.guide, "3")  # a client score in the follow-up
    assert any(s.level == 3 for s in eng.scores(follow_up).values())

    rounds.table.selectRow(1)
    seen = _answer_remove(qtbot, "Cancel")
    qtbot.mouseClick(rounds.remove_button, Qt.MouseButton.LeftButton)
    assert "Follow-up" in seen[0][0] and "It holds 1 recorded score or notes" in seen[0][1]
    assert len(eng.rounds()) == 2  # cancelled: nothing removed

    _answer_remove(qtbot, "Remove round")
    qtbot.mouseClick(rounds.remove_button, Qt.MouseButton.LeftButton)
    assert [r.label for r in eng.rounds()] == ["Baseline"]
    assert window.workshop.round_id == eng.rounds()[0].id  # the walkthrough moved to a round that exists
    assert window.workshop.round_combo.count() == 1

    window.actions_.undo.trigger()
    assert [r.label for r in eng.rounds()] == ["Baseline", "Follow-up"]
    assert any(s.level == 3 for s in eng.scores(follow_up).values())
