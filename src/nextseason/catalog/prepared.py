"""Statements compiled once for a dialect and run on the driver's own cursor.

SQLAlchemy spends more time preparing each execution than SQLite spends running it; a sync
runs the same few statements for each of 75,000 shows. A :class:`Prepared` statement is
compiled by SQLAlchemy (so it is the dialect's own SQL), its values converted by the column
types' own bind processors (dates, JSON) and, for a query, its rows by their result
processors, exactly as SQLAlchemy would.
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

from sqlalchemy import Connection

__all__ = ["Prepared"]


class Prepared:
    """A statement compiled once for ``conn``'s dialect, run on a DB-API cursor."""

    def __init__(self, stmt: Any, conn: Connection) -> None:
        dialect = conn.dialect
        compiled = stmt.compile(dialect=dialect)
        self.sql = compiled.string
        self.positional = compiled.positiontup is not None
        names = list(compiled.positiontup or compiled.binds)
        self.binds = [
            (name, compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect))
            for name in names
        ]
        #: the values the statement itself gives (a literal compared with, say ``rank == 1``)
        self.fixed = {
            name: bind.effective_value
            for name, bind in compiled.binds.items()
            if not bind.required and bind.callable is None and bind.value is not None
        }
        #: a query's rows: a named tuple of its selected columns, each with its processor
        self.row: Any = None
        self.results: list[Any] = []
        if getattr(stmt, "is_select", False):
            columns = list(stmt.selected_columns)
            self.row = namedtuple("Row", [c.key for c in columns])  # type: ignore[misc]
            self.results = [
                c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns
            ]

    def params(self, values: dict[str, Any]) -> Any:
        if self.fixed:
            values = self.fixed | values
        converted = [(n, values[n] if p is None else p(values[n])) for n, p in self.binds]
        return [v for _, v in converted] if self.positional else dict(converted)

    def run(self, cursor: Any, values: dict[str, Any]) -> Any:
        cursor.execute(self.sql, self.params(values))
        return cursor

    def run_many(self, cursor: Any, rows: list[dict[str, Any]]) -> None:
        cursor.executemany(self.sql, [self.params(r) for r in rows])

    def rows(self, cursor: Any, values: dict[str, Any]) -> list[Any]:
        """A query's rows, each a named tuple of its columns' values as SQLAlchemy gives."""
        cursor.execute(self.sql, self.params(values))
        make, results = self.row._make, self.results
        return [
            make([v if p is None else p(v) for v, p in zip(raw, results, strict=True)])
            for raw in cursor.fetchall()
        ]
