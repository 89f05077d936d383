"""File → Export to spreadsheet: the scores or the action plan as CSV (core.tables writes it)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from .messages import explain
from .names import safe_stem

if TYPE_CHECKING:
    from .main_window import MainWindow

WHAT = {"scores": ("scores", "factor rows"), "actions": ("actions", "actions")}


def default_csv_name(title: str, what: str) -> str:
    return f"{safe_stem(f'{title} - {what}') or what.capitalize()}.csv"


def export_table(w: MainWindow, what: str, target: Path | None = None) -> Path | None:
    """Ask where (unless target is given), write the table, say so; None if cancelled or failed."""
    if w.doc is None:
        return None
    w.doc.flush()
    engagement = w.doc.engagement
    if target is None:
        start = Path(engagement.path).parent / default_csv_name(engagement.info().title, WHAT[what][0])
        name, _ = QFileDialog.getSaveFileName(w, f"Export {WHAT[what][0]} as CSV", str(start),
                                              "CSV for spreadsheets (*.csv)")
        if not name:
            return None
        target = Path(name) if name.lower().endswith(".csv") else Path(name + ".csv")
    from ..core.tables import write_csv

    try:
        rows = write_csv(engagement, target, what)
    except Exception as exc:  # noqa: BLE001 - any failure is told, the workshop goes on
        w.show_problem(f"The {WHAT[what][0]} could not be exported: {explain(exc)}")
        return None
    w.statusBar().showMessage(f"Wrote {rows} {WHAT[what][1]} to {target}", 10000)
    return target
