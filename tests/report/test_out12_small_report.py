"""Play-through 7, 10: a small report (a few factors scored, no actions, two parked points, three
people) gave a whole page each to "No improvement actions were recorded.", the two parked points
and the three participants. Short sections now share a page when each fits whole, heading with its
content; the tagged structure stays clean and the demo still reads well."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdf
import pytest

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.report import build_report_file

from .test_accessibility import assert_clean

INFO = EngagementInfo(title="Waste contract review", client_organisation="Westbury Council",
                      provider_organisation="Kerbside Ltd", contract_name="Waste collection",
                      contract_reference="WC/2022/07", contract_annual_value=4_000_000,
                      contract_start=dt.date(2022, 4, 1), contract_end=dt.date(2030, 3, 31),
                      facilitator="Sam Lee", workshop_date=dt.date(2026, 5, 12), workshop_venue="Civic Centre")
PEOPLE = (("Ann Green", "Director", "client"), ("Bob Hill", "Manager", "provider"), ("Cal Ives", "Officer", "client"))
PARKED = ("Check the depot lease end date.", "Ask finance for the fuel index figures.")
SECTIONS = ("Action plan", "Points parked", "Participants", "How to read this report")


def small_engagement(path: Path) -> Path:
    """A new engagement: four factors scored, no actions, two parked points, three people."""
    with Engagement.create(path, INFO) as eng:
        rid = eng.rounds()[0].id
        for name, role, side in PEOPLE:
            eng.add_participant(name, role, side)
        factors = next(d for d in eng.framework.dimensions if d.name == "Mutuality").factors
        for factor, (client, provider, agreed) in zip(factors, ((2, 3, 2), (3, 3, 3), (1, 2, 2), (2, 2, 2)), strict=False):
            eng.set_score(rid, factor.id, "client", client)
            eng.set_score(rid, factor.id, "provider", provider)
            eng.set_score(rid, factor.id, "agreed", agreed)
            eng.set_notes(rid, factor.id, "agreed", f"The room agreed level {agreed} after reading the minutes.")
        uuid = eng.round_uuid(rid)
        eng.apply(ops.AddParking(PARKED[0], factors[0].id, uuid, "client"))
        eng.apply(ops.AddParking(PARKED[1], None, uuid, "provider"))
    return path


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = small_engagement(tmp_path_factory.mktemp("out12") / "small.mutuality")
    out = path.with_suffix(".pdf")
    build_report_file(path, out)
    return out


def _reach(page: pypdf.PageObject) -> tuple[str, float]:
    """A page's text and how far down its body the text reaches (0 at the body's top, 1 at its foot)."""
    height = float(page.mediabox.height)
    top, foot = height - 27 * 72 / 25.4, 22 * 72 / 25.4  # the body frame's edges (core/report/document.py)
    ys: list[float] = []

    def seen(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        y = cm[3] * tm[5] + cm[5]
        if text.strip() and foot < y < top:
            ys.append(y)

    text = page.extract_text(visitor_text=seen)
    return text, (top - min(ys)) / (top - foot) if ys else 0.0


def _pages(pdf: Path) -> list[tuple[str, float]]:
    return [_reach(page) for page in pypdf.PdfReader(pdf).pages]


def _page_of(pages: list[tuple[str, float]], heading: str) -> int:
    found = [i for i, (text, _) in enumerate(pages) if i > 1  # the contents page lists it too
             and any(line.strip() == heading for line in text.splitlines())]
    assert len(found) == 1, (heading, found)
    return found[0]


def test_short_sections_share_a_page_each_heading_with_its_content(small_pdf: Path) -> None:
    pages = _pages(small_pdf)
    actions, parked, people, reading = (_page_of(pages, h) for h in SECTIONS)
    assert "No improvement actions were recorded." in pages[actions][0]
    assert all(" ".join(p.split()[:3]) in pages[parked][0] for p in PARKED)
    assert all(name in pages[people][0] for name, _, _ in PEOPLE)
    assert "Mutuality index" in pages[reading][0]
    assert len({actions, parked, people, reading}) <= 2, "four short sections, four pages"
    # no page in the body of the report is a heading and a line or two: each reaches a quarter down
    # (the cover, the contents and the last page aside)
    for number, (text, reach) in enumerate(pages[2:-1], start=3):
        assert reach > 0.25, f"page {number} is {reach:.0%} full: {text[-200:]!r}"


def test_the_packed_report_stays_tagged_and_clean(small_pdf: Path) -> None:
    assert_clean(small_pdf)


def test_the_demo_report_keeps_every_heading_with_its_content(demo_outputs) -> None:  # type: ignore[no-untyped-def]
    out = demo_outputs.pdf  # build_report_file of the demo, once per session
    pages = _pages(out)
    firsts = {"Action plan": "Joint objective setting", "Points parked": "points were parked",
              "Participants": "took part", "How to read this report": "Mutuality index"}
    for heading, first in firsts.items():
        text = pages[_page_of(pages, heading)][0]
        assert first in text[text.index(heading):], f"{heading} is parted from its content"
    # the demo's four parked points follow the last of its 25 actions, on that page
    text = pages[_page_of(pages, "Points parked")][0]
    assert any(status in text[:text.index("Points parked")] for status in ("\u25cb Open", "\u25cf Done", "\u25d0 In"))
