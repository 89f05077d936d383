"""Setup's Alt letters never take a menu's (the play-through found Alt+V going to Venue, not View)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel

from .journey import page_tab


def _letter(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else None


def test_no_setup_field_takes_a_menus_alt_letter(qtbot, window, demo_path):
    assert window.open_path(demo_path)
    page_tab(qtbot, window, "Setup")
    menus = {_letter(action.text()) for action in window.menuBar().actions()} - {None}
    assert {"f", "e", "v", "h"} <= menus
    taken = {label.text(): _letter(label.text()) for label in window.setup_page.findChildren(QLabel)
             if label.buddy() is not None and _letter(label.text())}
    assert taken, "the Setup fields have Alt letters"
    clashes = {text: letter for text, letter in taken.items() if letter in menus}
    assert not clashes, clashes
