"""The open engagement as the UI sees it: edits through core, one undo stack, honest save state.

The undo stack holds core operations only (OperationStep: redo_op, undo_op). Undo applies the
undo operation through `Engagement.apply` and keeps the inverse it returns as the new redo
operation, and the other way round, so a removed round comes back with its scores and identities.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..core.errors import ReadOnlyError, SaveError, ValidationError
from ..core.history import default_author
from ..core.operations import Change, Operation
from .commands import Edit, Key, OperationStep
from .messages import explain
from .settings import Settings

NOTE_PAUSE = 2.0  # seconds without typing that end a notes undo step
SENTENCE_END = re.compile(r"[.!?][\"')\u201d\u2019]?\s$")  # the note so far ends a sentence

EVERYTHING = ("info", "branding", "participants", "rounds", "scope", "score", "confidence", "notes", "actions",
              "parking", "agenda")  # a merge or an undo of one can change any of them


class EngagementDocument(QObject):
    """Hold one Engagement; run every edit through core and record it on the undo stack.

    An edit is shown as saved only after core has committed it. A SaveError keeps the edit
    pending (the widget keeps showing it) until Retry succeeds; nothing is claimed saved meanwhile.
    """

    changed = Signal(str)  # what changed: score, notes, confidence, info, participants, rounds, actions
    save_state_changed = Signal()
    problem_raised = Signal(str)  # a refused edit (validation, read-only): shown inline
    stepped = Signal(str, str, object)  # undo or redo done: "Undid"/"Redid", the step's text, its key
    author_set = Signal()  # the name the history records was given (or taken back)

    def __init__(self, engagement: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engagement = engagement
        self.undo_stack = QUndoStack(self)
        self._steps: list[OperationStep] = []  # aligned with the stack's commands
        self._pending: dict[Key, Edit] = {}
        self._failed_step: Callable[[], bool] | None = None
        self.last_error = ""
        self._flushers: list[Callable[[], None]] = []
        self.clock: Callable[[], float] = time.monotonic  # when each note keystroke came (tests set it)
        # the notes step typing extends: (step, last keystroke, its text now, its text at the first key)
        self._note_run: tuple[OperationStep, float, str, str] | None = None
        self.set_author(Settings().author_name())

    def set_author(self, name: str) -> None:
        """Name the history records for this window's changes ("" = the system's name for you)."""
        self.engagement.author = " ".join(name.split())[:200] or default_author()
        self.author_set.emit()

    # --- what the status bar and title show --------------------------------------------------

    @property
    def path(self) -> Path:
        return Path(self.engagement.path)

    @property
    def readonly(self) -> bool:
        return bool(self.engagement.readonly)

    def read_only_reason(self) -> str:
        if not self.readonly:
            return ""
        holder = getattr(self.engagement, "locked_by", None)
        if holder is not None:
            return f"it is open on {holder.describe()}"
        return self.engagement.read_only_reason or "it was opened read-only"

    def is_saved(self) -> bool:
        return not self._pending and self._failed_step is None

    def pending_edit(self, key: Key) -> Edit | None:
        return self._pending.get(key)

    # --- edits -------------------------------------------------------------------------------

    def add_flusher(self, flush: Callable[[], None]) -> None:
        """Register a callback that saves typing still waiting for its debounce."""
        self._flushers.append(flush)

    def remove_flusher(self, flush: Callable[[], None]) -> None:
        """Forget a flusher whose page is being replaced (the pages built again on another guide)."""
        if flush in self._flushers:
            self._flushers.remove(flush)

    def flush(self) -> None:
        for flush in list(self._flushers):
            flush()

    def execute(self, edit: Edit) -> bool:
        """Apply an edit through core; return whether it is committed."""
        if self.readonly:
            self.problem_raised.emit(f"Nothing can be changed: {self.path.name} is open read-only "
                                     f"because {self.read_only_reason()}.")
            return False
        try:
            change = self._apply(edit)
        except SaveError as exc:
            self._pending.pop(edit.key, None)
            self._pending[edit.key] = edit
            self._fail(exc)
            self.changed.emit(edit.what)
            return False
        except (ValidationError, ReadOnlyError) as exc:
            self.problem_raised.emit(explain(exc))
            return False
        self._pending.pop(edit.key, None)
        self._record(edit, change)
        self._succeed()
        self.changed.emit(edit.what)
        return True

    def execute_all(self, text: str, what: str, operations: Sequence[Operation]) -> bool:
        """Apply several operations in one transaction as one undo step (an import of returns)."""
        if self.readonly or not operations:
            return self.execute_none(operations)
        try:
            changes = self.engagement.apply_all(operations)
        except SaveError as exc:
            self._fail(exc)
            return False
        except (ValidationError, ReadOnlyError) as exc:
            self.problem_raised.emit(explain(exc))
            return False
        del self._steps[self.undo_stack.index():]
        step = OperationStep(text, what, ("batch", text), tuple(c.op for c in changes),
                             tuple(c.inverse for c in reversed(changes)))
        self._steps.append(step)
        self.undo_stack.push(step)
        self._succeed()
        self._announce(what)  # "all": each kind, as undo and redo announce it
        return True

    def execute_none(self, operations: Sequence[Operation]) -> bool:
        if self.readonly and operations:
            self.problem_raised.emit(f"Nothing can be changed: {self.path.name} is open read-only "
                                     f"because {self.read_only_reason()}.")
        return False

    def _run(self, op: Operation | tuple[Operation, ...]) -> Operation | tuple[Operation, ...]:
        """Apply a step's operation (or, for a batch such as a merge, its operations in one
        transaction); return what reverses it."""
        if isinstance(op, tuple):
            return tuple(c.inverse for c in reversed(self.engagement.apply_all(op)))
        inverse: Operation = self.engagement.apply(op).inverse
        return inverse

    def _apply(self, edit: Edit) -> Change:
        change: Change = self.engagement.apply(edit.operation(self.engagement))
        return change

    def _record(self, edit: Edit, change: Change) -> None:
        """Push the step; consecutive note edits to one box stay one step (saved per keystroke)
        until a pause in the typing (NOTE_PAUSE seconds) or the end of a sentence ('. ', '! ',
        '? ', or a new line after one): one Ctrl+Z then takes back the last sentence or burst,
        not the whole note (playthrough 1, finding 17)."""
        index = self.undo_stack.index()
        top = self._steps[index - 1] if index else None
        now = self.clock()
        notes = str(getattr(edit, "notes", ""))
        run = self._note_run
        if (top is not None and edit.what == "notes" and top.what == "notes" and top.key == edit.key
                and index == self.undo_stack.count() and run is not None and run[0] is top
                and now - run[1] < NOTE_PAUSE
                and not (len(run[2]) > len(run[3]) and SENTENCE_END.search(run[2]))):
            # (a sentence ended by this run's typing, not one the note already ended with)
            top.redo_op = change.op  # undo still goes back to the text before the run's first key
            self._note_run = (top, now, notes, run[3])
            return
        del self._steps[index:]
        step = OperationStep(edit.text, edit.what, edit.key, change.op, change.inverse)
        self._steps.append(step)
        self.undo_stack.push(step)
        self._note_run = (step, now, notes, notes) if edit.what == "notes" else None

    def undo(self) -> bool:
        self.flush()
        index = self.undo_stack.index()
        if index == 0 or self.readonly:
            return False
        step = self._steps[index - 1]

        def run() -> None:
            step.redo_op = self._run(step.undo_op)

        if not self._step(run, self.undo):
            return False
        self.undo_stack.undo()
        self._announce(step.what)
        self.stepped.emit("Undid", step.text(), step.key)
        return True

    def redo(self) -> bool:
        self.flush()
        index = self.undo_stack.index()
        if index >= self.undo_stack.count() or self.readonly:
            return False
        step = self._steps[index]

        def run() -> None:
            step.undo_op = self._run(step.redo_op)

        if not self._step(run, self.redo):
            return False
        self.undo_stack.redo()
        self._announce(step.what)
        self.stepped.emit("Redid", step.text(), step.key)
        return True

    def _announce(self, what: str) -> None:
        for kind in (EVERYTHING if what == "all" else (what,)):
            self.changed.emit(kind)

    def execute_batch(self, text: str, run: Callable[[], list[Change]]) -> str | None:
        """Run operations core commits as one transaction (a merge) as one undoable step.

        Return None when committed, else the sentence saying why nothing was changed.
        """
        if self.readonly:
            return f"Nothing can be changed: {self.path.name} is open read-only."
        self.flush()
        try:
            changes = run()
        except SaveError as exc:
            self._fail(exc)
            return explain(exc)
        except (ValidationError, ReadOnlyError) as exc:
            return explain(exc)
        index = self.undo_stack.index()
        del self._steps[index:]
        step = OperationStep(text, "all", ("batch", len(self._steps)),
                             tuple(c.op for c in changes),
                             tuple(c.inverse for c in reversed(changes)))
        self._steps.append(step)
        self.undo_stack.push(step)
        self._succeed()
        self._announce("all")
        return None

    def _step(self, run: Callable[[], None], again: Callable[[], bool]) -> bool:
        try:
            run()
        except SaveError as exc:
            self._failed_step = again
            self._fail(exc)
            return False
        except (ValidationError, ReadOnlyError) as exc:
            self.problem_raised.emit(explain(exc))
            return False
        self._failed_step = None
        self._succeed()
        return True

    def retry(self) -> bool:
        """Try the failed saves again, oldest first; return whether everything is now saved."""
        step, self._failed_step = self._failed_step, None
        if step is not None and not step():
            return False
        for key, edit in list(self._pending.items()):
            try:
                change = self._apply(edit)
            except SaveError as exc:
                self._fail(exc)
                return False
            except (ValidationError, ReadOnlyError) as exc:
                del self._pending[key]
                self.problem_raised.emit(explain(exc))
                continue
            del self._pending[key]
            self._record(edit, change)
            self.changed.emit(edit.what)
        self._succeed()
        return self.is_saved()

    def _fail(self, exc: SaveError) -> None:
        self.last_error = explain(exc)
        self.save_state_changed.emit()

    def _succeed(self) -> None:
        if self.is_saved():
            self.last_error = ""
        self.save_state_changed.emit()

    def close(self) -> None:
        self.flush()
        self.engagement.close()
