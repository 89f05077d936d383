"""Every kind of edit goes through core and can be undone and redone exactly."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from mutuality_desktop.core.engagement import Engagement


def test_setup_edits_undo_and_redo(qtbot, window, blank_path):
    window.open_path(blank_path)
    window.show_page("Setup")
    setup = window.setup_page
    title = setup.form.editor("title")
    title.selectAll()
    qtbot.keyClicks(title, "Renamed review")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    panel = setup.participants
    qtbot.keyClicks(panel.name, "Rhys Morgan")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    panel.table.selectRow(0)
    panel.role.clear()
    qtbot.keyClicks(panel.role, "Chief Executive")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)  # Save changes
    qtbot.keyClicks(setup.rounds.label, "Follow-up")
    qtbot.mouseClick(setup.rounds.add_button, Qt.MouseButton.LeftButton)
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    doc = window.doc
    eng = doc.engagement
    assert eng.info().title == "Renamed review" and eng.participants() == [] and len(eng.rounds()) == 2
    states = []
    while doc.undo_stack.canUndo():
        window.actions_.undo.trigger()
        states.append((eng.info().title, [(p.name, p.role) for p in eng.participants()], len(eng.rounds())))
    assert states == [
        ("Renamed review", [("Rhys Morgan", "Chief Executive")], 2),
        ("Renamed review", [("Rhys Morgan", "Chief Executive")], 1),
        ("Renamed review", [("Rhys Morgan", "")], 1),
        ("Renamed review", [], 1),
        ("Highways partnership review", [], 1),
    ]
    assert title.text() == "Highways partnership review"  # the form follows undo
    while doc.undo_stack.canRedo():
        window.actions_.redo.trigger()
    assert eng.info().title == "Renamed review" and eng.participants() == [] and len(eng.rounds()) == 2


def test_walkthrough_edits_undo_and_redo(qtbot, window, blank_path):
    window.open_path(blank_path)
    page = window.workshop
    doc = window.doc
    qtbot.keyClicks(page.guide, "3")
    qtbot.keyClick(page.guide, Qt.Key.Key_Delete)  # cleared: not assessed
    assert page.guide.chosen("client") is None
    page.evidence.editors["client"].setFocus()
    qtbot.keyClicks(page.evidence.editors["client"], "Seen the charter")
    qtbot.keyClick(page.evidence.confidence, Qt.Key.Key_Down)
    panel = page.actions_panel
    qtbot.keyClicks(panel.text, "Write the exit plan")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    panel.table.selectRow(0)
    qtbot.keyClick(panel.status, Qt.Key.Key_Down)  # in progress
    panel.due.set_value(dt.date(2026, 9, 30))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)  # Save changes
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    eng = doc.engagement
    assert eng.actions() == []
    texts = [doc.undo_stack.text(i) for i in range(doc.undo_stack.count())]
    assert len(texts) == 7, texts
    for _ in texts:
        doc.undo()
    scores = eng.scores(page.round_id)
    assert all(s.level is None and not s.notes and s.confidence is None for s in scores.values())
    assert eng.actions() == []
    for _ in texts:
        doc.redo()
    (score,) = [s for s in eng.scores(page.round_id).values() if s.perspective == "client"]
    assert score.level is None and score.notes == "Seen the charter"
    assert eng.actions() == []
    doc.undo()  # the removal
    (action,) = eng.actions()
    assert (action.text, action.status, action.due_date) == ("Write the exit plan", "in progress",
                                                            dt.date(2026, 9, 30))
    assert panel.table.rowCount() == 1


def test_undo_survives_reopening_the_file(qtbot, window, blank_path):
    window.open_path(blank_path)
    qtbot.keyClicks(window.workshop.guide, "5")
    window.close_document()
    with Engagement.open(blank_path) as eng:
        levels = [s.level for s in eng.scores(eng.rounds()[0].id).values()]
    assert levels == [5]


def test_note_saved_on_every_keystroke_is_one_undo_step(qtbot, window, blank_path):
    from mutuality_desktop.ui.commands import OperationStep, SetNotes, SetScore

    window.open_path(blank_path)
    doc = window.doc
    eng = doc.engagement
    rid, factor = eng.rounds()[0].id, window.workshop.factor_id
    for text in ("S", "Si", "Signed", "Signed charter"):
        assert doc.execute(SetNotes("Edit the notes", rid, factor, "agreed", text))
    assert doc.undo_stack.count() == 1
    assert doc.execute(SetScore("Score", rid, factor, "agreed", 3))
    assert doc.execute(SetNotes("Edit the notes", rid, factor, "agreed", "Signed charter seen"))
    assert doc.undo_stack.count() == 3  # another edit in between starts a new step
    assert all(isinstance(doc.undo_stack.command(i), OperationStep) for i in range(3))
    doc.undo()
    assert eng.scores(rid)[(factor, "agreed")].notes == "Signed charter"
    doc.undo()
    doc.undo()
    assert (factor, "agreed") not in eng.scores(rid)  # the row the edits created is gone again
    doc.redo()
    assert eng.scores(rid)[(factor, "agreed")].notes == "Signed charter"
    assert [e.after for e in eng.history() if e.op == "set_notes"][0] == "Signed charter"


def test_typing_with_pauses_in_one_notes_box_undoes_in_one_step(qtbot, window, blank_path):
    """Real keys: each pause saves the note; Ctrl+Z takes the whole box back, not the last burst."""
    window.open_path(blank_path)
    page = window.workshop
    box = page.evidence.editors["agreed"]
    qtbot.mouseClick(box.viewport(), Qt.MouseButton.LeftButton)
    eng = window.doc.engagement
    rid = eng.rounds()[0].id
    for burst in ("Signed", " charter", " seen"):
        qtbot.keyClicks(box, burst)
        def saved(burst: str = burst) -> bool:
            score = eng.scores(rid).get((page.factor_id, "agreed"))
            return window.doc.is_saved() and score is not None and score.notes.endswith(burst)

        qtbot.waitUntil(saved)
    assert window.doc.undo_stack.count() == 1
    qtbot.keyClick(page.guide, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (page.factor_id, "agreed") not in eng.scores(rid)
    assert box.toPlainText() == ""
    notes = [e for e in eng.history() if e.op == "set_notes"]
    assert notes == []  # typed and taken back at once: nothing left in the history
