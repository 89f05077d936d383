"""One stylesheet for the whole report, derived from the branding profile's two colours."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from ..branding import DEFAULT_ACCENT, DEFAULT_PRIMARY, BrandingProfile
from .fonts import BOLD, OBLIQUE, REGULAR, register_fonts

INK = "#1E252B"
MUTED = "#5D6873"
RULE = "#CDD3D9"
ZEBRA = "#F3F5F7"
WHITE = "#FFFFFF"
WARN = "#B42318"  # a fall or an overdue date: the same red whatever the brand's colours


@cache
def hex_rgb(value: str) -> tuple[float, float, float]:
    """Return 0-1 RGB for #RRGGBB (the default primary for anything else)."""
    text = value.strip().lstrip("#")
    if len(text) != 6:
        text = DEFAULT_PRIMARY.lstrip("#")
    try:
        r, g, b = (int(text[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return hex_rgb(DEFAULT_PRIMARY)
    return r, g, b


def to_hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in rgb)


def mix(colour: str, other: str, amount: float) -> str:
    """Blend colour towards other by amount (0 keeps colour, 1 gives other)."""
    a, b = hex_rgb(colour), hex_rgb(other)
    return to_hex((a[0] + (b[0] - a[0]) * amount, a[1] + (b[1] - a[1]) * amount,
                   a[2] + (b[2] - a[2]) * amount))


@cache
def luminance(colour: str) -> float:
    """Relative luminance (WCAG) of a colour, 0 for black to 1 for white."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in hex_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_on(colour: str) -> str:
    """Return white or ink, whichever reads better on the colour."""
    bg = luminance(colour)
    contrast_white = 1.05 / (bg + 0.05)
    contrast_ink = (bg + 0.05) / (luminance(INK) + 0.05)
    return WHITE if contrast_white >= contrast_ink else INK


def readable_on_white(colour: str) -> str:
    """Darken a colour until text in it reads on white paper (contrast of 4.5 or more)."""
    for step in range(11):
        candidate = mix(colour, "#000000", step * 0.08)
        if 1.05 / (luminance(candidate) + 0.05) >= 4.5:
            return candidate
    return INK


@cache
def level_fill(level: int | None, minimum: int, maximum: int, primary: str) -> str:
    """Fill for a score chip: a pale tint at the bottom of the scale up to full primary at the top.

    The tint is mixed with white only, so lightness falls steadily with the level and the order
    survives printing in greyscale; the level number is always printed on the chip as well.
    """
    if level is None:
        return WHITE
    span = max(1, maximum - minimum)
    fraction = (level - minimum) / span
    strong = _strong(primary)
    whiteness = 0.88 - 0.88 * fraction
    fill = mix(strong, WHITE, whiteness)
    # A mid-tone reads poorly with both white and dark text: move it out of that band, lower
    # levels towards white and higher ones towards the full colour, so the order is kept.
    while contrast(fill, text_on(fill)) < 4.5 and 0.0 < whiteness < 0.95:
        whiteness = min(0.95, whiteness + 0.02) if fraction < 0.5 else max(0.0, whiteness - 0.02)
        fill = mix(strong, WHITE, whiteness)
    return fill


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _strong(colour: str) -> str:
    """Make sure the top of the scale is dark enough to contrast with the bottom."""
    return readable_on_white(colour)


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {"fontName": REGULAR, "fontSize": 9.5, "leading": 13.5, "textColor": INK}
    base.update(kw)
    if isinstance(base["textColor"], str):  # a Color object spares reportlab parsing it per line
        base["textColor"] = colors.HexColor(base["textColor"])
    return ParagraphStyle(name, **base)


@dataclass(frozen=True)
class Styles:
    """Paragraph styles and colours of one report."""

    primary: str
    accent: str
    primary_text: str  # primary, darkened if need be, for text on white
    accent_text: str
    body: ParagraphStyle
    lead: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    kicker: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    cell_centre: ParagraphStyle
    cell_warn: ParagraphStyle
    head: ParagraphStyle
    note: ParagraphStyle
    note_label: ParagraphStyle
    descriptor: ParagraphStyle
    figure: ParagraphStyle
    tile_value: ParagraphStyle
    tile_label: ParagraphStyle
    cover_title: ParagraphStyle
    cover_sub: ParagraphStyle
    cover_kicker: ParagraphStyle
    toc1: ParagraphStyle
    toc2: ParagraphStyle
    band: str = ZEBRA  # group rows: a pale tint of the primary colour
    frame_width: float = 470.0  # the body frame's width; tables and charts size from it

    def chip(self, level: int | None, minimum: int, maximum: int) -> tuple[str, str]:
        """Return (fill, text colour) for a level chip."""
        fill = level_fill(level, minimum, maximum, self.primary)
        return fill, text_on(fill)


def make_styles(branding: BrandingProfile, frame_width: float = 470.0) -> Styles:
    """Build the stylesheet from the branding's colours (fonts: embedded DejaVu Sans)."""
    register_fonts()
    primary = branding.primary_colour or DEFAULT_PRIMARY
    accent = branding.accent_colour or DEFAULT_ACCENT
    p_text, a_text = readable_on_white(primary), readable_on_white(accent)
    on_primary = text_on(primary)
    return Styles(
        primary=primary,
        accent=accent,
        primary_text=p_text,
        accent_text=a_text,
        body=_style("body", spaceAfter=6),
        lead=_style("lead", fontSize=10.5, leading=15.5, spaceAfter=8),
        small=_style("small", fontSize=8, leading=10.5),
        muted=_style("muted", fontSize=8, leading=10.5, textColor=MUTED),
        h1=_style("h1", fontName=BOLD, fontSize=21, leading=26, textColor=p_text, spaceAfter=4,
                  keepWithNext=1),
        h2=_style("h2", fontName=BOLD, fontSize=13, leading=17, spaceBefore=14, spaceAfter=5,
                  keepWithNext=1),
        h3=_style("h3", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=10, spaceAfter=3,
                  keepWithNext=1),
        kicker=_style("kicker", fontName=BOLD, fontSize=8, leading=11, textColor=a_text,
                      spaceAfter=2, keepWithNext=1),
        cell=_style("cell", fontSize=8.5, leading=11),
        cell_bold=_style("cell_bold", fontName=BOLD, fontSize=8.5, leading=11),
        cell_right=_style("cell_right", fontSize=8.5, leading=11, alignment=TA_RIGHT),
        cell_centre=_style("cell_centre", fontSize=8.5, leading=11, alignment=TA_CENTER),
        cell_warn=_style("cell_warn", fontSize=8.5, leading=11, alignment=TA_RIGHT, textColor=WARN),
        head=_style("head", fontName=BOLD, fontSize=7.5, leading=9.5, textColor=MUTED),
        note=_style("note", fontSize=9, leading=13, spaceAfter=3),
        note_label=_style("note_label", fontName=BOLD, fontSize=7.5, leading=10, textColor=MUTED,
                          spaceBefore=5, keepWithNext=1),
        descriptor=_style("descriptor", fontName=OBLIQUE, fontSize=8.5, leading=12, textColor=MUTED,
                          spaceAfter=4),
        figure=_style("figure", fontSize=7.5, leading=10, textColor=MUTED, alignment=TA_CENTER,
                      spaceBefore=2, spaceAfter=8),
        tile_value=_style("tile_value", fontName=BOLD, fontSize=20, leading=24, textColor=p_text),
        tile_label=_style("tile_label", fontSize=7.5, leading=10, textColor=MUTED),
        cover_title=_style("cover_title", fontName=BOLD, fontSize=28, leading=34, textColor=on_primary,
                           alignment=TA_LEFT),
        cover_sub=_style("cover_sub", fontSize=13, leading=18, textColor=on_primary),
        cover_kicker=_style("cover_kicker", fontName=BOLD, fontSize=9, leading=12,
                            textColor=mix(on_primary, primary, 0.25)),
        toc1=_style("toc1", fontName=BOLD, fontSize=10.5, leading=15, spaceBefore=7),
        toc2=_style("toc2", fontSize=9, leading=13, leftIndent=14, textColor=MUTED),
        band=mix(primary, WHITE, 0.9),
        frame_width=frame_width,
    )


def colour(value: str) -> colors.Color:
    return colors.HexColor(value)
