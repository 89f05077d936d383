"""Play-through 8 (core14), finding 1: participants' pre-work comments are read where the factor is
discussed. The Evidence tab's "Pre-work comments (n)" opens them: who (names only with Names on, as
the spread strip), side, their level and the comment exactly as written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from mutuality_desktop.core.engagement import Engagement

from .test_walkthrough_journey import click_factor

F1, F2 = "joint-objective-setting", "joint-governance-structure"
MINUTES = "Objectives were agreed at mobilisation in 2021 … see board minutes."
LITERAL = "Cytunwyd <b>yn 2021</b> — 见董事会会议记录\nsecond line"


def with_returns(path: Path) -> None:
    with Engagement.open(path) as e:
        rid = e.rounds()[0].id
        ann = e.add_participant("Ann Smith", "Director", "client").id
        bob = e.add_participant("Bob Jones", "Contract manager", "provider").id
        cy = e.add_participant("Cy Lee", "Finance", "client").id
        e.set_participant_score(rid, F1, bob, 4, MINUTES)
        e.set_participant_score(rid, F1, ann, 2, MINUTES)
        e.set_participant_score(rid, F1, cy, None, LITERAL)  # a form returned with "don't know"
        e.set_participant_score(rid, F2, ann, 3, "")  # a level without a comment


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def test_the_evidence_tab_opens_the_factors_pre_work_comments(qtbot, window, blank_path: Path) -> None:
    with_returns(blank_path)
    window.open_path(blank_path)
    window.show_page("Walkthrough")
    page = window.workshop
    assert page.factor_id == F1
    evidence = page.evidence
    button = evidence.comments_button
    assert button.isVisible() and button.text() == "Pre-work comments (3)"
    assert not evidence.comments_list.isVisible()  # closed, it takes one line
    click(qtbot, button)
    assert evidence.comments_list.isVisible()
    qtbot.waitUntil(lambda: evidence.comments_list.geometry().bottom()
                    < evidence.not_agreed_button.geometry().top())  # open, it overlaps nothing below
    shown = evidence.comments_list.toPlainText()
    assert shown.split("\n")[:4] == [
        "A client participant, level 2 Developing", MINUTES,
        "A client participant, don't know", "Cytunwyd <b>yn 2021</b> — 见董事会会议记录"]
    assert "A provider participant, level 4 Advanced" in shown
    assert "Ann" not in shown and "Bob" not in shown  # names are off
    click(qtbot, page.spread.names)  # Names on: the comments name their writers too
    shown = evidence.comments_list.toPlainText()
    assert shown.startswith(f"Ann Smith (client), level 2 Developing\n{MINUTES}\nCy Lee (client), don't know")
    assert "Bob Jones (provider), level 4 Advanced" in shown
    click(qtbot, page.spread.names)
    assert "Ann" not in evidence.comments_list.toPlainText()

    assert click_factor(qtbot, page, 2) == F2  # the next factor: a level but no comment
    qtbot.waitUntil(lambda: page.factor_id == F2)
    assert not evidence.comments_button.isVisible() and not evidence.comments_list.isVisible()
    window.close_document()
    with Engagement.open(blank_path, readonly=True) as e:  # reading them changed nothing stored
        stored = {(s.factor_id, s.comment) for s in e.participant_scores(e.rounds()[0].id)}
    assert (F1, LITERAL) in stored and (F1, MINUTES) in stored
