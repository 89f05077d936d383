"""`mutuality-desktop merge`, run as a user runs it: a separate process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mutuality_desktop.core.engagement import Engagement

F1 = "joint-objective-setting"


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mutuality_desktop", *args],
                          capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture
def two_copies(tmp_path: Path, demo_master: Path) -> tuple[Path, Path]:
    ours, theirs = tmp_path / "ours.mutuality", tmp_path / "theirs.mutuality"
    shutil.copyfile(demo_master, ours)  # the demo, as `mutuality-desktop demo` writes it (tests/cli/test_cli.py)
    shutil.copy(ours, theirs)
    for path, level, who in ((ours, 1, "Andrea Price"), (theirs, 4, "Sian Evans")):
        with Engagement.open(path) as e:
            e.author = who
            rid = e.rounds()[0].id
            e.set_score(rid, F1, "provider", level)
    with Engagement.open(theirs) as e:
        e.author = "Sian Evans"
        e.add_action("joint-exit-strategy", "Test the exit plan with both boards")
    return ours, theirs


def test_conflicts_exit_1_name_each_field_and_write_nothing(two_copies, tmp_path):
    ours, theirs = two_copies
    out = tmp_path / "merged.mutuality"
    result = cli("merge", str(ours), str(theirs), "-o", str(out))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert "Joint objective setting, provider level: ours 1, theirs 4" in lines[0]
    assert "nothing was written" in result.stderr
    assert not out.exists()


def test_prefer_resolves_records_and_exits_0(two_copies, tmp_path):
    ours, theirs = two_copies
    out = tmp_path / "merged.mutuality"
    result = cli("merge", str(ours), str(theirs), "-o", str(out), "--prefer", "theirs",
                 "--author", "Dafydd Jones")
    assert result.returncode == 0, result.stderr
    assert "1 conflict decided for theirs" in result.stdout
    with Engagement.open(out, readonly=True) as e:
        assert e.scores(e.rounds()[0].id)[(F1, "provider")].level == 4
        assert "Test the exit plan with both boards" in [a.text for a in e.actions()]
        merge = e.history()[-1]
    assert merge.op == "merge" and merge.author == "Dafydd Jones"
    assert merge.after["decided"][0]["chosen"] == "theirs"
    history = cli("history", str(out))
    assert "merged" in history.stdout and "Dafydd Jones" in history.stdout


def test_protected_copies_with_passphrase_env(two_copies, tmp_path):
    ours, theirs = two_copies
    sealed = tmp_path / "theirs (for email).mutuality"
    env = {**os.environ, "MERGE_PASS": "a long shared secret"}
    assert cli("export", str(theirs), "-o", str(sealed), "--passphrase-env", "MERGE_PASS",
               env=env).returncode == 0
    out = tmp_path / "merged.mutuality"
    result = cli("merge", str(ours), str(sealed), "-o", str(out), "--prefer", "ours",
                 "--passphrase-env", "MERGE_PASS", env=env)
    assert result.returncode == 0, result.stderr
    wrong = cli("merge", str(ours), str(sealed), "-o", str(out), "--passphrase-env", "NOPE",
                env={**env, "NOPE": "guess"})
    assert wrong.returncode == 5 and "passphrase" in wrong.stderr


def test_a_different_engagement_is_refused_in_one_sentence(two_copies, tmp_path):
    ours, _ = two_copies
    other = tmp_path / "other.mutuality"
    from mutuality_desktop.core.model import EngagementInfo

    with Engagement.create(other, EngagementInfo("Another review", "A council", "A provider")):
        pass
    result = cli("merge", str(ours), str(other), "-o", str(tmp_path / "x.mutuality"))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "not a copy of this engagement" in result.stderr
