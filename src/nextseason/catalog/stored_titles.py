"""Title search on the catalog's stored title index: nothing to build before the first search.

SQLite keeps an FTS5 trigram table of the padded title keys (``title_grams``, migration
0009); PostgreSQL a ``pg_trgm`` GIN index on ``shows.title_key``. Either gives the
candidates; :class:`~nextseason.catalog.search.TitleMatcher` scores them with rapidfuzz as
the in-memory index does.

SQLite: the query's trigrams are taken rarest first (their counts come from the index's
vocabulary) until the titles they name pass :data:`GRAM_BUDGET`, and the titles that hold
most of them are the candidates: a typo changes the three or four trigrams around it and
leaves the rest, so the title meant still holds most of the query's trigrams, and trigrams
found in many titles say little and would cost most. PostgreSQL: titles similar to the query
as a whole (``%``) or to a stretch of words of it (``<%``), the most similar first.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import Connection, bindparam, text

from nextseason.catalog import queries
from nextseason.catalog.queries import TitleEntry
from nextseason.catalog.search import CANDIDATES, TitleMatcher, _grams

__all__ = ["GRAM_BUDGET", "StoredTitles", "has_stored_index"]

#: How many title postings the rarest trigrams of a query may read, in all, on SQLite: the
#: cost of a search grows with it, the chance that a typo's title is among the candidates
#: too. On the 100,000-show bench (bench/search_100k.py) 5,000 finds the intended show as
#: often as the in-memory index, and as 8,000 and 20,000 do, at half the cost of 20,000.
GRAM_BUDGET = 5_000
#: A search that found nothing close looks again with this many times the budget.
LOOSE_BUDGET = 3
#: At least this many trigrams are read, however common (a query of common words).
MIN_GRAMS = 3
#: pg_trgm's thresholds: similarity of the whole title, and of a stretch of its words. The
#: first look is strict (fewer titles to weigh: faster); a search that found nothing close,
#: and suggestions, look again with pg_trgm's defaults lowered a little (two typos in
#: "strnger thigns" leave a similarity of 0.41 to "stranger things").
PG_SIMILARITY = 0.5
PG_WORD_SIMILARITY = 0.7
PG_LOOSE_SIMILARITY = 0.3
PG_LOOSE_WORD_SIMILARITY = 0.5


def has_stored_index(conn: Connection) -> bool:
    """Whether the catalog has its stored title index (a database without FTS5 or pg_trgm
    has none and is searched in memory)."""
    if conn.dialect.name == "sqlite":
        found = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'title_grams'"
        ).first()
        return found is not None
    if conn.dialect.name == "postgresql":
        found = conn.exec_driver_sql(
            "SELECT 1 FROM pg_indexes WHERE indexname = 'ix_shows_title_key_trgm'"
        ).first()
        return found is not None
    return False


def _phrase(gram: str) -> str:
    """A trigram as an FTS5 string (quotes doubled): matched as it is, spaces included."""
    return '"' + gram.replace('"', '""') + '"'


def _entries(conn: Connection, ranked: str, params: dict[str, Any]) -> list[TitleEntry]:
    """The title entries of the shows a query ranks (``ranked`` selects ``id`` and ``rank``,
    best first), in one statement with their platforms."""
    rows = conn.execute(
        text(
            f"SELECT s.id, s.title, s.title_key, s.year, p.name, s.status, s.kind "
            f"FROM ({ranked}) AS ranked JOIN shows AS s ON s.id = ranked.id "
            "LEFT JOIN platforms AS p ON p.id = s.platform_id ORDER BY ranked.rank, s.id"
        ),
        params,
    )
    return [TitleEntry(*row) for row in rows]


def _sqlite_candidates(conn: Connection, key: str, limit: int, *, loose: bool) -> list[TitleEntry]:
    grams = sorted(_grams(key))
    counts = conn.execute(
        text("SELECT term, doc FROM title_grams_vocab WHERE term IN :grams").bindparams(
            bindparam("grams", expanding=True)
        ),
        {"grams": grams},
    ).all()
    budget = GRAM_BUDGET * (LOOSE_BUDGET if loose else 1)
    chosen: list[str] = []
    read = 0
    for term, titles in sorted(counts, key=lambda row: (row[1], row[0])):
        if len(chosen) >= MIN_GRAMS and read + titles > budget:
            break
        chosen.append(term)
        read += titles
    if not chosen:
        return []
    # Counting in SQL: only the best ``limit`` titles come back to Python.
    union = " UNION ALL ".join(
        f"SELECT rowid AS id FROM title_grams WHERE title_grams MATCH :g{n}"
        for n in range(len(chosen))
    )
    ranked = (
        f"SELECT id, -count(*) AS rank FROM ({union}) GROUP BY id ORDER BY rank, id LIMIT :limit"
    )
    return _entries(
        conn, ranked, {**{f"g{n}": _phrase(g) for n, g in enumerate(chosen)}, "limit": limit}
    )


def _pg_candidates(conn: Connection, key: str, limit: int, *, loose: bool) -> list[TitleEntry]:
    similarity = PG_LOOSE_SIMILARITY if loose else PG_SIMILARITY
    word = PG_LOOSE_WORD_SIMILARITY if loose else PG_WORD_SIMILARITY
    # The operators' thresholds are settings: for this transaction only.
    conn.execute(
        text(
            "SELECT set_config('pg_trgm.similarity_threshold', :s, true), "
            "set_config('pg_trgm.word_similarity_threshold', :w, true)"
        ),
        {"s": str(similarity), "w": str(word)},
    )
    ranked = (
        "SELECT id, -greatest(similarity(title_key, :key), word_similarity(:key, title_key)) "
        "AS rank FROM shows WHERE title_key % :key OR :key <% title_key "
        "ORDER BY rank, id LIMIT :limit"
    )
    return _entries(conn, ranked, {"key": key, "limit": limit})


class StoredTitles(TitleMatcher):
    """Search over the catalog's stored title index; each call is a query or two."""

    widens = True

    def __init__(self, connect: Callable[[], AbstractContextManager[Connection]]) -> None:
        self._connect = connect

    def exact(self, key: str) -> list[TitleEntry]:
        with self._connect() as conn:
            return sorted(queries.shows_by_key(conn, key), key=lambda e: e.id)

    def entry(self, show_id: int) -> TitleEntry | None:
        with self._connect() as conn:
            return queries.shows_by_ids(conn, [show_id]).get(show_id)

    def candidates(
        self, key: str, *, loose: bool = False, limit: int = CANDIDATES
    ) -> list[TitleEntry]:
        if not key:
            return []
        with self._connect() as conn:
            if conn.dialect.name == "postgresql":
                return _pg_candidates(conn, key, limit, loose=loose)
            return _sqlite_candidates(conn, key, limit, loose=loose)
