"""Play-through 7, 15: on a 14- or 15-spoke PowerPoint radar with "(not yet scored)" under most
names, LibreOffice drew some names touching the next (a state line on the name below, "Joint exit
strategy" on "Measurement of delivery and performance"). The slide is rendered by LibreOffice, each
spoke's lines found by their text and place, and every two names' boxes must stand apart, clear
of the legend too."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pptx
import pytest

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.office.deck import write_pptx_file

Box = tuple[float, float, float, float]
LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)
LEFT_OUT = {"15": (), "14": ("joint-objective-setting",), "14b": ("relationship-management-strategy",)}


def _engagement(path: Path, left_out: tuple[str, ...]) -> None:
    """A round barely begun: three factors scored, two agreed, the rest "(not yet scored)"."""
    with Engagement.create(path, EngagementInfo(title="Kestrel Vale partnership review",
                                                client_organisation="Kestrel Vale District Council",
                                                provider_organisation="Orrin Facilities Ltd",
                                                workshop_date=dt.date(2026, 11, 27))) as e:
        rid = e.rounds()[0].id
        e.set_scope(rid, ["mutuality", "economy"])
        if left_out:
            e.apply(ops.SetExcludedFactors(e.round_uuid(rid), left_out))
        for factor, client, provider, agreed in (("joint-objective-setting", 3, 2, 2),
                                                 ("joint-governance-structure", 3, 2, 3),
                                                 ("behaviours-and-trust-indicators", 3, 4, None)):
            if factor not in left_out:
                e.set_score(rid, factor, "client", client)
                e.set_score(rid, factor, "provider", provider)
                if agreed is not None:
                    e.set_score(rid, factor, "agreed", agreed)


def _radar(deck: Path) -> tuple[int, list[str]]:
    for number, slide in enumerate(pptx.Presentation(str(deck)).slides, start=1):
        for shape in slide.shapes:
            if shape.has_chart and len(names := [str(c.label) for c in shape.chart.plots[0].categories]) >= 14:
                return number, names
    raise AssertionError("no mutuality radar in the deck")


def _lines(pdf: Path, page: int) -> list[tuple[str, Box]]:
    xml = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox-layout", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(" ".join(re.findall(r">([^<]+)</word>", m.group(5))), (float(m[1]), float(m[2]), float(m[3]), float(m[4])))
            for m in LINE.finditer(xml)]


def _spokes(categories: list[str], lines: list[tuple[str, Box]]) -> dict[str, list[Box]]:
    """Each spoke's lines as drawn: its first line, then each next line just under the one before."""
    found: dict[str, list[Box]] = {}
    for category in categories:
        want = category.split("\n")
        for text, box in lines:
            if text != want[0]:
                continue
            chain = [box]
            for line in want[1:]:
                last = chain[-1]
                below = [b for t, b in lines if t == line and -3 <= b[1] - last[3] < 5
                         and abs((b[0] + b[2]) - (last[0] + last[2])) < 120]
                if not below:
                    break
                chain.append(min(below, key=lambda b: b[1]))
            if len(chain) == len(want):
                found[category] = chain
                break
    return found


def _apart(a: Box, b: Box) -> bool:
    """Two lines' boxes do not overlap (a box takes in its line's leading, so boxes that merely
    meet have white space between their letters)."""
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and pdftotext")
def test_fourteen_and_fifteen_spoke_names_stand_clear_of_each_other(tmp_path: Path) -> None:
    decks = []
    for tag, left_out in LEFT_OUT.items():
        _engagement(tmp_path / f"{tag}.mutuality", left_out)
        write_pptx_file(tmp_path / f"{tag}.mutuality", tmp_path / f"deck{tag}.pptx")
        decks.append(tmp_path / f"deck{tag}.pptx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *map(str, decks)], capture_output=True, check=True, timeout=300)
    for deck in decks:
        page, categories = _radar(deck)
        assert len(categories) == (15 if deck.stem == "deck15" else 14)
        lines = _lines(deck.with_suffix(".pdf"), page)
        spokes = _spokes(categories, lines)
        assert set(spokes) == set(categories), f"{deck.stem}: a name was not drawn as written"
        assert sum(c.endswith("(not yet scored)") for c in categories) >= 11
        legend = [box for text, box in lines if "Client view" in text]
        assert legend, "the legend is on the slide"
        drawn = [(c, box) for c, boxes in spokes.items() for box in boxes]
        for i, (name_a, a) in enumerate(drawn):
            for name_b, b in drawn[i + 1:]:
                if name_a != name_b:
                    assert _apart(a, b), f"{deck.stem}: {name_a!r} {a} touches {name_b!r} {b}"
            assert all(_apart(a, box) for box in legend), f"{deck.stem}: {name_a!r} touches the legend"
