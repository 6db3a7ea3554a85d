"""The few catalog reads only the web app needs: plain SELECTs, no logic.

:func:`show_version` is what the HTTP validators (ETag, Last-Modified) are made of: the
latest retrieval time among every fact row of a show, and how many provenance rows those
facts point at, so a refresh or an import that adds facts changes them.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, TextClause, func, select, text, tuple_

from nextseason.catalog import schema as t

__all__ = [
    "ShowDetails",
    "ShowVersion",
    "StatusHistoryRow",
    "VersionCache",
    "changes_version",
    "show_details",
    "show_version",
    "status_history",
    "status_history_count",
    "titles_version",
    "watch_added",
    "watchlist_version",
]

_FACT_TABLES = (
    t.show_records,
    t.external_ids,
    t.show_platforms,
    t.seasons,
    t.episodes,
    t.credits,
    t.interest_points,
    t.status_readings,
)


@dataclass(frozen=True)
class ShowVersion:
    """What a show's HTTP validators are made of."""

    retrieved_at: datetime  # the latest retrieval among the show's facts (naive UTC)
    provenances: int  # how many provenance rows the show's facts point at
    updated_at: datetime


def _version_statement() -> TextClause:
    # One statement, written out and never rebuilt: at hundreds of requests a second the
    # ORM-free Core statement still spent more time building and typing its result than
    # SQLite spent running it. Plain SQL that SQLite and PostgreSQL both take.
    used = " UNION ".join(
        [
            "SELECT provenance_id FROM shows WHERE id = :sid",
            *(
                f"SELECT provenance_id FROM {table.name} WHERE show_id = :sid"
                for table in _FACT_TABLES
            ),
        ]
    )
    return text(
        "SELECT s.updated_at, v.latest, v.n FROM shows s, "
        "(SELECT max(p.retrieved_at) AS latest, count(*) AS n FROM provenance p "
        f"WHERE p.id IN ({used})) v "
        "WHERE s.id = :sid"
    )


_VERSION = _version_statement()


def _moment(value: object) -> datetime:
    """A timestamp as the driver gives it (SQLite: text) as a naive UTC datetime."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if value.tzinfo else value
    return datetime.fromisoformat(str(value))


def show_version(conn: Connection, show_id: int) -> ShowVersion | None:
    """None when no show has this id."""
    row = conn.execute(_VERSION, {"sid": show_id}).first()
    if row is None:
        return None
    updated = _moment(row[0])
    latest = _moment(row[1]) if row[1] is not None else updated
    return ShowVersion(latest, int(row[2]), updated)


class VersionCache:
    """Shows' versions (and watch times), remembered until the catalog changes.

    For a SQLite catalog, a private read-only connection asks ``PRAGMA data_version``, which
    changes whenever any other connection (this process's or another's: a CLI refresh, a
    check) commits. While it holds still, a show's version is what it was, so the cached one
    is exact, not merely recent. Other databases are asked every time.
    """

    def __init__(self, catalog_url: str, *, limit: int = 50_000) -> None:
        from nextseason.catalog.db import sqlite_path

        self.limit = limit
        self._lock = threading.Lock()
        self._seen: int | None = None
        self._entries: dict[tuple[int, bool], tuple[ShowVersion, datetime | None]] = {}
        path = sqlite_path(catalog_url)
        self._probe = (
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            if path is not None and path.exists()
            else None
        )

    def _current(self) -> bool:
        """Whether nothing was committed since the entries were read (call under the lock)."""
        if self._probe is None:
            return False
        try:
            stamp = int(self._probe.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return False
        if stamp != self._seen:
            self._seen = stamp
            self._entries.clear()
            return False
        return True

    def lookup(
        self,
        conn_factory: Callable[[], AbstractContextManager[Connection]],
        show_id: int,
        *,
        with_watch: bool,
    ) -> tuple[ShowVersion, datetime | None] | None:
        """(version, when watched) of a show; None when no show has this id."""
        key = (show_id, with_watch)
        with self._lock:
            if self._current() and key in self._entries:
                return self._entries[key]
        with conn_factory() as conn:
            version = show_version(conn, show_id)
            if version is None:
                return None
            watched = watch_added(conn, show_id) if with_watch else None
        with self._lock:
            if len(self._entries) >= self.limit:
                self._entries.clear()
            self._entries[key] = (version, watched)
        return version, watched

    def close(self) -> None:
        if self._probe is not None:
            self._probe.close()
            self._probe = None


@dataclass(frozen=True)
class ShowDetails:
    id: int
    title: str
    year: int | None
    kind: str | None
    language: str | None
    country: str | None
    premiered: date | None
    ended: date | None
    status: str | None
    summary: str | None
    genres: list[str]
    runtime: int | None
    official_site: str | None
    platform: str | None
    platform_kind: str | None
    external_ids: dict[str, str]


def show_details(conn: Connection, show_id: int) -> ShowDetails | None:
    shows, platforms, ids = t.shows, t.platforms, t.external_ids
    row = conn.execute(
        select(shows, platforms.c.name.label("pname"), platforms.c.kind.label("pkind"))
        .select_from(shows.outerjoin(platforms, shows.c.platform_id == platforms.c.id))
        .where(shows.c.id == show_id)
    ).first()
    if row is None:
        return None
    schemes = conn.execute(
        select(ids.c.scheme, ids.c.value).where(ids.c.show_id == show_id).order_by(ids.c.scheme)
    )
    return ShowDetails(
        id=row.id,
        title=row.title,
        year=row.year,
        kind=row.kind,
        language=row.language,
        country=row.country,
        premiered=row.premiered,
        ended=row.ended,
        status=row.status,
        summary=row.summary,
        genres=[str(g) for g in (row.genres or [])],
        runtime=row.runtime,
        official_site=row.official_site,
        platform=row.pname,
        platform_kind=row.pkind,
        external_ids={scheme: value for scheme, value in schemes},
    )


def watch_added(conn: Connection, show_id: int) -> datetime | None:
    """When the show was added to the watchlist; None when it is not watched."""
    found = conn.execute(
        select(t.watchlist.c.added_at).where(t.watchlist.c.show_id == show_id)
    ).scalar()
    return found if isinstance(found, datetime) else None


def watchlist_version(conn: Connection) -> tuple[int, datetime | None, datetime | None]:
    """(shows watched, latest addition, latest check): changes whenever the list does."""
    w = t.watchlist
    count, added, checked = conn.execute(
        select(func.count(), func.max(w.c.added_at), func.max(w.c.checked_at))
    ).one()
    return int(count), added, checked


def changes_version(conn: Connection, show_id: int | None = None) -> tuple[int, datetime | None]:
    """(the newest change id, its detection time), over all shows or one."""
    c = t.changes
    stmt = select(func.max(c.c.id), func.max(c.c.detected_at))
    if show_id is not None:
        stmt = stmt.where(c.c.show_id == show_id)
    top, when = conn.execute(stmt).one()
    return int(top or 0), when


@dataclass(frozen=True)
class StatusHistoryRow:
    id: int
    season: int
    verdict: str
    basis: str
    rule: str | None
    confidence: float
    observed_at: datetime
    confirmed: bool


def status_history(
    conn: Connection,
    show_id: int,
    *,
    limit: int = 200,
    before: tuple[datetime, int] | None = None,
) -> list[StatusHistoryRow]:
    """The verdicts the watchlist's checks computed for a show, newest first; ``before`` the
    (observed_at, id) a page ended on."""
    h = t.verdict_history
    stmt = select(h).where(h.c.show_id == show_id)
    if before is not None:
        stmt = stmt.where(tuple_(h.c.observed_at, h.c.id) < tuple_(*before))
    rows: Any = conn.execute(stmt.order_by(h.c.observed_at.desc(), h.c.id.desc()).limit(limit))
    return [
        StatusHistoryRow(
            r.id,
            r.season,
            r.verdict,
            r.basis,
            r.rule,
            float(r.confidence),
            r.observed_at,
            bool(r.confirmed),
        )
        for r in rows
    ]


def titles_version(conn: Connection) -> tuple[int, int, datetime | None]:
    """(shows, the highest id, the latest update): changes whenever a show is added,
    removed or updated, so whatever was computed from the titles is stale."""
    s = t.shows
    count, top, updated = conn.execute(
        select(func.count(), func.max(s.c.id), func.max(s.c.updated_at))
    ).one()
    return int(count), int(top or 0), updated


def status_history_count(conn: Connection, show_id: int) -> int:
    h = t.verdict_history
    return int(
        conn.execute(select(func.count()).select_from(h).where(h.c.show_id == show_id)).scalar_one()
    )


def history_version(conn: Connection, show_id: int) -> tuple[int, datetime | None]:
    h = t.verdict_history
    top, when = conn.execute(
        select(func.max(h.c.id), func.max(h.c.observed_at)).where(h.c.show_id == show_id)
    ).one()
    return int(top or 0), when
