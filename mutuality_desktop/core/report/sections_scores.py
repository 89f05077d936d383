"""The dimension sections (Mutuality first, with its radar) and the round-over-round comparison."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from ..agreement import empty_agreed, notes_label
from ..applicability import label, marks
from ..framework import MUTUALITY, Factor
from ..model import PERSPECTIVE_LABELS as PERSPECTIVE_LABELS  # one vocabulary, re-exported
from ..model import Score
from ..scoring import perception_gap_index
from .basis import round_dimension_score, round_factors
from .comments import prework_comments
from .data import ReportData
from .document import Heading
from .figures import factor_chart
from .fonts import BOLD, REGULAR
from .rows import NOT_APPLICABLE_TEXT, comparison_rows, factor_rows, gap_phrase, moved_factors
from .sections_front import kicker, width_of
from .spread_rows import named_views, spread_notes
from .styles import RULE, Styles, colour
from .tables import LevelStrip, SectionRule, data_table, level_chip
from .text import esc, inline, level_label, one_decimal, pieces, plural, printable, signed
from .wording import comparison_lead, mutuality_caption, mutuality_intro

NOTE_LABELS = {"client": "Client’s view", "provider": "Provider’s view", "agreed": "Agreed in the room"}
CHIP_WIDTH = 78.0


def section_mutuality(data: ReportData, styles: Styles) -> list[Flowable]:
    return section_dimension(data, styles, MUTUALITY)


def section_dimension(data: ReportData, styles: Styles, dimension_id: str) -> list[Flowable]:
    """A dimension: what it covers, its factors at a glance, then factor by factor with evidence."""
    fw = data.framework
    order = fw.workshop_order()
    dim = fw.dimension(dimension_id)
    number = [d.id for d in order].index(dimension_id) + 1
    width = width_of(styles)
    score = round_dimension_score(fw, data.current, dimension_id)
    summary = (f"Dimension {number} of {len(order)} · mean agreed level {one_decimal(score.mean)}"
               f" of {fw.scale.maximum} · {score.coverage_text()}{gap_index_text(data, dimension_id)}")
    story: list[Flowable] = [
        Heading(inline(dim.name), styles.h1),
        Paragraph(esc(summary), styles.muted),
        Spacer(1, 8),
        Paragraph(esc(dim.description), styles.lead),
    ]
    if dimension_id == MUTUALITY:
        chart_w = min(width, 400.0)
        story += [Paragraph(esc(mutuality_intro(data)), styles.body),
                  factor_chart(data, styles, chart_w, chart_w * 0.92, dimension_id=dimension_id),
                  Paragraph(esc(mutuality_caption(data)), styles.figure)]
    story += [CondPageBreak(180), Heading("At a glance", styles.h2, outline_level=1, in_toc=False),
              overview_table(data, styles, dimension_id),
              CondPageBreak(200)]
    section = [Heading("Factor by factor", styles.h2, outline_level=1, in_toc=False)]
    for i, factor in enumerate(round_factors(data.framework, data.current, dimension_id)):
        story += factor_block(data, styles, factor, before=section if i == 0 else None)
    return story


def overview_table(data: ReportData, styles: Styles, dimension_id: str) -> Table:
    """One row per factor: the three perspectives as chips and who rates it higher."""
    scale = data.framework.scale
    width = width_of(styles)
    rows: list[list[Any]] = []
    spans: list[tuple[Any, ...]] = []
    for r in factor_rows(data.framework.dimension(dimension_id), data.scores, data.current.excluded):
        if r.not_applicable:  # no level, even one given before the mark: the mark, across the three
            spans.append(("SPAN", (2, len(rows) + 1), (4, len(rows) + 1)))
            rows.append([Paragraph(str(r.number), styles.cell_right), Paragraph(inline(r.name), styles.cell),
                         Paragraph(NOT_APPLICABLE_TEXT, styles.cell), "", "", Paragraph("–", styles.cell)])
            continue
        rows.append([Paragraph(str(r.number), styles.cell_right), Paragraph(inline(r.name), styles.cell),
                     level_chip(styles, scale, r.client, CHIP_WIDTH),
                     level_chip(styles, scale, r.provider, CHIP_WIDTH),
                     level_chip(styles, scale, r.agreed, CHIP_WIDTH, empty_agreed(scale, data.scores, r.factor_id)),
                     Paragraph(esc(gap_phrase(r.gap)), styles.cell)])
    fixed = 3 * (CHIP_WIDTH + 10) + 24 + 62
    return data_table(styles, ["#", "Factor", "Client", "Provider", "Agreed", "Gap"], rows,
                      [24, width - fixed, CHIP_WIDTH + 10, CHIP_WIDTH + 10, CHIP_WIDTH + 10, 62],
                      right=(0,), extra=spans)


def _score(data: ReportData, factor: Factor, perspective: str) -> Score | None:
    return data.scores.get((factor.id, perspective))


def _level(score: Score | None) -> int | None:
    return None if score is None else score.level


def gap_index_text(data: ReportData, dimension_id: str) -> str:
    """' · perception-gap index 0.8 over 5 factors', or '' when no factor has both sides' levels."""
    index = perception_gap_index(data.framework, data.scores, dimension_id)
    if index.value is None:
        return ""
    return f" · perception-gap index {one_decimal(index.value)} over {plural(index.factors, 'factor')}"


def not_applicable_text(data: ReportData, factor: Factor) -> str:
    """'Not applicable: <the room's reason>' for a factor marked so in this round, else ''."""
    reason = marks(data.scores).get(factor.id)
    return "" if reason is None else label(reason)


def strip_notes(data: ReportData, factor: Factor) -> list[str]:
    """The short facts beside a factor's levels: perception gap, confidence, change since last round."""
    if not_applicable_text(data, factor):
        return []  # the reason is printed under the factor's name instead
    client, provider = _level(_score(data, factor, "client")), _level(_score(data, factor, "provider"))
    notes = [] if client is None or provider is None else [
        "Perception gap: none (same level)" if client == provider
        else f"Perception gap: {gap_phrase(client - provider)}"]
    agreed = _score(data, factor, "agreed")
    if agreed is not None and agreed.confidence:
        notes.append(f"Confidence in the evidence: {agreed.confidence}")
    if data.previous is not None:
        b, a = _level(data.previous.scores.get((factor.id, "agreed"))), _level(agreed)
        if b is not None and a is not None:
            moved = f"{signed(a - b)} ({b} → {a})" if a != b else f"no change ({a})"
            notes.append(f"Since {data.previous.label}: {moved}")
    return notes + spread_notes(data, factor)


def scored(data: ReportData, factor: Factor) -> bool:
    """Whether any perspective has a level for the factor in this round."""
    return any(_level(_score(data, factor, p)) is not None for p in ("client", "provider", "agreed"))


def unscored(factor: Factor, data: ReportData | None = None) -> str:
    """Said instead of three "not assessed" chips (which would repeat page after page)."""
    if data is not None and (na := not_applicable_text(data, factor)):
        return na
    return f"{factor.name} has no level yet: neither side nor the room has scored it."


def level_strip(data: ReportData, styles: Styles, factor: Factor) -> LevelStrip:
    """The three perspectives side by side, then the gap and the change since the last round."""
    scale = data.framework.scale
    chips = [(PERSPECTIVE_LABELS[p].upper(), level_chip(styles, scale, _level(_score(data, factor, p)), CHIP_WIDTH + 6,
                                                          empty_agreed(scale, data.scores, factor.id) if p == "agreed"
                                                          else None)) for p in ("client", "provider", "agreed")]
    return LevelStrip(chips, strip_notes(data, factor), column=CHIP_WIDTH + 22)


def note_paragraphs(parts: list[tuple[str, bool]], styles: Styles,
                    label: str = "") -> list[Flowable]:
    """Paragraphs of a note; the pieces of one long line follow each other without a gap.

    A label runs in at the start of the first paragraph, in bold: a label on a line of its own
    would repeat at the top and foot of pages like a running header. It is the paragraph's
    bullet, so the note itself stays one run of one style (reportlab's fast line breaking).
    """
    joined = styles.note.clone("note_joined", spaceAfter=0)
    out: list[Flowable] = []
    for i, (text, continues) in enumerate(parts):
        style = joined if continues else styles.note
        if i == 0 and label:
            lead = printable(f"{label}:")
            indent = stringWidth(lead, BOLD, style.fontSize) + stringWidth(" ", REGULAR, style.fontSize)
            style = style.clone("note_labelled", bulletFontName=BOLD, bulletFontSize=style.fontSize,
                                bulletIndent=0, firstLineIndent=indent)
            out.append(Paragraph(esc(text), style, bulletText=lead))
        else:
            out.append(Paragraph(esc(text), style))
    return out


def factor_block(data: ReportData, styles: Styles, factor: Factor,
                 before: list[Flowable] | None = None) -> list[Flowable]:
    """A factor's levels, the meaning of the agreed level, and the evidence notes in full.

    Flowables in before (a section heading) are kept on the page with the factor's first lines.
    """
    scale = data.framework.scale
    agreed = _level(_score(data, factor, "agreed"))
    head: list[Flowable] = [
        *(before or []),
        SectionRule(colour(RULE), space_before=10, space_after=2),
        Heading(f"<font color='{styles.primary_text}'>{factor.number}</font>&nbsp;&nbsp;{inline(factor.name)}",
                styles.h3, outline_level=1, in_toc=False),
        level_strip(data, styles, factor) if scored(data, factor) else
        Paragraph(esc(unscored(factor, data)), styles.muted),
    ]
    if scored(data, factor) and (na := not_applicable_text(data, factor)):
        head.append(Paragraph(esc(na), styles.descriptor))
    if named := named_views(data, factor):
        head.append(Paragraph(esc(named), styles.muted))
    if agreed is not None and agreed in factor.descriptors:
        head.append(Paragraph(f"<b>{esc(level_label(scale, agreed))}:</b> {esc(factor.descriptor(agreed))}",
                              styles.descriptor))
    notes: list[Flowable] = []
    for p in ("agreed", "client", "provider"):  # why the room settled on its level comes first
        s = _score(data, factor, p)
        parts = pieces(s.notes) if s is not None and s.notes else []
        if not parts:
            continue
        notes += note_paragraphs(parts, styles, notes_label(data.scores, factor.id, p, NOTE_LABELS[p]))
    if not notes:
        notes = [Paragraph(f"No evidence notes were recorded for {esc(factor.name)}.", styles.muted)]
    for who, comment in prework_comments(data, factor):  # what participants wrote on their forms
        notes += note_paragraphs(pieces(comment), styles, who)
    # The heading, levels and first lines of evidence stay together; long notes flow on.
    return [KeepTogether(head + notes[:1]), *notes[1:]]


def section_comparison(data: ReportData, styles: Styles) -> list[Flowable]:
    """How the agreed levels moved across rounds (only with two or more rounds)."""
    if data.previous is None:
        return []
    width = width_of(styles)
    before, after = data.previous.label, data.current.label
    header, rows = comparison_rows(data)
    n = len(header) - 2
    first = width * 0.34
    rest = (width - first) / (n + 1)
    story: list[Flowable] = [
        kicker(f"{before} to {after}", styles),
        Heading("Round-over-round comparison", styles.h1),
        Spacer(1, 6),
        Paragraph(esc(comparison_lead(data)), styles.lead),
        factor_chart(data, styles, min(width, 380.0), min(width, 380.0) * 0.92, dimension_id=MUTUALITY,
                     movement=True),
        Paragraph(f"The {len(data.framework.dimension(MUTUALITY).factors)} mutuality factors: the agreed "
                  f"level, {esc(after)}, over {esc(before)}", styles.figure),
        Heading("Dimensions", styles.h2, outline_level=1, in_toc=False),
        data_table(styles, header, [[Paragraph(inline(r[0]), styles.cell),
                                     *[Paragraph(esc(v), styles.cell_right) for v in r[1:]]] for r in rows],
                   [first, *[rest] * (n + 1)], right=tuple(range(1, n + 2)),
                   extra=[("FONT", (-1, 1), (-1, -1), "DejaVuSans-Bold", 8.5),
                          ("LINEABOVE", (0, -1), (-1, -1), 0.6, colour(styles.primary))]),
    ]
    moved = moved_factors(data)
    story.append(Heading(f"Factors whose agreed level changed since {inline(before)}", styles.h2,
                         outline_level=1, in_toc=False))
    if not moved:
        story.append(Paragraph("No agreed factor level changed.", styles.muted))
        return story
    scale = data.framework.scale
    table_rows = [[Paragraph(f"{inline(m.name)}<br/><font size='7' color='#5D6873'>{inline(m.dimension)}</font>",
                             styles.cell),
                   level_chip(styles, scale, m.before, CHIP_WIDTH), level_chip(styles, scale, m.after, CHIP_WIDTH),
                   Paragraph(f"<b>{signed(m.delta)}</b>", styles.cell_right if m.delta > 0 else styles.cell_warn)]
                  for m in moved]
    story.append(data_table(styles, ["Factor", before, after, "Change"], table_rows,
                            [width - 2 * (CHIP_WIDTH + 12) - 56, CHIP_WIDTH + 12, CHIP_WIDTH + 12, 56],
                            right=(3,)))
    return story
