"""An open engagement: the operations a facilitator performs, each committed durably at once."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import store
from .applicability import RoundScores, marks, stored_not_applicable
from .edits import EditMethods
from .engagement_support import (
    DATE_FIELDS,
    as_date,
    as_datetime,
    engine_for,
    save_error,
    store_meta_delete,
    validate_info,
)
from .errors import (
    DamagedFileError,
    EngagementFileError,
    FrameworkError,
    ReadOnlyError,
    ValidationError,
)
from .framework import Framework, default_framework, parse_framework, sha256_hex
from .history import Entry, default_author, read_entries, replica_for, write_entry
from .lock import EditLock, LockHolder
from .model import (
    CONTEXT_FIELDS,
    ROW_INFO_FIELDS,
    Action,
    EngagementInfo,
    Participant,
    ParticipantScore,
    Round,
    Score,
    build_participant_scores,
    build_scores,
    new_uuid,
    utcnow,
)
from .validation import require_text

if TYPE_CHECKING:
    import datetime as dt

    from sqlalchemy.orm import Session

    from . import operations as ops
else:  # imported at the first edit, not when a file opens (start-up speed)
    from .lazy import LazyModule

    ops = LazyModule("mutuality_desktop.core.operations")


def load_orm() -> None:
    """Import SQLAlchemy, the models and the write path (first edit, or ahead of it when idle).

    Opening and reading need none of it (about a quarter of a second to import): reads go straight
    to the SQLite connection, so a file opens and shows before the ORM is needed.
    """
    from . import apply  # noqa: F401


CHECKSUM_KEY = "content_sha256"
CONFLICT = ("The change conflicts with what the file holds (an identity or a name that must be "
            "unique is used twice); nothing was changed.")


class Engagement(EditMethods):
    """One engagement file, open for editing or reading, for its whole life cycle.

    Every change is an operation given to `apply` (the edit methods build them), committed durably
    with its history entry in one transaction.
    """

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        readonly: bool = False,
        lock: EditLock | None = None,
        locked_by: LockHolder | None = None,
        read_only_reason: str = "",
        bootstrap: tuple[Framework, EngagementInfo, str | None] | None = None,
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
        self.author = default_author()  # who the history names; the window or CLI may set it
        # when the history says: None is the time now, read through utcnow at each change (the demo
        # tells its story's)
        self.clock: Callable[[], dt.datetime] | None = None
        self._replica: str | None = None
        # Each round's scores as last read or written here (the file is ours alone while open:
        # edited under the lock, or read from a private copy); any write but a score's clears it.
        self._scores: dict[int, dict[tuple[str, str], Score]] = {}
        self._scopes: dict[int, tuple[str, ...]] = {}  # each round's scope until the next write
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
            self._engine = engine_for(self._conn)
            self._orm_session = Session(self._engine, expire_on_commit=False, autoflush=False)
        return self._orm_session

    def _close_orm(self) -> None:
        if self._orm_session is not None:
            self._orm_session.close()
            self._engine.dispose()
            self._orm_session = None

    def _load(self, bootstrap: tuple[Framework, EngagementInfo, str | None] | None) -> None:
        if bootstrap is not None:
            self._bootstrap(*bootstrap)
        path = self.path
        snap = self._conn.execute(
            "SELECT content, sha256 FROM framework_snapshot ORDER BY id LIMIT 1").fetchone()
        if snap is None:
            raise DamagedFileError(f"{path.name} has no framework; it is incomplete.")
        from .file_values import matching_guide

        content = matching_guide(str(snap[0]), str(snap[1]))  # hashed once per text, not per open
        if content is None:
            raise DamagedFileError(f"{path.name} is damaged: its scoring guide does not match its checksum.")
        try:
            self.framework: Framework = parse_framework(content, f"{path.name} (scoring guide)")
        except FrameworkError as exc:
            raise DamagedFileError(f"{path.name} is damaged: {exc}") from exc
        self._checksum_pending = self._meta(CHECKSUM_KEY) is not None

    # --- life cycle --------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, info: EngagementInfo, framework: Framework | None = None,
               baseline_label: str | None = "Baseline") -> Engagement:
        """Create a new engagement file with a baseline round; refuse to overwrite a file.

        With baseline_label None the file has no round yet (the caller adds them at once).
        """
        path = Path(path)
        info = validate_info(info)
        if path.exists():
            raise EngagementFileError(f"{path.name} already exists; choose another name.")
        fw = framework or default_framework()
        if baseline_label is not None:
            baseline_label = require_text(baseline_label, "A round's label", 100)
        try:
            conn = store.new_connection(path)
        except sqlite3.Error as exc:
            raise save_error(exc) from exc
        lock = EditLock(path)
        lock.acquire()
        try:
            return cls(path, conn, lock=lock, bootstrap=(fw, info, baseline_label))
        except BaseException:
            conn.close()
            lock.release()
            path.unlink(missing_ok=True)
            raise

    def _bootstrap(self, fw: Framework, info: EngagementInfo, baseline_label: str | None) -> None:
        """Write the schema, framework snapshot, details and baseline round in one transaction."""
        from .schema import Base, EngagementRow, FrameworkSnapshot, RoundRow

        content = fw.source_text
        with self._session.begin():
            Base.metadata.create_all(self._session.connection())
            s = self._session
            s.add(FrameworkSnapshot(id=1, framework_id=fw.id, version=fw.version, content=content,
                                    sha256=sha256_hex(content)))
            fields = {k: getattr(info, k) for k in ROW_INFO_FIELDS}
            s.add(EngagementRow(id=1, uuid=info.uuid or new_uuid(), **fields))
            context = {k: getattr(info, k) for k in CONTEXT_FIELDS}
            if any(context.values()):
                from .schema import EngagementContextRow

                s.add(EngagementContextRow(id=1, **context))
            if baseline_label is not None:
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

    def export_copy(self, target: Path, source: Path | None = None) -> None:
        """Write a compact, checksummed copy (no deleted text left inside) to target."""
        from .exchange import export_connection

        export_connection(self._conn, target, source)

    def export_bytes(self, source: Path | None = None) -> bytes:
        """The bytes of a compact, checksummed copy, built in memory (for a protected export)."""
        from .exchange import export_bytes

        return export_bytes(self._conn, source)

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

    @property
    def closed(self) -> bool:
        """Whether close() has run (a window's timer may still ask after its file is closed)."""
        return self._closed

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
            self._replica = None
            raise
        except (DBAPIError, sqlite3.Error, OSError) as exc:
            self._replica = None
            raise save_error(exc) from exc
        except BaseException:
            self._replica = None
            raise
        finally:
            self._scores.clear()
            self._scopes.clear()
        self._checksum_pending = False

    def apply(self, op: ops.Operation) -> ops.Change:
        """Apply one operation durably, recorded in the history; return it with its inverse."""
        return self.apply_all([op])[0]

    def apply_all(self, operations: Iterable[ops.Operation], *, record: bool = True) -> list[ops.Change]:
        """Apply operations in one transaction: all of them, or (on any refusal) none.

        The operations may be produced lazily (each sees the ones before it). record=False only
        for rebuilding a file whose history is copied in afterwards (JSON import).
        """
        from .apply_fast import FAST_HANDLERS

        if isinstance(operations, (list, tuple)) and operations and all(
                type(op) in FAST_HANDLERS for op in operations):
            try:  # scores, notes and confidence: the keystroke path, without the ORM
                return self._apply_scores(FAST_HANDLERS, operations, record)
            except sqlite3.IntegrityError as exc:
                raise ValidationError(CONFLICT) from exc

        from sqlalchemy.exc import IntegrityError

        from .apply import HANDLERS

        try:
            return self._apply_all(HANDLERS, operations, record)
        except IntegrityError as exc:
            raise ValidationError(CONFLICT) from exc

    def _apply_all(self, handlers: Any, operations: Iterable[ops.Operation], record: bool) -> list[ops.Change]:
        changes = []
        with self._write() as s:
            s.connection()  # BEGIN IMMEDIATE now, before anything reads or writes
            for op in operations:
                handler = handlers.get(type(op))
                if handler is None:
                    raise ValidationError(f"'{type(op).__name__}' is not an operation.")
                outcome = handler(self, s, op)
                s.flush()
                changes.append(self._recorded(op, outcome, record))
        return changes

    def _recorded(self, op: ops.Operation, outcome: Any, record: bool) -> ops.Change:
        """The change one applied operation made, with its history entry written (in the open
        transaction) unless record is off (undo of an unrecorded step)."""
        at, uuid = (self.clock or utcnow)(), new_uuid()
        if record:
            uuid = write_entry(self._conn, uuid=uuid, at=at, author=self.author,
                               replica=self._replica_id(), op=op.kind,
                               target=outcome.target, before=outcome.before,
                               after=outcome.after, coalesce=isinstance(op, ops.SetNotes))
        return ops.Change(op, outcome.inverse, uuid, at, self.author, self._replica_id(),
                          outcome.target, outcome.before, outcome.after, outcome.result)

    def _apply_scores(self, handlers: Any, operations: Iterable[ops.Operation],
                      record: bool) -> list[ops.Change]:
        """Score operations as one durable transaction in plain SQL, with their history entries.

        The same transaction, checks, history and inverses as `_apply_all`; what it writes is
        also kept in the scores read back, so the next read of the round is not a query.
        """
        if self.readonly:
            raise ReadOnlyError(f"{self.path.name} is open read-only ({self.read_only_reason}).")
        if self._orm_session is not None and self._orm_session.in_transaction():
            raise ValidationError("Another change is still being saved; try again.")
        conn = self._conn
        changes, written = [], []
        self._scopes.clear()  # a level or note may change the round's default scope
        try:
            conn.execute("BEGIN IMMEDIATE")
            for op in operations:
                outcome, write = handlers[type(op)](self, conn, op)
                written.append(write)
                changes.append(self._recorded(op, outcome, record))
            if self._checksum_pending:  # an edited file no longer matches its export checksum
                conn.execute("DELETE FROM file_meta WHERE key = ?", (CHECKSUM_KEY,))
            conn.commit()
        except BaseException as exc:
            self._replica = None
            self._scores.clear()
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            if isinstance(exc, (sqlite3.Error, OSError)) and not isinstance(exc, sqlite3.IntegrityError):
                raise save_error(exc) from exc
            raise
        self._checksum_pending = False
        if self._orm_session is not None:  # a row the session holds would now be out of date
            from .schema import ScoreRow

            session = self._orm_session
            for write in written:
                if write.row_id is not None:
                    held = session.identity_map.get(session.identity_key(ScoreRow, write.row_id))
                    if held is not None:
                        session.expunge(held)
        for write in written:
            cached = self._scores.get(write.round_id)
            if cached is None:
                continue
            if write.score is None:
                cached.pop(write.key, None)
            else:
                cached[write.key] = write.score
        return changes

    def _replica_id(self) -> str:
        """This copy's replica id, minted (in the current transaction) on its first change here."""
        if self._replica is None:
            replica, rows = replica_for(self._conn, self.path)
            for key, value in rows.items():
                self._conn.execute("INSERT OR REPLACE INTO file_meta (key, value) VALUES (?, ?)",
                                   (key, value))
            self._replica = replica
        return self._replica

    def insert_history(self, rows: list[tuple[str, str, str, str, str, str, str, str]]) -> None:
        """Add history entries as recorded elsewhere (uuid, at, author, replica, op, target,
        before, after as JSON), e.g. from the engagement's JSON form."""
        with self._write() as s:
            s.connection()  # BEGIN IMMEDIATE now: the rows below are one transaction
            try:
                self._conn.executemany(
                    'INSERT INTO history (uuid, at, author, replica, op, target, "before", "after") '
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            except sqlite3.IntegrityError as exc:
                raise ValidationError("The history holds the same entry (id) twice.") from exc

    def history(self, factor: str | None = None) -> list[Entry]:
        """Every recorded change, oldest first; only those about one factor if given."""
        return read_entries(self._conn, factor=factor)

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM file_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    # --- reads -------------------------------------------------------------------------------

    def info(self) -> EngagementInfo:
        columns = ", ".join(("uuid", *ROW_INFO_FIELDS))
        row = self._conn.execute(f"SELECT {columns} FROM engagement WHERE id = 1").fetchone()
        if row is None:
            raise DamagedFileError(f"{self.path.name} has no engagement record.")
        values = dict(zip(("uuid", *ROW_INFO_FIELDS), row, strict=True))
        context = self._conn.execute(
            f"SELECT {', '.join(CONTEXT_FIELDS)} FROM engagement_context WHERE id = 1").fetchone()
        values.update(zip(CONTEXT_FIELDS, ("", "", "") if context is None
                          else (str(v or "") for v in context), strict=True))
        for key in DATE_FIELDS:
            values[key] = as_date(values[key])
        return EngagementInfo(**values)

    def participants(self) -> list[Participant]:
        rows = self._conn.execute(
            "SELECT id, name, role, side, position, uuid FROM participant ORDER BY position, id")
        return [Participant(*r) for r in rows]

    def rounds(self) -> list[Round]:
        rows = self._conn.execute(
            'SELECT id, label, date, position, uuid FROM "round" ORDER BY position, id')
        return [Round(i, label, as_date(d), pos, u) for i, label, d, pos, u in rows]

    def round_by_label(self, label: str) -> Round:
        for rnd in self.rounds():
            if rnd.label.casefold() == label.casefold():
                return rnd
        raise ValidationError(f"There is no round called '{label}'.")

    def scores(self, round_id: int) -> dict[tuple[str, str], Score]:
        """The round's scores by (factor, perspective): a fresh dict each call."""
        cached = self._scores.get(round_id)
        if cached is None:
            cached = self._scores[round_id] = self._read_scores(round_id)
        return RoundScores(cached, marks(cached))  # a fresh copy, with the round's not-applicable marks

    def _read_scores(self, round_id: int) -> dict[tuple[str, str], Score]:
        rows = self._conn.execute(
            "SELECT factor_id, perspective, level, notes, confidence, updated_at, uuid FROM score "
            "WHERE round_id = ?", (round_id,)
        ).fetchall()
        scores = build_scores((round_id, f, p, lv, n or "", c, as_datetime(u), i)
                              for f, p, lv, n, c, u, i in rows)
        return RoundScores({  # with the round's not-applicable marks, which scoring leaves out
            (s.factor_id, s.perspective): s for s in scores
        }, stored_not_applicable(self._conn, round_id))

    def participant_scores(self, round_id: int) -> list[ParticipantScore]:
        rows = self._conn.execute(
            "SELECT factor_id, participant_id, level, comment, uuid FROM participant_score "
            "WHERE round_id = ? ORDER BY id", (round_id,)
        ).fetchall()
        return build_participant_scores((round_id, f, p, lv, c or "", i) for f, p, lv, c, i in rows)

    def actions(self) -> list[Action]:
        rows = self._conn.execute(
            "SELECT id, factor_id, text, owner, side, due_date, status, round_id, position, uuid "
            "FROM action ORDER BY position, id")
        return [Action(i, f, t, o, sd, as_date(d), st, r, pos, u)
                for i, f, t, o, sd, d, st, r, pos, u in rows]

    def branding_json(self) -> str | None:
        row = self._conn.execute("SELECT content FROM branding WHERE id = 1").fetchone()
        return None if row is None else str(row[0])
