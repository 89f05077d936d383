"""The engagement as an Excel workbook (XlsxWriter): About, Scores in long form, Actions, the
round comparison and native radar charts per round that stay editable in Excel.

No cell is ever a formula: every text is written with write_string and the workbook is opened
with strings_to_formulas, strings_to_urls and strings_to_numbers off, so a note that reads
"=HYPERLINK(…)" arrives as those characters. Chart titles and series names point at cells, so
a round label is never read as a reference either.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
import xlsxwriter.exceptions

from ... import __version__
from ..agreement import empty_agreed
from ..applicability import label as not_applicable_label
from ..applicability import marks
from ..branding import BrandingProfile, profile_from_engagement
from ..charts.series import LOOKS, NA_SUFFIX, OUT_OF_SCOPE
from ..context import context_lines, regime_sentence
from ..framework import MUTUALITY, Factor
from ..report.basis import (
    NOT_REACHED,
    OUTSIDE,
    is_assessed,
    round_factors,
    round_when,
    scope_sentence,
)
from ..report.data import ReportData, RoundData
from ..report.rows import (
    OUTSIDE_TEXT,
    ComparisonLine,
    DimensionLine,
    action_lines,
    comparison_lines,
    dimension_rows,
    safe_index,
)
from ..report.text import rounded
from ..scoring import dimension_scores, levels_of
from .common import (
    category_name,
    chart_factors,
    chart_style,
    check_cancel,
    clean,
    one_line,
    write_atomically,
)

MAX_CELL = 32_767  # Excel's limit on the characters of one cell
SCORE_HEADER = ("Round", "Round date", "Dimension", "Factor number", "Factor",
                "Client level", "Client level name", "Provider level", "Provider level name",
                "Agreed level", "Agreed level name", "Gap (client minus provider)", "Confidence",
                "Agreed notes", "Client notes", "Provider notes")
SCORE_WIDTHS = (14, 12, 18, 8, 34, 8, 14, 8, 14, 8, 14, 10, 11, 60, 50, 50)
ACTION_HEADER = ("Number", "Dimension", "Factor", "Action", "Owner", "Side", "Due", "Status",
                 "Overdue", "Round raised")
ACTION_WIDTHS = (8, 18, 34, 70, 22, 14, 12, 13, 9, 14)


class _Book:
    def __init__(self, workbook: Any, primary: str, scale: tuple[int, int]) -> None:
        self.wb = workbook
        self.scale = scale
        self.head = workbook.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": primary,
                                         "text_wrap": True, "valign": "top", "border": 0})
        self.text = workbook.add_format({"valign": "top"})
        self.wrap = workbook.add_format({"valign": "top", "text_wrap": True})
        self.date = workbook.add_format({"valign": "top", "num_format": "d mmm yyyy", "align": "left"})
        self.number = workbook.add_format({"valign": "top", "num_format": "0"})
        self.money = workbook.add_format({"valign": "top", "num_format": "£#,##0", "align": "left"})
        self.left_number = workbook.add_format({"valign": "top", "num_format": "0", "align": "left"})
        self.label = workbook.add_format({"bold": True, "valign": "top"})
        self.mean = workbook.add_format({"num_format": "0.0"})
        self.signed = workbook.add_format({"num_format": "+0.0;-0.0;0.0"})
        self.whole = workbook.add_format({"num_format": "0"})
        self.signed_whole = workbook.add_format({"num_format": "+0;-0;0"})
        self.right = workbook.add_format({"align": "right"})
        self.bold = workbook.add_format({"bold": True})
        self.title = workbook.add_format({"bold": True, "font_size": 14, "font_color": primary})

    def string(self, sheet: Any, row: int, col: int, value: object, fmt: Any = None) -> None:
        text = clean(value)
        if len(text) > MAX_CELL:
            text = text[:MAX_CELL - 1] + "…"
        sheet.write_string(row, col, text, fmt or self.text)

    def value(self, sheet: Any, row: int, col: int, value: object, fmt: Any = None) -> None:
        """A number, a date, a blank for None, or literal text; never a formula."""
        if value is None or value == "":
            sheet.write_blank(row, col, None, fmt or self.text)
        elif isinstance(value, bool):
            self.string(sheet, row, col, "Yes" if value else "No", fmt)
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), fmt or self.date)
        elif isinstance(value, (int, float)):
            sheet.write_number(row, col, value, fmt or self.number)
        else:
            self.string(sheet, row, col, value, fmt)

    def table_sheet(self, name: str, header: Sequence[str], rows: Sequence[Sequence[object]],
                    widths: Sequence[int], wrap: Sequence[int] = ()) -> Any:
        """A data sheet: bold header, frozen below it, filters on every column, set widths."""
        sheet = self.wb.add_worksheet(name)
        for c, title in enumerate(header):
            self.string(sheet, 0, c, title, self.head)
            sheet.set_column(c, c, widths[c], self.wrap if c in wrap else None)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                fmt = self.wrap if c in wrap and not isinstance(value, (int, float, dt.date)) else None
                self.value(sheet, r, c, value, fmt)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(header) - 1)
        _printable(sheet)
        sheet.repeat_rows(0)
        return sheet


def _printable(sheet: Any) -> None:
    """Printed (or converted to PDF) one page wide, in landscape."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)


def _level(rnd: RoundData, factor_id: str, perspective: str) -> int | None:
    s = rnd.scores.get((factor_id, perspective))
    return None if s is None else s.level


NOT_APPLICABLE_NAME = "Not applicable"


def score_rows(data: ReportData) -> list[list[object]]:
    """The factors of every round in the workbook, in workshop order: as the report and the CSV,
    those of the round's dimensions (its scope and any dimension scored beyond it) less the factors
    left out of it (unless scored all the same)."""
    fw, scale = data.framework, data.framework.scale
    rows: list[list[object]] = []
    for rnd in data.rounds:
        for dim in fw.workshop_order():
            if dim.id not in rnd.scope and not is_assessed(fw, rnd.scores, dim.id):
                continue  # not part of the round
            for factor in round_factors(fw, rnd, dim.id):
                levels = [_level(rnd, factor.id, p) for p in ("client", "provider", "agreed")]
                names = [scale.name_of(lv) if lv is not None else scale.not_assessed_label for lv in levels]
                names[2] = empty_agreed(scale, rnd.scores, factor.id) or names[2]  # "Not agreed" (guide 2.1)
                if (reason := marks(rnd.scores).get(factor.id)) is not None:
                    # the room's decision, in the agreed level's name; the sides' own levels from before
                    # the mark (already left out of the scores here) are not applicable either
                    names = [NOT_APPLICABLE_NAME, NOT_APPLICABLE_NAME, not_applicable_label(reason)]
                agreed = rnd.scores.get((factor.id, "agreed"))
                gap = None if levels[0] is None or levels[1] is None else levels[0] - levels[1]
                notes = [(s.notes if (s := rnd.scores.get((factor.id, p))) is not None else "")
                         for p in ("agreed", "client", "provider")]
                rows.append([rnd.label, rnd.round.date, dim.name, factor.number, factor.name,
                             levels[0], names[0], levels[1], names[1], levels[2], names[2], gap,
                             (agreed.confidence or "") if agreed is not None else "", *notes])
    return rows


def action_table(data: ReportData) -> list[list[object]]:
    """The action plan in the report's order and numbering, due dates as dates."""
    labels = {r.round.id: r.label for r in data.rounds}
    by_number = {line.number: line for line in action_lines(data)}
    order = {f.id: i for i, f in enumerate(f for d in data.framework.workshop_order() for f in d.factors)}
    actions = sorted(data.actions, key=lambda a: (order.get(a.factor_id, len(order)), a.position, a.id))
    names = {d.id: d.name for d in data.framework.dimensions}
    rows: list[list[object]] = []
    for n, action in enumerate(actions, start=1):
        line = by_number[n]
        fw = data.framework
        dim = names[fw.factor(action.factor_id).dimension_id] if fw.has_factor(action.factor_id) else ""
        rows.append([n, dim, line.factor, action.text, action.owner, action.side.capitalize(),
                     action.due_date, action.status.capitalize(), "Yes" if line.overdue else "",
                     labels.get(action.round_id, "") if action.round_id is not None else ""])
    return rows


def comparison_table(data: ReportData) -> tuple[list[str], list[list[object]]]:
    """Agreed dimension means and the mutuality index in every round, each on the factors agreed in
    that round; then, with an earlier round, the report's like-for-like comparison of the last two
    (report/rows.comparison_lines): the factors compared, both rounds' means on those factors and
    the change. Play-through 12: the change was the difference of each round's own means (Mutuality
    0.0) where the report said +0.2 like for like, and the two read as contradicting each other."""
    header = ["Dimension", *[r.label for r in data.rounds]]
    compared = comparison_lines(data)
    if data.previous is not None:
        before, after = data.previous.label, data.current.label
        header += [f"Factors compared, {before} to {after}", f"{before}, like for like",
                   f"{after}, like for like", f"Change since {before}, like for like"]
    per_round = [{d.dimension_id: d.mean for d in dimension_scores(data.framework, levels_of(r.scores))}
                 for r in data.rounds]
    # a dimension without a mean in a round says why, in the report's words ("Not part of this round")
    status = [{d.id: line.status_text for d, line in zip(data.framework.workshop_order(),
                                                          dimension_rows(data.framework, r.scores, r), strict=True)}
              for r in data.rounds]
    rows: list[list[object]] = []
    for i, dim in enumerate(data.framework.workshop_order()):
        values = [m[dim.id] for m in per_round]
        shown = [v if v is not None else (said[dim.id] or None) for v, said in zip(values, status, strict=True)]
        rows.append([dim.name, *shown, *_like_for_like(compared, i)])
    index = [safe_index(data.framework, r.scores).value for r in data.rounds]
    rows.append(["Mutuality index (0–100)", *[None if v is None else rounded(v, 1) for v in index],
                 *_like_for_like(compared, len(rows))])
    return header, rows


def _like_for_like(lines: Sequence[ComparisonLine], i: int) -> list[object]:
    """A row's like-for-like cells, rounded as the report prints them (a mean to 0.1, the index
    to a whole number), so the change is what a reader subtracts ([] with one round)."""
    if not lines:
        return []
    if i >= len(lines):  # the index row of a framework without Mutuality: no index to compare
        return [None, None, None, None]
    line = lines[i]

    def value(v: float | None) -> float | None:
        return None if v is None else rounded(v, line.decimals)

    return [line.compared, value(line.before), value(line.after), line.change]


def comparison_note(data: ReportData) -> str:
    """Under the Rounds table: what each kind of column counts ('' with one round)."""
    if data.previous is None:
        return ""
    before, after = data.previous.label, data.current.label
    return (f"Each round's own column is the mean of the factors agreed in that round. The like-for-like "
            f"columns and the change count only the factors with an agreed level in both {before} and "
            f"{after} and marked not applicable in neither, as the report's round-over-round comparison "
            f"does; so the change need not equal the difference of the rounds' own columns.")


def _about(book: _Book, data: ReportData, source: Path | None) -> None:
    sheet = book.wb.add_worksheet("About")
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, ABOUT_WIDTH)
    _printable(sheet)
    info, fw = data.info, data.framework
    book.string(sheet, 0, 0, info.title, book.title)
    # Setup's workshop date and venue are the first round's (core/report/basis.round_when): with
    # more rounds than one in the workbook, say so rather than let it read as the whole workbook's
    date_label, venue_label = "Workshop date", "Workshop venue"
    if len(data.rounds) > 1:
        first = one_line(data.rounds[0].label)
        date_label, venue_label = f"{first} workshop date", f"{first} workshop venue"
    lines: list[tuple[str, object]] = [
        ("Client", info.client_organisation), ("Provider", info.provider_organisation),
        ("Contract", " · ".join(x for x in (info.contract_name, info.contract_reference) if x)),
        ("Contract value (£ a year)", info.contract_annual_value),
        ("Facilitator", info.facilitator), (date_label, info.workshop_date),
        (venue_label, info.workshop_venue), *context_lines(info),
        *([("What the regime means", regime_sentence(info))] if regime_sentence(info) else []),
        ("Engagement ID", info.uuid),
        ("Rounds in this workbook", len(data.rounds)),
    ]
    lines += [(f"Round {i}: {one_line(r.label)}", round_when(data, r)[0] or "no date")
              for i, r in enumerate(data.rounds, 1)]
    # what the round covers, in the report's own words (its executive summary's sentence)
    lines.append((f"{one_line(data.current.label)}: coverage", scope_sentence(fw, data.current)))
    lines += [("Framework", f"{fw.title} (id {fw.id}, version {fw.version})"),
              ("Scale", ", ".join(f"{lv.value} {lv.name}" for lv in fw.scale.levels)),
              ("Made by", f"Mutuality Desktop {__version__}"), ("Made on", data.generated)]
    if source is not None:
        lines += [("Engagement file", source.name), ("Engagement file SHA-256", _sha256(source))]
    lines.append(("Note", "Every cell holds a value typed in the workshop or worked out from it; "
                          "none is a formula. Levels left empty were not assessed."))
    for r, (label, value) in enumerate(lines, start=2):
        book.string(sheet, r, 0, label, book.label)  # at the top of its row, beside a wrapped value
        money = label == "Contract value (£ a year)" and isinstance(value, int)
        fmt = (book.money if money else book.wrap if isinstance(value, str)
               else book.left_number if isinstance(value, int) else None)
        book.value(sheet, r, 1, value, fmt)
        if isinstance(value, str) and (height := _wrapped_height(value, ABOUT_WIDTH)):
            sheet.set_row(r, height)  # LibreOffice does not grow a wrapped row by itself: it would overlap


ABOUT_WIDTH = 70  # characters across the About sheet's value column


def _wrapped_height(text: str, width: int) -> float | None:
    """The height in points a wrapped cell needs (None for one line): about 15 points a line,
    counting each line of the text at the column's width in characters."""
    per_line = max(1, int(width * 1.1))  # text runs a little narrower than the width's digits
    lines = sum(max(1, -(-len(part) // per_line)) for part in clean(text).split("\n"))
    return None if lines <= 1 else 15.0 * lines


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


ROUND_WIDTH = 24  # characters across a round's column on the Rounds sheet: "Not part of this round"


def _comparison(book: _Book, data: ReportData) -> None:
    header, rows = comparison_table(data)
    sheet = book.wb.add_worksheet("Rounds")
    widths = [26 if c == 0 else ROUND_WIDTH for c in range(len(header))]
    for c, title in enumerate(header):
        book.string(sheet, 0, c, title, book.head)
        sheet.set_column(c, c, widths[c])
    heads = [h for c, title in enumerate(header) if (h := _wrapped_height(title, widths[c])) is not None]
    if heads:  # "Change since Follow-up, like for like" on two lines: LibreOffice would cut it
        sheet.set_row(0, max(heads))
    own = len(data.rounds) + 1  # after the rounds' own columns: the like-for-like ones, if any
    for r, row in enumerate(rows, start=1):
        index_row = r == len(rows)  # the mutuality index: like for like in whole numbers, as the report
        for c, value in enumerate(row):
            if c == 0:
                fmt = None
            elif c < own:
                fmt = book.wrap if isinstance(value, str) else book.mean
            elif c == own:
                fmt = book.right  # "6 of 15"
            elif c == len(row) - 1:
                fmt = book.signed_whole if index_row else book.signed
            else:
                fmt = book.whole if index_row else book.mean
            book.value(sheet, r, c, value, fmt)
        said = [_wrapped_height(v, ROUND_WIDTH) for v in row[1:own] if isinstance(v, str)]
        if height := max((h for h in said if h is not None), default=None):
            sheet.set_row(r, height)  # as on the About sheet: LibreOffice would not grow the row
    if note := comparison_note(data):
        r = len(rows) + 2
        last = min(3, len(header) - 1)
        sheet.merge_range(r, 0, r, last, "", book.wrap)
        book.string(sheet, r, 0, note, book.wrap)
        if height := _wrapped_height(note, sum(widths[:last + 1])):
            sheet.set_row(r, height)
    sheet.freeze_panes(1, 1)
    _printable(sheet)


# The dimension radar: wide enough, with its circle in the middle half, for "Effectiveness (not
# in this round)" beside it in full (LibreOffice does not shrink the circle for its labels; play-
# through 8 read "Efficiency (not ye"); the mutuality radar starts a column clear of it, at the
# sheet's default column width of 64 pixels (it overlapped the dimension radar's right-hand side).
STATUS_COLUMN = 4  # Chart data's "In this round" column, after the three levels of a factor
STATUS_WIDTH = 50


def _status(book: _Book, sheet: Any, row: int, text: str) -> None:
    """Chart data's "In this round" cell: wrapped, its row as tall as the text (a long reason)."""
    book.string(sheet, row, STATUS_COLUMN, text, book.wrap)
    if height := _wrapped_height(text, STATUS_WIDTH):
        sheet.set_row(row, height)

DIMENSION_SCALE = 1.4  # of XlsxWriter's 480 by 288 pixel chart
DIMENSION_PLOT = {"x": 0.25, "y": 0.2, "width": 0.5, "height": 0.6}
MUTUALITY_COLUMN = -(-int(480 * DIMENSION_SCALE) // 64)
CHART_ROWS = 24  # a round's charts, 1.55 times 288 pixels high, and the gap below them


def _charts(book: _Book, data: ReportData, branding: BrandingProfile) -> None:
    """Per round, the six-dimension radar and the mutuality radar, on their data in Chart data."""
    style = chart_style(branding)
    charts = book.wb.add_worksheet("Charts")
    source = book.wb.add_worksheet("Chart data")
    fw = data.framework
    dims = list(fw.dimensions)
    has_mutuality = any(d.id == MUTUALITY for d in dims)
    book.string(charts, 0, 0, "Radar charts per round (native Excel charts: right-click to edit; "
                              "their numbers are on the Chart data sheet)", book.bold)
    source.set_column(0, 0, 48)  # "Relationship management strategy (not yet scored)"
    source.set_column(1, 3, 9)
    source.set_column(STATUS_COLUMN, STATUS_COLUMN, STATUS_WIDTH)
    _printable(source)
    _printable(charts)
    # printed to a column past the mutuality radar's right edge (LibreOffice cut its frame off
    # where the chart ended on a column's boundary)
    charts.print_area(0, 0, 2 + len(data.rounds) * CHART_ROWS, MUTUALITY_COLUMN + -(-int(480 * 1.6) // 64) + 1)
    row = 0
    for k, rnd in enumerate(data.rounds):
        book.string(source, row, 0, f"{rnd.label}: agreed mean per dimension", book.bold)
        book.string(source, row, 1, "Agreed", book.bold)
        book.string(source, row, STATUS_COLUMN, "In this round", book.bold)
        lines = dict(zip((d.id for d in fw.workshop_order()), dimension_rows(fw, rnd.scores, rnd), strict=True))
        for i, dim in enumerate(dims, start=row + 1):
            line = lines[dim.id]
            # the chart's category says why a spoke has no point in the radar's own words; the
            # status beside it in the report's ("Not part of this round"), as in its summary table
            book.string(source, i, 0, dimension_category(dim.name, line.status, line.mean))
            book.value(source, i, 1, line.mean, book.mean)
            _status(book, source, i, line.status_text or line.agreed_text)
        first, last = row + 1, row + len(dims)
        chart = _radar(book, [("agreed", [source.name, row, 1], [source.name, first, 1, last, 1])],
                       [source.name, first, 0, last, 0], [source.name, row, 0], style, DIMENSION_PLOT)
        said = "; ".join(f"{one_line(d.name)} {_dimension_said(lines[d.id])}" for d in dims)
        charts.insert_chart(2 + k * CHART_ROWS, 0, chart, {"x_scale": DIMENSION_SCALE, "y_scale": 1.55, "description": (
            f"Radar chart of the agreed mean level of each value-for-money dimension, {one_line(rnd.label)}. "
            f"{said}.")})
        row = last + 2
        # a spoke per factor of the round, as the deck's: none for one left out or not applicable
        mutuality = chart_factors(data, rnd, MUTUALITY) if has_mutuality else ()
        if mutuality:
            book.string(source, row, 0, f"{rnd.label}: mutuality factors", book.bold)
            for c, head in enumerate(("Client", "Provider", "Agreed"), start=1):
                book.string(source, row, c, head, book.bold)
            for i, factor in enumerate(mutuality, start=row + 1):
                levels = [_level(rnd, factor.id, p) for p in ("client", "provider", "agreed")]
                book.string(source, i, 0, category_name(factor.name, [None if v is None else float(v)
                                                                      for v in levels]))
                for c, p in enumerate(("client", "provider", "agreed"), start=1):
                    book.value(source, i, c, _level(rnd, factor.id, p))
            first, last = row + 1, row + len(mutuality)
            series = [(p, [source.name, row, c], [source.name, first, c, last, c])
                      for c, p in enumerate(("client", "provider", "agreed"), start=1)]
            chart = _radar(book, series, [source.name, first, 0, last, 0], [source.name, row, 0], style)
            charts.insert_chart(2 + k * CHART_ROWS, MUTUALITY_COLUMN, chart, {"x_scale": 1.6, "y_scale": 1.55,
                                                       "description": _factor_alt(data, rnd, mutuality)})
            # below the chart's range, the factors it has no spoke for and why, as the report says it
            for i, (factor, why) in enumerate(_not_drawn(data, rnd, mutuality), start=last + 1):
                book.string(source, i, 0, one_line(factor.name))
                _status(book, source, i, why)
                last = i
            row = last + 2


def dimension_category(name: str, status: str, mean: float | None) -> str:
    """A dimension's spoke on the workbook's radar: its name, and for one without a point why, in
    the report's radar's words: "(not in this round)" for a dimension outside the round's scope,
    "(not yet scored)" for one in it that nothing was agreed for yet."""
    if status == OUTSIDE:
        return f"{one_line(name)} ({OUT_OF_SCOPE})"
    if status == NOT_REACHED or mean is None:
        return one_line(name) + NA_SUFFIX
    return one_line(name)


def _dimension_said(line: DimensionLine) -> str:
    if line.mean is not None:
        return f"{line.mean:.1f}"
    return line.status_text.lower() or "not assessed"


def _not_drawn(data: ReportData, rnd: RoundData, drawn: Sequence[Factor]) -> list[tuple[Factor, str]]:
    """The mutuality factors without a spoke on the workbook's radar, in the framework's order, each
    with the report's words: "Not part of this round" (left out of it, core/report/rows.OUTSIDE_TEXT)
    or "Not applicable: <the room's reason>"."""
    na = marks(rnd.scores)
    kept = {f.id for f in round_factors(data.framework, rnd, MUTUALITY)}
    ids = {f.id for f in drawn}
    return [(f, not_applicable_label(na[f.id]) if f.id in na else OUTSIDE_TEXT)
            for f in data.framework.dimension(MUTUALITY).factors
            if f.id not in ids and (f.id in na or f.id not in kept)]


def _factor_alt(data: ReportData, rnd: RoundData, drawn: Sequence[Factor]) -> str:
    """The mutuality radar in words: its spokes (the factors of the round, less any marked not
    applicable) and each one's three levels, and the factors it does not draw."""
    def said(factor_id: str, perspective: str) -> str:
        level = _level(rnd, factor_id, perspective)
        return "not assessed" if level is None else str(level)

    values = " ".join(f"{one_line(f.name)}: client {said(f.id, 'client')}, provider {said(f.id, 'provider')}, "
                      f"agreed {said(f.id, 'agreed')}." for f in drawn)
    text = (f"Radar chart of {len(drawn)} mutuality factor{'' if len(drawn) == 1 else 's'}: the client's, "
            f"the provider's and the agreed level of each, {one_line(rnd.label)}. {values}")
    na = marks(rnd.scores)
    kept = {f.id for f in round_factors(data.framework, rnd, MUTUALITY)}
    ids = {f.id for f in drawn}
    gone = [f"{one_line(f.name)}, {'not applicable' if f.id in na else 'not in this round'}"
            for f in data.framework.dimension(MUTUALITY).factors
            if f.id not in ids and (f.id in na or f.id not in kept)]
    if gone:
        text += f" Not drawn: {'; '.join(gone)}."
    return text


def _radar(book: _Book, series: list[tuple[str, list[object], list[object]]], categories: list[object],
           title: list[object], style: Any, plot: dict[str, float] | None = None) -> Any:
    chart = book.wb.add_chart({"type": "radar", "subtype": "marker"})
    for perspective, name, values in series:
        colour, look = getattr(style, perspective), LOOKS[perspective]  # as on screen and in the PDF
        chart.add_series({"name": name, "categories": categories, "values": values,
                          "line": {"color": colour, "width": 2.25 if perspective == "agreed" else 1.5,
                                   "dash_type": look.office_dash},
                          "marker": {"type": look.office_marker, "size": 6,
                                     "fill": {"color": colour}, "border": {"color": colour}}})
    chart.set_title({"name": title, "name_font": {"size": 11}})
    chart.set_y_axis({"min": book.scale[0], "max": book.scale[1], "major_unit": 1})
    chart.set_legend({"position": "bottom"})
    if plot is not None:  # the circle's place in the chart, leaving its labels room on either side
        chart.set_plotarea({"layout": plot})
    chart.show_blanks_as("gap")
    return chart


def write_xlsx(data: ReportData, out: Path, branding: BrandingProfile | None = None,
               source: Path | None = None, cancel: threading.Event | None = None) -> list[str]:
    """Write the workbook; return warnings (a damaged stored branding)."""
    warnings: list[str] = []
    if branding is None:
        branding, warnings = profile_from_engagement(data.branding_json)

    def write(path: Path) -> None:
        workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                                   "strings_to_numbers": False})
        workbook.set_properties({"title": one_line(data.info.title), "subject": "Value for money and "
                                 "mutuality assessment", "author": one_line(branding.consultancy_name),
                                 "comments": f"Mutuality Desktop {__version__}"})
        book = _Book(workbook, branding.primary_colour,
                     (data.framework.scale.minimum, data.framework.scale.maximum))
        _about(book, data, source)
        book.table_sheet("Scores", SCORE_HEADER, score_rows(data), SCORE_WIDTHS, wrap=(13, 14, 15))
        book.table_sheet("Actions", ACTION_HEADER, action_table(data), ACTION_WIDTHS, wrap=(3,))
        _comparison(book, data)
        check_cancel(cancel)
        _charts(book, data, branding)
        try:
            workbook.close()
        except xlsxwriter.exceptions.FileCreateError as exc:
            raise OSError(str(exc)) from exc

    write_atomically(out, "workbook", write, cancel)
    return warnings


def write_xlsx_file(path: Path, out: Path, round_label: str | None = None) -> list[str]:
    """Open an engagement file read-only and write its workbook (every round, unless round_label
    names the last round to include)."""
    from ..engagement import Engagement
    from ..report.data import collect_report_data

    with Engagement.open(Path(path), readonly=True) as engagement:
        round_id = engagement.round_by_label(round_label).id if round_label else None
        data = collect_report_data(engagement, round_id)
    return write_xlsx(data, out, None, Path(path))
