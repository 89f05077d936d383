"""File → Export to Office: the dialog, the export off the UI thread, Cancel, the menu entries."""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from mutuality_desktop.core.branding import BrandingProfile, default_branding
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.ui import export_task, office_export
from mutuality_desktop.ui.settings import Settings


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _ready_box() -> QMessageBox | None:
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    return boxes[0] if boxes else None


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pptx"])
def test_each_output_is_written_off_the_ui_thread_and_its_place_told(qtbot, parent, demo_path: Path,
                                                                     tmp_path: Path, monkeypatch, kind) -> None:
    out = tmp_path / f"out.{kind}"
    opened: list[str] = []
    monkeypatch.setattr(export_task.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    threads: list[str] = []
    real_build = office_export.build

    def build(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(office_export, "build", build)
    with Engagement.open(demo_path) as eng:
        office_export.export_office(parent, eng, None, BrandingProfile(consultancy_name="Acme Partners"),
                                    kind, output=out)
        assert any(w.isVisible() for w in parent.findChildren(QProgressDialog))
        qtbot.waitUntil(lambda: _ready_box() is not None, timeout=60_000)
        assert eng.branding_json() is None  # an export reads the branding, never writes it
    assert threads and threads[0] != threading.main_thread().name
    box = _ready_box()
    assert box is not None and str(out) in box.text()
    next(b for b in box.buttons() if b.text() == "Show folder").click()
    assert opened == [str(tmp_path)]
    assert out.stat().st_size > 10_000


def test_cancel_stops_the_export_and_leaves_no_file(qtbot, parent, demo_path: Path, tmp_path: Path,
                                                    monkeypatch) -> None:
    out = tmp_path / "cancelled.docx"
    real_build = office_export.build

    def slow(kind, data, output, profile, template, cancel, source=None):  # type: ignore[no-untyped-def]
        cancel.wait(20)  # the user presses Cancel while it runs
        return real_build(kind, data, output, profile, template, cancel, source)

    monkeypatch.setattr(office_export, "build", slow)
    finished: list[object] = []
    with Engagement.open(demo_path, readonly=True) as eng:
        office_export.export_office(parent, eng, None, default_branding(), "docx", output=out,
                                    on_finished=finished.append)
        progress = next(w for w in parent.findChildren(QProgressDialog) if w.isVisible())
        button = progress.findChild(QPushButton)
        assert button is not None and button.text() == "Cancel"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(finished), timeout=60_000)
    assert finished == [None]
    assert not out.exists() and not list(tmp_path.glob(".cancelled.docx*"))
    box = _ready_box()
    assert box is not None and box.text() == "The Word report was cancelled: nothing was written."
    assert box.informativeText() == f"There is no cancelled.docx in {tmp_path}."
    assert not any(w.isVisible() for w in parent.findChildren(QProgressDialog))
    box.close()


def test_a_bad_house_template_is_explained(qtbot, parent, demo_path: Path, tmp_path: Path,
                                           monkeypatch) -> None:
    bad = tmp_path / "house.docx"
    bad.write_text("not a Word file", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(office_export, "show_error",
                        lambda _p, title, exc, details="": shown.append(f"{title}: {exc}"))
    with Engagement.open(demo_path, readonly=True) as eng:
        office_export.export_office(parent, eng, None, default_branding(), "docx",
                                    output=tmp_path / "r.docx", template=bad)
        qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    assert shown == ["The Word report could not be made: The house template house.docx is not a Word "
                     "document (.docx or .dotx)."]


def test_the_save_dialog_names_the_file_and_takes_the_type_chosen(qtbot, tmp_path: Path, monkeypatch) -> None:
    """The same save dialog as File → Export report: a default name from the title and round, the
    format as its type; a name typed without an extension takes the type chosen."""
    asked: list[tuple[str, str, str]] = []

    def answer(_parent, _title, start, filters, chosen):  # type: ignore[no-untyped-def]
        asked.append((start, filters, chosen))
        return str(tmp_path / "mine"), office_export.KINDS["pptx"][1]

    monkeypatch.setattr(office_export.QFileDialog, "getSaveFileName", answer)
    info = SimpleNamespace(title='Highways: "A/B" review?', uuid="e-1")
    eng = SimpleNamespace(path=str(tmp_path / "e.mutuality"), info=lambda: info)
    got = office_export.ask_office_output(None, eng, "Follow-up", "xlsx")  # type: ignore[arg-type]
    start, filters, chosen = asked[0]
    assert Path(start) == tmp_path / "Highways A B review - Follow-up workbook.xlsx"
    assert filters == "Excel workbook (*.xlsx);;PowerPoint presentation (*.pptx)" and chosen.startswith("Excel")
    assert got == (tmp_path / "mine.pptx", "pptx")
    assert Settings().export_folder("e-1", tmp_path / "elsewhere" / "e.mutuality") == tmp_path  # remembered


def test_the_file_menu_reaches_every_output(qtbot, demo_path: Path, tmp_path: Path, monkeypatch) -> None:
    from mutuality_desktop.ui.main_window import MainWindow
    from mutuality_desktop.ui.settings import Settings

    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.show()
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    office = next(a.menu() for a in menu.actions() if a.text() == "Export to O&ffice")
    assert not office.isEnabled()  # nothing open yet
    settings = next(a.menu() for a in menu.actions() if a.text() == "&Settings")
    assert "&House template (.docx)…" in [a.text() for a in settings.actions()]
    assert window.open_path(demo_path)
    assert office.isEnabled()
    names = [a.text() for a in office.actions()]
    assert names == ["&Word report…", "&Excel workbook…", "&PowerPoint deck…"]
    chosen: list[str] = []

    def save(_parent, _title, _start, _filters, picked):  # type: ignore[no-untyped-def]
        chosen.append(picked.split(" (")[0])
        return str(tmp_path / "menu.xlsx"), picked

    monkeypatch.setattr(office_export.QFileDialog, "getSaveFileName", save)
    office.actions()[1].trigger()
    qtbot.waitUntil(lambda: _ready_box() is not None, timeout=60_000)
    assert chosen == ["Excel workbook"] and (tmp_path / "menu.xlsx").exists()
    _ready_box().close()  # type: ignore[union-attr]
    window.close_document()


def test_settings_house_template_is_what_word_exports_use(qtbot, tmp_path: Path, monkeypatch) -> None:
    house = tmp_path / "firm.docx"
    monkeypatch.setattr(office_export.QFileDialog, "getOpenFileName", lambda *a, **k: (str(house), ""))
    dialog = office_export.HouseTemplateDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.label.text() == "The default shipped with the app" and not dialog.default_button.isEnabled()
    assert dialog.width() <= 800  # the explanation wraps; the dialog fits a projector's 1024 px
    qtbot.mouseClick(dialog.findChildren(QPushButton)[0], Qt.MouseButton.LeftButton)  # Choose…
    assert office_export.house_template() == house
    from mutuality_desktop.ui.report_options import ReportOptionsDialog, saved_options

    options = ReportOptionsDialog(saved_options(), False)  # the Word report's options show it
    qtbot.addWidget(options)
    assert options.template.template == house and options.template.label.text() == "firm.docx"
    qtbot.mouseClick(dialog.default_button, Qt.MouseButton.LeftButton)
    assert office_export.house_template() is None
