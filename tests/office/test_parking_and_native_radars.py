"""Play-through 2, office findings 1 and 2: the Word report has the PDF's "Points parked" section
and the deck a "Points parked" slide (both left out with the report option off); the native radar
charts of the deck and the workbook have a spoke per factor of the round (none for a factor left
out of it or marked not applicable), "(not yet scored)" in the name of one not assessed, as the PDF's radar."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import docx
import openpyxl
import pptx
import pytest

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.office.deck import write_pptx
from mutuality_desktop.core.office.word import write_docx
from mutuality_desktop.core.office.workbook import write_xlsx
from mutuality_desktop.core.report import collect_report_data
from mutuality_desktop.core.report.data import ReportData

INFO = EngagementInfo("Review", "Council", "Provider Ltd", workshop_date=dt.date(2026, 3, 1))
OPEN_POINT = "Who signs off <variations> & budgets?"
RESOLVED_POINT = "Reconcile the KPI 7 data"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    """Mutuality's first factor left out of the round, its second marked not applicable (with a
    client level all the same), the next four scored, the rest not; two points parked, one resolved."""
    path = tmp_path_factory.mktemp("parked") / "r.mutuality"
    with Engagement.create(path, INFO) as e:
        rnd = e.rounds()[0]
        mutuality = e.framework.dimension("mutuality").factors
        e.set_excluded_factors(rnd.id, [mutuality[0].id])
        e.set_score(rnd.id, mutuality[1].id, "client", 4)
        e.set_not_applicable(rnd.id, mutuality[1].id, "No joint board under this contract")
        for f in mutuality[2:6]:
            for perspective in ("client", "provider", "agreed"):
                e.set_score(rnd.id, f.id, perspective, 3)
        e.apply(ops.AddParking(OPEN_POINT, "joint-governance-structure", rnd.uuid, "provider",
                               dt.datetime(2026, 3, 1, 11, 40)))
        point = e.apply(ops.AddParking(RESOLVED_POINT, raised_by=None)).result
        e.apply(ops.ResolveParking(point.uuid))
        return collect_report_data(e)


def _expected_categories(data: ReportData) -> list[str]:
    mutuality = data.framework.dimension("mutuality").factors
    return [f.name + ("" if i < 6 else " (not yet scored)") for i, f in enumerate(mutuality) if i >= 2]


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _pptx_text(path: Path) -> str:
    out = []
    for slide in pptx.Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
            if shape.has_table:
                out += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(out)


def test_word_has_the_points_parked_section_after_the_action_plan(data: ReportData, tmp_path: Path) -> None:
    write_docx(data, tmp_path / "r.docx")
    document = docx.Document(str(tmp_path / "r.docx"))
    level1 = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert level1.index("Points parked") == level1.index("Action plan") + 1
    text = _docx_text(tmp_path / "r.docx")
    assert "2 points were parked during the workshop to come back to: 1 is still open and 1 was resolved." \
        in text
    assert OPEN_POINT in text and RESOLVED_POINT in text
    assert "Joint governance structure · Baseline" in text and "Not recorded" in text
    off = replace(data, options=replace(data.options, parking=False))
    write_docx(off, tmp_path / "off.docx")
    text = _docx_text(tmp_path / "off.docx")
    assert "Points parked" not in text and OPEN_POINT not in text and RESOLVED_POINT not in text


def test_the_deck_has_a_points_parked_slide_with_every_point(data: ReportData, tmp_path: Path) -> None:
    write_pptx(data, tmp_path / "d.pptx")
    text = _pptx_text(tmp_path / "d.pptx")
    assert "Points parked" in text and OPEN_POINT in text
    assert RESOLVED_POINT in text and "Resolved" in text, "the summary under it counts the resolved one"
    off = replace(data, options=replace(data.options, parking=False))
    write_pptx(off, tmp_path / "off.pptx")
    text = _pptx_text(tmp_path / "off.pptx")
    assert "Points parked" not in text and OPEN_POINT not in text


def test_the_deck_mutuality_radar_has_a_spoke_per_factor_of_the_round(data: ReportData, tmp_path: Path) -> None:
    write_pptx(data, tmp_path / "d.pptx")
    slide = next(s for s in pptx.Presentation(str(tmp_path / "d.pptx")).slides
                 if any(sh.has_text_frame and "how each side sees" in sh.text_frame.text for sh in s.shapes))
    chart = next(sh.chart for sh in slide.shapes if sh.has_chart)
    expected = _expected_categories(data)
    assert [" ".join(c.split()) for c in chart.plots[0].categories] == expected  # names wrap on short lines
    assert len(expected) == 13
    text = "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    assert "THE 13 MUTUALITY FACTORS OF THIS ROUND" in text.upper()
    for series in chart.plots[0].series:
        assert len(list(series.values)) == 13
    client = next(s for s in chart.plots[0].series if s.name == "Client view")
    assert list(client.values)[:4] == [3.0] * 4, "the not-applicable factor's client level is not plotted"


def test_the_workbook_mutuality_radar_has_a_spoke_per_factor_of_the_round(data: ReportData,
                                                                       tmp_path: Path) -> None:
    write_xlsx(data, tmp_path / "w.xlsx")
    book = openpyxl.load_workbook(tmp_path / "w.xlsx")
    charts = book["Charts"]._charts
    assert len(charts) == 2

    def categories(chart: object) -> list[str]:
        ref = chart.series[0].cat  # type: ignore[attr-defined]
        formula = (ref.strRef or ref.numRef).f
        sheet, cells = re.fullmatch(r"'?(.+?)'?!(\S+)", formula).groups()  # type: ignore[union-attr]
        return [row[0].value for row in book[sheet][cells.replace("$", "")]]

    dimensions, mutuality = categories(charts[0]), categories(charts[1])
    assert mutuality == _expected_categories(data)
    names = [d.name for d in data.framework.dimensions]
    # the round covers Mutuality only: the others are named as outside it, as in the report (out13)
    assert dimensions == [n if n == "Mutuality" else f"{n} (not in this round)" for n in names]


def _parking_tables(path: Path) -> list[tuple[str, list[list[str]]]]:
    """(slide title, table rows under the header) of each Points parked slide."""
    out = []
    for slide in pptx.Presentation(str(path)).slides:
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        title = next((t for t in texts if t.startswith("Points parked")), None)
        if title is None:
            continue
        table = next(s.table for s in slide.shapes if s.has_table)
        out.append((title, [[c.text for c in row.cells] for row in list(table.rows)[1:]]))
    return out


def test_the_deck_prints_every_parked_point_whole_over_as_many_slides_as_it_needs(tmp_path: Path) -> None:
    """Play-through s5, finding 11: the slide showed 2 of 4 points, cut mid-sentence ("take it
    to…"), above half a slide of empty space. Every point is printed in full, continued on a
    second slide when they do not fit, and no slide holds more than its room."""
    from mutuality_desktop.core.office.deck import PARKING_ROOM, _row_height

    path = tmp_path / "many.mutuality"
    sentence = ("Who pays for the condition survey the exit asset register needs before the extension "
                "notice date (31 March 2027)? Not settled in the room; take it to the contract board "
                "with both finance directors present and a costed option each. ")
    points = [f"Point {i}: " + sentence * (1 + i % 3) for i in range(9)]
    with Engagement.create(path, INFO) as e:
        rnd = e.rounds()[0]
        for i, text in enumerate(points):
            point = e.apply(ops.AddParking(text, "joint-exit-strategy", rnd.uuid, "client")).result
            if i % 4 == 3:
                e.apply(ops.ResolveParking(point.uuid))
        data = collect_report_data(e)
    write_pptx(data, tmp_path / "d.pptx")
    slides = _parking_tables(tmp_path / "d.pptx")
    assert len(slides) >= 2
    assert [title for title, _ in slides] == [f"Points parked ({k} of {len(slides)})"
                                              for k in range(1, len(slides) + 1)]
    printed = [row[1] for _, rows in slides for row in rows]
    assert sorted(printed) == sorted(" ".join(p.split()) for p in points)  # all nine, each whole
    assert not any("…" in text for text in printed)
    statuses = [row[4] for _, rows in slides for row in rows]
    assert statuses.count("Resolved") == 2 and statuses[-2:] == ["Resolved", "Resolved"]  # open first
    for _, rows in slides:
        assert sum(_row_height(row) for row in rows) <= PARKING_ROOM or len(rows) == 1
    text = _pptx_text(tmp_path / "d.pptx")
    assert "9 points were parked during the workshop to come back to: 7 are still open and 2 were resolved." in text
