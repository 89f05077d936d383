"""Play-through 26 Nov, finding 8: the counts on one walkthrough screen square with each other.

With one Mutuality factor left out in Setup and one marked not applicable in the room, the
caption says "FACTOR 3 OF 14 IN THIS ROUND", the list's heading 0/13 and the progress line counts
the round's factors less the not-applicable one; each says (on hover and to a screen reader) which
factors the count leaves out and why. Real clicks and keys; the file is read back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core.engagement import Engagement

from .journey import click, page_tab, press
from .test_round_counts_ui import _click_factor, _leave_out_exit_in_setup

TRUST = "behaviours-and-trust-indicators"
REASON = "A separate staff survey this year"


def test_caption_heading_and_progress_say_which_factors_they_leave_out(qtbot, window, blank_path):
    window.open_path(blank_path)
    _leave_out_exit_in_setup(qtbot, window, blank_path)
    page_tab(qtbot, window, "Walkthrough")
    page = window.workshop
    _click_factor(qtbot, page, TRUST)
    assert page.caption.text() == "MUTUALITY  ·  FACTOR 3  ·  3RD OF 14 IN THIS ROUND"
    box = page.evidence.not_applicable
    click(qtbot, box, box.rect().center())
    assert QApplication.focusWidget() is box
    qtbot.keyClicks(box, REASON)
    press(qtbot, Qt.Key.Key_Return)
    with Engagement.open(blank_path, readonly=True) as eng:
        assert eng.not_applicable(eng.rounds()[0].id) == {TRUST: REASON}

    # the caption keeps the factor's place and says it is not applicable
    assert page.caption.text() == "MUTUALITY  ·  FACTOR 3  ·  3RD OF 14 IN THIS ROUND (NOT APPLICABLE)"
    tip = page.caption.accessibleDescription()  # what a screen reader says; the tooltip wraps it
    assert page.caption.toolTip() == f"<p>{tip}</p>"
    assert "13 of them are counted" in tip
    assert "left out of the round: Joint exit strategy" in tip
    assert "marked not applicable: Behaviours and trust indicators" in tip
    # the list's heading counts 13 and says why
    head = page.navigator._dimensions["mutuality"]
    assert head.data(0, Qt.ItemDataRole.UserRole + 3) == "0/13"
    heading_tip = head.data(0, Qt.ItemDataRole.AccessibleDescriptionRole)  # plain; the tooltip wraps it
    assert head.toolTip(0) == f"<p>{heading_tip}</p>"
    assert heading_tip.startswith("Mutuality: 0 of 13 counted factors agreed.")
    assert "Joint exit strategy" in heading_tip and "Behaviours and trust indicators" in heading_tip
    # the progress line counts the same factors and names those it leaves out
    progress = page.agenda.progress_label
    assert progress.text().startswith("0 of ")
    counted = int(progress.text().split()[2])
    ptip = progress.toolTip()
    assert f"{counted} are counted" in ptip
    assert "Marked not applicable, so not counted: Behaviours and trust indicators" in ptip
    assert "Left out of the round: Joint exit strategy" in ptip
    # Results' tab counts the same 13 and names both
    page_tab(qtbot, window, "Results")
    bar = window.results.page.tabs.tabBar()
    qtbot.waitUntil(bar.isVisible)
    assert bar.tabText(1) == "Mutuality (13 of 15 factors)"
    assert "left out of the round: Joint exit strategy" in bar.tabToolTip(1)
    assert "marked not applicable: Behaviours and trust indicators" in bar.tabToolTip(1)
