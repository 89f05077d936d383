"""The board deck read back with python-pptx: 16:9, the slides, native radar charts with the
scores and alt text, branding colours and logo, and names never formulas in chart workbooks."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu

from mutuality_desktop.core.branding import BrandingProfile, Logo
from mutuality_desktop.core.framework import MUTUALITY
from mutuality_desktop.core.office.deck import write_pptx
from mutuality_desktop.core.report import ReportData

from .conftest import ROUND_LABEL


def texts(slide: object) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]  # type: ignore[attr-defined]


def charts(slide: object) -> list[object]:
    return [s for s in slide.shapes if s.has_chart]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def demo_deck(demo_outputs) -> object:  # type: ignore[no-untyped-def]
    """write_pptx_file of the demo, built once per session (tests/conftest.py)."""
    out = demo_outputs.pptx
    assert demo_outputs.warnings["pptx"] == []
    return Presentation(str(out))


def test_sixteen_by_nine_with_the_board_slides(demo_deck: object, demo_data: ReportData) -> None:
    prs = demo_deck
    assert prs.slide_width / prs.slide_height == pytest.approx(16 / 9, rel=0.01)  # type: ignore[attr-defined]
    slides = list(prs.slides)  # type: ignore[attr-defined]
    titles = [texts(s) for s in slides]
    title_box = next(s for s in prs.slide_layouts[0].placeholders if s.placeholder_format.idx == 0)  # type: ignore[attr-defined]
    assert title_box.left + title_box.width <= prs.slide_width  # type: ignore[attr-defined]
    assert title_box.width > prs.slide_width * 0.8  # type: ignore[attr-defined]  # a new slide fits 16:9
    assert demo_data.info.title in titles[0]
    flat = [" ".join(t) for t in titles]
    for wanted in ("Headline figures", "The value-for-money dimensions", "Mutuality: how each side",
                   "What moved since Baseline", "Largest perception gaps", "Strengths and improvement priorities",
                   "Action plan"):
        assert any(wanted in t for t in flat), wanted
    assert "Mutuality index" in flat[1] and "/ 100" in flat[1]


def test_radars_are_native_editable_charts_with_the_scores(demo_deck: object, demo_data: ReportData) -> None:
    slides = list(demo_deck.slides)  # type: ignore[attr-defined]
    frames = [f for s in slides for f in charts(s)]
    assert len(frames) == 3
    assert all(f.chart.chart_type == XL_CHART_TYPE.RADAR_MARKERS for f in frames)  # type: ignore[attr-defined]
    mutuality = next(f for f in frames if len(f.chart.plots[0].categories) == 15)  # type: ignore[attr-defined]
    chart = mutuality.chart  # type: ignore[attr-defined]
    factors = demo_data.framework.dimension(MUTUALITY).factors
    # names wrap onto short lines (a line break in the category) so the circle can be large
    # and a factor the room could not agree says so (play-through 4)
    assert [" ".join(c.split()) for c in chart.plots[0].categories] == [
        f.name + (" (not agreed)" if demo_data.scores[(f.id, "agreed")].level is None else "") for f in factors]
    series = {s.name: list(s.values) for s in chart.plots[0].series}
    assert set(series) == {"Agreed", "Client view", "Provider view"}
    # the demo's Follow-up has one factor the room could not agree: no agreed point is drawn for it
    agreed = [demo_data.scores[(f.id, "agreed")].level for f in factors]
    assert agreed.count(None) == 1
    assert series["Agreed"] == [None if level is None else float(level) for level in agreed]
    alt = mutuality._element.nvGraphicFramePr.cNvPr.get("descr")  # type: ignore[attr-defined]
    assert factors[0].name in alt and "client" in alt and "provider" in alt
    assert chart.value_axis.maximum_scale == demo_data.framework.scale.maximum


def test_brand_colours_and_a_png_logo(demo_data: ReportData, tmp_path: Path) -> None:
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (300, 100), "#AA3300").save(png, "PNG")
    branding = BrandingProfile(consultancy_name="Acme Advisory", primary_colour="#7A1F5C",
                               accent_colour="#E0A100", logo=Logo("png", png.getvalue(), "acme.png"))
    out = tmp_path / "branded.pptx"
    assert write_pptx(demo_data, out, branding) == []
    prs = Presentation(str(out))
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == len(prs.slides)  # the logo on every slide
    assert {p._element.nvPicPr.cNvPr.get("descr") for p in pictures} == {"Logo of Acme Advisory"}
    first = prs.slides[0]
    assert "Prepared by Acme Advisory" in texts(first)
    band = first.shapes[0]
    assert str(band.fill.fore_color.rgb) == "7A1F5C"
    title = prs.slides[1].shapes[2].text_frame.paragraphs[0].runs[0]
    assert str(title.font.color.rgb) == "7A1F5C"
    assert Emu(band.width) == prs.slide_width
    from pptx.opc.constants import RELATIONSHIP_TYPE

    theme = prs.slide_master.part.part_related_by(RELATIONSHIP_TYPE.THEME).blob.decode()
    assert '<a:accent1><a:srgbClr val="7A1F5C"/></a:accent1>' in theme  # added charts match the brand


def test_an_svg_logo_is_drawn_on_every_slide_and_an_unreadable_one_is_named(
        demo_data: ReportData, tmp_path: Path) -> None:
    from PIL import Image

    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    branding = replace(BrandingProfile(), logo=Logo("svg", svg, "mark.svg"))
    assert write_pptx(demo_data, tmp_path / "svg.pptx", branding) == []
    prs = Presentation(str(tmp_path / "svg.pptx"))
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == len(prs.slides)
    image = Image.open(io.BytesIO(pictures[0].image.blob)).convert("RGBA")
    assert image.getpixel((image.width // 2, image.height // 2)) == (0, 0, 0, 255)  # the black square
    broken = replace(BrandingProfile(), logo=Logo("svg", b"<svg", "broken.svg"))
    warnings = write_pptx(demo_data, tmp_path / "broken.pptx", broken)
    assert len(warnings) == 1 and "broken.svg" in warnings[0] and "PNG" in warnings[0]


def test_chart_workbooks_hold_names_as_text(hostile_data: ReportData, tmp_path: Path) -> None:
    """python-pptx's own chart workbook would turn the round label "=SUM(1,2)" into a formula."""
    out = tmp_path / "hostile.pptx"
    write_pptx(hostile_data, out)
    prs = Presentation(str(out))
    frames = [f for s in prs.slides for f in charts(s)]
    names = [s.name for f in frames for s in f.chart.plots[0].series]  # type: ignore[attr-defined]
    assert f"{ROUND_LABEL} agreed" in names
    for frame in frames:
        blob = frame.chart.part.chart_workbook.xlsx_part.blob  # type: ignore[attr-defined]
        book = openpyxl.load_workbook(io.BytesIO(blob))
        cells = [c for row in book.active.iter_rows() for c in row]
        assert all(c.data_type != "f" for c in cells)
    assert any(c.value == f"{ROUND_LABEL} agreed" for f in frames for c in [
        cell for row in openpyxl.load_workbook(io.BytesIO(
            f.chart.part.chart_workbook.xlsx_part.blob)).active.iter_rows() for cell in row])  # type: ignore[attr-defined]


def test_long_action_plans_run_over_several_slides(demo_data: ReportData, tmp_path: Path) -> None:
    out = tmp_path / "actions.pptx"
    write_pptx(demo_data, out)
    prs = Presentation(str(out))
    plan = [s for s in prs.slides if any(t.startswith("Action plan") for t in texts(s))]
    pages = -(-len(demo_data.actions) // 7)
    assert len(plan) == pages
    rows = sum(len(s.shapes[-1].table.rows) - 1 for s in plan if s.shapes[-1].has_table)
    assert rows == len(demo_data.actions)
