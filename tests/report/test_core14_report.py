"""Play-through 8 (core14), the report's truths.

3. A level is never on both lists: the play-through listed "2 Developing" factors as Top strengths
   and as Improvement priorities at once. Where the lists would meet at one level, that level goes to
   the list on its side of the middle of the scale, in Results, the PDF, HTML, Word and the deck alike.
4. A summary written before the round's workshop date does not say leaders "scored ... and agreed"
   in the past; before the day it says what is recorded, not that leaders scored (ui9).
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from dataclasses import replace
from pathlib import Path

import pytest

from mutuality_desktop.core import scoring
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework import MUTUALITY
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.report import collect_report_data
from mutuality_desktop.core.report.data import ReportData

WORKSHOP = dt.date(2026, 11, 28)
# the play-through's shape: three at 3 Established, five at 2 Developing, two at 1 Initial
LEVELS = [3, 3, 3, 2, 2, 2, 2, 2, 1, 1]


def _make(path: Path, levels: list[int]) -> ReportData:
    info = EngagementInfo("Northmoor Review", "Northmoor Council", "Castleway Ltd", workshop_date=WORKSHOP,
                          workshop_venue="Civic Centre")
    with Engagement.create(path, info) as e:
        rid = e.rounds()[0].id
        for f, level in zip(e.framework.dimension(MUTUALITY).factors, levels, strict=False):
            e.set_score(rid, f.id, "client", level)
            e.set_score(rid, f.id, "provider", level)
            e.set_score(rid, f.id, "agreed", level)
        return collect_report_data(e)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    return _make(tmp_path_factory.mktemp("core14") / "e.mutuality", LEVELS)


ALL = ("pdf", "html", "docx", "pptx")


def _texts(data: ReportData, d: Path, kinds: tuple[str, ...] = ALL) -> dict[str, str]:
    """The text of each output asked for (kinds), whitespace folded; every output by default."""
    import docx
    import pptx
    from pypdf import PdfReader

    from mutuality_desktop.core.office.deck import write_pptx
    from mutuality_desktop.core.office.word import write_docx
    from mutuality_desktop.core.report.build import build_report
    from mutuality_desktop.core.report.html import build_html

    texts: dict[str, str] = {}
    if "pdf" in kinds:
        build_report(data, d / "r.pdf")
        texts["pdf"] = " ".join(p.extract_text() for p in PdfReader(d / "r.pdf").pages)
    if "html" in kinds:
        build_html(data, d / "r.html")
        raw = (d / "r.html").read_text(encoding="utf-8")
        texts["html"] = html_lib.unescape(
            re.sub(r"<[^>]+>", " ", re.sub(r"<(style|svg)[^>]*>.*?</\1>", "", raw, flags=re.S)))
    if "docx" in kinds:
        write_docx(data, d / "r.docx")
        document = docx.Document(str(d / "r.docx"))
        texts["docx"] = "\n".join(block.text if hasattr(block, "text") else  # paragraphs and tables in body order
                                  " ".join(c.text for row in block.rows for c in row.cells)
                                  for block in document.iter_inner_content())
    if "pptx" in kinds:
        write_pptx(data, d / "r.pptx")
        texts["pptx"] = " ".join(s.text_frame.text if s.has_text_frame else
                                 " ".join(c.text for row in s.table.rows for c in row.cells) if s.has_table
                                 else "" for slide in pptx.Presentation(str(d / "r.pptx")).slides
                                 for s in slide.shapes)
    assert set(texts) == set(kinds)
    return {k: " ".join(v.split()) for k, v in texts.items()}


def _section(text: str, start: str, end: str) -> str:
    i = text.index(start)
    return text[i:text.index(end, i + len(start))]


def test_a_level_is_never_both_a_strength_and_a_priority(data: ReportData, tmp_path: Path) -> None:
    top = scoring.strengths(data.framework, data.scores)
    low = scoring.priorities(data.framework, data.scores)
    assert {r.level for r in top} == {3}  # 2 Developing is below the middle of 0 to 5: not a strength
    assert [r.level for r in low] == [1, 1, 2, 2, 2]
    texts = _texts(replace(data, generated=dt.date(2026, 12, 1)), tmp_path)
    for kind, text in texts.items():
        strengths_part = _section(text, "Top strengths", "Improvement priorities")
        assert "Established" in strengths_part, kind
        assert "Developing" not in strengths_part, kind  # no level on both lists, in any output
        assert "Developing" in text[text.index("Improvement priorities"):], kind


def test_when_every_agreed_level_is_on_one_list_the_other_says_why(tmp_path: Path) -> None:
    data = _make(tmp_path / "low.mutuality", [2, 2, 2, 2, 1])
    assert scoring.strengths(data.framework, data.scores) == []
    note = scoring.empty_list_note(data.framework, data.scores, True)
    assert note == ("None: the highest agreed level, 2 Developing, is below the middle of the scale, so its "
                    "factors are listed under the priorities.")
    for kind, text in _texts(data, tmp_path).items():
        assert note in text, kind
        assert "No agreed levels yet" not in text, kind  # five factors are agreed
    high = _make(tmp_path / "high.mutuality", [4, 3, 3, 3])
    assert scoring.priorities(high.framework, high.scores) == []
    assert scoring.empty_list_note(high.framework, high.scores, False).startswith(
        "None: the lowest agreed level, 3 Established, is in the upper half of the scale")


def test_a_summary_written_before_the_workshop_keeps_one_tense(data: ReportData, tmp_path: Path) -> None:
    before = _texts(replace(data, generated=dt.date(2026, 11, 20)), tmp_path, ("pdf", "html", "docx"))
    for kind in ("pdf", "html", "docx"):
        text = before[kind]
        assert "with the workshop planned for 28 November 2026" in text, kind
        # no pre-work returns here: the levels were recorded before the day, not scored by a room
        assert "Before the workshop, some scores are recorded for this round" in text, kind
        assert "and the level recorded as agreed." in text, kind  # the chart's caption: not held yet
        assert "the level the room agreed" not in text, kind
        assert "the same text the room will see during the workshop" in text, kind
        assert "and a level is already recorded as agreed for 10 of the" in text, kind
        assert "So far, leaders" not in text, kind
        assert "Leaders from both organisations scored" not in text, kind
    after = _texts(replace(data, generated=dt.date(2026, 11, 30)), tmp_path, ("pdf", "html", "docx"))
    for kind in ("pdf", "html", "docx"):
        assert "held on 28 November 2026" in after[kind], kind
        assert "Leaders from both organisations scored the contract factor by factor" in after[kind], kind
        assert "the same text the room saw during the workshop" in after[kind], kind


MINUTES = "Objectives were agreed at mobilisation in 2021 … see board minutes."
LITERAL = "Cytunwyd yn 2021 <not> “agreed” — 见董事会会议记录"


def _with_comments(path: Path) -> Engagement:
    info = EngagementInfo("Northmoor Review", "Northmoor Council", "Castleway Ltd", workshop_date=WORKSHOP)
    e = Engagement.create(path, info)
    rid = e.rounds()[0].id
    f = e.framework.dimension(MUTUALITY).factors[0]
    for side in ("client", "provider", "agreed"):
        e.set_score(rid, f.id, side, 2)
    ann = e.add_participant("Ann Smith", "Director", "client").id
    bob = e.add_participant("Bob Jones", "Contract manager", "provider").id
    e.set_participant_score(rid, f.id, ann, 2, MINUTES)
    e.set_participant_score(rid, f.id, bob, 4, LITERAL)
    return e


def test_pre_work_comments_are_printed_with_their_factor(tmp_path: Path) -> None:
    from mutuality_desktop.core import operations as ops

    e = _with_comments(tmp_path / "c.mutuality")
    try:
        anonymous = _texts(collect_report_data(e), tmp_path, ("pdf", "html", "docx"))
        for kind in ("pdf", "html", "docx"):
            text = anonymous[kind]
            # (Word puts the label on a line of its own, the PDF and HTML run it in with a colon)
            assert re.search(r"A client participant, level 2 Developing \(pre-work\):? " + re.escape(MINUTES),
                             text), kind
            assert "A provider participant, level 4 Advanced (pre-work)" in text, kind
            assert LITERAL in text, kind  # as written, any script, nothing taken for markup
            assert "Ann Smith (client)" not in text and "Bob Jones (provider)" not in text, kind
        e.apply(ops.SetReportNames(True))  # the engagement chose to name who gave which view
        named = _texts(collect_report_data(e), tmp_path, ("pdf", "html", "docx"))
        for kind in ("pdf", "html", "docx"):
            assert "Ann Smith (client), level 2 Developing (pre-work)" in named[kind], kind
            assert "Bob Jones (provider), level 4 Advanced (pre-work)" in named[kind], kind
    finally:
        e.close()


def test_within_one_level_speaks_only_of_the_factors_both_sides_scored(tmp_path: Path) -> None:
    """Play-through 10: before the workshop, with 3 of 15 factors scored by both sides, the findings
    said 'Both sides see every factor within one level of each other'."""
    from mutuality_desktop.core.report.wording import findings

    few = _make(tmp_path / "few.mutuality", [3, 2, 2])  # the same level on each side: no gap at all
    said = " ".join(findings(few))
    assert "every factor within one level" not in said
    assert "Where both sides have scored a factor (3 of 15 in this round), they are within one level" in said
    every = _make(tmp_path / "every.mutuality", [2] * 15)
    assert "Both sides see every factor within one level of each other." in " ".join(findings(every))
