"""The engagement file on disk: create, check, open (untrusted), migrate, export.

An engagement file is a single SQLite database in rollback-journal mode with synchronous=FULL,
so after every commit the one file is complete on its own and can be emailed at any moment.
Every file that arrives from elsewhere is untrusted: it is checked from its header bytes and a
read-only connection before anything is written to it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DamagedFileError, EngagementFileError, NewerVersionError, NotOurFileError

APPLICATION_ID = 0x4D555455  # "MUTU"
SCHEMA_VERSION = 3
OLDEST_MIGRATABLE = 1
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_TEXT_BYTES = 1_000_000  # longest single value SQLite will hand us from a received file
SQLITE_MAGIC = b"SQLite format 3\x00"

# The exact tables (and their columns) of each schema version; anything else is refused.
_V1_TABLES: dict[str, tuple[str, ...]] = {
    "framework_snapshot": ("id", "framework_id", "version", "content", "sha256"),
    "engagement": (
        "id", "uuid", "title", "client_organisation", "provider_organisation", "contract_name",
        "contract_reference", "contract_annual_value", "contract_start", "contract_end",
        "facilitator", "workshop_date", "workshop_venue", "created_at", "updated_at",
    ),
    "participant": ("id", "name", "role", "side", "position"),
    "round": ("id", "label", "date", "position"),
    "score": (
        "id", "round_id", "factor_id", "perspective", "level", "notes", "confidence", "updated_at",
    ),
    "participant_score": (
        "id", "round_id", "factor_id", "participant_id", "level", "comment", "updated_at",
    ),
    "action": (
        "id", "round_id", "factor_id", "text", "owner", "side", "due_date", "status", "position",
        "created_at", "updated_at",
    ),
    "file_meta": ("key", "value"),
}
EXPECTED_TABLES: dict[int, dict[str, tuple[str, ...]]] = {
    1: _V1_TABLES,
    2: {**_V1_TABLES, "branding": ("id", "content", "updated_at")},
}
EXPECTED_TABLES[3] = {
    **{t: (*cols, "uuid") if t in ("participant", "round", "score", "participant_score", "action")
       else cols for t, cols in EXPECTED_TABLES[2].items()},
    "history": ("id", "uuid", "at", "author", "replica", "op", "target", "before", "after"),
}
# Indexes SQLite makes itself for UNIQUE constraints: sqlite_autoindex_<table>_<n>.
_AUTOINDEX_PREFIX = "sqlite_autoindex_"

REQUIRED_PRAGMAS: dict[str, Any] = {
    "trusted_schema": 0,
    "cell_size_check": 1,
    "mmap_size": 0,
    "secure_delete": 1,
    "foreign_keys": 1,
    "synchronous": 2,  # FULL
}


@dataclass(frozen=True)
class FileHeader:
    size: int
    application_id: int
    user_version: int


def _decode_text(raw: bytes) -> str:
    """Repair invalid UTF-8 from a damaged or hostile file instead of failing the read."""
    return raw.decode("utf-8", errors="replace")


def _deny_schema_sql(action: int, arg1: Any, arg2: Any, db: Any, source: str | None) -> int:
    """Refuse anything run on behalf of a trigger or a view: received files are untrusted."""
    return sqlite3.SQLITE_DENY if source is not None else sqlite3.SQLITE_OK


def configure(conn: sqlite3.Connection, *, readonly: bool, memory: bool = False) -> None:
    """Apply the defensive and durable settings every connection gets."""
    conn.text_factory = _decode_text
    with contextlib.suppress(AttributeError, sqlite3.NotSupportedError):
        conn.enable_load_extension(False)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_TEXT_BYTES * 4)
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, 1_000_000)
    conn.set_authorizer(_deny_schema_sql)
    for name, value in REQUIRED_PRAGMAS.items():
        conn.execute(f"PRAGMA {name}={value}")
    if not readonly:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != ("memory" if memory else "delete"):
            raise DamagedFileError("The file could not be switched to safe journal mode.")


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open a raw SQLite connection with our settings (no schema checks)."""
    target = Path(path)
    mode = "ro" if readonly else "rw"
    uri = f"{target.resolve().as_uri()}?mode={mode}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        configure(conn, readonly=readonly)
    except BaseException:
        conn.close()
        raise
    return conn


def new_connection(path: Path) -> sqlite3.Connection:
    """Create a brand-new, empty database file with our settings and identity."""
    uri = f"{path.resolve().as_uri()}?mode=rwc"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    configure(conn, readonly=False)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    return conn


def one_line(text: str, limit: int = 120) -> str:
    """Squeeze SQLite's diagnostic text into a short single line for a message."""
    text = " ".join(text.replace("*", " ").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_header(path: Path) -> FileHeader:
    """Read identity and version straight from the header bytes, without SQLite touching it."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(100)
    except FileNotFoundError as exc:
        raise EngagementFileError(f"The file {path.name} does not exist.") from exc
    except IsADirectoryError as exc:
        raise NotOurFileError(f"{path.name} is a folder, not an engagement file.") from exc
    except OSError as exc:
        raise EngagementFileError(f"The file {path.name} cannot be read: {exc.strerror}.") from exc
    if size == 0:
        raise NotOurFileError(f"{path.name} is empty: it is not a Mutuality engagement file.")
    if size > MAX_FILE_BYTES:
        raise NotOurFileError(
            f"{path.name} is {size // (1024 * 1024)} MB, far larger than any engagement file; "
            "it was not opened."
        )
    if head[:4] == b"PK\x03\x04" or zipfile.is_zipfile(path):
        raise NotOurFileError(f"{path.name} is a zip archive, not a Mutuality engagement file.")
    if head.startswith(b"MUTX"):
        raise NotOurFileError(f"{path.name} is passphrase-protected.")
    if not head.startswith(SQLITE_MAGIC) or len(head) < 100:
        raise NotOurFileError(f"{path.name} is not a Mutuality engagement file.")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1) or size % page_size:
        raise DamagedFileError(f"{path.name} is damaged: its length does not match its page size.")
    app_id = int.from_bytes(head[68:72], "big")
    version = int.from_bytes(head[60:64], "big")
    if app_id != APPLICATION_ID:
        raise NotOurFileError(
            f"{path.name} is a database of another application, not a Mutuality engagement file."
        )
    return FileHeader(size, app_id, version)


def check_version(name: str, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise NewerVersionError(
            f"{name} was saved by a newer version of Mutuality Desktop (file format {version}; "
            f"this version reads up to {SCHEMA_VERSION}). Please update the app to open it.",
            version,
            SCHEMA_VERSION,
        )
    if version < OLDEST_MIGRATABLE:
        raise DamagedFileError(f"{name} has an unknown file format ({version}); it may be damaged.")


def verify_connection(conn: sqlite3.Connection, name: str, version: int) -> None:
    """Run the full integrity check and the exact schema allow-list on an open connection."""
    try:
        rows = conn.execute("PRAGMA integrity_check(20)").fetchall()
        problems = [str(r[0]) for r in rows]
        if problems != ["ok"]:
            raise DamagedFileError(f"{name} is damaged ({one_line(problems[0])}).")
        check_schema(conn, name, version)
        check_sizes(conn, name, version)
        conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise DamagedFileError(f"{name} is damaged and cannot be read ({one_line(str(exc))}).") from exc
    except (UnicodeDecodeError, ValueError, OverflowError, MemoryError) as exc:
        raise DamagedFileError(f"{name} is damaged and cannot be read.") from exc


def check_schema(conn: sqlite3.Connection, name: str, version: int) -> None:
    """Refuse any table, column, index, trigger or view that our schema does not have."""
    expected = EXPECTED_TABLES[version]
    objects = conn.execute("SELECT type, name, tbl_name FROM sqlite_master").fetchall()
    for obj_type, obj_name, table in objects:
        if obj_type == "table" and obj_name in expected:
            continue
        if obj_type == "index" and str(obj_name).startswith(_AUTOINDEX_PREFIX) and table in expected:
            continue
        raise DamagedFileError(
            f"{name} contains an unexpected {obj_type} '{str(obj_name)[:60]}'; "
            "it was not made by Mutuality Desktop and was not opened."
        )
    present = {row[1] for row in objects if row[0] == "table"}
    missing = set(expected) - present
    if missing:
        raise DamagedFileError(f"{name} is incomplete: the {sorted(missing)[0]} table is missing.")
    for table, columns in expected.items():
        found = tuple(r[1] for r in conn.execute(f'PRAGMA table_info("{table}")'))
        if sorted(found) != sorted(columns):
            raise DamagedFileError(f"{name} has an unexpected layout in its {table} table.")


_LARGE_COLUMNS = {("framework_snapshot", "content"): 4_000_000, ("branding", "content"): 12_000_000,
                  ("history", "before"): 12_000_000, ("history", "after"): 12_000_000}


def check_sizes(conn: sqlite3.Connection, name: str, version: int) -> None:
    """Refuse values far beyond anything the app writes (a hostile or corrupted file)."""
    for table, columns in EXPECTED_TABLES[version].items():
        parts = ", ".join(f'max(length("{c}"))' for c in columns)
        row = conn.execute(f'SELECT count(*), {parts} FROM "{table}"').fetchone()
        if row[0] > 1_000_000:
            raise DamagedFileError(f"{name} holds an implausible number of {table} records.")
        for column, longest in zip(columns, row[1:], strict=True):
            limit = _LARGE_COLUMNS.get((table, column), MAX_TEXT_BYTES)
            if longest is not None and longest > limit:
                raise DamagedFileError(
                    f"{name} holds a {table} value far longer than the app ever writes; it was not opened."
                )


def has_hot_journal(path: Path) -> bool:
    journal = path.with_name(path.name + "-journal")
    return journal.exists() and journal.stat().st_size > 0


def inspect(path: Path) -> FileHeader:
    """Check a file fully without modifying it; raise a typed error with one clear sentence."""
    header = read_header(path)
    check_version(path.name, header.user_version)
    if has_hot_journal(path):
        # An interrupted save of our own: only a writable open can roll it back, so check a copy.
        return _inspect_via_copy(path, header)
    _verify_file(path, path.name, header.user_version, readonly=True)
    return header


def _verify_file(path: Path, name: str, version: int, *, readonly: bool) -> None:
    with unreadable_as_damaged(name):
        conn = connect(path, readonly=readonly)
        try:
            verify_connection(conn, name, version)
        finally:
            conn.close()


UNREADABLE = (sqlite3.Error, UnicodeDecodeError, ValueError, OverflowError, MemoryError)


@contextlib.contextmanager
def unreadable_as_damaged(name: str) -> Iterator[None]:
    """Turn any low-level failure while reading a received file into one clear sentence."""
    try:
        yield
    except EngagementFileError:
        raise
    except UNREADABLE as exc:
        detail = one_line(str(exc)) if isinstance(exc, sqlite3.Error) else type(exc).__name__
        raise DamagedFileError(f"{name} is damaged and cannot be read ({detail}).") from exc


def _inspect_via_copy(path: Path, header: FileHeader) -> FileHeader:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(path.with_name(path.name + "-journal"), Path(tmp) / (path.name + "-journal"))
        _verify_file(copy, path.name, header.user_version, readonly=False)
    return header


# --- migrations -------------------------------------------------------------------------------

def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE branding (id INTEGER NOT NULL, content TEXT NOT NULL, "
        "updated_at DATETIME NOT NULL, PRIMARY KEY (id))"
    )


def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    from .migrate_v3 import migrate_2_to_3

    migrate_2_to_3(conn)


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _migrate_1_to_2, 2: _migrate_2_to_3}


def migrate(conn: sqlite3.Connection, from_version: int, name: str = "The file") -> None:
    """Bring a file up to SCHEMA_VERSION inside one transaction (all or nothing).

    Foreign keys are off meanwhile (tables are rebuilt) and checked before the commit.
    """
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("BEGIN IMMEDIATE")
    try:
        for version in range(from_version, SCHEMA_VERSION):
            MIGRATIONS[version](conn)
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise sqlite3.IntegrityError("a record refers to one that does not exist")
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException as exc:
        conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise EngagementFileError(
                f"{name} could not be upgraded to this version's file format ({one_line(str(exc))}); "
                "it was left as it was."
            ) from exc
        raise
    finally:
        conn.execute("PRAGMA foreign_keys=ON")


def backup_before_migration(path: Path, version: int) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem} (format {version} backup {stamp}){path.suffix}")
    src = connect(path, readonly=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def copy_to_memory(path: Path) -> sqlite3.Connection:
    """Load a (read-only) file into an in-memory database, leaving the original untouched."""
    src = connect(path, readonly=True)
    mem = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        src.backup(mem)
    finally:
        src.close()
    configure(mem, readonly=False, memory=True)
    return mem


def vacuum_into(conn: sqlite3.Connection, target: Path) -> None:
    """Write a compact, self-contained copy (no journal, no free pages) to target."""
    if target.exists():
        target.unlink()
    conn.execute("VACUUM INTO ?", (str(target),))


def is_writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def sidecar_files(path: Path) -> Iterator[Path]:
    for suffix in ("-journal", "-wal", "-shm"):
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            yield candidate
