"""Figures measured in this process: commits, radar redraw, report, open, export."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from .harness import Figure, floor_runs, timed, wall
from .report_editions import edition_figures
from .scope_report import scope_figures

F = "joint-objective-setting"


def raw_commit_floor(folder: Path, repeat: int = 200) -> list[float]:
    """A rollback-journal SQLite commit with synchronous=FULL: the physical floor of a save."""
    conn = sqlite3.connect(folder / "floor.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE s(id INTEGER PRIMARY KEY, level INTEGER)")
    conn.execute("INSERT INTO s VALUES (1, 0)")
    counter = iter(range(10**9))

    def commit() -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE s SET level=? WHERE id=1", (next(counter) % 6,))
        conn.execute("COMMIT")

    samples = timed(commit, repeat)
    conn.close()
    return samples


def set_score_figure(demo: Path, folder: Path) -> Figure:
    from mutuality_desktop.core.engagement import Engagement

    copy = folder / "commit.mutuality"
    shutil.copy(demo, copy)
    with Engagement.open(copy) as eng:
        rid = eng.rounds()[0].id
        counter = iter(range(10**9))
        samples = timed(lambda: eng.set_score(rid, F, "agreed", next(counter) % 6), 200)
    return Figure("core set_score (one durable commit)", samples, raw_commit_floor(folder),
                  "raw sqlite3 commit, same journal settings", "—", note="context for the keystroke figure")


def apply_figures(demo: Path, folder: Path, commit_floor: list[float]) -> list[Figure]:
    """One operation applied through the one write path: in-process, and as `apply` from the CLI."""
    import json

    from mutuality_desktop.core import operations as ops
    from mutuality_desktop.core.engagement import Engagement

    copy = folder / "apply.mutuality"
    shutil.copy(demo, copy)
    with Engagement.open(copy) as eng:
        label, round_uuid = eng.rounds()[0].label, eng.rounds()[0].uuid
        counter = iter(range(10**9))
        inproc = timed(lambda: eng.apply(ops.SetScore(round_uuid, F, "agreed", next(counter) % 6)), 200)
    ops_file = folder / "ops.json"
    cli = []
    for i in range(7):
        ops_file.write_text(json.dumps([{"op": "set_score", "round": label, "factor": F,
                                         "perspective": "agreed", "level": i % 6}]))
        cli.append(wall([sys.executable, "-m", "mutuality_desktop", "apply", str(copy), str(ops_file)]))
    return [Figure("Engagement.apply of one operation (durable, with its history entry)", inproc,
                   commit_floor, "raw sqlite3 commit, same journal settings", "—"),
            Figure("`mutuality-desktop apply` of one operation, whole process", cli, commit_floor,
                   "raw sqlite3 commit, same journal settings", "—")]


def radar_redraw_figure(demo: Path) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure

    from mutuality_desktop.core.charts.radar import dimension_radar, factor_radar
    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.model import Score

    with Engagement.open(demo, readonly=True) as eng:
        rounds = [(r.label, eng.scores(r.id)) for r in eng.rounds()]
        fw = eng.framework
    figures = []
    charts = []
    for build in (dimension_radar, factor_radar):
        fig = MplFigure(figsize=(5, 5), dpi=100)
        FigureCanvasAgg(fig)
        chart = build(fw, rounds, figure=fig)
        fig.canvas.draw()
        figures.append(fig)
        charts.append(chart)
    label, scores = rounds[-1]
    counter = iter(range(10**9))

    def one_score() -> None:
        level = next(counter) % 6
        changed = dict(scores)
        changed[(F, "agreed")] = Score(0, F, "agreed", level)
        new_rounds = [*rounds[:-1], (label, changed)]
        for chart, fig in zip(charts, figures, strict=True):
            chart.update(new_rounds)
            fig.canvas.draw()

    samples = timed(one_score, 40)
    return Figure("results radars redraw after one score (both charts, update + Agg draw)", samples,
                  target="≤ 30 ms", verdict="met" if sorted(samples)[len(samples) // 2] <= 30 else "missed")


def report_figures(demo: Path, folder: Path, soffice: str | None) -> list[Figure]:
    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.report import build_report, collect_report_data

    with Engagement.open(demo, readonly=True) as eng:
        data = collect_report_data(eng)
    out = folder / "report.pdf"
    build_report(data, out)  # warm: fonts registered, modules imported
    with_charts = timed(lambda: build_report(data, out), 5)
    floor = _without_charts(lambda: timed(lambda: build_report(data, folder / "plain.pdf"), 5))
    inproc = Figure("demo report PDF in a warm process", with_charts, floor,
                    "same pages without charts", "≤ 500 ms",
                    verdict="met" if sorted(with_charts)[2] <= 500 else "missed")
    cli = [wall([sys.executable, "-m", "mutuality_desktop", "report", str(demo), "-o", str(out)])
           for _ in range(5)]
    whole = Figure("`mutuality-desktop report` whole process", cli, target="≤ 0.5× LibreOffice")
    docx = _equivalent_docx(data, folder) if soffice else None
    if soffice and docx is not None:
        convert = [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder / "lo"), str(docx)]
        converted = folder / "lo" / "equivalent.pdf"
        floor_runs(convert, converted, 1)  # the first start makes LibreOffice's profile: not counted
        whole.floor = floor_runs(convert, converted, 5)
        if whole.floor:
            whole.floor_name = (f"soffice --convert-to pdf of the same report as .docx "
                                f"({_pages(converted)} pages)")
            whole.verdict = "met" if whole.ratio is not None and whole.ratio <= 0.5 else "missed"
        else:
            whole.floor_name = "LibreOffice wrote no PDF: floor failed"
            whole.verdict = "not measured"
    else:
        whole.floor_name = ("LibreOffice not installed: ratio skipped" if not soffice
                            else "python-docx not installed (pip install -e '.[bench]'): ratio skipped")
        whole.verdict = "not measured"
    return [inproc, *edition_figures(data, folder), *scope_figures(data, folder), whole]


def _without_charts(run):  # type: ignore[no-untyped-def]
    """Replace the chart flowables with blank space of the same size while run() runs."""
    import importlib
    import pkgutil

    from reportlab.platypus import Spacer

    import mutuality_desktop.core.report as report

    def blank(data, styles, width, height=None, **_):  # type: ignore[no-untyped-def]
        return Spacer(width, height or width)

    patched = []
    for info in pkgutil.iter_modules(report.__path__):
        module = importlib.import_module(f"{report.__name__}.{info.name}")
        for name in ("dimension_chart", "factor_chart"):
            if hasattr(module, name):
                patched.append((module, name, getattr(module, name)))
                setattr(module, name, blank)
    try:
        return run()
    finally:
        for module, name, original in patched:
            setattr(module, name, original)


def _equivalent_docx(data, folder: Path) -> Path | None:  # type: ignore[no-untyped-def]
    try:
        from .equivalent_docx import write_equivalent_docx

        return write_equivalent_docx(data, folder)
    except ImportError:
        return None


def _pages(pdf: Path) -> str:
    try:
        import pypdf

        return str(len(pypdf.PdfReader(str(pdf)).pages))
    except Exception:  # noqa: BLE001 - a count for the table, nothing depends on it
        return "?"


def make_large(path: Path) -> Path:
    """5 rounds, 40 participants with individual scores, 80 actions, long notes."""
    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.model import EngagementInfo

    note = ("The room discussed the contract board minutes and the joint business plan at length. " * 30)
    with Engagement.create(path, EngagementInfo("Large engagement", "Client", "Provider")) as eng:
        people = [eng.add_participant(f"Participant {i}", "Director", ("client", "provider")[i % 2])
                  for i in range(40)]
        rounds = [eng.rounds()[0]] + [eng.add_round(f"Follow-up {i}", dt.date(2026, i + 1, 1)) for i in range(4)]
        conn = eng.connection
        conn.execute("BEGIN")  # bulk fill in one transaction: the figure is about opening it
        for r in rounds:
            for k, f in enumerate(eng.framework.factors):
                for p in ("client", "provider", "agreed"):
                    conn.execute("INSERT INTO score(round_id, factor_id, perspective, level, notes, updated_at)"
                                 " VALUES (?,?,?,?,?,?)", (r.id, f.id, p, k % 6, note, "2026-01-01 00:00:00"))
                for person in people:
                    conn.execute("INSERT INTO participant_score(round_id, factor_id, participant_id, level,"
                                 " comment, updated_at) VALUES (?,?,?,?,?,?)",
                                 (r.id, f.id, person.id, (k + person.id) % 6, "", "2026-01-01 00:00:00"))
        conn.execute("COMMIT")
        for i in range(80):
            eng.add_action(eng.framework.factors[i % 40].id, f"Action {i}: " + note[:400], "Owner", "joint")
    return path


def open_everything(path: Path) -> None:
    from mutuality_desktop.core.engagement import Engagement

    with Engagement.open(path) as eng:
        eng.info()
        eng.participants()
        eng.actions()
        for r in eng.rounds():
            eng.scores(r.id)
            eng.participant_scores(r.id)


def open_large_figure(demo: Path, folder: Path) -> Figure:
    large = make_large(folder / "large.mutuality")
    demo_copy = folder / "demo-open.mutuality"
    shutil.copy(demo, demo_copy)
    open_everything(large)
    big = timed(lambda: open_everything(large), 10)
    small = timed(lambda: open_everything(demo_copy), 10)
    extra = sorted(big)[5] - sorted(small)[5]
    return Figure("open a large engagement (5 rounds, 40 participants, 80 actions, long notes)", big,
                  small, "open of the demo", "≤ 300 ms more than the demo",
                  verdict="met" if extra <= 300 else "missed", note=f"+{extra:.0f} ms")


def export_figure(demo: Path, folder: Path) -> Figure:
    from mutuality_desktop.core.exchange import export_file

    out = folder / "export.mutuality"
    samples = timed(lambda: export_file(demo, out), 10)
    return Figure("export for email (compact copy, checked first)", samples, target="≤ 50 ms",
                  verdict="met" if sorted(samples)[5] <= 50 else "missed")


def build_demo(folder: Path) -> Path:
    path = folder / "demo.mutuality"
    subprocess.run([sys.executable, "-m", "mutuality_desktop", "demo", "-o", str(path)], check=True,
                   capture_output=True)
    return path


def workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="mutuality-bench-"))
