"""The catalog's tables (SQLAlchemy 2). Alembic migrations in ``migrations/`` create them.

Every fact row points at a :class:`Provenance` row: which source said it, from which URL or
file, when it was retrieved, under which licence. A show can be described by several
sources; each source's own description is a :class:`ShowRecord`, and the ``shows`` row holds
the reconciled view that reports read first.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "Credit",
    "Episode",
    "ExternalId",
    "InterestPoint",
    "Person",
    "Platform",
    "Provenance",
    "Season",
    "Show",
    "ShowPlatform",
    "ShowRecord",
    "SimilarShow",
    "StatusReading",
]

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[str]: JSON}


class Provenance(Base):
    """Where a fact came from: source name, URL or file, retrieval time, licence."""

    __tablename__ = "provenance"
    __table_args__ = (UniqueConstraint("source", "url", name="uq_provenance_source_url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(64))
    url: Mapped[str] = mapped_column(String(500))
    retrieved_at: Mapped[datetime] = mapped_column(DateTime)
    licence: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)


class Platform(Base):
    """A broadcast network or a streaming service."""

    __tablename__ = "platforms"
    __table_args__ = (UniqueConstraint("name", "kind", name="uq_platforms_name_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16))  # "network" | "streaming"
    country: Mapped[str | None] = mapped_column(String(2))


class Show(Base):
    __tablename__ = "shows"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    title_key: Mapped[str] = mapped_column(String(300), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str | None] = mapped_column(String(60))
    country: Mapped[str | None] = mapped_column(String(120))
    premiered: Mapped[date | None] = mapped_column(Date)
    ended: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str | None] = mapped_column(String(40))
    summary: Mapped[str | None] = mapped_column(Text)
    genres: Mapped[list[str]] = mapped_column(JSON, default=list)
    runtime: Mapped[int | None] = mapped_column(Integer)
    official_site: Mapped[str | None] = mapped_column(String(500))
    platform_id: Mapped[int | None] = mapped_column(ForeignKey("platforms.id"))
    provenance_id: Mapped[int] = mapped_column(ForeignKey("provenance.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ShowRecord(Base):
    """One source's own description of a show, as it gave it (normalized fields)."""

    __tablename__ = "show_records"
    __table_args__ = (UniqueConstraint("source", "source_key", name="uq_show_records_source_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(64))
    source_key: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300))
    year: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    provenance_id: Mapped[int] = mapped_column(ForeignKey("provenance.id"))


class ExternalId(Base):
    """An id of the show in another database: tvmaze, imdb, thetvdb, tmdb, netflix."""

    __tablename__ = "external_ids"
    __table_args__ = (UniqueConstraint("scheme", "value", name="uq_external_ids_scheme_value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"), index=True)
    scheme: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(60))
    provenance_id: Mapped[int] = mapped_column(ForeignKey("provenance.id"))


class ShowPlatform(Base):
    """A show's link to a platform: its network, its web channel, or a streaming catalog."""

    __tablename__ = "show_platforms"
    __table_args__ = (
        UniqueConstraint("show_id", "platform_id", "role", name="uq_show_platforms_link"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"), index=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("platforms.id"))
    # "network" (original broadcaster), "web" (original streaming channel),
    # "catalog" (listed in a streaming service's catalog), "provider" (where to watch).
    role: Mapped[str] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(2))
    offer: Mapped[str | None] = mapped_column(String(16))  # subscription|free|rent|buy
    as_of: Mapped[date | None] = mapped_column(Date)
    provenance_id: Mapped[int] = mapped_column(ForeignKey("provenance.id"))


class Season(Base):
    __tablename__ = "seasons"
    __table_args__ = (UniqueConstraint("show_id", "number", name="uq_seasons_show_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    episode_order: Mapped[int | None] = mapped_column(Integer)
    premiere_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    provenance_id: Mapped[int] = mapped_column(ForeignKey("provenance.id"))


class Episode(Base):
    __tablename__ = "episodes"
    __table_args__ = (UniqueConstraint("show_id", "key", name="uq_episodes_show_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"))
    # "s02e05" for numbered episodes, "special:<source id>" for specials.
    key: Mapped[str] = mapped_column(String(60))
    season: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(String(300))
    kind: Mapped[str | None] = mapped_column(String(40))
    airdate: Mapped[date | None] = mapped_column(Date)
    airstamp: Mapped[datetime | None] = mapped_column(DateTime)
    runtime: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[str | None] = mapped_column(String(60))
    provenance_id: Mapped[int] = mapped_column(ForeignKey("provenance.id"))


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "tvmaze:123" when a source gives an id, "name:<normalized name>" when it only gives a name.
    key: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class Credit(Base):
    """A person on a show: cast (with character) or crew (with role)."""

    __tablename__ = "credits"
    __table_args__ = (
        UniqueConstraint("show_id", "person_id", "kind", "part", name="uq_credits_part"),
        Index("ix_credits_person", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    kind: Mapped[str] = mapped_column(String(8))  # "cast" | "crew"
    # the character for cast, the role ("Creator", "Director", ...) for crew; "" if unknown
    part: Mapped[str] = mapped_column(String(200), default="")
    episode_count: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    provenance_id: Mapped[int] = mapped_column(ForeignKey("provenance.id"))


class InterestPoint(Base):
    """One dated value of audience interest or buzz (pageviews, hours viewed, mentions)."""

    __tablename__ = "interest_points"
    __table_args__ = (
        UniqueConstraint(
            "show_id", "source", "metric", "season", "period", "day", name="uq_interest_point"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(64))
    metric: Mapped[str] = mapped_column(String(40))
    # 0 when the value is about the whole show rather than one season
    season: Mapped[int] = mapped_column(Integer, default=0)
    period: Mapped[str] = mapped_column(String(12))  # "day" | "week" | "half-year"
    day: Mapped[date] = mapped_column(Date)  # start of the period
    value: Mapped[float] = mapped_column(Float)
    provenance_id: Mapped[int] = mapped_column(ForeignKey("provenance.id"))


class StatusReading(Base):
    """What one source said about a show's status, and when."""

    __tablename__ = "status_readings"
    __table_args__ = (
        UniqueConstraint("show_id", "source", "read_at", name="uq_status_readings_read"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(40))
    read_at: Mapped[datetime] = mapped_column(DateTime)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    provenance_id: Mapped[int] = mapped_column(ForeignKey("provenance.id"))


class SimilarShow(Base):
    """A precomputed neighbour of a show and the score and reasons of the match."""

    __tablename__ = "similar_shows"
    __table_args__ = (
        UniqueConstraint("show_id", "other_id", "method", name="uq_similar_shows_pair"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"), index=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"))
    method: Mapped[str] = mapped_column(String(32))
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
