"""Typed operations: every change to an engagement is one of these values, applied by
`Engagement.apply(op) -> Change`. Each applied operation yields its inverse (undo) and is recorded in
the file's history in the same transaction.

Rows are named by their UUIDs (rounds, participants, actions); a score by its round, factor and
perspective. A set operation that had to create its score row undoes as one that removes the row
again when it is left empty (`drop_empty`), and redoes with the same `uuid`. `row_id` and `position` on the add operations exist so that undoing a removal puts a
row back exactly where it was (the window keeps integer ids); a new row leaves them None.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .model import ParticipantScore, Score


@dataclass(frozen=True)
class Operation:
    """Base of the operation values; `kind` is the name used in JSON and in the history."""

    kind: ClassVar[str] = ""


@dataclass(frozen=True)
class SetScore(Operation):
    kind: ClassVar[str] = "set_score"
    round: str
    factor: str
    perspective: str
    level: int | None
    uuid: str = ""  # the identity a row created by this operation gets (undo/redo keep it)
    drop_empty: bool = False  # undoing the row's creation: remove it if nothing is left in it


@dataclass(frozen=True)
class SetNotes(Operation):
    kind: ClassVar[str] = "set_notes"
    round: str
    factor: str
    perspective: str
    notes: str
    uuid: str = ""  # the identity a row created by this operation gets (undo/redo keep it)
    drop_empty: bool = False  # undoing the row's creation: remove it if nothing is left in it


@dataclass(frozen=True)
class SetConfidence(Operation):
    kind: ClassVar[str] = "set_confidence"
    round: str
    factor: str
    perspective: str
    confidence: str | None
    uuid: str = ""  # the identity a row created by this operation gets (undo/redo keep it)
    drop_empty: bool = False  # undoing the row's creation: remove it if nothing is left in it


@dataclass(frozen=True)
class SetParticipantScore(Operation):
    kind: ClassVar[str] = "set_participant_score"
    round: str
    factor: str
    participant: str
    level: int | None
    comment: str = ""
    uuid: str = ""  # the identity a row created by this operation gets (undo/redo keep it)
    drop_empty: bool = False  # undoing the row's creation: remove it if nothing is left in it


@dataclass(frozen=True)
class UpdateInfo(Operation):
    """Change engagement details (title, organisations, contract, facilitator, workshop)."""

    kind: ClassVar[str] = "update_info"
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SetBranding(Operation):
    """Store the branding profile (JSON) in the file, or remove it with None."""

    kind: ClassVar[str] = "set_branding"
    content: str | None


@dataclass(frozen=True)
class AddParticipant(Operation):
    kind: ClassVar[str] = "add_participant"
    name: str
    role: str = ""
    side: str = "client"
    uuid: str = ""
    position: int | None = None
    row_id: int | None = None
    scores: tuple[ParticipantScore, ...] = ()  # their returns, when undoing a removal
    email: str = ""  # their address for the pre-work forms (optional)


@dataclass(frozen=True)
class UpdateParticipant(Operation):
    kind: ClassVar[str] = "update_participant"
    participant: str
    changes: dict[str, Any] = field(default_factory=dict)  # name, role, side


@dataclass(frozen=True)
class RemoveParticipant(Operation):
    kind: ClassVar[str] = "remove_participant"
    participant: str


@dataclass(frozen=True)
class SetParticipantEmail(Operation):
    """A participant's email address for the pre-work forms; "" removes it."""

    kind: ClassVar[str] = "set_participant_email"
    participant: str
    email: str


@dataclass(frozen=True)
class SetReportNames(Operation):
    """Whether the report names who gave which own view (default: anonymous)."""

    kind: ClassVar[str] = "set_report_names"
    shown: bool


@dataclass(frozen=True)
class AddRound(Operation):
    kind: ClassVar[str] = "add_round"
    label: str
    date: dt.date | None = None
    uuid: str = ""
    position: int | None = None
    row_id: int | None = None
    scores: tuple[Score, ...] = ()  # when undoing a removal
    participant_scores: tuple[ParticipantScore, ...] = ()
    actions: tuple[str, ...] = ()  # uuids of the actions that pointed at the round
    scope: tuple[str, ...] = ()  # its chosen dimensions, when undoing a removal
    excluded: tuple[str, ...] = ()  # the factors left out of it, when undoing a removal
    parking: tuple[str, ...] = ()  # uuids of the parked points that pointed at the round
    agenda: SetAgenda | None = None  # its agenda for the day, when undoing a removal
    not_applicable: tuple[tuple[str, str, str], ...] = ()  # (factor, reason, uuid), undoing a removal


@dataclass(frozen=True)
class UpdateRound(Operation):
    kind: ClassVar[str] = "update_round"
    round: str
    changes: dict[str, Any] = field(default_factory=dict)  # label, date


@dataclass(frozen=True)
class RemoveRound(Operation):
    kind: ClassVar[str] = "remove_round"
    round: str


@dataclass(frozen=True)
class SetScope(Operation):
    """Choose the dimensions a round covers; an empty tuple returns it to the default rule."""

    kind: ClassVar[str] = "set_scope"
    round: str
    dimensions: tuple[str, ...] = ()


@dataclass(frozen=True)
class SetExcludedFactors(Operation):
    """Leave these factors out of a round (its other factors of the chosen dimensions stay in)."""

    kind: ClassVar[str] = "set_excluded_factors"
    round: str
    factors: tuple[str, ...] = ()


@dataclass(frozen=True)
class AddAction(Operation):
    kind: ClassVar[str] = "add_action"
    factor: str
    text: str
    owner: str = ""
    side: str = "joint"
    due: dt.date | None = None
    status: str = "open"
    round: str | None = None
    uuid: str = ""
    position: int | None = None
    row_id: int | None = None


@dataclass(frozen=True)
class UpdateAction(Operation):
    kind: ClassVar[str] = "update_action"
    action: str
    changes: dict[str, Any] = field(default_factory=dict)  # factor, text, owner, side, due, status, round


@dataclass(frozen=True)
class RemoveAction(Operation):
    kind: ClassVar[str] = "remove_action"
    action: str


@dataclass(frozen=True)
class AddParking(Operation):
    """Park a point to come back to (the parking list); `raised_at` None is now."""

    kind: ClassVar[str] = "add_parking"
    text: str
    factor: str | None = None
    round: str | None = None
    raised_by: str | None = None  # client, provider or facilitator
    raised_at: dt.datetime | None = None
    status: str = "open"
    uuid: str = ""
    position: int | None = None
    row_id: int | None = None


@dataclass(frozen=True)
class UpdateParking(Operation):
    kind: ClassVar[str] = "update_parking"
    parking: str
    changes: dict[str, Any] = field(default_factory=dict)  # text, factor, round, raised_by, status


@dataclass(frozen=True)
class ResolveParking(Operation):
    """Mark a parked point resolved (or, with resolved=False, open again)."""

    kind: ClassVar[str] = "resolve_parking"
    parking: str
    resolved: bool = True


@dataclass(frozen=True)
class RemoveParking(Operation):
    kind: ClassVar[str] = "remove_parking"
    parking: str


@dataclass(frozen=True)
class SetAgenda(Operation):
    """A round's plan for the day, replaced whole: start and finish (minutes after midnight),
    breaks as (label, start minute, length in minutes) and the minutes set by hand per dimension
    as (dimension id, minutes). start None removes the plan."""

    kind: ClassVar[str] = "set_agenda"
    round: str
    start: int | None = None
    finish: int | None = None
    breaks: tuple[tuple[str, int, int], ...] = ()
    dimensions: tuple[tuple[str, int], ...] = ()


OPERATIONS: dict[str, type[Operation]] = {
    cls.kind: cls
    for cls in (SetScore, SetNotes, SetConfidence, SetParticipantScore, UpdateInfo, SetBranding,
                AddParticipant, UpdateParticipant, RemoveParticipant, SetParticipantEmail,
                SetReportNames, AddRound, UpdateRound,
                RemoveRound, SetScope, AddAction, UpdateAction, RemoveAction,
                AddParking, UpdateParking, ResolveParking, RemoveParking, SetAgenda)
}
ACTION_FIELDS = ("factor", "text", "owner", "side", "due", "status", "round")
PARTICIPANT_FIELDS = ("name", "role", "side")
ROUND_FIELDS = ("label", "date")
PARKING_FIELDS = ("text", "factor", "round", "raised_by", "raised_at", "status")


@dataclass(frozen=True)
class Change:
    """One applied operation as recorded: its inverse undoes it exactly."""

    op: Operation
    inverse: Operation
    uuid: str
    at: dt.datetime
    author: str
    replica: str
    target: dict[str, Any]
    before: Any
    after: Any
    result: Any = None  # the row an add operation created (Participant, Round, Action)

    @property
    def kind(self) -> str:
        return self.op.kind


def plain(value: Any) -> Any:
    """Turn operation values, snapshots and dates into JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def describe(op: Operation) -> dict[str, Any]:
    """The operation as JSON data, with its kind first (the form `apply` reads)."""
    data = plain(op)
    assert isinstance(data, dict)
    return {"op": op.kind, **{k: v for k, v in data.items() if v not in (None, (), [])
                              or k in ("level", "confidence", "content", "dimensions")}}


@dataclass(frozen=True)
class SetNotApplicable(Operation):
    """Mark a factor not applicable in a round with the room's reason; reason None clears the mark.
    A factor marked so is left out of the round's means and coverage counts (issue 21)."""

    kind: ClassVar[str] = "set_not_applicable"
    round: str
    factor: str
    reason: str | None = None
    uuid: str = ""  # the identity a mark created by this operation gets (undo/redo keep it)


OPERATIONS[SetNotApplicable.kind] = SetNotApplicable


@dataclass(frozen=True)
class MoveToFramework(Operation):
    """Move the engagement to another version of its scoring guide (issue 21, format 6): the rounds
    scored so far keep the guide they were scored on; later rounds use the new one. `content` is
    the new guide's JSON text; `unpin` names rounds that go back to the guide in use (its undo)."""

    kind: ClassVar[str] = "move_to_framework"
    content: str
    unpin: tuple[str, ...] = ()


OPERATIONS[MoveToFramework.kind] = MoveToFramework
