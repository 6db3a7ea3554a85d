"""Reading what the recommender needs from the catalog, in bulk: a few plain SELECTs.

Only the record fields that describe a show are pulled out of each source's JSON, in SQL
(``json_extract`` on SQLite, ``->`` on PostgreSQL), so the large per-season payloads some
sources keep (engagement rows, status details) are never parsed.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, or_, select

from nextseason.catalog import schema as t
from nextseason.platforms import platform_name
from nextseason.similar.facts import Offer, Person, ShowFacts, TmdbRec
from nextseason.text import plain_text, title_key

__all__ = ["Fingerprint", "described_ids", "fingerprint", "load_facts", "load_offers"]

#: Record fields read per source record; lists come back as JSON text.
_TEXT_FIELDS = ("description", "original_language", "release_year")
_LIST_FIELDS = (
    "genres",
    "keywords",
    "country",
    "production_countries",
    "origin_country",
    "recommendations",
)
_CHUNK = 500


@dataclass(slots=True)
class _Builder:
    facts: ShowFacts
    premises: dict[str, None] = field(default_factory=dict)
    genres: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    offers: dict[Offer, None] = field(default_factory=dict)
    recs: list[TmdbRec] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)

    def done(self) -> ShowFacts:
        f = self.facts
        f.sources = max(len(self.sources), 1)
        f.premises = tuple(self.premises)
        f.genre_labels = tuple(self.genres)
        f.keywords = tuple(dict.fromkeys(self.keywords))
        f.countries = tuple(dict.fromkeys(self.countries))
        f.people = tuple(self.people)
        f.offers = tuple(self.offers)
        f.tmdb_recs = tuple(self.recs)
        return f


@functools.lru_cache(maxsize=4096)
def _platform(name: str | None) -> str | None:
    return platform_name(name)


def _plain(text: str | None) -> str:
    """Plain text of a premise: markup removed only where there is some (it is slow)."""
    if not text:
        return ""
    if "<" in text or "&" in text:
        return plain_text(text)
    return " ".join(text.split())


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    return value if isinstance(value, list) else [value]


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _role(kind: str, part: str) -> str:
    if kind == "cast":
        return "cast"
    low = part.casefold()
    if "creator" in low or "showrunner" in low or "developed" in low:
        return "creator"
    if "director" in low:
        return "director"
    if "writer" in low or "author" in low:
        return "writer"
    return "crew"


def _show_rows(conn: Connection, ids: list[int] | None) -> Iterator[Any]:
    shows, platforms = t.shows, t.platforms
    stmt = select(
        shows.c.id,
        shows.c.title,
        shows.c.title_key,
        shows.c.year,
        shows.c.premiered,
        shows.c.status,
        shows.c.language,
        shows.c.country,
        shows.c.summary,
        shows.c.genres,
        platforms.c.name.label("pname"),
        platforms.c.kind.label("pkind"),
    ).select_from(shows.outerjoin(platforms, shows.c.platform_id == platforms.c.id))
    if ids is None:
        yield from conn.execute(stmt.order_by(shows.c.id))
        return
    for chunk in _chunks(ids):
        yield from conn.execute(stmt.where(shows.c.id.in_(chunk)))


def _filtered(conn: Connection, stmt: Any, column: Any, ids: list[int] | None) -> Iterator[Any]:
    if ids is None:
        yield from conn.execute(stmt)
        return
    for chunk in _chunks(ids):
        yield from conn.execute(stmt.where(column.in_(chunk)))


def _add_records(conn: Connection, out: dict[int, _Builder], ids: list[int] | None) -> None:
    records = t.show_records
    data = records.c.data
    columns = [records.c.show_id, records.c.source]
    columns += [data[name].as_string().label(name) for name in _TEXT_FIELDS]
    columns += [data[name].as_string().label(name) for name in _LIST_FIELDS]
    stmt = select(*columns).order_by(records.c.id)
    for row in _filtered(conn, stmt, records.c.show_id, ids):
        builder = out.get(row.show_id)
        if builder is None:
            continue
        builder.sources.add(row.source)
        text = _plain(row.description)
        if text:
            builder.premises.setdefault(text, None)
        builder.genres.extend(str(g) for g in _list(row.genres) if isinstance(g, str))
        builder.keywords.extend(str(k) for k in _list(row.keywords) if isinstance(k, str))
        for name in ("country", "production_countries", "origin_country"):
            builder.countries.extend(str(c) for c in _list(getattr(row, name)) if c)
        facts = builder.facts
        if facts.language is None and row.original_language:
            facts.language = str(row.original_language)
        if facts.year is None and row.release_year:
            with contextlib.suppress(ValueError):
                facts.year = int(float(row.release_year))
        for rec in _list(row.recommendations):
            if isinstance(rec, dict) and rec.get("name"):
                tmdb_id = rec.get("tmdb_id")
                year = rec.get("year")
                builder.recs.append(
                    TmdbRec(
                        str(tmdb_id) if tmdb_id is not None else None,
                        title_key(str(rec["name"])),
                        year if isinstance(year, int) else None,
                    )
                )


def _add_people(conn: Connection, out: dict[int, _Builder], ids: list[int] | None) -> None:
    credits, people = t.credits, t.people
    stmt = (
        select(credits.c.show_id, people.c.key, people.c.name, credits.c.kind, credits.c.part)
        .join(people, credits.c.person_id == people.c.id)
        .order_by(credits.c.show_id, credits.c.kind, credits.c.position, credits.c.id)
    )
    for row in _filtered(conn, stmt, credits.c.show_id, ids):
        builder = out.get(row.show_id)
        if builder is not None:
            builder.people.append(Person(row.key, row.name, _role(row.kind, row.part or "")))


def _add_platforms(conn: Connection, out: dict[int, _Builder], ids: list[int] | None) -> None:
    links, platforms = t.show_platforms, t.platforms
    stmt = (
        select(links.c.show_id, platforms.c.name, links.c.role, links.c.country, links.c.offer)
        .join(platforms, links.c.platform_id == platforms.c.id)
        .order_by(links.c.id)
    )
    for row in _filtered(conn, stmt, links.c.show_id, ids):
        builder = out.get(row.show_id)
        name = _platform(row.name)
        if builder is None or name is None:
            continue
        if row.role in ("network", "web"):
            how = "original"
        elif row.role == "provider":
            how = row.offer or "subscription"
        else:
            how = "catalog"
        builder.offers.setdefault(Offer(name, row.country or None, how), None)


def load_offers(conn: Connection, ids: Iterable[int]) -> dict[int, list[Offer]]:
    """Where each of the shows ``ids`` streams or airs, as the catalog records it."""
    wanted = sorted(set(ids))
    out: dict[int, _Builder] = {i: _Builder(ShowFacts(i, "", "")) for i in wanted}
    if wanted:
        _add_platforms(conn, out, wanted)
    return {i: list(b.offers) for i, b in out.items()}


def _add_tmdb_ids(conn: Connection, out: dict[int, _Builder], ids: list[int] | None) -> None:
    table = t.external_ids
    stmt = select(table.c.show_id, table.c.value).where(table.c.scheme == "tmdb")
    for row in _filtered(conn, stmt, table.c.show_id, ids):
        builder = out.get(row.show_id)
        if builder is not None:
            builder.facts.tmdb_id = str(row.value)


def described_ids(conn: Connection) -> list[int]:
    """Shows something describes: a summary, genres, or a record with a premise, genres or
    keywords. Only these can be suggested; a title and a channel say nothing to match on."""
    shows, records = t.shows, t.show_records
    found = {
        int(i)
        for i in conn.execute(
            select(shows.c.id).where(
                or_(
                    func.coalesce(shows.c.summary, "") != "",
                    func.coalesce(func.json_array_length(shows.c.genres), 0) > 0,
                )
            )
        ).scalars()
    }
    data = records.c.data
    stmt = select(records.c.show_id).where(
        or_(
            *(data[name].as_string().is_not(None) for name in ("description", "genres", "keywords"))
        )
    )
    found.update(int(i) for i in conn.execute(stmt.distinct()).scalars())
    return sorted(found)


def load_facts(conn: Connection, ids: Iterable[int] | None = None) -> dict[int, ShowFacts]:
    """What the recommender reads about the shows ``ids`` (every show when None)."""
    wanted = None if ids is None else sorted(set(ids))
    out: dict[int, _Builder] = {}
    for row in _show_rows(conn, wanted):
        year = row.year if row.year is not None else (row.premiered.year if row.premiered else None)
        facts = ShowFacts(
            id=row.id,
            title=row.title,
            title_key=row.title_key,
            year=year,
            status=row.status,
            language=row.language,
            original=_platform(row.pname),
            original_kind=row.pkind,
        )
        builder = _Builder(facts)
        summary = _plain(row.summary)
        if summary:
            builder.premises[summary] = None
        builder.genres.extend(g for g in _list(row.genres) if isinstance(g, str))
        if row.country:
            builder.countries.append(row.country)
        out[row.id] = builder
    _add_records(conn, out, wanted)
    _add_people(conn, out, wanted)
    _add_platforms(conn, out, wanted)
    _add_tmdb_ids(conn, out, wanted)
    return {show_id: builder.done() for show_id, builder in out.items()}


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """Changes whenever a show, record, credit, platform link or id is added or refreshed
    (for databases other than a SQLite file, whose size and time say so more cheaply)."""

    values: tuple[str, ...]

    def key(self) -> str:
        return "|".join(self.values)


def fingerprint(conn: Connection) -> Fingerprint:
    values: list[str] = []
    for table in (t.shows, t.show_records, t.credits, t.show_platforms, t.external_ids):
        count, top = conn.execute(select(func.count(), func.max(table.c.id))).one()
        values.append(f"{table.name}:{count}:{top}")
    updated = conn.execute(select(func.max(t.shows.c.updated_at))).scalar()
    values.append(f"updated:{updated}")
    return Fingerprint(tuple(values))
