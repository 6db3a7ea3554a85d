"""What importing a newer Netflix file reads from the catalog: the shows its titles may be.

:func:`title_candidates` finds, in a few bulk SELECTs, every catalog show a file's titles may
belong to (the show holding the same record, the shows of the same title under any name a
source gives them) and reads each one as an update needs it (:class:`StoredShow`). The
importer (:mod:`nextseason.importers.netflix_files`) places the titles among them and stores
what it composes through :meth:`nextseason.catalog.Catalog.store`: it runs no SQL itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select

from nextseason.catalog import schema as t
from nextseason.model import PlatformRef, ShowBundle, ShowRecordData, SourceRef
from nextseason.provenance import NETFLIX_ENGAGEMENT, TMDB_2025
from nextseason.text import title_key

__all__ = ["LinkKey", "StoredShow", "TitleCandidates", "interest_point_count", "title_candidates"]

_CHUNK = 500

#: A platform link's identity: platform name, platform kind, role, country, offer ("" when
#: none).
LinkKey = tuple[str, str, str, str, str]


@dataclass(slots=True)
class StoredShow:
    """One catalog show, as much of it as placing a title and updating the show need."""

    id: int
    #: the show's reconciled fields (title, year, kind... platform), their provenance
    #: (``src``, ``field_src``) and no facts
    head: ShowBundle
    records: list[ShowRecordData] = field(default_factory=list)
    links: dict[LinkKey, date | None] = field(default_factory=dict)  # -> as_of
    #: (number, source) -> premiere date: the season rows the catalog holds
    seasons: dict[tuple[int, str], date | None] = field(default_factory=dict)


@dataclass(slots=True)
class TitleCandidates:
    """The catalog shows a file's titles may belong to."""

    by_record: dict[str, int]  # source_key of the file's source -> show id
    by_key: dict[str, set[int]]  # title key -> show ids
    shows: dict[int, StoredShow]


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = list(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def title_candidates(
    conn: Connection, source: str, record_keys: Iterable[str], title_keys: Iterable[str]
) -> TitleCandidates:
    """The shows holding a record of ``source`` with one of ``record_keys``, and the shows
    one of whose titles has one of ``title_keys``: its own title, any title a source gives it,
    the engagement report's translations of it, TMDB's original name."""
    records = t.show_records
    by_record: dict[str, int] = {}
    for chunk in _chunks(set(record_keys)):
        for key, show_id in conn.execute(
            select(records.c.source_key, records.c.show_id).where(
                records.c.source == source, records.c.source_key.in_(chunk)
            )
        ):
            by_record[key] = show_id
    wanted = {key for key in title_keys if key}
    by_key: dict[str, set[int]] = {}

    def index(show_id: int, titles: Iterable[str]) -> None:
        for key in {title_key(title) for title in titles} & wanted:
            by_key.setdefault(key, set()).add(show_id)

    for chunk in _chunks(wanted):
        for show_id, key in conn.execute(
            select(t.shows.c.id, t.shows.c.title_key).where(t.shows.c.title_key.in_(chunk))
        ):
            by_key.setdefault(key, set()).add(show_id)
    # Every title a source gives a show, and the engagement report's translations.
    if wanted:
        for show_id, title in conn.execute(select(records.c.show_id, records.c.title)):
            index(show_id, (title,))
        for show_id, data in conn.execute(
            select(records.c.show_id, records.c.data).where(records.c.source == NETFLIX_ENGAGEMENT)
        ):
            if isinstance(data, dict) and isinstance(data.get("aliases"), list):
                index(show_id, (str(alias) for alias in data["aliases"]))
        for show_id, data in conn.execute(
            select(records.c.show_id, records.c.data).where(records.c.source == TMDB_2025)
        ):
            if isinstance(data, dict) and data.get("original_name"):
                index(show_id, (str(data["original_name"]),))
    ids = set(by_record.values()).union(*by_key.values())
    return TitleCandidates(by_record, by_key, stored_shows(conn, ids))


def stored_shows(conn: Connection, ids: Iterable[int]) -> dict[int, StoredShow]:
    """The shows with these ids (those that exist), as :class:`StoredShow`."""
    platforms = {
        row.id: PlatformRef(row.name, row.kind, row.country)
        for row in conn.execute(select(t.platforms))
    }
    show_rows: list[Any] = []
    record_rows: list[Any] = []
    link_rows: list[Any] = []
    season_rows: list[Any] = []
    records, links, seasons = t.show_records, t.show_platforms, t.seasons
    for chunk in _chunks(sorted(set(ids))):
        show_rows.extend(conn.execute(select(t.shows).where(t.shows.c.id.in_(chunk))))
        record_rows.extend(
            conn.execute(select(records).where(records.c.show_id.in_(chunk)).order_by(records.c.id))
        )
        link_rows.extend(conn.execute(select(links).where(links.c.show_id.in_(chunk))))
        season_rows.extend(
            conn.execute(
                select(
                    seasons.c.show_id, seasons.c.number, seasons.c.source, seasons.c.premiere_date
                ).where(seasons.c.show_id.in_(chunk))
            )
        )
    field_ids = {pid for r in show_rows for pid in (r.field_sources or {}).values()}
    refs = _refs(
        conn,
        {r.provenance_id for r in record_rows} | {r.provenance_id for r in show_rows} | field_ids,
    )
    shows = {row.id: StoredShow(row.id, _head(row, refs, platforms)) for row in show_rows}
    for r in record_rows:
        data = r.data if isinstance(r.data, dict) else {}
        shows[r.show_id].records.append(
            ShowRecordData(r.source, r.source_key, r.title, r.year, data, refs[r.provenance_id])
        )
    for r in link_rows:
        platform = platforms[r.platform_id]
        key = (platform.name, platform.kind, r.role, r.country or "", r.offer or "")
        shows[r.show_id].links[key] = r.as_of
    for r in season_rows:
        shows[r.show_id].seasons[(r.number, r.source)] = r.premiere_date
    return shows


def _head(row: Any, refs: dict[int, SourceRef], platforms: dict[int, PlatformRef]) -> ShowBundle:
    """A show row's reconciled fields and their provenance, without its facts."""
    return ShowBundle(
        id=row.id,
        title=row.title,
        src=refs[row.provenance_id],
        year=row.year,
        kind=row.kind,
        language=row.language,
        country=row.country,
        premiered=row.premiered,
        ended=row.ended,
        status=row.status,
        summary=row.summary,
        genres=list(row.genres or []),
        runtime=row.runtime,
        official_site=row.official_site,
        platform=platforms.get(row.platform_id) if row.platform_id is not None else None,
        field_src={
            name: refs[pid] for name, pid in (row.field_sources or {}).items() if pid in refs
        },
    )


def _refs(conn: Connection, ids: set[int]) -> dict[int, SourceRef]:
    table = t.provenance
    out: dict[int, SourceRef] = {}
    for chunk in _chunks(sorted(ids)):
        for row in conn.execute(select(table).where(table.c.id.in_(chunk))):
            out[row.id] = SourceRef(row.source, row.url, row.retrieved_at, row.licence, row.note)
    return out


def interest_point_count(conn: Connection) -> int:
    """How many interest points the catalog holds (an import reports how many it added)."""
    return int(conn.execute(select(func.count()).select_from(t.interest_points)).scalar_one())
