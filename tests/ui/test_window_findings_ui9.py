"""Findings of the fourth facilitator play-through (ui9): each test fails without its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QPushButton, QWidget

from .test_side_panel_1024 import _large_text


def _click_box_button(qtbot, text: str) -> None:
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    button = next(b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


def test_results_presentation_hint_matches_the_walkthrough(qtbot, window, demo_path: Path) -> None:
    """The walkthrough's "Esc leaves" sat bottom right at the guide's size; Results' top right, smaller."""
    window.open_path(demo_path)
    page = window.workshop
    qtbot.keyClick(page.guide, Qt.Key.Key_F11)
    walk = page.presentation
    walk.showNormal()
    walk.resize(1366, 768)
    qtbot.waitUntil(lambda: walk.height() == 768)
    qtbot.keyClick(walk, Qt.Key.Key_Escape)
    window.show_page("Results")
    window.actions_.present.trigger()
    room = window.results.page.presentation
    room.showNormal()
    room.resize(1366, 768)
    qtbot.waitUntil(lambda: room.height() == 768)
    qtbot.wait(50)
    walk.show()
    walk.resize(1366, 768)
    qtbot.waitUntil(lambda: walk.height() == 768)
    for shown in (walk, room):
        hint = shown.hint
        corner = hint.mapTo(shown, hint.rect().bottomRight())
        assert shown.height() - corner.y() < 60 and shown.width() - corner.x() < 60  # at the foot, right
    assert room.hint.font().pointSizeF() == walk.hint.font().pointSizeF()
    assert room.hint.styleSheet() == walk.hint.styleSheet()
    room.close()
    walk.close()


class _LinuxLine(QLineEdit):
    """A one-line box with Linux's key scheme, where Ctrl+E is the box's "end of line" (the tests'
    offscreen platform has no such binding)."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
                event.key() == Qt.Key.Key_E and event.modifiers() == Qt.KeyboardModifier.ControlModifier):
            event.accept()
            return True
        return super().event(event)


def test_file_menu_shortcuts_work_from_a_setup_text_box(qtbot, window, demo_path: Path, monkeypatch) -> None:
    """Ctrl+E in a Setup box did nothing: the box took it as end-of-line. The File menu's keys win."""
    from mutuality_desktop.ui.widgets import guard_inputs

    asked: list[str] = []
    monkeypatch.setattr("mutuality_desktop.ui.menus.export_report", lambda _w: asked.append("report"))
    monkeypatch.setattr("mutuality_desktop.ui.menus.export_for_email", lambda _w: asked.append("email"))
    window.open_path(demo_path)
    window.show_page("Setup")
    page = window.setup_page
    title = page.form.editor("title")
    linux = _LinuxLine(title.parentWidget())
    linux.setGeometry(title.geometry().translated(0, title.height() + 4))
    linux.show()
    guard_inputs(page)
    for box in (title, linux):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
        qtbot.waitUntil(lambda b=box: QApplication.focusWidget() is b)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert asked == ["report", "email", "report", "email"]
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton, pos=title.rect().center())
    title.selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), "Ewe and eel review")  # typing an E is still typing
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert window.doc.engagement.info().title == "Ewe and eel review"


def _no_overlap_nor_cut(window) -> None:
    """Every shown piece of the status bar lies apart from the others, and reads whole or elided with "…"."""
    from mutuality_desktop.ui.status_bar import ElidedLabel

    bar = window.statusBar()
    shown = [w for w in bar.findChildren(QWidget) if w.parent() is bar and w.isVisible()]
    for i, one in enumerate(shown):
        assert bar.rect().contains(one.geometry()), f"{one} runs out of the status bar"
        for other in shown[i + 1:]:
            assert not one.geometry().intersects(other.geometry()), f"{one} overlaps {other}"
    for widget in shown:
        if isinstance(widget, ElidedLabel):
            text = widget.shown_text()
            assert text == widget.text() or "…" in text
            assert widget.fontMetrics().horizontalAdvance(text) <= widget.contentsRect().width()
        elif isinstance(widget, (QPushButton, QLabel)):
            inner = widget.contentsRect().width() - (12 if isinstance(widget, QPushButton) else 0)
            assert widget.fontMetrics().horizontalAdvance(widget.text()) <= inner, f"{widget.text()!r} is cut"


@pytest.mark.parametrize(("wide", "large"), [(1366, True), (1024, True), (1024, False), (1366, False)])
def test_status_bar_pieces_never_overlap_nor_cut_mid_word(qtbot, window, tmp_path: Path, blank_path: Path,
                                                           monkeypatch, restore_look, wide: int, large: bool) -> None:
    """At 1366 with Large text "Wrote the Word report to …" was drawn over the file's name; at 1024
    the name button was cut at both ends and the file's name to "…2026.mutual"; long messages were
    cut mid-word."""
    from .journey import focused
    from .test_walkthrough_journey import open_walkthrough

    monkeypatch.delenv("MUTUALITY_AUTHOR", raising=False)
    path = tmp_path / "Northmoor highways review 2026.mutuality"
    path.write_bytes(blank_path.read_bytes())
    window.resize(wide, 768)
    qtbot.waitUntil(lambda: window.width() == wide)
    open_walkthrough(qtbot, window, path)
    if large:
        _large_text(window, qtbot)
    qtbot.keyClick(focused(), Qt.Key.Key_3)  # an edit: the name button comes
    qtbot.waitUntil(lambda: window.name_prompt._offered != "")
    qtbot.wait(100)
    _no_overlap_nor_cut(window)
    bar = window.statusBar()
    assert bar.currentMessage().startswith("Scored the client view")  # the score names its side
    bar.clearMessage()  # ... for a few seconds; then the file's name is back
    qtbot.wait(100)
    _no_overlap_nor_cut(window)
    assert window.file_label.isVisible()
    out = tmp_path / "Documents" / "Mutuality" / "Northmoor highways review 2026 - Baseline report.docx"
    bar.showMessage(f"Wrote the Word report to {out}", 8000)
    qtbot.wait(100)
    _no_overlap_nor_cut(window)
    assert not window.file_label.isVisible() and bar.message_label.toolTip() == f"Wrote the Word report to {out}"
    shown = bar.message_label.shown_text()
    assert shown.startswith("Wrote the Word report to ") and shown.endswith("report.docx")  # cut in the middle
    bar.clearMessage()
    qtbot.wait(100)
    _no_overlap_nor_cut(window)
    assert window.file_label.isVisible()


def test_a_note_alone_marks_the_factor_started_in_the_list_at_once(qtbot, window, blank_path: Path) -> None:
    """A factor with only a note showed an empty mark while typing and a half-filled one after a restart."""
    from mutuality_desktop.core.scoring import NOT_STARTED, PARTLY_SCORED

    from .journey import click, focused, press, stored, type_keys

    window.open_path(blank_path)
    page = window.workshop
    factor = page.factor_id
    assert page.navigator.state_of(factor)[0] == NOT_STARTED
    box = page.evidence.editors["client"]
    click(qtbot, box.viewport())
    assert focused() is box
    type_keys(qtbot, "Head of service away")
    qtbot.waitUntil(lambda: page.navigator.state_of(factor)[0] == PARTLY_SCORED, timeout=3000)
    with stored(blank_path) as eng:
        score = eng.scores(eng.rounds()[0].id)[(factor, "client")]
        assert score.notes == "Head of service away" and score.level is None
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.navigator.state_of(factor)[0] == NOT_STARTED, timeout=3000)


def _plan_dialog(qtbot, window, demo_path: Path, breaks):
    from mutuality_desktop.core.agenda import Agenda, Break
    from mutuality_desktop.ui.workshop.agenda import AgendaPlanDialog

    window.open_path(demo_path)
    eng = window.doc.engagement
    agenda = Agenda(570, 990, tuple(Break(label, start, minutes) for label, start, minutes in breaks), ())
    dialog = AgendaPlanDialog(eng.framework, ("mutuality", "economy"), "Baseline", agenda, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)
    return dialog


def test_plan_dialog_rows_stay_under_the_pointer_after_remove(qtbot, window, demo_path: Path) -> None:
    """At 1366 with 5 breaks, Remove on Lunch moved the list 56 px: the next click at the same
    place landed between rows; down to 3 breaks the scroll bar went and all moved again."""
    from .journey import click

    dialog = _plan_dialog(qtbot, window, demo_path, [("Coffee", 660, 15), ("Lunch", 750, 45), ("Tea", 885, 15),
                                                      ("Break", 930, 15), ("Break 2", 915, 15)])
    assert [r.name.text() for r in dialog.rows] == ["Coffee", "Lunch", "Tea", "Break 2", "Break"]  # by start
    bar = dialog.body_scroll.verticalScrollBar()
    height = dialog.height()
    while bar.maximum() < 60:  # a short screen: the body scrolls a little, the rows in sight
        height -= 20
        dialog.resize(dialog.width(), height)
        qtbot.wait(20)
    bar.setValue(bar.maximum())
    qtbot.wait(50)
    lunch = dialog.rows[1].remove
    spot = lunch.mapTo(dialog, lunch.rect().center())
    coffee_at = dialog.rows[0].remove.mapTo(dialog, QPoint(0, 0))
    for expected in (["Coffee", "Tea", "Break 2", "Break"], ["Coffee", "Break 2", "Break"], ["Coffee", "Break"]):
        under = dialog.childAt(spot)
        assert isinstance(under, QPushButton) and under.text() == "Remove", f"the click lands between rows {expected} {under} {spot}"
        click(qtbot, under)
        QApplication.processEvents()
        qtbot.wait(20)
        assert [r.name.text() for r in dialog.rows] == expected
        assert dialog.rows[0].remove.mapTo(dialog, QPoint(0, 0)) == coffee_at  # nothing above moved
    dialog.reject()


def test_plan_dialog_grows_for_an_added_break_and_sorts_by_start(qtbot, window, demo_path: Path) -> None:
    """Added breaks made the dialog scroll though the screen had room; "Break 15:30" stood above
    "Break 2 15:15". A time typed in moves its row once the box is left, not while typing."""
    from .journey import click, focused, press, type_keys

    dialog = _plan_dialog(qtbot, window, demo_path, [("Coffee", 660, 15), ("Lunch", 750, 45)])
    before = dialog.height()
    screen = dialog.screen().availableGeometry()
    click(qtbot, dialog.add_button)
    click(qtbot, dialog.add_button)
    qtbot.wait(50)
    assert dialog.height() > before or dialog.height() >= screen.height() - 48
    starts = [r.start.minute() for r in dialog.rows]
    assert starts == sorted(starts)
    # type an earlier time into the last row: it stays while typed, moves once left
    last = dialog.rows[-1]
    click(qtbot, last.start.edit)
    last.start.edit.selectAll()
    type_keys(qtbot, "10:00")
    assert dialog.rows[-1] is last
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: dialog.rows[0] is last)
    assert focused() is not None and last.start.isAncestorOf(focused()) is False
    dialog.reject()
