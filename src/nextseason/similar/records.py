"""What the recommender is handed by its caller: the catalog's records, never the catalog.

The caller (the report builder, the web app, the ``similar`` command) passes an object with
the methods of :class:`ShowRecords`; :class:`nextseason.catalog.similar_rows.SimilarRows`
is the one that reads a catalog. The records themselves are the catalog's
(:mod:`nextseason.catalog.similar_rows`), re-exported here for the modules of this package.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from nextseason.catalog.similar_rows import (
    Channel,
    Offer,
    Person,
    ShowFacts,
    Sourced,
    Suggested,
    TmdbRec,
)

__all__ = [
    "Channel",
    "Offer",
    "Person",
    "ShowFacts",
    "ShowRecords",
    "Sourced",
    "Suggested",
    "TmdbRec",
]


class ShowRecords(Protocol):
    """The records the recommender reads, in bulk."""

    @property
    def url(self) -> str:
        """Names the catalog the records come from (the index is kept per catalog)."""
        ...

    def key(self) -> str:
        """Changes whenever the records do (the index is rebuilt then)."""
        ...

    def described_ids(self) -> list[int]:
        """Shows something describes (a premise, genres or keywords): the candidates."""
        ...

    def facts(self, ids: Iterable[int] | None = None) -> dict[int, ShowFacts]:
        """What is known about each of ``ids`` (every show when None), fact by fact."""
        ...

    def suggested(self, ids: Iterable[int]) -> dict[int, Suggested]:
        """What is said of each suggestion (and of the asked show, to compare): its title
        entry, its status facts and its facts."""
        ...
