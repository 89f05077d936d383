"""Draw a matplotlib Figure straight onto the report's canvas as vector paths and real text.

The chart in the PDF is the very figure the app shows: matplotlib lays it out and calls this
renderer, which turns each path into PDF path operators and each text into DejaVu Sans text
(embedded, extractable, sharp at any zoom). No raster step, no SVG round trip.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath
from reportlab.platypus import Flowable

from .fonts import BOLD, BOLD_OBLIQUE, OBLIQUE, REGULAR
from .text import printable

_CAPS = {"butt": 0, "round": 1, "projecting": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}


def font_for(prop: Any) -> str:
    """The embedded DejaVu style matching matplotlib font properties."""
    weight = prop.get_weight()
    bold = weight in ("bold", "heavy", "extra bold", "black", "semibold", "demibold", "demi") or (
        isinstance(weight, (int, float)) and weight >= 600)
    slanted = prop.get_style() in ("italic", "oblique")
    return [REGULAR, OBLIQUE, BOLD, BOLD_OBLIQUE][bold * 2 + slanted]


class CanvasRenderer(RendererBase):
    """A matplotlib renderer whose device is a reportlab canvas, one display unit = one point."""

    def __init__(self, canvas: Any, width: float, height: float) -> None:
        super().__init__()
        self.canvas = canvas
        self.width, self.height = width, height

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def points_to_pixels(self, points: Any) -> Any:
        return points  # the figure is drawn at 72 dpi: a pixel is a point

    def flipy(self) -> bool:
        return False

    def option_image_nocomposite(self) -> bool:
        return True

    def new_gc(self) -> GraphicsContextBase:
        return GraphicsContextBase()

    # --- paths ---------------------------------------------------------------------------------

    def _outline(self, path: Any, transform: Any) -> Any:
        p = self.canvas.beginPath()
        last = (0.0, 0.0)
        for verts, code in path.iter_segments(transform, remove_nans=True, simplify=False, curves=True):
            if code == MplPath.MOVETO:
                p.moveTo(*verts)
            elif code == MplPath.LINETO:
                p.lineTo(*verts)
            elif code == MplPath.CURVE3:
                (cx, cy, x, y) = verts
                p.curveTo(last[0] + 2 / 3 * (cx - last[0]), last[1] + 2 / 3 * (cy - last[1]),
                          x + 2 / 3 * (cx - x), y + 2 / 3 * (cy - y), x, y)
            elif code == MplPath.CURVE4:
                p.curveTo(*verts)
            elif code == MplPath.CLOSEPOLY:
                p.close()
                continue
            last = (float(verts[-2]), float(verts[-1]))
        return p

    def _clip(self, gc: GraphicsContextBase) -> None:
        rect = gc.get_clip_rectangle()
        if rect is not None:
            p = self.canvas.beginPath()
            p.rect(rect.x0, rect.y0, rect.width, rect.height)
            self.canvas.clipPath(p, stroke=0, fill=0)
        clip_path, affine = gc.get_clip_path()
        if clip_path is not None:
            self.canvas.clipPath(self._outline(clip_path, affine), stroke=0, fill=0)

    def draw_path(self, gc: GraphicsContextBase, path: MplPath, transform: Any,
                  rgbFace: Any = None) -> None:  # noqa: N803 - matplotlib's name
        c = self.canvas
        rgba = gc.get_rgb()
        forced = gc.get_forced_alpha()
        stroke_alpha = gc.get_alpha() if forced else (rgba[3] if len(rgba) > 3 else 1.0)
        stroke = gc.get_linewidth() > 0 and stroke_alpha > 0
        fill = rgbFace is not None and (len(rgbFace) < 4 or rgbFace[3] > 0)
        if not (stroke or fill):
            return
        c.saveState()
        self._clip(gc)
        if stroke:
            c.setStrokeColorRGB(*rgba[:3], alpha=stroke_alpha)
            c.setLineWidth(gc.get_linewidth())
            c.setLineCap(_CAPS.get(gc.get_capstyle(), 0))
            c.setLineJoin(_JOINS.get(gc.get_joinstyle(), 0))
            offset, dashes = gc.get_dashes()
            pattern = [float(d) for d in np.ravel(dashes)] if dashes is not None else []
            if pattern:
                c.setDash(pattern, float(offset or 0))
        if fill:
            fill_alpha = gc.get_alpha() if forced else (rgbFace[3] if len(rgbFace) > 3 else 1.0)
            c.setFillColorRGB(*rgbFace[:3], alpha=fill_alpha)
        c.drawPath(self._outline(path, transform), stroke=int(stroke), fill=int(fill), fillMode=1)
        c.restoreState()

    # --- text ----------------------------------------------------------------------------------

    def draw_text(self, gc: GraphicsContextBase, x: float, y: float, s: str, prop: Any, angle: float,
                  ismath: Any = False, mtext: Any = None) -> None:
        text = s  # user text with dollar signs is printed as written, never parsed as mathtext
        rgba = gc.get_rgb()
        alpha = gc.get_alpha() if gc.get_forced_alpha() else (rgba[3] if len(rgba) > 3 else 1.0)
        c = self.canvas
        c.saveState()
        self._clip(gc)
        c.translate(x, y)
        if angle:
            c.rotate(angle)
        c.setFillColorRGB(*rgba[:3], alpha=alpha)
        c.setFont(font_for(prop), prop.get_size_in_points())
        c.drawString(0, 0, printable(text))
        c.restoreState()

    def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> tuple[float, float, float]:
        w, h, d = super().get_text_width_height_descent(s, prop, False)
        return float(w), float(h), float(d)

    # --- images (charts have none; kept simple and correct) --------------------------------------

    def draw_image(self, gc: GraphicsContextBase, x: float, y: float, im: Any,
                   transform: Any = None) -> None:
        from PIL import Image
        from reportlab.lib.utils import ImageReader

        rows, cols = im.shape[:2]
        picture = Image.fromarray(np.asarray(im), "RGBA")
        self.canvas.saveState()
        self._clip(gc)
        self.canvas.drawImage(ImageReader(picture), x, y, cols, rows, mask="auto")
        self.canvas.restoreState()


class FigureFlowable(Flowable):  # type: ignore[misc]
    """A matplotlib figure drawn into the PDF at its own size (so its fonts print at true size)."""

    def __init__(self, figure: Figure, h_align: str = "CENTER") -> None:
        super().__init__()
        self.figure = figure
        w_in, h_in = figure.get_size_inches()
        self.width, self.height = float(w_in) * 72.0, float(h_in) * 72.0
        self.hAlign = h_align

    def wrap(self, *_: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        figure = self.figure
        dpi = figure.dpi
        figure.dpi = 72.0
        try:
            self.canv.saveState()
            figure.draw(CanvasRenderer(self.canv, self.width, self.height))
        finally:
            self.canv.restoreState()
            figure.dpi = dpi
