"""Crashes and hostile bytes: SIGKILL mid-write loses nothing acknowledged; fuzzed files fail cleanly."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuality_desktop.core import store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import MutualityError
from mutuality_desktop.core.exchange import export_file, verify_checksum

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from mutuality_desktop.core.engagement import Engagement, load_orm
    load_orm()  # the ORM loads on the first edit: load it before READY, so kills land in scoring
    e = Engagement.open(Path(sys.argv[1]))
    rid = e.rounds()[0].id
    factors = [f.id for f in e.framework.factors]
    start = int(sys.argv[2])
    print("READY", flush=True)
    n = start
    while True:
        f = factors[n % len(factors)]
        e.set_score(rid, f, "client", n % 6)
        e.set_notes(rid, f, "client", str(n))
        print(n, flush=True)
        n += 1
""")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_sigkill_while_scoring_never_loses_an_acknowledged_score(tmp_path, closed_file):
    rng = random.Random(20261124)
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    counter = 0
    expected: dict[int, set[tuple[int | None, int | None]]] = {}  # factor index → allowed states
    for _run in range(20):
        proc = subprocess.Popen([sys.executable, str(script), str(closed_file), str(counter)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "READY"
        time.sleep(rng.uniform(0.02, 0.4))
        os.kill(proc.pid, signal.SIGKILL)
        acked = [int(line) for line in proc.stdout.read().split() if line.isdigit()]
        proc.wait()
        with Engagement.open(closed_file) as e:  # rolls back the hot journal; never delete it
            assert e.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            factors = [f.id for f in e.framework.factors]
            for n in acked:
                expected[n % len(factors)] = {(n, n % 6)}
            # Each iteration commits the level, then the note: the write in flight at the kill
            # may have landed neither, the level only, or both.
            flight = (acked[-1] + 1) if acked else counter
            idx = flight % len(factors)
            before = expected.get(idx, {(None, None)})
            expected[idx] = before | {(note, flight % 6) for note, _ in before} | {(flight, flight % 6)}
            scores = e.scores(e.rounds()[0].id)
            for i, states in expected.items():
                s = scores.get((factors[i], "client"))
                state = (int(s.notes) if s and s.notes else None, s.level if s else None)
                assert state in states, (i, state, states, acked[-3:])
                expected[i] = {state}
        counter = flight + 1
    assert len(expected) >= 40


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    from .conftest import INFO

    folder = tmp_path_factory.mktemp("fuzz")
    src = folder / "src.mutuality"
    with Engagement.create(src, INFO) as e:
        rid = e.rounds()[0].id
        for i, f in enumerate(e.framework.factors[:20]):
            e.set_score(rid, f.id, "agreed", i % 6)
            e.set_notes(rid, f.id, "agreed", f"Evidence for {f.name}: minutes of May & June.")
        e.add_participant("Zoë Hart", "Chief Executive", "client")
    out = folder / "export.mutuality"
    export_file(src, out)
    return out


def _open_everything(path: Path) -> None:
    with Engagement.open(path, readonly=True) as e:
        verify_checksum(e.connection, path.name)
        e.info()
        for r in e.rounds():
            e.scores(r.id)
            e.participant_scores(r.id)
        e.participants()
        e.actions()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzed_files_give_only_our_typed_error(tmp_path, exported, data):
    original = exported.read_bytes()
    raw = bytearray(original)
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(raw) - 1), st.integers(0, 255)),
                               min_size=1, max_size=8))
    for offset, value in flips:
        raw[offset] = value
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    path = tmp_path / f"fuzz-{os.getpid()}-{time.monotonic_ns()}.mutuality"
    path.write_bytes(bytes(raw))
    before = bytes(raw)
    try:
        _open_everything(path)
    except MutualityError as exc:
        assert str(exc) and "\n" not in str(exc)
    assert path.read_bytes() == before
    path.unlink()
    for side in store.sidecar_files(path):
        side.unlink()


def test_flipped_byte_inside_a_note_is_caught_by_the_checksum(tmp_path, exported):
    raw = bytearray(exported.read_bytes())
    at = raw.find(b"minutes of May")
    raw[at] = ord("M")
    path = tmp_path / "flipped.mutuality"
    path.write_bytes(bytes(raw))
    with pytest.raises(MutualityError, match="checksum"):
        _open_everything(path)


def test_hot_journal_left_by_a_crash_is_rolled_back_on_open(tmp_path, closed_file):
    copy = tmp_path / "copy.mutuality"
    shutil.copy(closed_file, copy)
    assert store.inspect(copy).user_version == store.SCHEMA_VERSION
