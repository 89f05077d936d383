"""The bundled scoring guide is parsed and checked when the app is built, not at every open.

A file whose guide is exactly the bundled guide gets the objects built from it then (no JSON
parse, no validation, no hashing); any other guide text is parsed and checked in full.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
from pathlib import Path

import pytest

from mutuality_desktop.core import file_values, framework, framework_bundled, store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import DamagedFileError
from mutuality_desktop.core.framework_bundled import PARSED_FILE, SOURCE_FILE, as_data, out_of_date
from mutuality_desktop.core.resources import resource_path


def _bundled_text() -> str:
    return resource_path("frameworks", SOURCE_FILE).read_text(encoding="utf-8")


@pytest.fixture
def fresh(monkeypatch):
    """Nothing parsed, matched, checked or loaded yet in this process."""
    monkeypatch.setattr(framework, "_PARSED", {})
    monkeypatch.setattr(file_values, "_MATCHED_GUIDES", {})
    monkeypatch.setattr(framework_bundled, "_LOADED", [])
    monkeypatch.setattr(store, "_PASSED", [])


def _set_guide(path: Path, content: str, digest: str | None = None) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE framework_snapshot SET content = ?, sha256 = ?",
                 (content, digest or hashlib.sha256(content.encode()).hexdigest()))
    conn.commit()
    conn.close()


def test_the_precomputed_guide_is_the_bundled_guide_fully_checked():
    text = _bundled_text()
    checked = framework._parse_framework(text, SOURCE_FILE)  # every check a received guide gets
    assert out_of_date() == ""
    parsed = framework_bundled._Parsed(resource_path("frameworks", PARSED_FILE))
    assert parsed.digest == hashlib.sha256(text.encode("utf-8")).hexdigest()
    loaded = parsed.framework()
    assert loaded is not None and loaded.source_text == text
    assert as_data(loaded) == as_data(checked)  # every field, those left out of == too
    assert loaded.factor("joint-exit-strategy") == checked.factor("joint-exit-strategy")
    assert loaded.guide == checked.guide and loaded.factors[3].extras == checked.factors[3].extras


def test_a_file_with_the_bundled_guide_opens_without_parsing_or_hashing_it(closed_file, fresh, monkeypatch):
    def refuse(*_args: object) -> None:
        raise AssertionError("parsed or hashed")

    monkeypatch.setattr(framework, "_parse_framework", refuse)
    monkeypatch.setattr(hashlib, "sha256", refuse)
    with Engagement.open(closed_file) as eng:
        assert eng.framework.source_text == _bundled_text()
        assert eng.framework.factor("joint-exit-strategy").name
        assert eng.scores(eng.rounds()[0].id)[("joint-objective-setting", "agreed")].level == 3


def test_a_guide_one_character_off_the_bundled_one_is_parsed_in_full(fresh):
    text = _bundled_text()
    raw = json.loads(text)
    first = raw["factors"][0]["levels"]["3"]
    at = text.index(json.dumps(first)[1:-1])
    changed = text[:at] + ("X" if text[at] != "X" else "Y") + text[at + 1:]  # same length
    assert len(changed) == len(text) and changed != text
    fw = framework.parse_framework(changed, "changed.json")
    assert fw.source_text == changed
    assert fw.factors[0].descriptors[3] != framework.parse_framework(text).factors[0].descriptors[3]


def test_a_changed_guide_under_the_bundled_checksum_is_refused(closed_file, fresh):
    text = _bundled_text()
    raw = json.loads(text)
    raw["title"] = raw["title"] + "!"
    _set_guide(closed_file, json.dumps(raw), hashlib.sha256(text.encode("utf-8")).hexdigest())
    with pytest.raises(DamagedFileError, match="does not match its checksum"):
        Engagement.open(closed_file)


def test_a_guide_failing_a_check_is_still_refused_beside_the_bundled_one(closed_file, fresh):
    raw = json.loads(_bundled_text())
    raw["factors"][1]["levels"]["2"] = raw["factors"][0]["levels"]["2"]
    _set_guide(closed_file, json.dumps(raw, ensure_ascii=False))
    with pytest.raises(DamagedFileError, match="repeats one already used"):
        Engagement.open(closed_file)


def _precomputed(tmp_path: Path, header_shape: str, payload: bytes) -> framework_bundled._Parsed:
    text = _bundled_text()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    path = tmp_path / PARSED_FILE
    path.write_bytes(b" ".join([framework_bundled.MAGIC, b"1", digest.encode(), str(len(text)).encode(),
                                header_shape.encode()]) + b"\n" + payload)
    return framework_bundled._Parsed(path)


def test_a_precomputed_file_holding_anything_but_the_guide_is_ignored(tmp_path, fresh, monkeypatch):
    hostile = pickle.dumps(os.getcwd, protocol=4)  # a function: never unpickled from it
    monkeypatch.setattr(framework_bundled, "_LOADED", [_precomputed(tmp_path, framework_bundled.shape(), hostile)])
    text = _bundled_text()
    assert framework_bundled.bundled_parse(text) is None
    fw = framework.parse_framework(text)  # parsed and checked from the JSON instead
    assert fw.source_text == text and len(fw.factors) == 40


def test_a_precomputed_file_built_for_other_classes_is_ignored(tmp_path, fresh, monkeypatch):
    good = resource_path("frameworks", PARSED_FILE).read_bytes().split(b"\n", 1)[1]
    stale = _precomputed(tmp_path, framework_bundled.shape().replace("Factor:id,", "Factor:id,code,"), good)
    monkeypatch.setattr(framework_bundled, "_LOADED", [stale])
    assert framework_bundled.bundled_parse(_bundled_text()) is None
    assert framework_bundled.bundled_text(stale.digest) is None
    monkeypatch.setattr(framework_bundled, "_LOADED", [_precomputed(tmp_path, framework_bundled.shape(), good)])
    assert framework_bundled.bundled_parse(_bundled_text()) is not None


def test_the_precomputed_guide_is_shipped_in_the_wheel():
    import tomllib

    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["mutuality_desktop.resources"]
    assert any(Path("frameworks", PARSED_FILE).match(p) for p in patterns)
