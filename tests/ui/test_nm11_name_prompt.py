"""Play-through 11: 'Changes are recorded as "root" · Set your name…' stayed in the status bar all day after
the first edit, beside "All changes saved". The offer is made as the file opens (before the first change),
its link sets the name the history records, and once a name is given or the offer has been seen through a
few changes it goes for the session; Edit → Your name in the history… is always there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core.history import default_author
from mutuality_desktop.ui.history_view import OFFER_CHANGES

from .conftest import type_text
from .journey import click, focused, menu_item, press, stored, type_keys
from .test_walkthrough_journey import open_walkthrough

SAVED = "All changes saved"


def _history_lines(path: Path) -> list[str]:
    """What `mutuality-desktop history FILE` prints: a sentence a change, oldest first."""
    done = subprocess.run([sys.executable, "-m", "mutuality_desktop", "history", str(path)],
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.splitlines()


def _history_dialog():
    return next(w for w in QApplication.topLevelWidgets()
                if w.isVisible() and w.accessibleName() == "Engagement history")



def _save_label_whole(window) -> None:
    """ "✓  All changes saved" read whole, and nothing over it."""
    saved = window.save_label
    assert saved.isVisible() and saved.text().endswith(SAVED)
    assert saved.width() >= saved.sizeHint().width(), (saved.width(), saved.sizeHint().width())
    prompt = window.name_prompt.button
    if prompt.isVisible():
        assert prompt.geometry().right() < saved.geometry().left(), "the offer runs into the save state"
    assert window.statusBar().rect().contains(saved.geometry())


def test_the_link_sets_the_name_the_history_records(qtbot, window, blank_path, monkeypatch):
    monkeypatch.delenv("MUTUALITY_AUTHOR", raising=False)
    login = default_author()
    page = open_walkthrough(qtbot, window, blank_path)
    prompt = window.name_prompt.button
    qtbot.waitUntil(prompt.isVisible)  # as the file opens: before anything is recorded
    assert prompt.text() == f"Changes are recorded as “{login}” · Set your name…"
    assert window.file_label.isVisible() and window.file_label.shown_text() == blank_path.name
    _save_label_whole(window)
    click(qtbot, prompt)  # at the link's visual rectangle
    dialog = _history_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.author)
    type_keys(qtbot, "Andrea Price")
    press(qtbot, Qt.Key.Key_Return)
    assert not prompt.isVisible(), "the offer has done its work"
    dialog.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.guide)
    press(qtbot, Qt.Key.Key_3)  # the client's level
    with stored(blank_path) as eng:
        assert eng.scores(eng.rounds()[0].id)[(page.factor_id, "client")].level == 3
    lines = _history_lines(blank_path)
    assert len(lines) == 1 and lines[0].startswith("Andrea Price set the client level for "), lines
    assert not prompt.isVisible()
    _save_label_whole(window)


def test_without_a_name_the_offer_goes_after_a_few_changes_and_the_menu_still_has_it(
        qtbot, window, blank_path, tmp_path, monkeypatch):
    monkeypatch.delenv("MUTUALITY_AUTHOR", raising=False)
    login = default_author()
    open_walkthrough(qtbot, window, blank_path)
    prompt = window.name_prompt.button
    qtbot.waitUntil(prompt.isVisible)
    # the room scores factor after factor; the facilitator does not stop to give a name
    keys = [Qt.Key.Key_2, Qt.Key.Key_Tab, Qt.Key.Key_3, Qt.Key.Key_Tab, Qt.Key.Key_3, Qt.Key.Key_PageDown] * 3
    changes = 0
    for key in keys:
        press(qtbot, key)
        if key != Qt.Key.Key_Tab and key != Qt.Key.Key_PageDown:
            changes += 1
            if changes < OFFER_CHANGES:
                assert window.name_prompt._offered, f"still offered after {changes} changes"
    assert changes > OFFER_CHANGES
    window.statusBar().clearMessage()  # the last score's message goes after a few seconds
    qtbot.wait(50)
    assert not prompt.isVisible(), "seen through a few changes: out of the way"
    assert window.file_label.isVisible()
    _save_label_whole(window)
    with stored(blank_path) as eng:
        assert {e.author for e in eng.history()} == {login}
        assert len(eng.history()) == changes
    # another file in the same session: not offered again
    other = tmp_path / "other.mutuality"
    other.write_bytes(blank_path.read_bytes())
    open_walkthrough(qtbot, window, other)
    qtbot.wait(50)
    assert not prompt.isVisible() and not window.name_prompt._offered
    # ... but Edit → Your name in the history… is always there
    menu_item(qtbot, window, "&Edit", "Your &name in the history…")
    dialog = _history_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.author)
    type_text(qtbot, focused(), "Siân Evans")  # printed literally, accent and all
    press(qtbot, Qt.Key.Key_Return)
    dialog.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.workshop.guide)
    press(qtbot, Qt.Key.Key_4)
    assert _history_lines(other)[-1].startswith("Siân Evans set the client level for ")
    assert not prompt.isVisible()


def test_at_1024_all_changes_saved_stays_whole_beside_the_offer(qtbot, window, demo_path, monkeypatch,
                                                                restore_look):
    monkeypatch.delenv("MUTUALITY_AUTHOR", raising=False)
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    open_walkthrough(qtbot, window, demo_path)
    prompt = window.name_prompt.button
    qtbot.waitUntil(prompt.isVisible)
    _save_label_whole(window)
    press(qtbot, Qt.Key.Key_4)  # a change: its message, the offer shortened beside it
    qtbot.wait(50)
    assert window.statusBar().currentMessage().startswith("Scored the client view")
    _save_label_whole(window)
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    next(a for a in view.actions() if a.text() == "&Large text").trigger()
    qtbot.wait(200)
    window.statusBar().clearMessage()
    qtbot.wait(100)
    _save_label_whole(window)
    assert focused() is window.workshop.guide
