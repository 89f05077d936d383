"""The optional audit trail: every recorded change, who made it and when (issue 16).

Only in a report asked for with it (`report --audit-trail`); the rows come from the engagement's
history as sentences a reader follows, and every value is escaped like all user text.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer

from .data import ReportData
from .document import Heading
from .sections_front import kicker
from .styles import Styles
from .text import esc, plural

MAX_ROWS = 2000  # a long history is cut, and the report says so


def section_audit(data: ReportData, styles: Styles) -> list[Flowable]:
    """The audit trail appendix, or nothing when the report was not asked to carry it."""
    if not data.audit_trail:
        return []
    rows = data.audit_trail[-MAX_ROWS:]
    lead = (f"{plural(len(data.audit_trail), 'change')} recorded in the engagement file, oldest "
            "first, with who made each and when (local time), including changes merged in from "
            "colleagues' copies.")
    if len(rows) < len(data.audit_trail):
        lead += f" The latest {len(rows)} are shown."
    line = styles.cell.clone("audit_line", fontSize=7.8, leading=10, spaceAfter=2.5)
    return [kicker("Appendix", styles), Heading("Audit trail", styles.h1), Spacer(1, 6),
            Paragraph(esc(lead), styles.lead), Spacer(1, 4),
            *[Paragraph(esc(sentence), line) for sentence in rows]]
