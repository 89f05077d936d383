"""The HTML edition's closing sections: action plan, participants and the scoring guide."""

from __future__ import annotations

from .data import ReportData
from .html import Page, one_line, paragraphs, t
from .rows import action_counts, action_groups, participant_rows
from .sections_back import (
    CROSSWALK_LEAD,
    appendix_lead,
    attendance,
    crosswalk_keys,
    crosswalk_lines,
    crosswalk_rows,
    guide_dimensions,
    guide_factors,
    guide_heading,
    key_text,
    participants_kicker,
)
from .text import plural


def actions(data: ReportData, page: Page) -> str:
    out = ['<p class="kicker">Next steps</p>']
    if not data.actions:
        return "\n".join([*out, '<p class="lead">No improvement actions were recorded.</p>'])
    counts = action_counts(data.actions)
    parts = [
        f"{counts[s]} {s}" for s in ("open", "in progress", "done", "dropped") if counts.get(s)
    ]
    groups = action_groups(data.actions, data.framework, data.info, data.generated)
    lines = [line for _, _, group in groups for line in group]
    overdue = sum(1 for r in lines if r.overdue)
    text = f"{plural(len(lines), 'action')}: " + ", ".join(parts)
    if overdue:
        text += f"; {overdue} {'is' if overdue == 1 else 'are'} past the due date"
    out.append(f'<p class="lead">{t(text + ".")}</p>')
    rows: list[list[str]] = []
    starts: list[tuple[int, str]] = []
    for factor, dim, group in groups:
        starts.append((len(rows), f'{one_line(factor)} <span class="muted">{one_line(dim)}</span>'))
        for r in group:
            due = t(r.due) + (' <span class="overdue">Overdue</span>' if r.overdue else "")
            rows.append(
                [
                    str(r.number),
                    paragraphs(r.text) or "",
                    one_line(r.owner),
                    one_line(r.side),
                    due,
                    t(r.status),
                ]
            )
    out.append(
        page.table(
            "Improvement actions, by factor",
            ["#", "Action", "Owner", "Side", "Due", "Status"],
            rows,
            numeric=(0,),
            groups=starts,
        )
    )
    return "\n".join(out)


def participants(data: ReportData, page: Page) -> str:
    out = [f'<p class="kicker">{t(participants_kicker(data))}</p>']
    rows = participant_rows(data.participants, data.info)
    if not rows:
        return "\n".join([*out, '<p class="lead">No participants were recorded.</p>'])
    out.append(f'<p class="lead">{t(attendance(data))}</p>')
    out.append(
        page.table(
            "Participants",
            ["Name", "Role", "Organisation or part"],
            [[one_line(n), one_line(r), one_line(o)] for n, r, o in rows],
            visible_caption=False,
        )
    )
    return "\n".join(out)


def appendix(data: ReportData, page: Page) -> str:
    fw = data.framework
    out = [
        '<p class="kicker">Appendix</p>',
        '<p class="lead">'
        + t(appendix_lead(data))
        + "</p>",
        "<h3>The scale</h3>",
        page.table(
            "The scale",
            ["Level", "What it means"],
            [[page.chip(lv.value), t(lv.summary)] for lv in fw.scale.levels],
            visible_caption=False,
        ),
    ]
    for dim in guide_dimensions(data):
        out.append(f"<h3>{one_line(guide_heading(data, dim))}</h3>")
        for factor in guide_factors(data, dim):
            levels = "".join(
                f"<dt>{lv.value} {t(lv.name)}</dt>"
                f"<dd>{t(factor.descriptors.get(lv.value, ''))}</dd>"
                for lv in fw.scale.levels
            )
            out += [
                f"<h4>{factor.number} {one_line(factor.name)}</h4>",
                paragraphs(factor.description, "muted"),
                f'<dl class="guide">{levels}</dl>',
            ]
            lines = crosswalk_lines(factor)
            if lines:
                items = "".join(f"<li><strong>{t(label)}:</strong> {t(text)}</li>" for label, text in lines)
                out.append(f'<ul class="muted crosswalk">{items}</ul>')
    out += crosswalk_table(data, page)
    return "\n".join(out)


def crosswalk_table(data: ReportData, page: Page) -> list[str]:
    """Every factor's crosswalk in one table, with the keys to its numbers above it."""
    rows = crosswalk_rows(data)
    if not rows:
        return []
    keys = "".join(
        f"<li><strong>{t(label)}:</strong> {t(key_text(keyed))}</li>"
        for label, keyed in crosswalk_keys(data.framework)
    )
    return [
        "<h3>The crosswalk at a glance</h3>",
        f'<p class="muted">{t(CROSSWALK_LEAD)}</p>',
        f'<ul class="muted">{keys}</ul>',
        page.table(
            "Each factor's ISO 44001:2017 clauses and lifecycle stages, and NAO areas",
            ["Factor", "ISO clauses", "ISO stages", "NAO areas"],
            [[one_line(name), t(c), t(st), t(n)] for name, c, st, n in rows],
        ),
    ]
