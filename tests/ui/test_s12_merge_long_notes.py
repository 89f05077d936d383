"""Merging two copies whose long notes differ only at their end (play-through 12: "Yours" and
"Theirs" showed the same cut beginning, and so did the tooltip): by clicks and keys at a
projector's 1024x768, then the merged file read back; and the headless merge's conflict line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from mutuality_desktop.core.engagement import Engagement

from .journey import click, menu_item, press, shown_window, stored

GOV, EXIT = "joint-governance-structure", "joint-exit-strategy"
BASE = ("Moved from Level 2 to Level 3. Revised terms of reference for all three tiers were signed by "
        "both sides in June; the Strategic Partnership Board chair now alternates between the "
        "Corporate Director of Place and Tarnwell's Managing Director, and agendas are built jointly. "
        "Not Level 4: the structure has not yet been reviewed for whether each forum earns its time.")
EXIT_BASE = ("Moved from Level 1 to Level 2. The exit plan was rewritten jointly and names the "
             "handover of assets, people and data for each way the contract could end: expiry, "
             "provider failure, termination by either side or a loss of funding.")
OURS_END = " Tarnwell will chair the January board."
THEIRS_END = " The council will chair the January board, and Tarnwell the April one."
EXIT_END = " Exit rehearsal booked for March."


def two_copies(blank_path: Path) -> tuple[Path, Path]:
    with Engagement.open(blank_path) as e:
        rid = e.rounds()[0].id
        e.set_notes(rid, GOV, "agreed", BASE)
        e.set_notes(rid, EXIT, "agreed", EXIT_BASE)
    theirs = blank_path.with_name("colleague.mutuality")
    shutil.copy(blank_path, theirs)
    with Engagement.open(blank_path) as e:
        e.author = "Morgan Ellis"
        e.set_notes(e.rounds()[0].id, GOV, "agreed", BASE + OURS_END)
    with Engagement.open(theirs) as e:
        e.author = "Sian Evans"
        rid = e.rounds()[0].id
        e.set_notes(rid, GOV, "agreed", BASE + THEIRS_END)
        e.set_notes(rid, EXIT, "agreed", EXIT_BASE + EXIT_END)
    return blank_path, theirs


def notes(path: Path) -> tuple[str, str]:
    with stored(path) as e:
        scores = e.scores(e.rounds()[0].id)
        return scores[(GOV, "agreed")].notes, scores[(EXIT, "agreed")].notes


def rows(dialog) -> dict[str, object]:
    tree = dialog.changes
    return {f"{tree.topLevelItem(i).text(0)} / {tree.topLevelItem(i).child(j).text(0)}":
            tree.topLevelItem(i).child(j)
            for i in range(tree.topLevelItemCount()) for j in range(tree.topLevelItem(i).childCount())}


def read(text: str) -> str:
    """A cell as a person reads it: its lines joined again."""
    return " ".join(text.split())




def test_both_versions_show_where_they_differ_and_can_be_read_whole(qtbot, window, blank_path,
                                                                    monkeypatch):
    ours, theirs = two_copies(blank_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(theirs), ""))
    window.resize(1024, 768)
    assert window.open_path(ours)
    menu_item(qtbot, window, "&File", "Merge a cop&y…")
    dialog = shown_window(qtbot, "Merge a copy")
    found = rows(dialog)
    clash = next(item for name, item in found.items() if "Joint governance" in name)
    taken = next(item for name, item in found.items() if "Joint exit" in name)
    # each cell shows the words where the two versions part, not the same cut beginning
    assert "Tarnwell will chair the January board." in read(clash.text(1))
    assert "The council will chair" in read(clash.text(2))
    assert read(clash.text(1)).startswith("“…") and read(clash.text(2)).startswith("“…")
    assert "Exit rehearsal booked for March." in read(taken.text(2))
    # the tooltip holds the whole note, the words only this version has marked
    tip = clash.toolTip(2)
    assert tip.startswith("<p") and "Moved from Level 2 to Level 3. Revised terms" in tip  # wraps
    # (only the words the other version has not: play-through 12b)
    assert ("time. <b><u>The council</u></b> will chair the January <b><u>board, and Tarnwell the "
            "April one.</u></b>") in tip
    assert "<b><u>Tarnwell</u></b> will chair the January <b><u>board.</u></b>" in clash.toolTip(1)
    assert tip.count("<b>") == 2
    # the conflict's two choices, each around the difference, on lines that fit the screen
    choice = next(iter(dialog.choices.values()))
    assert "Tarnwell will chair the January board." in read(choice.yours.text())
    assert "The council will chair" in read(choice.theirs.text())
    assert choice.yours.sizeHint().width() < dialog.width() // 2
    # a double-click on the row shows both versions whole, side by side
    tree = dialog.changes
    tree.scrollToItem(taken)
    rect = tree.visualItemRect(taken)
    click(qtbot, tree.viewport(), at=rect.center())  # as a double-click's first press does
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    compare = shown_window(qtbot, "Compare the two versions")
    assert [box.toPlainText() for box in compare.boxes] == [EXIT_BASE, EXIT_BASE + EXIT_END]
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not compare.isVisible())
    # or Enter on the row the keyboard is on
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    tree.scrollToItem(clash)  # as a person scrolls back up
    click(qtbot, tree.viewport(), at=tree.visualItemRect(clash).center())
    press(qtbot, Qt.Key.Key_Return)
    compare = shown_window(qtbot, "Compare the two versions")
    assert [box.toPlainText() for box in compare.boxes] == [BASE + OURS_END, BASE + THEIRS_END]
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not compare.isVisible())
    # and so does Compare… beside the conflict
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    click(qtbot, choice.compare)
    compare = shown_window(qtbot, "Compare the two versions")
    assert [box.toPlainText() for box in compare.boxes] == [BASE + OURS_END, BASE + THEIRS_END]
    assert "Morgan Ellis" in compare.boxes[0].accessibleName()
    assert "Sian Evans" in compare.boxes[1].accessibleName()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not compare.isVisible())
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert notes(ours) == (BASE + OURS_END, EXIT_BASE)  # nothing written yet
    click(qtbot, choice.theirs)
    assert choice.theirs.isChecked()
    click(qtbot, dialog.merge_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert notes(ours) == (BASE + THEIRS_END, EXIT_BASE + EXIT_END)


def test_the_headless_merge_names_where_the_two_notes_differ(blank_path, tmp_path):
    ours, theirs = two_copies(blank_path)
    done = subprocess.run([sys.executable, "-m", "mutuality_desktop", "merge", str(ours), str(theirs),
                           "-o", str(tmp_path / "merged.mutuality")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    line = next(x for x in done.stdout.splitlines() if x.startswith("Conflict:"))
    ours_part, theirs_part = line.split(": ours ", 1)[1].split(", theirs ", 1)
    assert "Tarnwell will chair the January board.”" in ours_part
    assert "The council will chair the January board" in theirs_part
    assert "(before: “…" in line and "earns its time.”)" in line
