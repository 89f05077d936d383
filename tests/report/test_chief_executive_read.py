"""The outputs as a chief executive reads them (play-through leftovers, out5): the executive summary
carries a short "How to read the figures" box, not a dense block of definitions; the definitions
are printed once, at reading size, in "How to read this report"; every chart's alternative text
describes the spokes that chart draws (a factor left out of the round or marked not applicable is
said so, never "not assessed", and a native chart with 14 spokes is described as 14 factors); and
a factor marked not applicable reads "Not applicable" in the at-a-glance tables.

Every check reads the written file back (pypdf, python-docx, python-pptx, openpyxl's zip)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pptx
import pypdf
import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.office.deck import write_pptx
from mutuality_desktop.core.office.word import write_docx
from mutuality_desktop.core.office.workbook import write_xlsx
from mutuality_desktop.core.report import build_report, collect_report_data
from mutuality_desktop.core.report.data import ReportData
from mutuality_desktop.core.report.html import build_html

REASON = "No exit is planned: the contract was extended to 2034"
DEFINITION_ONLY = ("Like for like: a change between rounds", "Perception-gap index: for a dimension",
                   "Rounding: means are worked out")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, demo_master: Path) -> ReportData:
    path = tmp_path_factory.mktemp("ce-demo") / "demo.mutuality"
    shutil.copyfile(demo_master, path)
    with Engagement.open(path, readonly=True) as e:
        return collect_report_data(e)


@pytest.fixture(scope="module")
def demo_built(demo_outputs):  # type: ignore[no-untyped-def]
    """The demo's PDF, Word and HTML outputs, each built once per test session (tests/conftest.py;
    build_report, write_docx or build_html of the demo's report data, as its *_file form does)
    and copied to where the test reads it."""
    kinds = {build_report: "pdf", write_docx: "docx", build_html: "html"}

    def copy(build, dest: Path) -> None:  # type: ignore[no-untyped-def]
        assert dest.suffix == f".{kinds[build]}"
        demo_outputs.copy(kinds[build], dest)

    return copy


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    """One round: Mutuality's first factor left out of it, its last marked not applicable, the
    other thirteen scored by both sides and agreed."""
    path = tmp_path_factory.mktemp("ce-marked") / "r.mutuality"
    info = EngagementInfo("Review", "Council", "Provider Ltd", workshop_date=dt.date(2026, 3, 1))
    with Engagement.create(path, info) as e:
        rnd = e.rounds()[0]
        factors = e.framework.dimension("mutuality").factors
        e.set_excluded_factors(rnd.id, [factors[0].id])
        for i, f in enumerate(factors[1:-1]):
            for perspective, level in (("client", 2 + i % 2), ("provider", 3), ("agreed", 2 + i % 2)):
                e.set_score(rnd.id, f.id, perspective, level)
        e.set_not_applicable(rnd.id, factors[-1].id, REASON)
        return collect_report_data(e)


def _pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages]


def _squash(text: str) -> str:
    return " ".join(text.split())


# --- 1. the executive summary's definitions -------------------------------------------------------

def test_the_pdf_summary_page_has_a_short_box_and_the_definitions_are_at_the_back(demo: ReportData, demo_built,
                                                                                  tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    demo_built(build_report, out)
    pages = [_squash(p) for p in _pages(out)]
    summary = next(i for i, p in enumerate(pages) if "Executive summary" in p and "Contents" not in p)
    first = pages[summary]
    assert "How to read the figures." in first
    made = re.search(r"this round's mean of (\d\.\d\d) gives (\d+)", first)
    assert made, "the box says how this round's index was made"
    assert round(float(made.group(1)) * 20) == int(made.group(2)), "and the sum is right"
    for phrase in DEFINITION_ONLY:
        assert phrase not in first, f"a definition is back on the summary page: {phrase}"
    assert "Key findings" in first, "the summary page reaches the findings (the block pushed them over)"
    reading = [i for i, p in enumerate(pages) if "APPENDIX How to read this report" in p]
    assert len(reading) == 1 and reading[0] > summary
    text = " ".join(pages)
    for phrase in DEFINITION_ONLY:
        assert text.count(phrase) == 1, f"printed once: {phrase}"
        assert phrase in pages[reading[0]]
    assert re.search(r"How to read this report \.* ?\d+", pages[1]), "listed in the contents"


def test_the_definitions_are_at_reading_size_in_the_pdf(demo: ReportData, demo_built, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    demo_built(build_report, out)
    reader = pypdf.PdfReader(str(out))
    sizes: list[float] = []
    for page in reader.pages:
        if "How to read this report" not in (page.extract_text() or ""):
            continue

        def visit(text: str, cm: object, tm: list[float], font: object, size: float) -> None:
            if "Rounding" in text:
                sizes.append(size * abs(tm[0]))

        page.extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 9.0, sizes  # was 7.5 point grey on the summary page


def test_word_and_html_summaries_have_the_box_and_a_section_of_definitions(demo: ReportData, demo_built,
                                                                           tmp_path: Path) -> None:
    demo_built(write_docx, tmp_path / "r.docx")
    document = docx.Document(str(tmp_path / "r.docx"))
    paragraphs = document.paragraphs
    heads = [i for i, p in enumerate(paragraphs) if p.style is not None and p.style.name == "Heading 1"]
    names = [paragraphs[i].text for i in heads]
    start = heads[names.index("Executive summary")]
    end = heads[names.index("Executive summary") + 1]
    summary = " ".join(p.text for p in paragraphs[start:end])
    assert "How to read the figures." in summary
    for phrase in DEFINITION_ONLY:
        assert phrase not in summary
    assert "How to read this report" in names
    assert names.index("How to read this report") == names.index("The scoring guide") - 1
    at = heads[names.index("How to read this report")]
    section = " ".join(p.text for p in paragraphs[at:heads[names.index("The scoring guide")]])
    for phrase in DEFINITION_ONLY:
        assert phrase in section

    demo_built(build_html, tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    summary_html = html[html.index('id="executive-summary"'):html.index("</section>", html.index('id="executive-summary"'))]
    assert 'class="reading"' in summary_html and "<dl" not in summary_html
    assert html.count("<dt>Like for like</dt>") == 1
    assert html.index("How to read this report</h2>") < html.index("The scoring guide</h2>")


# --- 2. alternative text describes what each chart draws ------------------------------------------

def _deck_alts(path: Path) -> list[tuple[list[str], str]]:
    """(categories, descr) of each native chart in the deck."""
    out = []
    for slide in pptx.Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_chart:
                descr = shape._element.nvGraphicFramePr.cNvPr.get("descr")
                # a category's name wraps onto short lines (a line break in its cell): read it as one
                out.append(([" ".join(str(c).split()) for c in shape.chart.plots[0].categories], descr))
    return out


def test_the_decks_mutuality_chart_alt_text_describes_only_its_spokes(marked: ReportData, tmp_path: Path) -> None:
    write_pptx(marked, tmp_path / "d.pptx")
    factors = marked.framework.dimension("mutuality").factors
    charts = [(c, d) for c, d in _deck_alts(tmp_path / "d.pptx") if len(c) != 6]
    assert charts, "the deck has its mutuality chart"
    for categories, descr in charts:
        assert len(categories) == 13  # 15, less one left out and one not applicable
        assert descr.startswith("Radar chart of 13 mutuality factors"), descr
        described = re.findall(r"(?:^|\. )([^.:]+): (?:agreed|client)", descr)
        assert described == categories, "the words follow the spokes, in order"
        assert f"Not drawn: {factors[0].name}, not in this round; {factors[-1].name}, not applicable." in descr
        assert "not assessed" not in descr


def test_the_word_pictures_say_why_a_factor_has_no_level(marked: ReportData, tmp_path: Path) -> None:
    write_docx(marked, tmp_path / "r.docx")
    document = docx.Document(str(tmp_path / "r.docx"))
    alts = [el.get("descr") for el in document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    radar = next(a for a in alts if a and a.startswith("Radar chart of 15 mutuality factors"))
    factors = marked.framework.dimension("mutuality").factors
    assert f"{factors[0].name}: not in this round." in radar  # the picture names it so under its spoke
    assert f"{factors[-1].name}: not applicable." in radar
    assert "not assessed" not in radar


def test_the_pdf_and_html_radar_alt_text_says_not_applicable(marked: ReportData, tmp_path: Path) -> None:
    from mutuality_desktop.core.branding import BrandingProfile
    from mutuality_desktop.core.report.figures import factor_chart
    from mutuality_desktop.core.report.styles import make_styles

    chart = factor_chart(marked, make_styles(BrandingProfile()), 400)
    factors = marked.framework.dimension("mutuality").factors
    alt = chart.alt_text
    assert f"{factors[0].name} not in this round" in alt
    assert f"{factors[-1].name} not applicable" in alt
    assert "not assessed" not in alt
    build_html(marked, tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f"{factors[-1].name} not applicable" in html


def test_the_workbooks_radars_have_alt_text_for_their_spokes(marked: ReportData, tmp_path: Path) -> None:
    write_xlsx(marked, tmp_path / "r.xlsx")
    with zipfile.ZipFile(tmp_path / "r.xlsx") as z:
        drawings = " ".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/drawings/drawing"))
    descrs = re.findall(r'descr="([^"]*)"', drawings)
    assert any(d.startswith("Radar chart of the agreed mean level of each value-for-money dimension") for d in descrs)
    factor = next(d for d in descrs if "mutuality factors" in d)
    assert factor.startswith("Radar chart of 13 mutuality factors")
    assert "not applicable" in factor and "not in this round" in factor


# --- 3. a factor marked not applicable is not "not assessed" --------------------------------------

def test_at_a_glance_says_not_applicable(marked: ReportData, tmp_path: Path) -> None:
    last = marked.framework.dimension("mutuality").factors[-1].name
    build_report(marked, tmp_path / "r.pdf")
    text = " ".join(_squash(p) for p in _pages(tmp_path / "r.pdf"))
    assert re.search(rf"15 {re.escape(last)} Not applicable –", text), "the glance row"
    assert "Not assessed Not assessed Not assessed" not in text
    assert "for each of the 13 mutuality factors assessed in this round" in text
    assert f"{last}, marked not applicable to this contract, has no level." in text
    assert "The 14 mutuality factors of this round, 1 of them not applicable" in text
    write_docx(marked, tmp_path / "r.docx")
    document = docx.Document(str(tmp_path / "r.docx"))
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    glance = next(r for r in rows if len(r) == 6 and r[1] == last)
    assert glance[2:5] == ["Not applicable"] * 3


def test_each_level_bar_in_the_pdf_says_which_dimension_it_measures(demo: ReportData, demo_built, tmp_path: Path) -> None:
    import pikepdf

    demo_built(build_report, tmp_path / "r.pdf")
    with pikepdf.open(tmp_path / "r.pdf") as pdf:
        alts = [str(o.Alt) for o in pdf.objects
                if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Figure" and "/Alt" in o]
    bars = [a for a in alts if "mean level" in a and not a.startswith("Radar")]
    assert len(bars) == 6
    names = [d.name for d in demo.framework.workshop_order()]
    assert [b.split(":")[0] for b in bars] == names, bars  # not six identical "Bar: mean level ..."
    assert any(re.fullmatch(r"Mutuality: mean level \d\.\d on the scale 0 to 5\.?.*", b) for b in bars), bars


def test_a_follow_ups_report_names_the_workshop_its_points_were_parked_in(demo: ReportData, demo_built,
                                                                          tmp_path: Path) -> None:
    """The demo's four points were parked at the Baseline workshop in March; its Follow-up report
    (October) said they were parked "during the workshop", which reads as October's."""
    assert {p.round_id for p in demo.parking} == {demo.rounds[0].round.id}
    still = sum(1 for p in demo.parking if p.status == "open")
    done = len(demo.parking) - still
    said = (f"{len(demo.parking)} points were parked during the Baseline workshop to come back to: "
            f"{still} {'is' if still == 1 else 'are'} still open and {done} {'was' if done == 1 else 'were'} "
            "resolved.")
    demo_built(build_report, tmp_path / "r.pdf")
    assert said in _squash(" ".join(_pages(tmp_path / "r.pdf")))
    demo_built(write_docx, tmp_path / "r.docx")
    assert said in [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    write_pptx(demo, tmp_path / "r.pptx")
    deck = " ".join(s.text_frame.text for slide in pptx.Presentation(str(tmp_path / "r.pptx")).slides
                    for s in slide.shapes if s.has_text_frame)
    assert said in _squash(deck)


def test_the_results_chart_draws_no_level_for_a_factor_marked_not_applicable(tmp_path: Path) -> None:
    """The room scored Joint exit strategy, then marked it not applicable: every output prints the
    mark and no level; the Results chart (and so presentation mode) still plotted agreed 2 there."""
    from mutuality_desktop.core.charts.radar import factor_radar
    from mutuality_desktop.core.snapshot import take_snapshot

    path = tmp_path / "na.mutuality"
    with Engagement.create(path, EngagementInfo("Review", "Council", "Provider Ltd")) as e:
        rnd = e.rounds()[0]
        factors = e.framework.dimension("mutuality").factors
        for f in factors:
            for perspective in ("client", "provider", "agreed"):
                e.set_score(rnd.id, f.id, perspective, 2)
        e.set_not_applicable(rnd.id, factors[13].id, REASON)
        snap = take_snapshot(e)
        current = snap.latest()
        chart = factor_radar(e.framework, [(current.label, current.scores)])
    assert [chart.values(s)[13] for s in ("client", "provider", "agreed")] == [None, None, None]
    assert chart.values("agreed")[12] == 2.0
    assert chart.axis_labels[13].get_text().endswith("\nnot applicable")


def test_the_html_charts_number_tables_say_why_a_factor_has_no_level(marked: ReportData, tmp_path: Path) -> None:
    factors = marked.framework.dimension("mutuality").factors
    build_html(marked, tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    table = html[html.index("The numbers in the chart: The 14 mutuality factors"):]
    table = table[:table.index("</table>")]
    assert re.search(rf"{re.escape(factors[-1].name)}</th>(<td[^>]*>not applicable</td>){{3}}", table)
    assert re.search(rf"{re.escape(factors[0].name)}</th>(<td[^>]*>not in this round</td>){{3}}", table)


def test_gaps_of_one_size_are_not_said_to_differ_most(demo: ReportData, demo_built, tmp_path: Path) -> None:
    """The demo's gaps are all one level: "the five shown differ most" was false (they are the
    first five of thirteen equal gaps)."""
    from mutuality_desktop.core.report.wording import gaps_lead
    from mutuality_desktop.core.scoring import perception_gaps

    gaps = [g for g in perception_gaps(demo.framework, demo.scores) if g.size > 0]
    assert {g.size for g in gaps} == {1}, "the demo's gaps are all one level"
    said = f"{len(gaps)} factors differ, each by one level; the first five in the order of this report are shown."
    demo_built(build_report, tmp_path / "r.pdf")
    text = _squash(" ".join(_pages(tmp_path / "r.pdf")))
    assert said in text and "shown differ most" not in text
    demo_built(write_docx, tmp_path / "r.docx")
    assert any(said in p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs)
    demo_built(build_html, tmp_path / "r.html")
    assert said in (tmp_path / "r.html").read_text(encoding="utf-8")
    wider = [replace_size(gaps[0], 2), *gaps[1:]]  # one gap of two levels, then twelve of one
    assert gaps_lead(wider, 5).endswith(f"{len(gaps)} factors differ; the five shown differ most, ties in the "
                                        "order of this report.")
    clear = [replace_size(g, 2) for g in gaps[:5]] + gaps[5:6]  # five of two levels, one of one
    assert gaps_lead(clear, 5).endswith("6 factors differ; the five shown differ most.")
    assert gaps_lead(gaps[:5], 5).endswith("the conversations most worth having.")


def replace_size(gap, size: int):  # type: ignore[no-untyped-def]
    """The same factor with a wider gap (the client two levels below the provider)."""
    from dataclasses import replace

    return replace(gap, client=gap.provider - size)
