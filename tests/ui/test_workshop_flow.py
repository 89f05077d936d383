"""A workshop day driven through the window as the facilitator does: mouse and keyboard only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from mutuality_desktop.core.engagement import Engagement

from .conftest import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
# client, provider, agreed for each of the 15 mutuality factors
LEVELS = [(1, 3, 2), (2, 2, 2), (0, 4, 2), (3, 3, 3), (5, 4, 4), (1, 2, 1), (2, 3, 3), (4, 4, 4),
          (0, 1, 0), (3, 2, 2), (2, 4, 3), (1, 1, 1), (5, 5, 5), (0, 2, 1), (3, 4, 4)]


def create_engagement(qtbot, window, target: Path) -> None:
    qtbot.mouseClick(window.start.new_button, Qt.MouseButton.LeftButton)
    page = window.setup_page
    assert not page.create_button.isEnabled()  # required fields are empty
    form = page.form
    qtbot.keyClicks(form.editor("title"), "Waste partnership review")
    qtbot.keyClicks(form.editor("client_organisation"), "Northmoor Borough Council")
    assert not page.create_button.isEnabled()  # the provider is still missing
    assert page.create_hint.text() == "Name the provider organisation."  # and the page says why
    qtbot.keyClicks(form.editor("provider_organisation"), "Castleway Services Ltd")
    qtbot.keyClicks(form.editor("contract_annual_value"), "£38,400,000")
    qtbot.keyClicks(form.editor("facilitator"), "Andrea Price")
    qtbot.keyClick(page.path, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(page.path, str(target))
    assert page.create_button.isEnabled()
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert window.doc is not None and window.doc.path == target
    assert window.current_page() == "Setup"


def add_participants(qtbot, window) -> None:
    panel = window.setup_page.participants
    for name, role, downs in (("Siân Evans", "Director of Place", 0), ("Tom Okafor", "Contract Director", 1)):
        type_text(qtbot, panel.name, name)
        qtbot.keyClicks(panel.role, role)
        for _ in range(downs):
            qtbot.keyClick(panel.side, Qt.Key.Key_Down)
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 2


def score_mutuality_by_keyboard(qtbot, window) -> None:
    qtbot.mouseClick(window.setup_page.walk_button, Qt.MouseButton.LeftButton)
    page = window.workshop
    guide = page.guide
    assert window.current_page() == "Walkthrough" and guide.hasFocus()
    mutuality = page.framework.workshop_order()[0].factors
    for index, (factor, levels) in enumerate(zip(mutuality, LEVELS, strict=True)):
        assert page.factor_id == factor.id
        assert guide.focus_perspective() == "client"
        for step, level in enumerate(levels):
            qtbot.keyClicks(guide, str(level))
            if step < 2:
                qtbot.keyClick(guide, Qt.Key.Key_Tab)
        assert guide.focus_perspective() == "agreed"
        assert page.navigator.state_of(factor.id) == ("agreed", levels[2])
        if index < len(mutuality) - 1:  # Page Down and Ctrl+Right both move on
            if index % 2:
                qtbot.keyClick(guide, Qt.Key.Key_PageDown)
            else:
                qtbot.keyClick(guide, Qt.Key.Key_Right, CTRL)
    # a new round covers Mutuality only (its scope), so progress counts its 15 factors
    assert page.agenda.progress_label.text().startswith("15 of 15")


def write_evidence(qtbot, window) -> None:
    page = window.workshop
    qtbot.keyClick(page.guide, Qt.Key.Key_PageUp)  # back to factor 14
    assert page.factor().number == 14
    client = page.evidence.editors["client"]
    qtbot.mouseClick(client.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(client, "No exit plan; the council holds the asset list alone.")
    provider = page.evidence.editors["provider"]
    qtbot.mouseClick(provider.viewport(), Qt.MouseButton.LeftButton)  # focus leaves: saved at once
    qtbot.keyClicks(provider, "Draft plan exists in Castleway's bid.")
    qtbot.keyClick(provider, Qt.Key.Key_PageDown)  # factor change saves pending typing
    assert page.factor().number == 15
    agreed = page.evidence.editors["agreed"]
    qtbot.mouseClick(agreed.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(agreed, "Quarterly relationship reviews are minuted.")
    qtbot.wait(900)  # the debounce saves while the facilitator pauses
    assert "Quarterly" in _notes(window, "relationship-management-strategy", "agreed")
    qtbot.keyClick(page.evidence.confidence, Qt.Key.Key_Down)  # High


def add_action(qtbot, window) -> None:
    page = window.workshop
    page.tabs.setCurrentWidget(page.actions_panel)
    panel = page.actions_panel
    qtbot.keyClicks(panel.text, "Hold a joint relationship planning day")
    qtbot.keyClicks(panel.owner, "Andrea Price")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 1
    assert page.tabs.tabText(2) == "A&ctions (1)"


def undo_and_redo(qtbot, window) -> None:
    page = window.workshop
    page.guide.setFocus()
    qtbot.keyClick(page.guide, Qt.Key.Key_Z, CTRL)  # undo the action
    assert page.actions_panel.table.rowCount() == 0
    qtbot.keyClick(page.guide, Qt.Key.Key_Z, CTRL | SHIFT)  # redo it
    assert page.actions_panel.table.rowCount() == 1
    qtbot.keyClick(page.guide, Qt.Key.Key_Tab)
    qtbot.keyClick(page.guide, Qt.Key.Key_Tab)
    qtbot.keyClicks(page.guide, "0")  # the agreed level of factor 15: 4 → 0
    assert page.guide.chosen("agreed") == 0
    qtbot.keyClick(page.guide, Qt.Key.Key_Z, CTRL)
    assert page.guide.chosen("agreed") == 4
    qtbot.keyClick(page.guide, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(page.guide, Qt.Key.Key_Z, CTRL)
    assert page.guide.chosen("agreed") == 4
    assert window.save_label.text().endswith("All changes saved")


def _notes(window, factor_id: str, perspective: str) -> str:
    eng = window.doc.engagement
    score = eng.scores(eng.rounds()[0].id).get((factor_id, perspective))
    return score.notes if score else ""


def test_a_workshop_day_is_all_there_after_reopening(qtbot, window, tmp_path):
    target = tmp_path / "workshop.mutuality"
    create_engagement(qtbot, window, target)
    add_participants(qtbot, window)
    score_mutuality_by_keyboard(qtbot, window)
    write_evidence(qtbot, window)
    add_action(qtbot, window)
    undo_and_redo(qtbot, window)
    assert window.windowTitle().startswith("workshop.mutuality")
    qtbot.keyClick(window.workshop.guide, Qt.Key.Key_W, CTRL)  # File > Close
    assert window.doc is None and window.current_page() == "Start"
    check_file(target)
    reopen_from_recent_list(qtbot, window, target)


def check_file(path: Path) -> None:
    with Engagement.open(path) as eng:
        info = eng.info()
        assert (info.title, info.client_organisation, info.provider_organisation) == (
            "Waste partnership review", "Northmoor Borough Council", "Castleway Services Ltd")
        assert info.contract_annual_value == 38_400_000 and info.facilitator == "Andrea Price"
        people = [(p.name, p.role, p.side) for p in eng.participants()]
        assert people == [("Siân Evans", "Director of Place", "client"),
                          ("Tom Okafor", "Contract Director", "provider")]
        scores = eng.scores(eng.rounds()[0].id)
        for factor, levels in zip(eng.framework.workshop_order()[0].factors, LEVELS, strict=True):
            got = tuple(scores[(factor.id, p)].level for p in ("client", "provider", "agreed"))
            assert got == levels, factor.id
        assert scores[("joint-exit-strategy", "client")].notes.startswith("No exit plan")
        assert scores[("joint-exit-strategy", "provider")].notes == "Draft plan exists in Castleway's bid."
        agreed = scores[("relationship-management-strategy", "agreed")]
        assert agreed.notes == "Quarterly relationship reviews are minuted." and agreed.confidence == "high"
        (action,) = eng.actions()
        assert (action.factor_id, action.text, action.owner, action.side, action.status) == (
            "relationship-management-strategy", "Hold a joint relationship planning day",
            "Andrea Price", "joint", "open")


def reopen_from_recent_list(qtbot, window, path: Path) -> None:
    recent = window.start.recent
    assert recent.count() == 1
    item = recent.item(0)
    qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=recent.visualItemRect(item).center())
    assert window.doc is not None and window.current_page() == "Walkthrough"
    page = window.workshop
    assert page.navigator.state_of("joint-objective-setting") == ("agreed", 2)
    assert page.agenda.progress_label.text().startswith("15 of 15")
