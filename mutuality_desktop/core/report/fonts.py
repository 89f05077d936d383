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


FALLBACK = "MutualityFallback"
# TrueType fonts (reportlab embeds TrueType outlines only, not CFF) for the scripts DejaVu Sans
# lacks and that need no shaping: Chinese, Japanese and Korean, best coverage first. Debian:
# fonts-wqy-zenhei (every CJK ideograph and Hangul syllable) or fonts-droid-fallback.
FALLBACK_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
    "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
)
_fallback: tuple[str, frozenset[int]] | None = None
_fallback_tried = False


def fallback_font() -> tuple[str, frozenset[int]] | None:
    """The CJK fallback font's reportlab name and the code points it draws, if one is installed.

    Loaded on first need only (0.1 to 0.15 s): a report without such characters never pays.
    """
    global _fallback, _fallback_tried
    with _lock:
        if _fallback_tried:
            return _fallback
        _fallback_tried = True
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for file in FALLBACK_FILES:
            if not Path(file).is_file():
                continue
            try:
                font = TTFont(FALLBACK, file)
            except Exception:  # noqa: BLE001 - a broken system font is skipped, not fatal
                continue
            pdfmetrics.registerFont(font)
            pdfmetrics.registerFontFamily(FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK,
                                          boldItalic=FALLBACK)
            _fallback = (FALLBACK, frozenset(c for c in font.face.charToGlyph if c > 0x2E7F))
            break
        return _fallback
