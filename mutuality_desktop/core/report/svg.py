"""The report's radar charts as inline SVG: the same drawing code, on a canvas that writes SVG.

RadarFlowable draws with a small part of reportlab's canvas API; SvgCanvas implements that part
and writes SVG elements, so the HTML edition shows exactly the chart the PDF prints.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from .radar import RadarFlowable, describe

FONT_STACK = "'DejaVu Sans', Verdana, 'Segoe UI', Arial, sans-serif"


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _rgb(r: float, g: float, b: float) -> str:
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


@dataclass(frozen=True)
class _State:
    stroke: str = "#000000"
    fill: str = "#000000"
    stroke_alpha: float = 1.0
    fill_alpha: float = 1.0
    width: float = 1.0
    dash: tuple[float, ...] = ()
    join: int = 0
    font: str = ""
    size: float = 10.0


class _Path:
    def __init__(self) -> None:
        self.parts: list[tuple[str, float, float]] = []

    def moveTo(self, x: float, y: float) -> None:  # noqa: N802 - reportlab's name
        self.parts.append(("M", x, y))

    def lineTo(self, x: float, y: float) -> None:  # noqa: N802 - reportlab's name
        self.parts.append(("L", x, y))

    def close(self) -> None:
        self.parts.append(("Z", 0.0, 0.0))


class SvgCanvas:
    """Enough of reportlab's canvas for RadarFlowable, writing SVG (y measured downwards)."""

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self.items: list[str] = []
        self._state = _State()
        self._saved: list[_State] = []

    # --- state ----------------------------------------------------------------------------------

    def saveState(self) -> None:  # noqa: N802
        self._saved.append(self._state)

    def restoreState(self) -> None:  # noqa: N802
        self._state = self._saved.pop()

    def _set(self, **changes: Any) -> None:
        self._state = replace(self._state, **changes)

    def setStrokeColorRGB(self, r: float, g: float, b: float) -> None:  # noqa: N802
        self._set(stroke=_rgb(r, g, b))

    def setFillColorRGB(self, r: float, g: float, b: float) -> None:  # noqa: N802
        self._set(fill=_rgb(r, g, b))

    def setStrokeAlpha(self, a: float) -> None:  # noqa: N802
        self._set(stroke_alpha=a)

    def setFillAlpha(self, a: float) -> None:  # noqa: N802
        self._set(fill_alpha=a)

    def setLineWidth(self, w: float) -> None:  # noqa: N802
        self._set(width=w)

    def setLineJoin(self, j: int) -> None:  # noqa: N802
        self._set(join=j)

    def setDash(self, array: Any = (), phase: float = 0) -> None:  # noqa: N802
        self._set(dash=tuple(array or ()))

    def setFont(self, name: str, size: float) -> None:  # noqa: N802
        self._set(font=name, size=size)

    # --- shapes ---------------------------------------------------------------------------------

    def _paint(self, stroke: int, fill: int) -> str:
        s = self._state
        out = [f'fill="{s.fill}"' if fill else 'fill="none"']
        if fill and s.fill_alpha < 1:
            out.append(f'fill-opacity="{_num(s.fill_alpha)}"')
        if stroke:
            out.append(f'stroke="{s.stroke}" stroke-width="{_num(s.width)}"')
            if s.stroke_alpha < 1:
                out.append(f'stroke-opacity="{_num(s.stroke_alpha)}"')
            if s.dash:
                out.append(f'stroke-dasharray="{" ".join(_num(d) for d in s.dash)}"')
            if s.join == 1:
                out.append('stroke-linejoin="round"')
        return " ".join(out)

    def _y(self, y: float) -> float:
        return self.height - y

    def beginPath(self) -> _Path:  # noqa: N802
        return _Path()

    def drawPath(self, path: _Path, stroke: int = 1, fill: int = 0) -> None:  # noqa: N802
        d = ["Z" if op == "Z" else f"{op}{_num(x)} {_num(self._y(y))}" for op, x, y in path.parts]
        self.items.append(f'<path d="{" ".join(d)}" {self._paint(stroke, fill)}/>')

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.items.append(
            f'<line x1="{_num(x0)}" y1="{_num(self._y(y0))}" x2="{_num(x1)}" '
            f'y2="{_num(self._y(y1))}" {self._paint(1, 0)}/>'
        )

    def circle(self, x: float, y: float, r: float, stroke: int = 1, fill: int = 0) -> None:
        self.items.append(
            f'<circle cx="{_num(x)}" cy="{_num(self._y(y))}" r="{_num(r)}" '
            f"{self._paint(stroke, fill)}/>"
        )

    def rect(self, x: float, y: float, w: float, h: float, stroke: int = 1, fill: int = 0) -> None:
        self.roundRect(x, y, w, h, 0, stroke, fill)

    def roundRect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        radius: float,  # noqa: N802
        stroke: int = 1,
        fill: int = 0,
    ) -> None:
        rounded = f' rx="{_num(radius)}"' if radius else ""
        self.items.append(
            f'<rect x="{_num(x)}" y="{_num(self._y(y + h))}" width="{_num(w)}" '
            f'height="{_num(h)}"{rounded} {self._paint(stroke, fill)}/>'
        )

    # --- text -----------------------------------------------------------------------------------

    def _text(self, x: float, y: float, text: str, anchor: str) -> None:
        s = self._state
        style = ""
        if "Bold" in s.font:
            style += ' font-weight="bold"'
        if "Oblique" in s.font:
            style += ' font-style="italic"'
        opacity = f' fill-opacity="{_num(s.fill_alpha)}"' if s.fill_alpha < 1 else ""
        self.items.append(
            f'<text x="{_num(x)}" y="{_num(self._y(y))}" font-size="{_num(s.size)}"'
            f' text-anchor="{anchor}" fill="{s.fill}"{opacity}{style}>'
            f"{html.escape(text)}</text>"
        )

    def drawString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        self._text(x, y, text, "start")

    def drawRightString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        self._text(x, y, text, "end")

    def drawCentredString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        self._text(x, y, text, "middle")


def radar_svg(chart: RadarFlowable, ident: str, title: str, clean: Callable[[str], str]) -> str:
    """The chart as an <svg> image named by a title and described by the chart's numbers."""
    canvas = SvgCanvas(chart.width, chart.height)
    chart.canv = canvas
    try:
        chart.draw()
    finally:
        del chart.canv
    w, h = _num(chart.width), _num(chart.height)
    return (
        f'<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" font-family="{html.escape(FONT_STACK)}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-t">{html.escape(title)}</title>'
        f'<desc id="{ident}-d">{html.escape(describe(chart.series, clean))}</desc>'
        + "".join(canvas.items)
        + "</svg>"
    )
