"""Play-through 8 (ui15), pre-work import: the banner says what the import did (it still said
"Wrote 5 pre-work forms…"), and a blank return is counted as blank, not as one of the returns the
answers came from. Real menu clicks; the file read back."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from .journey import menu_item, stored
from .test_prework_menu import _fill


def test_the_banner_says_what_the_import_did_and_counts_a_blank_return(
        qtbot, window, demo_path, tmp_path, monkeypatch):
    window.open_path(demo_path)
    folder = tmp_path / "forms"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    menu_item(qtbot, window, "&Pre-work", "&Create forms…")
    forms = sorted(folder.glob("*.xlsx"))
    assert "Wrote 8 pre-work forms" in window.banner.label.text()
    first = _fill(forms[0], tmp_path / "first.xlsx", "4 Advanced", "Reviewed each spring.")
    second = _fill(forms[1], tmp_path / "second.xlsx", "2 Developing", "")
    blank = tmp_path / "blank.xlsx"
    shutil.copyfile(forms[2], blank)  # sent back as it went out
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(first), str(second), str(blank)], ""))
    menu_item(qtbot, window, "&Pre-work", "&Import returns…")
    box = window.findChild(QMessageBox, "prework_import")
    qtbot.waitUntil(box.isVisible)
    with stored(demo_path) as eng:
        people = {p.name for p in eng.participants()}
    blank_name = next(n for n in people if n in forms[2].name)
    assert box.text() == f"Import 2 answers from 2 returns? (1 return was blank, with no answers ({blank_name}).)"
    button = next(b for b in box.findChildren(QPushButton) if b.text() == "Import")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    qtbot.waitUntil(lambda: not box.isVisible())
    with stored(demo_path) as eng:
        rnd = eng.round_by_label("Follow-up")
        ids = {p.name: p.id for p in eng.participants()}
        levels = {name: [s.level for s in eng.participant_scores(rnd.id)
                         if s.participant_id == ids[name] and s.factor_id == "joint-objective-setting"]
                  for name in people if name in forms[0].name or name in forms[1].name}
    assert sorted(v for got in levels.values() for v in got) == [2, 4]
    banner = window.banner
    assert banner.isVisible()
    text = banner.label.text()
    assert "Wrote" not in text  # 23.png: the forms' message stayed up after the import
    assert text.startswith(f"Imported 2 answers from 2 returns; 1 return was blank, with no answers ({blank_name}).")
    assert window.statusBar().currentMessage().startswith("Imported 2 answers from 2 returns;")
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not banner.isVisible()  # the import taken back, and its message with it
