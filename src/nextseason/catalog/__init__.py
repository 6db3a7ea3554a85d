"""The local catalog: every fact nextseason knows, with its provenance.

SQLite by default (seeded from the bundled catalog on first use), PostgreSQL by URL.
:class:`Catalog` is the one door: open it, store bundles, read shows back, search titles.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from nextseason.catalog import queries
from nextseason.catalog.db import db_errors, ensure_schema
from nextseason.catalog.queries import IdHolder, KnownShow, TitleEntry
from nextseason.catalog.search import MatchModes, SearchHit, TitleIndex, TitleMatcher
from nextseason.errors import CatalogError, ShowLookupError, ShowNotFound, UsageError
from nextseason.model import ShowBundle
from nextseason.provenance import SourceInfo
from nextseason.provenance import source_info as provenance_info
from nextseason.text import title_key

if TYPE_CHECKING:
    from nextseason.catalog.verdicts import Judged, Judging, Rules
    from nextseason.catalog.writes import StoreStats

__all__ = [
    "Catalog",
    "IdHolder",
    "KnownShow",
    "SearchHit",
    "TitleEntry",
    "TitleIndex",
    "TitleMatcher",
]


def _check_url(url: str) -> None:
    """A URL SQLAlchemy cannot read is bad input (exit 2), named without its password."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(url)
    except (ArgumentError, ValueError) as exc:
        shown = re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)
        raise UsageError(
            f"not a database URL: {shown!r} ({exc})",
            hint="e.g. sqlite:///catalog.sqlite or postgresql+psycopg://user:password@host/name",
        ) from None


class Catalog:
    """A catalog database, migrated and ready. Use as a context manager or call close()."""

    def __init__(
        self,
        engine: Engine,
        *,
        source_info: Callable[[str], SourceInfo] | None = None,
        judging: Judging | None = None,
    ) -> None:
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=False)
        #: Who a source key is, for candidate lists: the provenance table unless the opener
        #: gives a lookup that also knows the live sources (the entry points give
        #: :func:`nextseason.sources.names.source_info`; the catalog cannot import them).
        self.source_info: Callable[[str], SourceInfo] = source_info or provenance_info
        #: The verdict rules and the day they count from, which the entry points hand in
        #: (the catalog cannot import the analysis layer): with them every write stores the
        #: verdicts of the shows it changes; without them it drops those shows' stored
        #: verdicts, and reads compute them again (see :mod:`nextseason.catalog.verdicts`).
        self.judging = judging
        self._index: TitleIndex | None = None
        self._stored_titles: bool | None = None
        self._means: dict[tuple[str, str, str], dict[int, float]] = {}

    @classmethod
    def open(
        cls,
        url: str,
        *,
        seed: bool = True,
        timeout: float = 5.0,
        create_folder: bool = False,
        source_info: Callable[[str], SourceInfo] | None = None,
        judging: Judging | None = None,
    ) -> Catalog:
        """Open (creating, migrating and seeding on first use) the catalog at ``url``;
        ``source_info`` names the sources of its candidate lists (see :attr:`source_info`),
        ``judging`` gives the verdict rules its writes store verdicts with (:attr:`judging`)."""
        _check_url(url)
        engine = ensure_schema(
            url, seed=seed, timeout=timeout, create_folder=create_folder, judging=judging
        )
        return cls(engine, source_info=source_info, judging=judging)

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @contextlib.contextmanager
    def connect(self) -> Iterator[Connection]:
        """A read connection; database errors become catalog errors."""
        with db_errors(self.url), self.engine.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction: committed on success, rolled back on any error or Ctrl-C."""
        with db_errors(self.url), self.engine.begin() as conn:
            yield conn

    # -- writing -------------------------------------------------------------------------

    def store(self, bundles: Iterable[ShowBundle], *, batch_size: int = 500) -> StoreStats:
        """Upsert bundles, one transaction per batch; returns what was created or updated."""
        from nextseason.catalog.writes import StoreStats, Writer

        total = StoreStats()
        batch: list[ShowBundle] = []

        def flush() -> None:
            with self.transaction() as conn:
                writer = Writer(conn)
                self.restate(conn, writer.store(batch))
            total.shows_created += writer.stats.shows_created
            total.shows_updated += writer.stats.shows_updated
            batch.clear()

        for bundle in bundles:
            batch.append(bundle)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        self._index = None
        self._means.clear()
        return total

    def restate(self, conn: Connection, show_ids: Iterable[int]) -> None:
        """After a write that changed these shows' readings, in its transaction: store their
        verdicts again (or, without :attr:`judging`, drop them until a read computes them)."""
        from nextseason.catalog import verdicts

        if self.judging is None:
            verdicts.forget(conn, show_ids)
        else:
            verdicts.judge(conn, show_ids, self.judging.rules, self.judging.today())

    def judge_all(self) -> int:
        """Compute and store every show's verdict (needs :attr:`judging`); returns how many."""
        from nextseason.catalog import verdicts

        if self.judging is None:
            raise ValueError("the catalog was opened without the verdict rules")
        with self.transaction() as conn:
            return verdicts.judge_all(conn, self.judging)

    # -- reading -------------------------------------------------------------------------

    def verdicts(self, show_ids: Iterable[int], today: date, rules: Rules) -> dict[int, Judged]:
        """Each show's verdict on its next season as of ``today``: the stored one when it
        was computed for today or yesterday, else computed with ``rules`` and stored (a
        catalog that cannot be written now, read-only or locked, still gets the answer)."""
        from nextseason.catalog import verdicts

        wanted = set(show_ids)
        with self.connect() as conn:
            found = {
                i: j
                for i, j in verdicts.stored(conn, wanted).items()
                if verdicts.serves(j.today, today)
            }
        stale = wanted - found.keys()
        if stale:
            try:
                with self.transaction() as conn:
                    found |= verdicts.judge(conn, stale, rules, today)
            except CatalogError:
                with self.connect() as conn:
                    found |= verdicts.judge(conn, stale, rules, today, store=False)
        return found

    def show(self, show_id: int) -> ShowBundle:
        with self.connect() as conn:
            bundle = queries.load_bundle(conn, show_id)
        if bundle is None:
            raise ShowNotFound(f"no show has id {show_id}")
        return bundle

    def known(self, show_id: int) -> KnownShow:
        """What a refresh needs to find a show elsewhere: id, title, year, external ids."""
        with self.connect() as conn:
            found = queries.known_show(conn, show_id)
        if found is None:
            raise ShowNotFound(f"no show has id {show_id}")
        return found

    def id_holders(
        self, ids: Mapping[str, str], records: Iterable[tuple[str, str]] = ()
    ) -> list[IdHolder]:
        """The shows already holding any of these external ids or source records."""
        with self.connect() as conn:
            return queries.id_holders(conn, ids, records)

    def last_retrieved(self, show_id: int, source: str) -> datetime | None:
        """When the catalog last got data about a show from a source (None: never)."""
        with self.connect() as conn:
            return queries.last_retrieved(conn, show_id, source)

    def interest_means(self, source: str, metric: str, period: str) -> dict[int, float]:
        """Every show's mean of one kind of series (cached for the life of this catalog)."""
        key = (source, metric, period)
        if key not in self._means:
            with self.connect() as conn:
                self._means[key] = queries.interest_means(conn, source, metric, period)
        return self._means[key]

    def title_index(self) -> TitleIndex:
        """Every title in memory (built on first use: for reading many titles, as the
        fact-checker does; a search needs only :meth:`titles`)."""
        if self._index is None:
            with self.connect() as conn:
                self._index = TitleIndex(queries.title_entries(conn))
        return self._index

    def titles(self) -> TitleMatcher:
        """What searches titles: the catalog's stored title index, or the in-memory one
        when this process has built it anyway (or the database has no stored index)."""
        if self._index is not None:
            return self._index
        if self._stored_titles is None:
            from nextseason.catalog.stored_titles import has_stored_index

            with self.connect() as conn:
                self._stored_titles = has_stored_index(conn)
        if self._stored_titles:
            from nextseason.catalog.stored_titles import StoredTitles

            return StoredTitles(self.connect)
        return self.title_index()

    def find(
        self, title: str | None, *, year: int | None = None, show_id: int | None = None
    ) -> tuple[TitleEntry, bool]:
        """Resolve a title (or id) to one show; (entry, exact match?).

        Raises ShowNotFound or AmbiguousTitle whose candidates say which sources list them.
        """
        try:
            return self._find(title, year=year, show_id=show_id)
        except ShowLookupError as exc:
            sources = self.known_from(c.id for c in exc.candidates)
            exc.candidates = [
                dataclasses.replace(c, known_from=tuple(sources.get(c.id, ())))
                for c in exc.candidates
            ]
            raise

    def _find(
        self, title: str | None, *, year: int | None = None, show_id: int | None = None
    ) -> tuple[TitleEntry, bool]:
        if show_id is not None:
            with self.connect() as conn:
                found = queries.shows_by_ids(conn, [show_id])
            if show_id not in found:
                raise ShowNotFound(
                    f"no show has id {show_id}", hint="find ids with `nextseason search`"
                )
            return found[show_id], True
        if title and self._index is None:
            # The common case, an exact title, needs one indexed query.
            with self.connect() as conn:
                exact = queries.shows_by_key(conn, title_key(title))
            if year is not None:
                exact = [e for e in exact if e.year == year]
            if len(exact) == 1:
                return exact[0], True
        return self.titles().resolve(title, year=year, show_id=show_id)

    def known_from(self, ids: Iterable[int]) -> dict[int, list[str]]:
        """Short names of the sources that list each show, to tell namesakes apart."""
        with self.connect() as conn:
            keys = queries.known_from(conn, ids)
        return {i: [self.source_info(k).label for k in ks] for i, ks in keys.items()}

    def search(self, query: str, *, limit: int = 10, year: int | None = None) -> list[SearchHit]:
        """Shows matching a title, best first (typos are fine)."""
        return self.titles().search(query, limit=limit, year=year)

    def matches(
        self, query: str, *, year: int | None = None, modes: MatchModes | None = None
    ) -> tuple[list[SearchHit], MatchModes]:
        """Every match of a title to page through, best first (see TitleMatcher.matches)."""
        return self.titles().matches(query, year=year, modes=modes)

    def suggest(self, query: str, *, limit: int = 5, year: int | None = None) -> list[SearchHit]:
        """Looser matches for a query nothing matched well: "did you mean"."""
        return self.titles().suggest(query, limit=limit, year=year)

    def counts(self) -> dict[str, int]:
        with self.connect() as conn:
            return queries.counts(conn)
