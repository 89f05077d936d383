"""Merging a colleague's copy back (play-through 6, items 2, 4 and 6): every view shows the merged
state at once, the history credits each change to whoever made it, and the merge screen reads
whole."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.parking import parking_items

from .test_merge_dialog import click, menu_item, visible
from .test_walkthrough_journey import key, open_walkthrough

CTRL = Qt.KeyboardModifier.ControlModifier
F1 = "joint-objective-setting"
THEIR_POINT = "Colleague: check KPI definitions with the contract manager"
THEIR_NOTE = "Sam saw the signed board minutes."


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
