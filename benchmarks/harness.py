"""Timing helpers and the results table: medians, spreads, floors and ratios."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBES = Path(__file__).resolve().parent / "probes"


@dataclass
class Figure:
    name: str
    samples: list[float]  # milliseconds (or MB / MiB where unit says so)
    floor: list[float] = field(default_factory=list)
    floor_name: str = "—"
    target: str = ""
    unit: str = "ms"
    verdict: str = ""  # "met" / "missed" / "" when the target is not a simple limit
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def floor_median(self) -> float | None:
        return statistics.median(self.floor) if self.floor else None

    @property
    def ratio(self) -> float | None:
        f = self.floor_median
        return None if not f else self.median / f

    def spread(self) -> str:
        if len(self.samples) >= 20:
            s = sorted(self.samples)
            return f"p99 {s[min(len(s) - 1, int(len(s) * 0.99))]:.1f}"
        return f"{min(self.samples):.1f}–{max(self.samples):.1f}"


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def probe(name: str, *args: str, env: dict[str, str] | None = None, timeout: float = 120) -> dict:
    """Run benchmarks/probes/NAME.py in a fresh process; return the JSON lines it printed, merged."""
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    result = subprocess.run([sys.executable, str(PROBES / f"{name}.py"), *args], capture_output=True,
                            text=True, timeout=timeout, env=full_env, cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError(f"probe {name} failed: {result.stderr[-2000:]}")
    merged: dict = {}
    for line in result.stdout.splitlines():
        if line.startswith("{"):
            merged.update(json.loads(line))
    return merged


def wall(cmd: list[str], env: dict[str, str] | None = None, timeout: float = 300) -> float:
    """Whole-process wall time of a command, in milliseconds."""
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, timeout=timeout, env={**os.environ, **(env or {})})
    return (time.perf_counter() - t) * 1000


def floor_runs(cmd: list[str], output: Path, runs: int, timeout: float = 600) -> list[float]:
    """Time a floor command; [] when it fails or writes nothing, so its figure is "not measured".

    A conversion that exits 0 without writing its output is no floor: a ratio against it would
    compare our work with nothing.
    """
    samples = []
    for _ in range(runs):
        output.unlink(missing_ok=True)
        try:
            samples.append(wall(cmd, timeout=timeout))
        except (subprocess.SubprocessError, OSError):
            return []
        if not output.is_file() or output.stat().st_size == 0:
            return []
    return samples


def table(figures: list[Figure]) -> str:
    lines = [
        "| figure | median | p99 or min–max | floor (median) | ratio | target | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        floor = f"{f.floor_name}: {f.floor_median:.1f} {f.unit}" if f.floor_median is not None else f.floor_name
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
        verdict = f.verdict + (f" ({f.note})" if f.note else "")
        lines.append(f"| {f.name} | {f.median:.1f} {f.unit} | {f.spread()} | {floor} | {ratio} | {f.target} | {verdict} |")
    return "\n".join(lines)
