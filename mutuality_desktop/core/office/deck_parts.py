"""Building blocks of the board deck: branded slides, text boxes, tables and native radar charts
(python-pptx), with every piece of user text set literally."""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt
from xlsxwriter import Workbook

from ..agreement import NOT_AGREED
from ..charts.series import LOOKS, NA_SUFFIX
from ..charts.style import ChartStyle
from .common import clean, logo_size, one_line, word_fitted_widths

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
MARGIN = Inches(0.6)
CATEGORY_PT = 12  # a native radar's category names (factor or dimension names), in points
# A radar of 14 or more spokes has its circle set, 3.7 in across, near the top of its frame, and not
# left to the program drawing it: LibreOffice shrank it to make room for the names, and the names
# low on either side then ran into each other (play-through 7, 15).
FIXED_SPOKES, PLOT_SIDE, PLOT_TOP = 14, Inches(3.7), 0.14
AGREED_MARKER = 13  # the agreed series' marker size in points; the two sides' are 7
MUTED = "5D6873"
INK = "222222"
ZEBRA = "F2F4F7"
# Each series' dash and marker as on screen and in the PDF (one definition: charts.series.LOOKS).
DASHES = {kind: getattr(MSO_LINE_DASH_STYLE, look.office_dash.upper()) for kind, look in LOOKS.items()}
MARKERS = {kind: getattr(XL_MARKER_STYLE, look.office_marker.upper()) for kind, look in LOOKS.items()}


def rgb(colour: str) -> Any:
    parse: Any = RGBColor.from_string
    return parse(colour.lstrip("#").upper())


class _SafeWriter(CategoryWorkbookWriter):
    """The chart's embedded workbook ("Edit data" in PowerPoint) with every name written as text:
    python-pptx's own writer would turn a round label such as "=SUM(…)" into a formula."""

    @contextmanager
    def _open_worksheet(self, xlsx_file: Any) -> Iterator[tuple[Any, Any]]:
        workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class SafeChartData(CategoryChartData):
    @property
    def _workbook_writer(self) -> _SafeWriter:
        writer: Any = _SafeWriter
        return writer(self)  # type: ignore[no-any-return]


class Deck:
    """The presentation and the brand it is dressed in."""

    def __init__(self, presentation: Any, primary: str, accent: str, footer: str,
                 logo: bytes | None, style: ChartStyle) -> None:
        self.prs = presentation
        _widen(presentation)
        _theme_colours(presentation, {"accent1": primary, "accent2": accent, "dk2": primary})
        self.primary, self.accent = primary, accent
        self.footer = footer
        self.logo = logo
        self.logo_alt = "Logo"
        self.style = style
        self.blank = presentation.slide_layouts[6]

    def slide(self, title: str, kicker: str = "") -> Any:
        """A content slide: brand bar, kicker, title, logo top right, footer and slide number."""
        slide = self.prs.slides.add_slide(self.blank)
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, Inches(0.12))
        _fill(bar, self.primary)
        if kicker:
            self.text(slide, kicker.upper(), MARGIN, Inches(0.35), Inches(9.5), Inches(0.3), 11,
                      colour=self.accent, bold=True)
        self.text(slide, title, MARGIN, Inches(0.6), Inches(10.6), Inches(0.8), 28, colour=self.primary,
                  bold=True)
        if self.logo is not None:
            self.picture(slide, self.logo, WIDTH - MARGIN - Inches(1.6), Inches(0.4), Inches(1.6), Inches(0.7))
        number = len(self.prs.slides)
        self.text(slide, self.footer, MARGIN, HEIGHT - Inches(0.45), Inches(10), Inches(0.3), 9, colour=MUTED)
        self.text(slide, str(number), WIDTH - MARGIN - Inches(1), HEIGHT - Inches(0.45), Inches(1),
                  Inches(0.3), 9, colour=MUTED, align=PP_ALIGN.RIGHT)
        return slide

    def text(self, slide: Any, text: str, x: int, y: int, w: int, h: int, size: float,
             colour: str = INK, bold: bool = False, align: Any = None) -> Any:
        box = slide.shapes.add_textbox(x, y, w, h)
        frame = box.text_frame
        frame.word_wrap = True
        frame.margin_left = frame.margin_right = 0
        paragraph = frame.paragraphs[0]
        if align is not None:
            paragraph.alignment = align
        _run(paragraph, clean(text), size, colour, bold)
        return box

    def bullets(self, slide: Any, items: Sequence[str], x: int, y: int, w: int, h: int,
                size: float = 16) -> Any:
        """Bullet points in a box, in the largest type down to BULLETS_FLOOR points that keeps them
        inside it (a long list ran over the footer and off the slide: play-through s12); any that
        still do not fit are left to the report, and the last line says so."""
        items = [one_line(item) for item in items]
        size, items = _fitted_bullets(items, w / 914400 - 0.2, h / 914400, size)
        box = slide.shapes.add_textbox(x, y, w, h)
        frame = box.text_frame
        frame.word_wrap = True
        for i, item in enumerate(items):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.space_after = Pt(10)
            _run(paragraph, "•  ", size, self.accent, True)
            _run(paragraph, one_line(item), size, INK, False)
        return box

    def tile(self, slide: Any, x: int, y: int, w: int, h: int, value: str, unit: str, label: str,
             first: bool) -> None:
        box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y, w, h)
        _fill(box, ZEBRA)
        rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y, w, Inches(0.08))
        _fill(rule, self.accent if first else self.primary)
        frame = box.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = Inches(0.2)
        frame.margin_top = Inches(0.25)
        first_line = frame.paragraphs[0]
        _run(first_line, value, 40, self.primary, True)
        if unit:
            _run(first_line, f"  {unit}", 16, MUTED, False)
        _run(frame.add_paragraph(), one_line(label), 14, INK, False)

    def table(self, slide: Any, header: Sequence[str], rows: Sequence[Sequence[str]], x: int, y: int,
              widths: Sequence[float], size: float = 12) -> Any:
        """A native table: brand-coloured header, light bands, widths in inches (widened where a
        word would not fit its column, see word_fitted_widths)."""
        widths = word_fitted_widths(header, rows, widths, size, 2 * 0.08 + 0.06)
        height = Inches(0.4) * (len(rows) + 1)
        shape = slide.shapes.add_table(len(rows) + 1, len(widths), x, y, Inches(sum(widths)), height)
        table = shape.table
        for c, width in enumerate(widths):
            table.columns[c].width = Inches(width)
        for r, values in enumerate([list(header), *[list(row) for row in rows]]):
            for c, value in enumerate(values):
                cell = table.cell(r, c)
                cell.margin_left = cell.margin_right = Inches(0.08)
                cell.margin_top = cell.margin_bottom = Inches(0.04)
                frame = cell.text_frame
                frame.word_wrap = True
                frame.paragraphs[0].text = ""
                _run(frame.paragraphs[0], one_line(value), size, "FFFFFF" if r == 0 else INK, r == 0)
                cell.fill.solid()
                cell.fill.fore_color.rgb = rgb(self.primary if r == 0 else ("FFFFFF" if r % 2 else ZEBRA))
        return shape

    def radar(self, slide: Any, categories: Sequence[str], series: Sequence[tuple[str, str, list[float | None]]],
              x: int, y: int, w: int, h: int, alt: str, scale: tuple[int, int]) -> Any:
        """A native radar chart (editable in PowerPoint), one series per (kind, name, values),
        drawn in the app's colours, dashes and markers (readable in greyscale), the two sides'
        thinner lines over the agreed one; its alt text states the values."""
        data: Any = SafeChartData()  # type: ignore[no-untyped-call]
        n = len(categories)  # spoke i points at 2*pi*i/n clockwise from the top
        data.categories = [category_lines(c, _wrap_width(2 * math.pi * i / n, n)) for i, c in enumerate(categories)]
        for _, name, values in series:
            data.add_series(one_line(name), values, number_format="0.0")
        frame = slide.shapes.add_chart(XL_CHART_TYPE.RADAR_MARKERS, x, y, w, h, data)
        frame._element.nvGraphicFramePr.cNvPr.set("descr", clean(alt))
        chart = frame.chart
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(13)
        chart.font.size = Pt(CATEGORY_PT)  # the factor names round the chart: readable across a room
        if n >= FIXED_SPOKES:
            _fix_plot(chart, w, h)
        axis = chart.value_axis
        axis.minimum_scale, axis.maximum_scale, axis.major_unit = scale[0], scale[1], 1
        axis.tick_labels.font.size = Pt(11)
        for plotted, (kind, _, _) in zip(chart.plots[0].series, series, strict=True):
            colour = rgb(getattr(self.style, kind))
            plotted.format.line.color.rgb = colour
            plotted.format.line.width = Pt(2.75 if kind == "agreed" else 1.75)
            plotted.format.line.dash_style = DASHES[kind]
            plotted.smooth = False
            plotted.marker.style = MARKERS[kind]
            # the agreed marker is drawn under the two sides' (series order) and larger, so it rings
            # a client or provider marker at the same level instead of hiding beneath it
            plotted.marker.size = AGREED_MARKER if kind == "agreed" else 7
            plotted.marker.format.fill.solid()
            plotted.marker.format.fill.fore_color.rgb = colour
            plotted.marker.format.line.color.rgb = colour
        return frame

    def picture(self, slide: Any, data: bytes, x: int, y: int, w: int, h: int) -> Any:
        """A picture fitted inside a box (keeping its shape), right-aligned in it."""
        pw, ph = logo_size(data)
        scale = min(w / pw, h / ph)
        width, height = int(pw * scale), int(ph * scale)
        picture = slide.shapes.add_picture(io.BytesIO(data), Emu(x + w - width), Emu(y), width, height)
        picture._element.nvPicPr.cNvPr.set("descr", self.logo_alt)
        return picture


def _fix_plot(chart: Any, w: int, h: int) -> None:
    """Set the circle's square (the plot's inner area) in the chart frame: PLOT_SIDE across,
    centred, PLOT_TOP of the frame's height from its top. PowerPoint and LibreOffice both keep it."""
    from pptx.oxml import parse_xml

    plot = chart._chartSpace.chart.plotArea
    for old in plot.findall(qn("c:layout")):
        plot.remove(old)
    wide, high = PLOT_SIDE / w, PLOT_SIDE / h
    plot.insert(0, parse_xml(
        f'<c:layout xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:manualLayout>'
        f'<c:layoutTarget val="inner"/><c:xMode val="edge"/><c:yMode val="edge"/>'
        f'<c:x val="{(1 - wide) / 2:.4f}"/><c:y val="{PLOT_TOP:.4f}"/><c:w val="{wide:.4f}"/>'
        f'<c:h val="{high:.4f}"/></c:manualLayout></c:layout>'))


def _wrap_width(theta: float, spokes: int = 15) -> int:
    """Characters a line for a spoke's name. With many spokes, those at the top stand
    side by side, so their names go on short lines, as does one straight down between two others
    (play-through 4: the names at the top ran into each other); else wider for a lone spoke straight up or down (nothing beside it, so two lines
    leave the circle more height), and 22. Round a circle of fixed size (FIXED_SPOKES or more), the
    two names either side of straight down are short lines too, and a name out to the side is one
    line, its state under it: fewer lines stacked low on either side, where the spokes' ends are
    closest in height (play-through 7: "(not yet scored)" touched the name below)."""
    if spokes >= FIXED_SPOKES:
        if math.cos(theta) > 0.75 or math.cos(theta) < -0.9:
            return 15
        return 40 if abs(math.sin(theta)) > 0.45 else 22
    if spokes > 8 and (math.cos(theta) > 0.75 or math.cos(theta) < -0.99):  # the top, straight down
        return 15
    if spokes > 8 and -0.95 < math.cos(theta) < -0.7:
        # low on either side, above the two names beside straight down: one line, so their second
        # line does not run into those names (play-through 7: they overlapped in LibreOffice)
        return 40
    return 26 if abs(math.sin(theta)) < 0.15 else 22


def category_lines(name: str, width: int = 22) -> str:
    """A native radar's category on two or three short lines (a line break in its cell, which
    PowerPoint and LibreOffice keep), so long factor names leave the circle room to be large; a
    state in brackets ("(not yet scored)", "(not agreed)") on a line of its own."""
    text, state = one_line(name), ""
    for said in (NA_SUFFIX, f" ({NOT_AGREED.lower()})"):
        if text.endswith(said):
            text, state = text.removesuffix(said), said.strip()
    lines = textwrap.wrap(text, width) or [text]
    return "\n".join(lines + ([state] if state else []))


def _widen(presentation: Any) -> None:
    """Make the deck 16:9 and stretch the master's and layouts' placeholders with it, so a slide
    the consultant adds in PowerPoint has its title and text where a 16:9 slide wants them."""
    ratio = WIDTH / presentation.slide_width
    presentation.slide_width, presentation.slide_height = WIDTH, HEIGHT
    for part in (presentation.slide_master, *presentation.slide_layouts):
        for shape in part.shapes:
            if shape.left is not None and shape.width is not None:
                shape.left, shape.width = Emu(int(shape.left * ratio)), Emu(int(shape.width * ratio))


def _theme_colours(presentation: Any, colours: dict[str, str]) -> None:
    """Put the brand's colours in the theme, so a chart or shape the consultant adds matches."""
    from pptx.opc.constants import RELATIONSHIP_TYPE

    theme = presentation.slide_master.part.part_related_by(RELATIONSHIP_TYPE.THEME)
    xml = theme.blob.decode("utf-8")
    for slot, colour in colours.items():
        value = colour.lstrip("#").upper()
        xml = re.sub(rf"<a:{slot}>.*?</a:{slot}>", f'<a:{slot}><a:srgbClr val="{value}"/></a:{slot}>',
                     xml, count=1, flags=re.S)
    theme._blob = xml.encode("utf-8")


BULLETS_FLOOR = 11  # points: the smallest type a bullet list shrinks to, readable across a room
MORE_IN_REPORT = "More in the report."


def _lines(text: str, width_pt: float, size: float) -> int:
    """How many lines text takes wrapped at width_pt, measured in DejaVu Sans (wider than Calibri)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from ..report.fonts import REGULAR, register_fonts

    register_fonts()
    lines, line = 1, 0.0
    space = stringWidth(" ", REGULAR, size)
    for word in text.split():
        width = stringWidth(word, REGULAR, size)
        if line and line + space + width > width_pt:
            lines, line = lines + 1, width
        else:
            line += (space if line else 0.0) + width
    return lines


def _fitted_bullets(items: list[str], width_in: float, height_in: float, size: float) -> tuple[float, list[str]]:
    """The type size and the items that fit a box width_in x height_in (inches)."""
    def height(chosen: list[str], points: float) -> float:  # in points: lines at 1.2 and 10 pt after each
        return sum(_lines("•  " + item, width_in * 72, points) * points * 1.2 + 10 for item in chosen)

    points = size
    while points > BULLETS_FLOOR and height(items, points) > height_in * 72:
        points -= 1
    kept = list(items)
    while len(kept) > 1 and height(kept, points) > height_in * 72:
        kept = kept[:-2] + [MORE_IN_REPORT] if kept[-1] == MORE_IN_REPORT else kept[:-1] + [MORE_IN_REPORT]
    return points, kept


def _run(paragraph: Any, text: str, size: float, colour: str, bold: bool) -> Any:
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = rgb(colour)
    return run


def _fill(shape: Any, colour: str) -> None:
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(colour)
    shape.line.fill.background()
    shape.shadow.inherit = False
