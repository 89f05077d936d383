"""The next-level prompt under the chosen level of the scoring guide, reached by real clicks and keys.

Each check reads the score back from the file, then looks at what the guide paints and what a
screen reader is told about the level.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.ui.workshop.guide import LevelGuide

DESCRIPTION = QAccessible.Text.Description


def stored(path: Path, factor_id: str, perspective: str) -> int | None:
    with Engagement.open(path, readonly=True) as eng:
        score = eng.scores(eng.rounds()[-1].id).get((factor_id, perspective))
        return None if score is None else score.level


def painted(guide: LevelGuide) -> dict[int, str]:
    return {row.value: " ".join(row.doc.toPlainText().split()) for row in guide._layout().rows}


def described(guide: LevelGuide, level: int) -> str:
    found = QAccessible.queryAccessibleInterface(guide._mirror.items[level])
    assert found is not None
    return str(found.text(DESCRIPTION))


def click_level(qtbot, page, level: int) -> None:
    """Click a level's row where it is drawn (scrolled into view first, as a person would)."""
    guide = page.guide
    top, height = guide.row_span(level)
    page.guide_scroll.ensureVisible(200, top + height // 2, 0, height // 2)
    point = QPoint(200, top + min(height // 2, 20))
    assert page.guide_scroll.viewport().rect().contains(guide.mapTo(page.guide_scroll.viewport(), point))
    qtbot.mouseClick(guide, Qt.MouseButton.LeftButton, pos=point)


def key(qtbot, k) -> None:
    qtbot.keyClick(QApplication.focusWidget(), k)


def test_clicking_a_level_shows_what_it_takes_to_reach_the_next_one(qtbot, window, blank_path):
    assert window.open_path(blank_path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    guide, factor = page.guide, page.factor()
    assert not any("To reach level" in text for text in painted(guide).values())  # nothing chosen yet

    click_level(qtbot, page, 2)
    assert stored(blank_path, factor.id, "client") == 2
    prompt = factor.next_level_prompt(2)
    assert prompt
    expected = f"To reach level 3: {prompt}"
    rows = painted(guide)
    assert expected in rows[2]
    assert not any("To reach level" in rows[v] for v in rows if v != 2)  # only beside the chosen level
    assert expected in described(guide, 2)
    assert "To reach level" not in described(guide, 3)
    row = next(r for r in guide._layout().rows if r.value == 2)
    assert row.doc.size().height() < row.height  # the prompt sits inside its row, nothing cut off

    key(qtbot, Qt.Key.Key_5)  # the top level has no level above it
    qtbot.waitUntil(lambda: guide.chosen("client") == 5)
    assert stored(blank_path, factor.id, "client") == 5
    assert not any("To reach level" in text for text in painted(guide).values())
    assert "To reach level" not in described(guide, 5)

    key(qtbot, Qt.Key.Key_Tab)  # the provider's view: not scored, and no agreed level either
    assert guide.focus_perspective() == "provider"
    assert not any("To reach level" in text for text in painted(guide).values())
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_1)  # the agreed level
    qtbot.waitUntil(lambda: guide.chosen("agreed") == 1)
    assert stored(blank_path, factor.id, "agreed") == 1
    assert f"To reach level 2: {factor.next_level_prompt(1)}" in painted(guide)[1]

    # The projector shows the prompt under the agreed level only, whoever is being scored.
    room = LevelGuide(interactive=False)
    qtbot.addWidget(room)
    guide.set_focus_perspective("client")
    room.copy_from(guide)
    room.resize(900, 700)
    assert guide.prompt_level() is None  # the client's level, 5, has none above it
    assert room.prompt_level() == 1
    assert "To reach level 2" in painted(room)[1]


def test_the_prompt_does_not_change_the_type_size_when_a_level_is_chosen(qtbot, window, blank_path):
    assert window.open_path(blank_path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    qtbot.wait(1)
    guide = page.guide
    before = guide.fitted_point_size()
    click_level(qtbot, page, 1)
    assert stored(blank_path, page.factor_id, "client") == 1
    assert guide.prompt_level() == 1
    assert guide.fitted_point_size() == before
    assert guide.fits()  # every level still whole (the page scrolls the rest)


def test_the_projector_drops_the_prompt_rather_than_cut_off_a_level(qtbot, window, blank_path):
    assert window.open_path(blank_path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    click_level(qtbot, page, 2)
    page.guide.set_focus_perspective("agreed")
    key(qtbot, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: page.guide.chosen("agreed") == 2)
    room = LevelGuide(min_point=11, max_point=26, interactive=False)
    qtbot.addWidget(room)
    room.copy_from(page.guide)
    room.resize(900, 1200)  # room enough: the prompt shows under the agreed level
    assert "To reach level 3" in painted(room)[2]
    with_prompt = room._compute(900, 11).total
    room._no_prompt = True
    without = room._compute(900, 11).total
    room._no_prompt = False
    assert without < with_prompt
    height = (without + with_prompt) // 2  # fits every level at the smallest type, but not the prompt too
    room.resize(900, height)
    room._fit = None
    assert not any("To reach level" in text for text in painted(room).values())
    assert room._layout().total <= height  # no level cut off at the bottom
