"""Verdicts stored with the show: each show's verdict on its next season, kept in
``show_verdicts`` so that a read does not re-derive it from the show's readings.

The verdict rules are the analysis layer's, which the catalog may not import: whoever opens
the catalog hands them in as a :class:`Judging` (the rules and the day they count from).
Every write that changes a show's readings then stores the show's verdict in the same
transaction; a write made without them drops the show's stored verdict, so nothing stale is
ever served, and the next read computes it again.

A verdict depends on the day (decision windows, years of silence, the age of its evidence),
so a stored one is served only for the day it was computed for or the day after
(:func:`serves`); an older one is computed again on read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Integer, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import BindParameter

from nextseason.catalog import schema as t
from nextseason.catalog.prepared import Prepared
from nextseason.catalog.queries import ShowFacts, status_facts
from nextseason.model import StatusFacts, StatusVerdict

__all__ = [
    "Judged",
    "Judging",
    "Rules",
    "ShowJudge",
    "forget",
    "judge",
    "judge_all",
    "serves",
    "stored",
]

#: The verdict rules: a show's status facts and the day they count from -> its verdict on
#: the next season (:func:`nextseason.analysis.status.verdict_for`).
Rules = Callable[[StatusFacts, date], StatusVerdict]

#: How many days a stored verdict is served after the day it was computed for.
SERVED_DAYS = 1
CHUNK = 500


@dataclass(frozen=True)
class Judging:
    """The verdict rules and the day they count from (the app's ``today``)."""

    rules: Rules
    today: Callable[[], date]


@dataclass(frozen=True)
class Judged:
    """A show's verdict on its next season, the day it was computed for, and the highest
    season any source knows of the show."""

    verdict: StatusVerdict
    today: date
    seasons_known: int


def serves(computed_for: date, today: date) -> bool:
    """Whether a verdict computed for ``computed_for`` may be served on ``today``: on that
    day and the next; never before it (it may count seasons that had not aired yet)."""
    return 0 <= (today - computed_for).days <= SERVED_DAYS


@functools.cache
def _statements() -> tuple[Any, Any]:
    """(drop these shows' verdicts, read them): built once, as they run for every write."""
    v = t.show_verdicts
    ids: BindParameter[list[int]] = bindparam("ids", expanding=True)
    return (
        delete(v).where(v.c.show_id.in_(ids)),
        select(v.c.show_id, v.c.today, v.c.seasons_known, v.c.body).where(v.c.show_id.in_(ids)),
    )


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), CHUNK):
        yield wanted[start : start + CHUNK]


def _row(show_id: int, judged: Judged) -> dict[str, Any]:
    v = judged.verdict
    return {
        "show_id": show_id,
        "season": v.season,
        "verdict": v.verdict,
        "rule": v.rule,
        "confidence": v.confidence,
        "evidence_date": v.evidence_date,
        "today": judged.today,
        "seasons_known": judged.seasons_known,
        "body": v.model_dump(mode="json"),
    }


def _judged(facts: StatusFacts, rules: Rules, today: date) -> Judged:
    return Judged(rules(facts, today), today, max((c.season for c in facts.claims), default=0))


def judge(
    conn: Connection, ids: Iterable[int], rules: Rules, today: date, *, store: bool = True
) -> dict[int, Judged]:
    """Compute the verdicts of these shows from their readings and (``store``) store them
    in the caller's transaction; returns them by show id (unknown shows are left out)."""
    out: dict[int, Judged] = {}
    for chunk in _chunks(ids):
        found = status_facts(conn, chunk)
        judged = {show_id: _judged(facts, rules, today) for show_id, facts in found.items()}
        if not store:
            out |= judged
            continue
        conn.execute(_statements()[0], {"ids": chunk})
        if judged:
            conn.execute(
                t.show_verdicts.insert(), [_row(show_id, j) for show_id, j in judged.items()]
            )
        out |= judged
    return out


def judge_all(conn: Connection, judging: Judging) -> int:
    """Compute and store the verdict of every show (a catalog made before verdicts were
    stored, or one loaded without the rules); returns how many."""
    ids = [int(i) for i in conn.execute(select(t.shows.c.id).order_by(t.shows.c.id)).scalars()]
    today = judging.today()
    for chunk in _chunks(ids):
        judge(conn, chunk, judging.rules, today)
    return len(ids)


def forget(conn: Connection, ids: Iterable[int]) -> None:
    """Drop the stored verdicts of these shows (their readings changed, with no rules at
    hand to judge them again): their next read computes them."""
    for chunk in _chunks(ids):
        conn.execute(_statements()[0], {"ids": chunk})


def stored(conn: Connection, ids: Iterable[int]) -> dict[int, Judged]:
    """The stored verdicts of these shows, whatever day they were computed for."""
    out: dict[int, Judged] = {}
    for chunk in _chunks(ids):
        for row in conn.execute(_statements()[1], {"ids": chunk}):
            out[int(row.show_id)] = Judged(
                StatusVerdict.model_validate(row.body), row.today, int(row.seasons_known)
            )
    return out


class ShowJudge:
    """:func:`judge` (or, without the rules, :func:`forget`) for one show at a time, its
    statements compiled once for ``conn``'s dialect and run on the driver's cursor in the
    caller's transaction: what a sync runs after writing each show, where SQLAlchemy's own
    execution of :func:`judge`'s eight statements costs several times the write."""

    def __init__(self, conn: Connection) -> None:
        v = t.show_verdicts
        self._facts = ShowFacts(conn)
        self._drop = Prepared(
            delete(v).where(v.c.show_id == bindparam("show_id", type_=Integer)), conn
        )
        dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        insert = dialect_insert(v).values({c.name: bindparam(c.name) for c in v.c})
        self._store = Prepared(
            insert.on_conflict_do_update(
                index_elements=[v.c.show_id],
                set_={c.name: insert.excluded[c.name] for c in v.c if c.name != "show_id"},
            ),
            conn,
        )

    def __call__(self, cursor: Any, show_id: int, judging: Judging | None) -> Judged | None:
        """Store the show's verdict computed from its facts as they are now in the
        transaction (``judging`` None: drop it); returns it (None when dropped)."""
        judged = None
        if judging is not None:
            facts = self._facts.read(cursor, show_id)
            judged = None if facts is None else _judged(facts, judging.rules, judging.today())
        if judged is None:
            self._drop.run(cursor, {"show_id": show_id})
        else:
            self._store.run(cursor, _row(show_id, judged))
        return judged
