"""Results says on how many factors two rounds are compared, and why any are left out (issue 21)."""

from __future__ import annotations

import datetime as dt

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo

from .journey import page_tab


def test_a_factor_marked_not_applicable_in_the_follow_up_is_named_as_left_out(qtbot, window, tmp_path):
    path = tmp_path / "marked.mutuality"
    with Engagement.create(path, EngagementInfo("Review", "Westbury Council", "Kerbside Ltd")) as e:
        base = e.rounds()[0]
        follow = e.add_round("Follow-up", dt.date(2026, 9, 1))
        for f in e.framework.dimension("mutuality").factors:
            e.set_score(base.id, f.id, "agreed", 2)
            e.set_score(follow.id, f.id, "agreed", 3)
        e.apply(ops.SetNotApplicable(follow.uuid, "joint-exit-strategy", "Contract extended to 2034"))
    assert window.open_path(path)
    page_tab(qtbot, window, "Results")
    note = window.results.page._guide_note
    qtbot.waitUntil(note.isVisible)
    text = " ".join(note.text().split())
    assert ("Follow-up is compared with Baseline like for like, on the 14 factors agreed in both rounds. "
            "1 factor is left out on both sides: Joint exit strategy (marked not applicable in Follow-up). "
            "The charts draw each round's own levels, so a dimension's Baseline point counts every factor "
            "agreed in that round.") in text.replace("&#x27;", "'")
    version = window.doc.engagement.framework.version
    assert f"Both rounds were scored against version {version}" in text, "the version sentence is kept"
