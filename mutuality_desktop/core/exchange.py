"""Engagement files for email: compact copies with a content checksum, optional passphrase."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from pathlib import Path

from . import store
from .errors import DamagedFileError, EngagementFileError, NotOurFileError, PassphraseError

CHECKSUM_KEY = "content_sha256"
SEALED_MAGIC = b"MUTX"
SEALED_VERSION = 1
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**15, 8, 1
_CONTENT_TABLES = (
    "framework_snapshot", "engagement", "participant", "round", "score", "participant_score",
    "action", "branding",
)


def content_checksum(conn: sqlite3.Connection) -> str:
    """Hash every value the user can see, in a fixed order, so any changed byte shows."""
    digest = hashlib.sha256()
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table in _CONTENT_TABLES:
        if table not in present:
            continue
        digest.update(table.encode())
        for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
            digest.update(json.dumps(row, default=str, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


def stored_checksum(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM file_meta WHERE key = ?", (CHECKSUM_KEY,)).fetchone()
    return None if row is None else str(row[0])


def verify_checksum(conn: sqlite3.Connection, name: str) -> bool | None:
    """Return True if the export checksum matches, None if there is none; raise if it differs."""
    expected = stored_checksum(conn)
    if expected is None:
        return None
    if content_checksum(conn) != expected:
        raise DamagedFileError(f"{name} was changed or damaged after it was exported: its contents "
                               "do not match their checksum.")
    return True


def export_connection(conn: sqlite3.Connection, target: Path) -> None:
    """Write a compact, self-contained copy of an open engagement with its checksum."""
    target = Path(target)
    tmp = target.with_name(f".{target.name}.part")
    if tmp.exists():
        tmp.unlink()
    try:
        store.vacuum_into(conn, tmp)
        out = store.connect(tmp)
        try:
            out.execute("BEGIN IMMEDIATE")
            out.execute("INSERT OR REPLACE INTO file_meta(key, value) VALUES (?, ?)",
                        (CHECKSUM_KEY, content_checksum(out)))
            out.execute("COMMIT")
            out.execute("VACUUM")
        finally:
            out.close()
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise EngagementFileError(f"The copy could not be written to {target}: {exc}.") from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise EngagementFileError(f"The copy could not be written to {target}: {exc.strerror}.") from exc


def export_file(source: Path, target: Path, passphrase: str | None = None) -> None:
    """Check a file, then write its compact copy (sealed with a passphrase if one is given)."""
    source, target = Path(source), Path(target)
    if source.resolve() == target.resolve():
        raise EngagementFileError("Choose a different name for the copy.")
    store.inspect(source)
    conn = store.copy_to_memory(source)
    try:
        if passphrase:
            with tempfile.TemporaryDirectory() as tmp:
                plain = Path(tmp) / "plain.mutuality"
                export_connection(conn, plain)
                seal(plain.read_bytes(), passphrase, target)
        else:
            export_connection(conn, target)
    finally:
        conn.close()


def is_sealed(path: Path) -> bool:
    try:
        with Path(path).open("rb") as fh:
            return fh.read(4) == SEALED_MAGIC
    except OSError:
        return False


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
    """Write data beside target, then rename: a failed write leaves neither file half-written."""
    tmp = target.with_name(f".{target.name}.part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise EngagementFileError(f"{target.name} could not be written: {exc.strerror or exc}.") from exc


def unseal(path: Path, passphrase: str, target: Path) -> Path:
    """Decrypt a sealed file to target (never touching the original); check the result."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    raw = Path(path).read_bytes()
    if not raw.startswith(SEALED_MAGIC) or len(raw) < 40:
        raise NotOurFileError(f"{Path(path).name} is not a passphrase-protected engagement file.")
    if raw[4] != SEALED_VERSION:
        raise NotOurFileError(f"{Path(path).name} uses a protection format this version cannot read.")
    salt, n, r, p = raw[5:21], int.from_bytes(raw[21:25], "big"), raw[25], raw[26]
    nonce, header = raw[27:39], raw[:39]
    if n > 2**20 or r > 32 or p > 16:
        raise DamagedFileError(f"{Path(path).name} is damaged (implausible key settings).")
    try:
        data = AESGCM(_key(passphrase, salt, n, r, p)).decrypt(nonce, raw[39:], header)
    except InvalidTag as exc:
        raise PassphraseError(
            f"The passphrase for {Path(path).name} is wrong (or the file was damaged in transit)."
        ) from exc
    _write_atomically(target, data)
    try:
        store.inspect(target)
    except EngagementFileError:
        target.unlink(missing_ok=True)
        raise
    return target
