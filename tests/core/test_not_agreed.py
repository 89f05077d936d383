"""A factor the room could not agree reads "Not agreed" in the CSV, with both sides' levels (guide 2.1)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from mutuality_desktop.core.agreement import not_agreed
from mutuality_desktop.core.engagement import Engagement

from .conftest import INFO, run_cli

NOTE = ("Not agreed. The council holds Level 3: the protocol was kept for every planned statement. "
        "The provider holds Level 1: the August statement reached it after the press.")


def _cli(*args: str) -> None:
    run_cli(*args)


def test_a_disputed_factor_is_not_agreed_in_the_csv_and_a_pre_scored_one_is_not_assessed(tmp_path: Path):
    path = tmp_path / "dispute.mutuality"
    Engagement.create(path, INFO).close()
    ops = [
        {"op": "set_score", "round": "Baseline", "factor": "joint-communications-strategy",
         "perspective": "client", "level": 3},
        {"op": "set_score", "round": "Baseline", "factor": "joint-communications-strategy",
         "perspective": "provider", "level": 1},
        {"op": "set_notes", "round": "Baseline", "factor": "joint-communications-strategy",
         "perspective": "agreed", "notes": NOTE},
        # pre-scores only: the room has not reached this factor
        {"op": "set_score", "round": "Baseline", "factor": "joint-exit-strategy", "perspective": "client", "level": 2},
        {"op": "set_score", "round": "Baseline", "factor": "joint-exit-strategy", "perspective": "provider", "level": 1},
    ]
    (tmp_path / "ops.json").write_text(json.dumps(ops), encoding="utf-8")
    _cli("apply", str(path), str(tmp_path / "ops.json"))
    _cli("csv", str(path), "-o", str(tmp_path / "scores.csv"))
    with (tmp_path / "scores.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = {r["Factor"]: r for r in csv.DictReader(fh)}
    comms = rows["Joint communications strategy"]
    assert (comms["Client level"], comms["Provider level"], comms["Agreed level"]) == ("3", "1", "")
    assert comms["Agreed level name"] == "Not agreed"
    assert comms["Gap (client minus provider)"] == "2" and comms["Agreed notes"] == NOTE
    exit_ = rows["Joint exit strategy"]
    assert (exit_["Agreed level"], exit_["Agreed level name"]) == ("", "Not assessed")


def test_not_agreed_needs_both_sides_no_agreed_level_and_a_note():
    assert not_agreed(3, 1, None, "Not agreed: see the media log")
    assert not not_agreed(3, 1, None, "  ")
    assert not not_agreed(3, None, None, "Not agreed")
    assert not not_agreed(3, 1, 2, "Agreed at 2")
