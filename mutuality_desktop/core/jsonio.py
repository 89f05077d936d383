"""The engagement as documented JSON (docs/json-format.md): written out, and read back into a new
engagement file with the same identities.

A JSON file is untrusted input: its size is capped before reading, and every value goes through
the same checks as an edit in the window (the rows are created by operations).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import operations as ops
from .agenda import read_agenda
from .engagement import Engagement
from .errors import EngagementFileError, ValidationError
from .framework import Framework, default_framework, parse_framework
from .history import read_entries, to_json
from .model import INFO_FIELDS, EngagementInfo, new_uuid
from .opsjson_parking import agenda_json, agenda_operation, parking_json, parking_operations
from .prework.contacts import participant_emails, report_names_shown
from .snapshot import RoundSnapshot, take_snapshot
from .validation import clean_text

FORMAT = "mutuality-engagement"
VERSION = 1
MAX_JSON_BYTES = 64 * 1024 * 1024
MAX_TARGET_CHARS = 10_000  # a history entry's target names a few ids
MAX_VALUE_CHARS = 4_000_000  # its before and after (a removed round with all its notes)
_DATE_INFO = ("contract_start", "contract_end", "workshop_date")


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def engagement_json(eng: Engagement) -> dict[str, Any]:
    """The whole engagement as JSON-ready data (ids are the rows' UUIDs)."""
    snap = take_snapshot(eng)
    fw = snap.framework
    fw_sha = hashlib.sha256(fw.source_text.encode("utf-8")).hexdigest()
    builtin = default_framework()
    framework: dict[str, Any] = {"id": fw.id, "version": fw.version, "sha256": fw_sha}
    if hashlib.sha256(builtin.source_text.encode("utf-8")).hexdigest() != fw_sha:
        framework["source"] = fw.source_text  # not this app's own guide: carry it along
    from .framework_move import guides_json

    framework.update(guides_json(eng))  # format 6: earlier guides and the rounds scored on them
    info = snap.info
    details: dict[str, Any] = {"id": info.uuid}
    for key in INFO_FIELDS:
        value = getattr(info, key)
        details[key] = _iso(value) if key in _DATE_INFO else value
    people = snap.participants
    person_uuid = {p.id: p.uuid for p in people}
    round_uuid = {r.round.id: r.round.uuid for r in snap.rounds}
    emails = participant_emails(eng)
    return {
        "format": FORMAT,
        "version": VERSION,
        "framework": framework,
        "engagement": details,
        "participants": [{"id": p.uuid, "name": p.name, "role": p.role, "side": p.side,
                          "position": p.position, **({"email": emails[p.id]} if p.id in emails else {})}
                         for p in people],
        "report_names": report_names_shown(eng),
        "rounds": [{**_round_json(r, person_uuid), "agenda": agenda_json(read_agenda(eng, r.round.id))}
                   for r in snap.rounds],
        "actions": [{"id": a.uuid, "factor": a.factor_id, "text": a.text, "owner": a.owner,
                     "side": a.side, "due": _iso(a.due_date), "status": a.status,
                     "round": round_uuid.get(a.round_id) if a.round_id is not None else None,
                     "position": a.position} for a in snap.actions],
        "parking": parking_json(eng, round_uuid),
        "branding": snap.branding_json,
        "history": [{"id": h.uuid, "at": _iso(h.at), "author": h.author, "replica": h.replica,
                     "op": h.op, "target": h.target, "before": h.before, "after": h.after}
                    for h in read_entries(eng.connection)],
    }


def _round_json(view: RoundSnapshot, person_uuid: dict[int, str]) -> dict[str, Any]:
    scores = sorted(view.scores.values(), key=lambda s: (s.factor_id, s.perspective))
    rnd = view.round
    return {
        "id": rnd.uuid, "label": rnd.label, "date": _iso(rnd.date), "position": rnd.position,
        "scope": list(view.chosen_scope) or None,
        "excluded_factors": sorted(view.excluded) or None,
        "not_applicable": [{"factor": f, "reason": r} for f, r in view.not_applicable.items()],
        "scores": [{"id": s.uuid, "factor": s.factor_id, "perspective": s.perspective,
                    "level": s.level, "notes": s.notes, "confidence": s.confidence} for s in scores],
        "participant_scores": [{"id": p.uuid, "factor": p.factor_id,
                                "participant": person_uuid.get(p.participant_id), "level": p.level,
                                "comment": p.comment} for p in view.participant_scores],
    }


def dumps(data: dict[str, Any], *, ascii_only: bool = False) -> str:
    """JSON text; ascii_only for a terminal (no control or direction characters reach it)."""
    return json.dumps(data, ensure_ascii=ascii_only, indent=2) + "\n"


def load_json_file(path: Path, what: str) -> Any:
    """Read a JSON file defensively; any problem becomes one sentence."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise EngagementFileError(f"{path.name} is not a file.")
        if size > MAX_JSON_BYTES:
            raise EngagementFileError(f"{path.name} is {size // (1024 * 1024)} MB, far larger than "
                                      f"any {what}; it was not read.")
        text = path.read_text(encoding="utf-8")
        return json.loads(text)
    except FileNotFoundError as exc:
        raise EngagementFileError(f"The file {path.name} does not exist.") from exc
    except UnicodeDecodeError as exc:
        raise EngagementFileError(f"{path.name} is not UTF-8 text, so it is not {what}.") from exc
    except (ValueError, RecursionError) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise EngagementFileError(f"{path.name} is not valid JSON{where}, so it is not {what}.") from exc
    except OSError as exc:
        raise EngagementFileError(f"The file {path.name} cannot be read: {exc.strerror}.") from exc


# --- reading it back -------------------------------------------------------------------------

def _get(obj: Any, key: str, kind: type | tuple[type, ...], where: str, default: Any = ...) -> Any:
    if not isinstance(obj, dict):
        raise ValidationError(f"{where} must be a JSON object.")
    if key not in obj:
        if default is ...:
            raise ValidationError(f"{where} has no '{key}'.")
        return default
    value = obj[key]
    if value is not None and not isinstance(value, kind) or isinstance(value, bool) and kind is int:
        raise ValidationError(f"{where}: '{key}' has the wrong type.")
    return value


def parse_date(value: Any, what: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValidationError(f"{what} '{str(value)[:40]}' is not a date (YYYY-MM-DD).")


def _framework(data: dict[str, Any]) -> Framework:
    fw = _get(data, "framework", dict, "The JSON")
    source = _get(fw, "source", str, "framework", None)
    if source is not None:
        return parse_framework(source, "the JSON's scoring guide")
    builtin = default_framework()
    if (fw.get("id"), fw.get("version")) != (builtin.id, builtin.version):
        raise ValidationError(
            f"The engagement was scored with the guide {fw.get('id')} version {fw.get('version')}, "
            "which this app does not have, and the JSON does not carry it.")
    return builtin


def _info(data: dict[str, Any]) -> EngagementInfo:
    details = _get(data, "engagement", dict, "The JSON")
    values: dict[str, Any] = {}
    for key in INFO_FIELDS:
        kind: type | tuple[type, ...] = int if key == "contract_annual_value" else str
        value = _get(details, key, kind, "engagement", None)
        values[key] = parse_date(value, key.replace("_", " ").capitalize()) if key in _DATE_INFO else value
        if value is None and kind is str and key not in _DATE_INFO:
            values[key] = ""
    values["uuid"] = _get(details, "id", str, "engagement", "") or ""
    return EngagementInfo(**values)


def _operations(data: dict[str, Any], fw: Framework) -> Iterator[ops.Operation]:
    """The operations that rebuild the rows of the JSON, identities included."""
    people = _get(data, "participants", list, "The JSON", [])
    for i, p in enumerate(people, 1):
        where = f"participant {i}"
        yield ops.AddParticipant(_get(p, "name", str, where), _get(p, "role", str, where, "") or "",
                                 _get(p, "side", str, where, "client"), _get(p, "id", str, where, ""),
                                 _get(p, "position", int, where, None),
                                 email=_get(p, "email", str, where, "") or "")
    rounds = _get(data, "rounds", list, "The JSON")
    if not rounds:
        raise ValidationError("The JSON has no rounds; an engagement needs at least one.")
    for i, r in enumerate(rounds, 1):
        where = f"round {i}"
        uuid = _get(r, "id", str, where, "") or new_uuid()
        yield ops.AddRound(_get(r, "label", str, where), parse_date(_get(r, "date", str, where, None), where),
                           uuid, _get(r, "position", int, where, None))
        scope = _get(r, "scope", list, where, None)
        if scope:
            yield ops.SetScope(uuid, tuple(scope))
        excluded = _get(r, "excluded_factors", list, where, None)
        if excluded:
            yield ops.SetExcludedFactors(uuid, tuple(excluded))
        agenda = _get(r, "agenda", dict, where, None)
        if agenda:
            yield agenda_operation(uuid, agenda)
        for j, mark in enumerate(_get(r, "not_applicable", list, where, []) or [], 1):
            at = f"{where}, not applicable {j}"
            yield ops.SetNotApplicable(uuid, _get(mark, "factor", str, at), _get(mark, "reason", str, at))
        for j, s in enumerate(_get(r, "scores", list, where, []), 1):
            at = f"{where}, score {j}"
            key = (uuid, _get(s, "factor", str, at), _get(s, "perspective", str, at))
            sid = _get(s, "id", str, at, "") or ""
            yield ops.SetScore(*key, _get(s, "level", int, at, None), uuid=sid)
            yield ops.SetNotes(*key, _get(s, "notes", str, at, "") or "")
            yield ops.SetConfidence(*key, _get(s, "confidence", str, at, None))
        for j, s in enumerate(_get(r, "participant_scores", list, where, []), 1):
            at = f"{where}, participant score {j}"
            yield ops.SetParticipantScore(uuid, _get(s, "factor", str, at), _get(s, "participant", str, at),
                                          _get(s, "level", int, at, None),
                                          _get(s, "comment", str, at, "") or "",
                                          uuid=_get(s, "id", str, at, "") or "")
    for i, a in enumerate(_get(data, "actions", list, "The JSON", []), 1):
        where = f"action {i}"
        yield ops.AddAction(_get(a, "factor", str, where), _get(a, "text", str, where),
                            _get(a, "owner", str, where, "") or "", _get(a, "side", str, where, "joint"),
                            parse_date(_get(a, "due", str, where, None), where),
                            _get(a, "status", str, where, "open"), _get(a, "round", str, where, None),
                            _get(a, "id", str, where, "") or "", _get(a, "position", int, where, None))
    yield from parking_operations(data.get("parking"))
    branding = _get(data, "branding", str, "The JSON", None)
    if branding is not None:
        yield ops.SetBranding(branding)
    if _get(data, "report_names", bool, "The JSON", False):
        yield ops.SetReportNames(True)


def create_from_json(data: Any, path: Path) -> Engagement:
    """Create a new engagement file from its JSON form; return it open. All or nothing."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(f"This JSON is not a Mutuality engagement (its format is not '{FORMAT}').")
    version = data.get("version")
    if version != VERSION:
        raise ValidationError(f"This JSON is engagement format version {version}; this app reads "
                              f"version {VERSION}.")
    fw = _framework(data)
    info = _info(data)
    if info.uuid:
        from .apply_base import identity

        identity(info.uuid)
    eng = Engagement.create(path, info, fw, baseline_label=None)
    try:
        from .framework_move import restore_archive, restore_pins

        restore_archive(eng, data["framework"])  # before the scores: a dropped factor's are kept
        eng.apply_all(_operations(data, fw), record=False)
        restore_pins(eng, data["framework"])
        _copy_history(eng, _get(data, "history", list, "The JSON", []))
    except BaseException:
        eng.close()
        Path(path).unlink(missing_ok=True)
        raise
    return eng


def _copy_history(eng: Engagement, entries: list[Any]) -> None:
    """Carry the recorded history over as it was (who, when, which copy, before, after)."""
    from .apply_base import identity

    rows = []
    for i, h in enumerate(entries, 1):
        where = f"history entry {i}"
        at = _get(h, "at", str, where)
        try:
            when = dt.datetime.fromisoformat(at)
        except ValueError as exc:
            raise ValidationError(f"{where}: '{at[:40]}' is not a date and time.") from exc
        target = to_json(_get(h, "target", dict, where, {}))
        before, after = to_json(h.get("before")), to_json(h.get("after"))
        if len(target) > MAX_TARGET_CHARS or max(len(before), len(after)) > MAX_VALUE_CHARS:
            raise ValidationError(f"{where} holds a value far longer than the app ever records.")
        replica = _get(h, "replica", str, where, "") or ""
        rows.append((identity(_get(h, "id", str, where)), when.isoformat(sep=" "),
                     clean_text(_get(h, "author", str, where, "") or "", "An author", 200),
                     identity(replica) if replica else "", _get(h, "op", str, where)[:40], target,
                     before, after))
    eng.insert_history(rows)
