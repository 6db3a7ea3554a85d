"""What a live source module gives the refresh: partial bundles, merged into one per show.

Each source module (tvmaze, tmdb, wikidata, pageviews, trends, reddit) exposes plain
functions that take the shared :class:`~nextseason.sources.http.HttpClient` and return
model records, most often a *partial* :class:`~nextseason.model.ShowBundle` that holds only
what that source knows (its record, ids, readings, points...). :func:`merge_bundles` folds
the partial bundles of one show into the bundle the catalog stores, keeping every source's
own values (records, readings, credits) side by side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from nextseason.model import ShowBundle, SourceRef

__all__ = ["CandidateShow", "merge_bundles", "now_utc", "source_ref"]


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
