"""The side a guide click or a digit scores is always the side the bar shows as SCORING.

Play-through s6 finding 66: typing in the provider's notes, then clicking the guide to leave the
box, changed the CLIENT level, while no card said SCORING. Real clicks and keys; the file is read
back after each step.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from .conftest import type_text
from .test_walkthrough_journey import click_factor, key, open_walkthrough, stored


def click_row(qtbot, page, level: int) -> None:
    """Click the middle of a level's row in the guide, where the facilitator clicks."""
    span = page.guide.row_span(level)
    assert span is not None
    top, height = span
    pos = QPoint(page.guide.width() // 3, top + height // 2)
    viewport = page.guide_scroll.viewport()
    if not viewport.rect().contains(page.guide.mapTo(viewport, pos)):  # scrolled to, as the wheel would
        page.guide_scroll.verticalScrollBar().setValue(top + height // 2 - viewport.height() // 2)
    assert viewport.rect().contains(page.guide.mapTo(viewport, pos)), "the row is on the screen"
    qtbot.mouseClick(page.guide, Qt.MouseButton.LeftButton, pos=pos)


def click_notes(qtbot, page, perspective: str):
    box = page.evidence.editors[perspective]
    assert box.isVisible()
    qtbot.mouseClick(box.viewport(), Qt.MouseButton.LeftButton, pos=box.viewport().rect().center())
    assert QApplication.focusWidget() is box
    return box


def test_a_guide_click_while_typing_provider_notes_scores_the_provider(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 5)
    click_row(qtbot, page, 3)  # the client says 3
    assert stored(demo_path, factor)["client"] == 3
    assert page.bar.scoring() == ["client"]
    box = click_notes(qtbot, page, "provider")
    # typing in the provider's notes: the provider's card says SCORING, and only that one
    assert page.bar.scoring() == ["provider"]
    assert page.bar.buttons["provider"].accessibleName().endswith(", scoring now")
    assert "scoring now" not in page.bar.buttons["client"].accessibleName()
    type_text(qtbot, box, "Provider notes here")
    click_row(qtbot, page, 2)  # the click that leaves the box
    row = stored(demo_path, factor)
    assert row["client"] == 3, "the client's level must not change"
    assert row["provider"] == 2
    assert "Provider notes here" in str(row["provider notes"])
    assert page.bar.scoring() == ["provider"]  # after the click too
    message = window.statusBar().currentMessage()
    assert "provider view" in message and "2 Developing" in message
    assert "(provider)" in window.doc.undo_stack.undoText()
    key(qtbot, Qt.Key.Key_4)  # the digit scores the side the card shows
    row = stored(demo_path, factor)
    assert (row["client"], row["provider"]) == (3, 4)


def test_every_notes_box_makes_its_side_the_scoring_one(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 6)
    before = stored(demo_path, factor)
    for perspective, level in (("agreed", 1), ("client", 4), ("provider", 0)):
        click_notes(qtbot, page, perspective)
        assert page.bar.scoring() == [perspective]
        key(qtbot, Qt.Key.Key_3)  # a digit in a notes box is text, never a score
        click_row(qtbot, page, level)
        row = stored(demo_path, factor)
        assert row[perspective] == level
        assert str(row[f"{perspective} notes"]).count("3") == str(before[f"{perspective} notes"]).count("3") + 1
    row = stored(demo_path, factor)
    assert (row["client"], row["provider"], row["agreed"]) == (4, 0, 1)
    assert before["client"] != 4 or before["provider"] != 0


def test_exactly_one_card_says_scoring_wherever_the_focus_is(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    click_factor(qtbot, page, 2)
    assert page.bar.scoring() == ["client"]
    click_notes(qtbot, page, "provider")
    assert page.bar.scoring() == ["provider"]
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())  # About
    assert page.bar.scoring() == ["provider"]  # focus left the box: the side stays and is shown


def test_presentation_keys_score_the_side_whose_notes_had_the_focus(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 7)
    click_notes(qtbot, page, "provider")
    key(qtbot, Qt.Key.Key_F11)
    room = page.presentation
    qtbot.waitUntil(lambda: room is not None and room.isVisible())
    room.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is room)
    assert "scoring" in room.score_labels["provider"].text()
    assert room.hint.text().startswith("0–5 score the provider view")
    before = stored(demo_path, factor)
    qtbot.keyClick(room, Qt.Key.Key_5)
    qtbot.waitUntil(lambda: stored(demo_path, factor)["provider"] == 5)
    assert stored(demo_path, factor)["client"] == before["client"]
    qtbot.keyClick(room, Qt.Key.Key_0)
    qtbot.waitUntil(lambda: stored(demo_path, factor)["provider"] == 0)
    qtbot.keyClick(room, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not room.isVisible())
    assert page.bar.scoring() == ["provider"]
