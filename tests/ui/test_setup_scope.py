"""Scope in Setup: tick a dimension for the round, it is saved at once, and Undo takes it back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core.engagement import Engagement

from .journey import click, page_tab, press, stored


def test_ticking_a_dimension_adds_it_to_the_round_scope_and_undo_removes_it(qtbot, window, blank_path):
    window.open_path(blank_path)
    page_tab(qtbot, window, "Setup")
    panel = window.setup_page.scope
    items = [panel.list.item(i) for i in range(panel.list.count())]
    assert [i.checkState() == Qt.CheckState.Checked for i in items] == [True] + [False] * 5
    assert "Baseline" in panel.title.text() and "ticked to begin with" in panel.note.text()
    economy = next(i for i in items if i.text().startswith("Economy"))
    panel.list.scrollToItem(economy)
    click(qtbot, panel.list.viewport(), panel.list.visualItemRect(economy).center())
    assert QApplication.focusWidget() is panel.list
    press(qtbot, Qt.Key.Key_Space)
    with stored(blank_path) as eng:
        assert eng.chosen_scope(eng.rounds()[0].id) == ("mutuality", "economy")
    assert panel.note.text().startswith("Baseline covers 20 factors. Only these appear")
    window.actions_.undo.trigger()
    with stored(blank_path) as eng:
        assert eng.chosen_scope(eng.rounds()[0].id) == ()
    assert panel.list.item(1).checkState() == Qt.CheckState.Unchecked


def test_the_walkthrough_shows_and_counts_only_the_round_scope(qtbot, window, blank_path):
    window.open_path(blank_path)
    page = window.workshop
    mutuality = [f.id for f in page.framework.dimension("mutuality").factors]
    assert page.navigator.factor_ids() == mutuality, "a new round: Mutuality only"
    assert page.agenda.progress_label.text().startswith("0 of 15")
    page_tab(qtbot, window, "Setup")
    panel = window.setup_page.scope
    economy = panel.list.item(1)
    click(qtbot, panel.list.viewport(), panel.list.visualItemRect(economy).center())
    press(qtbot, Qt.Key.Key_Space)
    page_tab(qtbot, window, "Walkthrough")
    economy_ids = [f.id for f in page.framework.dimension("economy").factors]
    assert page.navigator.factor_ids() == mutuality + economy_ids
    assert page.agenda.progress_label.text().startswith("0 of 20")
    page.navigator.select_factor(mutuality[-1])
    page.go_to_factor(mutuality[-1])
    page.next_factor()  # moves on into Economy, never into a dimension outside the scope
    assert page.navigator.current_factor() == economy_ids[0]


def test_a_scope_undone_from_the_walkthrough_shows_in_setup_when_it_is_shown_again(qtbot, window, blank_path):
    """Setup reloads its scope list when shown, not on every score while hidden: what it shows
    when the facilitator comes back is what the file holds."""
    window.open_path(blank_path)
    page_tab(qtbot, window, "Setup")
    panel = window.setup_page.scope
    economy = panel.list.item(1)
    click(qtbot, panel.list.viewport(), panel.list.visualItemRect(economy).center())
    press(qtbot, Qt.Key.Key_Space)
    assert panel.list.item(1).checkState() == Qt.CheckState.Checked
    page_tab(qtbot, window, "Walkthrough")
    assert not window.setup_page.isVisible()
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Edit -> Undo, Setup hidden
    with stored(blank_path) as eng:
        assert eng.chosen_scope(eng.rounds()[0].id) == ()
    page_tab(qtbot, window, "Setup")
    assert panel.list.item(1).checkState() == Qt.CheckState.Unchecked
    assert "ticked to begin with" in panel.note.text()


def test_a_round_nobody_chose_for_says_why_its_scored_dimensions_are_ticked(qtbot, window, blank_path):
    """Play-through s5, finding 19: the note read as the rule's source ("ticked by default (the
    dimensions scored so far, else Mutuality); a tick or untick chooses")."""
    with Engagement.open(blank_path) as eng:
        rnd = eng.rounds()[0]
        eng.set_score(rnd.id, "joint-objective-setting", "client", 2)  # scores in two dimensions,
        eng.set_score(rnd.id, "price-benchmarking", "agreed", 3)  # no scope chosen
    window.open_path(blank_path)
    page_tab(qtbot, window, "Setup")
    note = window.setup_page.scope.note.text()
    assert note.startswith("Baseline covers 20 factors. Mutuality and Economy are ticked because Baseline "
                           "has scores in them; tick or untick a dimension to change that.")
    for developer_words in ("default", "else", "chooses", ";  "):
        assert developer_words not in note


def test_leaving_out_a_dimension_with_agreed_levels_says_they_are_kept(qtbot, window, demo_path):
    """Third play-through (s12): unticking a dimension with scores took them out of the
    walkthrough, Results and the report without a word. The status bar says they are kept."""
    window.open_path(demo_path)
    page_tab(qtbot, window, "Setup")
    panel = window.setup_page.scope
    items = [panel.list.item(i) for i in range(panel.list.count())]
    economy = next(i for i in items if i.text().startswith("Economy"))
    assert economy.checkState() == Qt.CheckState.Checked
    panel.list.scrollToItem(economy)
    click(qtbot, panel.list.viewport(), panel.list.visualItemRect(economy).center())
    press(qtbot, Qt.Key.Key_Space)
    with stored(demo_path) as eng:
        rnd = eng.rounds()[-1]
        assert "economy" not in eng.scope(rnd.id)
        kept = sum(1 for f in eng.framework.dimension("economy").factors
                   if (s := eng.scores(rnd.id).get((f.id, "agreed"))) is not None and s.level is not None)
    assert kept > 0  # the levels are still in the file
    message = window.statusBar().currentMessage()
    assert message == f"Economy left out of {rnd.label}; its {kept} agreed levels are kept in the file (Ctrl+Z undoes)."
