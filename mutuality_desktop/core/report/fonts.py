"""Embedded DejaVu Sans for every style of the report, registered once per process."""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

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
_svg_registered = False


def font_dir() -> Path:
    """Return matplotlib's bundled TrueType folder: DejaVu Sans ships with every install.

    Found without importing matplotlib (about 0.4 s): a report build does not otherwise need it.
    """
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("matplotlib's fonts are not installed")
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


def register_fonts() -> None:
    """Register DejaVu Sans with reportlab (embedded, subset)."""
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
        _registered = True


def register_svg_fonts() -> None:
    """Register the fonts, and map common SVG font families onto DejaVu for svglib.

    Only an SVG logo needs this: svglib (with lxml and its CSS parsers, about 12 MiB) is not
    imported for a report without one. embedded_font() catches the families not mapped here.
    """
    global _svg_registered
    register_fonts()
    with _lock:
        if _svg_registered:
            return
        _map_svg_fonts()
        _svg_registered = True


def _map_svg_fonts() -> None:
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
