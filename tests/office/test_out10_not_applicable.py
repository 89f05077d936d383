"""Play-through 7, outputs (out10): a factor marked not applicable prints no stale level as a score.

Levels given before the mark stay in the file (taking the mark off restores them), but the CSV gave
both sides' levels, the agreed level and a gap of 0 beside "Not applicable", and the workbook
called the sides' levels "Not assessed". Every output says "Not applicable" and prints no level.
"""

from __future__ import annotations

import csv
from pathlib import Path

import docx
import openpyxl

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.office.word import write_docx
from mutuality_desktop.core.office.workbook import write_xlsx
from mutuality_desktop.core.report.data import collect_report_data
from mutuality_desktop.core.tables import write_csv

EXIT = "joint-exit-strategy"
REASON = "The contract runs to 2040; no exit in view"


def test_outputs_say_not_applicable_and_print_no_stale_level(tmp_path: Path, demo_path: Path) -> None:
    with Engagement.open(demo_path) as e:  # a copy of the demo, built once per session
        follow_up = e.rounds()[-1]
        before = {p: e.scores(follow_up.id)[(EXIT, p)].level for p in ("client", "provider", "agreed")}
        assert before == {"client": 2, "provider": 2, "agreed": 2}
        e.apply(ops.SetNotApplicable(follow_up.uuid, EXIT, REASON))
        write_csv(e, tmp_path / "s.csv")
        data = collect_report_data(e)
        write_xlsx(data, tmp_path / "s.xlsx")
        write_docx(data, tmp_path / "s.docx")
        stored = {p: e.scores(follow_up.id)[(EXIT, p)].level for p in ("client", "provider", "agreed")}
    assert stored == before  # kept in the file, so taking the mark off restores them

    rows = list(csv.DictReader((tmp_path / "s.csv").open(encoding="utf-8-sig")))
    row = next(r for r in rows if r["Round"] == "Follow-up" and r["Factor"] == "Joint exit strategy")
    assert [row[k] for k in ("Client level", "Provider level", "Agreed level", "Gap (client minus provider)")] \
        == ["", "", "", ""]
    assert [row["Client level name"], row["Provider level name"]] == ["Not applicable", "Not applicable"]
    assert row["Agreed level name"] == f"Not applicable: {REASON}"

    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx")["Scores"]
    header = [c.value for c in sheet[1]]
    found = next(dict(zip(header, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True)
                 if r[0] == "Follow-up" and r[4] == "Joint exit strategy")
    assert [found[k] for k in ("Client level", "Provider level", "Agreed level")] == [None, None, None]
    assert [found["Client level name"], found["Provider level name"]] == ["Not applicable", "Not applicable"]

    table_rows = [[c.text for c in r.cells] for t in docx.Document(str(tmp_path / "s.docx")).tables for r in t.rows]
    assert ["14", "Joint exit strategy", "Not applicable", "Not applicable", "Not applicable", "–"] in table_rows
