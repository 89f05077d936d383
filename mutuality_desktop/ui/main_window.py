"""The shell: menus, pages (start, setup, walkthrough, results), banners and the save state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from . import merge_dialog, opening, unlock_dialog
from .backups import BackupKeeper
from .banner import Banner
from .document import EngagementDocument
from .menus import build_menus
from .results_host import ResultsHost
from .settings import Settings, data_folder
from .start_page import StartPage
from .status_bar import StatusBar
from .widgets import WINDOW_KEYS, PageSwitcher, guard_inputs

APP_NAME = "Mutuality Desktop"
PAGES = ("Setup", "Walkthrough", "Results")


class MainWindow(QMainWindow):
    """Hold at most one open engagement and show it; every change goes through its document."""

    document_opened = Signal()
    document_closing = Signal()  # the engagement is still open, its typing flushed
    document_closed = Signal()

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.doc: EngagementDocument | None = None
        self._setup_page: Any = None  # built when first shown or asked for (see setup_page)
        self.workshop: Any = None
        self._guide_built: Any = None  # the scoring guide the pages were built on (issue 21)
        self._guide_banner = ""  # the banner's note that the round on screen used an earlier guide
        self._ending = False  # the session is ending (SIGTERM, logout): close without questions
        self.setAcceptDrops(True)
        self._build()
        self.backups = BackupKeeper(self)
        self.actions_ = build_menus(self)
        self._file_keys_win()
        self._update_state()
        self.start.set_recent(self.settings.recent_files())
        self._fit_to_screen()

    def _file_keys_win(self) -> None:
        """The File menu's shortcuts work from a text box too (InputGuard reads this list)."""
        keys: list[str] = []
        menus = [a.menu() for a in self.menuBar().actions()[:1]]
        while menus:
            menu = menus.pop()
            if not isinstance(menu, QMenu):
                continue
            for action in menu.actions():
                menus.append(action.menu())
                keys += [key.toString() for key in action.shortcuts()]
        self.setProperty(WINDOW_KEYS, keys)

    def _fit_to_screen(self) -> None:
        """Take the geometry the window had last time if it fits a screen; else fit this one.

        A 1366x768 window with its title bar does not fit a 1366x768 laptop, and on a 1024x768
        projector the score boxes and the title-bar buttons were off-screen.
        """
        geometry = self.settings.window_geometry()
        if geometry is not None and self.restoreGeometry(geometry) and self._fits_a_screen():
            return
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1366, 768)
            return
        rect, maximized = fitted_geometry(screen.availableGeometry())
        self.setGeometry(rect)
        if maximized:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _fits_a_screen(self) -> bool:
        frame = self.frameGeometry() if self.isVisible() else self.geometry()
        return any(s.availableGeometry().contains(frame.center()) and
                   frame.width() <= s.availableGeometry().width() and
                   frame.height() <= s.availableGeometry().height() + 40
                   for s in QGuiApplication.screens())

    def _build(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.save_banner = Banner()
        self.banner = Banner()
        self.stack = QStackedWidget()
        layout.addWidget(self.save_banner)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.start = StartPage()
        self.results = ResultsHost()
        self.results.round_chosen.connect(self._on_results_round_chosen)
        self.results.move_guide_requested.connect(self.move_to_app_guide)
        self.stack.addWidget(self.start)
        self.stack.addWidget(self.results)
        self.page_switch = PageSwitcher(PAGES)
        self.page_switch.page_chosen.connect(self.show_page)
        self._menu_bar = QMenuBar()
        self._menu_row = _menu_row(self._menu_bar, self.page_switch)
        self.setMenuWidget(self._menu_row)
        status = StatusBar(self)  # the file's name or a message, each elided to its room
        self.setStatusBar(status)
        self.file_label = status.file_label
        self.save_label = QLabel()
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().setSizeGripEnabled(False)
        from .history_view import NamePrompt

        self.name_prompt = NamePrompt(self)  # "Changes are recorded as … · Set your name…"
        self.start.new_requested.connect(self.new_engagement)
        self.start.open_requested.connect(self.open_dialog)
        self.start.demo_requested.connect(self.open_demo)
        self.start.path_chosen.connect(self.open_path)

    @property
    def setup_page(self) -> Any:
        """The Setup page of the open engagement, built the first time it is shown or asked for:
        opening a file builds only the walkthrough a person sees first."""
        if self._setup_page is None and self.doc is not None and self.workshop is not None:
            from .setup import SetupPage

            setup = SetupPage(self.settings, self.doc)
            setup.walkthrough_requested.connect(lambda: self.show_page("Walkthrough"))
            setup.plan_requested.connect(self._on_setup_plan_requested)
            setup.round_added.connect(self.workshop.start_round)  # a new follow-up is the round to score
            self._replace_page("_setup_page", setup)
        return self._setup_page

    def menuBar(self) -> QMenuBar:  # noqa: N802 - Qt override
        """The menus, which share their row with the page switcher (see _menu_row)."""
        return self._menu_bar

    # --- pages -------------------------------------------------------------------------------

    def show_page(self, name: str) -> None:
        """Show Setup, Walkthrough or Results for the open engagement."""
        if self.doc is None:
            return
        page = self.setup_page if name == "Setup" else self.workshop if name == "Walkthrough" else self.results
        if name == "Results":
            self.results.show_engagement(self.doc.engagement, self.workshop.round_id)
        focus = QApplication.focusWidget()
        self.stack.setCurrentWidget(page)
        self.page_switch.set_current(name)
        if name == "Walkthrough":
            self.workshop.guide.setFocus()
        elif name == "Setup" and (focus is None or not page.isAncestorOf(focus)):
            # Arriving from another page, the keyboard waits on the page's tab, not in the first
            # box: a stray key edited the engagement's title (play-through 12). Tab goes on in.
            self.page_switch.buttons[name].setFocus(Qt.FocusReason.OtherFocusReason)

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        if widget is self.workshop and widget is not None:
            return "Walkthrough"
        if widget is self._setup_page and widget is not None:
            return "Setup"
        return "Results" if widget is self.results else "Start"

    # --- opening and closing -----------------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Open an engagement file (from the command line, a drop, the recent list or a dialog).

        A passphrase-protected file is not open yet on return: its unlocked copy opens once the
        passphrase is given.
        """
        path = Path(path)
        if self.doc is not None and self.doc.path.resolve() == path.resolve():
            self.show_page("Walkthrough")
            return True
        if unlock_dialog.is_sealed(path):
            unlock_dialog.ask_to_unlock(self, path)
            return False
        if merge_dialog.offer_merge(self, path):  # a returned copy of the open engagement
            return False
        if self.doc is not None:
            self.doc.flush()  # typing reaches the file before anything else happens
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:  # the new file opens first: a file that fails leaves the open one as it was
            engagement = opening.open_engagement(path)
        except opening.OpenFailed as exc:
            self.show_problem(str(exc))
            return False
        finally:
            self.unsetCursor()
        if not self.close_document():
            engagement.close()
            return False
        self.settings.add_recent(path)
        self.settings.set_last_folder(path.parent)
        self._adopt(engagement)
        self.show_page("Walkthrough")
        return True

    def open_dialog(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Open an engagement", str(self.settings.last_folder()),
                                                "Engagement files (*.mutuality)")
        if chosen:
            self.open_path(Path(chosen))

    def open_demo(self) -> bool:
        try:
            path = opening.ensure_demo(data_folder())
        except opening.OpenFailed as exc:
            self.show_problem(f"The demo could not be built: {exc}")
            return False
        return self.open_path(path)

    def new_engagement(self) -> None:
        if not self.close_document():
            return
        from .setup import SetupPage

        page = SetupPage(self.settings)
        page.create_requested.connect(self._on_setup_create_requested)
        page.cancel_requested.connect(self._on_setup_cancel_requested)
        self._replace_page("_setup_page", page)
        self.stack.setCurrentWidget(page)
        page.form.editor("title").setFocus()
        self._update_state()

    def _on_setup_create_requested(self, path: Path, info: Any) -> None:
        try:
            engagement = opening.create_engagement(path, info)
        except opening.OpenFailed as exc:
            self.show_problem(str(exc))
            return
        self.settings.add_recent(path)
        self.settings.set_last_folder(path.parent)
        self._adopt(engagement)
        self.show_page("Setup")

    def _on_setup_cancel_requested(self) -> None:
        self._replace_page("_setup_page", None)
        self.show_start()

    def _adopt(self, engagement: Any) -> None:
        """Make an opened engagement the window's document and build its pages."""
        self.banner.clear()
        if not engagement.readonly:
            QTimer.singleShot(ORM_PRELOAD_DELAY_MS, _preload_orm)
        self.doc = EngagementDocument(engagement, self)
        self.doc.save_state_changed.connect(self._update_state)
        self.doc.problem_raised.connect(self._on_doc_problem_raised)
        self.doc.stepped.connect(self._on_doc_stepped)
        self.doc.undo_stack.indexChanged.connect(self._update_state)
        self._build_pages()
        self._update_state()
        self.document_opened.emit()

    def _build_pages(self) -> None:
        """The walkthrough for the document, on the scoring guide it uses now; Setup is built again
        when next shown (see setup_page)."""
        from .workshop import WorkshopPage

        assert self.doc is not None
        self._guide_built = self.doc.engagement.framework
        if self.workshop is not None:  # built again on another guide: the old page saves no more
            self.doc.flush()
            self.doc.remove_flusher(self.workshop.flush)
        self._replace_page("_setup_page", None)
        workshop = WorkshopPage(self.doc, self.settings, parent=self.stack)
        workshop.scores_changed.connect(self.results.mark_stale)
        workshop.round_changed.connect(self.results.set_round)
        workshop.round_changed.connect(self._note_round_guide)
        workshop.actions_panel.draft_changed.connect(self._update_state)  # "Action not added yet"
        self._replace_page("workshop", workshop)
        self.results.show_engagement(None, None)
        self._note_round_guide(workshop.round_id)

    def _note_round_guide(self, round_id: int) -> None:
        """Say, in the banner, when the round on screen was scored on an earlier guide (issue 21)."""
        from ..core.framework_move import earlier_guide_note

        text = earlier_guide_note(self.doc.engagement, round_id) if self.doc is not None else ""
        if text:
            self.banner.show_message(text, "info")
        elif self._guide_banner and self.banner.text() == self._guide_banner:
            self.banner.clear()
        self._guide_banner = text

    def move_to_app_guide(self) -> None:
        """Results' offer: move the engagement to the app's newer scoring guide, after asking."""
        from .framework_move import ask_and_move

        ask_and_move(self)

    def rebuild_for_guide(self) -> None:
        """The engagement moved to another scoring guide, or an undo moved it back: build the pages
        again on the guide in use, at the same page and round (issue 21)."""
        if self.doc is None or self.workshop is None or self.doc.engagement.framework is self._guide_built:
            return
        page, round_id = self.current_page(), self.workshop.round_id
        self._build_pages()
        if any(r.id == round_id for r in self.doc.engagement.rounds()):
            self.workshop.set_round(round_id)
        page = page if page != "Start" else "Results"
        self.show_page(page)
        if page != "Walkthrough":  # the control that had the focus may be gone: keep it in the window
            self.page_switch.buttons[page].setFocus()

    def _on_setup_plan_requested(self) -> None:
        from .triage import plan_the_day

        plan_the_day(self)

    def _on_results_round_chosen(self, round_id: int) -> None:
        """A round picked on Results becomes the walkthrough's round too: one current round."""
        if self.workshop is not None and self.workshop.round_id != round_id:
            self.workshop.set_round(round_id)

    def _replace_page(self, attr: str, page: QWidget | None) -> None:
        old = getattr(self, attr)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        setattr(self, attr, page)
        if page is not None:
            self.stack.addWidget(page)
            guard_inputs(page)  # the wheel scrolls past unfocused boxes; Ctrl+Z reaches Edit → Undo
            self._status_link_last()

    def _status_link_last(self) -> None:
        """The status bar's "Set your name…" comes after the page in the Tab order, not between the
        page tabs and the page: a page built after the status bar had its widgets after the link in
        the focus chain, so Tab from the Setup tab went to the link before the first field
        (left alone in session 11). Put back into the status bar, it joins the end of the chain
        (QWidget.setTabOrder across the page and the status bar left Qt's chain pointing at deleted
        widgets once the page went: a crash on the next restyle)."""
        self.name_prompt.move_to_end_of_tab_order()

    def close_document(self) -> bool:
        """Close the open engagement after saving pending typing; return False if the user declines."""
        if self.doc is None:
            return True
        if self.workshop is not None and not self.doc.readonly:
            self.workshop.commit_action_draft()  # an action typed but not yet added goes in too
        self.doc.flush()
        if not self.doc.is_saved() and not self._ending and not self._confirm_close_unsaved():
            return False
        self.document_closing.emit()
        if self.workshop is not None and self.workshop.presentation is not None:
            self.workshop.presentation.close()
        self.results.show_engagement(None, None)
        self._replace_page("workshop", None)
        self._replace_page("_setup_page", None)
        doc, self.doc = self.doc, None
        # The closed document says nothing more to this window: its undo stack, cleared as it is
        # deleted, would report a change to a window that may itself be going (its menus gone).
        doc.save_state_changed.disconnect(self._update_state)
        doc.problem_raised.disconnect(self._on_doc_problem_raised)
        doc.stepped.disconnect(self._on_doc_stepped)
        doc.undo_stack.indexChanged.disconnect(self._update_state)
        doc.close()
        doc.deleteLater()
        self.save_banner.clear()
        self.banner.clear()
        self.show_start()
        self.document_closed.emit()
        return True

    def _confirm_close_unsaved(self) -> bool:
        assert self.doc is not None
        box = QMessageBox(QMessageBox.Icon.Warning, "Changes not saved",
                          f"{self.doc.last_error} Close the engagement and lose the unsaved change?",
                          QMessageBox.StandardButton.NoButton, self)
        close = box.addButton("Close without it", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Keep it open", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is close

    def show_start(self) -> None:
        self.start.set_recent(self.settings.recent_files())
        self.stack.setCurrentWidget(self.start)
        self._update_state()

    # --- messages and state ------------------------------------------------------------------

    def show_problem(self, text: str) -> None:
        """Show a recoverable problem inline, at the top of the window."""
        self.banner.show_message(text, "warning")

    def _on_doc_stepped(self, verb: str, text: str, _key: object) -> None:
        self.statusBar().showMessage(f"{verb}: {text}", 8000)
        if self.doc is not None and self.doc.engagement.framework is not self._guide_built:
            QTimer.singleShot(0, self.rebuild_for_guide)  # undo or redo of a move to another guide

    def _on_doc_problem_raised(self, text: str) -> None:
        self.show_problem(text)

    def _update_state(self) -> None:
        """Keep title, status bar, banners and menu states in step with the document."""
        doc = self.doc
        self.page_switch.setVisible(doc is not None)
        if doc is None:
            self.setWindowTitle(APP_NAME)
            self.file_label.setText("No engagement open")
            self.save_label.setText("")
        else:
            self._show_document_state(doc)
        if hasattr(self, "actions_"):
            self.actions_.update(self)

    def _show_document_state(self, doc: EngagementDocument) -> None:
        name = doc.path.name
        # The file's name only (the screen may be on the projector); the folder is in the tooltip.
        self.file_label.setText(name)
        self.file_label.setToolTip(str(doc.path))
        if doc.readonly:
            reason = doc.read_only_reason()
            self.setWindowTitle(f"{name} (read-only) — {APP_NAME}")
            self.save_label.setText(f"Read-only: {reason}")
            self.save_label.setStyleSheet("")
            self.save_banner.show_message(
                f"{name} is open read-only because {reason}. Nothing you do here changes it.",
                "info", [("Save a copy to edit…", self.save_copy)], dismissable=False)
        elif not doc.is_saved():
            self.setWindowTitle(f"{name} (not saved) — {APP_NAME}")
            self.save_label.setText("Not saved")
            self.save_label.setStyleSheet("color: #b3261e; font-weight: 600;")
            self.save_banner.show_message(
                f"{doc.last_error} Your change is still on screen; Retry saves it.",
                "error", [("Retry", self.retry_save)], dismissable=False)
        elif self.workshop is not None and self.workshop.actions_panel.draft() is not None:
            # an action typed but not added is not in the file: the window must not say "saved"
            self.setWindowTitle(f"{name} — {APP_NAME}")
            self.save_label.setText("Action not added yet")
            self.save_label.setToolTip("The action you are typing goes into the file when you press Return "
                                       "(or Add action), or when you move to another factor.")
            self.save_label.setStyleSheet("")
            self.save_banner.clear()
        else:
            self.setWindowTitle(f"{name} — {APP_NAME}")
            self.save_label.setText("✓  All changes saved")
            self.save_label.setToolTip("")
            self.save_label.setStyleSheet("")
            self.save_banner.clear()

    def retry_save(self) -> None:
        if self.doc is not None:
            self.doc.retry()

    def save_copy(self) -> None:
        """Write an editable copy of the open engagement (e.g. one opened read-only) and open it."""
        from .exchange_files import writable_folder

        if self.doc is None:
            return
        folder = writable_folder(self.settings.last_folder())  # not the read-only folder it came from
        suggested = folder / f"{self.doc.path.stem} (copy).mutuality"
        chosen, _ = QFileDialog.getSaveFileName(self, "Save a copy to edit", str(suggested),
                                                "Engagement files (*.mutuality)")
        if chosen:
            self.save_copy_to(Path(chosen))

    def save_copy_to(self, target: Path) -> bool:
        assert self.doc is not None
        if target.suffix != ".mutuality":
            target = target.with_name(target.name + ".mutuality")
        try:
            opening.save_copy(self.doc.engagement, target)
        except opening.OpenFailed as exc:
            self.show_problem(str(exc))
            return False
        return self.open_path(target)

    # --- drag and drop, closing --------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and urls[0].toLocalFile().endswith(".mutuality"):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.open_path(Path(urls[0].toLocalFile()))

    def end_session(self) -> None:
        """The system ends the app (SIGTERM, SIGHUP: a kill, a logout, a shutdown): close as the
        window's close button does, keeping what was typed and releasing the file's lock, then
        quit, with no question a person may not be there to answer."""
        self._ending = True
        self.close()
        from PySide6.QtWidgets import QApplication

        QApplication.quit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.close_document():
            event.ignore()
            return
        self.settings.set_window_geometry(self.saveGeometry())
        super().closeEvent(event)


ORM_PRELOAD_DELAY_MS = 1500


def _menu_row(bar: QMenuBar, switcher: QWidget) -> QFrame:
    """The menus on the left and Setup · Walkthrough · Results on the right, in one row.

    The switcher was the menu bar's corner widget, which a screen reader's walk of the window
    never reaches (Qt gives a menu bar only its menus as children); side by side in a row of
    their own, both are in the accessibility tree and in the Tab order.
    """
    row = QFrame()
    row.setObjectName("menuRow")
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(bar, 1)
    layout.addWidget(switcher, 0, Qt.AlignmentFlag.AlignVCenter)
    return row


def fitted_geometry(free: QRect) -> tuple[QRect, bool]:
    """Where a new window goes on a screen's free area, and whether it is maximised.

    Laptops and projectors (up to 1440x900) get the whole screen; larger screens a 1366x800
    window in the middle.
    """
    if free.width() <= 1440 or free.height() <= 900:
        return QRect(free), True
    width, height = min(1366, free.width()), min(800, free.height())
    return QRect(free.center().x() - width // 2, free.center().y() - height // 2, width, height), False


def _preload_orm() -> None:
    """Load SQLAlchemy on a worker once the walkthrough is on screen, ready for the first edit.

    Started after a pause so the import does not compete with painting the walkthrough.
    """
    import sys

    from ..core.engagement import load_orm
    from .tasks import run_in_background

    if "mutuality_desktop.core.apply" in sys.modules:  # loaded already (a second file opened)
        return
    # through the one background path: no garbage collection runs on the worker
    run_in_background(load_orm, lambda _result: None, lambda _exc, _tb: None)
