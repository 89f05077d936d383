"""The report's figures add up as printed, and its summary names what a chief executive must act on."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pypdf
import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.report import collect_report_data
from mutuality_desktop.core.report import rows as R
from mutuality_desktop.core.report.tables import SectionRule
from mutuality_desktop.core.report.text import change, one_decimal, rounded, whole
from mutuality_desktop.core.report.wording import (
    actions_due,
    findings,
    movement,
    opening,
    overall_note,
)


@pytest.fixture(scope="module")
def demo(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("figures") / "demo.mutuality"
    shutil.copyfile(demo_master, path)
    return path


@pytest.fixture(scope="module")
def data(demo: Path):  # type: ignore[no-untyped-def]
    with Engagement.open(demo, readonly=True) as e:
        return collect_report_data(e)


def test_rounding_is_half_up_as_a_reader_rounds() -> None:
    assert one_decimal(2.35) == "2.4" and one_decimal(2.25) == "2.3" and one_decimal(None) == "–"
    assert whole(14.5) == "15" and whole(34.6) == "35"
    assert rounded(2.4666, 1) == 2.5
    # 1.73 -> 2.47 prints as 1.7 -> 2.5: the change printed is the one a reader subtracts
    assert change(1.73, 2.47) == 0.8 and change(34.6, 49.3, 0) == 14 and change(None, 2.0) is None


def test_every_printed_change_equals_the_printed_figures_subtracted(data) -> None:  # type: ignore[no-untyped-def]
    header, rows = R.comparison_rows(data)
    assert len(rows) > 2
    for row in rows:
        before, after, moved = row[-3], row[-2], row[-1]
        if "–" in (before, after):
            continue
        difference = float(after) - float(before)
        assert float(moved.replace("\u2212", "-").replace("+", "")) == pytest.approx(difference), row
    named = [m for line in movement(data) for m in re.findall(r"(\w[\w ]+) \(([+\u2212][\d.]+)\)", line)]
    assert named, "the summary names the dimensions that moved"
    for name, shown in named:
        row = next(r for r in rows if r[0] == name.replace("Improved: ", "").replace("Declined: ", "").strip())
        assert shown == row[-1], (name, shown, row)


def test_the_summary_explains_how_its_headline_figures_are_made(data) -> None:  # type: ignore[no-untyped-def]
    note = overall_note(data)
    index = R.safe_index(data.framework, data.scores).value
    assert f"gives a mutuality index of {whole(index)}" in note
    assert "mean of the dimension means of the dimensions assessed" in note
    assert note.count("Perception gap:") == 1 and "Coverage:" in note
    assert "at about level" in findings(data)[0] or "between level" in findings(data)[0]


def test_the_summary_names_the_factor_that_fell_and_the_overdue_action(data) -> None:  # type: ignore[no-untyped-def]
    moved = R.moved_factors(data)
    falls = [m for m in moved if m.delta < 0]
    assert falls and moved[0].delta < 0, "falls are listed first"
    text = " ".join(movement(data))
    for m in falls:
        assert f"{m.name} ({m.before} \u2192 {m.after})" in text
    late = [a for a in R.action_lines(data) if a.overdue]
    assert late
    due = " ".join(actions_due(data))
    assert f"action {late[0].number}" in due and "past the due date" in due


def test_the_opening_uses_words_and_says_all_only_when_all_are_agreed(demo: Path, data) -> None:  # type: ignore[no-untyped-def]
    text = opening(data)
    # the demo's Follow-up has one factor the room could not agree (guide 2.1), so not "all"
    assert "six value-for-money dimensions" in text and "for 39 of the 40 factors" in text
    assert "all 40" not in text
    assert "compared with the Baseline assessment of 12 March 2026, like for like" in text
    with Engagement.open(demo, readonly=True) as e:
        baseline = collect_report_data(e, e.rounds()[0].id)
    assert "for all 40 factors" in opening(baseline)


def test_the_cover_counts_participants_apart_from_facilitator_and_observers(data) -> None:  # type: ignore[no-untyped-def]
    details = dict(R.cover_details(data))
    sides = [p.side for p in data.participants]
    members = sum(s in ("client", "provider") for s in sides)
    assert details["Participants"].startswith(f"{members} participants, with 1 facilitator")


def test_a_tie_for_the_widest_gap_is_not_pinned_on_one_factor(demo_outputs) -> None:  # type: ignore[no-untyped-def]
    out = demo_outputs.pdf  # build_report_file of the demo, once per session
    page3 = " ".join(pypdf.PdfReader(str(out)).pages[2].extract_text().split())
    assert re.search(r"Widest perception gap, on \d+ factors", page3)


def test_the_agreed_reasoning_comes_before_each_side_view(demo_outputs) -> None:  # type: ignore[no-untyped-def]
    out = demo_outputs.pdf  # build_report_file of the demo, once per session
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(str(out)).pages[5:8])
    first = text.index("Joint objective setting")
    assert text.index("Agreed in the room:", first) < text.index("Client\u2019s view:", first)


def test_a_rule_that_would_sit_under_the_page_header_is_left_out() -> None:
    class Frame:
        _atTop = 1

    rule = SectionRule("#CCCCCC")
    assert rule.wrap(400, 500) == (400, 0.4)  # mid-page: drawn
    rule._frame = Frame()
    assert rule.wrap(400, 500) == (400, 0) and rule.getSpaceAfter() == 0


def test_an_engagement_with_one_round_and_no_actions_has_no_movement_or_action_lines(tmp_path: Path) -> None:
    info = EngagementInfo("Review", "Council", "Provider Ltd", workshop_date=dt.date(2026, 3, 1))
    with Engagement.create(tmp_path / "e.mutuality", info) as e:
        data = collect_report_data(e)
    assert movement(data) == [] and actions_due(data) == []
    assert "compared with" not in opening(data)


def test_the_comparison_page_charts_each_mutuality_factor_over_the_last_round(data) -> None:  # type: ignore[no-untyped-def]
    from mutuality_desktop.core.branding import profile_from_engagement
    from mutuality_desktop.core.report.figures import factor_chart
    from mutuality_desktop.core.report.styles import make_styles

    styles = make_styles(profile_from_engagement(data.branding_json)[0])
    chart = factor_chart(data, styles, 380, 350, movement=True)
    series = chart.series
    assert series.visible() == ["agreed", "previous"]  # the two rounds' agreed levels, no sides
    before = {f: s.level for (f, p), s in data.previous.scores.items() if p == "agreed"}
    assert series.values("previous") == [float(before[f]) for f in series.axis_ids]
