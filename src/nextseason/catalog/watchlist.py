"""The watchlist's tables: watched shows and their state, verdict history, changes, locks."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError

from nextseason.catalog import schema as t

__all__ = [
    "LockHolder",
    "StoredChange",
    "WatchedShow",
    "acquire_lock",
    "add",
    "changes_count",
    "changes_for_delivery",
    "holder_name",
    "lock_holder",
    "mark_delivery",
    "process_start",
    "recent_changes",
    "release_lock",
    "remove",
    "save_check",
    "watched",
    "watched_count",
]


@dataclass(frozen=True)
class WatchedShow:
    show_id: int
    title: str
    year: int | None
    added_at: datetime
    checked_at: datetime | None
    state: dict[str, Any]


@dataclass(frozen=True)
class StoredChange:
    id: int
    show_id: int
    kind: str
    title: str
    summary: str
    detail: dict[str, Any]
    detected_at: datetime
    delivery: str
    attempts: int


def add(conn: Connection, show_id: int, state: dict[str, Any], now: datetime) -> bool:
    """Watch a show; False when it was already watched (nothing changes then), also when a
    concurrent writer adds it between the check and the insert."""
    exists = conn.execute(select(t.watchlist.c.id).where(t.watchlist.c.show_id == show_id)).first()
    if exists:
        return False
    try:
        with conn.begin_nested():  # a savepoint: the losing insert leaves the transaction whole
            conn.execute(
                insert(t.watchlist).values(
                    show_id=show_id, added_at=now, checked_at=None, state=state
                )
            )
    except IntegrityError:  # a concurrent request added it first
        return False
    return True


def remove(conn: Connection, show_id: int) -> bool:
    """Stop watching a show; False when it was not watched."""
    done = conn.execute(delete(t.watchlist).where(t.watchlist.c.show_id == show_id))
    return bool(done.rowcount)


def watched(
    conn: Connection, *, after: tuple[str, int] | None = None, limit: int | None = None
) -> list[WatchedShow]:
    """The watched shows by title (then id); ``after`` a (title, show id) a page ended on."""
    stmt = (
        select(
            t.watchlist.c.show_id,
            t.shows.c.title,
            t.shows.c.year,
            t.watchlist.c.added_at,
            t.watchlist.c.checked_at,
            t.watchlist.c.state,
        )
        .join(t.shows, t.shows.c.id == t.watchlist.c.show_id)
        .order_by(t.shows.c.title, t.watchlist.c.show_id)
    )
    if after is not None:
        stmt = stmt.where(tuple_(t.shows.c.title, t.watchlist.c.show_id) > tuple_(*after))
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = conn.execute(stmt)
    return [WatchedShow(r[0], r[1], r[2], r[3], r[4], dict(r[5] or {})) for r in rows]


def watched_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(t.watchlist)).scalar_one())


@dataclass(frozen=True)
class CheckResult:
    """One show's outcome of a check, to be written in the same transaction as the rest."""

    show_id: int
    state: dict[str, Any]
    verdict: dict[str, Any]  # season, verdict, basis, rule, confidence, confirmed
    changes: Sequence[tuple[str, str, str, dict[str, Any]]]  # kind, title, summary, detail


def save_check(
    conn: Connection, results: Iterable[CheckResult], now: datetime, *, webhook: bool
) -> list[int]:
    """Store states, verdict history and changes; returns the new change ids."""
    ids: list[int] = []
    history: list[dict[str, Any]] = []
    states: list[dict[str, Any]] = []
    for result in results:
        states.append({"b_show": result.show_id, "b_state": result.state})
        history.append({"show_id": result.show_id, "observed_at": now, **result.verdict})
        for kind, title, summary, detail in result.changes:
            new_id = conn.execute(
                insert(t.changes)
                .values(
                    show_id=result.show_id,
                    kind=kind,
                    title=title,
                    summary=summary,
                    detail=detail,
                    detected_at=now,
                    delivery="pending" if webhook else "",
                    attempts=0,
                )
                .returning(t.changes.c.id)
            ).scalar_one()
            ids.append(int(new_id))
    if states:
        # One prepared statement for every show (a statement each costs seconds at 10,000).
        conn.execute(
            update(t.watchlist)
            .where(t.watchlist.c.show_id == bindparam("b_show"))
            .values(state=bindparam("b_state"), checked_at=now),
            states,
        )
    if history:
        conn.execute(insert(t.verdict_history), history)
    return ids


def _stored(row: Any) -> StoredChange:
    return StoredChange(
        row.id,
        row.show_id,
        row.kind,
        row.title,
        row.summary,
        dict(row.detail or {}),
        row.detected_at,
        row.delivery,
        row.attempts,
    )


def changes_for_delivery(conn: Connection) -> list[StoredChange]:
    rows = conn.execute(
        select(t.changes).where(t.changes.c.delivery == "pending").order_by(t.changes.c.id)
    )
    return [_stored(r) for r in rows]


def mark_delivery(
    conn: Connection, change_id: int, *, ok: bool, attempts: int, error: str | None, now: datetime
) -> None:
    values: dict[str, Any] = {
        "attempts": t.changes.c.attempts + attempts,
        "last_error": None if ok else error,
    }
    if ok:
        values |= {"delivery": "delivered", "delivered_at": now}
    # Only a pending change is marked: a concurrent run that delivered it first wins.
    conn.execute(
        update(t.changes)
        .where(t.changes.c.id == change_id, t.changes.c.delivery == "pending")
        .values(**values)
    )


def recent_changes(
    conn: Connection,
    *,
    limit: int = 100,
    show_id: int | None = None,
    before: tuple[datetime, int] | None = None,
) -> list[StoredChange]:
    """Confirmed changes, newest first; ``before`` a (detected_at, id) a page ended on."""
    c = t.changes
    stmt = select(c).order_by(c.c.detected_at.desc(), c.c.id.desc())
    if show_id is not None:
        stmt = stmt.where(c.c.show_id == show_id)
    if before is not None:
        stmt = stmt.where(tuple_(c.c.detected_at, c.c.id) < tuple_(*before))
    return [_stored(r) for r in conn.execute(stmt.limit(limit))]


def changes_count(conn: Connection, *, show_id: int | None = None) -> int:
    stmt = select(func.count()).select_from(t.changes)
    if show_id is not None:
        stmt = stmt.where(t.changes.c.show_id == show_id)
    return int(conn.execute(stmt).scalar_one())


def process_start(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot, from /proc), None where that
    cannot be read: with the pid, it names one process even after the pid is reused."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            stat = fh.read()
    except OSError:
        return None
    fields = stat.rpartition(")")[2].split()
    return fields[19] if len(fields) > 19 else None  # field 22 of stat(5)


def holder_name() -> str:
    """This process, as a lock names its holder: ``host:pid`` and, where known, ``:start``."""
    pid = os.getpid()
    start = process_start(pid)
    return f"{socket.gethostname()}:{pid}" + (f":{start}" if start else "")


@dataclass(frozen=True)
class LockHolder:
    holder: str
    acquired_at: datetime
    expires_at: datetime


def lock_holder(conn: Connection, name: str) -> LockHolder | None:
    """Who holds the named lock, or None."""
    row = conn.execute(
        select(t.run_locks.c.holder, t.run_locks.c.acquired_at, t.run_locks.c.expires_at).where(
            t.run_locks.c.name == name
        )
    ).first()
    return LockHolder(row.holder, row.acquired_at, row.expires_at) if row else None


def acquire_lock(
    conn: Connection,
    name: str,
    *,
    holder: str,
    now: datetime,
    lease: timedelta,
    dead: Callable[[str], bool] | None = None,
) -> LockHolder | None:
    """Take the named lease; None when taken, else who holds it.

    A lease that expired, or whose holder ``dead`` says is gone (a process killed mid-run),
    is taken over.
    """
    try:
        with conn.begin_nested():
            conn.execute(
                insert(t.run_locks).values(
                    name=name, holder=holder, acquired_at=now, expires_at=now + lease
                )
            )
        return None
    except IntegrityError:
        pass
    current = lock_holder(conn, name)
    if current is None:  # released between our insert and this read: try once more
        return acquire_lock(conn, name, holder=holder, now=now, lease=lease)
    if current.expires_at < now or (dead is not None and dead(current.holder)):
        taken = conn.execute(
            update(t.run_locks)
            .where(t.run_locks.c.name == name, t.run_locks.c.holder == current.holder)
            .values(holder=holder, acquired_at=now, expires_at=now + lease)
        )
        if taken.rowcount:
            return None
        return lock_holder(conn, name) or current
    return current


def release_lock(conn: Connection, name: str, *, holder: str) -> None:
    conn.execute(
        delete(t.run_locks).where(t.run_locks.c.name == name, t.run_locks.c.holder == holder)
    )
