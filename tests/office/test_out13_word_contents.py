"""Play-through 8: the Word report's contents page showed no page numbers in LibreOffice (a TOC
field, whose stored text LibreOffice shows as it is and python-docx cannot number). Each line is
now a link to its section's heading with the page as a PAGEREF field to a bookmark on it, which
LibreOffice works out as it lays the pages and Word updates when it opens the file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from mutuality_desktop.core.office.word import section_titles
from mutuality_desktop.core.office.word_parts import WordWriter
from mutuality_desktop.core.report import ReportData

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def report(demo_outputs, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    """The demo's Word report (write_docx of its report data), built once per session; a copy."""
    return demo_outputs.copy("docx", tmp_path_factory.mktemp("out13-word") / "report.docx")


def _contents(document: object) -> list[object]:
    """The paragraphs after the "Contents" title, up to the next page's first heading."""
    paragraphs = document.paragraphs  # type: ignore[attr-defined]
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Contents") + 1
    out = []
    for p in paragraphs[start:]:
        if p._p.find(qn("w:hyperlink")) is None and not p.text:
            continue
        if p.style.name.startswith("Heading") or p.paragraph_format.page_break_before:
            break
        out.append(p)
    return out


def test_each_contents_line_links_to_its_heading_and_numbers_its_page(report: Path, demo_data: ReportData) -> None:
    document = docx.Document(str(report))
    lines = _contents(document)
    titles = section_titles(demo_data)
    body = document.element.body
    marks = {m.get(qn("w:name")): m for m in body.iter(qn("w:bookmarkStart"))}
    assert [next(p._p.iter(qn("w:t"))).text for p in lines] == titles
    for paragraph, title in zip(lines, titles, strict=True):
        link = paragraph._p.find(qn("w:hyperlink"))
        anchor = link.get(qn("w:anchor"))
        codes = [t.text.split() for t in link.iter(qn("w:instrText"))]
        assert codes == [["PAGEREF", anchor, "\\h"]], "the page number is a field on the heading's bookmark"
        heading = marks[anchor].getparent()
        style = heading.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val"))
        assert style == "Heading1" and heading.xpath("string(.)") == title
    # no TOC field LibreOffice would show as its stored text, and Word asked to update the numbers
    assert not [t for t in body.iter(qn("w:instrText")) if t.text.split()[0] == "TOC"]
    assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_a_contents_line_whose_heading_never_came_keeps_only_its_text() -> None:
    """Word would print "Error! Bookmark not defined." for a PAGEREF to no bookmark."""
    w = WordWriter(docx.Document(), "#1F3A5F")
    w.contents(["Executive summary", "Action plan"])
    w.heading("Executive summary", 1)
    w.finish_contents()
    first, second = w.doc.paragraphs[0], w.doc.paragraphs[1]
    assert first._p.find(qn("w:hyperlink")) is not None
    assert second._p.find(qn("w:hyperlink")) is None and second.text == "Action plan"
    assert not list(second._p.iter(qn("w:instrText")))


@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and pdftotext are needed for the rendering check")
def test_libreoffice_shows_the_page_of_each_section_on_the_contents_page(report: Path, demo_data: ReportData,
                                                                          tmp_path: Path) -> None:
    profile = tmp_path / "lo-profile"
    subprocess.run([str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(report)],
                   check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    pages = text.split("\f")
    contents = next(p for p in pages if re.search(r"^\s*Contents\s*$", p, re.M))
    for title in section_titles(demo_data):
        found = re.search(rf"^\s*{re.escape(title)}\s*\.*\s*(\d+)\s*$", contents, re.M)
        assert found, f"{title}: no page number on the contents page"
        page = pages[int(found.group(1)) - 1]
        assert re.search(rf"^\s*{re.escape(title)}\s*$", page, re.M), f"{title} is not on page {found.group(1)}"
