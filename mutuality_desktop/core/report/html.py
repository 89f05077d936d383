"""The accessible HTML edition of the report: one self-contained file, the PDF's content.

Built from the same ReportData, rows and wording as the PDF. Inline CSS (a print stylesheet too),
charts as inline SVG with <title> and <desc> and a table of the chart's numbers beside each,
semantic headings and landmarks, tables with captions and scoped header cells, a skip link, and
a layout that reflows on a phone. No script, no external resource.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from ..branding import BrandingProfile, profile_from_engagement
from ..engagement import Engagement
from ..errors import MutualityError
from ..files import write_atomically
from ..framework import Scale
from .data import ReportData, ReportOptions, collect_report_data
from .document import LANG
from .html_style import stylesheet
from .styles import MUTED, RULE, Styles, make_styles
from .text import level_label

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class HtmlReportError(MutualityError):
    """The HTML edition could not be written."""


def clean(text: object) -> str:
    """User text as the reader typed it, without control characters HTML cannot carry."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", "" if text is None else str(text)))


def t(text: object) -> str:
    """User text as inert HTML: every <, > and & shown literally."""
    return html.escape(clean(text))


def one_line(text: object) -> str:
    return t(" ".join(clean(text).split()))


def paragraphs(text: str, css: str = "") -> str:
    """A note as paragraphs, one per line of the note."""
    attr = f' class="{css}"' if css else ""
    return "".join(
        f"<p{attr}>{t(line)}</p>"
        for line in clean(text).replace("\r", "\n").split("\n")
        if line.strip()
    )


def slug(text: str, taken: set[str]) -> str:
    """A unique id from a heading: letters, digits and hyphens."""
    base = re.sub(r"[^a-z0-9]+", "-", clean(text).lower()).strip("-") or "section"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def chip(styles: Styles, scale: Scale, level: int | None, empty: str | None = None) -> str:
    """A level chip as on paper: the number and name, coloured by the level (empty: "Not agreed")."""
    text = t(level_label(scale, level, empty))
    if level is None:
        style = f"background:#fff;color:{MUTED};border-color:{RULE}"
        return f'<span class="chip" style="{style}">{text}</span>'
    fill, ink = styles.chip(level, scale.minimum, scale.maximum)
    return f'<span class="chip" style="background:{fill};color:{ink}">{text}</span>'


class Page:
    """Collects the sections' HTML and gives each heading a unique id."""

    def __init__(self, styles: Styles, scale: Scale) -> None:
        self.styles, self.scale = styles, scale
        self.ids: set[str] = set()
        self.tables = 0

    def chip(self, level: int | None, empty: str | None = None) -> str:
        return chip(self.styles, self.scale, level, empty)

    def table(
        self,
        caption: str,
        header: Sequence[str] | None,
        rows: Sequence[Sequence[str]],
        *,
        numeric: Sequence[int] = (),
        row_headers: bool = True,
        visible_caption: bool = True,
        groups: Sequence[tuple[int, str]] = (),
    ) -> str:
        """A data table: caption, column headers with scope, the first cell of each row a row
        header. Cells are HTML already. groups are (row index, HTML) group headings placed before
        that row, spanning the table."""
        self.tables += 1
        ident = f"table-{self.tables}"
        cap_class = "" if visible_caption else ' class="visually-hidden"'
        out = [
            f'<div class="table-wrap" role="region" aria-labelledby="{ident}" tabindex="0">',
            f'<table><caption id="{ident}"{cap_class}>{caption}</caption>',
        ]
        if header:
            heads = "".join(
                f'<th scope="col"{_num_class(i, numeric)}>{h}</th>' for i, h in enumerate(header)
            )
            out.append(f"<thead><tr>{heads}</tr></thead>")
        out.append("<tbody>")
        starts = dict(groups)
        width = len(header) if header else max((len(r) for r in rows), default=1)
        for r, row in enumerate(rows):
            if r in starts:
                out.append(
                    f'<tr class="group"><th colspan="{width}" scope="rowgroup">'
                    f"{starts[r]}</th></tr>"
                )
            cells: list[str] = []
            for i, cell in enumerate(row):
                if i == 0 and row_headers:
                    cells.append(f'<th scope="row"{_num_class(i, numeric)}>{cell}</th>')
                else:
                    cells.append(f"<td{_num_class(i, numeric)}>{cell}</td>")
            out.append(f"<tr>{''.join(cells)}</tr>")
        out.append("</tbody></table></div>")
        return "".join(out)


def _num_class(i: int, numeric: Sequence[int]) -> str:
    return ' class="num"' if i in numeric else ""


def render(data: ReportData, branding: BrandingProfile) -> str:
    """The whole HTML document."""
    from .html_sections import sections

    styles = make_styles(branding)
    page = Page(styles, data.framework.scale)
    cover, nav, main = sections(data, page, branding)
    title = t(f"{data.info.title}: {data.current.label}")
    return (
        f'<!DOCTYPE html>\n<html lang="{LANG}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="Mutuality Desktop">\n'
        f"<title>{title}</title>\n<style>{stylesheet(styles)}</style>\n</head>\n<body>\n"
        f'<a class="skip-link" href="#main">Skip to the report</a>\n'
        f'{cover}\n{nav}\n<main id="main" tabindex="-1">\n{main}\n</main>\n'
        f'<footer class="page-footer"><p>{t(branding.footer_text)}</p></footer>\n'
        "</body>\n</html>\n"
    )


def build_html(data: ReportData, out: Path, branding: BrandingProfile | None = None) -> list[str]:
    """Write the HTML edition to out; return warnings (a damaged stored branding)."""
    warnings: list[str] = []
    if branding is None:
        branding, warnings = profile_from_engagement(data.branding_json)
    text = render(data, branding)
    out = Path(out)
    try:
        write_atomically(out, lambda temp: temp.write_text(text, encoding="utf-8"))
    except OSError as exc:
        raise HtmlReportError(
            f"The report could not be written to {out}: {exc.strerror or exc}."
        ) from exc
    return warnings


def build_html_file(path: Path, out: Path, round_label: str | None = None,
                    options: ReportOptions | None = None) -> list[str]:
    """Open an engagement file read-only and write its HTML edition."""
    with Engagement.open(Path(path), readonly=True) as engagement:
        round_id = engagement.round_by_label(round_label).id if round_label else None
        data = collect_report_data(engagement, round_id, options)
    return build_html(data, out)
