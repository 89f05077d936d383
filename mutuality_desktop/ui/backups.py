"""Rolling automatic backups of the open engagement, and File → Restore from backup….

A backup is taken when an editable engagement opens, every few minutes while it is being
changed, and as it closes if it changed since the last one, so the backups always hold the state
each session ended in. A failed backup never interrupts the room: it is logged and noted in the status bar.
core.backups (and with it SQLAlchemy) is imported only when first needed.
"""

from __future__ import annotations

import datetime as dt
import traceback
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from . import theme
from .crash import write_log
from .messages import explain
from .widgets import caption

if TYPE_CHECKING:
    from ..core.backups import Backup
    from .main_window import MainWindow

BACKUP_INTERVAL_MS = 5 * 60 * 1000
KEEP = 12
BACKUP_ROLE = Qt.ItemDataRole.UserRole


def backup_root() -> Path:
    """Return the folder holding every engagement's backups (in the app's data folder)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return (Path(base) if base else Path.home() / ".mutuality-desktop") / "backups"


def when(taken: dt.datetime, now: dt.datetime | None = None) -> str:
    """Say when a backup was taken, the way a person would ('Today at 14:32:05')."""
    now = now or dt.datetime.now()
    clock = f"{taken:%H:%M:%S}"
    if taken.date() == now.date():
        return f"Today at {clock}"
    if taken.date() == now.date() - dt.timedelta(days=1):
        return f"Yesterday at {clock}"
    return f"{taken.day} {taken:%b %Y} at {clock}"


class BackupKeeper(QObject):
    """Take a backup when an editable engagement opens, then every 5 minutes while it changes."""

    backup_taken = Signal(Path)
    backup_failed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.root: Path | None = None  # None: backup_root(), looked up when needed
        self.dirty = False
        self.timer = QTimer(self)
        self.timer.setInterval(BACKUP_INTERVAL_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        window.document_opened.connect(self._on_window_document_opened)
        window.document_closing.connect(self._on_window_document_closing)
        window.document_closed.connect(self._on_window_document_closed)

    def folder(self) -> Path:
        return self.root if self.root is not None else backup_root()

    def _on_window_document_opened(self) -> None:
        doc = self.window.doc
        self.dirty = False
        if doc is None or doc.readonly:
            self.timer.stop()
            return
        doc.changed.connect(self._on_doc_changed)
        self.take()
        self.timer.start()

    def _on_window_document_closing(self) -> None:
        if self.dirty:
            self.take()

    def _on_window_document_closed(self) -> None:
        self.timer.stop()
        self.dirty = False

    def _on_doc_changed(self, _what: str) -> None:
        self.dirty = True

    def _on_timer_timeout(self) -> None:
        if self.dirty:
            self.take()

    def take(self) -> Path | None:
        """Back up the open engagement now; on failure log it and say so quietly."""
        doc = self.window.doc
        if doc is None or doc.readonly:
            return None
        try:
            from ..core.backups import take_backup

            path = take_backup(doc.engagement, self.folder(), KEEP)
        except Exception as exc:  # noqa: BLE001 - a failed backup must never stop the workshop
            write_log("Automatic backup failed:\n" + "".join(traceback.format_exception(exc)))
            message = (f"Automatic backup not made ({_reason(exc)}). Your engagement file itself "
                       "is saved as usual.")
            self.window.statusBar().showMessage(message, 30000)
            self.backup_failed.emit(message)
            return None
        self.dirty = False
        self.backup_taken.emit(path)
        return path


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return explain(exc).rstrip(".")


class RestoreDialog(QDialog):
    """List one engagement's backups, newest first; restore the chosen one as a new file."""

    restored = Signal(Path)
    open_requested = Signal(Path)

    def __init__(self, backups: list[Backup], title: str, suggest_folder: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.setMinimumSize(680, 460)
        self.suggest_folder = suggest_folder
        self.restored_path: Path | None = None
        intro = QLabel(f"Automatic backups of <b>{escape(title)}</b>, newest first.")
        intro.setWordWrap(True)
        how = caption(f"A backup is taken when you open the engagement and every "
                      f"{BACKUP_INTERVAL_MS // 60000} minutes while you work; the last {KEEP} are "
                      "kept. Restoring writes a new file: the open engagement is not changed.")
        how.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["Taken", "Title"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(False)
        self.list.setFrameShape(QFrame.Shape.StyledPanel)
        self.list.setStyleSheet(f"QTreeWidget {{ border: 1px solid {theme.LINE}; "
                                "border-radius: 6px; } QTreeWidget::item { padding: 5px 4px; }")
        self._fill(backups)
        self.problem = QLabel(wordWrap=True)
        self.problem.setProperty("role", "hint")
        self.problem.hide()
        self.done_row = QFrame()
        self.done_row.setProperty("role", "banner-info")
        done = QHBoxLayout(self.done_row)
        done.setContentsMargins(12, 8, 8, 8)
        self.done_label = QLabel(wordWrap=True)
        self.done_label.setTextFormat(Qt.TextFormat.PlainText)
        self.open_button = QPushButton("Open it")
        self.open_button.setProperty("role", "primary")
        done.addWidget(self.done_label, 1)
        done.addWidget(self.open_button)
        self.done_row.hide()
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("Restore as a copy…",
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setProperty("role", "primary")
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(how)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.done_row)
        layout.addWidget(buttons)
        self.list.itemSelectionChanged.connect(self._on_list_item_selection_changed)
        self.list.itemDoubleClicked.connect(self.ask_and_restore)
        self.restore_button.clicked.connect(self.ask_and_restore)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        buttons.rejected.connect(self.reject)
        self._on_list_item_selection_changed()

    def _fill(self, backups: list[Backup]) -> None:
        now = dt.datetime.now()
        for backup in backups:
            item = QTreeWidgetItem([when(backup.taken_at, now), backup.title])
            item.setData(0, BACKUP_ROLE, backup)
            item.setToolTip(0, f"{backup.taken_at:%Y-%m-%d %H:%M:%S}")
            item.setToolTip(1, f"Backed up from {backup.original}" if backup.original else "")
            self.list.addTopLevelItem(item)
        if not backups:
            empty = QTreeWidgetItem(["No backups yet", ""])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addTopLevelItem(empty)
        else:
            first = self.list.topLevelItem(0)
            if first is not None:
                self.list.setCurrentItem(first)
        self.list.resizeColumnToContents(0)
        self.list.setColumnWidth(0, self.list.columnWidth(0) + 32)

    def selected(self) -> Backup | None:
        item = self.list.currentItem()
        return item.data(0, BACKUP_ROLE) if item is not None and item.isSelected() else None

    def _on_list_item_selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def suggested_path(self, backup: Backup) -> Path:
        original = Path(backup.original) if backup.original else None
        folder = self.suggest_folder
        if original is not None and original.parent.is_dir():
            folder = original.parent
        stem = original.stem if original is not None else "Engagement"
        return folder / f"{stem} (restored {backup.taken_at:%Y-%m-%d %H.%M}).mutuality"

    def ask_and_restore(self) -> Path | None:
        """Ask where to put the copy, then write it (never over an existing file)."""
        backup = self.selected()
        if backup is None:
            return None
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Restore as a copy", str(self.suggested_path(backup)),
            "Engagement files (*.mutuality)", "", QFileDialog.Option.DontConfirmOverwrite)
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix != ".mutuality":
            target = target.with_name(target.name + ".mutuality")
        return self.restore_to(backup, target)

    def restore_to(self, backup: Backup, target: Path) -> Path | None:
        try:
            path = restore(backup, target)
        except Exception as exc:  # noqa: BLE001 - shown inline; backup and open file untouched
            self.done_row.hide()
            _set_role(self.restore_button, "primary")
            self.problem.setText(_failure(exc))
            self.problem.show()
            return None
        self.problem.hide()
        self.restored_path = path
        self.done_label.setText(f"The backup from {when(backup.taken_at).lower()} was restored as "
                                f"{path.name} in {path.parent}.")
        self.done_row.show()
        _set_role(self.restore_button, "")  # "Open it" is now the thing to do
        self.open_button.setDefault(True)
        self.open_button.setFocus()
        self.restored.emit(path)
        return path

    def _on_open_button_clicked(self) -> None:
        if self.restored_path is not None:
            path = self.restored_path
            self.accept()
            self.open_requested.emit(path)


def _set_role(button: QPushButton, role: str) -> None:
    button.setProperty("role", role)
    button.style().unpolish(button)
    button.style().polish(button)


def restore(backup: Backup, target: Path) -> Path:
    """Write backup to target through core; remove a half-written copy, never an older file."""
    from ..core.backups import restore_backup

    existed = target.exists()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return restore_backup(backup, target)
    except BaseException:
        if not existed:
            target.unlink(missing_ok=True)
        raise


def _failure(exc: BaseException) -> str:
    from ..core.errors import MutualityError

    if isinstance(exc, MutualityError):
        return explain(exc)
    write_log("Restore from backup failed:\n" + "".join(traceback.format_exception(exc)))
    return f"The backup could not be restored: {_reason(exc)}."


def restore_from_backup(window: MainWindow) -> RestoreDialog | None:
    """Show the backups of the open engagement; open a restored copy if asked."""
    if window.doc is None:
        return None
    from ..core.backups import list_backups

    engagement: Any = window.doc.engagement
    info = engagement.info()
    keeper = getattr(window, "backups", None)
    root = keeper.folder() if isinstance(keeper, BackupKeeper) else backup_root()
    dialog = RestoreDialog(list_backups(root, info.uuid, engagement.path), info.title,
                           window.settings.last_folder(), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open_requested.connect(window.open_path)
    dialog.open()
    return dialog
