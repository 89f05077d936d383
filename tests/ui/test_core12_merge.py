"""Merging a colleague's copy back (play-through 6, items 2, 4 and 6): every view shows the merged
state at once, the history credits each change to whoever made it, and the merge screen reads
whole."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.parking import parking_items

from .journey import page_tab
from .test_merge_dialog import click, menu_item, visible
from .test_walkthrough_journey import key, open_walkthrough

CTRL = Qt.KeyboardModifier.ControlModifier
F1 = "joint-objective-setting"
THEIR_POINT = "Colleague: check KPI definitions with the contract manager"
THEIR_NOTE = "Sam saw the signed board minutes."
LONG_NOTE = "Sam saw the signed board minutes and the joint board terms of reference."


def two_copies(blank_path: Path) -> tuple[Path, Path]:
    theirs = blank_path.with_name("kv-back.mutuality")
    shutil.copy(blank_path, theirs)
    with Engagement.open(blank_path) as e:
        e.author = "Andrea Price"
        e.apply(ops.AddParking("Ours: agree the break times", None))
    with Engagement.open(theirs) as e:
        e.author = "Sam Reid"
        rid = e.rounds()[0].id
        e.apply(ops.AddParking(THEIR_POINT, None))
        e.set_notes(rid, F1, "client", THEIR_NOTE)
        e.add_action(F1, "Sam to send the KPI table")
        e.set_score(rid, F1, "agreed", 3)
    return blank_path, theirs


def merge_by_clicks(qtbot, window, theirs: Path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(theirs), ""))
    menu_item(window, "&File", "Merge a cop&y…").trigger()
    qtbot.waitUntil(lambda: visible("Merge a copy") is not None)
    dialog = visible("Merge a copy")
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_after_a_merge_parking_notes_actions_and_history_show_the_colleagues_work_at_once(
        qtbot, window, blank_path, monkeypatch):
    ours, theirs = two_copies(blank_path)
    page = open_walkthrough(qtbot, window, ours)
    parking_index = page.tabs.indexOf(page.parking.panel)
    assert page.tabs.tabText(parking_index).replace("&", "") == "Parking (1)"
    qtbot.mouseClick(page.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=page.tabs.tabBar().tabRect(parking_index).center())
    dialog = merge_by_clicks(qtbot, window, theirs, monkeypatch)
    click(qtbot, dialog.merge_button)
    assert not dialog.isVisible()

    # the file holds both points, and the window shows both at once, without a restart
    with Engagement.open(ours, readonly=True) as e:
        stored = sorted(p.text for p in parking_items(e))
    assert stored == sorted(["Ours: agree the break times", THEIR_POINT])
    assert page.tabs.tabText(parking_index).replace("&", "") == "Parking (2)"
    shown = [page.parking.panel.list.item(i).text().split("\n")[0]
             for i in range(page.parking.panel.list.count())]
    assert sorted(shown) == stored
    assert page.factor_id == F1  # the first factor is on screen: its notes and actions are the colleague's
    assert THEIR_NOTE in page.evidence.editors["client"].toPlainText()
    assert "Actions (1)" in page.tabs.tabText(2).replace("&", "")
    assert page.navigator.state_of(F1) == ("agreed", 3)  # the factor list
    assert page.agenda.progress_label.text() == "1 of 15 factors agreed"

    # the history credits the colleague's point to the colleague, once; the merge is one entry of mine
    menu_item(window, "&Edit", "&History…").trigger()
    history = visible("Engagement history")
    assert history is not None
    history.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is history)
    qtbot.keyClick(history, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # &Show
    key(qtbot, Qt.Key.Key_Home)  # the whole engagement
    assert history.scope.currentText() == "The whole engagement"
    rows = [(history.list.topLevelItem(i).text(1), history.list.topLevelItem(i).text(2))
            for i in range(history.list.topLevelItemCount())]
    about_point = [(who, what) for who, what in rows if "Colleague: check KPI" in what]
    assert [who for who, _ in about_point] == ["Sam Reid"], rows
    mine = [what for who, what in rows if who == window.doc.engagement.author]
    assert len(mine) == 1 and mine[0].startswith("merged “kv-back.mutuality”"), rows
    history.close()
    page_tab(qtbot, window, "Results")
    qtbot.waitUntil(lambda: window.results.page is not None and window.results.page.isVisible())
    assert "Mutuality 1/15" in window.results.page._coverage.text()


def test_the_merge_screen_reads_whole_at_1366_and_says_1_change_comes(qtbot, window, blank_path, monkeypatch):
    ours, theirs = blank_path, blank_path.with_name("kv-back.mutuality")
    shutil.copy(blank_path, theirs)
    with Engagement.open(ours) as e:  # both copies score one factor: a conflict with two authors
        e.author = "Andrea Price"
        e.set_score(e.rounds()[0].id, "behaviours-and-trust-indicators", "agreed", 2)
    with Engagement.open(theirs) as e:
        e.author = "Sam Reid"
        e.set_score(e.rounds()[0].id, "behaviours-and-trust-indicators", "agreed", 3)
        e.apply(ops.AddParking(THEIR_POINT, None))
        e.set_notes(e.rounds()[0].id, F1, "client", LONG_NOTE)
    window.open_path(ours)
    dialog = merge_by_clicks(qtbot, window, theirs, monkeypatch)
    intro = dialog.findChildren(type(dialog.problem))[0].text()
    assert "2 changes come from the other copy without a clash; 1 conflict needs" in intro
    # no two numbers back to back ("…has 1. 1 change comes", play-through 9)
    assert "this engagement has 1 change of its own. 2 changes come" in intro
    tree = dialog.changes
    metrics = tree.fontMetrics()
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        assert group.isFirstColumnSpanned()  # "Behaviours and trust indicators · Baseline" whole
        rect = tree.visualItemRect(group)
        assert metrics.horizontalAdvance(group.text(0)) < rect.width()
        for j in range(group.childCount()):
            item = group.child(j)
            for column in (3, 4):  # who changed it, the result: whole on their lines
                for line in item.text(column).split("\n"):
                    assert metrics.horizontalAdvance(line) <= tree.columnWidth(column), (column, line)
            # the field wraps onto as many lines as it needs: its row is tall enough for them
            lines = -(-metrics.horizontalAdvance(item.text(0)) // (tree.columnWidth(0) - 2 * tree.indentation()))
            assert tree.visualItemRect(item).height() >= lines * metrics.lineSpacing(), item.text(0)
    clash = next(group.child(j) for i in range(tree.topLevelItemCount())
                 for group in [tree.topLevelItem(i)] for j in range(group.childCount())
                 if group.child(j).text(4) == "conflict: you decide")
    assert "Andrea Price" in clash.text(3) and "Sam Reid" in clash.text(3)
    assert sum(tree.columnWidth(c) for c in range(5)) <= tree.viewport().width()  # no sideways scroll
    note = next(group.child(j) for i in range(tree.topLevelItemCount())
                for group in [tree.topLevelItem(i)] for j in range(group.childCount())
                if group.child(j).toolTip(2) == f"“{LONG_NOTE}”")
    lines, width = note.text(2).count("\n"), tree.columnWidth(2)
    assert lines >= 2  # wrapped, whole: nothing cut
    dialog.resize(dialog.width() + 400, dialog.height())  # a larger screen: the values get the room
    assert tree.columnWidth(2) > width and note.text(2).count("\n") < lines
    assert note.text(2).replace("\n", " ") == f"“{LONG_NOTE}”"
    buttons = dialog.findChild(QDialogButtonBox)
    click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert not dialog.isVisible()


def test_the_returned_copy_question_has_cancel_and_escape_changes_nothing(qtbot, window, blank_path, tmp_path,
                                                                           monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from mutuality_desktop.core import exchange
    from mutuality_desktop.core.lock import lock_path_for

    sent = tmp_path / "blank (for email).mutuality"
    exchange.export_file(blank_path, sent)
    colleague = tmp_path / "colleague" / "blank.mutuality"
    colleague.parent.mkdir()
    shutil.copy(sent, colleague)
    with Engagement.open(colleague) as e:
        e.author = "Sam Reid"
        e.apply(ops.AddParking(THEIR_POINT, None))
    returned = tmp_path / "kv-back.mutuality"
    exchange.export_file(colleague, returned)
    page = open_walkthrough(qtbot, window, blank_path)
    title = page.title.text()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(returned), ""))
    seen: list[list[str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        seen.append([b.text() for b in box.buttons()])
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(100, answer)
    key(qtbot, Qt.Key.Key_O, CTRL)  # File > Open… the copy that came back
    assert seen and "Cancel" in [t.replace("&", "") for t in seen[0]]
    assert visible("Merge a copy") is None
    assert window.doc is not None and window.doc.path == blank_path and window.workshop is page
    assert window.current_page() == "Walkthrough" and page.title.text() == title
    assert lock_path_for(blank_path).exists() and not lock_path_for(returned).exists()
    with Engagement.open(blank_path, readonly=True) as e:
        assert parking_items(e) == []  # nothing merged
