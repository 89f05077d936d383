"""Results' coverage lines read as plain sentences: a factor marked not applicable read
"Joint knowledge management strategy: Not applicable: Covered…" (play-through 7, a doubled colon)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core.engagement import Engagement

from .journey import click, page_tab
from .test_walkthrough_journey import click_factor, key, open_walkthrough

REASON = "Covered by the council's own knowledge hub; no joint strategy is asked for."


def _lines(label_text: str) -> list[str]:
    """The coverage label's lines as a person reads them (markup taken out)."""
    text = re.sub(r"<br\s*/?>", "\n", label_text)
    text = re.sub(r"<[^>]+>", "", text)
    return [line.replace("&amp;", "&").replace("&#x27;", "'").strip() for line in text.splitlines()]


def _no_doubled_punctuation(lines: list[str]) -> None:
    for line in lines:
        assert line.count(":") <= 1 or "Perception-gap" in line, line  # one colon a sentence
        assert "::" not in line and ": :" not in line and ".." not in line, line


def test_a_factor_marked_not_applicable_reads_as_one_sentence_in_results(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    click_factor(qtbot, page, 8)  # Joint knowledge management strategy
    assert page.title.text() == "Joint knowledge management strategy"
    na = page.evidence.not_applicable
    page.side_scroll.ensureWidgetVisible(na)
    click(qtbot, na)
    assert QApplication.focusWidget() is na
    qtbot.keyClicks(na, REASON)
    key(qtbot, Qt.Key.Key_Tab)  # leaves the box: the mark is made
    with Engagement.open(demo_path, readonly=True) as eng:
        marked = eng.not_applicable(eng.rounds()[-1].id)
    assert list(marked.values()) == [REASON]

    page_tab(qtbot, window, "Results")
    results = window.results.page
    qtbot.waitUntil(results._coverage.isVisible)
    lines = _lines(results._coverage.text())
    assert f"Not applicable in this round: Joint knowledge management strategy (\u201c{REASON}\u201d)" in lines, lines
    assert not any("Not applicable: Covered" in line for line in lines)
    _no_doubled_punctuation([line for line in lines if "Not applicable" in line or "agreed" in line])


def test_every_coverage_line_of_the_demo_and_a_scoped_round_reads_plainly(qtbot, window, demo_path):
    with Engagement.open(demo_path) as eng:
        rnd = eng.rounds()[-1]
        mutuality = [d.id for d in eng.framework.workshop_order() if d.name == "Mutuality"]
        eng.set_scope(rnd.id, mutuality)  # a round on Mutuality alone
    open_walkthrough(qtbot, window, demo_path)
    page_tab(qtbot, window, "Results")
    results = window.results.page
    qtbot.waitUntil(results._coverage.isVisible)
    lines = _lines(results._coverage.text())
    assert lines[0] == "14 of 15 factors agreed, 1 not agreed by the room", lines
    assert lines[1] == ("Mutuality 14/15 · not in this round: Economy, Efficiency, Effectiveness, "
                        "Strategic Value, Stakeholder Value")
    assert any(line.startswith("Mutuality ") and "not in this round: " in line for line in lines), lines
    _no_doubled_punctuation([line for line in lines if not line.startswith("Perception-gap index: ")
                             and "Perception-gap index: for" not in line])
