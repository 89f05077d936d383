"""Issue 21: the appendix prints each factor's crosswalk (ISO 44001:2017, NAO) and a one-page table
of every factor, in the PDF and the HTML edition; a 1.x framework (no crosswalk) prints none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest

from mutuality_desktop.core.report import build_html_file

from .test_report import flat, pdf_text


@pytest.fixture(scope="module")
def demo_file(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crosswalk") / "demo.mutuality"
    shutil.copyfile(demo_master, path)
    return path


def test_the_pdf_appendix_prints_each_crosswalk_and_a_one_page_table(demo_outputs) -> None:  # type: ignore[no-untyped-def]
    out = demo_outputs.pdf  # build_report_file of the demo, once per session
    text = pdf_text(out)
    # under Joint exit strategy's levels: its clauses, stages and NAO areas by name
    assert ("ISO 44001:2017 clauses: Clause 8, Operation ISO 44001:2017 lifecycle stages: Stage 8, Exit strategy; "
            "Stage 7, Staying together NAO good practice contract management framework areas: Risk (delivery); "
            "Contract development (development); Market management (strategy)") in text
    assert "The crosswalk at a glance" in text
    reader = pypdf.PdfReader(str(out))
    pages = [i for i, p in enumerate(reader.pages) if "crosswalk at a glance" in (p.extract_text() or "")]
    assert len(pages) == 1
    table_page = flat(reader.pages[pages[0]].extract_text())
    assert "Mutuality 14. Joint exit strategy 8 8, 7 7, 8, 11" in table_page  # on the same page as its key
    assert "11 Market management (strategy)" in table_page


def test_the_html_appendix_has_the_crosswalk_and_the_table(demo_file: Path) -> None:
    out = demo_file.with_name("demo.html")
    build_html_file(demo_file, out)
    html = out.read_text(encoding="utf-8")
    assert "<strong>NAO good practice contract management framework areas:</strong> Risk (delivery)" in html
    assert "<h3>The crosswalk at a glance</h3>" in html
    assert "Each factor&#x27;s ISO 44001:2017 clauses and lifecycle stages, and NAO areas" in html or \
        "Each factor's ISO 44001:2017 clauses and lifecycle stages, and NAO areas" in html
