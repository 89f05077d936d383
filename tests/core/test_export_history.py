"""The copy for email: its checksum covers the history, and earlier note wording is left out."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import DamagedFileError
from mutuality_desktop.core.exchange import (
    CHECKSUM_KEY,
    content_checksum,
    export_file,
    verify_checksum,
)
from mutuality_desktop.core.history_sentences import history_sentences
from mutuality_desktop.core.merge_files import merge_files, open_copy
from mutuality_desktop.core.merge_state import read_state

from .conftest import INFO

F1, F2 = "joint-objective-setting", "joint-exit-strategy"
SECRET = "The provider's finance director is leaving in May"


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """Notes typed, a sensitive sentence added and then deleted, a score, in a file."""
    path = tmp_path / "laptop.mutuality"
    with Engagement.create(path, INFO) as e:
        e.author = "Andrea Price"
        rid = e.rounds()[0].id
        e.set_notes(rid, F1, "agreed", "Plan seen.")
        e.set_notes(rid, F1, "agreed", f"Plan seen. {SECRET}.")
        e.set_score(rid, F1, "agreed", 3)
        # hours later (typing within two minutes is one entry): the sentence is deleted again
        e.connection.execute("UPDATE history SET at = '2026-03-01 09:00:00'")
        e.set_notes(rid, F1, "agreed", "Plan seen and signed.")
    return path


def _history(path: Path) -> list[tuple[str, str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute('SELECT uuid, op, "before", "after" FROM history ORDER BY id').fetchall()
    finally:
        conn.close()


def test_the_copy_for_email_leaves_deleted_note_text_out_and_keeps_every_entry(edited, tmp_path):
    assert any(SECRET in (before + after) for _u, _o, before, after in _history(edited))  # on the laptop
    sent = tmp_path / "sent.mutuality"
    export_file(edited, sent)
    assert SECRET.encode() not in sent.read_bytes()  # nowhere in the file, free pages included
    mine, theirs = _history(edited), _history(sent)
    assert [(u, o) for u, o, _b, _a in theirs] == [(u, o) for u, o, _b, _a in mine]  # same entries
    assert theirs[-1][3] == '"Plan seen and signed."'  # what the notes say now is kept
    with Engagement.open(sent, readonly=True) as copy:
        assert copy.scores(copy.rounds()[0].id)[(F1, "agreed")].notes == "Plan seen and signed."
        lines = history_sentences(copy)
    assert any("earlier wording not in this copy" in line for line in lines)
    assert not any(SECRET in line for line in lines)


def test_the_checksum_covers_the_history(edited, tmp_path):
    sent = tmp_path / "sent.mutuality"
    export_file(edited, sent)
    conn = sqlite3.connect(sent)
    try:
        assert verify_checksum(conn, sent.name)
        conn.execute("UPDATE history SET author = 'Someone else' WHERE id = 1")
        conn.commit()
        with pytest.raises(DamagedFileError, match="changed or damaged after it was exported"):
            verify_checksum(conn, sent.name)
    finally:
        conn.close()


def test_a_copy_stamped_with_the_first_checksum_still_verifies(edited, tmp_path):
    older = tmp_path / "older.mutuality"
    shutil.copy(edited, older)
    conn = sqlite3.connect(older)
    try:  # as copies exported before the history was covered were stamped: bare hex, fewer tables
        conn.execute("INSERT OR REPLACE INTO file_meta (key, value) VALUES (?, ?)",
                     (CHECKSUM_KEY, content_checksum(conn, "1")))
        conn.commit()
        assert verify_checksum(conn, older.name) is True
    finally:
        conn.close()


def test_an_emailed_copy_edited_by_a_colleague_merges_back(edited, tmp_path):
    sent = tmp_path / "sent.mutuality"
    export_file(edited, sent)
    colleague = tmp_path / "colleague.mutuality"
    shutil.copy(sent, colleague)
    with Engagement.open(colleague) as e:
        e.author = "Sian Evans"
        rid = e.rounds()[0].id
        e.set_notes(rid, F1, "agreed", "Plan seen and signed by both.")
        e.set_score(rid, F2, "client", 2)
    back = tmp_path / "back.mutuality"
    export_file(colleague, back)
    with Engagement.open(edited) as mine:  # meanwhile, on the laptop
        mine.set_score(mine.rounds()[0].id, F2, "provider", 4)
    merged = tmp_path / "merged.mutuality"
    _plan, conflicts = merge_files(edited, back, merged)
    assert conflicts == []
    with open_copy(merged) as result:
        state = read_state(result)
        rnd = result.rounds()[0].uuid
    assert state[("score", rnd, F1, "agreed", "notes")] == "Plan seen and signed by both."
    assert state[("score", rnd, F2, "client", "level")] == 2
    assert state[("score", rnd, F2, "provider", "level")] == 4
