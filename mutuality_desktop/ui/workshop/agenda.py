"""Progress through the round and the clock: how long the room has, per factor left."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QActionEvent, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from ...core import operations as ops
from ...core import scoring
from ...core.agenda import (
    DAY,
    ON_PLAN_MINUTES,
    Agenda,
    DayClock,
    Plan,
    agenda_lines,
    check_agenda,
    clock,
    clocks_within_reach,
    day_clock,
    default_agenda,
    duration,
    free_slot,
    out_of_round,
    pace,
    park_advice,
    plan_minutes,
    prework_agreement,
    read_agenda,
    read_typed_time,
    start_day,
)
from ...core.errors import ValidationError
from .. import theme
from ..commands import Edit
from ..flow_row import least_height

if TYPE_CHECKING:
    from ...core.engagement import Engagement
    from ...core.framework import Framework
    from .page import WorkshopPage


@dataclass(frozen=True)
class PaceText:
    """What the panel shows against the plan, worded by the controller from core's figures."""

    headline: str  # "12 min behind: 9 factors left, 70 min to lunch"
    breaks: str  # "Coffee 11:00 · Lunch 12:30 · Tea 14:45"
    park: str  # "" unless falling behind: which factors to park
    behind: bool
    finish: int  # minutes after midnight
    park_names: str = ""  # the factors to park by name, one a line (the tooltip)
    starts: int | None = None  # the planned start (minutes after midnight)


def _step_button(text: str, name: str, tip: str) -> QToolButton:
    """A plain − or + beside a box: big enough to hit, drawn as text so it reads in every theme
    (the spin boxes' own arrows drew as thin broken corners: play-through s5, finding 20)."""
    button = QToolButton()
    button.setText(text)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    button.setProperty("role", "step")
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Up and Down in the box do the same by keyboard
    button.setAutoRepeat(True)
    return button


class TimeBox(QWidget):
    """A time of day, typed as 09:30, 9:30, 0930 or 930 (core's read_typed_time), with − and +
    buttons (and Up and Down) that move it five minutes. What is typed is read when the box is
    left or Return is pressed; anything unreadable stays in the box, framed red, and `error` says
    why (the dialog shows it and will not save), never silently keeping the old time."""

    timeChanged = Signal(QTime)  # noqa: N815 - named as QTimeEdit's
    error_changed = Signal(str)
    fixed_changed = Signal(str)  # why the time cannot be typed here, or ""
    STEP = 5

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._minute = 0
        self.error = ""
        self.fixed_reason = ""
        # Return reads the time and goes no further (the Agenda pop-up): passed on, the pop-up took
        # the first Return to mark its one action and the second to close, so one time typed kept it
        # open and the next closed it (play-through 11's real-display check)
        self.return_reads = False
        self.edit = QLineEdit("00:00")
        self.edit.setAccessibleName(name)
        self.edit.setMaxLength(20)
        self.edit.setToolTip("Type a time such as 09:30 or 0930")
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00:00") + 24)
        self.minus = _step_button("\u2212", f"{name}: five minutes earlier", "Five minutes earlier")
        self.plus = _step_button("+", f"{name}: five minutes later", "Five minutes later")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit, 1)
        row.addWidget(self.minus)
        row.addWidget(self.plus)
        self.setFocusProxy(self.edit)  # a label's mnemonic (Alt+S) lands in the box
        self.edit.editingFinished.connect(self.commit)
        self.minus.clicked.connect(lambda: self.step(-1))
        self.plus.clicked.connect(lambda: self.step(1))
        self.edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.edit and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step(1 if event.key() == Qt.Key.Key_Up else -1)
            return True
        if self.return_reads and watched is self.edit and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit()
            return True
        return False

    def set_fixed(self, reason: str) -> None:
        """Show the time but take no typing, saying why ("" makes it editable again).

        Not disabled: inside the Agenda pop-up a click on a disabled box fell through to the menu,
        which closed, and the digits typed next scored the factor on screen (play-through s5).
        Its − and + are hidden, and the box drawn without its frame: disabled, they looked as
        active as ever and did nothing (play-through 11, on a past workshop day).
        """
        fixed = bool(reason)
        if self.edit.isReadOnly() == fixed and self.fixed_reason == reason:
            return
        self.fixed_reason = reason
        self.edit.setReadOnly(fixed)
        for button in (self.minus, self.plus):
            button.setEnabled(not fixed)
            button.setVisible(not fixed)
        # a time to read, not a box to type in (the frame comes back while it has the keyboard)
        self.edit.setStyleSheet("QLineEdit:!focus { border-color: transparent; background: transparent; }"
                                if fixed else "")
        self.edit.setToolTip(reason or "Type a time such as 09:30 or 0930")
        self.edit.setAccessibleDescription(reason)
        self.edit.setProperty("fixed", fixed)
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)
        self.fixed_changed.emit(reason)

    def time(self) -> QTime:
        return QTime(self._minute // 60, self._minute % 60)

    def minute(self) -> int:
        return self._minute

    def setTime(self, time: QTime) -> None:  # noqa: N802 - named as QTimeEdit's
        self._set(time.hour() * 60 + time.minute())

    def step(self, direction: int) -> None:
        """Five minutes later or earlier, from what is typed if it reads as a time."""
        if self.fixed_reason or not self.commit():
            return
        self._set((self._minute + direction * self.STEP) % DAY)

    def commit(self) -> bool:
        """Read what is typed; False (and the reason in `error`) if it is not a time of day."""
        try:
            minute = read_typed_time(self.edit.text())
        except ValidationError as exc:
            self._show_error(str(exc))
            return False
        self._set(minute)
        return True

    def _set(self, minute: int) -> None:
        changed = minute != self._minute
        self._minute = minute
        text = clock(minute)
        if self.edit.text() != text:
            self.edit.setText(text)
        self._show_error("")
        if changed:
            self.timeChanged.emit(self.time())

    def _show_error(self, error: str) -> None:
        if error == self.error:
            return
        self.error = error
        self.edit.setProperty("invalid", bool(error))
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)
        self.edit.setToolTip(error or "Type a time such as 09:30 or 0930")
        self.error_changed.emit(error)


class StepSpin(QWidget):
    """A number of minutes: the spin box without its arrows, and − and + buttons beside it."""

    def __init__(self, spin: QSpinBox, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spin = spin
        # its own arrows drawn at no width by the theme (NoButtons left its text no room at all)
        spin.setAccessibleName(name)
        step = spin.singleStep()
        self.minus = _step_button("\u2212", f"{name}: {step} fewer", f"{step} minutes fewer")
        self.plus = _step_button("+", f"{name}: {step} more", f"{step} minutes more")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(spin, 1)
        row.addWidget(self.minus)
        row.addWidget(self.plus)
        self.setFocusProxy(spin)
        self.minus.clicked.connect(lambda: spin.stepBy(-1))
        self.plus.clicked.connect(lambda: spin.stepBy(1))


def minutes_text(minutes: int) -> str:
    return duration(minutes)  # the agenda's one way of saying a length of time


_LENGTH = re.compile(r"\b\d+ (?:h \d+ min|h|min|factors?)\b")


def unbroken(text: str) -> str:
    """A length of time or a count of factors kept on one line of a narrow label, number and unit
    together ("23 min", "2 h 9 min", "1 factor": at 1024 and with Large text the lines broke as
    "23 / min in hand", and at 1366 as "…16:30: 1 / factor left", play-through 13)."""
    return _LENGTH.sub(lambda m: m.group(0).replace(" ", "\u00a0"), text)


def bound_break(name: str, start: int) -> str:
    """A break's name and time kept together on a line ("Coffee 11:00", not "Coffee / 11:00")."""
    return f"{name}\u00a0{clock(start)}"


def per_factor_minutes(now: dt.datetime, end: dt.time, factors_left: int) -> int | None:
    """Minutes the room can give each factor still to agree, to finish by the end time."""
    if factors_left <= 0:
        return None
    remaining = (dt.datetime.combine(now.date(), end) - now).total_seconds() / 60
    return max(0, int(remaining // factors_left))



class _PopUpBody(QWidget):
    """The Agenda pop-up's contents. A click on its words or margins stays here: passed on to the
    menu it chose the pop-up's one action and closed it, and the time typed next scored the
    factor instead (play-through 11: "10:00" typed after a click on the note set the client to 0)."""

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        event.accept()


class AgendaPanel(QFrame):
    """Show 'n of m agreed', the time since the workshop started and the time per factor left."""

    end_time_changed = Signal(QTime)
    start_time_changed = Signal(object)  # datetime: the facilitator set when the workshop started
    start_reset = Signal()  # the start set was taken back: the clock counts from the plan's start
    plan_requested = Signal()  # "Plan the day’s times…": start, finish, breaks and minutes per dimension
    park_shown = Signal(bool)  # the advice on what to park came or went: the list column makes room

    def __init__(self, end: QTime, clock: Callable[[], dt.datetime] = dt.datetime.now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        self._clock = clock
        self._start = clock()
        # set by the facilitator (the pop-up's start, "Start the clock now"); else the clock
        # started itself at the day's first open, and a plan's start outranks it
        self._chosen = False
        self._end = end
        self._left = 0
        self._source: Callable[[dt.datetime], PaceText | None] | None = None
        self._day: Callable[[], dt.date | None] | None = None  # the round's own day, if dated
        self._planned: PaceText | None = None
        self._counts: tuple[int, int] | None = None  # factors agreed, and in all
        layout = QVBoxLayout(self)
        # close-set: with Large text at 1024x768 every line, the breaks too, fits the list column's share
        layout.setContentsMargins(14, 8, 10, 8)
        layout.setSpacing(4)
        self.progress_label = QLabel(wordWrap=True)  # Large text: wraps, never widens the list's panel
        self.progress_label.setFont(theme.font(theme.BASE_POINT_SIZE - 0.5, bold=True))
        self.progress_label.installEventFilter(self)
        self.progress = QProgressBar(textVisible=False)
        self.progress.setFixedHeight(6)
        self.progress.setAccessibleName("Factors agreed")
        # The Agenda button sits in a strip of its own at the column's foot (the page puts it under
        # the panel's scroll area): the panel grows upwards when a plan is saved (its lines and the
        # breaks), and the button above them rose about 100 px from under the pointer (play-through
        # 7, 12); at the foot it stays put whatever the panel says, and never scrolls away.
        self.foot = QFrame()
        self.foot.setProperty("role", "panel")
        foot = QHBoxLayout(self.foot)
        foot.setContentsMargins(14, 0, 10, 10)
        foot.addWidget(self._agenda_button(), 0, Qt.AlignmentFlag.AlignLeft)
        foot.addStretch(1)
        self.clock_label = QLabel(wordWrap=True)
        self.clock_label.setProperty("role", "caption")
        self.budget_label = QLabel(wordWrap=True)
        self.pace_label = QLabel(wordWrap=True)  # against the plan: "12 min behind: 9 factors left, …"
        self.pace_label.setAccessibleName("Against the plan")
        self.breaks_label = QLabel(wordWrap=True)
        self.breaks_label.setProperty("role", "caption")
        self.park_label = QLabel(wordWrap=True)  # falling behind: which factors to park
        self.park_label.setAccessibleName("What to park")
        self.park_label.setStyleSheet(f"color: {theme.ERROR_TEXT};")
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.clock_label)
        layout.addWidget(self.budget_label)
        layout.addWidget(self.pace_label)
        layout.addWidget(self.park_label)  # before the breaks: what to park matters more
        layout.addWidget(self.breaks_label)
        for label in (self.pace_label, self.breaks_label, self.park_label):
            label.hide()
        self._timer = QTimer(self, interval=30_000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._word_progress()
            self.updateGeometry()  # the wrapped lines' height changes with the width
        self._fit_breaks()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Tall enough for its wrapped lines at the width it has: the list column gives it this
        (up to its share), where the width-free hint left the last lines cut off."""
        hint = super().sizeHint()
        room = self._room()
        width = room.width() if room is not None else self.width()
        if width > 0:
            hint.setHeight(max(hint.height(), least_height(self, width)))
        return hint

    def _room(self) -> QSize | None:
        """The most the panel can be seen in without scrolling: its scroll area's width and its
        height limit (the list column's share, else its height); None outside a scroll area."""
        parent = self.parentWidget()
        area = parent.parentWidget() if parent is not None else None
        if parent is None or not isinstance(area, QAbstractScrollArea):
            return None
        limit = area.maximumHeight()
        return QSize(area.width(), limit if limit < 10_000 else area.height())

    def _word_progress(self) -> None:
        """"40 of 40 factors agreed" where it fits on one line, else "40 of 40 agreed" (under the
        factor list, the word is not missed): with Large text at 1024x768 it took two lines, and
        with the breaks shown the panel needed a scroll bar of its own (play-through 12)."""
        if self._counts is None:
            return
        agreed, total = self._counts
        whole = f"{agreed} of {total} factors agreed"
        layout = self.layout()
        room = self._room()
        width = room.width() if room is not None else self.width()
        if layout is not None:
            m = layout.contentsMargins()
            width -= m.left() + m.right()
        fits = width <= 0 or self.progress_label.fontMetrics().horizontalAdvance(whole) <= width
        text = whole if fits else f"{agreed} of {total} agreed"
        if self.progress_label.accessibleName() != whole:
            self.progress_label.setAccessibleName(whole)  # a screen reader hears the whole words
        tip = "" if fits else whole  # the short words, "39 of 40 agreed", said whole on hover
        if self.progress_label.toolTip() != tip:
            self.progress_label.setToolTip(tip)
        if self.progress_label.text() != text:
            self.progress_label.setText(text)
            self._fit_breaks()  # the line may now wrap differently: do the breaks still fit?

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.progress_label and event.type() == QEvent.Type.FontChange:
            QTimer.singleShot(0, self, self._word_progress)  # Large text: does it still fit on one line?
        return False

    def _fit_breaks(self) -> None:
        """The breaks to come are shown only while the whole panel fits the height it is seen in,
        so what to park is never cut off at the foot of the list column (play-through s5,
        finding 7); when they do not fit, the pace line's tooltip lists them and the pace line
        itself already names the next one ("70 min to lunch")."""
        layout = self.layout()
        wanted = self._planned is not None and bool(self._planned.breaks)
        room = self._room()
        if layout is None or not wanted or room is None:
            self.breaks_label.setVisible(wanted)
            return
        m = layout.contentsMargins()
        inner = room.width() - m.left() - m.right()  # the width with no scroll bar beside it
        shown = self.breaks_label.isVisible()
        extra = self.breaks_label.heightForWidth(inner) + layout.spacing()
        now = max(self.minimumSizeHint().height(), least_height(self, room.width()))  # as the scroll area fits it
        need = now + (0 if shown else extra)
        fits = need <= room.height()
        if fits != shown:
            self.breaks_label.setVisible(fits)

    def _agenda_button(self) -> QToolButton:
        button = QToolButton()
        button.setText("Agenda")
        button.setToolTip("The workshop's start and finish, and the plan for the day")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        box = _PopUpBody()
        form = QFormLayout(box)
        form.setContentsMargins(12, 8, 12, 8)
        self.start_edit = TimeBox("Started at")
        self.end_edit = TimeBox("Finish by")
        self.start_edit.setTime(QTime(self._start.hour, self._start.minute))
        self.end_edit.setTime(self._end)
        self.time_error = QLabel(wordWrap=True)  # "“25:00” is not a time of day: …"
        self.time_error.setAccessibleName("Time not read")
        self.time_error.setStyleSheet(f"color: {theme.ERROR_TEXT};")
        self.time_error.hide()
        for edit in (self.start_edit, self.end_edit):
            edit.error_changed.connect(self._on_time_error_changed)
            edit.return_reads = True  # the pop-up stays open to show what the time changed
        now_button = QPushButton("Start the clock now")
        self.now_button = now_button
        self.reset_button = QPushButton("Count from the plan\u2019s start")  # a start set by mistake
        self.reset_button.setToolTip("Take back the start that was set: the clock counts from the plan\u2019s start")
        self.reset_button.hide()
        # its place in the pop-up, kept empty while the button may come (a hidden row of the form
        # takes no room; a hidden button in a box layout of its own can keep its room)
        self._reset_slot = QWidget()
        slot = QVBoxLayout(self._reset_slot)
        slot.setContentsMargins(0, 0, 0, 0)
        slot.addWidget(self.reset_button)
        self._reset_slot.hide()
        self._room_for_note = self._room_for_reset = False  # kept while the pop-up is open
        self.plan_button = QPushButton("Plan the day\u2019s times\u2026")
        self.plan_button.setToolTip("Start and finish, breaks, and the minutes for each dimension")
        form.addRow("Started at", self.start_edit)
        self.start_note = QLabel(wordWrap=True)  # before the workshop day: when the clock runs
        self.start_note.setProperty("role", "caption")
        self.start_note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # room kept below it
        self.start_note.hide()
        form.addRow("", self.start_note)
        self._start_label = form.labelForField(self.start_edit)
        form.addRow("Finish by", self.end_edit)
        self.end_note = QLabel(wordWrap=True)  # "Set in Plan the day's times", seen, not only hovered
        self.end_note.setProperty("role", "caption")  # grey: a fact, not a fault
        self.end_note.hide()
        self.end_edit.fixed_changed.connect(self._on_end_fixed_changed)
        form.addRow("", self.end_note)
        form.addRow("", self.time_error)
        form.addRow("", now_button)
        form.addRow("", self._reset_slot)
        self._form = form
        form.addRow("", self.plan_button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(box)
        self._menu, self._menu_action = menu, action
        menu.addAction(action)
        menu.aboutToShow.connect(self._reserve_room)
        menu.aboutToShow.connect(self._measure_menu)
        button.setMenu(menu)
        self.start_edit.timeChanged.connect(self._on_start_edit_time_changed)
        self.end_edit.timeChanged.connect(self._on_end_edit_time_changed)
        now_button.clicked.connect(self._on_now_button_clicked)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.plan_button.clicked.connect(menu.close)
        self.plan_button.clicked.connect(self.plan_requested)
        self.agenda_button = button
        return button

    def set_progress(self, agreed: int, total: int) -> None:
        self._left = total - agreed
        self._counts = (agreed, total)
        self._word_progress()
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(agreed)
        self.refresh()

    def set_start(self, start: dt.datetime, chosen: bool = False) -> None:
        self._start, self._chosen = start, chosen
        self.start_edit.blockSignals(True)
        self.start_edit.setTime(QTime(start.hour, start.minute))
        self.start_edit.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        now = self._clock()
        day = self._day() if self._day is not None else None
        on_the_day = day is None or day == now.date()
        planned = self._source(now) if self._source is not None else None
        # one clock, one story: the panel's line and the pop-up's box, label and note all come from
        # core's day_clock (play-through 8: "Started at 04:53" above "The clock starts with the day")
        state = day_clock(now, day, planned.starts if planned is not None else None, self._start, self._chosen)
        self._put_clock_line(state)
        self._show_clock(state)
        self._show_plan(planned)
        if planned is not None:
            return
        end = dt.time(self._end.hour(), self._end.minute())
        per = per_factor_minutes(now, end, self._left)
        self.budget_label.setVisible(on_the_day or per is None)
        untouched = day is None and (self._counts is None or self._counts[0] == 0)
        if untouched and per == 0:
            # a round with no date and nothing agreed yet (one just added, the evening before) is not
            # a workshop running late: no alarm (third play-through: "It is past the 16:30 finish
            # and 20 factors are still to agree" on a round added minutes before)
            self.budget_label.setText("No date is set for this round: set it in Setup, and pacing "
                                      "counts on that day.")
        elif per is None:
            self.budget_label.setText("Every factor is agreed.")
        elif per == 0:
            still = f"{self._left} factor{'s are' if self._left != 1 else ' is'} still to agree"
            self.budget_label.setText(f"It is past the {end:%H:%M} finish and {still}.")
        else:
            self.budget_label.setText(unbroken(f"{self._left} to agree: about {minutes_text(per)} each "
                                               f"to finish by {end:%H:%M}."))

    def _put_clock_line(self, state: DayClock) -> None:
        """The panel's short words; the whole sentence in its tooltip and for a screen reader."""
        text = unbroken(state.panel)
        if self.clock_label.text() != text:
            self.clock_label.setText(text)
        whole = state.line if state.panel != state.line else ""
        if self.clock_label.toolTip() != whole:
            self.clock_label.setToolTip(whole)
            self.clock_label.setAccessibleDescription(whole)

    def _show_clock(self, state: DayClock) -> None:
        """The pop-up says what the panel says: the time the clock counts from (or will), named as
        such, how it counts, and only the buttons that apply on this day."""
        self._put_clock(state)
        if self._menu.isVisible():
            self._measure_menu()

    def _put_clock(self, state: DayClock) -> None:
        label = state.label
        if isinstance(self._start_label, QLabel) and self._start_label.text() != label:
            self._start_label.setText(label)
            self.start_edit.setAccessibleName(label)
        self._form.setRowVisible(self.start_edit, state.start is not None)
        if state.start is not None and self.start_edit.minute() != state.start:
            self.start_edit.blockSignals(True)
            self.start_edit.setTime(QTime(state.start // 60, state.start % 60))
            self.start_edit.blockSignals(False)
        self.start_edit.set_fixed("" if state.editable else "The workshop day has passed: the clock ran on that day only")
        if self.start_note.text() != unbroken(state.note):
            self.start_note.setText(unbroken(state.note))
        self.start_note.setVisible(bool(state.note) or self._room_for_note)
        self.now_button.setVisible(state.can_start)
        self.reset_button.setVisible(state.can_reset)
        self._reset_slot.setVisible(state.can_reset or self._room_for_reset)

    def _clock_state(self) -> tuple[dt.datetime, dt.date | None, int | None]:
        """Now, the round's day and the plan's start: what core's day_clock reads besides the start."""
        now = self._clock()
        day = self._day() if self._day is not None else None
        return now, day, self._planned.starts if self._planned is not None else None

    def _reserve_room(self) -> None:
        """Before the pop-up opens: room for the longest label, sentence and buttons the clock may
        come to show while it is open (core's clocks_within_reach), so that typing or pressing − or
        + leaves every box and button where it was, and the pop-up keeps its size and place
        (play-through 11: it grew upwards, every box rose about 55 px and the next click missed)."""
        box = self._menu_action.defaultWidget()
        layout = box.layout() if box is not None else None
        label = self._start_label
        if box is None or layout is None or not isinstance(label, QLabel):
            return
        for widget in (label, self.start_note, box):
            widget.setMinimumSize(0, 0)
        now, day, plan_start = self._clock_state()
        states = clocks_within_reach(now, day, plan_start, self._start, self._chosen)
        self._room_for_note = any(s.note for s in states)
        self._room_for_reset = any(s.can_reset for s in states)
        policy = self.reset_button.sizePolicy()
        policy.setRetainSizeWhenHidden(self._room_for_reset)
        self.reset_button.setSizePolicy(policy)
        widths = []
        for state in states:
            self._put_clock(state)
            widths.append(label.sizeHint().width())
        label.setMinimumWidth(max(widths))  # then the box at each sentence, beside the widest label
        box_widths = []
        for state in states:
            self._put_clock(state)
            layout.invalidate()
            layout.activate()
            box_widths.append(box.sizeHint().width())
        box.setMinimumWidth(max(box_widths))
        layout.activate()
        box.resize(box.minimumWidth(), box.sizeHint().height())
        layout.activate()
        width = self.start_note.width()
        heights = []
        for state in states:
            self._put_clock(state)
            heights.append(self.start_note.heightForWidth(width) if state.note else 0)
        self._put_clock(states[0])
        self.start_note.setMinimumHeight(max(heights))

    def started_minute(self) -> int | None:
        """The minute the facilitator started today's clock at, if they did (the pace needs it)."""
        if not self._chosen or self._start.date() != self._clock().date():
            return None
        return self._start.hour * 60 + self._start.minute

    def set_day_source(self, source: Callable[[], dt.date | None]) -> None:
        """The round's own day (None: not dated): the clock and pacing show on that day only."""
        self._day = source
        self.refresh()

    def set_pace_source(self, source: Callable[[dt.datetime], PaceText | None]) -> None:
        """Where the room stands against the day's plan (None while no plan is set)."""
        self._source = source
        self.refresh()

    def _show_plan(self, planned: PaceText | None) -> None:
        # Each label is shown or hidden once, to its final state: hiding and showing it again
        # on every score re-laid out the whole walkthrough (the factor list twice) per keystroke.
        if planned is not None and planned == self._planned:
            return  # the same words: nothing on the panel changes (most score keystrokes)
        if planned is not None:
            self.budget_label.setVisible(False)  # with no plan, refresh decides (the clock's day)
        self.end_edit.set_fixed("" if planned is None else "Set in Plan the day\u2019s times")
        self._planned = planned
        self.pace_label.setVisible(planned is not None)
        park = planned is not None and bool(planned.park)
        if park != self.park_label.isVisibleTo(self):
            self.park_label.setVisible(park)
            self.park_shown.emit(park)
        if planned is None:
            self.breaks_label.setVisible(False)
            return
        self.pace_label.setText(unbroken(planned.headline))
        self.pace_label.setToolTip(planned.breaks)
        style = f"font-weight: 600; color: {theme.ERROR_TEXT if planned.behind else theme.INK};"
        if self.pace_label.styleSheet() != style:  # a new style sheet re-polishes the label
            self.pace_label.setStyleSheet(style)
        self.breaks_label.setText(planned.breaks)
        self.park_label.setText(unbroken(planned.park))
        self.park_label.setToolTip(planned.park_names)
        self._fit_breaks()
        self.end_edit.blockSignals(True)
        self.end_edit.setTime(QTime(planned.finish // 60, planned.finish % 60))
        self.end_edit.blockSignals(False)

    def _on_end_fixed_changed(self, why: str) -> None:
        self.end_note.setText(why)
        self.end_note.setVisible(bool(why))

    def _on_start_edit_time_changed(self, time: QTime) -> None:
        today = self._clock().date()
        day = self._day() if self._day is not None else None
        self._start = dt.datetime.combine(start_day(today, day), dt.time(time.hour(), time.minute()))
        self._chosen = True
        self.start_time_changed.emit(self._start)
        self.refresh()

    def _on_end_edit_time_changed(self, time: QTime) -> None:
        self._end = time
        self.end_time_changed.emit(time)
        self.refresh()

    def _on_time_error_changed(self, _error: str) -> None:
        errors = [e for e in (self.start_edit.error, self.end_edit.error) if e]
        self.time_error.setText("\n".join(errors))
        self.time_error.setVisible(bool(errors))
        # the open menu takes the message's height: a changed action makes it measure its box again
        self._menu_action.setText(self.time_error.text())
        if self._menu.isVisible():
            was = self._menu.geometry()
            self._menu.adjustSize()
            self._keep_menu_in_place(was)

    def _measure_menu(self) -> None:
        """The pop-up measures its box afresh each time it opens: it kept the height it first had,
        and once a plan added "Set in Plan the day's times" the rows were squeezed into it and the
        top of "The clock counts on the workshop day" was cut (play-through 7, 12)."""
        menu = self._menu
        was = menu.geometry() if menu.isVisible() else None
        box = self._menu_action.defaultWidget()
        layout = box.layout() if box is not None else None
        if box is not None and layout is not None:
            layout.activate()
            box.adjustSize()
        QApplication.sendEvent(menu, QActionEvent(QEvent.Type.ActionChanged, self._menu_action))
        if was is not None:  # open, and grown or shrunk: it keeps its place on the screen
            menu.adjustSize()
            self._keep_menu_in_place(was)

    def _keep_menu_in_place(self, was: QRect) -> None:
        """An open pop-up that grows (a time typed wrongly says why under the boxes) keeps its top
        where it was and grows downwards, over its button if need be, so the boxes stay under the
        pointer (play-through 11: grown upwards, every box rose about 55 px and the next click
        landed on the words); only what would pass the foot of the screen moves it up (play-through
        10: "Plan the day's times…" was cut at the screen's edge)."""
        menu = self._menu
        height = menu.height()
        top = was.top()
        screen = menu.screen().availableGeometry() if menu.screen() is not None else None
        if screen is not None:
            top = max(screen.top(), min(top, screen.bottom() + 1 - height))
        if top != menu.y():
            menu.move(was.left(), top)

    def _on_now_button_clicked(self) -> None:
        self.set_start(self._clock(), chosen=True)
        self.start_time_changed.emit(self._start)

    def _on_reset_button_clicked(self) -> None:
        """The start set is taken back: the clock counts from the plan's start again."""
        self._start, self._chosen = self._clock(), False
        self.start_reset.emit()
        self.refresh()


# --- planning the day --------------------------------------------------------------------------

class SetAgendaEdit(Edit):
    """The round's plan for the day, replaced whole (None removes it)."""

    what = "agenda"

    def __init__(self, round_id: int, agenda: Agenda | None) -> None:
        super().__init__("Plan the day\u2019s times" if agenda is not None else "Remove the day\u2019s plan",
                         ("agenda", round_id))
        self.round_id, self.agenda = round_id, agenda

    def operation(self, eng: Engagement) -> ops.Operation:
        uuid = eng.round_uuid(self.round_id)
        return self.agenda.as_operation(uuid) if self.agenda is not None else ops.SetAgenda(uuid)


def _qtime(minute: int) -> QTime:
    return QTime(minute // 60 % 24, minute % 60)


def _minute(edit: TimeBox) -> int:
    return edit.minute()


class _BreakRow:
    def __init__(self, dialog: AgendaPlanDialog, label: str, start: int, minutes: int) -> None:
        self.name = QLineEdit(label)
        self.name.setAccessibleName("Break")
        self.name.setMaxLength(100)
        self.start = TimeBox(f"{label} starts")
        self.start.setTime(_qtime(start))
        self.minutes = QSpinBox(minimum=1, maximum=240, suffix=" min")
        self.minutes.setValue(minutes)
        self.lasts = StepSpin(self.minutes, f"{label} lasts")
        self.start.error_changed.connect(dialog.update_preview)
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName(f"Remove {label}")
        for signal in (self.name.textChanged, self.start.timeChanged, self.minutes.valueChanged):
            signal.connect(dialog.update_preview)
        self.remove.clicked.connect(lambda: dialog.remove_break(self))

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.name, self.start, self.lasts, self.remove)


class AgendaPlanDialog(QDialog):
    """Plan a round's day: start and finish, breaks, and the minutes for each dimension in scope
    (left at "Shared", a dimension shares the rest of the day by its number of factors)."""

    def __init__(self, framework: Framework, scope: tuple[str, ...], round_label: str,
                 agenda: Agenda | None, parent: QWidget | None = None,
                 out: frozenset[str] = frozenset()) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Plan the day\u2019s times: {round_label}")
        self._framework, self._scope, self._out = framework, scope, out
        self.removed = False
        self._ready = False  # the preview waits until every field is built
        self.rows: list[_BreakRow] = []
        self.dimension_spins: dict[str, QSpinBox] = {}
        given = agenda if agenda is not None else default_agenda()
        outer = QVBoxLayout(self)
        # Everything but Save and Cancel scrolls when the screen is short: at 1024x768 the dialog
        # was taller than the screen and its buttons fell off the foot.
        self.body_scroll = QScrollArea()
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        times = QFormLayout()
        self.start_edit = TimeBox("Start")
        self.start_edit.setTime(_qtime(given.start))
        self.finish_edit = TimeBox("Finish")
        self.finish_edit.setTime(_qtime(given.finish))
        for edit in (self.start_edit, self.finish_edit):
            edit.timeChanged.connect(self.update_preview)
            edit.error_changed.connect(self.update_preview)
        times.addRow("&Start", self.start_edit)
        times.addRow("&Finish", self.finish_edit)
        layout.addLayout(times)
        breaks_box = QGroupBox("Breaks")
        box_layout = QVBoxLayout(breaks_box)
        self.breaks_grid = QGridLayout()
        self.breaks_grid.setColumnStretch(4, 1)  # the rows keep their widths when a scroll bar comes or goes
        box_layout.addLayout(self.breaks_grid)
        add = QPushButton("&Add a break")
        add.clicked.connect(self._on_add_clicked)
        self.add_button = add
        box_layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(breaks_box)
        for b in sorted(given.breaks, key=lambda b: b.start):  # in the day's order
            self.add_break(b.label, b.start, b.minutes)
        dims_box = QGroupBox("Minutes for each dimension in this round's scope")
        dims = QFormLayout(dims_box)
        manual = dict(given.dimension_minutes)
        for d in framework.workshop_order():  # the order the room works through
            if d.id not in scope:
                continue
            spin = QSpinBox(minimum=0, maximum=600, singleStep=5, suffix=" min")
            spin.setSpecialValueText("Shared")
            spin.setValue(manual.get(d.id, 0))
            spin.valueChanged.connect(self.update_preview)
            self.dimension_spins[d.id] = spin
            count = sum(1 for f in d.factors if f.id not in out)
            dims.addRow(f"{d.name} ({count} factor{'s' if count != 1 else ''})",
                        StepSpin(spin, f"Minutes for {d.name}"))
        layout.addWidget(dims_box)
        self.preview = QLabel(wordWrap=True)
        self.preview.setAccessibleName("The day as planned")
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.preview)
        layout.addStretch(1)  # room left by a removed break goes to the foot: nothing above moves
        self.body_scroll.setWidget(body)
        outer.addWidget(self.body_scroll, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        if agenda is not None:
            remove = self.buttons.addButton("Remove the plan", QDialogButtonBox.ButtonRole.DestructiveRole)
            remove.clicked.connect(self._on_remove_clicked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self._ready = True
        self.update_preview()
        self._fit_screen()
        # a break moves to its place in the day once its time box is left, not while it is typed in
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    def _fit_screen(self) -> None:
        """As large as the plan needs, within the screen (less its title bar); beyond, it scrolls."""
        owner = self.parentWidget()
        screen = (owner if owner is not None else self).screen().availableGeometry()
        body = self.body_scroll.widget()
        if body is None:
            return
        bar = self.body_scroll.verticalScrollBar().sizeHint().width()
        outer = self.layout()
        m = outer.contentsMargins() if outer is not None else None
        frame = (m.left() + m.right(), m.top() + m.bottom()) if m is not None else (0, 0)
        chrome = self.buttons.sizeHint().height() + 12 + frame[1]
        width = min(body.sizeHint().width() + bar + frame[0], screen.width() - 16)
        height = min(body.sizeHint().height() + chrome, screen.height() - 48)
        self.resize(width, height)

    def _on_add_clicked(self) -> None:
        """A new break where the day has room, named apart from the others ("Break 2"): two
        "Break 15:15" rows and "Break and Break overlap" left the room to work out which was which."""
        taken = [(r.start.minute(), r.minutes.value()) for r in self.rows if not r.start.error]
        names = {r.name.text().strip() for r in self.rows}
        label = next(n for n in ("Break", *(f"Break {i}" for i in range(2, 100)), "Another break")
                     if n not in names)
        self.add_break(label, free_slot(_minute(self.start_edit), _minute(self.finish_edit), taken), 15)
        name = self.rows[-1].name
        self._sort_rows()  # the new break in its place in the day
        self._grow()  # taller while the screen has room, rather than scroll
        QTimer.singleShot(0, lambda: self._focus_new(name))  # once the new row is shown

    def _focus_new(self, name: QLineEdit) -> None:
        self.body_scroll.ensureWidgetVisible(name)
        name.setFocus(Qt.FocusReason.OtherFocusReason)
        name.selectAll()

    def add_break(self, label: str, start: int, minutes: int) -> None:
        row = _BreakRow(self, label, start, minutes)
        self.rows.append(row)
        self._relayout()
        self.update_preview()

    def remove_break(self, row: _BreakRow) -> None:
        """The rows below move up one, in line with those above; the keyboard goes to the next
        row's Remove (or Add a break after the last), not to wherever Qt puts it."""
        index = self.rows.index(row)
        self.rows.remove(row)
        for widget in row.widgets():
            self.breaks_grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._relayout()
        self.update_preview()
        after = self.rows[index].remove if index < len(self.rows) else self.add_button
        after.setFocus(Qt.FocusReason.OtherFocusReason)

    def _relayout(self) -> None:
        for row in self.rows:  # taken out first: a widget added again kept its old cell too
            for widget in row.widgets():
                self.breaks_grid.removeWidget(widget)
        chain: list[QWidget] = []
        for index, row in enumerate(self.rows):
            for column, widget in enumerate(row.widgets()):
                self.breaks_grid.addWidget(widget, index, column)
                chain += [w for w in (widget, *widget.findChildren(QWidget))
                          if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.focusProxy()]
        for first, second in zip(chain, [*chain[1:], self.add_button], strict=False):
            QWidget.setTabOrder(first, second)  # Tab walks the rows as shown, sorted or not
        self._hold_height()

    def _hold_height(self) -> None:
        """The body never shrinks while the dialog is open: a removed break leaves room at the foot
        instead, so the scroll range stays and the rows above, and under the pointer, stay put (at
        1366 the list jumped 56 pixels and the next click landed between rows)."""
        body = self.body_scroll.widget() if hasattr(self, "body_scroll") else None
        if body is None or body.layout() is None:
            return
        layout = body.layout()
        assert layout is not None
        layout.activate()
        body.setMinimumHeight(max(body.minimumHeight(), layout.sizeHint().height()))

    def _grow(self) -> None:
        """Taller for what was added, as far as the screen allows (moved up if need be); never smaller."""
        body = self.body_scroll.widget()
        outer = self.layout()
        if body is None or outer is None or not self.isVisible():
            return
        screen = self.screen().availableGeometry()
        m = outer.contentsMargins()
        chrome = self.buttons.sizeHint().height() + 12 + m.top() + m.bottom()
        need = min(body.minimumHeight() + chrome, screen.height() - 48)
        if need <= self.height():
            return
        frame = self.frameGeometry().height() - self.height()
        self.resize(self.width(), need)
        top = min(self.frameGeometry().top(), screen.bottom() - need - frame)
        if top != self.frameGeometry().top():
            self.move(self.frameGeometry().left(), max(screen.top(), top))

    def _sort_rows(self) -> None:
        """The breaks in the order of their starts (a time that does not read keeps its place)."""
        order = sorted(self.rows, key=lambda r: r.start.minute())
        if order != self.rows:
            self.rows = order
            self._relayout()

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        for row in self.rows:
            box = row.start
            if old is not None and (old is box or box.isAncestorOf(old)) and not (
                    new is not None and (new is box or box.isAncestorOf(new))):
                self._sort_rows()
                return

    def agenda(self) -> Agenda | None:
        """The plan as entered, checked by core; None (and the reason shown) if it cannot be."""
        boxes = [("Start", self.start_edit), ("Finish", self.finish_edit)]
        boxes += [(f"{r.name.text().strip() or 'Break'} starts", r.start) for r in self.rows]
        unread = [f"{what}: {box.error}" for what, box in boxes if box.error]
        if unread:  # the typed time is not kept silently, nor the old one saved in its place
            self.preview.setText("\n".join(unread))
            return None
        op = ops.SetAgenda("", _minute(self.start_edit), _minute(self.finish_edit),
                           tuple((r.name.text().strip() or "Break", _minute(r.start), r.minutes.value())
                                 for r in self.rows),
                           tuple((d, spin.value()) for d, spin in self.dimension_spins.items() if spin.value()))
        try:
            return check_agenda(self._framework, op)
        except ValidationError as exc:
            self.preview.setText(str(exc))
            return None

    def update_preview(self) -> None:
        if not self._ready:
            return
        agenda = self.agenda()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(agenda is not None)
        if agenda is not None:
            self.preview.setText("\n".join(agenda_lines(self._framework, self._scope, agenda, self._out)))
        self.preview.setStyleSheet("" if agenda is not None else f"color: {theme.ERROR_TEXT};")

    def _on_remove_clicked(self) -> None:
        self.removed = True
        self.accept()


class AgendaController:
    """Joins the agenda panel to the walkthrough: the plan from the file, the pace, the dialog."""

    def __init__(self, page: WorkshopPage) -> None:
        self.page = page
        # the day's plan and what it was shared out from (scope, agenda, factors out of the round)
        self._plan: tuple[tuple[object, ...], Plan] | None = None
        page.agenda.plan_requested.connect(self.plan_the_day)
        page.agenda.set_pace_source(self.pace_text)
        page.agenda.set_day_source(self.round_day)

    def round_day(self) -> dt.date | None:
        page = self.page
        eng = page.doc.engagement
        if eng.closed or not page.round_id:
            return None
        return next((r.date for r in eng.rounds() if r.id == page.round_id), None)

    def pace_text(self, now: dt.datetime) -> PaceText | None:
        page = self.page
        eng = page.doc.engagement
        if eng.closed:  # the window closed the file; its clock ticks once more
            return None
        agenda = read_agenda(eng, page.round_id) if page.round_id else None
        if agenda is None:
            return None
        fw = page.framework
        scope, out = tuple(eng.scope(page.round_id)), out_of_round(eng, page.round_id)
        if self._plan is None or self._plan[0] != (scope, agenda, out):  # worked out again per score
            self._plan = ((scope, agenda, out), plan_minutes(fw, scope, agenda, out))
        plan = self._plan[1]
        agreed = [f for f, level in scoring.levels_of(eng.scores(page.round_id)).items() if level is not None]
        breaks = " · ".join(bound_break(b.label, b.start) for b in agenda.breaks)
        day = next((r.date for r in eng.rounds() if r.id == page.round_id), None)
        if day is not None and day != now.date():  # not the workshop day: the plan, no pace
            left = sum(1 for f in plan.order if f not in set(agreed))
            # the clock's line above it names the day (and a start set for it): not said twice in the
            # narrow panel (with Large text at 1024 the plan's line was scrolled out of view)
            return PaceText(f"Planned {clock(agenda.start)} to {clock(agenda.finish)}: "
                            f"{left} factor{'s' if left != 1 else ''} left", f"Breaks: {breaks}" if breaks else "",
                            "", False, agenda.finish, starts=agenda.start)
        quick = prework_agreement(eng, page.round_id, plan.order)
        where = pace(agenda, plan, agreed, now.hour * 60 + now.minute, quick, page.agenda.started_minute())
        park, names = park_advice(fw, where.park, quick, agenda.finish, where.left)
        later = [b for b in agenda.breaks if b.end > now.hour * 60 + now.minute]  # past ones are done
        breaks = " · ".join(bound_break(b.label, b.start) for b in later)
        # "Breaks:", as the day before: those already over are left out, and "Breaks to come:" took
        # the panel a fourth line with Large text at 1024x768 (play-through 12)
        return PaceText(where.headline(), f"Breaks: {breaks}" if breaks else "", park,
                        where.behind > ON_PLAN_MINUTES and where.left > 0, agenda.finish, names, agenda.start)

    def plan_the_day(self) -> None:
        page = self.page
        eng = page.doc.engagement
        label = next((r.label for r in eng.rounds() if r.id == page.round_id), "")
        dialog = AgendaPlanDialog(page.framework, eng.scope(page.round_id), label,
                                  read_agenda(eng, page.round_id), page, out_of_round(eng, page.round_id))
        self.dialog = dialog  # reachable while open (tests, screen readers)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        agenda = None if dialog.removed else dialog.agenda()
        if accepted and (agenda is not None or dialog.removed):
            page.doc.execute(SetAgendaEdit(page.round_id, agenda))
        page.window().activateWindow()  # back to scoring, where the facilitator was
        page.guide.setFocus(Qt.FocusReason.OtherFocusReason)
