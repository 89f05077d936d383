"""The printed radar: the screen chart's series and layout, drawn by reportlab without matplotlib."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from mutuality_desktop.core.charts.layout import fit_chart
from mutuality_desktop.core.charts.series import RadarSeries
from mutuality_desktop.core.charts.style import ChartStyle
from mutuality_desktop.core.framework import default_framework
from mutuality_desktop.core.model import Score
from mutuality_desktop.core.report.fonts import register_fonts
from mutuality_desktop.core.report.radar import RadarFlowable, text_width
from mutuality_desktop.core.scoring import dimension_scores

FW = default_framework()
MUT = [f.id for f in FW.dimension("mutuality").factors]


def scores(levels: dict[str, int | None], perspective: str = "agreed") -> dict[tuple[str, str], Score]:
    return {(fid, perspective): Score(1, fid, perspective, lv) for fid, lv in levels.items()}


def draw(flowable: RadarFlowable, path: Path) -> str:
    """Draw one chart on a page of its own; return the page's text."""
    canvas = Canvas(str(path), pagesize=(flowable.width, flowable.height))
    flowable.drawOn(canvas, 0, 0)
    canvas.save()
    return " ".join(pypdf.PdfReader(str(path)).pages[0].extract_text().split())


@pytest.fixture(autouse=True)
def fonts() -> None:
    register_fonts()


def test_the_chart_prints_names_legend_and_scale_as_text(tmp_path: Path) -> None:
    series = RadarSeries(FW, "mutuality", {"client", "provider", "agreed"})
    series.update([("Baseline <b>2026</b>", scores({f: 3 for f in MUT}))])
    text = draw(RadarFlowable(series, ChartStyle(), 400, 370), tmp_path / "c.pdf")
    assert "Joint objective" in text and "setting" in text
    assert "Agreed" in text and "Levels 0 (Absent) to 5 (Exemplary)" in text
    # the sides scored nothing here: no line to break, so no "gap in a line" entry in the legend
    assert not series.any_missing()
    assert "Gap in a line: not yet scored" not in text


def test_an_unscored_axis_is_marked_n_a_and_breaks_the_line(tmp_path: Path) -> None:
    levels: dict[str, int | None] = {f: 2 for f in MUT}
    levels[MUT[3]] = None
    series = RadarSeries(FW, "mutuality", {"agreed"})
    series.update([("Baseline", scores(levels))])
    assert series.segments("agreed") == [[4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0, 1, 2]]
    assert (3, 4) not in series.band() and (2, 3) not in series.band()
    assert series.missing("agreed") == [3]
    text = draw(RadarFlowable(series, ChartStyle(), 400, 370), tmp_path / "c.pdf")
    assert "not yet scored" in text
    assert "Gap in a line: not yet scored" in text  # the legend says what the break means


def test_two_rounds_print_the_previous_outline_in_the_legend(tmp_path: Path) -> None:
    series = RadarSeries(FW, None, {"agreed", "previous"})
    series.update([("Baseline", scores({f.id: 1 for f in FW.factors})),
                   ("Follow-up", scores({f.id: 4 for f in FW.factors}))])
    text = draw(RadarFlowable(series, ChartStyle(), 330, 300), tmp_path / "c.pdf")
    assert "Agreed, Follow-up" in text and "Agreed, Baseline" in text


def test_values_sit_at_their_level_on_their_axis() -> None:
    series = RadarSeries(FW, "mutuality", {"agreed"})
    series.update([("Baseline", scores({f: 5 for f in MUT}))])
    chart = RadarFlowable(series, ChartStyle(), 400, 370)
    cx, cy = (v * 72 for v in chart.layout.centre)
    top_x, top_y = chart.point(0.0, 5.0)  # the first axis points straight up
    assert top_x == pytest.approx(cx) and top_y > cy
    right_x, right_y = chart.point(math.pi / 2, 5.0)  # clockwise: a quarter turn is to the right
    assert right_x > cx and right_y == pytest.approx(cy)
    lowest = math.dist(chart.point(0.0, 0.0), (cx, cy))
    highest = math.dist(chart.point(0.0, 5.0), (cx, cy))
    assert 0 < lowest < highest <= chart.layout.radius * 72  # level 0 is a ring, not the centre


def test_screen_and_print_lay_the_chart_out_alike() -> None:
    """Same series, same size: the printed circle is where the screen's is (same font metrics)."""
    from mutuality_desktop.core.charts.radar import text_width as screen_width

    series = RadarSeries(FW, "mutuality", {"client", "provider", "agreed"})
    series.update([("Baseline", scores({f: 2 for f in MUT}))])
    printed = fit_chart(series, 5.5, 5.0, text_width)
    screen = fit_chart(series, 5.5, 5.0, lambda t, s: screen_width(t, "DejaVu Sans", s))
    assert printed.radius == pytest.approx(screen.radius, rel=0.03)
    assert printed.centre == pytest.approx(screen.centre, abs=0.05)
    assert printed.compact == screen.compact


def test_a_small_chart_numbers_the_factors() -> None:
    series = RadarSeries(FW, "mutuality", {"agreed"})
    series.update([])
    assert fit_chart(series, 1.6, 1.6, text_width).compact
    assert not fit_chart(series, 6.0, 5.5, text_width).compact


def test_building_a_report_never_imports_matplotlib(demo_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from mutuality_desktop.core.report import build_report_file\n"
        f"p = Path({str(demo_path)!r})\n"
        "build_report_file(p, p.with_suffix('.pdf'))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'PySide6')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert demo_path.with_suffix(".pdf").stat().st_size > 50_000


def test_the_printed_dimension_chart_shows_each_mean_under_its_name(tmp_path: Path) -> None:
    """At the summary's size the labels it has fit: names are not replaced by numbers."""
    levels = {f.id: 3 for f in FW.factors}
    levels[FW.dimensions[1].factors[0].id] = 1
    series = RadarSeries(FW, None, {"agreed", "previous"})
    series.update([("Baseline", scores(levels))])
    chart = RadarFlowable(series, ChartStyle(), 283, 255)
    assert not chart.layout.compact
    text = draw(chart, tmp_path / "c.pdf")
    means = [d.mean for d in dimension_scores(FW, levels)]
    for dimension, mean in zip(FW.dimensions, means, strict=True):
        assert dimension.name.split()[0] in text
        assert f"{mean:.1f}" in text


def test_no_marker_stands_for_not_assessed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hollow marker at the rim read as level 5 (Exemplary): every marker is a real level."""
    from mutuality_desktop.core.report import radar as report_radar

    levels: dict[str, int | None] = {f: 2 for f in MUT}
    levels[MUT[3]] = levels[MUT[9]] = None
    series = RadarSeries(FW, "mutuality", {"agreed", "client", "provider"})
    series.update([("Baseline", scores(levels))])
    chart = RadarFlowable(series, ChartStyle(), 400, 370)
    drawn: list[tuple[float, float]] = []
    real = report_radar._marker
    monkeypatch.setattr(report_radar, "_marker",
                        lambda c, kind, x, y, *a, **k: (drawn.append((x, y)), real(c, kind, x, y, *a, **k)))
    draw(chart, tmp_path / "c.pdf")
    cx, cy = (v * 72 for v in chart.layout.centre)
    at_level_2 = math.dist(chart.point(0.0, 2.0), (cx, cy))
    in_circle = [p for p in drawn if math.dist(p, (cx, cy)) <= chart.layout.radius * 72]
    assert in_circle and all(math.isclose(math.dist(p, (cx, cy)), at_level_2, abs_tol=0.5) for p in in_circle)
