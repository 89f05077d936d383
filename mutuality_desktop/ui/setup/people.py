"""Participants and rounds: a list and a small form each; every change goes through the document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.model import SIDE_LABELS
from ..date_field import format_date
from ..widgets import DateField, Field, caption, on_return

SIDES = tuple((label, key) for key, label in SIDE_LABELS.items())


def _person_cells(person: Any) -> list[str]:
    side = next((label for label, v in SIDES if v == person.side), person.side)
    return [person.name, person.role, side]


def _round_cells(rnd: Any) -> list[str]:
    return [rnd.label, f"{rnd.date.day} {rnd.date:%b %Y}" if rnd.date else "—"]


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumHeight(150)
    table.setTabKeyNavigation(False)  # Tab leaves the table for the form below; arrows move rows
    return table


def email_lines(email: str, room: int, lines: int, width: Callable[[str], int],
                elide: Callable[[str, Qt.TextElideMode], str]) -> str:
    """How an email address shows in a cell `room` wide: whole when it fits; else, in a row of two
    lines, the name on one and "@domain" on the next, each cut with "…" at its end if still too
    long; in a row of one line, cut in the middle so its start and the domain's end both show.
    Never broken inside a word (play-through 9: "fiona.mcalliste… environmental…" at 1024)."""
    local, at, domain = email.partition("@")
    if width(email) <= room:
        return email
    if lines >= 2 and at:
        return f"{elide(local, Qt.TextElideMode.ElideRight)}\n{elide(at + domain, Qt.TextElideMode.ElideRight)}"
    return elide(email, Qt.TextElideMode.ElideMiddle)


def lines_width(text: str, width: Callable[[str], int], lines: int) -> int:
    """The narrowest width at which `text` reads whole on `lines` lines, wrapped as Qt wraps it: at
    spaces and after hyphens ("Montgomery-" / "Smythe"); its widest unbreakable part's width when
    even that many lines cannot hold it."""
    parts: list[tuple[str, str]] = []  # (a piece a line may end with, what joins it to the next)
    for word in text.split(" "):
        pieces = word.split("-")
        parts += [(piece + "-", "") for piece in pieces[:-1]] + [(pieces[-1], " ")]

    def line(start: int, end: int) -> str:
        return "".join(piece + (join if i < end - 1 else "") for i, (piece, join) in
                       enumerate(parts[start:end], start))

    def fit(start: int, left: int) -> int:
        if left <= 1 or len(parts) - start == 1:
            return width(line(start, len(parts)))
        best = width(line(start, len(parts)))
        for cut in range(start + 1, len(parts)):  # this line ends before parts[cut]
            first = width(line(start, cut))
            if first >= best:
                break
            best = min(best, max(first, fit(cut, left - 1)))
        return best

    return fit(0, lines)


class _EmailDelegate(QStyledItemDelegate):
    """The Email column: an address on the lines of its row, never wrapped inside a word; the whole
    address stays the cell's text (its tooltip and what a screen reader reads)."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self._table = table

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        text = option.text
        if not text:
            return
        fm = option.fontMetrics
        widget = option.widget
        style = widget.style() if widget is not None else None
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1 if style else 4
        room = option.rect.width() - 2 * margin - 2  # the text's width inside the cell, a little to spare
        one = self._table.verticalHeader().defaultSectionSize()  # a row of one line (see _fit_rows)
        lines = 2 if option.rect.height() >= one + fm.lineSpacing() - 2 else 1
        option.text = email_lines(text, room, lines, fm.horizontalAdvance,
                                  lambda part, mode: fm.elidedText(part, mode, room))


class _RowsPanel(QWidget):
    """A table of rows with ids and a form below it: select a row to edit it, New to add one."""

    table: QTableWidget

    def __init__(self, cells: Callable[[Any], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []
        self._cells = cells  # a row's texts, one per column

    def start_new(self) -> None:
        """Clear the selection, so the form below adds a new row (panels clear their fields too)."""
        self.table.clearSelection()

    def load(self, items: list[Any]) -> None:
        """Show these rows, keeping the selected one selected when it is still there."""
        keep = self.selected_id()
        self._items = list(items)
        self.table.blockSignals(True)
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            for column, text in enumerate(self._cells(item)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)  # a long role is cut to fit; the whole of it is a hover away
                self.table.setItem(row, column, cell)
        self.table.clearSelection()
        self.table.blockSignals(False)
        self._fit_height()
        ids = [i.id for i in items]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        else:
            self.start_new()

    def _fit_height(self) -> None:
        """Show up to ten rows without the table scrolling inside the scrolling page."""
        shown = min(max(len(self._items), 4), 10)
        row_height = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + shown * row_height + 4)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self._items[rows[0].row()].id if rows else None

    def selected(self) -> Any:
        return next((i for i in self._items if i.id == self.selected_id()), None)

    def _buttons(self, add: str, remove: str) -> QHBoxLayout:
        """Add (Save changes while a row is selected) and Remove on the left, New on the right."""
        self.add_button = QPushButton(add)
        self.add_button.setProperty("role", "primary")
        self.remove_button = QPushButton(remove)
        self.new_button = QPushButton("New")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        for button in (self.add_button, self.remove_button, self.new_button):
            on_return(button)
        return buttons

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # View -> Large text
            self._fit()

    def _fit(self) -> None:
        """Sizes that follow the type (View -> Large text)."""


class ParticipantsPanel(_RowsPanel):
    """Who is in the room: name, role and side. Select a row to edit or remove it."""

    participant_added = Signal(str, str, str, str)  # name, role, side, email ("" for none)
    participant_updated = Signal(int, dict)  # changes may include "email"
    participant_removed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(lambda p: [*_person_cells(p), self.emails.get(p.id, "")], parent)
        self.emails: dict[int, str] = {}  # participant id -> email, set by the page before load
        self._wrapped: dict[tuple[str, str, int], int] = {}  # (font, text, lines) -> width (_size_columns)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.table = _table(["Name", "Role", "Side", "Email"])
        # Columns sized to what they hold, the name first (play-through 7: names were cut to
        # "Dr Priya …" while an empty Email column took a quarter of the width): see _size_columns
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.table.viewport().installEventFilter(self)
        self.table.setItemDelegateForColumn(3, _EmailDelegate(self.table))
        self.table.setAccessibleName("Participants")
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.name = QLineEdit(placeholderText="Full name")
        self.name.setAccessibleName("Participant name")
        self.role = QLineEdit(placeholderText="e.g. Director of Place")  # under its label "Role": whole at 1024 with Large text
        self.role.setAccessibleName("Participant role")
        self.side = QComboBox()
        self._last_side: object = None  # the side of the person last added (the next one's default)
        self.side.setAccessibleName("Participant side")
        for label, value in SIDES:
            self.side.addItem(label, value)
        self.email = QLineEdit(placeholderText="Optional")
        self.email.setToolTip("Where the pre-work form goes (Pre-work → Create forms…)")
        self.email.setAccessibleName("Participant email")
        self.name_field = Field("Na&me", self.name)
        # Two rows of two: on one row of four the name box was too narrow for a long name
        # ("Alexandra Montgomery-Smythe") with Large text, even at 1366.
        form = QGridLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        form.addWidget(self.name_field, 0, 0)
        form.addWidget(Field("R&ole", self.role), 0, 1)
        form.addWidget(Field("Si&de", self.side), 1, 0)
        form.addWidget(Field("Emai&l", self.email), 1, 1)
        form.setColumnStretch(0, 4)  # the name's column the wider: a long name whole at 1366, and the
        form.setColumnStretch(1, 3)  # role still readable beside it at 1024
        buttons = self._buttons("Add participant", "Remove")
        # A missing name is said beside the button, not under the name box: there it pushed Side
        # down and the Role box out of line with the name's (play-through 8).
        self.problem = QLabel()
        self.problem.setProperty("role", "hint")
        self.problem.setAccessibleName("Participant problem")
        self.problem.hide()
        buttons.insertWidget(2, self.problem, 1)
        self._editable = True
        # The form right under the list, the room below it (playthrough 1, finding 13: the fields
        # sat 250 px below an empty list, stretched to the height of the Rounds column).
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addLayout(buttons)
        # Who was added, on which side: a slip (a Down arrow too many in Side) shows at once.
        self.added = caption("")
        self.added.setWordWrap(True)
        self.added.setTextFormat(Qt.TextFormat.PlainText)  # a name printed as typed
        self.added.setAccessibleName("Last added")
        self.added.hide()
        layout.addWidget(self.added)
        layout.addStretch(1)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.new_button.clicked.connect(self.start_new)
        # A box too narrow for the whole of its text shows its start once left (play-through 6:
        # a saved address read "lave@orrin.co.uk", scrolled to its end).
        for box in (self.name, self.role, self.email):
            box.installEventFilter(self)
        self.name.returnPressed.connect(self._on_add_button_clicked)
        self.role.returnPressed.connect(self._on_add_button_clicked)
        self.email.returnPressed.connect(self._on_add_button_clicked)
        on_return(self.side, self._on_add_button_clicked)
        self.name.textChanged.connect(self._sync)
        self._sync()

    def start_new(self) -> None:
        super().start_new()
        self.name.clear()
        self.role.clear()
        self.email.clear()
        # The side of the person last added: people come one organisation at a time (play-through 2:
        # back to Client, each provider had to be switched again). The line under the form says so,
        # before the next person is typed (play-through 6: a Down arrow meant to turn Client into
        # Provider turned the kept Provider into Facilitator, unseen).
        self.side.setCurrentIndex(max(0, self.side.findData(self._last_side)))
        self._say_problem("")
        self._sync()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        for widget in (self.name, self.role, self.side, self.email, self.add_button, self.remove_button, self.new_button):
            widget.setEnabled(editable)
        self._sync()  # one rule for the button, whether the file was just made or opened again

    def _say_problem(self, problem: str) -> None:
        """Mark the name box and say why beside the button (the form's fields stay where they are)."""
        self.name_field.set_problem(problem)
        self.name_field.hint.hide()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def _sync(self) -> None:
        editing = self.selected_id() is not None
        self.add_button.setText("Save changes" if editing else "Add participant")
        # enabled once there is a name to add (play-through 8: disabled on a new file, enabled
        # on the same empty form after a restart)
        self.add_button.setEnabled(self._editable and bool(self.name.text().strip()))
        self.remove_button.setVisible(editing)
        self.new_button.setVisible(editing)
        if self.name.text().strip():
            self._say_problem("")

    def _on_table_item_selection_changed(self) -> None:
        person = self.selected()
        if person is not None:
            self.name.setText(person.name)
            self.role.setText(person.role)
            self.side.setCurrentIndex(max(0, self.side.findData(person.side)))
            self.email.setText(self.emails.get(person.id, ""))
            for box in (self.name, self.role, self.email):
                box.setCursorPosition(0)  # the start of a long address, not its end
            self.added.hide()
        self._sync()

    def _on_add_button_clicked(self) -> None:
        name, role, side = self.name.text().strip(), self.role.text().strip(), self.side.currentData()
        email = self.email.text().strip()
        if not name:
            self._say_problem("Enter the participant's name.")
            return
        person_id = self.selected_id()
        if person_id is None:
            self._last_side = side
            self.participant_added.emit(name, role, side, email)
            return
        person = next(p for p in self._items if p.id == person_id)
        changes = {k: v for k, v in (("name", name), ("role", role), ("side", side)) if getattr(person, k) != v}
        if email != self.emails.get(person_id, ""):
            changes["email"] = email
        if changes:
            self.participant_updated.emit(person_id, changes)

    def _on_remove_button_clicked(self) -> None:
        person_id = self.selected_id()
        if person_id is not None:
            self.participant_removed.emit(person_id)

    def show_added(self, name: str, side: str) -> None:
        """Say who was just added and on which side."""
        label = next((text for text, value in SIDES if value == side), side)
        self.added.setText(f"Added {name} ({label}). The next person is {self.side.currentText()} too "
                           "unless you change Side.")
        self.added.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusOut and isinstance(watched, QLineEdit):
            watched.setCursorPosition(0)
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._size_columns()
        return super().eventFilter(watched, event)

    def load(self, items: list[Any]) -> None:
        self._wrapped.clear()  # only the texts now listed are measured again
        super().load(items)
        self._size_columns()

    def _fit(self) -> None:
        super()._fit()
        self._size_columns()

    def _size_columns(self) -> None:
        """Each column as wide as its widest text (or heading) when they all fit, the room left over
        to the name and role; when they do not, Side keeps its width, the name and role theirs, and
        Email has what is left (at most a quarter, at least its heading); a name or role reads whole
        on the row's two lines when one line is too long, or on three when two are; when even that
        is short, the name keeps its three lines' width (at most two thirds of what is left) and the
        role has the rest, cut with "…" (whole in the cell's tooltip)."""
        table = self.table
        avail = table.viewport().width()
        if avail <= 0:
            return
        fm = table.fontMetrics()
        # the cell's margins, with room to spare: the text's own margins and a few pixels (an "M"
        # and 6 px, twice the margins, left 56 px of a 514 px list unused with Large text at 1024)
        style = table.style()
        drawn = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1) + 2
        pad = max(drawn + 4, fm.horizontalAdvance("M") // 2 + 6)
        header = table.horizontalHeader()
        natural = []
        for column in range(4):
            head = table.horizontalHeaderItem(column)
            texts = [head.text() if head else ""] + [
                cell.text() for row in range(table.rowCount()) if (cell := table.item(row, column))]
            widest = max(fm.horizontalAdvance(t) for t in texts)
            natural.append(widest + pad)
        side = natural[2]
        # short of room, an address shows on two lines, "@domain" under the name (_EmailDelegate):
        # its column needs only the longer part, and the role keeps the width (play-through 9)
        parts = [fm.horizontalAdvance(part) for row in range(table.rowCount())
                 if (cell := table.item(row, 3)) and "@" in cell.text()
                 for part in cell.text().partition("@")[0::2]]
        longest = max(parts, default=0) + fm.horizontalAdvance("@") + pad  # "@domain" has the @
        # each column at least its heading's width, in the heading's own bold type and padding
        headings = [header.sectionSizeFromContents(column).width() for column in range(4)]
        heading = max(headings[3], fm.horizontalAdvance("Email") + pad)
        split = min(natural[3], max(longest, heading))
        cap = min(split, avail // 4) if sum(natural) > avail else natural[3]
        # what the name and role need to read whole: on one line, or on the row's two or three (_fit_rows)
        font = table.font().key()

        def wrapped(text: str, lines: int) -> int:  # kept between resizes: the texts stay, the width changes
            key = (font, text, lines)
            if key not in self._wrapped:
                self._wrapped[key] = lines_width(text, fm.horizontalAdvance, lines)
            return self._wrapped[key]

        def need(column: int, lines: int) -> int:
            head = table.horizontalHeaderItem(column)
            return max([fm.horizontalAdvance(head.text()) if head else 0]
                       + [wrapped(cell.text(), lines) for row in range(table.rowCount())
                          if (cell := table.item(row, column))]) + pad

        two = [need(column, 2) for column in (0, 1)]
        three = [need(column, 3) for column in (0, 1)]
        # the name and role come first: the Email column has what is left after they read whole (at
        # most its own width or a quarter), down to its heading; the address gives way, whole on hover
        # (play-through 10: one long address cut every role to "Corporate Director …" at 1024). Rows
        # take a third line before a role is cut (play-through 11: with Large text at 1024 the
        # Participants column is 480 px and "Managing Director, Public …" was cut on two).
        room = avail - side - heading
        name_want, role_want = next(
            (want for want in ((natural[0], natural[1]), (natural[0], two[1]), (two[0], two[1]),
                               (two[0], three[1]), (three[0], three[1]))
             if sum(want) <= room), (three[0], three[1]))
        email = max(heading, min(cap, avail - side - name_want - role_want))
        rest = max(0, avail - side - email)
        if name_want + role_want <= rest:  # room over: a wrapped name onto one line first, then the role
            extra = rest - name_want - role_want
            name = name_want + min(extra, max(0, natural[0] - name_want))
            role = role_want + min(rest - name - role_want, max(0, natural[1] - role_want))
            extra = rest - name - role
            name, role = name + extra // 2, role + extra - extra // 2
        else:  # too little room for both on two lines: the name whole on two, the role the rest
            name = min(name_want, rest * 2 // 3)
            role = rest - name
        widths = [max(width, floor) for width, floor in zip((name, role, side, email), headings, strict=True)]
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        self._fit_rows(widths, pad)

    def _fit_rows(self, widths: list[int], pad: int) -> None:
        """A name or role too long for its column wraps onto a second line (a third when two are too
        few), the row taller, rather than being cut ("Director of …" at 1366, play-through 8), and
        so does an address too long for its column, as its name and "@domain"; the list grows to
        show the rows."""
        table = self.table
        fm = table.fontMetrics()
        one = table.verticalHeader().defaultSectionSize()
        flags = int(Qt.TextFlag.TextWordWrap)
        # measured in the room the text is drawn in (the cell less its margins, and 2 px to spare): in
        # the narrower room the columns are sized with, a role exactly two lines wide took a third
        # line, and every row was a line too tall (Large text at 1366)
        style = table.style()
        drawn = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1) + 2
        heights = []
        for row in range(table.rowCount()):
            need = one
            for column in (0, 1):
                cell = table.item(row, column)
                if cell is not None and cell.text():
                    room = max(1, widths[column] - max(drawn, pad // 2))
                    box = fm.boundingRect(QRect(0, 0, room, 10_000), flags, cell.text())
                    # three lines at most: at 1024 with Large text a narrow column made rows six lines tall
                    need = max(need, min(box.height(), 3 * fm.lineSpacing()) + one - fm.height())
            cell = table.item(row, 3)  # an address too long for its column: name and "@domain" (_EmailDelegate)
            if cell is not None and "@" in cell.text() and fm.horizontalAdvance(cell.text()) > widths[3] - pad:
                need = max(need, fm.lineSpacing() + one)
            heights.append(need)
        # rows of one height (play-through 9: a two-line row among one-line rows looked like a slip)
        tall = max(heights, default=one)
        for row in range(table.rowCount()):
            table.setRowHeight(row, tall)
        heights = [tall] * len(heights)
        shown = sum(heights[:10]) + max(0, 4 - len(heights)) * one  # up to ten rows, room for four
        table.setMinimumHeight(table.horizontalHeader().sizeHint().height() + shown + 4)

    def show_row(self, person_id: int) -> QRect | None:
        """Scroll the list to a participant's row; its rectangle in this panel (None: not listed)."""
        row = next((i for i, p in enumerate(self._items) if p.id == person_id), None)
        item = self.table.item(row, 0) if row is not None else None
        if item is None:
            return None
        self.table.updateGeometries()  # the scroll range of the rows just loaded (else the new last row was cut)
        self.table.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)
        rect = self.table.visualItemRect(item)
        return QRect(self.table.viewport().mapTo(self, rect.topLeft()), rect.size())


class RoundsPanel(_RowsPanel):
    """The baseline and follow-up assessments: add one months later; select one to rename or remove it."""

    round_added = Signal(str, object)  # label, date or None
    round_updated = Signal(int, dict)  # round id, the changed fields (label, date)
    round_removed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_round_cells, parent)
        self._editable = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.table = _table(["Round", "Date"])
        self.table.setColumnWidth(0, 180)
        self.table.setAccessibleName("Rounds")
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.label = QLineEdit(placeholderText="e.g. Follow-up")
        self.label.setAccessibleName("Round label")
        self.date = DateField(likely_years=5)
        self.date.setAccessibleName("Round date")
        self._fit_date()
        self.label_field = Field("Round &label", self.label)
        form = QHBoxLayout()
        form.addWidget(self.label_field, 3)
        form.addWidget(Field("D&ate", self.date), 2)
        # "Remove", not "Remove round": with Large text at 1024 the longer row of buttons widened
        # the column as a round was selected, squeezing the participants beside it
        buttons = self._buttons("Add follow-up round", "Remove")
        self.remove_button.setAccessibleName("Remove round")
        self._button_row = buttons
        note = caption("A follow-up round covers what the round before it covered (select it to change "
                       "that); scoring it again lets the report show what changed.")
        note.setWordWrap(True)
        # a date out of order with the rounds around it is said here, not refused: history may be
        # entered out of order (play-through 7: a follow-up dated the day before the baseline)
        self.date_note = caption("")
        self.date_note.setWordWrap(True)
        self.date_note.setAccessibleName("Round date order")
        self.date_note.hide()
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.date_note)
        layout.addLayout(buttons)
        layout.addWidget(note)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.new_button.clicked.connect(self.start_new)
        self.label.returnPressed.connect(self._on_add_button_clicked)
        self.label.textChanged.connect(self._sync)
        self.date.edited.connect(self._sync)
        self.date.committed.connect(self._sync)
        self.date.returnPressed.connect(self._on_add_button_clicked)
        self._sync()
        self._keep_width()

    def _fit_date(self) -> None:
        """The date box shows the widest date whole (at 1024 wide it read "12 Mar 202")."""
        edit = self.date.edit
        widest = max(edit.fontMetrics().horizontalAdvance(format_date(dt.date(2026, month, 28)))
                     for month in range(1, 13))
        edit.setMinimumWidth(widest + 32)  # its padding, border and Qt's own margins

    def _fit(self) -> None:
        super()._fit()
        self._fit_date()
        self._keep_width()
        QTimer.singleShot(0, self, self._fit_height)  # once the rows have the new type's height

    def _keep_width(self) -> None:
        """As wide with a round selected as without: Save changes, Remove and New, shown as a round
        was selected, widened the column by about 29 pixels with Large text at 1024, and the page
        jumped sideways. The panel keeps the wider of the two rows of buttons from the start."""
        layout = self.layout()
        if layout is None or not hasattr(self, "_button_row"):
            return
        add = self.add_button
        fm = add.fontMetrics()
        save = add.sizeHint().width() - fm.horizontalAdvance(add.text()) + fm.horizontalAdvance("Save changes")
        editing = (save + self.remove_button.sizeHint().width() + self.new_button.sizeHint().width()
                   + 2 * max(0, self._button_row.spacing()))
        self.setMinimumWidth(0)
        self.setMinimumWidth(max(editing, layout.minimumSize().width()))

    def start_new(self) -> None:
        super().start_new()
        self.label.clear()
        self.date.set_value(None)
        self._sync()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        for widget in (self.label, self.date, self.add_button, self.remove_button, self.new_button):
            widget.setEnabled(editable)
        if editable:
            self._sync()

    def problem(self) -> str:
        label = self.label.text().strip()
        taken = {r.label.casefold() for r in self._items if r.id != self.selected_id()}
        if label.casefold() in taken:
            return f"There is already a round called '{label}'."
        return ""

    def _sync(self) -> None:
        editing = self.selected_id() is not None
        problem = self.problem()
        self.label_field.set_problem(problem)
        self.add_button.setText("Save changes" if editing else "Add follow-up round")
        if self._editable:
            readable = not self.date.problem()
            self.add_button.setEnabled(bool(self.label.text().strip()) and not problem and readable)
            self.remove_button.setEnabled(len(self._items) > 1)
        self.remove_button.setToolTip("" if len(self._items) > 1 else "An engagement keeps at least one round.")
        self.remove_button.setVisible(editing)
        self.new_button.setVisible(editing)
        doubt = self.date_doubt()
        self.date_note.setText(doubt)
        self.date_note.setVisible(bool(doubt))

    def _fit_height(self) -> None:
        # the list as tall as its room for four rows (or its rows), no taller: the Participants
        # column beside it left a blank band of about 100 px under two rounds (play-through 11)
        self.table.setMaximumHeight(16_777_215)
        super()._fit_height()
        self.table.setMaximumHeight(self.table.minimumHeight())

    def load(self, items: list[Any]) -> None:
        super().load(items)
        self._sync()

    def date_doubt(self) -> str:
        """A plain warning when the date in the form, or a saved round's, is out of order with the
        round listed before or after it ("" when the dates follow the list)."""
        items = list(self._items)
        chosen = self.selected_id()
        index = next((i for i, r in enumerate(items) if r.id == chosen), None)
        typed = self.date.value()
        if index is None and typed is not None and items:  # a new round goes at the end
            before = [r for r in items if r.date is not None]
            if before and typed < before[-1].date:
                last = before[-1]
                return (f"This date is before {last.label}'s ({format_date(last.date)}). It can be saved; "
                        f"the new round is still listed after {last.label} and compared with it.")
            return ""
        if index is not None:
            label = items[index].label
            earlier = [r for r in items[:index] if r.date is not None]
            later = [r for r in items[index + 1:] if r.date is not None]
            if typed is not None and earlier and typed < earlier[-1].date:
                prev = earlier[-1]
                return (f"This date is before {prev.label}'s ({format_date(prev.date)}), the round listed "
                        f"before it. It can be saved; {label} is still compared with {prev.label}.")
            if typed is not None and later and typed > later[0].date:
                nxt = later[0]
                return (f"This date is after {nxt.label}'s ({format_date(nxt.date)}), the round listed "
                        f"after it. It can be saved; {nxt.label} is still compared with {label}.")
            return ""
        dated = [r for r in items if r.date is not None]
        for prev, rnd in zip(dated, dated[1:], strict=False):
            if rnd.date < prev.date:
                return (f"{rnd.label} ({format_date(rnd.date)}) is dated before {prev.label} "
                        f"({format_date(prev.date)}), listed before it: rounds are compared in the order "
                        f"listed. Select one to change its date.")
        return ""

    def _on_table_item_selection_changed(self) -> None:
        rnd = self.selected()
        if rnd is not None:
            self.label.setText(rnd.label)
            self.date.set_value(rnd.date)
        self._sync()

    def _on_add_button_clicked(self) -> None:
        label = self.label.text().strip()
        if not label or self.problem() or not self.date.take():
            return
        date: dt.date | None = self.date.value()
        rnd = self.selected()
        if rnd is None:
            self.round_added.emit(label, date)
            return
        changes = {k: v for k, v in (("label", label), ("date", date)) if getattr(rnd, k) != v}
        if changes:
            self.round_updated.emit(rnd.id, changes)

    def _on_remove_button_clicked(self) -> None:
        round_id = self.selected_id()
        if round_id is not None and len(self._items) > 1:
            self.round_removed.emit(round_id)
