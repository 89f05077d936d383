"""Export for email with a bare file name (play-through 12: "Folder: ." — the copy would have gone
to the app's working folder, the program folder): by keys, then the written copy read back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from shiboken6 import isValid

from mutuality_desktop.core.exchange import is_sealed, unseal_bytes
from mutuality_desktop.ui.exchange_dialogs import ExportDialog

from .journey import click, focused, press, stored, type_keys

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
PASSPHRASE = "Castleway-2026"


def _open_dialog(qtbot, window, path: Path, size: tuple[int, int]) -> ExportDialog:
    window.resize(*size)
    assert window.open_path(path)
    press(qtbot, Qt.Key.Key_E, CTRL_SHIFT)
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _type_name(qtbot, dialog: ExportDialog, name: str) -> None:
    click(qtbot, dialog.path_edit)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(qtbot, name)


def _folder_shown(dialog: ExportDialog) -> str:
    """The folder line as a person reads it (the zero-width spaces only let it wrap)."""
    assert dialog.folder_note.isVisible()
    return dialog.folder_note.text().replace("\u200b", "")


def _scores(path: Path) -> tuple:
    with stored(path) as eng:
        return eng.info().title, [sorted(eng.scores(r.id).items()) for r in eng.rounds()]


def test_a_bare_name_goes_in_the_folder_the_dialog_shows_and_is_named_in_full(
        qtbot, window, demo_path, tmp_path, monkeypatch):
    program = tmp_path / "program"  # the app's working folder, as when started from its install
    program.mkdir()
    monkeypatch.chdir(program)
    dialog = _open_dialog(qtbot, window, demo_path, (1024, 768))
    shown = Path(dialog.path_edit.text()).parent  # the folder the dialog opens on
    assert shown.is_absolute() and shown != program
    assert _folder_shown(dialog) == f"Folder: {shown}"
    _type_name(qtbot, dialog, "copy")  # a bare name, even without the suffix
    assert _folder_shown(dialog) == f"Folder: {shown}"  # was "Folder: ."
    assert dialog.folder_note.accessibleName() == f"Folder: {shown}"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=10000)
    written = shown / "copy.mutuality"
    assert written.is_file() and not (program / "copy.mutuality").exists()
    assert not is_sealed(written)
    assert window.statusBar().currentMessage() == f"Exported for email: {written}"
    assert _scores(written) == _scores(demo_path)  # the colleague gets the same engagement


def test_a_protected_copy_in_a_subfolder_named_whole_at_1366(qtbot, window, blank_path, tmp_path,
                                                             monkeypatch):
    program = tmp_path / "program"
    program.mkdir()
    monkeypatch.chdir(program)
    dialog = _open_dialog(qtbot, window, blank_path, (1366, 768))
    shown = Path(dialog.path_edit.text()).parent
    sub = "Partnership Board papers for the January meeting of both leadership teams"
    _type_name(qtbot, dialog, f"{sub}/for Sian.mutuality")
    assert _folder_shown(dialog) == f"Folder: {shown / sub}"  # whole: it wraps, never cut with "…"
    note = dialog.folder_note  # every line of it on screen (the dialog grows to hold them)
    qtbot.waitUntil(lambda: note.heightForWidth(note.width()) <= note.height(), timeout=3000)
    click(qtbot, dialog.protect, at=QPoint(8, dialog.protect.height() // 2))  # its box
    assert focused() is dialog.passphrase.editor
    type_keys(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=15000)
    written = shown / sub / "for Sian.mutuality"
    assert written.is_file() and is_sealed(written)
    assert not (program / sub).exists()
    assert unseal_bytes(written, PASSPHRASE)  # it opens with the passphrase
