"""Embedded DejaVu Sans for every style of the report, registered once per process."""

from __future__ import annotations

import threading
from pathlib import Path

import matplotlib

FAMILY = "DejaVuSans"
REGULAR, BOLD, OBLIQUE, BOLD_OBLIQUE = (
    "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique",
)
CHART_FAMILY = "DejaVu Sans"  # the family name matplotlib writes into its SVG
_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    OBLIQUE: "DejaVuSans-Oblique.ttf",
    BOLD_OBLIQUE: "DejaVuSans-BoldOblique.ttf",
}
_lock = threading.Lock()
_registered = False


def font_dir() -> Path:
    """Return matplotlib's bundled TrueType folder: DejaVu Sans ships with every install."""
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def register_fonts() -> None:
    """Register DejaVu Sans with reportlab (embedded, subset) and with svglib's font map."""
    global _registered
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        folder = font_dir()
        for name, file in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=OBLIQUE, boldItalic=BOLD_OBLIQUE)
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(REGULAR, bold, italic, [REGULAR, OBLIQUE, BOLD, BOLD_OBLIQUE][bold * 2 + italic])
        _register_svg_fonts()
        _registered = True


def _register_svg_fonts() -> None:
    """Map common SVG font families onto DejaVu; embedded_font() catches the rest."""
    from svglib.svglib import register_font

    styles = {("normal", "normal"): REGULAR, ("bold", "normal"): BOLD,
              ("normal", "italic"): OBLIQUE, ("bold", "italic"): BOLD_OBLIQUE}
    for family in (CHART_FAMILY, "sans-serif", "Arial"):
        for (weight, style), rl_name in styles.items():
            register_font(family, weight=weight, style=style, rlgFontName=rl_name)


def embedded_font(name: str) -> str:
    """Return name if it is an embedded TrueType font, else the DejaVu style that matches it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        if isinstance(pdfmetrics.getFont(name), TTFont):
            return name
    except (KeyError, ValueError, OSError):
        pass
    lower = name.lower()
    bold = "bold" in lower
    slanted = "italic" in lower or "oblique" in lower
    return [REGULAR, OBLIQUE, BOLD, BOLD_OBLIQUE][bold * 2 + slanted]
