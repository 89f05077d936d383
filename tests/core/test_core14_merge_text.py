"""Play-through 8 (core14): the merge screen's levels carry their names, and a level typed as the
screen shows it ("3 Established") is read as 3."""

from __future__ import annotations

import shutil
from pathlib import Path

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.merge import plan_merge
from mutuality_desktop.core.merge_text import base_text, change_rows, parse_value
from mutuality_desktop.core.model import EngagementInfo

F1 = "joint-objective-setting"


def test_levels_are_named_and_read_back(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.mutuality", tmp_path / "theirs.mutuality"
    with Engagement.create(ours, EngagementInfo("R", "C", "P")) as e:
        e.set_score(e.rounds()[0].id, F1, "agreed", 2)
    shutil.copy(ours, theirs)
    with Engagement.open(ours) as e:
        e.set_score(e.rounds()[0].id, F1, "agreed", 1)
    with Engagement.open(theirs) as e:
        e.set_score(e.rounds()[0].id, F1, "agreed", 3)
    with Engagement.open(ours) as mine, Engagement.open(theirs, readonly=True) as other:
        plan = plan_merge(mine, other)
        row = next(r for r in change_rows(mine, plan) if r.key[-1] == "level")
        assert (row.yours, row.theirs) == ("1 Initial", "3 Established")
        conflict = plan.conflicts[0]
        assert base_text(conflict, mine) == "2 Developing"
        assert parse_value(conflict, "3 Established") == 3 and parse_value(conflict, " 4 ") == 4
