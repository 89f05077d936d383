"""`mutuality-desktop history FILE | head`: a reader that has gone ends the command quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _run_into_closed_pipe(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader (head) has already gone: the first write fails
    try:
        return subprocess.run([sys.executable, "-m", "mutuality_desktop", *args],
                              stdout=write_end, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write_end)


@pytest.mark.parametrize("command", [["history"], ["json"], ["check"], ["csv", "-o", "OUT"]])
def test_a_closed_pipe_ends_quietly(demo_path: Path, tmp_path: Path, command: list[str]) -> None:
    args = [command[0], str(demo_path), *(str(tmp_path / "out.csv") if a == "OUT" else a
                                          for a in command[1:])]
    done = _run_into_closed_pipe(args)
    assert done.stderr.decode() == ""  # not "The file could not be written: Broken pipe."
    assert done.returncode == 141  # as a Unix tool stopped by SIGPIPE reports in the shell


def test_an_open_pipe_still_gets_everything(demo_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "mutuality_desktop", "history", str(demo_path)],
                          capture_output=True, timeout=120)
    assert done.returncode == 0 and done.stderr == b""
    assert len(done.stdout.splitlines()) > 10
