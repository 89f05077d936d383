"""A short 16:9 deck for the partnership board (python-pptx): title, headline figures, the
six-dimension and mutuality radars as native charts, what moved, the largest perception gaps,
strengths and priorities, the action plan and the points still parked, in the branding's colours with its logo.

Built from the same ReportData and row/wording functions as the PDF report.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.util import Inches

from ..branding import BrandingProfile, profile_from_engagement
from ..charts.series import PERSPECTIVES
from ..framework import MUTUALITY
from ..report.basis import (
    RADAR_MINIMUM,
    assessed_dimensions,
    is_assessed,
    round_when,
    scope_sentence,
)
from ..report.data import ReportData
from ..report.rows import action_lines, dimension_rows, gap_phrase
from ..report.sections_parking import TITLE as PARKING_TITLE
from ..report.sections_parking import parking_rows, parking_sentence
from ..report.text import level_label, long_date, one_decimal
from ..report.wording import findings, movement, mutuality_intro
from ..scoring import empty_list_note, perception_gaps, priorities, strengths
from .common import (
    alt_text,
    category_name,
    chart_factors,
    chart_series,
    chart_style,
    check_cancel,
    headline_figures,
    one_line,
    raster_logo,
    write_atomically,
)
from .deck_parts import MARGIN, MUTED, WIDTH, Deck, _fill

ACTIONS_PER_SLIDE = 7
ACTION_CHARS = 150  # the deck shows an action's first words; Word and Excel hold it in full


def title_slide(deck: Deck, data: ReportData, consultancy: str) -> None:
    slide = deck.prs.slides.add_slide(deck.blank)
    band = slide.shapes.add_shape(1, 0, 0, WIDTH, Inches(4.9))
    _fill(band, deck.primary)
    info, rnd = data.info, data.current.round
    deck.text(slide, data.framework.title.upper(), MARGIN, Inches(0.8), Inches(12), Inches(0.4), 14,
              colour="FFFFFF", bold=True)
    size = 36 if len(info.title) <= 90 else 28 if len(info.title) <= 140 else 20  # three lines at most
    deck.text(slide, info.title, MARGIN, Inches(1.3), Inches(12), Inches(2.0), size, colour="FFFFFF", bold=True)
    deck.text(slide, f"{one_line(info.client_organisation)} and {one_line(info.provider_organisation)}",
              MARGIN, Inches(3.4), Inches(12), Inches(0.6), 20, colour="FFFFFF")
    when = long_date(round_when(data, data.current)[0])  # as the report: a follow-up borrows no date
    deck.text(slide, " · ".join(x for x in (f"{rnd.label} assessment", when) if x), MARGIN, Inches(4.0),
              Inches(12), Inches(0.5), 16, colour="FFFFFF")
    deck.text(slide, "For the partnership board", MARGIN, Inches(5.4), Inches(8), Inches(0.5), 18,
              colour=deck.primary, bold=True)
    if consultancy:
        deck.text(slide, f"Prepared by {consultancy}", MARGIN, Inches(5.95), Inches(8), Inches(0.5), 14,
                  colour=MUTED)
    if deck.logo is not None:
        deck.picture(slide, deck.logo, WIDTH - MARGIN - Inches(3), Inches(5.3), Inches(3), Inches(1.4))


def headline_slide(deck: Deck, data: ReportData) -> None:
    slide = deck.slide("Headline figures", f"{data.current.label} assessment")
    tiles = headline_figures(data)
    gap = Inches(0.25)
    width = int((WIDTH - 2 * MARGIN - 3 * gap) / 4)
    for i, t in enumerate(tiles):
        deck.tile(slide, MARGIN + i * (width + gap), Inches(1.6), width, Inches(1.9), t.value, t.unit,
                  t.label, i == 0)
    # first what the round covers, in the report's own words (its executive summary's sentence)
    deck.bullets(slide, [scope_sentence(data.framework, data.current), *findings(data)[:4]], MARGIN,
                 Inches(3.75), WIDTH - 2 * MARGIN, Inches(3.1), 15)


def _series(data: ReportData, kind: str) -> tuple[list[str], list[tuple[str, str, list[float | None]]]]:
    """A native radar's categories and series. A factor chart has a spoke per factor of the round
    (none for one left out of it or marked not applicable: a native chart cannot say "not in this
    round", and would plot a level given to a factor not applicable); a spoke no series of this
    round has assessed says "(n/a)", as in the report."""
    series = chart_series(data, kind)
    names = {"agreed": "Agreed", "client": "Client view", "provider": "Provider view"}
    if data.previous is not None:
        names["previous"] = f"{one_line(data.previous.label)} agreed"
        if "previous" in series.visible():
            names["agreed"] = f"{one_line(data.current.label)} agreed"
    # agreed first: drawn under the others with a larger marker (deck_parts), it rings a marker at its level
    order = [s for s in ("agreed", "previous", "client", "provider") if s in series.visible()]
    if series.dimension_id is None:
        kept = list(range(len(series.axis_ids)))
    else:
        ids = {f.id for f in chart_factors(data, data.current, series.dimension_id)}
        kept = [i for i, a in enumerate(series.axis_ids) if a in ids]
    current = [s for s in order if s in PERSPECTIVES]
    categories = [category_name(series.axis_names[i], [series.values(s)[i] for s in current],
                                series.axis_ids[i] in series.not_agreed) for i in kept]
    return categories, [(s, names[s], [series.values(s)[i] for i in kept]) for s in order]


def _scale(data: ReportData) -> tuple[int, int]:
    return data.framework.scale.minimum, data.framework.scale.maximum


def dimensions_slide(deck: Deck, data: ReportData) -> None:
    slide = deck.slide("The value-for-money dimensions", "Agreed mean level per dimension in this round")
    radar = len(assessed_dimensions(data.framework, data.scores)) >= RADAR_MINIMUM  # as the report
    if radar:
        categories, plotted = _series(data, "dimensions")
        deck.radar(slide, categories, plotted, MARGIN, Inches(1.45), Inches(7.2), Inches(5.5),
                   alt_text(data, "dimensions", native=True), _scale(data))
    scale = data.framework.scale
    rows = [[d.name, one_decimal(d.mean), f"{d.assessed} of {d.total}" + (", provisional" if d.provisional else "")]
            if d.in_round  # as the report's table: a mean below minimum coverage is not yet a finding
            else [d.name, "–", d.status_text] for d in dimension_rows(data.framework, data.scores, data.current)]
    deck.table(slide, ["Dimension", f"Mean ({scale.minimum}–{scale.maximum})", "Factors agreed"], rows,
               Inches(8.1) if radar else MARGIN, Inches(1.9), (2.45, 1.1, 1.1) if radar else (4.5, 2.0, 5.0), 13)


def mutuality_slide(deck: Deck, data: ReportData) -> None:
    categories, plotted = _series(data, "mutuality")  # the round's factors, as the title counts them
    slide = deck.slide("Mutuality: how each side sees the partnership",
                       f"The {len(categories)} mutuality factors of this round")
    deck.radar(slide, categories, plotted, Inches(0.3), Inches(1.25), Inches(9.5), Inches(5.9),
               alt_text(data, "mutuality", native=True), _scale(data))
    deck.text(slide, mutuality_intro(data), Inches(9.9), Inches(1.9), Inches(2.9), Inches(4.6), 14)


def movement_slide(deck: Deck, data: ReportData) -> None:
    if data.previous is None:
        return
    slide = deck.slide(f"What moved since {one_line(data.previous.label)}",
                       f"{data.previous.label} to {data.current.label}")
    if any(d.id == MUTUALITY for d in data.framework.dimensions):
        categories, plotted = _series(data, "movement")
        deck.radar(slide, categories, plotted, Inches(0.3), Inches(1.25), Inches(8.3), Inches(5.9),
                   alt_text(data, "movement", native=True), _scale(data))
    deck.bullets(slide, movement(data), Inches(8.7), Inches(1.6), Inches(4.1), Inches(5.2), 14)


def gaps_slide(deck: Deck, data: ReportData) -> None:
    fw = data.framework
    apart = [g for g in perception_gaps(fw, data.scores) if g.size > 0][:5]  # as the report
    slide = deck.slide("Largest perception gaps", "Where the two sides see the partnership differently")
    if not apart:
        deck.text(slide, "The client and the provider gave the same level to every factor both scored.",
                  MARGIN, Inches(1.8), Inches(11), Inches(1), 18)
        return
    names = {d.id: d.name for d in fw.dimensions}
    rows = [[g.factor.name, names[g.factor.dimension_id], level_label(fw.scale, g.client),
             level_label(fw.scale, g.provider), gap_phrase(g.gap)] for g in apart]
    deck.table(slide, ["Factor", "Dimension", "Client", "Provider", "Rated higher by"], rows, MARGIN,
               Inches(1.7), (4.4, 2.2, 1.9, 1.9, 1.7), 14)


def priorities_slide(deck: Deck, data: ReportData) -> None:
    fw = data.framework
    slide = deck.slide("Strengths and improvement priorities", "Agreed levels")
    names = {d.id: d.name for d in fw.dimensions}
    half = (WIDTH - 2 * MARGIN - Inches(0.4)) / 2 / 914400
    for i, (title, ranked) in enumerate((("Top strengths", strengths(fw, data.scores)),
                                         ("Improvement priorities", priorities(fw, data.scores)))):
        x = MARGIN + i * (Inches(half) + Inches(0.4))
        deck.text(slide, title, x, Inches(1.6), Inches(half), Inches(0.4), 18, colour=deck.primary, bold=True)
        if not ranked:
            deck.text(slide, empty_list_note(fw, data.scores, i == 0), x, Inches(2.2), Inches(half),
                      Inches(1.2), 14, colour=MUTED)
            continue
        rows = [[r.factor.name, names[r.factor.dimension_id], level_label(fw.scale, r.level)] for r in ranked]
        deck.table(slide, ["Factor", "Dimension", "Agreed"], rows, x, Inches(2.15),
                   (half * 0.48, half * 0.22, half * 0.3), 13)


def action_slides(deck: Deck, data: ReportData) -> None:
    lines = action_lines(data)
    if not lines:
        slide = deck.slide("Action plan", "Next steps")
        deck.text(slide, "No improvement actions were recorded.", MARGIN, Inches(1.8), Inches(11), Inches(1), 18)
        return
    pages = [lines[i:i + ACTIONS_PER_SLIDE] for i in range(0, len(lines), ACTIONS_PER_SLIDE)]
    for k, page in enumerate(pages, start=1):
        title = "Action plan" + (f" ({k} of {len(pages)})" if len(pages) > 1 else "")
        slide = deck.slide(title, "Next steps")
        rows = [[str(a.number), _short(a.text), a.factor, a.owner, a.due + (" (overdue)" if a.overdue else ""),
                 a.status] for a in page]
        deck.table(slide, ["#", "Action", "Factor", "Owner", "Due", "Status"], rows, MARGIN, Inches(1.6),
                   (0.5, 5.2, 2.2, 1.9, 1.2, 1.1), 11)


PARKING_WIDTHS = (0.5, 6.3, 2.7, 1.5, 1.1)  # #, point, factor · round, raised by, status (inches)
PARKING_ROOM = 4.3  # inches of rows under the header, above the summary line


def _row_height(row: Sequence[str], size: float = 12) -> float:
    """A generous estimate of a wrapped table row's height in inches: the longest column's lines
    (an average character of the sans face at `size` points is about half its size wide; wrapping
    at word ends wastes some, so a line is counted as 95% full: DejaVu, wider than Calibri)."""
    lines = 1
    for text, width in zip(row, PARKING_WIDTHS, strict=True):
        per_line = max(1, int((width - 0.16) * 72 / (size * 0.5) * 0.95))
        lines = max(lines, -(-len(one_line(text)) // per_line))
    return lines * size * 1.2 / 72 + 0.12


def parking_pages(rows: Sequence[Sequence[str]], room: float = PARKING_ROOM) -> list[list[Sequence[str]]]:
    """The rows in slide-sized pages, in order, each point whole: a page ends before the row that
    would run past the room left (a point longer than a whole slide has a slide of its own)."""
    pages: list[list[Sequence[str]]] = []
    used = room
    for row in rows:
        height = _row_height(row)
        if not pages or used + height > room:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += height
    return pages


def parking_slide(deck: Deck, data: ReportData) -> None:
    """Points parked, as the report lists them (core/report/sections_parking.py): every point in
    full, open ones first, with its status, continued on further slides when they do not fit on
    one; no slide when none was parked or the report options leave the points parked out."""
    if not data.options.parking:
        return
    rows = [(n, one_line(text), one_line(where), who, status)
            for n, text, where, who, _, status in parking_rows(data)]
    if not rows:
        return
    pages = parking_pages(rows)
    for k, page in enumerate(pages, start=1):
        title = PARKING_TITLE + (f" ({k} of {len(pages)})" if len(pages) > 1 else "")
        slide = deck.slide(title, "To come back to")
        deck.table(slide, ["#", "Point", "Factor · round", "Raised by", "Status"], page,
                   MARGIN, Inches(1.6), PARKING_WIDTHS, 12)
        if k == len(pages):
            deck.text(slide, parking_sentence(data), MARGIN, Inches(6.4),
                      Inches(12), Inches(0.5), 12, colour=MUTED)
        else:
            deck.text(slide, f"Continued on the next slide ({len(rows) - sum(len(p) for p in pages[:k])} "
                             f"more).", MARGIN, Inches(6.4), Inches(12), Inches(0.5), 12, colour=MUTED)


def _short(text: str) -> str:
    words = one_line(text)
    return words if len(words) <= ACTION_CHARS else words[:ACTION_CHARS].rsplit(" ", 1)[0] + "…"


def write_pptx(data: ReportData, out: Path, branding: BrandingProfile | None = None,
               cancel: threading.Event | None = None) -> list[str]:
    """Write the board deck; return warnings (a damaged stored branding, an SVG-only logo)."""
    warnings: list[str] = []
    if branding is None:
        branding, warnings = profile_from_engagement(data.branding_json)
    logo, problems = raster_logo(branding)
    deck = Deck(Presentation(), branding.primary_colour, branding.accent_colour,
                one_line(branding.footer_text or data.info.title), logo, chart_style(branding))
    deck.logo_alt = f"Logo of {one_line(branding.consultancy_name)}" if branding.consultancy_name else "Logo"
    title_slide(deck, data, one_line(branding.consultancy_name))
    headline_slide(deck, data)
    dimensions_slide(deck, data)
    if any(d.id == MUTUALITY for d in data.framework.dimensions) and is_assessed(
            data.framework, data.scores, MUTUALITY):  # as the report: no section for a dimension not scored
        mutuality_slide(deck, data)
    check_cancel(cancel)
    movement_slide(deck, data)
    gaps_slide(deck, data)
    priorities_slide(deck, data)
    action_slides(deck, data)
    parking_slide(deck, data)
    props: Any = deck.prs.core_properties
    props.title = f"{one_line(data.info.title)}: {one_line(data.current.label)}"
    props.subject = "Value for money and mutuality assessment: partnership board"
    props.author = one_line(branding.consultancy_name) or "Mutuality Desktop"
    write_atomically(out, "PowerPoint deck", lambda p: deck.prs.save(str(p)), cancel)
    return warnings + problems


def write_pptx_file(path: Path, out: Path, round_label: str | None = None) -> list[str]:
    """Open an engagement file read-only and write its board deck."""
    from ..engagement import Engagement
    from ..report.data import collect_report_data

    with Engagement.open(Path(path), readonly=True) as engagement:
        round_id = engagement.round_by_label(round_label).id if round_label else None
        data = collect_report_data(engagement, round_id)
    return write_pptx(data, out)


__all__ = ["write_pptx", "write_pptx_file"]
