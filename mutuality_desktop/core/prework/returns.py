"""Pre-work returns in: read a returned form (openpyxl), check everything again, plan the import.

A returned workbook is untrusted: it arrived by email and was edited in a spreadsheet, where a
paste bypasses the drop-down. Its size is capped before it is opened (and the sizes its zip
declares, before openpyxl decompresses anything), every identity and every answer is checked
against this engagement, and any formula is refused. Each problem is one sentence naming the file
and, where there is one, the cell. Importing a return again adds nothing: only answers that differ
from what the file holds become operations.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ReturnError, ValidationError
from ..model import Participant, Round
from ..operations import Change, SetParticipantScore
from ..validation import clean_text
from .forms import (
    DONT_KNOW,
    FORM_FORMAT,
    FORM_SHEET,
    FORM_SIDES,
    META_SHEET,
    READABLE_VERSIONS,
    form_check,
    form_factors,
    layout,
    level_choices,
)

if TYPE_CHECKING:
    from ..engagement import Engagement

MAX_RETURN_BYTES = 4_000_000  # a filled form is about 20 kB
MAX_UNZIPPED_BYTES = 40_000_000
MAX_ZIP_MEMBERS = 200
MAX_COMMENT_CHARS = 4_000
MAX_FORM_ROWS = 2_000


@dataclass(frozen=True)
class Answer:
    factor_id: str
    level: int | None
    dont_know: bool = False
    comment: str = ""

    @property
    def given(self) -> bool:
        return self.level is not None or self.dont_know or bool(self.comment)


@dataclass(frozen=True)
class ReadReturn:
    """One checked return: whose it is, for which round, and the answers in it."""

    path: Path
    participant: Participant
    round: Round
    form: str
    answers: tuple[Answer, ...]

    def counts(self) -> tuple[int, int, int]:
        """Levels given, "don't know" answers, comments."""
        return (sum(a.level is not None for a in self.answers), sum(a.dont_know for a in self.answers),
                sum(bool(a.comment) for a in self.answers))


@dataclass(frozen=True)
class ImportPlan:
    """What an import will do: the returns read and the operations that change the file."""

    returns: tuple[ReadReturn, ...]
    operations: tuple[SetParticipantScore, ...]
    new_per_return: tuple[int, ...]

    def lines(self) -> list[str]:
        """One line per return: from whom, for which round, what it holds, what is new."""
        out = []
        for ret, new in zip(self.returns, self.new_per_return, strict=True):
            levels, unknown, comments = ret.counts()
            p = ret.participant
            what = f"{levels} level{'s' if levels != 1 else ''}, {unknown} don't know, " \
                   f"{comments} comment{'s' if comments != 1 else ''}"
            given = any(a.given for a in ret.answers)
            news = (f"{new} to import" if new else "nothing new (already imported)") if given \
                else "no answers in it yet"
            out.append(f"{p.name} ({p.side}, {ret.round.label}) from {ret.path.name}: {what}; {news}.")
        return out


def _fail(path: Path, problem: str, cell: str = "") -> ReturnError:
    where = f", cell {cell}" if cell else ""
    return ReturnError(f"{path.name}{where}: {problem}")


def read_bytes(path: Path) -> bytes:
    """The file's bytes, if it is a regular file within the size a form can have."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _fail(path, f"the file could not be opened ({exc.strerror or exc}).") from exc
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise _fail(path, "this is not a file that can be imported.")
    with os.fdopen(fd, "rb") as fh:
        if info.st_size > MAX_RETURN_BYTES:
            raise _fail(path, f"the file is too large to be a returned form "
                              f"({info.st_size:,} bytes; a form is under {MAX_RETURN_BYTES:,}).")
        data = fh.read(MAX_RETURN_BYTES + 1)
    if len(data) > MAX_RETURN_BYTES:
        raise _fail(path, "the file is too large to be a returned form.")
    return data


def _check_zip(path: Path, data: bytes) -> None:
    """Refuse what is not an .xlsx, and a zip that would expand beyond what a form can hold."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _fail(path, "this is not an Excel workbook (.xlsx).") from exc
    if len(infos) > MAX_ZIP_MEMBERS or sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        raise _fail(path, "the workbook expands to far more than a form holds, so it was not opened.")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise _fail(path, "this is not an Excel workbook (.xlsx).")


def _load(path: Path, data: bytes) -> Any:
    import warnings

    import openpyxl

    _check_zip(path, data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False,
                                          keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign workbook
        raise _fail(path, "the workbook could not be read; it may be damaged.") from exc


def _cells(path: Path, ws: Any, columns: int) -> dict[tuple[int, int], Any]:
    """Every non-empty cell of a sheet by (row, column); a formula anywhere is refused."""
    cells: dict[tuple[int, int], Any] = {}
    for row in ws.iter_rows(max_col=columns):
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None:
                continue
            if cell.row > MAX_FORM_ROWS:
                raise _fail(path, "the form has far more rows than were sent out.", cell.coordinate)
            if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
                raise _fail(path, "a formula is not accepted; please type the answer instead.",
                            cell.coordinate)
            cells[(cell.row, cell.column)] = value
    return cells


def read_return(eng: Engagement, path: Path) -> ReadReturn:
    """Read and check one returned form against this engagement."""
    data = read_bytes(path)
    wb = _load(path, data)
    try:
        names = wb.sheetnames
        if META_SHEET not in names or FORM_SHEET not in names:
            raise _fail(path, "this is not a Mutuality pre-work form.")
        meta_cells = _cells(path, wb[META_SHEET], 6)
        form_cells = _cells(path, wb[FORM_SHEET], 6)
    finally:
        wb.close()
    meta, rows = _meta(path, meta_cells)
    rnd, person = _identities(eng, path, meta)
    return ReadReturn(path, person, rnd, meta["form"], _answers(eng, path, meta, rows, form_cells))


def _meta(path: Path, cells: dict[tuple[int, int], Any]) -> tuple[dict[str, str], list[tuple[int, ...]]]:
    meta: dict[str, str] = {}
    rows: list[tuple[int, ...]] = []
    for (r, c), key in sorted(cells.items()):
        if c != 1:
            continue
        if key == "factor":
            fid = cells.get((r, 2))
            nums = [n for k in (3, 4, 5) if isinstance(n := cells.get((r, k)), int | float)]
            if not isinstance(fid, str) or len(nums) != 3:
                raise _fail(path, "the form was changed: its hidden factor list is damaged.")
            rows.append((len(rows), *(int(n) for n in nums)))
            meta[f"factor{len(rows) - 1}"] = fid
        elif isinstance(key, str) and isinstance(cells.get((r, 2)), str):
            meta[key] = cells[(r, 2)]
    if meta.get("format") != FORM_FORMAT:
        raise _fail(path, "this is not a Mutuality pre-work form.")
    if meta.get("form_version") not in READABLE_VERSIONS:
        readable = " and ".join(READABLE_VERSIONS)
        raise _fail(path, f"this form is version {meta.get('form_version', '?')}; this app reads "
                          f"versions {readable}. Please send the participant a new form.")
    for key in ("engagement", "round", "participant", "form", "check"):
        if key not in meta:
            raise _fail(path, "the form was changed: its hidden identifiers are missing.")
    return meta, rows


def _identities(eng: Engagement, path: Path, meta: dict[str, str]) -> tuple[Round, Participant]:
    if meta["engagement"] != eng.info().uuid:
        raise _fail(path, "this form belongs to another engagement.")
    rnd = next((r for r in eng.rounds() if r.uuid == meta["round"]), None)
    if rnd is None:
        raise _fail(path, "this form is for a round this engagement does not have.")
    person = next((p for p in eng.participants() if p.uuid == meta["participant"]), None)
    if person is None:
        raise _fail(path, "this form is for a participant who is not in this engagement.")
    if person.side not in FORM_SIDES:
        raise _fail(path, f"{person.name} is now a {person.side}, not a client or provider "
                          "participant, so their views are not imported.")
    return rnd, person


def _answers(eng: Engagement, path: Path, meta: dict[str, str], rows: list[tuple[int, ...]],
             cells: dict[tuple[int, int], Any]) -> tuple[Answer, ...]:
    fw = eng.framework
    asked = [meta.get(f"factor{i}") for i in range(len(rows))]  # the round's scope when it was written
    if not rows or not all(isinstance(f, str) and fw.has_factor(f) for f in asked):
        raise _fail(path, "the form was changed: its factors are not the ones this engagement asks "
                          "about.")
    factors = form_factors(fw, [fw.factor(str(f)) for f in asked])
    version = meta["form_version"]  # a form sent out before an update is read as it was written
    expected = layout(factors, len(fw.scale.levels), version)
    got = [(meta[f"factor{i}"], name, lv, cm) for i, name, lv, cm in rows]
    if got != [(p.factor_id, p.name_row, p.level_row, p.comment_row) for p in expected]:
        raise _fail(path, "the form was changed: its factors are not the ones this engagement asks "
                          "about.")
    for factor, place in zip(factors, expected, strict=True):
        if cells.get((place.name_row, 2)) != factor.name:
            raise _fail(path, f"the form was changed: this cell should read \u201c{factor.name}\u201d.",
                        f"B{place.name_row}")
    if form_check(meta, [(f.id, f.name) for f in factors], version) != meta["check"]:
        raise _fail(path, "the form was changed: its hidden identifiers do not match.")
    choices = {c.casefold(): i for i, c in enumerate(level_choices(fw))}
    return tuple(_answer(eng, path, place.factor_id, cells.get((place.level_row, 2)),
                         cells.get((place.comment_row, 2)), place.level_row, place.comment_row,
                         choices)
                 for place in expected)


def _answer(eng: Engagement, path: Path, factor_id: str, level_value: Any, comment_value: Any,
            level_row: int, comment_row: int, choices: dict[str, int]) -> Answer:
    scale = eng.framework.scale
    dont_know, level = False, None
    cell = f"B{level_row}"
    span = f"{scale.minimum} to {scale.maximum}"
    if isinstance(level_value, bool):
        raise _fail(path, f"the level must be one from the list ({span} or {DONT_KNOW}).", cell)
    if isinstance(level_value, str) and level_value.strip():
        text = " ".join(level_value.split())
        if text.casefold() == DONT_KNOW.casefold():
            dont_know = True
        elif text.casefold() in choices:
            level = scale.levels[choices[text.casefold()]].value
        elif text.isdigit() and len(text) < 4:
            level = int(text)
        else:
            raise _fail(path, f"\u201c{text[:40]}\u201d is not one of the levels ({span} or "
                              f"{DONT_KNOW}).", cell)
    elif isinstance(level_value, int | float):
        if level_value != int(level_value):
            raise _fail(path, f"{level_value} is not a whole level ({span}).", cell)
        level = int(level_value)
    elif level_value is not None and not isinstance(level_value, str):
        raise _fail(path, f"the level must be one from the list ({span} or {DONT_KNOW}).", cell)
    if level is not None and level not in scale:
        raise _fail(path, f"level {level} is outside the scale ({span}).", cell)
    return Answer(factor_id, level, dont_know, _comment(path, comment_value, f"B{comment_row}"))


def _comment(path: Path, value: Any, cell: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "Yes" if value else "No"
    elif isinstance(value, int | float):
        value = f"{value:g}"
    elif not isinstance(value, str):
        value = str(value)
    try:
        return clean_text(value, "The comment", MAX_COMMENT_CHARS, multiline=True).strip()
    except ValidationError as exc:
        raise _fail(path, str(exc)[0].lower() + str(exc)[1:], cell) from exc


def plan_import(eng: Engagement, paths: Sequence[Path]) -> ImportPlan:
    """Read every return and work out the operations; nothing is changed yet."""
    if not paths:
        raise ReturnError("Choose at least one returned form to import.")
    returns = [read_return(eng, Path(p)) for p in paths]
    seen: dict[tuple[str, str], ReadReturn] = {}
    for ret in returns:
        key = (ret.round.uuid, ret.participant.uuid)
        if key in seen:
            raise ReturnError(f"{seen[key].path.name} and {ret.path.name} are both "
                              f"{ret.participant.name}'s return for {ret.round.label}: "
                              "import one of them.")
        seen[key] = ret
    operations: list[SetParticipantScore] = []
    per_return = []
    for ret in returns:
        held = {(ps.factor_id, ps.participant_id): ps for ps in eng.participant_scores(ret.round.id)}
        new = 0
        for ans in ret.answers:
            if not ans.given:
                continue
            now = held.get((ans.factor_id, ret.participant.id))
            if now is not None and (now.level, now.comment) == (ans.level, ans.comment):
                continue
            operations.append(SetParticipantScore(ret.round.uuid, ans.factor_id,
                                                  ret.participant.uuid, ans.level, ans.comment))
            new += 1
        per_return.append(new)
    return ImportPlan(tuple(returns), tuple(operations), tuple(per_return))


def apply_import(eng: Engagement, plan: ImportPlan) -> list[Change]:
    """Apply the plan as one transaction: every answer, or none; each recorded in the history."""
    if not plan.operations:
        return []
    return eng.apply_all(plan.operations)
