"""Play-through 7, 4: the demo's history was stamped with the day it was built and "root"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mutuality_desktop.core.demo import build_demo
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.history import default_author


def _story(eng: Engagement) -> list[tuple[dt.datetime, str, str]]:
    with eng:
        return [(e.at, e.author, e.op) for e in eng.history()]


def test_the_demo_history_names_its_facilitator_and_the_days_of_its_rounds(demo_path: Path) -> None:
    eng = Engagement.open(demo_path)  # a copy of the demo built for this test session
    try:
        info = eng.info()
        history = eng.history()
        days = {r.date for r in eng.rounds()}
        assert days == {dt.date(2026, 3, 12), dt.date(2026, 10, 8)}
        assert {e.author for e in history} == {info.facilitator} == {"Helen Marchbank"}
        assert {e.at.date() for e in history} == days
        assert [e.at for e in history] == sorted(e.at for e in history), "oldest first, as it happened"
        # play-through 12: its first line was 'edited round "Baseline": date "2026-03-12" → "2026-03-12"'
        assert [e for e in history if e.before == e.after] == [], "a change that changed nothing"
        baseline_returns = [e.at for e in history if e.op == "set_participant_score" and e.at.month == 3]
        baseline_room = [e.at for e in history if e.op == "set_score" and e.at.month == 3]
        assert max(baseline_returns) < dt.datetime(2026, 3, 12, 10, 0) <= min(baseline_room)
        parked = [e.at for e in history if e.op == "add_parking"]
        assert parked == [dt.datetime(2026, 3, 12, h, m) for h, m in ((10, 12), (11, 41), (14, 5), (15, 50))]
        follow_up_room = [e.at for e in history if e.op == "set_score" and e.at.month == 10]
        assert min(follow_up_room) == dt.datetime(2026, 10, 8, 9, 0, 15), "10:00 British Summer Time"
        # the engagement handed back records as usual: now, by whoever is at the machine
        before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        eng.add_participant("New Person", "Analyst", "client")
        last = eng.history()[-1]
        assert last.author == default_author() and last.at >= before
    finally:
        eng.close()


def test_the_demo_history_is_the_same_every_time(demo_path: Path, tmp_path: Path) -> None:
    # the session's demo was built earlier in the run, this one now
    assert _story(build_demo(tmp_path / "again.mutuality")) == _story(Engagement.open(demo_path))
