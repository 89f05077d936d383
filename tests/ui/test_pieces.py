"""Settings, the agenda arithmetic, the setup form's inline checks and the start path."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTime

from mutuality_desktop.ui.settings import MAX_RECENT, Settings
from mutuality_desktop.ui.workshop.agenda import minutes_text, per_factor_minutes


def test_recent_files_are_most_recent_first_and_bounded(tmp_path):
    settings = Settings()
    for i in range(MAX_RECENT + 2):
        settings.add_recent(tmp_path / f"e{i}.mutuality")
    settings.add_recent(tmp_path / "e3.mutuality")
    files = Settings().recent_files()
    assert len(files) == MAX_RECENT and files[0].name == "e3.mutuality"
    settings.remove_recent(tmp_path / "e3.mutuality")
    assert tmp_path / "e3.mutuality" not in Settings().recent_files()
    assert Settings().agenda_end() == QTime(16, 30)
    settings.set_agenda_end(QTime(17, 0))
    assert Settings().agenda_end() == QTime(17, 0)


def test_time_per_factor_left():
    now = dt.datetime(2026, 3, 12, 14, 30)
    assert per_factor_minutes(now, dt.time(16, 30), 8) == 15
    assert per_factor_minutes(now, dt.time(14, 0), 3) == 0
    assert per_factor_minutes(now, dt.time(16, 30), 0) is None
    assert minutes_text(75) == "1 h 15 min" and minutes_text(9) == "9 min"


def test_setup_checks_inline_and_enables_create_only_when_valid(qtbot, window, tmp_path):
    window.new_engagement()
    page = window.setup_page
    form = page.form
    assert form.editor("title").hasFocus()
    qtbot.keyClicks(form.editor("title"), "Re")
    qtbot.keyClick(form.editor("title"), Qt.Key.Key_Backspace)
    qtbot.keyClick(form.editor("title"), Qt.Key.Key_Backspace)
    qtbot.keyClick(form.editor("title"), Qt.Key.Key_Tab)
    assert form.fields["title"].hint.isVisible()
    assert form.fields["title"].hint.text() == "Give the engagement a title."
    qtbot.keyClicks(form.editor("title"), "Review")
    qtbot.keyClicks(form.editor("client_organisation"), "Council")
    qtbot.keyClicks(form.editor("provider_organisation"), "Provider")
    qtbot.keyClicks(form.editor("contract_annual_value"), "lots")
    qtbot.keyClick(form.editor("contract_annual_value"), Qt.Key.Key_Tab)
    assert not page.create_button.isEnabled()
    assert "whole number of pounds" in form.fields["contract_annual_value"].hint.text()
    form.editor("contract_annual_value").clear()
    qtbot.keyClicks(form.editor("contract_annual_value"), "1,000")
    assert not form.fields["title"].hint.isVisible()
    assert page.target_path().name == "Review.mutuality"
    page.path.setText(str(tmp_path / "Review"))
    page.path.textEdited.emit(page.path.text())
    assert page.create_button.isEnabled() and page.target_path() == tmp_path / "Review.mutuality"
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert window.doc is not None and window.doc.engagement.info().contract_annual_value == 1000


def test_the_window_paints_without_sqlalchemy_or_matplotlib(tmp_path):
    code = (
        "import sys\n"
        "from mutuality_desktop.ui.application import make_application\n"
        "from mutuality_desktop.ui.main_window import MainWindow\n"
        "app = make_application([])\n"
        "w = MainWindow(); w.show(); app.processEvents()\n"
        "heavy = sorted(m for m in ('sqlalchemy', 'matplotlib', 'reportlab') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    assert run_offscreen(code, tmp_path) == ""


def run_offscreen(code: str, home: Path) -> str:
    """Run `code` in a fresh Python process with Qt offscreen and its own home; what it printed."""
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "PATH": "/usr/bin:/bin",
           "XDG_RUNTIME_DIR": str(home)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                            cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_self_test_exits_zero(tmp_path):
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin",
           "XDG_RUNTIME_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "mutuality_desktop", "--self-test"], capture_output=True,
                            text=True, env=env, cwd=Path(__file__).resolve().parents[2], timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout


def test_the_workshop_clock_keeps_the_days_start_over_a_reopen(qtbot, window, blank_path):
    from mutuality_desktop.core.engagement import Engagement

    with Engagement.open(blank_path) as eng:  # today is the workshop day: the clock runs
        eng.update_round(eng.rounds()[0].id, date=dt.date.today())
    settings = window.settings
    window.open_path(blank_path)
    uuid = window.doc.engagement.info().uuid
    today = dt.date.today()
    first = settings.agenda_start(uuid, today)
    assert first is not None  # the first open of the day starts the clock
    morning = dt.datetime.combine(today, dt.time(0, 1))
    window.workshop.agenda.start_edit.setTime(QTime(0, 1))  # the facilitator sets the start
    assert settings.agenda_start(uuid, today) == morning
    window.close_document()
    window.open_path(blank_path)  # after lunch, or after a restart
    assert window.workshop.agenda.clock_label.text().startswith("Started 00:01")
    assert settings.agenda_start(uuid, today + dt.timedelta(days=1)) is None  # a new day starts afresh


def test_help_about_names_the_version_framework_and_where_files_live(qtbot, window):
    from mutuality_desktop import __version__
    from mutuality_desktop.ui.backups import backup_root
    from mutuality_desktop.ui.menus import about_text

    text = about_text()
    assert f"Mutuality Desktop {__version__}" in text and "version 2.1.0" in text
    assert str(backup_root()) in text
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert "&About Mutuality Desktop" in [a.text() for a in help_menu.actions()]


def test_file_export_to_spreadsheet_writes_the_scores_and_the_actions(qtbot, window, demo_path,
                                                                    tmp_path, monkeypatch):
    import csv

    from PySide6.QtWidgets import QFileDialog

    from mutuality_desktop.ui.csv_export import default_csv_name

    window.open_path(demo_path)
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    sheet = next(a.menu() for a in file_menu.actions() if a.menu() and "spreadsheet" in a.text().replace("&", ""))
    assert sheet.isEnabled()
    targets = iter([str(tmp_path / "scores"), str(tmp_path / "actions.csv")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (next(targets), ""))
    for action, name in zip(sheet.actions(), ("scores.csv", "actions.csv"), strict=True):
        action.trigger()  # written off the UI thread: the status bar says so when it is in place
        qtbot.waitUntil(lambda name=name: name in window.statusBar().currentMessage(), timeout=30_000)
    rows = list(csv.reader((tmp_path / "scores.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 1 + 2 * len(window.doc.engagement.framework.factors)
    assert "Wrote" in window.statusBar().currentMessage() and "actions.csv" in window.statusBar().currentMessage()
    assert (tmp_path / "actions.csv").read_text(encoding="utf-8-sig").startswith("Number,Dimension,Factor,Action,")
    assert default_csv_name('Review: "2026"', "scores") == "Review 2026 - scores.csv"
    window.close_document()
    assert not sheet.isEnabled()
