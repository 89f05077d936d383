"""User text made safe for reportlab paragraphs, and the small wordings the report repeats."""

from __future__ import annotations

import datetime as dt
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from xml.sax.saxutils import escape

from ..framework import Scale

REPLACEMENT = "\ufffd"
CHUNK = 2500  # longest run of user text given to one Paragraph (keeps splitting fast)


@cache
def _glyphs() -> frozenset[int]:
    """Code points both the regular and bold DejaVu fonts can draw."""
    from reportlab.pdfbase import pdfmetrics

    from .fonts import BOLD, REGULAR, register_fonts

    register_fonts()
    regular = pdfmetrics.getFont(REGULAR).face.charToGlyph
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph
    return frozenset(c for c in regular if c in bold and c <= 0xFFFF)


@cache
def _drawable() -> frozenset[str]:
    return frozenset(chr(c) for c in _glyphs()) | {"\n", "\t"}


_seen = threading.local()


@dataclass
class Unprintable:
    """What a report could not print as typed: characters no font has, right-to-left text."""

    missing: set[str] = field(default_factory=set)
    rtl: bool = False

    def warnings(self) -> list[str]:
        out = [missing_warning(self.missing)] if self.missing else []
        if self.rtl:
            out.append("Right-to-left text (Arabic, Hebrew) prints in the PDF letter by letter from "
                       "left to right, without joined letters; the web page (HTML) edition shows it "
                       "as typed.")
        return out


@contextmanager
def collecting_missing() -> Iterator[Unprintable]:
    """Collect, while a report is built on this thread, what it could not print as typed."""
    found = Unprintable()
    _seen.found = found
    try:
        yield found
    finally:
        _seen.found = None


@cache
def _rtl() -> frozenset[str]:
    """The right-to-left letters the font has: reportlab sets them unjoined, left to right."""
    return frozenset(ch for ch in _drawable() if unicodedata.bidirectional(ch) in ("R", "AL"))


def _note(text: str, found: Unprintable | None) -> None:
    if found is not None and not found.rtl and not _rtl().isdisjoint(text):
        found.rtl = True


def missing_warning(missing: set[str], limit: int = 12) -> str:
    """Name the characters the PDF shows as U+FFFD, for the consultant."""
    chars = sorted(missing)
    named = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars[:limit])
    more = f" and {len(chars) - limit} more" if len(chars) > limit else ""
    return (f"{len(chars)} character{'s' if len(chars) != 1 else ''} in this engagement cannot be "
            f"printed with the report's fonts and show as “{REPLACEMENT}” in the PDF: "
            f"{named}{more}. "
            "The web page (HTML) edition shows them as typed.")


def printable(text: str) -> str:
    """Normalise text and replace what the font cannot draw with U+FFFD; drop control codes."""
    text = unicodedata.normalize("NFC", text)
    found: Unprintable | None = getattr(_seen, "found", None)
    _note(text, found)
    if set(text) <= _drawable():
        return text
    glyphs = _glyphs()
    out = []
    missing = found.missing if found is not None else None
    for ch in text:
        if ch in "\n\t" or ord(ch) in glyphs:
            out.append(ch)
        elif unicodedata.category(ch) == "Zs":
            out.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cf", "Cs"):
            out.append(REPLACEMENT)
            if missing is not None:
                missing.add(ch)
    return "".join(out)


def esc(text: object) -> str:
    """Return user text as inert paragraph markup: every <, > and & shown literally.

    Chinese, Japanese and Korean print in the fallback font when one is installed.
    """
    value = unicodedata.normalize("NFC", "" if text is None else str(text))
    _note(value, getattr(_seen, "found", None))
    value = escape(value) if set(value) <= _drawable() else _with_fallback(value)
    return value.replace("\t", " ").replace("\n", "<br/>")


def _with_fallback(text: str) -> str:
    """Escape text, setting the runs DejaVu lacks but the fallback font has in that font."""
    from .fonts import fallback_font

    fallback = fallback_font()
    drawable = _drawable()
    runs: list[tuple[bool, str]] = []  # (in the fallback font, text)
    for ch in text:
        use = fallback is not None and ch not in drawable and ord(ch) in fallback[1]
        piece = ch if use else printable(ch)
        if runs and runs[-1][0] == use:
            runs[-1] = (use, runs[-1][1] + piece)
        else:
            runs.append((use, piece))
    name = fallback[0] if fallback else ""
    return "".join(f'<font face="{name}">{escape(run)}</font>' if use else escape(run)
                   for use, run in runs)


def inline(text: object) -> str:
    """Escape a one-line value (names, labels): line breaks become spaces."""
    return esc(" ".join(str("" if text is None else text).split()))


def pieces(text: str, size: int = CHUNK) -> list[tuple[str, bool]]:
    """Split long user text into paragraphs at line breaks, and very long lines at sentences.

    Each piece comes with whether it continues the same line (so it is set without a gap).
    A note of many pages still flows across pages, and reportlab splits each piece quickly.
    """
    out: list[tuple[str, bool]] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            continue
        while len(line) > size:
            cut = line.rfind(". ", size // 2, size)
            cut = cut + 1 if cut > 0 else line.rfind(" ", size // 2, size)
            cut = cut if cut > 0 else size
            out.append((line[:cut].rstrip(), True))
            line = line[cut:].lstrip()
        if line:
            out.append((line, False))
    return out


def chunks(text: str, size: int = CHUNK) -> list[str]:
    return [piece for piece, _ in pieces(text, size)]


def level_label(scale: Scale, level: int | None, empty: str | None = None) -> str:
    """Return "3 · Established", or empty (e.g. "Not agreed") or the scale's not-assessed label."""
    if level is None:
        return empty or scale.not_assessed_label
    try:
        return f"{level} · {scale.level(level).name}"
    except KeyError:
        return f"{level}"


def long_date(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def short_date(value: dt.date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else ""


def rounded(value: float, decimals: int = 1) -> float:
    """Round half up, as a reader does (2.35 to 2.4, 14.5 to 15), to the digits the report prints."""
    step = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP))


def one_decimal(value: float | None) -> str:
    return "–" if value is None else f"{rounded(value, 1):.1f}"


def whole(value: float | None) -> str:
    return "–" if value is None else f"{rounded(value, 0):.0f}"


def change(before: float | None, after: float | None, decimals: int = 1) -> float | None:
    """The change between two figures as printed, so it always equals what a reader subtracts."""
    if before is None or after is None:
        return None
    return rounded(rounded(after, decimals) - rounded(before, decimals), decimals)


def signed(value: float | None, decimals: int = 0) -> str:
    """Return +2 / −1 / 0 with a true minus sign; – when unknown."""
    if value is None:
        return "–"
    text = f"{abs(value):.{decimals}f}"
    if round(value, decimals) == 0:
        return "0" if decimals == 0 else f"{0:.{decimals}f}"
    return ("+" if value > 0 else "\u2212") + text


_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(count: int) -> str:
    """Small counts in words in running text (six dimensions), larger ones in figures (15 factors)."""
    return _WORDS[count] if 0 <= count < len(_WORDS) else str(count)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def side_name(side: str, client: str, provider: str) -> str:
    """Name the organisation behind a side (client, provider, joint, facilitator, observer)."""
    return {"client": client, "provider": provider, "joint": "Joint", "facilitator": "Facilitator",
            "observer": "Observer"}.get(side, side.capitalize())


def fit_line(text: str, font: str, size: float, width: float) -> str:
    """Shorten a one-line text with an ellipsis so it fits the width; make it printable."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = " ".join(printable(text).split())
    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"
