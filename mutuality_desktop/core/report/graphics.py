"""Logos for the report: SVG as vector drawings (svglib), PNG and JPEG as images.

svglib is only ever given bytes, never a path, so an SVG cannot pull in local files; unknown
fonts in an SVG are drawn in DejaVu Sans so every font in the PDF stays embedded.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any

from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.utils import ImageReader
from reportlab.lib.validators import isString

from ..branding import SLOT_NAMES, BrandingProfile, Logo
from .fonts import REGULAR, embedded_font, register_svg_fonts
from .styles import RULE, colour
from .text import rounded

logging.getLogger("svglib.svglib").setLevel(logging.CRITICAL)


_OPACITY = re.compile(rb"(?<![-\w])opacity:\s*([0-9.]+)")


def _split_opacity(data: bytes) -> bytes:
    """Spell CSS "opacity" as fill- and stroke-opacity, which svglib understands."""
    return _OPACITY.sub(rb"fill-opacity: \1; stroke-opacity: \1", data)


def _svg_to_drawing(data: bytes) -> Drawing | None:
    from svglib.svglib import svg2rlg

    register_svg_fonts()
    drawing = svg2rlg(io.BytesIO(_split_opacity(data)))
    if drawing is None:
        return None
    _embed_fonts(drawing)
    return drawing


def _embed_fonts(node: Any) -> None:
    """Replace any non-embedded font svglib chose (Helvetica fallback) with DejaVu Sans."""
    if isinstance(node, String):
        node.fontName = embedded_font(node.fontName)
    for child in getattr(node, "contents", ()):
        _embed_fonts(child)


def fit(drawing: Drawing, max_width: float, max_height: float) -> Drawing:
    """Scale a drawing (keeping its shape) to fit a box."""
    w, h = float(drawing.width or 1), float(drawing.height or 1)
    factor = min(max_width / w, max_height / h)
    group = Group(*drawing.contents)
    group.scale(factor, factor)
    fitted = new_drawing(w * factor, h * factor)
    fitted.add(group)
    fitted.hAlign = "CENTER"
    return fitted


def new_drawing(width: float, height: float) -> Drawing:
    """A drawing whose renderer starts in DejaVu Sans, so no standard font enters the PDF."""
    drawing = Drawing(width, height)
    drawing.initialFontName = REGULAR
    return drawing


class LoadedLogo:
    """A logo ready to draw: its natural size and a way to draw it into any box."""

    def __init__(self, drawing: Drawing | None = None, image: ImageReader | None = None) -> None:
        self._drawing = drawing
        self._image = image
        self._fitted: dict[tuple[float, float], Drawing] = {}
        if drawing is not None:
            self.width, self.height = float(drawing.width), float(drawing.height)
        elif image is not None:
            w, h = image.getSize()
            self.width, self.height = float(w), float(h)
        if not (self.width > 0 and self.height > 0):
            raise ValueError("empty logo")

    def box(self, max_width: float, max_height: float) -> tuple[float, float]:
        factor = min(max_width / self.width, max_height / self.height)
        return self.width * factor, self.height * factor

    def draw(self, canvas: Any, x: float, y: float, max_width: float, max_height: float,
             align: str = "left") -> float:
        """Draw inside the box with (x, y) its bottom-left corner; return the width used."""
        w, h = self.box(max_width, max_height)
        dx = {"left": 0.0, "right": max_width - w, "centre": (max_width - w) / 2}[align]
        y0 = y + (max_height - h) / 2
        if self._drawing is not None:
            from reportlab.graphics import renderPDF

            key = (round(w, 2), round(h, 2))
            if key not in self._fitted:  # the same logo on every page: scale it once per size
                self._fitted[key] = fit(self._drawing, w, h)
            renderPDF.draw(self._fitted[key], canvas, x + dx, y0)
        elif self._image is not None:
            canvas.drawImage(self._image, x + dx, y0, w, h, mask="auto")
        return w


def load_logo(logo: Logo | None) -> LoadedLogo | None:
    """Decode a logo; raise ValueError when it cannot be drawn."""
    if logo is None:
        return None
    try:
        if logo.kind == "svg":
            drawing = _svg_to_drawing(logo.data)
            if drawing is None:
                raise ValueError("not a readable SVG image")
            return LoadedLogo(drawing=drawing)
        reader = ImageReader(io.BytesIO(logo.data))
        return LoadedLogo(image=reader)
    except ValueError:
        raise
    except Exception as exc:  # noqa: BLE001 - any decoder failure means "unreadable", not a crash
        raise ValueError(str(exc) or type(exc).__name__) from exc


def load_logos(branding: BrandingProfile) -> tuple[dict[str, LoadedLogo], list[str]]:
    """Load every logo of a profile; a missing or unreadable one becomes a warning."""
    loaded: dict[str, LoadedLogo] = {}
    warnings: list[str] = []
    for slot, what in SLOT_NAMES.items():
        logo, problems = branding.resolved_logo(slot)
        warnings += problems
        try:
            result = load_logo(logo)
        except ValueError:
            name = f" ({logo.name})" if logo is not None and logo.name else ""
            warnings.append(f"The {what}{name} could not be read as an image; the report has no {what}.")
            continue
        if result is not None:
            loaded[slot] = result
    return loaded, warnings


class Figure(Drawing):  # type: ignore[misc]
    """A drawing with alternative text: a Figure in the tagged report."""

    _attrMap = AttrMap(BASE=Drawing, alt_text=AttrMapValue(isString, desc="alternative text"))


def level_bar(value: float | None, minimum: int, maximum: int, fill: str,
              width: float = 70, height: float = 7, name: str = "") -> Drawing:
    """A slim horizontal bar showing a mean level on the scale (empty when not assessed); its
    alternative text names what it measures ("Mutuality: mean level 2.5 ...")."""
    drawing = Figure(width, height)
    drawing.initialFontName = REGULAR
    drawing.add(Rect(0, 0, width, height, fillColor=colour("#E9ECEF"), strokeColor=None))
    if value is not None:
        span = max(1, maximum - minimum)
        length = max(1.5, width * (value - minimum) / span)
        drawing.add(Rect(0, 0, length, height, fillColor=colour(fill), strokeColor=None))
    for tick in range(1, maximum - minimum):
        x = width * tick / (maximum - minimum)
        drawing.add(Rect(x - 0.25, 0, 0.5, height, fillColor=colour("#FFFFFF"), strokeColor=None))
    drawing.add(Rect(0, 0, width, height, fillColor=None, strokeColor=colour(RULE), strokeWidth=0.4))
    shown = "not assessed" if value is None else f"{rounded(value, 1):.1f}"
    drawing.alt_text = f"{f'{name}: ' if name else 'Bar: '}mean level {shown} on the scale {minimum} to {maximum}"
    return drawing
