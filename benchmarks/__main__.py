"""Run every benchmark, print one table and write benchmarks/results/latest.md."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys

from . import core_figures, merge_figures, office_figures, open_floor, prework_figures, ui_figures
from .harness import ROOT, table


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = core_figures.workdir()
    demo = core_figures.build_demo(folder)
    if sys.argv[1:] == ["report"]:  # `python -m benchmarks report`: the report figures only
        print(table(core_figures.report_figures(demo, folder, ui_figures.soffice())))
        return 0
    if sys.argv[1:] == ["office"]:  # `python -m benchmarks office`: Word, Excel, PowerPoint only
        print(table(office_figures.office_figures(demo, folder, ui_figures.soffice())))
        return 0
    if sys.argv[1:] == ["keystroke"]:  # `python -m benchmarks keystroke`: score and note keystrokes
        commit = core_figures.set_score_figure(demo, folder)
        print(table([*ui_figures.keystroke_figures(demo, commit.floor), commit]))
        return 0
    if sys.argv[1:] == ["prework"]:  # `python -m benchmarks prework`: forms out, returns in
        print(table(prework_figures.prework_figures(demo, folder)))
        return 0
    if sys.argv[1:] == ["open"]:  # `python -m benchmarks open`: the walkthrough's open and factor change
        print(table(ui_figures.open_figures(demo)))
        return 0
    if sys.argv[1:] == ["frozen"]:  # `python -m benchmarks frozen`: the bundle figures only
        print(table(ui_figures.frozen_figures(demo)))
        return 0
    commit = core_figures.set_score_figure(demo, folder)
    figures = ui_figures.startup_figures(demo)
    figures += ui_figures.keystroke_figures(demo, commit.floor)
    figures += ui_figures.open_figures(demo)
    figures += [commit, *core_figures.apply_figures(demo, folder, commit.floor),
                core_figures.radar_redraw_figure(demo)]
    figures += core_figures.report_figures(demo, folder, ui_figures.soffice())
    figures += office_figures.office_figures(demo, folder, ui_figures.soffice())
    figures += prework_figures.prework_figures(demo, folder)
    figures += open_floor.open_floor_figures()
    figures += [core_figures.open_large_figure(demo, folder), core_figures.export_figure(demo, folder),
                ui_figures.memory_figure(demo)]
    figures += merge_figures.merge_figures(demo, folder)
    figures += ui_figures.frozen_figures(demo)
    header = (f"# Benchmarks\n\nRun {dt.datetime.now():%Y-%m-%d %H:%M} on {platform.node()} "
              f"({os.cpu_count()} cores, Python {platform.python_version()}, Qt offscreen). "
              "Each floor is measured in the same run; ratios hold where absolute times drift.\n\n")
    text = header + table(figures) + "\n"
    print(text)
    out = ROOT / "benchmarks" / "results" / "latest.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"Wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
