"""File → Export report…: choose where and which edition (PDF, web page or Word, by the file
dialog's type or the name's extension), build it off the UI thread through the progress and
cancel path every output shares (export_task), offer to open it.

The PDF and HTML editions are accessible: the PDF is tagged (PDF/UA-1) for screen readers, and
the HTML edition, which reflows on any screen, is the one to publish on a website (GOV.UK asks
for HTML where it can). The Word edition is the one to edit, in the house template chosen under
Settings. The dialog's choices and the "Report ready" message say so.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from ..core.branding import BrandingProfile
from ..core.errors import MutualityError
from ..core.report import (
    ReportData,
    ReportOptions,
    build_html,
    build_report,
    collect_report_data,
)
from .export_task import export_in_background, unless_cancelled
from .messages import show_error
from .names import safe_stem
from .settings import Settings

A4_FILTER = "PDF report, A4, tagged for screen readers (*.pdf)"
LETTER_FILTER = "PDF report, US Letter, tagged for screen readers (*.pdf)"
HTML_FILTER = "Web page (HTML): the most accessible edition, to publish online (*.html)"
WORD_FILTER = "Word document, to edit in the house template (*.docx)"
PAGE_SIZE_KEY = "report/page_size"
# the type last chosen in File → Export report, never the Word report's of Export to Office
# (play-through 12b: after a Word export, Export report offered a .docx name); page_size is read
# when this is unset, unless it holds the Word type an Office export may have left there
REPORT_TYPE_KEY = "report/export_type"
HTML = "html"  # the "page size" of the HTML edition
DOCX = "docx"  # the "page size" of the Word edition
WHY = {
    HTML: "The web page edition reflows on any screen, from a phone to a projector, and works with "
          "screen readers (checked against WCAG 2.2 AA): publish this one on a website.",
    "pdf": "The PDF is tagged for screen readers (PDF/UA-1): headings, tables, chart descriptions "
           "and linked contents. To publish the report on a website, export the web page edition "
           "too.",
    DOCX: "The Word edition uses the house template chosen under Settings → House template, with "
          "real headings, tables and charts described in their alternative text: edit it as you "
          "would any report, then save it as a tagged PDF from Word to print or publish.",
}


def default_report_name(title: str, round_label: str) -> str:
    """A file name from the engagement title and round, safe on Windows, macOS and Linux."""
    return f"{safe_stem(f'{title} - {round_label} report') or 'Report'}.pdf"


def ask_output(parent: QWidget, engagement: Any, round_label: str,
               edition: str | None = None) -> tuple[Path, str] | None:
    """Ask where to write the report, as a PDF on which paper or as a web page; None if cancelled.

    The second value is the paper size ("a4", "letter"), "html" for the web page edition or
    "docx" for the Word edition: a name ending .html or .docx wins over the type chosen. The
    type offered first is the edition given (File → Export to Office → Word report), else the
    one chosen last time in File → Export report (PDF on A4 the first time).
    """
    settings = QSettings()
    chosen_as = edition
    size = edition or _last_report_type(settings)
    uuid = engagement.info().uuid
    start = Settings().export_folder(uuid, Path(engagement.path)) / default_report_name(
        engagement.info().title, round_label)  # where this engagement was last exported (Office too)
    chosen = {"letter": LETTER_FILTER, HTML: HTML_FILTER, DOCX: WORD_FILTER}.get(str(size), A4_FILTER)
    if chosen == HTML_FILTER:
        start = start.with_suffix(".html")
    elif chosen == WORD_FILTER:
        start = start.with_suffix(".docx")
    filters = f"{A4_FILTER};;{LETTER_FILTER};;{HTML_FILTER};;{WORD_FILTER}"
    name, picked = QFileDialog.getSaveFileName(parent, "Export report", str(start), filters, chosen)
    if not name:
        return None
    path = Path(name)
    suffix = path.suffix.lower()
    if suffix == ".docx" or (picked == WORD_FILTER and suffix not in (".pdf", ".html", ".htm")):
        edition = DOCX
        if suffix != ".docx":
            path = path.with_name(path.name + ".docx")
    elif suffix in (".html", ".htm") or (picked == HTML_FILTER and suffix != ".pdf"):
        edition = HTML
        if path.suffix.lower() not in (".html", ".htm"):
            path = path.with_name(path.name + ".html")
    else:
        edition = "letter" if picked == LETTER_FILTER else "a4"
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
    if chosen_as is None:  # Export report's own choice; the Office menu's Word report leaves it be
        settings.setValue(PAGE_SIZE_KEY, edition)
        settings.setValue(REPORT_TYPE_KEY, edition)
    Settings().set_export_folder(uuid, path.parent)
    return path, edition


def _last_report_type(settings: QSettings) -> str:
    """The type File → Export report offers first: the one last chosen there, else PDF on A4."""
    remembered = str(settings.value(REPORT_TYPE_KEY, "") or "")
    if remembered:
        return remembered
    older = str(settings.value(PAGE_SIZE_KEY, "a4") or "a4")
    return "a4" if older == DOCX else older


def export_report(parent: QWidget, engagement: Any, round_id: int | None,
                  branding: BrandingProfile | None, *, output: Path | None = None,
                  page_size: str | None = None, options: ReportOptions | None = None,
                  edition: str | None = None) -> None:
    """Write the report of one round (page_size "html": the web page edition); the window stays
    responsive while it is built. edition: the type the save dialog offers first ("docx" from
    File → Export to Office → Word report, the same dialog with Word chosen)."""
    if branding is None:
        from .branding_dialog import load_branding_setting

        branding = load_branding_setting()
    rounds = {r.id: r.label for r in engagement.rounds()}
    label = rounds.get(round_id, "") if round_id is not None else (list(rounds.values()) or [""])[-1]
    if output is None:
        from .report_options import RoundChoice, ask_options

        ids = [r.id for r in engagement.rounds()]
        choice = RoundChoice.of([(r.id, r.label, _has_agreed(engagement, r.id)) for r in engagement.rounds()],
                                round_id)
        has_previous = (ids.index(choice.chosen) if choice.chosen in ids else len(ids) - 1) > 0
        options = ask_options(parent, has_previous, choice)
        if options is None:
            return
        if choice.chosen in rounds:  # the round chosen in the dialog (shown there, play-through 7)
            round_id, label = choice.chosen, rounds[choice.chosen]
        answer = ask_output(parent, engagement, label, edition)
        if answer is None:
            return
        output, page_size = answer
    profile, warnings = branding.portable()
    try:
        data = collect_report_data(engagement, round_id, options)
    except MutualityError as exc:
        show_error(parent, "The report could not be made", exc)
        return
    size = page_size or "a4"
    what = "Word report" if size == DOCX else "report"
    template = None
    if size == DOCX:
        from .office_export import house_template

        template = house_template()

    def work(cancel: threading.Event) -> list[str]:
        if size == DOCX:
            from .office_export import build

            return build(DOCX, data, output, profile, template, cancel)
        return unless_cancelled(output, cancel, lambda temp: _build(data, temp, profile, size))

    export_in_background(
        parent, what, output, work, warnings=warnings, why=WHY[size if size in WHY else "pdf"],
        on_error=lambda title, exc, tb: show_error(parent, title, exc, tb))


def _has_agreed(engagement: Any, round_id: int) -> bool:
    return any(p == "agreed" and s.level is not None for (_, p), s in engagement.scores(round_id).items())


def _build(data: ReportData, output: Path, profile: BrandingProfile, size: str) -> list[str]:
    """Build the PDF or the web page (on a worker: ui.tasks pauses garbage collection for it)."""
    if size == HTML:
        return build_html(data, output, profile)
    return build_report(data, output, profile, size)
