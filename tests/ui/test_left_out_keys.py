"""A greyed factor clicked and left out: the list comes back to the factor on screen, and a digit
scores only that factor, which the list shows selected (playthrough 1, finding 6)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement

from .journey import click, focused, press, stored

EXIT = "joint-exit-strategy"


def _leave_exit_out(path) -> None:
    with Engagement.open(path) as eng:
        rnd = eng.rounds()[0]
        eng.apply(ops.SetExcludedFactors(eng.round_uuid(rnd.id), (EXIT,)))


def test_a_digit_after_leave_it_out_scores_the_factor_the_list_shows(qtbot, window, blank_path):
    _leave_exit_out(blank_path)
    window.open_path(blank_path)
    page = window.workshop
    nav = page.navigator
    second = page.framework.workshop_order()[0].factors[1]
    item = nav._items[second.id]
    nav.scrollToItem(item)
    click(qtbot, nav.viewport(), nav.visualItemRect(item).center())
    assert page.title.text() == second.name and focused() is nav
    press(qtbot, Qt.Key.Key_1)
    exit_item = nav._items[EXIT]
    nav.scrollToItem(exit_item)  # the facilitator scrolls the list down to the greyed factor
    assert not nav.viewport().rect().intersects(nav.visualItemRect(item))

    def leave_it_out() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            click(qtbot, box.button(QMessageBox.StandardButton.No))

    QTimer.singleShot(200, leave_it_out)
    click(qtbot, nav.viewport(), nav.visualItemRect(exit_item).center())
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    window.activateWindow()  # the offscreen platform does not give the window back by itself
    qtbot.waitUntil(lambda: QApplication.focusWidget() is nav)
    assert page.title.text() == second.name
    # the list is back on the factor the page shows: selected and in view
    assert nav.currentItem() is item and item.isSelected()
    assert nav.viewport().rect().contains(nav.visualItemRect(item).center())
    assert page.bar.is_active() == (focused() is nav or focused() is page.guide)
    press(qtbot, Qt.Key.Key_4)
    with stored(blank_path) as eng:
        scores = eng.scores(eng.rounds()[0].id)
        assert scores[(second.id, "client")].level == 4
        assert (EXIT, "client") not in scores


def test_a_list_scrolled_away_from_the_open_factor_scores_nothing_and_says_so(qtbot, window, blank_path):
    window.open_path(blank_path)
    page = window.workshop
    nav = page.navigator
    second = page.framework.workshop_order()[0].factors[1]
    item = nav._items[second.id]
    nav.scrollToItem(item)
    click(qtbot, nav.viewport(), nav.visualItemRect(item).center())
    assert page.bar.is_active()  # SCORING
    last = nav._items[page.framework.workshop_order()[0].factors[-1].id]
    nav.scrollToItem(last)  # as the mouse wheel would
    assert not nav.viewport().rect().contains(nav.visualItemRect(item).center())
    assert not page.bar.is_active(), "the bar must not say SCORING for a factor out of the list's view"
    press(qtbot, Qt.Key.Key_3)
    with stored(blank_path) as eng:
        assert (second.id, "client") not in eng.scores(eng.rounds()[0].id)
    assert second.name in window.statusBar().currentMessage()
    assert nav.viewport().rect().contains(nav.visualItemRect(item).center())  # back in view
    assert page.bar.is_active()
    press(qtbot, Qt.Key.Key_3)
    with stored(blank_path) as eng:
        assert eng.scores(eng.rounds()[0].id)[(second.id, "client")].level == 3


def test_a_click_on_a_heading_keeps_the_open_factor_selected(qtbot, window, blank_path):
    window.open_path(blank_path)
    page = window.workshop
    nav = page.navigator
    second = page.framework.workshop_order()[0].factors[1]
    item = nav._items[second.id]
    nav.scrollToItem(item)
    click(qtbot, nav.viewport(), nav.visualItemRect(item).center())
    head = nav._dimensions["mutuality"]
    nav.scrollToItem(head)
    click(qtbot, nav.viewport(), nav.visualItemRect(head).center())
    assert nav.currentItem() is item and item.isSelected()
    press(qtbot, Qt.Key.Key_2)
    with stored(blank_path) as eng:
        assert eng.scores(eng.rounds()[0].id)[(second.id, "client")].level == 2


def test_the_list_headings_count_the_rounds_factors_only(qtbot, window, blank_path):
    """Playthrough 1, finding 3: "MUTUALITY 2/15" with a factor left out; Results said 2/14."""
    with Engagement.open(blank_path) as eng:
        rnd = eng.rounds()[0]
        uuid = eng.round_uuid(rnd.id)
        eng.apply(ops.SetScope(uuid, ("mutuality", "economy")))
        eng.apply(ops.SetExcludedFactors(uuid, (EXIT, "inflation-and-indexation-control")))
        first = eng.framework.workshop_order()[0].factors[0].id
        eng.apply(ops.SetScore(uuid, first, "agreed", 3))
        eng.apply(ops.SetNotApplicable(uuid, "joint-knowledge-management-strategy", "No shared systems"))
    window.open_path(blank_path)
    nav = window.workshop.navigator
    from mutuality_desktop.ui.workshop.navigator import COUNT_ROLE

    def heading(dim: str) -> str:
        return str(nav._dimensions[dim].data(0, COUNT_ROLE))

    assert heading("mutuality") == "1/13"  # 15, less one left out and one not applicable
    assert heading("economy") == "0/4"  # 5, less one left out
    assert "not in round" in heading("efficiency")
