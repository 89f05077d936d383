"""A factor the room could not agree reads "Not agreed" in every output, never "Not assessed" (guide 2.1).

Each output is written through the CLI, as a colleague would, and read back with the library that
opens it (pypdf, python-docx, openpyxl, python-pptx, the HTML text).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mutuality_desktop.core.agreement import (
    NOT_YET_AGREED,
    Agreement,
    agreed_text,
    agreement_in,
    disputes_sentence,
    previous_agreed_text,
)
from mutuality_desktop.core.charts.describe import chart_rows, describe
from mutuality_desktop.core.charts.series import RadarSeries
from mutuality_desktop.core.engagement import Engagement

from .conftest import INFO, run_cli

COMMS = "joint-communications-strategy"
NOTE = ("Not agreed. The council holds Level 3: the protocol was kept for every planned statement. "
        "The provider holds Level 1: the August statement reached it after the press.")


def _cli(*args: str) -> None:
    run_cli(*args)


@pytest.fixture(scope="module")
def disputed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Mutuality: one factor agreed at 3, one not agreed (3 against 1), one pre-scored only."""
    tmp = tmp_path_factory.mktemp("na")
    path = tmp / "dispute.mutuality"
    Engagement.create(path, INFO).close()

    def score(factor: str, perspective: str, level: int) -> dict[str, object]:
        return {"op": "set_score", "round": "Baseline", "factor": factor, "perspective": perspective, "level": level}

    ops = [score("joint-objective-setting", p, 3) for p in ("client", "provider", "agreed")]
    ops += [score(COMMS, "client", 3), score(COMMS, "provider", 1),
            {"op": "set_notes", "round": "Baseline", "factor": COMMS, "perspective": "agreed", "notes": NOTE},
            score("joint-exit-strategy", "client", 2), score("joint-exit-strategy", "provider", 1)]
    (tmp / "ops.json").write_text(json.dumps(ops), encoding="utf-8")
    _cli("apply", str(path), str(tmp / "ops.json"))
    return path


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_core_tells_not_agreed_from_not_yet_agreed_and_not_assessed(disputed: Path):
    with Engagement.open(disputed) as eng:
        scores = eng.scores(eng.rounds()[-1].id)
        scale = eng.framework.scale
        assert agreement_in(scores, COMMS) is Agreement.NOT_AGREED
        assert agreement_in(scores, "joint-exit-strategy") is Agreement.NOT_YET_AGREED
        assert agreement_in(scores, "joint-objective-setting") is Agreement.AGREED
        assert agreed_text(scale, scores, COMMS) == "Not agreed"
        # during the day the walkthrough says "Not yet agreed"; printed outputs keep "Not assessed"
        assert agreed_text(scale, scores, "joint-exit-strategy", live=True) == NOT_YET_AGREED
        assert agreed_text(scale, scores, "joint-exit-strategy") == scale.not_assessed_label
        # the walkthrough's line on the round before, in a follow-up
        assert previous_agreed_text(scale, "Baseline", scores, COMMS) == "Baseline: not agreed"
        assert previous_agreed_text(scale, "Baseline", scores, "joint-exit-strategy") == "Baseline: not assessed"
        assert previous_agreed_text(scale, "Baseline", scores, "joint-objective-setting") == (
            f"Baseline: agreed 3 {scale.name_of(3)}")
        sentence = disputes_sentence(eng.framework, scores)
        assert sentence.startswith("Not agreed by the room: Joint communications strategy (client 3 ")
        assert "provider 1 " in sentence and "Joint exit strategy" not in sentence


def test_results_table_and_chart_description_say_not_agreed(disputed: Path):
    with Engagement.open(disputed) as eng:
        series = RadarSeries(eng.framework, "mutuality", ("agreed", "client", "provider"))
        series.update([("Baseline", eng.scores(eng.rounds()[-1].id))])

    class Chart:
        pass

    chart = Chart()
    chart.series = series  # type: ignore[attr-defined]
    header, rows = chart_rows(chart)  # type: ignore[arg-type]
    by_axis = {r[0]: dict(zip(header[1:], r[1:], strict=True)) for r in rows}
    assert by_axis["Joint communications strategy"] == {"Agreed": "not agreed", "Client view": "3",
                                                        "Provider view": "1"}
    assert by_axis["Joint exit strategy"]["Agreed"] == "not yet scored"
    assert "Joint communications strategy: Agreed not agreed" in describe(chart)  # type: ignore[arg-type]


def test_pdf_report_says_not_agreed_with_both_sides_levels(disputed: Path, tmp_path: Path):
    from pypdf import PdfReader

    out = tmp_path / "report.pdf"
    _cli("report", str(disputed), "-o", str(out))
    text = _flat(" ".join(page.extract_text() for page in PdfReader(out).pages))
    assert "Not agreed by the room: Joint communications strategy (client 3 " in text
    assert "Agreed in the room: Not agreed" not in text
    assert "In the room: Not agreed. The council holds Level 3" in text
    # the factor's own page: CLIENT, PROVIDER, AGREED chips read 3, 1 and "Not agreed"
    page = text[text.index("Joint communications strategy CLIENT"):][:200]
    assert "Not agreed" in page and "Not assessed" not in page


def test_html_report_says_not_agreed(disputed: Path, tmp_path: Path):
    out = tmp_path / "report.html"
    _cli("report", str(disputed), "-o", str(out))
    html = out.read_text(encoding="utf-8")
    block = html[html.index("Joint communications strategy</h4>"):][:1500]
    assert "<dt>Agreed</dt><dd><span class=\"chip\"" in block and ">Not agreed</span>" in block
    assert "<strong>In the room:</strong>" in block
    assert "Not agreed by the room: Joint communications strategy" in html


def test_word_report_says_not_agreed(disputed: Path, tmp_path: Path):
    from docx import Document

    out = tmp_path / "report.docx"
    _cli("report", str(disputed), "-o", str(out))
    doc = Document(str(out))
    paragraphs = [p.text for p in doc.paragraphs]
    assert any(p.startswith("Client: 3 · ") and p.endswith("Agreed: Not agreed") for p in paragraphs)
    assert "IN THE ROOM" in paragraphs
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    comms = [r for r in rows if "Joint communications strategy" in r and len(r) == 6]
    assert comms and comms[0][4] == "Not agreed"
    assert any("Not agreed by the room: Joint communications strategy" in p for p in paragraphs)


def test_workbook_says_not_agreed(disputed: Path, tmp_path: Path):
    from openpyxl import load_workbook

    out = tmp_path / "scores.xlsx"
    _cli("xlsx", str(disputed), "-o", str(out))
    book = load_workbook(out)
    sheet = next(ws for ws in book.worksheets if any(c.value == "Agreed level name" for c in ws[1]))
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if "Agreed level name" in r)
    comms = next(r for r in rows if "Joint communications strategy" in r)
    exit_ = next(r for r in rows if "Joint exit strategy" in r)
    assert comms[header.index("Agreed level name")] == "Not agreed"
    assert comms[header.index("Agreed level")] is None
    assert exit_[header.index("Agreed level name")] == "Not assessed"


def test_deck_names_the_factor_not_agreed(disputed: Path, tmp_path: Path):
    from pptx import Presentation

    out = tmp_path / "board.pptx"
    _cli("pptx", str(disputed), "-o", str(out))
    texts = [shape.text_frame.text for slide in Presentation(str(out)).slides for shape in slide.shapes
             if shape.has_text_frame]
    assert any("Not agreed by the room: Joint communications strategy (client 3 " in t for t in texts)
    alts = [d for slide in Presentation(str(out)).slides for shape in slide.shapes
            for d in shape._element.xpath(".//p:cNvPr/@descr")]
    assert any("Joint communications strategy: agreed not agreed, client 3, provider 1." in a for a in alts)
