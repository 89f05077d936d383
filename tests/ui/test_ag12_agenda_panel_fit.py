"""Play-through 12, the Agenda panel: at 1024x768 with Large text, on a file whose workshop is
tomorrow, a start of 09:40 set in the Agenda pop-up made the panel say "The clock starts at 09:40
tomorrow, 28 Nov 2026, 10 min after the plan's 09:30." in five lines; the panel took a scroll bar of
its own, the Breaks line dropped out of sight and the factor list above shrank to about 4.5
factors. The panel now says it briefly ("Starts 09:40 tomorrow"; the whole sentence on hover and to
a screen reader) and every line fits, on the workshop day, the day before and a day gone by, at
1366 and 1024, with and without Large text. Real clicks and keys; the file read back."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.agenda import day_clock
from mutuality_desktop.core.engagement import Engagement

from .journey import click, focused, menu_item
from .test_walkthrough_journey import open_walkthrough

NBSP = "\u00a0"


def _dated(path, days: int) -> tuple[dt.date, str]:
    """The last round dated `days` from today, planned 09:30 to 16:30 with coffee, lunch and tea."""
    day = dt.date.today() + dt.timedelta(days=days)
    with Engagement.open(path) as eng:
        rnd = eng.rounds()[-1]
        eng.apply(ops.UpdateRound(rnd.uuid, {"date": day}))
        eng.apply(ops.SetAgenda(rnd.uuid, 570, 990, (("Coffee", 660, 15), ("Lunch", 750, 45), ("Tea", 885, 15))))
        return day, eng.info().uuid


def _history(path) -> int:
    with Engagement.open(path, readonly=True) as eng:
        return len(eng.history())


def _factors_in_view(page) -> int:
    """How many factors of the list a person sees whole."""
    nav = page.navigator
    view = nav.viewport().rect()
    return sum(1 for item in nav._items.values() if view.contains(nav.visualItemRect(item)))


def _area(panel) -> QAbstractScrollArea:
    area = panel.parentWidget().parentWidget()
    assert isinstance(area, QAbstractScrollArea)
    return area


def _cut_or_hidden(panel) -> list[str]:
    """The panel's lines that are cut off, squeezed or outside what its scroll area shows."""
    area = _area(panel)
    viewport = area.viewport()
    seen = QRect(QPoint(0, 0), viewport.size())
    lines: list[QWidget] = [panel.progress_label, panel.progress, panel.clock_label, panel.budget_label,
                            panel.pace_label, panel.park_label, panel.breaks_label]
    wrong = []
    for line in lines:
        if not line.isVisible():
            continue
        text = getattr(line, "text", lambda: "bar")()
        if not seen.contains(QRect(line.mapTo(viewport, QPoint(0, 0)), line.size())):
            wrong.append(f"out of view: {text}")
        elif line.hasHeightForWidth() and line.height() < line.heightForWidth(line.width()):
            wrong.append(f"squeezed: {text}")
    return wrong


def _set_start_in_pop_up(qtbot, panel, typed: str | None) -> dict[str, object]:
    """Click Agenda, click the start box, type a time and Return, then Esc: the pop-up closes."""
    seen: dict[str, object] = {}

    def act() -> None:
        try:
            box = panel.start_edit
            seen["editable"] = box.isVisible() and not box.edit.isReadOnly()
            click(qtbot, box.edit)
            if typed is not None and seen["editable"]:
                qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
                qtbot.keyClicks(focused(), typed)
                qtbot.keyClick(focused(), Qt.Key.Key_Return)
                seen["box"] = box.edit.text()
            qtbot.keyClick(focused(), Qt.Key.Key_Escape)
        finally:
            seen["done"] = True
            if panel._menu.isVisible():  # only if Esc failed: the test goes on, and says so below
                seen["left open"] = True
                panel._menu.close()

    QTimer.singleShot(300, act)
    click(qtbot, panel.agenda_button)
    qtbot.waitUntil(lambda: "done" in seen, timeout=8000)
    qtbot.waitUntil(lambda: not panel._menu.isVisible())
    return seen


CASES = [(1, "0940"), (0, "0940"), (-3, None)]  # tomorrow, the workshop day, a day gone by


@pytest.mark.parametrize("large", [True, False], ids=["large", "normal"])
@pytest.mark.parametrize("width", [1024, 1366])
@pytest.mark.parametrize(("days", "typed"), CASES, ids=["tomorrow", "workshop-day", "past-day"])
def test_after_setting_the_start_the_panel_fits_whole_without_a_scroll_bar(
        qtbot, window, demo_path, restore_look, days, typed, width, large):
    day, uuid = _dated(demo_path, days)
    window.resize(width, 768)
    qtbot.waitUntil(lambda: window.width() == width)
    page = open_walkthrough(qtbot, window, demo_path)
    panel = page.agenda
    if days == 0:  # mid-morning on the workshop day, before coffee: every break still to come
        morning = dt.datetime.combine(day, dt.time(10, 20))
        panel._clock = page._clock = lambda: morning
        panel.set_start(morning)
    if large:
        from mutuality_desktop.ui import theme

        menu_item(qtbot, window, "&View", "&Large text")
        qtbot.waitUntil(lambda: theme.text_scale() > 1)
    qtbot.wait(300)  # the list column shares its height out again
    factors_before = _factors_in_view(page)
    history = _history(demo_path)

    seen = _set_start_in_pop_up(qtbot, panel, typed)
    qtbot.wait(300)

    assert "left open" not in seen, "Esc did not close the Agenda pop-up"
    assert seen["editable"] is (typed is not None)  # a day gone by: the start is there to read only
    if typed is not None:
        assert seen["box"] == "09:40"
    area = _area(panel)
    assert not area.verticalScrollBar().isVisible(), "the agenda panel needs a scroll bar of its own"
    assert panel.breaks_label.isVisible(), "the breaks are out of sight"
    assert _cut_or_hidden(panel) == []
    assert _factors_in_view(page) >= factors_before  # the list lost no factor to the panel
    assert _factors_in_view(page) >= 4

    words = panel.clock_label.text().replace(NBSP, " ")
    whole = panel.clock_label.toolTip()
    date = f"{day.day} {day:%b %Y}"
    if days == 1:
        assert words == "Starts 09:40 tomorrow"
        assert whole == f"The clock starts at 09:40 tomorrow, {date}, 10 min after the plan\u2019s 09:30."
        assert panel.pace_label.text().replace(NBSP, " ") == "Planned 09:30 to 16:30: 1 factor left"
        assert f"1{NBSP}factor" in panel.pace_label.text()  # play-through 13: "…16:30: 1 / factor left"
        assert window.settings.agenda_start_ahead(uuid, dt.date.today()) == dt.datetime.combine(day, dt.time(9, 40))
    elif days == 0:
        assert words == "Started 09:40 \u00b7 40 min so far"
        assert whole == "Started 09:40 \u00b7 40 min so far, 10 min after the plan\u2019s 09:30"
        assert window.settings.agenda_start(uuid, day) == dt.datetime.combine(day, dt.time(9, 40))
    else:
        assert words == f"Workshop day was {date}"
        assert whole == f"The clock and pacing ran on the workshop day, {date}."
    assert panel.clock_label.accessibleDescription() == whole  # what a screen reader hears
    progress = panel.progress_label  # one line: "factors" left out only where it would wrap
    agreed, total = (int(n) for n in progress.text().split()[::2][:2])
    assert progress.text() in (f"{agreed} of {total} factors agreed", f"{agreed} of {total} agreed")
    assert progress.fontMetrics().horizontalAdvance(progress.text()) <= progress.width()
    assert (progress.text().endswith("factors agreed")) is (width == 1366 or not large)
    assert progress.accessibleName() == f"{agreed} of {total} factors agreed"
    # play-through 13: the short words had no tooltip to say "factors"
    assert progress.toolTip() == ("" if progress.text().endswith("factors agreed")
                                  else f"{agreed} of {total} factors agreed")
    breaks = panel.breaks_label.text().replace(NBSP, " ")
    assert breaks == "Breaks: Coffee 11:00 \u00b7 Lunch 12:30 \u00b7 Tea 14:45"
    assert _history(demo_path) == history  # a start is kept on this laptop; the file is untouched


def test_the_panels_short_words_in_every_state_of_the_clock():
    """Core's words for the panel: short beside the whole sentence, which they never contradict."""
    day = dt.date(2026, 11, 28)
    eve = dt.datetime(2026, 11, 27, 21, 0)
    cases = [
        (day_clock(eve, day, 570, dt.datetime(2026, 11, 28, 9, 40), True), "Starts 09:40 tomorrow"),
        (day_clock(eve, day, 570, None, False), "Starts 09:30 tomorrow (plan)"),
        (day_clock(eve, day, None, None, False), "Workshop day: tomorrow, 28 Nov 2026"),
        (day_clock(eve - dt.timedelta(days=7), day, None, None, False), "Workshop day: 28 Nov 2026"),
        (day_clock(eve - dt.timedelta(days=7), day, 570, dt.datetime(2026, 11, 28, 9, 40), True),
         "Starts 09:40 on 28 Nov 2026"),
        (day_clock(dt.datetime(2026, 12, 1, 9, 0), day, 570, None, False), "Workshop day was 28 Nov 2026"),
        (day_clock(dt.datetime(2026, 11, 28, 7, 0), day, 570, None, False), "Starts 09:30 (plan)"),
        (day_clock(dt.datetime(2026, 11, 28, 7, 0), day, 570, dt.datetime(2026, 11, 28, 9, 40), True),
         "Starts 09:40"),
        (day_clock(dt.datetime(2026, 11, 28, 10, 0), day, 570, dt.datetime(2026, 11, 28, 9, 40), True),
         "Started 09:40 \u00b7 20 min so far"),
        (day_clock(dt.datetime(2026, 11, 28, 10, 0), day, 570, None, False),
         "Started at 09:30 (plan) \u00b7 30 min so far"),  # already short: the line itself
    ]
    for state, words in cases:
        assert state.panel == words, (state.line, state.panel)
        assert len(state.panel) <= len(state.line)
        for time in ("09:30", "09:40"):  # a time the panel names is the sentence's time too
            assert time not in state.panel or time in state.line
