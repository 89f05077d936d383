"""A Mutuality-only report against the full report, built in the same run.

The Mutuality-only engagement is the demo with every score outside Mutuality left out (through the
public JSON form), which is what a first workshop that covers Mutuality alone produces.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from .harness import Figure


def mutuality_only(demo: Path, out: Path) -> Path:
    """Write the demo engagement with only the Mutuality factors scored to out."""
    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.jsonio import create_from_json, engagement_json

    with Engagement.open(demo, readonly=True) as eng:
        data = engagement_json(eng)
        keep = {f.id for f in eng.framework.dimension("mutuality").factors}
    for rnd in data["rounds"]:
        rnd["scores"] = [s for s in rnd["scores"] if s["factor"] in keep]
        rnd["participant_scores"] = [s for s in rnd["participant_scores"] if s["factor"] in keep]
        rnd["scope"] = ["mutuality"]
    data["actions"] = [a for a in data["actions"] if a["factor"] in keep]
    data["history"] = []
    create_from_json(data, out).close()
    return out


def scope_figures(full: Any, folder: Path, repeat: int = 5) -> list[Figure]:
    """Full and Mutuality-only reports of the demo, interleaved so drift hits both alike."""
    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.report import build_report, collect_report_data

    demo = folder / "scope-demo.mutuality"
    if not demo.exists():
        from mutuality_desktop.core.demo import build_demo

        build_demo(demo).close()
    only = mutuality_only(demo, folder / "mutuality-only.mutuality")
    with Engagement.open(only, readonly=True) as eng:
        small = collect_report_data(eng)
    build_report(small, folder / "only.pdf")  # warm
    build_report(full, folder / "full.pdf")
    short: list[float] = []
    whole: list[float] = []
    for _ in range(repeat):
        for data, out, samples in ((small, "only.pdf", short), (full, "full.pdf", whole)):
            start = time.perf_counter()
            build_report(data, folder / out)
            samples.append((time.perf_counter() - start) * 1000)
    figure = Figure("Mutuality-only demo report PDF (tagged)", short, whole,
                    "the full demo report, same run", "< the full report")
    figure.verdict = "met" if figure.ratio is not None and figure.ratio < 1 else "missed"
    return [figure]
