"""Play-through 7, 10, in the Word edition: a small report gave a page each to "No improvement
actions were recorded.", two parked points and three participants (and one to the dimension's last
factor). Short sections now follow the one before when the whole of each fits, kept together so
they move to a new page whole; a long action plan still starts its own page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from mutuality_desktop.core.office.word import write_docx_file
from tests.report.test_out12_small_report import PARKED, PEOPLE, small_engagement

HEADINGS = ("Action plan", "Points parked", "Participants")


def _pages(pdf: Path) -> list[str]:
    count = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.startswith("Pages:")))
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout for n in range(1, count + 1)]


def _kicker_breaks(path: Path) -> dict[str, bool]:
    """Whether each back section's kicker (the line over its heading) starts a new page."""
    paragraphs = docx.Document(str(path)).paragraphs
    return {p.text: bool(paragraphs[i - 1].paragraph_format.page_break_before)
            for i, p in enumerate(paragraphs) if p.text in HEADINGS and p.style.name.startswith("Heading")}


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and pdftotext")
def test_short_sections_share_a_page_in_word(tmp_path: Path) -> None:
    path = small_engagement(tmp_path / "small.mutuality")
    out = tmp_path / "small.docx"
    write_docx_file(path, out)
    assert _kicker_breaks(out) == dict.fromkeys(HEADINGS, False)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], capture_output=True, check=True, timeout=240)
    pages = _pages(tmp_path / "small.pdf")
    found = {h: [n for n, text in enumerate(pages) if n > 1 and any(line.strip() == h for line in text.splitlines())]
             for h in HEADINGS}
    assert all(len(at) == 1 for at in found.values()), found
    assert len({at[0] for at in found.values()}) == 1, f"three short sections, more than one page: {found}"
    page = pages[found["Action plan"][0]]
    assert "No improvement actions were recorded." in page
    assert all(" ".join(p.split()[:3]) in " ".join(page.split()) for p in PARKED)
    assert all(name in page for name, _, _ in PEOPLE)


def test_a_long_action_plan_still_starts_its_own_page(tmp_path: Path, demo_master: Path) -> None:
    path, out = tmp_path / "demo.mutuality", tmp_path / "demo.docx"
    shutil.copyfile(demo_master, path)
    write_docx_file(path, out)
    breaks = _kicker_breaks(out)
    assert breaks["Action plan"] is True  # 25 actions
    assert breaks["Points parked"] is False and breaks["Participants"] is False  # 4 points, 11 people
