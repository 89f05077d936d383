"""The facilitator's edits by integer id (as the window and the demo name rows), each one built as
an operation and sent through `Engagement.apply`, the one write path.

The set_* methods return the previous value and the remove_* methods return the operation that
puts the row back (give it to the matching restore_*), as they did before operations existed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .errors import ValidationError
from .model import Action, EngagementInfo, Participant, Round, Score

if TYPE_CHECKING:
    import sqlite3

    from . import operations as ops
    from .framework import Framework

else:  # imported at the first edit, not when a file opens (start-up speed)
    from .lazy import LazyModule

    ops = LazyModule("mutuality_desktop.core.operations")

_ACTION_NAMES = {"factor_id": "factor", "due_date": "due", "round_id": "round"}


class EditMethods:
    """Mixed into Engagement: every method here writes through self.apply."""

    if TYPE_CHECKING:  # provided by Engagement

        @property
        def connection(self) -> sqlite3.Connection: ...
        def apply(self, op: ops.Operation) -> ops.Change: ...
        def info(self) -> EngagementInfo: ...
        def participants(self) -> list[Participant]: ...
        def rounds(self) -> list[Round]: ...
        def actions(self) -> list[Action]: ...
        def scores(self, round_id: int) -> dict[tuple[str, str], Score]: ...
        framework: Framework
        _scopes: dict[int, tuple[str, ...]]

    def _uuid_of(self, table: str, row_id: int | None, what: str) -> str:
        row = self.connection.execute(f'SELECT uuid FROM "{table}" WHERE id = ?', (row_id,)).fetchone()
        if row is None:
            raise ValidationError(f"That {what} no longer exists.")
        return str(row[0])

    def round_uuid(self, round_id: int) -> str:
        return self._uuid_of("round", round_id, "round")

    def participant_uuid(self, participant_id: int) -> str:
        return self._uuid_of("participant", participant_id, "participant")

    def action_uuid(self, action_id: int) -> str:
        return self._uuid_of("action", action_id, "action")

    # --- engagement details and branding ------------------------------------------------------

    def update_info(self, **changes: Any) -> EngagementInfo:
        """Change engagement fields; return the previous details (for undo)."""
        old = self.info()
        self.apply(ops.UpdateInfo(changes))
        return old

    def save_branding(self, content: str) -> None:
        self.apply(ops.SetBranding(content))

    # --- participants -------------------------------------------------------------------------

    def add_participant(self, name: str, role: str = "", side: str = "client") -> Participant:
        result = self.apply(ops.AddParticipant(name, role, side)).result
        assert isinstance(result, Participant)
        return result

    def update_participant(self, participant_id: int, **changes: Any) -> Participant:
        """Edit a participant; return the previous version (for undo)."""
        uuid = self.participant_uuid(participant_id)
        old = next(p for p in self.participants() if p.uuid == uuid)
        self.apply(ops.UpdateParticipant(uuid, changes))
        return old

    def remove_participant(self, participant_id: int) -> ops.Operation:
        return self.apply(ops.RemoveParticipant(self.participant_uuid(participant_id))).inverse

    def restore_participant(self, removed: ops.Operation) -> Participant:
        result = self.apply(removed).result
        assert isinstance(result, Participant)
        return result

    # --- rounds -------------------------------------------------------------------------------

    def add_round(self, label: str, date: dt.date | None = None) -> Round:
        result = self.apply(ops.AddRound(label, date)).result
        assert isinstance(result, Round)
        return result

    def scope(self, round_id: int) -> tuple[str, ...]:
        """The dimensions the round covers: those chosen, or the default rule (core/scope.py).

        Kept until the next write (a score asks for it from the walkthrough, its list and Results).
        """
        cached = self._scopes.get(round_id)
        if cached is None:
            from .scope import effective_scope, stored_scope

            cached = self._scopes[round_id] = effective_scope(
                self.framework, stored_scope(self.connection, round_id), self.scores(round_id))
        return cached

    def chosen_scope(self, round_id: int) -> tuple[str, ...]:
        """The dimensions chosen for the round (empty: none chosen, the default rule applies)."""
        from .scope import stored_scope

        return stored_scope(self.connection, round_id)

    def set_scope(self, round_id: int, dimensions: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        """Choose the round's dimensions (empty: back to the default rule); return those before."""
        return tuple(self.apply(ops.SetScope(self.round_uuid(round_id), tuple(dimensions))).before)

    def excluded_factors(self, round_id: int) -> frozenset[str]:
        """The factors left out of the round (of its dimensions, the others are in)."""
        from .scope import stored_excluded

        return stored_excluded(self.connection, round_id)

    def set_excluded_factors(self, round_id: int, factors: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        """Leave these factors out of the round (empty: none); return those left out before."""
        return tuple(self.apply(ops.SetExcludedFactors(self.round_uuid(round_id), tuple(factors))).before)

    def update_round(self, round_id: int, label: str | None = None, date: Any = ...) -> Round:
        """Rename or re-date a round; return the previous version (for undo)."""
        uuid = self.round_uuid(round_id)
        old = next(r for r in self.rounds() if r.uuid == uuid)
        changes: dict[str, Any] = {}
        if label is not None:
            changes["label"] = label
        if date is not ...:
            changes["date"] = date
        self.apply(ops.UpdateRound(uuid, changes))
        return old

    def remove_round(self, round_id: int) -> ops.Operation:
        return self.apply(ops.RemoveRound(self.round_uuid(round_id))).inverse

    def restore_round(self, removed: ops.Operation) -> Round:
        result = self.apply(removed).result
        assert isinstance(result, Round)
        return result

    # --- scores -------------------------------------------------------------------------------

    def set_score(self, round_id: int, factor_id: str, perspective: str,
                  level: int | None) -> int | None:
        """Set (or clear, with None = not assessed) one perspective's level; return the old one."""
        before = self.apply(ops.SetScore(self.round_uuid(round_id), factor_id, perspective, level)).before
        return None if before is None else int(before)

    def clear_score(self, round_id: int, factor_id: str, perspective: str) -> int | None:
        return self.set_score(round_id, factor_id, perspective, None)

    def set_notes(self, round_id: int, factor_id: str, perspective: str, notes: str) -> str:
        """Set the evidence notes for one factor and perspective; return the old notes."""
        change = self.apply(ops.SetNotes(self.round_uuid(round_id), factor_id, perspective, notes))
        return str(change.before)

    def set_confidence(self, round_id: int, factor_id: str, perspective: str,
                       confidence: str | None) -> str | None:
        op = ops.SetConfidence(self.round_uuid(round_id), factor_id, perspective, confidence)
        before = self.apply(op).before
        return None if before is None else str(before)

    def set_participant_score(self, round_id: int, factor_id: str, participant_id: int,
                              level: int | None, comment: str = "") -> None:
        self.apply(ops.SetParticipantScore(self.round_uuid(round_id), factor_id,
                                           self.participant_uuid(participant_id), level, comment))

    # --- actions ------------------------------------------------------------------------------

    def action_changes(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Action fields named as the window names them (factor_id, due_date, round_id) → op names."""
        out = {}
        for key, value in changes.items():
            name = _ACTION_NAMES.get(key, key)
            if name == "round" and value is not None and not isinstance(value, str):
                value = self.round_uuid(value)
            out[name] = value
        return out

    def add_action(self, factor_id: str, text: str, owner: str = "", side: str = "joint",
                   due_date: dt.date | None = None, status: str = "open",
                   round_id: int | None = None) -> Action:
        fields = self.action_changes({"factor_id": factor_id, "text": text, "owner": owner,
                                      "side": side, "due_date": due_date, "status": status,
                                      "round_id": round_id})
        result = self.apply(ops.AddAction(**fields)).result
        assert isinstance(result, Action)
        return result

    def update_action(self, action_id: int, **changes: Any) -> Action:
        """Edit an action; return the previous version (for undo)."""
        uuid = self.action_uuid(action_id)
        old = next(a for a in self.actions() if a.uuid == uuid)
        self.apply(ops.UpdateAction(uuid, self.action_changes(changes)))
        return old

    def remove_action(self, action_id: int) -> ops.Operation:
        return self.apply(ops.RemoveAction(self.action_uuid(action_id))).inverse

    def restore_action(self, removed: ops.Operation) -> Action:
        result = self.apply(removed).result
        assert isinstance(result, Action)
        return result

    # --- not applicable (issue 21) --------------------------------------------------------------

    def not_applicable(self, round_id: int) -> dict[str, str]:
        """Factor id -> the room's reason, for the factors marked not applicable in the round."""
        from .applicability import stored_not_applicable

        return stored_not_applicable(self.connection, round_id)

    def set_not_applicable(self, round_id: int, factor_id: str, reason: str | None) -> str | None:
        """Mark a factor not applicable in the round with the reason (None clears the mark);
        return the reason before."""
        before = self.apply(ops.SetNotApplicable(self.round_uuid(round_id), factor_id, reason)).before
        return None if before is None else str(before)
