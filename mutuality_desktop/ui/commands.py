"""Reversible edits: each one calls core (which commits durably) and knows how to undo itself.

An Edit's apply/revert run core operations and may raise core errors; the document decides what
the user sees. Core's set_* return old values and remove_* return snapshots, so undo is exact.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from typing import Any

from PySide6.QtGui import QUndoCommand

Key = tuple[Any, ...]


class Edit(ABC):
    """One user edit: `what` names the kind of data it touches, `key` the exact target."""

    what = ""

    def __init__(self, text: str, key: Key) -> None:
        self.text = text
        self.key = key

    @abstractmethod
    def apply(self, eng: Any) -> None:
        """Make the change through core (committed when this returns)."""

    @abstractmethod
    def revert(self, eng: Any) -> None:
        """Put back exactly what apply replaced."""


class EditCommand(QUndoCommand):
    """The stack entry for an applied Edit; the document runs core before moving the stack."""

    def __init__(self, edit: Edit) -> None:
        super().__init__(edit.text)
        self.edit = edit

    def redo(self) -> None:  # the document has already applied the edit through core
        pass

    def undo(self) -> None:
        pass


class SetScore(Edit):
    what = "score"

    def __init__(self, text: str, round_id: int, factor_id: str, perspective: str, level: int | None) -> None:
        super().__init__(text, ("score", round_id, factor_id, perspective))
        self.round_id, self.factor_id, self.perspective, self.level = round_id, factor_id, perspective, level
        self.old: int | None = None

    def apply(self, eng: Any) -> None:
        self.old = eng.set_score(self.round_id, self.factor_id, self.perspective, self.level)

    def revert(self, eng: Any) -> None:
        eng.set_score(self.round_id, self.factor_id, self.perspective, self.old)


class SetNotes(Edit):
    what = "notes"

    def __init__(self, text: str, round_id: int, factor_id: str, perspective: str, notes: str) -> None:
        super().__init__(text, ("notes", round_id, factor_id, perspective))
        self.round_id, self.factor_id, self.perspective, self.notes = round_id, factor_id, perspective, notes
        self.old = ""

    def apply(self, eng: Any) -> None:
        self.old = eng.set_notes(self.round_id, self.factor_id, self.perspective, self.notes)

    def revert(self, eng: Any) -> None:
        eng.set_notes(self.round_id, self.factor_id, self.perspective, self.old)


class SetConfidence(Edit):
    what = "confidence"

    def __init__(self, text: str, round_id: int, factor_id: str, confidence: str | None) -> None:
        super().__init__(text, ("confidence", round_id, factor_id))
        self.round_id, self.factor_id, self.confidence = round_id, factor_id, confidence
        self.old: str | None = None

    def apply(self, eng: Any) -> None:
        self.old = eng.set_confidence(self.round_id, self.factor_id, "agreed", self.confidence)

    def revert(self, eng: Any) -> None:
        eng.set_confidence(self.round_id, self.factor_id, "agreed", self.old)


class UpdateInfo(Edit):
    what = "info"

    def __init__(self, text: str, **changes: Any) -> None:
        super().__init__(text, ("info", *sorted(changes)))
        self.changes = changes
        self.old: dict[str, Any] = {}

    def apply(self, eng: Any) -> None:
        before = eng.update_info(**self.changes)
        self.old = {k: getattr(before, k) for k in self.changes}

    def revert(self, eng: Any) -> None:
        eng.update_info(**self.old)


class AddParticipant(Edit):
    what = "participants"

    def __init__(self, name: str, role: str, side: str) -> None:
        super().__init__(f"Add participant {name}", ("participant-add", name))
        self.name, self.role, self.side = name, role, side
        self.removed: Any = None
        self.participant_id: int | None = None

    def apply(self, eng: Any) -> None:
        if self.removed is None:
            self.participant_id = eng.add_participant(self.name, self.role, self.side).id
        else:
            eng.restore_participant(self.removed)

    def revert(self, eng: Any) -> None:
        self.removed = eng.remove_participant(self.participant_id)


class UpdateParticipant(Edit):
    what = "participants"

    def __init__(self, participant_id: int, **changes: Any) -> None:
        super().__init__("Edit participant", ("participant", participant_id, *sorted(changes)))
        self.participant_id, self.changes = participant_id, changes
        self.old: dict[str, Any] = {}

    def apply(self, eng: Any) -> None:
        before = eng.update_participant(self.participant_id, **self.changes)
        self.old = {k: getattr(before, k) for k in self.changes}

    def revert(self, eng: Any) -> None:
        eng.update_participant(self.participant_id, **self.old)


class RemoveParticipant(Edit):
    what = "participants"

    def __init__(self, participant_id: int, name: str) -> None:
        super().__init__(f"Remove participant {name}", ("participant-remove", participant_id))
        self.participant_id = participant_id
        self.removed: Any = None

    def apply(self, eng: Any) -> None:
        self.removed = eng.remove_participant(self.participant_id)

    def revert(self, eng: Any) -> None:
        eng.restore_participant(self.removed)


class AddRound(Edit):
    what = "rounds"

    def __init__(self, label: str, date: dt.date | None) -> None:
        super().__init__(f"Add round {label}", ("round-add", label))
        self.label, self.date = label, date
        self.round_id: int | None = None
        self.removed: Any = None

    def apply(self, eng: Any) -> None:
        if self.removed is None:
            self.round_id = eng.add_round(self.label, self.date).id
        else:
            eng.restore_round(self.removed)

    def revert(self, eng: Any) -> None:
        self.removed = eng.remove_round(self.round_id)


class UpdateRound(Edit):
    what = "rounds"

    def __init__(self, round_id: int, **changes: Any) -> None:
        super().__init__("Edit round", ("round", round_id, *sorted(changes)))
        self.round_id, self.changes = round_id, changes
        self.old: dict[str, Any] = {}

    def apply(self, eng: Any) -> None:
        before = eng.update_round(self.round_id, **self.changes)
        self.old = {k: getattr(before, k) for k in self.changes}

    def revert(self, eng: Any) -> None:
        eng.update_round(self.round_id, **self.old)


class RemoveRound(Edit):
    what = "rounds"

    def __init__(self, round_id: int, label: str) -> None:
        super().__init__(f"Remove round {label}", ("round-remove", round_id))
        self.round_id = round_id
        self.removed: Any = None

    def apply(self, eng: Any) -> None:
        self.removed = eng.remove_round(self.round_id)

    def revert(self, eng: Any) -> None:
        eng.restore_round(self.removed)


class AddAction(Edit):
    what = "actions"

    def __init__(self, factor_id: str, text: str, owner: str, side: str, due_date: dt.date | None,
                 status: str, round_id: int | None) -> None:
        super().__init__("Add action", ("action-add", factor_id, text))
        self.fields = dict(factor_id=factor_id, text=text, owner=owner, side=side, due_date=due_date,
                           status=status, round_id=round_id)
        self.snapshot: Any = None
        self.action_id: int | None = None

    def apply(self, eng: Any) -> None:
        if self.snapshot is None:
            self.action_id = eng.add_action(**self.fields).id
        else:
            eng.restore_action(self.snapshot)

    def revert(self, eng: Any) -> None:
        self.snapshot = eng.remove_action(self.action_id)


class UpdateAction(Edit):
    what = "actions"

    def __init__(self, action_id: int, **changes: Any) -> None:
        super().__init__("Edit action", ("action", action_id, *sorted(changes)))
        self.action_id, self.changes = action_id, changes
        self.old: dict[str, Any] = {}

    def apply(self, eng: Any) -> None:
        before = eng.update_action(self.action_id, **self.changes)
        self.old = {k: getattr(before, k) for k in self.changes}

    def revert(self, eng: Any) -> None:
        eng.update_action(self.action_id, **self.old)


class RemoveAction(Edit):
    what = "actions"

    def __init__(self, action_id: int) -> None:
        super().__init__("Remove action", ("action-remove", action_id))
        self.action_id = action_id
        self.snapshot: Any = None

    def apply(self, eng: Any) -> None:
        self.snapshot = eng.remove_action(self.action_id)

    def revert(self, eng: Any) -> None:
        eng.restore_action(self.snapshot)
