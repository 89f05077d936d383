"""Scores, notes and confidence are written without the ORM: the same rows, history and undo."""

from __future__ import annotations

import re
import sys

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.schema import ScoreRow

F = "joint-objective-setting"


def test_a_score_writes_the_row_and_its_history_entry_as_the_orm_did(eng):
    rid = eng.rounds()[0].id
    eng.set_score(rid, F, "agreed", 3)
    stamp, = eng.connection.execute(
        "SELECT updated_at FROM score WHERE factor_id = ? AND perspective = 'agreed'", (F,)).fetchone()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.000000", stamp)  # the ORM's DateTime text
    assert [e.op for e in eng.history()][-1] == "set_score"
    assert eng.history()[-1].after == 3


def test_a_row_the_orm_holds_is_not_stale_after_a_score(eng):
    rid = eng.rounds()[0].id
    eng.set_score(rid, F, "agreed", 2)
    rnd = eng.rounds()[0]
    eng.add_round("Follow-up")  # loads the ORM
    row_id, = eng.connection.execute("SELECT id FROM score WHERE factor_id = ?", (F,)).fetchone()
    with eng._session.begin():
        held = eng._session.get(ScoreRow, row_id)  # the session now holds the row (level 2)
    assert held is not None and held.level == 2
    eng.set_score(rid, F, "agreed", 4)  # plain SQL
    assert "sqlalchemy" in " ".join(sys.modules)
    removed = eng.apply(ops.RemoveRound(rnd.uuid))  # the ORM reads the round's scores for undo
    eng.apply(removed.inverse)
    again = next(r for r in eng.rounds() if r.uuid == rnd.uuid)
    assert eng.scores(again.id)[(F, "agreed")].level == 4


def test_scores_read_back_follow_every_kind_of_change(eng):
    rid = eng.rounds()[0].id
    assert (F, "agreed") not in eng.scores(rid)
    change = eng.apply(ops.SetScore(eng.rounds()[0].uuid, F, "agreed", 1))
    assert eng.scores(rid)[(F, "agreed")].level == 1
    eng.apply(change.inverse)  # the row it created is removed again
    assert (F, "agreed") not in eng.scores(rid)
    eng.set_notes(rid, F, "client", "Seen")
    eng.set_confidence(rid, F, "client", "high")
    score = eng.scores(rid)[(F, "client")]
    assert (score.notes, score.confidence, score.level) == ("Seen", "high", None)
    eng.scores(rid).clear()  # a caller's copy: the next read is whole
    assert eng.scores(rid)[(F, "client")].notes == "Seen"
