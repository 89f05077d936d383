"""Every value in a received engagement file checked against the file's own scoring guide.

A file from elsewhere can hold values the app never writes (a level off the scale, a level as
text, money as words, no rounds, no engagement record, a scoring guide nested a hundred thousand
deep, a hundred thousand actions). Each is refused here with one sentence before any screen,
report or command reads it. The limits sit well above anything a workshop produces and well
below what makes a report or a screen hang.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from .errors import DamagedFileError, FrameworkError
from .framework import Framework, parse_framework, sha256_hex
from .model import ACTION_SIDES, ACTION_STATUSES, CONFIDENCES, PERSPECTIVES, SIDES

MAX_DIMENSIONS = 12
MAX_FACTORS = 200
MAX_SCALE_LEVELS = 11
MAX_ROUNDS = 50
MAX_PARTICIPANTS = 500
# Measured on a loaded 2-core machine: 990 actions of 500 characters make the report in 6.4 s,
# 1,980 of 1,000 characters in 29 s; 2 million characters of notes in 1.9 s; the largest file
# these limits allow (200 factors, 1,000 actions of 245 characters) in 4.2 s and 90 MiB.
MAX_ACTIONS = 1_000
MAX_ALL_ACTION_CHARS = 250_000
MAX_NOTE_CHARS = 250_000  # what set_notes accepts
MAX_SHORT_CHARS = 300  # titles, organisations, names, roles, owners, labels
MAX_ACTION_CHARS = 20_000  # what add_action accepts (and a participant's comment)
MAX_ALL_NOTES_CHARS = 4_000_000

_MATCHED_GUIDES: dict[str, str] = {}  # sha256 -> the scoring guide text found to match it (last few)


def matching_guide(text: str, digest: str) -> str | None:
    """text if its UTF-8 bytes hash to digest (the scoring guide's checksum), else None.

    A text that matched this digest before is compared with it (equal text, equal hash) instead
    of hashed again, and the earlier string is returned: the parsed-guide caches keyed by it then
    find it without hashing its 200 KB again. An open checks the guide and then loads it. The
    bundled guide's text under the bundled guide's checksum is not hashed either: the checksum
    was recorded from that very text when the app was built.
    """
    known = _MATCHED_GUIDES.get(digest)
    if known is not None and known == text:
        return known
    from .framework_bundled import bundled_text

    bundled = bundled_text(digest)  # the bundled guide's checksum, recorded when the app was built
    if bundled is not None and bundled == text:
        text = bundled
    elif sha256_hex(text) != digest:
        return None
    if len(_MATCHED_GUIDES) >= 4:
        _MATCHED_GUIDES.pop(next(iter(_MATCHED_GUIDES)))
    _MATCHED_GUIDES[digest] = text
    return text


def read_framework(conn: sqlite3.Connection, name: str) -> Framework:
    """Parse the file's scoring guide, refusing one too deep, too large or not matching its hash."""
    return _read_framework(conn, name)[0]


def _read_framework(conn: sqlite3.Connection, name: str) -> tuple[Framework, str]:
    """The file's scoring guide and its checksum (checked against its text)."""
    rows = conn.execute("SELECT content, sha256, typeof(content) FROM framework_snapshot "
                        "ORDER BY id LIMIT 2").fetchall()
    if not rows:
        raise DamagedFileError(f"{name} has no scoring guide; it is incomplete.")
    if len(rows) > 1:
        raise DamagedFileError(f"{name} holds more than one scoring guide; it was not opened.")
    content, digest, kind = rows[0]
    if kind != "text":
        raise DamagedFileError(f"{name} is damaged: its scoring guide is not text.")
    content = matching_guide(str(content), str(digest))
    if content is None:
        raise DamagedFileError(f"{name} is damaged: its scoring guide does not match its checksum.")
    try:
        framework = parse_framework(content, f"{name} (scoring guide)")
    except FrameworkError as exc:
        raise DamagedFileError(f"{name} is damaged: {exc}") from exc
    except (RecursionError, ValueError, TypeError) as exc:
        raise DamagedFileError(f"{name} is damaged: its scoring guide cannot be read.") from exc
    levels = framework.scale.levels
    if len(framework.dimensions) > MAX_DIMENSIONS or len(framework.factors) > MAX_FACTORS:
        raise DamagedFileError(
            f"{name} has a scoring guide with {len(framework.dimensions)} dimensions and "
            f"{len(framework.factors)} factors, far more than the app uses; it was not opened.")
    if len(levels) > MAX_SCALE_LEVELS or levels[0].value < 0 or levels[-1].value > 100:
        raise DamagedFileError(f"{name} has a scoring scale the app cannot show; it was not opened.")
    return framework, str(digest)


def _count(conn: sqlite3.Connection, sql: str, *params: object) -> int:
    return int(conn.execute(sql, params).fetchone()[0])


def _rows(condition: str) -> str:
    """The number of rows for which condition holds (as `count(*) ... WHERE condition`)."""
    return f"count(CASE WHEN {condition} THEN 1 END)"


def _damaged(problem: str) -> str:
    return f"is damaged: {problem}; it was not opened."


def _refuse_any(conn: sqlite3.Connection, name: str, table: str, checks: list[tuple[str, str]],
                params: tuple[object, ...] = (), totals: tuple[str, ...] = ()) -> list[int]:
    """Count every check's aggregate over table in one pass; refuse with the first that is not 0.

    Each check is (aggregate SQL, the message after the file's name; "{found:,}" in it is the
    count). One statement per table instead of one per check: opening a file compiles a few
    dozen statements, not hundreds. Returns the values of the `totals` aggregates.
    """
    columns = [c for c, _ in checks] + list(totals)
    row = conn.execute(f'SELECT {", ".join(columns)} FROM "{table}"', params).fetchone()
    for (_, message), found in zip(checks, row, strict=False):
        if found:
            raise DamagedFileError(f"{name} " + message.replace("{found:,}", f"{int(found):,}"))
    return [int(v) for v in row[len(checks):]]


def _in_guide(column: str) -> str:
    """column is one of the values in the JSON list bound as the statement's parameter (the
    file's own ids: bound, never spliced into the SQL)."""
    return f'"{column}" IN (SELECT value FROM json_each(?))'


def _in_list(values: tuple[object, ...]) -> str:
    return ", ".join(f"'{v}'" if isinstance(v, str) else str(v) for v in values)


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


def _check_dates(conn: sqlite3.Connection, name: str, table: str, columns: tuple[str, ...],
                 what: str) -> None:
    for column in columns:
        for (value,) in conn.execute(f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'):
            if not _is_date(value):
                raise DamagedFileError(
                    f"{name} is damaged: {what} has a date that is not a date; it was not opened.")


def _text_checks(columns: tuple[str, ...], what: str, longest: int = MAX_SHORT_CHARS) -> list[tuple[str, str]]:
    """Every value text, and no longer than the app lets anyone type (a title, a name...)."""
    checks = []
    for column in columns:
        checks.append((_rows(f"typeof(\"{column}\") != 'text'"),
                       _damaged(f"{what} holds a value that is not text where text belongs")))
        checks.append((_rows(f'length("{column}") > {longest}'),
                       _damaged(f"{what} holds a text far longer than the app accepts")))
    return checks


def _check_texts(conn: sqlite3.Connection, name: str, table: str, columns: tuple[str, ...],
                 what: str, longest: int = MAX_SHORT_CHARS) -> None:
    _refuse_any(conn, name, table, _text_checks(columns, what, longest))


def check_values(conn: sqlite3.Connection, name: str) -> Framework:
    """Refuse any value the app would never write; return the file's framework."""
    framework, digest = _read_framework(conn, name)
    from .framework_move import (  # format 6: earlier guides
        archived_dimension_ids,
        archived_factor_ids,
        check_guides,
    )

    check_guides(conn, name, framework, digest)

    factors = json.dumps(list(dict.fromkeys([*(f.id for f in framework.factors),
                                             *sorted(archived_factor_ids(conn, name))])))
    dimensions = json.dumps(list(dict.fromkeys([*(d.id for d in framework.dimensions),
                                                *sorted(archived_dimension_ids(conn, name))])))
    scale = tuple(lv.value for lv in framework.scale.levels)
    _check_engagement(conn, name)
    _refuse_any(conn, name, "round", [
        ("count(*) = 0", "has no assessment rounds; it is incomplete."),
        (f"CASE WHEN count(*) > {MAX_ROUNDS} THEN count(*) END",
         "has {found:,} rounds, far more than a workshop makes; it was not opened."),
        *_text_checks(("label",), "a round"),
        (_rows("typeof(position) != 'integer' OR trim(label) = '' OR length(label) > 100"),
         _damaged("a round has no usable label or position")),
        ("count(*) - count(DISTINCT lower(label))", _damaged("two rounds have the same label")),
    ])
    _check_dates(conn, name, "round", ("date",), "a round")
    for table, column, what in (("participant", "id", "participants"), ("action", "id", "actions")):
        limit = MAX_PARTICIPANTS if table == "participant" else MAX_ACTIONS
        found = _count(conn, f'SELECT count("{column}") FROM "{table}"')
        if found > limit:
            raise DamagedFileError(f"{name} has {found:,} {what}, far more than a workshop "
                                   f"makes (the limit is {limit:,}); it was not opened.")
    _refuse_any(conn, name, "participant", [
        *_text_checks(("name", "role", "side"), "a participant"),
        (_rows(f"typeof(position) != 'integer' OR side NOT IN ({_in_list(SIDES)})"),
         _damaged("a participant has an unknown side")),
    ])
    _check_scores(conn, name, factors, scale)
    _check_actions(conn, name, factors)
    _check_prework(conn, name)
    _check_scope(conn, name, dimensions)
    _check_context(conn, name)
    _check_excluded(conn, name, factors)
    _check_parking_and_agenda(conn, name, factors, dimensions)
    return framework


def _check_context(conn: sqlite3.Connection, name: str) -> None:
    """The engagement's context (format 5, issue 21): one row, a known regime, short texts."""
    from .context import MAX_CONTEXT_CHARS, REGIMES

    _refuse_any(conn, name, "engagement_context", [
        *_text_checks(("procurement_regime", "authority_type", "contract_model"),
                      "the engagement's context", MAX_CONTEXT_CHARS),
        (_rows(f"id != 1 OR procurement_regime NOT IN ('', {_in_list(tuple(REGIMES))})"),
         _damaged("the engagement's context names a procurement regime the app does not know")),
    ])


def _check_parking_and_agenda(conn: sqlite3.Connection, name: str, factors: str,
                              dimensions: str) -> None:
    """The parking list and the agenda for the day (format 5, issue 15)."""
    from .model import PARKING_RAISERS, PARKING_STATUSES

    _refuse_any(conn, name, "parking_item", [
        (f"CASE WHEN count(*) > {MAX_ACTIONS} THEN count(*) END",
         "has {found:,} parked points, far more than a workshop makes; it was not opened."),
        *_text_checks(("uuid", "status"), "a parked point"),
        *_text_checks(("text",), "a parked point", 5_000),
        (_rows(f"status NOT IN ({_in_list(PARKING_STATUSES)}) OR (raised_by IS NOT NULL AND raised_by "
               f"NOT IN ({_in_list(PARKING_RAISERS)})) OR typeof(position) != 'integer'"),
         _damaged("a parked point has an unknown status or person")),
        (_rows(f"factor_id IS NOT NULL AND NOT {_in_guide('factor_id')}"),
         _damaged("a parked point is for a factor its scoring guide does not have")),
    ], (factors,))
    for (value,) in conn.execute("SELECT raised_at FROM parking_item"):
        try:
            dt.datetime.fromisoformat(str(value))
        except ValueError:
            raise DamagedFileError(f"{name} is damaged: a parked point has a time that is not a "
                                   "time; it was not opened.") from None
    for table in ("agenda", "agenda_break", "agenda_dimension"):
        _refuse_any(conn, name, table, [
            (_rows('round_id NOT IN (SELECT id FROM "round")'),
             _damaged("the agenda is for a round the file does not have")),
            ("count(*) > 10000", "holds far more agenda than a workshop makes; it was not opened."),
        ])
    _refuse_any(conn, name, "agenda", [(_rows(
        "typeof(start_minute) != 'integer' OR typeof(finish_minute) != 'integer' OR start_minute < 0 "
        "OR finish_minute > 1440 OR finish_minute <= start_minute"),
        _damaged("the agenda's start or finish is not a time of day"))])
    _refuse_any(conn, name, "agenda_break", [
        *_text_checks(("label",), "a break in the agenda", 100),
        (_rows("typeof(start_minute) != 'integer' OR typeof(minutes) != 'integer' OR start_minute < 0 "
               "OR start_minute > 1440 OR minutes < 1 OR minutes > 240"),
         _damaged("a break in the agenda has no usable time")),
    ])
    _refuse_any(conn, name, "agenda_dimension", [(_rows(
        f"NOT {_in_guide('dimension_id')} OR typeof(minutes) != 'integer' OR minutes < 0 OR "
        "minutes > 1440"), _damaged("the agenda names a dimension its scoring guide does not have"))],
        (dimensions,))


def _check_prework(conn: sqlite3.Connection, name: str) -> None:
    """Participants' email addresses and the report's names choice (format 4, issue 17)."""
    from .prework.contacts import EMAIL, MAX_EMAIL_CHARS, REPORT_NAMES_KEY

    _check_texts(conn, name, "participant_contact", ("uuid", "email"), "a participant's email address",
                 MAX_EMAIL_CHARS)
    for (email,) in conn.execute("SELECT email FROM participant_contact LIMIT 10000"):
        if not EMAIL.fullmatch(email):
            raise DamagedFileError(f"{name} holds a participant's email address the app never "
                                   "writes; it was not opened.")
    _refuse_any(conn, name, "file_meta", [(_rows(f"key = '{REPORT_NAMES_KEY}' AND value != 'shown'"),
                                           _damaged("the report's names setting is unknown"))])


def _check_scope(conn: sqlite3.Connection, name: str, dimensions: str) -> None:
    """Each round's scope names dimensions of the file's own scoring guide, at most once each."""
    _refuse_any(conn, name, "round_scope", [
        *_text_checks(("uuid", "dimension_id"), "a round's scope"),
        (_rows(f"NOT {_in_guide('dimension_id')}"),
         _damaged("a round's scope names a dimension its scoring guide does not have")),
        (_rows('round_id NOT IN (SELECT id FROM "round")'),
         _damaged("a round's scope is for a round the file does not have")),
    ], (dimensions,))


def _check_excluded(conn: sqlite3.Connection, name: str, factors: str) -> None:
    """The factors left out of each round are factors of the file's own scoring guide."""
    _refuse_any(conn, name, "round_excluded_factor", [
        *_text_checks(("uuid", "factor_id"), "a factor left out of a round"),
        (_rows(f"NOT {_in_guide('factor_id')}"),
         _damaged("a factor left out of a round is not in its scoring guide")),
        (_rows('round_id NOT IN (SELECT id FROM "round")'),
         _damaged("a factor is left out of a round the file does not have")),
    ], (factors,))


def _check_engagement(conn: sqlite3.Connection, name: str) -> None:
    _refuse_any(conn, name, "engagement", [
        ("count(CASE WHEN id = 1 THEN 1 END) != 1", "has no engagement record; it is incomplete."),
        (_rows("id != 1"), _damaged("it holds more than one engagement record")),
        *_text_checks(("uuid", "title", "client_organisation", "provider_organisation", "contract_name",
                       "contract_reference", "facilitator", "workshop_venue"), "the engagement record"),
        (_rows("contract_annual_value IS NOT NULL AND (typeof(contract_annual_value) != 'integer' OR "
               "contract_annual_value < 0)"),
         _damaged("the contract's annual value is not a whole number of pounds")),
    ])
    _check_dates(conn, name, "engagement", ("contract_start", "contract_end", "workshop_date"),
                 "the engagement record")


def _check_scores(conn: sqlite3.Connection, name: str, factors: str, scale: tuple[int, ...]) -> None:
    levels = _in_list(scale)
    total = 0
    for table, text_column in (("score", "notes"), ("participant_score", "comment")):
        what = "a score" if table == "score" else "a participant's score"
        checks = [
            *_text_checks(("factor_id",), what),
            *_text_checks((text_column,), what, MAX_NOTE_CHARS if table == "score" else MAX_ACTION_CHARS),
            (_rows(f"level IS NOT NULL AND (typeof(level) != 'integer' OR level NOT IN ({levels}))"),
             _damaged(f"{what} has a level outside the scoring scale")),
            (_rows(f"NOT {_in_guide('factor_id')}"),
             _damaged(f"{what} is for a factor its scoring guide does not have")),
        ]
        if table == "score":
            checks.append((_rows(f"perspective NOT IN ({_in_list(PERSPECTIVES)}) OR (confidence IS NOT "
                                 f"NULL AND confidence NOT IN ({_in_list(CONFIDENCES)}))"),
                           _damaged("a score has an unknown perspective or confidence")))
        total += _refuse_any(conn, name, table, checks, (factors,),
                             (f'coalesce(sum(length("{text_column}")), 0)',))[0]
    _refuse_if(conn, name, "SELECT count(*) FROM (SELECT 1 FROM score GROUP BY round_id, "
               "factor_id, perspective HAVING count(*) > 1)", "a factor is scored twice")
    if total > MAX_ALL_NOTES_CHARS:
        raise DamagedFileError(f"{name} holds far more notes than a workshop makes; it was not opened.")


def _refuse_if(conn: sqlite3.Connection, name: str, sql: str, problem: str) -> None:
    if _count(conn, sql):
        raise DamagedFileError(f"{name} is damaged: {problem}; it was not opened.")


def _check_actions(conn: sqlite3.Connection, name: str, factors: str) -> None:
    _refuse_any(conn, name, "action", [
        *_text_checks(("factor_id", "owner", "side", "status"), "an action"),
        *_text_checks(("text",), "an action", MAX_ACTION_CHARS),
        (_rows(f"side NOT IN ({_in_list(ACTION_SIDES)}) OR status NOT IN ({_in_list(ACTION_STATUSES)}) "
               "OR typeof(position) != 'integer'"), _damaged("an action has an unknown side or status")),
        (_rows(f"NOT {_in_guide('factor_id')}"),
         _damaged("an action is for a factor its scoring guide does not have")),
        ("coalesce(sum(length(text)) + sum(length(owner)), 0) > " + str(MAX_ALL_ACTION_CHARS),
         "holds far more action text than a workshop makes; it was not opened."),
    ], (factors,))
    _check_dates(conn, name, "action", ("due_date",), "an action")
