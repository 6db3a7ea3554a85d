"""The SQL of a sync of the whole catalog from a source's index (``nextseason sync``).

A sync writes tens of thousands of shows, each in its own transaction, so that a failure or
Ctrl-C never leaves half a show and every show already written is kept. The general
:class:`~nextseason.catalog.writes.Writer` builds its statements for each call, which costs
more than the write itself at this scale; :class:`IndexWriter` builds its few statements
once and writes the parts an index gives (the show row, the source's record, ids, listed
channels, a status reading). Everything else the catalog holds about a show (episodes,
seasons, credits, other sources' records and readings) is never touched.

Reads here serve the placing of a page's shows (ids -> catalog shows, in bulk), the merge
with what the catalog holds (the reconciled show rows), and skipping shows that have not
changed (the stored record's own change time).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite

from nextseason.catalog import schema as t
from nextseason.catalog.prepared import Prepared as _Prepared
from nextseason.catalog.queries import _provenance
from nextseason.catalog.verdicts import Judging, ShowJudge
from nextseason.model import PlatformRef, ShowBundle, SourceRef
from nextseason.text import title_key

__all__ = [
    "IndexWriter",
    "external_ids_of",
    "load_state",
    "quick_commits",
    "record_values",
    "save_state",
    "show_rows",
]

#: The show row's reconciled columns a bundle fills (besides platform and provenance).
SHOW_FIELDS = (
    "title",
    "year",
    "kind",
    "language",
    "country",
    "premiered",
    "ended",
    "status",
    "summary",
    "genres",
    "runtime",
    "official_site",
)


def _chunks(values: Iterable[Any], size: int = 500) -> Iterator[list[Any]]:
    wanted = sorted(set(values))
    for start in range(0, len(wanted), size):
        yield wanted[start : start + size]


@contextlib.contextmanager
def quick_commits(conn: Connection) -> Iterator[None]:
    """Many small transactions on ``conn`` without a disk flush for each (SQLite).

    A SQLite commit in its default journal mode flushes to disk several times: about 20 ms,
    which for 75,000 shows is 25 minutes. In write-ahead-log mode with ``synchronous=NORMAL``
    a commit is atomic and survives the process being killed; only a power cut may lose the
    last commits, never leave half of one. The catalog stays in WAL mode afterwards (the
    mode belongs to the file, and readers then never wait for a writer); ``db backup``
    copies it whole. Other databases are left as they are.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    conn.exec_driver_sql("PRAGMA journal_mode=WAL")
    conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
    conn.exec_driver_sql("PRAGMA cache_size=-65536")  # 64 MB: the indexes stay in memory
    conn.exec_driver_sql("PRAGMA wal_autocheckpoint=20000")  # fewer, larger checkpoints
    conn.commit()
    try:
        yield
    finally:
        if conn.in_transaction():
            conn.rollback()
        conn.exec_driver_sql("PRAGMA synchronous=FULL")
        conn.exec_driver_sql("PRAGMA wal_autocheckpoint=1000")
        conn.exec_driver_sql("PRAGMA cache_size=-2000")
        conn.commit()


# -- the state kept between runs ------------------------------------------------------------


def load_state(conn: Connection, source: str) -> dict[str, Any]:
    """What the last syncs from ``source`` left (an empty dict before the first)."""
    table = t.sync_state
    found = conn.execute(select(table.c.state).where(table.c.source == source)).scalar()
    return dict(found) if isinstance(found, dict) else {}


def save_state(conn: Connection, source: str, state: dict[str, Any], now: datetime) -> None:
    """Replace what is remembered of ``source``'s syncs."""
    table = t.sync_state
    values = {"source": source, "state": state, "updated_at": now}
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = dialect_insert(table)
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=["source"],
            set_={"state": stmt.excluded.state, "updated_at": stmt.excluded.updated_at},
        ),
        values,
    )


# -- reads for placing and merging ----------------------------------------------------------


def external_ids_of(conn: Connection, show_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """Every external id of each show (scheme -> value), by show id."""
    table = t.external_ids
    out: dict[int, dict[str, str]] = {}
    for chunk in _chunks(show_ids):
        rows = conn.execute(
            select(table.c.show_id, table.c.scheme, table.c.value).where(table.c.show_id.in_(chunk))
        )
        for show_id, scheme, value in rows:
            out.setdefault(int(show_id), {})[scheme] = value
    return out


def record_values(
    conn: Connection, source: str, keys: Iterable[str], name: str
) -> dict[str, object]:
    """One top-level field of ``source``'s records, by record key (None where the record
    lacks it), read from the JSON in the database rather than decoding every record."""
    table = t.show_records
    field = table.c.data[name].as_string()
    out: dict[str, object] = {}
    for chunk in _chunks(keys):
        rows = conn.execute(
            select(table.c.source_key, field).where(
                table.c.source == source, table.c.source_key.in_(chunk)
            )
        )
        out.update({key: value for key, value in rows})
    return out


def show_rows(conn: Connection, show_ids: Iterable[int]) -> dict[int, ShowBundle]:
    """The reconciled show rows (fields, channel, each field's source, ids), without the
    parts (records, episodes...): what a sync merges an index's answer into."""
    shows, platforms = t.shows, t.platforms
    out: dict[int, ShowBundle] = {}
    for chunk in _chunks(show_ids):
        rows = list(
            conn.execute(
                select(
                    shows,
                    platforms.c.name.label("pname"),
                    platforms.c.kind.label("pkind"),
                    platforms.c.country.label("pcountry"),
                )
                .select_from(shows.outerjoin(platforms, shows.c.platform_id == platforms.c.id))
                .where(shows.c.id.in_(chunk))
            )
        )
        wanted = {r.provenance_id for r in rows}
        for r in rows:
            wanted.update((r.field_sources or {}).values())
        refs = _provenance(conn, wanted)
        ids = external_ids_of(conn, chunk)
        for r in rows:
            out[r.id] = ShowBundle(
                id=r.id,
                src=refs[r.provenance_id],
                platform=PlatformRef(r.pname, r.pkind, r.pcountry) if r.pname else None,
                external_ids=ids.get(r.id, {}),
                field_src={
                    name: refs[pid] for name, pid in (r.field_sources or {}).items() if pid in refs
                },
                **{name: getattr(r, name) for name in SHOW_FIELDS},
            )
            out[r.id].genres = list(out[r.id].genres or [])
    return out


# -- the writer -----------------------------------------------------------------------------


class IndexWriter:
    """Writes one show of an index per transaction, with statements prepared once.

    A bundle may hold the show's fields (with ``field_src`` for those kept from other
    sources), records, external ids, platform links and status readings; seasons,
    episodes, credits and interest are not an index's and are refused. ``bundle.id`` places
    the show (None: a new show). An id the catalog already gives another show stays with it.
    """

    def __init__(
        self,
        conn: Connection,
        judging: Callable[[], Judging | None] | None = None,
    ) -> None:
        self.conn = conn
        #: the verdict rules in force (:attr:`nextseason.catalog.Catalog.judging`), asked
        #: at each show: its verdict is computed from its facts as just written and stored
        #: in its transaction (dropped while there are no rules), as
        #: :meth:`nextseason.catalog.Catalog.restate` does; None: verdicts are not touched
        self.judging = judging
        self._judge = ShowJudge(conn) if judging is not None else None
        self._provenance: dict[tuple[str, str], int] = {}
        self._platforms: dict[tuple[str, str], int] = {}
        dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert

        def insert(table: Any, columns: list[str]) -> Any:
            return dialect_insert(table).values({c: bindparam(c) for c in columns})

        def upsert(table: Any, keys: list[str], columns: list[str], values: list[str]) -> Any:
            stmt = insert(table, [*keys, *columns, *values])
            if not columns:
                return _Prepared(stmt.on_conflict_do_nothing(index_elements=keys), conn)
            return _Prepared(
                stmt.on_conflict_do_update(
                    index_elements=keys, set_={c: stmt.excluded[c] for c in columns}
                ),
                conn,
            )

        self._provenance_upsert = upsert(
            t.provenance, ["source", "url"], ["retrieved_at", "licence", "note"], []
        )
        self._provenance_id = _Prepared(
            select(t.provenance.c.id).where(
                t.provenance.c.source == bindparam("source"), t.provenance.c.url == bindparam("url")
            ),
            conn,
        )
        self._platform_insert = upsert(t.platforms, ["name", "kind"], [], ["country"])
        self._platform_id = _Prepared(
            select(t.platforms.c.id).where(
                t.platforms.c.name == bindparam("name"), t.platforms.c.kind == bindparam("kind")
            ),
            conn,
        )
        columns = [
            *SHOW_FIELDS,
            "title_key",
            "platform_id",
            "provenance_id",
            "updated_at",
            "field_sources",
        ]
        self._show_insert = _Prepared(insert(t.shows, columns).returning(t.shows.c.id), conn)
        self._show_update = _Prepared(
            update(t.shows)
            .where(t.shows.c.id == bindparam("show_id_"))
            .values({c: bindparam(c) for c in columns}),
            conn,
        )
        self._record = upsert(
            t.show_records,
            ["source", "source_key"],
            ["show_id", "title", "year", "data", "provenance_id"],
            [],
        )
        self._external_id = upsert(
            t.external_ids, ["scheme", "value"], [], ["show_id", "provenance_id"]
        )
        self._link = upsert(
            t.show_platforms,
            ["show_id", "platform_id", "role", "country", "offer"],
            ["as_of", "provenance_id"],
            [],
        )
        self._status = upsert(
            t.status_readings,
            ["show_id", "source", "season", "read_at"],
            ["status", "details", "provenance_id"],
            [],
        )

    def store(self, bundle: ShowBundle) -> tuple[int, bool]:
        """Write one show in its own transaction; (its catalog id, created?)."""
        if bundle.seasons or bundle.episodes or bundle.credits or bundle.interest:
            raise ValueError("an index writer stores show rows, records, ids and readings only")
        try:
            with self.conn.begin():
                cursor = self.conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
                try:
                    written = self._write(cursor, bundle)
                    if self._judge is not None and self.judging is not None:
                        self._judge(cursor, written[0], self.judging())
                finally:
                    cursor.close()
                return written
        except BaseException:
            # Ids found or made in a transaction that did not commit may not exist.
            self._provenance.clear()
            self._platforms.clear()
            raise

    def _pid(self, cursor: Any, ref: SourceRef) -> int:
        key = (ref.source, ref.url)
        found = self._provenance.get(key)
        if found is None:
            values = {
                "source": ref.source,
                "url": ref.url,
                "retrieved_at": ref.retrieved_at,
                "licence": ref.licence,
                "note": ref.note,
            }
            self._provenance_upsert.run(cursor, values)
            found = int(self._provenance_id.run(cursor, values).fetchone()[0])
            self._provenance[key] = found
        return found

    def _platform(self, cursor: Any, ref: PlatformRef) -> int:
        key = (ref.name, ref.kind)
        found = self._platforms.get(key)
        if found is None:
            values = {"name": ref.name, "kind": ref.kind, "country": ref.country}
            self._platform_insert.run(cursor, values)
            found = int(self._platform_id.run(cursor, values).fetchone()[0])
            self._platforms[key] = found
        return found

    def _write(self, cursor: Any, bundle: ShowBundle) -> tuple[int, bool]:
        def pid(ref: SourceRef) -> int:
            return self._pid(cursor, ref)

        values: dict[str, Any] = {name: getattr(bundle, name) for name in SHOW_FIELDS}
        values["genres"] = list(bundle.genres)
        values |= {
            "title_key": title_key(bundle.title),
            "platform_id": self._platform(cursor, bundle.platform) if bundle.platform else None,
            "provenance_id": pid(bundle.src),
            "updated_at": max(
                (r.src.retrieved_at for r in bundle.records), default=bundle.src.retrieved_at
            ),
            "field_sources": {
                name: pid(ref)
                for name, ref in sorted(bundle.field_src.items())
                if ref != bundle.src
            },
        }
        created = bundle.id is None
        if bundle.id is None:
            show_id = int(self._show_insert.run(cursor, values).fetchone()[0])
        else:
            show_id = bundle.id
            self._show_update.run(cursor, {"show_id_": show_id, **values})
        bundle.id = show_id
        for rec in bundle.records:
            self._record.run(
                cursor,
                {
                    "show_id": show_id,
                    "source": rec.source,
                    "source_key": rec.source_key,
                    "title": rec.title,
                    "year": rec.year,
                    "data": rec.data,
                    "provenance_id": pid(rec.src),
                },
            )
        if bundle.external_ids:
            source = pid(bundle.src)
            self._external_id.run_many(
                cursor,
                [
                    {"show_id": show_id, "scheme": s, "value": v, "provenance_id": source}
                    for s, v in bundle.external_ids.items()
                ],
            )
        for link in bundle.platforms:
            self._link.run(
                cursor,
                {
                    "show_id": show_id,
                    "platform_id": self._platform(cursor, link.platform),
                    "role": link.role,
                    "country": link.country or "",
                    "offer": link.offer or "",
                    "as_of": link.as_of,
                    "provenance_id": pid(link.src),
                },
            )
        for reading in bundle.statuses:
            self._status.run(
                cursor,
                {
                    "show_id": show_id,
                    "source": reading.source,
                    "season": reading.season,
                    "status": reading.status,
                    "read_at": reading.read_at,
                    "details": reading.details,
                    "provenance_id": pid(reading.src),
                },
            )
        return show_id, created
