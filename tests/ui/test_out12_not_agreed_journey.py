"""Play-through 7, 6, under real input: on a factor the demo agreed at 3 ("Moved from Level 2 to
Level 3. …"), Room does not agree puts the sentence first and keeps the demo's words after it as
earlier notes; Ctrl+Z, and the button pressed again, give the notes back exactly."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .test_not_agreed_button import click_button
from .test_walkthrough_journey import CTRL, click_factor, key, open_walkthrough, stored


def test_the_earlier_reasoning_is_said_to_be_earlier_and_comes_back_exactly(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 1)  # Joint objective setting: agreed 3 in the follow-up
    before = stored(demo_path, factor)
    demo_notes = str(before["agreed notes"])
    assert before["agreed"] == 3 and demo_notes.startswith("Moved from Level 2 to Level 3.")
    key(qtbot, Qt.Key.Key_2)  # the client now says 2; the provider keeps 3

    click_button(qtbot, page)

    info = window.doc.engagement.info()
    opening = (f"Not agreed. {info.client_organisation} holds level 2 (Developing) and "
               f"{info.provider_organisation} level 3 (Established). ")
    earlier = "\nEarlier notes, from when the room agreed level 3 (Established): " + demo_notes
    row = stored(demo_path, factor)
    assert (row["client"], row["provider"], row["agreed"]) == (2, 3, None)
    assert row["agreed notes"] == opening + earlier
    editor = page.evidence.editors["agreed"]
    assert editor.toPlainText() == opening + earlier  # the screen shows what the file holds

    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert stored(demo_path, factor)["agreed notes"] == demo_notes
    assert stored(demo_path, factor)["agreed"] == 3

    click_button(qtbot, page)
    assert stored(demo_path, factor)["agreed notes"] == opening + earlier
    click_button(qtbot, page)  # the room agrees after all
    row = stored(demo_path, factor)
    assert (row["agreed"], row["agreed notes"]) == (3, demo_notes)
