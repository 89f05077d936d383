"""Engagement files for email: compact copies with a content checksum, optional passphrase."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from . import files, store
from .errors import (
    DamagedFileError,
    EngagementFileError,
    MutualityError,
    NotOurFileError,
    PassphraseError,
)

CHECKSUM_KEY = "content_sha256"
ORIGIN_KEY = "exported_from"  # the copies this one was exported from, newest last (JSON)
MAX_ORIGINS = 20
SEALED_MAGIC = b"MUTX"
SEALED_VERSION = 1
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**15, 8, 1  # what this app writes: 32 MiB, about 0.1 s
# What a protected file may ask for: 128 MiB and four times the app's own work (under 2 s).
MAX_SCRYPT_R, MAX_SCRYPT_P = 8, 4
MAX_SCRYPT_MEMORY = 128 * 1024 * 1024
MAX_SCRYPT_WORK = 4 * _SCRYPT_N * _SCRYPT_R
_HEADER_BYTES = 39
MAX_SEALED_BYTES = store.MAX_FILE_BYTES + _HEADER_BYTES + 16
_CONTENT_TABLES = (
    "framework_snapshot", "engagement", "participant", "round", "score", "participant_score",
    "action", "branding", "participant_contact", "engagement_context",
)
_FORMAT_5_TABLES = ("round_excluded_factor", "parking_item", "agenda", "agenda_break",
                    "agenda_dimension", "not_applicable")  # hashed only when they hold rows
_COUNTED_WHEN_FILLED = frozenset({"engagement_context"})  # format 5: hashed only when it holds a row
# Checksum 2 (written as "2:<hex>") also covers each round's scope and the history: a changed
# history entry (who, when, what) shows as tampering too. A bare hex value is checksum 1, as
# copies exported before it were stamped; those are still verified as they were made.
CHECKSUM_VERSION = "2"
_CONTENT_TABLES_2 = (*_CONTENT_TABLES, "round_scope", "history")


def content_checksum(conn: sqlite3.Connection, version: str = CHECKSUM_VERSION) -> str:
    """Hash every value the user can see, in a fixed order, so any changed byte shows."""
    digest = hashlib.sha256()
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    tables = _CONTENT_TABLES if version == "1" else _CONTENT_TABLES_2
    for table in tables:
        if table not in present:
            continue
        if table in _COUNTED_WHEN_FILLED and conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is None:
            continue  # an older file, upgraded on opening, gains it empty: its checksum still holds
        digest.update(table.encode())
        for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
            digest.update(json.dumps(row, default=str, ensure_ascii=False).encode("utf-8"))
    for table in _FORMAT_5_TABLES:  # only when they hold rows: an older export's checksum still holds
        rows = conn.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall() if table in present else []
        if rows:
            digest.update(table.encode())
            for row in rows:
                digest.update(json.dumps(row, default=str, ensure_ascii=False).encode("utf-8"))
    if "framework_archive" in present and conn.execute("SELECT 1 FROM framework_archive").fetchone():
        for table in ("framework_archive", "round_framework"):  # format 6: only once a file has moved
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(json.dumps(row, default=str, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest() if version == "1" else f"{version}:{digest.hexdigest()}"


def stored_checksum(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM file_meta WHERE key = ?", (CHECKSUM_KEY,)).fetchone()
    return None if row is None else str(row[0])


def verify_checksum(conn: sqlite3.Connection, name: str) -> bool | None:
    """Return True if the export checksum matches, None if there is none; raise if it differs."""
    expected = stored_checksum(conn)
    if expected is None:
        return None
    version = expected.split(":", 1)[0] if ":" in expected else "1"
    if version not in ("1", CHECKSUM_VERSION) or content_checksum(conn, version) != expected:
        raise DamagedFileError(f"{name} was changed or damaged after it was exported: its contents "
                               "do not match their checksum.")
    return True


def origins(conn: sqlite3.Connection) -> list[dict[str, str]]:
    """The copies a file was exported from (engagement, place, name, head, at), oldest first."""
    row = conn.execute("SELECT value FROM file_meta WHERE key = ?", (ORIGIN_KEY,)).fetchone()
    try:
        data = json.loads(str(row[0])) if row is not None else []
    except (ValueError, RecursionError):
        return []
    if not isinstance(data, list):
        return []
    return [{str(k): str(v) for k, v in item.items()} for item in data[-MAX_ORIGINS:]
            if isinstance(item, dict)]


def _origin_row(conn: sqlite3.Connection, source: Path | None) -> str:
    """The origins list with this export added: which engagement, from which file on which laptop
    (a fingerprint, see history.place_of), at which change, when."""
    from .history import place_of
    from .model import utcnow

    if source is None:
        main = next((r for r in conn.execute("PRAGMA database_list") if r[1] == "main"), None)
        source = Path(main[2]) if main is not None and main[2] else None
    uuid = conn.execute("SELECT uuid FROM engagement WHERE id = 1").fetchone()
    head = conn.execute("SELECT uuid FROM history ORDER BY id DESC LIMIT 1").fetchone()
    entry = {"engagement": str(uuid[0]) if uuid else "", "at": utcnow().isoformat(),
             "head": str(head[0]) if head else "",
             "place": place_of(source) if source is not None else "",
             "name": source.name if source is not None else ""}
    return json.dumps([*origins(conn), entry][-MAX_ORIGINS:], ensure_ascii=False)


def _stamp(out: sqlite3.Connection, origin: str) -> None:
    """Finish a copy: earlier note wording out of its history, where it came from, its checksum."""
    from .history import leave_out_earlier_notes

    out.execute("BEGIN IMMEDIATE")
    leave_out_earlier_notes(out)
    out.execute("INSERT OR REPLACE INTO file_meta(key, value) VALUES (?, ?)", (ORIGIN_KEY, origin))
    out.execute("INSERT OR REPLACE INTO file_meta(key, value) VALUES (?, ?)",
                (CHECKSUM_KEY, content_checksum(out)))
    out.execute("COMMIT")


def export_connection(conn: sqlite3.Connection, target: Path, source: Path | None = None) -> None:
    """Write a compact, self-contained copy of an open engagement with its checksum."""
    target = Path(target)

    def write(tmp: Path) -> None:
        store.vacuum_into(conn, tmp)
        out = store.connect(tmp)
        try:
            _stamp(out, origin)
            out.execute("VACUUM")
        finally:
            out.close()

    try:
        origin = _origin_row(conn, source)
        files.write_atomically(target, write)
    except sqlite3.Error as exc:
        raise EngagementFileError(f"The copy could not be written to {target}: {exc}.") from exc
    except OSError as exc:
        raise EngagementFileError(f"The copy could not be written to {target}: {exc.strerror}.") from exc


def export_bytes(conn: sqlite3.Connection, source: Path | None = None) -> bytes:
    """The compact, checksummed copy of an open engagement as bytes, built in memory only.

    Used for protected copies, so no unencrypted copy ever reaches the disk (not even a
    temporary file): backup into memory, add the checksum, VACUUM, serialise.
    """
    out = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        origin = _origin_row(conn, source)
        conn.backup(out)
        store.configure(out, readonly=False, memory=True)
        _stamp(out, origin)
        out.execute("VACUUM")
        return bytes(out.serialize())
    except sqlite3.Error as exc:
        raise EngagementFileError(f"The copy could not be made: {store.one_line(str(exc))}.") from exc
    finally:
        out.close()


def export_file(source: Path, target: Path, passphrase: str | None = None) -> None:
    """Check a file, then write its compact copy (sealed with a passphrase if one is given)."""
    source, target = Path(source), Path(target)
    if source.resolve() == target.resolve():
        raise EngagementFileError("Choose a different name for the copy.")
    store.inspect(source)
    conn = store.copy_to_memory(source)
    try:
        if passphrase:
            seal(export_bytes(conn, source), passphrase, target)
        else:
            export_connection(conn, target, source)
    finally:
        conn.close()


def is_sealed(path: Path) -> bool:
    try:
        with files.open_regular(Path(path), MAX_SEALED_BYTES) as (fd, _size):
            return os.read(fd, 4) == SEALED_MAGIC
    except (OSError, EngagementFileError):
        return False


class Cancelled(MutualityError):
    """The user cancelled unlocking; nothing was written."""


def check_kdf(n: int, r: int, p: int, name: str) -> None:
    """Refuse key settings that this app never writes and that would cost minutes or gigabytes."""
    if n < 2 or n & (n - 1) or not 1 <= r <= MAX_SCRYPT_R or not 1 <= p <= MAX_SCRYPT_P:
        raise DamagedFileError(f"{name} is damaged: its key settings are not ones this app writes.")
    if 128 * n * r > MAX_SCRYPT_MEMORY or n * r * p > MAX_SCRYPT_WORK:
        raise DamagedFileError(f"{name} asks for far more work to unlock than this app ever sets; "
                               "it was not opened.")


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal(data: bytes, passphrase: str, target: Path) -> None:
    """Encrypt data with AES-256-GCM under a scrypt key and write it atomically."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    header = (SEALED_MAGIC + bytes([SEALED_VERSION]) + salt + _SCRYPT_N.to_bytes(4, "big")
              + bytes([_SCRYPT_R, _SCRYPT_P]) + nonce)
    body = AESGCM(_key(passphrase, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)).encrypt(nonce, data, header)
    _write_atomically(target, header + body)


def _write_atomically(target: Path, data: bytes) -> None:
    """Write data beside target (owner-only), then rename: a failure leaves no half file."""
    try:
        files.write_atomically(target, lambda temp: files.write_private(temp, data))
    except OSError as exc:
        raise EngagementFileError(f"{target.name} could not be written: {exc.strerror or exc}.") from exc


def unseal_bytes(path: Path, passphrase: str,
                 cancelled: Callable[[], bool] | None = None) -> bytes:
    """Decrypt a sealed file in memory and check the result as strictly as a plain file.

    The file's size is capped before reading, its key settings are capped to what this app
    writes, and the decrypted engagement is checked in memory: nothing is written to disk.
    """
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    path = Path(path)
    name = path.name
    raw = files.read_bytes(path, MAX_SEALED_BYTES)
    if not raw.startswith(SEALED_MAGIC):
        raise NotOurFileError(f"{name} is not a passphrase-protected engagement file.")
    if len(raw) < _HEADER_BYTES + 16:
        raise DamagedFileError(f"{name} is damaged: it is too short to hold an engagement.")
    if raw[4] != SEALED_VERSION:
        raise NotOurFileError(f"{name} uses a protection format this version cannot read.")
    salt, n, r, p = raw[5:21], int.from_bytes(raw[21:25], "big"), raw[25], raw[26]
    nonce, header = raw[27:_HEADER_BYTES], raw[:_HEADER_BYTES]
    check_kdf(n, r, p, name)
    try:
        key = _key(passphrase, salt, n, r, p)
    except (ValueError, TypeError, MemoryError, OverflowError) as exc:
        raise DamagedFileError(f"{name} is damaged: its key settings cannot be used.") from exc
    if cancelled is not None and cancelled():
        raise Cancelled("Unlocking was cancelled.")
    try:
        data = AESGCM(key).decrypt(nonce, raw[_HEADER_BYTES:], header)
    except InvalidTag as exc:
        raise PassphraseError(
            f"The passphrase for {name} is wrong (or the file was damaged in transit)."
        ) from exc
    inspect_bytes(data, name)
    return data


def inspect_bytes(data: bytes, name: str) -> store.FileHeader:
    """Check an engagement held in memory (an unlocked protected file) as strictly as a file."""
    header = store.header_from_bytes(data[:100], len(data), name)
    store.check_version(name, header.user_version)
    if data[18:20] == b"\x02\x02":
        data = data[:18] + b"\x01\x01" + data[20:]
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        with store.unreadable_as_damaged(name):
            conn.deserialize(data)
            store.configure(conn, readonly=True)
            store.verify_connection(conn, name, header.user_version)
    finally:
        conn.close()
    return header


def unseal(path: Path, passphrase: str, target: Path) -> Path:
    """Decrypt a sealed file to target, created owner-only (the original is never touched)."""
    data = unseal_bytes(path, passphrase)
    _write_atomically(Path(target), data)
    return Path(target)


def check_export(target: Path) -> None:
    """Check a written copy fully and against its checksum, as the colleague's app will."""
    from . import store

    store.inspect(target)
    conn = store.connect(target, readonly=True)
    try:
        if not verify_checksum(conn, target.name):
            raise EngagementFileError(f"{target.name} has no export checksum; export it again.")
    finally:
        conn.close()
