"""Reading the catalog back into domain records. Plain SELECTs, no business logic."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Integer, Table, and_, bindparam, func, or_, select
from sqlalchemy.sql.elements import BindParameter

from nextseason.catalog import schema as t
from nextseason.catalog.prepared import Prepared
from nextseason.model import (
    CreditRecord,
    EpisodeRecord,
    InterestRecord,
    LatestEpisode,
    PlatformLink,
    PlatformRef,
    SeasonClaim,
    SeasonRecord,
    ShowBundle,
    ShowRecordData,
    SourceRef,
    SourceStatus,
    StatusFacts,
    StatusRecord,
)
from nextseason.record_facts import add_record_facts
from nextseason.text import plain_text

__all__ = [
    "IdHolder",
    "ShowFacts",
    "TitleEntry",
    "counts",
    "credit_records",
    "id_holders",
    "index_entries",
    "load_bundle",
    "shows_by_ids",
    "title_entries",
]


@dataclass(frozen=True, slots=True)
class TitleEntry:
    """What search needs to tell namesakes apart."""

    id: int
    title: str
    key: str
    year: int | None
    platform: str | None
    status: str | None
    kind: str | None


def _entries_query() -> Any:
    shows, platforms = t.shows, t.platforms
    return select(
        shows.c.id,
        shows.c.title,
        shows.c.title_key,
        shows.c.year,
        platforms.c.name,
        shows.c.status,
        shows.c.kind,
    ).select_from(shows.outerjoin(platforms, shows.c.platform_id == platforms.c.id))


def title_entries(conn: Connection) -> list[TitleEntry]:
    return [TitleEntry(*row) for row in conn.execute(_entries_query().order_by(t.shows.c.id))]


def shows_by_ids(conn: Connection, ids: Iterable[int]) -> dict[int, TitleEntry]:
    wanted = list(set(ids))
    if not wanted:
        return {}
    rows = conn.execute(_entries_query().where(t.shows.c.id.in_(wanted)))
    return {row[0]: TitleEntry(*row) for row in rows}


def shows_by_key(conn: Connection, key: str) -> list[TitleEntry]:
    rows = conn.execute(_entries_query().where(t.shows.c.title_key == key))
    return [TitleEntry(*row) for row in rows]


def _provenance(conn: Connection, ids: set[int]) -> dict[int, SourceRef]:
    table = t.provenance
    refs: dict[int, SourceRef] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for row in conn.execute(select(table).where(table.c.id.in_(chunk))):
            refs[row.id] = SourceRef(
                source=row.source,
                url=row.url,
                retrieved_at=row.retrieved_at,
                licence=row.licence,
                note=row.note,
            )
    return refs


def load_bundle(conn: Connection, show_id: int) -> ShowBundle | None:
    """Everything the catalog holds about one show, with each fact's provenance."""
    shows = t.shows
    show = conn.execute(select(shows).where(shows.c.id == show_id)).first()
    if show is None:
        return None

    def rows(table: Table, *order: str) -> list[Any]:
        stmt = select(table).where(table.c.show_id == show_id)
        if order:
            stmt = stmt.order_by(*(table.c[o] for o in order))
        return list(conn.execute(stmt))

    records = rows(t.show_records, "id")
    ids = rows(t.external_ids, "scheme")
    seasons = rows(t.seasons, "number", "id")
    episodes = rows(t.episodes, "season", "number", "airdate")
    interest = rows(t.interest_points, "source", "metric", "season", "day")
    statuses = rows(t.status_readings, "read_at")
    platforms_t, links_t = t.platforms, t.show_platforms
    links = list(
        conn.execute(
            select(
                links_t,
                platforms_t.c.name,
                platforms_t.c.kind.label("pkind"),
                platforms_t.c.country.label("pcountry"),
            )
            .join(platforms_t, links_t.c.platform_id == platforms_t.c.id)
            .where(links_t.c.show_id == show_id)
            .order_by(links_t.c.id)
        )
    )
    credits = _credit_rows(conn, show_id)
    platform = None
    if show.platform_id is not None:
        prow = conn.execute(select(platforms_t).where(platforms_t.c.id == show.platform_id)).first()
        if prow is not None:
            platform = PlatformRef(prow.name, prow.kind, prow.country)

    wanted = {show.provenance_id, *(show.field_sources or {}).values()}
    for group in (records, ids, seasons, episodes, interest, statuses, links, credits):
        wanted.update(r.provenance_id for r in group)
    for r in credits:
        wanted.update(r.sources or ())
    src = _provenance(conn, wanted)

    return ShowBundle(
        id=show.id,
        title=show.title,
        src=src[show.provenance_id],
        year=show.year,
        kind=show.kind,
        language=show.language,
        country=show.country,
        premiered=show.premiered,
        ended=show.ended,
        status=show.status,
        summary=show.summary,
        genres=list(show.genres or []),
        runtime=show.runtime,
        official_site=show.official_site,
        platform=platform,
        external_ids={r.scheme: r.value for r in ids},
        records=[
            ShowRecordData(
                r.source, r.source_key, r.title, r.year, dict(r.data or {}), src[r.provenance_id]
            )
            for r in records
        ],
        platforms=[
            PlatformLink(
                platform=PlatformRef(r.name, r.pkind, r.pcountry),
                role=r.role,
                src=src[r.provenance_id],
                country=r.country or None,
                offer=r.offer or None,
                as_of=r.as_of,
            )
            for r in links
        ],
        seasons=[
            SeasonRecord(
                r.number,
                src[r.provenance_id],
                r.episode_order,
                r.premiere_date,
                r.end_date,
                r.release_platform,
                r.seen_on,
            )
            for r in seasons
        ],
        episodes=[
            EpisodeRecord(
                season=r.season,
                number=r.number,
                src=src[r.provenance_id],
                title=r.title,
                kind=r.kind,
                airdate=r.airdate,
                airstamp=r.airstamp,
                runtime=r.runtime,
                summary=r.summary,
                source_id=r.source_id,
            )
            for r in episodes
        ],
        credits=_credits(credits, src),
        interest=[
            InterestRecord(
                r.source, r.metric, r.period, r.day, r.value, src[r.provenance_id], r.season
            )
            for r in interest
        ],
        statuses=[
            StatusRecord(
                r.source,
                r.status,
                r.read_at,
                src[r.provenance_id],
                dict(r.details or {}),
                r.season,
            )
            for r in statuses
        ],
        field_src={
            name: src[pid] for name, pid in sorted((show.field_sources or {}).items()) if pid in src
        },
    )


def _credit_rows(conn: Connection, show_id: int) -> list[Any]:
    credits_t, people_t = t.credits, t.people
    return list(
        conn.execute(
            select(credits_t, people_t.c.name, people_t.c.key)
            .join(people_t, credits_t.c.person_id == people_t.c.id)
            .where(credits_t.c.show_id == show_id)
            .order_by(credits_t.c.kind, credits_t.c.position, credits_t.c.id)
        )
    )


def _credits(rows: list[Any], src: dict[int, SourceRef]) -> list[CreditRecord]:
    return [
        CreditRecord(
            person_name=r.name,
            kind=r.kind,
            src=src[r.provenance_id],
            part=r.part,
            person_key=r.key,
            episode_count=r.episode_count,
            position=r.position,
            also=tuple(src[p] for p in r.sources or () if p in src),
        )
        for r in rows
    ]


def credit_records(conn: Connection, show_id: int) -> list[CreditRecord]:
    """A show's credits as stored (one row per person and part), with their sources."""
    rows = _credit_rows(conn, show_id)
    wanted = {r.provenance_id for r in rows}
    for r in rows:
        wanted.update(r.sources or ())
    return _credits(rows, _provenance(conn, wanted))


def known_from(conn: Connection, ids: Iterable[int]) -> dict[int, list[str]]:
    """The source keys that describe each show, in a stable order."""
    table = t.show_records
    out: dict[int, list[str]] = {}
    wanted = sorted(set(ids))
    if not wanted:
        return out
    rows = conn.execute(
        select(table.c.show_id, table.c.source)
        .where(table.c.show_id.in_(wanted))
        .distinct()
        .order_by(table.c.show_id, table.c.source)
    )
    for show_id, source in rows:
        out.setdefault(show_id, []).append(source)
    return out


def shows_with_ids(conn: Connection, schemes: Iterable[str]) -> list[int]:
    """Ids of the shows that have an external id in any of ``schemes``."""
    table = t.external_ids
    rows = conn.execute(
        select(table.c.show_id)
        .where(table.c.scheme.in_(list(schemes)))
        .distinct()
        .order_by(table.c.show_id)
    )
    return [int(r[0]) for r in rows]


def shows_by_external(conn: Connection, scheme: str, values: Iterable[str]) -> dict[str, int]:
    """Catalog show id per external id value of one scheme (unknown values are left out)."""
    table = t.external_ids
    out: dict[str, int] = {}
    wanted = sorted(set(values))
    for start in range(0, len(wanted), 500):
        rows = conn.execute(
            select(table.c.value, table.c.show_id).where(
                table.c.scheme == scheme, table.c.value.in_(wanted[start : start + 500])
            )
        )
        out.update({value: int(show_id) for value, show_id in rows})
    return out


def index_entries(conn: Connection, names: Iterable[str]) -> dict[str, tuple[int, set[str]]]:
    """For TVmaze show names, the catalog show holding that name's TVmaze show index entry
    and the entry's channels (network, web channel), where that show has no TVmaze id yet."""
    records, ids = t.show_records, t.external_ids
    out: dict[str, tuple[int, set[str]]] = {}
    wanted = sorted(set(names))
    for start in range(0, len(wanted), 500):
        rows = conn.execute(
            select(records.c.source_key, records.c.show_id, records.c.data).where(
                records.c.source == "tvmaze_index",
                records.c.source_key.in_(wanted[start : start + 500]),
                ~select(ids.c.id)
                .where(ids.c.show_id == records.c.show_id, ids.c.scheme == "tvmaze")
                .exists(),
            )
        )
        for key, show_id, data in rows:
            data = data if isinstance(data, dict) else {}
            channels = {str(v) for v in (data.get("network"), data.get("web_channel")) if v}
            out[str(key)] = (int(show_id), channels)
    return out


@dataclass(frozen=True, slots=True)
class IdHolder:
    """A catalog show that holds an id or a source record, and its TVmaze id (if any)."""

    show_id: int
    title: str
    tvmaze: str | None
    holds: tuple[str, str]  # (scheme, value) of an external id, or (source, key) of a record
    record: bool  # whether ``holds`` is a source record rather than an external id


def id_holders(
    conn: Connection,
    ids: Mapping[str, str],
    records: Iterable[tuple[str, str]] = (),
) -> list[IdHolder]:
    """The shows holding any of the external ``ids`` (scheme -> value) or source
    ``records`` ((source, key) pairs), each with the TVmaze id that tells shows apart."""
    found: list[tuple[int, tuple[str, str], bool]] = []
    table, recs = t.external_ids, t.show_records
    if ids:
        rows = conn.execute(
            select(table.c.show_id, table.c.scheme, table.c.value).where(
                or_(*(and_(table.c.scheme == k, table.c.value == v) for k, v in ids.items()))
            )
        )
        found += [(int(r.show_id), (r.scheme, r.value), False) for r in rows]
    pairs = list(records)
    if pairs:
        rows = conn.execute(
            select(recs.c.show_id, recs.c.source, recs.c.source_key).where(
                or_(*(and_(recs.c.source == s, recs.c.source_key == k) for s, k in pairs))
            )
        )
        found += [(int(r.show_id), (r.source, r.source_key), True) for r in rows]
    if not found:
        return []
    shows = sorted({show_id for show_id, _, _ in found})
    titles = dict(
        conn.execute(select(t.shows.c.id, t.shows.c.title).where(t.shows.c.id.in_(shows))).all()
    )
    tvmaze = dict(
        conn.execute(
            select(table.c.show_id, table.c.value).where(
                table.c.scheme == "tvmaze", table.c.show_id.in_(shows)
            )
        ).all()
    )
    return [
        IdHolder(show_id, str(titles.get(show_id, "")), tvmaze.get(show_id), holds, record)
        for show_id, holds, record in found
    ]


@dataclass(frozen=True, slots=True)
class KnownShow:
    id: int
    title: str
    year: int | None
    external_ids: dict[str, str]


def known_show(conn: Connection, show_id: int) -> KnownShow | None:
    row = conn.execute(
        select(t.shows.c.title, t.shows.c.year).where(t.shows.c.id == show_id)
    ).first()
    if row is None:
        return None
    ids = conn.execute(
        select(t.external_ids.c.scheme, t.external_ids.c.value).where(
            t.external_ids.c.show_id == show_id
        )
    )
    return KnownShow(show_id, row.title, row.year, {scheme: value for scheme, value in ids})


def last_retrieved(conn: Connection, show_id: int, source: str) -> datetime | None:
    """The latest retrieval time of any record, reading or point of ``source`` for a show."""
    latest: datetime | None = None
    for table in (t.show_records, t.status_readings, t.interest_points):
        found = conn.execute(
            select(func.max(t.provenance.c.retrieved_at))
            .select_from(table.join(t.provenance, table.c.provenance_id == t.provenance.c.id))
            .where(table.c.show_id == show_id, t.provenance.c.source.like(f"{source}%"))
        ).scalar()
        if found is not None and (latest is None or found > latest):
            latest = found
    return latest


def counts(conn: Connection) -> dict[str, int]:
    """Row counts of the main tables, for `nextseason db info` and tests."""
    out: dict[str, int] = {}
    for table in (
        t.shows,
        t.show_records,
        t.external_ids,
        t.seasons,
        t.episodes,
        t.people,
        t.credits,
        t.interest_points,
        t.status_readings,
    ):
        out[table.name] = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
    return out


def _chunks(ids: Iterable[int], size: int = 500) -> Iterator[list[int]]:
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), size):
        yield wanted[start : start + size]


def _number(value: object) -> int | None:
    try:
        return int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class _StatusStatements:
    """The statements of :func:`status_facts`, built once: building a statement costs
    SQLAlchemy more than SQLite spends running it, and every write that stores a show's
    verdict runs them for that one show."""

    shows: Any
    readings: Any
    seasons: Any
    episodes: Any
    latest: Any
    records: Any


@functools.cache
def _status_statements(one: bool = False) -> _StatusStatements:
    """For the shows of an ``ids`` list (expanding), or (``one``) the show ``show_id``: the
    one-show form compiles to plain SQL, which :class:`ShowFacts` runs on the driver's
    cursor."""
    ids: BindParameter[list[int]] = bindparam("ids", expanding=True)

    def of(column: Any) -> Any:
        return column == bindparam("show_id", type_=Integer) if one else column.in_(ids)

    prov, shows, platforms = t.provenance, t.shows, t.platforms
    readings, seasons, episodes, records = (
        t.status_readings,
        t.seasons,
        t.episodes,
        t.show_records,
    )
    regular = episodes.c.number.is_not(None) & episodes.c.season.is_not(None)
    ranked = (
        select(
            episodes.c.show_id,
            episodes.c.season,
            episodes.c.number,
            episodes.c.title,
            episodes.c.airdate,
            func.row_number()
            .over(
                partition_by=episodes.c.show_id,
                order_by=(
                    episodes.c.airdate.desc(),
                    episodes.c.season.desc(),
                    episodes.c.number.desc(),
                ),
            )
            .label("rank"),
        )
        .where(of(episodes.c.show_id), regular, episodes.c.airdate.is_not(None))
        .subquery()
    )
    return _StatusStatements(
        shows=select(
            shows.c.id,
            shows.c.title,
            shows.c.kind,
            shows.c.summary,
            shows.c.ended,
            shows.c.status,
            shows.c.language,
            shows.c.country,
            prov.c.source,
            prov.c.retrieved_at,
            platforms.c.name,
            platforms.c.kind.label("pkind"),
        )
        .select_from(
            shows.join(prov, shows.c.provenance_id == prov.c.id).outerjoin(
                platforms, shows.c.platform_id == platforms.c.id
            )
        )
        .where(of(shows.c.id)),
        readings=select(readings).where(of(readings.c.show_id)).order_by(readings.c.read_at),
        seasons=select(
            seasons.c.show_id,
            seasons.c.number,
            seasons.c.premiere_date,
            seasons.c.release_platform,
            seasons.c.seen_on,
            prov.c.source,
            prov.c.retrieved_at,
        )
        .join(prov, seasons.c.provenance_id == prov.c.id)
        .where(of(seasons.c.show_id)),
        episodes=select(
            episodes.c.show_id,
            episodes.c.season,
            prov.c.source,
            func.max(prov.c.retrieved_at).label("as_of"),
            func.min(episodes.c.airdate).label("first"),
            func.max(episodes.c.airdate).label("last"),
            func.count().label("n"),
            func.count(episodes.c.airdate).label("dated"),
        )
        .join(prov, episodes.c.provenance_id == prov.c.id)
        .where(of(episodes.c.show_id), regular)
        .group_by(episodes.c.show_id, episodes.c.season, prov.c.source),
        latest=select(ranked).where(ranked.c.rank == 1),
        records=select(
            records.c.show_id,
            records.c.source,
            records.c.title,
            records.c.data,
            prov.c.retrieved_at,
        )
        .join(prov, records.c.provenance_id == prov.c.id)
        .where(of(records.c.show_id))
        .order_by(records.c.id),
    )


def _as_date(value: object) -> date | None:
    """A date column read through an aggregate (SQLite gives text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def status_facts(conn: Connection, ids: Iterable[int]) -> dict[int, StatusFacts]:
    """The status facts of many shows in a few queries (for a watchlist check).

    Gives the same facts as :func:`nextseason.analysis.status.facts_from_bundle` on each
    show's full bundle, with episodes aggregated per season in SQL.
    """
    out: dict[int, StatusFacts] = {}
    q = _status_statements()
    for chunk in _chunks(ids):
        wanted = {"ids": chunk}
        out |= _facts(*(conn.execute(stmt, wanted).all() for stmt in _in_order(q)))
    return out


class ShowFacts:
    """One show's status facts (:func:`status_facts` for one show), read through statements
    compiled once for ``conn``'s dialect and run on the driver's cursor: a sync reads them
    for every show it writes, in the show's transaction, where SQLAlchemy's own execution
    costs several times what the database spends."""

    def __init__(self, conn: Connection) -> None:
        self._statements = [Prepared(stmt, conn) for stmt in _in_order(_status_statements(True))]

    def read(self, cursor: Any, show_id: int) -> StatusFacts | None:
        """The show's facts (None if there is no such show)."""
        wanted = {"show_id": show_id}
        # Each query's rows are fetched before the next runs (one cursor for all).
        return _facts(*(stmt.rows(cursor, wanted) for stmt in self._statements)).get(show_id)


def _in_order(q: _StatusStatements) -> tuple[Any, ...]:
    """The statements in the order :func:`_facts` takes their rows."""
    return (q.shows, q.readings, q.seasons, q.episodes, q.latest, q.records)


def _facts(
    shows: Iterable[Any],
    readings: Iterable[Any],
    seasons: Iterable[Any],
    episodes: Iterable[Any],
    latest: Iterable[Any],
    records: Iterable[Any],
) -> dict[int, StatusFacts]:
    """Shows' status facts from the rows of their :class:`_StatusStatements`."""
    out: dict[int, StatusFacts] = {}
    r: Any  # rows of several shapes below
    for r in shows:
        facts = StatusFacts(
            title=r.title,
            kind=r.kind,
            summary=plain_text(r.summary),
            platform=r.name,
            platform_kind=r.pkind,
            ended=r.ended,
            language=r.language,
            countries=(r.country,) if r.country and len(r.country) == 2 else (),
        )
        if r.status and r.source == "tvmaze":
            facts.statuses["tvmaze"] = SourceStatus("tvmaze", r.status, r.retrieved_at.date())
        out[r.id] = facts
    for r in readings:
        found = SourceStatus(r.source, r.status, r.read_at.date(), dict(r.details or {}), r.season)
        out[r.show_id].statuses[r.source] = found
        out[r.show_id].readings.append(found)
    for r in seasons:
        year = r.premiere_date.year if r.premiere_date else None
        out[r.show_id].claims.append(
            SeasonClaim(
                r.number,
                r.source,
                r.retrieved_at.date(),
                "season",
                r.premiere_date,
                year,
                seen_on=r.seen_on,
                release_platform=r.release_platform,
            )
        )
    for r in episodes:
        facts = out[r.show_id]
        first, last = _as_date(r.first), _as_date(r.last)
        as_of = r.as_of if isinstance(r.as_of, datetime) else datetime.fromisoformat(str(r.as_of))
        facts.claims.append(
            SeasonClaim(
                r.season,
                r.source,
                as_of.date(),
                "episodes",
                first,
                first.year if first else None,
                last_aired=last,
                episodes=int(r.dated),
            )
        )
        facts.episode_count += int(r.n)
    for r in latest:
        out[r.show_id].latest_episode = LatestEpisode(r.season, r.number, r.title, r.airdate)
    for r in records:
        add_record_facts(out[r.show_id], r.source, r.data or {}, r.title, r.retrieved_at.date())
    return out


def interest_means(conn: Connection, source: str, metric: str, period: str) -> dict[int, float]:
    """Each show's mean value of one kind of whole-show series (season 0), by show id."""
    table = t.interest_points
    rows = conn.execute(
        select(table.c.show_id, func.avg(table.c.value))
        .where(
            table.c.source == source,
            table.c.metric == metric,
            table.c.period == period,
            table.c.season == 0,
        )
        .group_by(table.c.show_id)
    )
    return {int(show_id): float(mean) for show_id, mean in rows if mean is not None}
