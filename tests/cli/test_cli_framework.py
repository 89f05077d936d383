"""`mutuality-desktop framework`: each round's guide, and moving the engagement to a newer one
(issue 21), run as a person runs it (a separate process)."""

from __future__ import annotations

import sys
from pathlib import Path

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework_move import round_guides

from .test_cli import cli

sys.path.insert(0, str(Path(__file__).parents[1] / "core"))
from newer_guide import ADDED_NAME, write_newer_guide  # noqa: E402


def test_the_difference_is_shown_first_and_the_move_needs_yes(tmp_path: Path) -> None:
    demo = tmp_path / "demo.mutuality"
    assert cli("demo", "-o", str(demo)).returncode == 0
    guide = write_newer_guide(tmp_path)
    shown = cli("framework", str(demo))
    assert shown.returncode == 0, shown.stderr
    assert "Baseline: scored on guide 2.0.0" in shown.stdout and "Follow-up: scored on guide 2.0.0" in shown.stdout

    dry = cli("framework", str(demo), "--move", str(guide))
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines()[:4] == [
        "Moving the engagement from guide 2.0.0 to 2.1.0.",
        "2 factors worded differently: Joint objective setting, Behaviours and trust indicators.",
        f"1 factor added, unscored in the earlier rounds: {ADDED_NAME}.",
        "1 factor removed; its scores in the earlier rounds are kept: Inflation and indexation control.",
    ]
    assert "Nothing was changed; add --yes to move." in dry.stdout
    with Engagement.open(demo, readonly=True) as eng:
        assert eng.framework.version == "2.0.0"

    moved = cli("framework", str(demo), "--move", str(guide), "--yes", "--author", "Andrea Price")
    assert moved.returncode == 0, moved.stderr
    assert "Moved demo.mutuality to guide 2.1.0." in moved.stdout
    assert "In use: Value for Money framework with Mutuality version 2.1.0." in moved.stdout
    with Engagement.open(demo, readonly=True) as eng:
        assert eng.framework.version == "2.1.0"
        assert {g.version for g in round_guides(eng).values()} == {"2.0.0"}
    history = cli("history", str(demo))
    assert "Andrea Price moved the engagement from guide 2.0.0 to 2.1.0" in history.stdout
    check = cli("check", str(demo))
    assert check.returncode == 0 and "Baseline 40/40 agreed on guide 2.0.0" in check.stdout

    again = cli("framework", str(demo), "--move", str(guide), "--yes")
    assert again.returncode == 1 and "already uses guide 2.1.0" in again.stderr
