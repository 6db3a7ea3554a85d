"""The interface every live source implements, and what the refresh does with its answers.

A live source is one object, a :class:`LiveSource`: its ``key`` (stored with each fact's
provenance), its ``info`` (name, home page, licence credit), its ``policy`` (base URL, rate
limit, cache TTL) and one :meth:`LiveSource.fetch` that takes the shared
:class:`~nextseason.sources.http.HttpClient`, the show as known so far and a
:class:`FetchContext`, and returns a *partial* :class:`~nextseason.model.ShowBundle` (only
what that source knows: its record, ids, readings, points...) or None. The registry
(:mod:`nextseason.sources.registry`) lists them; :func:`merge_bundles` folds the partial
bundles of one show into the bundle the catalog stores, keeping every source's own values
(records, readings, credits) side by side.

This module stays light (no HTTP library): the CLI reads the registry to offer ``--sources``
without paying for the client.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, ClassVar

from nextseason.model import InterestRecord, ShowBundle, SourceRef
from nextseason.provenance import SourceInfo

if TYPE_CHECKING:
    from nextseason.sources.http import HttpClient

__all__ = [
    "CandidateShow",
    "FetchContext",
    "LiveSource",
    "SourcePolicy",
    "interest_bundle",
    "merge_bundles",
    "now_utc",
    "source_ref",
]


@dataclass(frozen=True)
class SourcePolicy:
    """How politely to call one source: where, how often, how long answers stay fresh."""

    name: str  # the source key, e.g. "tvmaze"
    label: str  # for messages, e.g. "TVmaze"
    base_url: str
    url_env: str  # environment variable that overrides base_url (mirrors, tests)
    calls: int | None = None  # at most `calls` requests per `per_seconds` ...
    per_seconds: float = 1.0
    one_at_a_time: bool = False  # ... and/or strictly sequential requests
    ttl_seconds: float = 24 * 3600  # how long a cached answer is used without asking
    #: The largest answer read (decoded bytes); a larger one is a SourceBadPayload, never
    #: parsed, stored or cached. A few MB: the biggest real answers are a fraction of it.
    max_bytes: int = 8 << 20


@dataclass(frozen=True)
class FetchContext:
    """What a source may need beyond the show: the date, the user's keys and countries, and
    the answers of the sources asked before it in this refresh (by key)."""

    today: date
    countries: tuple[str, ...] = ("US", "GB", "CA")
    tmdb_key: str | None = field(default=None, repr=False)
    reddit_credentials: tuple[str, str] | None = field(default=None, repr=False)
    earlier: Mapping[str, ShowBundle] = field(default_factory=dict)


class LiveSource(ABC):
    """One live source. Subclasses set the three class attributes and implement fetch."""

    key: ClassVar[str]
    info: ClassVar[SourceInfo]
    policy: ClassVar[SourcePolicy]

    @abstractmethod
    def fetch(
        self, client: HttpClient, show: ShowBundle, context: FetchContext
    ) -> ShowBundle | None:
        """This source's partial bundle for ``show``, or None when it knows nothing of it.

        Failures raise :class:`~nextseason.errors.SourceError` naming the source.
        """

    def __repr__(self) -> str:
        return f"<live source {self.key}>"


def now_utc() -> datetime:
    """Retrieval times are stored as naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def source_ref(
    source: str, url: str, licence: str, retrieved_at: datetime | None = None
) -> SourceRef:
    return SourceRef(
        source=source, url=url, retrieved_at=retrieved_at or now_utc(), licence=licence
    )


@dataclass(frozen=True)
class CandidateShow:
    """A show a source offers for a title: enough to tell namesakes apart."""

    source: str
    source_id: str
    title: str
    year: int | None = None
    platform: str | None = None
    status: str | None = None
    score: float = 0.0
    external_ids: dict[str, str] = field(default_factory=dict)


_SCALARS = (
    "year",
    "kind",
    "language",
    "country",
    "premiered",
    "ended",
    "status",
    "summary",
    "runtime",
    "official_site",
    "platform",
)


def interest_bundle(show: ShowBundle, info: SourceInfo, points: list[InterestRecord]) -> ShowBundle:
    """A partial bundle that holds only a source's interest points for ``show``."""
    ref = points[0].src if points else source_ref(info.key, info.homepage, "")
    return ShowBundle(title=show.title, src=ref, interest=list(points))


def merge_bundles(primary: ShowBundle, others: Iterable[ShowBundle]) -> ShowBundle:
    """Fold other sources' partial bundles into ``primary`` (whose scalar fields win).

    Lists are concatenated (each item keeps its own source); external ids from others fill
    in schemes the primary lacks; a scalar the primary lacks is taken from the first other
    bundle that has it.
    """
    for other in others:
        for name in _SCALARS:
            if getattr(primary, name) in (None, "") and getattr(other, name) not in (None, ""):
                setattr(primary, name, getattr(other, name))
        if not primary.genres and other.genres:
            primary.genres = list(other.genres)
        for scheme, value in other.external_ids.items():
            primary.external_ids.setdefault(scheme, value)
        primary.records.extend(other.records)
        primary.platforms.extend(other.platforms)
        known_seasons = {s.number for s in primary.seasons}
        primary.seasons.extend(s for s in other.seasons if s.number not in known_seasons)
        known_episodes = {e.key for e in primary.episodes}
        primary.episodes.extend(e for e in other.episodes if e.key not in known_episodes)
        primary.credits.extend(other.credits)
        primary.interest.extend(other.interest)
        primary.statuses.extend(other.statuses)
    return primary
