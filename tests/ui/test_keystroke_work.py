"""A score keystroke redraws and recounts only what it changed (issue 13: the keystroke target).

Typing 4, 1, 3 on a side already scored moves a level: which factors are agreed, touched, left out
or not applicable stays as it was, so the factor list's counts, their tooltips, the caption and the
progress line are not worked out again, only the scored side's button is painted again, and the
guide keeps its height (the scroll area is not laid out again). Clearing or setting the agreed
level changes the count, and the progress line shows it at once.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

import mutuality_desktop.ui.workshop.page as page_module

from .journey import click, page_tab, press, stored


class _Events(QObject):
    def __init__(self, kind: QEvent.Type) -> None:
        super().__init__()
        self.kind, self.seen = kind, {}

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == self.kind:
            self.seen[obj] = self.seen.get(obj, 0) + 1
        return False


def _agreed_count(text: str) -> tuple[int, int]:
    found = re.fullmatch(r"(\d+) of (\d+) factors agreed", text)
    assert found, text
    return int(found[1]), int(found[2])


def test_a_level_moving_recounts_nothing_and_repaints_one_button(qtbot, window, demo_path, monkeypatch):
    window.resize(1366, 768)
    window.open_path(demo_path)
    page_tab(qtbot, window, "Walkthrough")
    page = window.workshop
    click(qtbot, page.guide, page.guide.rect().center())  # the scoring guide takes the keys
    for key in (Qt.Key.Key_2, Qt.Key.Key_5):  # the client side is scored: from here its level moves
        press(qtbot, key)
        qtbot.wait(50)  # what the first scores laid out is done
    assert page.guide.focus_perspective() == "client"
    recounts: list[int] = []
    real = page_module.dimension_counts
    monkeypatch.setattr(page_module, "dimension_counts",
                        lambda *args: recounts.append(1) or real(*args))
    paints, layouts = _Events(QEvent.Type.Paint), _Events(QEvent.Type.LayoutRequest)
    for button in page.bar.buttons.values():
        button.installEventFilter(paints)
    page.guide.parentWidget().installEventFilter(layouts)
    height = page.guide.minimumHeight()
    progress = page.agenda.progress_label.text()

    for key in (Qt.Key.Key_4, Qt.Key.Key_1, Qt.Key.Key_3):
        press(qtbot, key)
        QApplication.processEvents()
        QApplication.processEvents()

    assert recounts == [], "a level that moved recounted the round"
    assert paints.seen.get(page.bar.buttons["client"], 0) >= 1, "the scored side shows its new level"
    assert paints.seen.get(page.bar.buttons["provider"], 0) == 0
    assert paints.seen.get(page.bar.buttons["agreed"], 0) == 0
    assert layouts.seen == {} and page.guide.minimumHeight() == height
    assert page.agenda.progress_label.text() == progress
    assert page.bar.buttons["client"].value_text().startswith("3")
    factor = page.factor_id
    with stored(demo_path) as eng:
        assert eng.scores(page.round_id)[(factor, "client")].level == 3

    # the agreed level set or cleared: the count changes, and the progress line says so at once
    press(qtbot, Qt.Key.Key_Tab, times=2)
    assert page.guide.focus_perspective() == "agreed"
    had_agreed = page.guide.chosen("agreed") is not None
    agreed, total = _agreed_count(progress)
    press(qtbot, Qt.Key.Key_Delete if had_agreed else Qt.Key.Key_4)
    QApplication.processEvents()
    assert recounts, "a factor agreed or no longer agreed was not counted again"
    assert _agreed_count(page.agenda.progress_label.text()) == (agreed + (-1 if had_agreed else 1), total)
    with stored(demo_path) as eng:
        score = eng.scores(page.round_id).get((factor, "agreed"))
        assert (score.level if score else None) == (None if had_agreed else 4)


def test_the_next_factor_after_a_score_shows_the_round_before_without_a_new_snapshot(
        qtbot, window, demo_path, monkeypatch):
    """The baseline line ("Baseline: agreed 2 Developing") comes from the round before; a score in
    the round on screen does not change it, so stepping on after scoring reads no new snapshot."""
    window.resize(1366, 768)
    window.open_path(demo_path)
    page_tab(qtbot, window, "Walkthrough")
    page = window.workshop
    click(qtbot, page.guide, page.guide.rect().center())
    press(qtbot, Qt.Key.Key_PageDown)  # the round before has been read for the baseline line
    press(qtbot, Qt.Key.Key_PageUp)
    snapshots: list[int] = []
    real = page_module.take_snapshot
    monkeypatch.setattr(page_module, "take_snapshot", lambda eng: snapshots.append(1) or real(eng))
    first = page.factor_id
    for key in (Qt.Key.Key_1, Qt.Key.Key_4, Qt.Key.Key_PageDown):
        press(qtbot, key)
    assert page.factor_id != first and snapshots == []
    second = page.factor_id
    with stored(demo_path) as eng:
        from mutuality_desktop.core.agreement import previous_agreed_text
        from mutuality_desktop.core.snapshot import take_snapshot

        snap = take_snapshot(eng)
        before = snap.previous(page.round_id)
        assert before is not None, "the demo's latest round follows another"
        expected = previous_agreed_text(page.framework.scale, before.label, before.scores, second)
        assert eng.scores(page.round_id)[(first, "client")].level == 4
    assert expected and page.previous_label.text() == expected
