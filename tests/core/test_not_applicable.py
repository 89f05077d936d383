"""Not applicable as a state of its own (issue 21): stored per round and factor with a reason, left
out of means and coverage, undone, listed by the CLI, converted from the old note convention on
upgrade; and the aggregation rules (provisional figures, the perception-gap index) as behaviour."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from mutuality_desktop.cli import run
from mutuality_desktop.core import scoring, store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import ValidationError
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.report import collect_report_data
from mutuality_desktop.core.report import rows as R
from mutuality_desktop.core.snapshot import take_snapshot
from mutuality_desktop.core.tables import score_rows

sys.path.insert(0, str(Path(__file__).parent))
from hostile_files import raw_edit  # noqa: E402

INFO = EngagementInfo("Review", "Council", "Provider Ltd", workshop_date=dt.date(2026, 3, 1))
ECONOMY = ["price-benchmarking", "pricing-and-commercial-terms", "open-book-cost-transparency",
           "inflation-and-indexation-control", "demand-and-specification-control"]
OPEN_BOOK = "open-book-cost-transparency"
REASON = "Fixed-price lump sum: there are no cost books to open"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "n.mutuality"
    with Engagement.create(p, INFO):
        pass
    return p


def test_a_factor_marked_not_applicable_leaves_the_mean_and_the_coverage_count(path: Path) -> None:
    with Engagement.open(path) as e:
        rid = e.rounds()[0].id
        for factor, level in zip(ECONOMY, (1, 2, 5, 3, 3), strict=True):
            e.set_score(rid, factor, "agreed", level)
        before = scoring.dimension_score(e.framework.dimension("economy"), scoring.levels_of(e.scores(rid)))
        assert (before.mean, before.assessed, before.total) == (2.8, 5, 5)
        e.set_not_applicable(rid, OPEN_BOOK, REASON)
        after = scoring.dimension_score(e.framework.dimension("economy"), scoring.levels_of(e.scores(rid)))
        assert (after.mean, after.assessed, after.total, after.not_applicable) == (2.25, 4, 4, 1)
        assert after.coverage_text() == "4 of 4 factors agreed, 1 not applicable"
        assert OPEN_BOOK not in [f.id for f in scoring.completeness(e.framework, e.scores(rid), "economy").missing]
        assert all(r.factor.id != OPEN_BOOK for r in scoring.strengths(e.framework, e.scores(rid)))
        assert e.not_applicable(rid) == {OPEN_BOOK: REASON}
        data = collect_report_data(e)
    line = next(d for d in R.dimension_rows(data.framework, data.scores) if d.name == "Economy")
    assert (line.assessed, line.total) == (4, 4)


def test_the_mark_needs_a_reason_and_undo_takes_it_off(path: Path) -> None:
    with Engagement.open(path) as e:
        rid = e.rounds()[0].id
        with pytest.raises(ValidationError, match="Say why"):
            e.set_not_applicable(rid, OPEN_BOOK, "   ")
        from mutuality_desktop.core import operations as ops

        change = e.apply(ops.SetNotApplicable(e.round_uuid(rid), OPEN_BOOK, REASON))
        assert e.history()[-1].op == "set_not_applicable"
        e.apply(change.inverse)
        assert e.not_applicable(rid) == {}


def test_below_three_in_five_agreed_a_dimension_figure_is_provisional(path: Path) -> None:
    with Engagement.open(path) as e:
        rid = e.rounds()[0].id
        e.set_score(rid, ECONOMY[0], "agreed", 2)
        e.set_score(rid, ECONOMY[1], "agreed", 3)
        score = scoring.dimension_score(e.framework.dimension("economy"), scoring.levels_of(e.scores(rid)))
        assert score.provisional and score.coverage_text() == "provisional: 2 of 5 factors agreed"
        e.set_score(rid, ECONOMY[3], "agreed", 3)
        score = scoring.dimension_score(e.framework.dimension("economy"), scoring.levels_of(e.scores(rid)))
        assert not score.provisional and score.coverage_text() == "3 of 5 factors agreed"
    assert [scoring.minimum_agreed(n) for n in (5, 4, 15)] == [3, 3, 9]


def test_the_perception_gap_index_is_the_mean_absolute_gap_over_factors_both_sides_scored(path: Path) -> None:
    with Engagement.open(path) as e:
        rid = e.rounds()[0].id
        for factor, client, provider in ((ECONOMY[0], 3, 1), (ECONOMY[1], 2, 3), (ECONOMY[2], 4, 4)):
            e.set_score(rid, factor, "client", client)
            e.set_score(rid, factor, "provider", provider)
        e.set_score(rid, ECONOMY[3], "client", 5)  # one side only: not counted
        index = scoring.perception_gap_index(e.framework, e.scores(rid), "economy")
        assert (index.value, index.factors, index.flagged) == (1.0, 3, 1)
        e.set_not_applicable(rid, ECONOMY[0], REASON)
        index = scoring.perception_gap_index(e.framework, e.scores(rid), "economy")
        assert (index.value, index.factors, index.flagged) == (0.5, 2, 0)
        assert scoring.perception_gap_index(e.framework, e.scores(rid), "mutuality").value is None


def test_csv_and_cli_say_not_applicable_with_the_reason(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Engagement.open(path) as e:
        e.set_score(e.rounds()[0].id, ECONOMY[0], "agreed", 2)  # Economy is in the round
    assert run(["not-applicable", str(path), "--factor", OPEN_BOOK, "--reason", REASON]) == 0
    assert f"Open-book cost transparency ({OPEN_BOOK}): Not applicable: {REASON}" in capsys.readouterr().out
    with Engagement.open(path, readonly=True) as e:
        rows = score_rows(take_snapshot(e))
    row = next(r for r in rows if r[4] == "Open-book cost transparency")
    assert row[10] == f"Not applicable: {REASON}"
    assert run(["not-applicable", str(path), "--factor", OPEN_BOOK, "--clear"]) == 0
    assert "no factor is marked not applicable" in capsys.readouterr().out


def test_an_old_not_applicable_note_becomes_the_state_on_upgrade_and_the_note_stays(path: Path) -> None:
    with Engagement.open(path) as e:
        rid = e.rounds()[0].id
        e.set_notes(rid, OPEN_BOOK, "agreed", f"Not applicable: {REASON}")
        e.set_notes(rid, ECONOMY[0], "agreed", "Not applicable: but the room scored it")
        e.set_score(rid, ECONOMY[0], "agreed", 2)  # a level: the room did score it, not converted
    raw_edit(path, "DROP TABLE not_applicable", "DROP TABLE engagement_context", "DROP TABLE round_excluded_factor",
             "DROP TABLE parking_item", "DROP TABLE agenda", "DROP TABLE agenda_break", "DROP TABLE agenda_dimension",
             "DROP TABLE framework_archive", "DROP TABLE round_framework",  # format 6's
             "PRAGMA user_version=4")
    with Engagement.open(path) as e:
        rid = e.rounds()[0].id
        assert e.not_applicable(rid) == {OPEN_BOOK: REASON}
        assert e.scores(rid)[(OPEN_BOOK, "agreed")].notes == f"Not applicable: {REASON}"
    assert store.inspect(path).user_version == store.SCHEMA_VERSION == 6


def test_the_history_says_what_was_marked_and_a_merge_carries_the_mark(path: Path, tmp_path: Path) -> None:
    from mutuality_desktop.core.history_sentences import history_sentences
    from mutuality_desktop.core.merge_files import merge_files

    theirs = tmp_path / "theirs.mutuality"
    import shutil

    shutil.copyfile(path, theirs)
    with Engagement.open(theirs) as e:
        e.set_not_applicable(e.rounds()[0].id, OPEN_BOOK, REASON)
        assert f"marked Open-book cost transparency (Baseline) not applicable: {REASON}" in history_sentences(e)[-1]
    merged = tmp_path / "merged.mutuality"
    merge_files(path, theirs, merged)
    with Engagement.open(merged, readonly=True) as e:
        assert e.not_applicable(e.rounds()[0].id) == {OPEN_BOOK: REASON}


def test_a_factor_marked_not_applicable_takes_no_level_until_the_mark_is_cleared(path: Path) -> None:
    """Play-through 2: digits scored a not-applicable factor, and the report then printed
    "Agreed 5 · Exemplary" above "Not applicable: …"."""
    with Engagement.open(path) as e:
        rid = e.rounds()[0].id
        e.set_not_applicable(rid, OPEN_BOOK, REASON)
        for perspective in ("client", "provider", "agreed"):
            with pytest.raises(ValidationError, match="marked not applicable in this round"):
                e.set_score(rid, OPEN_BOOK, perspective, 4)
        assert (OPEN_BOOK, "agreed") not in e.scores(rid)
        e.set_notes(rid, OPEN_BOOK, "agreed", "Lump sum since 2019.")  # notes are still welcome
        e.set_not_applicable(rid, OPEN_BOOK, None)
        e.set_score(rid, OPEN_BOOK, "agreed", 4)
        assert e.scores(rid)[(OPEN_BOOK, "agreed")].level == 4


def test_the_days_plan_and_the_triage_leave_out_factors_left_out_or_not_applicable(path: Path) -> None:
    """Play-through 2: the agenda counted and planned time for them, and triage listed a
    not-applicable factor under "Discuss these"."""
    from mutuality_desktop.core.agenda import Agenda, out_of_round, plan_minutes
    from mutuality_desktop.core.triage import triage, triage_factor_ids

    with Engagement.open(path) as e:
        rid = e.rounds()[0].id
        e.set_scope(rid, ["economy"])
        e.set_excluded_factors(rid, ["price-benchmarking"])
        e.set_not_applicable(rid, OPEN_BOOK, REASON)
        out = out_of_round(e, rid)
        plan = plan_minutes(e.framework, ("economy",), Agenda(9 * 60, 12 * 60), out)
        plan_lists = triage(e, rid)
        listed = [fid for items in (plan_lists.discuss, plan_lists.confirm, plan_lists.no_views)
                  for fid in triage_factor_ids(items)]
    assert out == {"price-benchmarking", OPEN_BOOK}
    assert list(plan.order) == [f for f in ECONOMY if f not in out]
    assert plan.factor_minutes[ECONOMY[1]] == 180 / 3  # the morning over the three that remain
    assert sorted(listed) == sorted(f for f in ECONOMY if f not in out)


def test_a_level_scored_before_the_mark_is_not_printed_beside_it(path: Path) -> None:
    """Play-through 2: the PDF showed "AGREED 5 · Exemplary" directly above "Not applicable: …"."""
    import pypdf

    with Engagement.open(path) as e:
        rid = e.rounds()[0].id
        e.set_scope(rid, ["economy"])
        for factor in ECONOMY:
            e.set_score(rid, factor, "agreed", 2)
        e.set_score(rid, OPEN_BOOK, "agreed", 5)
        e.set_not_applicable(rid, OPEN_BOOK, REASON)
    out = path.with_suffix(".pdf")
    assert run(["report", str(path), "-o", str(out)]) == 0
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(out).pages)
    assert f"Not applicable: {REASON}" in text
    assert "Exemplary" not in text.split("The scoring guide")[0]  # only the guide's own level 5
