"""File → Export report… as Word and as PDF, and File → Export to spreadsheet → Scores, each by
the mouse through the menu bar, answered as a person would, then the file read back. All three
go through the one progress/cancel path and say where the file was written."""

from __future__ import annotations

import csv
from pathlib import Path

import docx
import pypdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from mutuality_desktop.core.report import ReportOptions
from mutuality_desktop.ui import report_export

from .journey import when_shown


def _menu_item(qtbot, window, path: list[str]) -> None:
    """Open the menu bar entry and click down the submenus to the item, with the mouse."""
    bar = window.menuBar()
    entry = next(a for a in bar.actions() if a.text() == path[0])
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(entry).center())
    menu = entry.menu()
    for text in path[1:]:
        qtbot.waitUntil(menu.isVisible)
        item = next(a for a in menu.actions() if a.text() == text)
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(item).center())
        if item.menu() is not None:
            menu = item.menu()


def _ready_box(qtbot) -> QMessageBox:
    def visible() -> list[QMessageBox]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]

    qtbot.waitUntil(lambda: bool(visible()), timeout=60_000)
    return visible()[0]


def _close(qtbot, box: QMessageBox) -> None:
    button = next(b for b in box.findChildren(QPushButton) if b.text() == "Close")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    qtbot.waitUntil(lambda: not box.isVisible())


def _answer_save_dialog(monkeypatch, name: Path, picked: str, offered: list[str]) -> None:
    def answer(*args: object, **kw: object) -> tuple[str, str]:
        offered.append(str(args[3]))
        return str(name), picked

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)


def test_export_report_as_word_in_the_house_template(qtbot, window, demo_path: Path, tmp_path: Path,
                                                     monkeypatch) -> None:
    window.open_path(demo_path)
    monkeypatch.setattr("mutuality_desktop.ui.report_options.ask_options",
                        lambda *_: ReportOptions())  # its own journey: test_report_options.py
    offered: list[str] = []
    _answer_save_dialog(monkeypatch, tmp_path / "Board report", report_export.WORD_FILTER, offered)
    _menu_item(qtbot, window, ["&File", "&Export report…"])
    box = _ready_box(qtbot)
    out = tmp_path / "Board report.docx"
    assert "Word document" in offered[0] and "PDF report" in offered[0] and "HTML" in offered[0]
    assert f"The Word report was written to {out}." == box.text()
    assert "house template" in box.informativeText()
    _close(qtbot, box)
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    assert "Executive summary" in headings
    assert f"Wrote the Word report to {out}" in window.statusBar().currentMessage()


def test_export_report_as_pdf_by_its_extension(qtbot, window, demo_path: Path, tmp_path: Path,
                                               monkeypatch) -> None:
    window.open_path(demo_path)
    monkeypatch.setattr("mutuality_desktop.ui.report_options.ask_options", lambda *_: ReportOptions())
    out = tmp_path / "Board report.pdf"
    _answer_save_dialog(monkeypatch, out, report_export.WORD_FILTER, [])  # the name wins
    _menu_item(qtbot, window, ["&File", "&Export report…"])
    box = _ready_box(qtbot)
    assert box.text() == f"The report was written to {out}."
    assert "tagged for screen readers" in box.informativeText()
    _close(qtbot, box)
    reader = pypdf.PdfReader(str(out))
    assert "Executive summary" in "".join(page.extract_text() for page in reader.pages[:4])


def test_export_scores_as_csv_says_where_and_reads_back(qtbot, window, demo_path: Path,
                                                        tmp_path: Path, monkeypatch) -> None:
    window.open_path(demo_path)
    out = tmp_path / "scores.csv"
    _answer_save_dialog(monkeypatch, tmp_path / "scores", "", [])
    _menu_item(qtbot, window, ["&File", "Export to s&preadsheet", "&Scores (CSV)…"])
    box = _ready_box(qtbot)
    assert box.text() == f"The scores table was written to {out}."
    _close(qtbot, box)
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows and "Joint objective setting" in {r["Factor"] for r in rows}
    assert f"Wrote {len(rows)} factor rows to {out}" == window.statusBar().currentMessage()


def _history_and_bytes(path: Path) -> tuple[list[str], bytes]:
    """The file's history (every recorded operation) and its bytes on disk, WAL included."""
    from mutuality_desktop.core.engagement import Engagement

    with Engagement.open(path, readonly=True) as eng:
        ops = [entry.op for entry in eng.history()]
    wal = path.with_name(path.name + "-wal")
    return ops, path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_exporting_never_writes_to_the_engagement(qtbot, window, demo_path: Path, tmp_path: Path,
                                                   monkeypatch) -> None:
    """Play-through s5, finding 16: a PDF export recorded set_branding in the file. An export
    reads the branding (a consultancy name set under Settings is on the report) and leaves the
    engagement file as it was: no new history entry, the same bytes."""
    from mutuality_desktop.core.branding import BrandingProfile
    from mutuality_desktop.ui.branding_dialog import save_branding_setting

    save_branding_setting(BrandingProfile(consultancy_name="Acme Partners"))
    window.open_path(demo_path)
    window.doc.flush()
    before_ops, before_bytes = _history_and_bytes(demo_path)
    monkeypatch.setattr("mutuality_desktop.ui.report_options.ask_options", lambda *_: ReportOptions())
    out = tmp_path / "Board report.pdf"
    _answer_save_dialog(monkeypatch, out, report_export.A4_FILTER, [])
    _menu_item(qtbot, window, ["&File", "&Export report…"])
    _close(qtbot, _ready_box(qtbot))
    text = "".join(page.extract_text() for page in pypdf.PdfReader(str(out)).pages[:2])
    assert "Acme Partners" in text  # the export read the branding
    after_ops, after_bytes = _history_and_bytes(demo_path)
    assert after_ops == before_ops and "set_branding" not in after_ops
    assert after_bytes == before_bytes


def test_only_the_branding_dialog_stores_branding_in_the_file_and_undo_takes_it_back(
        qtbot, window, demo_path: Path) -> None:
    """File → Settings → Branding…, a name typed and OK: the open file gets the branding as one
    recorded change (its history says so), and Edit → Undo takes it out again."""
    from PySide6.QtWidgets import QDialogButtonBox

    from mutuality_desktop.ui.branding_dialog import BrandingDialog

    window.open_path(demo_path)
    window.doc.flush()
    before, _ = _history_and_bytes(demo_path)

    def answer(dialog: BrandingDialog) -> None:
        qtbot.mouseClick(dialog.name, Qt.MouseButton.LeftButton, pos=dialog.name.rect().center())
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name)  # slow to come on a loaded machine
        dialog.name.selectAll()
        qtbot.keyClicks(QApplication.focusWidget(), "Ffordd Consulting")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton, pos=ok.rect().center())

    when_shown(BrandingDialog, answer)
    _menu_item(qtbot, window, ["&File", "&Settings", "&Branding…"])
    qtbot.waitUntil(lambda: len(_history_and_bytes(demo_path)[0]) == len(before) + 1, timeout=10_000)
    from mutuality_desktop.core.engagement import Engagement

    with Engagement.open(demo_path, readonly=True) as eng:
        assert eng.history()[-1].op == "set_branding" or eng.history()[0].op == "set_branding"
        assert "Ffordd Consulting" in (eng.branding_json() or "")
    undo = next(a for a in window.menuBar().actions() if a.text() == "&Edit").menu().actions()[0]
    assert undo.text() == "&Undo Change the report branding"
    _menu_item(qtbot, window, ["&Edit", undo.text()])
    with Engagement.open(demo_path, readonly=True) as eng:
        assert eng.branding_json() is None
