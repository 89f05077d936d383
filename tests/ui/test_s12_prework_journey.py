"""Play-through 12 (105-imported.png vs 107-f5-prework.png): after Pre-work → Import returns…, the
factor open in the walkthrough did not show "Pre-work comments (1)" until it was opened again.
The import now shows the returned comments and own views at once, and its undo and redo take them
away and bring them back. Real menu clicks; the form filled as a participant fills it; the file
read back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from mutuality_desktop.core.history_sentences import history_sentences
from mutuality_desktop.core.prework.forms import DONT_KNOW, FORM_SHEET

from .journey import click, menu_item, page_tab, stored

COMMENT = "Council: the new area managers have <b>no</b> delegated authority yet — 见记录"


def fill_factor(form: Path, out: Path, factor_name: str, level: str, comment: str) -> Path:
    """Type a level and a comment under one factor, found by its name as a participant finds it."""
    wb = openpyxl.load_workbook(form)
    ws = wb[FORM_SHEET]
    rows = [(r[0].row, r[0].value, r[1].value) for r in ws.iter_rows(max_col=2)]
    start = next(i for i, (_, a, b) in enumerate(rows) if str(a or "").startswith("Factor ") and b == factor_name)
    level_row = next(r for r, a, _ in rows[start:] if a == "Your level")
    comment_row = next(r for r, a, _ in rows[start:] if a == "Your comment")
    ws[f"B{level_row}"] = level
    ws[f"B{comment_row}"] = comment
    wb.save(out)
    return out


def test_imported_comments_show_on_the_open_factor_at_once(qtbot, window, demo_path, tmp_path, monkeypatch):
    window.open_path(demo_path)
    page_tab(qtbot, window, "Walkthrough")
    page = window.workshop
    evidence = page.evidence
    factor = page.factor()
    assert not evidence.comments_button.isVisible()  # the demo's returns carry no comments here
    folder = tmp_path / "forms"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    menu_item(qtbot, window, "&Pre-work", "&Create forms…")
    form = sorted(folder.glob("*.xlsx"))[0]
    ret = fill_factor(form, tmp_path / "returned.xlsx", factor.name, DONT_KNOW, COMMENT)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(ret)], ""))
    menu_item(qtbot, window, "&Pre-work", "&Import returns…")
    box = window.findChild(QMessageBox, "prework_import")
    qtbot.waitUntil(box.isVisible)
    button = next(b for b in box.findChildren(QPushButton) if b.text() == "Import")
    click(qtbot, button)
    qtbot.waitUntil(lambda: not box.isVisible())

    assert page.factor_id == factor.id  # the same factor, not opened again
    with stored(demo_path) as eng:
        rnd_id = page.round_id
        person = next(p for p in eng.participants() if p.name in form.name)
        mine = [(s.level, s.comment) for s in eng.participant_scores(rnd_id)
                if s.participant_id == person.id and s.factor_id == factor.id]
        said = history_sentences(eng)[-1]
    assert mine == [(None, COMMENT)]
    assert f"recorded {person.name}'s return for {factor.name}" in said and said.split(" on ")[0].endswith(
        f": {DONT_KNOW}")
    assert evidence.comments_button.isVisible()
    assert evidence.comments_button.text() == "Pre-work comments (1)"
    click(qtbot, evidence.comments_button)
    assert evidence.comments_list.isVisible()
    assert evidence.comments_list.toPlainText().split("\n")[:2] == [
        f"A {person.side} participant, don't know", COMMENT]  # as written, markup and all

    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with stored(demo_path) as eng:
        assert not [s for s in eng.participant_scores(rnd_id)
                    if s.participant_id == person.id and s.factor_id == factor.id and s.comment]
    assert not evidence.comments_button.isVisible()  # the undo takes them away at once too
    window.actions_.redo.trigger()
    assert evidence.comments_button.isVisible() and evidence.comments_button.text() == "Pre-work comments (1)"
