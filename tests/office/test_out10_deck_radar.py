"""Play-through 7, outputs (out10): the PowerPoint mutuality radar's spoke names never overlap.

On the 15-spoke slide LibreOffice drew "Joint issue resolution strategy" into "Joint risk management
strategy" and "Joint communications strategy" into "Joint knowledge management strategy". The deck is
rendered by LibreOffice and the text lines of the slide read back with their boxes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pptx
import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework import MUTUALITY

Box = tuple[float, float, float, float]
LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)


def _deck(tmp: Path, demo_outputs) -> tuple[Path, list[str]]:  # type: ignore[no-untyped-def]
    """The demo's deck (write_pptx of its report data, as write_pptx_file does; built once per
    session) copied here, and the Mutuality factors' names."""
    with Engagement.open(demo_outputs.file, readonly=True) as e:
        names = [f.name for f in e.framework.dimension(MUTUALITY).factors]
    return demo_outputs.copy("pptx", tmp / "deck.pptx"), names


def _radar_slide(deck: Path) -> int:
    for number, slide in enumerate(pptx.Presentation(str(deck)).slides, start=1):
        for shape in slide.shapes:
            if shape.has_chart and len(list(shape.chart.plots[0].categories)) == 15:
                return number
    raise AssertionError("no 15-spoke radar in the deck")


def _labels(pdf: Path, page: int, names: list[str], also: tuple[str, ...] = ()) -> list[tuple[int, str, Box]]:
    """Each line of a spoke name (or one of also): which block (one name) it is in, its text and
    its box."""
    xml = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox-layout", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    words = " ".join(names)
    found = []
    for b, block in enumerate(xml.split("<block")[1:]):
        for m in LINE.finditer(block):
            text = " ".join(re.findall(r">([^<]+)</word>", m.group(5)))
            if text and (text in words or text in also):
                found.append((b, text, (float(m[1]), float(m[2]), float(m[3]), float(m[4]))))
    return found


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and pdftotext")
def test_fifteen_spoke_names_do_not_overlap_in_libreoffice(tmp_path: Path, demo_outputs) -> None:  # type: ignore[no-untyped-def]
    deck, names = _deck(tmp_path, demo_outputs)
    page = _radar_slide(deck)
    # its own LibreOffice profile: with another soffice on the default profile (the other test
    # worker, or a LibreOffice the person has open) the conversion exited 1
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(deck)],
                   capture_output=True, check=True, timeout=240)
    lines = _labels(tmp_path / "deck.pdf", page, names)
    assert len({b for b, _, _ in lines}) == 15, "two names ran together into one block of text"
    inset = 1.0  # a line's box takes in its leading; the next line of the same name touches it
    for i, (block_a, text_a, a) in enumerate(lines):
        for block_b, text_b, b in lines[i + 1:]:
            if block_a == block_b:
                continue
            apart = (a[2] <= b[0] or b[2] <= a[0] or a[3] - inset <= b[1] + inset or b[3] - inset <= a[1] + inset)
            assert apart, f"'{text_a}' {a} runs into '{text_b}' {b}"
    assert {"Joint issue resolution strategy", "Joint communications strategy"} <= {t for _, t, _ in lines}
