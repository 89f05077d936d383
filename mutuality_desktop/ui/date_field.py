"""A date typed the way people write it in the UK, or picked from a calendar.

Typing and picking both work; what cannot be read is refused with a sentence under the box (the
stored date is left alone), and a date far from today is taken but questioned, never changed.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QKeyEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from . import theme

EARLIEST = dt.date(1950, 1, 1)
LATEST = dt.date(2100, 12, 31)
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
FILLER = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday",
          "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "of", "the"}
EXAMPLE = "Type a date such as 12/03/2026 or 12 Mar 2026."


def format_date(date: dt.date) -> str:
    """'1 Apr 2019': the day without a leading zero, the month in words (never ambiguous)."""
    return f"{date.day} {date:%b %Y}"


def _month(word: str) -> int | None:
    if len(word) >= 3:
        for number, name in enumerate(MONTH_NAMES, 1):
            if name.startswith(word):
                return number
    return None


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _split(text: str) -> tuple[int, int, int] | str:
    """Return (year, month, day) from the text's shape, or the problem with it."""
    if m := re.fullmatch(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})", text):
        return int(m[1]), int(m[2]), int(m[3])
    if m := re.fullmatch(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})", text):
        return _year(m[3]), int(m[2]), int(m[1])
    words = re.findall(r"[a-z]+|\d+", re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text))
    words = [w for w in words if w not in FILLER]
    names = [w for w in words if w.isalpha()]
    numbers = [w for w in words if w.isdigit()]
    if not names or not numbers:
        return EXAMPLE
    months = [_month(w) for w in names]
    if len(names) != 1 or months[0] is None:
        unknown = next((w for w, m in zip(names, months, strict=True) if m is None), names[0])
        return f"“{unknown}” is not a month. {EXAMPLE}"
    month = months[0]
    if len(numbers) == 1:
        return "Add the year, e.g. 12 Mar 2026."
    if len(numbers) != 2 or len(words) != 3:
        return EXAMPLE
    day, year = (numbers[1], numbers[0]) if len(numbers[0]) == 4 else (numbers[0], numbers[1])
    if len(day) > 2 or len(year) not in (2, 4):
        return EXAMPLE
    return _year(year), month, int(day)


def parse_date(text: str, today: dt.date | None = None) -> tuple[dt.date | None, str]:
    """Read '12/03/2026', '12 Mar 2026', '1 April 2019', '2026-03-12' or 'today'.

    Return (date, "") or (None, the problem); an empty text is (None, ""). Day first, as written
    in the UK; nothing impossible is rounded to a nearby date.
    """
    cleaned = " ".join(text.strip().lower().replace(",", " ").split())
    if not cleaned:
        return None, ""
    if cleaned == "today":
        return today or dt.date.today(), ""
    parts = _split(cleaned)
    if isinstance(parts, str):
        return None, parts
    year, month, day = parts
    if not 1 <= month <= 12:
        return None, f"There is no month {month}: write the day first, e.g. 12/03/2026."
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None, f"There is no {day} {MONTH_NAMES[month - 1].title()} {year}."
    if not EARLIEST <= date <= LATEST:
        return None, f"Check the year: {year} is outside {EARLIEST.year}–{LATEST.year}."
    return date, ""


def question(date: dt.date | None, today: dt.date, likely_years: int | None) -> str:
    """A question about a readable but unlikely date (more than likely_years from today)."""
    if date is None or likely_years is None:
        return ""
    years = abs((date - today).days) / 365.25
    if years <= likely_years:
        return ""
    when = "from now" if date > today else "ago"
    return f"{format_date(date)} is {int(years)} years {when}: is the year right?"


class _CalendarPopup(QFrame):
    """The month to pick from, as a popup under the field; Esc closes it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.Box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setDateRange(QDate(EARLIEST.year, 1, 1), QDate(LATEST.year, 12, 31))
        self.calendar.setAccessibleName("Calendar")
        self.calendar.setStyleSheet(_calendar_style())
        plain = QTextCharFormat()
        plain.setForeground(QColor(theme.INK))
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.calendar.setWeekdayTextFormat(day, plain)  # weekends are not warnings
        today = dt.date.today()
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        bold.setForeground(QColor(theme.ACCENT_DARK))
        self.calendar.setDateTextFormat(QDate(today.year, today.month, today.day), bold)
        layout.addWidget(self.calendar)


def _calendar_style() -> str:
    return f"""
QWidget#qt_calendar_navigationbar {{ background: {theme.SURFACE}; }}
QCalendarWidget QToolButton {{
    border: none; background: transparent; color: {theme.INK}; font-weight: 600; padding: 4px 8px;
}}
QCalendarWidget QToolButton:hover {{ background: {theme.HOVER}; }}
QCalendarWidget QAbstractItemView {{
    selection-background-color: {theme.ACCENT}; selection-color: white; outline: 0;
}}
QCalendarWidget QAbstractItemView:disabled {{ color: #a3aeb4; }}
"""


class DateField(QWidget):
    """A date box that may be left empty: type it (several UK forms) or pick it from a calendar.

    `committed` is emitted when a new date (or None, once cleared) is taken: on Return, on leaving
    the box, or on a pick. Text that cannot be read is refused inline and nothing is emitted.
    """

    committed = Signal(object)  # dt.date or None
    edited = Signal()  # text typed, not yet taken (forms re-check their validity)
    returnPressed = Signal()  # noqa: N815 - QLineEdit's name: Return taken a readable date

    def __init__(self, parent: QWidget | None = None, empty_text: str = "Not set",
                 likely_years: int | None = None) -> None:
        super().__init__(parent)
        self._value: dt.date | None = None
        self._reference: dt.date | None = None
        self._likely_years = likely_years
        self.edit = QLineEdit(placeholderText=empty_text)
        self.edit.setToolTip("Type a date (12/03/2026, 12 Mar 2026, 2026-03-12) or press Alt+Down "
                             "for a calendar")
        self.button = QToolButton()
        self.button.setIcon(QIcon(_chevron()))
        self.button.setToolTip("Choose from a calendar (Alt+Down)")
        self.button.setAccessibleName("Choose from a calendar")
        self.button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Alt+Down opens it from the box
        self.message = QLabel()
        self.message.setProperty("role", "hint")
        self.message.setWordWrap(True)
        self.message.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.popup: _CalendarPopup | None = None
        self.edit.textEdited.connect(self._on_edit_text_edited)
        self.edit.editingFinished.connect(self.take)
        self.edit.returnPressed.connect(self._on_edit_return_pressed)
        self.edit.installEventFilter(self)
        self.button.clicked.connect(self.open_calendar)

    # --- values --------------------------------------------------------------------------

    def value(self) -> dt.date | None:
        """The date the box reads as now (None when empty or unreadable: see problem())."""
        return parse_date(self.edit.text())[0]

    def problem(self) -> str:
        """Why the typed text cannot be taken ("" when it can)."""
        return parse_date(self.edit.text())[1]

    def set_value(self, value: dt.date | None) -> None:
        """Show a stored date (nothing is emitted)."""
        self._value = value
        self.edit.setText("" if value is None else format_date(value))
        self.edit.setCursorPosition(0)
        self._keep_message_line(False)  # a date loaded, not corrected: the line goes with its message
        self._show_message("")

    def show_stored(self, value: dt.date | None) -> None:
        """Show the stored date after a save elsewhere, keeping a typo or a question shown for it.

        A reload of the whole form must not wipe a refused date the user is about to correct,
        nor the question about a date just taken.
        """
        if value == self._value and (self.problem() or self.message.isVisible()):
            return
        self.set_value(value)

    def set_reference(self, date: dt.date | None) -> None:
        """Where the calendar opens while the box is empty (the workshop date, say); else today."""
        self._reference = date

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt's name
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def take(self) -> bool:
        """Take the typed date if it can be read: show it in full and emit committed if new."""
        date, problem = parse_date(self.edit.text())
        if problem:
            self._show_message(problem, refused=True)
            self.edited.emit()
            return False
        if date is not None and self.edit.text() != format_date(date):
            self.edit.setText(format_date(date))
            if not self.edit.hasFocus():
                self.edit.setCursorPosition(0)  # the day shows first in a narrow box
        self._show_message(question(date, dt.date.today(), self._likely_years))
        if date != self._value:
            self._value = date
            self.committed.emit(date)
        return True

    def is_refused(self) -> bool:
        """Whether the box shows text it refused (marked until corrected, not while typing)."""
        return bool(self.edit.property("invalid") == "true")

    def _keep_message_line(self, keep: bool) -> None:
        """Whether the message's line stays when the message goes (see _on_edit_text_edited)."""
        policy = self.message.sizePolicy()
        if policy.retainSizeWhenHidden() != keep:
            policy.setRetainSizeWhenHidden(keep)
            self.message.setSizePolicy(policy)

    def _show_message(self, text: str, refused: bool = False) -> None:
        if text:
            self.message.setText(text)
        self.message.setVisible(bool(text))
        self.edit.setProperty("invalid", "true" if refused else "false")
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)

    # --- the calendar --------------------------------------------------------------------

    def open_calendar(self) -> None:
        """Show the calendar at the box's date, else the reference date, else today."""
        if self.popup is None:
            self.popup = _CalendarPopup(self)
            self.popup.calendar.clicked.connect(self._on_calendar_picked)
            self.popup.calendar.activated.connect(self._on_calendar_picked)
        start = self.value() or self._reference or dt.date.today()
        self.popup.calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        self.popup.adjustSize()
        where = self.mapToGlobal(QPoint(0, self.edit.height() + 2))
        screen = self.screen().availableGeometry()
        size = self.popup.sizeHint()
        x = max(screen.left(), min(where.x(), screen.right() - size.width()))
        y = where.y() if where.y() + size.height() <= screen.bottom() else \
            self.mapToGlobal(QPoint(0, 0)).y() - size.height() - 2
        self.popup.move(x, max(screen.top(), y))
        self.popup.show()
        self.popup.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _on_calendar_picked(self, date: QDate) -> None:
        assert self.popup is not None
        self.popup.hide()
        self.edit.setText(format_date(dt.date(date.year(), date.month(), date.day())))
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)
        self.take()
        self.edit.selectAll()  # typing next replaces the picked date rather than joining it

    # --- keys ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = (event.key() == Qt.Key.Key_Down
                        and event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    def _on_edit_text_edited(self, _text: str) -> None:
        if self.message.isVisible() and not self.problem():
            # corrected by typing: the message goes but its line stays, or the form moved up under
            # the pointer and a click meant for "Save as" landed in a box (play-through s12)
            self._keep_message_line(True)
            self._show_message("")
        self.edited.emit()

    def _on_edit_return_pressed(self) -> None:
        if self.take():
            self.returnPressed.emit()


def _chevron() -> str:
    from ..core.resources import resource_path

    return str(resource_path("icons", "chevron-down.svg"))
