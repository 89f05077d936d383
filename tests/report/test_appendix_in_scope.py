"""The scoring-guide appendix prints every dimension the round covers, a dimension not yet scored
included and marked as such (play-through s6: Economy, in scope but unscored, was left out, and the
room had no guide text for it). PDF, web page and Word read back as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.report import collect_report_data
from mutuality_desktop.core.report.build import build_report
from mutuality_desktop.core.report.data import ReportData
from mutuality_desktop.core.report.html import build_html
from mutuality_desktop.core.report.sections_back import appendix_lead, guide_dimensions


def _data(path: Path) -> ReportData:
    with Engagement.create(path, EngagementInfo("Review", "Council", "Provider Ltd")) as e:
        rid = e.rounds()[0].id
        e.set_scope(rid, ["mutuality", "economy"])
        factor = e.framework.dimension("mutuality").factors[0]
        e.set_score(rid, factor.id, "agreed", 3)
        return collect_report_data(e)


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    import docx
    from pypdf import PdfReader

    from mutuality_desktop.core.office.word import write_docx

    d = tmp_path_factory.mktemp("appendix")
    data = _data(d / "e.mutuality")
    build_report(data, d / "r.pdf")
    build_html(data, d / "r.html")
    write_docx(data, d / "r.docx")
    pdf = " ".join(p.extract_text() for p in PdfReader(str(d / "r.pdf")).pages)
    word = "\n".join(p.text for p in docx.Document(str(d / "r.docx")).paragraphs)
    return {"pdf": " ".join(pdf.split()), "html": (d / "r.html").read_text(encoding="utf-8"),
            "docx": word}


def test_an_in_scope_dimension_with_no_scores_is_in_the_appendix(tmp_path: Path) -> None:
    data = _data(tmp_path / "e.mutuality")
    assert [d.id for d in guide_dimensions(data)] == ["mutuality", "economy"]
    lead = appendix_lead(data)
    assert "Economy is in this round but not yet scored; its descriptions are included, marked as such." in lead


@pytest.mark.parametrize("kind", ["pdf", "html", "docx"])
def test_every_output_prints_it_marked_not_yet_scored(texts: dict[str, str], kind: str) -> None:
    text = texts[kind]
    assert "Economy (not yet scored)" in text
    from mutuality_desktop.core.framework import default_framework

    economy = default_framework().dimension("economy").factors[0]
    assert economy.descriptor(3)[:40] in " ".join(text.split())  # its level descriptions are printed
