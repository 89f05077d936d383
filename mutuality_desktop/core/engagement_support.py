"""Pieces of Engagement that need no instance: the ORM engine on the file's connection, save
errors in words, the details check and the value converters used when reading rows."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import asdict
from typing import Any

from .context import MAX_CONTEXT_CHARS, check_regime
from .errors import SaveError, ValidationError
from .model import CONTEXT_FIELDS, INFO_FIELDS, REQUIRED_INFO_FIELDS, EngagementInfo
from .validation import clean_text, require_text


def engine_for(conn: sqlite3.Connection) -> Any:
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:  # pysqlite leaves BEGIN to us in autocommit mode
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def save_error(exc: BaseException) -> SaveError:
    text = str(getattr(exc, "orig", exc)).lower()
    if "full" in text:
        reason = "the disk is full"
    elif "readonly" in text or "read-only" in text:
        reason = "the file or its folder has become read-only"
    elif "i/o" in text or "disk" in text or "unable to open" in text:
        reason = "the disk or folder is not available (was a USB stick removed?)"
    else:
        reason = f"the file could not be written ({text[:100]})"
    return SaveError(f"The change was not saved: {reason}. Nothing already saved is lost.")


def store_meta_delete(key: str) -> Any:
    from sqlalchemy import text

    return text("DELETE FROM file_meta WHERE key = :key").bindparams(key=key)


def validate_info(info: EngagementInfo) -> EngagementInfo:
    """Check required fields and limits; return the cleaned info."""
    labels = {"title": "The engagement title", "client_organisation": "The client organisation",
              "provider_organisation": "The provider organisation"}
    values = asdict(info)
    for key in INFO_FIELDS:
        value = values[key]
        if key in REQUIRED_INFO_FIELDS:
            values[key] = require_text(value, labels[key], 300)
        elif isinstance(value, str):
            values[key] = clean_text(value, key.replace("_", " ").capitalize(),
                                     MAX_CONTEXT_CHARS if key in CONTEXT_FIELDS else 300)
    values["procurement_regime"] = check_regime(values["procurement_regime"])
    value = values["contract_annual_value"]
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise ValidationError("The contract's annual value must be a whole number of pounds, 0 or more.")
    start, end = values["contract_start"], values["contract_end"]
    if start and end and end < start:
        raise ValidationError("The contract end date is before its start date.")
    return EngagementInfo(**values)


DATE_FIELDS = ("contract_start", "contract_end", "workshop_date")


def as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def as_datetime(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
