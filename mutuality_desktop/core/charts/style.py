"""Chart colours: the one definition of each series' colour, for the screen, the PDF report and the
Word, PowerPoint and Excel outputs alike (markers and dashes: charts.series.LOOKS).

Client, provider and previous round keep their colours everywhere, so a room that learned
"orange squares = client" on the projector reads the printed report the same way; only the agreed
series may take the brand's primary colour in an output, and only when it stays far from the
others."""

from __future__ import annotations

import colorsys
import math
import re
from dataclasses import dataclass
from typing import Literal

Rgb = tuple[float, float, float]
_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


@dataclass(frozen=True)
class ChartStyle:
    agreed: str = "#1f4e79"
    client: str = "#d55e00"  # Okabe-Ito vermillion and bluish green: safe for colour-blind readers
    provider: str = "#009e73"
    previous: str = "#4a4a4a"  # darker than any side's colour in greyscale (9:1 on white)
    grid: str = "#b0b0b0"
    text: str = "#222222"
    font_family: str = "DejaVu Sans"
    font_scale: float = 1.0  # above 1 for a chart read across a room (presentation mode)
    high_contrast: bool = False  # View -> High contrast: no grey or italic text, a larger legend
    large_text: float = 1.0  # View -> Large text's part of font_scale: the small print grows in full

    @property
    def quiet(self) -> str:
        """The level numbers and the scale note: grey, black in high contrast."""
        return "#000000" if self.high_contrast else "#6b6b6b"

    @property
    def unscored(self) -> str:
        """An axis name no shown series has scored ("(n/a)"): grey, black in high contrast."""
        return "#000000" if self.high_contrast else "#8c8c8c"

    @property
    def unscored_style(self) -> Literal["normal", "italic"]:
        """Italic on a normal screen; upright in high contrast, where italic reads poorly."""
        return "normal" if self.high_contrast else "italic"

    @property
    def grid_line(self) -> str:
        """The rings and spokes: light grey, dark grey in high contrast."""
        return "#4a4a4a" if self.high_contrast else self.grid

    @property
    def legend_scale(self) -> float:
        """The legend's type against the chart's base size: larger in high contrast."""
        return 1.2 if self.high_contrast else 1.0

    @classmethod
    def from_colours(cls, primary: str, accent: str) -> ChartStyle:
        """The outputs' style: agreed in the brand's primary colour (darkened if too pale for
        paper, the default kept if it would be close to a side's colour); client, provider and
        previous round as on screen, whatever the brand (the accent colours no series).

        Raise ValueError when either is not a colour (hex, or a name matplotlib knows).
        """
        to_rgb(accent)  # validated like the primary, though no series takes it
        agreed = _readable(to_rgb(primary))
        default = cls()
        sides = [to_rgb(c) for c in (default.client, default.provider)]
        if min(_distance(agreed, c) for c in sides) < 0.25 or _distance(agreed, to_rgb(default.previous)) < 0.12:
            return default
        return cls(agreed=to_hex(agreed))

def to_rgb(colour: str) -> Rgb:
    """Parse "#rrggbb" or "#rgb" here; a colour name goes to matplotlib (imported only then)."""
    match = _HEX.fullmatch(colour.strip()) if isinstance(colour, str) else None
    if match:
        digits = match.group(1)
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        r, g, b = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
        return r, g, b
    from matplotlib.colors import to_rgb as mpl_to_rgb

    r, g, b = mpl_to_rgb(colour)
    return float(r), float(g), float(b)


def to_hex(rgb: Rgb) -> str:
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in rgb)


def _luminance(rgb: Rgb) -> float:
    """Relative luminance (WCAG): 0 for black, 1 for white."""
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _readable(rgb: Rgb) -> Rgb:
    """Darken a colour too pale to read as a line on white paper (yellow, pastel)."""
    h, lum, s = colorsys.rgb_to_hls(*rgb)
    while _luminance(rgb) > 0.4 and lum > 0.1:
        lum -= 0.03
        rgb = colorsys.hls_to_rgb(h, lum, s)
    return rgb


def _rotated(rgb: Rgb, turn: float) -> Rgb:
    """Turn the hue; keep the result calm (moderate saturation) and dark enough for white paper."""
    h, _, s = colorsys.rgb_to_hls(*rgb)
    return _readable(colorsys.hls_to_rgb((h + turn) % 1.0, 0.42, min(max(s, 0.35), 0.5)))


def _distance(a: Rgb, b: Rgb) -> float:
    """Approximate perceptual distance ("redmean" weighting): 0 for equal, about 1 for opposites."""
    rm = (a[0] + b[0]) / 2
    dr, dg, db = a[0] - b[0], a[1] - b[1], a[2] - b[2]
    return math.sqrt((2 + rm) * dr * dr + 4 * dg * dg + (3 - rm) * db * db) / 3
