"""File → Export report… as the web page edition: chosen in the same dialog, and it says why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.ui import report_export


def _ready_box() -> QMessageBox | None:
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    return boxes[0] if boxes else None


def test_the_web_page_edition_is_offered_and_explained(
    qtbot, demo_path: Path, tmp_path: Path, monkeypatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    out = tmp_path / "Report"
    offered: list[str] = []

    def save_dialog(*args: object, **kw: object) -> tuple[str, str]:
        offered.append(str(args[3]))
        return str(out), report_export.HTML_FILTER

    monkeypatch.setattr(report_export.QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr("mutuality_desktop.ui.report_options.ask_options",
                        lambda *_: report_export.ReportOptions())  # tested in test_report_options.py
    with Engagement.open(demo_path) as eng:
        report_export.export_report(parent, eng, None, None)
        qtbot.waitUntil(lambda: _ready_box() is not None, timeout=30_000)
    assert "most accessible" in offered[0] and "tagged for screen readers" in offered[0]
    box = _ready_box()
    assert box is not None and "Report.html" in box.text()
    assert "screen readers" in box.informativeText() and "publish" in box.informativeText()
    next(b for b in box.buttons() if b.text() == "Close").click()
    written = out.with_name("Report.html").read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>") and "Executive summary" in written
    assert QSettings().value("report/page_size") == "html"
    monkeypatch.setattr(
        report_export.QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (offered.append(str(a[2])) or "", ""),
    )
    with Engagement.open(demo_path) as eng:
        report_export.export_report(parent, eng, None, None)
    assert offered[-1].endswith(".html")  # the next export starts from the web page edition
