"""Storing show bundles: idempotent upserts, one transaction per batch.

A bundle finds its show by one of its source records (``source`` + ``source_key``) or by an
external id; if none is known, a new show is created. Every child row is upserted on its
natural key, so storing the same bundle twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, and_, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from nextseason.catalog import schema as t
from nextseason.model import CreditRecord, PlatformRef, ShowBundle, SourceRef
from nextseason.people import merge_credits, person_key
from nextseason.text import title_key

__all__ = ["StoreStats", "Writer"]


@dataclass
class StoreStats:
    shows_created: int = 0
    shows_updated: int = 0


class Writer:
    """Upserts bundles into an open connection; call inside a transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect.name
        self._provenance: dict[tuple[str, str], int] = {}
        self._platforms: dict[tuple[str, str], int] = {}
        self.stats = StoreStats()

    # -- helpers -------------------------------------------------------------------------

    def _upsert(
        self,
        table: Table,
        rows: Sequence[dict[str, Any]],
        keys: Sequence[str],
        update_cols: Sequence[str] | None = None,
    ) -> None:
        if not rows:
            return
        # One statement may not touch the same key twice (PostgreSQL refuses): last one wins.
        rows = list({tuple(r[k] for k in keys): r for r in rows}.values())
        dialect_insert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
        stmt = dialect_insert(table)
        cols = (
            list(update_cols)
            if update_cols is not None
            else [c for c in rows[0] if c not in keys and c != "id"]
        )
        if cols:
            stmt = stmt.on_conflict_do_update(
                index_elements=list(keys), set_={c: stmt.excluded[c] for c in cols}
            )
        else:
            stmt = stmt.on_conflict_do_nothing(index_elements=list(keys))
        self.conn.execute(stmt, list(rows))

    def provenance_id(self, ref: SourceRef) -> int:
        key = (ref.source, ref.url)
        if key in self._provenance:
            return self._provenance[key]
        table = t.provenance
        self._upsert(
            t.provenance,
            [
                {
                    "source": ref.source,
                    "url": ref.url,
                    "retrieved_at": ref.retrieved_at,
                    "licence": ref.licence,
                    "note": ref.note,
                }
            ],
            ["source", "url"],
        )
        found = self.conn.execute(
            select(table.c.id).where(table.c.source == ref.source, table.c.url == ref.url)
        ).scalar_one()
        self._provenance[key] = int(found)
        return int(found)

    def platform_id(self, ref: PlatformRef) -> int:
        key = (ref.name, ref.kind)
        if key in self._platforms:
            return self._platforms[key]
        table = t.platforms
        self._upsert(
            t.platforms,
            [{"name": ref.name, "kind": ref.kind, "country": ref.country}],
            ["name", "kind"],
            [],
        )
        found = self.conn.execute(
            select(table.c.id).where(table.c.name == ref.name, table.c.kind == ref.kind)
        ).scalar_one()
        self._platforms[key] = int(found)
        return int(found)

    def _find_show(self, bundle: ShowBundle) -> int | None:
        if bundle.id is not None:
            return bundle.id
        records = t.show_records
        keys = [(r.source, r.source_key) for r in bundle.records]
        if keys:
            found = self.conn.execute(
                select(records.c.show_id)
                # OR of equalities, not a row-value IN: SQLite scans the table for the latter.
                .where(
                    or_(*(and_(records.c.source == s, records.c.source_key == k) for s, k in keys))
                )
                .limit(1)
            ).scalar()
            if found is not None:
                return int(found)
        ids = t.external_ids
        pairs = list(bundle.external_ids.items())
        if pairs:
            found = self.conn.execute(
                select(ids.c.show_id)
                .where(or_(*(and_(ids.c.scheme == s, ids.c.value == v) for s, v in pairs)))
                .limit(1)
            ).scalar()
            if found is not None:
                return int(found)
        return None

    # -- the one public operation ------------------------------------------------------

    def store(self, bundles: Iterable[ShowBundle]) -> list[int]:
        """Upsert bundles; returns their show ids in order."""
        ids: list[int] = []
        children: dict[str, list[dict[str, Any]]] = {}
        now = datetime.now(UTC).replace(tzinfo=None)
        shows = t.shows
        for bundle in bundles:
            values = {
                "title": bundle.title,
                "title_key": title_key(bundle.title),
                "year": bundle.year,
                "kind": bundle.kind,
                "language": bundle.language,
                "country": bundle.country,
                "premiered": bundle.premiered,
                "ended": bundle.ended,
                "status": bundle.status,
                "summary": bundle.summary,
                "genres": list(bundle.genres),
                "runtime": bundle.runtime,
                "official_site": bundle.official_site,
                "platform_id": self.platform_id(bundle.platform) if bundle.platform else None,
                "provenance_id": self.provenance_id(bundle.src),
                "updated_at": max((r.src.retrieved_at for r in bundle.records), default=now),
                "field_sources": {
                    name: self.provenance_id(ref)
                    for name, ref in sorted(bundle.field_src.items())
                    if ref != bundle.src
                },
            }
            show_id = self._find_show(bundle)
            created = show_id is None
            if show_id is None:
                show_id = int(
                    self.conn.execute(shows.insert().returning(shows.c.id), values).scalar_one()
                )
                self.stats.shows_created += 1
            else:
                self.conn.execute(update(shows).where(shows.c.id == show_id).values(**values))
                self.stats.shows_updated += 1
            bundle.id = show_id
            ids.append(show_id)
            self._collect(bundle, show_id, children, created=created)
        self._flush(children)
        return ids

    def _collect(
        self,
        bundle: ShowBundle,
        show_id: int,
        out: dict[str, list[dict[str, Any]]],
        *,
        created: bool,
    ) -> None:
        pid = self.provenance_id
        for rec in bundle.records:
            out.setdefault("records", []).append(
                {
                    "show_id": show_id,
                    "source": rec.source,
                    "source_key": rec.source_key,
                    "title": rec.title,
                    "year": rec.year,
                    "data": rec.data,
                    "provenance_id": pid(rec.src),
                }
            )
        for scheme, value in bundle.external_ids.items():
            out.setdefault("ids", []).append(
                {
                    "show_id": show_id,
                    "scheme": scheme,
                    "value": value,
                    "provenance_id": pid(bundle.src),
                }
            )
        for link in bundle.platforms:
            out.setdefault("platforms", []).append(
                {
                    "show_id": show_id,
                    "platform_id": self.platform_id(link.platform),
                    "role": link.role,
                    "country": link.country or "",
                    "offer": link.offer or "",
                    "as_of": link.as_of,
                    "provenance_id": pid(link.src),
                }
            )
        for season in bundle.seasons:
            out.setdefault("seasons", []).append(
                {
                    "show_id": show_id,
                    "number": season.number,
                    "source": season.src.source,
                    "episode_order": season.episode_order,
                    "premiere_date": season.premiere_date,
                    "end_date": season.end_date,
                    "release_platform": season.release_platform,
                    "seen_on": season.seen_on,
                    "provenance_id": pid(season.src),
                }
            )
        for ep in bundle.episodes:
            out.setdefault("episodes", []).append(
                {
                    "show_id": show_id,
                    "key": ep.key,
                    "season": ep.season,
                    "number": ep.number,
                    "title": ep.title,
                    "kind": ep.kind,
                    "airdate": ep.airdate,
                    "airstamp": ep.airstamp,
                    "runtime": ep.runtime,
                    "summary": ep.summary,
                    "source_id": ep.source_id,
                    "provenance_id": pid(ep.src),
                }
            )
        if bundle.credits:
            out.setdefault("credit_shows", []).append({"show_id": show_id})
            stored = [] if created else self._stored_credits(show_id)
            merged = merge_credits([*bundle.credits, *stored])
        else:
            merged = []
        for credit in merged:
            out.setdefault("credits", []).append(
                {
                    "show_id": show_id,
                    "person_key": credit.person_key or person_key(credit.person_name),
                    "person_name": credit.person_name,
                    "kind": credit.kind,
                    "part": credit.part,
                    "episode_count": credit.episode_count,
                    "position": credit.position,
                    "provenance_id": pid(credit.src),
                    "sources": sorted({pid(ref) for ref in credit.also} - {pid(credit.src)}),
                }
            )
        for point in bundle.interest:
            out.setdefault("interest", []).append(
                {
                    "show_id": show_id,
                    "source": point.source,
                    "metric": point.metric,
                    "season": point.season,
                    "period": point.period,
                    "day": point.day,
                    "value": point.value,
                    "provenance_id": pid(point.src),
                }
            )
        for reading in bundle.statuses:
            out.setdefault("statuses", []).append(
                {
                    "show_id": show_id,
                    "source": reading.source,
                    "season": reading.season,
                    "status": reading.status,
                    "read_at": reading.read_at,
                    "details": reading.details,
                    "provenance_id": pid(reading.src),
                }
            )

    def _flush(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        self._upsert(t.show_records, rows.get("records", []), ["source", "source_key"])
        # An id already owned by another show is left with it: ids identify one show.
        self._upsert(t.external_ids, rows.get("ids", []), ["scheme", "value"], [])
        self._upsert(
            t.show_platforms,
            rows.get("platforms", []),
            ["show_id", "platform_id", "role", "country", "offer"],
        )
        self._upsert(t.seasons, rows.get("seasons", []), ["show_id", "number", "source"])
        self._upsert(t.episodes, rows.get("episodes", []), ["show_id", "key"])
        self._store_credits(rows.get("credit_shows", []), rows.get("credits", []))
        self._upsert(
            t.interest_points,
            rows.get("interest", []),
            ["show_id", "source", "metric", "season", "period", "day"],
        )
        self._upsert(
            t.status_readings, rows.get("statuses", []), ["show_id", "source", "season", "read_at"]
        )

    def _stored_credits(self, show_id: int) -> list[CreditRecord]:
        """The credits the catalog already holds for a show, to merge new ones with."""
        from nextseason.catalog.queries import credit_records

        return credit_records(self.conn, show_id)

    def _store_credits(self, shows: list[dict[str, Any]], rows: list[dict[str, Any]]) -> None:
        """Replace the credits of ``shows`` by ``rows`` (already merged with what was there)."""
        ids = sorted({row["show_id"] for row in shows})
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            self.conn.execute(delete(t.credits).where(t.credits.c.show_id.in_(chunk)))
        if not rows:
            return
        people = t.people
        names: dict[str, str] = {}
        for row in rows:
            names.setdefault(row["person_key"], row["person_name"])
        self._upsert(t.people, [{"key": k, "name": n} for k, n in names.items()], ["key"], ["name"])
        person_ids: dict[str, int] = {}
        keys = list(names)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            for key, pid in self.conn.execute(
                select(people.c.key, people.c.id).where(people.c.key.in_(chunk))
            ):
                person_ids[key] = pid
        seen: set[tuple[int, int, str, str]] = set()
        credit_rows = []
        for row in rows:
            person = person_ids[row["person_key"]]
            ident = (row["show_id"], person, row["kind"], row["part"])
            if ident in seen:
                continue
            seen.add(ident)
            credit_rows.append(
                {
                    "show_id": row["show_id"],
                    "person_id": person,
                    "kind": row["kind"],
                    "part": row["part"],
                    "episode_count": row["episode_count"],
                    "position": row["position"],
                    "provenance_id": row["provenance_id"],
                    "sources": row["sources"],
                }
            )
        self._upsert(t.credits, credit_rows, ["show_id", "person_id", "kind", "part"])
