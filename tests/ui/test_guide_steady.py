"""The scoring guide does not jump as the "To reach level N" line appears under a level just scored
(playthrough 1, finding 16: every row moved by up to 24 px)."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from .journey import click


def _tops(guide) -> dict[int, int]:
    return {level: guide.row_span(level)[0] for level in range(6)}


def test_scoring_a_level_keeps_it_and_the_rows_above_in_place(qtbot, window, blank_path):
    window.open_path(blank_path)
    page = window.workshop
    guide = page.guide
    qtbot.wait(1)
    assert guide.prompt_text() == ""
    before = _tops(guide)
    top, height = guide.row_span(2)
    click(qtbot, guide, QPoint(guide.width() // 3, top + height // 2))  # score the client view 2
    assert guide.chosen("client") == 2 and guide.prompt_text().startswith("To reach level 3")
    after = _tops(guide)
    assert {lv: after[lv] for lv in (5, 4, 3, 2)} == {lv: before[lv] for lv in (5, 4, 3, 2)}
    assert guide.fits() and page.guide_scroll.verticalScrollBar().maximum() == 0  # level 0 still whole
    # the line sits inside the level-2 row: the row is tall enough for its text and the line
    fit = guide._layout()
    row = next(r for r in fit.rows if r.value == 2)
    assert row.doc.size().height() + 2 * fit.pad <= row.height + 1
    # moving the score to level 4 keeps levels 5 and 4 where they were
    top, height = guide.row_span(4)
    click(qtbot, guide, QPoint(guide.width() // 3, top + height // 2))
    assert guide.chosen("client") == 4
    moved = _tops(guide)
    assert (moved[5], moved[4]) == (before[5], before[4])
