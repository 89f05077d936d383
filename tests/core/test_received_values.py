"""A received file's definitions and values are checked before anything reads them.

Classes 5, 6 and 7 (sizes) of issue 14: the schema is compared by definition (a lost UNIQUE,
another CHECK, a hidden generated column are refused), foreign keys are enforced, and every
value the app would never write is refused with one sentence.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from mutuality_desktop.core import schema_check, store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import DamagedFileError
from mutuality_desktop.core.file_values import MAX_ACTIONS
from mutuality_desktop.core.framework import default_framework, json_depth

sys.path.insert(0, str(Path(__file__).parent))
from hostile_files import digest, raw_edit  # noqa: E402


def refused(path: Path, match: str) -> str:
    before = digest(path)
    started = time.process_time()  # processor time: a loaded CI machine stretches wall time
    with pytest.raises(DamagedFileError, match=match) as err:
        Engagement.open(path, readonly=True)
    with pytest.raises(DamagedFileError, match=match):
        Engagement.open(path)
    assert time.process_time() - started < 10
    assert digest(path) == before
    message = str(err.value)
    assert "\n" not in message and path.name in message
    return message


def rebuild(path: Path, table: str, create_sql: str) -> None:
    """Replace a table's definition, keeping its rows (as a hostile tool would)."""
    raw_edit(path, f'ALTER TABLE "{table}" RENAME TO old_t', create_sql,
             f'INSERT INTO "{table}" SELECT * FROM old_t', "DROP TABLE old_t")


def test_the_cached_schema_matches_what_the_orm_creates():
    assert schema_check.from_orm() == schema_check.expected(), (
        "core/schema.py changed: run `python -m mutuality_desktop.core.schema_check --write`")
    from mutuality_desktop.core import schema_expected

    assert schema_check.source_hash() == schema_expected.SOURCE_SHA256, (
        "run `python -m mutuality_desktop.core.schema_check --write` after changing schema.py")


def test_a_new_file_and_a_migrated_file_pass_the_schema_check(closed_file, tmp_path):
    store.inspect(closed_file)
    old = tmp_path / "format1.mutuality"  # a file of format 2 (made by the previous version) as 1
    shutil.copyfile(Path(__file__).parent / "data" / "format2.mutuality", old)
    assert store.inspect(old).user_version == 2
    raw_edit(old, "DROP TABLE branding", "PRAGMA user_version=1")
    assert store.inspect(old).user_version == 1


def test_canonical_form_ignores_spacing_quoting_and_order_but_not_words():
    a = 'CREATE TABLE "t" (a INTEGER NOT NULL, b TEXT, /* c */ UNIQUE (a))'
    b = "create table t (\n  b text,\n  UNIQUE(\"a\"),\n  a integer not null -- note\n)"
    assert schema_check.canonical(a) == schema_check.canonical(b)
    assert schema_check.canonical(a) != schema_check.canonical(a.replace("UNIQUE", "CHECK"))
    assert schema_check.canonical(a) != schema_check.canonical(a + " WITHOUT ROWID")


ROUND = ("CREATE TABLE round (id INTEGER NOT NULL, uuid VARCHAR(36) NOT NULL, "
         "label VARCHAR(100) NOT NULL, date DATE, "
         "position INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (uuid){extra})")


@pytest.mark.parametrize(("sql", "why"), [
    (ROUND.format(extra=""), "lost UNIQUE"),
    (ROUND.format(extra=", UNIQUE (label), CHECK (position < 1000)"), "another CHECK"),
    (ROUND.format(extra=", UNIQUE (label)").replace("label VARCHAR(100)",
                                                     "label VARCHAR(100) COLLATE NOCASE"),
     "a collation"),
    (ROUND.format(extra=", UNIQUE (label)").replace(
        "position INTEGER NOT NULL", "position INTEGER NOT NULL, shadow AS (label) VIRTUAL"),
     "a hidden generated column"),
])
def test_a_table_with_another_definition_is_refused(closed_file, sql, why):
    rebuild(closed_file, "round", sql)
    assert "round" in refused(closed_file, "unexpected layout in its round table"), why


def test_a_score_table_without_its_unique_constraint_is_refused(closed_file):
    conn = sqlite3.connect(closed_file)
    create = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'score'").fetchone()[0]
    conn.close()
    rebuild(closed_file, "score", create.replace(
        "CONSTRAINT uq_score UNIQUE (round_id, factor_id, perspective), ", ""))
    refused(closed_file, "unexpected layout in its score table")


def test_a_record_pointing_at_nothing_is_refused(closed_file):
    raw_edit(closed_file, "UPDATE score SET round_id = 999")
    refused(closed_file, "refers to a round record that does not exist")


def _set_framework(path: Path, content: str) -> None:
    raw_edit(path, "UPDATE framework_snapshot SET content = ?, sha256 = ?",
             params=(content, hashlib.sha256(content.encode()).hexdigest()))


def _framework_json() -> dict:
    return json.loads(default_framework().source_text)


VALUES = [
    ("UPDATE score SET level = 9", "outside the scoring scale"),
    ("UPDATE score SET level = 'three'", "score record holds a value the app never writes"),
    ("UPDATE score SET level = 2.5", "outside the scoring scale"),
    ("UPDATE score SET perspective = 'boss'", "score record holds a value the app never"),
    ("UPDATE score SET confidence = 'total'", "score record holds a value the app never"),
    ("UPDATE score SET factor_id = 'no-such-factor'", "factor its scoring guide does not have"),
    ("UPDATE score SET notes = x'00ff'", "not text"),
    ("INSERT INTO participant_score (uuid, round_id, factor_id, participant_id, level, comment, "
     "updated_at) VALUES ('u-ps', 1, 'joint-exit-strategy', 1, 7, '', '2026-01-01')",
     "outside the scoring scale"),
    ("DELETE FROM score; DELETE FROM round", "no assessment rounds"),
    ("DELETE FROM engagement", "no engagement record"),
    ("UPDATE engagement SET contract_annual_value = 'lots of money'", "whole number of pounds"),
    ("UPDATE engagement SET contract_annual_value = -5", "whole number of pounds"),
    ("UPDATE engagement SET title = x'00ff'", "not text"),
    ("UPDATE engagement SET workshop_date = 'next Tuesday'", "date that is not a date"),
    ("UPDATE participant SET side = 'referee'", "participant record holds a value the app"),
    ("UPDATE action SET status = 'maybe'", "action record holds a value the app never"),
    ("UPDATE action SET due_date = 20260101", "date that is not a date"),
    ("INSERT INTO round (uuid, label, position) VALUES ('u-baseline', 'BASELINE', 3)", "same label"),
    ("DELETE FROM framework_snapshot", "no scoring guide"),
    ("UPDATE framework_snapshot SET sha256 = 'x'", "does not match its checksum"),
]


@pytest.mark.parametrize(("sql", "match"), VALUES)
def test_values_the_app_never_writes_are_refused_with_one_sentence(closed_file, sql, match):
    raw_edit(closed_file, *sql.split("; "))
    refused(closed_file, match)


def test_a_scoring_guide_nested_a_hundred_thousand_deep_is_refused(closed_file):
    _set_framework(closed_file, "[" * 100_000 + "]" * 100_000)
    refused(closed_file, "nested far deeper")


def test_a_scoring_guide_with_thousands_of_factors_is_refused(closed_file):
    raw = _framework_json()
    template = raw["factors"][0]
    raw["factors"] += [dict(template, id=f"f{i}", levels={k: f"{v} {i}" for k, v in
                                                          template["levels"].items()})
                      for i in range(250)]  # over the 200 the app allows
    _set_framework(closed_file, json.dumps(raw))
    refused(closed_file, "far more than the app uses")


def test_a_scale_of_a_million_levels_is_refused(closed_file):
    raw = _framework_json()
    raw["scale"]["levels"] = [{"value": i, "name": f"L{i}", "summary": "s"} for i in range(200)]
    _set_framework(closed_file, json.dumps(raw))
    with pytest.raises(DamagedFileError):
        Engagement.open(closed_file, readonly=True)


def test_hundreds_of_thousands_of_actions_are_refused_quickly(closed_file):
    conn = sqlite3.connect(closed_file)
    conn.executemany(
        "INSERT INTO action (uuid, factor_id, text, owner, side, status, position, created_at, "
        "updated_at) VALUES (lower(hex(randomblob(16))), 'joint-exit-strategy', 'x', '', 'joint', 'open', ?, '2026-01-01', "
        "'2026-01-01')", ((i,) for i in range(200_000)))
    conn.commit()
    conn.close()
    message = refused(closed_file, "far more than a workshop makes")
    assert f"{MAX_ACTIONS:,}" in message


def test_a_scoring_guide_nested_forty_deep_is_refused(closed_file):
    """Deep enough to break nothing in the JSON reader, deeper than the limit (32)."""
    raw = _framework_json()
    raw["title"] = {"x": "[" * 40 + "]" * 40, "deep": json.loads("[" * 40 + "]" * 40)}
    _set_framework(closed_file, json.dumps(raw))
    refused(closed_file, "nested far deeper")


def test_json_depth_skips_brackets_inside_strings():
    assert json_depth(json.loads('{"a": "[[[[", "b": [[1]]}')) == 3
    assert json_depth([]) == 1 and json_depth("x") == 0


def test_more_action_text_than_a_report_can_print_quickly_is_refused(closed_file):
    conn = sqlite3.connect(closed_file)
    conn.executemany(
        "INSERT INTO action (uuid, factor_id, text, owner, side, status, position, created_at, "
        "updated_at) VALUES (lower(hex(randomblob(16))), 'joint-exit-strategy', ?, '', 'joint', 'open', ?, '2026-01-01', "
        "'2026-01-01')", (("Agree the exit plan. " * 50, i) for i in range(900)))
    conn.commit()
    conn.close()
    refused(closed_file, "far more action text")


@pytest.mark.parametrize("sql", [
    "UPDATE engagement SET title = ?",
    "UPDATE participant SET role = ?",
    "UPDATE action SET owner = ?",
])
def test_a_name_or_title_longer_than_anyone_can_type_is_refused(closed_file, sql):
    raw_edit(closed_file, sql, params=("W" * 50_000,))
    refused(closed_file, "far longer than the app accepts")
