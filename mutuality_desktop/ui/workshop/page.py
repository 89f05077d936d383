"""The walkthrough: navigator, the current factor with its scoring guide, evidence, actions, agenda."""

from __future__ import annotations

import datetime as dt
import gc
import html
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTime, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QBoxLayout,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core import scoring
from ...core.agreement import previous_agreed_text
from ...core.applicability import marks
from ...core.prework.comments import factor_comments
from ...core.scope import dimension_counts, round_count, round_position, round_total_text
from ...core.snapshot import take_snapshot
from ...core.spread import factor_spread
from .. import theme
from ..application import forget_import_sources
from ..commands import (
    AddAction,
    RemoveAction,
    SetConfidence,
    SetNotApplicable,
    SetNotes,
    SetScore,
    UpdateAction,
)
from ..document import EngagementDocument
from ..flow_row import least_height
from ..settings import Settings
from . import not_agreed, round_guide
from .about import FactorAbout
from .actions import ActionsPanel
from .agenda import AgendaController, AgendaPanel
from .evidence import EvidencePanel
from .goto import choose_factor
from .guide import LevelGuide, ScoringStrip
from .navigator import NOT_APPLICABLE, Navigator
from .parking import ParkingController
from .presentation import PresentationWindow
from .scope_add import offer_to_add
from .scorebar import PerspectiveBar
from .spread import SpreadPanel


class _Title(QLabel):
    """The factor's name, as tall as the longest name of the framework at its width (up to two
    lines): a name that wraps to two lines no longer moves the guide and the cards (play-through 8)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, wordWrap=True)
        self.names: list[str] = []
        self._names_height: dict[tuple[object, ...], int] = {}  # by font, width and names

    def _tallest(self, width: int) -> int:
        font = self.font()
        metrics = QFontMetrics(font)
        room = QRect(0, 0, max(1, width), 10_000)
        flags = int(Qt.TextFlag.TextWordWrap)
        key = (font.toString(), width, tuple(self.names))  # asked many times per factor shown
        tallest = self._names_height.get(key)
        if tallest is None:
            if len(self._names_height) > 200:
                self._names_height.clear()
            tallest = self._names_height[key] = max(
                (metrics.boundingRect(room, flags, name).height() for name in self.names), default=0)
        two = metrics.boundingRect(room, flags, "X\nX").height()  # two lines at most: a third is rare,
        # and costs the guide its room; plus what the label adds around its text
        extra = max(0, super().heightForWidth(width) - metrics.boundingRect(room, flags, self.text()).height())
        return min(tallest, two) + extra

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return max(super().heightForWidth(width), self._tallest(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self._tallest(self.width())))


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _wrapped(tip: str) -> str:
    """A long tooltip as a paragraph, so that it wraps instead of running off the screen."""
    return f"<p>{html.escape(tip, quote=False)}</p>" if tip else ""


class _RoundCombo(QComboBox):
    """The round picker: remembers whether the last choice was made in its open list."""

    _popup_choice = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentIndexChanged.connect(self._on_self_current_index_changed)

    def _on_self_current_index_changed(self, _index: int) -> None:
        self.setToolTip(f"Round: {self.currentText()}" if self.count() else "")

    def showPopup(self) -> None:  # noqa: N802 - Qt override
        self._popup_choice = True
        super().showPopup()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        self._popup_choice = False  # arrows on the closed box
        super().keyPressEvent(event)

    def take_popup_choice(self) -> bool:
        chosen, self._popup_choice = self._popup_choice, False
        return chosen

    SHORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the round's label without its date

    def shown_text(self) -> str:
        """What the closed box shows: the whole "Follow-up (Oct 2026)" where it fits, else the
        round's label alone, shortened with "…" only if even that does not fit (the list was
        cut mid-date, "Follow-up (Oct 202"). The open list and the tooltip keep the date."""
        full = self.currentText()
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        room = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                           QStyle.SubControl.SC_ComboBoxEditField, self).width() - 4
        fm = self.fontMetrics()
        if fm.horizontalAdvance(full) <= room:
            return full
        short = str(self.currentData(self.SHORT_ROLE) or full)
        return fm.elidedText(short, Qt.TextElideMode.ElideRight, room)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        opt.currentText = self.shown_text()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.fit_list()

    def fit_list(self) -> None:
        """The open list as wide as its longest round (with its date), even when the box is not."""
        fm = self.view().fontMetrics()
        widest = max((fm.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0)
        self.view().setMinimumWidth(widest + 40)


class _SideScroll(QScrollArea):
    """The notes and tabs beside the guide (or the agenda under the list), scrolling up and down
    when the screen is too short for them (Large text on a 1024x768 projector made the window taller
    than the screen, and the status bar fell off its foot); as wide as they need, so nothing is cut
    at the side."""

    def __init__(self, side: QWidget | None, shortest: int = 160, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shortest = shortest
        self._hinted = -1  # the height last hinted to the column
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if side is not None:
            self.take(side)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # what Tab or a click reaches is scrolled into sight
            app.focusChanged.connect(self._on_app_focus_changed)

    def take(self, side: QWidget) -> None:
        """Scroll side (given once; best while it is still empty: it is polished in its place)."""
        self.setWidget(side)
        side.installEventFilter(self)  # its minimum changes with Large text: fit it again

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        inner = self.widget()
        if new is not None and inner is not None and inner.isAncestorOf(new) and \
                inner.height() > self.viewport().height():
            # the whole box, not only its caret (ensureWidgetVisible stops once the caret shows)
            top = new.mapTo(inner, QPoint(0, 0))
            half_w, half_h = new.width() // 2, min(new.height(), self.viewport().height() - 16) // 2
            self.ensureVisible(top.x() + half_w, top.y() + half_h, half_w, half_h + 8)

    def fit(self) -> None:
        """The viewport's height, or the panel's minimum where that is taller (then it scrolls):
        never the wrapped text's full height, which left the note boxes far down the panel."""
        inner = self.widget()
        if inner is None:
            return
        bar = self.verticalScrollBar().sizeHint().width()
        need = max(inner.minimumSizeHint().height(), least_height(inner, self.width()))
        if need > self.height():  # narrower beside the scroll bar: the text wraps further
            need = max(need, least_height(inner, self.width() - bar))
        width = self.width() - (bar if need > self.height() else 0)
        height = max(self.height(), need)
        if inner.size() != QSize(width, height):
            inner.resize(width, height)
        if self.sizeHint().height() != self._hinted:  # the lines wrapped again at the new width:
            self._hinted = self.sizeHint().height()  # the column shares its height out again
            self.updateGeometry()  # (else the agenda kept a taller share, the list a shorter one)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt override
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # a wider minimum (the parking editor opened): the splitter makes room
            QTimer.singleShot(0, self, self.fit)
        return False

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        inner = self.widget()
        width = inner.minimumSizeHint().width() if inner is not None else 0
        return QSize(width + self.verticalScrollBar().sizeHint().width(), self._shortest)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        inner = self.widget()
        hint = inner.sizeHint() if inner is not None else QSize(0, 0)
        return QSize(hint.width() + self.verticalScrollBar().sizeHint().width(), hint.height())


class _LeftColumn(QWidget):
    """The round, the factor list and the agenda: the agenda takes at most about a third of the
    height, scrolling beyond it, so the list keeps room for several factors (Large text at 1024)."""

    AGENDA_SHARE = 0.36
    AGENDA_PARKING = 0.6  # while it says what to park: the advice whole (Large text at 1024 cut it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agenda_scroll: _SideScroll | None = None
        self.parking_advice = False  # the agenda says which factors to park (set by the page)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_agenda()

    def fit_agenda(self, parking: bool | None = None) -> None:
        """Cap the agenda's height; `parking`: whether it now says which factors to park."""
        if parking is not None:
            self.parking_advice = parking
        if self.agenda_scroll is not None:
            share = self.AGENDA_PARKING if self.parking_advice else self.AGENDA_SHARE
            self.agenda_scroll.setMaximumHeight(max(self.agenda_scroll.minimumSizeHint().height(),
                                                    int(self.height() * share)))


class WorkshopPage(QWidget):
    """Walk the room through each factor; every edit goes through the document (core + undo)."""

    scores_changed = Signal()
    round_changed = Signal(int)

    def __init__(self, doc: EngagementDocument, settings: Settings,
                 clock: Callable[[], dt.datetime] = dt.datetime.now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.framework = doc.engagement.framework
        self._settings = settings
        self._clock = clock
        self._factor_ids: list[str] = [f.id for d in self.framework.workshop_order() for f in d.factors]
        # Per dimension, the guide of its wordiest factor: the guide's type is set to fit it.
        # With a 2.0 framework, room for the longest next-level prompt under a chosen level.
        # Worked out when a dimension is first opened (about 15 ms each), not all while opening.
        self._reference_guides: dict[str, tuple[list[tuple[int, str, str]], str]] = {}
        self._previous: tuple[str, scoring.Scores] | None = None  # last round's scores
        self._factor_id: str = self._factor_ids[0]
        self._round_id = 0
        self.presentation: PresentationWindow | None = None
        self._shown_saved = True  # the save state the score display last reflected
        self._editable = True
        self._scored_in_list = False  # a digit typed in the factor list scored this factor
        self._panels_fitted = False
        # the factor states and dimension counts the navigator shows (set only where they change)
        self._navigator_shown: tuple[dict[str, tuple[str, int | None]], dict[str, str]] = ({}, {})
        self._summary_shown: tuple[object, ...] = ()  # what the counts and caption were worked out from
        self._build(clock)
        self._connect()
        self.navigator.set_framework(self.framework)
        self._load_rounds()
        self.parking.refresh()
        self.set_editable(not doc.readonly)
        last = settings.last_factor(doc.engagement.info().uuid)
        self.go_to_factor(last if isinstance(last, str) and last in self._factor_ids else self._factor_id)
        forget_import_sources()  # built right after an open, once SQLAlchemy is imported
        # tied to the page: a page closed within the time (every UI test's) leaves nothing to settle
        QTimer.singleShot(SETTLE_MS, self, settle_long_lived_objects)

    # --- building ----------------------------------------------------------------------------

    def _build(self, clock: Callable[[], dt.datetime]) -> None:
        # Built from the page down: each panel is made in its place or put there while it is
        # still empty, so the style sheet is applied to each widget once. Built bottom-up, every
        # level added moved the whole tree below it again, and Qt polished it all again (about a
        # third of an open's processor time). The order widgets join the page is the order Tab
        # follows between those not in the chain below, as before.
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.outer = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(self.outer)
        left = _LeftColumn(self.outer)
        self.outer.addWidget(left)
        right = QWidget(self.outer)
        self.outer.addWidget(right)
        self.outer.setStretchFactor(1, 1)
        self.outer.setSizes([260, 1100])

        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        round_row = QVBoxLayout()  # the caption above: the round's name gets the panel's width
        round_row.setSpacing(2)
        round_row.setContentsMargins(14, 10, 10, 8)
        left_layout.addLayout(round_row)
        round_label = QLabel("&Round", left)
        round_label.setProperty("role", "caption")
        round_row.addWidget(round_label)
        self.round_combo = _RoundCombo(left)
        round_row.addWidget(self.round_combo)
        round_label.setBuddy(self.round_combo)
        self.round_combo.setAccessibleName("Round")
        # A list that drops below the box: a popup centred on the current round put another
        # round under the mouse, and the next click chose it.
        self.round_combo.setStyleSheet("QComboBox { combobox-popup: 0; }")
        self.round_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.round_combo.setMinimumContentsLength(8)
        self.navigator = Navigator(left)
        left_layout.addWidget(self.navigator, 1)
        left.agenda_scroll = _SideScroll(None, shortest=90, parent=left)
        left_layout.addWidget(left.agenda_scroll)
        self.agenda = AgendaPanel(self._settings.agenda_end(), clock)
        left.agenda_scroll.take(self.agenda)
        left_layout.addWidget(self.agenda.foot)  # the Agenda button: put, whatever the panel says
        self.agenda.park_shown.connect(left.fit_agenda)

        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.header = header
        header.setContentsMargins(20, 10, 16, 10)
        header.setSpacing(16)
        right_layout.addLayout(header)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        header.addLayout(titles, 1)
        self.caption = QLabel(right, wordWrap=True)
        self.caption.setFont(theme.font(theme.BASE_POINT_SIZE - 1.5, bold=True))
        self.caption.setProperty("role", "caption")
        titles.addWidget(self.caption)
        self.title = _Title(right)
        self.title.names = [f.name for d in self.framework.workshop_order() for f in d.factors]
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.title.setFont(theme.font(theme.BASE_POINT_SIZE + 6, bold=True))
        titles.addWidget(self.title)
        self.previous_label = QLabel(right, wordWrap=True)  # in a follow-up: where the room stood last time
        self.previous_label.setProperty("role", "caption")
        self.previous_label.hide()
        titles.addWidget(self.previous_label)
        self.older_round = QLabel(right, wordWrap=True)  # editing a round that is not the latest: say so
        self.older_round.hide()
        titles.addWidget(self.older_round)
        self.older_round.setStyleSheet(
            f"color: {theme.ERROR_TEXT}; font-weight: 600;")
        self.bar = PerspectiveBar(right)
        header.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignVCenter)

        self.inner = QSplitter(Qt.Orientation.Horizontal, right)
        right_layout.addWidget(self.inner, 1)
        guide_column = QWidget(self.inner)  # the line naming the view a click scores, over the guide
        self.inner.addWidget(guide_column)
        guide_layout = QVBoxLayout(guide_column)
        guide_layout.setContentsMargins(0, 0, 0, 0)
        guide_layout.setSpacing(0)
        self.scoring_strip = ScoringStrip(guide_column)
        guide_layout.addWidget(self.scoring_strip)
        self.guide_scroll = QScrollArea(guide_column)
        guide_layout.addWidget(self.guide_scroll, 1)
        self.side_scroll = _SideScroll(None, parent=self.inner)  # Large text at 768 high: scrolls, never
        self.inner.addWidget(self.side_scroll)  # taller than the screen
        self.inner.setStretchFactor(0, 1)
        self.inner.setSizes([760, 360])
        self.guide = LevelGuide()
        self.guide.grow_to_fit = True
        self.guide_scroll.setWidget(self.guide)
        self.guide_scroll.setWidgetResizable(True)
        self.guide_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.guide_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.guide_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.guide_scroll.setAccessibleName("Scoring guide area")
        # the level scored stays in view while the guide and its area settle after an open
        self.guide_scroll.viewport().installEventFilter(self)
        self.guide.installEventFilter(self)
        self.guide_scroll.verticalScrollBar().installEventFilter(self)
        # Never squeezed below the guide's own minimum (the chips on its right were cut to "A"
        # and "C" at 1024 with Large text): the list and the notes give way instead.
        self.guide_scroll.setMinimumWidth(self.guide.minimumSizeHint().width()
                                          + self.guide_scroll.verticalScrollBar().sizeHint().width())
        side = QWidget()  # tabs, so the scoring guide keeps all its height
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.side_scroll.take(side)  # in place while still empty
        self.spread = SpreadPanel(side)  # the participants' own views (pre-work), issue 17: above the
        side_layout.addWidget(self.spread)  # comments
        self.tabs = QTabWidget(side)
        side_layout.addWidget(self.tabs, 1)
        self.tabs.tabBar().setAccessibleName("Factor details")
        self.tabs.tabBar().setObjectName("factorDetails")  # narrower tabs: four fit the side panel
        self.tabs.setDocumentMode(True)
        # every tab in sight on a 1024 projector (Evidence, About, Actions, Parking): names shorten
        # rather than hide behind scroll arrows
        self.tabs.tabBar().setUsesScrollButtons(False)
        self.tabs.tabBar().setElideMode(Qt.TextElideMode.ElideRight)
        self.evidence = EvidencePanel()
        self.tabs.addTab(self.evidence, "Evi&dence")  # Alt+E is the Edit menu
        self.about = FactorAbout()
        self.tabs.addTab(self.about, "Abou&t")
        self.actions_panel = ActionsPanel()
        self.tabs.addTab(self.actions_panel, "A&ctions")
        self.spread.names_toggled.connect(self.evidence.set_comment_names)  # names as the dots
        # Tab follows the screen: the round, the factor list, the guide (client, provider,
        # agreed), then the evidence top down: the room's agreed reasoning, its confidence, each
        # side's notes, then the tabs.
        editors = self.evidence.editors
        chain = [self.round_combo, self.navigator, self.guide, editors["agreed"],
                 self.evidence.confidence, self.evidence.not_applicable, editors["client"], editors["provider"],
                 self.evidence.not_agreed_button, self.tabs]  # the button: Alt+G from anywhere
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)
        self._add_shortcuts()
        self.parking = ParkingController(self)  # the parking list: its tab and Ctrl+Shift+P
        self.agenda_plan = AgendaController(self)  # the day's plan: pace, breaks, what to park

    def fit_panels(self, width: int) -> None:
        """Share a window's width: on a 1024-pixel projector the guide needs the room most."""
        large = theme.text_scale() > 1  # Large text: the list a little wider, the notes narrower
        nav = 260 if width >= 1280 else (220 if large else 222)
        side = 360 if width >= 1280 else (300 if large else 330)  # the views strip, its key and flag
        # the list as wide as Mutuality's names need to take two lines at most (play-through 12: with
        # Large text at 1024 most took three and five factors showed), as far as the guide keeps
        # GUIDE_LEAST; below, it gives back what the tab names need to stay whole
        least_nav, want = nav, self.navigator.width_for_two_lines()
        nav = max(nav, min(want, width - side - self.GUIDE_LEAST - 8))
        # every tab's name whole (Large text at 1024 cut them to "Evid...", "A..."), while the guide
        # keeps room to read (its least width made a column of a few words a line): the notes panel
        # takes what it can, and the tab names step down in size, never below the normal type
        # With Large text the panel first widens for the tab names in Large type, as far as the guide
        # keeps its least width (at 1366 they stayed in the normal type); where that is not enough
        # the names step down in size (never below the normal type). The width needed is the same
        # on every factor, so the guide's type does not change size from factor to factor.
        bar = self.tabs.tabBar()
        bar.setFont(theme.font())
        if large:  # the tab names keep the Large type where the window has room (play-through at 1366)
            room = width - nav - max(self.guide_scroll.minimumWidth(), 450) - 12
            side = max(side, min(self._tabs_width(), room))
        self._set_tab_padding(self.TAB_PADDINGS[0])
        size = theme.BASE_POINT_SIZE * theme.text_scale()
        # On a real display at 1024 the names were cut to "Ab...", "Actions ...": the panel's scroll
        # bar takes its width, and the screen's type is wider than offscreen. Where the names do not
        # fit the bar, the space beside each name narrows first, then the type steps down (never
        # below the normal type); each step taken with the counts at their widest, so the same on
        # every factor.
        paddings = list(self.TAB_PADDINGS[1:])
        while self._tabs_need() > self._tabs_room(side) and (paddings or size > theme.BASE_POINT_SIZE):
            if paddings:
                self._set_tab_padding(paddings.pop(0))
                continue
            size = max(theme.BASE_POINT_SIZE, size - 0.5)
            small = theme.font()
            small.setPointSizeF(size)
            bar.setFont(small)
        if large:
            room = width - nav - max(self.guide_scroll.minimumWidth(), 450) - 12
            side = max(side, min(self._tabs_width(), room))
        if self._tabs_need() > self._tabs_room(side):  # still cut: the panel widens for them, as far as
            room = width - nav - max(self.guide_scroll.minimumWidth(), 450) - 12  # the guide allows
            side = max(side, min(side + self._tabs_need() - self._tabs_room(side), room))
        if nav > least_nav and self._tabs_need() > self._tabs_room(side):  # the tab names come first
            give = min(nav - least_nav, self._tabs_need() - self._tabs_room(side))
            nav, side = nav - give, side + give
            nav = max(nav, min(want, width - side - self.GUIDE_LEAST - 8))  # what the guide can spare
        # names in full where they fit: eliding, the bar cut "Actions (2)" to "Actions (..." with
        # room to spare on a real display; it still shortens names on a window too narrow for them
        bar.setElideMode(Qt.TextElideMode.ElideNone if self._tabs_need() <= self._tabs_room(side)
                         else Qt.TextElideMode.ElideRight)
        # the panel's least width from the tabs as they are now, not as the Large type left them
        # (the splitter kept the larger least width and narrowed the guide)
        self.tabs.updateGeometry()
        inner = self.side_scroll.widget()
        inner_layout = inner.layout() if inner is not None else None
        if inner_layout is not None:
            inner_layout.invalidate()
        self.outer.setSizes([nav, max(400, width - nav)])
        self.inner.setSizes([max(300, width - nav - side), side])
        narrow = width < 1280
        # with Large text at 1366 too: beside the cards a name took three lines and the caption two,
        # and the guide lost a fifth of its height (play-through 8)
        narrow = narrow or (large and width < 1600)
        self.title.setFont(theme.font(theme.BASE_POINT_SIZE + (4 if narrow else 6), bold=True))
        # On a projector the bar goes under the title: beside it, long factor names squeezed the
        # bar ("AGREED · SCORI…") and the layout jumped from factor to factor.
        self.header.setDirection(QBoxLayout.Direction.TopToBottom if narrow
                                 else QBoxLayout.Direction.LeftToRight)

    GUIDE_LEAST = 440  # the list widens for its names only as far as the guide keeps this width

    TAB_PADDINGS = (7, 5, 3)  # the space each side of a tab's name, widest first (theme: 7)
    _tab_padding = 7

    def _set_tab_padding(self, padding: int) -> None:
        if padding == self._tab_padding:
            return
        self._tab_padding = padding
        bar = self.tabs.tabBar()
        bar.setProperty("pad", str(padding))  # the theme's QTabBar#factorDetails[pad=...] rules
        style = bar.style()
        style.unpolish(bar)
        style.polish(bar)
        bar.setFont(bar.font())  # the tabs measured again with the new padding

    def _tabs_room(self, side: int) -> int:
        """The tab bar's width in a notes panel this wide: less the scroll bar the panel shows when
        the window is short (a real window's title bar takes the height it needs at 1024x768)."""
        return side - self.side_scroll.verticalScrollBar().sizeHint().width()

    def _tabs_need(self) -> int:
        """The width the tabs take side by side with every name whole: each count taken as two
        digits, and the chosen tab's heavier type (the widest of the names) allowed for."""
        bar = self.tabs.tabBar()
        fm = bar.fontMetrics()
        heavy = QFont(bar.font())
        heavy.setWeight(QFont.Weight.DemiBold)
        hm = QFontMetrics(heavy)
        texts = [bar.tabText(i).replace("&", "") for i in range(bar.count())]
        wholes = [f"{text.partition(' (')[0]} (00)" if i >= 2 else text for i, text in enumerate(texts)]
        # what a tab takes beside its name (padding, edges), from a tab not chosen (normal type)
        beside = min((bar.tabSizeHint(i).width() - fm.horizontalAdvance(text)
                      for i, text in enumerate(texts) if i != bar.currentIndex()), default=0)
        heavier = max((hm.horizontalAdvance(whole) - fm.horizontalAdvance(whole) for whole in wholes), default=0)
        return sum(fm.horizontalAdvance(whole) + beside for whole in wholes) + heavier + 1

    def _tabs_width(self) -> int:
        """What the factor's tabs need side by side, with room for the counts the Actions and
        Parking tabs take on later ("Actions (2)", "Parking (12)")."""
        bar = self.tabs.tabBar()
        tabs = sum(bar.tabSizeHint(i).width() for i in range(bar.count()))
        fm = bar.fontMetrics()
        # every count taken as two digits: the same width on every factor (the guide's type must not
        # change size from factor to factor)
        counts = sum(fm.horizontalAdvance(" (00)") - fm.horizontalAdvance(bar.tabText(i).partition(" (")[1]
                                                                          + bar.tabText(i).partition(" (")[2])
                     for i in range(2, bar.count()))
        # and a little per tab: on a real display the chosen tab's heavier type needs a few pixels more
        return (tabs + counts + bar.fontMetrics().horizontalAdvance("0") + 10 * bar.count()
                + self.side_scroll.verticalScrollBar().sizeHint().width() + 8)

    _fitted_width = 0

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """The window maximised or moved to another screen after it was first shown: share the
        width out again (the panels kept the first, smaller window's shares, and the tab names
        were cut at 1366 with Large text). A splitter dragged by hand is kept until then."""
        super().resizeEvent(event)
        width = self.window().width()
        if self._panels_fitted and abs(width - self._fitted_width) > 40:
            self._fitted_width = width
            QTimer.singleShot(0, self, lambda: self.fit_panels(self.window().width()))

    def apply_look(self) -> None:
        """View -> Large text (theme.apply): share the width out again once the type has changed
        (the list and notes had grown to their larger minimum and kept it, leaving the guide a
        narrow column on a 1024 screen)."""
        if self._panels_fitted:
            QTimer.singleShot(0, self, self._refit_after_look)  # not once deleted

    def _refit_after_look(self) -> None:
        """After Large text or High contrast the factor open stays in sight in the list, and the
        guide shows the level being scored whole (play-through 8: factor 12 open, the list showing
        7-10; the scored level below the guide's foot). Again once the new sizes are laid out."""
        self.fit_panels(self.window().width())
        self._keep_place()
        QTimer.singleShot(0, self, self._keep_place)
        QTimer.singleShot(120, self, self._keep_place)

    def _keep_place(self) -> None:
        current = self.navigator.currentItem()
        if current is not None:
            self.navigator.doItemsLayout()  # the rows' new heights, before asking where the factor is
            rect = self.navigator.visualItemRect(current)
            if not self.navigator.viewport().rect().contains(rect):
                self.navigator.scrollToItem(current, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.reveal_chosen()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if not self._panels_fitted and self.window().width() > 0:
            self._panels_fitted = True
            self.fit_panels(self.window().width())
            self._fitted_width = self.window().width()
        super().showEvent(event)
        # the factor reopened (or gone to before the list had its size) is scrolled into view,
        # and the guide shows its scored level whole
        QTimer.singleShot(0, self, self._scroll_to_current)
        self._reveal_armed = True
        QTimer.singleShot(0, self, self._reveal_if_armed)

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        # Results or Setup shown: "Scored the agreed view of …" was about this page, not that one
        # (play-through 9: it still showed on Results)
        self._forget_said()
        super().hideEvent(event)

    # --- the level scored in view -------------------------------------------------------------

    _reveal_armed = False  # the guide shows the level scored whenever its size changes

    def _arm_reveal(self) -> None:
        """A factor opened: its scored level is brought into view now and again each time the
        guide or its area changes size, until the facilitator scrolls the guide themselves. On
        reopening at 1024x768 the level was revealed before the panels had their final widths;
        the rows then wrapped afresh and the level ended half out of view (play-through 11)."""
        self._reveal_armed = True
        self.reveal_chosen()

    def _reveal_if_armed(self) -> None:
        if self._reveal_armed:
            self.reveal_chosen()

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Resize and self._reveal_armed:
            QTimer.singleShot(0, self, self._reveal_if_armed)  # once the new rows are laid out
        elif kind == QEvent.Type.Wheel or (kind == QEvent.Type.MouseButtonPress
                                           and watched is self.guide_scroll.verticalScrollBar()):
            self._reveal_armed = False  # scrolled by hand: the guide stays where it was put
        return False

    def _scroll_to_current(self) -> None:
        self.navigator.place_current()

    def _add_shortcuts(self) -> None:
        def action(keys: list[QKeySequence], slot: Callable[[], object], text: str) -> QAction:
            act = QAction(text, self)
            act.setShortcuts(keys)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        Key = Qt.Key
        self.next_action = action([QKeySequence(Key.Key_PageDown), QKeySequence("Ctrl+Right")],
                                  self.next_factor, "Next factor")
        self.previous_action = action([QKeySequence(Key.Key_PageUp), QKeySequence("Ctrl+Left")],
                                      self.previous_factor, "Previous factor")
        # Alt+N and Alt+G are the Evidence tab's own keys (Not applicable because, Room does not
        # agree); from another tab they did nothing (second play-through): there they bring the
        # Evidence tab forward with the keyboard on that control. Enabled only while Evidence is
        # hidden, so the tab's own keys never clash with these.
        self._evidence_keys = [
            action([QKeySequence("Alt+N")], lambda: self._to_evidence(self.evidence.not_applicable),
                   "Not applicable because"),
            action([QKeySequence("Alt+G")], lambda: self._to_evidence(self.evidence.not_agreed_button),
                   "Room does not agree"),
        ]
        self.tabs.currentChanged.connect(self._enable_evidence_keys)
        self._enable_evidence_keys()

    def _enable_evidence_keys(self, _index: int = 0) -> None:
        hidden = self.tabs.currentWidget() is not self.evidence
        for act in self._evidence_keys:
            act.setEnabled(hidden)

    def _to_evidence(self, target: QWidget) -> None:
        self.tabs.setCurrentWidget(self.evidence)
        self.side_scroll.ensureWidgetVisible(target)
        if target.isEnabled():
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _connect(self) -> None:
        self.doc.changed.connect(self._on_doc_changed)
        self.doc.save_state_changed.connect(self._on_doc_save_state_changed)
        self.doc.stepped.connect(self._on_doc_stepped)
        self.guide.left_forward.connect(self._on_guide_left_forward)
        self.guide.tab_leaves_by_signal = True
        self.guide.letter_typed.connect(self._on_guide_letter_typed)
        self.doc.add_flusher(self.flush)
        self.navigator.factor_selected.connect(self._on_navigator_factor_selected)
        self.navigator.tab_pressed.connect(self._on_navigator_tab_pressed)
        self.navigator.add_requested.connect(lambda factor_id: offer_to_add(self, factor_id))
        # scrolled away from the open factor: the SCORING card loses its tint (and back again)
        self.navigator.verticalScrollBar().valueChanged.connect(self._on_navigator_scrolled)
        self.navigator.itemSelectionChanged.connect(self._update_bar_active)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_app_focus_changed)
        self.round_combo.activated.connect(self._on_round_combo_activated)
        self.guide.score_requested.connect(self._on_guide_score_requested)
        self.guide.focus_perspective_changed.connect(self._on_guide_focus_perspective_changed)
        self.bar.perspective_clicked.connect(self._on_bar_perspective_clicked)
        self.evidence.notes_saved.connect(self._on_evidence_notes_saved)
        self.evidence.not_agreed_requested.connect(self._on_not_agreed_requested)
        self.evidence.confidence_chosen.connect(self._on_evidence_confidence_chosen)
        self.evidence.not_applicable_chosen.connect(self._on_evidence_not_applicable_chosen)
        self.actions_panel.action_added.connect(self._on_actions_panel_action_added)
        self.actions_panel.action_updated.connect(self._on_actions_panel_action_updated)
        self.actions_panel.action_removed.connect(self._on_actions_panel_action_removed)
        self.agenda.end_time_changed.connect(self._on_agenda_end_time_changed)
        self.agenda.start_time_changed.connect(self._on_agenda_start_time_changed)
        self.agenda.start_reset.connect(self._on_agenda_start_reset)
        self._restore_agenda_start()
        self.bar.set_focus_perspective(self.guide.focus_perspective())
        scale = self.framework.scale
        self.scoring_strip.digits = f"{scale.minimum}–{scale.maximum}" if scale.levels else ""
        self.scoring_strip.show_scoring(self.guide.focus_perspective())

    # --- state -------------------------------------------------------------------------------

    @property
    def factor_id(self) -> str:
        return str(self._factor_id)

    @property
    def round_id(self) -> int:
        return self._round_id

    def factor(self) -> Any:
        return self.framework.factor(self._factor_id)

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.bar.set_editable(editable)
        self.scoring_strip.show_scoring(self.guide.focus_perspective(), editable=editable)
        self._update_bar_active()
        self.guide.editable = editable
        self.evidence.set_editable(editable)
        self.actions_panel.set_editable(editable)
        self.parking.panel.set_editable(editable)

    def flush(self) -> None:
        """Commit typing still waiting for its debounce (before a factor change, undo or close)."""
        self.evidence.flush()

    def commit_action_draft(self) -> None:
        """An action typed in the form but not yet added (or an action's unsaved change) goes into
        the file before the factor changes or the file closes, and the status bar says so: it
        was dropped without a word (play-through s12)."""
        done = self.actions_panel.commit_draft()
        if done:
            self._say(f"{self.factor().name}: {'added the action' if done == 'added' else 'saved the change to the action'}"
                      " you were typing (Ctrl+Z takes it back).")

    def go_to_factor(self, factor_id: str) -> None:
        if factor_id != self._factor_id:
            self._forget_said()  # "Scored … on Joint objective setting" is not about the next factor
            self.commit_action_draft()
            self.flush()
            self.guide_scroll.verticalScrollBar().setValue(0)
        if factor_id != self._factor_id:
            self._scored_in_list = False
            parking = getattr(self, "parking", None)  # made after the first factor is shown
            if parking is not None and self.tabs.currentWidget() is parking.panel:
                # the parking list belongs to no factor: the next factor opens on its evidence
                # (play-through 7: a click meant for "Not applicable because" hit the parking list)
                self.tabs.setCurrentWidget(self.evidence)
        self._factor_id = factor_id
        self._settings.set_last_factor(self.doc.engagement.info().uuid, factor_id)
        factor = self.factor()
        self.title.setText(factor.name)
        self._show_guide_text()
        self.refresh_previous()
        self.navigator.select_factor(factor_id)
        self.refresh_scores()
        self.refresh_evidence(keep_typing=False)
        self.refresh_actions()
        self._arm_reveal()

    def _show_guide_text(self) -> None:
        """The factor's level descriptors (and About tab) in the wording the round on screen was
        scored on: after a move to a newer guide, an earlier round shows its own guide's text."""
        factor = self.factor()
        dimension = self.framework.dimension(factor.dimension_id)
        if dimension.id not in self._reference_guides:  # the type is fitted to the guide in use
            self._reference_guides[dimension.id] = LevelGuide.tallest(
                [(self._guide_of(f), self._prompts_of(f)) for f in dimension.factors])
        reference, reference_prompt = self._reference_guides[dimension.id]
        shown = round_guide.factor_as_scored(self.doc.engagement, self._round_id, factor)
        self._guide_shown_for = self._round_id
        self.guide.set_guide(self._guide_of(shown), reference, prompts=self._prompts_of(shown),
                             reference_prompt=reference_prompt)
        self.about.show_factor(shown)

    def _prompts_of(self, factor: Any) -> dict[int, str]:
        return {lv.value: factor.next_level_prompt(lv.value) for lv in self.framework.scale.levels}

    def _guide_of(self, factor: Any) -> list[tuple[int, str, str]]:
        return [(lv.value, lv.name, factor.descriptor(lv.value)) for lv in self.framework.scale.levels]

    def next_factor(self) -> None:
        self._step_factor(1)

    def previous_factor(self) -> None:
        self._step_factor(-1)

    def _step_factor(self, step: int) -> None:
        shown = self.navigator.factor_ids()  # the round's scope
        index = shown.index(self._factor_id) + step if self._factor_id in shown else 0
        if 0 <= index < len(shown):
            self.go_to_factor(shown[index])
            self.guide.set_focus_perspective("client")
            self.guide.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_round(self, round_id: int) -> None:
        self.flush()
        if round_id != self._round_id:
            self.guide.set_focus_perspective("client")  # a round starts at the client view
        self._round_id = round_id
        index = self.round_combo.findData(round_id)
        if index >= 0:
            self.round_combo.setCurrentIndex(index)
        if getattr(self, "_guide_shown_for", round_id) != round_id:  # each round in its own guide's wording
            self._show_guide_text()
        self._previous = None
        self.refresh_previous()
        self.refresh_scores()
        self.refresh_evidence(keep_typing=False)
        self._arm_reveal()
        self._show_older_round()
        self.round_changed.emit(round_id)

    def start_round(self, round_id: int) -> None:
        """A round just added: shown from its first factor, the list from its heading (second
        play-through: a new round opened on factor 14, where the last round was left)."""
        self.set_round(round_id)
        ids = self.navigator.factor_ids()
        if ids:
            self.go_to_factor(ids[0])
            self.navigator.place_current()

    def _show_older_round(self) -> None:
        rounds = self.doc.engagement.rounds()
        latest = rounds[-1] if rounds else None
        older = latest is not None and latest.id != self._round_id
        if older and latest is not None:
            current = next((r.label for r in rounds if r.id == self._round_id), "")
            self.older_round.setText(f"You are changing {current}, an earlier round "
                                     f"(the latest is {latest.label}).")
        self.older_round.setVisible(older)

    def _load_rounds(self) -> None:
        rounds = self.doc.engagement.rounds()
        self.round_combo.clear()
        for rnd in rounds:
            when = f" ({rnd.date:%b %Y})" if rnd.date else ""
            if when and when.strip().lower() in rnd.label.lower():  # "Review (Dec 2026)": not twice
                when = ""
            self.round_combo.addItem(f"{rnd.label}{when}", rnd.id)
            self.round_combo.setItemData(self.round_combo.count() - 1, rnd.label, _RoundCombo.SHORT_ROLE)
        ids = [r.id for r in rounds]
        if self._round_id not in ids:
            self._round_id = ids[-1]
        self.round_combo.setCurrentIndex(ids.index(self._round_id))
        self.round_combo.fit_list()

    # --- refreshing from core ----------------------------------------------------------------

    def _pending_level(self, perspective: str) -> tuple[bool, int | None]:
        edit = self.doc.pending_edit(("score", self._round_id, self._factor_id, perspective))
        return (True, edit.level) if isinstance(edit, SetScore) else (False, None)

    def refresh_scores(self) -> None:
        scores = self.doc.engagement.scores(self._round_id)
        chosen = {p: (s.level if (s := scores.get((self._factor_id, p))) else None) for p in theme.PERSPECTIVES}
        pending: dict[str, int | None] = {}
        scale = self.framework.scale
        for perspective in theme.PERSPECTIVES:
            is_pending, level = self._pending_level(perspective)
            if is_pending:
                pending[perspective] = level
            shown = level if is_pending else chosen[perspective]
            self.bar.buttons[perspective].set_level(shown, scale.name_of(shown), is_pending)
        self.bar.show_agreement(scale, scores, self._factor_id)  # "Not agreed" (guide 2.1)
        self._show_not_agreed_button(scores)
        self.guide.set_scores(chosen, pending)
        self.spread.set_spread(factor_spread(self.doc.engagement, self._round_id, self._factor_id), scale)
        agreed, na = scoring.levels_of(scores), marks(scores)
        states = {fid: ((NOT_APPLICABLE, None) if fid in na
                        else (scoring.factor_state(scores, fid), agreed.get(fid))) for fid in self._factor_ids}
        scope = self.doc.engagement.scope(self._round_id)
        left_out = frozenset(self.doc.engagement.excluded_factors(self._round_id))
        # The counts, their tooltips, the caption and the round's total read only which factors
        # are agreed, touched, left out or not applicable: a level moving from 2 to 3 changes none
        # of them, so a keystroke that leaves this summary as it was skips them (issue 13).
        label = self._round_label()
        touched = frozenset(f for (f, _), s in scores.items() if s.level is not None or s.notes.strip())
        summary = (self._round_id, self._factor_id, label, tuple(scope), frozenset(left_out),
                   tuple(states.items()), touched)
        if summary != self._summary_shown:
            self._refresh_summary(scores, states, scope, left_out, label)  # the agenda's pace too
            self._summary_shown = summary
        else:  # the pace against the day's plan also reads client and provider levels (pre-work)
            self.agenda.refresh()
        self._refresh_presentation()

    def _refresh_summary(self, scores: scoring.Scores, states: dict[str, tuple[str, int | None]],
                         scope: Sequence[str], left_out: frozenset[str], label: str) -> None:
        """The factor list's marks and counts, the caption and the progress line."""
        # the round's own count, as Results and the report count it: no left-out or
        # not-applicable factor; a dimension outside the scope shows "not in round" instead
        counted = dimension_counts(self.framework, scores, scope, left_out)
        counts = {d.id: (f"{counted[d.id][0]}/{counted[d.id][1]}" if d.id in counted else "")
                  for d in self.framework.dimensions}
        shown_states, shown_counts = self._navigator_shown  # only what changed: a score changes one row
        self.navigator.update_states({f: v for f, v in states.items() if shown_states.get(f) != v},
                                     {d: c for d, c in counts.items() if shown_counts.get(d) != c},
                                     self._count_tips(scores, scope, left_out, counted))
        self._navigator_shown = (states, counts)
        self.navigator.set_scope(tuple(scope), left_out)
        self._show_caption(scope, left_out)
        # the same count as the list's headings and Results' coverage (not-applicable factors out)
        self.agenda.set_progress(sum(a for a, _ in counted.values()), sum(t for _, t in counted.values()))
        # which factors the count leaves out, and why (issue: counts on one screen must square)
        total_tip = round_total_text(self.framework, scores, scope, left_out, label)
        self.agenda.progress_label.setToolTip(_wrapped(total_tip))
        self.agenda.progress_label.setAccessibleDescription(total_tip)

    def _round_label(self) -> str:
        return next((r.label for r in self.doc.engagement.rounds() if r.id == self._round_id), "This round")

    def _count_tips(self, scores: scoring.Scores, scope: Sequence[str], left_out: Iterable[str],
                    counted: dict[str, tuple[int, int]]) -> dict[str, str]:
        """Each dimension heading's tooltip: 'n of m agreed', then which factors the count leaves
        out (left out of the round, marked not applicable), as Results' tab names them."""
        label, gone = self._round_label(), frozenset(left_out)
        tips = {}
        for dim_id, (agreed, total) in counted.items():
            rc = round_count(self.framework, scores, scope, gone, dim_id)
            first = f"{rc.dimension.name}: {agreed} of {total} counted factors agreed."
            tips[dim_id] = f"{first} {rc.explanation(label)}"
        return tips

    def _show_caption(self, scope: Sequence[str], left_out: Iterable[str]) -> None:
        """'MUTUALITY · FACTOR 4 · 3RD OF 14 IN THIS ROUND': the factor's own number (the list's and
        the report's), then its place among the factors the round covers."""
        factor = self.factor()
        dim = self.framework.dimension(factor.dimension_id)
        dimension = dim.name.upper()
        place = round_position(self.framework, scope, left_out, factor.id)
        tip = ""
        if place is not None:  # "IN THIS ROUND" where the round leaves some of the dimension out
            whole = "" if place[1] == len(dim.factors) else " IN THIS ROUND"
            scores = self.doc.engagement.scores(self._round_id)
            na = marks(scores)
            aside = " (NOT APPLICABLE)" if factor.id in na else ""
            # the factor by its own number, as the list and the report call it; its place in the
            # round apart (play-through 8: "FACTOR 10 OF 14" was read out for the list's "11.")
            where = (f"FACTOR {factor.number} OF {place[1]}" if not whole and place[0] == factor.number
                     else f"FACTOR {factor.number}  ·  {_ordinal(place[0]).upper()} OF {place[1]}{whole}")
            self.caption.setText(f"{dimension}  ·  {where}{aside}")
            rc = round_count(self.framework, scores, scope, frozenset(left_out), dim.id)
            if rc.counted != place[1] or place[1] != len(dim.factors):  # say why the counts differ
                tip = (f"Factor {factor.number} is the {_ordinal(place[0])} of the {place[1]} {dim.name} "
                       "factors in this round; "
                       f"{rc.counted} of them are counted. {rc.explanation(self._round_label())}")
        self.caption.setToolTip(_wrapped(tip))
        self.caption.setAccessibleDescription(tip)
        if place is not None:
            return
        if factor.dimension_id in scope:
            self.caption.setText(f"{dimension}  ·  LEFT OUT OF THIS ROUND")
        else:
            self.caption.setText(f"{dimension}  ·  NOT IN THIS ROUND")

    def _notes_moved_state(self) -> bool:
        """Whether the saved notes changed the open factor's mark in the list (one factor's state:
        cheap enough for every keystroke; the list and its counts are redone only when it moved)."""
        shown = self._navigator_shown[0].get(self._factor_id)
        if shown is None or shown[0] == NOT_APPLICABLE:
            return False
        return scoring.factor_state(self.doc.engagement.scores(self._round_id), self._factor_id) != shown[0]

    def _agreed_notes_moved(self) -> bool:
        """A side's level changed the Not agreed sentence in the agreed notes (core rewrites it)."""
        agreed = self.doc.engagement.scores(self._round_id).get((self._factor_id, "agreed"))
        return (agreed.notes if agreed is not None else "") != self.evidence.saved_text("agreed")

    def refresh_evidence(self, keep_typing: bool = True) -> None:
        scores = self.doc.engagement.scores(self._round_id)
        notes = {p: s.notes for p in theme.PERSPECTIVES if (s := scores.get((self._factor_id, p)))}
        unsaved = {}
        for perspective in theme.PERSPECTIVES:
            edit = self.doc.pending_edit(("notes", self._round_id, self._factor_id, perspective))
            if isinstance(edit, SetNotes):
                unsaved[perspective] = edit.notes
        agreed = scores.get((self._factor_id, "agreed"))
        confidence = agreed.confidence if agreed else None
        edit = self.doc.pending_edit(("confidence", self._round_id, self._factor_id))
        if isinstance(edit, SetConfidence):
            confidence = edit.confidence
        self.evidence.load(notes, confidence, unsaved, keep_typing=keep_typing)
        self.bar.show_agreement(self.framework.scale, scores, self._factor_id)  # agreed notes decide "Not agreed"
        self._show_not_agreed_button(scores)
        reason = self.doc.engagement.not_applicable(self._round_id).get(self._factor_id)
        self.evidence.load_not_applicable((self._round_id, self._factor_id), reason)
        self.evidence.show_comments(factor_comments(self.doc.engagement, self._round_id, self._factor_id),
                                    self.framework.scale)  # the returned forms' comments (play-through 8)

    def refresh_actions(self, keep_draft: bool = False) -> None:
        actions = [a for a in self.doc.engagement.actions() if a.factor_id == self._factor_id]
        self.actions_panel.load(actions, keep_draft=keep_draft)
        self.tabs.setTabText(2, f"A&ctions ({len(actions)})" if actions else "A&ctions")

    _said = ""  # the status bar's message as the page last set it

    def _on_doc_changed(self, what: str) -> None:
        if what not in ("score", "notes"):
            self._forget_said()
        if what == "notes":  # every keystroke: notes change no level or chart
            self.refresh_evidence()
            if self._notes_moved_state():  # a first note starts a factor; clearing the last unstarts it
                self.refresh_scores()
            self.scores_changed.emit()
        elif what in ("score", "confidence", "prework"):  # prework: returns imported (ui/prework.py)
            if what != "score":  # a score is in the round on screen, so the round before keeps its
                # levels (an undo in another round shows that round, which reads them again): the
                # next factor after a score does not take the whole engagement's snapshot again
                self._previous = None
            self.refresh_scores()
            if what != "score" or self._agreed_notes_moved():
                self.refresh_evidence()
            self.scores_changed.emit()
        elif what == "scope":
            self.refresh_scores()
            self.scores_changed.emit()  # Results' charts and coverage follow the scope
        elif what == "actions":
            self.refresh_actions(keep_draft=True)  # an action still being typed stays in the form
        elif what == "parking":
            self.parking.refresh()
        elif what == "agenda":
            self.agenda.refresh()
        elif what == "rounds":
            self._load_rounds()
            self.set_round(self.round_combo.currentData())

    def _on_doc_stepped(self, _verb: str, _text: str, key: object) -> None:
        """Undo or redo of a factor's score or note shows that factor (and round), not another."""
        if not (isinstance(key, tuple) and len(key) >= 3 and key[0] in ("score", "notes", "confidence")):
            return
        round_id, factor_id = key[1], key[2]
        if round_id != self._round_id and self.round_combo.findData(round_id) >= 0:
            self.set_round(round_id)
        if factor_id != self._factor_id and factor_id in self._factor_ids:
            self.go_to_factor(factor_id)
        if key[0] == "notes":
            self.tabs.setCurrentWidget(self.evidence)
        if key[0] == "score" and len(key) >= 4 and key[3] in theme.PERSPECTIVES:
            self.guide.set_focus_perspective(str(key[3]))
        self.reveal_chosen()

    def _on_guide_left_forward(self) -> None:
        """Tab after the agreed level: the agreed reasoning, whichever tab was showing."""
        self.tabs.setCurrentWidget(self.evidence)
        self.evidence.editors["agreed"].setFocus(Qt.FocusReason.TabFocusReason)

    def _on_guide_letter_typed(self, text: str) -> None:
        self._say(f"“{text}” went nowhere: in the guide only digits score. Click a note to type.")

    def _say(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)
            self._said = text

    def say(self, text: str) -> None:
        """Report what was just done in the status bar (for a while), in place of the last report."""
        self._say(text)

    def _forget_said(self) -> None:
        """Another kind of edit was made: the page's last report (a score) is no longer the latest."""
        window = self.window()
        if isinstance(window, QMainWindow) and self._said and window.statusBar().currentMessage() == self._said:
            window.statusBar().clearMessage()
        self._said = ""

    @staticmethod
    def _is_scoring_key(event: QKeyEvent) -> bool:
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        return bool(event.text() and event.text().isdigit()) or event.key() in (
            Qt.Key.Key_Delete, Qt.Key.Key_Backspace)

    def reveal_chosen(self) -> None:
        """Scroll the guide so the chips are in view: the level being scored, else the agreed."""
        for perspective in (self.guide.focus_perspective(), "agreed", "client", "provider"):
            level = self.guide.chosen(perspective)
            if level is not None:
                self.reveal_level(level)
                return

    def _on_doc_save_state_changed(self) -> None:
        # Only pending (unsaved) scores depend on the save state. A saved edit is announced as
        # saved and then as changed, which refreshes anyway: reading the scores twice per
        # keystroke showed in the keystroke time.
        saved = self.doc.is_saved()
        if not (saved and self._shown_saved):
            self.refresh_scores()
        self._shown_saved = saved

    # --- edits -------------------------------------------------------------------------------

    def _on_guide_score_requested(self, perspective: str, level: int | None) -> None:
        is_pending, _ = self._pending_level(perspective)
        if not is_pending and self.guide.chosen(perspective) == level:
            self.bar.set_focus_perspective(perspective)
            return  # nothing changes: no history entry, no undo step
        factor = self.factor()
        self.flush()  # notes typed a moment ago are stored first: a level may restate the agreed notes
        if perspective == "agreed" and level is not None and not_agreed.agree_at(self, level):
            self.bar.set_focus_perspective(perspective)
            self.reveal_level(level)
            return
        name = theme.PERSPECTIVE_LABELS[perspective].lower()
        text = (f"Clear the {name} score of {factor.name}" if level is None
                else f"Score {factor.name} ({name}) {level}")
        done = self.doc.execute(SetScore(text, self._round_id, self._factor_id, perspective, level))
        self.bar.set_focus_perspective(perspective)
        if not done:  # refused (a factor marked not applicable takes no level): the window says why,
            return    # and nothing says "Scored" (third play-through, s12)
        self._say(f"Scored the {name} view of {factor.name}: {level} {self.framework.scale.name_of(level)}"
                  if level is not None else f"Cleared the {name} view of {factor.name}")
        if level is not None:
            self.reveal_level(level)

    def reveal_level(self, level: int) -> None:
        """Scroll the guide (in a short window) so the row just scored is in view."""
        if not self.guide_scroll.isVisible():  # the page being built inside the window, or another
            return  # page shown: its size is not known yet (as when the page was built apart)
        span = self.guide.row_span(level)
        if span is not None:
            top, height = span
            self.guide_scroll.ensureVisible(0, top + height // 2, 0, height // 2 + 2)

    def _on_evidence_notes_saved(self, perspective: str, text: str) -> None:
        name = theme.PERSPECTIVE_LABELS[perspective].lower()
        edit = SetNotes(f"Edit the {name} evidence on {self.factor().name}", self._round_id,
                        self._factor_id, perspective, text)
        if self.doc.execute(edit):
            self.evidence.mark_saved(perspective, text)

    def _show_not_agreed_button(self, scores: scoring.Scores) -> None:
        not_agreed.show_button(self, scores)

    def _on_not_agreed_requested(self, record: bool) -> None:
        not_agreed.press(self, record)

    def _on_evidence_confidence_chosen(self, confidence: str | None) -> None:
        self.doc.execute(SetConfidence(f"Set evidence confidence on {self.factor().name}",
                                       self._round_id, self._factor_id, confidence))

    def _on_evidence_not_applicable_chosen(self, target: tuple[int, str], reason: str | None) -> None:
        round_id, factor_id = target
        name = self.framework.factor(factor_id).name
        text = f"Mark {name} not applicable" if reason else f"Mark {name} applicable again"
        self.doc.execute(SetNotApplicable(text, round_id, factor_id, reason))

    def _on_actions_panel_action_added(self, fields: dict[str, Any]) -> None:
        if self.doc.execute(AddAction(self._factor_id, round_id=self._round_id, **fields)):
            self.actions_panel.start_new()

    def _on_actions_panel_action_updated(self, action_id: int, fields: dict[str, Any]) -> None:
        current = next((a for a in self.doc.engagement.actions() if a.id == action_id), None)
        changes = {k: v for k, v in fields.items() if current is None or getattr(current, k) != v}
        if changes:
            self.doc.execute(UpdateAction(action_id, **changes))

    def _on_actions_panel_action_removed(self, action_id: int) -> None:
        self.doc.execute(RemoveAction(action_id))

    # --- navigation and keys -----------------------------------------------------------------

    def _on_navigator_factor_selected(self, factor_id: str) -> None:
        self.go_to_factor(factor_id)
        self.guide.set_focus_perspective("client")  # every new factor starts at the client view

    def _on_navigator_tab_pressed(self, _forward: bool) -> None:
        """Tab from the list: on to the guide, past the perspective just scored from the list."""
        order = theme.PERSPECTIVES
        perspective = self.guide.focus_perspective()
        if self._scored_in_list:
            index = order.index(perspective) + 1
            if index >= len(order):  # the agreed level was typed: its reasoning comes next
                self.evidence.editors["agreed"].setFocus(Qt.FocusReason.TabFocusReason)
                return
            perspective = order[index]
        self.guide.set_focus_perspective(perspective)
        self.guide.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_round_combo_activated(self, index: int) -> None:
        self.set_round(self.round_combo.itemData(index))
        if self.round_combo.take_popup_choice():  # chosen in the open list: back to scoring
            self.guide.setFocus(Qt.FocusReason.OtherFocusReason)
        # Up/Down on the closed box keep the focus there: a second Up must move the round, never
        # raise a score in the round just reached.

    def keys_score(self) -> bool:
        """Whether a digit typed now scores the perspective the bar shows."""
        focus = QApplication.focusWidget()
        room = self.presentation  # in presentation mode the room window takes the digits
        if focus is self.navigator:  # only while the list shows the open factor, selected and in view
            return self._editable and self.navigator.shows(self._factor_id)
        return self._editable and focus is not None and (focus is self.guide
                                                         or room is not None and focus is room)

    def _update_bar_active(self) -> None:
        keys = self.keys_score()
        self.bar.set_active(keys)
        self.scoring_strip.show_scoring(self.guide.focus_perspective(), keys=keys)

    def _on_navigator_scrolled(self, _value: int) -> None:
        self._update_bar_active()

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Focus in a side's notes box makes that side the one a guide click scores, and the
        bar's SCORING card says so (a click on the guide to leave the provider's notes once
        scored the client, unseen)."""
        for perspective, editor in self.evidence.editors.items():
            if new is editor:
                self.guide.set_focus_perspective(perspective)
                break
        self._update_bar_active()

    def ask_go_to_factor(self) -> None:
        """Jump to a factor by typing part of its name ("trust", "exit", "12")."""
        in_round = set(self.navigator.factor_ids())  # a factor outside the round is added from the list
        chosen = choose_factor(self, [(f.id, f"{f.number}. {f.name}",
                                       self.framework.dimension(f.dimension_id).name)
                                      for d in self.framework.workshop_order() for f in d.factors
                                      if f.id in in_round or not in_round])
        if chosen is not None:
            self.go_to_factor(chosen)
            self.navigator.place_current()  # whole, with its heading in sight where it fits (s12)
            self.guide.set_focus_perspective("client")
            self.guide.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_guide_focus_perspective_changed(self, perspective: str) -> None:
        self.bar.set_focus_perspective(perspective)
        self.scoring_strip.show_scoring(perspective)
        self._refresh_presentation()

    def _on_bar_perspective_clicked(self, perspective: str) -> None:
        self.guide.set_focus_perspective(perspective)
        self.guide.setFocus(Qt.FocusReason.MouseFocusReason)

    def _on_agenda_end_time_changed(self, end: QTime) -> None:
        self._settings.set_agenda_end(end)

    def _restore_agenda_start(self) -> None:
        """The clock runs from the first open of the day (or the time the facilitator set), not
        from each reopen: a restart after lunch keeps the morning's start."""
        uuid = self.doc.engagement.info().uuid
        now = self._clock()
        start = self._settings.agenda_start(uuid, now.date())
        ahead = self._settings.agenda_start_ahead(uuid, now.date())
        if start is None and ahead is not None:  # set the night before for its day: kept for it
            self.agenda.set_start(ahead, chosen=True)
        elif start is None:
            self._settings.set_agenda_start(uuid, now)
        else:
            self.agenda.set_start(start, chosen=self._settings.agenda_start_chosen(uuid, now.date()))

    def _on_agenda_start_time_changed(self, start: dt.datetime) -> None:
        self._settings.set_agenda_start(self.doc.engagement.info().uuid, start, chosen=True)

    def _on_agenda_start_reset(self) -> None:  # the start set is forgotten: the plan's start counts
        self._settings.set_agenda_start(self.doc.engagement.info().uuid, self._clock())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """A digit or clearing key typed in the factor list scores the perspective the bar shows.

        Keys left over by any other child (a tab bar, a button) score nothing: the SCORING card is
        not tinted there (it names the side a click on the guide scores).
        """
        if QApplication.focusWidget() is self.navigator:
            if not self.navigator.shows(self._factor_id) and self._is_scoring_key(event):
                # The list was scrolled away from (or lost) the open factor: a digit must not
                # change a factor the list does not show. Bring it back and say so.
                self.navigator.reveal_current()
                self._update_bar_active()
                self._say(f"Nothing scored: the list shows {self.factor().name} again. "
                          "Type the level again to score it.")
                return
            if self.guide.handle_key(event):
                self._scored_in_list = True
                return
        super().keyPressEvent(event)

    def handle_room_key(self, event: QKeyEvent) -> bool:
        """Keys typed in presentation mode: the same scoring and navigation keys."""
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if event.matches(QKeySequence.StandardKey.Undo):
            return self.doc.undo() or True
        if event.matches(QKeySequence.StandardKey.Redo):
            return self.doc.redo() or True
        if self.guide.handle_key(event):
            return True
        order = theme.PERSPECTIVES
        index = order.index(self.guide.focus_perspective())
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            step = -1 if key == Qt.Key.Key_Backtab else 1
            self.guide.set_focus_perspective(order[(index + step) % len(order)])
        elif key == Qt.Key.Key_PageDown or (ctrl and key == Qt.Key.Key_Right):
            self.next_factor()
        elif key == Qt.Key.Key_PageUp or (ctrl and key == Qt.Key.Key_Left):
            self.previous_factor()
        else:
            return False
        return True

    # --- presentation ------------------------------------------------------------------------

    def toggle_presentation(self) -> None:
        if self.presentation is not None and self.presentation.isVisible():
            self.presentation.close()
            return
        if self.presentation is None:
            self.presentation = PresentationWindow(self.handle_room_key, self.window())
            self.presentation.closed.connect(self._on_presentation_closed)
            menus = getattr(self.window(), "actions_", None)  # View's High contrast and Large text:
            self.presentation.addActions(list(getattr(menus, "looks", ())))  # their keys work here too
        self._refresh_presentation()
        self.presentation.open_full_screen()

    def _on_presentation_closed(self) -> None:
        self.window().activateWindow()
        self.guide.setFocus()

    def previous_text(self) -> str:
        """In a follow-up round, the level the room agreed for this factor in the round before."""
        if self._previous is None:  # read once per round, not on every step to the next factor
            snap = take_snapshot(self.doc.engagement)
            known = any(r.round.id == self._round_id for r in snap.rounds)
            before = snap.previous(self._round_id) if known else None
            self._previous = ("", {}) if before is None else (before.label, before.scores)
        label, scores = self._previous
        return previous_agreed_text(self.framework.scale, label, scores, self._factor_id) if label else ""

    def refresh_previous(self) -> None:
        text = self.previous_text()
        self.previous_label.setText(text)
        self.previous_label.setVisible(bool(text))

    def _refresh_presentation(self) -> None:
        room = self.presentation
        if room is None:
            return
        factor = self.factor()
        previous = self.previous_label.text()
        room.set_header(self.caption.text() + f"  ·  {self.round_combo.currentText().upper()}"
                        + (f"  ·  {previous.upper()}" if previous else ""), factor.name)
        room.guide.copy_from(self.guide)
        texts = {p: self.bar.buttons[p].value_text() for p in theme.PERSPECTIVES}
        room.set_scores(texts, self.guide.focus_perspective())
        room.set_spread(self.spread.strip.spread, self.framework.scale)


SETTLE_MS = 1500


def settle_long_lived_objects() -> None:
    """Once the page is built and idle: collect, then leave what is alive now (the window, the
    framework, the libraries) out of later collections. A full collection walked all of it
    during a score keystroke now and then (17 ms, the slowest keystrokes); after this the
    keystroke's own garbage is all a collection looks at. Objects left from an engagement
    closed since the last settle are collected here first. Not while a dialog or menu is open:
    then it waits for the next quiet moment."""
    if QApplication.activeModalWidget() is not None or QApplication.activePopupWidget() is not None:
        QTimer.singleShot(SETTLE_MS, settle_long_lived_objects)
        return
    gc.unfreeze()
    gc.collect()
    gc.freeze()
