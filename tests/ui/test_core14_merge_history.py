"""Play-through 8 (core14): the merge screen names levels ("3 Established", not a bare "3"), and the
factor's own history says which value the merge kept, not only the two clashing edits."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from mutuality_desktop.core.engagement import Engagement

from .test_merge_dialog import F1, click, menu_item, read_back, two_copies, visible


def test_the_merge_names_levels_and_the_factor_history_shows_what_it_kept(qtbot, window, blank_path: Path,
                                                                          monkeypatch) -> None:
    ours, theirs = two_copies(blank_path)  # here 2 on the agreed level of F1, there 3
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(theirs), ""))
    monkeypatch.setenv("MUTUALITY_AUTHOR", "Jo Consultant")
    window.open_path(ours)
    window.show_page("Walkthrough")
    assert window.workshop.factor_id == F1
    menu_item(window, "&File", "Merge a cop&y…").trigger()
    qtbot.waitUntil(lambda: visible("Merge a copy") is not None)
    dialog = visible("Merge a copy")
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    clash = dialog.changes.topLevelItem(0).child(0)
    assert (clash.toolTip(1), clash.toolTip(2)) == ("2 Developing", "3 Established")  # (text wraps)
    choice = next(iter(dialog.choices.values()))
    assert choice.yours.text().startswith("Keep yours: 2 Developing (Andrea Price, ")
    assert choice.theirs.text().startswith("Take theirs: 3 Established (Sian Evans, ")
    click(qtbot, choice.theirs)
    click(qtbot, dialog.merge_button)
    assert read_back(ours)[0] == 3

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    history = visible("Engagement history")
    if history is None:  # no shortcut in this build: the menu, as a person would use it
        menu_item(window, "&Edit", "&History…").trigger()
        history = visible("Engagement history")
    qtbot.addWidget(history)
    assert history.factor_id() == F1
    rows = [history.list.topLevelItem(i).text(2) for i in range(history.list.topLevelItemCount())]
    assert rows[0].startswith("merged “colleague.mutuality”")  # newest first: the decision, on the factor
    assert ("the agreed level for Joint objective setting (Baseline): kept the other copy's 3 Established, "
            "not this copy's 2 Developing") in rows[0]
    assert any("from 2 to 3" in r or " to 3, on another copy" in r for r in rows[1:])  # Sian's edit
    history.close()
    with Engagement.open(ours, readonly=True) as e:  # the same in the file's own history, via core
        from mutuality_desktop.core.history_sentences import history_sentences

        assert "kept the other copy's 3 Established" in history_sentences(e, factor=F1)[-1]
        assert "kept the other copy's 3 Established" in history_sentences(e)[-1]  # the whole history too
        other = next(f.id for f in e.framework.factors if f.id != F1)
        assert not any("merged" in s for s in history_sentences(e, factor=other))
