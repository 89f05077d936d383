"""The HTML edition's sections, in the PDF's order, from the same rows and wording."""

from __future__ import annotations

from ..agreement import empty_agreed, notes_label
from ..branding import BrandingProfile
from ..charts.series import RadarSeries
from ..framework import MUTUALITY, Factor
from ..scoring import empty_list_note, perception_gaps, priorities, strengths
from . import figures as charts  # through the module: the benchmarks swap the charts there
from .basis import (
    RADAR_MINIMUM,
    assessed_dimensions,
    round_dimension_score,
    round_factors,
    round_when,
)
from .comments import prework_comments
from .data import ReportData
from .html import Page, clean, one_line, paragraphs, slug, t
from .html_back import actions, appendix, participants
from .radar import RadarFlowable
from .rows import (
    NOT_APPLICABLE_TEXT,
    comparison_rows,
    cover_details,
    dimension_rows,
    factor_rows,
    gap_phrase,
    key_figures,
    moved_factors,
)
from .sections_parking import html_parking
from .sections_scores import (
    NOTE_LABELS,
    PERSPECTIVE_LABELS,
    gap_index_text,
    not_applicable_text,
    scored,
    strip_notes,
    unscored,
)
from .spread_rows import named_views
from .svg import radar_svg
from .text import long_date, one_decimal, signed
from .wording import (
    READING_TITLE,
    actions_due,
    comparison_lead,
    definition_lines,
    findings,
    gaps_lead,
    movement,
    mutuality_intro,
    opening,
    ranking_note,
    reading_note,
)

FALL = ' class="fall"'
CHART_WIDTH = 451.0  # the PDF's frame width on A4: the charts keep their printed proportions


def sections(data: ReportData, page: Page, branding: BrandingProfile) -> tuple[str, str, str]:
    """(cover header, contents nav, main content)."""
    parts: list[tuple[str, str, str]] = []  # (id, title, html)

    def add(title: str, body: str) -> None:
        ident = slug(title, page.ids)
        parts.append(
            (
                ident,
                title,
                f'<section aria-labelledby="{ident}">\n<h2 id="{ident}">'
                f"{one_line(title)}</h2>\n{body}\n</section>",
            )
        )

    add("Executive summary", summary(data, page))
    for dim in assessed_dimensions(data.framework, data.scores):
        add(dim.name, dimension(data, page, dim.id))
    chosen = data.options
    if data.previous is not None and chosen.comparison:
        add("Round-over-round comparison", comparison(data, page))
    if chosen.actions:
        add("Action plan", actions(data, page))
    if chosen.parking and data.parking:
        add("Points parked", html_parking(data, page))
    if chosen.participants:
        add("Participants", participants(data, page))
    add(READING_TITLE, reading(data))
    if chosen.guide != "none":
        add("The scoring guide", appendix(data, page))
    items = "".join(
        f'<li><a href="#{ident}">{one_line(title)}</a></li>' for ident, title, _ in parts
    )
    nav = (
        '<nav class="contents" aria-labelledby="contents"><h2 id="contents">Contents</h2>'
        f"<ol>{items}</ol></nav>"
    )
    return cover(data, branding), nav, "\n".join(body for _, _, body in parts)


def reading(data: ReportData) -> str:
    """Every term the report uses, defined once, at reading size (the summary points here)."""
    return (
        '<p class="kicker">Appendix</p>'
        '<p class="lead">The figures in this report are worked out from the levels the room agreed, '
        "as follows.</p>"
        '<dl class="definitions">'
        + "".join(f"<dt>{t(term)}</dt><dd>{t(text)}</dd>" for term, text in definition_lines(data))
        + "</dl>"
    )


def cover(data: ReportData, branding: BrandingProfile) -> str:
    info, rnd = data.info, data.current.round
    when = long_date(round_when(data, data.current)[0])
    details = "".join(
        f"<dt>{t(label)}</dt><dd>{one_line(value)}</dd>" for label, value in cover_details(data)
    )
    name = (
        f'<p class="consultancy">{one_line(branding.consultancy_name)}</p>'
        if branding.consultancy_name
        else ""
    )
    return (
        f'<header class="cover">{name}<p class="kicker">{one_line(data.framework.title)}</p>'
        f"<h1>{one_line(info.title)}</h1>"
        f"<p>{one_line(info.client_organisation)} and {one_line(info.provider_organisation)}</p>"
        f"<p>{t(' · '.join(x for x in (f'{rnd.label} assessment', when) if x))}</p></header>"
        f'<div class="cover-details"><dl>{details}</dl></div>'
    )


def chart_figure(page: Page, chart: RadarFlowable, caption: str) -> str:
    """The chart, its caption, and the chart's numbers as a table beside it."""
    ident = f"chart-{len(page.ids)}"
    page.ids.add(ident)
    svg = radar_svg(chart, ident, clean(caption), clean)
    return (
        f'<div class="pair"><figure>{svg}<figcaption>{t(caption)}</figcaption></figure>'
        f"{series_table(page, chart.series, caption)}</div>"
    )


def series_table(page: Page, series: RadarSeries, caption: str) -> str:
    shown = series.visible()
    rows = []
    for i, name in enumerate(series.axis_names):
        cells = [one_line(name)]
        marked = series.axis_ids[i] in series.out_of_scope | series.not_applicable
        for s in shown:
            v = series.values(s)[i]
            if v is None:  # why there is none, as the chart says under the name, else a dash
                cells.append(series.absence(i) if marked and s != "previous" else "–")
            else:
                cells.append(str(int(v)) if float(v).is_integer() else one_decimal(v))
        rows.append(cells)
    header = [
        "Dimension" if series.dimension_id is None else "Factor",
        *[t(series.labels[s]) for s in shown],
    ]
    return page.table(
        f"The numbers in the chart: {t(caption)}", header, rows, numeric=range(1, len(shown) + 1)
    )


def named(name: str, under: str) -> str:
    """A factor's name with its dimension in small grey type below, as in the PDF's tables."""
    return f'{one_line(name)}<br><span class="muted">{one_line(under)}</span>'


def _bullets(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{t(i)}</li>" for i in items) + "</ul>" if items else ""


def summary(data: ReportData, page: Page) -> str:
    fw = data.framework
    names = {d.id: d.name for d in fw.dimensions}
    figures = "".join(
        f'<li><span class="value">{t(k.value)} <span class="unit">{t(k.unit)}</span></span>'
        f"{t(k.label)}</li>"
        for k in key_figures(data)
    )
    dims = [
        [one_line(d.name), one_decimal(d.mean), f"{d.assessed} of {d.total}" + (", provisional" if d.provisional else "")]
        if d.in_round
        else [one_line(d.name), "–", t(d.status_text)]
        for d in dimension_rows(fw, data.scores, data.current)
    ]
    day = long_date(round_when(data, data.current)[0])
    radar = (
        chart_figure(
            page,
            charts.dimension_chart(data, page.styles, round(CHART_WIDTH * 0.6)),
            "Agreed mean level of each value-for-money dimension",
        )
        if len(assessed_dimensions(fw, data.scores)) >= RADAR_MINIMUM
        else ""
    )
    out = [
        f'<p class="kicker">{t(" · ".join(x for x in (data.current.label, day) if x))}</p>',
        f'<p class="lead">{t(opening(data))}</p>',
        f'<ul class="figures" aria-label="Key figures">{figures}</ul>',
        f'<p class="reading"><strong>How to read the figures.</strong> {t(reading_note(data))}</p>',
        radar,
        page.table(
            "Dimensions: agreed mean level",
            ["Dimension", "Mean", "Factors agreed"],
            dims,
            numeric=(1, 2),
        ),
        "<h3>Key findings</h3>",
        _bullets(findings(data) + actions_due(data)),
    ]
    for title, ranked in (
        ("Top strengths", strengths(fw, data.scores)),
        ("Improvement priorities", priorities(fw, data.scores)),
    ):
        out.append(f"<h3>{title}</h3>")
        rows = [
            [
                named(r.factor.name, names[r.factor.dimension_id]),
                page.chip(r.level),
            ]
            for r in ranked
        ]
        out.append(
            page.table(title, ["Factor", "Agreed level"], rows, visible_caption=False)
            if rows
            else f'<p class="muted">{t(empty_list_note(fw, data.scores, title == "Top strengths"))}</p>'
        )
    if note := ranking_note(data):  # how a list cut at a tie was picked
        out.append(f'<p class="muted">{t(note)}</p>')
    out.append(_gaps(data, page))
    moved = movement(data)
    if moved and data.previous is not None:
        out += [f"<h3>What moved since {one_line(data.previous.label)}</h3>", _bullets(moved)]
    return "\n".join(out)


def _gaps(data: ReportData, page: Page) -> str:
    fw = data.framework
    apart = [g for g in perception_gaps(fw, data.scores) if g.size > 0]
    gaps = apart[:5]
    if not gaps:
        return ""
    shown = gaps_lead(apart, len(gaps))
    names = {d.id: d.name for d in fw.dimensions}
    rows = [
        [
            named(g.factor.name, names[g.factor.dimension_id]),
            page.chip(g.client),
            page.chip(g.provider),
            t(gap_phrase(g.gap)),
        ]
        for g in gaps
    ]
    return (
        "<h3>Largest perception gaps</h3>"
        + f'<p class="muted">{t(shown)}</p>'
        + page.table(
            "Largest perception gaps",
            ["Factor", "Client", "Provider", "Rated higher by"],
            rows,
            visible_caption=False,
        )
    )


def dimension(data: ReportData, page: Page, dimension_id: str) -> str:
    fw = data.framework
    order = fw.workshop_order()
    dim = fw.dimension(dimension_id)
    number = [d.id for d in order].index(dimension_id) + 1
    score = round_dimension_score(fw, data.current, dimension_id)
    out = [
        f'<p class="muted">Dimension {number} of {len(order)} · mean agreed level '
        f"{one_decimal(score.mean)} of {fw.scale.maximum} · {t(score.coverage_text())}"
        f"{t(gap_index_text(data, dimension_id))}</p>",
        paragraphs(dim.description, "lead"),
    ]
    rows = [
        [
            str(r.number),
            one_line(r.name),
            *([NOT_APPLICABLE_TEXT] * 3 if r.not_applicable
              else [page.chip(r.client), page.chip(r.provider),
                    page.chip(r.agreed, empty_agreed(data.framework.scale, data.scores, r.factor_id))]),
            t(gap_phrase(r.gap)),
        ]
        for r in factor_rows(dim, data.scores, data.current.excluded)
    ]
    glance = page.table(
        f"{t(dim.name)} at a glance: each factor's levels",
        ["#", "Factor", "Client", "Provider", "Agreed", "Gap"],
        rows,
        numeric=(0,),
    )
    if dimension_id == MUTUALITY:
        out += [
            f"<p>{t(mutuality_intro(data))}</p>",
            chart_figure(
                page,
                charts.factor_chart(data, page.styles, 400, 368, dimension_id=dimension_id),
                f"The {len(round_factors(data.framework, data.current, MUTUALITY))} mutuality factors of "
                "this round: each side’s own level and the "
                f"agreed level, {data.current.label}",
            ),
        ]
    out += ["<h3>At a glance</h3>", glance, "<h3>Factor by factor</h3>"]
    out += [factor_block(data, page, f) for f in round_factors(data.framework, data.current, dimension_id)]
    return "\n".join(out)


def factor_block(data: ReportData, page: Page, factor: Factor) -> str:
    scale = data.framework.scale
    empty = empty_agreed(scale, data.scores, factor.id)  # "Not agreed" in the agreed chip (guide 2.1)
    levels = "".join(
        f"<div><dt>{PERSPECTIVE_LABELS[p]}</dt><dd>{page.chip(_level(data, factor, p), empty if p == 'agreed' else None)}</dd></div>"
        for p in ("client", "provider", "agreed")
    )
    facts = strip_notes(data, factor)
    out = [f"<h4>{factor.number} {one_line(factor.name)}</h4>"]
    if scored(data, factor):
        out.append(f'<dl class="levels">{levels}</dl>')
        if na := not_applicable_text(data, factor):
            out.append(f'<p class="descriptor">{t(na)}</p>')
    else:
        out.append(f'<p class="muted">{t(unscored(factor, data))}</p>')
    if facts:
        out.append('<ul class="facts">' + "".join(f"<li>{t(f)}</li>" for f in facts) + "</ul>")
    if named := named_views(data, factor):
        out.append(f'<p class="muted">{t(named)}</p>')
    agreed = _level(data, factor, "agreed")
    if agreed is not None and agreed in factor.descriptors:
        name = scale.level(agreed).name if any(lv.value == agreed for lv in scale.levels) else ""
        out.append(
            f'<p class="descriptor"><strong>{agreed} · {t(name)}:</strong> '
            f"{t(factor.descriptor(agreed))}</p>"
        )
    any_notes = False
    for p in ("agreed", "client", "provider"):
        s = data.scores.get((factor.id, p))
        lines = (
            [line for line in clean(s.notes).replace("\r", "\n").split("\n") if line.strip()]
            if s and s.notes
            else []
        )
        for i, line in enumerate(lines):
            label = f"<strong>{notes_label(data.scores, factor.id, p, NOTE_LABELS[p])}:</strong> " if i == 0 else ""
            out.append(f"<p>{label}{t(line)}</p>")
            any_notes = True
    if not any_notes:
        out.append(f'<p class="muted">No evidence notes were recorded for {t(factor.name)}.</p>')
    out += _prework_comments(data, factor)
    return "\n".join(out)


def _prework_comments(data: ReportData, factor: Factor) -> list[str]:
    """Participants' pre-work comments after the evidence notes, each line as written."""
    out = []
    for label, comment in prework_comments(data, factor):
        lines = [line for line in clean(comment).replace("\r", "\n").split("\n") if line.strip()]
        out += [f"<p>{f'<strong>{t(label)}:</strong> ' if i == 0 else ''}{t(line)}</p>"
                for i, line in enumerate(lines)]
    return out


def _level(data: ReportData, factor: Factor, perspective: str) -> int | None:
    s = data.scores.get((factor.id, perspective))
    return None if s is None else s.level


def comparison(data: ReportData, page: Page) -> str:
    assert data.previous is not None
    before, after = data.previous.label, data.current.label
    header, rows = comparison_rows(data)
    n = len(header) - 1
    out = [
        f'<p class="kicker">{t(before)} to {t(after)}</p>',
        '<p class="lead">'
        + t(comparison_lead(data))
        + "</p>",
        chart_figure(
            page,
            charts.factor_chart(data, page.styles, 380, 350, dimension_id=MUTUALITY, movement=True),
            f"The {len(data.framework.dimension(MUTUALITY).factors)} mutuality factors: the agreed "
            f"level, {after}, over {before}",
        ),
        "<h3>Dimensions</h3>",
        page.table(
            "Agreed mean level of each dimension, like for like, in the last two rounds",
            [t(h) for h in header],
            [[t(c) for c in r] for r in rows],
            numeric=range(1, n + 1),
        ),
        f"<h3>Factors whose agreed level changed since {one_line(before)}</h3>",
    ]
    moved = moved_factors(data)
    if not moved:
        return "\n".join([*out, '<p class="muted">No agreed factor level changed.</p>'])
    cells = [
        [
            named(m.name, m.dimension),
            page.chip(m.before),
            page.chip(m.after),
            f"<strong{FALL if m.delta < 0 else ''}>{signed(m.delta)}</strong>",
        ]
        for m in moved
    ]
    out.append(
        page.table(
            f"Factors whose agreed level changed since {t(before)}",
            ["Factor", t(before), t(after), "Change"],
            cells,
            numeric=(3,),
            visible_caption=False,
        )
    )
    return "\n".join(out)
