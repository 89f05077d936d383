"""`mutuality-desktop framework`: each round's guide, and moving the engagement to a newer one
(issue 21), run as a person runs it (a separate process)."""

from __future__ import annotations

import sys
from pathlib import Path

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework_move import round_guides

from .test_cli import cli

sys.path.insert(0, str(Path(__file__).parents[1] / "core"))
from newer_guide import ADDED_NAME, NEW, OLD, write_newer_guide  # noqa: E402


def test_the_difference_is_shown_first_and_the_move_needs_yes(tmp_path: Path, demo_path: Path) -> None:
    demo = demo_path
    guide = write_newer_guide(tmp_path)
    shown = cli("framework", str(demo))
    assert shown.returncode == 0, shown.stderr
    assert f"Baseline: scored on guide {OLD}" in shown.stdout and f"Follow-up: scored on guide {OLD}" in shown.stdout

    dry = cli("framework", str(demo), "--move", str(guide))
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines()[:4] == [
        f"Moving the engagement from guide {OLD} to {NEW}.",
        "2 factors worded differently: Joint objective setting, Behaviours and trust indicators.",
        f"1 factor added, unscored in the earlier rounds: {ADDED_NAME}.",
        "1 factor removed; its scores in the earlier rounds are kept: Inflation and indexation control.",
    ]
    assert "Nothing was changed; add --yes to move." in dry.stdout
    with Engagement.open(demo, readonly=True) as eng:
        assert eng.framework.version == OLD

    moved = cli("framework", str(demo), "--move", str(guide), "--yes", "--author", "Andrea Price")
    assert moved.returncode == 0, moved.stderr
    assert f"Moved demo.mutuality to guide {NEW}." in moved.stdout
    assert f"In use: Value for Money framework with Mutuality version {NEW}." in moved.stdout
    with Engagement.open(demo, readonly=True) as eng:
        assert eng.framework.version == NEW
        assert {g.version for g in round_guides(eng).values()} == {OLD}
    history = cli("history", str(demo))
    assert f"Andrea Price moved the engagement from guide {OLD} to {NEW}" in history.stdout
    check = cli("check", str(demo))
    assert check.returncode == 0 and f"Baseline 40/40 agreed on guide {OLD}" in check.stdout

    again = cli("framework", str(demo), "--move", str(guide), "--yes")
    assert again.returncode == 1 and f"already uses guide {NEW}" in again.stderr
