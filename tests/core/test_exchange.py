"""Export for email: compact, checksummed, optionally sealed; round trip equal in every value."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from mutuality_desktop.core import exchange, store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import DamagedFileError, NotOurFileError, PassphraseError
from mutuality_desktop.core.summary import summarise


def all_rows(path):
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name != 'file_meta' ORDER BY name")]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        conn.close()


def test_export_round_trip_equal_in_every_value(closed_file, tmp_path):
    out = tmp_path / "for-email.mutuality"
    exchange.export_file(closed_file, out)
    assert all_rows(out) == all_rows(closed_file)
    assert list(store.sidecar_files(out)) == []
    with Engagement.open(out) as e:
        assert e.participants()[0].name == "Siân Evans"
    assert "export checksum verified" in summarise(out)  # opening without an edit keeps it valid


def test_check_verifies_the_checksum_and_catches_a_changed_value(closed_file, tmp_path):
    out = tmp_path / "copy.mutuality"
    exchange.export_file(closed_file, out)
    assert "export checksum verified" in summarise(out)
    conn = sqlite3.connect(out)
    conn.execute("UPDATE score SET notes = 'Joint plan seen!'")
    conn.commit()
    conn.close()
    with pytest.raises(DamagedFileError, match="do not match their checksum"):
        summarise(out)


def test_first_edit_after_export_drops_the_stale_checksum(closed_file, tmp_path):
    out = tmp_path / "copy.mutuality"
    exchange.export_file(closed_file, out)
    with Engagement.open(out) as e:
        e.set_score(e.rounds()[0].id, "joint-exit-strategy", "agreed", 2)
    assert "checksum" not in summarise(out)


def test_export_is_compact_and_deleted_text_is_gone(tmp_path):
    path = tmp_path / "big.mutuality"
    secret = "COMMERCIALLY-SENSITIVE-" + "x" * 5000
    with Engagement.create(path, Engagement_info()) as e:
        rid = e.rounds()[0].id
        for f in e.framework.factors:
            e.set_notes(rid, f.id, "agreed", secret)
        for f in e.framework.factors:
            e.set_notes(rid, f.id, "agreed", "")
    out = tmp_path / "small.mutuality"
    exchange.export_file(path, out)
    assert b"COMMERCIALLY-SENSITIVE" not in out.read_bytes()
    conn = sqlite3.connect(out)
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    conn.close()


def Engagement_info():
    from .conftest import INFO

    return INFO


def test_passphrase_protected_round_trip_and_wrong_passphrase(closed_file, tmp_path):
    sealed = tmp_path / "sealed.mutuality"
    exchange.export_file(closed_file, sealed, passphrase="correct horse")
    assert exchange.is_sealed(sealed)
    assert "Siân".encode() not in sealed.read_bytes() and b"Joint plan" not in sealed.read_bytes()
    before = hashlib.sha256(sealed.read_bytes()).hexdigest()
    with pytest.raises(PassphraseError, match="passphrase .* is wrong"):
        exchange.unseal(sealed, "wrong", tmp_path / "out.mutuality")
    assert not (tmp_path / "out.mutuality").exists()
    assert hashlib.sha256(sealed.read_bytes()).hexdigest() == before
    with pytest.raises(NotOurFileError, match="passphrase-protected"):
        Engagement.open(sealed)
    plain = exchange.unseal(sealed, "correct horse", tmp_path / "plain.mutuality")
    assert all_rows(plain) == all_rows(closed_file)
