"""Cover, contents and executive summary."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    FrameBreak,
    KeepInFrame,
    KeepTogether,
    NextPageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from ..scoring import empty_list_note, perception_gaps, priorities, strengths
from .basis import RADAR_MINIMUM, assessed_dimensions, round_when
from .data import ReportData
from .document import ContentsLine, Heading
from .figures import dimension_chart
from .graphics import level_bar
from .rows import cover_details, dimension_rows, gap_phrase
from .rows import key_figures as rows_key_figures
from .styles import RULE, ZEBRA, Styles, colour
from .tables import data_table, level_chip, para, plain_style, side_by_side
from .text import esc, inline, long_date, one_decimal
from .wording import (
    READING_TITLE,
    actions_due,
    definition_lines,
    findings,
    gaps_lead,
    movement,
    opening,
    ranking_notes,
    reading_note,
)


def width_of(styles: Styles) -> float:
    return styles.frame_width


def kicker(text: str, styles: Styles) -> Paragraph:
    return Paragraph(inline(text).upper(), styles.kicker)


def section_cover(data: ReportData, styles: Styles) -> list[Flowable]:
    """The title in the colour band, then the engagement's details; the page template does the rest."""
    info = data.info
    rnd = data.current.round
    when = long_date(round_when(data, data.current)[0])
    band = [
        Paragraph(inline(data.framework.title).upper(), styles.cover_kicker),
        Spacer(1, 8),
        Paragraph(inline(info.title), styles.cover_title),
        Spacer(1, 10),
        Paragraph(f"{inline(info.client_organisation)} <font size='10'>and</font> "
                  f"{inline(info.provider_organisation)}", styles.cover_sub),
        Spacer(1, 4),
        Paragraph(inline(" · ".join(x for x in (f"{rnd.label} assessment", when) if x)), styles.cover_sub),
    ]
    width = width_of(styles)
    rows = [[Paragraph(inline(label).upper(), styles.head), Paragraph(inline(value), styles.cell)]
            for label, value in cover_details(data)]
    details = Table(rows, colWidths=[38 * 2.8346, width - 38 * 2.8346], hAlign="LEFT")
    details.setStyle(plain_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colour(RULE)),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (0, -1), 5),
    ]))
    return [KeepInFrame(width, 600, band, mode="shrink", vAlign="BOTTOM"), FrameBreak(),
            KeepInFrame(width, 600, [details], mode="shrink", vAlign="TOP"),
            NextPageTemplate("body")]


def section_contents(data: ReportData, styles: Styles, entries: list[tuple[str, str]]) -> list[Flowable]:
    """The contents page: one line per section, page numbers filled in when the build ends."""
    return [Heading("Contents", styles.h1, in_toc=False), Spacer(1, 14),
            *[ContentsLine(title, key, styles.toc1) for title, key in entries]]


def _tile(value: str, unit: str, label: str, styles: Styles) -> list[Flowable]:
    small = f" <font size='9' color='#5D6873'>{esc(unit)}</font>" if unit else ""
    return [Paragraph(esc(value) + small, styles.tile_value), Spacer(1, 2),
            Paragraph(esc(label), styles.tile_label)]


def key_figures(data: ReportData, styles: Styles) -> Table:
    """Four headline numbers as tiles with a coloured top rule."""
    tiles = [_tile(k.value, k.unit, k.label, styles) for k in rows_key_figures(data)]
    width = width_of(styles)
    gap = 8.0
    col = (width - 3 * gap) / 4
    table = Table([[tiles[0], "", tiles[1], "", tiles[2], "", tiles[3]]],
                  colWidths=[col, gap, col, gap, col, gap, col], hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 6)]
    for c in (0, 2, 4, 6):
        commands += [("BACKGROUND", (c, 0), (c, 0), colour(ZEBRA)),
                     ("LINEABOVE", (c, 0), (c, 0), 2.2, colour(styles.accent if c == 0 else styles.primary))]
    table.setStyle(plain_style(commands))
    return table


def dimension_table(data: ReportData, styles: Styles, width: float) -> Table:
    scale = data.framework.scale
    rows: list[list[Any]] = []
    spans: list[tuple[Any, ...]] = []
    for d in dimension_rows(data.framework, data.scores, data.current):
        if not d.in_round:
            spans.append(("SPAN", (1, len(rows) + 1), (2, len(rows) + 1)))
            rows.append([Paragraph(inline(d.name), styles.cell),
                         Paragraph(esc(d.status_text), styles.muted), ""])
            continue
        coverage = "" if d.assessed == d.total else (
            f"<br/><font size='7' color='#5D6873'>{d.agreed_text}</font>")
        rows.append([Paragraph(inline(d.name) + coverage, styles.cell),
                     Paragraph(one_decimal(d.mean), styles.cell_right),
                     level_bar(d.mean, scale.minimum, scale.maximum, styles.primary, width=width * 0.3 - 10,
                               name=d.name)])
    return data_table(styles, ["Dimension", "Mean", f"{scale.minimum} – {scale.maximum}"], rows,
                      [width * 0.5, width * 0.2, width * 0.3], right=(1,), extra=spans)


def ranked_table(title: str, items: list[tuple[str, str, int]], data: ReportData, styles: Styles,
                 width: float) -> list[Flowable]:
    """Factor, its dimension and agreed level chip."""
    scale = data.framework.scale
    rows = [[Paragraph(f"{inline(name)}<br/><font size='7' color='#5D6873'>{inline(dim)}</font>",
                       styles.cell), level_chip(styles, scale, level, width=None)]
            for name, dim, level in items]
    if not rows:
        empty = empty_list_note(data.framework, data.scores, title == "Top strengths")
        return [Paragraph(esc(title), styles.h3), Paragraph(esc(empty), styles.muted)]
    return [Paragraph(esc(title), styles.h3),
            data_table(styles, None, rows, [width * 0.6, width * 0.4], zebra=False,
                       extra=[("LINEABOVE", (0, 0), (-1, 0), 0.9, colour(styles.primary)),
                              ("ALIGN", (1, 0), (1, -1), "RIGHT")])]


def reading_box(data: ReportData, styles: Styles) -> Paragraph:
    """A light box under the headline figures: the scale, the index and where every term is
    defined (the definitions themselves are printed once, in their own section at the back)."""
    style = styles.body.clone("reading", fontSize=8.6, leading=12.2, backColor=colour(ZEBRA),
                              borderColor=colour(RULE), borderWidth=0.5, borderPadding=(6, 8, 6, 8),
                              leftIndent=8, rightIndent=8, spaceBefore=14, spaceAfter=14)
    return Paragraph(f"<b>How to read the figures.</b> {esc(reading_note(data))}", style)


def section_reading(data: ReportData, styles: Styles) -> list[Flowable]:
    """Every term the report uses, defined once, at reading size, and how this round's index was made."""
    term = styles.body.clone("definition", spaceAfter=6)
    return [kicker("Appendix", styles), Heading(READING_TITLE, styles.h1), Spacer(1, 6),
            Paragraph("The figures in this report are worked out from the levels the room agreed, "
                      "as follows.", styles.lead),
            *[Paragraph(f"<b>{esc(name)}</b>: {esc(meaning)}", term)
              for name, meaning in definition_lines(data)]]


def section_summary(data: ReportData, styles: Styles) -> list[Flowable]:
    """Executive summary: the numbers, the radar, strengths, priorities, gaps and movement."""
    fw = data.framework
    width = width_of(styles)
    names = {d.id: d.name for d in fw.dimensions}
    story: list[Flowable] = [
        kicker(" · ".join(x for x in (data.current.label, long_date(round_when(data, data.current)[0])) if x),
               styles),
        Heading("Executive summary", styles.h1),
        Spacer(1, 6),
        Paragraph(esc(opening(data)), styles.lead),
        Spacer(1, 4),
        key_figures(data, styles),
        reading_box(data, styles),
    ]
    if len(assessed_dimensions(fw, data.scores)) >= RADAR_MINIMUM:
        chart_w = round(width * 0.6)
        chart = dimension_chart(data, styles, chart_w, chart_w)
        story.append(side_by_side(
            [chart, Paragraph("Agreed mean level of each value-for-money dimension", styles.figure)],
            [Spacer(1, 40), dimension_table(data, styles, width - chart_w - 12)],
            (chart_w, width - chart_w - 12), gap=12, valign="TOP"))
    else:  # a radar of one or two dimensions draws nothing a reader can use
        story.append(dimension_table(data, styles, width))
    story += [Heading("Key findings", styles.h2, outline_level=1, in_toc=False)]
    story += [para("•&nbsp;&nbsp;" + esc(s), styles.body.clone("bullet", leftIndent=10, firstLineIndent=-10))
              for s in findings(data) + actions_due(data)]
    half = (width - 16) / 2
    top = [(r.factor.name, names[r.factor.dimension_id], r.level) for r in strengths(fw, data.scores)]
    low = [(r.factor.name, names[r.factor.dimension_id], r.level) for r in priorities(fw, data.scores)]
    # under each list, how one cut at a tie was picked (ranking_notes)
    notes = [[Spacer(1, 4), Paragraph(esc(n), styles.muted)] if n else [] for n in ranking_notes(data)]
    story += [CondPageBreak(150), side_by_side([ranked_table("Top strengths", top, data, styles, half), *notes[0]],
                                              [ranked_table("Improvement priorities", low, data, styles, half),
                                               *notes[1]],
                                              (half, half), gap=16)]
    story += _gaps(data, styles, width)
    moved = movement(data)
    if moved:
        # the block goes over whole, with its heading, rather than leave a bullet or two alone on a page
        story += [KeepTogether([
            Heading(f"What moved since {inline(data.previous.label if data.previous else '')}",
                    styles.h2, outline_level=1, in_toc=False),
            *[para("•&nbsp;&nbsp;" + esc(s), styles.body.clone("bullet2", leftIndent=10, firstLineIndent=-10))
              for s in moved]])]
    return story


def _gaps(data: ReportData, styles: Styles, width: float) -> list[Flowable]:
    fw = data.framework
    apart = [g for g in perception_gaps(fw, data.scores) if g.size > 0]
    gaps = apart[:5]
    if not gaps:
        return []
    shown = gaps_lead(apart, len(gaps))
    scale = fw.scale
    names = {d.id: d.name for d in fw.dimensions}
    rows = [[Paragraph(f"{inline(g.factor.name)}<br/><font size='7' color='#5D6873'>"
                       f"{inline(names[g.factor.dimension_id])}</font>", styles.cell),
             level_chip(styles, scale, g.client, width=None), level_chip(styles, scale, g.provider, width=None),
             Paragraph(esc(gap_phrase(g.gap)), styles.cell_bold)] for g in gaps]
    table = data_table(styles, ["Factor", "Client", "Provider", "Rated higher by"], rows,
                       [width * 0.4, width * 0.2, width * 0.2, width * 0.2])
    return [KeepTogether([Heading("Largest perception gaps", styles.h2, outline_level=1, in_toc=False),
                          Paragraph(esc(shown), styles.muted),
                          Spacer(1, 4), table])]
