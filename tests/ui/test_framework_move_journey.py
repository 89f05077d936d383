"""Moving an engagement to the app's newer scoring guide from Results (issue 21), with real clicks
and keys: the offer, the confirmation naming the changes, the file after, and Ctrl+Z."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework_move import round_guides
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.ui import framework_move as guide_move

from .journey import click, page_tab, stored

sys.path.insert(0, str(Path(__file__).parents[1] / "core"))
from newer_guide import ADDED, ADDED_NAME, NEW, OLD, REMOVED, REWORDED, newer_guide  # noqa: E402


def versions(eng: Engagement) -> dict[str, str]:
    guides = round_guides(eng)
    return {r.label: guides[r.id].version for r in eng.rounds()}


def _dialog(qtbot, window) -> guide_move.MoveGuideDialog:
    found: list[guide_move.MoveGuideDialog] = []

    def shown() -> bool:
        found[:] = [d for d in window.findChildren(guide_move.MoveGuideDialog) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown)
    return found[0]


def _offer(qtbot, window):
    page_tab(qtbot, window, "Results")
    button = window.results.page.move_guide
    qtbot.waitUntil(button.isVisible)
    scroll = button.parent()
    while scroll is not None and not isinstance(scroll, QScrollArea):
        scroll = scroll.parent()
    if scroll is not None:
        scroll.ensureWidgetVisible(button)  # a person scrolls the findings to it
    return button


def test_results_offers_the_newer_guide_names_the_changes_moves_and_ctrl_z_moves_back(
        qtbot, window, tmp_path, monkeypatch):
    newer = newer_guide()
    monkeypatch.setattr(guide_move, "app_guide", lambda: newer)  # the app "ships" 2.1.0
    path = tmp_path / "moving.mutuality"
    with Engagement.create(path, EngagementInfo("Review", "Westbury Council", "Kerbside Ltd")) as e:
        base = e.rounds()[0].id
        e.set_score(base, REMOVED, "agreed", 3)
        e.set_score(base, REWORDED[0], "agreed", 2)
    assert window.open_path(path)
    button = _offer(qtbot, window)
    assert button.text() == f"Move this engagement to guide {NEW}\u2026"
    assert f"This app's guide is version {NEW}" in window.results.page._guide_note.text().replace("&#x27;", "'")

    click(qtbot, button)
    dialog = _dialog(qtbot, window)
    text = dialog.text()
    assert f"Moving the engagement from guide {OLD} to {NEW}." in text
    assert f"1 factor added, unscored in the earlier rounds: {ADDED_NAME}." in text
    assert "1 factor removed; its scores in the earlier rounds are kept: Inflation and indexation control." in text
    assert "2 factors worded differently: Joint objective setting, Behaviours and trust indicators." in text
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))  # Cancel has the focus
    assert QApplication.focusWidget() is dialog.cancel_button
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # Esc: nothing moves
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with stored(path) as eng:
        assert eng.framework.version == OLD

    click(qtbot, window.results.page.move_guide)
    dialog = _dialog(qtbot, window)
    click(qtbot, dialog.move_button)
    qtbot.waitUntil(lambda: window.workshop.framework.version == NEW)
    with stored(path) as eng:
        assert eng.framework.version == NEW
        assert versions(eng) == {"Baseline": OLD}
        assert eng.scores(eng.rounds()[0].id)[(REMOVED, "agreed")].level == 3
    assert window.workshop.framework.has_factor(ADDED)  # the walkthrough is on the new guide
    assert not window.results.page.move_guide.isVisible()  # nothing newer to offer now
    assert window.banner.text() == (f"Baseline was scored on guide {OLD}, and the walkthrough shows that "
                                    f"guide\u2019s wording for it. The guide in use is version {NEW}, worded "
                                    "differently for 2 factors. Its scores are kept as the room gave them.")

    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.workshop.framework.version == OLD)
    with stored(path) as eng:
        assert eng.framework.version == OLD
        assert eng.connection.execute("SELECT count(*) FROM framework_archive").fetchone()[0] == 0
    assert not window.workshop.framework.has_factor(ADDED)
    assert window.banner.text() == ""  # the Baseline is on the guide on screen again


def test_a_read_only_file_is_not_offered_the_move(qtbot, window, tmp_path, monkeypatch):
    newer = newer_guide()
    monkeypatch.setattr(guide_move, "app_guide", lambda: newer)
    path = tmp_path / "read-only.mutuality"
    with Engagement.create(path, EngagementInfo("Review", "Westbury Council", "Kerbside Ltd")) as e:
        e.set_score(e.rounds()[0].id, REWORDED[0], "agreed", 2)
    from mutuality_desktop.core import store

    monkeypatch.setattr(store, "is_writable", lambda _path: False)  # a read-only share
    assert window.open_path(path)
    assert window.doc.readonly
    page_tab(qtbot, window, "Results")
    note = window.results.page._guide_note
    qtbot.waitUntil(note.isVisible)
    assert f"This app's guide is version {NEW}" in note.text().replace("&#x27;", "'")
    assert not window.results.page.move_guide.isVisibleTo(window)
