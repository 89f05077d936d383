"""Play-through 7: File → Export to Office opened its save dialog in the last Office folder (of any
engagement) while Export report opened in the engagement's folder. One rule for both: the folder
this engagement was last exported to, by either, else the engagement's own folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from mutuality_desktop.ui.report_options import ReportOptionsDialog

from .journey import press, when_shown
from .test_export_journey import _close, _menu_item, _ready_box
from .test_ui12_office_export import _save_as


def _export(qtbot, window, menu: list[str], typed: Path, report: bool = False) -> str:
    """Export through the menu, typing `typed` in the save dialog; the folder the dialog opened in."""
    seen: dict[str, object] = {}

    def save(dialog: QFileDialog) -> None:
        seen["opened in"] = dialog.directory().absolutePath()
        _save_as(qtbot, str(typed), seen)(dialog)

    if report:
        def options(_dialog: ReportOptionsDialog) -> None:
            press(qtbot, Qt.Key.Key_Return)  # "Choose where to save…"
            when_shown(QFileDialog, save)
        when_shown(ReportOptionsDialog, options)
    else:
        when_shown(QFileDialog, save)
    _menu_item(qtbot, window, menu)
    _close(qtbot, _ready_box(qtbot))
    assert typed.exists()
    return str(seen["opened in"])


REPORT = ["&File", "&Export report…"]
EXCEL = ["&File", "Export to O&ffice", "&Excel workbook…"]
DECK = ["&File", "Export to O&ffice", "&PowerPoint deck…"]


def test_both_exports_open_where_this_engagement_was_last_exported(qtbot, window, demo_path: Path,
                                                                   tmp_path: Path) -> None:
    board, pack = tmp_path / "board", tmp_path / "pack"
    board.mkdir()
    pack.mkdir()
    window.open_path(demo_path)
    here = str(demo_path.parent)
    assert _export(qtbot, window, EXCEL, board / "Scores.xlsx") == here  # first time: the engagement's folder
    assert _export(qtbot, window, REPORT, board / "Report.html", report=True) == str(board)  # where Office went
    assert _export(qtbot, window, DECK, pack / "Deck.pptx") == str(board)
    assert _export(qtbot, window, REPORT, pack / "Report.html", report=True) == str(pack)
    assert _export(qtbot, window, EXCEL, pack / "Scores 2.xlsx") == str(pack)
    shutil.rmtree(pack)  # the folder is gone: back to the engagement's own
    assert _export(qtbot, window, EXCEL, board / "Scores 3.xlsx") == here


CSV = ["&File", "Export to s&preadsheet", "&Scores (CSV)…"]


def test_the_csv_export_opens_where_this_engagement_was_last_exported_too(qtbot, window, demo_path: Path,
                                                                          tmp_path: Path) -> None:
    """Play-through s12: the CSV dialog opened in the engagement's folder, not the last one used."""
    board, pack = tmp_path / "board", tmp_path / "pack"
    board.mkdir()
    pack.mkdir()
    window.open_path(demo_path)
    assert _export(qtbot, window, EXCEL, board / "Scores.xlsx") == str(demo_path.parent)
    assert _export(qtbot, window, CSV, pack / "Scores.csv") == str(board)  # where Office went
    assert _export(qtbot, window, DECK, pack / "Deck.pptx") == str(pack)  # where the CSV went
