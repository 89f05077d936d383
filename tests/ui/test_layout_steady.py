"""Play-through 2 leftovers (layout at 1366x768 and 1024x768): the round editor shows its date whole,
ticking a dimension in Setup moves nothing below it, Plan the day's times keeps its rows where they
were after a Remove, presentation mode's key hint is readable, and the walkthrough's "park these
factors" advice reads whole. Real clicks and keys; what is stored is read back from the file."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QStyle, QStyleOptionFrame, QWidget

from mutuality_desktop.core.engagement import Engagement

from .journey import click, focused, page_tab, press, stored
from .test_side_panel_1024 import _large_text as _large_text_now


def _large_text(window, qtbot) -> None:
    _large_text_now(window, qtbot)
    qtbot.wait(50)


def _at_1024(window, qtbot) -> None:
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)


def _shows_whole(edit: QLineEdit) -> bool:
    """The box's text fits the room inside its padding and border (no part scrolled out of view)."""
    opt = QStyleOptionFrame()
    edit.initStyleOption(opt)
    room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, opt, edit)
    return edit.fontMetrics().horizontalAdvance(edit.text()) <= room.width() - 4  # Qt's own margins


def _where(widget: QWidget, page: QWidget) -> QPoint:
    return widget.mapTo(page, QPoint(0, 0))


# --- 1. the round editor's date --------------------------------------------------------------


@pytest.mark.parametrize("large", [False, True])
def test_the_round_editor_shows_the_whole_date_at_1024(qtbot, window, demo_path, restore_look, large):
    _at_1024(window, qtbot)
    assert window.open_path(demo_path)
    if large:
        _large_text(window, qtbot)
    page_tab(qtbot, window, "Setup")
    setup = window.setup_page
    rounds = setup.rounds
    setup.ensureWidgetVisible(rounds.table)
    QApplication.processEvents()
    qtbot.wait(20)
    table_left = _where(rounds.table, setup).x()
    click(qtbot, rounds.table.viewport(), rounds.table.visualItemRect(rounds.table.item(0, 0)).center())
    assert rounds.label.text() == "Baseline"
    QApplication.processEvents()
    edit = rounds.date.edit
    assert edit.text() == "12 Mar 2026"
    assert _shows_whole(edit), (edit.text(), edit.width())
    # Save changes, Remove and New appear without widening the column at normal size ("Remove
    # round" moved it 18 px); with Large text they still need about 30 px more than its share
    QApplication.processEvents()
    qtbot.wait(20)
    assert abs(_where(rounds.table, setup).x() - table_left) <= (40 if large else 0)
    # a date typed in the box is taken, shown whole and saved
    setup.ensureWidgetVisible(edit)
    click(qtbot, edit)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "28/09/2026")
    press(qtbot, Qt.Key.Key_Return)
    assert edit.text() == "28 Sep 2026"
    assert _shows_whole(edit), (edit.text(), edit.width())
    with stored(demo_path) as eng:
        assert eng.rounds()[0].date == dt.date(2026, 9, 28)


# --- 3. Setup: ticking a dimension ---------------------------------------------------------------


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_ticking_a_dimension_in_setup_moves_nothing_below_it(qtbot, window, blank_path, size):
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    assert window.open_path(blank_path)
    page_tab(qtbot, window, "Setup")
    setup = window.setup_page
    panel = setup.scope
    setup.verticalScrollBar().setValue(setup.verticalScrollBar().maximum())  # the foot of the page
    qtbot.wait(20)
    body = setup.widget()
    before = (_where(panel.factors, body), _where(setup.walk_button, body), body.height(),
              setup.verticalScrollBar().value())
    economy = panel.list.item(1)
    assert economy.text().startswith("Economy")
    click(qtbot, panel.list.viewport(), panel.list.visualItemRect(economy).center())
    press(qtbot, Qt.Key.Key_Space)
    with stored(blank_path) as eng:
        assert eng.chosen_scope(eng.rounds()[0].id) == ("mutuality", "economy")
    assert "ticked to begin with" not in panel.note.text()  # the note did change
    QApplication.processEvents()
    qtbot.wait(20)
    after = (_where(panel.factors, body), _where(setup.walk_button, body), body.height(),
             setup.verticalScrollBar().value())
    assert after == before
    # untick it again: still nothing moves
    click(qtbot, panel.list.viewport(), panel.list.visualItemRect(panel.list.item(1)).center())
    press(qtbot, Qt.Key.Key_Space)
    QApplication.processEvents()
    qtbot.wait(20)
    assert (_where(panel.factors, body), _where(setup.walk_button, body)) == before[:2]
    with Engagement.open(blank_path, readonly=True) as eng:
        assert eng.chosen_scope(eng.rounds()[0].id) == ("mutuality",)


# --- 2. Plan the day's times: Remove -------------------------------------------------------------


def _open_plan(qtbot, window, path, check) -> None:
    """Agenda -> Plan the day's times…, run `check(dialog)` in it (it closes the dialog)."""
    from PySide6.QtCore import QTimer

    page = window.workshop
    done: list[bool] = []

    def in_dialog() -> None:
        dialog = getattr(page.agenda_plan, "dialog", None)
        if dialog is None or not dialog.isVisible():  # a busy machine: not open yet
            QTimer.singleShot(100, in_dialog)
            return
        try:
            check(dialog)
        finally:
            done.append(True)
            if page.agenda_plan.dialog.isVisible():
                page.agenda_plan.dialog.reject()

    def in_menu() -> None:
        if not page.agenda.plan_button.isVisible():
            QTimer.singleShot(100, in_menu)
            return
        QTimer.singleShot(300, in_dialog)
        click(qtbot, page.agenda.plan_button)

    QTimer.singleShot(300, in_menu)
    click(qtbot, page.agenda.agenda_button)  # opens the agenda menu
    qtbot.waitUntil(lambda: done == [True], timeout=10_000)


def _stored_breaks(path) -> list[str]:
    """The names of the breaks in the latest round's plan, read back from the file."""
    from mutuality_desktop.core.agenda import read_agenda

    with stored(path) as eng:
        agenda = read_agenda(eng, eng.rounds()[-1].id)
        assert agenda is not None, "a plan was saved"
        return [b.label for b in agenda.breaks]


@pytest.mark.parametrize("large", [False, True])
def test_removing_breaks_keeps_the_rows_in_line_and_the_keyboard_on_the_next(qtbot, window, demo_path,
                                                                             restore_look, large):
    _at_1024(window, qtbot)
    assert window.open_path(demo_path)
    if large:
        _large_text(window, qtbot)
    page_tab(qtbot, window, "Walkthrough")
    seen: list[str] = []

    def check(dialog) -> None:
        qtbot.wait(100)  # laid out as shown
        screen = dialog.screen().availableGeometry()
        save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
        # Save and Cancel on the screen, whatever the plan's length (at 1024x768 they fell off)
        assert dialog.frameGeometry().bottom() <= screen.bottom()
        assert save.mapToGlobal(save.rect().bottomLeft()).y() <= screen.bottom()
        assert [r.name.text() for r in dialog.rows] == ["Coffee", "Lunch", "Tea"]
        where = [_where(r.remove, dialog) for r in dialog.rows]
        box_top = _where(dialog.breaks_grid.parentWidget(), dialog)
        first_dimension = _where(next(iter(dialog.dimension_spins.values())), dialog).x()
        click(qtbot, dialog.rows[0].remove)  # Coffee
        QApplication.processEvents()
        assert [r.name.text() for r in dialog.rows] == ["Lunch", "Tea"]
        assert [_where(r.remove, dialog) for r in dialog.rows] == where[:2]  # moved up one row, in line
        assert _where(dialog.breaks_grid.parentWidget(), dialog) == box_top  # nothing above moved
        assert _where(next(iter(dialog.dimension_spins.values())), dialog).x() == first_dimension
        assert QApplication.focusWidget() is dialog.rows[0].remove  # Lunch's Remove, the next row's
        press(qtbot, Qt.Key.Key_Space)  # removes Lunch
        QApplication.processEvents()
        assert [r.name.text() for r in dialog.rows] == ["Tea"]
        assert _where(dialog.rows[0].remove, dialog) == where[0]
        assert QApplication.focusWidget() is dialog.rows[0].remove
        press(qtbot, Qt.Key.Key_Space)  # removes Tea, the last: the keyboard goes to Add a break
        QApplication.processEvents()
        assert dialog.rows == []
        assert QApplication.focusWidget() is dialog.add_button
        assert "0 min of breaks" in dialog.preview.text() or "Coffee" not in dialog.preview.text()
        click(qtbot, save)
        seen.append("saved")

    _open_plan(qtbot, window, demo_path, check)
    assert seen == ["saved"]
    assert _stored_breaks(demo_path) == []


# --- 4. Presentation mode: the key hint and the scores ------------------------------------------


@pytest.mark.parametrize("large", [False, True])
def test_presentation_hint_is_readable_and_the_scores_whole_at_1024(qtbot, window, blank_path, restore_look,
                                                                    large):
    from mutuality_desktop.ui import theme

    assert window.open_path(blank_path)
    if large:
        _large_text(window, qtbot)
    page = window.workshop
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F11)  # View -> Presentation mode
    room = page.presentation
    qtbot.waitUntil(lambda: room is not None and room.isVisible())
    room.setWindowState(Qt.WindowState.WindowNoState)  # the offscreen screen is 800 wide: size it as a projector
    for width, height in ((1024, 768), (1366, 768), (1920, 1080)):
        room.resize(width, height)
        qtbot.waitUntil(lambda w=width: room.width() == w)
        qtbot.wait(50)
        body = room.guide.fitted_point_size() * theme.text_scale()  # the guide's text, as drawn
        hint = room.hint.font().pointSizeF()
        assert hint >= 12 * theme.text_scale() * height / 768 - 0.01, (width, hint)
        assert hint >= 0.75 * body, (width, hint, body)  # about the guide's size, not a footnote
        assert hint < room.title.font().pointSizeF() / 1.5  # still quieter than the heading
        assert room.hint.fontMetrics().horizontalAdvance(room.hint.text()) <= room.hint.width()
        # at the foot, under the guide, and on the screen
        assert room.guide.geometry().bottom() < room.hint.geometry().top()
        assert room.hint.geometry().bottom() <= room.height()
        # "Client Not assessed · scoring" and the other two scores whole on their line
        for label in room.score_labels.values():
            assert label.sizeHint().width() <= label.width(), (width, label.text(), label.width())
            assert label.geometry().right() <= room.width()
    # keys still score from the room, and the hint follows the side being scored
    qtbot.keyClicks(room, "3")
    assert page.guide.chosen("client") == 3
    assert "3  Established" in room.score_labels["client"].text()
    with stored(blank_path) as eng:
        assert eng.scores(eng.rounds()[0].id)[(page.factor().id, "client")].level == 3
    qtbot.keyClick(room, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not room.isVisible())


# --- 5. The walkthrough's agenda: what to park, whole --------------------------------------------

DAY = dt.date(2026, 3, 12)


def _behind_on_the_day(path) -> None:
    """Every dimension in scope, the day planned 09:30 to 16:30, four factors agreed."""
    from mutuality_desktop.core import operations as ops

    with Engagement.open(path) as eng:
        rnd = eng.rounds()[0]
        uuid = eng.round_uuid(rnd.id)
        eng.apply(ops.UpdateRound(uuid, {"date": DAY}))
        eng.apply(ops.SetScope(uuid, tuple(d.id for d in eng.framework.workshop_order())))
        eng.apply(ops.SetAgenda(uuid, 570, 990, (("Lunch", 750, 45),), ()))
        for factor in eng.framework.dimension("mutuality").factors[:4]:
            eng.set_score(rnd.id, factor.id, "agreed", 3)


@pytest.mark.parametrize("large", [False, True])
def test_what_to_park_reads_whole_at_1024_with_the_scores_on_screen(qtbot, window, blank_path, restore_look,
                                                                   large):
    _behind_on_the_day(blank_path)
    _at_1024(window, qtbot)
    assert window.open_path(blank_path)
    page = window.workshop
    page.agenda._clock = lambda: dt.datetime.combine(DAY, dt.time(15, 0))  # the room's clock: 15:00
    page.agenda.refresh()
    if large:
        _large_text(window, qtbot)
    nav = page.navigator
    second = nav._items[page.framework.dimension("mutuality").factors[1].id]

    def _settled() -> bool:  # the fitting after a change of type runs on later turns of the loop
        rect = nav.visualItemRect(second)
        return rect.isValid() and rect.bottom() <= nav.viewport().height()

    qtbot.wait(100)
    with contextlib.suppress(Exception):  # the assertions below say what is wrong if it never settles
        qtbot.waitUntil(_settled, timeout=3000)
    park = page.agenda.park_label
    assert park.isVisible() and park.text().startswith("To finish by 16:30, park ")
    scroll = page.agenda.parentWidget().parentWidget()  # the agenda's scroll area in the list column
    view = scroll.viewport()
    top = park.mapTo(view, QPoint(0, 0)).y()
    assert top >= 0 and top + park.heightForWidth(park.width()) <= view.height(), (top, view.height())
    assert scroll.verticalScrollBar().value() == 0  # read whole without scrolling
    # the scoring cards and the list stay on screen: a few factors, and a click on one opens it
    bar = page.bar
    assert bar.mapTo(window, QPoint(0, bar.height())).y() <= window.height()
    rect = nav.visualItemRect(second)
    assert rect.isValid() and rect.bottom() <= nav.viewport().height(), "the second factor is in view"
    click(qtbot, nav.viewport(), rect.center())
    assert page.title.text() == "Joint governance structure"
    # once the room catches up (nothing to park), the list has its room back
    shared = page.agenda.parentWidget().parentWidget().maximumHeight()
    page.agenda._clock = lambda: dt.datetime.combine(DAY, dt.time(9, 40))
    page.agenda.refresh()
    assert not park.isVisible()
    assert scroll.maximumHeight() < shared


# --- Add a break twice (play-through s6, finding 6) ---------------------------------------------


def test_add_a_break_twice_gives_two_named_breaks_where_the_day_has_room(qtbot, window, demo_path):
    """Two clicks on Add a break made two "Break 15:15" rows and "Break and Break overlap."."""
    assert window.open_path(demo_path)
    page_tab(qtbot, window, "Walkthrough")
    seen: list[str] = []

    def check(dialog) -> None:
        before = len(dialog.rows)
        click(qtbot, dialog.add_button)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.rows[-1].name)  # typing names it
        click(qtbot, dialog.add_button)
        QApplication.processEvents()
        assert len(dialog.rows) == before + 2
        assert {"Break", "Break 2"} <= {r.name.text() for r in dialog.rows}  # the rows in the day's order (ui9)
        assert [r.start.minute() for r in dialog.rows] == sorted(r.start.minute() for r in dialog.rows)
        spans = sorted((r.start.minute(), r.start.minute() + r.minutes.value()) for r in dialog.rows)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), spans  # no overlap
        save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
        assert save.isEnabled(), dialog.preview.text()
        click(qtbot, save)
        seen.append("saved")

    _open_plan(qtbot, window, demo_path, check)
    assert seen == ["saved"]
    assert {"Break", "Break 2"} <= set(_stored_breaks(demo_path))


def test_presentation_at_1024_with_large_text_shows_every_level_whole(qtbot, window, demo_path, restore_look):
    """With Large text on a 1024x768 projector level 0 fell off the foot of the screen (play-through
    s6, finding 4): the guide's type now steps down until all six levels fit."""
    assert window.open_path(demo_path)
    _large_text(window, qtbot)
    page = window.workshop
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F11)
    room = page.presentation
    qtbot.waitUntil(lambda: room is not None and room.isVisible())
    room.setWindowState(Qt.WindowState.WindowNoState)
    room.resize(1024, 768)
    qtbot.waitUntil(lambda: room.width() == 1024)
    qtbot.wait(50)
    guide = room.guide
    spans = [guide.row_span(level) for level in range(6)]
    assert all(s is not None and s[0] + s[1] <= guide.height() for s in spans), spans
    assert guide.geometry().bottom() < room.hint.geometry().top() <= room.height()
