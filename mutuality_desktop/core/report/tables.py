"""Tables with light rules and zebra rows, and the level chip used in them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..framework import Scale
from .fonts import BOLD, REGULAR
from .styles import INK, MUTED, RULE, ZEBRA, Styles, colour, luminance
from .tagging import TableTags
from .text import fit_line, inline, level_label, printable

Cell = Any  # a Paragraph, a Flowable or a plain string


class Chip(Flowable):  # type: ignore[misc]
    """A rounded level chip, "3 · Established": darker fill for higher levels, number always printed."""

    pdf_role = "P"

    def __init__(self, text: str, fill: str, ink: str, size: float = 7.5, width: float | None = None,
                 outline: str | None = None) -> None:
        super().__init__()
        self.text, self.fill, self.ink, self.size, self.outline = text, fill, ink, size, outline
        natural = stringWidth(text, BOLD, size) + 2 * size
        self.width = max(natural, width or 0)
        self.height = size * 1.9

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return min(self.width, max(avail_width, 1)), self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(colour(self.fill))
        stroke = self.outline is not None
        if stroke:
            c.setStrokeColor(colour(self.outline or RULE))
            c.setLineWidth(0.6)
        c.roundRect(0, 0, self.width, self.height, self.height / 2.6, stroke=int(stroke), fill=1)
        c.setFillColor(colour(self.ink))
        c.setFont(BOLD, self.size)
        c.drawCentredString(self.width / 2, self.height / 2 - self.size * 0.36, self.text)
        c.restoreState()


class SectionRule(Flowable):  # type: ignore[misc]
    """A thin rule over a block, left out at the top of a page (under the header's own rule)."""

    pdf_role = "Artifact"

    def __init__(self, color: Any, thickness: float = 0.4, space_before: float = 10,
                 space_after: float = 2) -> None:
        super().__init__()
        self.color, self.thickness = color, thickness
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self._skip = False

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        frame = getattr(self, "_frame", None)
        self._skip = bool(frame is not None and getattr(frame, "_atTop", False))
        self.width = avail_width
        return avail_width, 0 if self._skip else self.thickness

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return 0 if self._skip else float(self.spaceAfter)

    def draw(self) -> None:
        if self._skip:
            return
        c = self.canv
        c.saveState()
        c.setStrokeColor(self.color)
        c.setLineWidth(self.thickness)
        c.line(0, self.thickness / 2, self.width, self.thickness / 2)
        c.restoreState()


class LevelStrip(Flowable):  # type: ignore[misc]
    """Small-caps labels over level chips in columns, then a few short facts: drawn directly."""

    pdf_role = "P"

    def __init__(self, chips: Sequence[tuple[str, Chip]], notes: Sequence[str], column: float) -> None:
        super().__init__()
        self.chips, self.notes, self.column = list(chips), [printable(n) for n in notes], column
        self.height = max(32.0, 11.0 * len(self.notes) + 4)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        c = self.canv
        top = self.height - 8
        for i, (label, chip) in enumerate(self.chips):
            x = i * self.column
            c.setFont(BOLD, 7.5)
            c.setFillColor(colour(MUTED))
            c.drawString(x, top, label)
            chip.canv = c
            chip.drawOn(c, x, top - 21)
        x = len(self.chips) * self.column
        c.setFont(REGULAR, 8)
        c.setFillColor(colour(INK))
        for n, note in enumerate(self.notes):
            c.drawString(x, top - n * 11, fit_line(note, REGULAR, 8, self.width - x))


def level_chip(styles: Styles, scale: Scale, level: int | None, width: float | None = 78,
               empty: str | None = None) -> Chip:
    """A chip for a level; not assessed (or empty, e.g. "Not agreed") is an outlined white chip in grey."""
    text = printable(level_label(scale, level, empty))
    if level is None:
        return Chip(text, "#FFFFFF", MUTED, width=width, outline=RULE)
    fill, ink = styles.chip(level, scale.minimum, scale.maximum)
    return Chip(text, fill, ink, width=width, outline=RULE if luminance(fill) > 0.8 else None)


HEAD_PADDING = 10.0  # a cell's left and right padding (base_commands)


def head_cells(styles: Styles, labels: Sequence[str], right: Sequence[int] = (),
               widths: Sequence[float] | None = None) -> list[Cell]:
    """Header labels: those that fit their column on one line as plain strings (cheap), the rest as
    wrapping paragraphs. A plain string never wraps: measured against its column, not counted in
    characters ("SECOND FOLLOW-UP", 16 characters, ran over "FOLLOW-UP" beside it, play-through 12)."""
    cells: list[Cell] = []
    for i, label in enumerate(labels):
        text = " ".join(printable(label).split()).upper()
        room = widths[i] - HEAD_PADDING if widths is not None and i < len(widths) else None
        fits = (stringWidth(text, styles.head.fontName, styles.head.fontSize) <= room if room is not None
                else len(text) <= 16)
        if fits:
            cells.append(text)
            continue
        style = styles.head.clone("head_right", alignment=2) if i in right else styles.head
        cells.append(Paragraph(inline(label).upper(), style))
    return cells


def plain_style(commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A table style whose cells default to DejaVu Sans (reportlab's default is Helvetica)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8.5), *commands])


def base_commands(rows: int, primary: str, zebra: bool = True, header: bool = True) -> list[tuple[Any, ...]]:
    """Light-rule table style: a primary-coloured rule under the header, hairlines between rows."""
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), colour(INK)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
    ]
    first = 1 if header else 0
    if header:
        commands += [("FONT", (0, 0), (-1, 0), BOLD, 7.5), ("TEXTCOLOR", (0, 0), (-1, 0), colour(MUTED)),
                     ("LINEBELOW", (0, 0), (-1, 0), 0.9, colour(primary)),
                     ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                     ("BOTTOMPADDING", (0, 0), (-1, 0), 5)]
    if rows > first:
        commands.append(("LINEBELOW", (0, first), (-1, -1), 0.3, colour(RULE)))
    if zebra:
        for r in range(first + 1, rows, 2):
            commands.append(("BACKGROUND", (0, r), (-1, r), colour(ZEBRA)))
    return commands


def data_table(styles: Styles, header: Sequence[str] | None, rows: Sequence[Sequence[Cell]],
               widths: Sequence[float], *, right: Sequence[int] = (), zebra: bool = True,
               extra: Sequence[tuple[Any, ...]] = (), split_in_row: bool = False) -> Table:
    """A table that repeats its header on every page it spans."""
    data: list[list[Cell]] = []
    if header is not None:
        data.append(head_cells(styles, header, right, widths))
    data += [list(r) for r in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1 if header is not None else 0,
                  splitByRow=1, splitInRow=1 if split_in_row else 0, hAlign="LEFT",
                  renderCB=TableTags())
    commands = base_commands(len(data), styles.primary, zebra, header is not None)
    commands += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in right]
    table.setStyle(TableStyle(commands + list(extra)))
    return table


def para(text: str, style: Any) -> Paragraph:
    """A paragraph of already-escaped markup."""
    return Paragraph(text, style)


def side_by_side(left: Sequence[Flowable] | Flowable, right: Sequence[Flowable] | Flowable,
                 widths: tuple[float, float], gap: float = 14, valign: str = "TOP") -> Table:
    """Two columns of flowables next to each other (no rules)."""
    table = Table([[left, "", right]], colWidths=[widths[0], gap, widths[1]], hAlign="LEFT")
    table.setStyle(plain_style([
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table
