"""The report as an editable Word document in the consultancy's house template.

Same content and order as the PDF (cover, contents, executive summary, one section per
dimension with every factor's views and notes, the round comparison, action plan, points parked,
participants, scoring guide), from the same ReportData and the report's own row and wording functions.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..agreement import empty_agreed, notes_label
from ..branding import BrandingProfile, profile_from_engagement
from ..framework import MUTUALITY, Factor
from ..model import PERSPECTIVE_LABELS
from ..report.basis import (
    RADAR_MINIMUM,
    assessed_dimensions,
    round_dimension_score,
    round_factors,
    round_when,
)
from ..report.data import ReportData
from ..report.rows import (
    NOT_APPLICABLE_TEXT,
    action_counts,
    action_groups,
    comparison_rows,
    cover_details,
    dimension_rows,
    factor_rows,
    gap_phrase,
    moved_factors,
    participant_rows,
)
from ..report.sections_back import (
    appendix_lead,
    attendance,
    guide_dimensions,
    guide_factors,
    guide_heading,
    participants_kicker,
)
from ..report.sections_parking import TITLE as PARKING_TITLE
from ..report.sections_parking import parking_rows, parking_sentence
from ..report.sections_scores import gap_index_text, not_applicable_text
from ..report.text import level_label, long_date, one_decimal, plural, signed
from ..report.wording import (
    READING_TITLE,
    actions_due,
    definition_lines,
    findings,
    gaps_lead,
    movement,
    mutuality_caption,
    mutuality_intro,
    opening,
    ranking_note,
    reading_note,
)
from ..scoring import empty_list_note, perception_gaps, priorities, strengths
from .common import (
    alt_text,
    chart_png,
    check_cancel,
    headline_figures,
    one_line,
    raster_logo,
    write_atomically,
)
from .house_template import (
    clear_body,
    ensure_styles,
    fill_placeholders,
    open_template,
    restore_tail,
    update_fields_on_open,
)
from .word_parts import WordWriter

PERSPECTIVES = tuple(PERSPECTIVE_LABELS.items())  # (value, label): one vocabulary, core/model.py
# A section at the back with at most this many rows follows the one before on its page when the
# whole of it fits there, as in the PDF (core/report/pagination.py PackBreak); longer ones start a page.
SHORT_ROWS = 12


class _Packed:
    """A short section's start: no page break before its kicker, a gap instead, and every paragraph
    of it (table cells too) kept with the next, so Word and LibreOffice move it to a new page whole
    when it does not fit under the section before (play-through 7, 10)."""

    def __init__(self, w: WordWriter, short: bool) -> None:
        self.w, self.short = w, short
        self.start = len(w.doc.element.body)

    def kicker(self, text: str) -> None:
        paragraph = self.w.kicker(text, new_page=not self.short)
        if self.short:
            paragraph.paragraph_format.space_before = Pt(30)

    def close(self) -> None:
        if not self.short:
            return
        from docx.text.paragraph import Paragraph

        blocks = [b for b in list(self.w.doc.element.body)[self.start:] if b.tag in (qn("w:p"), qn("w:tbl"))]
        paragraphs = []
        for block in blocks:
            rows = block.findall(qn("w:tr")) if block.tag == qn("w:tbl") else [block]
            paragraphs += [[p for p in row.iter(qn("w:p"))] if row.tag == qn("w:tr") else [row] for row in rows]
        for group in paragraphs[:-1]:  # the last row or paragraph may part from what follows
            for p in group:
                Paragraph(p, self.w.doc).paragraph_format.keep_with_next = True
NOTE_LABELS = {"client": "Client’s view", "provider": "Provider’s view", "agreed": "Agreed in the room"}


def _level(data: ReportData, factor: Factor, perspective: str, scores: Any = None) -> int | None:
    s = (scores if scores is not None else data.scores).get((factor.id, perspective))
    return None if s is None else s.level


def cover(w: WordWriter, data: ReportData, consultancy: str, logo: bytes | None) -> None:
    info, rnd = data.info, data.current.round
    if logo is not None:
        from io import BytesIO

        shape = w.doc.add_paragraph().add_run().add_picture(BytesIO(logo), height=Cm(1.6))
        shape._inline.docPr.set("descr", f"Logo of {one_line(consultancy)}" if consultancy else "Logo")
    w.kicker(data.framework.title)
    w.para(info.title, style="Title")
    w.para(f"{one_line(info.client_organisation)} and {one_line(info.provider_organisation)}",
           style="Subtitle")
    w.para(" · ".join(x for x in (f"{rnd.label} assessment", long_date(round_when(data, data.current)[0])) if x),
           muted=True)
    details = w.table(None, cover_details(data), [4.2, w.width_cm - 4.2])
    for row in details.rows:
        for run in row.cells[0].paragraphs[0].runs:
            run.bold = True
    if consultancy:
        w.para(f"Prepared by {consultancy}", muted=True)


def section_titles(data: ReportData) -> list[str]:
    """The PDF's sections: a dimension with nothing scored in the round is a line of the summary,
    not a section; the report options leave sections out as they do in the PDF."""
    chosen = data.options
    titles = ["Executive summary", *[d.name for d in assessed_dimensions(data.framework, data.scores)]]
    if data.previous is not None and chosen.comparison:
        titles.append("Round-over-round comparison")
    return [*titles, *(["Action plan"] if chosen.actions else []),
            *([PARKING_TITLE] if chosen.parking and data.parking else []),
            *(["Participants"] if chosen.participants else []), READING_TITLE,
            *(["The scoring guide"] if chosen.guide != "none" else [])]


def summary(w: WordWriter, data: ReportData, branding: BrandingProfile) -> None:
    fw = data.framework
    names = {d.id: d.name for d in fw.dimensions}
    day = long_date(round_when(data, data.current)[0])  # a follow-up never borrows the first round's date
    w.kicker(" · ".join(x for x in (data.current.label, day) if x), new_page=True)
    w.heading("Executive summary", 1)
    w.para(opening(data))
    tiles = headline_figures(data)
    w.table([t.label for t in tiles], [[f"{t.value} {t.unit}".strip() for t in tiles]],
            [w.width_cm / 4] * 4)
    w.box("How to read the figures.", reading_note(data))
    if len(assessed_dimensions(fw, data.scores)) >= RADAR_MINIMUM:  # as the PDF: fewer draw nothing useful
        w.picture(chart_png(data, "dimensions", branding), min(13.0, w.width_cm), alt_text(data, "dimensions"),
                  "Value-for-money dimensions radar", "Agreed mean level of each value-for-money dimension")
    scale = fw.scale
    rows = [[d.name + ("" if d.assessed == d.total else f"\n{d.agreed_text}"),
             one_decimal(d.mean)] if d.in_round else [d.name, d.status_text]
            for d in dimension_rows(fw, data.scores, data.current)]
    w.table(["Dimension", f"Mean ({scale.minimum}–{scale.maximum})"], rows,
            [w.width_cm * 0.7, w.width_cm * 0.3], right=(1,))
    w.heading("Key findings", 2)
    for sentence in findings(data) + actions_due(data):
        w.bullet(sentence)
    for title, ranked in (("Top strengths", strengths(fw, data.scores)),
                          ("Improvement priorities", priorities(fw, data.scores))):
        w.heading(title, 2)
        if not ranked:
            w.para(empty_list_note(fw, data.scores, title == "Top strengths"), muted=True)
            continue
        w.table(["Factor", "Dimension", "Agreed level"],
                [[r.factor.name, names[r.factor.dimension_id], level_label(scale, r.level)] for r in ranked],
                [w.width_cm * 0.45, w.width_cm * 0.25, w.width_cm * 0.3])
    if note := ranking_note(data):  # how a list cut at a tie was picked, as in the PDF
        w.para(note, muted=True)
    apart = [g for g in perception_gaps(fw, data.scores) if g.size > 0]
    if apart:
        w.heading("Largest perception gaps", 2)
        w.para(gaps_lead(apart, min(5, len(apart))), muted=True)
        w.table(["Factor", "Dimension", "Client", "Provider", "Rated higher by"],
                [[g.factor.name, names[g.factor.dimension_id], level_label(scale, g.client),
                  level_label(scale, g.provider), gap_phrase(g.gap)] for g in apart[:5]],
                [w.width_cm * f for f in (0.3, 0.18, 0.18, 0.18, 0.16)])
    moved = movement(data)
    if moved and data.previous is not None:
        w.heading(f"What moved since {data.previous.label}", 2)
        for sentence in moved:
            w.bullet(sentence)


def dimension(w: WordWriter, data: ReportData, dimension_id: str, branding: BrandingProfile) -> None:
    fw = data.framework
    order = fw.workshop_order()
    dim = fw.dimension(dimension_id)
    number = [d.id for d in order].index(dimension_id) + 1
    score = round_dimension_score(fw, data.current, dimension_id)
    w.kicker(f"Dimension {number} of {len(order)}", new_page=True)
    w.heading(dim.name, 1)
    w.para(f"Mean agreed level {one_decimal(score.mean)} of {fw.scale.maximum} · {score.coverage_text()}"
           f"{gap_index_text(data, dimension_id)}", muted=True)
    w.para(dim.description)
    if dimension_id == MUTUALITY:
        w.para(mutuality_intro(data))
        w.picture(chart_png(data, "mutuality", branding, (6.6, 6.0)), min(15.0, w.width_cm),
                  alt_text(data, "mutuality"), "Mutuality factors radar",
                  mutuality_caption(data))
    w.heading("At a glance", 2)
    scale = fw.scale
    w.table(["#", "Factor", "Client", "Provider", "Agreed", "Gap"],
            [[str(r.number), r.name,
              *([NOT_APPLICABLE_TEXT] * 3 if r.not_applicable else
                [level_label(scale, r.client), level_label(scale, r.provider),
                 level_label(scale, r.agreed, empty_agreed(scale, data.scores, r.factor_id))]),
              gap_phrase(r.gap)] for r in factor_rows(dim, data.scores, data.current.excluded)],
            [0.8, *[(w.width_cm - 0.8) * f for f in (0.34, 0.17, 0.17, 0.17, 0.15)]], right=(0,))
    w.heading("Factor by factor", 2)
    for factor in round_factors(fw, data.current, dimension_id):
        factor_block(w, data, factor)


def factor_block(w: WordWriter, data: ReportData, factor: Factor) -> None:
    scale = data.framework.scale
    w.heading(f"{factor.number} {factor.name}", 3)
    empty = empty_agreed(scale, data.scores, factor.id)  # "Not agreed" for the agreed level (guide 2.1)
    levels = " · ".join(f"{label}: {level_label(scale, _level(data, factor, p), empty if p == 'agreed' else None)}"
                        for p, label in PERSPECTIVES)
    w.para(levels, bold=True)
    if na := not_applicable_text(data, factor):
        w.para(na, bold=True)
    extra = []
    client, provider = _level(data, factor, "client"), _level(data, factor, "provider")
    if client is not None and provider is not None:
        extra.append("Perception gap: none (same level)" if client == provider
                     else f"Perception gap: {gap_phrase(client - provider)}")
    agreed_score = data.scores.get((factor.id, "agreed"))
    if agreed_score is not None and agreed_score.confidence:
        extra.append(f"Confidence in the evidence: {agreed_score.confidence}")
    if data.previous is not None:
        b, a = _level(data, factor, "agreed", data.previous.scores), _level(data, factor, "agreed")
        if b is not None and a is not None:
            extra.append(f"Since {data.previous.label}: " + (f"{signed(a - b)} ({b} → {a})" if a != b
                                                              else f"no change ({a})"))
    if extra:
        w.para(" · ".join(extra), muted=True)
    agreed = _level(data, factor, "agreed")
    if agreed is not None and agreed in factor.descriptors:
        w.labelled(level_label(scale, agreed), factor.descriptor(agreed))
    wrote = False
    for p in ("agreed", "client", "provider"):
        s = data.scores.get((factor.id, p))
        if s is None or not s.notes.strip():
            continue
        w.para(notes_label(data.scores, factor.id, p, NOTE_LABELS[p]).upper(), muted=True, bold=True, size=8).paragraph_format.keep_with_next = True
        for line in s.notes.replace("\r\n", "\n").split("\n"):
            if line.strip():
                w.para(line)
        wrote = True
    if not wrote:
        w.para("No evidence notes were recorded for this factor.", muted=True)
    _prework_comments(w, data, factor)


def _prework_comments(w: WordWriter, data: ReportData, factor: Factor) -> None:
    """Participants' pre-work comments after the evidence notes, as the PDF prints them."""
    from ..report.comments import prework_comments

    for who, comment in prework_comments(data, factor):
        w.para(who, muted=True, bold=True, size=8).paragraph_format.keep_with_next = True  # a name as written
        for line in comment.replace("\r\n", "\n").split("\n"):
            if line.strip():
                w.para(line)


def comparison(w: WordWriter, data: ReportData, branding: BrandingProfile) -> None:
    if data.previous is None:
        return
    before, after = data.previous.label, data.current.label
    w.kicker(f"{before} to {after}", new_page=True)
    w.heading("Round-over-round comparison", 1)
    w.para(f"The agreed levels of the {after} round set against the {before} round"
           + (" and those before it" if len(data.rounds) > 2 else "")
           + f". The chart shows each mutuality factor, with the {before} round as the grey outline.")
    if any(d.id == MUTUALITY for d in data.framework.dimensions):
        w.picture(chart_png(data, "movement", branding, (6.6, 6.0)), min(15.0, w.width_cm),
                  alt_text(data, "movement"), "Mutuality movement radar",
                  f"The {len(data.framework.dimension(MUTUALITY).factors)} mutuality factors: the "
                  f"agreed level, {after}, over {before}")
    w.heading("Dimensions", 2)
    header, rows = comparison_rows(data)
    first = w.width_cm * 0.34
    rest = (w.width_cm - first) / (len(header) - 1)
    w.table(header, rows, [first, *[rest] * (len(header) - 1)], right=tuple(range(1, len(header))))
    w.heading(f"Factors whose agreed level changed since {before}", 2)
    moved = moved_factors(data)
    if not moved:
        w.para("No agreed factor level changed.", muted=True)
        return
    scale = data.framework.scale
    w.table(["Factor", "Dimension", before, after, "Change"],
            [[m.name, m.dimension, level_label(scale, m.before), level_label(scale, m.after), signed(m.delta)]
             for m in moved], [w.width_cm * f for f in (0.3, 0.2, 0.19, 0.19, 0.12)], right=(4,))


def action_plan(w: WordWriter, data: ReportData) -> None:
    if not data.actions:
        packed = _Packed(w, True)
        packed.kicker("Next steps")
        w.heading("Action plan", 1)
        w.para("No improvement actions were recorded.")
        packed.close()
        return
    w.kicker("Next steps", new_page=True)
    w.heading("Action plan", 1)
    counts = action_counts(data.actions)
    groups = action_groups(data.actions, data.framework, data.info, data.generated)
    lines = [line for _, _, group in groups for line in group]
    overdue = sum(1 for r in lines if r.overdue)
    text = f"{plural(len(lines), 'action')}: " + ", ".join(
        f"{counts[s]} {s}" for s in ("open", "in progress", "done", "dropped") if counts.get(s))
    if overdue:
        text += f"; {overdue} {'is' if overdue == 1 else 'are'} past the due date"
    w.para(text + ".")
    rows: list[list[str]] = []
    bands: list[int] = []
    for factor, dim, group in groups:
        bands.append(len(rows) + 1)
        rows.append([f"{factor} · {dim}" if dim else factor, "", "", "", "", ""])
        rows += [[str(r.number), r.text, r.owner, r.side, r.due + ("\nOVERDUE" if r.overdue else ""),
                  r.status] for r in group]
    fixed = 0.8 + 2.8 + 1.6 + 2.0 + 2.2
    table = w.table(["#", "Action", "Owner", "Side", "Due", "Status"], rows,
                    [0.8, w.width_cm - fixed, 2.8, 1.6, 2.0, 2.2], right=(0,), spanned=bands)
    for row in bands:
        w.band(table, row)


def parking(w: WordWriter, data: ReportData) -> None:
    """Points parked, after the action plan as in the PDF (core/report/sections_parking.py); left
    out when nothing was parked or the report options say so."""
    if not data.options.parking or not data.parking:
        return
    rows = [list(row) for row in parking_rows(data)]
    packed = _Packed(w, len(rows) <= SHORT_ROWS)
    packed.kicker("To come back to")
    w.heading(PARKING_TITLE, 1)
    w.para(parking_sentence(data))
    fixed = 0.8 + 3.9 + 2.0 + 2.5 + 1.8
    w.table(["#", "Point", "Factor · round", "Raised by", "Parked", "Status"], rows,
            [0.8, w.width_cm - fixed, 3.9, 2.0, 2.5, 1.8], right=(0,))
    packed.close()


def participants(w: WordWriter, data: ReportData) -> None:
    rows = participant_rows(data.participants, data.info)
    packed = _Packed(w, len(rows) <= SHORT_ROWS)
    packed.kicker(participants_kicker(data))
    w.heading("Participants", 1)
    if not rows:
        w.para("No participants were recorded.")
    else:
        w.para(attendance(data))
        w.table(["Name", "Role", "Organisation or part"], rows, [w.width_cm * f for f in (0.28, 0.36, 0.36)])
    packed.close()


def reading(w: WordWriter, data: ReportData) -> None:
    """Every term the report uses, defined once, at reading size (the summary's box points here)."""
    lines = definition_lines(data)
    packed = _Packed(w, len(lines) <= SHORT_ROWS + 2)
    packed.kicker("Appendix")
    w.heading(READING_TITLE, 1)
    w.para("The figures in this report are worked out from the levels the room agreed, as follows.")
    for term, meaning in lines:
        w.labelled(term, meaning)
    packed.close()


def appendix(w: WordWriter, data: ReportData) -> None:
    fw = data.framework
    w.kicker("Appendix", new_page=True)
    w.heading("The scoring guide", 1)
    w.para(appendix_lead(data))
    w.heading("The scale", 2)
    w.table(["Level", "What it means"], [[level_label(fw.scale, lv.value), lv.summary] for lv in fw.scale.levels],
            [3.6, w.width_cm - 3.6])
    for dim in guide_dimensions(data):  # the PDF's choice of dimensions and factors
        w.heading(guide_heading(data, dim), 2)
        for factor in guide_factors(data, dim):
            w.heading(f"{factor.number} {factor.name}", 3)
            w.para(factor.description, muted=True)
            for lv in fw.scale.levels:
                w.labelled(f"{lv.value} {lv.name}", factor.descriptors.get(lv.value, ""))


def write_docx(data: ReportData, out: Path, branding: BrandingProfile | None = None,
               template: Path | None = None, cancel: threading.Event | None = None) -> list[str]:
    """Write the report as .docx in the house template (the shipped one when None); return warnings."""
    warnings: list[str] = []
    if branding is None:
        branding, warnings = profile_from_engagement(data.branding_json)
    doc = open_template(template)
    ensure_styles(doc, branding.primary_colour)
    rnd = data.current.round
    fill_placeholders(doc, {
        "title": data.info.title, "client": data.info.client_organisation,
        "provider": data.info.provider_organisation, "round": rnd.label,
        "date": long_date(round_when(data, data.current)[0]), "consultancy": branding.consultancy_name,
        "footer": branding.footer_text})
    own_cover, tail = clear_body(doc)
    template_cover = len(doc.element.body) > 1  # the template kept a cover before {{report}}
    w = WordWriter(doc, branding.primary_colour)
    logo, problems = raster_logo(branding)
    warnings += problems
    if own_cover:
        cover(w, data, branding.consultancy_name, logo)
    w.contents_title("Contents", new_page=own_cover or template_cover)
    w.contents(section_titles(data))
    check_cancel(cancel)
    summary(w, data, branding)
    for d in assessed_dimensions(data.framework, data.scores):  # the PDF's sections, no more
        check_cancel(cancel)
        dimension(w, data, d.id, branding)
    check_cancel(cancel)
    chosen = data.options
    if chosen.comparison:
        comparison(w, data, branding)
    if chosen.actions:
        action_plan(w, data)
    parking(w, data)
    if chosen.participants:
        participants(w, data)
    reading(w, data)
    if chosen.guide != "none":
        appendix(w, data)
    w.finish_contents()
    restore_tail(doc, tail)
    update_fields_on_open(doc)
    props = doc.core_properties
    props.title = f"{one_line(data.info.title)}: {one_line(rnd.label)}"
    props.subject = "Value for money and mutuality assessment"
    props.author = one_line(branding.consultancy_name) or "Mutuality Desktop"
    props.keywords = "mutuality; value for money"
    write_atomically(out, "Word report", lambda p: doc.save(str(p)), cancel)
    return warnings


def write_docx_file(path: Path, out: Path, round_label: str | None = None,
                    template: Path | None = None) -> list[str]:
    """Open an engagement file read-only and write its Word report."""
    from ..engagement import Engagement
    from ..report.data import collect_report_data

    with Engagement.open(Path(path), readonly=True) as engagement:
        round_id = engagement.round_by_label(round_label).id if round_label else None
        data = collect_report_data(engagement, round_id)
    return write_docx(data, out, None, template)
