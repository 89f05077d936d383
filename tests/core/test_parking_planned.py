"""A report made before the round's workshop does not say points were parked "during the
workshop" (play-through 4: a planned workshop's report said "1 point was parked during the
workshop"): they have been parked so far."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdf

from mutuality_desktop.cli import run
from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo


def _report_text(path: Path, out: Path) -> str:
    assert run(["report", str(path), "-o", str(out)]) == 0
    return " ".join("\n".join(page.extract_text() for page in pypdf.PdfReader(out).pages).split())


def _engagement(path: Path, day: dt.date) -> None:
    info = EngagementInfo("Review", "Council", "Provider Ltd", workshop_date=day)
    with Engagement.create(path, info) as e:
        rnd = e.rounds()[0]
        e.set_score(rnd.id, "joint-objective-setting", "agreed", 3)
        e.apply(ops.AddParking("Who signs off variations?", "joint-governance-structure", rnd.uuid, "provider",
                               dt.datetime(2026, 3, 1, 11, 40)))


def test_a_planned_workshops_report_says_the_points_were_parked_so_far(tmp_path: Path) -> None:
    ahead = dt.date.today() + dt.timedelta(days=30)
    _engagement(tmp_path / "planned.mutuality", ahead)
    text = _report_text(tmp_path / "planned.mutuality", tmp_path / "planned.pdf")
    assert "1 point has been parked so far to come back to: 1 is still open." in text
    assert "parked during the workshop" not in text


def test_a_held_workshops_report_says_during_the_workshop(tmp_path: Path) -> None:
    _engagement(tmp_path / "held.mutuality", dt.date(2026, 3, 1))
    text = _report_text(tmp_path / "held.mutuality", tmp_path / "held.pdf")
    assert "1 point was parked during the workshop to come back to: 1 is still open." in text
