"""Pre-work forms out and returns in: filled as Excel would, imported, refused when they must be."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from mutuality_desktop.core.demo import build_demo
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import ReturnError
from mutuality_desktop.core.operations import RemoveParticipant, RemoveRound
from mutuality_desktop.core.prework.forms import (
    DONT_KNOW,
    FORM_SHEET,
    META_SHEET,
    form_factors,
    layout,
    write_forms,
)
from mutuality_desktop.core.prework.returns import MAX_RETURN_BYTES, apply_import, plan_import
from mutuality_desktop.core.scope import scope_factors


@pytest.fixture
def demo(demo_path: Path):
    with Engagement.open(demo_path) as eng:
        yield eng


@pytest.fixture(scope="module")
def demo_forms(demo_master: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The Baseline forms of the demo as it is, written once for the module (read-only files):
    every test's demo is a copy of the same file, so the forms are the same."""
    folder = tmp_path_factory.mktemp("prework-forms")
    path = folder / "demo.mutuality"
    shutil.copyfile(demo_master, path)
    out = folder / "forms"
    out.mkdir()
    with Engagement.open(path) as eng:
        made = write_forms(eng, out, "Baseline")
    for form in made:
        form.path.chmod(0o444)
    return made


@pytest.fixture
def forms(demo: Engagement, demo_forms):  # type: ignore[no-untyped-def]
    """The forms of the test's demo (which has not changed when they are asked for)."""
    return demo_forms


def fill(form: Path, out: Path, answers: dict[int, tuple[object, object]]) -> Path:
    """Fill a form with openpyxl as a participant in Excel would: level and comment per factor."""
    wb = openpyxl.load_workbook(form)
    ws = wb[FORM_SHEET]
    meta = wb[META_SHEET]
    rows = [(r[3].value, r[4].value) for r in meta.iter_rows() if r[0].value == "factor"]
    for index, (level, comment) in answers.items():
        level_row, comment_row = rows[index]
        ws[f"B{level_row}"] = level
        ws[f"B{comment_row}"] = comment
    wb.save(out)
    return out


def test_one_form_per_client_and_provider_participant(demo: Engagement, forms) -> None:
    people = [p for p in demo.participants() if p.side in ("client", "provider")]
    assert [f.participant.uuid for f in forms] == [p.uuid for p in people]
    assert all(f.participant.name in f.path.name and f.path.suffix == ".xlsx" for f in forms)
    wb = openpyxl.load_workbook(forms[0].path)
    ws = wb[FORM_SHEET]
    assert wb[META_SHEET].sheet_state == "veryHidden"
    assert ws.protection.sheet
    factors = form_factors(demo.framework, scope_factors(demo, demo.rounds()[-1].id))  # the round's scope
    places = layout(factors, 6)
    assert ws[f"B{places[0].name_row}"].value == factors[0].name
    assert ws[f"B{places[0].name_row + 2}"].value == factors[0].descriptor(0)
    level_cell = ws[f"B{places[0].level_row}"]
    assert level_cell.protection.locked is False
    assert ws[f"B{places[0].comment_row}"].protection.locked is False
    assert ws[f"B{places[0].name_row}"].protection.locked is not False
    validations = ws.data_validations.dataValidation
    assert len(validations) == len(factors)
    assert all(v.type == "list" for v in validations)
    text = " ".join(str(c.value) for row in ws.iter_rows(max_row=10) for c in row if c.value)
    assert "Protected View" in text and "Enable Editing" in text
    meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows() if r[0].value}
    assert meta["participant"] == forms[0].participant.uuid
    assert meta["engagement"] == demo.info().uuid


def test_filled_returns_import_once_and_read_back_through_json(demo: Engagement, forms,
                                                               tmp_path: Path) -> None:
    first = fill(forms[0].path, tmp_path / "a.xlsx",
                 {0: ("4 Advanced", "We set objectives together."), 1: (DONT_KNOW, None),
                  2: (2, None)})
    second = fill(forms[4].path, tmp_path / "b.xlsx", {0: ("1 Initial", "Only the authority's.")})
    plan = plan_import(demo, [first, second])
    assert plan.new_per_return == (3, 1)
    assert plan.lines()[0].startswith(f"{forms[0].participant.name} (client, Baseline)")
    changes = apply_import(demo, plan)
    assert len(changes) == 4
    assert len([e for e in demo.history() if e.op == "set_participant_score"]) >= 4
    again = plan_import(demo, [first, second])
    assert again.operations == () and "nothing new" in again.lines()[0]
    assert apply_import(demo, again) == []
    path = demo.path
    demo.close()
    out = subprocess.run([sys.executable, "-m", "mutuality_desktop", "json", str(path)],
                         capture_output=True, text=True, timeout=120)
    data = json.loads(out.stdout)
    base = data["rounds"][0]["participant_scores"]
    factors = [f.id for f in Engagement.open(path, readonly=True).framework.dimension("mutuality").factors]
    mine = {s["factor"]: s for s in base if s["participant"] == forms[0].participant.uuid}
    assert mine[factors[0]]["level"] == 4
    assert mine[factors[0]]["comment"] == "We set objectives together."
    assert mine[factors[1]]["level"] is None
    assert mine[factors[2]]["level"] == 2
    theirs = {s["factor"]: s for s in base if s["participant"] == forms[4].participant.uuid}
    assert theirs[factors[0]]["level"] == 1


def test_an_unanswered_form_says_so(demo: Engagement, forms) -> None:
    plan = plan_import(demo, [forms[0].path])
    assert plan.operations == () and plan.lines()[0].endswith("no answers in it yet.")


def test_import_is_all_or_nothing(demo: Engagement, forms, tmp_path: Path) -> None:
    good = fill(forms[0].path, tmp_path / "good.xlsx", {0: ("5 Exemplary", "x")})
    bad = fill(forms[1].path, tmp_path / "bad.xlsx", {0: ("9 Super", None)})
    before = demo.participant_scores(demo.rounds()[0].id)
    with pytest.raises(ReturnError, match=r"bad\.xlsx, cell B\d+: .*not one of the levels"):
        plan_import(demo, [good, bad])
    assert demo.participant_scores(demo.rounds()[0].id) == before


def test_the_same_participant_twice_in_one_import_is_refused(demo, forms, tmp_path) -> None:
    a = fill(forms[0].path, tmp_path / "a.xlsx", {0: ("3 Established", None)})
    b = fill(forms[0].path, tmp_path / "b.xlsx", {0: ("2 Developing", None)})
    with pytest.raises(ReturnError, match="import one of them"):
        plan_import(demo, [a, b])


@pytest.mark.parametrize(("value", "problem"), [
    (7, "level 7 is outside the scale"), ("12", "level 12 is outside the scale"),
    (2.5, "not a whole level"), ("Quite good", "not one of the levels"),
    ("=1+2", "a formula is not accepted"),
])
def test_bad_levels_are_refused_naming_the_cell(demo, forms, tmp_path, value, problem) -> None:
    ret = fill(forms[0].path, tmp_path / "r.xlsx", {3: (value, None)})
    row = layout(form_factors(demo.framework), 6)[3].level_row
    with pytest.raises(ReturnError) as err:
        plan_import(demo, [ret])
    assert str(err.value).startswith(f"r.xlsx, cell B{row}: ")
    assert problem in str(err.value)


def test_a_formula_in_a_comment_is_refused(demo, forms, tmp_path) -> None:
    ret = fill(forms[0].path, tmp_path / "r.xlsx", {0: ("3 Established", '=HYPERLINK("x","y")')})
    with pytest.raises(ReturnError, match="formula"):
        plan_import(demo, [ret])


def test_a_changed_form_is_refused(demo, forms, tmp_path) -> None:
    ret = fill(forms[0].path, tmp_path / "r.xlsx", {0: ("3 Established", None)})
    wb = openpyxl.load_workbook(ret)
    row = layout(form_factors(demo.framework), 6)[1].name_row
    wb[FORM_SHEET][f"B{row}"] = "Something else"
    wb.save(ret)
    with pytest.raises(ReturnError, match=rf"cell B{row}: the form was changed"):
        plan_import(demo, [ret])


def test_a_form_for_another_engagement_is_refused(demo, tmp_path) -> None:
    other = tmp_path / "other.mutuality"
    (tmp_path / "o").mkdir()
    with build_demo(other) as eng:
        form = write_forms(eng, tmp_path / "o", "Baseline")[0]
    with pytest.raises(ReturnError, match="another engagement"):
        plan_import(demo, [form.path])


def test_a_form_for_a_removed_round_or_participant_is_refused(demo, tmp_path) -> None:
    (tmp_path / "f").mkdir()
    forms = write_forms(demo, tmp_path / "f", "Follow-up")
    demo.apply(RemoveParticipant(forms[0].participant.uuid))
    with pytest.raises(ReturnError, match="participant who is not in this engagement"):
        plan_import(demo, [forms[0].path])
    demo.apply(RemoveRound(demo.round_by_label("Follow-up").uuid))
    with pytest.raises(ReturnError, match="round this engagement does not have"):
        plan_import(demo, [forms[1].path])


def test_files_that_are_not_forms_are_refused(demo, forms, tmp_path) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("hello")
    with pytest.raises(ReturnError, match=r"notes\.xlsx: this is not an Excel workbook"):
        plan_import(demo, [text])
    plain = tmp_path / "plain.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "my views"
    wb.save(plain)
    with pytest.raises(ReturnError, match="not a Mutuality pre-work form"):
        plan_import(demo, [plain])
    with pytest.raises(ReturnError, match="not a file that can be imported"):
        plan_import(demo, [tmp_path])


def test_oversized_files_and_zip_bombs_are_refused_before_opening(demo, tmp_path) -> None:
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK" + b"\0" * (MAX_RETURN_BYTES + 10))
    with pytest.raises(ReturnError, match="too large"):
        plan_import(demo, [big])
    bomb = tmp_path / "bomb.xlsx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", b"<" + b"a" * 60_000_000 + b"/>")
    bomb.write_bytes(buf.getvalue())
    assert bomb.stat().st_size < MAX_RETURN_BYTES
    with pytest.raises(ReturnError, match="expands to far more"):
        plan_import(demo, [bomb])


def test_cli_forms_and_import(tmp_path: Path, demo_path: Path) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "mutuality_desktop", *args],
                              capture_output=True, text=True, timeout=120)

    path = demo_path
    out = tmp_path / "forms"
    out.mkdir()
    made = cli("prework", "forms", str(path), "-o", str(out), "--round", "baseline")
    assert made.returncode == 0, made.stderr
    assert "Wrote 8 pre-work forms" in made.stdout
    form = sorted(out.glob("*.xlsx"))[0]
    ret = fill(form, tmp_path / "ret.xlsx", {0: ("0 Absent", "None yet."), 5: ("5 Exemplary", None)})
    dry = cli("prework", "import", str(path), str(ret), "--dry-run")
    assert dry.returncode == 0 and "2 answers would be imported" in dry.stdout
    done = cli("prework", "import", str(path), str(ret), "--author", "Helen Marchbank")
    assert done.returncode == 0 and "Imported 2 answers" in done.stdout
    again = cli("prework", "import", str(path), str(ret))
    assert "nothing new" in again.stdout and "Imported 0 answers" in again.stdout
    refused = cli("prework", "import", str(path), str(path))
    assert refused.returncode == 1 and "not an Excel workbook" in refused.stderr
