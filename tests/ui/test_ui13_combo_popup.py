"""Play-through 7 (ui13): drop-down lists opened cut off (Results' round list showed only "Follow-up"
with a scroll arrow, Baseline hidden above). A short list shows every item whole."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .journey import click, page_tab


def test_round_list_shows_every_round_whole(qtbot, window, demo_path, restore_look):
    window.resize(1024, 740)
    assert window.open_path(demo_path)
    page_tab(qtbot, window, "Results")
    page = window.results.page
    qtbot.waitUntil(page.isVisible)
    combo = page.round_combo
    click(qtbot, combo, combo.rect().center())
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    qtbot.wait(200)
    shown = [view.visualRect(view.model().index(row, 0)) for row in range(combo.count())]
    viewport = view.viewport().rect()
    assert combo.count() >= 2
    assert all(viewport.contains(rect) for rect in shown), (shown, viewport)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
