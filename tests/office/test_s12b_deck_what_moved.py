"""Play-through 12b: the deck's "What moved" slide said "Changes in dimension means below are like
for like…" with nothing below it on the slide (the report's table is in the report, not the deck).
The sentences the report and the deck share now read true on either; and the Word report's
comparison table counts as its summary does ("5 of 14 applicable", not "5 of 15")."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from pptx import Presentation

from mutuality_desktop.core.office.deck import write_pptx_file
from mutuality_desktop.core.office.word import write_docx_file
from tests.report.test_s12b_comparison_counts import build


def test_the_what_moved_slide_points_at_nothing_below(tmp_path: Path) -> None:
    path = build(tmp_path / "two.mutuality")
    out = tmp_path / "deck.pptx"
    write_pptx_file(path, out)
    slides = [[s.text_frame.text for s in slide.shapes if s.has_text_frame] for slide in Presentation(str(out)).slides]
    moved = next(texts for texts in slides if any(t.startswith("What moved since") for t in texts))
    said = " ".join(moved)
    assert "Changes in dimension means are worked out like for like, on the 8 factors" in said
    assert "12 factors are left out on both sides" in said
    assert not re.search(r"\b(below|above)\b", said), said


def test_the_word_report_counts_as_its_summary(tmp_path: Path) -> None:
    path = build(tmp_path / "two.mutuality")
    out = tmp_path / "report.docx"
    write_docx_file(path, out)
    cells = [c.text for t in Document(str(out)).tables for row in t.rows for c in row.cells]
    assert cells.count("5 of 14 applicable") == 2, [c for c in cells if " of 1" in c]
    assert "5 of 15" not in cells
