"""Export for email by keyboard, and Save a copy to edit… from a folder that cannot be written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog
from shiboken6 import isValid

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.exchange import is_sealed
from mutuality_desktop.ui import exchange_files
from mutuality_desktop.ui.exchange_dialogs import ExportDialog

from .journey import click, focused, press, stored, type_keys

PASSPHRASE = "Castleway-2026"


def test_return_in_a_passphrase_box_exports_and_never_opens_browse(qtbot, window, blank_path,
                                                                   tmp_path, monkeypatch):
    browsed = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: browsed.append(a) or ("", ""))
    window.open_path(blank_path)
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    target = tmp_path / "for email.mutuality"
    click(qtbot, dialog.path_edit)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(qtbot, str(target))
    qtbot.mouseClick(dialog.protect, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.protect.height() // 2))
    assert focused() is dialog.passphrase.editor
    type_keys(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=10000)
    assert browsed == []
    assert target.exists() and is_sealed(target)


def _read_only_in(monkeypatch, folder: Path) -> None:
    """Make folder behave like a read-only share (chmod does not stop an administrator)."""
    real = exchange_files.write_problem

    def problem(where: Path) -> str:
        return "Read-only file system" if Path(where) == folder else real(where)

    monkeypatch.setattr(exchange_files, "write_problem", problem)


def test_save_a_copy_from_a_read_only_folder_proposes_documents_and_says_save_on_failure(
        qtbot, window, blank_path, monkeypatch):
    folder = blank_path.parent
    _read_only_in(monkeypatch, folder)
    holder = Engagement.open(blank_path)  # someone else has it, so it opens read-only
    try:
        window.open_path(blank_path)
        assert window.doc.readonly
        proposed: list[Path] = []
        answers = iter([folder / "mine.mutuality", None])

        def save_dialog(_parent, _title, start, _filter):
            proposed.append(Path(start))
            answer = next(answers)
            return (str(answer or start), "")

        monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
        button = window.save_banner.button("Save a copy to edit…")
        click(qtbot, button)  # the user insists on the read-only folder
        shown = window.banner.text()
        assert "could not be saved" in shown and "opened" not in shown and "Documents" in shown
        assert not (folder / "mine.mutuality").exists()
        click(qtbot, window.save_banner.button("Save a copy to edit…"))
    finally:
        holder.close()
    assert proposed[0].parent != folder and proposed[0].parent == exchange_files.documents_folder()
    assert window.doc.path == proposed[1] and not window.doc.readonly
    with stored(proposed[1]) as eng:
        assert eng.info().title == "Highways partnership review"
