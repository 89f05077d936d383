"""The tagged PDF: two independent PDF/UA-1 checkers pass it; its structure says what it shows."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pikepdf
import pypdf
import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.report import build_report, collect_report_data

HOSTILE_TEXTS = [
    '<b>bold & <i>unclosed <img src="/etc/passwd"/> <a href="javascript:alert(1)">x</a> ]]> <para>',
    # right to left, with a bidi override
    "العربية: الشراكة بين المجلس والمزود \u202eevil\u202c שלום עולם",
    "中文 日本語のテキスト 한국어 文字",  # CJK: not in DejaVu Sans
    "Emoji 🙂👍🏽 Devanagari नमस्ते Thai สวัสดี",
    "Combining: e\u0301 a\u0308 Z\u0351\u036b\u0343 zero\u200bwidth tab\there bell\x07 nul-free",
    "Welsh ŵŷ, Polish zażółć, Greek Καλημέρα, Cyrillic Привет, “quotes” €1,200 " + "long" * 120,
]


def _tool(name: str) -> str:
    """A checker from the test extra, installed beside this Python."""
    found = Path(sys.executable).with_name(name)
    path = str(found) if found.exists() else shutil.which(name)
    if path is None:
        pytest.skip(f"the PDF checker '{name}' is not installed (pip install -e '.[test]')")
    return path


def outloud(pdf: Path) -> dict:
    run = subprocess.run(
        [_tool("outloud"), "--json", "-", "--fail-on", "never", str(pdf)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    result = json.loads(run.stdout)["results"][0]
    assert result["error"] is None, result["error"]
    return result


def pdfua(pdf: Path) -> dict:
    run = subprocess.run(
        [_tool("pdfua"), "check", "--format", "json", str(pdf)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return json.loads(run.stdout)


def assert_clean(pdf: Path) -> None:
    found = outloud(pdf)
    assert found["counts"] == {"error": 0, "warning": 0, "info": 0}, found["findings"]
    assert found["stats"]["tagged"]
    checked = pdfua(pdf)
    assert checked["summary"]["errors"] == 0 and checked["summary"]["warnings"] == 0, checked[
        "findings"
    ]
    assert not checked["skipped"], checked["skipped"]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, demo_master: Path) -> Path:
    path = tmp_path_factory.mktemp("a11y") / "demo.mutuality"
    shutil.copyfile(demo_master, path)
    return path


@pytest.fixture(scope="module")
def demo_pdf(demo_outputs) -> Path:  # type: ignore[no-untyped-def]
    """build_report_file of the demo, built once per session (tests/conftest.py)."""
    return demo_outputs.pdf


@pytest.fixture(scope="module")
def hostile_pdf(demo_file: Path) -> Path:
    path = demo_file.with_name("hostile.mutuality")
    shutil.copy(demo_file, path)
    with Engagement.open(path) as eng:
        rid = eng.rounds()[-1].id
        factors = [f.id for f in eng.framework.factors]
        for i, text in enumerate(HOSTILE_TEXTS):
            for perspective in ("client", "provider", "agreed"):
                eng.set_notes(rid, factors[i], perspective, text)
            eng.add_action(factors[i], text, owner=text[:40], side="joint")
            eng.add_participant(text[:60], text[:80], "provider")
        eng.update_info(
            title=HOSTILE_TEXTS[0] + " " + HOSTILE_TEXTS[1][:30],
            client_organisation=HOSTILE_TEXTS[2][:30],
        )
        data = collect_report_data(eng)
    out = path.with_suffix(".pdf")
    build_report(data, out)
    return out


def test_the_demo_report_passes_both_checkers(demo_pdf: Path) -> None:
    assert_clean(demo_pdf)


def test_a_report_of_hostile_text_passes_both_checkers(hostile_pdf: Path) -> None:
    assert_clean(hostile_pdf)


def test_a_report_before_any_scoring_passes_both_checkers(tmp_path: Path) -> None:
    """No levels, no notes: nothing repeats at the top or foot of pages like a running header."""
    info = EngagementInfo(
        title="Before the workshop",
        client_organisation="Northmoor Council",
        provider_organisation="Castleway Ltd",
        workshop_date=dt.date(2026, 3, 12),
    )
    with Engagement.create(tmp_path / "empty.mutuality", info) as eng:
        data = collect_report_data(eng)
    out = tmp_path / "empty.pdf"
    build_report(data, out)
    assert_clean(out)


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    out: list[pikepdf.Dictionary] = []
    todo = [pdf.Root.StructTreeRoot.K]
    while todo:
        node = todo.pop()
        kids = node if isinstance(node, pikepdf.Array) else [node]
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                out.append(kid)
                if "/K" in kid:
                    todo.append(kid.K)
    return out


def _has_content(element: pikepdf.Dictionary) -> bool:
    kids = element.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return any(
        isinstance(k, int)
        or (
            isinstance(k, pikepdf.Dictionary)
            and (k.get("/Type") == "/MCR" or ("/S" in k and _has_content(k)))
        )
        for k in kids
    )


def test_the_structure_says_what_the_report_shows(demo_pdf: Path) -> None:
    with pikepdf.open(demo_pdf) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en-GB" and root.PageMode == "/UseOutlines"
        assert root.ViewerPreferences.DisplayDocTitle is True
        xmp = bytes(root.Metadata.read_bytes()).decode()
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "Highways &amp; Environmental" in xmp
        elements = _elements(pdf)
        tags = Counter(str(e.S)[1:] for e in elements)
        assert tags["Document"] == 1
        assert (
            tags["H1"] >= 12 and tags["H2"] >= 15 and tags["H3"] >= 30
        )  # sections, parts, factors
        tables = [e for e in elements if e.S == "/Table"]
        assert len(tables) >= 10
        for table in tables:  # every table has header cells, each with a scope
            cells = [e for e in _elements_under(table) if e.S == "/TH"]
            assert cells, "a table without header cells"
            assert all(c.A.Scope in ("/Column", "/Row") for c in cells)
        lists = [e for e in elements if e.S == "/L"]
        assert lists and all(all(k.S == "/LI" for k in _kids(e)) for e in lists)
        figures = [e for e in elements if e.S == "/Figure"]
        assert len(figures) == 3 + 6  # three radar charts, six dimension level bars
        for figure in figures:
            alt = str(figure.Alt)
            assert any(ch.isdigit() for ch in alt), alt  # says what it shows in numbers
            assert len(figure.A.BBox) == 4
        radar = next(str(f.Alt) for f in figures if "15 factors of Mutuality" in str(f.Alt))
        assert "Joint objective setting 3" in radar and "Client view:" in radar
        links = [e for e in elements if e.S == "/Link"]
        assert len(links) == tags["TOCI"] == 13  # every contents entry links to its page (Points parked and How to read this report among them)
        for link in links:
            objr = next(
                k
                for k in _kids(link)
                if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
            )
            assert objr.Obj.Dest[0].Type == "/Page" and str(objr.Obj.Contents)
        for page in pdf.pages:
            assert "/StructParents" in page and page.Tabs == "/S"
        empty = [
            str(e.S)
            for e in elements
            if e.S in ("/H1", "/H2", "/H3", "/P", "/Figure") and not _has_content(e)
        ]
        assert not empty


def _kids(element: pikepdf.Dictionary) -> list[pikepdf.Object]:
    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _elements_under(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    out: list[pikepdf.Dictionary] = []
    for kid in _kids(element):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            out += [kid, *_elements_under(kid)]
    return out


def test_headers_footers_and_rules_are_artifacts(demo_pdf: Path) -> None:
    # a page of tables and text: Mutuality's "At a glance" table, found by its text, since the demo's
    # content decides which page it falls on
    texts = [p.extract_text() or "" for p in pypdf.PdfReader(str(demo_pdf)).pages]
    glance = next(i for i, t in enumerate(texts) if "At a glance" in t)
    with pikepdf.open(demo_pdf) as pdf:
        page = pdf.pages[glance]
        ops = pikepdf.parse_content_stream(page)
        depth, marked, text_outside = 0, 0, 0
        for _operands, op in ops:
            name = str(op)
            if name in ("BDC", "BMC"):
                depth += 1
                marked += 1
            elif name == "EMC":
                depth -= 1
            elif name in ("Tj", "TJ", "re", "l", "Do") and depth == 0:
                text_outside += 1
        assert depth == 0 and marked > 20
        assert text_outside == 0, "content drawn outside any marked content or artifact"
        artifacts = [o for o, op in ops if str(op) == "BDC" and o[0] == "/Artifact"]
        assert any(o[1].Type == "/Pagination" for o in artifacts)


def test_the_untagged_build_is_still_available(demo_file: Path, tmp_path: Path) -> None:
    with Engagement.open(demo_file, readonly=True) as eng:
        data = collect_report_data(eng)
    build_report(data, tmp_path / "plain.pdf", tagged=False)
    with pikepdf.open(tmp_path / "plain.pdf") as pdf:
        assert "/StructTreeRoot" not in pdf.Root
