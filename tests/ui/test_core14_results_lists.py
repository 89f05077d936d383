"""Play-through 8 (core14), finding 3: Results never lists one level as a top strength and an
improvement priority at once (the play-through had "2 Developing" on both lists)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework import MUTUALITY

LEVELS = [3, 3, 3, 2, 2, 2, 2, 2, 1, 1]  # three at 3 Established, five at 2 Developing, two at 1 Initial


def test_results_keep_developing_off_the_strengths(qtbot, window, blank_path: Path) -> None:
    with Engagement.open(blank_path) as e:
        rid = e.rounds()[0].id
        for f, level in zip(e.framework.dimension(MUTUALITY).factors, LEVELS, strict=False):
            e.set_score(rid, f.id, "agreed", level)
    window.open_path(blank_path)
    button = window.page_switch.buttons["Results"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    qtbot.waitUntil(lambda: window.results.page is not None
                    and "Established" in window.results.page._strengths.text())
    page = window.results.page
    strengths, priorities = page._strengths.text(), page._priorities.text()
    assert "Developing" not in strengths and "Initial" not in strengths
    assert strengths.count("Established") == 3
    assert priorities.count("Initial") == 2 and priorities.count("Developing") == 3
    assert "Established" not in priorities
