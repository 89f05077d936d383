"""The walkthrough under real input: clicks where a person clicks, keys to the focused widget.

Nothing here calls a page method to move or to score; every check reads the file back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core.engagement import Engagement

from .conftest import type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def stored(path: Path, factor_id: str, round_label: str | None = None) -> dict[str, object]:
    """What the file holds for a factor (a second, read-only connection: what a crash leaves)."""
    with Engagement.open(path, readonly=True) as eng:
        rounds = eng.rounds()
        rnd = next(r for r in rounds if r.label == round_label) if round_label else rounds[-1]
        scores = eng.scores(rnd.id)
        return {p: (s.level if (s := scores.get((factor_id, p))) else None)
                for p in ("client", "provider", "agreed")} | {
            f"{p} notes": (s.notes if (s := scores.get((factor_id, p))) else "")
            for p in ("client", "provider", "agreed")}


def click_factor(qtbot, page, number: int, dimension: int = 0) -> str:
    """Click factor `number` of a dimension in the list at the place it is drawn."""
    factor = page.framework.workshop_order()[dimension].factors[number - 1]
    nav = page.navigator
    item = nav._items[factor.id]
    nav.scrollToItem(item)
    rect = nav.visualItemRect(item)
    assert rect.isValid() and nav.viewport().rect().contains(rect.center())
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return factor.id


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, k, modifier)


def open_walkthrough(qtbot, window, path: Path):
    assert window.open_path(path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    return page


def test_clicking_a_factor_opens_it_and_up_down_move_in_the_list(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    fifth = click_factor(qtbot, page, 5)
    assert page.title.text() == "Operational leadership"
    assert QApplication.focusWidget() is page.navigator
    assert page.navigator.currentItem().isSelected()  # the list shows which factor is open
    before = stored(demo_path, fifth)
    key(qtbot, Qt.Key.Key_Down)  # moves in the list; never changes a score
    assert page.title.text() == "Joint management framework"
    assert stored(demo_path, fifth) == before
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Up)
    assert page.title.text() == "Joint executive leadership"


def test_digits_in_the_list_score_the_perspective_the_bar_shows_then_tab_goes_on(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 8)
    assert page.bar.buttons["client"].isChecked() and page.bar.is_active()
    for k in (Qt.Key.Key_1, Qt.Key.Key_Tab, Qt.Key.Key_2, Qt.Key.Key_Tab, Qt.Key.Key_4):
        key(qtbot, k)
    row = stored(demo_path, factor)
    assert (row["client"], row["provider"], row["agreed"]) == (1, 2, 4)
    key(qtbot, Qt.Key.Key_Tab)  # after the agreed level: the room's reasoning
    assert QApplication.focusWidget() is page.evidence.editors["agreed"]
    assert not page.bar.is_active()  # digits now type into the note; the bar does not say SCORING


def test_tab_into_the_list_without_scoring_keeps_the_perspective(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 2)
    key(qtbot, Qt.Key.Key_Tab)  # nothing typed in the list: the guide takes the client view
    assert page.guide.hasFocus() and page.guide.focus_perspective() == "client"
    key(qtbot, Qt.Key.Key_0)
    assert stored(demo_path, factor)["client"] == 0


def test_after_choosing_a_round_digits_score_that_round(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    combo = page.round_combo
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    popup = combo.view()
    qtbot.waitUntil(popup.isVisible)
    key(qtbot, Qt.Key.Key_Up)  # in the open list: the baseline, above the follow-up
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert combo.currentText().startswith("Baseline")
    assert page.bar.is_active() and page.guide.hasFocus()  # the bar says SCORING, and it is true
    key(qtbot, Qt.Key.Key_5)
    factor = page.framework.workshop_order()[0].factors[0].id
    assert stored(demo_path, factor, "Baseline")["client"] == 5


def test_keys_on_the_tab_bar_score_nothing(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = page.factor_id
    before = stored(demo_path, factor)
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    assert not page.bar.is_active()
    for k in (Qt.Key.Key_3, Qt.Key.Key_Delete, Qt.Key.Key_N):
        key(qtbot, k)
    assert stored(demo_path, factor) == before


def test_a_note_typed_without_a_pause_is_in_the_file_at_once_and_undoes_as_one(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 3)
    for k in (Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab):
        key(qtbot, k)  # list → client → provider → agreed → the agreed note
    editor = page.evidence.editors["agreed"]
    assert QApplication.focusWidget() is editor
    original = stored(demo_path, factor)["agreed notes"]
    key(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, editor, "Trust survey: 62% of both teams, up from 48%. Siân to share the data.")
    # no pause, no focus change: a second connection (what a crash leaves) already has every key
    assert stored(demo_path, factor)["agreed notes"] == (
        "Trust survey: 62% of both teams, up from 48%. Siân to share the data.")
    assert window.save_label.text().endswith("All changes saved")
    key(qtbot, Qt.Key.Key_Z, CTRL)  # the window's undo: the last sentence typed, in one step
    assert stored(demo_path, factor)["agreed notes"] == "Trust survey: 62% of both teams, up from 48%. "
    key(qtbot, Qt.Key.Key_Z, CTRL)  # then the sentence before it, back to what was there
    assert stored(demo_path, factor)["agreed notes"] == original
    assert editor.toPlainText() == original
    key(qtbot, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText().startswith("Trust survey")


def test_go_to_factor_by_part_of_its_name(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    dialogs = []

    def type_into_dialog(tries: int = 200) -> None:  # looks again every 50 ms, for up to 10 s
        dialog = QApplication.activeModalWidget()
        focused = QApplication.focusWidget()
        if dialog is None or focused is None or not dialog.isAncestorOf(focused):
            if tries:  # not open yet on a loaded machine, or its box not yet taking keys: as a person waits
                QTimer.singleShot(50, lambda: type_into_dialog(tries - 1))
            return  # never opened: the assertion below says so
        dialogs.append(dialog)
        qtbot.keyClicks(QApplication.focusWidget(), "trust")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    QTimer.singleShot(50, type_into_dialog)
    key(qtbot, Qt.Key.Key_G, CTRL)
    assert dialogs and page.title.text() == "Behaviours and trust indicators"
    window.activateWindow()  # what the window manager does when the dialog closes
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.guide)
    key(qtbot, Qt.Key.Key_4)
    assert stored(demo_path, page.factor_id)["client"] == 4


def test_reopening_returns_to_the_factor_left(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    click_factor(qtbot, page, 11)
    assert window.close_document()
    window.resize(1024, 600)  # a projector: the list shows fewer factors than the laptop did
    page = open_walkthrough(qtbot, window, demo_path)
    assert page.title.text() == "Value creation and continuous improvement"
    nav = page.navigator  # and the list shows it (play-through 2: it opened scrolled to factors 1-3)
    qtbot.waitUntil(lambda: nav.viewport().rect().contains(nav.visualItemRect(nav.currentItem()).center()))


def test_a_read_only_window_never_says_scoring(qtbot, window, demo_path):
    with Engagement.open(demo_path):  # another window holds it: this one opens read-only
        page = open_walkthrough(qtbot, window, demo_path)
        assert window.doc.readonly
        assert not page.bar.is_active()
        factor = page.factor_id
        before = window.doc.engagement.scores(window.doc.engagement.rounds()[-1].id)
        assert before[(factor, "client")].level != 5
        key(qtbot, Qt.Key.Key_5)
        assert not page.bar.is_active()
    assert stored(demo_path, factor)["client"] == before[(factor, "client")].level


@pytest.mark.parametrize("size", [(1024, 740), (1366, 740)])
def test_no_page_makes_the_window_wider_than_the_screen(qtbot, window, demo_path, size):
    open_walkthrough(qtbot, window, demo_path)
    for name in ("Setup", "Walkthrough", "Results"):
        window.show_page(name)
        hint = window.minimumSizeHint()
        assert hint.width() <= size[0], (name, hint)
        assert hint.height() <= size[1], (name, hint)


def test_the_window_takes_the_screen_it_opens_on():
    from PySide6.QtCore import QRect

    from mutuality_desktop.ui.main_window import fitted_geometry

    assert fitted_geometry(QRect(0, 0, 1024, 740)) == (QRect(0, 0, 1024, 740), True)
    assert fitted_geometry(QRect(0, 0, 1366, 740)) == (QRect(0, 0, 1366, 740), True)
    rect, maximised = fitted_geometry(QRect(0, 0, 3840, 2100))
    assert not maximised and rect.size().width() == 1366 and QRect(0, 0, 3840, 2100).contains(rect)


def test_presentation_on_a_projector_shows_one_chart_with_names_and_only_the_chosen_views(qtbot, window,
                                                                                         demo_path):
    open_walkthrough(qtbot, window, demo_path)
    window.show_page("Results")
    results = window.results.page if hasattr(window.results, "page") else window.results
    pane = results.factor_pane
    box = pane.toggles["client"]  # both views start unticked, as on the value-for-money tab
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()
    key(qtbot, Qt.Key.Key_F11)
    room = results.presentation
    qtbot.waitUntil(room.isVisible)
    room.resize(1024, 768)
    qtbot.wait(50)
    assert room.one_at_a_time
    assert "provider" not in room.charts[1].shown and "client" in room.charts[1].shown
    assert room.canvases[0].isVisible() and not room.canvases[1].isVisible()
    qtbot.keyClick(room, Qt.Key.Key_Right)
    assert room.canvases[1].isVisible() and not room.canvases[0].isVisible()
    qtbot.keyClick(room, Qt.Key.Key_Escape)
    assert not room.isVisible()


def test_undo_shows_the_factor_it_changed_and_says_what_it_undid(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    first = click_factor(qtbot, page, 1)
    for k in (Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab):
        key(qtbot, k)
    original = stored(demo_path, first)["agreed notes"]
    qtbot.keyClicks(QApplication.focusWidget(), " Checked.")
    key(qtbot, Qt.Key.Key_PageDown)  # on to factor 2
    assert page.factor_id != first
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert page.factor_id == first  # the undo happened where the screen now is
    assert stored(demo_path, first)["agreed notes"] == original
    assert window.statusBar().currentMessage().startswith("Undid: Edit the agreed evidence")


def test_tab_after_agreed_reaches_the_agreed_notes_whatever_tab_is_showing(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())  # Actions
    guide = page.guide
    qtbot.mouseClick(guide, Qt.MouseButton.LeftButton, pos=QPoint(guide.width() // 2, 2))
    for k in (Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab):  # from client: provider, agreed, on
        key(qtbot, k)
    assert QApplication.focusWidget() is page.evidence.editors["agreed"]
    assert page.tabs.currentWidget() is page.evidence


def test_letters_typed_at_the_guide_score_nothing_and_say_where_they_went(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = page.factor_id
    before = stored(demo_path, factor)
    steps = window.doc.undo_stack.count()
    qtbot.keyClicks(QApplication.focusWidget(), "Tarnwell noted")  # an n clears nothing
    assert stored(demo_path, factor) == before
    assert "only digits score" in window.statusBar().currentMessage()
    level = before["client"]
    qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{level}"))  # the same level
    assert window.doc.undo_stack.count() == steps  # no change, no undo step, no history entry


def test_an_earlier_round_says_so_in_the_header(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    assert not page.older_round.isVisible()
    qtbot.mouseClick(page.round_combo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.round_combo.view().isVisible)
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.older_round.isVisible())
    assert "earlier round" in page.older_round.text()


def test_with_no_engagement_open_nothing_that_needs_one_is_enabled(qtbot, window):
    needs_one = ("Export", "Save a copy", "Merge", "History", "Go to factor", "Presentation",
                 "Restore", "Close", "Setup", "Walkthrough", "Results")
    enabled = [a.text() for m in window.menuBar().actions() for a in m.menu().actions()
               if a.isEnabled() and any(word in a.text().replace("&", "") for word in needs_one)]
    assert enabled == []
    menus = {a.text().replace("&", ""): a.isEnabled() for m in window.menuBar().actions()
             for a in m.menu().actions() if a.menu() is not None}
    assert not menus["Export to spreadsheet"] and not menus["Export to Office"]
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)  # Ctrl+E does nothing, and nothing breaks
    assert window.current_page() == "Start"


def test_arrows_on_the_closed_round_box_change_the_round_never_a_score(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = page.factor_id
    baseline, follow_up = stored(demo_path, factor, "Baseline"), stored(demo_path, factor)
    page.round_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)  # Alt+R, the label's buddy
    key(qtbot, Qt.Key.Key_Up)
    assert page.round_combo.currentText().startswith("Baseline")
    assert QApplication.focusWidget() is page.round_combo and not page.bar.is_active()
    key(qtbot, Qt.Key.Key_Up)  # at the first round already: nothing moves, nothing is scored
    key(qtbot, Qt.Key.Key_Down)
    assert page.round_combo.currentText().startswith("Follow-up")
    assert stored(demo_path, factor, "Baseline") == baseline and stored(demo_path, factor) == follow_up


def test_a_round_and_a_factor_chosen_start_at_the_client_view(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    for k in (Qt.Key.Key_Tab, Qt.Key.Key_Tab):
        key(qtbot, k)
    assert page.guide.focus_perspective() == "agreed"
    page.round_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
    key(qtbot, Qt.Key.Key_Up)
    assert page.guide.focus_perspective() == "client"


def test_the_room_marks_a_factor_not_applicable_with_its_reason_and_undo_takes_it_back(qtbot, window, demo_path):
    """Issue 21: click the box, type the reason, Return: stored for this round and factor, out of
    the means; Ctrl+Z puts it back."""
    from mutuality_desktop.core import scoring

    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 14)  # Joint exit strategy
    box = page.evidence.not_applicable
    assert box.isVisible() and box.text() == ""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert QApplication.focusWidget() is box and not page.bar.is_active()  # digits type, never score
    type_text(qtbot, box, "Shared service under statute: no exit is possible")
    key(qtbot, Qt.Key.Key_Return)
    with Engagement.open(demo_path, readonly=True) as eng:
        rid = eng.rounds()[-1].id
        assert eng.not_applicable(rid) == {factor: "Shared service under statute: no exit is possible"}
        mutuality = scoring.dimension_score(eng.framework.dimension("mutuality"), scoring.levels_of(eng.scores(rid)))
        assert (mutuality.total, mutuality.not_applicable) == (14, 1)
    assert page.navigator.state_of(factor) == ("not applicable", None)  # the list shows it
    key(qtbot, Qt.Key.Key_Z, CTRL)
    with Engagement.open(demo_path, readonly=True) as eng:
        assert eng.not_applicable(eng.rounds()[-1].id) == {}
    assert box.text() == ""
