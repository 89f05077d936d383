"""The agenda panel and the planning pop-up say hours and minutes past the hour, as a facilitator
says them (session 8 left "380 min ahead" and "647 min to coffee"), under real input; the plan saved
is read back from the file."""

from __future__ import annotations

import datetime as dt

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.agenda import Agenda, Break, read_agenda
from mutuality_desktop.core.engagement import Engagement

from .journey import plan_the_day
from .test_walkthrough_journey import open_walkthrough


def test_a_long_day_reads_in_hours_in_the_panel_and_the_plan(qtbot, window, blank_path):
    with Engagement.open(blank_path) as eng:
        rnd = eng.rounds()[-1]
        day = rnd.date or dt.date.today()
        eng.apply(ops.SetAgenda(rnd.uuid, 420, 1110, (("Coffee", 1005, 15),)))  # 07:00 to 18:30
    page = open_walkthrough(qtbot, window, blank_path)
    page.agenda._clock = page._clock = lambda: dt.datetime.combine(day, dt.time(15, 40))
    page.agenda.refresh()
    # 15:40 and nothing agreed: 8 h 40 min worked, coffee at 16:45
    pace = page.agenda.pace_label.text()
    assert pace.replace("\u00a0", " ") == "8 h 40 min behind: 15 factors left, 1 h 5 min to coffee"
    assert "8\u00a0h\u00a040\u00a0min" in pace and "1\u00a0h\u00a05\u00a0min" in pace  # each on one line
    def check(dialog) -> None:
        assert "07:00 to 18:30: 11 h 15 min of work, 15 min of breaks" in dialog.preview.text()
        assert "Mutuality: 11 h 15 min (shared by factors), about 45 min per factor" in dialog.preview.text()

    plan_the_day(qtbot, page, check)
    with Engagement.open(blank_path, readonly=True) as eng:
        assert read_agenda(eng, eng.rounds()[-1].id) == Agenda(420, 1110, (Break("Coffee", 1005, 15),))
