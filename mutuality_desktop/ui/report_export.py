"""File → Export report…: choose where and which edition, build it off the UI thread, offer to
open it.

Both editions are accessible: the PDF is tagged (PDF/UA-1) for screen readers, and the HTML
edition, which reflows on any screen, is the one to publish on a website (GOV.UK asks for HTML
where it can). The dialog's choices and the "Report ready" message say so.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from ..core.branding import BrandingProfile
from ..core.errors import MutualityError
from ..core.report import (
    ReportData,
    ReportError,
    ReportOptions,
    build_html,
    build_report,
    collect_report_data,
)
from .messages import show_error
from .names import safe_stem
from .tasks import run_in_background

A4_FILTER = "PDF report, A4, tagged for screen readers (*.pdf)"
LETTER_FILTER = "PDF report, US Letter, tagged for screen readers (*.pdf)"
HTML_FILTER = "Web page (HTML): the most accessible edition, to publish online (*.html)"
PAGE_SIZE_KEY = "report/page_size"
HTML = "html"  # the "page size" of the HTML edition
WHY = {
    HTML: "The web page edition reflows on any screen, from a phone to a projector, and works with "
          "screen readers (checked against WCAG 2.2 AA): publish this one on a website.",
    "pdf": "The PDF is tagged for screen readers (PDF/UA-1): headings, tables, chart descriptions "
           "and linked contents. To publish the report on a website, export the web page edition "
           "too.",
}


def default_report_name(title: str, round_label: str) -> str:
    """A file name from the engagement title and round, safe on Windows, macOS and Linux."""
    return f"{safe_stem(f'{title} - {round_label} report') or 'Report'}.pdf"


def ask_output(parent: QWidget, engagement: Any, round_label: str) -> tuple[Path, str] | None:
    """Ask where to write the report, as a PDF on which paper or as a web page; None if cancelled.

    The second value is the paper size ("a4", "letter") or "html" for the web page edition.
    """
    settings = QSettings()
    size = settings.value(PAGE_SIZE_KEY, "a4")
    start = Path(engagement.path).parent / default_report_name(engagement.info().title, round_label)
    chosen = {"letter": LETTER_FILTER, HTML: HTML_FILTER}.get(str(size), A4_FILTER)
    if chosen == HTML_FILTER:
        start = start.with_suffix(".html")
    filters = f"{A4_FILTER};;{LETTER_FILTER};;{HTML_FILTER}"
    name, picked = QFileDialog.getSaveFileName(parent, "Export report", str(start), filters, chosen)
    if not name:
        return None
    path = Path(name)
    if picked == HTML_FILTER or path.suffix.lower() in (".html", ".htm"):
        edition = HTML
        if path.suffix.lower() not in (".html", ".htm"):
            path = path.with_name(path.name + ".html")
    else:
        edition = "letter" if picked == LETTER_FILTER else "a4"
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
    settings.setValue(PAGE_SIZE_KEY, edition)
    return path, edition


def export_report(parent: QWidget, engagement: Any, round_id: int | None,
                  branding: BrandingProfile | None, *, output: Path | None = None,
                  page_size: str | None = None, options: ReportOptions | None = None) -> None:
    """Write the report of one round (page_size "html": the web page edition); the window stays
    responsive while it is built."""
    if branding is None:
        from .branding_dialog import load_branding_setting

        branding = load_branding_setting()
    rounds = {r.id: r.label for r in engagement.rounds()}
    label = rounds.get(round_id, "") if round_id is not None else (list(rounds.values()) or [""])[-1]
    if output is None:
        from .report_options import ask_options

        ids = [r.id for r in engagement.rounds()]
        has_previous = (ids.index(round_id) if round_id in ids else len(ids) - 1) > 0
        options = ask_options(parent, has_previous)
        if options is None:
            return
        answer = ask_output(parent, engagement, label)
        if answer is None:
            return
        output, page_size = answer
    profile, warnings = branding.portable()
    if not engagement.readonly:
        try:
            engagement.save_branding(profile.to_json())  # a colleague's report of this file matches
        except MutualityError as exc:
            warnings.append(f"The branding was not stored in the engagement file: {exc.message}")
    try:
        data = collect_report_data(engagement, round_id, options)
    except MutualityError as exc:
        show_error(parent, "The report could not be made", exc)
        return
    progress = _busy(parent, output)

    def done(result: object) -> None:
        progress.close()
        problems = warnings + [w for w in (result if isinstance(result, list) else []) if w not in warnings]
        offer_to_open(parent, output, problems, WHY[HTML if size == HTML else "pdf"])

    def failed(exc: BaseException, tb: str) -> None:
        progress.close()
        show_error(parent, "The report could not be made", exc, tb)

    size = page_size or "a4"
    gc.collect()  # collect Qt wrappers here, on the UI thread, not in the worker (see _build)
    run_in_background(lambda: _build(data, output, profile, size), done, failed)


def _build(data: ReportData, output: Path, profile: BrandingProfile, size: str) -> list[str]:
    """Build the PDF with automatic garbage collection paused.

    A collection that happens to run on the worker thread could free a Qt widget off the UI
    thread, which crashes Qt; the build allocates heavily, so it would often trigger one.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        if size == HTML:
            return build_html(data, output, profile)
        return build_report(data, output, profile, size)
    finally:
        if enabled:
            gc.enable()


def _busy(parent: QWidget, output: Path) -> QProgressDialog:
    progress = QProgressDialog(f"Writing {output.name}…", "", 0, 0, parent)
    progress.setWindowTitle("Export report")
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.show()
    return progress


def offer_to_open(parent: QWidget, output: Path, warnings: list[str], why: str = "") -> QMessageBox:
    """Say the report is ready, how it is accessible (with any warnings), and offer to open it;
    never blocks."""
    box = QMessageBox(parent)
    box.setWindowTitle("Report ready")
    box.setIcon(QMessageBox.Icon.Information if not warnings else QMessageBox.Icon.Warning)
    box.setText(f"The report was written to {output.name}.")
    notes = [why] if why else []
    if warnings:
        notes.append("Please note:\n• " + "\n• ".join(warnings))
    if notes:
        box.setInformativeText("\n\n".join(notes))
    open_button = box.addButton("Open report", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Close", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)

    def clicked(button: object) -> None:
        if button is open_button and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(output))):
            show_error(parent, "The report could not be opened",
                       ReportError(f"No program to open {output.suffix.lstrip('.').upper()} files "
                                   f"was found; the report is at {output}."))

    box.buttonClicked.connect(clicked)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
