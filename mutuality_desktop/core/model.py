"""Plain, immutable views of an engagement's data handed to the UI, scoring and report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields
from typing import Any, TypeVar

T = TypeVar("T")

# The vocabulary, defined here only: each value as stored in the file, with its label for people.
# The orders are those of the file's CHECK constraints (core/schema.py); screens may list the
# values in another order but take the labels from here.
PERSPECTIVE_LABELS = {"client": "Client", "provider": "Provider", "agreed": "Agreed"}
PERSPECTIVES = tuple(PERSPECTIVE_LABELS)  # a score's perspective: each side's own view, the room's
SIDE_LABELS = {"client": "Client", "provider": "Provider", "facilitator": "Facilitator", "observer": "Observer"}
SIDES = tuple(SIDE_LABELS)  # a participant's side
ACTION_SIDE_LABELS = {"client": "Client", "provider": "Provider", "joint": "Joint"}
ACTION_SIDES = tuple(ACTION_SIDE_LABELS)  # who owns an action
ACTION_STATUS_LABELS = {"open": "Open", "in progress": "In progress", "done": "Done", "dropped": "Dropped"}
ACTION_STATUSES = tuple(ACTION_STATUS_LABELS)
CONFIDENCE_LABELS = {"high": "High", "medium": "Medium", "low": "Low"}
CONFIDENCES = tuple(CONFIDENCE_LABELS)  # confidence in the evidence for an agreed level
PARKING_RAISERS = ("client", "provider", "facilitator")  # who raised a parked point
PARKING_STATUSES = ("open", "resolved")


_STORY_CLOCK: ContextVar[Callable[[], dt.datetime] | None] = ContextVar("story_clock", default=None)


def utcnow() -> dt.datetime:
    """Now in UTC to the second, naive, as the engagement file stores timestamps; inside
    `story_clock`, the story's time (the demo is built on its rounds' days)."""
    story = _STORY_CLOCK.get()
    if story is not None:
        return story()
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)


@contextmanager
def story_clock(clock: Callable[[], dt.datetime]) -> Iterator[None]:
    """Every time stamp written meanwhile (rows' created and updated times, history) is the
    clock's, so a built story agrees with itself."""
    token = _STORY_CLOCK.set(clock)
    try:
        yield
    finally:
        _STORY_CLOCK.reset(token)


def new_uuid() -> str:
    """A fresh random identity for a row (rounds, participants, scores, actions, changes)."""
    import uuid  # on first use: uuid imports platform, which opening a file does not need

    return str(uuid.uuid4())


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


def builder(cls: type[T]) -> Callable[[Iterable[tuple[Any, ...]]], list[T]]:
    """Build many instances of a frozen dataclass at once, each from all its fields in order.

    Equal to `[cls(*values) for values in rows]`, without the frozen __init__'s one
    object.__setattr__ call per field: opening a file reads some thousand scores and
    participants' scores (tests/core/test_open_speed_checks.py compares the two).
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    new = object.__new__

    def build(rows: Iterable[tuple[Any, ...]]) -> list[T]:
        out = []
        for values in rows:
            obj = new(cls)
            obj.__dict__.update(zip(names, values))  # noqa: B905 (every field, in order)
            out.append(obj)
        return out

    return build


build_scores = builder(Score)
build_participant_scores = builder(ParticipantScore)
