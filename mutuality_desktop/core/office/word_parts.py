"""Building blocks of the Word report: headings, tables, bullets, pictures with alt text, the
contents with its page-number fields. All user text is set as literal run text (never fields or
markup)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .common import clean, one_line, word_fitted_widths
from .house_template import TABLE_STYLE, add_field, has_style

MUTED = RGBColor.from_string("5D6873")
BOOKMARK_PREFIX = "_TocMutuality"  # a leading underscore: hidden in Word's list of bookmarks, as its own
BOOKMARK_ID = 90_000  # above the ids a house template's own bookmarks use
RULE = "C9D1D9"


class WordWriter:
    """The document being written and the few choices the template makes for it."""

    def __init__(self, doc: Any, primary: str) -> None:
        self.doc = doc
        self.primary = primary.lstrip("#").upper()
        self.own_table_style = has_style(doc, TABLE_STYLE)
        self.bullets = has_style(doc, "List Bullet")
        section = doc.sections[-1]
        self.width_cm = (section.page_width - section.left_margin - section.right_margin) / 360000
        self._marks: dict[str, list[str]] = {}  # a contents entry's text -> bookmarks still to place
        self._placed: set[str] = set()
        self._entries: list[tuple[Any, str]] = []
        self._bookmark_id = BOOKMARK_ID

    def heading(self, text: str, level: int, new_page: bool = False) -> Any:
        paragraph = self.doc.add_paragraph(style=f"Heading {level}")
        paragraph.add_run(one_line(text))
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        if level == 1:
            self.mark(paragraph, text)
        return paragraph

    def contents_title(self, text: str, new_page: bool) -> Any:
        """The contents page's title: "TOC Heading" where the template has it (Word leaves that
        style out of the contents it builds), else Heading 1's look without its outline level."""
        if has_style(self.doc, "TOC Heading"):
            paragraph = self.doc.add_paragraph(style="TOC Heading")
            paragraph.add_run(one_line(text))
        else:
            paragraph = self.para(text, bold=True, size=20)
            paragraph.runs[0].font.color.rgb = RGBColor.from_string(self.primary)
        paragraph.paragraph_format.page_break_before = new_page or None
        return paragraph

    def para(self, text: str = "", style: str | None = None, muted: bool = False, bold: bool = False,
             size: float | None = None) -> Any:
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(clean(text))
            run.bold = bold or None
            if muted:
                run.font.color.rgb = MUTED
            if size:
                run.font.size = Pt(size)
        return paragraph

    def kicker(self, text: str, new_page: bool = False) -> Any:
        """The small capitals line over a section heading; a new section's starts its page."""
        paragraph = self.para(one_line(text).upper(), muted=True, bold=True, size=8)
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.page_break_before = new_page or None
        return paragraph

    def box(self, label: str, text: str) -> Any:
        """A light shaded paragraph with a thin border: "Label." in bold, then the text."""
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(one_line(label) + " ").bold = True
        paragraph.add_run(clean(text))
        for run in paragraph.runs:
            run.font.size = Pt(9)
        ppr = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        for edge in ("top", "left", "bottom", "right"):
            line = OxmlElement(f"w:{edge}")
            for key, value in (("val", "single"), ("sz", "4"), ("space", "4"), ("color", RULE)):
                line.set(qn(f"w:{key}"), value)
            borders.append(line)
        shade = OxmlElement("w:shd")
        for key, value in (("val", "clear"), ("color", "auto"), ("fill", "F3F5F7")):
            shade.set(qn(f"w:{key}"), value)
        # pPr's children are a strict sequence: pBdr and shd come before spacing, indentation, jc
        later = {qn(f"w:{name}") for name in ("tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
                                              "overflowPunct", "topLinePunct", "autoSpaceDE",
                                              "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
                                              "spacing", "ind", "contextualSpacing", "mirrorIndents",
                                              "suppressOverlap", "jc", "textDirection", "textAlignment",
                                              "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
                                              "rPr", "sectPr", "pPrChange")}
        successor = next((child for child in ppr.iterchildren() if child.tag in later), None)
        for node in (borders, shade):
            if successor is not None:
                successor.addprevious(node)
            else:
                ppr.append(node)
        paragraph.paragraph_format.space_before = Pt(8)
        paragraph.paragraph_format.space_after = Pt(10)
        return paragraph

    def bullet(self, text: str) -> Any:
        if self.bullets:
            return self.para(text, style="List Bullet")
        paragraph = self.para("•\t" + clean(text))
        paragraph.paragraph_format.left_indent = Cm(0.6)
        paragraph.paragraph_format.first_line_indent = Cm(-0.6)
        return paragraph

    def labelled(self, label: str, text: str) -> Any:
        """"Label: text" with the label in bold, as the report prints a level's meaning."""
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(one_line(label) + ": ").bold = True
        paragraph.add_run(clean(text))
        return paragraph

    def table(self, header: Sequence[str] | None, rows: Sequence[Sequence[object]],
              widths: Sequence[float], right: Sequence[int] = (), spanned: Sequence[int] = ()) -> Any:
        """A real Word table: header row repeated on each page, columns widths in cm (widened where
        a word would not fit its column). `spanned`: the table rows (counting the header) that
        band() will span across the table, whose text does not count against the first column."""
        count = len(rows) + (1 if header else 0)
        first = 1 if header else 0
        measured = [row for r, row in enumerate(rows, start=first) if r not in spanned]
        # the report table style's 9 pt; a cell's default margins, 0.19 cm each side, and a little room
        widths = word_fitted_widths(header, measured, widths, 9, 2 * 0.19 + 0.15, per_inch=2.54)
        table = self.doc.add_table(rows=count, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        if self.own_table_style:
            table.style = self.doc.styles[TABLE_STYLE]
        else:
            _rules(table)
        _look(table, header is not None)
        for c, width in enumerate(widths):  # the grid is what Word and LibreOffice lay out from
            table.columns[c].width = Cm(width)
        all_rows = ([list(header)] if header else []) + [list(r) for r in rows]
        for r, values in enumerate(all_rows):
            cells = table.rows[r].cells
            for c, value in enumerate(values):
                cell = cells[c]
                cell.width = Cm(widths[c])
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_after = Pt(0)
                if c in right:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                for i, line in enumerate(clean(value).split("\n")):
                    if i:
                        paragraph = cell.add_paragraph()
                        paragraph.paragraph_format.space_after = Pt(0)
                    paragraph.add_run(line)
        if header:
            _repeat_header(table.rows[0])
            if not self.own_table_style:
                for cell in table.rows[0].cells:
                    _shade(cell, self.primary)
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
                        run.font.color.rgb = RGBColor.from_string("FFFFFF")
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)
        return table

    def band(self, table: Any, row: int, fill: str = "E8EDF2") -> None:
        """Span a row across the table and shade it (a group heading inside a table)."""
        cells = table.rows[row].cells
        merged = cells[0].merge(cells[-1])
        text = merged.text.strip()
        for paragraph in merged.paragraphs[1:]:
            paragraph._p.getparent().remove(paragraph._p)
        merged.paragraphs[0].text = ""
        merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
        merged.paragraphs[0].add_run(text).bold = True
        _shade(merged, fill)

    def picture(self, png: bytes, width_cm: float, alt: str, name: str, caption: str) -> Any:
        """A chart picture with its alt text (docPr@descr, which python-docx does not set) and a
        caption under it."""
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", clean(alt))
        doc_pr.set("title", clean(name))
        doc_pr.set("name", clean(name))
        if caption:
            self.para(caption, style="Caption")
        return shape

    def contents(self, entries: Sequence[str]) -> None:
        """The contents: a line per section, each a link to its heading with the heading's page
        number as a PAGEREF field to a bookmark on it. LibreOffice works a PAGEREF out as it lays
        the pages (it shows a TOC field's stored text as it is, and python-docx cannot know the
        pages: play-through 8 saw a contents page without numbers); Word updates them when it
        opens the file (settings' updateFields) or prints it. Until then the number is empty,
        never a guess."""
        leader = self.width_cm
        for n, entry in enumerate(entries, start=1):
            name = f"{BOOKMARK_PREFIX}{n:02d}"
            self._marks.setdefault(one_line(entry), []).append(name)
            paragraph = self.doc.add_paragraph(style="TOC 1" if has_style(self.doc, "TOC 1") else None)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(leader), WD_TAB_ALIGNMENT.RIGHT,
                                                              WD_TAB_LEADER.DOTS)
            paragraph.paragraph_format.space_after = Pt(4)
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), name)
            link.set(qn("w:history"), "1")
            paragraph._p.append(link)
            link.append(_run(text=one_line(entry)))
            link.append(_run(tab=True))
            for part in (_char("begin", dirty=True), _instruction(f" PAGEREF {name} \\h "), _char("separate"),
                         None, _char("end")):
                link.append(_run(text="") if part is None else _run(part))
            self._entries.append((paragraph, name))

    def mark(self, paragraph: Any, text: str) -> None:
        """Put a contents entry's bookmark on its heading (a Heading 1 the contents lists)."""
        waiting = self._marks.get(one_line(text))
        if not waiting:
            return
        name = waiting.pop(0)
        self._placed.add(name)
        self._bookmark_id += 1
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(self._bookmark_id))
        start.set(qn("w:name"), name)
        end.set(qn("w:id"), str(self._bookmark_id))
        paragraph._p.insert(paragraph._p.index(paragraph.runs[0]._r) if paragraph.runs else len(paragraph._p),
                            start)
        paragraph._p.append(end)

    def finish_contents(self) -> None:
        """A contents line whose heading was never written keeps its text without a link or a
        page number (Word would print "Error! Bookmark not defined.")."""
        for paragraph, name in self._entries:
            if name in self._placed:
                continue
            link = paragraph._p.find(qn("w:hyperlink"))
            text = "".join(t.text or "" for t in link.iter(qn("w:t")))
            paragraph._p.remove(link)
            paragraph.add_run(text)
        self._marks.clear()

    def field(self, paragraph: Any, instruction: str, shown: str) -> None:
        add_field(paragraph, instruction, shown)


def _char(kind: str, dirty: bool = False) -> Any:
    node = OxmlElement("w:fldChar")
    node.set(qn("w:fldCharType"), kind)
    if dirty:  # Word refreshes the field when it opens the file
        node.set(qn("w:dirty"), "true")
    return node


def _instruction(code: str) -> Any:
    node = OxmlElement("w:instrText")
    node.set(qn("xml:space"), "preserve")
    node.text = code
    return node


def _run(part: Any = None, text: str | None = None, tab: bool = False) -> Any:
    """A bare w:r holding a field part, a tab or literal text (inside a hyperlink, which python-docx
    does not build runs in)."""
    run = OxmlElement("w:r")
    if part is not None:
        run.append(part)
    if tab:
        run.append(OxmlElement("w:tab"))
    if text is not None:
        node = OxmlElement("w:t")
        node.set(qn("xml:space"), "preserve")
        node.text = clean(text)
        run.append(node)
    return run


def _look(table: Any, header: bool) -> None:
    """Say whether the first row is a header, so a table style's header look lands only there."""
    tblpr = table._tbl.tblPr
    look = tblpr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        tblpr.append(look)
    look.set(qn("w:val"), "0420" if header else "0400")
    for key, value in (("firstRow", header), ("lastRow", False), ("firstColumn", False),
                       ("lastColumn", False), ("noHBand", False), ("noVBand", True)):
        look.set(qn(f"w:{key}"), "1" if value else "0")


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    node = OxmlElement("w:tblHeader")
    node.set(qn("w:val"), "true")
    trpr.append(node)


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:color"), "auto")
    shade.set(qn("w:fill"), fill)
    tcpr.append(shade)


def _rules(table: Any) -> None:
    """Thin horizontal rules, for a template without the "Report Table" style."""
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "bottom", "insideH"):
        line = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", RULE)):
            line.set(qn(f"w:{key}"), value)
        borders.append(line)
    later = {qn(f"w:{name}") for name in ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption",
                                          "tblDescription")}
    successor = next((child for child in tblpr.iterchildren() if child.tag in later), None)
    if successor is not None:  # tblPr's children are a strict sequence Word checks
        successor.addprevious(borders)
    else:
        tblpr.append(borders)
