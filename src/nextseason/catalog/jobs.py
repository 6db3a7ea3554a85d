"""The refresh queue: shows waiting to be refreshed, claimed in leased batches by workers.

Workers on one machine or many share the queue through the catalog. A worker claims a
batch with ``SELECT ... FOR UPDATE SKIP LOCKED`` (PostgreSQL; on SQLite the claim runs in an
immediate transaction, which serializes it), stamps it with its name and a lease, and marks
each show done after storing it. A worker that dies leaves its lease to expire; the rest of
its batch is then claimed by another. Each show is stored in its own transaction, so a
killed worker never leaves a show half-written, and no show is refreshed twice at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from nextseason.catalog import schema as t

__all__ = ["QueueCounts", "claim", "complete", "counts", "enqueue", "fail", "renew"]


def enqueue(conn: Connection, show_ids: Iterable[int], now: datetime) -> int:
    """Put shows in the queue (again): a done or failed show becomes pending."""
    rows = [{"show_id": i, "enqueued_at": now, "attempts": 0} for i in sorted(set(show_ids))]
    if not rows:
        return 0
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = dialect_insert(t.refresh_jobs)
    stmt = stmt.on_conflict_do_update(
        index_elements=["show_id"],
        set_={
            "enqueued_at": stmt.excluded.enqueued_at,
            "done_at": None,
            "attempts": 0,
            "last_error": None,
            "leased_by": None,
            "lease_until": None,
        },
    )
    for start in range(0, len(rows), 1000):
        conn.execute(stmt, rows[start : start + 1000])
    return len(rows)


def _claimable(now: datetime) -> object:
    jobs = t.refresh_jobs
    return and_(
        jobs.c.done_at.is_(None),
        or_(jobs.c.lease_until.is_(None), jobs.c.lease_until < now),
    )


def claim(
    conn: Connection, worker: str, *, size: int, lease: timedelta, now: datetime
) -> list[int]:
    """Lease up to ``size`` pending shows to ``worker``; call inside a transaction."""
    jobs = t.refresh_jobs
    pick = (
        select(jobs.c.show_id)
        .where(_claimable(now))  # type: ignore[arg-type]
        .order_by(jobs.c.enqueued_at, jobs.c.show_id)
        .limit(size)
    )
    stamp = {"leased_by": worker, "lease_until": now + lease, "attempts": jobs.c.attempts + 1}
    if conn.dialect.name == "postgresql":
        ids = [int(r[0]) for r in conn.execute(pick.with_for_update(skip_locked=True))]
        if ids:
            conn.execute(update(jobs).where(jobs.c.show_id.in_(ids)).values(**stamp))
        return ids
    # SQLite has no row locks: one UPDATE that picks and stamps takes the write lock before
    # it reads, so two workers can never pick the same rows (a SELECT first could).
    conn.execute(update(jobs).where(jobs.c.show_id.in_(pick.scalar_subquery())).values(**stamp))
    mine = select(jobs.c.show_id).where(
        jobs.c.leased_by == worker, jobs.c.lease_until == now + lease, jobs.c.done_at.is_(None)
    )
    return sorted(int(r[0]) for r in conn.execute(mine))


def renew(conn: Connection, worker: str, show_ids: Iterable[int], *, until: datetime) -> None:
    """Extend the lease of the shows a worker still holds."""
    jobs = t.refresh_jobs
    conn.execute(
        update(jobs)
        .where(
            jobs.c.show_id.in_(list(show_ids)), jobs.c.leased_by == worker, jobs.c.done_at.is_(None)
        )
        .values(lease_until=until)
    )


def complete(conn: Connection, worker: str, show_id: int, now: datetime) -> None:
    jobs = t.refresh_jobs
    conn.execute(
        update(jobs)
        .where(jobs.c.show_id == show_id, jobs.c.leased_by == worker)
        .values(done_at=now, lease_until=None, last_error=None)
    )


def fail(conn: Connection, worker: str, show_id: int, error: str, now: datetime) -> None:
    """A refresh that failed is done for this round, with its error kept."""
    jobs = t.refresh_jobs
    conn.execute(
        update(jobs)
        .where(jobs.c.show_id == show_id, jobs.c.leased_by == worker)
        .values(done_at=now, lease_until=None, last_error=error[:1000])
    )


@dataclass(frozen=True)
class QueueCounts:
    pending: int
    leased: int
    done: int
    failed: int


def counts(conn: Connection, now: datetime) -> QueueCounts:
    jobs = t.refresh_jobs
    row = conn.execute(
        select(
            func.count().filter(jobs.c.done_at.is_(None), jobs.c.lease_until.is_(None)),
            func.count().filter(jobs.c.done_at.is_(None), jobs.c.lease_until >= now),
            func.count().filter(jobs.c.done_at.is_not(None), jobs.c.last_error.is_(None)),
            func.count().filter(jobs.c.done_at.is_not(None), jobs.c.last_error.is_not(None)),
        )
    ).one()
    expired = conn.execute(
        select(func.count()).where(jobs.c.done_at.is_(None), jobs.c.lease_until < now)
    ).scalar_one()
    return QueueCounts(int(row[0]) + int(expired), int(row[1]), int(row[2]), int(row[3]))
