"""A new follow-up round covers what the round before it covered (play-through 6, item 5)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from mutuality_desktop.core.engagement import Engagement

from .journey import click, page_tab


def test_a_follow_up_added_in_setup_takes_the_baselines_dimensions_and_left_out_factors(
        qtbot, window, blank_path):
    with Engagement.open(blank_path) as eng:
        base = eng.rounds()[0].id
        eng.set_scope(base, ["mutuality", "economy"])
        left_out = eng.framework.dimension("economy").factors[0].id
        eng.set_excluded_factors(base, [left_out])
        counted = len(eng.framework.dimension("mutuality").factors) + len(
            eng.framework.dimension("economy").factors) - 1
    window.open_path(blank_path)
    page_tab(qtbot, window, "Setup")
    rounds = window.setup_page.rounds
    notes = [w.text() for w in rounds.findChildren(QLabel) if "follow-up round" in w.text()]
    assert notes and "every factor" not in notes[0] and "covers what the round before it covered" in notes[0]
    click(qtbot, rounds.label)
    for char in "Follow-up":
        qtbot.keyClicks(QApplication.focusWidget(), char)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    with Engagement.open(blank_path, readonly=True) as eng:
        labels = [r.label for r in eng.rounds()]
        assert labels == ["Baseline", "Follow-up"]
        follow = eng.rounds()[1].id
        assert set(eng.scope(follow)) == {"mutuality", "economy"}
        assert eng.chosen_scope(follow)  # stored, not the default rule
        assert eng.excluded_factors(follow) == frozenset({left_out})
    page_tab(qtbot, window, "Walkthrough")
    assert window.workshop.round_combo.currentText().startswith("Follow-up")
    assert window.workshop.agenda.progress_label.text() == f"0 of {counted} factors agreed"
