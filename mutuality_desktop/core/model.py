"""Plain, immutable views of an engagement's data handed to the UI, scoring and report."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_mod
from dataclasses import dataclass

SIDES = ("client", "provider", "facilitator", "observer")
ACTION_SIDES = ("client", "provider", "joint")
PERSPECTIVES = ("client", "provider", "agreed")
CONFIDENCES = ("high", "medium", "low")
ACTION_STATUSES = ("open", "in progress", "done", "dropped")


def utcnow() -> dt.datetime:
    """Now in UTC to the second, naive, as the engagement file stores timestamps."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)


def new_uuid() -> str:
    """A fresh random identity for a row (rounds, participants, scores, actions, changes)."""
    return str(uuid_mod.uuid4())


@dataclass(frozen=True)
class EngagementInfo:
    title: str
    client_organisation: str
    provider_organisation: str
    contract_name: str = ""
    contract_reference: str = ""
    contract_annual_value: int | None = None
    contract_start: dt.date | None = None
    contract_end: dt.date | None = None
    facilitator: str = ""
    workshop_date: dt.date | None = None
    workshop_venue: str = ""
    # The context (file format 5, table engagement_context; see core/context.py): "" = not recorded.
    procurement_regime: str = ""  # "pcr2015" or "pa2023"
    authority_type: str = ""
    contract_model: str = ""
    uuid: str = ""


INFO_FIELDS = tuple(f for f in EngagementInfo.__dataclass_fields__ if f != "uuid")
CONTEXT_FIELDS = ("procurement_regime", "authority_type", "contract_model")
ROW_INFO_FIELDS = tuple(f for f in INFO_FIELDS if f not in CONTEXT_FIELDS)  # the engagement table's
REQUIRED_INFO_FIELDS = ("title", "client_organisation", "provider_organisation")


@dataclass(frozen=True)
class Participant:
    id: int
    name: str
    role: str
    side: str
    position: int = 0
    uuid: str = ""


@dataclass(frozen=True)
class Round:
    id: int
    label: str
    date: dt.date | None
    position: int
    uuid: str = ""


@dataclass(frozen=True)
class Score:
    round_id: int
    factor_id: str
    perspective: str
    level: int | None
    notes: str = ""
    confidence: str | None = None
    updated_at: dt.datetime | None = None
    uuid: str = ""


@dataclass(frozen=True)
class ParticipantScore:
    round_id: int
    factor_id: str
    participant_id: int
    level: int | None
    comment: str = ""
    uuid: str = ""


@dataclass(frozen=True)
class Action:
    id: int
    factor_id: str
    text: str
    owner: str = ""
    side: str = "joint"
    due_date: dt.date | None = None
    status: str = "open"
    round_id: int | None = None
    position: int = 0
    uuid: str = ""
