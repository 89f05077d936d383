"""Assemble the sections into a PDF: thread-safe, no engagement access, no network."""

from __future__ import annotations

import io
import threading
from pathlib import Path

from reportlab.platypus import Flowable, PageBreak

from ..branding import BrandingProfile, profile_from_engagement
from ..engagement import Engagement
from ..errors import MutualityError
from ..files import write_atomically
from .basis import assessed_dimensions
from .data import ReportData, ReportOptions, collect_report_data
from .document import LANG, MARGIN_X, Heading, PageContext, ReportDocument, page_size
from .fonts import register_fonts
from .graphics import load_logos
from .pagination import PackBreak, keep_tail
from .pdfua import finish
from .sections_audit import section_audit
from .sections_back import section_actions, section_appendix, section_participants
from .sections_front import section_contents, section_cover, section_reading, section_summary
from .sections_parking import section_parking
from .sections_scores import section_comparison, section_dimension
from .styles import Styles, make_styles
from .tagging import Tagger
from .tagging import install as install_tagging
from .text import collecting_missing

# reportlab's font registry and matplotlib's settings are process-wide: one build at a time.
_build_lock = threading.Lock()
TAIL_MIN = 4.5 * 13.5  # a chapter's last page carries at least about four lines of body text
PACK_GAP = 36.0  # above a short section's heading when it follows another on the same page


class ReportError(MutualityError):
    """The report could not be written."""


def story(data: ReportData, styles: Styles) -> list[Flowable]:
    """Every section in reading order, each body section on a new page."""
    parts: list[list[Flowable]] = [section_summary(data, styles)]
    # a dimension with nothing scored in this round is one line of the summary, not a section
    parts += [section_dimension(data, styles, d.id) for d in assessed_dimensions(data.framework, data.scores)]
    chosen = data.options
    parts += [section_comparison(data, styles) if chosen.comparison else []]
    # the short sections of a small report share a page when each fits whole (play-through 7, 10)
    packed = [section_actions(data, styles) if chosen.actions else [], section_parking(data, styles),
              section_participants(data, styles) if chosen.participants else [], section_reading(data, styles)]
    parts += [*packed, section_appendix(data, styles) if chosen.guide != "none" else [], section_audit(data, styles)]
    entries: list[tuple[str, str]] = []
    for part in parts:
        heading = next((f for f in part if isinstance(f, Heading) and f.in_toc), None)
        if heading is not None:
            heading.toc_key = f"toc{len(entries) + 1}"
            entries.append((heading.getPlainText(), heading.toc_key))
    flowables: list[Flowable] = [*section_cover(data, styles), PageBreak(),
                                 *section_contents(data, styles, entries)]
    for part in parts:
        if part:
            start = PackBreak(part, PACK_GAP) if any(part is p for p in packed) else PageBreak()
            flowables += [start, *keep_tail(part, TAIL_MIN)]
    return flowables


def build_report(data: ReportData, out: Path, branding: BrandingProfile | None = None,
                 page_size: str = "a4", tagged: bool = True) -> list[str]:
    """Write the report PDF to out; return warnings (a missing logo, a damaged stored branding).

    The report is a tagged PDF/UA-1 file; tagged=False writes the plain PDF (for comparisons).
    """
    size = _size(page_size)
    warnings: list[str] = []
    if branding is None:
        branding, warnings = profile_from_engagement(data.branding_json)
    out = Path(out)
    with _build_lock, collecting_missing() as unprintable:
        register_fonts()
        logos, problems = load_logos(branding)
        warnings += problems
        styles = make_styles(branding, frame_width=size[0] - 2 * MARGIN_X)
        ctx = PageContext(styles=styles, title=data.info.title,
                          round_label=f"{data.current.label} assessment", footer=branding.footer_text,
                          consultancy=branding.consultancy_name, logos=logos)
        meta = {"title": f"{data.info.title}: {data.current.label}",
                # the consultancy, else the facilitator: a PDF's Author was empty (play-through s12)
                "author": branding.consultancy_name.strip() or data.info.facilitator.strip(),
                "subject": "Value for money and mutuality assessment"}
        def write(temp: Path) -> None:
            if tagged:
                install_tagging()
                tagger = Tagger()
                raw = io.BytesIO()
                doc = ReportDocument(raw, size, ctx, tagger=tagger, title=meta["title"],
                                     author=meta["author"], subject=meta["subject"])
                doc.build(story(data, styles))
                finish(raw.getvalue(), temp, tagger, lang=LANG, **meta)
            else:
                ReportDocument(str(temp), size, ctx, title=meta["title"], author=meta["author"],
                               subject=meta["subject"]).build(story(data, styles))

        try:
            write_atomically(out, write)
        except OSError as exc:
            raise ReportError(f"The report could not be written to {out}: {exc.strerror or exc}.") from exc
        warnings += unprintable.warnings()
    return warnings


def _size(name: str) -> tuple[float, float]:
    width, height = page_size(name)
    return float(width), float(height)


def build_report_file(path: Path, out: Path, round_label: str | None = None,
                      page_size: str = "a4", options: ReportOptions | None = None,
                      audit_trail: bool = False) -> list[str]:
    """Open an engagement file read-only and write its report, with the branding stored in it
    (and, with audit_trail, every recorded change as an appendix)."""
    _size(page_size)  # refuse a bad page size before opening anything
    with Engagement.open(Path(path), readonly=True) as engagement:
        round_id = engagement.round_by_label(round_label).id if round_label else None
        data = collect_report_data(engagement, round_id, options)
        if audit_trail:
            from dataclasses import replace

            from ..history_sentences import history_sentences

            data = replace(data, audit_trail=tuple(history_sentences(engagement)))
    return build_report(data, out, None, page_size)
