"""The catalog's tables (SQLAlchemy Core). Alembic migrations in ``migrations/`` create them.

Every fact row points at a ``provenance`` row: which source said it, from which URL or file,
when it was retrieved, under which licence. A show can be described by several sources;
each source's own description is a ``show_records`` row, and the ``shows`` row holds the
reconciled view that reports read first.

Core tables rather than ORM classes: the catalog is read and written with plain statements,
and the ORM's import alone would cost the command line a tenth of a second at every start.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = [
    "api_tokens",
    "changes",
    "credits",
    "episodes",
    "external_ids",
    "interest_points",
    "metadata",
    "modelled",
    "people",
    "platforms",
    "provenance",
    "refresh_jobs",
    "run_locks",
    "seasons",
    "show_platforms",
    "show_records",
    "show_verdicts",
    "shows",
    "status_readings",
    "sync_state",
    "verdict_history",
    "watchlist",
]

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True)


def _show_id(*, index: bool = False) -> Column[int]:
    return Column(
        "show_id", Integer, ForeignKey("shows.id", ondelete="CASCADE"), nullable=False, index=index
    )


def _provenance_id() -> Column[int]:
    return Column("provenance_id", Integer, ForeignKey("provenance.id"), nullable=False)


#: Where a fact came from: source name, URL or file, retrieval time, licence.
provenance = Table(
    "provenance",
    metadata,
    _id(),
    Column("source", String(64), nullable=False),
    Column("url", String(500), nullable=False),
    Column("retrieved_at", DateTime, nullable=False),
    Column("licence", String(200), nullable=False),
    Column("note", Text),
    UniqueConstraint("source", "url", name="uq_provenance_source_url"),
)

#: A broadcast network or a streaming service.
platforms = Table(
    "platforms",
    metadata,
    _id(),
    Column("name", String(120), nullable=False),
    Column("kind", String(16), nullable=False),  # "network" | "streaming"
    Column("country", String(2)),
    UniqueConstraint("name", "kind", name="uq_platforms_name_kind"),
)

shows = Table(
    "shows",
    metadata,
    _id(),
    Column("title", String(300), nullable=False),
    Column("title_key", String(300), nullable=False, index=True),
    Column("year", Integer),
    Column("kind", String(40)),
    Column("language", String(60)),
    Column("country", String(120)),
    Column("premiered", Date),
    Column("ended", Date),
    Column("status", String(40)),
    Column("summary", Text),
    Column("genres", JSON, nullable=False, default=list),
    Column("runtime", Integer),
    Column("official_site", String(500)),
    Column("platform_id", Integer, ForeignKey("platforms.id")),
    _provenance_id(),
    Column("updated_at", DateTime, nullable=False),
    # field -> provenance id, for the fields that came from another source than the row's
    Column("field_sources", JSON, nullable=False, default=dict, server_default="{}"),
)

#: The stored title index (migration 0009): an FTS5 table with its shadow tables and its
#: vocabulary on SQLite, a pg_trgm index on PostgreSQL. SQLAlchemy cannot model them, so
#: they are made by the migration only, and kept by triggers (SQLite) or by the database.
TITLE_INDEX_OBJECTS = frozenset(
    {
        "title_grams",
        "title_grams_vocab",
        "title_grams_data",
        "title_grams_idx",
        "title_grams_content",
        "title_grams_docsize",
        "title_grams_config",
        "ix_shows_title_key_trgm",
    }
)


def modelled(name: str | None, type_: str, parent_names: object) -> bool:
    """Whether a database object is one these tables model (Alembic's ``include_name``):
    everything but the stored title index."""
    return name not in TITLE_INDEX_OBJECTS


#: One source's own description of a show, as it gave it (normalized fields).
show_records = Table(
    "show_records",
    metadata,
    _id(),
    _show_id(index=True),
    Column("source", String(64), nullable=False),
    Column("source_key", String(200), nullable=False),
    Column("title", String(300), nullable=False),
    Column("year", Integer),
    Column("data", JSON, nullable=False, default=dict),
    _provenance_id(),
    UniqueConstraint("source", "source_key", name="uq_show_records_source_key"),
)

#: An id of the show in another database: tvmaze, imdb, thetvdb, tmdb, netflix.
external_ids = Table(
    "external_ids",
    metadata,
    _id(),
    _show_id(index=True),
    Column("scheme", String(20), nullable=False),
    Column("value", String(60), nullable=False),
    _provenance_id(),
    UniqueConstraint("scheme", "value", name="uq_external_ids_scheme_value"),
)

#: A show's link to a platform. role: "network" (original broadcaster), "web" (original
#: streaming channel), "catalog" (listed in a service's catalog), "provider" (where to watch).
show_platforms = Table(
    "show_platforms",
    metadata,
    _id(),
    _show_id(index=True),
    Column("platform_id", Integer, ForeignKey("platforms.id"), nullable=False),
    Column("role", String(16), nullable=False),
    # "" when not given (a NULL would never collide in the unique key)
    Column("country", String(2), nullable=False, server_default=""),
    Column("offer", String(16), nullable=False, server_default=""),  # subscription|free|rent|buy
    Column("as_of", Date),
    _provenance_id(),
    UniqueConstraint(
        "show_id", "platform_id", "role", "country", "offer", name="uq_show_platforms_link"
    ),
)

#: One source's facts about one season: its premiere on the original channel, or another
#: platform's release of it (``release_platform``), or the first day a chart saw it.
seasons = Table(
    "seasons",
    metadata,
    _id(),
    _show_id(),
    Column("number", Integer, nullable=False),
    Column("source", String(64), nullable=False, server_default=""),
    Column("episode_order", Integer),
    Column("premiere_date", Date),
    Column("end_date", Date),
    Column("release_platform", String(120)),
    Column("seen_on", Date),
    _provenance_id(),
    UniqueConstraint("show_id", "number", "source", name="uq_seasons_show_number_source"),
)

episodes = Table(
    "episodes",
    metadata,
    _id(),
    _show_id(),
    # "s02e05" for numbered episodes, "special:<source id>" for specials.
    Column("key", String(60), nullable=False),
    Column("season", Integer),
    Column("number", Integer),
    Column("title", String(300)),
    Column("kind", String(40)),
    Column("airdate", Date),
    Column("airstamp", DateTime),
    Column("runtime", Integer),
    Column("summary", Text),
    Column("source_id", String(60)),
    _provenance_id(),
    UniqueConstraint("show_id", "key", name="uq_episodes_show_key"),
)

people = Table(
    "people",
    metadata,
    _id(),
    # "tvmaze:123" when a source gives an id, "name:<normalized name>" when only a name.
    Column("key", String(200), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
)

#: A person on a show: cast (part = the character) or crew (part = the role).
credits = Table(
    "credits",
    metadata,
    _id(),
    _show_id(),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("kind", String(8), nullable=False),  # "cast" | "crew"
    Column("part", String(200), nullable=False, default=""),
    Column("episode_count", Integer),
    Column("position", Integer, nullable=False, default=0),
    _provenance_id(),
    # the other provenance ids that list the same person in the same part
    Column("sources", JSON, nullable=False, default=list, server_default="[]"),
    UniqueConstraint("show_id", "person_id", "kind", "part", name="uq_credits_part"),
    Index("ix_credits_person", "person_id"),
)

#: One dated value of audience interest or buzz (pageviews, hours viewed, mentions).
interest_points = Table(
    "interest_points",
    metadata,
    _id(),
    _show_id(),
    Column("source", String(64), nullable=False),
    Column("metric", String(40), nullable=False),
    # 0 when the value is about the whole show rather than one season
    Column("season", Integer, nullable=False, default=0),
    Column("period", String(12), nullable=False),  # "day" | "week" | "half-year"
    Column("day", Date, nullable=False),  # start of the period
    Column("value", Float, nullable=False),
    _provenance_id(),
    UniqueConstraint(
        "show_id", "source", "metric", "season", "period", "day", name="uq_interest_point"
    ),
)

#: What one source said about a show's status, and when.
status_readings = Table(
    "status_readings",
    metadata,
    _id(),
    _show_id(),
    Column("source", String(64), nullable=False),
    # the season the reading is about; 0 for the whole show
    Column("season", Integer, nullable=False, server_default="0"),
    Column("status", String(40), nullable=False),
    Column("read_at", DateTime, nullable=False),
    Column("details", JSON, nullable=False, default=dict),
    _provenance_id(),
    UniqueConstraint("show_id", "source", "season", "read_at", name="uq_status_readings_read"),
)

#: Shows the user watches, and what the last check saw (verdict, pending change, dated
#: seasons, episode count) as JSON, so the next check can tell what changed.
watchlist = Table(
    "watchlist",
    metadata,
    _id(),
    Column(
        "show_id",
        Integer,
        ForeignKey("shows.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    Column("added_at", DateTime, nullable=False),
    Column("checked_at", DateTime),
    Column("state", JSON, nullable=False, default=dict),
)

#: Every verdict a check computed, with its time: the status history of a show.
verdict_history = Table(
    "verdict_history",
    metadata,
    _id(),
    _show_id(),
    Column("season", Integer, nullable=False),
    Column("verdict", String(20), nullable=False),
    Column("basis", String(12), nullable=False),
    Column("rule", String(40)),
    Column("confidence", Float, nullable=False),
    Column("observed_at", DateTime, nullable=False),
    Column("confirmed", Integer, nullable=False, default=0),  # 1 when it became the verdict
    Index("ix_verdict_history_show", "show_id", "observed_at"),
)

#: A confirmed change a check found, and its webhook delivery.
changes = Table(
    "changes",
    metadata,
    _id(),
    _show_id(),
    Column("kind", String(20), nullable=False),  # "verdict" | "season dated" | "new episodes"
    Column("title", String(300), nullable=False),
    Column("summary", Text, nullable=False),
    Column("detail", JSON, nullable=False, default=dict),
    Column("detected_at", DateTime, nullable=False),
    # "" no webhook was configured; "pending"; "delivered"
    Column("delivery", String(12), nullable=False, default=""),
    Column("delivered_at", DateTime),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Index("ix_changes_detected", "detected_at"),
)

#: Leases that keep two runs of the same job (e.g. `check`) from overlapping.
run_locks = Table(
    "run_locks",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("holder", String(200), nullable=False),
    Column("acquired_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
)

#: Tokens for the web API's write endpoints. Only a salted scrypt hash of each token is
#: kept (``scrypt$n$r$p$salt$hash``); the token itself is shown once, when it is created.
api_tokens = Table(
    "api_tokens",
    metadata,
    _id(),
    Column("name", String(60), nullable=False, unique=True),
    Column("hash", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("last_used_at", DateTime),
)

#: The refresh queue that workers claim leased batches from (see catalog/jobs.py).
refresh_jobs = Table(
    "refresh_jobs",
    metadata,
    Column("show_id", Integer, ForeignKey("shows.id", ondelete="CASCADE"), primary_key=True),
    Column("enqueued_at", DateTime, nullable=False),
    Column("leased_by", String(200)),
    Column("lease_until", DateTime),
    Column("attempts", Integer, nullable=False, default=0),
    Column("done_at", DateTime),
    Column("last_error", Text),
    Index("ix_refresh_jobs_claim", "done_at", "lease_until"),
)

#: What a source's sync of the whole catalog remembers between runs (see catalog/sync.py):
#: when the last full sync and the last sync of any kind started, the page an interrupted
#: full sync goes on from, and the pages and shows left for the next run.
sync_state = Table(
    "sync_state",
    metadata,
    Column("source", String(64), primary_key=True),
    Column("state", JSON, nullable=False, default=dict),
    Column("updated_at", DateTime, nullable=False),
)

#: Each show's verdict on its next season, stored by every write that changes the show's
#: readings (see catalog/verdicts.py): the rule that decided it, its confidence and the date
#: of its evidence, the day it was computed for (``today``), the highest season any source
#: knows, and the whole verdict as JSON, so that a read serves it without the readings.
show_verdicts = Table(
    "show_verdicts",
    metadata,
    Column("show_id", Integer, ForeignKey("shows.id", ondelete="CASCADE"), primary_key=True),
    Column("season", Integer, nullable=False),
    Column("verdict", String(20), nullable=False),
    Column("rule", String(40)),
    Column("confidence", Float, nullable=False),
    Column("evidence_date", Date),
    Column("today", Date, nullable=False),
    Column("seasons_known", Integer, nullable=False),
    Column("body", JSON, nullable=False),
)
