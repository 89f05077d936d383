"""Fixtures for core tests: no Qt here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo

INFO = EngagementInfo(
    title="Highways partnership review",
    client_organisation="Northmoor Borough Council",
    provider_organisation="Castleway Services Ltd",
    contract_name="Highways and environmental services",
    contract_reference="NBC/2019/044",
    contract_annual_value=38_400_000,
    contract_start=dt.date(2019, 4, 1),
    contract_end=dt.date(2029, 3, 31),
    facilitator="Andrea Price",
    workshop_date=dt.date(2026, 3, 12),
    workshop_venue="Town Hall, Committee Room 2",
)


@pytest.fixture
def eng(tmp_path: Path):
    e = Engagement.create(tmp_path / "review.mutuality", INFO)
    yield e
    e.close()


@pytest.fixture
def closed_file(tmp_path: Path) -> Path:
    """A small engagement file with a score, a note and an action, closed."""
    path = tmp_path / "closed.mutuality"
    with Engagement.create(path, INFO) as e:
        rid = e.rounds()[0].id
        e.set_score(rid, "joint-objective-setting", "agreed", 3)
        e.set_notes(rid, "joint-objective-setting", "agreed", "Joint plan seen.")
        e.add_participant("Siân Evans", "Director of Place", "client")
        e.add_action("joint-exit-strategy", "Draft the exit plan", "Siân Evans", "joint")
    return path


DATA = Path(__file__).parent / "data"


@pytest.fixture
def format2_file(tmp_path: Path) -> Path:
    """A copy of a real file of format 2 (before UUIDs and history), written by the app then.

    It holds two rounds, scores with notes and confidence, a participant with a return, an
    action and branding.
    """
    import shutil

    path = tmp_path / "format2.mutuality"
    shutil.copyfile(DATA / "format2.mutuality", path)
    return path


@pytest.fixture
def no_memory(monkeypatch):
    """Nothing remembered from earlier open checks in this process (the open-speed tests)."""
    from mutuality_desktop.core import store

    monkeypatch.setattr(store, "_PASSED", [])
    monkeypatch.setattr(store, "_SIZES_SQL", {})


def run_cli(*args: str) -> str:
    """`mutuality-desktop ARGS` run in this process: its standard output; a non-zero exit fails the
    test. For core tests that use a command to make or read a file; each command's own process is
    started in tests/cli and tests/office (a new Python and its imports are a second of processor)."""
    import contextlib
    import io

    from mutuality_desktop.cli import run

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(list(args))
    assert code == 0, f"mutuality-desktop {' '.join(args)} exited {code}: {err.getvalue()}"
    return out.getvalue()
