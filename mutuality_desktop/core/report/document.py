"""The page layout: cover and body templates, branded header and footer, "Page x of y", outline."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from ..errors import ValidationError
from .fonts import BOLD, REGULAR
from .graphics import LoadedLogo
from .styles import MUTED, RULE, Styles, colour
from .tagging import Tagger
from .text import fit_line as _fit

PAGE_SIZES = {"a4": A4, "letter": LETTER}
LANG = "en-GB"
MARGIN_X = 22 * mm
MARGIN_TOP = 27 * mm
MARGIN_BOTTOM = 22 * mm
BAND_TOP = 46 * mm  # distance of the cover's colour band from the top edge
BAND_SHARE = 0.35  # the band's height as a share of the page height
PARTNER_LOGOS_TOP = 50 * mm  # the client and provider logos sit below this on the cover
HEADER_LOGO = (38 * mm, 8.5 * mm)  # the box the logo fits in at the top of body pages


def page_size(name: str) -> tuple[float, float]:
    try:
        width, height = PAGE_SIZES[name.lower()]
        return float(width), float(height)
    except KeyError:
        raise ValidationError(f"Unknown page size '{name}'; choose a4 or letter.") from None


class Heading(Paragraph):  # type: ignore[misc]
    """A heading that becomes a PDF bookmark; with a toc_key, its page number fills the contents."""

    def __init__(self, text: str, style: Any, outline_level: int = 0, in_toc: bool = True) -> None:
        super().__init__(text, style)
        self.outline_level = outline_level
        self.in_toc = in_toc
        self.toc_key = ""


class ContentsLine(Flowable):  # type: ignore[misc]
    """A contents entry: title, dot leaders, and a page number filled in when the build ends.

    The number is a form XObject defined after the last page, so one layout pass is enough. The
    whole line links to the section's first page.
    """

    pdf_role = "TOCI"

    def __init__(self, title: str, key: str, style: Any, number_width: float = 36) -> None:
        super().__init__()
        self.title, self.key, self.style, self.number_width = title, key, style, number_width
        self.spaceBefore = style.spaceBefore

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.style.leading

    def draw(self) -> None:
        c, st = self.canv, self.style
        text = _fit(self.title, st.fontName, st.fontSize, self.width - self.number_width - 20)
        y = st.leading - st.fontSize
        c.setFont(st.fontName, st.fontSize)
        c.setFillColor(st.textColor)
        c.drawString(0, y, text)
        start = stringWidth(text, st.fontName, st.fontSize) + 6
        end = self.width - self.number_width
        if end > start:
            c.saveState()
            c.setStrokeColor(colour("#9AA4AE"))
            c.setLineWidth(0.9)
            c.setLineCap(1)
            c.setDash([0.01, 3.2])
            c.line(start, y + 1.5, end, y + 1.5)
            c.restoreState()
        c.saveState()
        c.translate(self.width, y)
        c.doForm(self.key)
        c.restoreState()
        c.linkRect(self.title, destination(self.key), (0, 0, self.width, st.leading), relative=1,
                   thickness=0)


def destination(toc_key: str) -> str:
    """The named destination of a contents entry's section."""
    return f"to-{toc_key}"


@dataclass(frozen=True)
class PageContext:
    """What every page decoration needs."""

    styles: Styles
    title: str  # engagement title (plain text)
    round_label: str
    footer: str
    consultancy: str
    logos: dict[str, LoadedLogo]


class ReportDocument(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, out: Any, size: tuple[float, float], ctx: PageContext, *,
                 tagger: Tagger | None = None, **meta: str) -> None:
        self.tagger = tagger
        super().__init__(out, pagesize=size, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, initialFontName=REGULAR,
                         creator="Mutuality Desktop", lang=LANG, displayDocTitle=1, **meta)
        self.ctx = ctx
        self._heading_seq = 0
        self._pages: list[int] = []  # pages showing "Page x of y"
        self._toc_pages: dict[str, int] = {}
        w, h = size
        body = Frame(MARGIN_X, MARGIN_BOTTOM, w - 2 * MARGIN_X, h - MARGIN_TOP - MARGIN_BOTTOM,
                     id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        band_h = h * BAND_SHARE
        band = Frame(MARGIN_X, h - BAND_TOP - band_h + 13 * mm, w - 2 * MARGIN_X, band_h - 24 * mm,
                     id="band", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        partners = "client_logo" in ctx.logos or "provider_logo" in ctx.logos
        bottom = PARTNER_LOGOS_TOP + 4 * mm if partners else 28 * mm
        details = Frame(MARGIN_X, bottom, w - 2 * MARGIN_X, h - BAND_TOP - band_h - 12 * mm - bottom,
                        id="details", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", frames=[band, details], onPage=self._draw_cover,
                         onPageEnd=self._draw_cover_footer, pagesize=size),
            PageTemplate("body", frames=[body], onPage=self._draw_body, pagesize=size),
        ])

    def _startBuild(self, *args: Any, **kwargs: Any) -> None:
        super()._startBuild(*args, **kwargs)
        self.canv.showOutline()
        if self.tagger is not None:
            self.canv.tagger = self.tagger

    def _decoration(self, canvas: Any) -> Any:
        """Running headers, footers and the cover's band: artifacts in a tagged report."""
        return self.tagger.artifact(canvas, "Pagination") if self.tagger else nullcontext()

    def handle_documentBegin(self) -> None:
        self._heading_seq = 0
        super().handle_documentBegin()

    def afterFlowable(self, flowable: Any) -> None:
        for heading in _headings(flowable):
            self._heading_seq += 1
            key = f"h{self._heading_seq}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(heading.getPlainText(), key, level=heading.outline_level,
                                      closed=heading.outline_level > 0)
            if heading.toc_key:
                self._toc_pages[heading.toc_key] = self.page
                self.canv.bookmarkPage(destination(heading.toc_key))

    def _endBuild(self) -> None:
        """Finish the last page, then define the page-number forms the pages refer to, then save."""
        self._doSave = 0
        super()._endBuild()
        total = max(self._pages, default=0)
        canvas = self.canv
        for page in self._pages:
            self._number_form(f"pg{page}", f"Page {page} of {total}", REGULAR, 7.5, MUTED)
        for key, page in self._toc_pages.items():
            self._number_form(key, str(page), BOLD, 10.5, "#1E252B")
        canvas.save()

    def _number_form(self, name: str, text: str, font: str, size: float, ink: str) -> None:
        canvas = self.canv
        canvas.beginForm(name, lowerx=-200, lowery=-5, upperx=5, uppery=size + 5)
        canvas.setFont(font, size)
        canvas.setFillColor(colour(ink))
        canvas.drawRightString(0, 0, text)
        canvas.endForm()

    # --- page decorations ---------------------------------------------------------------------

    def _draw_body(self, canvas: Any, doc: Any) -> None:
        with self._decoration(canvas):
            self._draw_header(canvas)
            canvas.saveState()
            self._draw_footer(canvas)
            canvas.restoreState()

    def _draw_header(self, canvas: Any) -> None:
        ctx, st = self.ctx, self.ctx.styles
        w, h = self.pagesize
        canvas.saveState()
        canvas.setFillColor(colour(st.primary))
        canvas.rect(0, h - 5, w, 5, stroke=0, fill=1)
        top = h - 11 * mm
        logo = ctx.logos.get("logo")
        used = 0.0  # the width the logo or name takes on the left; the title has the rest
        if logo is not None:
            used = logo.draw(canvas, MARGIN_X, top - HEADER_LOGO[1], *HEADER_LOGO)
        elif ctx.consultancy:
            canvas.setFont(BOLD, 8)
            canvas.setFillColor(colour(st.primary_text))
            name = _fit(ctx.consultancy, BOLD, 8, 70 * mm)
            canvas.drawString(MARGIN_X, top - 6 * mm, name)
            used = stringWidth(name, BOLD, 8)
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(colour(MUTED))
        right = w - MARGIN_X
        room = right - MARGIN_X - used - 10 * mm
        canvas.drawRightString(right, top - 3 * mm, _fit(ctx.title, REGULAR, 7.5, room))
        canvas.drawRightString(right, top - 6.6 * mm, _fit(ctx.round_label, REGULAR, 7.5, room))
        canvas.setStrokeColor(colour(RULE))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, h - MARGIN_TOP + 5 * mm, right, h - MARGIN_TOP + 5 * mm)
        canvas.restoreState()

    def _draw_footer(self, canvas: Any) -> None:
        w, _ = self.pagesize
        right = w - MARGIN_X
        y = MARGIN_BOTTOM - 11 * mm
        canvas.setStrokeColor(colour(RULE))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, y + 5 * mm, right, y + 5 * mm)
        self._pages.append(self.page)
        canvas.saveState()
        canvas.translate(right, y)
        canvas.doForm(f"pg{self.page}")
        canvas.restoreState()
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(colour(MUTED))
        space = right - MARGIN_X - stringWidth("Page 999 of 999", REGULAR, 7.5) - 10 * mm
        canvas.drawString(MARGIN_X, y, _fit(self.ctx.footer, REGULAR, 7.5, space))

    def _draw_cover(self, canvas: Any, doc: Any) -> None:
        with self._decoration(canvas):
            self._draw_cover_page(canvas)

    def _draw_cover_page(self, canvas: Any) -> None:
        ctx, st = self.ctx, self.ctx.styles
        w, h = self.pagesize
        canvas.saveState()
        band_h = h * BAND_SHARE
        band_y = h - BAND_TOP - band_h
        canvas.setFillColor(colour(st.primary))
        canvas.rect(0, band_y, w, band_h, stroke=0, fill=1)
        canvas.setFillColor(colour(st.accent))
        canvas.rect(0, band_y - 2.2 * mm, w, 2.2 * mm, stroke=0, fill=1)
        top = h - 16 * mm
        logo = ctx.logos.get("logo")
        if logo is not None:
            logo.draw(canvas, MARGIN_X, top - 22 * mm, 70 * mm, 22 * mm)
        if ctx.consultancy:
            canvas.setFont(BOLD, 10)
            canvas.setFillColor(colour(st.primary_text))
            canvas.drawRightString(w - MARGIN_X, top - 12.5 * mm,
                                   _fit(ctx.consultancy, BOLD, 10, 90 * mm if logo else w - 2 * MARGIN_X))
        self._draw_partner_logos(canvas)
        canvas.setStrokeColor(colour(RULE))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, 20 * mm, w - MARGIN_X, 20 * mm)
        canvas.restoreState()

    def _draw_cover_footer(self, canvas: Any, doc: Any) -> None:
        """The footer text, printed once on the cover: content, read after the cover's details."""
        text = _fit(self.ctx.footer, REGULAR, 7.5, self.pagesize[0] - 2 * MARGIN_X)
        if not text:
            return
        tagger = self.tagger
        marked = tagger.marked(canvas, tagger.begin("P")) if tagger else nullcontext()
        with marked:
            canvas.saveState()
            canvas.setFont(REGULAR, 7.5)
            canvas.setFillColor(colour(MUTED))
            canvas.drawString(MARGIN_X, 14 * mm, text)
            canvas.restoreState()
        if tagger:
            tagger.end()

    def _draw_partner_logos(self, canvas: Any) -> None:
        w, _ = self.pagesize
        slots = [(s, label) for s, label in (("client_logo", "Client"), ("provider_logo", "Provider"))
                 if s in self.ctx.logos]
        if not slots:
            return
        box_w, box_h, y = 55 * mm, 16 * mm, PARTNER_LOGOS_TOP - 22 * mm
        for i, (slot, label) in enumerate(slots):
            x = MARGIN_X + i * (box_w + 12 * mm)
            canvas.setFont(BOLD, 6.5)
            canvas.setFillColor(colour(MUTED))
            canvas.drawString(x, y + box_h + 3 * mm, label.upper())
            self.ctx.logos[slot].draw(canvas, x, y, box_w, box_h)


def _headings(flowable: Any) -> list[Heading]:
    """The headings a drawn flowable holds (a KeepTogether is drawn as one unit)."""
    if isinstance(flowable, Heading):
        return [flowable]
    found: list[Heading] = []
    for child in getattr(flowable, "_content", None) or ():
        found += _headings(child)
    return found
