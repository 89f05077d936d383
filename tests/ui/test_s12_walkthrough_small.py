"""Three things a facilitator's play-through (s12) saw in the walkthrough, under real input:
an action just added lands whole in view; Ctrl+G to a factor near the top shows the list from its
heading; the status bar's report on one factor goes when the next factor opens."""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from .journey import click, press, stored, type_keys
from .test_actions_keys import _actions_tab
from .test_walkthrough_journey import CTRL, click_factor, key, open_walkthrough


def _go_to(qtbot, act) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+G, then act(dialog, its focused box) once the Go to factor dialog takes keys."""
    def when_open(tries: int = 200) -> None:  # looks again every 50 ms, for up to 10 s
        dialog, focused = QApplication.activeModalWidget(), QApplication.focusWidget()
        if dialog is None or focused is None or not dialog.isAncestorOf(focused):
            if tries:
                QTimer.singleShot(50, lambda: when_open(tries - 1))
            return
        act(dialog, focused)

    QTimer.singleShot(50, when_open)
    key(qtbot, Qt.Key.Key_G, CTRL)


@contextmanager
def stored_rounds(path):  # type: ignore[no-untyped-def]
    with stored(path) as eng:
        yield [r.label for r in eng.rounds()]


def test_an_action_added_under_a_full_list_is_whole_in_view_at_1024(qtbot, window, demo_path):
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    panel = _actions_tab(qtbot, window, demo_path)  # factor 1: two long actions fill the list
    table = panel.table
    assert table.rowCount() == 2
    click(qtbot, panel.text)
    type_keys(qtbot, "Publish the joint objectives on both intranets by March")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.rowCount() == 3)
    row = table.visualRect(table.model().index(2, 0))
    qtbot.waitUntil(lambda: table.viewport().rect().contains(table.visualRect(table.model().index(2, 0))))
    assert row.height() > 0


def test_go_to_a_factor_near_the_top_shows_the_list_from_its_heading(qtbot, window, demo_path):
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    page = open_walkthrough(qtbot, window, demo_path)
    click_factor(qtbot, page, 15)  # the list scrolled to the foot of the dimension
    bar = page.navigator.verticalScrollBar()
    assert bar.value() > 0

    def type_trust(dialog, focused) -> None:  # type: ignore[no-untyped-def]
        qtbot.keyClicks(focused, "trust")
        qtbot.keyClick(focused, Qt.Key.Key_Return)

    _go_to(qtbot, type_trust)
    assert page.title.text() == "Behaviours and trust indicators"
    qtbot.waitUntil(lambda: bar.value() == 0)  # "MUTUALITY 14/15" and factor 1 in sight again
    nav = page.navigator
    assert nav.viewport().rect().contains(nav.visualItemRect(nav._items[page.factor_id]))


def test_the_report_on_one_factor_goes_when_the_next_opens(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    first = page.factor().name
    key(qtbot, Qt.Key.Key_4)
    assert first in window.statusBar().currentMessage()
    click_factor(qtbot, page, 2)
    assert first not in window.statusBar().currentMessage()


def test_actions_added_with_the_button_are_whole_in_view_at_1024(qtbot, window, demo_path):
    """Second play-through: with four actions, one added by the Add action button (not Return)
    landed half below the list at 1024."""
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    panel = _actions_tab(qtbot, window, demo_path)
    table = panel.table
    for n, text in enumerate(("Publish the joint objectives on both intranets by March, with a named "
                              "owner on each side and a review date",
                              "Report progress on each objective at every Strategic Partnership Board, "
                              "in one agreed format"), start=3):
        click(qtbot, panel.text)
        type_keys(qtbot, text)
        click(qtbot, panel.add_button)
        qtbot.waitUntil(lambda n=n: table.rowCount() == n)
        qtbot.waitUntil(lambda n=n: table.viewport().rect().contains(table.visualRect(table.model().index(n - 1, 0))))


def test_a_round_just_added_opens_at_its_first_factor(qtbot, window, demo_path):
    """Second play-through: a new round opened on factor 14, where the last round was left, with
    the MUTUALITY heading scrolled out of view."""
    from .journey import page_tab

    page = open_walkthrough(qtbot, window, demo_path)
    click_factor(qtbot, page, 14)
    page_tab(qtbot, window, "Setup")
    rounds = window.setup_page.rounds
    window.setup_page.ensureWidgetVisible(rounds.label)
    click(qtbot, rounds.label)
    type_keys(qtbot, "Second follow-up")
    click(qtbot, rounds.add_button)
    with stored_rounds(demo_path) as labels:
        assert labels[-1] == "Second follow-up"
    page_tab(qtbot, window, "Walkthrough")
    assert page.round_combo.currentText().startswith("Second follow-up")
    assert page.factor_id == page.navigator.factor_ids()[0]
    qtbot.waitUntil(lambda: page.navigator.verticalScrollBar().value() == 0)


def test_go_to_factor_offers_only_the_factors_of_the_round(qtbot, window, demo_path):
    """Second play-through: Ctrl+G offered Cost per outcome, outside the round, and a click then
    scored it. A factor outside the round is added from the list (its greyed heading)."""
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "mutuality_desktop", "scope", str(demo_path),
                    "--dimensions", "mutuality,economy"], check=True, capture_output=True)
    page = open_walkthrough(qtbot, window, demo_path)
    offered: list[list[str]] = []

    def look(dialog, focused) -> None:  # type: ignore[no-untyped-def]
        qtbot.keyClicks(focused, "outcome")
        results = dialog.results
        offered.append([results.item(i).text() for i in range(results.count()) if not results.item(i).isHidden()])
        qtbot.keyClick(focused, Qt.Key.Key_Escape)

    _go_to(qtbot, look)
    assert offered and not any("Cost per outcome" in text for text in offered[0]), offered
    assert page.title.text() != "Cost per outcome"


def test_a_level_refused_for_a_factor_marked_not_applicable_is_never_said_to_be_scored(qtbot, window, demo_path):
    """Third play-through (s12): a digit on a factor marked not applicable. Core refuses the
    level (the banner says why), yet the status bar said "Scored the client view … 4"."""
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 14)
    box = page.evidence.not_applicable
    page.side_scroll.ensureWidgetVisible(box)
    click(qtbot, box)
    type_keys(qtbot, "No exit in this contract period")
    press(qtbot, Qt.Key.Key_Return)
    with stored(demo_path) as eng:
        rnd = eng.rounds()[-1]
        assert factor in eng.not_applicable(rnd.id)
        before = eng.scores(rnd.id)[(factor, "client")].level
    page.guide.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.guide)
    key(qtbot, Qt.Key.Key_4)
    with stored(demo_path) as eng:
        assert eng.scores(eng.rounds()[-1].id)[(factor, "client")].level == before != 4
    assert "Scored" not in window.statusBar().currentMessage()
    assert window.banner.isVisible()
    assert "marked not applicable in this round, so it takes no level" in window.banner.text()
