"""The Word, Excel and PowerPoint outputs of the demo: in a warm process, and as whole
`mutuality-desktop` commands beside LibreOffice converting the same .docx to PDF (what a
consultant would otherwise wait for to get the report out of Word)."""

from __future__ import annotations

import sys
from pathlib import Path

from .harness import Figure, floor_runs, timed, wall

COMMANDS = {"docx": ["report"], "xlsx": ["xlsx"], "pptx": ["pptx"]}
NAMES = {"docx": "Word report", "xlsx": "Excel workbook", "pptx": "PowerPoint deck"}


def _writers() -> dict[str, object]:
    from mutuality_desktop.core.office.deck import write_pptx
    from mutuality_desktop.core.office.word import write_docx
    from mutuality_desktop.core.office.workbook import write_xlsx

    return {"docx": write_docx, "xlsx": write_xlsx, "pptx": write_pptx}


def office_figures(demo: Path, folder: Path, soffice: str | None, runs: int = 3) -> list[Figure]:
    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.report import collect_report_data

    with Engagement.open(demo, readonly=True) as eng:
        data = collect_report_data(eng)
    figures: list[Figure] = []
    for ext, write in _writers().items():
        out = folder / f"warm.{ext}"
        write(data, out)  # type: ignore[operator]  # warm: modules imported, fonts cached
        samples = timed(lambda w=write, o=out: w(data, o), runs)  # type: ignore[misc]
        figures.append(Figure(f"demo {NAMES[ext]} (.{ext}) in a warm process", samples, target="—"))
    floor: list[float] = []
    floor_name = "LibreOffice not installed: floor skipped"
    if soffice:
        docx = folder / "warm.docx"
        convert = [soffice, f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(folder / "lo-office"), str(docx)]
        converted = folder / "lo-office" / "warm.pdf"
        floor_runs(convert, converted, 1)  # the first start makes LibreOffice's profile: not counted
        floor = floor_runs(convert, converted, runs)
        floor_name = ("soffice --convert-to pdf of the same .docx" if floor
                      else "LibreOffice wrote no PDF: floor failed")
    for ext, command in COMMANDS.items():
        out = folder / f"cli.{ext}"
        cmd = [sys.executable, "-m", "mutuality_desktop", *command, str(demo), "-o", str(out)]
        wall(cmd)
        samples = [wall(cmd) for _ in range(runs)]
        figure = Figure(f"`mutuality-desktop {command[0]} -o .{ext}` whole process", samples, list(floor),
                        floor_name, "≤ 1× LibreOffice converting the .docx" if floor else "—")
        if figure.ratio is not None:
            figure.verdict = "met" if figure.ratio <= 1.0 else "missed"
        else:
            figure.verdict = "not measured"
        figures.append(figure)
    return figures
