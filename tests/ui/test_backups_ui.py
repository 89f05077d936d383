"""Rolling automatic backups while working, and Restore from backup as a new file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox
from shiboken6 import isValid

from mutuality_desktop.core.backups import list_backups
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.ui import crash
from mutuality_desktop.ui.backups import BACKUP_INTERVAL_MS, RestoreDialog, backup_root


def _backups(window):
    return list_backups(window.backups.folder(), window.doc.engagement.info().uuid)


def _agreed_first_factor(path):
    with Engagement.open(path, readonly=True) as eng:
        factor = eng.framework.workshop_order()[0].factors[0].id
        score = eng.scores(eng.rounds()[0].id).get((factor, "client"))
        return None if score is None else score.level


def _visible_dialogs():
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog | QMessageBox) and isValid(w) and w.isVisible()]


def test_backups_are_taken_on_open_and_every_five_minutes_while_editing(qtbot, window, blank_path):
    window.open_path(blank_path)
    assert window.backups.folder() == backup_root() and backup_root().name == "backups"
    assert len(_backups(window)) == 1  # on open
    assert window.backups.timer.isActive()
    assert window.backups.timer.interval() == BACKUP_INTERVAL_MS == 5 * 60 * 1000
    window.backups.timer.timeout.emit()  # nothing changed: no new backup
    assert len(_backups(window)) == 1
    qtbot.keyClicks(window.workshop.guide, "3")
    window.backups.timer.timeout.emit()
    backups = _backups(window)
    assert len(backups) == 2 and backups[0].taken_at > backups[1].taken_at
    assert _agreed_first_factor(backups[0].path) == 3
    assert _agreed_first_factor(backups[1].path) is None
    window.close_document()
    assert not window.backups.timer.isActive()


def test_closing_after_a_change_takes_a_last_backup(qtbot, window, blank_path):
    window.open_path(blank_path)
    uuid = window.doc.engagement.info().uuid
    folder = window.backups.folder()
    window.close_document()  # nothing changed since the backup on open: no second one
    assert len(list_backups(folder, uuid)) == 1
    window.open_path(blank_path)
    qtbot.keyClicks(window.workshop.guide, "4")
    window.close_document()  # changed, and the 5-minute timer has not fired: one more, as it closed
    backups = list_backups(folder, uuid)
    assert len(backups) == 3  # open, open again, close
    assert _agreed_first_factor(backups[0].path) == 4


def test_restore_as_a_copy_writes_a_new_file_and_offers_to_open_it(qtbot, window, blank_path,
                                                                   tmp_path, monkeypatch):
    window.open_path(blank_path)
    qtbot.keyClicks(window.workshop.guide, "3")
    window.backups.timer.timeout.emit()
    qtbot.keyClicks(window.workshop.guide, "1")  # a later change the room regrets
    assert window.actions_.restore.isEnabled()
    window.actions_.restore.trigger()
    dialog = window.findChild(RestoreDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.list.topLevelItemCount() == 2
    newest = dialog.list.topLevelItem(0)
    assert newest.text(0).startswith("Today at ")
    assert newest.text(1) == "Highways partnership review"
    assert dialog.selected() == _backups(window)[0] and dialog.restore_button.isEnabled()

    taken = tmp_path / "taken.mutuality"
    taken.write_bytes(b"someone else's file")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(taken), ""))
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.isVisible() and "already exists" in dialog.problem.text()
    assert taken.read_bytes() == b"someone else's file"  # never written over

    target = tmp_path / "restored"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    restored = tmp_path / "restored.mutuality"
    assert restored.exists() and not dialog.problem.isVisible()
    assert dialog.done_row.isVisible() and "restored.mutuality" in dialog.done_label.text()
    assert window.doc.path == blank_path  # the open engagement is untouched until asked
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert window.doc is not None and window.doc.path == restored and not window.doc.readonly
    assert window.workshop.guide.chosen("client") == 3
    window.close_document()
    assert _agreed_first_factor(blank_path) == 1  # the original kept its latest state


def test_a_failed_backup_is_a_quiet_note_never_a_dialog(qtbot, window, blank_path, tmp_path):
    blocked = tmp_path / "backups-is-a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    window.backups.root = blocked
    reports = crash.report_count()
    window.open_path(blank_path)
    assert window.doc is not None and window.current_page() == "Walkthrough"
    assert window.statusBar().currentMessage().startswith("Automatic backup not made (")
    assert "engagement file itself is saved" in window.statusBar().currentMessage()
    assert _visible_dialogs() == [] and crash.current_dialog() is None
    assert crash.report_count() == reports
    assert any("Automatic backup failed" in log.read_text(encoding="utf-8")
               for log in crash.log_folder().glob("crash-*.log"))
    qtbot.keyClicks(window.workshop.guide, "2")  # work goes on, saved as usual
    window.backups.timer.timeout.emit()
    assert _visible_dialogs() == [] and window.save_label.text().endswith("All changes saved")


def test_read_only_engagements_are_not_backed_up(qtbot, window, blank_path):
    holder = Engagement.open(blank_path)  # another editor holds the file
    try:
        window.open_path(blank_path)
        assert window.doc.readonly
        uuid = window.doc.engagement.info().uuid
        assert list_backups(window.backups.folder(), uuid) == []
        assert not window.backups.timer.isActive()
    finally:
        holder.close()
