"""Factor-level scope: factors left out of a round's dimensions, stored (format 5), undone, exported,
and followed by check, the CSV, triage, the pre-work forms and the report's basis."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from mutuality_desktop.cli import run
from mutuality_desktop.core import operations as ops
from mutuality_desktop.core import store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import DamagedFileError, ValidationError
from mutuality_desktop.core.jsonio import create_from_json, engagement_json
from mutuality_desktop.core.opsjson import apply_json_operations
from mutuality_desktop.core.scope import scope_factors
from mutuality_desktop.core.snapshot import take_snapshot
from mutuality_desktop.core.tables import score_rows
from mutuality_desktop.core.triage import triage

sys.path.insert(0, str(Path(__file__).parent))
from hostile_files import raw_edit  # noqa: E402

EXIT = "joint-exit-strategy"
KNOWLEDGE = "joint-knowledge-management-strategy"


def test_leaving_factors_out_is_an_operation_with_history_and_an_exact_undo(eng: Engagement) -> None:
    rnd = eng.rounds()[0]
    change = eng.apply(ops.SetExcludedFactors(rnd.uuid, (EXIT, KNOWLEDGE)))
    assert eng.excluded_factors(rnd.id) == {EXIT, KNOWLEDGE}
    ids = [f.id for f in scope_factors(eng, rnd.id)]
    assert len(ids) == 13 and EXIT not in ids and KNOWLEDGE not in ids
    assert eng.history()[-1].op == "set_excluded_factors"
    eng.apply(change.inverse)
    assert eng.excluded_factors(rnd.id) == frozenset()
    with pytest.raises(ValidationError, match="Unknown factor"):
        eng.set_excluded_factors(rnd.id, ["no-such-factor"])


def test_removing_a_round_and_undoing_it_keeps_its_factors_left_out(eng: Engagement) -> None:
    follow = eng.add_round("Follow-up")
    eng.set_excluded_factors(follow.id, [EXIT])
    inverse = eng.remove_round(follow.id)
    back = eng.restore_round(inverse)
    assert eng.excluded_factors(back.id) == {EXIT}


def test_json_export_import_and_the_json_op_carry_the_factors_left_out(eng: Engagement, tmp_path: Path) -> None:
    rid = eng.rounds()[0].id
    apply_json_operations(eng, [{"op": "set_excluded_factors", "round": "Baseline", "factors": [EXIT]}])
    assert eng.excluded_factors(rid) == {EXIT}
    data = engagement_json(eng)
    assert data["rounds"][0]["excluded_factors"] == [EXIT]
    with create_from_json(data, tmp_path / "copy.mutuality") as copy:
        assert copy.excluded_factors(copy.rounds()[0].id) == {EXIT}


def test_check_csv_and_triage_follow_the_factors_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "f.mutuality"
    from mutuality_desktop.core.model import EngagementInfo

    with Engagement.create(path, EngagementInfo("Review", "Council", "Provider Ltd")) as e:
        pass
    assert run(["scope", str(path), "--exclude-factors", f"{EXIT},{KNOWLEDGE}"]) == 0
    out = capsys.readouterr().out
    assert "Baseline: Mutuality (mutuality) [default: the dimensions scored, else Mutuality]; 13 factors" in out
    assert "Left out: Joint knowledge management strategy (joint-knowledge-management-strategy), " \
           "Joint exit strategy (joint-exit-strategy)" in out
    assert run(["check", str(path)]) == 0
    assert "Baseline 0/13 agreed (1 of 6 dimensions, 2 factors left out)" in capsys.readouterr().out
    with Engagement.open(path) as e:
        rid = e.rounds()[0].id
        assert len(score_rows(take_snapshot(e))) == 13
        assert EXIT not in [i.factor_id for i in triage(e, rid).no_views]
        e.set_score(rid, EXIT, "agreed", 2)  # scored all the same: the CSV keeps it
        assert len(score_rows(take_snapshot(e))) == 14
    assert run(["scope", str(path), "--exclude-factors", "none"]) == 0
    assert "; 15 factors" in capsys.readouterr().out


def test_a_format_4_file_is_upgraded_with_nothing_left_out(closed_file: Path) -> None:
    raw_edit(closed_file, "DROP TABLE round_excluded_factor", "DROP TABLE engagement_context", "DROP TABLE parking_item",
             "DROP TABLE agenda", "DROP TABLE agenda_break", "DROP TABLE agenda_dimension", "DROP TABLE not_applicable",
             "DROP TABLE framework_archive", "DROP TABLE round_framework",  # format 6's
             "PRAGMA user_version=4")
    assert store.inspect(closed_file).user_version == 4
    with Engagement.open(closed_file) as e:
        assert e.excluded_factors(e.rounds()[0].id) == frozenset()
        assert len(scope_factors(e, e.rounds()[0].id)) == 15
    assert store.inspect(closed_file).user_version == store.SCHEMA_VERSION == 6
    assert list(closed_file.parent.glob("closed (format 4 backup *).mutuality"))


def test_a_received_file_leaving_out_an_unknown_factor_is_refused(closed_file: Path) -> None:
    import sqlite3

    with sqlite3.connect(closed_file) as conn:
        rid = conn.execute('SELECT id FROM "round"').fetchone()[0]
    raw_edit(closed_file, "INSERT INTO round_excluded_factor (uuid, round_id, factor_id) VALUES "
             f"('0c7e6a52-1f0b-4c39-9d55-7b0f3a1e2d45', {rid}, 'no-such-factor')")
    with pytest.raises(DamagedFileError, match="not in its scoring guide"):
        Engagement.open(closed_file, readonly=True)


def test_the_report_states_the_factors_left_out_and_counts_coverage_without_them(eng: Engagement,
                                                                                tmp_path: Path) -> None:
    from pypdf import PdfReader

    from mutuality_desktop.core.report import build_report, collect_report_data

    rid = eng.rounds()[0].id
    eng.set_excluded_factors(rid, [EXIT, KNOWLEDGE])
    for f in eng.framework.dimension("mutuality").factors:
        if f.id not in (EXIT, KNOWLEDGE):
            eng.set_score(rid, f.id, "agreed", 3)
    out = tmp_path / "r.pdf"
    build_report(collect_report_data(eng), out)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "covers one of the six value-for-money dimensions, Mutuality." in text
    assert "agreed a level for all 13 factors of this dimension" in text
    assert ("2 factors of this dimension were left out of this round by choice: Joint knowledge "
            "management strategy and Joint exit strategy.") in text
    assert "The 13 mutuality factors of this round" in text
    assert "Joint exit strategy not in this round" in text, "the radar says so, no n/a marker"
    assert text.count("Joint exit strategy") == 2, "no table row, factor page or guide entry for it"


def test_the_history_says_which_factors_were_left_out_and_brought_back(eng: Engagement) -> None:
    from mutuality_desktop.core.history_sentences import history_sentences

    rid = eng.rounds()[0].id
    eng.set_excluded_factors(rid, [EXIT])
    eng.set_excluded_factors(rid, [KNOWLEDGE])
    eng.set_scope(rid, ["mutuality", "economy"])
    lines = history_sentences(eng)
    assert "left Joint exit strategy out of Baseline" in lines[-3]
    assert "left Joint knowledge management strategy out of Baseline; brought Joint exit strategy back " \
           "into Baseline" in lines[-2]
    assert "set the dimensions of Baseline to Mutuality, Economy" in lines[-1]


def test_a_copy_that_left_factors_out_and_chose_dimensions_merges_in(tmp_path: Path) -> None:
    import shutil

    from mutuality_desktop.core.merge_files import merge_files
    from mutuality_desktop.core.model import EngagementInfo

    base = tmp_path / "base.mutuality"
    with Engagement.create(base, EngagementInfo("Review", "Council", "Provider Ltd")) as e:
        e.set_score(e.rounds()[0].id, "joint-objective-setting", "agreed", 2)
    ours, theirs, out = (tmp_path / f"{n}.mutuality" for n in ("ours", "theirs", "out"))
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    with Engagement.open(theirs) as e:
        rid = e.rounds()[0].id
        e.set_scope(rid, ["mutuality", "economy"])
        e.set_excluded_factors(rid, [EXIT])
    with Engagement.open(ours) as e:
        e.set_score(e.rounds()[0].id, "joint-governance-structure", "agreed", 3)
    plan, conflicts = merge_files(ours, theirs, out)
    assert conflicts == []
    with Engagement.open(out, readonly=True) as e:
        rid = e.rounds()[0].id
        assert e.chosen_scope(rid) == ("mutuality", "economy")
        assert e.excluded_factors(rid) == {EXIT}
        assert e.scores(rid)[("joint-governance-structure", "agreed")].level == 3
    with Engagement.open(ours) as e:  # a clash: ours leaves another factor out
        e.set_excluded_factors(e.rounds()[0].id, [KNOWLEDGE])
    _, conflicts = merge_files(ours, theirs, tmp_path / "out2.mutuality")
    assert any("factors left out of the round" in line for line in conflicts)
