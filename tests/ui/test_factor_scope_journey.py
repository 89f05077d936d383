"""Factor-level scope by mouse and keys: leave a factor out in Setup, see it greyed in the walkthrough,
and bring it back when the room insists on it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from .journey import click, page_tab, press, stored

EXIT = "joint-exit-strategy"


def test_a_factor_left_out_in_setup_is_greyed_and_a_click_brings_it_back(qtbot, window, blank_path):
    window.open_path(blank_path)
    page_tab(qtbot, window, "Setup")
    panel = window.setup_page.scope
    assert "Factors of Mutuality: untick one to leave it out of Baseline" in panel.factors_title.text()
    exit_item = next(panel.factors.item(i) for i in range(panel.factors.count())
                     if panel.factors.item(i).text() == "14. Joint exit strategy")
    panel.factors.scrollToItem(exit_item)
    click(qtbot, panel.factors.viewport(), panel.factors.visualItemRect(exit_item).center())
    press(qtbot, Qt.Key.Key_Space)
    with stored(blank_path) as eng:
        assert eng.excluded_factors(eng.rounds()[0].id) == {EXIT}
    assert panel.note.text().startswith("Baseline covers 14 factors.")
    assert "1 left out" in panel.list.item(0).text()

    page_tab(qtbot, window, "Walkthrough")
    page = window.workshop
    assert EXIT not in page.navigator.factor_ids()
    assert page.agenda.progress_label.text().startswith("0 of 14")
    nav = page.navigator
    item = nav._items[EXIT]
    nav.scrollToItem(item)

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            assert "is not part of Baseline" in box.text()
            qtbot.keyClick(box, Qt.Key.Key_Return)  # the default: add it

    from PySide6.QtCore import QTimer

    QTimer.singleShot(200, answer)
    click(qtbot, nav.viewport(), nav.visualItemRect(item).center())
    with stored(blank_path) as eng:
        assert eng.excluded_factors(eng.rounds()[0].id) == frozenset()
    assert page.title.text() == "Joint exit strategy"
    assert page.agenda.progress_label.text().startswith("0 of 15")
    window.actions_.undo.trigger()  # one undo step takes it out again
    with stored(blank_path) as eng:
        assert eng.excluded_factors(eng.rounds()[0].id) == {EXIT}


def test_a_factor_of_a_dimension_outside_the_round_comes_in_alone(qtbot, window, blank_path):
    window.open_path(blank_path)
    page = window.workshop
    nav = page.navigator
    opened = page.title.text()
    economy = nav._dimensions["economy"]
    nav.scrollToItem(economy)
    click(qtbot, nav.viewport(), nav.visualItemRect(economy).center())  # opens the greyed heading
    first = nav._items["price-benchmarking"]
    assert not first.isHidden()
    nav.scrollToItem(first)
    from PySide6.QtCore import QTimer

    def leave_it_out() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(200, leave_it_out)
    click(qtbot, nav.viewport(), nav.visualItemRect(first).center())
    assert page.title.text() == opened, "a greyed factor is not opened unless it is added"
    assert nav.shows(nav.current_factor()), "the list is back on the factor still open"
    with stored(blank_path) as eng:
        assert eng.chosen_scope(eng.rounds()[0].id) == ()

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(200, answer)
    nav.scrollToItem(first)  # "Leave it out" took the list back to the open factor
    click(qtbot, nav.viewport(), nav.visualItemRect(first).center())
    with stored(blank_path) as eng:
        rid = eng.rounds()[0].id
        assert eng.chosen_scope(rid) == ("mutuality", "economy")
        others = {f.id for f in eng.framework.dimension("economy").factors} - {"price-benchmarking"}
        assert eng.excluded_factors(rid) == others
    assert "price-benchmarking" in nav.factor_ids() and page.title.text().startswith("Price benchmarking")
    assert page.agenda.progress_label.text().startswith("0 of 16")
