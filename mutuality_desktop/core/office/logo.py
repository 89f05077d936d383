"""SVG logos as PNG pictures for Word and PowerPoint, with no new dependency.

svglib reads the SVG into reportlab shapes, exactly as for the PDF report (so a logo looks the
same in every output), and matplotlib's Agg renderer, which already draws the charts, paints those
shapes into pixels. reportlab's own bitmap renderer would need cairo (rlPyCairo and pycairo),
about 5 MB more in the installed app for a picture a few hundred pixels wide.

A logo comes from a received file, so nothing outside the SVG's own bytes is ever read: svglib is
given bytes, never a path, and then refuses every <image> or <use> that names a file or a web
address (only images embedded as data: URIs are drawn); lxml parses without network access and
without expanding entities.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

from reportlab.graphics.renderbase import Renderer, StateTracker, getStateDelta
from reportlab.graphics.shapes import EmptyClipPath, Group, Path, _renderPath

JOINS = {0: "miter", 1: "round", 2: "bevel"}  # reportlab's line joins in matplotlib's words
CAPS = {0: "butt", 1: "round", 2: "projecting"}
LOGO_PIXELS = 1200  # the longer side: sharp at 3 inches wide on a slide, printed at 400 dpi

# Matrices are reportlab's (a, b, c, d, e, f): x' = a x + c y + e, y' = b x + d y + f.
Matrix = tuple[float, float, float, float, float, float]


def _mul(m: Sequence[float], n: Sequence[float]) -> Matrix:
    """m after n (n is applied first)."""
    a, b, c, d, e, f = (float(v) for v in m)
    p, q, r, s, t, u = (float(v) for v in n)
    return (a * p + c * q, b * p + d * q, a * r + c * s, b * r + d * s,
            a * t + c * u + e, b * t + d * u + f)


def _rgba(colour: Any, opacity: Any) -> tuple[float, float, float, float] | None:
    if colour is None:
        return None
    alpha = float(getattr(colour, "alpha", 1.0) or 0.0)
    if opacity is not None:
        alpha *= float(opacity)
    return (float(colour.red), float(colour.green), float(colour.blue), max(0.0, min(1.0, alpha)))


class _AggRenderer(Renderer):  # type: ignore[misc]
    """Draws a reportlab Drawing with matplotlib's Agg renderer (y measured upwards in both)."""

    def __init__(self, agg: Any, base: Matrix) -> None:
        self._agg = agg
        self._base = base
        self._clips: list[Any] = []
        # Agg remembers the last clip path it rendered by the address of its vertices, so a clip
        # path freed during a drawing could be mistaken for a new one at the same address (the new
        # clip then never applied: issue 13's CI run). Every clip path lives as long as the drawing.
        self._kept: list[Any] = []

    # --- state ----------------------------------------------------------------------------------

    def draw_drawing(self, drawing: Any) -> None:
        self._tracker = StateTracker(defaultObj=drawing)
        drawing._parent = None
        try:
            self._tracker.push({"transform": self._base})
            self.drawNode(drawing)
            self._tracker.pop()
        finally:
            del drawing._parent, self._tracker

    def drawNode(self, node: Any) -> None:  # noqa: N802 - reportlab's name
        self._tracker.push(getStateDelta(node))
        clips = len(self._clips)
        try:
            if hasattr(node, "_clip_shape") and hasattr(node, "_rl_colors"):
                self.drawGradient(node)  # svglib's gradient: drawn for a PDF canvas otherwise
            else:
                self.drawNodeDispatcher(node)
        finally:
            if isinstance(node, Group):
                del self._clips[clips:]  # a clip path ends with the group that set it
            self._tracker.pop()

    def _state(self) -> dict[str, Any]:
        return dict(self._tracker.getState())

    def _gc(self, state: dict[str, Any]) -> Any:
        gc = self._agg.new_gc()
        gc.set_antialiased(True)
        if self._clips:
            gc.set_clip_path(self._clips[-1])
        return gc

    @staticmethod
    def _scale(ctm: Sequence[float]) -> float:
        a, b, c, d = (float(v) for v in ctm[:4])
        return math.sqrt(abs(a * d - b * c))

    def _paint(self, vertices: list[tuple[float, float]], codes: list[int], *, fill: bool = True,
               stroke: bool = True, even_odd: bool = False) -> None:
        from matplotlib.path import Path as MPath
        from matplotlib.transforms import Affine2D

        if not vertices:
            return
        state = self._state()
        ctm = state["ctm"]
        path = MPath(vertices, codes)
        transform = Affine2D.from_values(*ctm)
        face = _rgba(state.get("fillColor"), state.get("fillOpacity")) if fill else None
        if face is not None and face[3] > 0:
            gc = self._gc(state)
            gc.set_linewidth(0)
            if even_odd and len(vertices) > 2:
                path = _even_odd(path)
            self._agg.draw_path(gc, path, transform, face)
            gc.restore()
        edge = _rgba(state.get("strokeColor"), state.get("strokeOpacity")) if stroke else None
        width = float(state.get("strokeWidth") or 0) * self._scale(ctm)
        if edge is not None and edge[3] > 0 and width > 0:
            gc = self._gc(state)
            gc.set_foreground(edge, isRGBA=True)
            gc.set_linewidth(width)
            gc.set_joinstyle(JOINS.get(int(state.get("strokeLineJoin") or 0), "miter"))
            gc.set_capstyle(CAPS.get(int(state.get("strokeLineCap") or 0), "butt"))
            dashes = _dashes(state.get("strokeDashArray"), self._scale(ctm))
            if dashes is not None:
                gc.set_dashes(*dashes)
            self._agg.draw_path(gc, MPath(vertices, codes), transform, None)
            gc.restore()

    # --- shapes ---------------------------------------------------------------------------------

    def drawRect(self, rect: Any) -> None:  # noqa: N802
        x, y, w, h = float(rect.x), float(rect.y), float(rect.width), float(rect.height)
        rx, ry = float(rect.rx or 0), float(rect.ry or 0)
        if not (rx or ry):
            pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
            self._paint(pts, [1, 2, 2, 2, 79])
            return
        rx, ry = min(rx or ry, w / 2), min(ry or rx, h / 2)
        k = 0.5522847498
        v: list[tuple[float, float]] = [(x + rx, y), (x + w - rx, y)]
        c = [1, 2]
        for (sx, sy), (ex, ey), (cx1, cy1), (cx2, cy2) in (
            ((x + w - rx, y), (x + w, y + ry), (x + w - rx + k * rx, y), (x + w, y + ry - k * ry)),
            ((x + w, y + h - ry), (x + w - rx, y + h), (x + w, y + h - ry + k * ry),
             (x + w - rx + k * rx, y + h)),
            ((x + rx, y + h), (x, y + h - ry), (x + rx - k * rx, y + h), (x, y + h - ry + k * ry)),
            ((x, y + ry), (x + rx, y), (x, y + ry - k * ry), (x + rx - k * rx, y)),
        ):
            if v[-1] != (sx, sy):
                v.append((sx, sy))
                c.append(2)
            v += [(cx1, cy1), (cx2, cy2), (ex, ey)]
            c += [4, 4, 4]
        v.append((x + rx, y))
        c.append(79)
        self._paint(v, c)

    def _ellipse(self, cx: float, cy: float, rx: float, ry: float) -> None:
        from matplotlib.path import Path as MPath

        circle: Any = MPath.unit_circle()
        pts = [(cx + rx * float(px), cy + ry * float(py)) for px, py in circle.vertices.tolist()]
        self._paint(pts, [int(code) for code in circle.codes.tolist()])

    def drawCircle(self, circle: Any) -> None:  # noqa: N802
        self._ellipse(float(circle.cx), float(circle.cy), float(circle.r), float(circle.r))

    def drawEllipse(self, ellipse: Any) -> None:  # noqa: N802
        self._ellipse(float(ellipse.cx), float(ellipse.cy), float(ellipse.rx), float(ellipse.ry))

    def drawLine(self, line: Any) -> None:  # noqa: N802
        self._paint([(float(line.x1), float(line.y1)), (float(line.x2), float(line.y2))], [1, 2],
                    fill=False)

    def drawPolyLine(self, polyline: Any, closed: bool = False) -> None:  # noqa: N802
        p = [float(v) for v in polyline.points]
        pts = list(zip(p[0::2], p[1::2], strict=False))
        if len(pts) < 2:
            return
        codes = [1] + [2] * (len(pts) - 1)
        if closed:
            pts.append(pts[0])
            codes.append(79)
        self._paint(pts, codes, fill=closed)

    def drawPolygon(self, polygon: Any) -> None:  # noqa: N802
        self.drawPolyLine(polygon, closed=True)

    def drawWedge(self, wedge: Any) -> None:  # noqa: N802
        self.drawPolygon(wedge.asPolygon())

    def drawPath(self, path: Any) -> None:  # noqa: N802
        if path is EmptyClipPath:
            if self._clips:
                self._clips.pop()
            return
        v, c = _path_parts(path, force_close=False)
        if getattr(path, "isClipPath", 0):
            from matplotlib.path import Path as MPath
            from matplotlib.transforms import Affine2D, TransformedPath

            if v:
                self._clips.append(TransformedPath(MPath(v, c),
                                                   Affine2D.from_values(*self._state()["ctm"])))
                self._kept.append(self._clips[-1])
        even_odd = getattr(path, "fillMode", None) == 0  # reportlab's FILL_EVEN_ODD
        autoclose = getattr(path, "autoclose", "")
        if autoclose in ("svg", "pdf"):
            fv, fc = _path_parts(path, force_close=True)
            self._paint(fv, fc, stroke=False, even_odd=even_odd)
            if autoclose == "pdf":
                self._paint(fv, fc, fill=False)
            else:
                self._paint(v, c, fill=False)
        else:
            self._paint(v, c, even_odd=even_odd)

    def drawString(self, string: Any) -> None:  # noqa: N802
        from matplotlib.font_manager import FontProperties
        from matplotlib.textpath import TextPath, TextToPath

        state = self._state()
        text = str(string.text or "")
        if not text.strip() or state.get("fillColor") is None:
            return
        name = str(state.get("fontName") or "")
        size = float(state.get("fontSize") or 10)
        prop = FontProperties(family="DejaVu Sans",
                              weight="bold" if "Bold" in name else "normal",
                              style="italic" if ("Oblique" in name or "Italic" in name) else "normal")
        width = TextToPath().get_text_width_height_descent(text, prop, ismath=False)[0] * size / 100
        anchor = state.get("textAnchor") or "start"
        x = float(string.x) - {"end": width, "middle": width / 2}.get(anchor, 0.0)
        glyphs = TextPath((x, float(string.y)), text, size=size, prop=prop, usetex=False)
        if len(glyphs.vertices) == 0:
            return
        self._paint([(float(a), float(b)) for a, b in glyphs.vertices],
                    [int(k) for k in glyphs.codes], stroke=False)

    def drawImage(self, image: Any) -> None:  # noqa: N802
        """An image embedded in the SVG as data (svglib has already refused any other)."""
        picture: Any = getattr(image, "path", None)
        if not hasattr(picture, "convert"):
            return
        corners = [(float(image.x), float(image.y)),
                   (float(image.x) + float(image.width), float(image.y) + float(image.height))]
        ctm = self._state()["ctm"]
        a, b, c, d, e, f = (float(v) for v in ctm)
        if abs(b) > 1e-9 or abs(c) > 1e-9:
            return  # a rotated picture inside a logo: rare; left out rather than drawn wrongly
        (x0, y0), (x1, y1) = ((a * x + e, d * y + f) for x, y in corners)
        w, h = round(abs(x1 - x0)), round(abs(y1 - y0))
        if w < 1 or h < 1:
            return
        import numpy as np
        from PIL import Image as PILImage

        pil = picture.convert("RGBA").resize((w, h), PILImage.Resampling.LANCZOS)
        if x1 < x0:
            pil = pil.transpose(PILImage.Transpose.FLIP_LEFT_RIGHT)
        if y1 <= y0:  # svglib flips pictures upright inside its upside-down SVG space
            pil = pil.transpose(PILImage.Transpose.FLIP_TOP_BOTTOM)
        gc = self._gc(self._state())
        self._agg.draw_image(gc, min(x0, x1), min(y0, y1), np.asarray(pil)[::-1].copy())
        gc.restore()

    def drawGradient(self, node: Any) -> None:  # noqa: N802
        """svglib's gradient fill: the clipping shape painted pixel by pixel in the gradient."""
        import numpy as np
        from matplotlib.path import Path as MPath
        from matplotlib.transforms import Affine2D, TransformedPath

        clip = getattr(node, "_clip_shape", None)
        colours = getattr(node, "_rl_colors", None) or []
        stops = [float(p) for p in getattr(node, "_positions", None) or []]
        if clip is None or not colours or len(stops) != len(colours):
            return
        v, c = _shape_parts(clip)
        if not v:
            return
        ctm = self._state()["ctm"]
        transform = Affine2D.from_values(*ctm)
        height, width = int(self._agg.height), int(self._agg.width)
        ys, xs = np.mgrid[0:height, 0:width].astype(float)
        xs, ys = xs + 0.5, ys + 0.5  # pixel centres, y upwards as in the drawing
        inverse = transform.inverted()
        ux, uy = (inverse.transform(np.column_stack([xs.ravel(), ys.ravel()])).T)
        if hasattr(node, "_r"):
            t = np.hypot(ux - float(node._cx), uy - float(node._cy)) / max(float(node._r), 1e-9)
        else:
            dx, dy = float(node._x1) - float(node._x0), float(node._y1) - float(node._y0)
            length = dx * dx + dy * dy or 1e-9
            t = ((ux - float(node._x0)) * dx + (uy - float(node._y0)) * dy) / length
        t = np.clip(t, 0.0, 1.0)
        rgba = np.empty((t.size, 4))
        for i, channel in enumerate(("red", "green", "blue", "alpha")):
            rgba[:, i] = np.interp(t, stops, [float(getattr(col, channel, 1.0)) for col in colours])
        pixels = (rgba.reshape(height, width, 4)[::-1] * 255).round().astype(np.uint8)
        gc = self._agg.new_gc()
        self._kept.append(TransformedPath(MPath(v, c), transform))
        gc.set_clip_path(self._kept[-1])
        self._agg.draw_image(gc, 0, 0, pixels)
        gc.restore()


def _path_parts(path: Any, force_close: bool) -> tuple[list[tuple[float, float]], list[int]]:
    v: list[tuple[float, float]] = []
    c: list[int] = []

    def move(x: float, y: float) -> None:
        v.append((float(x), float(y)))
        c.append(1)

    def line(x: float, y: float) -> None:
        v.append((float(x), float(y)))
        c.append(2)

    def curve(x1: float, y1: float, x2: float, y2: float, x3: float, y3: float) -> None:
        v.extend([(float(x1), float(y1)), (float(x2), float(y2)), (float(x3), float(y3))])
        c.extend([4, 4, 4])

    def close() -> None:
        if v:
            start = next((v[i] for i in range(len(c) - 1, -1, -1) if c[i] == 1), v[0])
            v.append(start)
            c.append(79)

    _renderPath(path, (move, line, curve, close), forceClose=force_close)
    return v, c


def _shape_parts(shape: Any) -> tuple[list[tuple[float, float]], list[int]]:
    """The outline of the shape a gradient fills, as path vertices and codes."""
    if isinstance(shape, Path):
        return _path_parts(shape, force_close=True)
    collector = _Collector()
    collector.drawNodeDispatcher(shape)
    return collector.vertices, collector.codes


class _Collector(_AggRenderer):
    """Records the outline an _AggRenderer would paint, instead of painting it."""

    def __init__(self) -> None:
        super().__init__(None, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
        self.vertices: list[tuple[float, float]] = []
        self.codes: list[int] = []

    def _paint(self, vertices: list[tuple[float, float]], codes: list[int], *, fill: bool = True,
               stroke: bool = True, even_odd: bool = False) -> None:
        if not self.vertices:
            self.vertices, self.codes = list(vertices), list(codes)


def _even_odd(path: Any) -> Any:
    """Agg fills by the non-zero rule; this reverses inner rings so holes stay holes."""
    from matplotlib.path import Path as MPath

    rings = path.to_polygons(closed_only=False)
    if len(rings) < 2:
        return path
    return MPath.make_compound_path(*[MPath(r[::-1] if i % 2 else r, closed=True)
                                      for i, r in enumerate(rings)])


def _dashes(value: Any, scale: float) -> tuple[float, list[float]] | None:
    if not value:
        return None
    offset = 0.0
    array = value
    if isinstance(value, list | tuple) and len(value) == 2 and isinstance(value[1], list | tuple):
        offset, array = float(value[0]), value[1]
    if not isinstance(array, list | tuple):
        array = [array]
    dashes = [float(d) * scale for d in array if float(d) > 0]
    return (offset * scale, dashes) if dashes else None


def svg_to_png(data: bytes, longest: int = LOGO_PIXELS) -> bytes | None:
    """An SVG logo as a PNG with a transparent background, its longer side `longest` pixels;
    None if the SVG cannot be read or draws nothing visible."""
    from matplotlib.backends.backend_agg import RendererAgg
    from PIL import Image

    from ..report.graphics import _svg_to_drawing
    from .common import _chart_lock

    try:
        drawing = _svg_to_drawing(data)
    except Exception:  # noqa: BLE001 - an unreadable logo is a warning, never a crash
        return None
    if drawing is None:
        return None
    w, h = float(drawing.width or 0), float(drawing.height or 0)
    if not (w > 0 and h > 0):
        return None
    factor = longest / max(w, h)
    size = (max(1, round(w * factor)), max(1, round(h * factor)))
    with _chart_lock:  # matplotlib's font cache is process-wide
        agg: Any = RendererAgg(size[0], size[1], 72)  # type: ignore[no-untyped-call]
        agg.clear()
        try:
            _AggRenderer(agg, (factor, 0.0, 0.0, factor, 0.0, 0.0)).draw_drawing(drawing)
        except Exception:  # noqa: BLE001 - a shape this renderer cannot draw: no logo, a warning
            return None
        pixels = bytes(agg.buffer_rgba())
    image = Image.frombuffer("RGBA", size, pixels, "raw", "RGBA", 0, 1)
    if image.getchannel("A").getbbox() is None:
        return None  # nothing visible: better no logo than an empty box
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
