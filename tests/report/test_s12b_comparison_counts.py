"""Play-through 12b, the round comparison's counts, as a facilitator's engagement had them: in the
later round Joint executive leadership is marked not applicable and Joint knowledge management
strategy was agreed in neither round.

- The comparison table said Mutuality "5 of 15" while the executive summary said "5 of 14 factors
  agreed": the table now counts as the summary does, "5 of 14 applicable".
- "9 factors are left out on both sides" left out the factor agreed in neither round: 10 of the 15
  mutuality factors are not compared, and the sentence says so and names it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.report import ReportData, build_report, collect_report_data
from mutuality_desktop.core.report import rows as R
from mutuality_desktop.core.report.basis import comparison_basis, mutuality_basis
from mutuality_desktop.core.report.wording import comparison_lead, movement

INFO = EngagementInfo(title="Highways partnership review", client_organisation="Eastmere County Council",
                      provider_organisation="Roadline Services Ltd", workshop_date=dt.date(2026, 3, 12))
EXECUTIVE = "joint-executive-leadership"
KNOWLEDGE = "joint-knowledge-management-strategy"


def build(path: Path) -> Path:
    """Follow-up: every mutuality factor agreed but knowledge management, and all of Economy. Second
    follow-up: five mutuality factors agreed, executive leadership marked not applicable, three of
    Economy agreed."""
    with Engagement.create(path, INFO) as e:
        first = e.rounds()[0]
        second = e.add_round("Second follow-up", dt.date(2026, 10, 8))
        mutuality = e.framework.dimension("mutuality").factors
        economy = e.framework.dimension("economy").factors
        for f in mutuality:
            if f.id != KNOWLEDGE:
                e.set_score(first.id, f.id, "agreed", 2)
        for f in economy:
            e.set_score(first.id, f.id, "agreed", 3)
        for f in [f for f in mutuality[:6] if f.id != EXECUTIVE]:
            e.set_score(second.id, f.id, "agreed", 3)
        for f in economy[:3]:
            e.set_score(second.id, f.id, "agreed", 2)
        e.apply(ops.SetNotApplicable(second.uuid, EXECUTIVE, "No joint executive post since the restructure"))
    return path


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReportData]:
    path = build(tmp_path_factory.mktemp("s12b") / "two.mutuality")
    with Engagement.open(path, readonly=True) as e:
        yield collect_report_data(e)


def test_the_table_counts_the_mutuality_factors_as_the_summary_does(data: ReportData) -> None:
    index = R.safe_index(data.framework, data.scores, data.current)
    assert (index.assessed, index.total) == (5, 14)  # the summary's "5 of 14 factors agreed"
    _, rows = R.comparison_rows(data)
    by_name = {row[0]: row for row in rows}
    assert by_name["Mutuality"][1] == "5 of 14 applicable"
    assert by_name["Mutuality index (0–100)"][1] == "5 of 14 applicable"
    assert by_name["Economy"][1] == "3 of 5"  # nothing marked: the plain count


def test_every_factor_not_compared_is_counted_as_left_out(data: ReportData) -> None:
    basis = mutuality_basis(data)
    assert basis is not None and basis.compared == 5
    assert basis.left_out == 15 - 5
    said = " ".join(movement(data))
    assert ("10 factors are left out on both sides: Joint executive leadership (marked not applicable in "
            "Second follow-up); 8 agreed in only one of the two rounds; and Joint knowledge management "
            "strategy, agreed in neither round.") in said
    whole = comparison_basis(data.framework, data.previous.scores, data.scores)  # type: ignore[union-attr]
    assert whole.compared == 8 and whole.left_out == 20 - 8  # Mutuality's 15 and Economy's 5
    assert "12 factors are left out on both sides" in said
    assert "12 factors are left out on both sides" in comparison_lead(data)
    assert not re.search(r"\bbelow\b", said)  # the deck prints these sentences with nothing below


def test_the_printed_report_says_the_same(data: ReportData, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    build_report(data, out)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(str(out)).pages)
    assert "5 of 14 factors agreed" in text
    assert "5 of 15" not in text
    assert text.count("5 of 14 applicable") == 2  # the Mutuality and the Mutuality index rows
    assert "10 factors are left out on both sides" in text and "9 factors are left out" not in text
