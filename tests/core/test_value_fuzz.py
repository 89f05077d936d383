"""A fuzz of VALUES (not bytes): any value in any column, any JSON in the scoring guide or the
branding, through the engagement open path and every headless command.

Only the app's typed errors may come out, nothing may hang (10 s per example), and the file
is never changed. Issue 14: "a fuzz of values (not only bytes) through every command and the
GUI open" — the GUI open is Engagement.open plus the reads every page makes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuality_desktop.core import exchange
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import MutualityError
from mutuality_desktop.core.report import build_report_file
from mutuality_desktop.core.summary import summarise
from mutuality_desktop.core.tables import write_csv

sys.path.insert(0, str(Path(__file__).parent))
from hostile_files import digest  # noqa: E402

COLUMNS = {
    "engagement": ("uuid", "title", "client_organisation", "contract_annual_value",
                   "contract_start", "contract_end", "workshop_date", "created_at"),
    "participant": ("name", "role", "side", "position"),
    "round": ("label", "date", "position", "id"),
    "score": ("round_id", "factor_id", "perspective", "level", "notes", "confidence",
              "updated_at"),
    "participant_score": ("level", "factor_id", "comment"),
    "action": ("round_id", "factor_id", "text", "owner", "side", "due_date", "status",
               "position"),
    "file_meta": ("key", "value"),
}
NEAR_VALID = st.sampled_from(["", "0", "3", "agreed", "client", "joint", "done", "2026-02-30",
                               "9999-12-31", "-1", "\x00", "' OR 1=1 --", "\u202e", "NaN",
                               "1e309", "2026-03-12", "x" * 300])
SCALARS = st.one_of(  # near-valid values weighted up: they reach furthest into the app
    st.integers(-3, 8), st.integers(-3, 8), st.integers(-3, 8), NEAR_VALID, NEAR_VALID,
    st.none(), st.booleans(), st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40), st.binary(max_size=40),
)
JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.text(max_size=20)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12,
)
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture(scope="module")
def master(tmp_path_factory, demo_master: Path) -> Path:
    path = tmp_path_factory.mktemp("values") / "demo.mutuality"
    shutil.copyfile(demo_master, path)
    return path


def _mutate(path: Path, edits: list[tuple[str, str, Any]], guide: tuple[list[Any], Any] | None,
            brand: Any) -> bool:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("PRAGMA ignore_check_constraints=ON")
    try:
        for table, column, value in edits:
            # NOT NULL, UNIQUE and PRIMARY KEY hold even in a hostile tool's hands
            with contextlib.suppress(sqlite3.IntegrityError, OverflowError):
                conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = '
                             f'(SELECT max(rowid) FROM "{table}")', (value,))
        if guide is not None:
            content = conn.execute("SELECT content FROM framework_snapshot").fetchone()[0]
            raw = json.loads(content)
            keys, value = guide
            node: Any = raw
            for depth, key in enumerate(keys):
                index = key % len(node) if isinstance(node, list) else sorted(node)[key % len(node)]
                child = node[index]
                last = depth == len(keys) - 1
                if last or not isinstance(child, list | dict) or not child:
                    node[index] = value
                    break
                node = child
            text = json.dumps(raw)
            conn.execute("UPDATE framework_snapshot SET content = ?, sha256 = ?",
                         (text, hashlib.sha256(text.encode()).hexdigest()))
        if brand is not None:
            conn.execute("INSERT OR REPLACE INTO branding (id, content, updated_at) VALUES "
                         "(1, ?, '2026-01-01')", (json.dumps(brand),))
    finally:
        conn.close()
    return True


EDITS = st.lists(st.sampled_from([(t, c) for t, cs in COLUMNS.items() for c in cs])
                 .flatmap(lambda tc: SCALARS.map(lambda v: (tc[0], tc[1], v))),
                 min_size=0, max_size=6)
GUIDE = st.none() | st.tuples(st.lists(st.integers(0, 50), min_size=1, max_size=4), JSON)
BRAND = st.none() | JSON | st.fixed_dictionaries(
    {"logos": st.fixed_dictionaries({"logo": st.fixed_dictionaries(
        {"path": st.sampled_from(["/dev/zero", "/etc/passwd", "C:\\x.png"]),
         "data": st.text(max_size=30)})}), "primary_colour": JSON})


def _read_everything(path: Path, out: Path) -> None:
    with Engagement.open(path, readonly=True) as e:  # what the window's pages read
        e.info()
        e.participants()
        e.actions()
        for rnd in e.rounds():
            e.scores(rnd.id)
            e.participant_scores(rnd.id)
        e.branding_json()
        write_csv(e, out / "scores.csv", "scores")
        write_csv(e, out / "actions.csv", "actions")
    summarise(path)
    exchange.export_file(path, out / "export.mutuality")


def _case(tmp_path: Path, master: Path) -> tuple[Path, Path]:
    folder = tmp_path / f"case-{time.monotonic_ns()}"
    folder.mkdir()
    path = folder / "fuzzed.mutuality"
    shutil.copyfile(master, path)
    return path, folder


@FUZZ
@given(edits=EDITS, guide=GUIDE)
def test_fuzzed_values_open_and_pass_through_every_reader_or_give_a_typed_error(
        tmp_path, master, edits, guide):
    path, folder = _case(tmp_path, master)
    _mutate(path, edits, guide, None)
    before = digest(path)
    started = time.perf_counter()
    try:
        _read_everything(path, folder)
    except MutualityError as exc:
        assert str(exc) and "\n" not in str(exc) and "Traceback" not in str(exc)
    assert time.perf_counter() - started < 10
    assert digest(path) == before
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith("fuzzed")) == [
        "fuzzed.mutuality"]
    shutil.rmtree(folder)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=EDITS, brand=BRAND)
def test_fuzzed_values_and_branding_through_the_report(tmp_path, master, edits, brand):
    path, folder = _case(tmp_path, master)
    _mutate(path, edits, None, brand)
    started = time.perf_counter()
    try:
        warnings = build_report_file(path, folder / "report.pdf")
        assert all("\n" not in w for w in warnings)
    except MutualityError as exc:
        assert str(exc) and "\n" not in str(exc)
    assert time.perf_counter() - started < 10
    shutil.rmtree(folder)
