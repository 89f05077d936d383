"""Play-through leftovers: what the window counts follows the round ("14 of 15 factors", "FACTOR 3 OF
14 IN THIS ROUND"), and both Results tabs start with the same views ticked. Real clicks and keys."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mutuality_desktop.core.engagement import Engagement

from .journey import click, page_tab, press, stored

EXIT = "joint-exit-strategy"


def _leave_out_exit_in_setup(qtbot, window, blank_path) -> None:
    page_tab(qtbot, window, "Setup")
    panel = window.setup_page.scope
    exit_item = next(panel.factors.item(i) for i in range(panel.factors.count())
                     if panel.factors.item(i).text() == "14. Joint exit strategy")
    panel.factors.scrollToItem(exit_item)
    click(qtbot, panel.factors.viewport(), panel.factors.visualItemRect(exit_item).center())
    press(qtbot, Qt.Key.Key_Space)
    with stored(blank_path) as eng:
        assert eng.excluded_factors(eng.rounds()[0].id) == {EXIT}


def _click_factor(qtbot, page, factor_id: str) -> None:
    nav = page.navigator
    item = nav._items[factor_id]
    nav.scrollToItem(item)
    click(qtbot, nav.viewport(), nav.visualItemRect(item).center())


def test_results_tab_and_room_title_count_the_factors_the_round_assesses(qtbot, window, blank_path):
    with Engagement.open(blank_path) as eng:
        eng.set_score(eng.rounds()[0].id, "joint-objective-setting", "agreed", 3)
    window.open_path(blank_path)
    page_tab(qtbot, window, "Results")
    page = window.results.page
    bar = page.tabs.tabBar()
    assert bar.tabText(1) == "Mutuality (15 factors)"
    _leave_out_exit_in_setup(qtbot, window, blank_path)
    page_tab(qtbot, window, "Results")
    qtbot.waitUntil(page.isVisible)
    assert bar.tabText(1) == "Mutuality (14 of 15 factors)"
    assert "Mutuality 1/14" in page._coverage.text()  # the same count as the coverage beside it
    tip = bar.tabToolTip(1)
    assert "Baseline assesses 14 of Mutuality's 15 factors" in tip and "Joint exit strategy" in tip
    click(qtbot, bar, bar.tabRect(1).center())
    click(qtbot, _button(page, "Present"))
    room = page.presentation
    qtbot.waitUntil(room.isVisible)
    assert room.charts[1].title.get_text() == "Mutuality: 14 of 15 factors"
    qtbot.keyClick(room, Qt.Key.Key_Escape)
    assert not room.isVisible()


def _button(page, text: str):
    from PySide6.QtWidgets import QPushButton

    return next(b for b in page.findChildren(QPushButton) if b.text() == text)


def test_a_not_applicable_factor_is_counted_out_of_the_tab_too(qtbot, window, blank_path):
    with Engagement.open(blank_path) as eng:
        from mutuality_desktop.core import operations as ops

        rnd = eng.rounds()[0]
        eng.set_score(rnd.id, "joint-objective-setting", "agreed", 3)
        eng.apply(ops.SetNotApplicable(rnd.uuid, EXIT, "The contract has no exit before 2035"))
    window.open_path(blank_path)
    page_tab(qtbot, window, "Results")
    bar = window.results.page.tabs.tabBar()
    assert bar.tabText(1) == "Mutuality (14 of 15 factors)"
    assert "marked not applicable: Joint exit strategy" in bar.tabToolTip(1)


def test_the_walkthrough_caption_counts_the_factors_in_the_round(qtbot, window, blank_path):
    window.open_path(blank_path)
    page = window.workshop
    page_tab(qtbot, window, "Walkthrough")
    _click_factor(qtbot, page, EXIT)
    assert page.caption.text() == "MUTUALITY  ·  FACTOR 14 OF 15"  # the whole dimension in the round
    _leave_out_exit_in_setup(qtbot, window, blank_path)  # the room leaves the factor on screen out
    page_tab(qtbot, window, "Walkthrough")
    assert page.title.text() == "Joint exit strategy"
    assert page.caption.text() == "MUTUALITY  ·  LEFT OUT OF THIS ROUND"
    _click_factor(qtbot, page, "relationship-management-strategy")
    assert page.caption.text() == "MUTUALITY  ·  FACTOR 15  ·  14TH OF 14 IN THIS ROUND"
    _click_factor(qtbot, page, "joint-governance-structure")
    assert page.caption.text() == "MUTUALITY  ·  FACTOR 2  ·  2ND OF 14 IN THIS ROUND"


def test_both_results_tabs_start_unticked_and_keep_their_ticks(qtbot, window, blank_path):
    with Engagement.open(blank_path) as eng:
        rid = eng.rounds()[0].id
        eng.set_score(rid, "joint-objective-setting", "client", 3)
        eng.set_score(rid, "joint-objective-setting", "agreed", 2)
    window.open_path(blank_path)
    page_tab(qtbot, window, "Results")
    page = window.results.page
    qtbot.waitUntil(page.isVisible)
    bar = page.tabs.tabBar()
    for tab, pane in ((0, page.dimension_pane), (1, page.factor_pane)):
        click(qtbot, bar, bar.tabRect(tab).center())
        assert [b.isChecked() for b in pane.toggles.values()] == [False, False]
        assert not pane.chart.is_visible("client") and not pane.chart.is_visible("provider")
    box = page.factor_pane.toggles["client"]
    click(qtbot, box, box.rect().center())  # one click ticks it
    assert box.isChecked() and page.factor_pane.chart.is_visible("client")
    page_tab(qtbot, window, "Walkthrough")
    page_tab(qtbot, window, "Results")
    assert page.factor_pane.toggles["client"].isChecked()
    assert page.factor_pane.chart.is_visible("client")
