"""The scoring guide: six levels, each a big number, its name and the factor's descriptor.

Painted rather than built from labels so it can choose the largest type at which every level
fits the space it has (no scrolling on a 1366x768 laptop; bigger type on a projector), and so the
chosen level of each perspective can be shown as large filled chips readable across a room.
In a smaller window (a 1024x700 projector) it keeps its smallest readable type and grows taller
than the space, so the page scrolls it rather than cutting levels off.

Under the chosen level it shows what the room would have to do to reach the level above (a 2.0
framework's next-level prompt; none at the top level or in a 1.x framework). The walkthrough shows
it under the level of the perspective being scored (or the agreed level while that one has none);
the presentation window only under the agreed level: one side's private view on the projector,
followed by "what it would take", would steer the room before it has agreed, while the prompt
under the agreed level is where the room turns next (the improvement ideas).
The type size is chosen with room for one prompt, so it does not jump when a level is clicked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from math import ceil

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from .. import accessibility, theme

PERSPECTIVES = theme.PERSPECTIVES
# Not N: an "n" in a word typed at the guide by mistake cleared the room's agreed level.
CLEAR_KEYS = {Qt.Key.Key_Delete, Qt.Key.Key_Backspace}
GHOST_SECONDS_MS = 1500  # how long the preview of a click stays after the mouse stops


PRESENTATION_FLOOR_POINT = 7.0  # the guide's type never goes below this, even to fit


# A row's text laid out at a width and type takes the same height whichever guide lays it out
# (the walkthrough, the room's screen, a second window, the next open of a file): the heights are
# kept for the process, by the text's HTML, its font (with Large text and the screen's dots per
# inch) and its width. Opening a file measured the same texts thousands of times (issue 13).
_HEIGHTS: dict[tuple[str, str, int], float] = {}
_HEIGHTS_KEPT = 5000  # a few MB of row texts at most; all of them are dropped when it fills
# The rows of a guide laid out, by everything that decides them (the levels' text, the width, the
# type, the prompt and where it shows, the chips each row makes room for, the look): the guides of
# a file's factors are laid out again at every open and at every visit to a factor.
_Laid = tuple[tuple[tuple[int, int, int, tuple[str, str, int]], ...], int, int, int, int, int]
_LAID: dict[tuple[object, ...], _Laid] = {}
_LAID_KEPT = 3000
# A guide's type metrics at a type size: (pad, number column, chip width, chip height).
_METRICS: dict[tuple[float, float, str], tuple[int, int, int, int]] = {}
# LevelGuide.tallest(): the reference guide of a set of guides, at a width, type and look.
_TALLEST: dict[tuple[object, ...], tuple[list[tuple[int, str, str]], str]] = {}
_TALLEST_KEPT = 256


def _font_key(font: QFont) -> str:
    """Everything about a font that decides how text set in it is laid out, with the dots per inch
    text is laid out at (a document without a device uses the primary screen's)."""
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInchY() if screen is not None else 0.0
    return f"{font.toString()}@{dpi}"


class _Texts:
    """A guide's row texts as laid-out documents, made when first drawn or read, and the images
    drawn from them. Bounded: about eight factors' rows."""

    def __init__(self) -> None:
        self.docs: dict[tuple[str, str, int], QTextDocument] = {}
        # each text's drawn images: rows are made afresh at each layout (a score lays the guide
        # out again), so images kept on a row were drawn again at every keystroke
        self.images: dict[tuple[str, str, int], dict[tuple[int, float, int], QPixmap]] = {}
        self.drawn = 0  # images kept

    def doc(self, key: tuple[str, str, int], font: QFont) -> QTextDocument:
        doc = self.docs.get(key)
        if doc is None:
            if len(self.docs) > 400:
                self.docs.clear()
                self.images.clear()
                self.drawn = 0
            html, _, width = key
            doc = self.docs[key] = QTextDocument()
            doc.setDocumentMargin(0)
            doc.setDefaultFont(font)
            doc.setHtml(html)
            doc.setTextWidth(width)
        return doc

    def height(self, key: tuple[str, str, int], font: QFont) -> int:
        """The laid-out height of a text (from the process's kept heights when it was measured)."""
        height = _HEIGHTS.get(key)
        if height is None:
            if len(_HEIGHTS) >= _HEIGHTS_KEPT:
                _HEIGHTS.clear()
            height = _HEIGHTS[key] = self.doc(key, font).size().height()
        return int(height)


@dataclass
class _Row:
    value: int
    top: int
    height: int
    text: tuple[str, str, int]  # (html, font key, width): the row's text
    font: QFont = field(repr=False)
    texts: _Texts = field(repr=False)

    @property
    def doc(self) -> QTextDocument:
        """The row's text laid out (made when first asked for: most layouts are only measured)."""
        return self.texts.doc(self.text, self.font)

    @property
    def images(self) -> dict[tuple[int, float, int], QPixmap]:
        """The row's text drawn on a background, by (background, pixel ratio, text colour)."""
        return self.texts.images.setdefault(self.text, {})


@dataclass
class _Fit:
    point_size: float
    rows: list[_Row]
    number_width: int
    chip_width: int
    chip_height: int
    pad: int
    total: int


class LevelGuide(QWidget):
    """Show a factor's scoring guide; click or type a level to score the focused perspective."""

    score_requested = Signal(str, object)  # perspective, level (None clears)
    focus_perspective_changed = Signal(str)
    left_forward = Signal()  # Tab after the last perspective
    letter_typed = Signal(str)  # a printable key that scores nothing (the user meant a note)

    def __init__(self, parent: QWidget | None = None, *, min_point: float = 9.5,
                 max_point: float = 15.0, interactive: bool = True) -> None:
        super().__init__(parent)
        self._min_point, self._max_point = min_point, max_point
        self._interactive = interactive
        self._levels: list[tuple[int, str, str]] = []  # value, name, descriptor
        self._prompts: dict[int, str] = {}  # level -> what it takes to reach the next one
        self._reference_prompt = ""  # the longest prompt of the dimension (the type leaves room for it)
        self._reference: list[tuple[int, str, str]] = []  # the longest guide of the dimension
        self._reference_fit: dict[tuple[int, int], float] = {}  # its type size per widget size
        self._chosen: dict[str, int | None] = {}
        self._pending: dict[str, int | None] = {}
        self._focus = "client"
        self._hover: int | None = None
        # The hover preview of a click ("+ Client", dashed) shows only while the mouse moves: a
        # pointer left resting on the guide kept a chip on a level nobody had scored (play-through).
        self._ghost_shown = False
        self._ghost_timer = QTimer(self, singleShot=True, interval=GHOST_SECONDS_MS)
        self._ghost_timer.timeout.connect(self._hide_ghost)
        self._fit: _Fit | None = None
        self._hint: tuple[list[tuple[int, str, str]], QSize] | None = None  # levels, size hint
        self._reserve: tuple[int, str] | None = None  # (level, prompt) while fitting the reference
        self._no_prompt = False  # while fitting without the prompt (it did not fit at the smallest type)
        self._room: tuple[tuple[object, ...], int] | None = None  # (prompts, width, type) -> room held for a line
        self._texts = _Texts()  # laid-out row texts and their drawn images
        # the rows laid out per (width, type size, prompt, text scale), for the levels shown
        self._computed: tuple[list[tuple[int, str, str]], dict[tuple[object, ...], _Fit]] = ([], {})
        self.editable = True
        self.tab_leaves_by_signal = False  # Tab after agreed emits left_forward (the page places focus)
        self.grow_to_fit = False  # in a scroll area: never shorter than the smallest type needs
        # The room's screen (F11): the type is the largest at which this factor's levels fit, not
        # the size its dimension's longest guide needs, and a row is as tall as its text and its
        # own chips need, with room kept for the two further chips a score can add anywhere (a
        # row held room for three chips each, which kept the type at about 14 px with empty
        # space in every row: play-through s6 finding 3).
        self.per_factor = False
        self._one_chip = False  # while fitting the type: every row as if it held one chip
        self._room_fits: tuple[list[tuple[int, str, str]], dict[tuple[int, int], float]] = ([], {})
        self.setMouseTracking(interactive)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if interactive else Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName("Scoring guide")
        self._mirror = accessibility.GuideMirror(self)  # the six levels for screen readers

    # --- state -------------------------------------------------------------------------------

    def set_guide(self, levels: list[tuple[int, str, str]],
                  reference: list[tuple[int, str, str]] | None = None,
                  prompts: dict[int, str] | None = None, reference_prompt: str = "") -> None:
        """Show levels as (value, level name, this factor's descriptor), lowest first.

        With a reference (the longest guide among the factor's neighbours), the type is the size
        at which that one fits, so it stays the same from factor to factor instead of jumping.
        prompts: level -> what the room would do to reach the next level (shown under the chosen
        level); reference_prompt: the longest prompt of the reference's dimension.
        """
        if reference is not None and (reference != self._reference
                                      or reference_prompt != self._reference_prompt):
            self._reference = reference
            self._reference_prompt = reference_prompt
            self._reference_fit = {}
        self._levels = levels
        self._prompts = {k: v for k, v in (prompts or {}).items() if v}
        self._fit = None
        self._mirror.set_levels(levels)
        self._mirror.set_state(self._chosen, self._focus, speak=False)
        self._mirror.set_prompt(*self._shown_prompt())
        self._grow()
        self.update()

    def prompt_level(self) -> int | None:
        """The level whose next-level prompt is shown (None: none is)."""
        if self._interactive and self._chosen.get(self._focus) is not None:
            level = self._chosen.get(self._focus)
        else:
            level = self._chosen.get("agreed")
        return level if level is not None and level in self._prompts else None

    def prompt_text(self) -> str:
        """The line shown under the chosen level, e.g. 'To reach level 3: Hold a joint session…'."""
        level = self.prompt_level()
        return "" if level is None else f"To reach level {level + 1}: {self._prompts[level]}"

    def _shown_prompt(self) -> tuple[int | None, str]:
        return self.prompt_level(), self.prompt_text()

    def _prompt_moved(self, before: tuple[int | None, str]) -> None:
        """Lay out again when the prompt moved to another level (the rows change height)."""
        now = self._shown_prompt()
        if now != before:
            self._fit = None
            self._mirror.set_prompt(*now)
            self._grow()

    def set_scores(self, chosen: dict[str, int | None], pending: dict[str, int | None] | None = None) -> None:
        before = self._shown_prompt()
        self._chosen = dict(chosen)
        self._pending = dict(pending or {})
        self._mirror.set_state(self._chosen, self._focus, speak=self._interactive)
        self._prompt_moved(before)
        self.update()

    def focus_perspective(self) -> str:
        return self._focus

    def set_focus_perspective(self, perspective: str) -> None:
        if perspective != self._focus:
            before = self._shown_prompt()
            self._focus = perspective
            self._mirror.set_state(self._chosen, perspective, speak=False)
            self._prompt_moved(before)
            self._mirror.focus_changed()
            self.update()
            self.focus_perspective_changed.emit(perspective)

    def chosen(self, perspective: str) -> int | None:
        return self._chosen.get(perspective)

    def copy_from(self, other: LevelGuide) -> None:
        """Show what another guide shows (the presentation window mirrors the walkthrough)."""
        if other._levels != self._levels or other._prompts != self._prompts:  # a score keeps the
            self._levels = list(other._levels)  # laid-out rows and the room's type size
            self._prompts = dict(other._prompts)
        if other._reference != self._reference or other._reference_prompt != self._reference_prompt:
            self._reference, self._reference_fit = list(other._reference), {}
            self._reference_prompt = other._reference_prompt
        self._chosen, self._pending = dict(other._chosen), dict(other._pending)
        self._focus = other._focus
        self.editable = other.editable  # a read-only file: the room marks no side as being scored
        self._fit = None
        self._mirror.set_levels(self._levels)
        self._mirror.set_state(self._chosen, self._focus, speak=False)
        self._mirror.set_prompt(*self._shown_prompt())
        self.update()

    # --- fitting -----------------------------------------------------------------------------

    @classmethod
    def tallest(cls, guides: list[tuple[list[tuple[int, str, str]], dict[int, str]]],
                width: int = 640, point_size: float = 11.0) -> tuple[list[tuple[int, str, str]], str]:
        """Of several (levels, prompts), the guide that stands tallest with its longest prompt shown,
        and that prompt: the reference the type is fitted to, so it stays the same across them.

        Kept for the process by the guides' text, the width, the type and the look: a second
        open, or the same dimension in another window, reuses it."""
        key = (cls, width, point_size, theme.text_scale(), _font_key(theme.font(point_size)),
               tuple((tuple(levels), tuple(prompts.items())) for levels, prompts in guides))
        kept = _TALLEST.get(key)
        if kept is None:
            if len(_TALLEST) >= _TALLEST_KEPT:
                _TALLEST.clear()
            kept = _TALLEST[key] = cls._find_tallest(guides, width, point_size)
        return list(kept[0]), kept[1]

    @classmethod
    def _find_tallest(cls, guides: list[tuple[list[tuple[int, str, str]], dict[int, str]]],
                      width: int, point_size: float) -> tuple[list[tuple[int, str, str]], str]:
        probe = cls(interactive=False)
        best: tuple[int, list[tuple[int, str, str]], str] | None = None
        try:
            for levels, prompts in guides:
                probe._levels = levels
                plain = probe._compute(width, point_size).total
                extra, longest = 0, ""
                for level, text in prompts.items():
                    if text:
                        probe._reserve = (level, f"To reach level {level + 1}: {text}")
                        grown = probe._compute(width, point_size).total - plain
                        if grown > extra:
                            extra, longest = grown, text
                probe._reserve = None
                if best is None or plain + extra > best[0]:
                    best = (plain + extra, levels, longest)
        finally:
            probe.deleteLater()
        return ([], "") if best is None else (best[1], best[2])

    def fitted_point_size(self) -> float:
        return self._layout().point_size

    def required_height(self, width: int | None = None, point_size: float | None = None) -> int:
        """Return the height all levels need at a width and type size (defaults: current fit).

        This is the unpadded need; the laid-out guide shares any spare height between rows.
        """
        width = self.width() if width is None else width
        pt = self.fitted_point_size() if point_size is None else point_size
        return self._compute(width, pt).total

    def fits(self) -> bool:
        """Whether every level is shown in full at the chosen type size (nothing cut off)."""
        return self.required_height() <= self.height()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Layouts ask many times while a page is built; laying out six rich texts each time
        # showed in the time to open a file.
        if self._hint is None or self._hint[0] is not self._levels:
            self._hint = (self._levels, QSize(640, self._compute(640, self._min_point + 1).total))
        return QSize(self._hint[1])

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 240)

    def apply_look(self) -> None:
        """View -> Large text or High contrast changed (theme.apply): fit the type again, repaint."""
        self._fit, self._reference_fit, self._hint = None, {}, None
        self._computed = ([], {})  # the type and colours changed
        self._grow()
        self.updateGeometry()
        self.update()

    def row_span(self, level: int) -> tuple[int, int] | None:
        """(top, height) of a level's row, to scroll it into view."""
        row = next((r for r in self._layout().rows if r.value == level), None)
        return None if row is None else (row.top, row.height)

    def _grow(self) -> None:
        """Keep at least the height every level needs at the smallest type (the scroll area scrolls)."""
        if self.grow_to_fit and self.width() > 0:
            # with room for the factor's longest next-level line wherever it shows, so the height
            # (and the scroll bar) stays as it is while the room scores (issue 13)
            need = 0
            if self._levels:
                saved, self._no_prompt = self._no_prompt, True
                try:
                    need = self._compute(self.width(), self._min_point).total
                finally:
                    self._no_prompt = saved
                need += self._prompt_room(self._min_point) if self._prompts else 0
            if need != self.minimumHeight():
                self.setMinimumHeight(need)

    def _layout(self) -> _Fit:
        if self._fit is None:
            fit = self._fitted(self.width(), self.height())
            dropped = False
            if fit.total > self.height() and not self.grow_to_fit and self.prompt_text():
                # Nowhere to scroll (the presentation window): a level cut off at the bottom is
                # worse than no prompt, so the prompt gives way.
                self._no_prompt = True
                try:
                    fit = self._fitted(self.width(), self.height())
                finally:
                    self._no_prompt = False
                dropped = True
                self._mirror.set_prompt(None, "")  # what is not shown is not described either
            else:
                self._mirror.set_prompt(*self._shown_prompt())
            self._fit = self._steady_spread(fit, self.height(), dropped)
            self._mirror.place([(r.value, r.top, r.height) for r in self._fit.rows], self.width())
        return self._fit

    def _fitted(self, width: int, height: int) -> _Fit:
        """The largest type that fits, but no larger than the reference's (the steady size).

        Laid out once at the steady size when that fits (every keystroke that scores comes here),
        else searched for.
        """
        steady = self._steady_point(width, height)
        if steady is not None:
            fit = self._compute(width, steady)
            if fit.total <= height:
                return fit
        return self._best_fit(width, height)

    def _steady_point(self, width: int, height: int) -> float | None:
        """The type size at which the reference guide fits (cached per size), if there is one."""
        if self.per_factor:
            return self._room_point(width, height)
        if not self._reference or self._reference is self._levels:
            return None
        cache = self._reference_fit
        if (width, height) not in cache:
            levels, self._levels = self._levels, self._reference
            try:
                sizes = []
                for value in ([v for v, _, _ in self._reference[:-1]] if self._reference_prompt else [None]):
                    self._reserve = None if value is None else (
                        value, f"To reach level {value + 1}: {self._reference_prompt}")
                    sizes.append(self._best_fit(width, height).point_size)
                cache[(width, height)] = min(sizes)
            finally:
                self._levels = levels
                self._reserve = None
        return cache[(width, height)]

    def _room_point(self, width: int, height: int) -> float:
        """The room's type: the largest at which this factor's levels fit with one chip a row, room
        for the other two chips on the row that has least room for them, and for the factor's
        longest next-level line (so a score in the room changes no type size). Kept per factor and
        screen size."""
        if self._room_fits[0] is not self._levels:
            self._room_fits = (self._levels, {})
        kept = self._room_fits[1]
        if (width, height) not in kept:
            saved, self._one_chip = self._one_chip, True
            try:
                room = height
                sizes = []
                for level, text in self._prompts.items():
                    if text:
                        self._reserve = (level, f"To reach level {level + 1}: {text}")
                        fit = self._best_fit(width, room)
                        if fit.total <= room:
                            sizes.append(fit.point_size)
                self._reserve = None
                if not sizes and any(self._prompts.values()):
                    # none fits at the floor: below it (as far as the presentation's floor) with
                    # the line kept, rather than the line dropped for type a step larger (at
                    # 1024x768 with Large text the line went while the levels grew 1 pt: ui14)
                    sizes = self._below_floor_with_prompts(width, room)
                if not sizes:  # no line, or none fits even at the smallest type: the line gives way
                    saved_prompt, self._no_prompt = self._no_prompt, True
                    try:
                        sizes.append(self._best_fit(width, room).point_size)
                    finally:
                        self._no_prompt = saved_prompt
                kept[(width, height)] = min(sizes)
            finally:
                self._one_chip = saved
                self._reserve = None
        return kept[(width, height)]

    def _below_floor_with_prompts(self, width: int, room: int) -> list[float]:
        """Per next-level line, the largest type under the floor at which the levels fit with it."""
        sizes: list[float] = []
        try:
            for level, text in self._prompts.items():
                if not text:
                    continue
                self._reserve = (level, f"To reach level {level + 1}: {text}")
                pt = self._min_point - 0.25
                while pt >= PRESENTATION_FLOOR_POINT and self._compute(width, pt).total > room:
                    pt -= 0.25  # quarter steps: the room has no type to spare
                if pt < PRESENTATION_FLOOR_POINT:
                    return []  # one line fits at no size: the lines give way, as before
                sizes.append(pt)
        finally:
            self._reserve = None
        return sizes

    def _steady_spread(self, fit: _Fit, height: int, dropped: bool = False) -> _Fit:
        """Spread the spare height between the rows, holding back at the bottom the room the
        factor's longest next-level line takes: when the line appears under the level just scored,
        that level and every row above it stay where they were, and the rows below move down into
        the room held for it (playthrough 1, finding 16: every row shifted by up to 24 px)."""
        if dropped or not self._prompts or not fit.rows:
            return self._spread(fit, height)
        room = self._prompt_room(fit.point_size)
        prompt_at = self.prompt_level()
        saved, self._no_prompt = self._no_prompt, True
        try:
            base = self._compute(self.width(), fit.point_size)
        finally:
            self._no_prompt = saved
        heights = [r.height for r in self._spread(base, height - room).rows]
        top = 0
        for row, h in zip(fit.rows, heights, strict=True):
            row.top = top
            row.height = max(h, row.height) if row.value == prompt_at else h
            top += row.height + 1
        return _Fit(fit.point_size, fit.rows, fit.number_width, fit.chip_width, fit.chip_height,
                    fit.pad, max(0, top - 1))

    def _prompt_room(self, pt: float) -> int:
        """The most any of this factor's next-level lines adds to its row, at this type and width."""
        key = (tuple(sorted(self._prompts.items())), self.width(), pt)
        if self._room is None or self._room[0] != key:
            saved, self._no_prompt = self._no_prompt, True
            try:
                plain = {r.value: r.height for r in self._compute(self.width(), pt).rows}
            finally:
                self._no_prompt = saved
            room = 0
            try:
                for level, text in self._prompts.items():
                    self._reserve = (level, f"To reach level {level + 1}: {text}")
                    grown = next((r.height for r in self._compute(self.width(), pt).rows if r.value == level), 0)
                    room = max(room, grown - plain.get(level, grown))
            finally:
                self._reserve = None
            self._room = (key, room)
        return self._room[1]

    @staticmethod
    def _spread(fit: _Fit, height: int) -> _Fit:
        """Share the height left over between the rows, so the guide fills its space evenly."""
        spare = height - fit.total
        if spare <= 0 or not fit.rows:
            return fit
        extra, top = spare // len(fit.rows), 0
        for row in fit.rows:
            row.top = top
            row.height += extra
            top += row.height + 1
        return _Fit(fit.point_size, fit.rows, fit.number_width, fit.chip_width, fit.chip_height,
                    fit.pad, max(0, top - 1))

    def _best_fit(self, width: int, height: int) -> _Fit:
        steps = int(round((self._max_point - self._min_point) / 0.5))
        sizes = [self._min_point + 0.5 * i for i in range(steps + 1)]
        lo, hi = 0, len(sizes) - 1
        best = self._compute(width, sizes[0])
        if best.total > height:
            if self.grow_to_fit or (self._reserve is not None or (self.prompt_text() and not self._no_prompt)):
                # the scroll area scrolls; or, in the presentation, the next-level line goes first
                # (the layout drops it and fits again) before the type goes below its floor
                return best
            # Nowhere to scroll (the presentation window, Large text on a 1024x768 projector):
            # smaller type rather than a level cut off the foot of the screen (play-through s6).
            pt = sizes[0]
            while best.total > height and pt > PRESENTATION_FLOOR_POINT:
                pt -= 0.5
                best = self._compute(width, pt)
            return best
        while lo < hi:  # the largest size that still fits (height grows with size)
            mid = (lo + hi + 1) // 2
            fit = self._compute(width, sizes[mid])
            if fit.total <= height:
                lo, best = mid, fit
            else:
                hi = mid - 1
        return best if best.point_size == sizes[lo] else self._compute(width, sizes[lo])

    def _compute(self, width: int, pt: float) -> _Fit:
        """The rows laid out at a width and type size, with the prompt where it is shown now.

        Kept per guide (a score lays the guide out several times, mostly as it was before);
        each caller gets its own rows, which the spreading moves.
        """
        prompt_at, prompt = self._reserve or (self.prompt_level(), self.prompt_text())
        if self._no_prompt:
            prompt = ""
        if self._computed[0] is not self._levels:
            self._computed = (self._levels, {})
        kept = self._computed[1]
        key = (width, pt, prompt_at if prompt else None, prompt, theme.text_scale(), self._chip_slots())
        fit = kept.get(key)
        if fit is None:
            if len(kept) > 200:
                kept.clear()
            fit = kept[key] = self._compute_rows(width, pt, prompt_at, prompt)
        return _Fit(fit.point_size, [_Row(r.value, r.top, r.height, r.text, r.font, r.texts) for r in fit.rows],
                    fit.number_width, fit.chip_width, fit.chip_height, fit.pad, fit.total)

    def _chip_slots(self) -> tuple[int, ...] | None:
        """Per row (highest level first), the chips it must have room for; None: three each."""
        if not self.per_factor:
            return None
        if self._one_chip:
            return tuple(1 for _ in self._levels)
        return tuple(max(1, len(self._row_chips(value))) for value, _, _ in reversed(self._levels))

    def _compute_rows(self, width: int, pt: float, prompt_at: int | None, prompt: str) -> _Fit:
        font = self._body_font(pt)
        font_key = _font_key(font)
        slots = self._chip_slots() or tuple(3 for _ in self._levels)
        key = (tuple(self._levels), width, pt, prompt_at if prompt else None, prompt, slots, self._one_chip,
               self._min_point, theme.text_scale(), theme.ACCENT_DARK, font_key)
        laid = _LAID.get(key)
        if laid is None:
            if len(_LAID) >= _LAID_KEPT:
                _LAID.clear()
            laid = _LAID[key] = self._lay_out_rows(width, pt, prompt_at, prompt, font, font_key, slots)
        rows, number_width, chip_width, chip_height, pad, total = laid
        return _Fit(pt, [_Row(value, top, height, text, font, self._texts) for value, top, height, text in rows],
                    number_width, chip_width, chip_height, pad, total)

    def _lay_out_rows(self, width: int, pt: float, prompt_at: int | None, prompt: str, font: QFont,
                      font_key: str, slots: tuple[int, ...]) -> _Laid:
        pad, number_width, chip_width, chip_height = self._metrics(pt, font_key)
        text_width = max(120, width - number_width - chip_width - 3 * pad)
        rows: list[tuple[int, int, int, tuple[str, str, int]]] = []
        top = 0
        for index, (value, name, descriptor) in enumerate(reversed(self._levels)):  # highest level at the top
            min_height = slots[index] * chip_height + 2 * slots[index] + pad
            html = f"<b>{escape(name)}.</b>&nbsp; {escape(descriptor)}"
            if value == prompt_at and prompt:
                head, _, rest = prompt.partition(": ")
                # never larger than the level's own text (under the floor it was 10 pt under 9.5)
                html += (f"<p style='margin-top:{pad // 3}px; color:{theme.ACCENT_DARK}; "
                         f"font-size:{min(pt, max(self._min_point - 1, pt - 1.5)) * theme.text_scale():.1f}pt'>"
                         f"<b>{escape(head)}:</b>&nbsp; {escape(rest)}</p>")
            text = (html, font_key, text_width)
            height = max(min_height, self._texts.height(text, font) + 2 * pad)
            rows.append((value, top, height, text))
            top += height + 1
        if self._one_chip and rows:  # fitting the room's type: all three chips may meet on one row
            three = 3 * chip_height + 2 * 3 + pad
            top += max(0, max(three - height for _, _, height, _ in rows))
        return tuple(rows), number_width, chip_width, chip_height, pad, max(0, top - 1)

    def _metrics(self, pt: float, font_key: str) -> tuple[int, int, int, int]:
        """(pad, number column's width, chip width, chip height) at a type size (kept per look)."""
        key = (pt, theme.text_scale(), font_key)
        metrics = _METRICS.get(key)
        if metrics is None:
            if len(_METRICS) > 2000:
                _METRICS.clear()
            pad = max(6, round(pt * 0.75))
            number_width = QFontMetrics(self._number_font(pt)).horizontalAdvance("5") + 3 * pad
            chip_fm = QFontMetrics(self._chip_font(pt))
            chip_width = chip_fm.horizontalAdvance("Provider") + 2 * pad + 4
            metrics = _METRICS[key] = (pad, number_width, chip_width, chip_fm.height() + 4)
        return metrics

    @staticmethod
    def _body_font(pt: float) -> QFont:
        return theme.font(pt)

    @staticmethod
    def _number_font(pt: float) -> QFont:
        return theme.font(pt * 2.3, weight=QFont.Weight.Bold)

    @staticmethod
    def _chip_font(pt: float) -> QFont:
        return theme.font(max(8.0, pt - 0.5), weight=QFont.Weight.Bold)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._fit = None
        if event.size().width() != event.oldSize().width():
            self._grow()
        super().resizeEvent(event)

    # --- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        fit = self._layout()
        for row in fit.rows:
            self._paint_row(p, fit, row)
            p.setPen(QPen(QColor(theme.LINE), 1))
            p.drawLine(0, row.top + row.height, self.width(), row.top + row.height)
        if self.hasFocus():
            p.setPen(QPen(QColor(theme.ACCENT), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        p.end()

    def _paint_row(self, p: QPainter, fit: _Fit, row: _Row) -> None:
        rect = QRect(0, row.top, self.width(), row.height)
        agreed = self._chosen.get("agreed") == row.value
        if agreed:
            p.fillRect(rect, QColor(theme.ACCENT_TINT))
            p.fillRect(QRect(0, row.top, 6, row.height), QColor(theme.ACCENT))
        elif self._hover == row.value and self.editable:
            p.fillRect(rect, QColor(theme.HOVER))
        p.setFont(self._number_font(fit.point_size))
        p.setPen(QColor(theme.ACCENT if agreed else theme.MUTED))
        number_rect = QRect(fit.pad, row.top + fit.pad // 2, fit.number_width - fit.pad, row.height - fit.pad)
        p.drawText(number_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, str(row.value))
        p.drawPixmap(fit.number_width + fit.pad, row.top + fit.pad, self._text_image(row))
        self._paint_chips(p, fit, row)

    def _text_image(self, row: _Row) -> QPixmap:
        """The row's laid-out text drawn once on its background and kept: a score repaints the
        guide, and drawing six text documents each time was most of its cost."""
        background = self._row_background(row)
        key = (background.rgba(), self.devicePixelRatioF(), QGuiApplication.palette().text().color().rgba())
        images = row.images
        image = images.get(key)
        if image is None:
            self._texts.drawn += 1
            if self._texts.drawn > 48:  # about eight factors' levels kept: bounded memory
                for kept in self._texts.images.values():
                    kept.clear()
                self._texts.drawn = 1
            ratio = self.devicePixelRatioF()
            size = row.doc.size()
            image = QPixmap(max(1, ceil(size.width() * ratio)), max(1, ceil(size.height() * ratio)))
            image.setDevicePixelRatio(ratio)
            image.fill(background)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            row.doc.drawContents(painter)
            painter.end()
            images[key] = image
        return image

    def _row_background(self, row: _Row) -> QColor:
        if self._chosen.get("agreed") == row.value:
            return QColor(theme.ACCENT_TINT)
        if self._hover == row.value and self.editable:
            return QColor(theme.HOVER)
        return QColor("white")

    def _chip_rect(self, fit: _Fit, row: _Row, slot: int) -> QRect:
        x = self.width() - fit.chip_width - fit.pad
        y = row.top + fit.pad // 2 + slot * (fit.chip_height + 3)
        return QRect(x, y, fit.chip_width, fit.chip_height)

    def _row_chips(self, value: int) -> list[tuple[str, str]]:
        """The chips a level row shows, top down: (perspective, style), in perspective order."""
        chips = []
        for perspective in PERSPECTIVES:
            if perspective in self._pending:
                if self._pending[perspective] == value:
                    chips.append((perspective, "pending"))
            elif self._chosen.get(perspective) == value:
                chips.append((perspective, perspective))
        focus_here = any(p == self._focus for p, _ in chips)
        if self._hover == value and self.editable and not focus_here and self._ghost_shown:
            chips.append((self._focus, "ghost"))  # what a click would do, while the mouse moves
        return chips

    def _paint_chips(self, p: QPainter, fit: _Fit, row: _Row) -> None:
        p.setFont(self._chip_font(fit.point_size))
        for slot, (perspective, style) in enumerate(self._row_chips(row.value)):
            label = theme.PERSPECTIVE_LABELS[perspective]
            rect = self._chip_rect(fit, row, slot)
            self._chip(p, rect, f"+ {label}" if style == "ghost" else label, style)
            if perspective == self._focus and style != "ghost" and self._interactive and self.editable:
                self._mark_scoring(p, rect)

    @staticmethod
    def _mark_scoring(p: QPainter, rect: QRect) -> None:
        """The level of the view a click scores now: its chip ringed in the accent, with a pointer
        beside it (play-through 11: nothing on the guide said which view a click would change)."""
        accent = QColor(theme.ACCENT)
        p.setPen(QPen(accent, 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        ring = QRectF(rect).adjusted(-1.5, -1.5, 1.5, 1.5)
        p.drawRoundedRect(ring, ring.height() / 2, ring.height() / 2)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(accent)
        mid, tip = rect.center().y() + 0.5, rect.left() - 3.5
        p.drawPolygon([QPointF(tip, mid), QPointF(tip - 5, mid - 5), QPointF(tip - 5, mid + 5)])

    @staticmethod
    def _chip(p: QPainter, rect: QRect, label: str, style: str) -> None:
        radius = rect.height() / 2
        r = QRectF(rect).adjusted(1, 1, -1, -1)
        if style == "agreed":
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(theme.ACCENT))
            text = QColor("white")
        elif style == "client":
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(theme.INK))
            text = QColor("white")
        elif style == "provider":
            p.setPen(QPen(QColor(theme.INK), 2.5))
            p.setBrush(QColor("white"))
            text = QColor(theme.INK)
        else:  # ghost (what a click would do) or pending (not saved)
            pen = QPen(QColor(theme.ERROR_TEXT if style == "pending" else theme.MUTED), 1.5)
            pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            text = QColor(theme.ERROR_TEXT if style == "pending" else theme.MUTED)
        p.drawRoundedRect(r, radius, radius)
        p.setPen(text)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)

    # --- input -------------------------------------------------------------------------------

    def level_at(self, pos: QPointF) -> int | None:
        for row in self._layout().rows:
            if row.top <= pos.y() < row.top + row.height:
                return row.value
        return None

    def slot_at(self, pos: QPointF, level: int) -> str | None:
        """The perspective of the chip under pos on a level's row, if any."""
        fit = self._layout()
        row = next(r for r in fit.rows if r.value == level)
        for slot, (perspective, style) in enumerate(self._row_chips(level)):
            if style != "ghost" and self._chip_rect(fit, row, slot).contains(pos.toPoint()):
                return perspective
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        level = self.level_at(event.position())
        if level != self._hover or not self._ghost_shown:
            self._hover = level
            self._ghost_shown = True
            self.update()
        self._ghost_timer.start()
        cursor = Qt.CursorShape.PointingHandCursor if level is not None and self.editable else Qt.CursorShape.ArrowCursor
        self.setCursor(cursor)

    def _hide_ghost(self) -> None:
        self._ghost_shown = False
        self.update()

    def leaveEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._hover = None
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if not self._interactive or event.button() != Qt.MouseButton.LeftButton:
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        level = self.level_at(event.position())
        if level is None or not self.editable:
            return
        # A click on the chip of the view being scored takes that score away. Another view's chip
        # is part of its row: the click scores the view the screen marks, like the rest of the row
        # (play-through 11: with Agreed marked, a click landing on the Client chip cleared the
        # client's level, a view the screen did not name).
        on_chip = self.slot_at(event.position(), level) == self._focus
        self.score_requested.emit(self._focus, None if on_chip else level)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Score, clear or change perspective from a key; return whether the key was used."""
        key, mods = event.key(), event.modifiers()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        values = [value for value, _, _ in self._levels]
        digit = key - Qt.Key.Key_0
        if 0 <= digit <= 9 and digit in values:
            if self.editable:
                self.score_requested.emit(self._focus, digit)
            return True
        if key in CLEAR_KEYS:
            if self.editable:
                self.score_requested.emit(self._focus, None)
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and values and self.editable:
            current = self._chosen.get(self._focus)
            step = 1 if key == Qt.Key.Key_Up else -1
            start = values[0] if current is None else current + step
            self.score_requested.emit(self._focus, min(values[-1], max(values[0], start)))
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if self.handle_key(event):
            return
        text = event.text()
        if text and text.isprintable() and not text.isspace() and self._interactive:
            self.letter_typed.emit(text)
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt override
        """Tab and Shift+Tab walk client → provider → agreed before leaving the guide."""
        index = PERSPECTIVES.index(self._focus) + (1 if forward else -1)
        if 0 <= index < len(PERSPECTIVES) and self.hasFocus():
            self.set_focus_perspective(PERSPECTIVES[index])
            return True
        if forward and self.hasFocus() and self.tab_leaves_by_signal:
            self.left_forward.emit()
            return True
        return super().focusNextPrevChild(forward)

    def focusInEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        reason = event.reason()  # type: ignore[attr-defined]
        if reason == Qt.FocusReason.TabFocusReason:
            self.set_focus_perspective(PERSPECTIVES[0])
        elif reason == Qt.FocusReason.BacktabFocusReason:
            self.set_focus_perspective(PERSPECTIVES[-1])
        self._mirror.focus_changed()
        self.update()
        super().focusInEvent(event)  # type: ignore[arg-type]

    def focusOutEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._mirror.focus_changed()
        self.update()
        super().focusOutEvent(event)  # type: ignore[arg-type]


class ScoringStrip(QWidget):
    """The line over the walkthrough's guide that names the view a click on a level scores, with
    that view's chip as the guide draws it ("Click a level to score the [Agreed] view").

    Play-through 11: a click in the agreed notes box made the next click on the guide score the
    agreed view, and only the score bar's small "AGREED · SCORING" said so; the facilitator looks
    at the guide. A read-only file scores nothing: the strip is empty then.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.perspective = "client"
        self.keys = False  # a digit typed now scores the view too
        self.editable = True
        self.digits = "0–5"
        self.chip_rect = QRect()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._name()

    def show_scoring(self, perspective: str, *, keys: bool | None = None, editable: bool | None = None) -> None:
        """Name the view a click scores now (and whether digits typed now score it as well)."""
        state = (perspective, self.keys if keys is None else keys,
                 self.editable if editable is None else editable)
        if state != (self.perspective, self.keys, self.editable):
            self.perspective, self.keys, self.editable = state
            self._name()
            self.update()

    def _leads(self) -> list[str]:
        """What comes before the chip, longest first: a narrow column takes a shorter one."""
        if not self.editable:
            return ["Read-only: a click on a level scores nothing", "Read-only: nothing is scored"]
        if self.keys:
            return [f"Click a level or type {self.digits} to score the", f"Click or type {self.digits} to score the",
                    "Click or type to score the", "Scoring the"]
        return ["Click a level to score the", "A click scores the", "Scoring the"]

    def words(self) -> tuple[str, str]:
        """The sentence around the chip: what comes before it and after it."""
        return self._leads()[0], "view" if self.editable else ""

    def text(self) -> str:
        before, after = self.words()
        label = theme.PERSPECTIVE_LABELS[self.perspective]
        return f"{before} {label} {after}" if self.editable else before

    def _name(self) -> None:
        self.setAccessibleName(self.text())

    def _fonts(self) -> tuple[QFont, QFont]:
        size = theme.BASE_POINT_SIZE - 0.5
        return theme.font(size), theme.font(size, weight=QFont.Weight.Bold)

    def _chip_size(self) -> QSize:
        _, bold = self._fonts()
        fm = QFontMetrics(bold)
        return QSize(fm.horizontalAdvance("Provider") + 22, fm.height() + 4)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        plain, _ = self._fonts()
        chip = self._chip_size()
        width = QFontMetrics(plain).horizontalAdvance(self.text()) + chip.width() + 40
        return QSize(width, max(chip.height(), QFontMetrics(plain).height()) + 6)  # a thin line: the guide keeps its height

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(120, self.sizeHint().height())

    def apply_look(self) -> None:
        self.updateGeometry()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor(theme.ACCENT_TINT if self.editable and self.keys else "white"))
        p.fillRect(QRect(0, self.height() - 1, self.width(), 1), QColor(theme.LINE))
        plain, bold = self._fonts()
        before, after = self.words()
        x = 12
        p.setFont(plain)
        p.setPen(QColor(theme.INK if self.editable else theme.MUTED))
        fm = QFontMetrics(plain)
        room = self.width() - x - 8
        middle = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if not self.editable:
            before = next((lead for lead in self._leads() if fm.horizontalAdvance(lead) <= room), self._leads()[-1])
            p.drawText(QRect(x, 0, room, self.height()), middle, fm.elidedText(before, Qt.TextElideMode.ElideRight, room))
            p.end()
            return
        chip = self._chip_size()
        label = theme.PERSPECTIVE_LABELS[self.perspective]
        chip_width = QFontMetrics(bold).horizontalAdvance(label) + 22
        beside = chip_width + fm.horizontalAdvance(after) + 16  # the chip and its word always whole
        # a narrow column (Large text at 1024) takes a shorter lead-in, never one cut short
        before = next((lead for lead in self._leads() if fm.horizontalAdvance(lead) + beside <= room),
                      self._leads()[-1])
        p.drawText(QRect(x, 0, room, self.height()), middle, before)
        x += fm.horizontalAdvance(before) + 8
        rect = QRect(x, (self.height() - chip.height()) // 2, chip_width, chip.height())
        self.chip_rect = QRect(rect)  # where the chip was last drawn
        p.setFont(bold)
        LevelGuide._chip(p, rect, label, self.perspective)
        p.setFont(plain)
        p.setPen(QColor(theme.INK))
        p.drawText(QRect(rect.right() + 8, 0, max(0, self.width() - rect.right() - 8), self.height()), middle, after)
        p.end()


accessibility.register(LevelGuide, QAccessible.Role.List)
accessibility.register(ScoringStrip, QAccessible.Role.StaticText)  # a screen reader reads its sentence
