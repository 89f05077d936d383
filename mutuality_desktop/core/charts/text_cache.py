"""Reuse the rasterised glyphs of chart text between Agg draws.

Agg lays out and rasterises every glyph of every text on every draw, which is most of a radar
chart's redraw time, although after a score almost all of the text is unchanged. A CachedText
keeps each line's pixels (keyed by everything that affects them, including the sub-pixel offset)
and composites them on the next draw. Only Agg (screen, PNG) is cached; vector renderers (the PDF
report, SVG) get the ordinary text calls.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.text import Text

_LIMIT = 400  # lines kept per cache: a chart's labels at a few sizes and values
_Agg: Any = RendererAgg  # matplotlib's renderer is untyped


class TextRasterCache:
    """Pixels of drawn text lines, least recently used dropped first."""

    def __init__(self, limit: int = _LIMIT) -> None:
        self._items: OrderedDict[tuple[Any, ...], tuple[np.ndarray, int, int]] = OrderedDict()
        self._limit = limit
        self._proxy: _CachingRenderer | None = None

    def wrap(self, renderer: RendererAgg) -> _CachingRenderer:
        """Return the caching view of renderer, the same object while the renderer lasts.

        matplotlib caches text metrics per renderer object, so a new view per draw would
        measure every line again.
        """
        if self._proxy is None or self._proxy.renderer is not renderer:
            self._proxy = _CachingRenderer(renderer, self)
        return self._proxy

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()

    def draw_text(
        self, renderer: Any, gc: Any, x: float, y: float, s: str, prop: Any, mtext: Any
    ) -> None:
        """Draw one line as renderer.draw_text would (y downwards from the top), from the cache."""
        fx, fy = math.floor(x), math.floor(y)
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        key = (
            s,
            tuple(prop.get_family()),
            prop.get_style(),
            prop.get_variant(),
            prop.get_weight(),
            prop.get_stretch(),
            prop.get_size_in_points(),
            prop.get_file(),
            tuple(gc.get_rgb()),
            gc.get_alpha(),
            gc.get_antialiased(),
            renderer.dpi,
            None if features is None else tuple(features),
            language,
            round((x - fx) * 64),
            round((y - fy) * 64),
        )
        item = self._items.get(key)
        if item is None:
            item = _rasterise(renderer, gc, x - fx, y - fy, s, prop, mtext)
            self._items[key] = item
            if len(self._items) > self._limit:
                self._items.popitem(last=False)
        else:
            self._items.move_to_end(key)
        image, left, top = item
        if image.size == 0:
            return
        composite = renderer.new_gc()
        composite.copy_properties(gc)
        composite.set_alpha(1.0)  # the colour's alpha is already in the pixels
        bottom = renderer.height - (fy + top + image.shape[0])
        renderer.draw_image(composite, fx + left, bottom, image)
        composite.restore()


def _rasterise(
    renderer: Any, gc: Any, fx: float, fy: float, s: str, prop: Any, mtext: Any
) -> tuple[np.ndarray, int, int]:
    """Draw a line on a small transparent canvas; return its pixels and offset from the anchor.

    The rows are stored bottom first, as draw_image expects them.
    """
    w, h, d = renderer.get_text_width_height_descent(s, prop, ismath=False)
    pad = int(math.ceil(prop.get_size_in_points() * renderer.dpi / 72)) + 2
    width, height = int(math.ceil(w)) + 2 * pad, int(math.ceil(h)) + 2 * pad
    ascent = int(math.ceil(h - d))
    scratch = _Agg(width, height, renderer.dpi)
    scratch.draw_text(gc, pad + fx, pad + ascent + fy, s, prop, 0, ismath=False, mtext=mtext)
    pixels = np.asarray(scratch.buffer_rgba())
    rows = np.flatnonzero(pixels[:, :, 3].any(axis=1))
    cols = np.flatnonzero(pixels[:, :, 3].any(axis=0))
    if not len(rows):
        return np.zeros((0, 0, 4), np.uint8), 0, 0
    crop = pixels[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    image = np.ascontiguousarray(crop[::-1])
    return image, int(cols[0]) - pad, int(rows[0]) - pad - ascent


class _CachingRenderer:
    """The Agg renderer as a Text sees it, with draw_text served from a TextRasterCache."""

    def __init__(self, renderer: RendererAgg, cache: TextRasterCache) -> None:
        self.renderer: Any = renderer
        self._cache = cache

    def __getattr__(self, name: str) -> Any:
        return getattr(self.renderer, name)

    def draw_text(
        self,
        gc: Any,
        x: float,
        y: float,
        s: str,
        prop: Any,
        angle: float,
        ismath: Any = False,
        mtext: Any = None,
    ) -> None:
        if ismath or angle:
            self.renderer.draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        else:
            self._cache.draw_text(self.renderer, gc, x, y, s, prop, mtext)


class CachedText(Text):
    """A Text whose lines are rasterised once per look and position on Agg canvases."""

    raster_cache: TextRasterCache | None = None

    def draw(self, renderer: Any) -> None:
        cache = self.raster_cache
        if (
            cache is None
            or type(renderer) is not RendererAgg
            or self.get_path_effects()
            or self.get_usetex()
        ):
            super().draw(renderer)
            return
        proxy: Any = cache.wrap(renderer)
        super().draw(proxy)
        self._renderer = renderer  # later extent queries use the real renderer


def use_cache(text: Text, cache: TextRasterCache) -> Text:
    """Make an existing Text (from ax.text, figure.text or a legend) draw through the cache."""
    text.__class__ = CachedText
    assert isinstance(text, CachedText)
    text.raster_cache = cache
    return text
