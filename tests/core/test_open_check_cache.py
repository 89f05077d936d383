"""The received-file check is remembered by content, never by name, size, time or inode."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from mutuality_desktop.core import store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import DamagedFileError


def _same_length_change(path: Path) -> None:
    """Put a level off the scale into the file, keeping its size, time and inode."""
    info = os.stat(path)
    raw = sqlite3.connect(path)
    raw.execute("UPDATE score SET level = 9 WHERE level = 3")
    raw.commit()
    raw.close()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (info.st_size, info.st_mtime_ns, info.st_ino)


def test_a_file_changed_in_place_after_passing_is_checked_again_and_refused(closed_file):
    store.inspect(closed_file)  # passes, and is remembered
    _same_length_change(closed_file)
    with pytest.raises(DamagedFileError) as err:
        Engagement.open(closed_file)
    assert "level outside the scoring scale" in str(err.value)


def test_the_same_contents_under_another_name_are_not_checked_twice(closed_file, tmp_path, monkeypatch):
    store.inspect(closed_file)
    copy = tmp_path / "copy.mutuality"
    shutil.copy(closed_file, copy)
    checked = []
    real = store.verify_connection
    monkeypatch.setattr(store, "verify_connection", lambda *a: checked.append(a) or real(*a))
    with Engagement.open(copy) as e:
        assert e.rounds()[0].label == "Baseline"
    assert checked == []
    _same_length_change(copy)
    with pytest.raises(DamagedFileError):
        store.inspect(copy)
    assert len(checked) == 1
