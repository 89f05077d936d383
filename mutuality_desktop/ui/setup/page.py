"""New engagement and engagement setup: details, participants and rounds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core import operations as ops
from ...core.prework.contacts import participant_emails
from .. import theme
from ..commands import (
    AddParticipant,
    AddRound,
    RemoveParticipant,
    RemoveRound,
    SetExcludedFactors,
    SetParticipantEmail,
    SetScope,
    UpdateInfo,
    UpdateParticipant,
    UpdateRound,
)
from ..document import EngagementDocument
from ..names import safe_stem
from ..settings import Settings
from ..widgets import Field, caption, heading, on_return
from .details import DetailsForm
from .people import ParticipantsPanel, RoundsPanel
from .scope import ScopePanel

SUFFIX = ".mutuality"
_WIDE = 1200  # a view at least this wide has the page's full side margins
_SETTLE_MS = 1500  # how long after a look switch the page's new layouts keep its place
FIELD_NAMES = {"title": "title", "client_organisation": "client organisation",
               "provider_organisation": "provider organisation", "contract_annual_value": "annual value"}


def file_name_for(title: str) -> str:
    """A safe file name from an engagement title."""
    return f"{safe_stem(title, 80, joiner='-') or 'New engagement'}{SUFFIX}"


_MODIFIER_KEYS = frozenset({Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
                            Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_CapsLock})


def _edits(event: QKeyEvent) -> bool:
    """Whether a key press may type into or move in the box it reaches: not a modifier on its own
    (the Ctrl of Ctrl+Shift+E, the Alt of Alt+F) and not an Alt or Meta chord, which the window's menus
    take, unless it types a character (AltGr, which Windows reports as Ctrl+Alt, types "€").
    Play-through 9: Export for email by its keys scrolled Setup back up to the title box."""
    if event.key() in _MODIFIER_KEYS:
        return False
    if event.text() and event.text().isprintable():
        return True
    return not event.modifiers() & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier)


class SetupPage(QScrollArea):
    """Create an engagement (no document yet) or edit an open one's details, people and rounds."""

    create_requested = Signal(Path, object)  # path, EngagementInfo
    cancel_requested = Signal()
    walkthrough_requested = Signal()
    plan_requested = Signal()  # Which factors first (ui/triage.py)
    round_added = Signal(int)  # a follow-up round was added: the walkthrough moves to it

    def __init__(self, settings: Settings, doc: EngagementDocument | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no nameless Tab stop; it scrolls to the focus
        self._settings = settings
        self.doc = doc
        self._path_edited = False
        self._scope_stale = False  # the scope list waits for the page to be shown
        body = QWidget()
        body.setObjectName("setupBody")
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(48, 28, 48, 28)
        self._layout.setSpacing(16)
        self.form = DetailsForm()
        self._columns: QHBoxLayout | None = None  # Participants beside Rounds (an open engagement)
        if doc is None:
            self._build_new()
        else:
            self._build_edit(doc)
        self._layout.addStretch(1)
        outer = QWidget()
        outer.setObjectName("pageBody")
        row = QHBoxLayout(outer)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(body, 100)
        row.addStretch(1)
        body.setMaximumWidth(1180)
        self.setWidget(outer)
        self._body, self._outer = body, outer
        # The facilitator's place: the part of the page at the top of the view, and how far into it.
        # A look switch (Large text, High contrast) re-lays the page out, and the same part is put
        # back at the top (play-through 10: Setup was back at its top after a switch).
        self._place: tuple[QWidget, float] | None = None
        self._settling = QElapsedTimer()  # running from a look switch while the page re-lays out
        self._relaid_unseen = False  # a look switch while another page was shown
        self.verticalScrollBar().valueChanged.connect(self._note_place)
        outer.installEventFilter(self)
        # Typing goes where it can be seen: a key typed into a box the wheel scrolled out of sight
        # brings the box back into view (play-through 6: "Follow-up" went into the title, unseen).
        for widget in outer.findChildren(QWidget):
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.widget() and event.type() == QEvent.Type.Resize:
            if self._is_settling():
                QTimer.singleShot(0, self, self._restore_place)  # once the scroll bar has its new range
            else:  # a list grew or the window was resized: the place as it now is
                self._note_place_soon()
            return False
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and _edits(event)
                and isinstance(watched, QWidget) and watched.hasFocus() and not self._in_view(watched)):
            self.ensureWidgetVisible(watched)
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Side margins of 48 px on a wide window, 24 on a narrow one, and 40 or 24 px between the
        Participants and Rounds columns: at 1024 with Large text that room went from a Participants
        list too narrow for its roles (play-through 11)."""
        wide = self.viewport().width() >= _WIDE
        side = 48 if wide else 24
        margins = self._layout.contentsMargins()
        if margins.left() != side:
            self._layout.setContentsMargins(side, margins.top(), side, margins.bottom())
        if self._columns is not None and self._columns.spacing() != (40 if wide else 24):
            self._columns.setSpacing(40 if wide else 24)
        super().resizeEvent(event)

    def _parts(self) -> list[QWidget]:
        """The page's parts top to bottom: its headings, the details, the lists, the buttons."""
        parts = self._body.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return [w for w in parts if not w.isHidden() and w.height() > 0]

    def _note_place_soon(self, *_: object) -> None:
        """Note the place once the page is laid out again (a list grew, the window was resized)."""
        QTimer.singleShot(0, self, self._note_place)

    def _note_place(self, *_: object) -> None:
        """Remember the part at the top of the view and how far into it (a share of its height)."""
        if self._is_settling() or not self.isVisible():
            return
        top = self._body.mapFrom(self.viewport(), QPoint(0, 0)).y()
        below = [w for w in self._parts() if w.y() + w.height() > top]
        if not below or self.verticalScrollBar().value() == 0:
            self._place = None  # at the top of the page: it stays at the top
            return
        part = min(below, key=lambda w: w.y())
        self._place = (part, (top - part.y()) / part.height())

    def _is_settling(self) -> bool:
        return self._settling.isValid() and self._settling.elapsed() < _SETTLE_MS

    def _restore_place(self) -> None:
        """Scroll so the remembered part is at the top of the view again, as far into it as before."""
        if self._place is None:
            return
        part, into = self._place
        if not shiboken6.isValid(part) or part.isHidden():
            return
        at = self._body.mapTo(self._outer, QPoint(0, part.y() + round(into * part.height()))).y()
        self.verticalScrollBar().setValue(at)

    def apply_look(self) -> None:
        """Called by theme.apply when View -> Large text or High contrast changes: for a moment the
        page re-lays itself out, and each new layout puts the remembered part back at the top."""
        if not self.isVisible():  # laid out again when next shown
            self._relaid_unseen = True
            return
        self._settle()

    def _settle(self) -> None:
        self._settling.start()
        QTimer.singleShot(0, self, self._restore_place)
        QTimer.singleShot(_SETTLE_MS + 50, self, self._note_place)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt override
        """Tab moves on and scrolls to the box it reaches; but when the page is hidden (another page
        shown), Qt moves the focus off it by this call too, and QScrollArea's scroll to that box lost
        the facilitator's place on Setup (play-through 10): then the focus moves without a scroll."""
        if not self.isVisible():
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def _in_view(self, widget: QWidget) -> bool:
        """Whether all of the widget shows in the page's viewport."""
        viewport = self.viewport()
        top_left = widget.mapTo(viewport, widget.rect().topLeft())
        return viewport.rect().contains(QRect(top_left, widget.size()))

    # --- new engagement ----------------------------------------------------------------------

    def _build_new(self) -> None:
        self._layout.addWidget(heading("New engagement", theme.BASE_POINT_SIZE + 8))
        self._layout.addWidget(caption("Fill in what you know now; everything can be changed later. "
                                       "Fields marked * are needed."))
        self._layout.addWidget(self.form)
        self.path = QLineEdit()
        self.path.setAccessibleName("Save as")
        choose = QPushButton("Choose…")
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(choose)
        path_box = QWidget()
        path_box.setLayout(path_row)
        path_row.setContentsMargins(0, 0, 0, 0)
        self.path_field = Field("Save &as", path_box)
        self.path_field.label.setBuddy(self.path)
        self._layout.addWidget(self.path_field)
        self.create_button = QPushButton("Create engagement")
        self.create_button.setProperty("role", "primary")
        cancel = QPushButton("Cancel")
        self.create_hint = caption("")  # why Create is not available yet
        self.create_hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(cancel)
        buttons.addSpacing(12)
        buttons.addWidget(self.create_hint, 1)
        self._layout.addLayout(buttons)
        self.path.setText(str(self._settings.last_folder() / file_name_for("")))
        self.form.title_edited.connect(self._on_form_title_edited)
        self.form.validity_changed.connect(self._sync_create)
        self.form.edited.connect(self._sync_create)
        self.path.textEdited.connect(self._on_path_text_edited)
        choose.clicked.connect(self._on_choose_clicked)
        self.create_button.clicked.connect(self._on_create_button_clicked)
        cancel.clicked.connect(self.cancel_requested)
        for button in (choose, self.create_button, cancel):
            on_return(button)
        self.form.return_pressed.connect(self._on_form_return_pressed)
        self.path.returnPressed.connect(self._on_form_return_pressed)
        self._sync_create()
        self.form.editor("title").setFocus()

    def target_path(self) -> Path:
        """The file to create: what was typed, with .mutuality added if it is missing."""
        path = Path(self.path.text().strip()).expanduser()
        if path.name and path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        return path

    def path_problem(self) -> str:
        path = self.target_path()
        if not self.path.text().strip() or not path.name or path.is_dir():
            return "Choose where to save the engagement file."
        if path.exists():
            return f"{path.name} already exists in that folder; choose another name."
        return ""

    def _sync_create(self, *_: object) -> None:
        problem = self.path_problem()
        self.path_field.set_problem(problem)
        found = self.form.problems()
        problems = list(found.values()) + ([problem] if problem else [])
        self.create_button.setEnabled(not problems)
        # One problem in full; several named, so the line is whole rather than cut with "…"
        names = [self.form.label_of(n) for n in found] + (["Save as"] if problem else [])
        self.create_hint.setText(problems[0] if len(problems) == 1 else
                                 f"Still needed: {', '.join(names)}." if problems else "")

    def _on_form_title_edited(self, title: str) -> None:
        if not self._path_edited:
            folder = self.target_path().parent if self.path.text().strip() else self._settings.last_folder()
            self.path.setText(str(folder / file_name_for(title)))
        self._sync_create()

    def _on_path_text_edited(self, _text: str) -> None:
        self._path_edited = True
        self._sync_create()

    def _on_choose_clicked(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the new engagement as", str(self.target_path()),
                                                "Engagement files (*.mutuality)")
        if chosen:
            self._path_edited = True
            self.path.setText(chosen)
            self._sync_create()

    def _on_form_return_pressed(self) -> None:
        """Return anywhere in the form creates the engagement, or points at what is missing."""
        if self.create_button.isEnabled():
            self.create_button.click()
            return
        self.form.validate(show_all=True)
        self._sync_create()
        first = next(iter(self.form.problems()), None)
        if first is not None:
            self.form.editor(first).setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.path.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_create_button_clicked(self) -> None:
        if not self.form.validate(show_all=True) or self.path_problem():
            self._sync_create()
            return
        from ...core.model import EngagementInfo

        self.create_requested.emit(self.target_path(), EngagementInfo(**self.form.values()))

    # --- an open engagement ------------------------------------------------------------------

    def _build_edit(self, doc: EngagementDocument) -> None:
        self.title_label = heading("", theme.BASE_POINT_SIZE + 8)
        self.title_label.setWordWrap(True)
        self._layout.addWidget(self.title_label)
        self._layout.addWidget(caption("Details are saved as you leave each field; participants and "
                                       "rounds as you add or save them."))
        self._layout.addWidget(self.form)
        self.participants = ParticipantsPanel()
        self.rounds = RoundsPanel()
        self.scope = ScopePanel()
        columns = QHBoxLayout()
        columns.setSpacing(40)
        self._columns = columns
        for title, panel, stretch in (("Participants", self.participants, 3), ("Rounds", self.rounds, 2)):
            column = QVBoxLayout()
            column.setSpacing(8)
            panel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            column.addWidget(heading(title, theme.BASE_POINT_SIZE + 3))
            column.addWidget(panel, 1 if panel is self.participants else 0)
            if panel is self.rounds:
                # the room the taller Participants column leaves goes under the scope, not into
                # a blank band under the two rounds (play-through 11: about 100 px at 1024)
                column.addWidget(self.scope)
                column.addStretch(1)
            columns.addLayout(column, stretch)
        self._layout.addSpacing(8)
        self._layout.addLayout(columns)
        self.walk_button = QPushButton("Go to the walkthrough  →")
        self.walk_button.setProperty("role", "primary")
        self.walk_button.clicked.connect(self.walkthrough_requested)
        on_return(self.walk_button)
        self.plan_button = QPushButton("Which factors first…")
        self.plan_button.setToolTip("The factors to discuss first, and those to confirm quickly")
        self.plan_button.clicked.connect(self.plan_requested)
        on_return(self.plan_button)
        ends = QHBoxLayout()
        ends.addStretch(1)
        ends.addWidget(self.plan_button)
        ends.addWidget(self.walk_button)
        self._layout.addLayout(ends)
        self.form.field_committed.connect(self._on_form_field_committed)
        self.participants.participant_added.connect(self._on_participants_participant_added)
        self.participants.participant_updated.connect(self._on_participants_participant_updated)
        self.participants.participant_removed.connect(self._on_participants_participant_removed)
        self.rounds.round_added.connect(self._on_rounds_round_added)
        self.rounds.round_updated.connect(self._on_rounds_round_updated)
        self.rounds.round_removed.connect(self._on_rounds_round_removed)
        self.rounds.table.itemSelectionChanged.connect(self._load_scope)
        self.scope.scope_chosen.connect(self._on_scope_scope_chosen)
        self.scope.factors_left_out.connect(self._on_scope_factors_left_out)
        doc.changed.connect(self._on_doc_changed)
        self.refresh()
        editable = not doc.readonly
        self.form.setEnabled(True)
        self.participants.setEnabled(True)
        self.rounds.setEnabled(True)
        self.form.setEnabled(editable)
        self.participants.set_editable(editable)
        self.rounds.set_editable(editable)

    def refresh(self, what: str = "") -> None:
        assert self.doc is not None
        eng = self.doc.engagement
        if what in ("", "info"):
            info = eng.info()
            self.form.load(info)
            self.title_label.setText(info.title)
        if what in ("", "participants"):
            self.participants.emails = participant_emails(eng)
            self.participants.load(eng.participants())
        if what in ("", "rounds"):
            self.rounds.load(eng.rounds())
        if what in ("", "info", "rounds"):
            rounds = eng.rounds()
            if rounds:
                self.form.show_round_date(rounds[0].label, rounds[0].date, eng.info().workshop_date)
        self._load_scope()

    def _load_scope(self) -> None:
        """The scope of the selected round, or of the latest when none is selected."""
        assert self.doc is not None
        self._scope_stale = False
        eng = self.doc.engagement
        rounds = eng.rounds()
        chosen = self.rounds.selected_id()
        rnd = next((r for r in rounds if r.id == chosen), rounds[-1])
        self.scope.load(eng.framework, rnd.id, rnd.label, eng.scope(rnd.id), bool(eng.chosen_scope(rnd.id)),
                        not self.doc.readonly, eng.excluded_factors(rnd.id))

    def _on_doc_changed(self, what: str) -> None:
        if what in ("info", "participants", "rounds"):
            self.refresh(what)
        elif what in ("scope", "score", "notes"):
            if self.isVisible():
                self._load_scope()
            else:  # a score or note in the walkthrough: not on each keystroke, but when shown
                self._scope_stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._scope_stale and self.doc is not None:
            self._load_scope()
        if self._relaid_unseen:
            self._relaid_unseen = False
            self._settle()
        super().showEvent(event)

    def _on_scope_scope_chosen(self, round_id: int, dimensions: list[str]) -> None:
        assert self.doc is not None
        if not dimensions:
            self.doc.problem_raised.emit("A round covers at least one dimension; tick another "
                                         "before clearing this one.")
            self._load_scope()
            return
        engagement = self.doc.engagement
        before = engagement.scope(round_id)
        if self.doc.execute(SetScope(round_id, dimensions)):
            self._say_scores_kept(round_id, [d for d in before if d not in dimensions])

    def _say_scores_kept(self, round_id: int, dropped: list[str]) -> None:
        """A dimension with agreed levels left out of a round: say that they are kept, not lost
        (third play-through: they left the walkthrough, Results and the report without a word)."""
        assert self.doc is not None
        engagement, fw = self.doc.engagement, self.doc.engagement.framework
        scores = engagement.scores(round_id)
        for dimension_id in dropped:
            agreed = sum(1 for f in fw.dimension(dimension_id).factors
                         if (s := scores.get((f.id, "agreed"))) is not None and s.level is not None)
            if agreed and isinstance(window := self.window(), QMainWindow):
                label = next((r.label for r in engagement.rounds() if r.id == round_id), "the round")
                window.statusBar().showMessage(  # short enough to be read whole at 1024
                    f"{fw.dimension(dimension_id).name} left out of {label}; its {agreed} agreed "
                    f"level{'s are' if agreed != 1 else ' is'} kept in the file (Ctrl+Z undoes).", 12000)

    def _on_scope_factors_left_out(self, round_id: int, factors: list[str]) -> None:
        assert self.doc is not None
        fw = self.doc.engagement.framework
        scope = self.doc.engagement.scope(round_id)
        if not [f for f in fw.factors if f.dimension_id in scope and f.id not in set(factors)]:
            self.doc.problem_raised.emit("A round covers at least one factor; tick another before "
                                         "leaving this one out.")
            self._load_scope()
            return
        self.doc.execute(SetExcludedFactors(round_id, factors))

    def _on_form_field_committed(self, name: str, value: Any) -> None:
        assert self.doc is not None
        label = FIELD_NAMES.get(name, name.replace("_", " "))
        eng = self.doc.engagement
        first = eng.rounds()[0] if name == "workshop_date" and eng.rounds() else None
        if first is not None and first.date == eng.info().workshop_date and first.date != value:
            # the first round's date was the workshop date: it moves with it, in one undo step, so
            # the report's date (the round's own) is the one Setup shows (play-through 4)
            self.doc.execute_all(f"Change the {label}", "all", [
                ops.UpdateInfo({name: value}), ops.UpdateRound(first.uuid, {"date": value})])
            return
        self.doc.execute(UpdateInfo(f"Change the {label}", **{name: value}))

    def _on_participants_participant_added(self, name: str, role: str, side: str, email: str) -> None:
        assert self.doc is not None
        before = {p.id for p in self.doc.engagement.participants()}
        if self.doc.execute(AddParticipant(name, role, side, email)):
            self.participants.start_new()
            self.participants.show_added(name, side)
            self.participants.name.setFocus()
            added = [p.id for p in self.doc.engagement.participants() if p.id not in before]
            if added:  # once the list has its new height: the new row in view, and the fields
                QTimer.singleShot(0, self, lambda: self._show_participant(added[-1]))

    def _show_participant(self, person_id: int) -> None:
        rect = self.participants.show_row(person_id)
        body = self.widget()
        if rect is not None and body is not None:
            top = self.participants.mapTo(body, rect.topLeft())
            self.ensureVisible(top.x(), top.y() + rect.height() // 2, 0, rect.height())
            self.ensureWidgetVisible(self.participants.added, 0, 8)  # who was added, on which side
            self.ensureWidgetVisible(self.participants.name)

    def _on_participants_participant_updated(self, participant_id: int, changes: dict[str, Any]) -> None:
        assert self.doc is not None
        email = changes.pop("email", None)
        if email is not None and not self.doc.execute(SetParticipantEmail(participant_id, email)):
            return
        if changes:
            self.doc.execute(UpdateParticipant(participant_id, **changes))

    def _on_participants_participant_removed(self, participant_id: int) -> None:
        assert self.doc is not None
        person = next(p for p in self.doc.engagement.participants() if p.id == participant_id)
        self.doc.execute(RemoveParticipant(participant_id, person.name))

    def _on_rounds_round_added(self, label: str, date: Any) -> None:
        assert self.doc is not None
        before = {r.id for r in self.doc.engagement.rounds()}
        if self.doc.execute(AddRound(label, date)):
            added = [r.id for r in self.doc.engagement.rounds() if r.id not in before]
            if added:
                self.round_added.emit(added[-1])

    def _on_rounds_round_updated(self, round_id: int, changes: dict[str, Any]) -> None:
        assert self.doc is not None
        self.doc.execute(UpdateRound(round_id, **changes))

    def _on_rounds_round_removed(self, round_id: int) -> None:
        """Ask first: a round takes its scores and notes with it (Edit > Undo brings them back)."""
        assert self.doc is not None
        eng = self.doc.engagement
        rnd = next(r for r in eng.rounds() if r.id == round_id)
        scored = sum(1 for s in eng.scores(round_id).values() if s.level is not None or s.notes)
        held = (f"It holds {scored} recorded score{'s' if scored != 1 else ''} or notes, which go with it."
                if scored else "Nothing is scored in it yet.")
        box = QMessageBox(QMessageBox.Icon.Warning, "Remove round",
                          f"Remove the round \u201c{rnd.label}\u201d?", parent=self)
        box.setInformativeText(f"{held} Actions raised in it are kept. Edit \u203a Undo puts the round back.")
        remove = box.addButton("Remove round", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is remove:
            self.doc.execute(RemoveRound(round_id, rnd.label))
