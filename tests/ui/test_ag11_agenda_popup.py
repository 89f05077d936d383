"""Play-through 11's Agenda findings: on a past workshop day the pop-up's − and + beside the start
looked active and did nothing; pressing + made the pop-up grow upwards, every box in it rose about
55 px and the next click landed on a sentence; and a start set for tomorrow's workshop showed in the
pop-up only, never in the Agenda panel. Real clicks at what a person sees, keys to what has focus."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement

from .journey import click, focused
from .test_walkthrough_journey import open_walkthrough


def _dated(path, days: int, plan: bool) -> dt.date:
    """The round dated `days` from today, with a 09:00 to 16:30 plan if `plan`."""
    day = dt.date.today() + dt.timedelta(days=days)
    with Engagement.open(path) as eng:
        rnd = eng.rounds()[-1]
        eng.apply(ops.UpdateRound(rnd.uuid, {"date": day}))
        if plan:
            eng.apply(ops.SetAgenda(rnd.uuid, 540, 990, (("Coffee", 660, 15),)))
    return day


def _history(path) -> int:
    with Engagement.open(path, readonly=True) as eng:
        return len(eng.history())


def _large_text(window, qtbot) -> None:
    from mutuality_desktop.ui import theme

    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    next(a for a in view.actions() if a.text() == "&Large text").trigger()
    qtbot.waitUntil(lambda: theme.text_scale() > 1)  # the restyle runs once the menu has closed


def _in_pop_up(qtbot, panel, act) -> dict[str, object]:
    """Click the Agenda button, then act(seen) inside the open pop-up; the pop-up is closed after."""
    seen: dict[str, object] = {}

    def run() -> None:
        try:
            act(seen)
        finally:
            seen["open at the end"] = panel._menu.isVisible()
            seen["done"] = True
            panel._menu.close()

    QTimer.singleShot(300, run)
    click(qtbot, panel.agenda_button)
    qtbot.waitUntil(lambda: "done" in seen, timeout=8000)
    return seen


def _where(widget) -> QRect:
    """A widget's rectangle on the screen."""
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def _click_at(qtbot, at: QPoint) -> None:
    """A click at a point on the screen: whatever is under it there takes it, as under a mouse."""
    target = QApplication.widgetAt(at)
    assert target is not None, at
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFromGlobal(at))


def _text(label) -> str:
    return label.text().replace("\u00a0", " ")


@pytest.mark.parametrize("with_plan", [True, False])
def test_on_a_past_workshop_day_the_start_shows_no_minus_or_plus_and_says_why(
        qtbot, window, blank_path, with_plan):
    day = _dated(blank_path, -3, with_plan)
    window.resize(1024, 768)
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda
    before = _history(blank_path)

    def act(seen: dict[str, object]) -> None:
        box = panel.start_edit
        seen["start shown"] = box.isVisible()
        seen["steps"] = [b.isVisible() for b in (box.minus, box.plus, panel.end_edit.minus, panel.end_edit.plus)]
        seen["note"] = _text(panel.start_note) if panel.start_note.isVisible() else ""
        if box.isVisible():
            seen["box"] = box.edit.text()
            right = _where(box).topRight() + QPoint(-6, box.height() // 2)  # where + stood
            _click_at(qtbot, right)
            qtbot.keyClicks(focused(), "1000")
            qtbot.keyClick(focused(), Qt.Key.Key_Return)
            seen["box after"] = box.edit.text()
            seen["open after the click"] = panel._menu.isVisible()

    seen = _in_pop_up(qtbot, panel, act)
    # nothing that looks pressable and does nothing: no − or + beside the start, nor the planned finish
    assert seen["steps"] == [False, False, not with_plan, not with_plan]
    assert seen["note"] == f"The workshop day was {day.day} {day:%b %Y}; the clock counted on that day only."
    if with_plan:  # the plan's start, to read; typing where + was changes nothing and scores nothing
        assert seen["start shown"] is True
        assert seen["box"] == seen["box after"] == "09:00"
        assert seen["open after the click"] is True
    else:
        assert seen["start shown"] is False  # no start to show: the day ran without a plan
    assert _history(blank_path) == before
    assert _text(panel.clock_label) == f"Workshop day was {day.day} {day:%b %Y}"  # the whole sentence on hover
    assert panel.clock_label.toolTip() == f"The clock and pacing ran on the workshop day, {day.day} {day:%b %Y}."


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("width", [1366, 1024])
def test_pressing_plus_leaves_every_box_where_it_was(qtbot, window, blank_path, restore_look, width, large):
    """The pop-up keeps room for the longer sentence and "Count from the plan's start" from the
    moment it opens: + changes the words, not where anything is."""
    _dated(blank_path, 1, plan=True)
    window.resize(width, 768)
    qtbot.waitUntil(lambda: window.width() == width)
    page = open_walkthrough(qtbot, window, blank_path)
    if large:
        _large_text(window, qtbot)
    panel = page.agenda

    def act(seen: dict[str, object]) -> None:
        box = panel.start_edit
        seen["menu"] = [_where(panel._menu)]
        seen["plus"] = [_where(box.plus)]
        seen["edit"] = [_where(box.edit)]
        seen["plan button"] = [_where(panel.plan_button)]
        seen["reset before"] = panel.reset_button.isVisible()
        plus = _where(box.plus).center()
        _click_at(qtbot, plus)  # 09:00 -> 09:05: the sentence grows a line, "Count from…" comes
        qtbot.wait(50)
        seen["after one"] = box.edit.text()
        seen["reset after"] = panel.reset_button.isVisible()
        for name, widget in (("menu", panel._menu), ("plus", box.plus), ("edit", box.edit),
                             ("plan button", panel.plan_button)):
            seen[name].append(_where(widget))  # type: ignore[union-attr]
        _click_at(qtbot, plus)  # the same place again: still +
        qtbot.wait(50)
        seen["after two"] = box.edit.text()
        _click_at(qtbot, _where(panel.reset_button).center())  # "Count from the plan's start"
        qtbot.wait(50)
        seen["after reset"] = box.edit.text()
        seen["plus after reset"] = _where(box.plus)
        seen["menu after reset"] = _where(panel._menu)

    seen = _in_pop_up(qtbot, panel, act)
    assert seen["reset before"] is False and seen["reset after"] is True
    assert (seen["after one"], seen["after two"], seen["after reset"]) == ("09:05", "09:10", "09:00")
    for name in ("menu", "plus", "edit", "plan button"):
        was, now = seen[name]  # type: ignore[misc]
        assert abs(now.x() - was.x()) <= 2 and abs(now.y() - was.y()) <= 2, (name, was, now)
        assert now.size() == was.size(), (name, was, now)
    assert seen["plus after reset"] == seen["plus"][0]  # type: ignore[index]
    assert seen["menu after reset"] == seen["menu"][0]  # type: ignore[index]
    assert seen["open at the end"] is True


def test_without_a_plan_the_box_stays_put_when_its_label_changes(qtbot, window, blank_path):
    """No plan: "Start the clock at" becomes "Clock starts at" once a time is set; the shorter label
    must not pull the box and its − and + sideways."""
    _dated(blank_path, 1, plan=False)
    window.resize(1024, 768)
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda

    def act(seen: dict[str, object]) -> None:
        box = panel.start_edit
        seen["label"] = [panel._start_label.text()]
        seen["plus"] = [_where(box.plus)]
        _click_at(qtbot, _where(box.plus).center())
        qtbot.wait(50)
        seen["label"].append(panel._start_label.text())  # type: ignore[union-attr]
        seen["plus"].append(_where(box.plus))  # type: ignore[union-attr]
        # a time that cannot be read: the pop-up grows for the reason, downwards from its top
        click(qtbot, box.edit)
        qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(focused(), "2500")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        qtbot.wait(50)
        seen["error"] = _text(panel.time_error) if panel.time_error.isVisible() else ""
        seen["plus"].append(_where(box.plus))  # type: ignore[union-attr]
        seen["plan foot"] = _where(panel.plan_button).bottom()
        seen["screen foot"] = panel._menu.screen().availableGeometry().bottom()

    seen = _in_pop_up(qtbot, panel, act)
    assert seen["label"] == ["Start the clock at", "Clock starts at"]
    was, now, erred = seen["plus"]  # type: ignore[misc]
    assert abs(now.x() - was.x()) <= 2 and abs(now.y() - was.y()) <= 2, (was, now)
    assert str(seen["error"]).startswith("\u201c2500\u201d is not a time of day"), seen["error"]
    assert abs(erred.x() - was.x()) <= 2 and abs(erred.y() - was.y()) <= 2, (was, erred)
    assert seen["plan foot"] <= seen["screen foot"]  # type: ignore[operator]


def test_a_start_set_for_tomorrow_shows_in_the_panel_and_after_a_restart(qtbot, window, blank_path):
    from mutuality_desktop.ui.main_window import MainWindow
    from mutuality_desktop.ui.settings import Settings

    day = _dated(blank_path, 1, plan=True)
    window.resize(1024, 768)
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda
    when = f"tomorrow, {day.day} {day:%b %Y}"
    assert _text(panel.clock_label) == "Starts 09:00 tomorrow (plan)"  # short in the narrow panel (play-through 12)
    assert panel.clock_label.toolTip() == f"The clock starts at 09:00 (plan) {when}."
    before = _history(blank_path)

    def act(seen: dict[str, object]) -> None:
        click(qtbot, panel.start_edit.edit)
        qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(focused(), "1000")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        seen["note"] = _text(panel.start_note)

    seen = _in_pop_up(qtbot, panel, act)
    assert seen["note"] == (f"The workshop day, {day.day} {day:%b %Y}, is still to come: the clock will count from "
                            "10:00 that day (the plan\u2019s start is 09:00; its breaks and finish stand).")
    expected = f"The clock starts at 10:00 {when}, 60 min after the plan\u2019s 09:00."
    assert _text(panel.clock_label) == "Starts 10:00 tomorrow"  # the panel says what the pop-up says, briefly
    assert panel.clock_label.toolTip() == expected  # and whole on hover and to a screen reader
    assert panel.clock_label.accessibleDescription() == expected
    assert panel.clock_label.isVisible()
    assert _text(panel.pace_label) == "Planned 09:00 to 16:30: 15 factors left"  # the day said once, above
    assert _history(blank_path) == before  # kept on this laptop, not in the engagement file
    window.close()  # the app closed and started again: the start set the night before is still there
    again = MainWindow(Settings())
    qtbot.addWidget(again)
    again.setWindowState(Qt.WindowState.WindowNoState)
    again.resize(1024, 768)
    again.show()
    qtbot.waitExposed(again)
    page = open_walkthrough(qtbot, again, blank_path)
    assert _text(page.agenda.clock_label) == "Starts 10:00 tomorrow"
    assert page.agenda.clock_label.toolTip() == expected
    seen = _in_pop_up(qtbot, page.agenda, lambda seen: seen.update(box=page.agenda.start_edit.edit.text()))
    assert seen["box"] == "10:00"
    again.close()


def test_return_after_each_time_typed_keeps_the_pop_up_open(qtbot, window, blank_path):
    """On the real display one Return kept the pop-up open and the next closed it (the pop-up took
    the first to mark its one action, the second to choose it): Return reads the time, every time,
    and the pop-up stays until Esc or a click outside."""
    _dated(blank_path, 1, plan=True)
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda
    before = _history(blank_path)

    def act(seen: dict[str, object]) -> None:
        click(qtbot, panel.start_edit.edit)
        for typed in ("2500", "1000", "1030"):
            qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClicks(focused(), typed)
            qtbot.keyClick(focused(), Qt.Key.Key_Return)
            qtbot.wait(50)
            seen.setdefault("open", []).append(panel._menu.isVisible())  # type: ignore[union-attr]
            seen.setdefault("box", []).append(panel.start_edit.edit.text())  # type: ignore[union-attr]
            seen.setdefault("focus", []).append(QApplication.focusWidget() is panel.start_edit.edit)  # type: ignore[union-attr]

    seen = _in_pop_up(qtbot, panel, act)
    assert seen["open"] == [True, True, True]
    assert seen["box"] == ["2500", "10:00", "10:30"]  # the unreadable time stays to be put right
    assert seen["focus"] == [True, True, True]
    assert _text(panel.clock_label) == "Starts 10:30 tomorrow"
    assert _history(blank_path) == before  # no digit reached the guide
