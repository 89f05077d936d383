"""Seen at 1366 (ui14): a round named "Review (Dec 2026)" and dated 10 Dec 2026 read
"REVIEW (DEC 2026) (DEC 2026)" on the room's screen and in the round picker."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement

from .test_walkthrough_journey import key, open_walkthrough


def test_a_round_named_with_its_month_shows_the_month_once(qtbot, window, demo_path):
    with Engagement.open(demo_path) as eng:
        eng.apply(ops.AddRound("Review (Dec 2026)", dt.date(2026, 12, 10)))
    page = open_walkthrough(qtbot, window, demo_path)
    combo = page.round_combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[-1] == "Review (Dec 2026)", texts
    assert texts[0].startswith("Baseline (") and texts[0].endswith(")"), texts  # a plain name takes its date
    key(qtbot, Qt.Key.Key_F11)
    room = page.presentation
    qtbot.waitUntil(lambda: room is not None and room.isVisible())
    assert "REVIEW (DEC 2026)" in room.caption.text().replace("\u00a0", " ")
    assert "(DEC 2026) (DEC 2026)" not in room.caption.text().replace("\u00a0", " ")
    room.close()
