"""An open engagement: the operations a facilitator performs, each committed durably at once."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import sqlite3
import uuid as uuid_mod
from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import store
from .errors import (
    DamagedFileError,
    EngagementFileError,
    FrameworkError,
    ReadOnlyError,
    SaveError,
    ValidationError,
)
from .framework import Framework, default_framework, parse_framework
from .lock import EditLock, LockHolder
from .model import (
    ACTION_SIDES,
    ACTION_STATUSES,
    CONFIDENCES,
    INFO_FIELDS,
    PERSPECTIVES,
    REQUIRED_INFO_FIELDS,
    SIDES,
    Action,
    EngagementInfo,
    Participant,
    ParticipantScore,
    RemovedParticipant,
    RemovedRound,
    Round,
    Score,
    utcnow,
)
from .validation import clean_text, require_text

if TYPE_CHECKING:
    from sqlalchemy import delete, select
    from sqlalchemy.orm import Session

    from .schema import (
        ActionRow,
        BrandingRow,
        EngagementRow,
        ParticipantRow,
        ParticipantScoreRow,
        RoundRow,
        ScoreRow,
    )

# SQLAlchemy (about a quarter of a second to import) loads on the first edit, not on open, so a
# file opens and shows before the ORM is needed; reads go straight to the SQLite connection.
ORM_NAMES = ("ActionRow", "BrandingRow", "EngagementRow", "ParticipantRow", "ParticipantScoreRow",
             "RoundRow", "ScoreRow")


def load_orm() -> None:
    """Import SQLAlchemy and the models into this module (first edit, or ahead of it when idle)."""
    if "ScoreRow" in globals():
        return
    from sqlalchemy import delete, select

    from . import schema

    globals().update(select=select, delete=delete, **{n: getattr(schema, n) for n in ORM_NAMES})


CHECKSUM_KEY = "content_sha256"


def _engine_for(conn: sqlite3.Connection) -> Any:
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:  # pysqlite leaves BEGIN to us in autocommit mode
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _save_error(exc: BaseException) -> SaveError:
    text = str(getattr(exc, "orig", exc)).lower()
    if "full" in text:
        reason = "the disk is full"
    elif "readonly" in text or "read-only" in text:
        reason = "the file or its folder has become read-only"
    elif "i/o" in text or "disk" in text or "unable to open" in text:
        reason = "the disk or folder is not available (was a USB stick removed?)"
    else:
        reason = f"the file could not be written ({text[:100]})"
    return SaveError(f"The change was not saved: {reason}. Nothing already saved is lost.")


class Engagement:
    """One engagement file, open for editing or reading, for its whole life cycle."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        readonly: bool = False,
        lock: EditLock | None = None,
        locked_by: LockHolder | None = None,
        read_only_reason: str = "",
        bootstrap: tuple[Framework, EngagementInfo, str] | None = None,
    ) -> None:
        self.path = path
        self._conn = conn
        self._engine: Any = None
        self._orm_session: Session | None = None
        self.readonly = readonly
        self.read_only_reason = read_only_reason
        self.locked_by = locked_by
        self._lock = lock
        self._closed = False
        try:
            self._load(bootstrap)
        except BaseException:
            self._close_orm()
            raise

    @property
    def _session(self) -> Session:
        """The ORM session for writes, created (and SQLAlchemy imported) on first use."""
        if self._orm_session is None:
            from sqlalchemy.orm import Session

            load_orm()
            self._engine = _engine_for(self._conn)
            self._orm_session = Session(self._engine, expire_on_commit=False, autoflush=False)
        return self._orm_session

    def _close_orm(self) -> None:
        if self._orm_session is not None:
            self._orm_session.close()
            self._engine.dispose()
            self._orm_session = None

    def _load(self, bootstrap: tuple[Framework, EngagementInfo, str] | None) -> None:
        if bootstrap is not None:
            self._bootstrap(*bootstrap)
        path = self.path
        snap = self._conn.execute(
            "SELECT content, sha256 FROM framework_snapshot ORDER BY id LIMIT 1").fetchone()
        if snap is None:
            raise DamagedFileError(f"{path.name} has no framework; it is incomplete.")
        content, digest = str(snap[0]), str(snap[1])
        if hashlib.sha256(content.encode("utf-8")).hexdigest() != digest:
            raise DamagedFileError(f"{path.name} is damaged: its scoring guide does not match its checksum.")
        try:
            self.framework: Framework = parse_framework(content, f"{path.name} (scoring guide)")
        except FrameworkError as exc:
            raise DamagedFileError(f"{path.name} is damaged: {exc}") from exc
        self._checksum_pending = self._meta(CHECKSUM_KEY) is not None

    # --- life cycle --------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, info: EngagementInfo, framework: Framework | None = None,
               baseline_label: str = "Baseline") -> Engagement:
        """Create a new engagement file with a baseline round; refuse to overwrite a file."""
        path = Path(path)
        info = validate_info(info)
        if path.exists():
            raise EngagementFileError(f"{path.name} already exists; choose another name.")
        fw = framework or default_framework()
        baseline_label = require_text(baseline_label, "A round's label", 100)
        try:
            conn = store.new_connection(path)
        except sqlite3.Error as exc:
            raise _save_error(exc) from exc
        lock = EditLock(path)
        lock.acquire()
        try:
            return cls(path, conn, lock=lock, bootstrap=(fw, info, baseline_label))
        except BaseException:
            conn.close()
            lock.release()
            path.unlink(missing_ok=True)
            raise

    def _bootstrap(self, fw: Framework, info: EngagementInfo, baseline_label: str) -> None:
        """Write the schema, framework snapshot, details and baseline round in one transaction."""
        from .schema import Base, EngagementRow, FrameworkSnapshot, RoundRow

        content = fw.source_text
        with self._session.begin():
            Base.metadata.create_all(self._session.connection())
            s = self._session
            s.add(FrameworkSnapshot(id=1, framework_id=fw.id, version=fw.version, content=content,
                                    sha256=hashlib.sha256(content.encode("utf-8")).hexdigest()))
            fields = {k: getattr(info, k) for k in INFO_FIELDS}
            s.add(EngagementRow(id=1, uuid=str(uuid_mod.uuid4()), **fields))
            s.add(RoundRow(label=baseline_label, date=info.workshop_date, position=0))

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False) -> Engagement:
        """Check and open a file; fall back to read-only where it cannot or may not be edited."""
        path = Path(path)
        header = store.inspect(path)  # never modifies the file
        with store.unreadable_as_damaged(path.name):
            return cls._open_checked(path, header, readonly)

    @classmethod
    def _open_checked(cls, path: Path, header: store.FileHeader, readonly: bool) -> Engagement:
        reason = ""
        holder: LockHolder | None = None
        lock: EditLock | None = None
        older = header.user_version < store.SCHEMA_VERSION
        if not readonly and not store.is_writable(path):
            readonly, reason = True, "it is in a read-only place"
        if not readonly and (why := store.cannot_edit_in_place(path)):
            readonly, reason = True, why  # read from a private copy without the side files
        if not readonly:
            lock = EditLock(path)
            holder = lock.acquire()
            if holder is not None or not lock.held:
                readonly = True
                reason = f"it is open on {holder.describe()}" if holder else "it cannot be locked"
        if readonly:
            conn = store.copy_to_memory(path)  # the original is never written
            try:
                if older:
                    store.migrate(conn, header.user_version, path.name)
                return cls(path, conn, readonly=True, locked_by=holder,
                           read_only_reason=reason or "it was opened for reading only")
            except BaseException:
                conn.close()
                raise
        assert lock is not None
        try:
            if older:
                store.backup_before_migration(path, header.user_version)
            conn = store.connect(path)
            try:
                if older:
                    store.migrate(conn, header.user_version, path.name)
                return cls(path, conn, lock=lock)
            except BaseException:
                conn.close()
                raise
        except BaseException:
            lock.release()
            raise

    def close(self) -> None:
        if self._closed:
            return
        self._close_orm()
        self._conn.close()
        if self._lock is not None:
            self._lock.release()
        self._closed = True

    def __enter__(self) -> Engagement:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    # --- the one write path ------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[Session]:
        """Run one operation as one durable transaction; roll back and explain on failure."""
        if self.readonly:
            raise ReadOnlyError(f"{self.path.name} is open read-only ({self.read_only_reason}).")
        from sqlalchemy.exc import DBAPIError, IntegrityError

        s = self._session
        try:
            with s.begin():
                yield s
                if self._checksum_pending:  # an edited file no longer matches its export checksum
                    s.execute(store_meta_delete(CHECKSUM_KEY))
        except (IntegrityError, ValidationError):
            raise
        except (DBAPIError, sqlite3.Error, OSError) as exc:
            raise _save_error(exc) from exc
        self._checksum_pending = False

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM file_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    # --- reads -------------------------------------------------------------------------------

    def info(self) -> EngagementInfo:
        columns = ", ".join(("uuid", *INFO_FIELDS))
        row = self._conn.execute(f"SELECT {columns} FROM engagement WHERE id = 1").fetchone()
        if row is None:
            raise DamagedFileError(f"{self.path.name} has no engagement record.")
        values = dict(zip(("uuid", *INFO_FIELDS), row, strict=True))
        for key in _DATE_FIELDS:
            values[key] = _as_date(values[key])
        return EngagementInfo(**values)

    def participants(self) -> list[Participant]:
        rows = self._conn.execute(
            "SELECT id, name, role, side, position FROM participant ORDER BY position, id")
        return [Participant(*r) for r in rows]

    def rounds(self) -> list[Round]:
        rows = self._conn.execute('SELECT id, label, date, position FROM "round" ORDER BY position, id')
        return [Round(i, label, _as_date(d), pos) for i, label, d, pos in rows]

    def round_by_label(self, label: str) -> Round:
        for rnd in self.rounds():
            if rnd.label.casefold() == label.casefold():
                return rnd
        raise ValidationError(f"There is no round called '{label}'.")

    def scores(self, round_id: int) -> dict[tuple[str, str], Score]:
        rows = self._conn.execute(
            "SELECT factor_id, perspective, level, notes, confidence, updated_at FROM score "
            "WHERE round_id = ?", (round_id,)
        ).fetchall()
        return {
            (f, p): Score(round_id, f, p, lv, n or "", c, _as_datetime(u)) for f, p, lv, n, c, u in rows
        }

    def participant_scores(self, round_id: int) -> list[ParticipantScore]:
        rows = self._conn.execute(
            "SELECT factor_id, participant_id, level, comment FROM participant_score "
            "WHERE round_id = ? ORDER BY id", (round_id,)
        ).fetchall()
        return [ParticipantScore(round_id, f, p, lv, c or "") for f, p, lv, c in rows]

    def actions(self) -> list[Action]:
        rows = self._conn.execute(
            "SELECT id, factor_id, text, owner, side, due_date, status, round_id, position FROM action "
            "ORDER BY position, id")
        return [Action(i, f, t, o, sd, _as_date(d), st, r, pos) for i, f, t, o, sd, d, st, r, pos in rows]

    def branding_json(self) -> str | None:
        row = self._conn.execute("SELECT content FROM branding WHERE id = 1").fetchone()
        return None if row is None else str(row[0])

    # --- engagement details ------------------------------------------------------------------

    def update_info(self, **changes: Any) -> EngagementInfo:
        """Change engagement fields; return the previous values (for undo)."""
        unknown = set(changes) - set(INFO_FIELDS)
        if unknown:
            raise ValidationError(f"Unknown engagement field: {sorted(unknown)[0]}.")
        old = self.info()
        new = validate_info(replace(old, **changes))
        with self._write() as s:
            row = s.get(EngagementRow, 1)
            assert row is not None
            for key in changes:
                setattr(row, key, getattr(new, key))
            row.updated_at = utcnow()
        return old

    def save_branding(self, content: str) -> None:
        with self._write() as s:
            row = s.get(BrandingRow, 1)
            if row is None:
                s.add(BrandingRow(id=1, content=content))
            else:
                row.content, row.updated_at = content, utcnow()

    # --- participants ------------------------------------------------------------------------

    def add_participant(self, name: str, role: str = "", side: str = "client",
                        restore: RemovedParticipant | None = None) -> Participant:
        name = require_text(name, "A participant's name")
        role = clean_text(role, "Role", 200)
        _check_choice(side, SIDES, "side")
        with self._write() as s:
            if restore is not None:
                p = restore.participant
                row = ParticipantRow(id=p.id, name=name, role=role, side=side, position=p.position)
                s.add(row)
                s.flush()
                for ps in restore.scores:
                    s.add(ParticipantScoreRow(round_id=ps.round_id, factor_id=ps.factor_id,
                                              participant_id=p.id, level=ps.level, comment=ps.comment))
            else:
                last = s.scalars(select(ParticipantRow.position).order_by(ParticipantRow.position.desc())).first()
                row = ParticipantRow(name=name, role=role, side=side, position=(last or 0) + 1)
                s.add(row)
            s.flush()
            result = Participant(row.id, row.name, row.role, row.side, row.position)
        return result

    def restore_participant(self, removed: RemovedParticipant) -> Participant:
        p = removed.participant
        return self.add_participant(p.name, p.role, p.side, restore=removed)

    def update_participant(self, participant_id: int, **changes: Any) -> Participant:
        """Edit a participant; return the previous version (for undo)."""
        with self._write() as s:
            row = self._get(s, ParticipantRow, participant_id, "participant")
            old = Participant(row.id, row.name, row.role, row.side, row.position)
            if "name" in changes:
                row.name = require_text(changes["name"], "A participant's name")
            if "role" in changes:
                row.role = clean_text(changes["role"], "Role", 200)
            if "side" in changes:
                row.side = _check_choice(changes["side"], SIDES, "side")
        return old

    def remove_participant(self, participant_id: int) -> RemovedParticipant:
        with self._write() as s:
            row = self._get(s, ParticipantRow, participant_id, "participant")
            scores = s.scalars(select(ParticipantScoreRow).where(ParticipantScoreRow.participant_id == row.id))
            removed = RemovedParticipant(
                Participant(row.id, row.name, row.role, row.side, row.position),
                tuple(ParticipantScore(r.round_id, r.factor_id, r.participant_id, r.level, r.comment) for r in scores),
            )
            s.execute(delete(ParticipantScoreRow).where(ParticipantScoreRow.participant_id == row.id))
            s.delete(row)
        return removed

    # --- rounds ------------------------------------------------------------------------------

    def add_round(self, label: str, date: dt.date | None = None, restore: RemovedRound | None = None) -> Round:
        label = require_text(label, "A round's label", 100)
        if any(r.label.casefold() == label.casefold() for r in self.rounds()
               if restore is None or r.id != restore.round.id):
            raise ValidationError(f"There is already a round called '{label}'.")
        with self._write() as s:
            if restore is not None:
                row = RoundRow(id=restore.round.id, label=label, date=date, position=restore.round.position)
                s.add(row)
                s.flush()
                for sc in restore.scores:
                    s.add(ScoreRow(round_id=row.id, factor_id=sc.factor_id, perspective=sc.perspective,
                                   level=sc.level, notes=sc.notes, confidence=sc.confidence))
                for ps in restore.participant_scores:
                    s.add(ParticipantScoreRow(round_id=row.id, factor_id=ps.factor_id,
                                              participant_id=ps.participant_id, level=ps.level, comment=ps.comment))
                for action_id in restore.action_ids:
                    action = s.get(ActionRow, action_id)
                    if action is not None:
                        action.round_id = row.id
            else:
                last = s.scalars(select(RoundRow.position).order_by(RoundRow.position.desc())).first()
                row = RoundRow(label=label, date=date, position=0 if last is None else last + 1)
                s.add(row)
            s.flush()
            result = Round(row.id, row.label, row.date, row.position)
        return result

    def restore_round(self, removed: RemovedRound) -> Round:
        return self.add_round(removed.round.label, removed.round.date, restore=removed)

    def update_round(self, round_id: int, label: str | None = None, date: Any = ...) -> Round:
        old = next((r for r in self.rounds() if r.id == round_id), None)
        if old is None:
            raise ValidationError("That round no longer exists.")
        if label is not None:
            label = require_text(label, "A round's label", 100)
            if any(r.label.casefold() == label.casefold() and r.id != round_id for r in self.rounds()):
                raise ValidationError(f"There is already a round called '{label}'.")
        with self._write() as s:
            row = self._get(s, RoundRow, round_id, "round")
            if label is not None:
                row.label = label
            if date is not ...:
                row.date = date
        return old

    def remove_round(self, round_id: int) -> RemovedRound:
        if len(self.rounds()) <= 1:
            raise ValidationError("An engagement needs at least one round.")
        with self._write() as s:
            row = self._get(s, RoundRow, round_id, "round")
            scores = tuple(
                Score(r.round_id, r.factor_id, r.perspective, r.level, r.notes, r.confidence)
                for r in s.scalars(select(ScoreRow).where(ScoreRow.round_id == round_id))
            )
            pscores = tuple(
                ParticipantScore(r.round_id, r.factor_id, r.participant_id, r.level, r.comment)
                for r in s.scalars(select(ParticipantScoreRow).where(ParticipantScoreRow.round_id == round_id))
            )
            action_ids = tuple(s.scalars(select(ActionRow.id).where(ActionRow.round_id == round_id)))
            removed = RemovedRound(Round(row.id, row.label, row.date, row.position), scores, pscores, action_ids)
            s.execute(delete(ScoreRow).where(ScoreRow.round_id == round_id))
            s.execute(delete(ParticipantScoreRow).where(ParticipantScoreRow.round_id == round_id))
            for action in s.scalars(select(ActionRow).where(ActionRow.round_id == round_id)):
                action.round_id = None
            s.delete(row)
        return removed

    # --- scores ------------------------------------------------------------------------------

    def _check_factor(self, factor_id: str) -> None:
        if not self.framework.has_factor(factor_id):
            raise ValidationError(f"Unknown factor '{factor_id}' in framework {self.framework.id}.")

    def _check_level(self, level: int | None) -> None:
        if level is not None and (isinstance(level, bool) or level not in self.framework.scale):
            scale = self.framework.scale
            raise ValidationError(f"Level {level} is outside the scale ({scale.minimum} to {scale.maximum}).")

    def _score_row(self, s: Session, round_id: int, factor_id: str, perspective: str) -> ScoreRow:
        self._check_factor(factor_id)
        _check_choice(perspective, PERSPECTIVES, "perspective")
        row = s.scalars(select(ScoreRow).where(
            ScoreRow.round_id == round_id, ScoreRow.factor_id == factor_id,
            ScoreRow.perspective == perspective)).first()
        if row is None:
            self._get(s, RoundRow, round_id, "round")
            row = ScoreRow(round_id=round_id, factor_id=factor_id, perspective=perspective, level=None, notes="")
            s.add(row)
        return row

    def set_score(self, round_id: int, factor_id: str, perspective: str, level: int | None) -> int | None:
        """Set (or clear, with None = not assessed) one perspective's level; return the old one."""
        self._check_level(level)
        with self._write() as s:
            row = self._score_row(s, round_id, factor_id, perspective)
            old = row.level
            row.level, row.updated_at = level, utcnow()
        return old

    def clear_score(self, round_id: int, factor_id: str, perspective: str) -> int | None:
        return self.set_score(round_id, factor_id, perspective, None)

    def set_notes(self, round_id: int, factor_id: str, perspective: str, notes: str) -> str:
        """Set the evidence notes for one factor and perspective; return the old notes."""
        notes = clean_text(notes, "Evidence notes", store.MAX_TEXT_BYTES // 4, multiline=True)
        with self._write() as s:
            row = self._score_row(s, round_id, factor_id, perspective)
            old = row.notes or ""
            row.notes, row.updated_at = notes, utcnow()
        return old

    def set_confidence(self, round_id: int, factor_id: str, perspective: str, confidence: str | None) -> str | None:
        if confidence is not None:
            _check_choice(confidence, CONFIDENCES, "evidence confidence")
        with self._write() as s:
            row = self._score_row(s, round_id, factor_id, perspective)
            old = row.confidence
            row.confidence, row.updated_at = confidence, utcnow()
        return old

    def set_participant_score(self, round_id: int, factor_id: str, participant_id: int,
                              level: int | None, comment: str = "") -> None:
        self._check_factor(factor_id)
        self._check_level(level)
        comment = clean_text(comment, "Comment", 20_000, multiline=True)
        with self._write() as s:
            self._get(s, ParticipantRow, participant_id, "participant")
            row = s.scalars(select(ParticipantScoreRow).where(
                ParticipantScoreRow.round_id == round_id, ParticipantScoreRow.factor_id == factor_id,
                ParticipantScoreRow.participant_id == participant_id)).first()
            if row is None:
                self._get(s, RoundRow, round_id, "round")
                row = ParticipantScoreRow(round_id=round_id, factor_id=factor_id, participant_id=participant_id)
                s.add(row)
            row.level, row.comment, row.updated_at = level, comment, utcnow()

    # --- actions -----------------------------------------------------------------------------

    def add_action(self, factor_id: str, text: str, owner: str = "", side: str = "joint",
                   due_date: dt.date | None = None, status: str = "open",
                   round_id: int | None = None, restore: Action | None = None) -> Action:
        self._check_factor(factor_id)
        text = require_text(text, "An action's text", 20_000)
        owner = clean_text(owner, "Owner", 200)
        _check_choice(side, ACTION_SIDES, "side")
        _check_choice(status, ACTION_STATUSES, "status")
        with self._write() as s:
            if restore is not None:
                row = ActionRow(id=restore.id, position=restore.position)
            else:
                last = s.scalars(select(ActionRow.position).order_by(ActionRow.position.desc())).first()
                row = ActionRow(position=(last or 0) + 1)
            row.factor_id, row.text, row.owner, row.side = factor_id, text, owner, side
            row.due_date, row.status, row.round_id = due_date, status, round_id
            s.add(row)
            s.flush()
            result = _action(row)
        return result

    def restore_action(self, action: Action) -> Action:
        return self.add_action(action.factor_id, action.text, action.owner, action.side,
                               action.due_date, action.status, action.round_id, restore=action)

    def update_action(self, action_id: int, **changes: Any) -> Action:
        """Edit an action; return the previous version (for undo)."""
        allowed = {"factor_id", "text", "owner", "side", "due_date", "status", "round_id"}
        if set(changes) - allowed:
            raise ValidationError(f"Unknown action field: {sorted(set(changes) - allowed)[0]}.")
        if "factor_id" in changes:
            self._check_factor(changes["factor_id"])
        if "text" in changes:
            changes["text"] = require_text(changes["text"], "An action's text", 20_000)
        if "owner" in changes:
            changes["owner"] = clean_text(changes["owner"], "Owner", 200)
        if "side" in changes:
            _check_choice(changes["side"], ACTION_SIDES, "side")
        if "status" in changes:
            _check_choice(changes["status"], ACTION_STATUSES, "status")
        with self._write() as s:
            row = self._get(s, ActionRow, action_id, "action")
            old = _action(row)
            for key, value in changes.items():
                setattr(row, key, value)
            row.updated_at = utcnow()
        return old

    def remove_action(self, action_id: int) -> Action:
        with self._write() as s:
            row = self._get(s, ActionRow, action_id, "action")
            old = _action(row)
            s.delete(row)
        return old

    @staticmethod
    def _get(s: Session, model: Any, key: int, what: str) -> Any:
        row = s.get(model, key)
        if row is None:
            raise ValidationError(f"That {what} no longer exists.")
        return row


def store_meta_delete(key: str) -> Any:
    from sqlalchemy import text

    return text("DELETE FROM file_meta WHERE key = :key").bindparams(key=key)


def validate_info(info: EngagementInfo) -> EngagementInfo:
    """Check required fields and limits; return the cleaned info."""
    labels = {"title": "The engagement title", "client_organisation": "The client organisation",
              "provider_organisation": "The provider organisation"}
    values = asdict(info)
    for key in INFO_FIELDS:
        value = values[key]
        if key in REQUIRED_INFO_FIELDS:
            values[key] = require_text(value, labels[key], 300)
        elif isinstance(value, str):
            values[key] = clean_text(value, key.replace("_", " ").capitalize(), 300)
    value = values["contract_annual_value"]
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise ValidationError("The contract's annual value must be a whole number of pounds, 0 or more.")
    start, end = values["contract_start"], values["contract_end"]
    if start and end and end < start:
        raise ValidationError("The contract end date is before its start date.")
    return EngagementInfo(**values)


def _check_choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ValidationError(f"'{value}' is not a valid {what}; choose one of: {', '.join(allowed)}.")
    return value


def _action(r: ActionRow) -> Action:
    return Action(r.id, r.factor_id, r.text, r.owner, r.side, r.due_date, r.status, r.round_id, r.position)


_DATE_FIELDS = ("contract_start", "contract_end", "workshop_date")


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _as_datetime(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
