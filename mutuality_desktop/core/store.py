"""The engagement file on disk: create, check, open (untrusted), migrate, export.

An engagement file is a single SQLite database in rollback-journal mode with synchronous=FULL,
so after every commit the one file is complete on its own and can be emailed at any moment.
Every file that arrives from elsewhere is untrusted: it is checked from its header bytes, then
on a private copy (core/files.py) that SQLite opens instead of the file, so neither the file
nor the side files beside it can make SQLite write, create or delete anything.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import files, schema_check
from .errors import DamagedFileError, EngagementFileError, NewerVersionError, NotOurFileError

APPLICATION_ID = 0x4D555455  # "MUTU"
SCHEMA_VERSION = 6
OLDEST_MIGRATABLE = 1
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_IN_MEMORY_CHECK = 64 * 1024 * 1024  # larger files are checked from a private copy on disk
_CAN_DESERIALIZE = hasattr(sqlite3.Connection, "deserialize")  # SQLite 3.23+ built with it
MAX_TEXT_BYTES = 1_000_000  # longest single value SQLite will hand us from a received file
MAX_ROWS = 1_000_000
SQLITE_MAGIC = b"SQLite format 3\x00"

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


def _decode_text(value: bytes) -> str:
    """Repair invalid UTF-8 from a damaged or hostile file instead of failing the read.

    Every text value read goes through it (about 4,000 when the demo opens). A plain function
    costs less per value than operator.methodcaller("decode", "utf-8", "replace"), which looks
    the method up and binds it for every value: 9.2 against 8.7 million instructions to read the
    demo's 640 participants' scores (callgrind); str(value, encoding=..., errors=...) costs more,
    parsing its keywords each time.
    """
    return value.decode("utf-8", "replace")


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
    with files.open_regular(path, MAX_FILE_BYTES) as (fd, size):
        try:
            head = os.pread(fd, 100, 0) if hasattr(os, "pread") else os.read(fd, 100)
        except OSError as exc:
            raise EngagementFileError(f"The file {path.name} cannot be read: {exc.strerror}.") from exc
        if size == 0:
            raise NotOurFileError(f"{path.name} is empty: it is not a Mutuality engagement file.")
        is_zip = head[:4] == b"PK\x03\x04"
        if not is_zip and not head.startswith(SQLITE_MAGIC):
            import zipfile

            with open(fd, "rb", closefd=False) as fh:  # a zip may start with anything
                is_zip = zipfile.is_zipfile(fh)
    if is_zip:
        raise NotOurFileError(f"{path.name} is a zip archive, not a Mutuality engagement file.")
    if head.startswith(b"MUTX"):
        raise NotOurFileError(f"{path.name} is passphrase-protected.")
    return header_from_bytes(head, size, path.name)


def header_from_bytes(head: bytes, size: int, name: str) -> FileHeader:
    """Check the first 100 bytes of a database: ours, sane page size, our application id."""
    if not head.startswith(SQLITE_MAGIC) or len(head) < 100:
        raise NotOurFileError(f"{name} is not a Mutuality engagement file.")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1) or size % page_size:
        raise DamagedFileError(f"{name} is damaged: its length does not match its page size.")
    app_id = int.from_bytes(head[68:72], "big")
    version = int.from_bytes(head[60:64], "big")
    if app_id != APPLICATION_ID:
        raise NotOurFileError(
            f"{name} is a database of another application, not a Mutuality engagement file."
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
    """Integrity, the exact schema, sizes, references and every value; raise with one sentence.

    A file of an older format is checked as it will be after its upgrade: on an in-memory copy
    that the migrations have brought up to date, so the check always compares with the ORM.
    """
    try:
        check_integrity(conn, name)
        _verify_schema_and_values(conn, name, version)
    except sqlite3.DatabaseError as exc:
        raise DamagedFileError(f"{name} is damaged and cannot be read ({one_line(str(exc))}).") from exc
    except (UnicodeDecodeError, ValueError, OverflowError, MemoryError, RecursionError) as exc:
        raise DamagedFileError(f"{name} is damaged and cannot be read.") from exc


def check_integrity(conn: sqlite3.Connection, name: str) -> None:
    """SQLite's full integrity check (pages, records, every index against its table)."""
    rows = conn.execute("PRAGMA integrity_check(20)").fetchall()
    problems = [str(r[0]) for r in rows]
    if problems != ["ok"]:
        raise DamagedFileError(_integrity_problem(name, problems[0]))


def _verify_schema_and_values(conn: sqlite3.Connection, name: str, version: int) -> None:
    if version < SCHEMA_VERSION:
        upgraded = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            conn.backup(upgraded)
            configure(upgraded, readonly=False, memory=True)
            migrate(upgraded, version, name)
            _verify_current(upgraded, name)
        finally:
            upgraded.close()
    else:
        _verify_current(conn, name)


def _integrity_problem(name: str, problem: str) -> str:
    """integrity_check's first complaint as a sentence (a broken CHECK is a value, not a page)."""
    for prefix in ("CHECK constraint failed in ", "NULL value in "):
        if problem.startswith(prefix):
            table = problem[len(prefix):].split(".")[0].split()[0][:60]
            return (f"{name} is damaged: a {table} record holds a value the app never writes; "
                    "it was not opened.")
    return f"{name} is damaged ({one_line(problem)})."


def _verify_current(conn: sqlite3.Connection, name: str) -> None:
    from .file_values import check_values

    schema_check.check(conn, name)
    # From here the file's tables, columns and indexes are exactly this version's, and it has no
    # view or trigger: the sizes statement for this version's tables serves every such file, and
    # the authorizer, which refuses what a view or trigger would run, has nothing left to refuse
    # on this checking connection (a private copy, closed after the check). Unset, SQLite no
    # longer calls into Python for every column and function of the checks' statements.
    conn.set_authorizer(None)
    check_sizes(conn, name, schema_checked=True)
    broken = conn.execute("PRAGMA foreign_key_check").fetchmany(1)
    if broken:
        raise DamagedFileError(f"{name} is damaged: a {broken[0][0]} record refers to a "
                               f"{broken[0][2]} record that does not exist; it was not opened.")
    check_values(conn, name)


_LARGE_COLUMNS = {("framework_snapshot", "content"): 4_000_000, ("branding", "content"): 12_000_000,
                  ("history", "before"): 12_000_000, ("history", "after"): 12_000_000}


def check_sizes(conn: sqlite3.Connection, name: str, *, schema_checked: bool = False) -> None:
    """Refuse values far beyond anything the app writes (a hostile or corrupted file).

    One statement for every table's row count and longest values (its ordinary columns against
    MAX_TEXT_BYTES, its large ones against their own limit), not two per table. Its text depends
    only on the tables and columns; once the exact schema check has passed (schema_checked) they
    are this version's own, so the statement is built once per process for the schema expected,
    without reading the file's columns again. Otherwise the cache is keyed by the file's tables
    and columns.

    No value is longer than the database holding it (its bytes are stored in its pages, and a
    character takes at least a byte): a column whose limit is at least the database's size
    cannot break it and is not measured. In a file of 1.2 MB the guide, the branding and the
    history's before and after (limits of 4 and 12 million) are left out; every other column
    is measured against its million. Once the exact schema check has passed, a table whose pages
    prove it within its limits is not measured at all (_over_limits_by_pages); the others are
    measured in the same order, so the first table over a limit is the one named, as before.
    """
    db_bytes = int(conn.execute("SELECT p.page_count * s.page_size FROM pragma_page_count() AS p, "
                                "pragma_page_size() AS s").fetchone()[0])
    measured = tuple(limit for limit in _SIZE_LIMITS if limit < db_bytes)
    if schema_checked:
        key: tuple[object, ...] = ("the exact schema", measured, *schema_check.expected())
    else:
        key = (measured, *conn.execute(
            "SELECT group_concat(m.name || '.' || c.name, ' ') FROM sqlite_master AS m, "
            "pragma_table_info(m.name) AS c WHERE m.type = 'table' ORDER BY m.rowid, c.cid").fetchone())
    built = _SIZES_SQL.get(key)
    if built is None:
        built = _sizes_statement(conn, measured)
        if len(_SIZES_SQL) >= 4:
            _SIZES_SQL.pop(next(iter(_SIZES_SQL)))
        _SIZES_SQL[key] = built
    parts, limits = built
    if schema_checked:  # only the tables whose pages do not prove them within their limits
        over = _over_limits_by_pages(conn, [table for table, _ in limits])
        parts = [part for part, (table, _) in zip(parts, limits, strict=True) if table in over]
        limits = [(table, limit) for table, limit in limits if table in over]
    if not limits:
        return
    rows = conn.execute(" UNION ALL ".join(parts)).fetchall()
    for (table, large_limit), (count, longest, longest_large) in zip(limits, rows, strict=True):
        if count > MAX_ROWS:
            raise DamagedFileError(f"{name} holds an implausible number of {table} records.")
        if (longest or 0) > MAX_TEXT_BYTES or (longest_large or 0) > large_limit:
            raise DamagedFileError(
                f"{name} holds a {table} value far longer than the app ever writes; it was not opened."
            )


_PAGES_SQL = "SELECT name, ncell, mx_payload FROM dbstat('main', 1)"  # one row per table and index


def _over_limits_by_pages(conn: sqlite3.Connection, tables: list[str]) -> set[str]:
    """The tables whose own b-tree pages do not prove every row count and value within its limit.

    A value is no longer than the payload of the record holding it (length() counts characters
    or bytes, and a character takes at least a byte; a number's text is under 30 characters), and
    a table has no more rows than cells in its pages. SQLite's dbstat reads both from each page's
    cell headers (the integrity check has already matched every payload size with its pages),
    without decoding a value: a sixth of the cost of measuring every column of every row. A table
    whose largest record or cell count is over its smallest limit, or that dbstat does not list,
    has its values measured; with a SQLite built without dbstat (the query fails), every table.
    Only for a file whose schema has passed the exact check: its table names are this version's,
    so none of them can stand in for dbstat.
    """
    try:
        pages = conn.execute(_PAGES_SQL).fetchall()
    except sqlite3.Error:
        return set(tables)
    over = set(tables)
    for table, cells, payload in pages:
        if table not in over:
            continue  # indexes (a copy of their table's values) and the schema table
        limit = min([MAX_TEXT_BYTES, *(v for (t, _), v in _LARGE_COLUMNS.items() if t == table)])
        if isinstance(cells, int) and isinstance(payload, int) and cells <= MAX_ROWS and payload <= limit:
            over.discard(table)
    return over


_SIZES_SQL: dict[tuple[object, ...], tuple[list[str], list[tuple[str, int]]]] = {}
_SIZE_LIMITS = tuple(sorted({MAX_TEXT_BYTES, *_LARGE_COLUMNS.values()}))


def _sizes_statement(conn: sqlite3.Connection,
                     measured: tuple[int, ...]) -> tuple[list[str], list[tuple[str, int]]]:
    """check_sizes' statement for each of this database's tables (joined by UNION ALL), and each
    table's large-value limit; only columns whose limit is in `measured` are measured (the others
    are 0)."""
    columns: dict[str, list[str]] = {}
    for table, column in conn.execute(
            "SELECT m.name, c.name FROM sqlite_master AS m, pragma_table_info(m.name) AS c "
            "WHERE m.type = 'table' ORDER BY m.rowid, c.cid"):
        columns.setdefault(str(table), []).append(str(column))
    parts, limits = [], []
    for table, names in columns.items():
        large = [c for c in names if (table, c) in _LARGE_COLUMNS]
        ordinary = [c for c in names if (table, c) not in _LARGE_COLUMNS]
        if MAX_TEXT_BYTES not in measured:
            ordinary = []
        large = [c for c in large if _LARGE_COLUMNS[(table, c)] in measured]
        parts.append(f"SELECT count(*), {_longest(ordinary)}, {_longest(large)} FROM \"{table}\"")
        limits.append((table, max((_LARGE_COLUMNS[(table, c)] for c in large), default=0)))
    return parts, limits


def _longest(names: list[str]) -> str:
    """The longest value in these columns over the whole table (0 for none)."""
    if not names:
        return "0"
    lengths = [f'coalesce(length("{c}"), 0)' for c in names]
    return f"max({lengths[0]})" if len(lengths) == 1 else f"max(max({', '.join(lengths)}))"


def has_hot_journal(path: Path) -> bool:
    journal = files.side_file(path, "-journal")
    try:
        return journal.is_file() and journal.stat().st_size > 0
    except OSError:
        return False


def inspect(path: Path) -> FileHeader:
    """Check a file fully without touching it or its side files; raise with one clear sentence.

    The check runs on the file's bytes in memory, or, with a journal beside it, on a private
    copy (see files.private_copy): a file this laptop was editing when the app stopped is
    recovered in the copy, so it checks as it will open.
    """
    path = Path(path)
    header = read_header(path)
    check_version(path.name, header.user_version)
    if (header.size <= MAX_IN_MEMORY_CHECK and _CAN_DESERIALIZE
            and not os.path.lexists(files.side_file(path, "-journal"))):
        # No journal to roll back: check the file's bytes in memory, where nothing can refer
        # to a side file at all (and nothing is written to disk to be copied and deleted).
        _verify_bytes(files.read_bytes(path, MAX_FILE_BYTES), path.name, header.user_version)
        return header
    with files.private_copy(path, MAX_FILE_BYTES) as (copy, journal):
        conn = _connect_copy(copy, path.name, journal)
        try:
            with unreadable_as_damaged(path.name):
                verify_connection(conn, path.name, header.user_version)
        finally:
            conn.close()
    return header


_PASSED: list[bytes] = []  # the contents of the last few files that passed the whole check here
_KEEP_PASSED = 4
_KEEP_PASSED_BYTES = 16 * 1024 * 1024  # larger contents are not kept (checked in full each time)


def _verify_bytes(data: bytes, name: str, version: int) -> None:
    """verify_connection on a file's bytes, loaded into an in-memory database.

    The check is a function of the bytes alone, so contents equal byte for byte to a file that
    passed it before in this process (the start page checked the file, or it is opened again
    unchanged) are not checked again. Any changed byte is other contents: checked in full.
    """
    if any(kept == data for kept in _PASSED):  # lengths first, then every byte
        return
    conn = _connect_bytes(data, name)
    try:
        with unreadable_as_damaged(name):
            verify_connection(conn, name, version)
    finally:
        conn.close()
    if len(data) <= _KEEP_PASSED_BYTES:
        _PASSED.append(data)
        del _PASSED[:-_KEEP_PASSED]


def _connect_bytes(data: bytes, name: str) -> sqlite3.Connection:
    """An in-memory database holding a file's bytes (a file saved in WAL mode read as rollback)."""
    if data[18:20] == b"\x02\x02":  # as files.private_copy does: read the main file alone
        data = data[:18] + b"\x01\x01" + data[20:]
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        conn.deserialize(data)
        configure(conn, readonly=True)
    except EngagementFileError:
        conn.close()
        raise
    except UNREADABLE as exc:
        conn.close()
        detail = one_line(str(exc)) if isinstance(exc, sqlite3.Error) else type(exc).__name__
        raise DamagedFileError(f"{name} is damaged and cannot be read ({detail}).") from exc
    return conn


def _connect_copy(copy: Path, name: str, journal: bool) -> sqlite3.Connection:
    """Open a private copy writable, so SQLite rolls its journal back (in the copy only)."""
    try:
        conn = connect(copy)
        if journal:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except EngagementFileError:
        raise
    except UNREADABLE as exc:
        if journal:
            raise DamagedFileError(files.was_being_edited_message(name)) from exc
        detail = one_line(str(exc)) if isinstance(exc, sqlite3.Error) else type(exc).__name__
        raise DamagedFileError(f"{name} is damaged and cannot be read ({detail}).") from exc


def cannot_edit_in_place(path: Path) -> str:
    """Why a file must be opened read-only from a copy (WAL side files), or "" if it need not."""
    strays = [p.name for p in files.present_side_files(path) if not p.name.endswith("-journal")]
    if strays:
        return f"it came with side files from another program ({', '.join(strays)})"
    try:
        with files.open_regular(path, MAX_FILE_BYTES) as (fd, _size):
            mode = os.pread(fd, 2, 18) if hasattr(os, "pread") else b""
    except EngagementFileError:
        return ""
    if mode == b"\x02\x02":
        return "it was saved in a journal mode this app does not edit"
    return ""


UNREADABLE = (sqlite3.Error, UnicodeDecodeError, ValueError, OverflowError, MemoryError,
              RecursionError)


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


# --- migrations -------------------------------------------------------------------------------

def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE branding (id INTEGER NOT NULL, content TEXT NOT NULL, "
        "updated_at DATETIME NOT NULL, PRIMARY KEY (id))"
    )


def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    from .migrate_v3 import migrate_2_to_3

    migrate_2_to_3(conn)


def _migrate_3_to_4_prework(conn: sqlite3.Connection) -> None:
    """Participants' email addresses for the pre-work forms (issue 17): a new table only."""
    conn.execute(  # exactly as create_all writes it (a test compares the stored SQL)
        "CREATE TABLE participant_contact (\n\tid INTEGER NOT NULL, \n\tuuid VARCHAR(36) NOT NULL, "
        "\n\tparticipant_id INTEGER NOT NULL, \n\temail VARCHAR(254) NOT NULL, "
        "\n\tupdated_at DATETIME NOT NULL, \n\tPRIMARY KEY (id), \n\tUNIQUE (uuid), "
        "\n\tUNIQUE (participant_id), \n\tFOREIGN KEY(participant_id) REFERENCES participant (id) "
        "ON DELETE CASCADE\n)"
    )


def _migrate_3_to_4_scope(conn: sqlite3.Connection) -> None:
    """Format 4 adds each round's scope; a format-3 file has no scope rows (the default rule)."""
    conn.execute(
        "CREATE TABLE round_scope (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tuuid VARCHAR(36) NOT NULL, \n"
        "\tround_id INTEGER NOT NULL, \n"
        "\tdimension_id VARCHAR(100) NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tCONSTRAINT uq_round_scope UNIQUE (round_id, dimension_id), \n"
        "\tUNIQUE (uuid), \n"
        "\tFOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE\n"
        ")"
    )


def _migrate_3_to_4(conn: sqlite3.Connection) -> None:
    """Format 4: each round's scope (issue 15) and participants' email addresses (issue 17)."""
    _migrate_3_to_4_scope(conn)
    _migrate_3_to_4_prework(conn)


def _migrate_4_to_5_21a(conn: sqlite3.Connection) -> None:
    """The engagement's context (issue 21): a new table; a format-4 file has none recorded."""
    conn.execute(  # exactly as create_all writes it
        "CREATE TABLE engagement_context (\n\tid INTEGER NOT NULL, \n"
        "\tprocurement_regime VARCHAR(20) NOT NULL, \n\tauthority_type VARCHAR(100) NOT NULL, \n"
        "\tcontract_model VARCHAR(100) NOT NULL, \n\tupdated_at DATETIME NOT NULL, \n"
        "\tPRIMARY KEY (id)\n)"
    )


def _migrate_4_to_5_15b(conn: sqlite3.Connection) -> None:
    """Factors left out of a round whose dimension it covers (issue 15b): a new table only."""
    conn.execute(
        "CREATE TABLE round_excluded_factor (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tuuid VARCHAR(36) NOT NULL, \n"
        "\tround_id INTEGER NOT NULL, \n"
        "\tfactor_id VARCHAR(100) NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tCONSTRAINT uq_round_excluded_factor UNIQUE (round_id, factor_id), \n"
        "\tUNIQUE (uuid), \n"
        "\tFOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE\n"
        ")"
    )


def _migrate_4_to_5_15a(conn: sqlite3.Connection) -> None:
    """Format 5 (issue 15): the parking list and the agenda for the day; new tables only."""
    for ddl in _DDL_5_15A:
        conn.execute(ddl)


_DDL_5_15A = (  # exactly as create_all writes them (a test compares the stored SQL)
    (
        'CREATE TABLE agenda (\n'
        '\tid INTEGER NOT NULL, \n'
        '\tuuid VARCHAR(36) NOT NULL, \n'
        '\tround_id INTEGER NOT NULL, \n'
        '\tstart_minute INTEGER NOT NULL, \n'
        '\tfinish_minute INTEGER NOT NULL, \n'
        '\tPRIMARY KEY (id), \n'
        '\tUNIQUE (uuid), \n'
        '\tUNIQUE (round_id), \n'
        '\tFOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE\n'
        ')'
    ),
    (
        'CREATE TABLE agenda_break (\n'
        '\tid INTEGER NOT NULL, \n'
        '\tuuid VARCHAR(36) NOT NULL, \n'
        '\tround_id INTEGER NOT NULL, \n'
        '\tlabel VARCHAR(100) NOT NULL, \n'
        '\tstart_minute INTEGER NOT NULL, \n'
        '\tminutes INTEGER NOT NULL, \n'
        '\tPRIMARY KEY (id), \n'
        '\tUNIQUE (uuid), \n'
        '\tFOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE\n'
        ')'
    ),
    (
        'CREATE TABLE agenda_dimension (\n'
        '\tid INTEGER NOT NULL, \n'
        '\tuuid VARCHAR(36) NOT NULL, \n'
        '\tround_id INTEGER NOT NULL, \n'
        '\tdimension_id VARCHAR(100) NOT NULL, \n'
        '\tminutes INTEGER NOT NULL, \n'
        '\tPRIMARY KEY (id), \n'
        '\tCONSTRAINT uq_agenda_dimension UNIQUE (round_id, dimension_id), \n'
        '\tUNIQUE (uuid), \n'
        '\tFOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE\n'
        ')'
    ),
    (
        'CREATE TABLE parking_item (\n'
        '\tid INTEGER NOT NULL, \n'
        '\tuuid VARCHAR(36) NOT NULL, \n'
        '\tround_id INTEGER, \n'
        '\tfactor_id VARCHAR(100), \n'
        '\ttext TEXT NOT NULL, \n'
        '\traised_by VARCHAR(20), \n'
        '\traised_at DATETIME NOT NULL, \n'
        '\tstatus VARCHAR(10) NOT NULL, \n'
        '\tposition INTEGER NOT NULL, \n'
        '\tupdated_at DATETIME NOT NULL, \n'
        '\tPRIMARY KEY (id), \n'
        "\tCONSTRAINT ck_raised_by CHECK (raised_by IS NULL OR raised_by IN ('client', 'provider', 'facilitator')), \n"
        "\tCONSTRAINT ck_status CHECK (status IN ('open', 'resolved')), \n"
        '\tUNIQUE (uuid), \n'
        '\tFOREIGN KEY(round_id) REFERENCES round (id) ON DELETE SET NULL\n'
        ')'
    ),
)


def _migrate_4_to_5_21b(conn: sqlite3.Connection) -> None:
    """Format 5: factors marked not applicable in a round, with the reason (issue 21). An agreed
    note that a 2.0 scoring rule told the room to begin with 'Not applicable:' (on a factor with no
    agreed level) becomes such a mark, the text after the colon its reason; the note is kept."""
    from .model import new_uuid

    conn.execute(
        "CREATE TABLE not_applicable (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tuuid VARCHAR(36) NOT NULL, \n"
        "\tround_id INTEGER NOT NULL, \n"
        "\tfactor_id VARCHAR(100) NOT NULL, \n"
        "\treason TEXT NOT NULL, \n"
        "\tupdated_at DATETIME NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tCONSTRAINT uq_not_applicable UNIQUE (round_id, factor_id), \n"
        "\tUNIQUE (uuid), \n"
        "\tFOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE\n"
        ")"
    )
    rows = conn.execute(
        "SELECT round_id, factor_id, notes, updated_at FROM score WHERE perspective = 'agreed' "
        "AND level IS NULL AND lower(substr(ltrim(notes), 1, 15)) = 'not applicable:'").fetchall()
    for round_id, factor_id, notes, updated_at in rows:
        reason = str(notes).strip()[15:].strip() or str(notes).strip()
        conn.execute("INSERT INTO not_applicable (uuid, round_id, factor_id, reason, updated_at) "
                     "VALUES (?, ?, ?, ?, ?)", (new_uuid(), round_id, factor_id, reason, updated_at))


def _migrate_4_to_5(conn: sqlite3.Connection) -> None:
    """Format 5: the engagement's context (issue 21), factors left out of a round, the parking list
    and the agenda for the day (issue 15)."""
    _migrate_4_to_5_21a(conn)
    _migrate_4_to_5_15b(conn)
    _migrate_4_to_5_15a(conn)
    _migrate_4_to_5_21b(conn)  # not applicable (issue 21b)


def _migrate_5_to_6_move(conn: sqlite3.Connection) -> None:
    """Format 6 (issue 21, moving to a newer guide): earlier guides kept, and the guide each round
    was scored on. Every round of an older file was scored on the file's one guide."""
    conn.execute(
        "CREATE TABLE framework_archive (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tframework_id VARCHAR(100) NOT NULL, \n"
        "\tversion VARCHAR(40) NOT NULL, \n"
        "\tcontent TEXT NOT NULL, \n"
        "\tsha256 VARCHAR(64) NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tUNIQUE (sha256)\n"
        ")"
    )
    conn.execute(
        "CREATE TABLE round_framework (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tround_uuid VARCHAR(36) NOT NULL, \n"
        "\tsha256 VARCHAR(64) NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tUNIQUE (round_uuid)\n"
        ")"
    )
    conn.execute('INSERT INTO round_framework (round_uuid, sha256) SELECT r.uuid, f.sha256 FROM "round" r, '
                 "(SELECT sha256 FROM framework_snapshot ORDER BY id LIMIT 1) f")


def _migrate_5_to_6(conn: sqlite3.Connection) -> None:
    """Format 6."""
    _migrate_5_to_6_move(conn)  # issue 21: moving an engagement to a newer scoring guide


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _migrate_1_to_2, 2: _migrate_2_to_3, 3: _migrate_3_to_4, 4: _migrate_4_to_5, 5: _migrate_5_to_6}


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
    """Load a file into an in-memory database from a private copy; the original is untouched.

    Side files beside the original are never used by SQLite (files.private_copy): the app's own
    journal is rolled back in the copy, `-wal` and `-shm` are left out.
    """
    path = Path(path)
    with files.private_copy(path, MAX_FILE_BYTES) as (copy, journal):
        src = _connect_copy(copy, path.name, journal)
        mem = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            src.backup(mem)
        except BaseException:
            mem.close()
            raise
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
    yield from files.present_side_files(Path(path))
