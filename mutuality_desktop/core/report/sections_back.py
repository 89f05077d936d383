"""Action plan, participants and the scoring-guide appendix."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from ..framework import Dimension, Factor, Framework
from .basis import assessed_dimensions, names_list, round_factors, workshop_ahead
from .data import ReportData
from .document import Heading
from .fonts import BOLD
from .rows import action_counts, action_groups, participant_rows
from .sections_front import kicker, width_of
from .sections_scores import note_paragraphs
from .styles import MUTED, WARN, Styles, colour
from .tables import data_table, level_chip
from .text import esc, inline, pieces, plural, printable

MAX_CELL_CHARS = 1200  # longer action texts are printed in full after the table


def section_actions(data: ReportData, styles: Styles) -> list[Flowable]:
    """The improvement actions grouped under their factor: action, owner, side, due date, status."""
    width = width_of(styles)
    story: list[Flowable] = [kicker("Next steps", styles), Heading("Action plan", styles.h1), Spacer(1, 6)]
    if not data.actions:
        return story + [Paragraph("No improvement actions were recorded.", styles.lead)]
    counts = action_counts(data.actions)
    parts = [f"{counts[s]} {s}" for s in ("open", "in progress", "done", "dropped") if counts.get(s)]
    groups = action_groups(data.actions, data.framework, data.info, data.generated)
    lines = [line for _, _, group in groups for line in group]
    overdue = sum(1 for r in lines if r.overdue)
    summary = f"{plural(len(lines), 'action')}: " + ", ".join(parts)
    if overdue:
        summary += f"; {overdue} {'is' if overdue == 1 else 'are'} past the due date"
    story.append(Paragraph(esc(summary + "."), styles.lead))
    cells: list[list[Any]] = []
    extra: list[tuple[Any, ...]] = [("VALIGN", (0, 1), (-1, -1), "TOP")]
    long_texts: list[tuple[int, str]] = []
    small = styles.cell.clone("action_small", fontSize=8, leading=10.5)
    for factor, dimension, group in groups:
        row = len(cells) + 1
        cells.append([Paragraph(f"<b>{inline(factor)}</b>&nbsp;&nbsp;<font size='7' color='{MUTED}'>"
                                f"{inline(dimension)}</font>", styles.cell), "", "", "", "", ""])
        extra += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), colour(styles.band)),
                  ("NOSPLIT", (0, row), (-1, row + 1)), ("TOPPADDING", (0, row), (-1, row), 5)]
        for r in group:
            text = r.text
            if len(text) > MAX_CELL_CHARS:
                long_texts.append((r.number, text))
                text = text[:MAX_CELL_CHARS - 200].rsplit(" ", 1)[0] + " … (continued under “Actions in full”)"
            due = esc(r.due) + (f"<br/><font size='7' color='{WARN}'><b>OVERDUE</b></font>"
                                if r.overdue else "")
            cells.append([Paragraph(str(r.number), styles.cell_right), Paragraph(esc(text), styles.cell),
                          Paragraph(inline(r.owner), small), Paragraph(inline(r.side), small),
                          Paragraph(due, small), Paragraph(esc(r.status), small)])
    fixed = 22 + 76 + 46 + 50 + 62
    story.append(data_table(styles, ["#", "Action", "Owner", "Side", "Due", "Status"], cells,
                            [22, width - fixed, 76, 46, 50, 62], right=(0,), zebra=False, extra=extra))
    if long_texts:
        story += [Heading("Actions in full", styles.h2, outline_level=1, in_toc=False)]
        for number, text in long_texts:
            story += note_paragraphs(pieces(text), styles, f"Action {number}")
    return story


def section_participants(data: ReportData, styles: Styles) -> list[Flowable]:
    width = width_of(styles)
    story: list[Flowable] = [kicker(participants_kicker(data), styles), Heading("Participants", styles.h1), Spacer(1, 6)]
    rows = participant_rows(data.participants, data.info)
    if not rows:
        return story + [Paragraph("No participants were recorded.", styles.lead)]
    story.append(Paragraph(esc(attendance(data)), styles.lead))
    cells = [[Paragraph(inline(name), styles.cell_bold), Paragraph(inline(role), styles.cell),
              Paragraph(inline(org), styles.cell)] for name, role, org in rows]
    story.append(data_table(styles, ["Name", "Role", "Organisation or part"], cells,
                            [width * 0.25, width * 0.36, width * 0.39]))
    return story


def section_appendix(data: ReportData, styles: Styles) -> list[Flowable]:
    """The scoring guide the room scored against, from the file's own framework snapshot."""
    fw = data.framework
    width = width_of(styles)
    story: list[Flowable] = [
        kicker("Appendix", styles),
        Heading("The scoring guide", styles.h1),
        Spacer(1, 6),
        Paragraph(esc(appendix_lead(data)), styles.lead),
        Heading("The scale", styles.h2, outline_level=1, in_toc=False),
    ]
    scale_rows = [[level_chip(styles, fw.scale, lv.value, 84), Paragraph(esc(lv.summary), styles.cell)]
                  for lv in fw.scale.levels]
    story.append(data_table(styles, ["Level", "What it means"], scale_rows, [96, width - 96]))
    guide = styles.cell.clone("guide", fontSize=7.8, leading=10.4, leftIndent=74, bulletIndent=0,
                              bulletFontName=BOLD, bulletFontSize=7.8, spaceAfter=3.5)
    for dim in guide_dimensions(data):
        story += [CondPageBreak(200), Heading(inline(guide_heading(data, dim)), styles.h2, outline_level=1,
                                              in_toc=False)]
        for factor in guide_factors(data, dim):
            story += [CondPageBreak(160),
                      Paragraph(f"{factor.number}&nbsp;&nbsp;{inline(factor.name)}", styles.h3),
                      Paragraph(esc(factor.description), styles.muted.clone("guide_desc", spaceAfter=5)),
                      *[Paragraph(esc(factor.descriptors.get(lv.value, "")), guide,
                                  bulletText=f"{lv.value}  {printable(lv.name)}") for lv in fw.scale.levels]]
            lines = crosswalk_lines(factor)
            if lines:
                story.append(Paragraph("<br/>".join(f"<b>{esc(label)}:</b> {esc(text)}" for label, text in lines),
                                       styles.muted.clone("guide_crosswalk", fontSize=7.4, leading=9.8,
                                                          leftIndent=74, spaceBefore=2, spaceAfter=6)))
    story += section_crosswalk_table(data, styles)
    return story


CROSSWALK_LABELS = (
    ("iso44001_clauses", "ISO 44001:2017 clauses"),
    ("iso44001_stages", "ISO 44001:2017 lifecycle stages"),
    ("nao_areas", "NAO good practice contract management framework areas"),
)


def crosswalk_lines(factor: Factor) -> list[tuple[str, str]]:
    """The factor's crosswalk as (label, text) lines, e.g. ('ISO 44001:2017 clauses',
    'Clause 5, Leadership; Clause 6, Planning'); none for a factor from a 1.x framework."""
    cw = factor.extras.crosswalk
    if cw is None:
        return []
    return [(label, "; ".join(cw.named(kind))) for kind, label in CROSSWALK_LABELS if cw.named(kind)]


def crosswalk_keys(fw: Framework) -> list[tuple[str, list[tuple[str, str]]]]:
    """For the one-page table: each reference list as (heading, [(short key, title)]), numbered in
    the order the framework lists them (clauses by their own number)."""
    if fw.guide is None:
        return []
    out: list[tuple[str, list[tuple[str, str]]]] = []
    for kind, label in CROSSWALK_LABELS:
        entries = list(fw.guide.references.get(kind, {}).items())
        keyed = [(key if kind == "iso44001_clauses" else str(n), title)
                 for n, (key, title) in enumerate(entries, start=1)]
        out.append((label, keyed))
    return out


def key_text(keyed: list[tuple[str, str]]) -> str:
    """'Clause 4, Context…; Clause 5, …' for titles that carry their own number, else '1 Planning…; 2 People…'."""
    return "; ".join(title if title.startswith(("Clause", "Stage")) else f"{k} {title}" for k, title in keyed)


def crosswalk_rows(data: ReportData) -> list[tuple[str, str, str, str]]:
    """One row per factor in the guide: (number and name, clauses, stages, NAO areas), each list
    as the short keys of crosswalk_keys, e.g. ('M3 Behaviours and trust indicators', '5, 8', '5, 7', '4, 10')."""
    fw = data.framework
    if fw.guide is None:
        return []
    keys = {kind: {key: (key if kind == "iso44001_clauses" else str(n))
                   for n, key in enumerate(fw.guide.references.get(kind, {}), start=1)}
            for kind, _ in CROSSWALK_LABELS}
    rows = []
    for dim in guide_dimensions(data):
        for factor in guide_factors(data, dim):  # the factors whose guide the appendix prints
            cw = factor.extras.crosswalk
            if cw is None:
                continue
            cells = [", ".join(keys[kind].get(k, k) for k in getattr(cw, kind)) for kind, _ in CROSSWALK_LABELS]
            rows.append((f"{dim.name} {factor.number}. {factor.name}", cells[0], cells[1], cells[2]))
    return rows


def section_crosswalk_table(data: ReportData, styles: Styles) -> list[Flowable]:
    """The crosswalk of every factor in the guide on one page: factor by ISO 44001 clause and
    lifecycle stage and NAO area, numbered, with the key above."""
    rows = crosswalk_rows(data)
    if not rows:
        return []
    width = width_of(styles)
    small = styles.cell.clone("crosswalk_cell", fontSize=7.2, leading=8.8)
    key_style = styles.muted.clone("crosswalk_key", fontSize=7.2, leading=9.2, spaceAfter=3)
    story: list[Flowable] = [PageBreak(), Heading("The crosswalk at a glance", styles.h2, outline_level=1,
                                                          in_toc=False),
                             Paragraph(esc(CROSSWALK_LEAD), styles.muted.clone("crosswalk_lead", spaceAfter=4))]
    for label, keyed in crosswalk_keys(data.framework):
        story.append(Paragraph(f"<b>{esc(label)}:</b> " + esc(key_text(keyed)), key_style))
    cells = [[Paragraph(inline(name), small), Paragraph(esc(c), small), Paragraph(esc(st), small),
              Paragraph(esc(n), small)] for name, c, st, n in rows]
    story.append(data_table(styles, ["Factor", "ISO clauses", "ISO stages", "NAO areas"], cells,
                            [width - 3 * 62, 62, 62, 62],
                            extra=[("TOPPADDING", (0, 1), (-1, -1), 1.2), ("BOTTOMPADDING", (0, 1), (-1, -1), 1.2)]))
    return story


CROSSWALK_LEAD = ("Where each factor sits in ISO 44001:2017 (top-level clauses and lifecycle stages) and in the "
                  "National Audit Office's good practice contract management framework (2016 edition). "
                  "The numbers refer to the keys below. Clauses are cited at the top level only.")


def guide_dimensions(data: ReportData) -> list[Dimension]:
    """The dimensions whose scoring guide the appendix prints: those assessed in this round or in
    its scope (a dimension in scope with no score yet is printed, marked as not yet scored: the
    room will score it against this text), or every dimension when the options ask for the whole
    guide."""
    if data.options.guide == "all":
        return list(data.framework.workshop_order())
    assessed = {d.id for d in assessed_dimensions(data.framework, data.scores)}
    return [d for d in data.framework.workshop_order() if d.id in assessed or d.id in data.current.scope]


def not_yet_scored(data: ReportData) -> list[Dimension]:
    """The dimensions the round covers that have no level or note yet, in workshop order."""
    assessed = {d.id for d in assessed_dimensions(data.framework, data.scores)}
    return [d for d in data.framework.workshop_order() if d.id in data.current.scope and d.id not in assessed]


def guide_heading(data: ReportData, dim: Dimension) -> str:
    """A dimension's heading in the appendix: 'Economy (not yet scored)' for a dimension the round
    covers that has no score yet."""
    waiting = any(d.id == dim.id for d in not_yet_scored(data))
    return f"{dim.name} (not yet scored)" if waiting else dim.name


def guide_factors(data: ReportData, dim: Dimension) -> tuple[Factor, ...]:
    """The factors whose guide the appendix prints: a dimension's factors in the round (none left
    out), or all of them when the options ask for the whole guide."""
    if data.options.guide == "all":
        return dim.factors
    return round_factors(data.framework, data.current, dim.id)


def appendix_lead(data: ReportData) -> str:
    fw = data.framework
    assessed = assessed_dimensions(fw, data.scores)
    shown = guide_dimensions(data)
    source = (f"from {fw.title} (version {fw.version}), the same text the room "
              + ("will see during the workshop." if workshop_ahead(data) else "saw during the workshop."))
    if len(assessed) == len(fw.dimensions):
        return f"Every factor was scored against the level descriptions below, {source}"
    if not assessed:
        return f"No factor has a level in this round; the level descriptions below are {source}"
    scored = (f"The factors of the dimensions assessed in this round "
              f"({names_list([d.name for d in assessed])}) were scored against the level "
              f"descriptions below, {source}")
    waiting = not_yet_scored(data)
    if waiting:
        scored += (f" {names_list([d.name for d in waiting])} "
                   f"{'is' if len(waiting) == 1 else 'are'} in this round but not yet scored; "
                   f"{'its' if len(waiting) == 1 else 'their'} descriptions are included, marked as such.")
    if len(shown) > len(assessed) + len(waiting):
        scored += " The other dimensions' descriptions follow for reference; they were not assessed."
    return scored


def participants_kicker(data: ReportData) -> str:
    """The participants page's kicker: "Who took part", or before the workshop, who is to take part."""
    return "Who is taking part" if workshop_ahead(data) else "Who took part"


def attendance(data: ReportData) -> str:
    """Say who took part as the cover counts them (core/report/rows._taking_part): the two sides'
    participants, how many from each organisation, then the facilitators and observers with them
    ("8 participants took part, 4 from A and 4 from B, with 1 facilitator and 1 observer"). It once
    said "10 people took part" under a cover saying "8 participants"."""
    info = data.info
    count = {side: sum(1 for p in data.participants if p.side == side)
             for side in ("client", "provider", "facilitator", "observer")}
    members = count["client"] + count["provider"]
    sides = names_list([x for x in (f"{count['client']} from {info.client_organisation}" if count["client"] else "",
                                    f"{count['provider']} from {info.provider_organisation}" if count["provider"] else "")
                        if x])
    others = names_list([plural(count[s], s) for s in ("facilitator", "observer") if count[s]])
    ahead = workshop_ahead(data)  # made before the workshop: the list is who is expected, not who came
    if not members:
        many = len(data.participants) != 1
        verb = ("are" if many else "is") if ahead else ("were" if many else "was")
        return (f"No participant from either organisation {'is' if ahead else 'was'} listed; "
                f"{others} {verb} {'listed to take part' if ahead else 'there'}.")
    head = plural(members, "participant")
    verb = (f"{'are' if members != 1 else 'is'} listed to take part" if ahead else "took part")
    return f"{head} {verb}, {sides}" + (f", with {others}" if others else "") + "."
