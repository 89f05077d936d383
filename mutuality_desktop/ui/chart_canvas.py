"""A Qt canvas for a core radar chart that redraws only the data after a score (blitting)."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QFocusEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)

from ..core.background import CHART_LOCK
from ..core.charts.radar import RadarChart
from . import accessibility, theme


class ChartCanvas(FigureCanvasQTAgg):
    """A Qt canvas that redraws only a chart's data over a cached background (blitting).

    Once per size or layout the figure is rendered without the data (kept with copy_from_bbox)
    and the overlay (level numbers, drawn over the lines) is rendered alone on a transparent
    layer. After a score only the data artists are drawn between the two. Saving and copying
    still render the whole figure, which stays the one source of the picture.
    """

    def __init__(self, chart: RadarChart) -> None:
        super().__init__(chart.figure)  # type: ignore[no-untyped-call]
        self.chart = chart
        self._background: Any = None
        self._overlay: tuple[np.ndarray, int, int] | None = None
        self._background_for: tuple[object, ...] = ()
        self.full_draws = 0  # how often the background had to be rendered (for tests)
        # A keyboard or screen-reader user reaches the chart by Tab (its name and description say
        # its values); Tab and Shift+Tab leave it again, so it is never a trap.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._font_scale = chart.style.font_scale  # the chart's own type scale, before Large text
        self._scale_type()

    def _scale_type(self) -> None:
        """View -> Large text makes the chart's type a quarter larger too; View -> High contrast
        makes its grey and italic text black and upright, and its legend larger."""
        large = theme.text_scale()
        scale = self._font_scale * large
        contrast = bool(theme.high_contrast)
        style = self.chart.style
        if style.font_scale != scale or style.high_contrast != contrast or style.large_text != large:
            self.chart.style = dataclasses.replace(style, font_scale=scale, high_contrast=contrast,
                                                   large_text=large)
            self._background = None

    def apply_look(self) -> None:
        """Called by theme.apply when View -> Large text or High contrast changes."""
        before = self.chart.style
        self._scale_type()
        if self.chart.style != before:
            self.chart.relayout()
            self.draw_idle()  # type: ignore[no-untyped-call]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)  # type: ignore[no-untyped-call]
        if self.hasFocus():  # the focus ring, as on every other control
            p = QPainter(self)
            p.setPen(QPen(QColor(theme.ACCENT), 3 if theme.high_contrast else 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(1, 1, -2, -2))
            p.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)  # type: ignore[no-untyped-call]
        # matplotlib drops a resize that arrives while it handles one (what the chart does on a
        # resize may resize the canvas again: the key below a numbered radar): the figure then kept
        # the old size, and names were placed for a taller chart than shown (res11, unticking both
        # sides' views at 1366 with Large text). Catch up once the first has been handled.
        QTimer.singleShot(0, self, self._match_size)

    def _match_size(self) -> None:
        w, h = (float(v) * self.figure.dpi / self.device_pixel_ratio for v in self.figure.get_size_inches())
        if abs(w - self.width()) > 1 or abs(h - self.height()) > 1:
            self.resizeEvent(QResizeEvent(self.size(), self.size()))

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        """The chart does nothing with the wheel: it scrolls what holds the chart (the key below it)."""
        event.ignore()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.update()

    def draw(self) -> None:
        if getattr(self, "_is_drawing", False):
            return
        self._is_drawing = True
        try:
            with CHART_LOCK:  # a Word or PowerPoint chart picture may be drawing on a worker
                self._draw_chart()
        finally:
            self._is_drawing = False
        self.update()

    def _draw_chart(self) -> None:
        renderer = self.get_renderer()  # type: ignore[no-untyped-call]
        key = (renderer, *self.chart.background_key())
        artists = self.chart.data_artists()
        if self._background is None or key != self._background_for:
            self._draw_background(renderer, artists)
            self._background_for = key
        else:
            renderer.restore_region(self._background)
        for artist in artists:
            self.figure.draw_artist(artist)
        if self._overlay is not None:
            image, x, y = self._overlay
            gc = renderer.new_gc()
            renderer.draw_image(gc, x, y, image)
            gc.restore()

    def _draw_background(self, renderer: RendererAgg, data: list[Artist]) -> None:
        overlay = self.chart.overlay_artists()
        for artist in (*data, *overlay):
            artist.set_animated(True)
        try:
            FigureCanvasAgg.draw(self)  # type: ignore[no-untyped-call]
        finally:
            for artist in (*data, *overlay):
                artist.set_animated(False)
        self._background = renderer.copy_from_bbox(self.figure.bbox)
        layer = RendererAgg(renderer.width, renderer.height, renderer.dpi)  # type: ignore[no-untyped-call]
        for artist in overlay:
            artist.draw(layer)
        pixels = np.asarray(layer.buffer_rgba())  # type: ignore[no-untyped-call]
        rows = np.flatnonzero(pixels[:, :, 3].any(axis=1))
        cols = np.flatnonzero(pixels[:, :, 3].any(axis=0))
        self._overlay = None
        if len(rows):
            crop = pixels[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
            bottom = int(renderer.height) - int(rows[-1]) - 1
            self._overlay = (np.ascontiguousarray(crop[::-1]), int(cols[0]), bottom)
        self.full_draws += 1


accessibility.register(ChartCanvas, QAccessible.Role.Chart)  # a chart to a screen reader, not a filler
