"""Progress through the round and the clock: how long the room has, per factor left."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from .. import theme


def minutes_text(minutes: int) -> str:
    hours, mins = divmod(max(0, minutes), 60)
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"


def per_factor_minutes(now: dt.datetime, end: dt.time, factors_left: int) -> int | None:
    """Minutes the room can give each factor still to agree, to finish by the end time."""
    if factors_left <= 0:
        return None
    remaining = (dt.datetime.combine(now.date(), end) - now).total_seconds() / 60
    return max(0, int(remaining // factors_left))


class AgendaPanel(QFrame):
    """Show 'n of m agreed', the time since the workshop started and the time per factor left."""

    end_time_changed = Signal(QTime)
    start_time_changed = Signal(object)  # datetime: the facilitator set when the workshop started

    def __init__(self, end: QTime, clock: Callable[[], dt.datetime] = dt.datetime.now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        self._clock = clock
        self._start = clock()
        self._end = end
        self._left = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 10, 12)
        layout.setSpacing(6)
        self.progress_label = QLabel()
        self.progress_label.setFont(theme.font(theme.BASE_POINT_SIZE - 0.5, bold=True))
        self.progress = QProgressBar(textVisible=False)
        self.progress.setFixedHeight(6)
        self.progress.setAccessibleName("Factors agreed")
        head = QHBoxLayout()
        head.addWidget(self.progress_label, 1)
        head.addWidget(self._agenda_button())
        self.clock_label = QLabel(wordWrap=True)
        self.clock_label.setProperty("role", "caption")
        self.budget_label = QLabel(wordWrap=True)
        layout.addLayout(head)
        layout.addWidget(self.progress)
        layout.addWidget(self.clock_label)
        layout.addWidget(self.budget_label)
        self._timer = QTimer(self, interval=30_000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def _agenda_button(self) -> QToolButton:
        button = QToolButton(text="Agenda", toolTip="Set the workshop start and end times")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(12, 8, 12, 8)
        self.start_edit = QTimeEdit(displayFormat="HH:mm")
        self.end_edit = QTimeEdit(displayFormat="HH:mm")
        self.start_edit.setTime(QTime(self._start.hour, self._start.minute))
        self.end_edit.setTime(self._end)
        for edit in (self.start_edit, self.end_edit):  # room for the digits and both arrows
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("00:00") + 56)
        now_button = QPushButton("Start the clock now")
        form.addRow("Started at", self.start_edit)
        form.addRow("Finish by", self.end_edit)
        form.addRow("", now_button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(box)
        menu.addAction(action)
        button.setMenu(menu)
        self.start_edit.timeChanged.connect(self._on_start_edit_time_changed)
        self.end_edit.timeChanged.connect(self._on_end_edit_time_changed)
        now_button.clicked.connect(self._on_now_button_clicked)
        return button

    def set_progress(self, agreed: int, total: int) -> None:
        self._left = total - agreed
        self.progress_label.setText(f"{agreed} of {total} factors agreed")
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(agreed)
        self.refresh()

    def set_start(self, start: dt.datetime) -> None:
        self._start = start
        self.start_edit.blockSignals(True)
        self.start_edit.setTime(QTime(start.hour, start.minute))
        self.start_edit.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        now = self._clock()
        elapsed = int((now - self._start).total_seconds() // 60)
        self.clock_label.setText(f"Started {self._start:%H:%M} · {minutes_text(elapsed)} so far")
        end = dt.time(self._end.hour(), self._end.minute())
        per = per_factor_minutes(now, end, self._left)
        if per is None:
            self.budget_label.setText("Every factor is agreed.")
        elif per == 0:
            self.budget_label.setText(f"Past {end:%H:%M} with {self._left} factors to agree.")
        else:
            self.budget_label.setText(f"{self._left} to agree: about {minutes_text(per)} each "
                                      f"to finish by {end:%H:%M}.")

    def _on_start_edit_time_changed(self, time: QTime) -> None:
        self._start = dt.datetime.combine(self._clock().date(), dt.time(time.hour(), time.minute()))
        self.start_time_changed.emit(self._start)
        self.refresh()

    def _on_end_edit_time_changed(self, time: QTime) -> None:
        self._end = time
        self.end_time_changed.emit(time)
        self.refresh()

    def _on_now_button_clicked(self) -> None:
        self.set_start(self._clock())
        self.start_time_changed.emit(self._start)
