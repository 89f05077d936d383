"""Pre-work menu: create forms into a folder, import returns as one undoable step."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from tests.ui.journey import menu_item, stored


def _fill(form: Path, out: Path, level: str, comment: str) -> Path:
    wb = openpyxl.load_workbook(form)
    rows = [(r[3].value, r[4].value) for r in wb["_meta"].iter_rows() if r[0].value == "factor"]
    wb["Your views"][f"B{rows[0][0]}"] = level
    wb["Your views"][f"B{rows[0][1]}"] = comment
    wb.save(out)
    return out


def test_create_forms_then_import_returns_and_undo(qtbot, window, demo_path, tmp_path, monkeypatch):
    window.open_path(demo_path)
    folder = tmp_path / "forms"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    menu_item(qtbot, window, "&Pre-work", "&Create forms…")
    forms = sorted(folder.glob("*.xlsx"))
    assert len(forms) == 8
    assert f"Wrote 8 pre-work forms for Follow-up to {folder}" in window.banner.label.text()

    ret = _fill(forms[0], tmp_path / "ret.xlsx", "5 Exemplary", "Shared plan, reviewed yearly.")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(ret)], ""))
    menu_item(qtbot, window, "&Pre-work", "&Import returns…")
    box = window.findChild(QMessageBox, "prework_import")
    qtbot.waitUntil(box.isVisible)
    assert "Import 1 answer from 1 return?" in box.text()
    assert "Amira Haddad (provider, Follow-up) from ret.xlsx: 1 level, 0 don't know, 1 comment" \
        in box.informativeText()
    button = next(b for b in box.findChildren(QPushButton) if b.text() == "Import")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    qtbot.waitUntil(lambda: not box.isVisible())

    def mine(eng):
        rnd = eng.round_by_label("Follow-up")
        person = next(p for p in eng.participants() if p.name in forms[0].name)
        return [(s.level, s.comment) for s in eng.participant_scores(rnd.id)
                if s.participant_id == person.id and s.factor_id == "joint-objective-setting"]

    with stored(demo_path) as eng:
        after = mine(eng)
    assert after == [(5, "Shared plan, reviewed yearly.")]
    assert window.doc.undo_stack.undoText() == "Import pre-work returns"
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier)
    with stored(demo_path) as eng:
        assert mine(eng) != after
    window.actions_.redo.trigger()
    with stored(demo_path) as eng:
        assert mine(eng) == after
