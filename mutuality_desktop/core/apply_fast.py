"""The score operations (level, notes, confidence) written with plain SQL on the file's connection.

They are what a facilitator does on every keystroke, so they skip the ORM: a score is found by its
round's UUID, factor and perspective with two indexed SELECTs, then updated or inserted in the
caller's transaction. Checks, the history entry and the inverse are exactly those of the other
operations (`apply.py`); the row written is the one the ORM writes (the same columns and timestamp
text). The checks on values live here so that this module needs no SQLAlchemy.
"""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import operations as ops
from .applicability import stored_not_applicable
from .errors import ValidationError
from .model import CONFIDENCES, PERSPECTIVES, Score, new_uuid, utcnow
from .validation import clean_text

if TYPE_CHECKING:
    from .engagement import Engagement

MAX_NOTES_CHARS = 250_000

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True)
class Outcome:
    inverse: ops.Operation
    target: dict[str, Any]
    before: Any
    after: Any
    result: Any = None


def identity(given: object) -> str:
    """The UUID a new row gets: the one given (undo, JSON import) if valid, else a fresh one."""
    if not given:
        return new_uuid()
    if not isinstance(given, str) or not _UUID.fullmatch(given):
        raise ValidationError(f"'{str(given)[:40]}' is not a valid id (a UUID such as "
                              "0c7e6a52-1f0b-4c39-9d55-7b0f3a1e2d44).")
    return given


def check_choice(value: object, allowed: tuple[str, ...], what: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValidationError(f"'{value}' is not a valid {what}; choose one of: {', '.join(allowed)}.")
    return value


def _archived(eng: Engagement, factor_id: str) -> bool:
    """A factor of an earlier guide a round was scored on (format 6): its scores stay editable."""
    from .framework_move import archived_factor_ids

    return factor_id in archived_factor_ids(eng.connection, eng.path.name)


def check_factor(eng: Engagement, factor_id: object) -> str:
    if not isinstance(factor_id, str) or not (eng.framework.has_factor(factor_id) or _archived(eng, factor_id)):
        raise ValidationError(f"Unknown factor '{factor_id}' in framework {eng.framework.id}.")
    return factor_id


def check_level(eng: Engagement, level: object) -> int | None:
    scale = eng.framework.scale
    if level is None:
        return None
    if isinstance(level, bool) or not isinstance(level, int) or level not in scale:
        raise ValidationError(f"Level {level} is outside the scale ({scale.minimum} to {scale.maximum}).")
    return level


# --- the score row, read and written in plain SQL -------------------------------------------------

def stored_time(value: Any) -> str:
    """A timestamp as the ORM's DateTime column stores it ('YYYY-MM-DD HH:MM:SS.ffffff')."""
    return str(value.isoformat(sep=" ", timespec="microseconds"))


@dataclass(frozen=True)
class ScoreWrite:
    """What a score operation left in the file: the row as now stored, or None if removed."""

    row_id: int | None
    score: Score | None
    round_id: int
    key: tuple[str, str]


_COLUMNS = ("level", "notes", "confidence")


def _apply_score(eng: Engagement, conn: sqlite3.Connection, op: Any, column: str,
                 value: Any) -> tuple[Outcome, ScoreWrite]:
    check_factor(eng, op.factor)
    check_choice(op.perspective, PERSPECTIVES, "perspective")
    found = conn.execute('SELECT id FROM "round" WHERE uuid = ?', (op.round,)).fetchone() \
        if isinstance(op.round, str) else None
    if found is None:
        raise ValidationError("That round no longer exists.")
    round_id = int(found[0])
    if column == "level" and value is not None and op.factor in stored_not_applicable(conn, round_id):
        name = eng.framework.factor(op.factor).name
        raise ValidationError(f"{name} is marked not applicable in this round, so it takes no level; "
                              "clear its reason (Not applicable because) to score it.")
    row = conn.execute(
        "SELECT id, uuid, level, notes, confidence FROM score "
        "WHERE round_id = ? AND factor_id = ? AND perspective = ?",
        (round_id, op.factor, op.perspective)).fetchone()
    created = row is None
    if row is None:
        row_id, uuid = None, identity(op.uuid)
        values: dict[str, Any] = {"level": None, "notes": "", "confidence": None}
    else:
        row_id, uuid = int(row[0]), str(row[1])
        values = {"level": row[2], "notes": row[3] or "", "confidence": row[4]}
    old = values[column]
    values[column] = value
    now = utcnow()
    empty = values["level"] is None and not values["notes"] and values["confidence"] is None
    dropped = bool(op.drop_empty and empty)
    if dropped:
        if row_id is not None:
            conn.execute("DELETE FROM score WHERE id = ?", (row_id,))
    elif row_id is None:
        cursor = conn.execute(
            "INSERT INTO score (uuid, round_id, factor_id, perspective, level, notes, confidence, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (uuid, round_id, op.factor, op.perspective, values["level"], values["notes"],
             values["confidence"], stored_time(now)))
        row_id = cursor.lastrowid
    else:
        conn.execute(f"UPDATE score SET {column} = ?, updated_at = ? WHERE id = ?",
                     (value, stored_time(now), row_id))
    if column == "level" and op.perspective in ("client", "provider") and old != value:
        _keep_not_agreed_true(eng, conn, op, round_id, old, value, now)
    inverse: ops.Operation = dataclasses.replace(op, uuid=uuid, drop_empty=created and not dropped,
                                                 **{column: old})
    target = {"round": op.round, "factor": op.factor, "perspective": op.perspective, "score": uuid}
    score = None if dropped else Score(round_id, op.factor, op.perspective, values["level"],
                                       values["notes"], values["confidence"], now, uuid)
    return (Outcome(inverse, target, old, value),
            ScoreWrite(row_id, score, round_id, (op.factor, op.perspective)))


def _keep_not_agreed_true(eng: Engagement, conn: sqlite3.Connection, op: Any, round_id: int,
                          old: int | None, new: int | None, now: Any) -> None:
    """A side's level changed (or was cleared) on a factor whose agreed notes open with the Not
    agreed sentence (core/agreement.py): the sentence is rewritten with the levels as they are
    now, in this transaction and with its own history entry. The undo of the level change runs
    through here too, so it puts the sentence back as it was (play-through s6 finding 64: the
    sentence kept 'level 3' beside Client 2 on screen and in the PDF)."""
    from .agreement import restated_not_agreed
    from .history import write_entry

    rows = {str(r[0]): r[1:] for r in conn.execute(
        "SELECT perspective, id, uuid, level, notes FROM score WHERE round_id = ? AND factor_id = ?",
        (round_id, op.factor))}
    agreed = rows.get("agreed")
    if agreed is None or not agreed[3]:
        return
    other = "provider" if op.perspective == "client" else "client"
    other_level = rows[other][2] if other in rows else None
    before = (old, other_level) if op.perspective == "client" else (other_level, old)
    after = (new, other_level) if op.perspective == "client" else (other_level, new)
    text = restated_not_agreed(eng.framework.scale, str(agreed[3]), before, after)
    if text is None:
        return
    conn.execute("UPDATE score SET notes = ?, updated_at = ? WHERE id = ?", (text, stored_time(now), agreed[0]))
    target = {"round": op.round, "factor": op.factor, "perspective": "agreed", "score": str(agreed[1])}
    write_entry(conn, uuid=new_uuid(), at=now, author=eng.author, replica=eng._replica_id(),
                op=ops.SetNotes.kind, target=target, before=str(agreed[3]), after=text, coalesce=False)
    eng._scores.pop(round_id, None)  # the round's scores as read before hold the old notes


def set_score(eng: Engagement, conn: sqlite3.Connection, op: ops.SetScore) -> tuple[Outcome, ScoreWrite]:
    return _apply_score(eng, conn, op, "level", check_level(eng, op.level))


def set_notes(eng: Engagement, conn: sqlite3.Connection, op: ops.SetNotes) -> tuple[Outcome, ScoreWrite]:
    notes = clean_text(op.notes, "Evidence notes", MAX_NOTES_CHARS, multiline=True)
    return _apply_score(eng, conn, op, "notes", notes)


def set_confidence(eng: Engagement, conn: sqlite3.Connection,
                   op: ops.SetConfidence) -> tuple[Outcome, ScoreWrite]:
    if op.confidence is not None:
        check_choice(op.confidence, CONFIDENCES, "evidence confidence")
    return _apply_score(eng, conn, op, "confidence", op.confidence)


FAST_HANDLERS: dict[type[ops.Operation],
                    Callable[[Engagement, sqlite3.Connection, Any], tuple[Outcome, ScoreWrite]]] = {
    ops.SetScore: set_score, ops.SetNotes: set_notes, ops.SetConfidence: set_confidence,
}
