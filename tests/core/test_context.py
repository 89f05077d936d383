"""The engagement's context (procurement regime, authority type, contract model): format 5, issue 21."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from mutuality_desktop.core import store
from mutuality_desktop.core.context import context_lines, regime_doubt, regime_sentence
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import DamagedFileError, ValidationError
from mutuality_desktop.core.jsonio import create_from_json, engagement_json
from mutuality_desktop.core.merge import apply_merge, plan_merge
from mutuality_desktop.core.merge_files import open_copy
from mutuality_desktop.core.operations import UpdateInfo
from mutuality_desktop.core.opsjson import apply_json_operations

from .conftest import INFO

CONTEXT = {"procurement_regime": "pa2023", "authority_type": "Unitary authority",
           "contract_model": "Outsourced service"}


def context_of(eng: Engagement) -> dict[str, str]:
    info = eng.info()
    return {k: getattr(info, k) for k in CONTEXT}


def test_context_is_set_undone_and_recorded_in_the_history(eng: Engagement) -> None:
    assert context_of(eng) == dict.fromkeys(CONTEXT, "")  # a new engagement has none recorded
    change = eng.apply(UpdateInfo(dict(CONTEXT)))
    assert context_of(eng) == CONTEXT
    assert eng.info().title == INFO.title  # the other details are untouched
    second = eng.apply(UpdateInfo({"authority_type": "Borough council in a two-tier area"}))
    assert eng.info().authority_type == "Borough council in a two-tier area"  # "Other", as typed
    eng.apply(second.inverse)
    assert context_of(eng) == CONTEXT
    eng.apply(change.inverse)
    assert context_of(eng) == dict.fromkeys(CONTEXT, "")
    last = eng.history()[-1]
    assert last.op == "update_info" and last.before == CONTEXT
    from mutuality_desktop.core.historytext import history_lines

    assert "procurement regime “Procurement Act 2023” → (none)" in history_lines(eng)[-1]  # by name


def test_an_unknown_regime_is_refused(eng: Engagement) -> None:
    with pytest.raises(ValidationError, match="procurement regime"):
        eng.apply(UpdateInfo({"procurement_regime": "Procurement Act 2023"}))
    assert eng.info().procurement_regime == ""


def test_json_carries_the_context_and_builds_it_again(eng: Engagement, tmp_path: Path) -> None:
    apply_json_operations(eng, [{"op": "update_info", "changes": CONTEXT}])
    data = engagement_json(eng)
    assert {k: data["engagement"][k] for k in CONTEXT} == CONTEXT
    with create_from_json(data, tmp_path / "copy.mutuality") as copy:
        assert context_of(copy) == CONTEXT
    del data["engagement"]["procurement_regime"]  # JSON from before format 5
    with create_from_json(data, tmp_path / "older.mutuality") as copy:
        assert copy.info().procurement_regime == "" and copy.info().contract_model == CONTEXT["contract_model"]


def test_a_context_set_in_one_copy_merges_into_the_other(closed_file: Path, tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.mutuality", tmp_path / "theirs.mutuality"
    shutil.copy(closed_file, ours)
    shutil.copy(closed_file, theirs)
    with Engagement.open(theirs) as e:
        e.apply(UpdateInfo(dict(CONTEXT)))
    with open_copy(ours, editable=True) as mine, open_copy(theirs) as them:
        plan = plan_merge(mine, them)
        assert not plan.conflicts
        apply_merge(mine, plan)
        assert context_of(mine) == CONTEXT


def test_a_format_4_file_opens_with_no_context_and_can_record_one(closed_file: Path) -> None:
    raw = sqlite3.connect(closed_file)
    raw.execute("DROP TABLE engagement_context")
    for table in ("round_excluded_factor", "parking_item", "agenda", "agenda_break", "agenda_dimension", "not_applicable"):
        raw.execute(f"DROP TABLE {table}")  # format 4 had none of the format-5 tables
    for table in ("framework_archive", "round_framework"):
        raw.execute(f"DROP TABLE {table}")  # nor format 6's
    raw.execute("PRAGMA user_version=4")
    raw.commit()
    raw.close()
    with Engagement.open(closed_file, readonly=True) as e:  # read-only: upgraded in memory only
        assert context_of(e) == dict.fromkeys(CONTEXT, "")
    with Engagement.open(closed_file) as e:
        assert e.connection.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION == 6
        assert e.info().title == INFO.title and context_of(e) == dict.fromkeys(CONTEXT, "")
        e.apply(UpdateInfo({"procurement_regime": "pcr2015"}))
    with Engagement.open(closed_file) as e:
        assert e.info().procurement_regime == "pcr2015"


def test_a_received_file_with_an_unknown_regime_is_refused(closed_file: Path) -> None:
    raw = sqlite3.connect(closed_file)
    raw.execute("INSERT INTO engagement_context VALUES (1, 'pa2099', '', '', '2026-01-01 00:00:00')")
    raw.commit()
    raw.close()
    with pytest.raises(DamagedFileError, match="procurement regime"):
        Engagement.open(closed_file)


def test_the_regime_sentence_says_what_follows_for_performance_reporting() -> None:
    pa = dataclasses.replace(INFO, **CONTEXT, contract_start=dt.date(2025, 6, 1))
    text = regime_sentence(pa)
    assert "at least three key performance indicators" in text and "contract performance notice" in text
    assert "£38,400,000, is itself above £5 million" in text  # the annual value recorded
    assert "check which regime" not in text  # started after the Act came into force
    small = dataclasses.replace(pa, contract_annual_value=900_000)
    assert "itself above" not in regime_sentence(small)  # whole-life value is not known: no claim
    early = dataclasses.replace(pa, contract_start=dt.date(2019, 4, 1))  # let before the Act
    assert regime_doubt(early) and regime_sentence(early).endswith(
        "but the contract start recorded here, 1 April 2019, is before the Act came into force on "
        "24 February 2025, so check which regime the contract was let under.")
    pcr = dataclasses.replace(INFO, procurement_regime="pcr2015")
    assert "do not apply" in regime_sentence(pcr)
    assert regime_sentence(INFO) == "" and context_lines(INFO) == []
    assert context_lines(pa) == [("Procurement regime", "Procurement Act 2023"),
                                 ("Authority type", "Unitary authority"),
                                 ("Contract model", "Outsourced service")]


def test_a_format_4_export_still_verifies_after_the_upgrade_adds_the_empty_context_table(
        closed_file: Path) -> None:
    from mutuality_desktop.core.exchange import CHECKSUM_KEY, content_checksum
    from mutuality_desktop.core.summary import summarise

    raw = sqlite3.connect(closed_file)
    raw.execute("DROP TABLE engagement_context")
    for table in ("round_excluded_factor", "parking_item", "agenda", "agenda_break", "agenda_dimension", "not_applicable"):
        raw.execute(f"DROP TABLE {table}")  # format 4 had none of the format-5 tables
    for table in ("framework_archive", "round_framework"):
        raw.execute(f"DROP TABLE {table}")  # nor format 6's
    raw.execute("PRAGMA user_version=4")
    raw.execute("INSERT INTO file_meta (key, value) VALUES (?, ?)", (CHECKSUM_KEY, content_checksum(raw)))
    raw.commit()
    raw.close()
    assert "export checksum verified" in summarise(closed_file)  # as the format-4 app exported it
