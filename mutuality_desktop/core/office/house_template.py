"""The consultancy's house template (.docx or .dotx) as the master of the Word report.

The template gives the styles (Title, Heading 1–3, Normal, Caption, List Bullet and, if it
defines one, the table style "Report Table"), the page set-up, headers and footers. Its body text
is replaced by the report, except that a paragraph reading {{report}} marks where the report
goes: what comes before it (the firm's own cover) and after it is kept, and the app's own cover
is left out. {{title}}, {{client}}, {{provider}}, {{round}}, {{date}}, {{consultancy}} and
{{footer}} are filled in anywhere in the template, headers and footers included.

The default template shipped in resources/templates/ is built by build_default_template().
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..resources import resource_path
from .common import OfficeError, clean

MARKER = "{{report}}"
PLACEHOLDERS = ("title", "client", "provider", "round", "date", "consultancy", "footer")
TABLE_STYLE = "Report Table"
MAX_TEMPLATE_BYTES = 30_000_000
_FIELD = re.compile(r"\{\{\s*(" + "|".join(PLACEHOLDERS) + r")\s*\}\}")
_DOTX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# (style, size in points, bold, colour or None for the brand colour, space before, after)
HEADINGS = {"Title": (28, True, None, 0, 6), "Subtitle": (14, False, "5D6873", 0, 12),
            "Heading 1": (20, True, None, 0, 8), "Heading 2": (14, True, None, 14, 4),
            "Heading 3": (11.5, True, "222222", 10, 3)}


def default_template_path() -> Path:
    return resource_path("templates", "house-template.docx")


def open_template(path: Path | None) -> Any:
    """Open the house template (the shipped default when path is None) as a python-docx Document."""
    source = Path(path) if path is not None else default_template_path()
    name = source.name
    try:
        if source.stat().st_size > MAX_TEMPLATE_BYTES:
            raise OfficeError(f"The house template {name} is larger than 30 MB; choose a smaller one.")
        raw = source.read_bytes()
    except OSError as exc:
        raise OfficeError(f"The house template {name} could not be read: {exc.strerror or exc}.") from exc
    try:
        return Document(io.BytesIO(_as_document(raw)))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise OfficeError(f"The house template {name} is not a Word document (.docx or .dotx).") from exc
    except Exception as exc:  # noqa: BLE001 - lxml and zip errors of a damaged file, all told alike
        raise OfficeError(f"The house template {name} is damaged and could not be read.") from exc


def _as_document(raw: bytes) -> bytes:
    """A .dotx is a .docx with another content type: present it as a document."""
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        if _DOTX not in source.read("[Content_Types].xml"):
            return raw
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    data = data.replace(_DOTX, _DOCX)
                dest.writestr(item, data)
    return out.getvalue()


def ensure_styles(doc: Any, primary: str) -> None:
    """Add the styles the report uses that the template lacks (a Word file often defines
    Heading 1 only once it is used), in the brand colour; the template's own are left alone."""
    names = {s.name for s in doc.styles}
    for name, (size, bold, colour, before, after) in HEADINGS.items():
        if name in names:
            continue
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.next_paragraph_style = doc.styles["Normal"]
        _format(style, size, bold, colour or primary, before, after)
        if name.startswith("Heading"):
            level = int(name[-1]) - 1
            ppr = style.element.get_or_add_pPr()
            outline = OxmlElement("w:outlineLvl")
            outline.set(qn("w:val"), str(level))
            ppr.append(outline)
            style.paragraph_format.keep_with_next = True
    if "Caption" not in names:
        style = doc.styles.add_style("Caption", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        _format(style, 8.5, False, "5D6873", 2, 10)
        style.font.italic = True


def _format(style: Any, size: float, bold: bool, colour: str, before: float, after: float) -> None:
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
    style.paragraph_format.space_before = Pt(before)
    style.paragraph_format.space_after = Pt(after)


def has_style(doc: Any, name: str) -> bool:
    return any(s.name == name for s in doc.styles)


def fill_placeholders(doc: Any, values: Mapping[str, str]) -> None:
    """Replace {{title}} and the other placeholders in the body, headers and footers."""
    def fill(text: str) -> str:
        return _FIELD.sub(lambda m: clean(values.get(m.group(1), "")), text)

    for paragraph in _all_paragraphs(doc):
        for run in paragraph.runs:  # the usual case: a placeholder inside one run
            if "{{" in run.text and _FIELD.search(run.text):
                run.text = fill(run.text)
        runs = [r for r in paragraph.runs if _plain(r)]
        text = "".join(run.text for run in runs)
        if runs and "{{" in text and _FIELD.search(text):
            runs[0].text = fill(text)  # one Word split across runs takes the first run's look
            for run in runs[1:]:
                run.text = ""


def _plain(run: Any) -> bool:
    """A run holding only text (not a field code, picture or break a placeholder must not eat)."""
    allowed = (qn("w:t"), qn("w:rPr"), qn("w:tab"), qn("w:lastRenderedPageBreak"))
    return all(child.tag in allowed for child in run._r)


def _all_paragraphs(doc: Any) -> list[Any]:
    parts = [doc]
    for section in doc.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer, section.even_page_header, section.even_page_footer):
            if not part.is_linked_to_previous:
                parts.append(part)
    paragraphs: list[Any] = []
    for part in parts:
        paragraphs += part.paragraphs
        for table in part.tables:
            for row in table.rows:
                for cell in row.cells:
                    paragraphs += cell.paragraphs
    return paragraphs


def clear_body(doc: Any) -> tuple[bool, list[Any]]:
    """Empty the template's body for the report; return whether the app's cover is wanted and the
    template's content after the {{report}} marker (to put back after the report)."""
    body = doc.element.body
    children = [c for c in body.iterchildren() if c.tag != qn("w:sectPr")]
    marker = next((c for c in children if c.tag == qn("w:p")
                   and "".join(t.text or "" for t in c.iter(qn("w:t"))).strip() == MARKER), None)
    if marker is None:
        for child in children:
            body.remove(child)
        return True, []
    tail = children[children.index(marker) + 1:]
    for child in [marker, *tail]:
        body.remove(child)
    return False, tail


def restore_tail(doc: Any, tail: list[Any]) -> None:
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    for child in tail:
        if sect is not None:
            sect.addprevious(child)
        else:
            body.append(child)


def add_field(paragraph: Any, instruction: str, shown: str = "") -> None:
    """A Word field (PAGE, TOC …) with the text shown until Word updates it; one run per part,
    as Word writes it (LibreOffice reads fields only in that shape)."""
    paragraph.add_run()._r.append(_field_char("begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(_field_char("separate"))
    paragraph.add_run(shown)
    paragraph.add_run()._r.append(_field_char("end"))


def _field_char(kind: str) -> Any:
    node = OxmlElement("w:fldChar")
    node.set(qn("w:fldCharType"), kind)
    return node


# What may follow w:updateFields in settings.xml (its schema is a strict sequence).
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                        "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                        "decimalSymbol", "listSeparator")
_MATH_PR = "{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"


def update_fields_on_open(doc: Any) -> None:
    """Ask Word to refresh the contents and page numbers when the file is opened."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    node = OxmlElement("w:updateFields")
    node.set(qn("w:val"), "true")
    later = {qn(f"w:{name}") for name in _AFTER_UPDATE_FIELDS} | {_MATH_PR}
    successor = next((child for child in settings.iterchildren() if child.tag in later), None)
    if successor is not None:
        successor.addprevious(node)
    else:
        settings.append(node)


def build_default_template(out: Path, primary: str = "#1F3A5F") -> None:
    """Write the neutral house template shipped with the app: A4, Arial, brand-coloured headings,
    a running header with the engagement and round, a footer with the page number, no header on
    the cover, and the table style "Report Table"."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(5)
    normal.paragraph_format.line_spacing = 1.12
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), "Arial")
    for name, (size, bold, colour, before, after) in HEADINGS.items():
        style = doc.styles[name]
        _format(style, size, bold, colour or primary, before, after)
        style.font.name = "Arial"
        style.font.italic = False
        if name == "Title":
            pbdr = style.element.get_or_add_pPr().find(qn("w:pBdr"))
            if pbdr is not None:
                pbdr.getparent().remove(pbdr)
    caption = doc.styles["Caption"]
    _format(caption, 8.5, False, "5D6873", 2, 10)
    caption.font.italic = True
    _add_table_style(doc, primary)
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    section.different_first_page_header_footer = True
    head = section.header.paragraphs[0]
    head.text = "{{title}} · {{round}} assessment"
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in head.runs:
        run.font.size, run.font.color.rgb = Pt(8), RGBColor.from_string("5D6873")
    foot = section.footer.paragraphs[0]
    foot.paragraph_format.tab_stops.add_tab_stop(Cm(17.0), WD_TAB_ALIGNMENT.RIGHT)
    foot.add_run("{{footer}}\t")
    foot.add_run("Page ")
    add_field(foot, "PAGE", "1")
    for run in foot.runs:
        run.font.size, run.font.color.rgb = Pt(8), RGBColor.from_string("5D6873")
    doc.core_properties.title = "Value for money and mutuality assessment"
    doc.core_properties.author = "Mutuality Desktop"
    doc.save(str(out))


def _add_table_style(doc: Any, primary: str) -> None:
    """Thin rules between rows, a brand-coloured header row that repeats on every page."""
    style = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    style.font.size = Pt(9)
    style.paragraph_format.space_after = Pt(0)
    colour = primary.lstrip("#").upper()
    tblpr = style.element.find(qn("w:tblPr"))
    if tblpr is None:
        tblpr = OxmlElement("w:tblPr")
        style.element.append(tblpr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "bottom", "insideH"):
        line = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "C9D1D9")):
            line.set(qn(f"w:{key}"), value)
        borders.append(line)
    tblpr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", "40"), ("left", "80"), ("bottom", "40"), ("right", "80")):
        node = OxmlElement(f"w:{edge}")
        node.set(qn("w:w"), width)
        node.set(qn("w:type"), "dxa")
        margins.append(node)
    tblpr.append(margins)
    first = OxmlElement("w:tblStylePr")
    first.set(qn("w:type"), "firstRow")
    rpr = OxmlElement("w:rPr")
    for tag, attrs in (("w:b", {}), ("w:color", {"w:val": "FFFFFF"})):
        node = OxmlElement(tag)
        for key, value in attrs.items():
            node.set(qn(key), value)
        rpr.append(node)
    tcpr = OxmlElement("w:tcPr")
    shade = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", colour)):
        shade.set(qn(key), value)
    tcpr.append(shade)
    first.append(rpr)
    first.append(tcpr)
    style.element.append(first)
