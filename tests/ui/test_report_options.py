"""File → Export report… asks which sections to include first; the PDF holds just those."""

from __future__ import annotations

from pathlib import Path

import pypdf
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.ui import report_export
from mutuality_desktop.ui.report_options import ReportOptionsDialog, saved_options

from .journey import click, focused, press


def _answer_options(qtbot, seen: list[str]) -> None:
    """Untick the action plan, choose no scoring guide by keys, then press Enter on OK."""
    dialogs = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, ReportOptionsDialog) and w.isVisible()]
    if not dialogs:
        QTimer.singleShot(20, lambda: _answer_options(qtbot, seen))
        return
    dialog = dialogs[0]
    seen.append(dialog.comparison.text())
    dialog.activateWindow()
    dialog.guide.setFocus()

    def keys() -> None:
        if QApplication.focusWidget() is not dialog.guide:
            dialog.activateWindow()
            dialog.guide.setFocus()
            QTimer.singleShot(20, keys)
            return
        box = dialog.actions_box  # the window is shown and active: untick the action plan's box
        click(qtbot, box, QPoint(8, box.height() // 2))
        parked = dialog.parking  # and the points parked
        click(qtbot, parked, QPoint(8, parked.height() // 2))
        dialog.guide.setFocus()
        press(qtbot, Qt.Key.Key_End)  # "Leave it out"
        seen.append(focused().currentText())
        press(qtbot, Qt.Key.Key_Return)

    QTimer.singleShot(0, keys)


def test_the_options_asked_first_shape_the_report_and_are_remembered(qtbot, demo_path: Path,
                                                                       tmp_path: Path, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    out = tmp_path / "Options.pdf"
    monkeypatch.setattr(report_export.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(out), report_export.A4_FILTER))
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer_options(qtbot, seen))
    with Engagement.open(demo_path) as eng:
        report_export.export_report(parent, eng, None, None)
        qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()), timeout=60_000)
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.isVisible():
            w.close()
    assert seen == ["&Comparison with the previous round", "Leave it out"]
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
    assert "Action plan" not in text and "The scoring guide" not in text and "Points parked" not in text
    assert "Round-over-round comparison" in text and "Participants" in text
    remembered = saved_options()
    assert not remembered.actions and remembered.guide == "none" and remembered.comparison
    assert not remembered.parking
