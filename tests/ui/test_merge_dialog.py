"""File → Merge a copy…: a user's journey by clicks and keys, then the file read back."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from mutuality_desktop.core import exchange
from mutuality_desktop.core.engagement import Engagement

F1, F2 = "joint-objective-setting", "joint-governance-structure"


def two_copies(blank_path: Path) -> tuple[Path, Path]:
    theirs = blank_path.with_name("colleague.mutuality")
    shutil.copy(blank_path, theirs)
    with Engagement.open(blank_path) as e:
        e.author = "Andrea Price"
        e.set_score(e.rounds()[0].id, F1, "agreed", 2)
    with Engagement.open(theirs) as e:
        e.author = "Sian Evans"
        rid = e.rounds()[0].id
        e.set_score(rid, F1, "agreed", 3)
        e.set_notes(rid, F2, "client", "Board terms of reference seen.")
        e.add_action(F2, "Agree the joint board's terms")
    return blank_path, theirs


def read_back(path: Path) -> tuple[int | None, str, list[str]]:
    with Engagement.open(path, readonly=True) as e:
        rid = e.rounds()[0].id
        scores = e.scores(rid)
        level = scores[(F1, "agreed")].level
        notes = scores[(F2, "client")].notes if (F2, "client") in scores else ""
        return level, notes, [a.text for a in e.actions()]


def menu_item(window, menu: str, text: str):
    top = next(a for a in window.menuBar().actions() if a.text() == menu).menu()
    return next(a for a in top.actions() if a.text() == text)


def visible(name: str):
    return next((w for w in QApplication.topLevelWidgets()
                 if w.isVisible() and w.accessibleName() == name), None)


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def test_merge_a_copy_by_clicks_and_keys_then_undo(qtbot, window, blank_path, monkeypatch):
    ours, theirs = two_copies(blank_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(theirs), ""))
    window.open_path(ours)
    menu_item(window, "&File", "Merge a cop&y…").trigger()
    qtbot.waitUntil(lambda: visible("Merge a copy") is not None)
    dialog = visible("Merge a copy")
    dialog.activateWindow()  # as the window manager does for a new dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    texts = [dialog.changes.topLevelItem(i).child(j).text(4)
             for i in range(dialog.changes.topLevelItemCount())
             for j in range(dialog.changes.topLevelItem(i).childCount())]
    assert "conflict: you decide" in texts and "taken from theirs" in texts
    bys = [dialog.changes.topLevelItem(0).child(0).text(3)]
    assert "Andrea Price" in bys[0] and "Sian Evans" in bys[0]
    assert not dialog.merge_button.isEnabled()
    assert read_back(ours)[0] == 2  # nothing written yet
    choice = next(iter(dialog.choices.values()))
    assert "3" in choice.theirs.text() and "2" in choice.yours.text()
    click(qtbot, choice.edit)  # type a value of their own: the room settled on 4
    qtbot.keyClicks(QApplication.focusWidget(), "4")
    assert choice.other.isChecked() and dialog.merge_button.isEnabled()
    click(qtbot, dialog.merge_button)
    assert not dialog.isVisible()
    level, notes, actions = read_back(ours)
    assert (level, notes, actions) == (4, "Board terms of reference seen.",
                                      ["Agree the joint board's terms"])
    with Engagement.open(ours, readonly=True) as e:
        last = e.history()[-1]
        assert last.op == "merge" and last.after["decided"][0]["chosen"] == "edited"
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier)
    assert read_back(ours) == (2, "", [])  # one undo takes the whole merge back
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Y,
                   Qt.KeyboardModifier.ControlModifier)
    assert read_back(ours) == (4, "Board terms of reference seen.", ["Agree the joint board's terms"])


def test_a_protected_copy_is_unlocked_then_merged(qtbot, window, blank_path, monkeypatch, tmp_path):
    ours, theirs = two_copies(blank_path)
    sealed = tmp_path / "colleague (for email).mutuality"
    exchange.export_file(theirs, sealed, passphrase="Castleway-2026")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sealed), ""))
    window.open_path(ours)
    unlock = menu_item(window, "&File", "Merge a cop&y…")
    unlock.trigger()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    dialog = QApplication.activeModalWidget()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.field.editor.setFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "Castleway-2026")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: visible("Merge a copy") is not None, timeout=15000)
    merge = visible("Merge a copy")
    choice = next(iter(merge.choices.values()))
    click(qtbot, choice.theirs)
    click(qtbot, merge.merge_button)
    assert read_back(ours)[0] == 3
    assert sorted(p.name for p in tmp_path.iterdir() if "unlocked" in p.name) == []


def test_a_copy_of_another_engagement_is_refused_in_the_banner(qtbot, window, blank_path,
                                                               monkeypatch, tmp_path):
    from mutuality_desktop.core.model import EngagementInfo

    other = tmp_path / "other.mutuality"
    Engagement.create(other, EngagementInfo("Another review", "A council", "A provider")).close()
    window.open_path(blank_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    menu_item(window, "&File", "Merge a cop&y…").trigger()
    assert visible("Merge a copy") is None
    assert "not a copy of this engagement" in window.banner.text()


def test_opening_a_returned_copy_offers_to_merge_it(qtbot, window, blank_path, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    sent = tmp_path / "blank (for email).mutuality"
    exchange.export_file(blank_path, sent)  # emailed to a colleague…
    colleague = tmp_path / "colleague" / "blank.mutuality"
    colleague.parent.mkdir()
    shutil.copy(sent, colleague)
    with Engagement.open(colleague) as e:  # …who adds an action and sends it back
        e.author = "Sian Evans"
        e.add_action(F2, "Agree the joint board's terms")
    returned = tmp_path / "returned.mutuality"
    exchange.export_file(colleague, returned)
    window.open_path(blank_path)
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        button = next(b for b in box.buttons() if b.text() == "&Merge it in")
        click(qtbot, button)

    QTimer.singleShot(200, answer)
    assert window.open_path(returned) is False
    assert asked and "is a copy of an engagement you have open" in asked[0]
    qtbot.waitUntil(lambda: visible("Merge a copy") is not None)
    merge = visible("Merge a copy")
    assert window.doc.path == blank_path  # the open engagement stays open
    click(qtbot, merge.merge_button)
    with Engagement.open(blank_path, readonly=True) as e:
        assert [a.text for a in e.actions()] == ["Agree the joint board's terms"]


def test_a_copy_of_something_else_opens_as_before(qtbot, window, blank_path, demo_path):
    window.open_path(blank_path)
    assert window.open_path(demo_path) is True
    assert window.doc.path == demo_path
