"""Play-through 12, pre-work forms as a participant reads them: each dimension's factors are headed
by the dimension's name (Economy restarted at "Factor 1" straight after Mutuality factor 15), a
factor the round marks not applicable is not asked, and the history records a participant's
"Don't know" as the form offered it (it said "level not assessed"). The forms are written and the
returns imported through the command line, filled with openpyxl as a participant fills them in
Excel, and the file is read back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.prework.forms import (
    DONT_KNOW,
    FORM_SHEET,
    META_SHEET,
    _write_form,
    form_participants,
)
from mutuality_desktop.core.scope import scope_factors

EXIT = "joint-exit-strategy"
REASON = "The contract runs to 2034; exit planning starts in 2031."


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mutuality_desktop", *args],
                          capture_output=True, text=True, timeout=120)


def forms_for(path: Path, out: Path) -> list[Path]:
    out.mkdir()
    made = cli("prework", "forms", str(path), "-o", str(out), "--round", "Follow-up")
    assert made.returncode == 0, made.stderr
    return sorted(out.glob("*.xlsx"))


def sheet_rows(form: Path) -> list[tuple[int, str, str]]:
    """(row, column A, column B) of every row of the form with text, top to bottom, as a
    participant reads it."""
    ws = openpyxl.load_workbook(form)[FORM_SHEET]
    out = []
    for row in ws.iter_rows(max_col=2):
        a, b = (c.value for c in row)
        if a or b:
            out.append((row[0].row, str(a or ""), str(b or "")))
    return out


def answer_rows(form: Path) -> list[tuple[int, int]]:
    """The level and comment row of each factor, from the places a participant types into: the
    rows labelled 'Your level' and 'Your comment'."""
    rows = sheet_rows(form)
    levels = [r for r, a, _ in rows if a == "Your level"]
    comments = [r for r, a, _ in rows if a == "Your comment"]
    return list(zip(levels, comments, strict=True))


def fill(form: Path, out: Path, answers: dict[int, tuple[object, object]]) -> Path:
    wb = openpyxl.load_workbook(form)
    ws = wb[FORM_SHEET]
    places = answer_rows(form)
    for index, (level, comment) in answers.items():
        ws[f"B{places[index][0]}"] = level
        ws[f"B{places[index][1]}"] = comment
    wb.save(out)
    return out


def test_each_dimensions_factors_are_headed_by_its_name(demo_path: Path, tmp_path: Path) -> None:
    form = forms_for(demo_path, tmp_path / "forms")[0]
    with Engagement.open(demo_path, readonly=True) as eng:
        fw = eng.framework
        asked = scope_factors(eng, eng.round_by_label("Follow-up").id)
    dimension_of = {f.name: fw.dimension(f.dimension_id).name for f in asked}
    names = {d.name for d in fw.dimensions}
    heading, seen, headings = "", [], []
    for _row, a, b in sheet_rows(form):
        title = a.split(":")[0]
        if title in names and not b:  # a heading across columns A-B
            heading = title
            headings.append(a)
        elif a.startswith("Factor "):  # a factor's name row: the heading above it is its dimension's
            assert heading == dimension_of[b], f"{a} {b} sits under {heading or 'no heading'}"
            seen.append(b)
    assert seen == [f.name for f in asked]  # every factor, in the round's order, each under its dimension
    expected = []
    for f in asked:
        name = fw.dimension(f.dimension_id).name
        if not expected or not expected[-1].startswith(f"{name}:"):
            n = sum(dimension_of[g.name] == name for g in asked)
            expected.append(f"{name}: {n} factors")
    assert headings == expected
    assert headings[:2] == ["Mutuality: 15 factors", "Economy: 5 factors"]


def test_a_not_applicable_factor_is_not_asked_and_its_return_imports(demo_path: Path, tmp_path: Path) -> None:
    marked = cli("not-applicable", str(demo_path), "--round", "Follow-up", "--factor", EXIT,
                 "--reason", REASON)
    assert marked.returncode == 0, marked.stderr
    forms = forms_for(demo_path, tmp_path / "forms")
    with Engagement.open(demo_path, readonly=True) as eng:
        exit_name = eng.framework.factor(EXIT).name
        asked = [f for f in scope_factors(eng, eng.round_by_label("Follow-up").id) if f.id != EXIT]
    rows = sheet_rows(forms[0])
    factor_names = [b for _, a, b in rows if a.startswith("Factor ")]
    assert exit_name not in factor_names
    assert factor_names == [f.name for f in asked]
    assert len(answer_rows(forms[0])) == len(asked)  # no answer asked for it
    assert "Mutuality: 14 factors" in [a for _, a, _ in rows]
    said = [a for _, a, _ in rows if a.startswith("Not asked:")]
    assert said == [f"Not asked: Mutuality factor 14, {exit_name}. The workshop marked it not "
                    "applicable in this round."]
    meta = [r[1].value for r in openpyxl.load_workbook(forms[0])[META_SHEET].iter_rows() if r[0].value == "factor"]
    assert EXIT not in meta

    ret = fill(forms[0], tmp_path / "ret.xlsx", dict.fromkeys(range(len(asked)), ("3 Established", "Seen.")))
    done = cli("prework", "import", str(demo_path), str(ret))
    assert done.returncode == 0, done.stderr
    assert f"Imported {len(asked)} answers" in done.stdout
    with Engagement.open(demo_path, readonly=True) as eng:
        rnd = eng.round_by_label("Follow-up")
        person = next(p for p in eng.participants() if p.name in forms[0].name)
        mine = {s.factor_id: (s.level, s.comment) for s in eng.participant_scores(rnd.id)
                if s.participant_id == person.id}
        assert eng.not_applicable(rnd.id) == {EXIT: REASON}
    assert all(mine[f.id] == (3, "Seen.") for f in asked)
    assert mine.get(EXIT) != (3, "Seen.")  # what it held before, untouched by the form


def test_the_history_records_dont_know_as_the_participant_chose_it(demo_path: Path, tmp_path: Path) -> None:
    forms = forms_for(demo_path, tmp_path / "forms")
    with Engagement.open(demo_path, readonly=True) as eng:
        first, second = (f.name for f in scope_factors(eng, eng.round_by_label("Follow-up").id)[:2])
    ret = fill(forms[0], tmp_path / "ret.xlsx", {0: (DONT_KNOW, "Not in my area."), 1: ("2 Developing", None)})
    assert cli("prework", "import", str(demo_path), str(ret)).returncode == 0
    with Engagement.open(demo_path, readonly=True) as eng:
        rnd = eng.round_by_label("Follow-up")
        person = next(p for p in eng.participants() if p.name in forms[0].name)
        stored = {s.factor_id: (s.level, s.comment) for s in eng.participant_scores(rnd.id)
                  if s.participant_id == person.id}
        fid = scope_factors(eng, rnd.id)[0].id
    assert stored[fid] == (None, "Not in my area.")
    history = cli("history", str(demo_path), "--newest-first").stdout.splitlines()
    assert history[0].split(" on ")[0].endswith(
        f"recorded {person.name}'s return for {second} (Follow-up): level 2 Developing")
    assert history[1].split(" on ")[0].endswith(
        f"recorded {person.name}'s return for {first} (Follow-up): {DONT_KNOW}")
    assert "not assessed" not in history[1]


def test_undoing_an_import_is_recorded_as_the_return_taken_back(demo_path: Path, tmp_path: Path) -> None:
    """A Don't know recorded, then the import undone: the undo is not one more "Don't know"."""
    with Engagement.open(demo_path) as eng:
        eng.add_participant("Nia Evans", "Commissioning lead", "client")
    forms = [f for f in forms_for(demo_path, tmp_path / "forms") if "Nia Evans" in f.name]
    ret = fill(forms[0], tmp_path / "ret.xlsx", {0: (DONT_KNOW, None)})
    from mutuality_desktop.core.history_sentences import history_sentences
    from mutuality_desktop.core.prework.returns import apply_import, plan_import

    with Engagement.open(demo_path) as eng:
        changes = apply_import(eng, plan_import(eng, [ret]))
        eng.apply_all([c.inverse for c in reversed(changes)])  # Edit -> Undo
        said = [s.split(" on ")[0] for s in history_sentences(eng)[-2:]]
        name = scope_factors(eng, eng.round_by_label("Follow-up").id)[0].name
        assert not [s for s in eng.participant_scores(eng.round_by_label("Follow-up").id)
                    if s.participant_id == next(p.id for p in eng.participants() if p.name == "Nia Evans")]
    assert said[0].endswith(f"recorded Nia Evans's return for {name} (Follow-up): {DONT_KNOW}")
    assert said[1].endswith(f"took back Nia Evans's return for {name} (Follow-up)")


def test_a_form_sent_before_the_headings_still_imports(demo_path: Path, tmp_path: Path) -> None:
    """A participant may return a version-1 form (no dimension headings) sent out before an update."""
    (tmp_path / "old").mkdir()
    with Engagement.open(demo_path, readonly=True) as eng:
        rnd = eng.round_by_label("Follow-up")
        person = form_participants(eng)[0]
        info = eng.info()
        old = tmp_path / "old" / "old form.xlsx"
        ids = {"engagement": info.uuid, "round": rnd.uuid, "participant": person.uuid, "form": "f-1"}
        _write_form(old, eng.framework, ids, person, rnd, info.title,
                    (info.client_organisation, info.provider_organisation), info.facilitator,
                    scope_factors(eng, rnd.id), version="1")
        first = scope_factors(eng, rnd.id)[0]
    assert not [a for _, a, b in sheet_rows(old) if a.startswith("Mutuality:")]  # as forms were
    ret = fill(old, tmp_path / "ret.xlsx", {0: ("4 Advanced", "From the old form.")})
    done = cli("prework", "import", str(demo_path), str(ret))
    assert done.returncode == 0, done.stderr
    with Engagement.open(demo_path, readonly=True) as eng:
        got = [(s.level, s.comment) for s in eng.participant_scores(eng.round_by_label("Follow-up").id)
               if s.factor_id == first.id and s.participant_id == next(
                   p.id for p in eng.participants() if p.uuid == person.uuid)]
    assert got == [(4, "From the old form.")]
