"""After "Room does not agree…", a side's level changed in the window rewrites the sentence.

Play-through s6 finding 64: the agreed notes kept "holds level 3 (Established)" beside "Client 2
Developing" on the card. Real clicks and keys; the file is read back; Ctrl+Z puts both back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from .conftest import type_text
from .journey import click
from .test_walkthrough_journey import CTRL, click_factor, key, open_walkthrough, stored

REASON = "The protocol was kept for planned statements only."


def test_changing_a_side_level_rewrites_the_not_agreed_sentence_and_undo_restores_both(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 7)  # Joint communications strategy
    for k in (Qt.Key.Key_3, Qt.Key.Key_Tab, Qt.Key.Key_1):  # client 3, provider 1
        key(qtbot, k)
    button = page.evidence.not_agreed_button
    assert button.isEnabled()
    click(qtbot, button)
    editor = page.evidence.editors["agreed"]
    type_text(qtbot, editor, REASON)
    info = window.doc.engagement.info()
    client, provider = info.client_organisation, info.provider_organisation
    first = f"Not agreed. {client} holds level 3 (Established) and {provider} level 1 (Initial). {REASON}"
    assert str(stored(demo_path, factor)["agreed notes"]).startswith(first)
    click(qtbot, page.bar.buttons["client"])  # the CLIENT card: the client's level again
    assert page.bar.scoring() == ["client"]
    key(qtbot, Qt.Key.Key_2)
    row = stored(demo_path, factor)
    second = f"Not agreed. {client} holds level 2 (Developing) and {provider} level 1 (Initial). {REASON}"
    assert row["client"] == 2 and str(row["agreed notes"]).startswith(second)
    assert editor.toPlainText().startswith(second)  # the box on screen says what the file holds
    assert page.bar.buttons["agreed"].value_text() == "Not agreed"
    key(qtbot, Qt.Key.Key_Delete)  # the client's level cleared: the sentence says so
    row = stored(demo_path, factor)
    assert row["client"] is None
    assert str(row["agreed notes"]).startswith(f"Not agreed. {client} has no level and {provider} level 1")
    key(qtbot, Qt.Key.Key_Z, CTRL)  # undo the clearing
    key(qtbot, Qt.Key.Key_Z, CTRL)  # undo the 2
    row = stored(demo_path, factor)
    assert row["client"] == 3 and str(row["agreed notes"]).startswith(first)
    assert editor.toPlainText().startswith(first)
