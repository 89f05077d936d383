"""The menu bar and the window-wide actions, enabled according to what is open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
)

from .accessibility import add_look_actions
from .backups import restore_from_backup
from .exchange_dialogs import export_for_email
from .framework_rules import show_scoring_rules
from .history_view import YOUR_NAME_ACTION, ask_for_name, show_history
from .merge_dialog import merge_a_copy
from .prework import create_forms, import_returns, report_names_shown, set_report_names
from .triage import plan_the_day

if TYPE_CHECKING:
    from ..core.branding import BrandingProfile
    from ..core.engagement import Engagement
    from .main_window import MainWindow

SHORTCUTS_HELP = """<table cellpadding=4>
<tr><td><b>0</b> – <b>5</b></td><td>Score the perspective marked SCORING (guide or factor list focused)</td></tr>
<tr><td><b>Tab</b> / <b>Shift+Tab</b></td><td>Client → provider → agreed</td></tr>
<tr><td><b>Delete</b> or <b>Backspace</b></td><td>Clear the score (not assessed)</td></tr>
<tr><td><b>Page Down</b> / <b>Ctrl+→</b></td><td>Next factor (from the guide or the list; in a note they move the cursor)</td></tr>
<tr><td><b>Page Up</b> / <b>Ctrl+←</b></td><td>Previous factor (from the guide or the list)</td></tr>
<tr><td><b>Ctrl+Z</b> / <b>Ctrl+Shift+Z</b></td><td>Undo / redo</td></tr>
<tr><td><b>Ctrl+H</b></td><td>History: who changed what, when (the factor on screen)</td></tr>
<tr><td><b>↑ / ↓</b></td><td>In the guide: raise or lower the level by one; in the factor list: move</td></tr>
<tr><td><b>Ctrl+G</b></td><td>Go to factor: type part of its name</td></tr>
<tr><td><b>Alt+G</b></td><td>Room does not agree (or agrees after all) on the factor on screen</td></tr>
<tr><td><b>Alt+N</b></td><td>Not applicable because: type why this factor does not apply in this round</td></tr>
<tr><td><b>Ctrl+Shift+D</b></td><td>Which factors first: those to discuss, and those to confirm quickly</td></tr>
<tr><td><b>Ctrl+Shift+P</b></td><td>Park this point: note it on the parking list, on the factor on screen</td></tr>
<tr><td><b>F11</b></td><td>Presentation mode: the factor, or on Results the charts (Esc leaves)</td></tr>
<tr><td><b>Ctrl+Shift+H</b>, <b>Ctrl+Shift+L</b></td><td>High contrast, Large text (in presentation mode too)</td></tr>
<tr><td><b>Ctrl+1</b> / <b>Ctrl+2</b> / <b>Ctrl+3</b></td><td>Setup / walkthrough / results</td></tr>
<tr><td><b>Ctrl+E</b></td><td>Export the report</td></tr>
<tr><td><b>Ctrl+Shift+E</b></td><td>Export a copy for email</td></tr>
<tr><td><b>Ctrl+Shift+S</b></td><td>Save a copy</td></tr>
</table>"""


@dataclass
class MenuActions:
    close: QAction
    save_copy: QAction
    export: QAction
    undo: QAction
    redo: QAction
    pages: list[QAction]
    present: QAction
    recent: QMenu
    email: QAction
    restore: QAction
    sheet: QMenu
    office: QMenu | None = None
    prework: QMenu | None = None
    report_names: QAction | None = None
    looks: tuple[QAction, ...] = ()  # High contrast, Large text: their keys work in presentation too

    def update(self, window: MainWindow) -> None:
        doc = window.doc
        has_doc = doc is not None
        for action in (self.close, self.save_copy, self.export, self.email, self.restore,
                       self.present, *self.pages):
            action.setEnabled(has_doc)
        self.sheet.setEnabled(has_doc)
        if self.office is not None:
            self.office.setEnabled(has_doc)
        if self.prework is not None:
            self.prework.setEnabled(has_doc)
        if self.report_names is not None:
            self.report_names.blockSignals(True)
            self.report_names.setChecked(doc is not None and report_names_shown(doc.engagement))
            self.report_names.setEnabled(doc is not None and not doc.readonly)
            self.report_names.blockSignals(False)
        stack = doc.undo_stack if doc is not None else None
        editable = doc is not None and not doc.readonly
        self.undo.setEnabled(bool(stack and stack.canUndo() and editable))
        self.redo.setEnabled(bool(stack and stack.canRedo() and editable))
        self.undo.setText(f"&Undo {stack.undoText()}" if stack and stack.canUndo() else "&Undo")
        self.redo.setText(f"&Redo {stack.redoText()}" if stack and stack.canRedo() else "&Redo")


def go_to_factor(w: MainWindow) -> None:
    """Open the walkthrough and ask which factor to go to (type part of its name)."""
    if w.doc is None or w.workshop is None:
        return
    w.show_page("Walkthrough")
    w.workshop.ask_go_to_factor()


def _action(window: MainWindow, menu: QMenu, text: str, slot: Callable[..., object],
            shortcut: QKeySequence | list[QKeySequence] | None = None) -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, list):
        action.setShortcuts(shortcut)
    elif shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(w: MainWindow) -> MenuActions:
    """Create File, Edit, View and Help; return the actions whose state follows the document."""
    bar = w.menuBar()
    file = bar.addMenu("&File")
    _action(w, file, "&New engagement…", w.new_engagement, QKeySequence("Ctrl+N"))
    _action(w, file, "&Open…", w.open_dialog, QKeySequence("Ctrl+O"))
    recent = file.addMenu("Open &recent")
    recent.aboutToShow.connect(lambda: _fill_recent(w, recent))
    _action(w, file, "Open the &demo", w.open_demo)
    file.addSeparator()
    save_copy = _action(w, file, "Save a &copy…", w.save_copy, QKeySequence("Ctrl+Shift+S"))
    email = _action(w, file, "Export for e&mail…", lambda: export_for_email(w),
                    QKeySequence("Ctrl+Shift+E"))
    merge = _action(w, file, "Merge a cop&y…", lambda: merge_a_copy(w))
    export = _action(w, file, "&Export report…", lambda: export_report(w), QKeySequence("Ctrl+E"))
    sheet = file.addMenu("Export to s&preadsheet")
    _action(w, sheet, "&Scores (CSV)…", lambda: export_csv(w, "scores"))
    _action(w, sheet, "&Actions (CSV)…", lambda: export_csv(w, "actions"))
    office = file.addMenu("Export to O&ffice")
    _action(w, office, "&Word report…", lambda: export_office(w, "docx"))
    _action(w, office, "&Excel workbook…", lambda: export_office(w, "xlsx"))
    _action(w, office, "&PowerPoint deck…", lambda: export_office(w, "pptx"))
    restore = _action(w, file, "Restore from &backup…", lambda: restore_from_backup(w))
    settings = file.addMenu("&Settings")
    _action(w, settings, "&Branding…", lambda: edit_branding(w))
    _action(w, settings, "&House template (.docx)…", lambda: edit_house_template(w))
    file.addSeparator()
    close = _action(w, file, "C&lose", w.close_document, [QKeySequence("Ctrl+W"), QKeySequence("Ctrl+F4")])
    _action(w, file, "&Quit", w.close, QKeySequence("Ctrl+Q"))

    edit = bar.addMenu("&Edit")
    undo = _action(w, edit, "&Undo", lambda: w.doc and w.doc.undo(), QKeySequence("Ctrl+Z"))
    redo = _action(w, edit, "&Redo", lambda: w.doc and w.doc.redo(),
                   [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit.addSeparator()
    history = _action(w, edit, "&History…", lambda: show_history(w), QKeySequence("Ctrl+H"))
    your_name = _action(w, edit, YOUR_NAME_ACTION, lambda: ask_for_name(w))

    prework = bar.addMenu("&Pre-work")
    _action(w, prework, "&Create forms…", lambda: create_forms(w))
    _action(w, prework, "&Import returns…", lambda: import_returns(w))
    prework.addSeparator()
    names = _action(w, prework, "&Names in the report", lambda on: set_report_names(w, on))
    names.setCheckable(True)
    names.setToolTip("Off (the default): the report shows the range of each side's own views "
                     "without saying who gave which")

    view = bar.addMenu("&View")
    pages = [
        _action(w, view, "&Setup", lambda: w.show_page("Setup"), QKeySequence("Ctrl+1")),
        _action(w, view, "&Walkthrough", lambda: w.show_page("Walkthrough"), QKeySequence("Ctrl+2")),
        _action(w, view, "&Results", lambda: w.show_page("Results"), QKeySequence("Ctrl+3")),
    ]
    view.addSeparator()
    goto = _action(w, view, "&Go to factor…", lambda: go_to_factor(w), QKeySequence("Ctrl+G"))
    plan = _action(w, view, "Which &factors first…", lambda: plan_the_day(w), QKeySequence("Ctrl+Shift+D"))
    pages += [goto, plan, merge, history, your_name]  # enabled with an engagement open, like the pages
    present = _action(w, view, "Presentation &mode", lambda: present_factor(w), QKeySequence("F11"))
    view.addSeparator()
    looks = add_look_actions(w, view)

    help_menu = bar.addMenu("&Help")
    _action(w, help_menu, "&Keyboard shortcuts", lambda: show_shortcuts(w), QKeySequence("F1"))
    _action(w, help_menu, "&Scoring rules", lambda: show_scoring_rules(w))
    help_menu.addSeparator()
    _action(w, help_menu, "&About Mutuality Desktop", lambda: show_about(w))
    return MenuActions(close, save_copy, export, undo, redo, pages, present, recent, email, restore, sheet,
                       office=office, prework=prework, report_names=names, looks=looks)


def _fill_recent(w: MainWindow, menu: QMenu) -> None:
    menu.clear()
    files = w.settings.recent_files()
    for path in files:
        action = menu.addAction(path.name)
        action.setToolTip(str(path))
        action.triggered.connect(lambda _=False, p=path: w.open_path(Path(p)))
    if not files:
        menu.addAction("No recent engagements").setEnabled(False)


def present_factor(w: MainWindow) -> None:
    """F11: on Results, the charts for the room; anywhere else, the current factor."""
    if w.doc is None or w.workshop is None:
        return
    if w.current_page() == "Results" and w.results.page is not None:
        w.results.page.toggle_presentation()
        return
    if w.current_page() != "Walkthrough":
        w.show_page("Walkthrough")
    w.workshop.toggle_presentation()


def export_report(w: MainWindow) -> None:
    """Hand the open engagement and round to the report exporter (imported only now)."""
    if w.doc is None:
        return
    w.doc.flush()
    try:
        from .report_export import export_report as run_export
    except ImportError as exc:
        w.show_problem(f"Report export is not available in this build yet ({exc}).")
        return
    run_export(w, w.doc.engagement, w.workshop.round_id, _branding(w))


def export_csv(w: MainWindow, what: str) -> None:
    from .csv_export import export_table

    export_table(w, what)


def export_office(w: MainWindow, kind: str) -> None:
    """Word report, Excel workbook or PowerPoint deck of the open engagement and round."""
    if w.doc is None:
        return
    w.doc.flush()
    from .office_export import export_office as run_export

    run_export(w, w.doc.engagement, w.workshop.round_id if w.workshop else None, None, kind)


def edit_house_template(w: MainWindow) -> None:
    from .office_export import HouseTemplateDialog

    HouseTemplateDialog(w).exec()


def _branding(w: MainWindow) -> BrandingProfile | None:
    try:
        from .branding_dialog import load_branding_setting
    except ImportError:
        return None
    return load_branding_setting()


def edit_branding(w: MainWindow) -> None:
    try:
        from .branding_dialog import BrandingDialog
    except ImportError as exc:
        w.show_problem(f"Branding settings are not available in this build yet ({exc}).")
        return
    dialog = BrandingDialog(w, document=w.doc)  # OK stores it in the open file; an export never does
    dialog.exec()


def about_text(engagement: Engagement | None = None) -> str:
    """Version, the framework it scores against (and, with an engagement open, the guide it is on
    and any earlier guide its rounds were scored on), and where its files live (support calls)."""
    from html import escape

    from .. import __version__
    from ..core.framework import default_framework
    from ..core.framework_move import guides_in_use
    from .backups import backup_root
    from .crash import log_folder

    fw = default_framework()
    return (f"<h3>Mutuality Desktop {escape(__version__)}</h3>"
            "<p>Run a value-for-money and mutuality assessment workshop: score, chart, report.</p>"
            f"<p>Framework shipped with this app: {escape(fw.title)}, version {escape(fw.version)}.</p>"
            + (f"<p>This engagement: {escape(guides_in_use(engagement))}.</p>" if engagement is not None else "")
            + f"<p>Automatic backups: {escape(str(backup_root()))}<br/>"
            f"Error logs: {escape(str(log_folder()))}</p>"
            "<p>Everything stays on this computer: the app makes no network connections.</p>")


def show_about(w: MainWindow) -> None:
    box = QMessageBox(QMessageBox.Icon.NoIcon, "About Mutuality Desktop",
                      about_text(w.doc.engagement if w.doc is not None else None),
                      QMessageBox.StandardButton.Close, w)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setModal(False)
    box.show()


def show_shortcuts(w: MainWindow) -> QDialog:
    """The shortcuts in a dialog that fits the screen: the table scrolls, Close stays in sight
    (a message box with Large text at 1024x768 ran off the foot of the screen, Close with it)."""
    box = QDialog(w)
    box.setWindowTitle("Keyboard shortcuts")
    box.setAccessibleName("Keyboard shortcuts")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    layout = QVBoxLayout(box)
    text = QLabel(SHORTCUTS_HELP, wordWrap=True)
    text.setTextFormat(Qt.TextFormat.RichText)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    text.setContentsMargins(12, 8, 12, 8)
    text.setObjectName("pageBody")  # white, as the window's pages
    scroll = QScrollArea()
    scroll.setWidget(text)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Page keys scroll the table
    scroll.setAccessibleName("Shortcuts")
    layout.addWidget(scroll, 1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(box.reject)
    layout.addWidget(buttons)
    screen = (w.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    width = min(640, screen.width() - 40)
    margins = layout.contentsMargins()
    text_height = text.heightForWidth(width - margins.left() - margins.right()
                                      - scroll.verticalScrollBar().sizeHint().width() - 4)
    frame = 40  # the title bar a window manager adds
    height = min(text_height + buttons.sizeHint().height() + layout.spacing() + margins.top()
                 + margins.bottom() + 8, screen.height() - frame - 20)
    box.resize(width, height)
    box.move(screen.left() + (screen.width() - width) // 2,
             screen.top() + max(0, (screen.height() - height - frame) // 2))
    box.setModal(False)
    box.show()
    buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()
    return box
