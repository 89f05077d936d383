"""A benchmark floor that fails or writes nothing gives no ratio ("not measured")."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.harness import Figure, floor_runs, table


def test_a_floor_that_writes_nothing_is_not_a_floor(tmp_path: Path) -> None:
    out = tmp_path / "converted.pdf"
    silent = [sys.executable, "-c", "pass"]  # exits 0, writes nothing: a broken conversion
    assert floor_runs(silent, out, 2) == []
    failing = [sys.executable, "-c", "raise SystemExit(3)"]
    assert floor_runs(failing, out, 2) == []
    writes = [sys.executable, "-c", f"open({str(out)!r}, 'w').write('%PDF')"]
    assert len(floor_runs(writes, out, 2)) == 2
    figure = Figure("report", [700.0], floor_runs(silent, out, 1), "LibreOffice", "≤ 0.5×",
                    verdict="not measured")
    assert figure.ratio is None
    assert "| — |" in table([figure]) and "not measured" in table([figure])
