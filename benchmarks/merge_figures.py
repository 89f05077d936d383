"""Merging two copies of the demo with 50 changes each: in this process and as a whole command,
each against opening the demo the same way."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .harness import Figure, timed, wall

CHANGES = 50


def edited_copies(demo: Path, folder: Path) -> tuple[Path, Path]:
    """Two byte copies of the demo, each with CHANGES changes made through operations: levels,
    notes, confidence and actions, on the same factors for some (a few clash) and others apart."""
    from mutuality_desktop.core.engagement import Engagement

    ours, theirs = folder / "merge-ours.mutuality", folder / "merge-theirs.mutuality"
    for path in (ours, theirs):
        shutil.copy(demo, path)
    for path, side, author in ((ours, 0, "Andrea Price"), (theirs, 1, "Sian Evans")):
        with Engagement.open(path) as eng:
            eng.author = author
            rid = eng.rounds()[-1].id
            factors = [f.id for f in eng.framework.factors]
            for i in range(CHANGES):
                factor = factors[(i * 2 + side) % len(factors)]  # mostly different factors
                kind = i % 5
                if kind == 0:
                    eng.set_score(rid, factor, "client", (i + side) % 5 + 1)
                elif kind == 1:
                    eng.set_notes(rid, factor, "provider", f"{author}: evidence {i}")
                elif kind == 2:
                    eng.set_confidence(rid, factor, "agreed", ("low", "medium", "high")[i % 3])
                elif kind == 3:
                    eng.add_action(factor, f"{author}'s action {i}", author)
                else:
                    eng.set_score(rid, factors[0], "agreed", (i + side) % 5 + 1)  # clashes
    return ours, theirs


def merge_figures(demo: Path, folder: Path) -> list[Figure]:
    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.merge_files import merge_files

    ours, theirs = edited_copies(demo, folder)
    out = folder / "merged.mutuality"

    def merge() -> None:
        merge_files(ours, theirs, out, prefer="theirs")

    def open_demo() -> None:
        with Engagement.open(demo, readonly=True) as eng:
            eng.info()
            for r in eng.rounds():
                eng.scores(r.id)

    merge()
    in_process = timed(merge, 5)
    opening = timed(open_demo, 5)
    cmd = [sys.executable, "-m", "mutuality_desktop"]
    whole = [wall([*cmd, "merge", str(ours), str(theirs), "-o", str(out), "--prefer", "theirs"])
             for _ in range(3)]
    check = [wall([*cmd, "check", str(demo)]) for _ in range(3)]
    return [
        Figure(f"merge two demo copies, {CHANGES} changes each (in process)", in_process, opening,
               "open the demo read-only", "—", note="context"),
        Figure(f"mutuality-desktop merge, {CHANGES} changes each (whole process)", whole, check,
               "mutuality-desktop check of the demo", "—", note="context"),
    ]


if __name__ == "__main__":  # python -m benchmarks.merge_figures: these figures only
    from .core_figures import build_demo, workdir
    from .harness import table

    work = workdir()
    print(table(merge_figures(build_demo(work), work)))
