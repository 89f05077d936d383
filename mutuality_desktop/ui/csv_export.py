"""File → Export to spreadsheet: the scores or the action plan as CSV (core.tables writes it),
written off the UI thread through the progress and cancel path every output shares."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from .export_task import export_in_background, unless_cancelled
from .messages import explain
from .names import safe_stem

if TYPE_CHECKING:
    from .main_window import MainWindow

WHAT = {"scores": ("scores", "factor rows"), "actions": ("actions", "actions")}
WHY = ("CSV opens in any spreadsheet. Text that a spreadsheet would run as a formula starts with "
       "an apostrophe, so it stays text.")


def default_csv_name(title: str, what: str) -> str:
    return f"{safe_stem(f'{title} - {what}') or what.capitalize()}.csv"


def export_table(w: MainWindow, what: str, target: Path | None = None,
                 on_finished: Callable[[Path | None], None] | None = None) -> None:
    """Ask where (unless target is given), then write the table off the UI thread and say where
    it went; on_finished(path or None) once it is written, cancelled or failed."""
    if w.doc is None:
        return
    w.doc.flush()
    engagement = w.doc.engagement
    if target is None:
        from .settings import Settings

        # where this engagement was last exported, as Export report and Export to Office do (it
        # opened in the engagement's own folder: play-through s12)
        uuid = engagement.info().uuid
        start = Settings().export_folder(uuid, Path(engagement.path)) / default_csv_name(
            engagement.info().title, WHAT[what][0])
        name, _ = QFileDialog.getSaveFileName(w, f"Export {WHAT[what][0]} as CSV", str(start),
                                              "CSV for spreadsheets (*.csv)")
        if not name:
            return
        target = Path(name) if name.lower().endswith(".csv") else Path(name + ".csv")
        Settings().set_export_folder(uuid, target.parent)
    from ..core.snapshot import take_snapshot
    from ..core.tables import write_csv

    try:
        snapshot = take_snapshot(engagement)  # read here; the worker never touches the file
    except Exception as exc:  # noqa: BLE001 - any failure is told, the workshop goes on
        w.show_problem(f"The {WHAT[what][0]} could not be exported: {explain(exc)}")
        return
    output = target

    def work(cancel: threading.Event) -> int:
        return unless_cancelled(output, cancel, lambda temp: write_csv(snapshot, temp, what))

    export_in_background(
        w, f"{WHAT[what][0]} table", output, work, why=WHY,
        written=lambda rows: f"Wrote {rows} {WHAT[what][1]} to {output}",
        on_error=lambda _title, exc, _tb: w.show_problem(
            f"The {WHAT[what][0]} could not be exported: {explain(exc)}"),
        on_finished=on_finished)
