"""Opening and reading an engagement needs no SQLAlchemy; the first edit loads it (start-up speed)."""

from __future__ import annotations

import subprocess
import sys


def test_open_and_read_without_the_orm_then_edit_with_it(closed_file):
    code = f"""
import sys
from pathlib import Path
from mutuality_desktop.core.engagement import Engagement
e = Engagement.open(Path({str(closed_file)!r}))
rid = e.rounds()[0].id
assert e.info().title and e.participants() and e.actions() and e.scores(rid)
print("before edit:", any(m.startswith("sqlalchemy") for m in sys.modules))
e.set_score(rid, "joint-exit-strategy", "agreed", 4)
print("after edit:", any(m.startswith("sqlalchemy") for m in sys.modules))
e.close()
print("level:", Engagement.open(Path({str(closed_file)!r}), readonly=True).scores(rid)[("joint-exit-strategy", "agreed")].level)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "before edit: False" in result.stdout
    assert "after edit: True" in result.stdout and "level: 4" in result.stdout
