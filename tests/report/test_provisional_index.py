"""Play-through s5, finding 4: a new engagement with 2 of 13 Mutuality factors agreed led the
report with a "50 / 100 Mutuality index" box and the key finding "The mutuality index stands at
50", while its own glossary says a provisional figure is not a finding. Below the framework's
minimum coverage (three in five of the round's applicable factors agreed) the PDF, the web page,
Word and PowerPoint label it provisional in the headline box and in the key findings."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pptx
import pypdf
import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.office.deck import write_pptx
from mutuality_desktop.core.office.word import write_docx
from mutuality_desktop.core.report import build_html, build_report, collect_report_data
from mutuality_desktop.core.report.data import ReportData

INFO = EngagementInfo("Review", "Council", "Provider Ltd", workshop_date=dt.date(2026, 11, 26))
BOX = "Mutuality index, provisional: 2 of 13 factors agreed; a finding needs 8"
FINDING = ("The mutuality index is provisional, not yet a finding: only 2 of the 13 mutuality factors of "
           "this round are agreed, and the framework needs 8 (three in five) before it is one. On those "
           "agreed so far it would be 50 out of 100, between level 2, Developing, and level 3, Established.")


def _data(path: Path, agreed: int) -> ReportData:
    """Mutuality only, two factors left out (13 in the round), `agreed` of them agreed at 2 and 3."""
    with Engagement.create(path, INFO) as e:
        rnd = e.rounds()[0]
        factors = e.framework.dimension("mutuality").factors
        e.set_excluded_factors(rnd.id, [factors[13].id, factors[14].id])
        for i, f in enumerate(factors[:agreed]):
            e.set_score(rnd.id, f.id, "agreed", 2 + i % 2)
        return collect_report_data(e)


@pytest.fixture(scope="module")
def provisional(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    return _data(tmp_path_factory.mktemp("prov") / "p.mutuality", 2)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", ""))


def test_the_pdf_labels_the_index_provisional_in_the_box_and_the_key_findings(provisional, tmp_path) -> None:
    build_report(provisional, tmp_path / "r.pdf")
    reader = pypdf.PdfReader(str(tmp_path / "r.pdf"))
    summary = next(_flat(p.extract_text()) for p in reader.pages if "Executive summary" in p.extract_text()
                   and "Key findings" in p.extract_text())
    assert BOX in summary and FINDING in summary
    assert "stands at" not in summary
    assert "2 of 13 agreed, provisional" in summary  # the dimension table says so too


def test_the_web_page_says_the_same(provisional, tmp_path) -> None:
    build_html(provisional, tmp_path / "r.html")
    text = _flat(re.sub(r"<[^>]+>", " ", (tmp_path / "r.html").read_text(encoding="utf-8")))
    assert BOX in text and FINDING in text and "stands at" not in text


def test_word_says_the_same(provisional, tmp_path) -> None:
    write_docx(provisional, tmp_path / "r.docx")
    document = docx.Document(str(tmp_path / "r.docx"))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = _flat("\n".join([p.text for p in document.paragraphs] + cells))
    assert BOX in text and FINDING in text and "stands at" not in text


def test_the_deck_says_the_same(provisional, tmp_path) -> None:
    write_pptx(provisional, tmp_path / "d.pptx")
    headline = pptx.Presentation(str(tmp_path / "d.pptx")).slides[1]
    text = _flat("\n".join(s.text_frame.text for s in headline.shapes if s.has_text_frame))
    assert BOX in text and FINDING in text and "stands at" not in text


def test_with_three_in_five_agreed_the_index_is_a_finding(tmp_path) -> None:
    data = _data(tmp_path / "f.mutuality", 8)
    build_report(data, tmp_path / "r.pdf")
    text = _flat("".join(p.extract_text() for p in pypdf.PdfReader(str(tmp_path / "r.pdf")).pages[:5]))
    assert "The mutuality index stands at 50 out of 100 (8 of 13 mutuality factors of this round agreed so far)" in text
    assert "Mutuality index, provisional" not in text


def test_the_radar_note_under_a_thinly_agreed_dimension_says_provisional() -> None:
    """The Results radar printed "Mutuality 2.5, 2 of 13 factors" while the report called the same
    figure provisional (play-through s5): the chart says it too, and a well-covered one does not."""
    from mutuality_desktop.core.charts.series import dimension_notes
    from mutuality_desktop.core.framework import MUTUALITY, default_framework
    from mutuality_desktop.core.model import Score

    fw = default_framework()
    factors = fw.dimension(MUTUALITY).factors
    thin = {(f.id, "agreed"): Score(1, f.id, "agreed", 2) for f in factors[:2]}
    wide = {(f.id, "agreed"): Score(1, f.id, "agreed", 3) for f in factors[:12]}
    where = [d.id for d in fw.dimensions].index(MUTUALITY)
    assert dimension_notes(fw, thin)[where] == f"2.0, provisional\n2 of {len(factors)} factors"
    assert dimension_notes(fw, wide)[where] == f"3.0\n12 of {len(factors)} factors"
