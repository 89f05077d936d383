"""Play-through 11: a click on the Agenda pop-up's words closed it, and the start time typed next
went to the guide, where its digits scored the factor (the client view went from 4 to 0)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement

from .journey import click
from .test_walkthrough_journey import open_walkthrough


def test_a_click_on_the_pop_ups_words_keeps_it_open_and_the_time_typed_is_the_start(
        qtbot, window, blank_path):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with Engagement.open(blank_path) as eng:
        eng.apply(ops.UpdateRound(eng.rounds()[-1].uuid, {"date": tomorrow}))
        history = len(eng.history())
    window.resize(1024, 768)
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda
    seen: dict[str, object] = {}

    def in_pop_up() -> None:
        try:
            for label in (panel._start_label, panel.start_note):  # the words, not a control
                assert label.isVisible()
                click(qtbot, label, QPoint(4, label.height() // 2))
                qtbot.wait(50)
                seen.setdefault("open", []).append(panel._menu.isVisible())  # type: ignore[union-attr]
            click(qtbot, panel.start_edit.edit)
            focused = QApplication.focusWidget()
            seen["focus"] = focused is panel.start_edit.edit
            qtbot.keyClick(focused, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClicks(focused, "1000")
            qtbot.keyClick(focused, "\r")
            seen["box"] = panel.start_edit.edit.text()
        finally:
            seen["done"] = True
            panel._menu.close()

    QTimer.singleShot(300, in_pop_up)
    click(qtbot, panel.agenda_button)
    qtbot.waitUntil(lambda: "done" in seen, timeout=8000)
    assert seen["open"] == [True, True]
    assert seen["focus"] is True
    assert seen["box"] == "10:00"
    with Engagement.open(blank_path, readonly=True) as eng:  # nothing scored: no change recorded
        assert len(eng.history()) == history
