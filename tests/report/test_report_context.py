"""The report's cover and basis state the engagement's context and what the regime means (issue 21)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import openpyxl
import pypdf

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.office.word import write_docx_file
from mutuality_desktop.core.office.workbook import write_xlsx_file
from mutuality_desktop.core.operations import UpdateInfo
from mutuality_desktop.core.report import build_report_file
from mutuality_desktop.core.report.html import build_html_file

INFO = EngagementInfo(
    title="Waste and street cleansing review",
    client_organisation="Westbury Council",
    provider_organisation="Kerbside Services Ltd",
    contract_annual_value=12_500_000,
    workshop_date=dt.date(2026, 3, 12),
)


def flat(text: str) -> str:
    return " ".join(text.split())


def engagement(tmp_path: Path, **context: str) -> Path:
    path = tmp_path / "context.mutuality"
    with Engagement.create(path, INFO) as e:
        rid = e.rounds()[0].id
        for f in e.framework.dimension("mutuality").factors:
            e.set_score(rid, f.id, "agreed", 2)
        if context:
            e.apply(UpdateInfo(context))
    return path


def test_pdf_and_html_state_the_context_and_what_the_act_requires(tmp_path: Path) -> None:
    path = engagement(tmp_path, procurement_regime="pa2023", authority_type="Unitary authority",
                      contract_model="Outsourced service")
    pdf = tmp_path / "report.pdf"
    build_report_file(path, pdf)
    text = flat(" ".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages))
    cover = flat(pypdf.PdfReader(str(pdf)).pages[0].extract_text())
    for label, value in (("PROCUREMENT REGIME", "Procurement Act 2023"),
                         ("AUTHORITY TYPE", "Unitary authority"), ("CONTRACT MODEL", "Outsourced service")):
        assert f"{label} {value}" in cover
    assert "at least three key performance indicators set and published (section 52)" in text
    assert "contract performance notice" in text
    assert "£12,500,000, is itself above £5 million" in text
    html = tmp_path / "report.html"
    build_html_file(path, html)
    page = flat(re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8")))
    assert "Procurement regime Procurement Act 2023" in page
    assert "Contract model Outsourced service" in page
    assert "at least three key performance indicators" in page


def test_word_and_excel_carry_the_context(tmp_path: Path) -> None:
    path = engagement(tmp_path, procurement_regime="pcr2015", contract_model="Joint venture")
    book = tmp_path / "scores.xlsx"
    write_xlsx_file(path, book)
    about = {row[0]: row[1] for row in openpyxl.load_workbook(book)["About"].iter_rows(values_only=True)}
    assert about["Procurement regime"] == "Public Contracts Regulations 2015"
    assert about["Contract model"] == "Joint venture"
    assert "Authority type" not in about  # not recorded: not claimed
    assert "do not apply" in about["What the regime means"]
    doc = tmp_path / "report.docx"
    write_docx_file(path, doc)
    words = flat(" ".join(
        [p.text for p in docx.Document(str(doc)).paragraphs]
        + [c.text for t in docx.Document(str(doc)).tables for r in t.rows for c in r.cells]))
    assert "Public Contracts Regulations 2015" in words and "Joint venture" in words
    assert "stays under them for its life" in words


def test_a_report_without_context_says_nothing_about_it(tmp_path: Path) -> None:
    path = engagement(tmp_path)
    pdf = tmp_path / "report.pdf"
    build_report_file(path, pdf)
    text = flat(" ".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages))
    cover = flat(pypdf.PdfReader(str(pdf)).pages[0].extract_text())
    assert "PROCUREMENT REGIME" not in cover and "AUTHORITY TYPE" not in cover
    assert "Procurement regime:" not in text and "contract performance notice rating" not in text


def test_the_comparison_says_which_guide_both_rounds_were_scored_on(tmp_path: Path) -> None:
    path = tmp_path / "two.mutuality"
    with Engagement.create(path, INFO) as e:
        base = e.rounds()[0].id
        follow = e.add_round("Follow-up", dt.date(2026, 9, 1)).id
        for f in e.framework.dimension("mutuality").factors:
            e.set_score(base, f.id, "agreed", 2)
            e.set_score(follow, f.id, "agreed", 3)
        version = e.framework.version
    pdf = tmp_path / "two.pdf"
    build_report_file(path, pdf)
    text = flat(" ".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages))
    sentence = (f"Both rounds were scored against version {version} of the scoring guide, kept in the "
                "engagement file, so no factor's wording differs between them.")
    assert sentence in text.replace("\u2019", "'")
    html = tmp_path / "two.html"
    build_html_file(path, html)
    assert sentence in flat(re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8"))).replace("&#x27;", "'")
