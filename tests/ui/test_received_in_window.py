"""Hostile received files opened in the window: one sentence in the banner, nothing else happens.

The GUI open of issue 14: a crafted super-journal deletes nothing, a pipe does not hang the
window, values the app never writes are explained, side files leave the file read-only, and the
app's own interrupted file is recovered.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).parents[1] / "core"))
from hostile_files import (  # noqa: E402
    digest,
    hot_pair,
    name_super_journal,
    raw_edit,
    wal_pair,
)
from test_value_fuzz import EDITS, GUIDE, _mutate  # noqa: E402


def test_a_crafted_super_journal_is_refused_and_deletes_nothing(window, blank_path, tmp_path):
    victim = tmp_path / "keep" / "budget.xlsx"
    victim.parent.mkdir()
    victim.write_bytes(b"numbers")
    received = hot_pair(blank_path, tmp_path / "downloads", change="UPDATE engagement SET title = 'x'")
    name_super_journal(received, victim)
    assert window.open_path(received) is False
    assert victim.read_bytes() == b"numbers"
    assert "journal file beside it" in window.banner.label.text()
    assert sorted(p.name for p in received.parent.iterdir()) == [
        "received.mutuality", "received.mutuality-journal"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_does_not_hang_the_window(window, tmp_path):
    pipe = tmp_path / "pipe.mutuality"
    os.mkfifo(pipe)
    started = time.perf_counter()
    assert window.open_path(pipe) is False
    assert time.perf_counter() - started < 5
    assert window.banner.label.text() == "pipe.mutuality is a pipe, not an engagement file."


def test_a_level_off_the_scale_is_explained(window, blank_path):
    raw_edit(blank_path, "INSERT INTO score (uuid, round_id, factor_id, perspective, level, notes, "
             "updated_at) VALUES ('u-score', 1, 'joint-exit-strategy', 'agreed', 17, '', '2026-01-01')")
    assert window.open_path(blank_path) is False
    assert "outside the scoring scale" in window.banner.label.text()


def test_side_files_from_elsewhere_open_read_only(window, blank_path, tmp_path):
    received = wal_pair(blank_path, tmp_path / "share")
    before = {p.name: digest(p) for p in received.parent.iterdir()}
    assert window.open_path(received) is True
    assert window.doc.readonly
    assert window.doc.engagement.info().facilitator != "only in the wal"
    window.close_document()
    assert {p.name: digest(p) for p in received.parent.iterdir()} == before


def test_the_apps_own_interrupted_file_is_recovered(window, blank_path, tmp_path):
    received = hot_pair(blank_path, tmp_path / "laptop", change="UPDATE engagement SET title = 'x'")
    assert window.open_path(received) is True
    assert not window.doc.readonly
    assert not Path(str(received) + "-journal").exists()


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=EDITS, guide=GUIDE)
def test_fuzzed_values_open_in_the_window_or_are_explained(window, demo_path, tmp_path, edits,
                                                           guide):
    folder = tmp_path / f"case-{time.monotonic_ns()}"
    folder.mkdir()
    path = folder / "fuzzed.mutuality"
    shutil.copyfile(demo_path, path)
    _mutate(path, edits, guide, None)
    started = time.perf_counter()
    opened = window.open_path(path)
    assert time.perf_counter() - started < 10
    if opened:
        for page in ("Setup", "Walkthrough", "Results"):
            window.show_page(page)
        assert window.close_document()
    else:
        text = window.banner.label.text()
        assert text and "Traceback" not in text and "Something went wrong" not in text
