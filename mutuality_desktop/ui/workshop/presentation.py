"""F11: the current factor, its scoring guide and the scores, full screen in large type for the room."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from ...core.framework import Scale
from ...core.spread import FactorSpread
from .. import theme
from .guide import LevelGuide
from .spread import DotStrip


def show_on_room_screen(window: QWidget) -> None:
    """Show a window full screen on the second screen if there is one, else on this one."""
    screens = QGuiApplication.screens()
    parent = window.parentWidget()
    own = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    target = next((s for s in screens if s is not own), own)
    window.setScreen(target)
    window.setGeometry(target.geometry())
    window.showFullScreen()
    window.activateWindow()
    window.setFocus()


class RoomWindow(QWidget):
    """A full-screen window for the room: a caption, a title and "Esc leaves" over a body.

    Esc or F11 closes it; the header's type grows with the screen (set_header_sizes).
    """

    closed = Signal()

    def __init__(self, title: str, margins: tuple[int, int, int, int], spacing: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"Mutuality Desktop — {title}")
        self.setStyleSheet("background: white;")
        self.body = QVBoxLayout(self)
        self.body.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # the screen decides the size
        self.body.setContentsMargins(*margins)
        self.body.setSpacing(spacing)
        self.caption = QLabel(wordWrap=True)  # long organisation names wrap, never cut
        self.title = QLabel(wordWrap=True)
        self.hint = QLabel("Esc leaves")
        self._restyle()
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.hint)
        self.top = top
        self.body.addLayout(top)
        self.body.addWidget(self.title)

    def _restyle(self) -> None:
        self.caption.setStyleSheet(f"color: {theme.MUTED};")
        self.hint.setStyleSheet(f"color: {theme.MUTED};")
        key = getattr(self, "spread_key", None)
        if key is not None:
            key.setStyleSheet(f"color: {theme.ACCENT_DARK};")

    def apply_look(self) -> None:
        """View -> High contrast or Large text changed (theme.apply): take the new colours and type."""
        self._restyle()
        self.fit_type(self.size())

    def fit_type(self, size: QSize) -> None:
        """Size the type for the screen (subclasses grow it with the screen)."""

    def set_header_sizes(self, caption: float, title: float, hint: float) -> None:
        self.caption.setFont(theme.font(caption, bold=True))
        self.title.setFont(theme.font(title, bold=True))
        self.hint.setFont(theme.font(hint))

    def open_full_screen(self) -> None:
        show_on_room_screen(self)

    def room_key(self, event: QKeyEvent) -> bool:
        """Handle a key other than Esc and F11; return whether it was used."""
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            self.close()
        elif not self.room_key(event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        super().closeEvent(event)
        self.closed.emit()


def caption_lines(caption: str) -> str:
    """The caption wraps between its parts ("FOLLOW-UP (OCT 2026)  ·  BASELINE: AGREED 2 DEVELOPING"),
    never inside one: with Large text at 1366 it broke as "AGREED 2 / DEVELOPING". A part too long for
    a line of its own (a long organisation name) still wraps at its words, never cut."""
    parts = re.split(r"(\s+\u00b7\s+)", caption)
    # within a part, spaces and hyphens hold: "FOLLOW-UP: AGREED 2" broke as "FOLLOW-" / "UP" (s12)
    return "".join(part if index % 2 or len(part) > 40 else part.replace(" ", "\u00a0").replace("-", "\u2011")
                   for index, part in enumerate(parts))


HINT_POINT = 12.5  # the keys hint: about the guide's text size, so the back of the room can read
# it (at 9 pt it was the smallest type on the screen), in the muted colour so it stays quiet


class PresentationWindow(RoomWindow):
    """The current factor, its scoring guide and the scores, on the second screen when there is one."""

    MARGINS = (48, 20, 48, 14)
    SPACING = 12

    def __init__(self, forward_key: Callable[[QKeyEvent], bool], parent: QWidget | None = None) -> None:
        super().__init__("presentation", self.MARGINS, self.SPACING, parent)  # the guide gets the height
        self._forward_key = forward_key
        self._scores: tuple[dict[str, str], str] | None = None
        self._score_point = 18.0  # the scores' type for this screen, before fitting them to its width
        self.set_header_sizes(15, 26, HINT_POINT)
        scores = QHBoxLayout()
        scores.setSpacing(40)
        self.score_labels: dict[str, QLabel] = {}
        for perspective in theme.PERSPECTIVES:
            label = QLabel()
            label.setFont(theme.font(18))
            scores.addWidget(label)
            self.score_labels[perspective] = label
        scores.addStretch(1)
        self.spread = DotStrip(zoom=2.0)  # the participants' own views, never with names (issue 17)
        self.spread.setMinimumWidth(360)
        self.spread.hide()
        # the strip's key, as the walkthrough shows it: which dots are whose (play-through s6 3)
        self.spread_key = QLabel("Own views:  \u25cf Client   \u25cb Provider")
        self.spread_key.setAccessibleName("Own views: filled dots, client; rings, provider")
        self.spread_key.hide()
        self._restyle()
        # the key above the strip; beside it on a narrow screen, where the guide needs the height
        spread_column = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        spread_column.setSpacing(0)
        spread_column.addWidget(self.spread_key, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        spread_column.addWidget(self.spread, 1)
        self.spread_column = spread_column
        # Scores and the strip side by side on a wide screen, the strip under them on a narrow one
        # (on a 1024-pixel projector they ran off the right edge, cut mid-word).
        self.score_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.score_row.addLayout(scores, 1)
        self.score_row.addLayout(spread_column)
        self.guide = LevelGuide(min_point=11, max_point=26, interactive=False)
        self.guide.per_factor = True  # as large as this factor's levels fit (play-through s6 finding 3)
        self.body.addLayout(self.score_row)
        self.body.addSpacing(6)
        self.body.addWidget(self.guide, 1)
        # The keys hint at the foot, right: at the guide's size it no longer fits beside the caption
        # without wrapping the caption onto a third line (and the guide's level 1 off the screen).
        self.top.removeWidget(self.hint)
        self.body.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignRight)

    def set_header(self, caption: str, title: str) -> None:
        self.caption.setText(caption_lines(caption))
        self.title.setText(title)

    def set_scores(self, texts: dict[str, str], focus: str) -> None:
        """Each side's level, and the agreed level in bold: the room reads that one as the answer.

        The side a digit typed now scores is underlined and marked "scoring" in quiet type, and the
        hint says which view the keys score, so the facilitator's keys land where the screen
        says (the cursor is never mistaken for the result). A read-only file scores nothing and
        marks nothing.
        """
        self._scores = (dict(texts), focus)
        scoring = focus if self.guide.editable else ""
        for perspective, label in self.score_labels.items():
            name = theme.PERSPECTIVE_LABELS[perspective]
            agreed = perspective == "agreed"
            weight = "700" if agreed else "400"
            colour = theme.ACCENT if agreed else theme.INK
            line = "underline" if perspective == scoring else "none"
            mark = (f" <span style='color:{theme.MUTED}; font-size:small'>· scoring</span>"
                    if perspective == scoring else "")
            label.setText(f"<span style='color:{theme.MUTED}; text-decoration:{line}'>{name}</span> "
                          f"<span style='font-weight:{weight}; color:{colour}'>{texts[perspective]}</span>"
                          + mark)
        view = theme.PERSPECTIVE_LABELS.get(scoring, "").lower()
        self.hint.setText(f"0–5 score the {view} view  ·  Esc leaves" if view
                          else "Esc leaves")
        self._fit_scores()

    def set_spread(self, spread: FactorSpread | None, scale: Scale) -> None:
        """The dot strip of own views beside the scores; hidden when nobody has given one."""
        self.spread.spread, self.spread.scale = spread, scale
        shown = spread is not None and bool(spread.levels)
        self.spread.setVisible(shown)
        self.spread_key.setVisible(shown)
        self.spread.update()

    def apply_look(self) -> None:
        super().apply_look()
        if self._scores is not None:
            self.set_scores(*self._scores)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self.fit_type(event.size())
        super().resizeEvent(event)

    def fit_type(self, size: QSize) -> None:
        """Header type grows with the screen, as the guide's does: a projector gets larger type."""
        scale = max(1.0, min(2.2, size.height() / 768))
        width = size.width()
        narrow = width < 1300
        # A narrow screen (a 1024x768 projector) is short of height for the guide, whose type is
        # held by it (11 pt with Large text, too small for the back of the room: play-through 7):
        # there the margins and gaps are tighter, the caption a little smaller (one line, where
        # it can), and the strip's key beside the strip, so the guide takes the height.
        self.set_header_sizes((13 if narrow else 15) * scale, 26 * scale, HINT_POINT * scale)
        if narrow:
            self.body.setContentsMargins(24, 10, 24, 6)
            self.body.setSpacing(6)
        else:
            self.body.setContentsMargins(*self.MARGINS)
            self.body.setSpacing(self.SPACING)
        self.spread_column.setDirection(QBoxLayout.Direction.LeftToRight if narrow
                                        else QBoxLayout.Direction.TopToBottom)
        self.spread_column.setSpacing(16 if narrow else 0)
        # three scores must fit one line: "Provider 3 Established" at 18 pt needs about 300 px
        type_scale = min(scale, max(0.8, width / 1280))
        self._score_point = 18 * type_scale
        self.score_row.setDirection(QBoxLayout.Direction.TopToBottom if narrow
                                    else QBoxLayout.Direction.LeftToRight)
        self.spread.set_zoom(2.0 * (type_scale if narrow else scale))
        self.spread_key.setFont(theme.font(11 * (type_scale if narrow else scale)))
        self._fit_scores(width)

    def _fit_scores(self, width: int | None = None) -> None:
        """The three scores on one line, whole: their type steps down from the screen's size until
        they fit (with Large text at 1024 wide, "Client Not assessed · scoring" was cut)."""
        labels = list(self.score_labels.values())
        m = self.body.contentsMargins()
        room = (self.width() if width is None else width) - m.left() - m.right()
        if self.score_row.direction() == QBoxLayout.Direction.LeftToRight and self.spread.isVisibleTo(self):
            # the strip's column as wide as it asks (its key can be wider than the strip's least
            # width): measured by the least, the scores were squeezed and "· scoring" cut at 1366
            column = max(self.spread.minimumWidth(), self.spread_key.sizeHint().width())
            room -= column + max(0, self.score_row.spacing())
        spacing = 40 * (len(labels) - 1) + 8
        point = self._score_point
        while True:
            font = theme.font(point)
            for label in labels:
                if label.font() != font:
                    label.setFont(font)
            if point <= 10 or sum(label.sizeHint().width() for label in labels) + spacing <= room:
                return
            point -= 0.5

    def event(self, event: QEvent) -> bool:
        is_key = event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
        if is_key and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):  # type: ignore[attr-defined]
            self.keyPressEvent(event)  # type: ignore[arg-type]
            return True
        return super().event(event)

    def room_key(self, event: QKeyEvent) -> bool:
        return self._forward_key(event)
