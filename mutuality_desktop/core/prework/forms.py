"""Pre-work forms out: one Excel workbook per client and provider participant (XlsxWriter).

Each form is one protected sheet: instructions, then each dimension's name heading its factors,
and a block per factor (name, what it covers, the six level descriptors) with two unlocked answer
cells, the level (a drop-down) and a comment. A factor the round marks not applicable is not asked.
A very hidden `_meta` sheet holds the identities a return is matched by (engagement, round,
participant, form), the factor each answer row belongs to and a check over the fixed text, so
`returns.py` can refuse a form that was changed or belongs elsewhere.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from ..framework import MUTUALITY, Factor, Framework
from ..model import Participant, Round, new_uuid
from ..scope import scope_factors

if TYPE_CHECKING:
    from ..engagement import Engagement

FORM_FORMAT = "mutuality-prework-form"
FORM_VERSION = "2"  # 2: a heading row names the dimension before its first factor
READABLE_VERSIONS = ("1", "2")  # a version-1 form, sent out before headings, still imports
FORM_SHEET = "Your views"
META_SHEET = "_meta"
DONT_KNOW = "Don't know"
FORM_SIDES = ("client", "provider")
FIRST_BLOCK_ROW = 12  # 1-based worksheet row of the first factor's name


@dataclass(frozen=True)
class FactorRows:
    """Where one factor sits on the form (1-based worksheet rows, column B)."""

    factor_id: str
    name_row: int
    level_row: int
    comment_row: int


@dataclass(frozen=True)
class WrittenForm:
    participant: Participant
    path: Path


def level_choices(fw: Framework) -> list[str]:
    """The drop-down's entries: '3 Established' for each level, then "Don't know"."""
    return [f"{lv.value} {lv.name}" for lv in fw.scale.levels] + [DONT_KNOW]


def form_factors(fw: Framework, in_scope: Sequence[Factor] | None = None) -> tuple[Factor, ...]:
    """The factors a pre-work form asks about: the round's scope (its Mutuality factors first, in
    workshop order), or without a round the Mutuality dimension's."""
    if in_scope is None:
        return fw.dimension(MUTUALITY).factors
    return tuple(in_scope)


def headed(version: str) -> bool:
    """Whether a form of this version heads each dimension's factors with its name."""
    return version != "1"


def heading_rows(factors: Sequence[Factor], levels: int, version: str = FORM_VERSION) -> dict[int, str]:
    """The 1-based row of each dimension heading and the dimension it names (none in version 1)."""
    if not headed(version):
        return {}
    out: dict[int, str] = {}
    dimension = None
    for factor, place in zip(factors, layout(factors, levels, version), strict=True):
        if factor.dimension_id != dimension:
            out[place.name_row - 1] = dimension = factor.dimension_id
    return out


def layout(factors: Sequence[Factor], levels: int, version: str = FORM_VERSION) -> list[FactorRows]:
    """The rows of each factor's block: name, description, one per level, level, comment, gap; a
    dimension's first factor follows a row naming the dimension (from version 2)."""
    rows, row, dimension = [], FIRST_BLOCK_ROW, None
    for factor in factors:
        if headed(version) and factor.dimension_id != dimension:
            row += 1  # the dimension's heading
            dimension = factor.dimension_id
        level_row = row + 2 + levels
        rows.append(FactorRows(factor.id, row, level_row, level_row + 1))
        row = level_row + 3
    return rows


def form_check(ids: dict[str, str], factors: Sequence[tuple[str, str]], version: str = FORM_VERSION) -> str:
    """A digest over the identities and the factor names: a return whose fixed text moved fails it."""
    text = "\n".join([FORM_FORMAT, version, ids["engagement"], ids["round"], ids["participant"],
                      ids["form"]] + [f"{fid}\t{name}" for fid, name in factors])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def safe_filename(text: str) -> str:
    """A file name part from a person's name: no path separators, reserved or control characters."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = re.sub(r'[\\/:*?"<>|]+', " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    return text[:80] or "participant"


def form_participants(eng: Engagement) -> list[Participant]:
    return [p for p in eng.participants() if p.side in FORM_SIDES]


def pick_round(eng: Engagement, label: str | None) -> Round:
    """The named round, or the latest (the one the walkthrough scores)."""
    return eng.round_by_label(label) if label else eng.rounds()[-1]


def write_forms(eng: Engagement, folder: Path, round_label: str | None = None) -> list[WrittenForm]:
    """Write one form per client and provider participant into `folder`; return what was written."""
    people = form_participants(eng)
    if not people:
        raise ValidationError("There are no client or provider participants to send forms to: "
                              "add them in Setup first.")
    rnd = pick_round(eng, round_label)
    if not folder.is_dir():
        raise ValidationError(f"The folder {folder} does not exist.")
    in_scope = scope_factors(eng, rnd.id)
    not_applicable = eng.not_applicable(rnd.id)
    asked = tuple(f for f in in_scope if f.id not in not_applicable)  # play-through 12: n/a was asked
    if not asked:
        raise ValidationError(f"Every factor of {rnd.label} is marked not applicable, so a form would "
                              "ask nothing.")
    skipped = tuple(f for f in in_scope if f.id in not_applicable)
    info = eng.info()
    written, used = [], set()
    for person in people:
        stem = f"Pre-work - {safe_filename(person.name)} - {safe_filename(rnd.label)}"
        name, n = f"{stem}.xlsx", 2
        while name.casefold() in used:
            name, n = f"{stem} ({n}).xlsx", n + 1
        used.add(name.casefold())
        path = folder / name
        ids = {"engagement": info.uuid, "round": rnd.uuid, "participant": person.uuid,
               "form": new_uuid()}
        _write_form(path, eng.framework, ids, person, rnd, info.title,
                    (info.client_organisation, info.provider_organisation), info.facilitator,
                    asked, skipped)
        written.append(WrittenForm(person, path))
    return written


def _not_asked(fw: Framework, skipped: Sequence[Factor]) -> str:
    """The sentence naming the factors the round marks not applicable ('' when there are none)."""
    if not skipped:
        return ""
    names = "; ".join(f"{fw.dimension(f.dimension_id).name} factor {f.number}, {f.name}" for f in skipped)
    one = len(skipped) == 1
    return (f"Not asked: {names}. The workshop marked {'it' if one else 'them'} not applicable "
            "in this round.")


def _instructions(person: Participant, rnd: Round, title: str, orgs: tuple[str, str],
                  facilitator: str) -> list[str]:
    org = orgs[0] if person.side == "client" else orgs[1]
    by = f" to {facilitator}" if facilitator else " to the facilitator"
    return [
        f"{title}: your own views before the workshop ({rnd.label})",
        f"For {person.name}, {org}. Your answers are recorded under your name in the engagement; "
        "in the workshop the room sees the spread of views without names.",
        "1. If the file opened in Protected View (a yellow bar in Excel or Outlook), click "
        "Enable Editing first, otherwise nothing can be typed.",
        "2. For each factor, read the six level descriptions and choose the one that best "
        "describes what you see today in the 'Your level' box (a drop-down). Choose "
        f"\u201c{DONT_KNOW}\u201d if you cannot say.",
        "3. Add a comment if you wish: what you have seen, an example, what would move it up.",
        f"4. Save the file (keep it as .xlsx, keep its name) and email it back{by}.",
        "Only the yellow boxes can be changed. Please do not copy the form to another person: "
        "each form is for one participant.",
    ]


def _write_form(path: Path, fw: Framework, ids: dict[str, str], person: Participant, rnd: Round,
                title: str, orgs: tuple[str, str], facilitator: str = "",
                in_scope: Sequence[Factor] | None = None, skipped: Sequence[Factor] = (),
                version: str = FORM_VERSION) -> None:
    """One form; `version` "1" writes one as forms were before dimension headings (the tests read
    such a form, as a participant may return one sent out before an update)."""
    import xlsxwriter

    factors = form_factors(fw, in_scope)
    rows = layout(factors, len(fw.scale.levels), version)
    headings = heading_rows(factors, len(fw.scale.levels), version)
    choices = level_choices(fw)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    try:
        fmt = _formats(wb)
        ws = wb.add_worksheet(FORM_SHEET)
        ws.set_column(0, 0, 16)
        ws.set_column(1, 1, 90)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.set_paper(9)
        ws.repeat_rows(0)
        lines = _instructions(person, rnd, title, orgs, facilitator)
        ws.set_row(0, 24)
        ws.write_string(0, 0, lines[0], fmt["title"])
        for i, line in enumerate(lines[1:], start=2):
            ws.merge_range(i, 0, i, 1, line, fmt["note"])
            ws.set_row(i, 30)
        if skipped:  # the row under the instructions, above the first heading
            i = len(lines) + 1
            ws.merge_range(i, 0, i, 1, _not_asked(fw, skipped), fmt["note"])
            ws.set_row(i, 30)
        counts = {d: sum(f.dimension_id == d for f in factors) for d in headings.values()}
        for row, dimension_id in headings.items():  # where the participant is: play-through 12
            name = fw.dimension(dimension_id).name
            n = counts[dimension_id]
            ws.merge_range(row - 1, 0, row - 1, 1, f"{name}: {n} factor{'s' if n != 1 else ''}",
                           fmt["dimension"])
            ws.set_row(row - 1, 24)
        by_id = {f.id: f for f in factors}
        for place in rows:
            _write_block(ws, fmt, by_id[place.factor_id], place, fw, choices)
        ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})
        _write_meta(wb, ids, rows, factors, choices, version)
        wb.set_properties({"title": f"Pre-work form: {person.name}", "author": facilitator,
                           "comments": "Mutuality Desktop pre-work form"})
    finally:
        wb.close()


def _formats(wb: Any) -> dict[str, Any]:
    base = {"text_wrap": True, "valign": "top", "font_name": "Arial", "font_size": 10}
    answer = {**base, "locked": False, "bg_color": "#FFF4B8", "border": 1}
    return {
        "title": wb.add_format({**base, "bold": True, "font_size": 14, "text_wrap": False}),
        "note": wb.add_format(base),
        "dimension": wb.add_format({**base, "bold": True, "font_size": 14, "text_wrap": False,
                                    "valign": "vcenter", "bg_color": "#DCE6F0", "bottom": 2}),
        "factor": wb.add_format({**base, "bold": True, "font_size": 12, "bottom": 1}),
        "text": wb.add_format(base),
        "level": wb.add_format({**base, "bold": True}),
        "label": wb.add_format({**base, "bold": True, "align": "right"}),
        "answer": wb.add_format(answer),
    }


def _write_block(ws: Any, fmt: dict[str, Any], factor: Factor, place: FactorRows, fw: Framework,
                 choices: list[str]) -> None:
    r = place.name_row - 1  # XlsxWriter counts rows from 0
    ws.write_string(r, 0, f"Factor {factor.number}", fmt["factor"])
    ws.write_string(r, 1, factor.name, fmt["factor"])
    ws.write_string(r + 1, 1, factor.description, fmt["text"])
    ws.set_row(r + 1, 15 * max(1, len(factor.description) // 95 + 1))
    for i, level in enumerate(fw.scale.levels):
        text = factor.descriptor(level.value)
        ws.write_string(r + 2 + i, 0, f"{level.value} {level.name}", fmt["level"])
        ws.write_string(r + 2 + i, 1, text, fmt["text"])
        ws.set_row(r + 2 + i, 15 * max(1, len(text) // 95 + 1))
    lr, cr = place.level_row - 1, place.comment_row - 1
    ws.write_string(lr, 0, "Your level", fmt["label"])
    ws.write_blank(lr, 1, None, fmt["answer"])
    ws.data_validation(lr, 1, lr, 1, {
        "validate": "list", "source": f"={META_SHEET}!$F$1:$F${len(choices)}",
        "input_title": "Your level", "input_message": "Choose one level, or Don't know.",
        "error_title": "Choose from the list",
        "error_message": "Please choose one of the levels in the list, or Don't know.",
    })
    ws.write_string(cr, 0, "Your comment", fmt["label"])
    ws.write_blank(cr, 1, None, fmt["answer"])
    ws.set_row(cr, 48)


def _write_meta(wb: Any, ids: dict[str, str], rows: list[FactorRows], factors: Sequence[Factor],
                choices: list[str], version: str = FORM_VERSION) -> None:
    meta = wb.add_worksheet(META_SHEET)
    pairs = [("format", FORM_FORMAT), ("form_version", version), *ids.items(),
             ("check", form_check(ids, [(f.id, f.name) for f in factors], version))]
    for i, (key, value) in enumerate(pairs):
        meta.write_string(i, 0, key)
        meta.write_string(i, 1, value)
    for i, place in enumerate(rows, start=len(pairs)):
        meta.write_string(i, 0, "factor")
        meta.write_string(i, 1, place.factor_id)
        meta.write_number(i, 2, place.name_row)
        meta.write_number(i, 3, place.level_row)
        meta.write_number(i, 4, place.comment_row)
    for i, choice in enumerate(choices):
        meta.write_string(i, 5, choice)
    meta.protect()
    meta.very_hidden()
