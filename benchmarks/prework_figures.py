"""Pre-work, whole process: forms for 20 participants, and the import of their 20 returns.

Each is the command a consultant runs (`prework forms`, `prework import`), timed as a process,
beside the floor of the same run: `check` on the same file (start the interpreter, open and check
the engagement, print one line).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .harness import Figure, wall

PEOPLE = 20
CLI = [sys.executable, "-m", "mutuality_desktop"]


def _twenty(demo: Path, folder: Path) -> Path:
    """The demo with client and provider participants added up to PEOPLE."""
    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.operations import AddParticipant

    path = folder / "prework.mutuality"
    shutil.copyfile(demo, path)
    with Engagement.open(path) as eng:
        have = sum(p.side in ("client", "provider") for p in eng.participants())
        eng.apply_all([AddParticipant(f"Participant {i + 1}", "Director",
                                      "client" if i % 2 else "provider")
                       for i in range(PEOPLE - have)])
    return path


def _fill(forms: list[Path], out: Path) -> list[Path]:
    """Every form filled as Excel would: a level and a comment for each factor."""
    import openpyxl

    out.mkdir(exist_ok=True)
    filled = []
    for n, form in enumerate(forms):
        wb = openpyxl.load_workbook(form)
        rows = [(r[3].value, r[4].value) for r in wb["_meta"].iter_rows() if r[0].value == "factor"]
        choices = [c.value for c in wb["_meta"]["F"] if c.value]
        for i, (level_row, comment_row) in enumerate(rows):
            wb["Your views"][f"B{level_row}"] = choices[(n + i) % len(choices)]
            wb["Your views"][f"B{comment_row}"] = f"Seen at the March board ({n}, {i})."
        target = out / form.name
        wb.save(target)
        filled.append(target)
    return filled


def prework_figures(demo: Path, folder: Path) -> list[Figure]:
    path = _twenty(demo, folder)
    floor = [wall([*CLI, "check", str(path)]) for _ in range(3)]
    forms_dir = folder / "forms"
    samples = []
    for _ in range(3):
        shutil.rmtree(forms_dir, ignore_errors=True)
        forms_dir.mkdir()
        samples.append(wall([*CLI, "prework", "forms", str(path), "-o", str(forms_dir),
                             "--round", "Baseline"]))
    forms = sorted(forms_dir.glob("*.xlsx"))
    assert len(forms) == PEOPLE, len(forms)
    returns = _fill(forms, folder / "returns")
    imports = []
    for i in range(3):
        target = folder / f"import-{i}.mutuality"
        shutil.copyfile(path, target)
        imports.append(wall([*CLI, "prework", "import", str(target), *map(str, returns)]))
    return [
        Figure(f"pre-work forms for {PEOPLE} participants (whole process)", samples, floor,
               "check the same file (whole process)", target="≤ 5 s",
               verdict="met" if max(samples) <= 5000 else "missed"),
        Figure(f"import of {PEOPLE} returns, {len(returns) * 15} answers (whole process)", imports,
               floor, "check the same file (whole process)", target="≤ 5 s",
               verdict="met" if max(imports) <= 5000 else "missed"),
    ]
