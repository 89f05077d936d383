"""Play-through 12: a report on a round that covers two dimensions, partly agreed, set against an
earlier round. Every output says only what the data shows: the priorities' note counts the
factors at the cut level with the listed ones and names the rest; both the factors that went up
and those that went down are named; no dimension is ranked on a provisional mean; the comparison
table's headings never run over each other; the workbook's change is the report's like for like."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import docx
import openpyxl
import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.office.word import write_docx
from mutuality_desktop.core.office.workbook import write_xlsx
from mutuality_desktop.core.report import collect_report_data
from mutuality_desktop.core.report.build import build_report
from mutuality_desktop.core.report.data import ReportData
from mutuality_desktop.core.report.fonts import BOLD
from mutuality_desktop.core.report.html import build_html
from mutuality_desktop.core.report.wording import findings

BEFORE, AFTER = "Follow-up", "Second follow-up"
# the earlier round agrees every factor of both dimensions; the later one 7 of 15 mutuality factors
# (provisional: the framework needs 9) and all 5 economy factors
MUTUALITY_BEFORE = [3, 3, 2, 2, 3, 2, 2, 3, 3, 2, 3, 2, 3, 2, 2]
ECONOMY_BEFORE = [3, 3, 3, 3, 2]
MUTUALITY_AFTER = [3, 4, 2, 3, 2, 3, 2]  # then 8 not agreed
ECONOMY_AFTER = [3, 2, 2, 2, 2]


def _build(path: Path, mutuality_after: list[int], economy_after: list[int]) -> ReportData:
    info = EngagementInfo("Review", "Council", "Provider Ltd", workshop_date=dt.date(2026, 10, 8))
    with Engagement.create(path, info, baseline_label=BEFORE) as e:
        mutuality = e.framework.dimension("mutuality").factors
        economy = e.framework.dimension("economy").factors
        first = e.rounds()[0].id
        e.set_scope(first, ["mutuality", "economy"])
        for factors, levels in ((mutuality, MUTUALITY_BEFORE), (economy, ECONOMY_BEFORE)):
            for f, level in zip(factors, levels, strict=False):
                e.set_score(first, f.id, "agreed", level)
        later = e.add_round(AFTER, dt.date(2026, 11, 27)).id
        e.set_scope(later, ["mutuality", "economy"])
        for factors, levels in ((mutuality, mutuality_after), (economy, economy_after)):
            for f, level in zip(factors, levels, strict=False):
                e.set_score(later, f.id, "agreed", level)
        return replace(collect_report_data(e), generated=dt.date(2026, 11, 27))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[ReportData, Path]:
    d = tmp_path_factory.mktemp("rounds-differ")
    data = _build(d / "e.mutuality", MUTUALITY_AFTER, ECONOMY_AFTER)
    build_report(data, d / "r.pdf")
    build_html(data, d / "r.html")
    write_docx(data, d / "r.docx")
    write_xlsx(data, d / "r.xlsx")
    return data, d


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def texts(made: tuple[ReportData, Path]) -> dict[str, str]:
    _, d = made
    raw = (d / "r.html").read_text(encoding="utf-8")
    page = html_lib.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|svg)[^>]*>.*?</\1>", "", raw, flags=re.S)))
    document = docx.Document(str(d / "r.docx"))
    return {
        "pdf": _flat(" ".join(p.extract_text() for p in PdfReader(d / "r.pdf").pages)),
        "html": _flat(page),
        "word": _flat(" ".join(p.text for p in document.paragraphs)),
    }


def test_the_priorities_note_counts_the_listed_with_the_rest_and_names_the_rest(
        made: tuple[ReportData, Path], texts: dict[str, str]) -> None:
    """Seven factors are at level 2: five listed (the first in report order, no gaps to tell them
    apart), two more. It said "7 other factors are at level 2 ... the five listed"."""
    data, _ = made
    economy = [f.name for f in data.framework.dimension("economy").factors]
    note = (f"7 factors are at level 2, Developing: the five listed are those the two sides see most "
            f"differently; the other two, not listed: {economy[3]}; {economy[4]}.")
    for kind, text in texts.items():
        assert note in text, kind
        assert "other factors are at level" not in text, kind


def test_what_moved_names_the_factors_that_went_up_and_down(
        made: tuple[ReportData, Path], texts: dict[str, str]) -> None:
    data, _ = made
    m = [f.name for f in data.framework.dimension("mutuality").factors]
    e = [f.name for f in data.framework.dimension("economy").factors]
    moved = (f"At factor level, 3 agreed levels went up: {m[1]} (3 → 4); {m[3]} (2 → 3); {m[5]} (2 → 3). "
             f"4 agreed levels went down: {m[4]} (3 → 2); {e[1]} (3 → 2); {e[2]} (3 → 2); {e[3]} (3 → 2).")
    for kind, text in texts.items():
        assert moved in text, kind


def test_no_dimension_is_ranked_on_a_provisional_mean(texts: dict[str, str]) -> None:
    """Mutuality's mean (2.7 on 7 of 15 agreed) is provisional: it is not called the strongest
    dimension over Economy's (2.2, all 5 agreed)."""
    said = ("The dimensions are not ranked strongest and weakest: Mutuality's mean rests on 7 of its 15 "
            "factors agreed, fewer than three in five, so it is provisional.")
    for kind, text in texts.items():
        assert said in text, kind
        assert "strongest dimension" not in text, kind


def test_dimensions_are_ranked_with_what_each_mean_rests_on(tmp_path: Path) -> None:
    """Both provisional: neither ranked, both named. Both findings, one partly agreed: ranked,
    each with the factors its mean rests on. A provisional third is named as not ranked."""
    both = findings(_build(tmp_path / "a.mutuality", MUTUALITY_AFTER, [3, 2]))
    assert ("The dimensions are not ranked strongest and weakest: the means of Mutuality (7 of 15) and "
            "Economy (2 of 5) rest on fewer than three in five of their factors agreed, so they are "
            "provisional.") in both
    ranked = findings(_build(tmp_path / "b.mutuality", [3, 4, 2, 3, 2, 3, 2, 3, 3, 3, 3, 3], ECONOMY_AFTER))
    assert ("Mutuality is the strongest dimension (mean level 2.8, 12 of 15 factors agreed) and Economy "
            "the weakest (2.2, all 5 factors agreed).") in ranked


def _header_overlaps(pdf: Path) -> list[tuple[int, str, str]]:
    """Table headings (bold capitals at 7.5 points) on one baseline whose inked extents overlap."""
    found = []
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        rows: dict[float, list[tuple[float, float, str]]] = defaultdict(list)

        def seen(text: str, cm: list[float], tm: list[float], font: object, size: float,
                 rows: dict[float, list[tuple[float, float, str]]] = rows) -> None:
            word = text.strip()
            if not word or word.upper() != word or not any(c.isalpha() for c in word):
                return
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            scale = (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            if abs(size * scale - 7.5) > 0.01:
                return
            rows[round(y, 1)].append((x, x + stringWidth(word, BOLD, 7.5), word))

        page.extract_text(visitor_text=seen)
        for heads in rows.values():
            heads.sort()
            found += [(number, a[2], b[2]) for a, b in zip(heads, heads[1:], strict=False) if b[0] < a[1] - 0.5]
    return found


def test_no_table_heading_runs_over_another(made: tuple[ReportData, Path]) -> None:
    """"SECOND FOLLOW-UP" (16 characters, so printed on one line) ran over "FOLLOW-UP" beside it."""
    _, d = made
    text = PdfReader(d / "r.pdf").pages
    assert any("Round-over-round comparison" in p.extract_text() for p in text)
    assert _header_overlaps(d / "r.pdf") == []


def test_the_workbook_change_is_the_reports_like_for_like(made: tuple[ReportData, Path],
                                                          texts: dict[str, str]) -> None:
    """Mutuality: 2.4 to 2.7 on the 7 factors agreed in both rounds (+0.3), where the rounds' own
    means, 2.5 on 15 and 2.7 on 7, differ by 0.2: the workbook showed the 0.2 beside the report's +0.3."""
    _, d = made
    sheet = openpyxl.load_workbook(d / "r.xlsx")["Rounds"]
    rows = list(sheet.iter_rows(values_only=True))
    assert (sheet.row_dimensions[1].height or 0) >= 30, "two-line headings get a row tall enough in LibreOffice"
    assert rows[0] == ("Dimension", BEFORE, AFTER, f"Factors compared, {BEFORE} to {AFTER}",
                       f"{BEFORE}, like for like", f"{AFTER}, like for like",
                       f"Change since {BEFORE}, like for like")
    by_name = {r[0]: r for r in rows[1:] if r[0]}
    mutuality, economy = by_name["Mutuality"], by_name["Economy"]
    assert round(mutuality[1], 2) == 2.47 and round(mutuality[2], 2) == 2.71  # each round's own
    assert mutuality[3:] == ("7 of 15", 2.4, 2.7, 0.3)
    assert economy[3:] == ("5 of 5", 2.8, 2.2, -0.6)
    assert by_name["Mutuality index (0–100)"][3:] == ("7 of 15", 49, 54, 5)  # 2.43 and 2.71 of 5, as whole numbers of 100
    assert "Mutuality index (0–100) 7 of 15 49 54 +5" in texts["pdf"]
    assert "Mutuality 7 of 15 2.4 2.7 +0.3" in texts["pdf"]
    assert "Economy 5 of 5 2.8 2.2 −0.6" in texts["pdf"]
    assert "Improved: Mutuality (+0.3)." in texts["pdf"]
    note = next(r[0] for r in rows[1:] if r[0] and r[0].startswith("Each round's own column"))
    assert "like-for-like columns and the change count only the factors with an agreed level in both" in note
