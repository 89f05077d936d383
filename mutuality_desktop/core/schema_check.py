"""The exact schema check: every table, index, trigger and view compared by definition.

The expected definitions are those SQLAlchemy's `create_all` writes for `core/schema.py`, so a
table or column added there is covered without touching this module. Each object's SQL is
compared in a canonical form (comments, quoting, spacing, letter case and the order of a
table's columns and constraints do not matter; every word of every definition does), so a table
that lost a UNIQUE constraint, carries another CHECK, a COLLATE, a generated column or
WITHOUT ROWID is refused. Opening a file must not import SQLAlchemy (start-up speed), so the
expected form is cached in `schema_expected.py` together with a hash of `schema.py`; when the
source is newer than the cache, the expected form is computed from the ORM instead.
`python -m mutuality_desktop.core.schema_check --write` refreshes the cache (a test says when).
"""

from __future__ import annotations

import functools
import re
import sqlite3
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from .errors import DamagedFileError

Fingerprint = dict[str, str]  # "type name" -> canonical definition

_TOKEN = re.compile(
    r"""\s+|--[^\n]*|/\*.*?(?:\*/|$)|('(?:[^']|'')*')|"((?:[^"]|"")*)"|`((?:[^`]|``)*)`|\[([^\]]*)\]"""
    r"""|([A-Za-z_][A-Za-z_0-9$]*)|([0-9]+(?:\.[0-9]*)?)|(.)""",
    re.DOTALL,
)


def tokens(sql: str) -> list[str]:
    """Split SQL into canonical tokens: words lower-cased, identifiers unquoted, no comments."""
    out: list[str] = []
    for m in _TOKEN.finditer(sql):
        literal, dq, bq, br, word, number, other = m.groups()
        if literal is not None:
            out.append(literal)
        elif dq is not None or bq is not None or br is not None:
            out.append((dq if dq is not None else bq if bq is not None else br).lower())
        elif word is not None:
            out.append(word.lower())
        elif number is not None:
            out.append(number)
        elif other is not None:
            out.append(other)
    return out


@functools.lru_cache(maxsize=256)  # a file's definitions are the same at every open
def canonical(sql: str) -> str:
    """One definition's canonical text; a table's columns and constraints are sorted."""
    toks = tokens(sql)
    if len(toks) > 3 and toks[:2] == ["create", "table"] and "(" in toks:
        start = toks.index("(")
        items: list[list[str]] = [[]]
        depth, end = 0, len(toks)
        for i in range(start + 1, len(toks)):
            tok = toks[i]
            if tok == "(":
                depth += 1
            elif tok == ")":
                if depth == 0:
                    end = i
                    break
                depth -= 1
            elif tok == "," and depth == 0:
                items.append([])
                continue
            items[-1].append(tok)
        body = sorted(" ".join(item) for item in items)
        return " ".join(toks[:start]) + " ( " + " , ".join(body) + " ) " + " ".join(toks[end + 1:])
    return " ".join(toks)


def fingerprint(conn: sqlite3.Connection, exact: Mapping[str, str] | None = None,
                known: Fingerprint | None = None) -> Fingerprint:
    """The canonical definition of every object in a database (SQLite's own indexes aside).

    A definition whose text is exactly the one create_all writes (exact, by key) has that
    definition's canonical form (known) without being tokenised: the text is the same, so its
    canonical form is too. Any other text is tokenised and compared word by word.
    """
    found: Fingerprint = {}
    for obj_type, name, table, sql in conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"):
        obj_name = str(name).lower()
        if obj_type == "index" and sql is None and obj_name.startswith("sqlite_autoindex_"):
            continue  # made by SQLite for a UNIQUE or PRIMARY KEY in the table's definition
        key = f"{obj_type} {obj_name} on {str(table).lower()}"
        if sql is None:
            found[key] = "(no definition)"
        elif exact is not None and known is not None and key in known and exact.get(key) == sql:
            found[key] = known[key]
        else:
            found[key] = canonical(str(sql))
    return found


def _schema_source() -> Path:
    return Path(__file__).with_name("schema.py")


def source_hash() -> str | None:
    """sha256 of schema.py, or None where the source is not there (a frozen build)."""
    try:
        data = _schema_source().read_bytes()
    except OSError:
        return None
    return _sha256(data)


def _sha256(data: bytes) -> str:
    """SHA-256 in hex, from CPython's own implementation where it has one: the first file opened
    needs this one small hash, and importing hashlib would load OpenSSL (a few ms) for it."""
    try:
        from _sha256 import sha256  # Python 3.11 (in 3.12 on, _sha2)
    except ImportError:
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256
    digest: str = sha256(data).hexdigest()
    return digest


def from_orm() -> Fingerprint:
    """The definitions create_all writes for the ORM models (imports SQLAlchemy)."""
    return {key: canonical(sql) if sql is not None else "(no definition)"
            for key, sql in _orm_sql().items()}


def _orm_sql() -> dict[str, str | None]:
    """Each object's definition as create_all writes it, by key (imports SQLAlchemy)."""
    from sqlalchemy import create_engine

    from .schema import Base

    engine = create_engine("sqlite://")
    try:
        Base.metadata.create_all(engine)
        raw = engine.raw_connection()
        try:
            conn: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
            found: dict[str, str | None] = {}
            for obj_type, name, table, sql in conn.execute(
                    "SELECT type, name, tbl_name, sql FROM sqlite_master"):
                obj_name = str(name).lower()
                if obj_type == "index" and sql is None and obj_name.startswith("sqlite_autoindex_"):
                    continue
                found[f"{obj_type} {obj_name} on {str(table).lower()}"] = sql
            return found
        finally:
            raw.close()
    finally:
        engine.dispose()


@cache
def expected() -> Fingerprint:
    """The current schema's definitions: the cache if it matches schema.py, else the ORM's."""
    from . import schema_expected

    if _cache_current():
        return dict(schema_expected.EXPECTED)
    return from_orm()


@cache
def _cache_current() -> bool:
    from . import schema_expected

    current = source_hash()
    return current is None or current == schema_expected.SOURCE_SHA256


@cache
def expected_sql() -> dict[str, str]:
    """Each object's definition exactly as create_all writes it ({} if the cache is stale)."""
    from . import schema_expected

    return dict(getattr(schema_expected, "EXPECTED_SQL", {})) if _cache_current() else {}


def check(conn: sqlite3.Connection, name: str) -> None:
    """Refuse a database whose objects differ in any way from the current schema's."""
    want = expected()
    have = fingerprint(conn, expected_sql(), want)
    for key in sorted(set(have) - set(want)):
        kind, obj = key.split(" ")[:2]
        raise DamagedFileError(f"{name} contains an unexpected {kind} '{obj[:60]}'; "
                               "it was not made by Mutuality Desktop and was not opened.")
    for key in sorted(set(want) - set(have)):
        kind, obj = key.split(" ")[:2]
        raise DamagedFileError(f"{name} is incomplete: the {obj} {kind} is missing.")
    for key in sorted(want):
        if have[key] != want[key]:
            kind, obj = key.split(" ")[:2]
            raise DamagedFileError(f"{name} has an unexpected layout in its {obj} {kind}; it was "
                                   "not made by this version of Mutuality Desktop and was not opened.")


def write_cache(target: Path | None = None) -> Path:
    """Regenerate schema_expected.py from the ORM (run after changing schema.py)."""
    target = target or Path(__file__).with_name("schema_expected.py")
    lines = ["# ruff: noqa: E501", '"""Generated by `python -m mutuality_desktop.core.schema_check --write`: do not edit.',
             "", "The canonical definitions create_all writes for core/schema.py (see schema_check).",
             '"""', "", f"SOURCE_SHA256 = {source_hash()!r}", "", "EXPECTED: dict[str, str] = {"]
    raw = _orm_sql()
    for key, value in sorted(from_orm().items()):
        lines.append(f"    {key!r}:")
        lines.append(f"        {value!r},")
    lines.append("}")
    lines += ["", "# Each definition exactly as create_all writes it: a file's identical text is not tokenised.",
              "EXPECTED_SQL: dict[str, str] = {"]
    for key, sql in sorted(raw.items()):
        if sql is not None:
            lines.append(f"    {key!r}:")
            lines.append(f"        {sql!r},")
    lines.append("}")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":  # pragma: no cover - a developer's command
    if "--write" in sys.argv[1:]:
        print(f"Wrote {write_cache()}")
    else:
        print("Usage: python -m mutuality_desktop.core.schema_check --write")
