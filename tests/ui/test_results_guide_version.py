"""Results says which version of the scoring guide the compared rounds were scored on (issue 21)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework import default_framework, framework_difference, load_framework
from mutuality_desktop.core.model import EngagementInfo

from .journey import page_tab

OLD = Path(__file__).parents[1] / "core" / "data" / "vfm-mutuality-1.0.1.json"


def test_a_file_on_the_older_guide_says_so_and_names_the_factors_worded_differently_now(
        qtbot, window, tmp_path):
    old = load_framework(OLD)
    path = tmp_path / "old-guide.mutuality"
    with Engagement.create(path, EngagementInfo("Review", "Westbury Council", "Kerbside Ltd"), old) as e:
        base = e.rounds()[0].id
        follow = e.add_round("Follow-up", dt.date(2026, 9, 1)).id
        for f in old.dimension("mutuality").factors:
            e.set_score(base, f.id, "agreed", 2)
            e.set_score(follow, f.id, "agreed", 3)
    assert window.open_path(path)
    page_tab(qtbot, window, "Results")
    note = window.results.page._guide_note
    qtbot.waitUntil(note.isVisible)
    text = " ".join(note.text().replace("&#x27;", "'").split())
    assert "Both rounds were scored against version 1.0.1 of the scoring guide" in text
    assert "This app's guide is version 2.1.0" in text
    reworded = framework_difference(old, default_framework()).reworded
    assert reworded and all(old.factor(fid).name in text for fid in reworded)


def test_a_file_on_the_app_s_own_guide_with_one_round_says_nothing_about_versions(qtbot, window, blank_path):
    assert window.open_path(blank_path)
    page_tab(qtbot, window, "Results")
    assert not window.results.page._guide_note.isVisibleTo(window)
