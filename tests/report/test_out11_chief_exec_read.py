"""What a chief executive reading the demo report would trip over (out11's read of every page):
the participants page counted "10 people took part" under a cover saying "8 participants, with 1
facilitator and 1 observer"; and "Top strengths" listed five mutuality factors at level 3 where
seventeen factors share that level, without saying how the five were picked."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import docx

RANKING = ("17 factors are at level 3, Established: the five listed are those the two sides see most alike, "
           "in report order.")
PRIORITIES = ("19 factors are at level 2, Developing: the two listed are those the two sides see most "
              "differently; the other 17 are not listed.")  # play-through 12: "19 other" read as 19 besides
ATTENDANCE = ("8 participants took part, 4 from Brackenford Council and 4 from Tarnwell Environmental "
              "Services Ltd, with 1 facilitator and 1 observer.")


def _texts(pdf_pages: list[str], html: Path, word: Path) -> dict[str, str]:
    """The words of the PDF (pypdf's text of each page), web page and Word report
    (build_report_file, build_html_file and write_docx_file of one engagement)."""
    return {
        "pdf": " ".join(" ".join(pdf_pages).split()),
        "html": " ".join(unescape(re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8"))).split()),
        "word": " ".join(" ".join(p.text for p in docx.Document(str(word)).paragraphs).split()),
    }


def test_the_demo_report_counts_people_as_its_cover_and_says_how_tied_lists_were_picked(
        demo_outputs) -> None:  # type: ignore[no-untyped-def]
    texts = _texts(demo_outputs.pdf_pages, demo_outputs.html, demo_outputs.docx)  # built once per session
    for kind, text in texts.items():
        assert ATTENDANCE in text, kind
        assert "10 people took part" not in text, kind
        assert RANKING in text, kind
        assert PRIORITIES in text, kind
    assert "8 participants, with 1 facilitator and 1 observer" in texts["pdf"], "the cover, which the page now agrees with"


def test_the_comparison_names_the_factor_agreed_in_only_one_round(demo_outputs) -> None:  # type: ignore[no-untyped-def]
    """It said "1 factor is left out on both sides: 1 agreed in only one of the two rounds", and a
    reader had to hunt for which."""
    text = " ".join(" ".join(demo_outputs.pdf_pages).split())  # build_report_file of the demo, once per session
    assert ("1 factor is left out on both sides: Joint knowledge management strategy, agreed in only one "
            "of the two rounds.") in text
