"""SQLAlchemy 2.x models of an engagement file (one SQLite file per engagement)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .model import (
    ACTION_SIDES,
    ACTION_STATUSES,
    CONFIDENCES,
    PARKING_RAISERS,
    PARKING_STATUSES,
    PERSPECTIVES,
    SIDES,
    new_uuid,
    utcnow,
)

__all__ = ["ACTION_SIDES", "ACTION_STATUSES", "CONFIDENCES", "PERSPECTIVES", "SIDES", "utcnow"]


def _uuid() -> Mapped[str]:
    """A stable identity that survives export, email, JSON and merge (schema version 3)."""
    return mapped_column(String(36), unique=True, default=new_uuid)


def _in(column: str, values: tuple[str, ...], nullable: bool = False) -> CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in values)
    extra = f"{column} IS NULL OR " if nullable else ""
    return CheckConstraint(f"{extra}{column} IN ({allowed})", name=f"ck_{column}")


class Base(DeclarativeBase):
    pass


class FrameworkSnapshot(Base):
    """The framework the engagement was created with, so every laptop shows the same guide."""

    __tablename__ = "framework_snapshot"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    framework_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(40))
    content: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))


class FrameworkArchiveRow(Base):
    """An earlier scoring guide the engagement was moved on from (schema version 6), kept so the
    rounds scored on it keep its wording. framework_snapshot stays the guide in use."""

    __tablename__ = "framework_archive"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    framework_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(40))
    content: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)


class RoundFrameworkRow(Base):
    """The scoring guide a round was scored on, by its checksum (schema version 6): the guide in
    framework_snapshot or one in framework_archive. A round with no row uses the guide in use. Named
    by the round's uuid, so a removed round that an undo puts back keeps its guide."""

    __tablename__ = "round_framework"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))


class EngagementRow(Base):
    __tablename__ = "engagement"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    client_organisation: Mapped[str] = mapped_column(String(300))
    provider_organisation: Mapped[str] = mapped_column(String(300))
    contract_name: Mapped[str] = mapped_column(String(300), default="")
    contract_reference: Mapped[str] = mapped_column(String(100), default="")
    contract_annual_value: Mapped[int | None] = mapped_column(Integer, nullable=True)  # whole pounds
    contract_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    contract_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    facilitator: Mapped[str] = mapped_column(String(200), default="")
    workshop_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    workshop_venue: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class EngagementContextRow(Base):
    """Procurement regime, authority type and contract model (schema version 5); one row, optional."""

    __tablename__ = "engagement_context"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procurement_regime: Mapped[str] = mapped_column(String(20), default="")
    authority_type: Mapped[str] = mapped_column(String(100), default="")
    contract_model: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ParticipantRow(Base):
    __tablename__ = "participant"
    __table_args__ = (_in("side", SIDES),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid()
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    side: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)


class ParticipantContactRow(Base):
    """A participant's email address for the pre-work forms (schema version 4); optional."""

    __tablename__ = "participant_contact"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid()
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"),
                                                unique=True)
    email: Mapped[str] = mapped_column(String(254))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class RoundRow(Base):
    __tablename__ = "round"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid()
    label: Mapped[str] = mapped_column(String(100), unique=True)
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # 0 is the baseline

    scores: Mapped[list[ScoreRow]] = relationship(
        back_populates="round", cascade="all, delete-orphan", passive_deletes=True
    )


class ScoreRow(Base):
    """One perspective's view of one factor in one round. level None = not assessed."""

    __tablename__ = "score"
    __table_args__ = (
        UniqueConstraint("round_id", "factor_id", "perspective", name="uq_score"),
        _in("perspective", PERSPECTIVES),
        _in("confidence", CONFIDENCES, nullable=True),
        CheckConstraint("level IS NULL OR (level BETWEEN 0 AND 100)", name="ck_level"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid()
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    factor_id: Mapped[str] = mapped_column(String(100))
    perspective: Mapped[str] = mapped_column(String(10))
    level: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[str | None] = mapped_column(String(10), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    round: Mapped[RoundRow] = relationship(back_populates="scores")


class ParticipantScoreRow(Base):
    """A participant's own pre-workshop return for one factor, to show the spread of views."""

    __tablename__ = "participant_score"
    __table_args__ = (
        UniqueConstraint("round_id", "factor_id", "participant_id", name="uq_participant_score"),
        CheckConstraint("level IS NULL OR (level BETWEEN 0 AND 100)", name="ck_level"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid()
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    factor_id: Mapped[str] = mapped_column(String(100))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    level: Mapped[int | None] = mapped_column(Integer, nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class RoundScopeRow(Base):
    """A dimension a round covers (schema version 4). A round with no rows follows the default
    rule: the dimensions with any score in it, else Mutuality (see core/scope.py)."""

    __tablename__ = "round_scope"
    __table_args__ = (UniqueConstraint("round_id", "dimension_id", name="uq_round_scope"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid()
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    dimension_id: Mapped[str] = mapped_column(String(100))


class RoundExcludedFactorRow(Base):
    """A factor left out of a round whose dimension it covers (schema version 5, issue 15b)."""

    __tablename__ = "round_excluded_factor"
    __table_args__ = (UniqueConstraint("round_id", "factor_id", name="uq_round_excluded_factor"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid()
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    factor_id: Mapped[str] = mapped_column(String(100))


class ParkingRow(Base):
    """A point parked to come back to (schema version 5): its text, the factor and round it came
    up in (optional), who raised it (optional), when, and whether it is resolved."""

    __tablename__ = "parking_item"
    __table_args__ = (_in("raised_by", PARKING_RAISERS, nullable=True), _in("status", PARKING_STATUSES))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid()
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("round.id", ondelete="SET NULL"), nullable=True
    )
    factor_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    raised_by: Mapped[str | None] = mapped_column(String(20), nullable=True)
    raised_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(10), default="open")
    position: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AgendaRow(Base):
    """A round's plan for the day (schema version 5): start and finish, minutes after midnight."""

    __tablename__ = "agenda"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid()
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), unique=True)
    start_minute: Mapped[int] = mapped_column(Integer)
    finish_minute: Mapped[int] = mapped_column(Integer)


class AgendaBreakRow(Base):
    """A break in a round's day (schema version 5): lunch, coffee; its start and length."""

    __tablename__ = "agenda_break"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid()
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(100))
    start_minute: Mapped[int] = mapped_column(Integer)
    minutes: Mapped[int] = mapped_column(Integer)


class AgendaDimensionRow(Base):
    """Minutes planned for one dimension of a round's day, when set by hand (schema version 5)."""

    __tablename__ = "agenda_dimension"
    __table_args__ = (UniqueConstraint("round_id", "dimension_id", name="uq_agenda_dimension"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid()
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    dimension_id: Mapped[str] = mapped_column(String(100))
    minutes: Mapped[int] = mapped_column(Integer)


class NotApplicableRow(Base):
    """A factor the room marked not applicable in a round, with its reason (schema version 5).
    It is left out of the round's means and of the factor count coverage is measured against."""

    __tablename__ = "not_applicable"
    __table_args__ = (UniqueConstraint("round_id", "factor_id", name="uq_not_applicable"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid()
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    factor_id: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ActionRow(Base):
    __tablename__ = "action"
    __table_args__ = (_in("side", ACTION_SIDES), _in("status", ACTION_STATUSES))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid()
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("round.id", ondelete="SET NULL"), nullable=True
    )
    factor_id: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    side: Mapped[str] = mapped_column(String(10), default="joint")
    due_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="open")
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class BrandingRow(Base):
    """The branding profile copied in by the branding dialog's OK (schema version 2)."""

    __tablename__ = "branding"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content: Mapped[str] = mapped_column(Text)  # JSON of the profile, logos as base64
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class FileMeta(Base):
    """Small facts about the file itself, such as the content checksum written on export."""

    __tablename__ = "file_meta"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class HistoryRow(Base):
    """One applied operation: when, who, on which copy, and the values before and after."""

    __tablename__ = "history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid()
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    author: Mapped[str] = mapped_column(String(200), default="")
    replica: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(Text)  # JSON: what was changed (uuids, factor, perspective)
    before: Mapped[str] = mapped_column(Text)  # JSON
    after: Mapped[str] = mapped_column(Text)  # JSON
