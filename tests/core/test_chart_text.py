"""Chart text served from the raster cache looks the same as text Agg draws afresh."""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mutuality_desktop.core.charts.radar import dimension_radar, factor_radar
from mutuality_desktop.core.charts.text_cache import CachedText, TextRasterCache, use_cache
from mutuality_desktop.core.framework import default_framework
from mutuality_desktop.core.model import Score

FW = default_framework()


def _pixels(figure: Figure) -> np.ndarray:
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).astype(int)


def _rounds(level: int) -> list:
    scores = {(f.id, p): Score(1, f.id, p, (level + k) % 6) for k, f in enumerate(FW.factors)
              for p in ("client", "provider", "agreed")}
    return [("Baseline", scores)]


def test_cached_text_draws_the_same_pixels_as_plain_text():
    figures = []
    for cached in (False, True):
        figure = Figure(figsize=(3, 2), dpi=100)
        texts = [figure.text(0.1, 0.6, "Joint objective\nsetting 3.2", color="#222222"),
                 figure.text(0.55, 0.2, "n/a (italic)", fontstyle="italic", color="#8c8c8c"),
                 figure.text(0.5, 0.9, "Title", fontweight="bold", ha="center", va="top")]
        if cached:
            cache = TextRasterCache()
            for text in texts:
                use_cache(text, cache)
        figures.append(figure)
    plain, cached_px = _pixels(figures[0]), _pixels(figures[1])
    assert np.abs(plain - cached_px).max() <= 2  # blending rounding only
    again = FigureCanvasAgg(figures[1])
    again.draw()  # the second draw comes from the cache
    assert np.abs(np.asarray(again.buffer_rgba()).astype(int) - plain).max() <= 2


def test_charts_cache_their_text_and_redraw_identically_after_an_update():
    for build in (dimension_radar, factor_radar):
        figure = Figure(figsize=(5, 5), dpi=100)
        chart = build(FW, _rounds(1), figure=figure)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        assert len(chart.text_cache) > 0
        chart.update(_rounds(2))
        canvas.draw()
        cached = np.asarray(canvas.buffer_rgba()).astype(int)
        fresh = build(FW, _rounds(2), figure=Figure(figsize=(5, 5), dpi=100))
        for text in fresh.figure.findobj(CachedText):
            text.raster_cache = None  # plain Agg text, as before the cache
        diff = np.abs(cached - _pixels(fresh.figure)).max(axis=2)
        assert diff.max() <= 6 and (diff > 2).sum() < 50  # rounding in blending, nothing visible


def test_the_cache_keeps_a_bounded_number_of_lines():
    figure = Figure(figsize=(3, 2), dpi=100)
    cache = TextRasterCache(limit=5)
    text = use_cache(figure.text(0.1, 0.5, ""), cache)
    canvas = FigureCanvasAgg(figure)
    for i in range(12):
        text.set_text(f"line {i}")
        canvas.draw()
    assert len(cache) == 5
