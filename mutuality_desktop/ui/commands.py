"""The window's edits: each builds one core operation; the undo stack holds operations only.

An Edit names its target the way the pages do (integer ids) and turns into a core operation
(`operation(eng)`, which names rows by UUID) when the document runs it. The document applies it with
`Engagement.apply`, which returns the inverse; an `OperationStep` on the undo stack keeps that pair
of operations and nothing else, so undo is applying the inverse and redo the inverse's inverse.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from ..core import operations as ops

if TYPE_CHECKING:
    from ..core.engagement import Engagement

Key = tuple[Any, ...]


class Edit(ABC):
    """One user edit: `what` names the kind of data it touches, `key` the exact target."""

    what = ""

    def __init__(self, text: str, key: Key) -> None:
        self.text = text
        self.key = key

    @abstractmethod
    def operation(self, eng: Engagement) -> ops.Operation:
        """The core operation this edit stands for (rows named by UUID)."""


class OperationStep(QUndoCommand):
    """An undo stack entry: the operation that redoes the step and the one that undoes it.

    A step made of several operations (an import of returns) holds a tuple of each, applied in one
    transaction.
    """

    def __init__(self, text: str, what: str, key: Key, redo_op: ops.Operation | tuple[ops.Operation, ...],
                 undo_op: ops.Operation | tuple[ops.Operation, ...]) -> None:
        super().__init__(text)
        self.what, self.key = what, key
        self.redo_op, self.undo_op = redo_op, undo_op

    def redo(self) -> None:  # the document has already applied the operation through core
        pass

    def undo(self) -> None:
        pass


class SetScore(Edit):
    what = "score"

    def __init__(self, text: str, round_id: int, factor_id: str, perspective: str, level: int | None) -> None:
        super().__init__(text, ("score", round_id, factor_id, perspective))
        self.round_id, self.factor_id, self.perspective, self.level = round_id, factor_id, perspective, level

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.SetScore(eng.round_uuid(self.round_id), self.factor_id, self.perspective, self.level)


class SetNotes(Edit):
    what = "notes"

    def __init__(self, text: str, round_id: int, factor_id: str, perspective: str, notes: str) -> None:
        super().__init__(text, ("notes", round_id, factor_id, perspective))
        self.round_id, self.factor_id, self.perspective, self.notes = round_id, factor_id, perspective, notes

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.SetNotes(eng.round_uuid(self.round_id), self.factor_id, self.perspective, self.notes)


class SetConfidence(Edit):
    what = "confidence"

    def __init__(self, text: str, round_id: int, factor_id: str, confidence: str | None) -> None:
        super().__init__(text, ("confidence", round_id, factor_id))
        self.round_id, self.factor_id, self.confidence = round_id, factor_id, confidence

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.SetConfidence(eng.round_uuid(self.round_id), self.factor_id, "agreed", self.confidence)


class UpdateInfo(Edit):
    what = "info"

    def __init__(self, text: str, **changes: Any) -> None:
        super().__init__(text, ("info", *sorted(changes)))
        self.changes = changes

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.UpdateInfo(dict(self.changes))


class SetBranding(Edit):
    """Store the report's branding profile in the file (undoable, shown in the save state)."""

    what = "branding"

    def __init__(self, text: str, content: str | None) -> None:
        super().__init__(text, ("branding",))
        self.content = content

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.SetBranding(self.content)


class AddParticipant(Edit):
    what = "participants"

    def __init__(self, name: str, role: str, side: str, email: str = "") -> None:
        super().__init__(f"Add participant {name}", ("participant-add", name))
        self.name, self.role, self.side, self.email = name, role, side, email

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.AddParticipant(self.name, self.role, self.side, email=self.email)


class SetParticipantEmail(Edit):
    what = "participants"

    def __init__(self, participant_id: int, email: str) -> None:
        super().__init__("Change a participant's email", ("participant-email", participant_id))
        self.participant_id, self.email = participant_id, email

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.SetParticipantEmail(eng.participant_uuid(self.participant_id), self.email)


class SetReportNames(Edit):
    what = "info"

    def __init__(self, shown: bool) -> None:
        super().__init__("Show names in the report" if shown else "Keep the report anonymous",
                         ("report-names",))
        self.shown = shown

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.SetReportNames(self.shown)


class UpdateParticipant(Edit):
    what = "participants"

    def __init__(self, participant_id: int, **changes: Any) -> None:
        super().__init__("Edit participant", ("participant", participant_id, *sorted(changes)))
        self.participant_id, self.changes = participant_id, changes

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.UpdateParticipant(eng.participant_uuid(self.participant_id), dict(self.changes))


class RemoveParticipant(Edit):
    what = "participants"

    def __init__(self, participant_id: int, name: str) -> None:
        super().__init__(f"Remove participant {name}", ("participant-remove", participant_id))
        self.participant_id = participant_id

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.RemoveParticipant(eng.participant_uuid(self.participant_id))


class AddRound(Edit):
    what = "rounds"

    def __init__(self, label: str, date: dt.date | None) -> None:
        super().__init__(f"Add round {label}", ("round-add", label))
        self.label, self.date = label, date

    def operation(self, eng: Engagement) -> ops.Operation:
        from ..core.scope import new_round

        return new_round(eng, self.label, self.date)  # the latest round's scope to start with


class UpdateRound(Edit):
    what = "rounds"

    def __init__(self, round_id: int, **changes: Any) -> None:
        super().__init__("Edit round", ("round", round_id, *sorted(changes)))
        self.round_id, self.changes = round_id, changes

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.UpdateRound(eng.round_uuid(self.round_id), dict(self.changes))


class SetScope(Edit):
    """Choose the dimensions a round covers (an empty list: back to the default rule)."""

    what = "scope"

    def __init__(self, round_id: int, dimensions: list[str]) -> None:
        super().__init__("Change the round's scope", ("scope", round_id))
        self.round_id, self.dimensions = round_id, tuple(dimensions)

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.SetScope(eng.round_uuid(self.round_id), self.dimensions)


class SetExcludedFactors(Edit):
    """Leave factors of a round's dimensions out of it (an empty list: every factor in)."""

    what = "scope"

    def __init__(self, round_id: int, factors: list[str]) -> None:
        super().__init__("Change the factors in the round", ("excluded", round_id))
        self.round_id, self.factors = round_id, tuple(factors)

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.SetExcludedFactors(eng.round_uuid(self.round_id), self.factors)


class RemoveRound(Edit):
    what = "rounds"

    def __init__(self, round_id: int, label: str) -> None:
        super().__init__(f"Remove round {label}", ("round-remove", round_id))
        self.round_id = round_id

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.RemoveRound(eng.round_uuid(self.round_id))


class AddAction(Edit):
    what = "actions"

    def __init__(self, factor_id: str, text: str, owner: str, side: str, due_date: dt.date | None,
                 status: str, round_id: int | None) -> None:
        super().__init__("Add action", ("action-add", factor_id, text))
        self.fields = dict(factor_id=factor_id, text=text, owner=owner, side=side, due_date=due_date,
                           status=status, round_id=round_id)

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.AddAction(**eng.action_changes(self.fields))


class UpdateAction(Edit):
    what = "actions"

    def __init__(self, action_id: int, **changes: Any) -> None:
        super().__init__("Edit action", ("action", action_id, *sorted(changes)))
        self.action_id, self.changes = action_id, changes

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.UpdateAction(eng.action_uuid(self.action_id), eng.action_changes(self.changes))


class RemoveAction(Edit):
    what = "actions"

    def __init__(self, action_id: int) -> None:
        super().__init__("Remove action", ("action-remove", action_id))
        self.action_id = action_id

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.RemoveAction(eng.action_uuid(self.action_id))


class SetNotApplicable(Edit):
    """Mark a factor not applicable in a round with the room's reason (None: it applies again)."""

    what = "confidence"  # the page refreshes the levels, the evidence tab and the charts, as for confidence

    def __init__(self, text: str, round_id: int, factor_id: str, reason: str | None) -> None:
        super().__init__(text, ("confidence", round_id, factor_id, "not applicable"))  # undo shows the factor
        self.round_id, self.factor_id, self.reason = round_id, factor_id, reason

    def operation(self, eng: Engagement) -> ops.Operation:
        return ops.SetNotApplicable(eng.round_uuid(self.round_id), self.factor_id, self.reason)
