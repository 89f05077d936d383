"""What a chief executive reading the demo report would trip over (out11's read of every page):
the participants page counted "10 people took part" under a cover saying "8 participants, with 1
facilitator and 1 observer"; and "Top strengths" listed five mutuality factors at level 3 where
seventeen factors share that level, without saying how the five were picked."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import docx
import pypdf

from mutuality_desktop.core.office.word import write_docx_file
from mutuality_desktop.core.report import build_report_file
from mutuality_desktop.core.report.html import build_html_file

RANKING = ("17 factors are at level 3, Established: the five listed are those the two sides see most alike, "
           "in report order.")
PRIORITIES = ("19 other factors are at level 2, Developing: the two listed are those the two sides see most "
              "differently.")
ATTENDANCE = ("8 participants took part, 4 from Brackenford Council and 4 from Tarnwell Environmental "
              "Services Ltd, with 1 facilitator and 1 observer.")


def _texts(path: Path, tmp: Path) -> dict[str, str]:
    pdf, html, word = tmp / "r.pdf", tmp / "r.html", tmp / "r.docx"
    build_report_file(path, pdf)
    build_html_file(path, html)
    write_docx_file(path, word)
    return {
        "pdf": " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages).split()),
        "html": " ".join(unescape(re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8"))).split()),
        "word": " ".join(" ".join(p.text for p in docx.Document(str(word)).paragraphs).split()),
    }


def test_the_demo_report_counts_people_as_its_cover_and_says_how_tied_lists_were_picked(
        demo_path: Path, tmp_path: Path) -> None:
    texts = _texts(demo_path, tmp_path)
    for kind, text in texts.items():
        assert ATTENDANCE in text, kind
        assert "10 people took part" not in text, kind
        assert RANKING in text, kind
        assert PRIORITIES in text, kind
    assert "8 participants, with 1 facilitator and 1 observer" in texts["pdf"], "the cover, which the page now agrees with"


def test_the_comparison_names_the_factor_agreed_in_only_one_round(demo_path: Path, tmp_path: Path) -> None:
    """It said "1 factor is left out on both sides: 1 agreed in only one of the two rounds", and a
    reader had to hunt for which."""
    pdf = tmp_path / "r.pdf"
    build_report_file(demo_path, pdf)
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages).split())
    assert ("1 factor is left out on both sides: Joint knowledge management strategy, agreed in only one "
            "of the two rounds.") in text
