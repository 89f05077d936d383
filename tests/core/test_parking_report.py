"""The report's "Points parked" section (PDF and HTML), and --no-parking."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdf

from mutuality_desktop.cli import run
from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo

INFO = EngagementInfo("Review", "Council", "Provider Ltd", workshop_date=dt.date(2026, 3, 1))


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_the_report_lists_the_points_parked_and_leaves_them_out_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "r.mutuality"
    with Engagement.create(path, INFO) as e:
        rnd = e.rounds()[0]
        e.set_score(rnd.id, "joint-objective-setting", "agreed", 3)
        e.apply(ops.AddParking("Who signs off <variations> & budgets?", "joint-governance-structure",
                               rnd.uuid, "provider", dt.datetime(2026, 3, 1, 11, 40)))
        point = e.apply(ops.AddParking("Reconcile the KPI 7 data", raised_by=None)).result
        e.apply(ops.ResolveParking(point.uuid))
    assert run(["report", str(path), "-o", str(tmp_path / "with.pdf")]) == 0
    text = " ".join(_pdf_text(tmp_path / "with.pdf").split())
    assert "Points parked" in text
    assert "2 points were parked during the workshop to come back to: 1 is still open and 1 was resolved." \
        in text
    assert "Who signs off <variations> & budgets?" in text, "user text printed literally"
    assert "Joint governance structure · Baseline" in text and "Provider" in text
    assert "General" in text and "Not recorded" in text and "Resolved" in text
    assert run(["report", str(path), "-o", str(tmp_path / "without.pdf"), "--no-parking"]) == 0
    assert "Points parked" not in _pdf_text(tmp_path / "without.pdf")
    assert run(["report", str(path), "-o", str(tmp_path / "r.html")]) == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Points parked" in html and "Who signs off &lt;variations&gt; &amp; budgets?" in html


def test_a_report_with_nothing_parked_has_no_parking_section(tmp_path: Path) -> None:
    path = tmp_path / "r.mutuality"
    with Engagement.create(path, INFO) as e:
        e.set_score(e.rounds()[0].id, "joint-objective-setting", "agreed", 3)
    assert run(["report", str(path), "-o", str(tmp_path / "r.pdf")]) == 0
    assert "Points parked" not in _pdf_text(tmp_path / "r.pdf")
