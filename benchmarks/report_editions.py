"""The accessible editions' cost: the tagged PDF against the untagged build, and the HTML one."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from .harness import Figure

TAGGING_LIMIT = 1.3  # the tagged report may take at most 1.3 times the untagged build


def edition_figures(data: Any, folder: Path, repeat: int = 7) -> list[Figure]:
    """Tagged and untagged builds interleaved in the same process, so drift hits both alike."""
    from mutuality_desktop.core.report import build_html, build_report

    tagged_out, plain_out, html_out = (
        folder / "tagged.pdf",
        folder / "untagged.pdf",
        folder / "report.html",
    )
    build_report(data, tagged_out)  # warm: fonts, pikepdf and the tagging hook loaded
    build_report(data, plain_out, tagged=False)
    build_html(data, html_out)
    tagged: list[float] = []
    plain: list[float] = []
    html: list[float] = []
    for _ in range(repeat):
        for out, samples, run in (
            (tagged_out, tagged, lambda o: build_report(data, o)),
            (plain_out, plain, lambda o: build_report(data, o, tagged=False)),
            (html_out, html, lambda o: build_html(data, o)),
        ):
            start = time.perf_counter()
            run(out)
            samples.append((time.perf_counter() - start) * 1000)
    pdf = Figure(
        "demo report PDF, tagged PDF/UA-1 (structure tree, artifacts, XMP)",
        tagged,
        plain,
        "the same report untagged, same run",
        f"≤ {TAGGING_LIMIT}×",
    )
    pdf.verdict = "met" if pdf.ratio is not None and pdf.ratio <= TAGGING_LIMIT else "missed"
    web = Figure(
        "demo report HTML edition (charts as SVG), warm process",
        html,
        tagged,
        "the tagged PDF, same run",
        "≤ the PDF",
    )
    web.verdict = "met" if web.ratio is not None and web.ratio <= 1 else "missed"
    return [pdf, web]
