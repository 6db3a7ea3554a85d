"""What the similar-shows recommender reads from the catalog, in bulk: a few plain SELECTs.

:class:`SimilarRows` is the catalog as the recommender sees it; the caller (the report
builder, the web app, the ``similar`` command) makes one and hands it to
:func:`nextseason.similar.recommend.recommend`, so the recommender never opens a catalog or
runs SQL itself. Each fact comes back with the key of the source that gives it, so that a
reason can say where its fact comes from.

Only the record fields that describe a show are pulled out of each source's JSON, in SQL
(``json_extract`` on SQLite, ``->`` on PostgreSQL), so the large per-season payloads some
sources keep (engagement rows, status details) are never parsed.
"""

from __future__ import annotations

import contextlib
import functools
import json
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, func, or_, select

from nextseason.catalog import schema as t
from nextseason.catalog.queries import TitleEntry, status_facts
from nextseason.genres import canonical_genres
from nextseason.model import StatusFacts
from nextseason.platforms import platform_name
from nextseason.text import plain_text, title_key

if TYPE_CHECKING:
    from nextseason.catalog import Catalog

__all__ = [
    "Channel",
    "Offer",
    "Person",
    "ShowFacts",
    "SimilarRows",
    "Sourced",
    "Suggested",
    "TmdbRec",
    "described_ids",
    "fingerprint",
    "load_facts",
]


# -- the records ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sourced:
    """One value (a premise, a genre label, a kind) and the key of the source giving it."""

    value: str
    source: str


@dataclass(frozen=True, slots=True)
class Person:
    key: str
    name: str
    role: str  # "creator" | "director" | "writer" | "cast" | "crew"
    source: str = ""
    part: str = ""  # as the credit gives it: "Executive Producer", a character's name


@dataclass(frozen=True, slots=True)
class Offer:
    """Where a show streams or airs: a platform, the country (None: not said), and how."""

    platform: str
    country: str | None
    # "network" / "web": the channel it premiered on (its original broadcaster or streaming
    # service); "listed": a channel a source lists it on, which may not be the original
    # (TVmaze lists a show that moved under its latest network); "catalog": in a service's
    # catalog; else a provider's offer ("subscription", "free", "ads", "rent", "buy")
    how: str


@dataclass(frozen=True, slots=True)
class Channel:
    """A network or web channel a source names for a show, as that source names it."""

    name: str  # the catalog's platform name, as the report gives it
    role: str  # "network" | "web": the original channel; "listed": one a source lists it on
    source: str
    as_of: date | None = None

    @property
    def original(self) -> bool:
        return self.role in ("network", "web")


@dataclass(frozen=True, slots=True)
class TmdbRec:
    tmdb_id: str | None
    title_key: str
    year: int | None


@dataclass(slots=True)
class ShowFacts:
    """Everything the recommender reads about one show, each fact with its source."""

    id: int
    title: str
    title_key: str
    year: int | None = None
    status: str | None = None
    language: str | None = None
    language_source: str | None = None
    countries: tuple[str, ...] = ()
    premises: tuple[Sourced, ...] = ()  # plain text, each text once
    genre_labels: tuple[Sourced, ...] = ()
    kinds: tuple[Sourced, ...] = ()  # the type a source gives ("Scripted", "Reality", ...)
    keywords: tuple[str, ...] = ()  # TMDB's
    people: tuple[Person, ...] = ()
    original: str | None = None  # canonical name of the show's channel
    original_kind: str | None = None  # "network" | "streaming"
    channels: tuple[Channel, ...] = ()
    offers: tuple[Offer, ...] = ()
    tmdb_id: str | None = None
    tmdb_recs: tuple[TmdbRec, ...] = ()
    sources: int = 1  # how many independent sources list the show

    @property
    def premise_texts(self) -> tuple[str, ...]:
        return tuple(p.value for p in self.premises)


@dataclass(frozen=True, slots=True)
class Suggested:
    """What is said of a suggestion: the show as search and the report name it, the facts its
    status verdict is computed from, and its facts (without the ranking's counts)."""

    entry: TitleEntry
    status: StatusFacts | None
    facts: ShowFacts


# -- reading --------------------------------------------------------------------------------

#: Record fields read per source record; lists come back as JSON text.
#: (A TVmaze record's summary is the show row's own, read there: the premises must stay the
#: texts the shipped premise vectors were computed from.)
_TEXT_FIELDS = ("description", "original_language", "release_year", "type")
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
    genres: dict[Sourced, None] = field(default_factory=dict)
    kinds: dict[Sourced, None] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    channels: dict[Channel, None] = field(default_factory=dict)
    offers: dict[Offer, None] = field(default_factory=dict)
    recs: list[TmdbRec] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    texts: dict[str, str] = field(default_factory=dict)  # premise text -> its source
    # The show row's premise and genres: the reconciled view, copied from some source's
    # record, and labelled with the show's primary source. A record that gives the same
    # value is the source that says it.
    row_texts: set[str] = field(default_factory=set)
    row_genres: list[Sourced] = field(default_factory=list)

    def premise(self, text: str, source: str, *, row: bool = False) -> None:
        if not text:
            return
        if text not in self.texts:
            self.texts[text] = source
            if row:
                self.row_texts.add(text)
        elif text in self.row_texts and not row:
            self.texts[text] = source
            self.row_texts.discard(text)

    def done(self) -> ShowFacts:
        f = self.facts
        f.sources = max(len(self.sources), 1)
        f.premises = tuple(Sourced(text, source) for text, source in self.texts.items())
        said = set(canonical_genres(g.value for g in self.genres))
        for label in self.row_genres:
            if not set(canonical_genres([label.value])) <= said:
                self.genres.setdefault(label, None)
        f.genre_labels = tuple(self.genres)
        f.kinds = tuple(self.kinds)
        f.keywords = tuple(dict.fromkeys(self.keywords))
        f.countries = tuple(dict.fromkeys(self.countries))
        f.people = tuple(self.people)
        f.channels = tuple(self.channels)
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


@dataclass(frozen=True, slots=True)
class _Read:
    """One read, built once: over every show, and over the shows of an ``ids`` list."""

    every: Any
    some: Any


def _read(stmt: Any, column: Any) -> _Read:
    return _Read(stmt, stmt.where(column.in_(bindparam("ids", expanding=True))))


def _rows(conn: Connection, read: _Read, ids: list[int] | None) -> Iterator[Any]:
    if ids is None:
        yield from conn.execute(read.every)
        return
    for chunk in _chunks(ids):
        yield from conn.execute(read.some, {"ids": chunk})


@functools.cache
def _show_read() -> _Read:
    shows, platforms, prov = t.shows, t.platforms, t.provenance
    stmt = select(
        shows.c.id,
        shows.c.title,
        shows.c.title_key,
        shows.c.year,
        shows.c.premiered,
        shows.c.status,
        shows.c.kind,
        shows.c.language,
        shows.c.country,
        shows.c.summary,
        shows.c.genres,
        platforms.c.name.label("pname"),
        platforms.c.kind.label("pkind"),
        prov.c.source,
    ).select_from(
        shows.outerjoin(platforms, shows.c.platform_id == platforms.c.id).join(
            prov, shows.c.provenance_id == prov.c.id
        )
    )
    return _Read(
        stmt.order_by(shows.c.id), stmt.where(shows.c.id.in_(bindparam("ids", expanding=True)))
    )


#: Types a source gives that say nothing about the kind of show ("a TV show").
_NO_KIND = frozenset({"tv show", "show", "series", "tv series"})


@functools.cache
def _record_read() -> _Read:
    records = t.show_records
    data = records.c.data
    columns = [records.c.show_id, records.c.source]
    columns += [data[name].as_string().label(name) for name in _TEXT_FIELDS]
    columns += [data[name].as_string().label(name) for name in _LIST_FIELDS]
    return _read(select(*columns).order_by(records.c.id), records.c.show_id)


def _add_records(conn: Connection, out: dict[int, _Builder], ids: list[int] | None) -> None:
    for row in _rows(conn, _record_read(), ids):
        builder = out.get(row.show_id)
        if builder is None:
            continue
        source = str(row.source)
        builder.sources.add(source)
        builder.premise(_plain(row.description), source)
        for genre in _list(row.genres):
            if isinstance(genre, str) and genre.strip():
                builder.genres.setdefault(Sourced(genre, source), None)
        if row.type and str(row.type).strip().casefold() not in _NO_KIND:
            builder.kinds.setdefault(Sourced(str(row.type), source), None)
        builder.keywords.extend(str(k) for k in _list(row.keywords) if isinstance(k, str))
        for name in ("country", "production_countries", "origin_country"):
            builder.countries.extend(str(c) for c in _list(getattr(row, name)) if c)
        facts = builder.facts
        if facts.language is None and row.original_language:
            facts.language = str(row.original_language)
            facts.language_source = source
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


@functools.cache
def _people_read() -> _Read:
    credits, people, prov = t.credits, t.people, t.provenance
    stmt = (
        select(
            credits.c.show_id,
            people.c.key,
            people.c.name,
            credits.c.kind,
            credits.c.part,
            prov.c.source,
        )
        .join(people, credits.c.person_id == people.c.id)
        .join(prov, credits.c.provenance_id == prov.c.id)
        .order_by(credits.c.show_id, credits.c.kind, credits.c.position, credits.c.id)
    )
    return _read(stmt, credits.c.show_id)


def _add_people(conn: Connection, out: dict[int, _Builder], ids: list[int] | None) -> None:
    for row in _rows(conn, _people_read(), ids):
        builder = out.get(row.show_id)
        if builder is not None:
            role = _role(row.kind, row.part or "")
            builder.people.append(Person(row.key, row.name, role, row.source, row.part or ""))


@functools.cache
def _platform_read() -> _Read:
    links, platforms, prov = t.show_platforms, t.platforms, t.provenance
    stmt = (
        select(
            links.c.show_id,
            platforms.c.name,
            links.c.role,
            links.c.country,
            links.c.offer,
            links.c.as_of,
            prov.c.source,
        )
        .join(platforms, links.c.platform_id == platforms.c.id)
        .join(prov, links.c.provenance_id == prov.c.id)
        .order_by(links.c.id)
    )
    return _read(stmt, links.c.show_id)


def _add_platforms(conn: Connection, out: dict[int, _Builder], ids: list[int] | None) -> None:
    for row in _rows(conn, _platform_read(), ids):
        builder = out.get(row.show_id)
        name = _platform(row.name)
        if builder is None or name is None:
            continue
        if row.role in ("network", "web", "listed"):
            how = str(row.role)
            channel = Channel(row.name, row.role, row.source, row.as_of)
            builder.channels.setdefault(channel, None)
        elif row.role == "provider":
            how = row.offer or "subscription"
        else:
            how = "catalog"
        builder.offers.setdefault(Offer(name, row.country or None, how), None)


@functools.cache
def _tmdb_read() -> _Read:
    table = t.external_ids
    stmt = select(table.c.show_id, table.c.value).where(table.c.scheme == "tmdb")
    return _read(stmt, table.c.show_id)


def _add_tmdb_ids(conn: Connection, out: dict[int, _Builder], ids: list[int] | None) -> None:
    for row in _rows(conn, _tmdb_read(), ids):
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


def load_facts(
    conn: Connection,
    ids: Iterable[int] | None = None,
    *,
    ranking: bool = True,
    entries: dict[int, TitleEntry] | None = None,
) -> dict[int, ShowFacts]:
    """What the recommender reads about the shows ``ids`` (every show when None); without
    ``ranking``, only what a suggestion says (no TMDB ids: one read fewer).
    ``entries``, when given, is filled with each show as search and the report name it."""
    wanted = None if ids is None else sorted(set(ids))
    out: dict[int, _Builder] = {}
    for row in _rows(conn, _show_read(), wanted):
        if entries is not None:
            entries[row.id] = TitleEntry(
                row.id, row.title, row.title_key, row.year, row.pname, row.status, row.kind
            )
        year = row.year if row.year is not None else (row.premiered.year if row.premiered else None)
        facts = ShowFacts(
            id=row.id,
            title=row.title,
            title_key=row.title_key,
            year=year,
            status=row.status,
            language=row.language,
            language_source=str(row.source) if row.language else None,
            original=_platform(row.pname),
            original_kind=row.pkind,
        )
        builder = _Builder(facts)
        source = str(row.source)
        builder.premise(_plain(row.summary), source, row=True)
        for genre in _list(row.genres):
            if isinstance(genre, str) and genre.strip():
                builder.row_genres.append(Sourced(genre, source))
        if row.kind and str(row.kind).strip().casefold() not in _NO_KIND:
            builder.kinds.setdefault(Sourced(str(row.kind), source), None)
        if row.country:
            builder.countries.append(row.country)
        out[row.id] = builder
    _add_records(conn, out, wanted)
    _add_people(conn, out, wanted)
    _add_platforms(conn, out, wanted)
    if ranking:
        _add_tmdb_ids(conn, out, wanted)
    return {show_id: builder.done() for show_id, builder in out.items()}


def fingerprint(conn: Connection) -> str:
    """Changes whenever a show, record, credit, platform link or id is added or refreshed
    (for databases other than a SQLite file, whose size and time say so more cheaply)."""
    values: list[str] = []
    for table in (t.shows, t.show_records, t.credits, t.show_platforms, t.external_ids):
        count, top = conn.execute(select(func.count(), func.max(table.c.id))).one()
        values.append(f"{table.name}:{count}:{top}")
    updated = conn.execute(select(func.max(t.shows.c.updated_at))).scalar()
    values.append(f"updated:{updated}")
    return "|".join(values)


#: Seconds a non-SQLite catalog's fingerprint is trusted: a refresh shows up in the
#: suggestions at most this late (counting rows costs a scan of each table, about 0.1 s at
#: 250,000 shows on PostgreSQL: too much per query).
FINGERPRINT_TTL = 30.0
_LOCK = threading.Lock()
_FINGERPRINTS: dict[str, tuple[float, str]] = {}


class SimilarRows:
    """The catalog as the similar-shows recommender reads it: described shows, their facts,
    and what is said beside a suggestion (title, year, channel, status facts)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    @property
    def url(self) -> str:
        return self.catalog.url

    def key(self) -> str:
        """Changes whenever the catalog does: for a SQLite file, its size and modification
        time (and its write-ahead log's), read without a query; otherwise row counts and ids,
        asked at most every FINGERPRINT_TTL seconds."""
        from nextseason.catalog.db import sqlite_path

        path = sqlite_path(self.url)
        if path is not None:
            parts = []
            for candidate in (path, path.with_name(path.name + "-wal")):
                with contextlib.suppress(OSError):
                    stat = candidate.stat()
                    parts.append(f"{candidate.name}:{stat.st_size}:{stat.st_mtime_ns}")
            if parts:
                return "|".join(parts)
        now = time.monotonic()
        with _LOCK:
            held = _FINGERPRINTS.get(self.url)
        if held is not None and now - held[0] < FINGERPRINT_TTL:
            return held[1]
        with self.catalog.connect() as conn:
            key = fingerprint(conn)
        with _LOCK:
            _FINGERPRINTS[self.url] = (now, key)
        return key

    def content_key(self) -> str:
        """Changes only when what the index reads does (shows, records, credits, platform
        links, ids), not when the catalog's file does: a watchlist entry, a check's state or
        a token's last use leave it alone. A query (about 25 ms on the bundled catalog), so
        :mod:`nextseason.similar.store` asks it only when :meth:`key` has changed."""
        from nextseason.catalog.db import sqlite_path

        if sqlite_path(self.url) is None:
            return self.key()  # already the content's fingerprint
        with self.catalog.connect() as conn:
            return fingerprint(conn)

    def described_ids(self) -> list[int]:
        with self.catalog.connect() as conn:
            return described_ids(conn)

    def facts(self, ids: Iterable[int] | None = None) -> dict[int, ShowFacts]:
        with self.catalog.connect() as conn:
            return load_facts(conn, ids)

    def suggested(self, ids: Iterable[int]) -> dict[int, Suggested]:
        wanted = list(ids)
        entries: dict[int, TitleEntry] = {}
        with self.catalog.connect() as conn:
            facts = load_facts(conn, wanted, ranking=False, entries=entries)
            statuses = status_facts(conn, wanted)
        return {
            i: Suggested(e, statuses.get(i), facts[i]) for i, e in entries.items() if i in facts
        }
