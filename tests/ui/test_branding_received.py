"""A colleague's file keeps its branding: File → Settings → Branding… opens on the file's own
branding (play-through s6: it opened on this computer's settings, and OK replaced the colleague's
branding with mine). Only OK writes, as one undoable change; the file is read back each time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from mutuality_desktop.core.branding import BrandingProfile
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.operations import SetBranding
from mutuality_desktop.ui.branding_dialog import (
    BrandingDialog,
    load_branding_setting,
    save_branding_setting,
)

from .journey import when_shown
from .test_export_journey import _history_and_bytes, _menu_item


def _received(path: Path) -> None:
    """The file as a colleague sent it: branded with their consultancy's name and footer, spelt
    as another copy may spell it (only the fields it sets, as `mutuality-desktop apply` takes it)."""
    with Engagement.open(path) as eng:
        eng.apply(SetBranding('{"consultancy_name": "Colleague & Co", "footer_text": "Prepared by Colleague & Co"}'))


def _branding_dialog(qtbot, window, answer) -> None:
    when_shown(BrandingDialog, answer)
    _menu_item(qtbot, window, ["&File", "&Settings", "&Branding…"])


def _ok(qtbot, dialog: BrandingDialog) -> None:
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton, pos=ok.rect().center())


def test_ok_on_a_received_file_keeps_its_branding(qtbot, window, demo_path: Path) -> None:
    save_branding_setting(BrandingProfile(consultancy_name="Acme Partners"))  # mine, on this computer
    _received(demo_path)
    window.open_path(demo_path)
    window.doc.flush()
    before = _history_and_bytes(demo_path)
    seen: dict[str, object] = {}

    def look_then_ok(dialog: BrandingDialog) -> None:
        seen["name"], seen["footer"] = dialog.name.text(), dialog.footer.text()
        seen["mine too"] = dialog.keep_mine.isChecked()
        _ok(qtbot, dialog)

    _branding_dialog(qtbot, window, look_then_ok)
    qtbot.waitUntil(lambda: "name" in seen)
    assert seen == {"name": "Colleague & Co", "footer": "Prepared by Colleague & Co", "mine too": False}
    assert _history_and_bytes(demo_path)[0] == before[0]  # nothing changed: nothing written
    with Engagement.open(demo_path, readonly=True) as eng:
        assert "Colleague & Co" in (eng.branding_json() or "")
    assert load_branding_setting().consultancy_name == "Acme Partners"  # my settings are mine


def test_an_edit_to_a_received_files_branding_is_one_undoable_change(qtbot, window, demo_path: Path) -> None:
    save_branding_setting(BrandingProfile(consultancy_name="Acme Partners"))
    _received(demo_path)
    window.open_path(demo_path)
    window.doc.flush()
    before, _ = _history_and_bytes(demo_path)

    def edit_footer(dialog: BrandingDialog) -> None:
        qtbot.mouseClick(dialog.footer, Qt.MouseButton.LeftButton, pos=dialog.footer.rect().center())
        dialog.footer.selectAll()
        qtbot.keyClicks(QApplication.focusWidget(), "Draft for the partners")
        _ok(qtbot, dialog)

    _branding_dialog(qtbot, window, edit_footer)
    qtbot.waitUntil(lambda: len(_history_and_bytes(demo_path)[0]) == len(before) + 1, timeout=10_000)
    with Engagement.open(demo_path, readonly=True) as eng:
        stored = eng.branding_json() or ""
    assert "Colleague & Co" in stored and "Draft for the partners" in stored and "Acme" not in stored
    assert load_branding_setting().consultancy_name == "Acme Partners"
    undo = next(a for a in window.menuBar().actions() if a.text() == "&Edit").menu().actions()[0]
    assert undo.text() == "&Undo Change the report branding"
    _menu_item(qtbot, window, ["&Edit", undo.text()])
    with Engagement.open(demo_path, readonly=True) as eng:
        assert "Prepared by Colleague & Co" in (eng.branding_json() or "")
