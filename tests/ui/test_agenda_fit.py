"""The agenda panel under the factor list: what to park is said by dimension and number, the first
few then "and N more", and is never cut off at the foot of the column (play-through s5, finding 7)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QPoint, QRect

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement

from .test_walkthrough_journey import open_walkthrough

TODAY = dt.date(2026, 11, 26)


def _late_day(path: Path) -> None:
    with Engagement.open(path) as eng:
        rnd = eng.rounds()[0]
        eng.update_round(rnd.id, date=TODAY)
        eng.apply(ops.SetScope(rnd.uuid, ("mutuality", "economy")))
        eng.apply(ops.SetAgenda(rnd.uuid, 570, 990, (("Coffee", 660, 15), ("Lunch", 750, 45),
                                                     ("Tea", 885, 15))))


def _seen_whole(widget, area) -> bool:
    """The whole widget inside the scroll area's viewport: nothing of it cut off."""
    viewport = area.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return QRect(QPoint(0, 0), viewport.size()).contains(QRect(top_left, widget.size()))


def test_what_to_park_names_the_dimension_and_is_seen_whole(qtbot, window, blank_path):
    _late_day(blank_path)
    page = open_walkthrough(qtbot, window, blank_path)
    panel = page.agenda
    panel._clock = lambda: dt.datetime.combine(TODAY, dt.time(11, 40))  # nothing agreed by 11:40
    panel.refresh()
    qtbot.wait(200)
    text = panel.park_label.text()
    assert "7\u00a0factors" in text  # a count kept with its noun on a narrow line
    text = text.replace("\u00a0", " ")
    assert text.startswith("To finish by 16:30, park ")
    # Mutuality and Economy both have factors 1 to 5: each number goes with its dimension
    # the room works Mutuality first, so what to park comes from the end of the day: Economy's last
    assert "Economy 5, 4, 3 and " in text and text.endswith(" more.")
    names = panel.park_label.toolTip().splitlines()
    economy = page.framework.dimension("economy").factors
    assert names[0] == f"Economy 5. {economy[4].name}"
    assert len(names) == int(text.split("park ")[1].split(" ")[0])
    area = panel.parentWidget().parentWidget()
    assert _seen_whole(panel.park_label, area) and _seen_whole(panel.pace_label, area)
