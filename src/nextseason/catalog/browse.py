"""Browsing the catalog: shows filtered by platform, year, kind and language, page by page.

Pages are keyed on the show id (ascending), never on an offset: a show added between two
pages lands after the last page read or not at all, and no show is seen twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from nextseason.catalog import schema as t

__all__ = ["BrowseFilters", "BrowseRow", "browse_shows", "count_shows"]


@dataclass(frozen=True)
class BrowseFilters:
    """What a browse asks for; text filters match whole values, case-insensitively."""

    platform: str | None = None
    year: int | None = None
    kind: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class BrowseRow:
    id: int
    title: str
    year: int | None
    kind: str | None
    language: str | None
    platform: str | None
    status: str | None


def _filtered(stmt: Any, filters: BrowseFilters) -> Any:
    s, p = t.shows, t.platforms
    if filters.platform is not None:
        stmt = stmt.where(func.lower(p.c.name) == filters.platform.strip().lower())
    if filters.year is not None:
        stmt = stmt.where(s.c.year == filters.year)
    if filters.kind is not None:
        stmt = stmt.where(func.lower(s.c.kind) == filters.kind.strip().lower())
    if filters.language is not None:
        stmt = stmt.where(func.lower(s.c.language) == filters.language.strip().lower())
    return stmt


def _joined(columns: Any) -> Any:
    s, p = t.shows, t.platforms
    return select(*columns).select_from(s.outerjoin(p, p.c.id == s.c.platform_id))


def browse_shows(
    conn: Connection, filters: BrowseFilters, *, after: int | None, limit: int
) -> list[BrowseRow]:
    """Up to ``limit`` shows matching ``filters`` with ids above ``after``, by id."""
    s, p = t.shows, t.platforms
    stmt = _filtered(
        _joined((s.c.id, s.c.title, s.c.year, s.c.kind, s.c.language, p.c.name, s.c.status)),
        filters,
    )
    if after is not None:
        stmt = stmt.where(s.c.id > after)
    rows = conn.execute(stmt.order_by(s.c.id).limit(limit))
    return [BrowseRow(*row) for row in rows]


def count_shows(conn: Connection, filters: BrowseFilters) -> int:
    """How many shows match ``filters``."""
    return int(conn.execute(_filtered(_joined((func.count(),)), filters)).scalar_one())
