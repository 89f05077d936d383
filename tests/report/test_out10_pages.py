"""Play-through 7, outputs (out10): no page of the printed report carries a stray line or two.

With one more factor not agreed the executive summary used to run one bullet over onto a page of its
own, and a dimension chapter's last factor its last two notes; a chief executive turned to a page
holding three lines. Every page of several data shapes is read back and must carry at least four
lines of text besides the running header and footer.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework import MUTUALITY
from mutuality_desktop.core.report.build import build_report_file

NOT_AGREED = ["joint-exit-strategy", "joint-risk-management-strategy", "joint-issue-resolution-strategy"]
LONG_NOTE = " ".join(
    f"Point {i}: the joint board minutes for the quarter show the action was raised, owned by both "
    "contract managers and closed only after the provider's evidence was checked by the council."
    for i in range(1, 9))
HEADER_FOOTER = 3  # the title and round lines at the top, the confidentiality line and page number at the foot
MIN_LINES = 4


def _pages(pdf: Path) -> list[list[str]]:
    """Each page's non-blank lines as pdftotext lays them out (it draws the page-number forms too)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [[x.strip() for x in page.splitlines() if x.strip()] for page in text.split("\f")[:-1]]


def _variant(tmp: Path, shape: str, demo_master: Path) -> Path:
    path = tmp / f"{shape}.mutuality"
    shutil.copyfile(demo_master, path)  # the demo, built once per session
    with Engagement.open(path) as e:
        follow_up = e.rounds()[-1].id
        if shape.startswith("not_agreed_"):
            for fid in NOT_AGREED[:int(shape.rsplit("_", 1)[1])]:
                e.set_score(follow_up, fid, "agreed", None)
        elif shape == "long_notes":
            for f in e.framework.dimension(MUTUALITY).factors[::4]:
                e.set_notes(follow_up, f.id, "client", LONG_NOTE)
    out = tmp / f"{shape}.pdf"
    build_report_file(path, out)
    return out


@pytest.fixture(scope="module")
def pages_of(demo_master: Path, demo_outputs, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Each shape's report read back, built once for the module (the demo's own once per session)."""
    folder = tmp_path_factory.mktemp("out10-pages")
    read: dict[str, list[list[str]]] = {}

    def pages(shape: str) -> list[list[str]]:
        if shape not in read:
            read[shape] = _pages(demo_outputs.pdf if shape == "demo" else _variant(folder, shape, demo_master))
        return read[shape]

    return pages


@pytest.mark.parametrize("shape", ["demo", "not_agreed_1", "not_agreed_3", "long_notes"])
def test_no_page_carries_only_a_line_or_two(pages_of, shape: str) -> None:  # type: ignore[no-untyped-def]
    pages = pages_of(shape)
    assert len(pages) > 20
    for number, lines in enumerate(pages[1:], start=2):  # the cover is laid out on its own
        assert re.search(rf"Page {number} of {len(pages)}$", lines[-1])
        content = len(lines) - HEADER_FOOTER
        assert content >= MIN_LINES, f"{shape}: page {number} holds only {content} lines: {lines}"


def test_what_moved_is_never_split_from_its_heading(pages_of) -> None:  # type: ignore[no-untyped-def]
    """With three more factors not agreed, the summary's last block goes over whole, heading first."""
    pages = pages_of("not_agreed_3")
    holding = [i for i, lines in enumerate(pages) if any(x.startswith("What moved since") for x in lines)]
    assert len(holding) == 1
    page = pages[holding[0]]
    assert any("At factor level" in x for x in page), "the block's last bullet is on the heading's page"
    assert not any("What moved" in x or "At factor level" in x for x in pages[holding[0] + 1])
