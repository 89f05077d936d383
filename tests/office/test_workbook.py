"""The Excel workbook read back with openpyxl: sheets, long-form scores, dates as dates, filters,
frozen headers, native radar charts, and no cell ever a formula."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest

from mutuality_desktop.core.framework import MUTUALITY
from mutuality_desktop.core.office.workbook import SCORE_HEADER, write_xlsx, write_xlsx_file
from mutuality_desktop.core.report import ReportData

from .conftest import FORMULA, MARKUP, ROUND_LABEL, WELSH


@pytest.fixture(scope="module")
def demo_book(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    out = tmp_path_factory.mktemp("xlsx") / "demo.xlsx"
    assert write_xlsx_file(demo_file, out) == []
    return openpyxl.load_workbook(out)


def test_sheets_and_about(demo_book: openpyxl.Workbook, demo_data: ReportData, demo_file: Path) -> None:
    assert demo_book.sheetnames == ["About", "Scores", "Actions", "Rounds", "Charts", "Chart data"]
    about = {row[0].value: row[1].value for row in demo_book["About"].iter_rows(min_row=3) if row[0].value}
    assert about["Client"] == demo_data.info.client_organisation
    assert about["Rounds in this workbook"] == 2
    assert about["Round 1: Baseline"] == dt.datetime(2026, 3, 12)
    # play-through s5: Setup's date is the first round's; the workbook covers both rounds
    assert "Workshop date" not in about and "Workshop venue" not in about
    assert about["Baseline workshop date"] == dt.datetime.combine(demo_data.info.workshop_date, dt.time())
    assert about["Baseline workshop venue"] == demo_data.info.workshop_venue
    assert about["Made by"].startswith("Mutuality Desktop ")
    assert demo_data.framework.version in about["Framework"]
    import hashlib

    assert about["Engagement file SHA-256"] == hashlib.sha256(demo_file.read_bytes()).hexdigest()


def test_scores_in_long_form(demo_book: openpyxl.Workbook, demo_data: ReportData) -> None:
    sheet = demo_book["Scores"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == SCORE_HEADER
    fw = demo_data.framework
    assert len(rows) - 1 == len(demo_data.rounds) * len(fw.factors)
    factors = [r[4] for r in rows[1:] if r[0] == "Follow-up"]
    assert factors == [f.name for d in fw.workshop_order() for f in d.factors]
    first = fw.dimension(MUTUALITY).factors[0]
    row = next(r for r in rows[1:] if r[0] == "Follow-up" and r[4] == first.name)
    levels = [demo_data.scores[(first.id, p)].level for p in ("client", "provider", "agreed")]
    assert (row[5], row[7], row[9]) == tuple(levels)
    assert row[11] == levels[0] - levels[1]
    assert isinstance(row[1], dt.datetime)  # the round date is a date, not text
    assert sheet["B2"].is_date
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:P{len(rows)}"
    assert sheet.column_dimensions["E"].width > 30 and sheet.column_dimensions["N"].width > 50


def test_actions_have_dates_as_dates(demo_book: openpyxl.Workbook, demo_data: ReportData) -> None:
    sheet = demo_book["Actions"]
    header = [c.value for c in sheet[1]]
    assert header[:8] == ["Number", "Dimension", "Factor", "Action", "Owner", "Side", "Due", "Status"]
    due = [row[6] for row in sheet.iter_rows(min_row=2)]
    assert len(due) == len(demo_data.actions)
    dated = [c for c in due if c.value is not None]
    assert dated and all(c.is_date and isinstance(c.value, dt.datetime) for c in dated)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_round_comparison_holds_numbers(demo_book: openpyxl.Workbook, demo_data: ReportData) -> None:
    rows = list(demo_book["Rounds"].iter_rows(values_only=True))
    assert rows[0] == ("Dimension", "Baseline", "Follow-up", "Factors compared, Baseline to Follow-up",
                       "Baseline, like for like", "Follow-up, like for like",
                       "Change since Baseline, like for like")
    table = [r for r in rows[1:] if r[1] is not None]  # then a blank row and the note
    names = [r[0] for r in table[:-1]]
    assert names == [d.name for d in demo_data.framework.workshop_order()]
    for _, before, after, compared, *like_for_like in table:
        assert all(isinstance(v, (int, float)) for v in (before, after, *like_for_like))
        assert re.fullmatch(r"\d+ of \d+", compared)
    assert table[-1][0] == "Mutuality index (0–100)"
    assert rows[-1][0].startswith("Each round's own column is the mean of the factors agreed in that round.")


def test_native_radar_charts_per_round(demo_book: openpyxl.Workbook) -> None:
    charts = demo_book["Charts"]._charts
    assert len(charts) == 4  # per round: the dimensions and the mutuality factors
    assert {c.tagname for c in charts} == {"radarChart"}
    assert all(c.type == "marker" for c in charts)
    mutuality = charts[1]
    assert len(mutuality.series) == 3
    assert "'Chart data'" in mutuality.series[0].val.numRef.f


def test_no_cell_is_ever_a_formula(hostile_data: ReportData, tmp_path: Path) -> None:
    out = tmp_path / "hostile.xlsx"
    write_xlsx(hostile_data, out)
    book = openpyxl.load_workbook(out)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    scores = list(book["Scores"].iter_rows(values_only=True))
    notes = next(r[13] for r in scores[1:] if r[0] == ROUND_LABEL and r[13])
    assert notes.startswith(FORMULA) and "\x07" not in notes
    assert any(r[14] == MARKUP for r in scores[1:])
    actions = list(book["Actions"].iter_rows(values_only=True))
    assert actions[1][3] == FORMULA and actions[1][4] == "@owner"
    assert actions[1][8] == "Yes"  # overdue
    assert actions[1][9] == ROUND_LABEL
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True) if r[0]}
    assert about["Client"] == WELSH
