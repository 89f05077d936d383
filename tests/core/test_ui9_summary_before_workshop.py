"""The summary of a report made before its round's workshop (play-through 9: "So far, leaders ... have
scored ..." read to a chief executive as a day already held). Before the day it says who gave their own
scores in pre-work and how many levels are already recorded as agreed; read from the HTML edition the
CLI writes, as a consultant would send it."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from mutuality_desktop.cli import run
from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework import MUTUALITY
from mutuality_desktop.core.model import EngagementInfo

AHEAD = dt.date.today() + dt.timedelta(days=30)
SCALE = "on a scale from 0 (Absent) to 5 (Exemplary)"


def _engagement(path: Path, day: dt.date, returns: dict[str, str], agreed: int) -> Path:
    info = EngagementInfo("Northmoor Review", "Northmoor Council", "Castleway Ltd", workshop_date=day)
    with Engagement.create(path, info) as e:
        rnd = e.rounds()[0]
        factors = e.framework.dimension(MUTUALITY).factors
        for name, side in returns.items():
            e.apply(ops.AddParticipant(name, "Director", side))
            person = next(p for p in e.participants() if p.name == name)
            for f in factors[:3]:
                e.apply(ops.SetParticipantScore(rnd.uuid, f.id, person.uuid, 3))
        for f in factors[:agreed]:
            e.set_score(rnd.id, f.id, "agreed", 2)
    return path


def _summary(path: Path, capsys) -> str:
    out = path.with_suffix(".html")
    assert run(["report", str(path), "-o", str(out)]) == 0, capsys.readouterr().err
    lead = re.search(r'<p class="lead">(.*?)</p>', out.read_text(encoding="utf-8"), re.S)
    assert lead is not None
    return html.unescape(re.sub(r"<[^>]+>", "", lead.group(1)))


def test_before_the_workshop_the_summary_says_what_pre_work_gave(tmp_path, capsys):
    both = _engagement(tmp_path / "both.mutuality", AHEAD,
                       {"Ann": "client", "Bo": "client", "Cy": "provider", "Di": "facilitator"}, 2)
    text = _summary(both, capsys)
    assert (f"Before the workshop, 3 leaders from both organisations have given their own scores in pre-work, "
            f"factor by factor, {SCALE}, and a level is already recorded as agreed for 2 of the ") in text
    assert "So far" not in text and "scored the contract" not in text and "held on" not in text

    one = _engagement(tmp_path / "one.mutuality", AHEAD, {"Ann": "provider"}, 0)
    assert (f"Before the workshop, 1 leader from Castleway Ltd has given their own scores in pre-work, "
            f"factor by factor, {SCALE}; no level is agreed yet.") in _summary(one, capsys)

    empty = _engagement(tmp_path / "empty.mutuality", AHEAD, {}, 0)
    assert f"Before the workshop, no level is recorded yet. Each factor is scored {SCALE}." in _summary(empty, capsys)


def test_after_the_workshop_leaders_scored_and_agreed(tmp_path, capsys):
    held = _engagement(tmp_path / "held.mutuality", dt.date.today() - dt.timedelta(days=1), {"Ann": "client"}, 2)
    text = _summary(held, capsys)
    assert f"Leaders from both organisations scored the contract factor by factor, {SCALE}, and agreed a level for 2 of the" in text
    assert "Before the workshop" not in text
