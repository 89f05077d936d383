"""Operations written as JSON (for `mutuality-desktop apply`), read against an open engagement.

Rounds may be named by label or id, participants by name or id, actions by id; factors by their
framework id. See docs/json-format.md. Each operation is read just before it is applied, inside
the one transaction, so a later operation can name a round an earlier one added.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import operations as ops
from .engagement import Engagement
from .errors import ValidationError
from .jsonio import parse_date
from .model import PERSPECTIVES
from .validation import clean_text

PERSPECTIVE_HELP = "client, provider or agreed"


def _text(item: dict[str, Any], key: str, default: Any = ...) -> Any:
    if key not in item:
        if default is ...:
            raise ValidationError(f"It needs '{key}'.")
        return default
    value = item[key]
    if value is not None and not isinstance(value, str):
        raise ValidationError(f"'{key}' must be text.")
    return value


def _level(item: dict[str, Any], key: str = "level") -> int | None:
    if key not in item:
        raise ValidationError(f"It needs '{key}' (a level, or null for not assessed).")
    value = item[key]
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValidationError(f"'{key}' must be a whole number or null.")
    return value


def _changes(item: dict[str, Any], dates: tuple[str, ...] = ()) -> dict[str, Any]:
    changes = item.get("changes")
    if not isinstance(changes, dict) or not changes:
        raise ValidationError("It needs 'changes', an object of the fields to change.")
    return {k: parse_date(v, k) if k in dates else v for k, v in changes.items()}


def _round(eng: Engagement, name: Any) -> str:
    if not isinstance(name, str) or not name:
        raise ValidationError("It needs 'round' (a round's label or id).")
    for rnd in eng.rounds():
        if name in (rnd.uuid,) or rnd.label.casefold() == name.casefold():
            return rnd.uuid
    raise ValidationError(f"There is no round called '{clean_text(name[:60], 'round')}'.")


def _participant(eng: Engagement, name: Any) -> str:
    if not isinstance(name, str) or not name:
        raise ValidationError("It needs 'participant' (a participant's name or id).")
    found = [p for p in eng.participants() if name == p.uuid or p.name.casefold() == name.casefold()]
    if len(found) != 1:
        shown = clean_text(name[:60], "participant")
        raise ValidationError(f"There is no participant called '{shown}'." if not found else
                              f"More than one participant is called '{shown}'; use the id.")
    return found[0].uuid


def _score_key(eng: Engagement, item: dict[str, Any]) -> tuple[str, str, str]:
    perspective = _text(item, "perspective", "agreed")
    if perspective not in PERSPECTIVES:
        raise ValidationError(f"'perspective' must be {PERSPECTIVE_HELP}.")
    return _round(eng, item.get("round")), _text(item, "factor"), perspective


def _action_fields(eng: Engagement, item: dict[str, Any]) -> dict[str, Any]:
    fields = {k: item[k] for k in ops.ACTION_FIELDS if k in item}
    if "due" in fields:
        fields["due"] = parse_date(fields["due"], "'due'")
    if fields.get("round") is not None:
        fields["round"] = _round(eng, fields["round"])
    return fields


def operation_from_json(eng: Engagement, item: Any) -> ops.Operation:
    """One operation from its JSON object; a ValidationError says what is wrong with it."""
    if not isinstance(item, dict) or not isinstance(item.get("op"), str):
        raise ValidationError("It is not an object with an 'op'.")
    kind = item["op"]
    if kind in ("set_score", "set_notes", "set_confidence"):
        key = _score_key(eng, item)
        if kind == "set_score":
            return ops.SetScore(*key, _level(item))
        if kind == "set_notes":
            return ops.SetNotes(*key, _text(item, "notes"))
        return ops.SetConfidence(*key, _text(item, "confidence"))
    if kind == "set_participant_score":
        return ops.SetParticipantScore(_round(eng, item.get("round")), _text(item, "factor"),
                                       _participant(eng, item.get("participant")), _level(item),
                                       _text(item, "comment", "") or "")
    if kind == "update_info":
        return ops.UpdateInfo(_changes(item, ("contract_start", "contract_end", "workshop_date")))
    if kind == "set_branding":
        return ops.SetBranding(_text(item, "content"))
    if kind == "add_participant":
        return ops.AddParticipant(_text(item, "name"), _text(item, "role", "") or "",
                                  _text(item, "side", "client"), _text(item, "id", "") or "",
                                  email=_text(item, "email", "") or "")
    if kind == "set_participant_email":
        return ops.SetParticipantEmail(_participant(eng, item.get("participant")),
                                       _text(item, "email", "") or "")
    if kind == "set_report_names":
        if not isinstance(item.get("shown"), bool):
            raise ValidationError("It needs 'shown': true or false.")
        return ops.SetReportNames(item["shown"])
    if kind == "update_participant":
        return ops.UpdateParticipant(_participant(eng, item.get("participant")), _changes(item))
    if kind == "remove_participant":
        return ops.RemoveParticipant(_participant(eng, item.get("participant")))
    if kind == "add_round":
        from .scope import new_round  # the latest round's scope to start with, as in the window

        return new_round(eng, _text(item, "label"), parse_date(item.get("date"), "'date'"),
                         _text(item, "id", "") or "")
    if kind == "update_round":
        return ops.UpdateRound(_round(eng, item.get("round")), _changes(item, ("date",)))
    if kind == "remove_round":
        return ops.RemoveRound(_round(eng, item.get("round")))
    if kind == "set_scope":
        dimensions = item.get("dimensions")
        if not isinstance(dimensions, list) or not all(isinstance(d, str) for d in dimensions):
            raise ValidationError("It needs 'dimensions', a list of dimension ids ([] for the default).")
        return ops.SetScope(_round(eng, item.get("round")), tuple(dimensions))
    if kind == "set_excluded_factors":
        factors = item.get("factors")
        if not isinstance(factors, list) or not all(isinstance(f, str) for f in factors):
            raise ValidationError("It needs 'factors', a list of factor ids ([] for none left out).")
        return ops.SetExcludedFactors(_round(eng, item.get("round")), tuple(factors))
    if kind == "set_not_applicable":
        reason = item.get("reason")
        if reason is not None and not isinstance(reason, str):
            raise ValidationError("'reason' must be text (null clears the mark).")
        return ops.SetNotApplicable(_round(eng, item.get("round")), _text(item, "factor"), reason)
    if kind == "move_to_framework":  # issue 21: the new guide as a JSON object (or its text)
        guide = item.get("guide", item.get("content"))
        if isinstance(guide, dict):
            import json

            guide = json.dumps(guide, ensure_ascii=False, indent=1)
        if not isinstance(guide, str):
            raise ValidationError("It needs 'guide', the scoring guide to move to (its JSON).")
        return ops.MoveToFramework(guide)
    if kind == "add_action":
        fields = _action_fields(eng, item)
        if "factor" not in fields or "text" not in fields:
            raise ValidationError("It needs 'factor' and 'text'.")
        return ops.AddAction(**fields, uuid=_text(item, "id", "") or "")
    if kind == "update_action":
        action = _text(item, "action")
        return ops.UpdateAction(action, _action_fields(eng, {**_changes(item)}))
    if kind == "remove_action":
        return ops.RemoveAction(_text(item, "action"))
    if kind in ("add_parking", "update_parking", "resolve_parking", "remove_parking", "set_agenda"):
        from .opsjson_parking import parking_operation

        return parking_operation(eng, item, _round, _changes)
    raise ValidationError(f"'{clean_text(kind[:40], 'op')}' is not an operation; the operations are: "
                          f"{', '.join(sorted(ops.OPERATIONS))}.")


def apply_json_operations(eng: Engagement, items: Any) -> list[ops.Change]:
    """Apply a JSON list of operations in one transaction: all of them, or none."""
    if not isinstance(items, list):
        raise ValidationError("The operations must be a JSON list, [ {\"op\": ...}, ... ].")
    current = [0, ""]

    def each() -> Iterator[ops.Operation]:
        for number, item in enumerate(items, 1):
            current[0] = number
            current[1] = str(item.get("op", "?"))[:40] if isinstance(item, dict) else "?"
            yield operation_from_json(eng, item)

    try:
        return eng.apply_all(each())
    except ValidationError as exc:
        detail = str(exc).removesuffix(" Nothing was changed.").removesuffix("; nothing was changed.")
        raise ValidationError(f"Operation {current[0]} ({clean_text(str(current[1]), 'op')}) was "
                              f"refused: {detail} Nothing was changed.") from exc
