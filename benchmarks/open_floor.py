"""Opening the demo against the code from before issue 13 (operations, history, identities).

The floor is the tree at OPEN_FLOOR_COMMIT (the last commit before the first issue-13 merge),
checked out into a temporary git worktree. Each tree makes its own demo and opens it with its own
code in its own processes, interleaved, so a busy spell hits floor and figure alike. If the floor
cannot be checked out or run, the figures are "not measured", never a ratio.

Warm opens of the same demo meet the app's memory of contents that passed the received-file
check (core/store.py); the third figure opens copies whose bytes differ (SQLite's change counter
in the header), so every one of them is checked in full. Both trees run with their bytecode
written beforehand (into the benchmark's temporary folder), as an installed app has it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .harness import ROOT, Figure

OPEN_FLOOR_COMMIT = "f0cac22f2e1d4a3c39f7904a965718f66bb53369"  # before "Merge wip/13"
TARGET = "≤ 1.2× floor"

# Run in a fresh process inside one tree: open the demo and read all of it, as the window does
# before it shows anything; the first open (module imports included) and then warm opens.
_OPEN = r"""
import json, shutil, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
demo = Path(sys.argv[2])

def copy(counter=None):
    target = Path(tempfile.mkdtemp()) / "open.mutuality"
    shutil.copy(demo, target)
    if counter is not None:  # SQLite's file change counter: valid file, different bytes
        with open(target, "r+b") as fh:
            fh.seek(24)
            fh.write(counter.to_bytes(4, "big"))
    return target

def read_all(path):
    from mutuality_desktop.core.engagement import Engagement
    with Engagement.open(path) as eng:
        eng.info(); eng.participants(); eng.actions()
        for r in eng.rounds():
            eng.scores(r.id)
            if hasattr(eng, "participant_scores"):
                eng.participant_scores(r.id)

paths = [copy() for _ in range(11)]
distinct = [copy(7000 + i) for i in range(10)]
t = time.perf_counter(); read_all(paths[0]); first = (time.perf_counter() - t) * 1000
warm, changed = [], []
for path, other in zip(paths[1:], distinct):
    t = time.perf_counter(); read_all(path); warm.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter(); read_all(other); changed.append((time.perf_counter() - t) * 1000)
print(json.dumps({"first": first, "warm": warm, "distinct": changed}))
"""


def _checkout(folder: Path) -> Path | None:
    tree = folder / "before-13"
    try:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--force", str(tree),
                        OPEN_FLOOR_COMMIT], check=True, capture_output=True, timeout=300)
    except (subprocess.SubprocessError, OSError):
        return None
    return tree


def _remove(tree: Path) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                   capture_output=True, timeout=300)
    shutil.rmtree(tree, ignore_errors=True)


def _demo(tree: Path, out: Path) -> bool:
    """The tree's own demo, made by its own code (an older tree cannot open a newer file)."""
    try:
        subprocess.run([sys.executable, "-m", "mutuality_desktop", "demo", "-o", str(out)], cwd=tree,
                       check=True, capture_output=True, timeout=600)
    except (subprocess.SubprocessError, OSError):
        return False
    return out.is_file() and out.stat().st_size > 0


def _env(folder: Path) -> dict[str, str]:
    """The children's environment: bytecode kept (in the benchmark's own folder, not the trees),
    as an installed app has it. Without it, every first open would also compile each module from
    source, and the figure would measure the compiler on the amount of code, not the open."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def _open(tree: Path, demo: Path, env: dict[str, str] | None = None) -> dict[str, object] | None:
    try:
        done = subprocess.run([sys.executable, "-c", _OPEN, str(tree), str(demo)], cwd=tree, check=True,
                              capture_output=True, text=True, timeout=300, env=env)
        result = json.loads(done.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, OSError, ValueError, IndexError):
        return None
    return result if isinstance(result, dict) else None


def open_floor_figures(runs: int = 5) -> list[Figure]:
    names = ("open the demo and read all of it, warm (same process, after the first)",
             "open the demo and read all of it, first open in a fresh process",
             "warm, each copy's bytes different (nothing known from an earlier check)")
    keys = ("warm", "first", "distinct")
    folder = Path(tempfile.mkdtemp(prefix="mutuality-open-floor-"))
    floor_tree = _checkout(folder)
    try:
        ours_demo, floor_demo = folder / "ours.mutuality", folder / "floor.mutuality"
        ours_ok = _demo(ROOT, ours_demo)
        floor_ok = floor_tree is not None and _demo(floor_tree, floor_demo)
        ours: dict[str, list[float]] = {key: [] for key in keys}
        floor: dict[str, list[float]] = {key: [] for key in keys}
        env = _env(folder)
        for tree, demo, ok in ((ROOT, ours_demo, ours_ok), (floor_tree, floor_demo, floor_ok)):
            if ok and tree is not None:
                _open(tree, demo, env)  # not timed: writes each tree's bytecode, as installing does
        for _ in range(runs):  # interleaved
            for tree, demo, into, ok in ((ROOT, ours_demo, ours, ours_ok),
                                         (floor_tree, floor_demo, floor, floor_ok)):
                if not ok or tree is None:
                    continue
                result = _open(tree, demo, env)
                if result is None:
                    if into is floor:
                        floor_ok = False
                    continue
                into["warm"] += [float(v) for v in result["warm"]]  # type: ignore[attr-defined]
                into["distinct"] += [float(v) for v in result["distinct"]]  # type: ignore[attr-defined]
                into["first"].append(float(result["first"]))  # type: ignore[arg-type]
    finally:
        if floor_tree is not None:
            _remove(floor_tree)
        shutil.rmtree(folder, ignore_errors=True)
    figures = []
    for key, name in zip(keys, names, strict=True):
        if not ours[key]:
            figures.append(Figure(name, [0.0], target=TARGET, verdict="not measured",
                                  note="this tree's demo could not be opened"))
            continue
        if not floor_ok or not floor[key]:
            figures.append(Figure(name, ours[key], target=TARGET, verdict="not measured",
                                  note=f"the floor ({OPEN_FLOOR_COMMIT[:7]}) could not run"))
            continue
        fig = Figure(name, ours[key], floor[key], f"same, code before issue 13 ({OPEN_FLOOR_COMMIT[:7]})",
                     TARGET)
        fig.verdict = "met" if fig.ratio is not None and fig.ratio <= 1.2 else "missed"
        figures.append(fig)
    return figures


if __name__ == "__main__":  # python -m benchmarks.open_floor
    from .harness import table

    print(table(open_floor_figures()))
