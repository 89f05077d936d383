"""Export for email (plain or with a passphrase) and opening a protected file, through the widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox
from shiboken6 import isValid

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.exchange import is_sealed
from mutuality_desktop.core.summary import summarise
from mutuality_desktop.ui import export_task
from mutuality_desktop.ui.exchange_dialogs import ExportDialog
from mutuality_desktop.ui.exchange_files import email_file_name, unlock_copy
from mutuality_desktop.ui.unlock_dialog import UnlockDialog

PASSPHRASE = "Castleway-2026"
WRONG_MESSAGE = "The passphrase for secret.mutuality is wrong (or the file was damaged in transit)."


def _export_dialog(qtbot, window) -> ExportDialog:
    window.actions_.email.trigger()
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _closed(dialog) -> bool:
    return not isValid(dialog) or not dialog.isVisible()


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _tick(qtbot, box) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _snapshot(path: Path) -> tuple:
    """What a colleague sees: details, people, every round's scores and the actions."""
    with Engagement.open(path, readonly=True) as eng:
        rounds = eng.rounds()
        return (eng.info(), eng.participants(), rounds,
                [sorted(eng.scores(r.id).items()) for r in rounds], eng.actions())


def _export_sealed(qtbot, window, target: Path) -> None:
    dialog = _export_dialog(qtbot, window)
    dialog.path_edit.setText(str(target))
    _tick(qtbot, dialog.protect)
    qtbot.keyClicks(dialog.passphrase.editor, PASSPHRASE)
    qtbot.keyClicks(dialog.confirm.editor, PASSPHRASE)
    _click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: _closed(dialog), timeout=10000)


def test_export_for_email_writes_a_checked_copy_and_says_where(qtbot, window, demo_path, tmp_path,
                                                             monkeypatch):
    window.open_path(demo_path)
    assert window.actions_.email.shortcut() == QKeySequence("Ctrl+Shift+E")
    dialog = _export_dialog(qtbot, window)
    title = window.doc.engagement.info().title
    assert Path(dialog.path_edit.text()) == window.settings.last_folder() / email_file_name(title)
    assert dialog.path_edit.text().endswith(" (for email).mutuality")
    assert not dialog.section.isVisible()  # no passphrase unless asked for
    target = tmp_path / "out" / "for colleague"  # the folder is made, the suffix added
    dialog.path_edit.setText(str(target))
    _click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: _closed(dialog), timeout=10000)
    written = target.with_name("for colleague.mutuality")
    assert not is_sealed(written)
    assert "export checksum verified" in summarise(written)
    assert window.statusBar().currentMessage() == f"Exported for email: {written}"
    assert window.doc.path == demo_path and window.doc.is_saved()
    # play-through 18: confirmed in a message like every other export, not only the status bar
    box = _ready_box(qtbot)
    assert box.windowTitle() == "Copy for email ready"
    assert box.text() == f"The copy for email was written to {written}."
    assert sorted(b.text() for b in box.buttons()) == ["Close", "Show folder"]  # no Open
    opened: list[str] = []
    monkeypatch.setattr(export_task.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    _click(qtbot, next(b for b in box.buttons() if b.text() == "Show folder"))
    assert opened == [str(written.parent)]
    qtbot.waitUntil(lambda: _closed(box))


def _ready_box(qtbot) -> QMessageBox:
    def shown() -> list[QMessageBox]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()))
    return shown()[0]


def test_the_export_dialog_has_a_fixed_size_so_no_resize_handle_shows(qtbot, window, demo_path):
    """Play-through 18: a stray clipped strip along the bottom (the window manager's resize
    handle) of the email export dialog (the Office export now asks in the save dialog)."""
    window.open_path(demo_path)
    dialog = _export_dialog(qtbot, window)
    assert dialog.minimumSize() == dialog.maximumSize() == dialog.size()
    height = dialog.height()
    _tick(qtbot, dialog.protect)  # the passphrase section: the dialog grows to show it all
    assert dialog.height() > height and dialog.minimumSize() == dialog.maximumSize()
    dialog.reject()


def test_the_passphrase_is_checked_inline_and_its_loss_explained(qtbot, window, demo_path,
                                                                  tmp_path):
    window.open_path(demo_path)
    dialog = _export_dialog(qtbot, window)
    target = tmp_path / "secret.mutuality"
    dialog.path_edit.setText(str(target))
    _tick(qtbot, dialog.protect)
    assert dialog.section.isVisible()
    assert "cannot be recovered" in dialog.warning.findChild(QLabel).text()
    qtbot.keyClicks(dialog.passphrase.editor, "short")
    qtbot.keyClick(dialog.passphrase.editor, Qt.Key.Key_Tab)  # leaving the field shows the problem
    assert dialog.passphrase.hint.isVisible()
    assert dialog.passphrase.hint.text() == "Use at least 8 characters."
    qtbot.keyClicks(dialog.confirm.editor, "shorts")
    assert dialog.confirm.hint.text() == "The two passphrases do not match."
    _click(qtbot, dialog.export_button)
    assert dialog.isVisible() and not target.exists()
    dialog.passphrase.editor.selectAll()
    qtbot.keyClicks(dialog.passphrase.editor, "long enough")
    assert not dialog.passphrase.hint.isVisible()  # corrected at once
    dialog.confirm.editor.selectAll()
    qtbot.keyClicks(dialog.confirm.editor, "long enough")
    assert not dialog.confirm.hint.isVisible()
    assert dialog.problems() == {}


def test_a_protected_export_opens_with_the_right_passphrase_only(qtbot, window, demo_path, tmp_path,
                                                                  monkeypatch):
    window.open_path(demo_path)
    target = tmp_path / "secret.mutuality"
    _export_sealed(qtbot, window, target)
    assert is_sealed(target)
    assert "protected with a passphrase" in window.statusBar().currentMessage()
    sealed_bytes = target.read_bytes()
    window.close_document()

    # Open… is the same path as recent files, drops and the command line.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    window.open_dialog()
    dialog = window.findChild(UnlockDialog)
    assert dialog is not None and dialog.isVisible() and window.doc is None
    assert not dialog.unlock_button.isEnabled()
    qtbot.keyClicks(dialog.field.editor, "not the passphrase")
    _click(qtbot, dialog.unlock_button)
    qtbot.waitUntil(lambda: dialog.field.hint.isVisible(), timeout=10000)
    assert dialog.field.hint.text() == WRONG_MESSAGE
    assert dialog.isVisible() and window.doc is None
    assert target.read_bytes() == sealed_bytes
    assert sorted(p.name for p in tmp_path.glob("secret*")) == ["secret.mutuality"]

    dialog.field.editor.selectAll()  # the wrong one is selected, ready to be typed over
    qtbot.keyClicks(dialog.field.editor, PASSPHRASE)
    _click(qtbot, dialog.unlock_button)
    qtbot.waitUntil(lambda: window.doc is not None, timeout=10000)
    unlocked = tmp_path / "secret (unlocked).mutuality"
    assert window.doc.path == unlocked and not window.doc.readonly
    assert window.current_page() == "Walkthrough"
    assert window.statusBar().currentMessage() == f"Unlocked copy saved as {unlocked}"
    assert target.read_bytes() == sealed_bytes  # the original is never modified
    window.close_document()
    assert _snapshot(unlocked) == _snapshot(demo_path)


def test_cancelling_the_passphrase_opens_nothing_and_writes_nothing(qtbot, window, demo_path,
                                                                   tmp_path):
    window.open_path(demo_path)
    target = tmp_path / "secret.mutuality"
    _export_sealed(qtbot, window, target)
    assert window.open_path(target) is False  # asks first; the open engagement stays open
    dialog = window.findChild(UnlockDialog)
    _click(qtbot, dialog.cancel_button)
    assert _closed(dialog)
    assert window.doc.path == demo_path
    assert sorted(p.name for p in tmp_path.glob("secret*")) == ["secret.mutuality"]


def test_unlocked_copies_never_overwrite_and_fall_back_to_documents(qtbot, window, demo_path,
                                                                   tmp_path):
    window.open_path(demo_path)
    target = tmp_path / "secret.mutuality"
    _export_sealed(qtbot, window, target)
    first = unlock_copy(target, PASSPHRASE, [tmp_path])
    second = unlock_copy(target, PASSPHRASE, [tmp_path])
    assert first.name == "secret (unlocked).mutuality"
    assert second.name == "secret (unlocked 2).mutuality"
    blocked = tmp_path / "not a folder"
    blocked.write_text("a file where a folder should be", encoding="utf-8")
    docs = tmp_path / "Documents" / "Mutuality"
    third = unlock_copy(target, PASSPHRASE, [blocked, docs])
    assert third == docs / "secret (unlocked).mutuality"
    assert "OK secret (unlocked).mutuality" in summarise(third)
    emailed = tmp_path / "Highways review (for email).mutuality"  # the name Export for email suggests
    emailed.write_bytes(target.read_bytes())
    assert unlock_copy(emailed, PASSPHRASE, [tmp_path]).name == "Highways review (unlocked).mutuality"
