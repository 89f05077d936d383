"""Scores and actions as CSV: what a spreadsheet opens, safe from formula injection."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.tables import ACTION_COLUMNS, SCORE_COLUMNS, safe_cell, write_csv


def read(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the mark
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def test_every_factor_of_every_round_with_its_levels_and_notes(tmp_path: Path, demo_path: Path) -> None:
    with Engagement.open(demo_path) as eng:
        assert write_csv(eng, tmp_path / "scores.csv") == 2 * len(eng.framework.factors)
        rows = read(tmp_path / "scores.csv")
        follow_up = eng.rounds()[-1]
        scores = eng.scores(follow_up.id)
        fw = eng.framework
    assert list(rows[0]) == list(SCORE_COLUMNS)
    first = fw.workshop_order()[0].factors[0]
    row = next(r for r in rows if r["Round"] == follow_up.label and r["Factor"] == first.name)
    agreed = scores[(first.id, "agreed")]
    assert row["Agreed level"] == str(agreed.level) and row["Agreed notes"] == agreed.notes
    assert row["Agreed level name"] == fw.scale.name_of(agreed.level)
    client, provider = scores[(first.id, "client")].level, scores[(first.id, "provider")].level
    assert row["Gap (client minus provider)"] == str(client - provider)
    assert rows[0]["Dimension"] == "Mutuality"  # workshop order, Mutuality first


def test_actions_are_numbered_as_the_report_numbers_them(tmp_path: Path, demo_path: Path) -> None:
    with Engagement.open(demo_path) as eng:
        write_csv(eng, tmp_path / "actions.csv", "actions")
        texts = {a.text for a in eng.actions()}
    rows = read(tmp_path / "actions.csv")
    assert list(rows[0]) == list(ACTION_COLUMNS)
    assert [r["Number"] for r in rows] == [str(n) for n in range(1, len(rows) + 1)]
    assert {r["Action"] for r in rows} == texts


def test_hostile_text_cannot_run_as_a_formula_and_unicode_survives(tmp_path: Path) -> None:
    info = EngagementInfo("Adolygiad Łódź Ελλάδα", "Cyngor", "Provider", workshop_date=dt.date(2026, 3, 1))
    with Engagement.create(tmp_path / "e.mutuality", info) as eng:
        rid = eng.rounds()[0].id
        factor = eng.framework.factors[0].id
        eng.set_score(rid, factor, "agreed", 2)
        eng.set_notes(rid, factor, "agreed", '=HYPERLINK("http://evil","click") and Siân’s note')
        eng.add_action(factor, "+cmd|' /C calc'!A0", "@owner", "joint")
        eng.update_round(rid, label="-2+3")
        write_csv(eng, tmp_path / "s.csv")
        write_csv(eng, tmp_path / "a.csv", "actions")
    scores, actions = read(tmp_path / "s.csv"), read(tmp_path / "a.csv")
    row = next(r for r in scores if r["Agreed level"] == "2")
    assert row["Agreed notes"].startswith("'=HYPERLINK") and "Siân’s" in row["Agreed notes"]
    assert row["Round"] == "'-2+3"
    assert actions[0]["Action"].startswith("'+cmd") and actions[0]["Owner"] == "'@owner"
    assert safe_cell(-2) == "-2" and safe_cell("-0.5") == "-0.5"  # numbers stay numbers


def test_an_unwritable_target_is_a_clear_error(tmp_path: Path, demo_path: Path) -> None:
    from mutuality_desktop.core.errors import EngagementFileError

    with Engagement.open(demo_path) as eng, pytest.raises(EngagementFileError):
        write_csv(eng, tmp_path / "missing folder" / "s.csv")


def test_the_cli_writes_both_tables(tmp_path: Path, demo_path: Path) -> None:
    demo = demo_path
    for extra, name in (([], "s.csv"), (["--actions"], "a.csv")):
        out = subprocess.run([sys.executable, "-m", "mutuality_desktop", "csv", str(demo), "-o",
                              str(tmp_path / name), *extra], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        assert read(tmp_path / name)


def test_the_entry_point_knows_every_cli_command() -> None:
    from mutuality_desktop.app import SUBCOMMANDS
    from mutuality_desktop.cli import COMMANDS

    assert set(COMMANDS) == SUBCOMMANDS
