"""The Word report read back with python-docx: headings, tables, charts with alt text, literal
user text, and the house template as master (styles, cover, headers, placeholders, .dotx)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from mutuality_desktop.core.branding import BrandingProfile
from mutuality_desktop.core.framework import MUTUALITY
from mutuality_desktop.core.office import OfficeError
from mutuality_desktop.core.office.house_template import (
    build_default_template,
    default_template_path,
)
from mutuality_desktop.core.office.word import write_docx, write_docx_file
from mutuality_desktop.core.report import ReportData

from .conftest import FORMULA, MARKUP, WELSH


def headings(document: docx.document.Document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == f"Heading {level}"]


def all_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def alt_texts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml")
    tree = docx.oxml.parse_xml(xml)
    return [e.get("descr") for e in tree.iter("{http://schemas.openxmlformats.org/drawingml/2006/"
                                              "wordprocessingDrawing}docPr")]


@pytest.fixture(scope="module")
def demo_docx(demo_outputs) -> Path:  # type: ignore[no-untyped-def]
    """The demo's Word report (write_docx of its report data), built once per session."""
    assert demo_outputs.docx and demo_outputs.warnings["docx"] == []
    return demo_outputs.docx


def test_sections_are_real_word_headings_in_the_pdf_order(demo_docx: Path, demo_data: ReportData) -> None:
    document = docx.Document(str(demo_docx))
    fw = demo_data.framework
    expected = ["Executive summary", *[d.name for d in fw.workshop_order()],
                "Round-over-round comparison", "Action plan",
                *(["Points parked"] if demo_data.parking else []), "Participants",
                "How to read this report", "The scoring guide"]
    assert headings(document, 1) == expected
    level3 = headings(document, 3)
    for factor in fw.factors:  # once in its dimension, once in the scoring guide
        assert level3.count(f"{factor.number} {factor.name}") == 2
    assert "Key findings" in headings(document, 2)
    contents = next(p for p in document.paragraphs if p.text == "Contents")
    assert contents.style.name == "TOC Heading"  # left out of the contents Word builds
    assert "Largest perception gaps" in headings(document, 2)


def test_heading_styles_carry_outline_levels_for_the_navigation_pane(demo_docx: Path) -> None:
    document = docx.Document(str(demo_docx))
    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        outline = style.element.pPr.find(qn("w:outlineLvl"))
        assert outline is not None and outline.get(qn("w:val")) == str(level - 1)


def test_tables_are_real_tables_with_the_factor_levels(demo_docx: Path, demo_data: ReportData) -> None:
    document = docx.Document(str(demo_docx))
    glance = next(t for t in document.tables if [c.text for c in t.rows[0].cells][:3] == ["#", "Factor", "Client"])
    mutuality = demo_data.framework.dimension(MUTUALITY)
    assert [row.cells[1].text for row in glance.rows[1:]] == [f.name for f in mutuality.factors]
    first = mutuality.factors[0]
    agreed = demo_data.scores[(first.id, "agreed")].level
    assert glance.rows[1].cells[4].text.startswith(f"{agreed} · ")
    header = glance.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None  # repeats on each page


def test_charts_are_high_resolution_pictures_with_alt_text_stating_values(
        demo_docx: Path, demo_data: ReportData) -> None:
    document = docx.Document(str(demo_docx))
    # the shipped logo on the cover, then the dimensions, mutuality and movement charts
    assert len(document.inline_shapes) == 4
    shape = document.inline_shapes[1]
    blob = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = document.part.related_parts[blob].image
    assert image.px_width / (shape.width / 914400) >= 180  # about 2x a 96 dpi screen
    logo, *alts = alt_texts(demo_docx)
    assert logo.startswith("Logo")
    assert len(alts) == 3 and all(alts)
    dims = alts[0]
    for d in demo_data.framework.dimensions:
        assert d.name in dims
    assert "Economy: Follow-up agreed 2.8, Baseline agreed 2.8." in dims
    first = demo_data.framework.dimension(MUTUALITY).factors[0]
    levels = [demo_data.scores[(first.id, p)].level for p in ("agreed", "client", "provider")]
    assert f"{first.name}: agreed {levels[0]}, client {levels[1]}, provider {levels[2]}." in alts[1]


def test_a_png_logo_leads_the_cover_with_alt_text(demo_data: ReportData, tmp_path: Path) -> None:
    from PIL import Image

    from mutuality_desktop.core.branding import BrandingProfile, Logo

    png = io.BytesIO()
    Image.new("RGB", (300, 100), "#AA3300").save(png, "PNG")
    out = tmp_path / "logo.docx"
    write_docx(demo_data, out, BrandingProfile(consultancy_name="Acme", logo=Logo("png", png.getvalue(), "a.png")))
    assert alt_texts(out)[0] == "Logo of Acme"
    assert len(docx.Document(str(out)).inline_shapes) == 4


def test_user_text_is_literal_and_control_characters_are_dropped(hostile_data: ReportData,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "hostile.docx"
    write_docx(hostile_data, out)
    document = docx.Document(str(out))
    text = all_text(document)
    assert FORMULA in text
    assert MARKUP in text  # not markup, not a placeholder
    assert WELSH in text
    assert "\x07" not in text and "second line with a bell" in text
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode()
    fields = [i for i in docx.oxml.parse_xml(body.encode()).iter(qn("w:instrText"))]
    # the contents' page references are the only fields (out13): no user text became a field
    assert fields and {f.text.split()[0] for f in fields} == {"PAGEREF"}


def _distinctive_template(path: Path, marker: bool = True) -> None:
    document = docx.Document()
    heading = document.styles["Heading 1"]
    heading.font.name = "Courier New"
    heading.font.size = Pt(31)
    heading.font.color.rgb = RGBColor(0xC0, 0x10, 0x10)
    section = document.sections[0]
    section.header.paragraphs[0].text = "ACME CONSULTING for {{client}}"
    section.footer.paragraphs[0].text = "ACME footer: {{title}}"
    document.add_paragraph("ACME cover: {{title}}, {{round}} assessment of {{provider}}")
    if marker:
        document.add_paragraph("{{report}}")
        document.add_paragraph("ACME back page")
    else:
        document.add_paragraph("Sample body text the report replaces")
    document.save(str(path))


@pytest.fixture(scope="module")
def small_data(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    """A small engagement's report data (two rounds, six factors scored, one action), for the
    template tests: what a house template does to the report does not depend on its length, and
    the demo's whole report is two seconds of processor a time."""
    import datetime as dt

    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.model import EngagementInfo
    from mutuality_desktop.core.report import collect_report_data

    info = EngagementInfo(title="Highways partnership review", client_organisation="Northmoor Borough Council",
                          provider_organisation="Castleway Services Ltd", workshop_date=dt.date(2026, 3, 12))
    with Engagement.create(tmp_path_factory.mktemp("word-small") / "small.mutuality", info) as eng:
        factors = eng.framework.dimension(MUTUALITY).factors[:3] + eng.framework.factors[:3]
        base = eng.rounds()[0].id
        for factor in factors:
            eng.set_score(base, factor.id, "agreed", 2)
        rid = eng.add_round("Follow-up", dt.date(2026, 10, 8)).id
        for i, factor in enumerate(factors):
            eng.set_score(rid, factor.id, "client", i % 6)
            eng.set_score(rid, factor.id, "provider", (i + 2) % 6)
            eng.set_score(rid, factor.id, "agreed", (i + 1) % 6)
        eng.add_action(factors[0].id, "Agree the exit plan with both boards", owner="Ann Smith", side="joint")
        eng.add_participant("Ann Smith", "Director", "client")
        return collect_report_data(eng)


def test_a_house_template_is_the_master(small_data: ReportData, tmp_path: Path) -> None:
    template = tmp_path / "acme.docx"
    _distinctive_template(template)
    out = tmp_path / "acme-report.docx"
    write_docx(small_data, out, template=template)
    document = docx.Document(str(out))
    style = document.styles["Heading 1"]
    assert style.font.name == "Courier New" and style.font.size == Pt(31)
    info = small_data.info
    assert document.sections[0].header.paragraphs[0].text == f"ACME CONSULTING for {info.client_organisation}"
    assert document.sections[0].footer.paragraphs[0].text == f"ACME footer: {info.title}"
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == (f"ACME cover: {info.title}, {small_data.current.label} assessment of "
                        f"{info.provider_organisation}")
    assert texts[-1] == "ACME back page"
    assert "{{report}}" not in texts
    assert not any(p.style.name == "Title" for p in document.paragraphs)  # the firm's cover instead of ours
    assert "Executive summary" in headings(document, 1)


def test_without_a_marker_the_template_body_is_replaced(small_data: ReportData, tmp_path: Path) -> None:
    template = tmp_path / "plain.docx"
    _distinctive_template(template, marker=False)
    out = tmp_path / "plain-report.docx"
    write_docx(small_data, out, template=template)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Sample body text the report replaces" not in texts
    assert small_data.info.title in texts  # the app's own cover


def test_a_template_without_heading_styles_gets_them(small_data: ReportData, tmp_path: Path) -> None:
    """Word saves Heading 1 into a file only once it is used: a bare template lacks it."""
    document = docx.Document()
    for style in list(document.styles):
        if style.type == WD_STYLE_TYPE.PARAGRAPH and style.name.startswith(("Heading", "Title", "Caption",
                                                                             "List Bullet")):
            style.element.getparent().remove(style.element)
    template = tmp_path / "bare.docx"
    document.save(str(template))
    out = tmp_path / "bare-report.docx"
    write_docx(small_data, out, template=template)
    result = docx.Document(str(out))
    assert "Executive summary" in headings(result, 1)
    assert any(p.text.startswith("•\t") for p in result.paragraphs)  # bullets without List Bullet


def test_a_dotx_template_is_accepted(small_data: ReportData, tmp_path: Path) -> None:
    raw = default_template_path().read_bytes()
    out_zip = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out_zip, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            dst.writestr(item, data)
    template = tmp_path / "house.dotx"
    template.write_bytes(out_zip.getvalue())
    out = tmp_path / "from-dotx.docx"
    write_docx(small_data, out, template=template)
    with zipfile.ZipFile(out) as z:
        assert b"document.main+xml" in z.read("[Content_Types].xml")


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_a_template_that_is_not_a_word_file_is_explained(demo_data: ReportData, tmp_path: Path,
                                                         content: bytes) -> None:
    template = tmp_path / "bad.docx"
    template.write_bytes(content)
    out = tmp_path / "never.docx"
    with pytest.raises(OfficeError, match="bad.docx is not a Word document|bad.docx is damaged"):
        write_docx(demo_data, out, template=template)
    assert not out.exists()


def test_the_shipped_template_is_what_its_script_builds(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.docx"
    build_default_template(fresh)
    shipped, built = docx.Document(str(default_template_path())), docx.Document(str(fresh))
    assert {s.name for s in shipped.styles} == {s.name for s in built.styles}
    with zipfile.ZipFile(default_template_path()) as a, zipfile.ZipFile(fresh) as b:
        for part in ("word/styles.xml", "word/header1.xml", "word/footer1.xml", "word/document.xml"):
            assert a.read(part) == b.read(part), part


def test_the_default_template_has_a_running_header_and_page_numbers(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli.docx"
    write_docx_file(demo_file, out, round_label="Baseline")
    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.different_first_page_header_footer  # no header on the cover
    assert "Baseline assessment" in section.header.paragraphs[0].text
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "w:fldChar" in footer
    assert document.settings.element.find(qn("w:updateFields")) is not None
    assert "Round-over-round comparison" not in headings(document, 1)  # one round only


def test_the_action_plan_groups_actions_under_their_factor(demo_docx: Path, demo_data: ReportData) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document(str(demo_docx))
    plan = next(t for t in document.tables if [c.text for c in t.rows[0].cells][:2] == ["#", "Action"])
    band = plan.rows[1]
    assert band.cells[0].text == "Joint objective setting · Mutuality"
    assert band.cells[0]._tc.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "6"  # spans the row
    assert band.cells[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    numbers = [r.cells[0].text for r in plan.rows[1:] if r.cells[0].text.isdigit()]
    assert numbers == [str(n) for n in range(1, len(demo_data.actions) + 1)]


def test_a_placeholder_word_split_across_runs_is_filled(small_data: ReportData, tmp_path: Path) -> None:
    """Word splits typed text into runs (spell check, edits); the page number field stays whole."""
    from mutuality_desktop.core.office.house_template import add_field

    house = docx.Document()
    footer = house.sections[0].footer.paragraphs[0]
    for piece in ("Prepared for {{cli", "ent}} by {{", "consultancy}} · page "):
        footer.add_run(piece).bold = True
    add_field(footer, "PAGE", "1")
    template = tmp_path / "split.docx"
    house.save(str(template))
    out = tmp_path / "split-report.docx"
    write_docx(small_data, out, BrandingProfile(consultancy_name="Acme"), template=template)
    footer = docx.Document(str(out)).sections[0].footer.paragraphs[0]
    assert footer.text.startswith(f"Prepared for {small_data.info.client_organisation} by Acme · page ")
    assert "PAGE" in footer._p.xml and footer._p.xml.count("w:fldChar ") == 3
