"""Opening, reading and scoring need no SQLAlchemy; the first other edit loads it (start-up speed)."""

from __future__ import annotations

import subprocess
import sys


def test_open_read_and_score_without_the_orm_then_edit_with_it(closed_file):
    code = f"""
import sys
from pathlib import Path
from mutuality_desktop.core.engagement import Engagement
e = Engagement.open(Path({str(closed_file)!r}))
rid = e.rounds()[0].id
assert e.info().title and e.participants() and e.actions() and e.scores(rid)
print("before edit:", any(m.startswith("sqlalchemy") for m in sys.modules))
e.set_score(rid, "joint-exit-strategy", "agreed", 4)
e.set_notes(rid, "joint-exit-strategy", "agreed", "Exit plan seen")
print("after scoring:", any(m.startswith("sqlalchemy") for m in sys.modules))
e.add_action("joint-exit-strategy", "Write the exit plan")
print("after an action:", any(m.startswith("sqlalchemy") for m in sys.modules))
e.close()
again = Engagement.open(Path({str(closed_file)!r}), readonly=True)
score = again.scores(rid)[("joint-exit-strategy", "agreed")]
print("level:", score.level, score.notes)
print("history:", [h.op for h in again.history()][-3:])
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "before edit: False" in result.stdout
    assert "after scoring: False" in result.stdout
    assert "after an action: True" in result.stdout
    assert "level: 4 Exit plan seen" in result.stdout
    assert "history: ['set_score', 'set_notes', 'add_action']" in result.stdout
