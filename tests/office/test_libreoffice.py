"""The outputs opened by another program: LibreOffice converts each to PDF headlessly, and the
PDF holds what Word, Excel and PowerPoint users would see (pages, headings, header, charts)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pypdf
import pytest

from mutuality_desktop.core.office.deck import write_pptx
from mutuality_desktop.core.office.word import write_docx
from mutuality_desktop.core.office.workbook import write_xlsx
from mutuality_desktop.core.report import ReportData

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                                "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui "
                                "libreoffice-impress-nogui to run these checks")


def convert(files: list[Path], folder: Path) -> list[Path]:
    """Convert to PDF with a private LibreOffice profile (parallel runs do not share one)."""
    profile = folder / "lo-profile"
    subprocess.run([str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder / "pdf"), *map(str, files)],
                   check=True, capture_output=True, timeout=300)
    return [folder / "pdf" / f"{f.stem}.pdf" for f in files]


def pages(pdf: Path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(str(pdf)).pages]


@pytest.fixture(scope="module")
def converted(demo_data: ReportData, demo_outputs,  # type: ignore[no-untyped-def]
              tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    folder = tmp_path_factory.mktemp("libreoffice")
    template = folder / "acme.docx"
    house = docx.Document()
    house.styles["Heading 1"].font.name = "Courier New"
    house.sections[0].header.paragraphs[0].text = "ACME HOUSE HEADER {{client}}"
    house.save(str(template))
    files = [folder / "report.docx", folder / "acme-report.docx", folder / "book.xlsx", folder / "deck.pptx"]
    demo_outputs.copy("docx", files[0])  # the demo's Word report, built once per session
    write_docx(demo_data, files[1], template=template)
    write_xlsx(demo_data, files[2])
    write_pptx(demo_data, files[3])
    pdfs = convert(files, folder)
    if shutil.which("pdftoppm"):  # the first page of each as a picture, for a person to look at
        for pdf in pdfs:
            subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(pdf.with_suffix(""))],
                           check=True, timeout=120)
    return {f.stem: pages(pdf) for f, pdf in zip(files, pdfs, strict=True)}


def test_the_word_report_converts_with_every_section_and_page_numbers(converted: dict[str, list[str]],
                                                                      demo_data: ReportData) -> None:
    report = converted["report"]
    assert len(report) > 30
    text = " ".join(report)
    for name in ("Executive summary", "Action plan", "Participants", "The scoring guide",
                 *[f.name for f in demo_data.framework.factors]):
        assert name in text, name
    assert report[4].endswith("Page 5") or "Page 5" in report[4]  # the footer's PAGE field
    assert "Follow-up assessment" in report[2]  # the running header from the default template


def test_the_house_template_header_is_honoured(converted: dict[str, list[str]], demo_data: ReportData) -> None:
    acme = converted["acme-report"]
    assert f"ACME HOUSE HEADER {demo_data.info.client_organisation}" in acme[1]


def test_the_workbook_and_deck_convert(converted: dict[str, list[str]], demo_data: ReportData) -> None:
    book = " ".join(converted["book"])
    assert "Radar charts per round" in book and demo_data.framework.factors[0].name in book
    deck = converted["deck"]
    assert len(deck) >= 8
    assert "Headline figures" in deck[1]
    assert any("Joint objective setting" in page for page in deck[2:5])  # the radar's axis labels


def test_no_word_in_a_deck_table_is_broken_across_lines(converted: dict[str, list[str]], demo_data: ReportData,
                                                        tmp_path: Path) -> None:
    """Every word in the deck's tables is whole on its slide as LibreOffice lays it out: the
    priorities slide's Dimension column once broke "Effectiveness" into "Effectivenes" and "s"."""
    import re

    from pptx import Presentation

    deck = converted["deck"]
    write_pptx(demo_data, tmp_path / "deck.pptx")  # the deck that was converted, to read its tables
    slides = Presentation(str(tmp_path / "deck.pptx")).slides
    assert len(slides) == len(deck)
    checked = 0
    for number, (slide, text) in enumerate(zip(slides, deck, strict=True), start=1):
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            for cell in (c for row in shape.table.rows for c in row.cells):
                for word in re.findall(r"[A-Za-z]{6,}", cell.text):
                    checked += 1
                    assert re.search(rf"\b{word}\b", text), f"slide {number}: '{word}' is broken"
    assert checked > 50


def test_no_word_in_a_word_report_table_is_broken_across_lines(converted: dict[str, list[str]], demo_outputs,
                                                               tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The same in the Word report: the action plan's Due column once broke "OVERDUE" into
    "OVERDU" and "E"."""
    import re

    text = " ".join(converted["report"])
    report = docx.Document(str(demo_outputs.copy("docx", tmp_path / "report.docx")))
    words = [word for table in report.tables for row in table.rows for cell in row.cells
             for word in re.findall(r"[A-Za-z]{6,}", cell.text)]
    assert len(words) > 500 and "OVERDUE" in words
    broken = sorted({word for word in words if not re.search(rf"\b{word}\b", text)})
    assert broken == []



def test_a_long_list_of_changes_stays_on_its_slide_above_the_footer(demo_data: ReportData, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The movement slide's bullets shrink to fit their box, and what still does not fit is left to
    the report (play-through s12: a three-round engagement's list ran over the footer and off the
    slide). LibreOffice lays the slide out; every line of text is read back with its height."""
    from mutuality_desktop.core.office import deck as deck_module
    from mutuality_desktop.core.office.deck_parts import MORE_IN_REPORT

    sentence = ("At factor level, the agreed level of Price benchmarking and competitive tension went from "
                "3 to 2 after the room weighed the indexation evidence again, like for like on both sides. ")
    monkeypatch.setattr(deck_module, "movement", lambda data: [sentence * 2] * 6)
    write_pptx(demo_data, tmp_path / "deck.pptx")
    (pdf,) = convert([tmp_path / "deck.pptx"], tmp_path)
    page = pypdf.PdfReader(str(pdf)).pages[4]
    height = float(page.mediabox.height)
    seen: list[tuple[float, str]] = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: seen.append((tm[5] * cm[3] + cm[5], text))
                      if text.strip() else None)
    body = [(y, t) for y, t in seen if "Confidential" not in t and not t.strip().isdigit()]
    footer = next(y for y, t in seen if "Confidential" in t)
    lowest = min(y for y, t in body if "like for like" in t or MORE_IN_REPORT in t)
    assert footer < lowest < height  # every bullet line above the footer line
    assert any(MORE_IN_REPORT in t for _, t in body)
