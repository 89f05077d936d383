"""Points parked: the parking list in the report (PDF and HTML), after the action plan.

Left out when nothing was parked (the contents then do not list it) or when the report options
say so (`--no-parking`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Paragraph, Spacer

from ..parking import RAISED_BY_WORDS, ParkingItem
from .basis import workshop_ahead
from .data import ReportData
from .document import Heading
from .sections_front import kicker, width_of
from .styles import Styles
from .tables import data_table
from .text import esc, inline, plural

if TYPE_CHECKING:
    from .html import Page

TITLE = "Points parked"


def _when(at: dt.datetime) -> str:
    local = at.replace(tzinfo=dt.UTC).astimezone()
    return f"{local.day} {local:%b %Y}, {local:%H:%M}"


def parking_summary(items: tuple[ParkingItem, ...], rounds: Mapping[int, str] | None = None,
                    planned: int | None = None) -> str:
    """'4 points were parked during the Baseline workshop to come back to: 3 are still open and 1
    was resolved.' The workshop is named when every point was parked in one round (a follow-up's
    report must not say "the workshop" of points parked months before it). planned: the id of the
    round whose workshop is still ahead (basis.workshop_ahead); points parked in it (or in no
    round) were not parked "during the workshop": they "have been parked so far"."""
    still = sum(1 for p in items if p.is_open)
    done = len(items) - still
    parts = []
    if still:
        parts.append(f"{still} {'is' if still == 1 else 'are'} still open")
    if done:
        parts.append(f"{done} {'was' if done == 1 else 'were'} resolved")
    verb = "was" if len(items) == 1 else "were"
    if planned is not None and any(p.round_id in (None, planned) for p in items):
        verb = "has been" if len(items) == 1 else "have been"
        return f"{plural(len(items), 'point')} {verb} parked so far to come back to: {' and '.join(parts)}."
    known = rounds or {}
    named = {known[p.round_id] for p in items if p.round_id is not None and p.round_id in known}
    if len(named) == 1:
        when = " during the workshop" if len(known) == 1 else f" during the {next(iter(named))} workshop"
    else:
        when = " during the workshops" if named else ""
    return f"{plural(len(items), 'point')} {verb} parked{when} to come back to: {' and '.join(parts)}."


def parked_rounds(data: ReportData) -> dict[int, str]:
    return {r.round.id: r.label for r in data.rounds}


def parking_sentence(data: ReportData) -> str:
    """The parking list's summary for this report, "so far" while the round's workshop is ahead."""
    planned = data.current.round.id if workshop_ahead(data) else None
    return parking_summary(data.parking, parked_rounds(data), planned)


def parking_rows(data: ReportData) -> list[tuple[str, str, str, str, str, str]]:
    """(number, text, factor · round, raised by, when, status) per point, open ones first."""
    fw = data.framework
    rounds = {r.round.id: r.label for r in data.rounds}
    ordered = sorted(data.parking, key=lambda p: (not p.is_open, p.position, p.id))
    out = []
    for number, p in enumerate(ordered, 1):
        factor = fw.factor(p.factor_id).name if p.factor_id and fw.has_factor(p.factor_id) else ""
        rnd = rounds.get(p.round_id, "") if p.round_id is not None else ""
        where = " · ".join(x for x in (factor, rnd) if x) or "General"
        who = RAISED_BY_WORDS.get(p.raised_by or "", "").removeprefix("the ").capitalize() or "Not recorded"
        out.append((str(number), p.text, where, who, _when(p.raised_at),
                    "Open" if p.is_open else "Resolved"))
    return out


def section_parking(data: ReportData, styles: Styles) -> list[Flowable]:
    if not data.options.parking or not data.parking:
        return []
    width = width_of(styles)
    story: list[Flowable] = [kicker("To come back to", styles), Heading(TITLE, styles.h1), Spacer(1, 6),
                             Paragraph(esc(parking_sentence(data)), styles.lead)]
    small = styles.cell.clone("parking_small", fontSize=8, leading=10.5)
    cells = [[Paragraph(n, styles.cell_right), Paragraph(esc(text), styles.cell),
              Paragraph(inline(where), small), Paragraph(inline(who), small), Paragraph(esc(when), small),
              Paragraph(esc(status), small)]
             for n, text, where, who, when, status in parking_rows(data)]
    fixed = 22 + 110 + 58 + 70 + 50
    story.append(data_table(styles, ["#", "Point", "Factor · round", "Raised by", "Parked", "Status"],
                            cells, [22, width - fixed, 110, 58, 70, 50], right=(0,), zebra=True,
                            extra=[("VALIGN", (0, 1), (-1, -1), "TOP")]))
    return story


def html_parking(data: ReportData, page: Page) -> str:
    from .html import one_line, paragraphs, t

    out = ['<p class="kicker">To come back to</p>', f'<p class="lead">{t(parking_sentence(data))}</p>']
    rows = [[n, paragraphs(text) or "", one_line(where), one_line(who), t(when), t(status)]
            for n, text, where, who, when, status in parking_rows(data)]
    out.append(page.table("Points parked, open ones first", ["#", "Point", "Factor · round", "Raised by",
                                                            "Parked", "Status"], rows, numeric=(0,)))
    return "\n".join(out)
