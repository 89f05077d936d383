"""Play-through 12b, File → Merge by clicks and keys at a projector's 1024x768, the file read
back: a merge taken back with Ctrl+Z is offered again; "Other" with its box emptied is refused with
a sentence beside the box (it erased the whole agreed note), and the box for a note has several
lines and starts with both versions' words; Compare marks only the words that differ (every word
of both versions was bold and underlined)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QFileDialog, QPlainTextEdit

from mutuality_desktop.core.engagement import Engagement

from .journey import click, focused, menu_item, press, shown_window, stored, type_keys

EXIT = "joint-exit-strategy"
NOTE = ("Moved from Level 1 to Level 2. The exit plan was rewritten jointly over the summer, with a "
        "current asset register and data inventory, and presented to the September Strategic "
        "Partnership Board, which noted it.")
OURS_START = "Checked with both directors. "
ADDED = " COLLEAGUE: exit plan costed in November."


def copies(blank_path: Path, ours_too: bool) -> tuple[Path, Path]:
    with Engagement.open(blank_path) as e:
        e.set_notes(e.rounds()[0].id, EXIT, "agreed", NOTE)
    theirs = blank_path.with_name("colleague.mutuality")
    shutil.copy(blank_path, theirs)
    with Engagement.open(theirs) as e:
        e.author = "Priya Shah"
        e.set_notes(e.rounds()[0].id, EXIT, "agreed", NOTE + ADDED)
    if ours_too:
        with Engagement.open(blank_path) as e:
            e.author = "Morgan Ellis"
            e.set_notes(e.rounds()[0].id, EXIT, "agreed", OURS_START + NOTE)
    return blank_path, theirs


def note(path: Path) -> str:
    with stored(path) as e:
        return e.scores(e.rounds()[0].id)[(EXIT, "agreed")].notes




def merge_screen(qtbot, window):
    menu_item(qtbot, window, "&File", "Merge a cop&y…")
    return shown_window(qtbot, "Merge a copy")


def open_merge(qtbot, window, blank_path: Path, monkeypatch, ours_too: bool):  # type: ignore[no-untyped-def]
    """The two copies, ours open at 1024x768 and the merge screen shown for theirs."""
    ours, theirs = copies(blank_path, ours_too=ours_too)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(theirs), ""))
    window.resize(1024, 768)
    assert window.open_path(ours)
    return ours, theirs, merge_screen(qtbot, window)


def test_merge_undo_merge_offers_the_colleagues_sentence_again(qtbot, window, blank_path, monkeypatch):
    ours, theirs, dialog = open_merge(qtbot, window, blank_path, monkeypatch, ours_too=False)
    click(qtbot, dialog.merge_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert note(ours) == NOTE + ADDED
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert note(ours) == NOTE  # the merge taken back
    dialog = merge_screen(qtbot, window)  # not "holds nothing this engagement does not already have"
    tree = dialog.changes
    row = tree.topLevelItem(0).child(0)
    assert row.text(4) == "taken from theirs" and "Priya Shah" in row.text(3)
    click(qtbot, dialog.merge_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert note(ours) == NOTE + ADDED


def test_other_with_an_empty_box_is_refused_and_the_box_starts_with_both_versions(
        qtbot, window, blank_path, monkeypatch):
    ours, theirs, dialog = open_merge(qtbot, window, blank_path, monkeypatch, ours_too=True)
    choice = next(iter(dialog.choices.values()))
    box = choice.edit
    assert isinstance(box, QPlainTextEdit)  # several lines, for a long note
    assert box.height() >= 4 * box.fontMetrics().lineSpacing()
    assert box.toPlainText() == OURS_START + NOTE + ADDED  # both sentences, ready to edit
    other = choice.other
    click(qtbot, other, at=QPoint(other.sizeHint().width() // 2, other.height() // 2))  # its words
    assert choice.other.isChecked() and dialog.merge_button.isEnabled()
    click(qtbot, box)
    assert focused() is box
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Delete)
    assert box.toPlainText() == ""
    click(qtbot, dialog.merge_button)
    assert dialog.isVisible()  # refused, with a sentence by the box
    assert choice.problem.isVisible() and choice.problem.text().startswith("The box is empty")
    assert note(ours) == OURS_START + NOTE  # nothing erased
    assert focused() is box
    type_keys(qtbot, "Agreed on the day: " + NOTE)
    click(qtbot, dialog.merge_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert note(ours) == "Agreed on the day: " + NOTE


def bold_runs(browser) -> list[str]:
    """The runs of text a person sees in bold in a text box."""
    runs: list[str] = []
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().fontWeight() > QFont.Weight.Normal:
                runs.append(fragment.text())
            it += 1
        block = block.next()
    return runs


def test_compare_marks_only_the_words_that_differ(qtbot, window, blank_path, monkeypatch):
    ours, theirs, dialog = open_merge(qtbot, window, blank_path, monkeypatch, ours_too=True)
    choice = next(iter(dialog.choices.values()))
    click(qtbot, choice.compare)
    compare = shown_window(qtbot, "Compare the two versions")
    yours, theirs_box = compare.boxes
    assert bold_runs(yours) == [OURS_START.strip()]
    assert bold_runs(theirs_box) == [ADDED.strip()]
    said = compare.summary.text()
    assert "yours adds “Checked with both directors.” at the start" in said
    assert "theirs adds “COLLEAGUE: exit plan costed in November.” after “…Partnership Board, which noted it.”" in said
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not compare.isVisible())
