"""Play-through 6 (ui12): File → Export to Office asks in the same save dialog as File → Export
report. The facilitator typed a path and pressed Return, as in Export report; a separate Office
dialog kept the keyboard on its Format box, so the typed path went nowhere and the file was
written under a default name. Word report, in both menus, is one export behaving one way."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QPushButton
from pytestqt.exceptions import TimeoutError

from mutuality_desktop.ui.report_options import ReportOptionsDialog

from .journey import press, type_keys, when_shown
from .test_export_journey import _close, _menu_item, _ready_box


def _save_as(qtbot, typed: str, seen: dict[str, object]):
    """In the save dialog: note where the keyboard is and the type offered, type a path, Return."""
    def answer(dialog: QFileDialog) -> None:
        # the dialog is shown a moment before it has the keyboard on a loaded machine (CI hung
        # here: the path was typed before the name box had the focus, and the dialog stayed open)
        in_name_box = lambda: isinstance(QApplication.focusWidget(), QLineEdit) and dialog.isAncestorOf(  # noqa: E731
            QApplication.focusWidget())
        with contextlib.suppress(TimeoutError):  # recorded below, and the test fails on it
            qtbot.waitUntil(in_name_box, timeout=5000)
        seen["focus is a text box"] = in_name_box()
        seen["type"] = dialog.selectedNameFilter()
        if not seen["focus is a text box"]:
            dialog.reject()  # the test fails on what it saw instead of hanging on the dialog
            return
        press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_keys(qtbot, typed)
        press(qtbot, Qt.Key.Key_Return)
        # never a hang; the dialog as context: no call once it is gone (as it is after Return)
        QTimer.singleShot(15_000, dialog, lambda: dialog.isVisible() and dialog.reject())
    return answer


@pytest.mark.parametrize(("item", "typed", "written", "kind"), [
    ("&Excel workbook…", "board/Scores for the board.xlsx", "board/Scores for the board.xlsx", "Excel"),
    ("&PowerPoint deck…", "board/Deck for Tuesday", "board/Deck for Tuesday.pptx", "PowerPoint"),
])
def test_a_path_typed_in_the_office_save_dialog_and_return_is_where_the_file_goes(
        qtbot, window, demo_path: Path, tmp_path: Path, item: str, typed: str, written: str, kind: str) -> None:
    (tmp_path / "board").mkdir()
    window.open_path(demo_path)
    seen: dict[str, object] = {}
    when_shown(QFileDialog, _save_as(qtbot, str(tmp_path / typed), seen))
    _menu_item(qtbot, window, ["&File", "Export to O&ffice", item])
    _close(qtbot, _ready_box(qtbot))
    assert seen["focus is a text box"] and kind in str(seen["type"])
    assert (tmp_path / written).stat().st_size > 1000
    assert sorted(p.name for p in (tmp_path / "board").iterdir()) == [Path(written).name]  # no default name
    assert not list((tmp_path / "home").rglob("*.xlsx")) and not list((tmp_path / "home").rglob("*.pptx"))


@pytest.mark.parametrize("menu", [["&File", "Export to O&ffice", "&Word report…"], ["&File", "&Export report…"]])
def test_the_word_report_is_one_export_from_either_menu(qtbot, window, demo_path: Path, tmp_path: Path,
                                                        menu: list[str]) -> None:
    """Both entries: the report's options (with the house template), then the save dialog, Word
    offered first from the Office menu; the typed name and Return decide where it goes."""
    window.open_path(demo_path)
    seen: dict[str, object] = {}

    def options(dialog: ReportOptionsDialog) -> None:
        seen["template"] = dialog.template.label.text()
        press(qtbot, Qt.Key.Key_Return)  # "Choose where to save…"
        when_shown(QFileDialog, _save_as(qtbot, str(tmp_path / "Kestrel Word.docx"), seen))

    when_shown(ReportOptionsDialog, options)
    _menu_item(qtbot, window, menu)
    _close(qtbot, _ready_box(qtbot))
    assert seen["template"] == "The default shipped with the app"
    assert seen["focus is a text box"]
    if menu[-1] == "&Word report…":
        assert "Word" in str(seen["type"])
    from docx import Document

    text = "\n".join(p.text for p in Document(str(tmp_path / "Kestrel Word.docx")).paragraphs)
    assert window.doc.engagement.info().title in text


def test_the_office_save_dialog_asks_before_replacing_a_file(qtbot, window, demo_path: Path, tmp_path: Path) -> None:
    old = tmp_path / "Board pack.pptx"
    old.write_bytes(b"last week's deck")
    window.open_path(demo_path)
    seen: dict[str, object] = {}

    def no() -> None:
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(100, no)
            return
        seen["asked"] = box.text()
        button = next(b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == "No")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
        QTimer.singleShot(100, lambda: cancel())

    def cancel() -> None:  # polls: on a loaded machine the dialog may not be back within 100 ms
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()),
                      None)
        if dialog is None:  # (a StopIteration here left the modal dialog open: the test hung)
            QTimer.singleShot(100, cancel)
            return
        seen["still asking"] = True
        dialog.reject()

    def answer(dialog: QFileDialog) -> None:
        QTimer.singleShot(200, no)
        _save_as(qtbot, str(old), seen)(dialog)

    when_shown(QFileDialog, answer)
    _menu_item(qtbot, window, ["&File", "Export to O&ffice", "&PowerPoint deck…"])
    qtbot.waitUntil(lambda: "still asking" in seen, timeout=10_000)
    assert "Board pack.pptx" in str(seen["asked"]) and "replace" in str(seen["asked"])
    assert old.read_bytes() == b"last week's deck"
