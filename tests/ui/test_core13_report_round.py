"""Play-through 7, 2: the report's options say which round it reports, and the round can be chosen there."""

from __future__ import annotations

from pathlib import Path

import pypdf
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.ui import report_export
from mutuality_desktop.ui.report_options import ReportOptionsDialog

from .journey import click, focused, press


def _when_shown(qtbot, act) -> None:
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReportOptionsDialog) and w.isVisible()]
    if not dialogs:
        QTimer.singleShot(20, lambda: _when_shown(qtbot, act))
        return
    dialogs[0].activateWindow()
    QTimer.singleShot(50, lambda: act(dialogs[0]))


def _close_message() -> None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.isVisible():
            w.close()


def test_the_dialog_shows_the_round_and_another_can_be_chosen(qtbot, demo_path: Path, tmp_path: Path, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    out = tmp_path / "Chosen.pdf"
    suggested: list[str] = []

    def save_as(*args, **_):
        suggested.append(str(args[2]))
        return str(out), report_export.A4_FILTER

    monkeypatch.setattr(report_export.QFileDialog, "getSaveFileName", save_as)
    seen: list[object] = []

    def choose(dialog: ReportOptionsDialog) -> None:
        seen.append(dialog.round_combo.currentText())
        seen.append(dialog.comparison.isEnabled())
        click(qtbot, dialog.round_combo)  # the list opens; Home picks the first round
        press(qtbot, Qt.Key.Key_Home)
        press(qtbot, Qt.Key.Key_Return)
        seen.append(dialog.round_combo.currentText())
        seen.append(dialog.comparison.isEnabled())  # Baseline: nothing before it to compare with
        dialog.guide.setFocus()
        press(qtbot, Qt.Key.Key_Return)

    with Engagement.open(demo_path) as eng:
        follow = eng.rounds()[-1].id
        QTimer.singleShot(0, lambda: _when_shown(qtbot, choose))
        report_export.export_report(parent, eng, follow, None)
        qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()), timeout=60_000)
    _close_message()
    assert seen == ["Follow-up", True, "Baseline", False]
    assert suggested and suggested[0].endswith("Baseline report.pdf")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
    assert "Baseline" in text and "Follow-up" not in text


def test_an_empty_round_is_said_and_the_default_is_the_latest_with_agreed_levels(qtbot, demo_path: Path):
    with Engagement.open(demo_path) as eng:
        eng.add_round("Final")
        parent = QWidget()
        qtbot.addWidget(parent)
        seen: list[object] = []

        def look(dialog: ReportOptionsDialog) -> None:
            seen.append(dialog.round_combo.currentText())
            seen.append(dialog.round_note.isVisible())
            click(qtbot, dialog.round_combo)
            press(qtbot, Qt.Key.Key_End)  # the empty round
            press(qtbot, Qt.Key.Key_Return)
            seen.append(dialog.round_note.isVisible())
            seen.append(dialog.round_note.text())
            focused()
            dialog.reject()

        QTimer.singleShot(0, lambda: _when_shown(qtbot, look))
        report_export.export_report(parent, eng, None, None)
    assert seen == ["Follow-up", False, True, "Final has no agreed levels yet, so its report has no agreed scores."]
