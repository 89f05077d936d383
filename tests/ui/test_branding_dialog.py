"""Settings → Branding, and File → Export report… (built off the UI thread, offered to open)."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from PIL import Image
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from mutuality_desktop.core.branding import BrandingProfile, default_branding
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.ui import export_task, report_export
from mutuality_desktop.ui.branding_dialog import (
    BrandingDialog,
    load_branding_setting,
    save_branding_setting,
)


@pytest.fixture(autouse=True)
def _sections_as_saved(monkeypatch):
    """Export report… asks which sections first (tested in test_report_options.py)."""
    from mutuality_desktop.ui import report_export

    monkeypatch.setattr("mutuality_desktop.ui.report_options.ask_options",
                        lambda *_: report_export.ReportOptions())


def write_png(path: Path) -> Path:
    out = io.BytesIO()
    Image.new("RGB", (60, 20), (200, 16, 46)).save(out, format="PNG")
    path.write_bytes(out.getvalue())
    return path


def test_settings_default_and_round_trip(qapp, tmp_path: Path) -> None:
    assert load_branding_setting() == default_branding()
    logo = write_png(tmp_path / "acme.png")
    profile = BrandingProfile(consultancy_name="Acme", logo_path=str(logo), primary_colour="#102030")
    save_branding_setting(profile)
    loaded = load_branding_setting()
    assert loaded.consultancy_name == "Acme" and loaded.primary_colour == "#102030"
    assert loaded.logo is not None and loaded.logo.data == logo.read_bytes()
    QSettings().setValue("branding/profile", "{garbage")
    assert load_branding_setting() == default_branding()


def test_dialog_edits_and_saves_the_profile(qtbot, tmp_path: Path) -> None:
    dialog = BrandingDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("  Ffordd   Consulting ")
    dialog.footer.setText("Cyfrinachol")
    dialog.primary.set_colour("#336699")
    assert dialog.logo.load_file(write_png(tmp_path / "logo.png"))
    assert dialog.client_logo.load_file(write_png(tmp_path / "client.png"))
    profile = dialog.profile()
    assert profile.consultancy_name == "Ffordd Consulting" and profile.footer_text == "Cyfrinachol"
    assert profile.primary_colour == "#336699" and profile.logo is not None and profile.client_logo is not None
    assert profile.logo_path.endswith("logo.png")
    dialog.accept()
    assert load_branding_setting().consultancy_name == "Ffordd Consulting"


def test_a_bad_logo_file_is_explained_inline(qtbot, tmp_path: Path) -> None:
    dialog = BrandingDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    bad = tmp_path / "notes.png"
    bad.write_text("not a picture")
    assert not dialog.logo.load_file(bad)
    assert dialog.logo.problem.isVisible() and "is not a PNG, JPEG or SVG image" in dialog.logo.problem.text()
    assert dialog.profile().logo == default_branding().logo  # the previous logo stays


def test_restore_default(qtbot) -> None:
    dialog = BrandingDialog(profile=BrandingProfile(consultancy_name="X", primary_colour="#FF0000"))
    qtbot.addWidget(dialog)
    dialog.reset.click()
    assert dialog.profile().primary_colour == default_branding().primary_colour
    assert dialog.profile().consultancy_name == default_branding().consultancy_name


def test_default_report_name_is_safe() -> None:
    name = report_export.default_report_name('Highways: "A/B" review?', "Follow-up")
    assert name == "Highways A B review - Follow-up report.pdf"
    assert report_export.default_report_name("...", "") .endswith(".pdf")


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _ready_box() -> QMessageBox | None:
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    return boxes[0] if boxes else None


def test_export_builds_off_the_ui_thread_and_offers_to_open(qtbot, parent, demo_path: Path,
                                                           tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out" / "Report.pdf"
    out.parent.mkdir()
    monkeypatch.setattr(report_export.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(out.with_suffix("")), report_export.LETTER_FILTER))
    opened: list[str] = []
    monkeypatch.setattr(export_task.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    profile = BrandingProfile(consultancy_name="Acme Partners")
    with Engagement.open(demo_path) as eng:
        report_export.export_report(parent, eng, None, profile)
        assert any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
                   + parent.findChildren(QProgressDialog))
        qtbot.waitUntil(lambda: _ready_box() is not None, timeout=30_000)
        assert eng.branding_json() is None  # an export reads the branding, never writes it
    box = _ready_box()
    assert box is not None and "Report.pdf" in box.text()
    box.buttons()[0].click()  # Open report
    assert opened == [str(out)]
    page = pypdf.PdfReader(str(out)).pages[0]
    assert round(float(page.mediabox[2])) == 612  # the US Letter filter was chosen
    assert QSettings().value("report/page_size") == "letter"


def test_export_failure_is_shown_once(qtbot, parent, demo_path: Path, tmp_path: Path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(report_export, "show_error", lambda _p, title, exc, details="": shown.append(str(exc)))
    with Engagement.open(demo_path, readonly=True) as eng:
        report_export.export_report(parent, eng, None, None, output=tmp_path / "no" / "such" / "r.pdf",
                                    page_size="a4")
        qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert "could not be written" in shown[0]
    assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in parent.findChildren(QProgressDialog))


def test_cancelling_the_file_dialog_does_nothing(qtbot, parent, demo_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(report_export.QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    with Engagement.open(demo_path) as eng:
        report_export.export_report(parent, eng, None, default_branding())
        assert eng.branding_json() is None
