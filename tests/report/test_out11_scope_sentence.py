"""The executive summary says what the round covers, and which of its dimensions have no agreed
level yet, in the same words in every output (PDF, HTML, Word, the deck's headline slide and the
workbook's About sheet). A facilitator play-through found the PDF saying leaders "scored the
contract against one of the six value-for-money dimensions, Mutuality" when the round covered
Mutuality and Economy (Economy not reached)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import docx
import openpyxl
import pypdf
import pytest
from pptx import Presentation

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.office.deck import write_pptx_file
from mutuality_desktop.core.office.word import write_docx_file
from mutuality_desktop.core.office.workbook import write_xlsx_file
from mutuality_desktop.core.report import build_report_file
from mutuality_desktop.core.report.html import build_html_file

INFO = EngagementInfo(
    title="Kestrel Vale partnership review",
    client_organisation="Kestrel Vale District Council",
    provider_organisation="Orrin Facilities Ltd",
    workshop_date=dt.date(2026, 11, 27),
    workshop_venue="Council Chamber",
)


def _words(text: str) -> str:
    return " ".join(text.split())


def outputs(path: Path, tmp: Path, kinds: tuple[str, ...] = ("pdf", "html", "word", "deck", "xlsx")) -> dict[str, str]:
    """The text of each output asked for (kinds; every output by default), whitespace folded (a PDF
    line break reads as a space)."""
    pdf, html, word, deck, book = (tmp / f"r.{x}" for x in ("pdf", "html", "docx", "pptx", "xlsx"))
    texts: dict[str, str] = {}
    if "pdf" in kinds:
        build_report_file(path, pdf)
        texts["pdf"] = _words(" ".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages))
    if "html" in kinds:
        build_html_file(path, html)
        texts["html"] = _words(unescape(re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8"))))
    if "word" in kinds:
        write_docx_file(path, word)
        texts["word"] = _words(" ".join(p.text for p in docx.Document(str(word)).paragraphs))
    if "deck" in kinds:
        write_pptx_file(path, deck)
        slides = Presentation(str(deck)).slides
        headline = next(s for s in slides if any(sh.has_text_frame and sh.text_frame.text == "Headline figures"
                                                   for sh in s.shapes))
        texts["deck"] = _words(" ".join(sh.text_frame.text for sh in headline.shapes if sh.has_text_frame))
    if "xlsx" in kinds:
        write_xlsx_file(path, book)
        about = openpyxl.load_workbook(book)["About"]
        texts["xlsx"] = _words(" ".join(str(c.value) for row in about.iter_rows() for c in row if c.value))
    assert set(texts) == set(kinds)
    return texts


def _make(path: Path, scope: list[str], agreed: dict[str, int], own: dict[str, int] | None = None) -> Path:
    with Engagement.create(path, INFO) as e:
        rid = e.rounds()[0].id
        e.set_scope(rid, scope)
        for f, level in agreed.items():
            e.set_score(rid, f, "agreed", level)
            e.set_score(rid, f, "client", level)
            e.set_score(rid, f, "provider", level)
        for f, level in (own or {}).items():
            e.set_score(rid, f, "client", level)
    return path


def test_two_dimensions_one_not_reached_names_both_and_says_which_is_unscored(tmp_path: Path) -> None:
    path = _make(tmp_path / "two.mutuality", ["mutuality", "economy"],
                 {"joint-objective-setting": 2, "joint-governance-structure": 3})
    said = ("This round covers two of the six value-for-money dimensions, Mutuality and Economy; "
            "Economy's factors are not yet scored.")
    texts = outputs(path, tmp_path)
    for kind, text in texts.items():
        assert said in text, kind
    pdf = texts["pdf"]
    assert "against one of the six" not in pdf, "the old, untrue claim"
    assert "agreed a level for 2 of the 20 factors of these dimensions." in pdf


def test_one_dimension(tmp_path: Path) -> None:
    path = _make(tmp_path / "one.mutuality", ["mutuality"], {"joint-objective-setting": 2})
    said = "This round covers one of the six value-for-money dimensions, Mutuality."
    for kind, text in outputs(path, tmp_path).items():
        assert said in text, kind
        assert "dimensions, Mutuality;" not in text, kind


def test_all_six_with_one_scored_only_by_own_views(tmp_path: Path) -> None:
    with Engagement.create(tmp_path / "blank.mutuality", INFO) as e:
        fw = e.framework
    first = {d.id: d.factors[0].id for d in fw.dimensions}
    path = _make(tmp_path / "six.mutuality", list(first),
                 {f: 3 for d, f in first.items() if d not in ("efficiency", "effectiveness")},
                 own={first["efficiency"]: 2})
    said = ("This round covers all six value-for-money dimensions; Effectiveness's factors are not yet "
            "scored and Efficiency has no agreed level yet.")
    for kind, text in outputs(path, tmp_path).items():
        assert said in text, kind


@pytest.mark.parametrize("scope", [["economy", "efficiency"]])
def test_nothing_scored_yet_says_so(tmp_path: Path, scope: list[str]) -> None:
    path = _make(tmp_path / "none.mutuality", scope, {})
    said = ("This round covers two of the six value-for-money dimensions, Economy and Efficiency; none of "
            "their factors is scored yet.")
    texts = outputs(path, tmp_path, ("pdf", "word", "xlsx"))
    assert said in texts["pdf"] and said in texts["word"] and said in texts["xlsx"]
