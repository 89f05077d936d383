"""A round's scope: the default rule, the set_scope operation, undo, JSON, the CLI, old and hostile files."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

import pytest

from mutuality_desktop.cli import run
from mutuality_desktop.core import operations as ops
from mutuality_desktop.core import store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import DamagedFileError, ValidationError
from mutuality_desktop.core.jsonio import create_from_json, engagement_json
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.opsjson import apply_json_operations
from mutuality_desktop.core.report import collect_report_data
from mutuality_desktop.core.report import rows as R

sys.path.insert(0, str(Path(__file__).parent))
from hostile_files import raw_edit  # noqa: E402

INFO = EngagementInfo("Review", "Council", "Provider Ltd", workshop_date=dt.date(2026, 3, 1))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "s.mutuality"
    with Engagement.create(p, INFO):
        pass
    return p


def test_a_new_round_covers_mutuality_and_a_scored_dimension_joins_by_default(path: Path) -> None:
    with Engagement.open(path) as e:
        rid = e.rounds()[0].id
        assert e.scope(rid) == ("mutuality",) and e.chosen_scope(rid) == ()
        e.set_score(rid, "price-benchmarking", "agreed", 3)
        e.set_score(rid, "joint-objective-setting", "agreed", 2)
        assert e.scope(rid) == ("mutuality", "economy")


def test_set_scope_is_an_operation_with_history_and_an_exact_undo(path: Path) -> None:
    with Engagement.open(path) as e:
        rnd = e.rounds()[0]
        change = e.apply(ops.SetScope(rnd.uuid, ("economy", "mutuality")))
        assert e.scope(rnd.id) == ("mutuality", "economy"), "kept in workshop order"
        assert change.before == [] and change.after == ["mutuality", "economy"]
        entry = e.history()[-1]
        assert entry.op == "set_scope" and entry.after == ["mutuality", "economy"]
        e.apply(change.inverse)
        assert e.chosen_scope(rnd.id) == () and e.scope(rnd.id) == ("mutuality",)
        with pytest.raises(ValidationError, match="Unknown dimension 'finance'"):
            e.set_scope(rnd.id, ["finance"])
        assert e.chosen_scope(rnd.id) == ()


def test_removing_a_round_and_undoing_it_keeps_its_scope(path: Path) -> None:
    with Engagement.open(path) as e:
        follow = e.add_round("Follow-up")
        e.set_scope(follow.id, ["mutuality", "efficiency"])
        removed = e.remove_round(follow.id)
        restored = e.restore_round(removed)
        assert e.chosen_scope(restored.id) == ("mutuality", "efficiency")


def test_scope_travels_through_json_and_json_operations(path: Path, tmp_path: Path) -> None:
    with Engagement.open(path) as e:
        apply_json_operations(e, [{"op": "set_scope", "round": "Baseline",
                                   "dimensions": ["mutuality", "strategic-value"]}])
        data = engagement_json(e)
        with pytest.raises(ValidationError, match="Operation 1 \\(set_scope\\) was refused"):
            apply_json_operations(e, [{"op": "set_scope", "round": "Baseline", "dimensions": "all"}])
    assert data["rounds"][0]["scope"] == ["mutuality", "strategic-value"]
    with create_from_json(data, tmp_path / "copy.mutuality") as copy:
        assert copy.chosen_scope(copy.rounds()[0].id) == ("mutuality", "strategic-value")


def test_a_format_3_file_is_migrated_with_no_scope_rows(path: Path) -> None:
    with Engagement.open(path) as e:
        e.set_score(e.rounds()[0].id, "outcome-definition", "client", 2)
    raw_edit(path, "DROP TABLE round_scope", "DROP TABLE participant_contact", "DROP TABLE engagement_context",
             "DROP TABLE round_excluded_factor", "DROP TABLE parking_item",
             "DROP TABLE agenda", "DROP TABLE agenda_break", "DROP TABLE agenda_dimension", "DROP TABLE not_applicable",
             "DROP TABLE framework_archive", "DROP TABLE round_framework",  # format 6's
             "PRAGMA user_version=3")
    assert store.inspect(path).user_version == 3
    with Engagement.open(path) as e:
        assert e.scope(e.rounds()[0].id) == ("effectiveness",)
    assert store.inspect(path).user_version == store.SCHEMA_VERSION == 6


def test_a_received_scope_naming_an_unknown_dimension_is_refused(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        rid = conn.execute('SELECT id FROM "round"').fetchone()[0]
    raw_edit(path, "INSERT INTO round_scope (uuid, round_id, dimension_id) VALUES "
             f"('0c7e6a52-1f0b-4c39-9d55-7b0f3a1e2d44', {rid}, 'finance')")
    with pytest.raises(DamagedFileError, match="scope names a dimension"):
        Engagement.open(path, readonly=True)


def test_check_counts_progress_over_the_round_scope(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", str(path)]) == 0
    assert "Baseline 0/15 agreed (1 of 6 dimensions)" in capsys.readouterr().out


def test_the_cli_shows_and_sets_a_round_scope(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["scope", str(path)]) == 0
    assert "Baseline: Mutuality (mutuality) [default" in capsys.readouterr().out
    assert run(["scope", str(path), "--round", "Baseline", "--dimensions", "mutuality,economy"]) == 0
    assert "Mutuality (mutuality), Economy (economy) [chosen]" in capsys.readouterr().out
    assert run(["scope", str(path), "--dimensions", "nope"]) == 1
    assert "Unknown dimension 'nope'" in capsys.readouterr().err
    assert run(["scope", str(path), "--dimensions", "default"]) == 0
    assert "[default" in capsys.readouterr().out


def test_the_report_counts_coverage_over_the_round_scope(path: Path) -> None:
    with Engagement.open(path) as e:
        rid = e.rounds()[0].id
        e.set_scope(rid, ["mutuality", "economy"])
        for f in e.framework.dimension("mutuality").factors[:10]:
            e.set_score(rid, f.id, "agreed", 3)
        data = collect_report_data(e)
    cover = R.key_figures(data)[2]
    assert (cover.value, cover.unit) == ("10", "of 20")
    economy = next(d for d in R.dimension_rows(data.framework, data.scores) if d.name == "Economy")
    assert not economy.in_round, "in scope but nothing scored: one line, not a section"


def test_the_csv_lists_the_factors_of_each_round_scope_and_of_anything_scored(path: Path) -> None:
    from mutuality_desktop.core.snapshot import take_snapshot
    from mutuality_desktop.core.tables import score_rows

    with Engagement.open(path) as e:
        rid = e.rounds()[0].id
        assert len(score_rows(take_snapshot(e))) == 15, "a new round: Mutuality only"
        e.set_scope(rid, ["economy"])
        e.set_score(rid, "joint-objective-setting", "agreed", 3)  # scored outside the scope: kept
        rows = score_rows(take_snapshot(e))
    assert len(rows) == 15 + 5 and {r[2] for r in rows} == {"Mutuality", "Economy"}


def test_dimension_counts_leave_out_left_out_and_not_applicable_factors(tmp_path) -> None:
    """What the factor list's headings show ("MUTUALITY 1/13"): the round's factors only."""
    import datetime as dt

    from mutuality_desktop.core import operations as ops
    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.model import EngagementInfo
    from mutuality_desktop.core.scope import dimension_counts

    with Engagement.create(tmp_path / "c.mutuality", EngagementInfo(
            title="t", client_organisation="a", provider_organisation="b",
            workshop_date=dt.date(2026, 3, 1))) as eng:
        rnd = eng.rounds()[0]
        uuid = eng.round_uuid(rnd.id)
        eng.apply(ops.SetScope(uuid, ("mutuality", "economy")))
        eng.apply(ops.SetExcludedFactors(uuid, ("joint-exit-strategy", "inflation-and-indexation-control")))
        eng.apply(ops.SetScore(uuid, "joint-objective-setting", "agreed", 3))
        eng.apply(ops.SetNotApplicable(uuid, "joint-knowledge-management-strategy", "No shared systems"))
        counts = dimension_counts(eng.framework, eng.scores(rnd.id), eng.scope(rnd.id),
                                  eng.excluded_factors(rnd.id))
    assert counts == {"mutuality": (1, 13), "economy": (0, 4)}
