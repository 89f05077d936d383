"""Participants' pre-work comments with their factor in the report (PDF, HTML and Word).

Each comment is printed as written, after the factor's evidence notes, with who wrote it: a name
only when the engagement chose to show names in the report (as the named own views beside the
levels), otherwise "A client participant" or "A provider participant"; and the level they gave.
"""

from __future__ import annotations

from ..framework import Factor
from ..prework.comments import comments_by_factor
from .data import ReportData


def prework_comments(data: ReportData, factor: Factor) -> list[tuple[str, str]]:
    """(label, comment) per pre-work comment on the factor in the report's round: the label is
    'A client participant, level 2 Developing (pre-work)', the comment the text as written."""
    current = data.current
    found = comments_by_factor(data.participants, current.participant_scores).get(factor.id, [])
    scale = data.framework.scale
    return [(f"{c.heading(scale, data.names_shown)} (pre-work)", c.comment) for c in found]
