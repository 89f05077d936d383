"""Play-through 12b: after File → Export to Office → Word report…, Ctrl+E (File → Export report…)
then "Choose where to save…" offered a .docx name with the Word type chosen. Export report offers
its own types: the one last chosen in Export report, else a PDF; never the Office export's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit

from mutuality_desktop.ui import report_export
from mutuality_desktop.ui.report_options import ReportOptionsDialog

from .journey import press, when_shown
from .test_export_journey import _close, _menu_item, _ready_box
from .test_ui12_office_export import _save_as

WORD = ["&File", "Export to O&ffice", "&Word report…"]
REPORT = ["&File", "&Export report…"]


def _through_options(qtbot, then) -> None:
    """The report's options dialog: Return ("Choose where to save…"), then `then` in the save dialog."""
    def options(_dialog: ReportOptionsDialog) -> None:
        when_shown(QFileDialog, then)
        press(qtbot, Qt.Key.Key_Return)
    when_shown(ReportOptionsDialog, options)


def _export(qtbot, window, menu: list[str], typed: Path) -> str:
    """Export through the menu, typing `typed` in the save dialog; the type the dialog offered."""
    seen: dict[str, object] = {}
    _through_options(qtbot, _save_as(qtbot, str(typed), seen))
    _menu_item(qtbot, window, menu)
    _close(qtbot, _ready_box(qtbot))
    assert typed.exists()
    return str(seen["type"])


def _offered_by_ctrl_e(qtbot, window) -> tuple[str, str]:
    """Ctrl+E, Return in the options: the type and the file name the save dialog offers (then Cancel)."""
    seen: dict[str, str] = {}

    def look(dialog: QFileDialog) -> None:
        seen["type"] = dialog.selectedNameFilter()
        names = [box.text() for box in dialog.findChildren(QLineEdit) if box.isVisible() and box.text()]
        seen["name"] = names[0] if names else ""
        press(qtbot, Qt.Key.Key_Escape)

    _through_options(qtbot, look)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "name" in seen, timeout=20_000)
    qtbot.waitUntil(lambda: not any(isinstance(w, QFileDialog) and w.isVisible()
                                    for w in window.findChildren(QFileDialog)))
    return seen["type"], seen["name"]


def test_export_report_offers_a_pdf_after_a_word_export(qtbot, window, demo_path: Path, tmp_path: Path) -> None:
    window.open_path(demo_path)
    assert _export(qtbot, window, WORD, tmp_path / "Board pack.docx") == report_export.WORD_FILTER
    kind, name = _offered_by_ctrl_e(qtbot, window)
    assert kind == report_export.A4_FILTER, kind
    assert name.endswith(".pdf"), name


def test_export_report_offers_the_type_last_chosen_there(qtbot, window, demo_path: Path, tmp_path: Path) -> None:
    """The web page chosen in Export report is offered again, a Word report from the Office menu
    in between notwithstanding."""
    window.open_path(demo_path)
    _export(qtbot, window, REPORT, tmp_path / "Report.html")
    _export(qtbot, window, WORD, tmp_path / "Board pack.docx")
    kind, name = _offered_by_ctrl_e(qtbot, window)
    assert kind == report_export.HTML_FILTER, kind
    assert name.endswith(".html"), name
