"""Play-through s9's "noticed and left alone" list, fixed.

1. Presentation (F11) with High contrast and Large text: "· scoring" was cut at 1366 (the scores
   were measured against the strip's least width, its key is wider), and the "To reach level N"
   line could be drawn larger than the level text it introduces.
2. Agenda lines broke as "23 / min in hand" and "Coffee / 11:00": a number keeps its unit and a
   break its time (non-breaking spaces).
3. A workshop still to come: the Agenda pop-up offers the start, which the facilitator can set the
   night before; it is kept for that day over a reopen, and the engagement file is untouched.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.ui import theme

from .journey import click
from .test_ui16_agenda_clock import _in_pop_up
from .test_walkthrough_journey import open_walkthrough, stored

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
NBSP = "\u00a0"


def _look(qtbot, room, contrast: bool, large: bool) -> None:
    """Switch the looks by their keys, as in the room (the menus are hidden there)."""
    if bool(theme.high_contrast) != contrast:
        qtbot.keyClick(QApplication.focusWidget() or room, Qt.Key.Key_H, CTRL_SHIFT)
        qtbot.waitUntil(lambda: bool(theme.high_contrast) == contrast, timeout=5000)
    if (theme.text_scale() > 1) != large:
        qtbot.keyClick(QApplication.focusWidget() or room, Qt.Key.Key_L, CTRL_SHIFT)
        qtbot.waitUntil(lambda: (theme.text_scale() > 1) == large, timeout=5000)


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_presentation_scores_whole_and_next_level_line_no_larger_in_every_look(
        qtbot, window, demo_path, restore_look, size):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = page._factor_id
    qtbot.keyClick(page.guide, Qt.Key.Key_F11)
    room = page.presentation
    assert room is not None and room.isVisible()
    qtbot.keyClick(QApplication.focusWidget() or room, Qt.Key.Key_4)  # the client's view, by key
    qtbot.waitUntil(lambda: stored(demo_path, factor)["client"] == 4, timeout=5000)
    prompts = 0
    for contrast, large in ((False, False), (True, False), (False, True), (True, True)):
        _look(qtbot, room, contrast, large)
        room.resize(*size)
        qtbot.wait(200)
        look = f"{size} contrast={contrast} large={large}"
        client = room.score_labels["client"]
        assert "scoring" in client.text(), look
        labels = list(room.score_labels.values())

        def whole(labels=labels) -> bool:  # each score as wide as its words once laid out ("· scorin" was cut)
            return all(label.width() >= label.sizeHint().width() for label in labels)

        qtbot.waitUntil(whole, timeout=3000)
        if room.spread.isVisible() and room.score_row.direction().name == "LeftToRight":
            strip_left = min(room.spread.geometry().left(), room.spread_key.geometry().left())
            assert labels[-1].geometry().right() < strip_left, look
        # the caption wraps between its parts, never as "AGREED 2 / DEVELOPING"
        assert f"BASELINE:{NBSP}AGREED{NBSP}2{NBSP}DEVELOPING" in room.caption.text(), look

        def header_whole(room=room) -> bool:  # the header wraps at words; none is cut (once laid out)
            return all(label.height() >= label.heightForWidth(label.width()) for label in (room.caption, room.title))

        qtbot.waitUntil(header_whole, timeout=3000)
        fit = room.guide._layout()
        level = fit.point_size * theme.text_scale()
        for row in fit.rows:
            sizes = [float(s) for s in re.findall(r"font-size:([0-9.]+)pt", row.text[0])]
            if "To reach level" in row.text[0]:
                assert sizes and max(sizes) <= level + 0.05, (look, sizes, level)
                prompts += 1
    assert prompts >= 1  # the next-level line was on the screen to be measured


def test_agenda_keeps_numbers_with_their_units_and_breaks_with_their_times(qtbot, window, blank_path):
    today = dt.date.today()
    with Engagement.open(blank_path) as eng:
        rnd = eng.rounds()[-1]
        eng.apply(ops.UpdateRound(rnd.uuid, {"date": today}))
        eng.apply(ops.SetAgenda(rnd.uuid, 540, 990, (("Coffee", 660, 15), ("Lunch", 750, 45))))
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda
    dawn = dt.datetime.combine(today, dt.time(8, 37))
    panel._clock = page._clock = lambda: dawn
    panel.refresh()
    seen: dict[str, object] = {}

    def start_now() -> None:  # "Start the clock now" at 08:37, 23 minutes before the plan's 09:00
        try:
            click(qtbot, panel.now_button)
        finally:
            seen["done"] = True
            panel._menu.close()

    QTimer.singleShot(300, start_now)
    click(qtbot, panel.agenda_button)
    qtbot.waitUntil(lambda: "done" in seen, timeout=5000)
    window.resize(1024, 768)
    qtbot.wait(200)
    pace = panel.pace_label.text()
    assert f"23{NBSP}min in hand" in pace, pace
    assert pace.replace(NBSP, " ").endswith("23 min in hand before the plan\u2019s 09:00")
    breaks = panel.breaks_label.text() or panel.pace_label.toolTip()
    assert f"Coffee{NBSP}11:00" in breaks and f"Lunch{NBSP}12:30" in breaks, breaks
    assert breaks.replace(NBSP, " ") == "Breaks: Coffee 11:00 · Lunch 12:30"
    assert not re.search(r"\d (?:min|h)\b", pace + panel.clock_label.text()), "a number parted from its unit"


def test_a_workshop_still_to_come_offers_its_start_and_keeps_one_set_the_night_before(
        qtbot, window, blank_path):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with Engagement.open(blank_path) as eng:
        eng.apply(ops.UpdateRound(eng.rounds()[-1].uuid, {"date": tomorrow}))
        before = len(eng.history())
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda
    day = f"{tomorrow.day} {tomorrow:%b %Y}"

    seen = _in_pop_up(qtbot, panel)
    assert (seen["label"], seen["box"]) == ("Start the clock at", "09:30")  # a box, not only a sentence
    assert str(seen["note"]).startswith(f"The workshop day, {day}, is still to come. Type the time")
    assert seen["now"] is False  # nothing to start today

    def type_0845() -> None:
        click(qtbot, panel.start_edit.edit)
        focused = QApplication.focusWidget()
        assert focused is panel.start_edit.edit
        qtbot.keyClick(focused, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(focused, "0845")
        qtbot.keyClick(focused, Qt.Key.Key_Return)

    _in_pop_up(qtbot, panel, type_0845)
    seen = _in_pop_up(qtbot, panel)
    assert (seen["label"], seen["box"]) == ("Clock starts at", "08:45")
    assert seen["note"] == f"The workshop day, {day}, is still to come: the clock will count from 08:45 that day."
    uuid = window.doc.engagement.info().uuid
    kept = dt.datetime.combine(tomorrow, dt.time(8, 45))
    assert window.settings.agenda_start_ahead(uuid, dt.date.today()) == kept
    assert window.settings.agenda_start(uuid, tomorrow) == kept  # on the day the clock counts from it
    assert window.settings.agenda_start_chosen(uuid, tomorrow)

    page = open_walkthrough(qtbot, window, blank_path)  # opened again that evening: still 08:45
    seen = _in_pop_up(qtbot, page.agenda)
    assert (seen["label"], seen["box"]) == ("Clock starts at", "08:45")
    assert window.settings.agenda_start(uuid, tomorrow) == kept
    with Engagement.open(blank_path, readonly=True) as eng:  # kept on this laptop, not in the file
        assert len(eng.history()) == before
