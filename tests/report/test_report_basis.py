"""The report states its basis: only what was assessed, like-for-like comparisons, each round's own date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.report import build_report_file, collect_report_data
from mutuality_desktop.core.report import rows as R
from mutuality_desktop.core.report.basis import assessed_dimensions, comparison_basis, coverage
from mutuality_desktop.core.report.html import build_html_file
from mutuality_desktop.core.report.wording import movement, opening

INFO = EngagementInfo(
    title="Highways partnership review",
    client_organisation="Northmoor Borough Council",
    provider_organisation="Castleway Services Ltd",
    workshop_date=dt.date(2026, 3, 12),
    workshop_venue="Council Chamber",
)
MUTUALITY_LEVELS = [2, 3, 1, 2, 3, 2, 2, 1, 3, 2, 2, 3, 1, 2, 2]


def text_of(pdf: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(str(pdf)).pages)


def html_text(path: Path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).split())


@pytest.fixture(scope="module")
def partial(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A Mutuality-only baseline (all 15 agreed) and a follow-up with 8 agreed and no date."""
    path = tmp_path_factory.mktemp("basis") / "partial.mutuality"
    with Engagement.create(path, INFO) as e:
        base = e.rounds()[0].id
        factors = e.framework.dimension("mutuality").factors
        for f, level in zip(factors, MUTUALITY_LEVELS, strict=True):
            e.set_score(base, f.id, "agreed", level)
            e.set_score(base, f.id, "client", min(level + 1, 5))
            e.set_score(base, f.id, "provider", level)
        follow = e.add_round("Follow-up").id
        for f, level in list(zip(factors, MUTUALITY_LEVELS, strict=True))[:8]:
            e.set_score(follow, f.id, "agreed", level + 1)
    yield path


def test_a_mutuality_only_baseline_claims_one_dimension(partial: Path, tmp_path: Path) -> None:
    out = tmp_path / "baseline.pdf"
    build_report_file(partial, out, round_label="Baseline")
    text = text_of(out)
    assert "This round covers one of the six value-for-money dimensions, Mutuality." in text
    assert "six value-for-money dimensions, factor by factor" not in text
    assert "Overall value for money" not in text, "one dimension's mean is not value for money"
    assert "Dimensions with an agreed level: Mutuality" in text
    # one line per dimension in the summary's table, and the findings name them once
    assert text.count("Not part of this round") == 5 + 1
    assert ("Not part of this round: Economy, Efficiency, Effectiveness, Strategic Value and "
            "Stakeholder Value. The report makes no finding about them.") in text
    assert "Price benchmarking" not in text, "no tables or guide for a dimension not assessed"
    assert "held on 12 March 2026 at Council Chamber" in text
    assert len(pypdf.PdfReader(str(out)).pages) <= 21  # was 40 with every dimension and guide (one more
    # since the definitions have a page of their own, How to read this report)
    assert text.count("Perception gap: the client") == 1, "the definitions are printed once"


def test_a_partial_follow_up_compares_like_for_like_and_borrows_no_date(partial: Path, tmp_path: Path) -> None:
    out = tmp_path / "follow.pdf"
    build_report_file(partial, out)
    text = text_of(out)
    assert "12 March 2026" in text and "Council Chamber" not in text
    assert "held on" not in text, "the follow-up has no date of its own, so none is given"
    assert "compared with the Baseline assessment of 12 March 2026, like for like" in text
    assert ("like for like, on the 8 mutuality factors agreed in both rounds (15 agreed in Baseline, "
            "8 in Follow-up)") in text
    assert "Factors compared" in text and "8 of 15" in text
    assert "agreed a level for 8 of the 15 factors of this dimension" in text


def test_the_comparison_figures_are_those_of_the_common_factors(partial: Path) -> None:
    with Engagement.open(partial, readonly=True) as e:
        data = collect_report_data(e)
    header, rows = R.comparison_rows(data)
    assert header == ["Dimension", "Factors compared", "Baseline", "Follow-up", "Change"]
    index = rows[-1]
    common = MUTUALITY_LEVELS[:8]
    before = 100 * sum(common) / len(common) / 5
    after = 100 * sum(x + 1 for x in common) / len(common) / 5
    assert index[1:4] == ["8 of 15", f"{before:.0f}", f"{after:.0f}"]
    economy = next(r for r in rows if r[0] == "Economy")
    assert economy[1:] == ["none", "–", "–", "–"]
    assert comparison_basis(data.framework, data.previous.scores, data.scores).compared == 8  # type: ignore[union-attr]
    said = " ".join(movement(data))
    assert f"rose from {before:.0f} to {after:.0f}, like for like" in said


def test_a_file_scored_in_two_dimensions_says_which_and_averages_only_those(tmp_path: Path) -> None:
    path = tmp_path / "two.mutuality"
    with Engagement.create(path, INFO) as e:
        rid = e.rounds()[0].id
        e.set_score(rid, "joint-objective-setting", "agreed", 2)
        e.set_score(rid, "price-benchmarking", "agreed", 4)
        e.set_notes(rid, "process-productivity", "client", "Only a note, no level")
        data = collect_report_data(e)
    assert [d.id for d in assessed_dimensions(data.framework, data.scores)] == [
        "mutuality", "economy", "efficiency"]
    assert coverage(data.framework, data.scores).total == 25
    assert ("three of the six value-for-money dimensions, Mutuality, Economy and Efficiency; "
            "Efficiency has no agreed level yet.") in opening(data)
    figure = R.key_figures(data)[1]
    assert figure.value == "3.0" and figure.label.startswith("Mean of the 2 dimensions assessed (of 6)")
    out = tmp_path / "two.pdf"
    build_report_file(path, out)
    text = text_of(out)
    assert "Only a note, no level" in text, "a note keeps its dimension in the report"
    assert text.count("Not part of this round") == 3 + 1
    assert "Service user voice" not in text


def test_the_html_edition_states_the_same_basis(partial: Path, tmp_path: Path) -> None:
    out = tmp_path / "follow.html"
    build_html_file(partial, out)
    text = html_text(out)
    assert "Council Chamber" not in text and "held on" not in text
    assert "like for like, on the 8 mutuality factors agreed in both rounds" in text
    assert text.count("Not part of this round") == 5 + 1
    assert "Price benchmarking" not in text
    base = tmp_path / "base.html"
    build_html_file(partial, base, round_label="Baseline")
    assert "one of the six value-for-money dimensions, Mutuality" in html_text(base)


def test_report_options_leave_out_sections_and_choose_the_guide(partial: Path, tmp_path: Path) -> None:
    from mutuality_desktop.cli import run
    from mutuality_desktop.core.errors import ValidationError
    from mutuality_desktop.core.report import ReportOptions

    out = tmp_path / "lean.pdf"
    assert run(["report", str(partial), "-o", str(out), "--round", "Baseline", "--guide", "none",
                "--no-participants", "--no-actions"]) == 0
    lean = text_of(out)
    assert "The scoring guide" not in lean and "Action plan" not in lean and "Participants" not in lean
    assert "Joint objective setting" in lean
    whole = tmp_path / "whole.html"
    build_html_file(partial, whole, round_label="Baseline", options=ReportOptions(guide="all"))
    text = html_text(whole)
    assert "Price benchmarking" in text, "the whole guide, when asked for"
    assert "Every factor was scored against" not in text, "the guide does not claim every factor was scored"
    with pytest.raises(ValidationError, match="not a scoring-guide choice"):
        ReportOptions(guide="some")
