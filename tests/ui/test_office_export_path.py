"""File → Export to Office: where the file goes can be read at 1024 (play-through s6: the one
"Save as" box showed neither the folder nor the whole name). The folder has its own line, elided
in the middle; the name its own box; Export writes there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.operations import UpdateInfo
from mutuality_desktop.ui.office_export import FOLDER_KEY, OfficeExportDialog

from .journey import when_shown
from .test_export_journey import _close, _menu_item, _ready_box


def test_the_folder_and_the_name_both_show_and_export_writes_there(qtbot, window, demo_path: Path,
                                                                   tmp_path: Path) -> None:
    folder = tmp_path / "Clients" / "Northshire County Council" / "Highways partnership 2026" / "Reports for the board"
    folder.mkdir(parents=True)
    QSettings().setValue(FOLDER_KEY, str(folder))
    with Engagement.open(demo_path) as eng:  # a title of a usual length
        eng.apply(UpdateInfo(changes={"title": "Highways partnership review"}))
    window.open_path(demo_path)
    window.resize(1024, 768)
    seen: dict[str, object] = {}

    def answer(dialog: OfficeExportDialog) -> None:
        seen["width"] = dialog.width()
        label, box = dialog.folder, dialog.output
        shown = label.text()
        seen["folder shown"] = shown
        seen["folder fits"] = label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
        seen["name"] = box.text()
        seen["name fits"] = box.fontMetrics().horizontalAdvance(box.text()) < box.width() - 8
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
        box.selectAll()
        qtbot.keyClicks(QApplication.focusWidget(), "Board pack")
        export = dialog.export_button
        qtbot.mouseClick(export, Qt.MouseButton.LeftButton, pos=export.rect().center())

    when_shown(OfficeExportDialog, answer)
    _menu_item(qtbot, window, ["&File", "Export to O&ffice", "&Word report…"])
    _close(qtbot, _ready_box(qtbot))
    assert int(seen["width"]) <= 1024
    shown = str(seen["folder shown"])
    assert seen["folder fits"] and shown.endswith("Reports for the board")  # the folder it goes in
    assert shown.startswith(str(tmp_path)[:6])  # and where that folder is
    assert seen["name fits"] and str(seen["name"]).endswith(".docx")  # the whole name, in its box
    assert (folder / "Board pack.docx").is_file()


def test_a_long_title_widens_the_dialog_as_far_as_the_screen_allows(qtbot, window, demo_path: Path) -> None:
    """The demo's title makes a 110-character name: the dialog grows for it, up to the screen."""
    window.open_path(demo_path)
    dialog = OfficeExportDialog(window, window.doc.engagement.info().title, "Follow-up", "docx", demo_path.parent)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.output
    screen = dialog.screen().availableGeometry().width()
    fits = box.fontMetrics().horizontalAdvance(box.text()) < box.width() - 8
    assert dialog.width() <= screen and (fits or dialog.width() >= screen - 48)
    assert dialog.width() > 620 and box.cursorPosition() == 0  # its start shows, the rest in the tooltip
    assert box.toolTip() == str(dialog.target())
