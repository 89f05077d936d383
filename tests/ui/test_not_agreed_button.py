"""The AGREED card's "Room does not agree…" button, under real input (play-through s6: Not agreed
could only be recorded by typing the notes). Every check reads the file back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .journey import click, page_tab
from .test_walkthrough_journey import CTRL, click_factor, key, open_walkthrough, stored


def agreed_row(path: Path, factor: str) -> dict[str, object]:
    """The factor's agreed row in the latest round, as `mutuality-desktop json` writes it."""
    out = subprocess.run([sys.executable, "-m", "mutuality_desktop", "json", str(path)],
                         capture_output=True, text=True, check=True).stdout
    scores = json.loads(out)["rounds"][-1]["scores"]
    return next((s for s in scores if s["factor"] == factor and s["perspective"] == "agreed"), {})


def click_button(qtbot, page) -> None:
    button = page.evidence.not_agreed_button
    page.side_scroll.ensureWidgetVisible(button)  # as a person scrolls the side panel to it
    click(qtbot, button)


def test_the_button_records_not_agreed_with_both_levels_and_keeps_the_notes(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 8)  # Joint knowledge management strategy
    for k in (Qt.Key.Key_1, Qt.Key.Key_Tab, Qt.Key.Key_3, Qt.Key.Key_Tab, Qt.Key.Key_2, Qt.Key.Key_Tab):
        key(qtbot, k)  # client 1, provider 3, agreed 2, then the agreed notes
    key(qtbot, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(QApplication.focusWidget(), "Minutes seen.")
    assert stored(demo_path, factor)["agreed"] == 2
    button = page.evidence.not_agreed_button
    assert button.isEnabled() and button.text() == "Room does not a&gree\u2026"
    undo_count = window.doc.undo_stack.count()

    click_button(qtbot, page)

    row = stored(demo_path, factor)
    info = window.doc.engagement.info()
    opening = (f"Not agreed. {info.client_organisation} holds level 1 (Initial) and "
               f"{info.provider_organisation} level 3 (Established). ")
    scale = page.framework.scale
    assert (scale.name_of(1), scale.name_of(3)) == ("Initial", "Established")
    assert (row["client"], row["provider"], row["agreed"]) == (1, 3, None)
    earlier = "\nEarlier notes, from when the room agreed level 2 (Developing): Minutes seen."
    assert row["agreed notes"] == opening + earlier  # what was there is kept, said to be earlier
    assert agreed_row(demo_path, factor)["notes"] == opening + earlier
    assert agreed_row(demo_path, factor).get("level") is None
    assert page.bar.buttons["agreed"].value_text() == "Not agreed"
    assert window.doc.undo_stack.count() == undo_count + 1  # one step: Ctrl+Z takes it all back
    # the typing point waits after the levels for the reason
    editor = page.evidence.editors["agreed"]
    assert QApplication.focusWidget() is editor
    qtbot.keyClicks(editor, "Two defect systems.")
    assert stored(demo_path, factor)["agreed notes"] == opening + "Two defect systems." + earlier
    assert button.isChecked() and "after all" in button.text()

    page_tab(qtbot, window, "Results")
    results = window.results.page
    qtbot.waitUntil(results._coverage.isVisible)
    assert "Joint knowledge management strategy (client 1 Initial, provider 3 Established)" in results._coverage.text()


def test_undo_takes_it_back_and_pressing_again_lets_a_digit_agree_it(qtbot, window, demo_path):
    from mutuality_desktop.core.scoring import NOT_AGREED
    from mutuality_desktop.ui.workshop.navigator import STATE_ROLE

    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 8)
    for k in (Qt.Key.Key_1, Qt.Key.Key_Tab, Qt.Key.Key_3, Qt.Key.Key_Tab, Qt.Key.Key_2, Qt.Key.Key_Tab):
        key(qtbot, k)
    key(qtbot, Qt.Key.Key_A, CTRL)
    key(qtbot, Qt.Key.Key_Delete)  # the demo's own note on this factor, emptied
    click_button(qtbot, page)
    assert page.navigator._items[factor].data(0, STATE_ROLE) == NOT_AGREED  # the list says so too
    key(qtbot, Qt.Key.Key_Z, CTRL)
    row = stored(demo_path, factor)
    assert (row["agreed"], row["agreed notes"]) == (2, "")

    click_button(qtbot, page)
    assert stored(demo_path, factor)["agreed notes"].startswith("Not agreed.")
    qtbot.keyClicks(QApplication.focusWidget(), "Two defect systems.")
    click_button(qtbot, page)  # the room agrees after all: the sentence goes, the reason stays,
    row = stored(demo_path, factor)  # said to be from when the room did not agree (s12)
    assert row["agreed notes"] == "Earlier notes, from when the room did not agree: Two defect systems."
    assert row["agreed"] == 2, "the level the button cleared comes back (play-through s6 5)"
    assert page.bar.buttons["agreed"].value_text().startswith("2")
    assert page.navigator._items[factor].data(0, STATE_ROLE) != NOT_AGREED
    assert QApplication.focusWidget() is page.guide and page.guide.focus_perspective() == "agreed"
    key(qtbot, Qt.Key.Key_2)
    row = stored(demo_path, factor)
    assert (row["agreed"], row["agreed notes"]) == (
        2, "Earlier notes, from when the room did not agree: Two defect systems.")
    assert page.bar.buttons["agreed"].value_text().startswith("2")
    assert page.navigator._items[factor].data(0, STATE_ROLE) != NOT_AGREED


def test_the_button_waits_for_both_sides_and_says_why(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 8)
    key(qtbot, Qt.Key.Key_Delete)  # the client's level cleared
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_3)
    assert stored(demo_path, factor)["client"] is None
    button = page.evidence.not_agreed_button
    assert not button.isEnabled()
    client = window.doc.engagement.info().client_organisation
    assert f"{client} has no level yet" in button.toolTip()
    before = stored(demo_path, factor)
    page.side_scroll.ensureWidgetVisible(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert stored(demo_path, factor) == before


def test_two_sides_at_the_same_level_have_nothing_to_record_as_not_agreed(qtbot, window, demo_path):
    """The guide's Not agreed is for two sides that still differ: with both at level 3 the button
    once wrote "holds level 3 (Established) and … level 3 (Established)" (left alone in session 11)."""
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 8)
    for k in (Qt.Key.Key_3, Qt.Key.Key_Tab, Qt.Key.Key_3, Qt.Key.Key_Tab, Qt.Key.Key_Delete,
              Qt.Key.Key_Tab):
        key(qtbot, k)  # client 3, provider 3, the agreed level cleared, then the agreed notes
    key(qtbot, Qt.Key.Key_A, CTRL)
    key(qtbot, Qt.Key.Key_Delete)  # the demo's own note on this factor, emptied
    row = stored(demo_path, factor)
    assert (row["client"], row["provider"], row["agreed"], row["agreed notes"]) == (3, 3, None, "")
    button = page.evidence.not_agreed_button
    assert not button.isEnabled()
    assert "Both sides hold level 3 Established" in button.toolTip()
    assert button.accessibleDescription() == button.toolTip()
    before = stored(demo_path, factor)
    page.side_scroll.ensureWidgetVisible(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert stored(demo_path, factor) == before

    click(qtbot, page.bar.buttons["provider"])  # the provider's chip, as a person clicks it
    key(qtbot, Qt.Key.Key_2)  # the provider moves to 2: now there is a difference to record
    assert stored(demo_path, factor)["provider"] == 2
    assert button.isEnabled()
    click_button(qtbot, page)
    info = window.doc.engagement.info()
    assert stored(demo_path, factor)["agreed notes"].startswith(
        f"Not agreed. {info.client_organisation} holds level 3 (Established) and "
        f"{info.provider_organisation} level 2 (Developing).")
