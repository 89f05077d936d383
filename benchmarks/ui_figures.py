"""Figures measured in fresh processes (start-up, keystrokes, memory, frozen bundle)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .harness import ROOT, Figure, probe


def startup_figures(demo: Path, runs: int = 7) -> list[Figure]:
    probe("bare_window")  # warm the OS file cache once, for floor and figure alike
    probe("start_page")
    bare: list[float] = []
    start: list[float] = []
    walk: list[float] = []
    for _ in range(runs):  # interleaved, so a busy spell on the machine hits floor and figure alike
        bare.append(probe("bare_window")["ms"])
        start.append(probe("start_page")["ms"])
        walk.append(probe("demo_walkthrough", str(demo))["ms"])
    first = Figure("cold start → start page painted", start, bare, "bare PySide6 window painted",
                   "≤ 2× floor")
    first.verdict = "met" if first.ratio is not None and first.ratio <= 2 else "missed"
    second = Figure("cold start with the demo → walkthrough interactive", walk, bare,
                    "bare PySide6 window painted", "≤ 5× floor")
    second.verdict = "met" if second.ratio is not None and second.ratio <= 5 else "missed"
    return [first, second]


def open_figures(demo: Path) -> list[Figure]:
    """The walkthrough's open and factor change, in the UI thread's processor time, each beside a
    floor from the same process and the same moments (see probes/walkthrough_open.py). Context
    for issue 13 (a UI test opens the demo about a thousand times a run): no target."""
    run = probe("walkthrough_open", str(demo), timeout=300)
    return [Figure("open the demo in a shown window → walkthrough painted (processor time)", run["open_ms"],
                   run["read_ms"], "the same file opened and read by core alone", "—"),
            Figure("Next factor → painted (processor time, every factor once)", run["factor_ms"],
                   run["repaint_ms"], "the same page repainted unchanged", "—")]


def keystroke_figures(demo: Path, commit_floor: list[float]) -> list[Figure]:
    """The probe times a raw commit (same settings, same folder) after each keystroke: the floor
    the ratio is taken against comes from the same run, so a busy disk weighs on both alike."""
    walked = probe("keystroke", str(demo))
    walk = walked["samples"]
    charted = probe("keystroke", str(demo), "--results")
    dirty = probe("keystroke", str(demo), "--dirty")
    figures = []
    for name, samples, run in (
            ("score keystroke → committed → navigator and guide repainted", walk, walked),
            ("score keystroke → committed → what it changed repainted (--dirty)", dirty["samples"], dirty)):
        s = sorted(samples)
        p50, p99 = s[len(s) // 2], s[min(len(s) - 1, int(len(s) * 0.99))]
        floor = run.get("floor_samples") or commit_floor
        figures.append(Figure(name, samples, floor, "raw sqlite3 commit, same journal settings",
                              "p50 ≤ 12 ms, p99 ≤ 16.7 ms (one frame)",
                              verdict="met" if p50 <= 12 and p99 <= 16.7 else "missed"))
    # The results page is not on screen while the room scores; this is what a score costs when
    # its charts are redrawn as well (as on a second screen showing Results): context, no target.
    figures.append(Figure("score keystroke with the results charts also updated and drawn", charted["samples"],
                          charted.get("floor_samples") or commit_floor,
                          "raw sqlite3 commit, same journal settings", "—",
                          note="context: Results is not on screen while scoring"))
    cpu = walked.get("cpu_samples")
    if cpu:  # the same keystrokes' processor time: read beside the wall clock on a busy machine
        figures.append(Figure("score keystroke, processor time of the UI thread (same keystrokes)", cpu,
                              walked.get("floor_samples") or commit_floor,
                              "raw sqlite3 commit, same journal settings", "—",
                              note="wall clock minus this is waiting: the disk's fsync, other work"))
    notes = probe("note_typing", str(demo))["samples"]
    s = sorted(notes)
    p99 = s[min(len(s) - 1, int(len(s) * 0.99))]
    figures.append(Figure("note keystroke at 8 characters a second, no pause → durable in the file",
                          notes, commit_floor, "raw sqlite3 commit, same journal settings",
                          "p99 ≤ 500 ms", verdict="met" if p99 <= 500 else "missed"))
    return figures


def memory_figure(demo: Path) -> Figure:
    bare = [probe("bare_window")["rss"] for _ in range(3)]
    full = [probe("everything", str(demo))["rss"] for _ in range(3)]
    fig = Figure("peak memory, every feature used once", full, bare, "bare window", "≤ 200 MiB", unit="MiB")
    fig.verdict = "met" if fig.median <= 200 else "missed"
    return fig


def frozen_figures(demo: Path) -> list[Figure]:
    bundle = ROOT / "dist" / "mutuality-desktop"
    exe = bundle / ("mutuality-desktop.exe" if os.name == "nt" else "mutuality-desktop")
    sources = max(p.stat().st_mtime for p in (ROOT / "mutuality_desktop").rglob("*.py"))
    if exe.exists() and exe.stat().st_mtime < sources:  # measure the code as it is now
        subprocess.run([sys.executable, str(ROOT / "installer" / "build.py")], check=True,
                       capture_output=True, timeout=1800)
    if not exe.exists():
        return [Figure("frozen bundle (run `make installer` first)", [0.0], target="≤ 250 MB; ≤ 1.1×",
                       unit="", verdict="not measured")]
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    def self_test(cmd: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run([*cmd, "--self-test"], check=True, capture_output=True, env=env, timeout=300)
        return (time.perf_counter() - t) * 1000

    self_test([str(exe)])
    frozen: list[float] = []
    python: list[float] = []
    for _ in range(7):  # interleaved, so a busy spell on the machine hits both alike
        frozen.append(self_test([str(exe)]))
        python.append(self_test([sys.executable, "-m", "mutuality_desktop"]))
    size_fig = Figure("frozen bundle size (one-folder)", [size], target="≤ 250 MB", unit="MiB",
                      verdict="met" if size <= 250 else "missed")
    start_fig = Figure("frozen --self-test (open demo, walkthrough shown) vs python -m", frozen, python,
                       "python -m mutuality_desktop --self-test", "≤ 1.1×")
    start_fig.verdict = "met" if start_fig.ratio is not None and start_fig.ratio <= 1.1 else "missed"
    return [size_fig, start_fig]


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")
