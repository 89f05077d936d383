"""A received file's side files, special files and links can never act on this laptop.

Classes 1, 7 (pipes), 8, 9 and 10 (WAL) of issue 14: a crafted super-journal never deletes
anything, `-wal`/`-shm` are never used or created, the app's own interrupted file is still
recovered, pipes and devices are refused at once, and locks and backups follow the real file.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mutuality_desktop.core import backups, store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import DamagedFileError, NotOurFileError
from mutuality_desktop.core.exchange import export_file
from mutuality_desktop.core.summary import summarise

sys.path.insert(0, str(Path(__file__).parent))
from hostile_files import digest, hot_pair, name_super_journal, wal_pair  # noqa: E402

NOTE = ("joint-objective-setting", "agreed")


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / "thesis.txt"
    path.parent.mkdir()
    path.write_text("Three years of work")
    return path


@pytest.fixture
def booby_trapped(tmp_path: Path, closed_file: Path, victim: Path) -> Path:
    """A received file whose journal names the victim as its super-journal."""
    received = hot_pair(closed_file, tmp_path / "downloads")
    name_super_journal(received, victim)
    return received


def test_the_crafted_journal_really_deletes_the_victim_under_plain_sqlite(
        tmp_path, closed_file, victim):
    """Guards the test itself: without the app's care, opening the file deletes the victim."""
    received = hot_pair(closed_file, tmp_path / "plain")
    name_super_journal(received, victim)
    conn = sqlite3.connect(received)
    conn.execute("SELECT count(*) FROM score").fetchone()
    conn.close()
    assert not victim.exists()


OPENERS = {
    "check": summarise,
    "inspect": store.inspect,
    "open to read": lambda p: Engagement.open(p, readonly=True).close(),
    "open to edit": lambda p: Engagement.open(p).close(),
    "export": lambda p: export_file(p, p.with_name("copy.mutuality")),
}


@pytest.mark.parametrize("how", sorted(OPENERS))
def test_a_journal_naming_a_super_journal_is_refused_and_deletes_nothing(booby_trapped, victim,
                                                                          how):
    journal = Path(str(booby_trapped) + "-journal")
    before = (digest(booby_trapped), digest(journal))
    with pytest.raises(NotOurFileError, match="journal file beside it") as err:
        OPENERS[how](booby_trapped)
    assert victim.read_text() == "Three years of work"
    assert (digest(booby_trapped), digest(journal)) == before
    assert sorted(p.name for p in booby_trapped.parent.iterdir()) == [
        "received.mutuality", "received.mutuality-journal"]
    assert "\n" not in str(err.value)


def test_an_interrupted_file_is_checked_on_a_private_copy_and_left_as_it_was(tmp_path,
                                                                            closed_file):
    received = hot_pair(closed_file, tmp_path / "laptop")
    journal = Path(str(received) + "-journal")
    before = (digest(received), digest(journal))
    assert summarise(received).startswith("OK received.mutuality")
    with Engagement.open(received, readonly=True) as e:  # what report, csv and export read
        assert e.scores(e.rounds()[0].id)[NOTE].notes == "Joint plan seen."
    export_file(received, tmp_path / "copy.mutuality")
    with Engagement.open(tmp_path / "copy.mutuality", readonly=True) as e:
        assert e.scores(e.rounds()[0].id)[NOTE].notes == "Joint plan seen."
    assert (digest(received), digest(journal)) == before  # commands never recover in place


def test_the_apps_own_interrupted_file_is_recovered_when_opened_to_edit(tmp_path, closed_file):
    received = hot_pair(closed_file, tmp_path / "laptop")
    with Engagement.open(received) as e:
        assert not e.readonly
        assert e.scores(e.rounds()[0].id)[NOTE].notes == "Joint plan seen."
    assert not Path(str(received) + "-journal").exists()
    assert e.connection is not None


@pytest.mark.parametrize("garble", [
    lambda b: b[:20] + b"\0\0\0\x03" + b[24:],  # a sector size SQLite cannot use
    lambda b: b[:600],  # cut short in transit
    lambda b: b[:28] + b"\xff" * (len(b) - 28),  # noise after the header
])
def test_a_garbled_journal_never_makes_commands_call_the_file_damaged(tmp_path, closed_file,
                                                                      garble):
    received = hot_pair(closed_file, tmp_path / "laptop")
    journal = Path(str(received) + "-journal")
    journal.write_bytes(garble(journal.read_bytes()))
    before = (digest(received), digest(journal))
    assert summarise(received).startswith("OK received.mutuality")
    assert (digest(received), digest(journal)) == before


def test_a_recovery_that_fails_says_open_it_in_the_app(tmp_path, closed_file, monkeypatch):
    received = hot_pair(closed_file, tmp_path / "laptop")
    real_connect = store.connect

    def failing(path, readonly=False):
        if Path(str(path) + "-journal").exists():
            raise sqlite3.OperationalError("disk I/O error")
        return real_connect(path, readonly=readonly)

    monkeypatch.setattr(store, "connect", failing)
    with pytest.raises(DamagedFileError) as err:
        summarise(received)
    assert str(err.value) == ("received.mutuality was being edited when the app stopped; open "
                              "it in the app to recover it.")


def test_a_wal_file_is_read_without_its_side_files_and_none_is_created(tmp_path, closed_file):
    received = wal_pair(closed_file, tmp_path / "share")
    names = sorted(p.name for p in received.parent.iterdir())
    before = {p.name: digest(p) for p in received.parent.iterdir()}
    assert summarise(received).startswith("OK wal.mutuality")
    with Engagement.open(received) as e:
        assert e.readonly and "side files" in e.read_only_reason
        assert e.scores(e.rounds()[0].id)[NOTE].notes == "Joint plan seen."  # not the -wal's
        assert e.info().facilitator != "only in the wal"
    assert sorted(p.name for p in received.parent.iterdir()) == names
    assert {p.name: digest(p) for p in received.parent.iterdir()} == before


def test_a_wal_mode_file_alone_opens_without_creating_side_files(tmp_path, closed_file):
    received = wal_pair(closed_file, tmp_path / "share")
    for suffix in ("-wal", "-shm"):
        Path(str(received) + suffix).unlink()
    before = digest(received)
    assert summarise(received).startswith("OK")
    with Engagement.open(received) as e:
        assert e.readonly
    assert digest(received) == before
    assert sorted(p.name for p in received.parent.iterdir()) == ["wal.mutuality"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_named_like_an_engagement_is_refused_at_once(tmp_path):
    pipe = tmp_path / "pipe.mutuality"
    os.mkfifo(pipe)
    for command in ("check", "csv", "report", "export"):
        args = [sys.executable, "-m", "mutuality_desktop", command, str(pipe)]
        if command != "check":
            args += ["-o", str(tmp_path / f"out.{command}")]
        result = subprocess.run(args, capture_output=True, text=True, timeout=60)
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip() == "pipe.mutuality is a pipe, not an engagement file."


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused_without_reading_it():
    with pytest.raises(NotOurFileError, match="is a device"):
        store.inspect(Path("/dev/zero"))


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symbolic_link_shares_the_real_files_lock(tmp_path, closed_file):
    link = tmp_path / "link.mutuality"
    link.symlink_to(closed_file)
    with Engagement.open(closed_file) as first:
        assert not first.readonly
        with Engagement.open(link) as second:
            assert second.readonly and "open on" in second.read_only_reason
    with Engagement.open(link) as first, Engagement.open(closed_file) as second:
        assert not first.readonly and second.readonly


def test_backups_of_two_copies_of_one_engagement_are_kept_apart(tmp_path, closed_file):
    twin = tmp_path / "twin.mutuality"
    twin.write_bytes(closed_file.read_bytes())
    root = tmp_path / "backups"
    with Engagement.open(closed_file) as e:
        uuid = e.info().uuid
        for _ in range(3):
            backups.take_backup(e, root, keep=3)
    with Engagement.open(twin) as e:
        assert e.info().uuid == uuid
        for _ in range(5):
            backups.take_backup(e, root, keep=3)
    mine = backups.list_backups(root, uuid, closed_file)
    theirs = backups.list_backups(root, uuid, twin)
    assert len(mine) == 3 and len(theirs) == 3
    assert {b.original for b in mine} == {str(closed_file.resolve())}
    assert not {b.path for b in mine} & {b.path for b in theirs}
