"""Play-through 11: with the sides' views shown, a factor the room did not agree lost its "not
agreed" under its spoke (the sides' points made it "scored"), on screen and in the printed report,
which draws the same labels. And a compact value-for-money chart dropped what a partly scored
dimension's mean rests on ("14 of 15 factors"): it now keeps "14 of 15"."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.figure import Figure

from mutuality_desktop.core.charts.radar import ChartStyle, dimension_radar
from mutuality_desktop.core.charts.series import RadarSeries
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework import MUTUALITY

from .test_not_agreed_outputs import COMMS, _cli, _flat, disputed  # noqa: F401 - the fixture

EXIT = "joint-exit-strategy"  # both sides' levels, no agreed level and no notes: not yet agreed
OBJECTIVES = "joint-objective-setting"  # agreed at 3


def _series(path: Path, shown: set[str]) -> RadarSeries:
    with Engagement.open(path, readonly=True) as eng:
        rnd = eng.rounds()[-1]
        series = RadarSeries(eng.framework, MUTUALITY, shown)
        series.update([(rnd.label, eng.scores(rnd.id))])
    return series


def _label(series: RadarSeries, factor: str) -> tuple[list[str], bool]:
    label = series.axis_label(series.axis_ids.index(factor), compact=False)
    return label.text.split("\n"), label.scored


@pytest.mark.parametrize("sides", [{"client"}, {"provider"}, {"client", "provider"}])
def test_a_factor_without_an_agreed_level_says_so_whatever_is_shown(disputed: Path, sides: set[str]):  # noqa: F811
    series = _series(disputed, {"agreed", *sides})
    lines, scored = _label(series, COMMS)
    assert lines[-1] == "not agreed" and lines[0].startswith("Joint"), lines
    assert scored  # the sides' points are drawn there: the name is not greyed as unscored
    assert _label(series, EXIT)[0][-1] == "not yet agreed"
    assert _label(series, OBJECTIVES)[0][-1] != "not agreed"  # agreed: the name alone
    assert "not" not in " ".join(_label(series, OBJECTIVES)[0])


def test_agreed_alone_still_says_it_as_before(disputed: Path):  # noqa: F811
    series = _series(disputed, {"agreed"})
    assert _label(series, COMMS) == (["Joint communications", "strategy", "not agreed"], False)
    assert _label(series, EXIT)[0][-1] == "not yet scored"


def test_the_sides_alone_have_no_agreed_line_to_explain(disputed: Path):  # noqa: F811
    series = _series(disputed, {"client", "provider"})
    assert "not" not in " ".join(_label(series, COMMS)[0])


def test_the_reserved_room_fits_the_longest_note(disputed: Path):  # noqa: F811
    from mutuality_desktop.core.charts.radar import text_width

    series = _series(disputed, {"agreed", "client"})
    for i in range(len(series.axis_ids)):
        reserved = max(text_width(line, "DejaVu Sans", 10) for line in series.label_lines(i, False))
        drawn = max(text_width(line, "DejaVu Sans", 10) for line in series.axis_label(i, False).text.split("\n"))
        assert drawn <= reserved + 1e-9, (series.axis_names[i], series.axis_label(i, False).text)


def test_the_printed_report_keeps_not_agreed_under_the_spoke(disputed: Path, tmp_path: Path):  # noqa: F811
    from pypdf import PdfReader

    out = tmp_path / "report.pdf"
    _cli("report", str(disputed), "-o", str(out))
    pages = [page.extract_text() for page in PdfReader(out).pages]
    radar = next(p for p in pages if "mutuality factors of this round" in p)
    lines = [line.strip() for line in radar.split("\n")]
    assert "not agreed" in lines, lines  # the spoke's own line, lower case as on screen
    assert "not yet agreed" in lines


def test_a_compact_dimension_chart_keeps_its_coverage(tmp_path: Path):
    from mutuality_desktop.core.demo import build_demo

    eng = build_demo(tmp_path / "demo.mutuality")
    try:
        rnd = eng.rounds()[-1]
        rounds = [(r.label, eng.scores(r.id)) for r in eng.rounds()]
        big = dimension_radar(eng.framework, rounds, figure=Figure(figsize=(7.6, 5.5)))
        big.relayout()
        small = dimension_radar(eng.framework, rounds, figure=Figure(figsize=(4.9, 4.2)),
                                style=ChartStyle(font_scale=1.25, large_text=1.25))
        small.relayout()
        assert rnd.label == "Follow-up" and not big.compact and small.compact
        at = big.series.axis_ids.index(MUTUALITY)
        assert big.axis_labels[at].get_text().split("\n")[-1] == "14 of 15 factors"
        assert small.axis_labels[at].get_text().split("\n")[-1] == "14 of 15"
        full = big.series.axis_ids.index("economy")
        assert "of" not in small.axis_labels[full].get_text()  # fully scored: the mean alone
    finally:
        eng.close()


def test_the_key_to_a_numbered_chart_names_the_factor_not_agreed(disputed: Path):  # noqa: F811
    with_agreed = _series(disputed, {"agreed", "client"}).key_names()
    at = _series(disputed, {"agreed"}).axis_ids.index(COMMS)
    assert with_agreed[at] == "Joint communications strategy (not agreed)"
    assert [n for n in with_agreed if "(" in n] == [with_agreed[at]]
    assert "(" not in " ".join(_series(disputed, {"client", "provider"}).key_names())  # no agreed line to break
