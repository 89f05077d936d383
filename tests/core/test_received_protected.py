"""Protected files and branding from a received file (classes 2, 3 and 4 of issue 14)."""

from __future__ import annotations

import base64
import io
import json
import stat
import sys
import tempfile
import time
from pathlib import Path

import pytest

from mutuality_desktop.core import branding, exchange, store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import (
    DamagedFileError,
    MutualityError,
    NotOurFileError,
    PassphraseError,
)
from mutuality_desktop.core.report import build_report_file

sys.path.insert(0, str(Path(__file__).parent))
from hostile_files import digest, raw_edit  # noqa: E402

PASSPHRASE = "correct horse battery"


@pytest.fixture
def sealed(tmp_path: Path, closed_file: Path) -> Path:
    target = tmp_path / "sealed.mutuality"
    exchange.export_file(closed_file, target, passphrase=PASSPHRASE)
    return target


def _with_header(sealed: Path, offset: int, value: bytes) -> Path:
    data = bytearray(sealed.read_bytes())
    data[offset:offset + len(value)] = value
    sealed.write_bytes(bytes(data))
    return sealed


@pytest.mark.parametrize(("n", "r", "p"), [
    (2**24, 8, 1),  # 16 GiB
    (2**20, 8, 1),  # the old cap: 1 GiB, over a minute
    (2**17, 8, 4),  # 128 MiB but 16 times the work
    (2**15, 200, 1),
    (3, 8, 1),  # not a power of two: scrypt's own ValueError
    (0, 8, 1),
    (2**15, 0, 1),
    (2**15, 8, 0),
])
def test_key_settings_beyond_what_the_app_writes_are_refused_at_once(sealed, n, r, p):
    _with_header(sealed, 21, n.to_bytes(4, "big") + bytes([r, p]))
    started = time.perf_counter()
    with pytest.raises(DamagedFileError, match="key settings|far more work"):
        exchange.unseal_bytes(sealed, PASSPHRASE)
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(("cut", "kind", "match"), [
    (3, NotOurFileError, "not a passphrase-protected"),
    (10, DamagedFileError, "too short"),
    (40, DamagedFileError, "too short"),
])
def test_a_truncated_protected_file_gives_a_typed_error(sealed, cut, kind, match):
    sealed.write_bytes(sealed.read_bytes()[:cut])
    with pytest.raises(kind, match=match):
        exchange.unseal_bytes(sealed, PASSPHRASE)


def test_an_unknown_protection_version_is_named(sealed):
    _with_header(sealed, 4, b"\x09")
    with pytest.raises(NotOurFileError, match="protection format"):
        exchange.unseal_bytes(sealed, PASSPHRASE)


def test_an_oversize_protected_file_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.mutuality"
    with huge.open("wb") as fh:
        fh.write(b"MUTX\x01")
        fh.seek(exchange.MAX_SEALED_BYTES + 10)
        fh.write(b"\0")
    started = time.perf_counter()
    with pytest.raises(NotOurFileError, match="far larger"):
        exchange.unseal_bytes(huge, PASSPHRASE)
    assert time.perf_counter() - started < 1


def test_a_protected_file_is_checked_as_strictly_as_a_plain_one(tmp_path, closed_file):
    raw_edit(closed_file, "UPDATE score SET level = 9")
    data = closed_file.read_bytes()
    target = tmp_path / "bad.mutuality"
    exchange.seal(data, PASSPHRASE, target)
    with pytest.raises(DamagedFileError, match="outside the scoring scale"):
        exchange.unseal_bytes(target, PASSPHRASE)


def test_wrong_passphrase_and_cancel(sealed):
    with pytest.raises(PassphraseError):
        exchange.unseal_bytes(sealed, "wrong")
    with pytest.raises(exchange.Cancelled):
        exchange.unseal_bytes(sealed, PASSPHRASE, cancelled=lambda: True)


def test_unlocked_files_are_created_for_their_owner_only(tmp_path, sealed):
    out = exchange.unseal(sealed, PASSPHRASE, tmp_path / "plain.mutuality")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert store.inspect(out)


def test_a_protected_export_never_writes_plaintext_even_when_it_stops_half_way(
        tmp_path, closed_file, monkeypatch):
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    written: list[bytes] = []

    def killed(data: bytes, passphrase: str, target: Path) -> None:
        written.append(data)
        raise KeyboardInterrupt  # the process stops here, before the sealed file exists

    monkeypatch.setattr(exchange, "seal", killed)
    with pytest.raises(KeyboardInterrupt):
        exchange.export_file(closed_file, tmp_path / "out" / "sealed.mutuality", PASSPHRASE)
    assert written and written[0].startswith(store.SQLITE_MAGIC)
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file() and p != closed_file]
    for path in leftovers:
        assert store.SQLITE_MAGIC not in path.read_bytes(), path


def test_the_export_in_memory_is_a_complete_checked_engagement(tmp_path, closed_file):
    with Engagement.open(closed_file, readonly=True) as e:
        data = exchange.export_bytes(e.connection)
    assert exchange.inspect_bytes(data, "copy").user_version == store.SCHEMA_VERSION
    assert b"Joint plan seen." in data


# --- branding: nothing in a file is a path ----------------------------------------------------

def _png(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def _store_branding(path: Path, logos: dict) -> None:
    content = json.dumps({"format": "mutuality-branding", "version": 1,
                          "consultancy_name": "Hostile & Co", "logos": logos})
    raw_edit(path, "INSERT OR REPLACE INTO branding (id, content, updated_at) "
             "VALUES (1, ?, '2026-01-01')", params=(content,))


@pytest.mark.parametrize("where", ["secret", "/dev/zero", "missing"])
def test_a_logo_path_in_a_received_file_is_never_read(tmp_path, closed_file, monkeypatch, where):
    secret = tmp_path / "private" / "signature.png"
    secret.parent.mkdir()
    secret.write_bytes(_png(40, 20))
    path = {"secret": str(secret), "/dev/zero": "/dev/zero",
            "missing": str(tmp_path / "nothing.png")}[where]
    _store_branding(closed_file, {"logo": {"path": path}})
    opened: list[str] = []
    real = branding.read_logo
    monkeypatch.setattr(branding, "read_logo", lambda p: opened.append(str(p)) or real(p))
    warnings = build_report_file(closed_file, tmp_path / "report.pdf")
    assert opened == []
    assert not any(path in w or "not found" in w for w in warnings)
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert b"signature" not in pdf and path.encode() not in pdf


def test_an_embedded_logo_beyond_the_pixel_limit_is_left_out_with_a_warning():
    data = _png(branding.MAX_LOGO_SIDE + 1, 10)
    content = json.dumps({"logos": {"logo": {"type": "png",
                                             "data": base64.b64encode(data).decode()}}})
    profile, warnings = branding.profile_from_engagement(content)
    assert profile.logo is None and profile.logo_path == ""
    assert any("larger than a logo can be" in w for w in warnings)


def test_a_sane_embedded_logo_is_kept():
    data = _png(300, 100)
    content = json.dumps({"logos": {"logo": {"type": "png", "path": "/etc/passwd",
                                             "data": base64.b64encode(data).decode()}}})
    profile, warnings = branding.profile_from_engagement(content)
    assert profile.logo is not None and profile.logo.data == data
    assert profile.logo_path == "" and warnings == []


def test_branding_errors_stay_typed(closed_file, tmp_path):
    _store_branding(closed_file, {"logo": {"data": "!!!not base64"}})
    before = digest(closed_file)
    try:
        warnings = build_report_file(closed_file, tmp_path / "r.pdf")
    except MutualityError:  # pragma: no cover - the report should still be made
        pytest.fail("a damaged logo should only warn")
    assert any("damaged" in w for w in warnings)
    assert digest(closed_file) == before
