"""Headless commands, run as a user runs them: separate processes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mutuality_desktop import __version__


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mutuality_desktop", *args],
                          capture_output=True, text=True, timeout=120, env=env)


def test_version():
    result = cli("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_core_and_cli_never_load_qt(tmp_path, demo_file):
    """No command loads Qt; the commands that only read (check, json, history, the agenda and the
    parking list) do not load SQLAlchemy either (it loads with the first write): a quicker
    command line."""
    code = (
        "import sys, mutuality_desktop.core.engagement, mutuality_desktop.core.scoring, "
        "mutuality_desktop.core.exchange, mutuality_desktop.core.summary\n"
        "from mutuality_desktop.app import main\n"
        f"rc = main(['check', {str(tmp_path / 'absent.mutuality')!r}])\n"
        f"assert main(['check', {str(demo_file)!r}]) == 0\n"
        f"assert main(['json', {str(demo_file)!r}, '-o', {str(tmp_path / 'demo.json')!r}]) == 0\n"
        f"assert main(['history', {str(demo_file)!r}]) == 0\n"
        f"assert main(['agenda', {str(demo_file)!r}]) == 0\n"
        f"assert main(['parking', {str(demo_file)!r}]) == 0\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'matplotlib.pyplot'))]\n"
        "print('LOADED', bad)\n"
        "print('SQLALCHEMY', [m for m in sys.modules if m.startswith('sqlalchemy')][:3])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "LOADED []" in result.stdout, result.stdout + result.stderr
    assert "SQLALCHEMY []" in result.stdout, result.stdout + result.stderr
    assert (tmp_path / "demo.json").stat().st_size > 0


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.mutuality"
    result = cli("demo", "-o", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_demo_passes_check(demo_file):
    result = cli("check", str(demo_file))
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert "\n" not in line and line.startswith("OK demo.mutuality")
    # the Follow-up round has one factor the room could not agree (guide 2.1): 39 of 40 agreed
    assert "Baseline 40/40 agreed (6 of 6 dimensions)" in line and "Follow-up 39/40 agreed" in line


@pytest.mark.parametrize(
    ("content", "code", "phrase"),
    [(b"", 2, "empty"), (b"PK\x03\x04zipzipzip", 2, "zip"), (b"hello world" * 20, 2, "not a Mutuality")],
)
def test_check_refuses_bad_files_with_one_line(tmp_path, content, code, phrase):
    bad = tmp_path / "bad.mutuality"
    bad.write_bytes(content)
    result = cli("check", str(bad))
    assert result.returncode == code
    assert phrase in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_check_newer_version_exit_code(demo_file, tmp_path):
    import shutil
    import sqlite3

    newer = tmp_path / "newer.mutuality"
    shutil.copy(demo_file, newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version=7")
    conn.close()
    result = cli("check", str(newer))
    assert result.returncode == 4 and "newer version" in result.stderr


def test_export_then_check(demo_file, tmp_path):
    out = tmp_path / "email.mutuality"
    assert cli("export", str(demo_file), "-o", str(out)).returncode == 0
    result = cli("check", str(out))
    assert result.returncode == 0 and "export checksum verified" in result.stdout


def test_gui_without_display_says_so_in_one_line():
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = cli(env=env)
    assert result.returncode == 2
    assert "No display found" in result.stderr and "check FILE" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [("json",), ("frobnicate", "x"), ("--nonsense",), ("--demo", "--bogus"),
                                  ("a.mutuality", "b.mutuality"), ("-style",)])
def test_unknown_commands_and_options_are_refused_without_a_window(args):
    import os

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # a window could open: it must not
    result = cli(*args, env=env)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("usage: mutuality-desktop") and "error:" in lines[-1]
    assert "Traceback" not in result.stderr


def test_unknown_option_of_a_command_is_refused():
    result = cli("check", "--frobnicate", "x.mutuality")
    assert result.returncode == 2 and "usage:" in result.stderr


def test_json_new_apply_history_round_trip(demo_file, tmp_path):
    import hashlib
    import json

    out = tmp_path / "demo.json"
    assert cli("json", str(demo_file), "-o", str(out)).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"format", "version", "engagement", "rounds", "participants", "actions"} <= set(data)
    to_screen = cli("json", str(demo_file))
    assert to_screen.returncode == 0 and json.loads(to_screen.stdout) == data
    copy = tmp_path / "copy.mutuality"
    made = cli("new", "--from-json", str(out), "-o", str(copy))
    assert made.returncode == 0, made.stderr
    assert json.loads(cli("json", str(copy)).stdout) == data  # same identities and content
    factor = data["rounds"][0]["scores"][0]["factor"]
    label = data["rounds"][0]["label"]
    ops = tmp_path / "ops.json"
    ops.write_text(json.dumps([
        {"op": "set_score", "round": label, "factor": factor, "perspective": "agreed", "level": 5},
        {"op": "set_notes", "round": label, "factor": factor, "perspective": "agreed", "notes": "Seen"},
        {"op": "add_action", "factor": factor, "text": "Write it down", "owner": "Ann", "side": "joint",
         "due": "2026-12-31"},
    ]))
    applied = cli("apply", str(copy), str(ops), "--author", "Andrea Price")
    assert applied.returncode == 0, applied.stderr
    history = cli("history", str(copy))
    assert history.returncode == 0
    lines = [line for line in history.stdout.splitlines() if "Andrea Price" in line]
    assert len(lines) == 3 and " to 5 on " in lines[0] and "Write it down" in lines[2]
    assert lines[0].startswith("Andrea Price set the agreed level for ")
    newest = cli("history", str(copy), "--newest-first")  # as Edit → History… lists them
    assert newest.returncode == 0 and newest.stdout.splitlines() == history.stdout.splitlines()[::-1]
    assert "Write it down" in newest.stdout.splitlines()[0]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([
        {"op": "set_score", "round": label, "factor": factor, "perspective": "agreed", "level": 1},
        {"op": "set_score", "round": label, "factor": factor, "perspective": "agreed", "level": 99}]))
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    refused = cli("apply", str(copy), str(bad))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().splitlines() == [
        "Operation 2 (set_score) was refused: Level 99 is outside the scale (0 to 5). Nothing was changed."]
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before
    exists = cli("new", "--from-json", str(out), "-o", str(copy))
    assert exists.returncode == 1 and "already exists" in exists.stderr


def test_check_says_not_agreed_left_out_and_not_applicable_apart(tmp_path, demo_file):
    """The one-line summary counts as the window does: a factor the room could not agree is
    "not agreed by the room", a factor marked not applicable is not called "left out"."""
    from mutuality_desktop.core import operations as ops
    from mutuality_desktop.core.engagement import Engagement

    path = tmp_path / "counts.mutuality"
    shutil.copyfile(demo_file, path)  # the demo `mutuality-desktop demo` wrote
    with Engagement.open(path) as eng:
        rnd = eng.rounds()[-1]
        f = "joint-communications-strategy"
        eng.set_score(rnd.id, f, "client", 3)
        eng.set_score(rnd.id, f, "provider", 1)
        eng.set_score(rnd.id, f, "agreed", None)
        eng.set_notes(rnd.id, f, "agreed", "Not agreed: council at 3, provider at 1.")
        eng.apply(ops.SetNotApplicable(rnd.uuid, "joint-exit-strategy", "Shared service under statute"))
    line = cli("check", str(path)).stdout
    assert "Follow-up 37/39 agreed, 2 not agreed by the room (6 of 6 dimensions, 1 not applicable)" in line  # the demo has one
    assert "left out" not in line
