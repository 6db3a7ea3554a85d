"""Refresh: fetch a show from every live source, merge, and store it in one transaction.

The registry's spine (TVmaze: no key, every show) comes first: without its answer nothing is
stored and the catalog keeps its last good data. The other sources of
:data:`~nextseason.sources.registry.LIVE_SOURCES` add to it, in the registry's order; each may
fail on its own, which costs only its part and a one-line warning naming it and the date of
the data kept instead. A source that answers for a different show than asked (a namesake) is
caught by cross-checking ids and left out, and so is an answer whose ids or record the catalog
already holds for another TVmaze show: two TVmaze ids are two shows, whatever another source
says, so the conflict is reported and nothing is merged. A source given up on for the rest of
the run (it timed out twice) is skipped without a warning per show: its first failure said so.

This sits above both the catalog and the sources: it reads the one and asks the other.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from nextseason.catalog import Catalog, IdHolder, KnownShow
from nextseason.errors import AmbiguousTitle, Candidate, ShowNotFound, SourceError, SourceSkipped
from nextseason.model import ShowBundle, SourceRef
from nextseason.sources.base import CandidateShow, FetchContext, LiveSource, merge_bundles, now_utc
from nextseason.sources.http import HttpClient
from nextseason.sources.registry import LIVE_SOURCES, SOURCE_KEYS, SPINE
from nextseason.sources.tvmaze import same_show
from nextseason.text import title_key

__all__ = ["ALL_SOURCES", "RefreshResult", "Refresher", "shows_to_refresh"]

log = logging.getLogger(__name__)

#: Every live source's key, in the order a refresh asks them.
ALL_SOURCES = SOURCE_KEYS


@dataclass
class RefreshResult:
    """What one show's refresh did: stored or not, who answered, what failed."""

    title: str
    show_id: int | None = None
    stored: bool = False
    created: bool = False
    unchanged: bool = False  # every answer came from the cache: nothing new was stored
    answered: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _timed(title: str, source: LiveSource, started: float, outcome: str) -> None:
    """A source's time for one show, at INFO (``nextseason -v refresh``)."""
    log.info("%s: %s %s in %.2f s", title, source.info.name, outcome, time.perf_counter() - started)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


class Refresher:
    """Refreshes shows into a catalog through one HTTP client."""

    def __init__(
        self,
        catalog: Catalog,
        client: HttpClient,
        *,
        today: date,
        tmdb_key: str | None = None,
        reddit_credentials: tuple[str, str] | None = None,
        countries: Iterable[str] = ("US", "GB", "CA"),
        sources: Iterable[str] = ALL_SOURCES,
        registry: Iterable[LiveSource] = LIVE_SOURCES,
    ) -> None:
        self.catalog = catalog
        self.client = client
        self.today = today
        self.tmdb_key = tmdb_key
        self.reddit_credentials = reddit_credentials
        self.countries = tuple(countries)
        self.sources = set(sources)
        self.registry = tuple(registry)

    # -- finding the show on TVmaze ---------------------------------------------------

    def lookup_title(self, title: str, *, year: int | None = None) -> RefreshResult:
        """A title the catalog does not know: find it on TVmaze, fetch it and store it.

        Raises ShowNotFound (with TVmaze's suggestions) or AmbiguousTitle.
        """
        hits = SPINE.search(self.client, title)
        key = title_key(title)
        exact = [h for h in hits if title_key(h.title) == key]
        if year is not None:
            exact = [h for h in exact if h.year == year]
        if len(exact) > 1:
            raise AmbiguousTitle(
                f"{len(exact)} shows on TVmaze are called {title!r}",
                [_candidate(h) for h in exact],
                hint="pick one with --year YYYY",
            )
        if not exact:
            raise ShowNotFound(
                f"no show matches {title!r} in the catalog or on TVmaze",
                [_candidate(h) for h in hits[:5]],
            )
        return self._refresh(None, int(exact[0].source_id))

    def refresh(self, show_id: int) -> RefreshResult:
        """Refresh a show the catalog already holds."""
        return self._refresh(self.catalog.known(show_id), None)

    # -- the refresh itself -----------------------------------------------------------

    def _refresh(self, existing: KnownShow | None, tvmaze_id: int | None) -> RefreshResult:
        started = time.perf_counter()
        new_answers = self.client.new_answers
        result = RefreshResult(title=existing.title if existing else f"TVmaze show {tvmaze_id}")
        context = self.context()
        asked = time.perf_counter()
        try:
            primary = SPINE.fetch(self.client, _as_bundle(existing, tvmaze_id), context)
        except SourceError as exc:
            _timed(result.title, SPINE, asked, "failed")
            result.warnings.append(self._failed(exc, existing))
            return result
        _timed(primary.title if primary else result.title, SPINE, asked, "answered")
        if primary is None:
            result.warnings.append(f"{SPINE.info.name}: no show matches {result.title!r}")
            return result
        result.title = primary.title
        result.answered.append(SPINE.key)
        if existing is not None:
            if same_show(existing.external_ids, primary.external_ids) is False:
                result.warnings.append(
                    f"TVmaze: answered with a different show ({primary.title}, ids "
                    f"{primary.external_ids}) than the catalog's; not merged"
                )
                return result
            primary.id = existing.id
        result.warnings += self._claim_ids(primary)

        partials: dict[str, ShowBundle] = {}
        context = FetchContext(
            context.today,
            context.countries,
            context.tmdb_key,
            context.reddit_credentials,
            earlier=partials,
        )
        for source in self.registry:
            if source is SPINE or source.key not in self.sources:
                continue
            asked = time.perf_counter()
            try:
                partial = source.fetch(self.client, primary, context)
            except SourceSkipped:
                continue  # it timed out twice earlier in this run, which was said then
            except SourceError as exc:
                _timed(primary.title, source, asked, "failed")
                result.warnings.append(self._failed(exc, existing))
                continue
            _timed(primary.title, source, asked, "answered" if partial else "found nothing")
            if partial is None:
                continue
            if same_show(primary.external_ids, partial.external_ids) is False:
                result.warnings.append(
                    f"{source.info.name}: answered for a different show "
                    f"(ids {partial.external_ids}); left out"
                )
                continue
            taken = self._held_elsewhere(partial, primary)
            if taken is not None:
                result.warnings.append(
                    f"{source.info.name}: answered with {_held(taken)}, which the catalog holds "
                    f"for {taken.title} [id {taken.show_id}], TVmaze show {taken.tvmaze}; "
                    "two TVmaze shows are two shows: left out"
                )
                continue
            partials[source.key] = partial
            result.answered.append(source.key)
        if existing is not None and self.client.new_answers == new_answers:
            # Every source answered from the cache (fresh, or confirmed by a 304): the
            # catalog already holds exactly this; skip the write.
            result.show_id, result.stored, result.unchanged = existing.id, True, True
            result.seconds = time.perf_counter() - started
            return result
        merged = merge_bundles(primary, partials.values())
        stats = self.catalog.store([merged], batch_size=1)  # one show, one transaction
        result.show_id = merged.id
        result.stored = True
        result.created = stats.shows_created > 0
        result.seconds = time.perf_counter() - started
        log.debug("%s: stored in %.2f s in all", result.title, result.seconds)
        return result

    def _held_elsewhere(self, bundle: ShowBundle, primary: ShowBundle) -> IdHolder | None:
        """An id or record of ``bundle`` that the catalog holds for another TVmaze show
        than ``primary`` (two TVmaze ids are two shows, whatever another source says)."""
        tvmaze = primary.external_ids.get(SPINE.key)
        if tvmaze is None:
            return None
        records = [(r.source, r.source_key) for r in bundle.records]
        for holder in self.catalog.id_holders(bundle.external_ids, records):
            if holder.show_id != primary.id and holder.tvmaze not in (None, tvmaze):
                return holder
        return None

    def _claim_ids(self, primary: ShowBundle) -> list[str]:
        """Find the catalog show that is ``primary`` (by its TVmaze id), and drop from it
        any id the catalog holds for another TVmaze show, saying so: the id is disputed,
        and the show it was first stored with keeps it."""
        tvmaze = primary.external_ids.get(SPINE.key)
        if tvmaze is None:
            return []
        records = [(r.source, r.source_key) for r in primary.records]
        holders = self.catalog.id_holders(primary.external_ids, records)
        if primary.id is None:
            primary.id = next((h.show_id for h in holders if h.tvmaze == tvmaze), None)
        taken: list[IdHolder] = []
        for holder in holders:
            if holder.show_id == primary.id or holder.tvmaze in (None, tvmaze):
                continue
            scheme, value = holder.holds
            if holder.record or primary.external_ids.get(scheme) != value:
                continue
            del primary.external_ids[scheme]
            taken.append(holder)
        if not taken:
            return []
        ids = " and ".join(_held(h) for h in taken)
        first = taken[0]
        return [
            f"{SPINE.info.name}: gives {primary.title} the {ids}, which the catalog holds for "
            f"{first.title} [id {first.show_id}], TVmaze show {first.tvmaze}; left with that show"
        ]

    def _failed(self, exc: SourceError, existing: KnownShow | None) -> str:
        """One line: what failed, and which earlier data of that source the catalog keeps."""
        kept = "nothing earlier from it in the catalog"
        if existing is not None:
            last = self.catalog.last_retrieved(existing.id, exc.source)
            if last is not None:
                kept = f"keeping its data from {last.date().isoformat()}"
        return f"{_one_line(exc)}; {kept}"

    def context(self) -> FetchContext:
        """What the sources get beside the show: today, the user's keys and countries."""
        return FetchContext(self.today, self.countries, self.tmdb_key, self.reddit_credentials)


def _as_bundle(existing: KnownShow | None, tvmaze_id: int | None) -> ShowBundle:
    """The show as known before asking: the catalog's title, year and ids (or a TVmaze id)."""
    if existing is None:
        ref = SPINE.info
        return ShowBundle(
            title=f"TVmaze show {tvmaze_id}",
            src=_ref(ref.key, ref.homepage),
            external_ids={SPINE.key: str(tvmaze_id)},
        )
    return ShowBundle(
        title=existing.title,
        src=_ref(SPINE.key, ""),
        id=existing.id,
        year=existing.year,
        external_ids=dict(existing.external_ids),
    )


def _held(holder: IdHolder) -> str:
    scheme, value = holder.holds
    return f"{scheme} record {value}" if holder.record else f"{scheme} id {value}"


def _ref(source: str, url: str) -> SourceRef:
    return SourceRef(source=source, url=url, retrieved_at=now_utc(), licence="")


def shows_to_refresh(
    catalog: Catalog, client: HttpClient, *, since: date | None, today: date
) -> list[int]:
    """Catalog shows a live refresh can find: all with an id TVmaze knows, or those TVmaze
    updated since a date (from its /updates/shows feed)."""
    from nextseason.catalog import queries
    from nextseason.sources import tvmaze

    with catalog.connect() as conn:
        if since is None:
            return queries.shows_with_ids(conn, ("tvmaze", "imdb", "thetvdb"))
    age = (today - since).days
    window = "day" if age <= 1 else "week" if age <= 7 else "month" if age <= 30 else None
    updated = tvmaze.updates(client, since=window) if window else tvmaze.updates(client)
    cutoff = time.mktime(since.timetuple())
    changed = [str(show) for show, stamp in updated.items() if stamp >= cutoff]
    with catalog.connect() as conn:
        return sorted(queries.shows_by_external(conn, "tvmaze", changed).values())


def _candidate(hit: CandidateShow) -> Candidate:
    return Candidate(
        id=int(hit.source_id),
        title=hit.title,
        year=hit.year,
        platform=hit.platform,
        status=hit.status,
        known_from=("TVmaze",),
        id_kind="TVmaze id",
    )
