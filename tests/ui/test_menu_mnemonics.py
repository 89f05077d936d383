"""Every menu's Alt letters are its own: Alt+F, F reaches Export to Office (play-through s5, finding 13:
"O" was underlined in both "Open…" and "Export to Office", so the key stopped at Open)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu


def _letter(text: str) -> str:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else ""


def _menus(menu: QMenu):
    yield menu
    for action in menu.actions():
        if action.menu() is not None:
            yield from _menus(action.menu())


def test_no_menu_underlines_one_letter_twice(window, demo_path):
    assert window.open_path(demo_path)
    bar = window.menuBar()
    tops = [_letter(a.text()) for a in bar.actions()]
    assert len(tops) == len(set(tops)), tops
    for top in bar.actions():
        for menu in _menus(top.menu()):
            letters = [_letter(a.text()) for a in menu.actions() if not a.isSeparator()]
            assert all(letters), [a.text() for a in menu.actions() if not a.isSeparator()]
            clashes = {x for x in letters if letters.count(x) > 1}
            assert not clashes, (menu.title(), clashes, [a.text() for a in menu.actions()])


def test_alt_f_then_f_opens_the_office_export_menu(qtbot, window, demo_path):
    assert window.open_path(demo_path)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    file_menu = QApplication.activePopupWidget()
    assert file_menu.title() == "&File"
    qtbot.keyClick(file_menu, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not file_menu)
    office = QApplication.activePopupWidget()
    assert isinstance(office, QMenu) and office.title() == "Export to O&ffice"
    assert [a.text() for a in office.actions()] == ["&Word report…", "&Excel workbook…", "&PowerPoint deck…"]
    qtbot.keyClick(office, Qt.Key.Key_Escape)
    qtbot.keyClick(file_menu, Qt.Key.Key_Escape)
