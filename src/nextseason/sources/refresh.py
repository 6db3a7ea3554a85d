"""Refresh: fetch a show from every live source, merge, and store it in one transaction.

TVmaze is the spine (no key, every show): without its answer nothing is stored and the
catalog keeps its last good data. TMDB, Wikidata, Wikipedia pageviews, Google Trends and
Reddit add to it; each may fail on its own, which costs only its part and a one-line
warning naming it and the date of the data kept instead. A source that answers for a
different show than asked (a namesake) is caught by cross-checking ids and left out.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from nextseason.catalog import Catalog, KnownShow
from nextseason.errors import AmbiguousTitle, Candidate, ShowNotFound, SourceError
from nextseason.model import InterestRecord, ShowBundle, ShowRecordData
from nextseason.provenance import source_info
from nextseason.sources.base import CandidateShow, merge_bundles, source_ref
from nextseason.sources.http import HttpClient
from nextseason.sources.tvmaze import same_show
from nextseason.text import title_key

__all__ = ["ALL_SOURCES", "RefreshResult", "Refresher"]

#: Every live source, in the order a refresh asks them.
ALL_SOURCES = ("tvmaze", "tmdb", "wikidata", "wikipedia_pageviews", "google_trends", "reddit")
PAGEVIEWS_START = date(2015, 7, 1)  # the Wikimedia pageviews API starts here


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
    ) -> None:
        self.catalog = catalog
        self.client = client
        self.today = today
        self.tmdb_key = tmdb_key
        self.reddit_credentials = reddit_credentials
        self.countries = tuple(countries)
        self.sources = set(sources)

    # -- finding the show on TVmaze ---------------------------------------------------

    def lookup_title(self, title: str, *, year: int | None = None) -> RefreshResult:
        """A title the catalog does not know: find it on TVmaze, fetch it and store it.

        Raises ShowNotFound (with TVmaze's suggestions) or AmbiguousTitle.
        """
        from nextseason.sources import tvmaze

        hits = tvmaze.search(self.client, title)
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

    def _tvmaze_id(self, existing: KnownShow) -> int | None:
        from nextseason.sources import tvmaze

        ids = existing.external_ids
        if ids.get("tvmaze"):
            return int(ids["tvmaze"])
        for scheme in ("imdb", "thetvdb"):
            if ids.get(scheme):
                found = tvmaze.lookup(self.client, **{scheme: ids[scheme]})
                if found is not None:
                    return found
        hit = tvmaze.single_search(self.client, existing.title)
        if hit is None or title_key(hit.title) != title_key(existing.title):
            return None
        if existing.year and hit.year and abs(existing.year - hit.year) > 1:
            return None  # a namesake from another year
        return int(hit.source_id)

    # -- the refresh itself -----------------------------------------------------------

    def _refresh(self, existing: KnownShow | None, tvmaze_id: int | None) -> RefreshResult:
        from nextseason.sources import tvmaze

        started = time.perf_counter()
        new_answers = self.client.new_answers
        result = RefreshResult(title=existing.title if existing else f"TVmaze show {tvmaze_id}")
        try:
            if tvmaze_id is None and existing is not None:
                tvmaze_id = self._tvmaze_id(existing)
            if tvmaze_id is None:
                result.warnings.append(f"TVmaze: no show matches {result.title!r}")
                return result
            primary = tvmaze.fetch_show(self.client, tvmaze_id)
        except SourceError as exc:
            result.warnings.append(self._failed(exc, existing))
            return result
        result.title = primary.title
        result.answered.append("tvmaze")
        if existing is not None:
            if same_show(existing.external_ids, primary.external_ids) is False:
                result.warnings.append(
                    f"TVmaze: answered with a different show ({primary.title}, ids "
                    f"{primary.external_ids}) than the catalog's; not merged"
                )
                return result
            primary.id = existing.id

        partials: list[ShowBundle] = []
        for name, fetch in self._extras(primary):
            if name not in self.sources:
                continue
            try:
                partial = fetch()
            except SourceError as exc:
                result.warnings.append(self._failed(exc, existing))
                continue
            if partial is None:
                continue
            if same_show(primary.external_ids, partial.external_ids) is False:
                result.warnings.append(
                    f"{source_info(name).name}: answered for a different show "
                    f"(ids {partial.external_ids}); left out"
                )
                continue
            partials.append(partial)
            result.answered.append(name)
        if existing is not None and self.client.new_answers == new_answers:
            # Every source answered from the cache (fresh, or confirmed by a 304): the
            # catalog already holds exactly this; skip the write.
            result.show_id, result.stored, result.unchanged = existing.id, True, True
            result.seconds = time.perf_counter() - started
            return result
        merged = merge_bundles(primary, partials)
        stats = self.catalog.store([merged], batch_size=1)  # one show, one transaction
        result.show_id = merged.id
        result.stored = True
        result.created = stats.shows_created > 0
        result.seconds = time.perf_counter() - started
        return result

    def _failed(self, exc: SourceError, existing: KnownShow | None) -> str:
        """One line: what failed, and which earlier data of that source the catalog keeps."""
        kept = "nothing earlier from it in the catalog"
        if existing is not None:
            last = self.catalog.last_retrieved(existing.id, exc.source)
            if last is not None:
                kept = f"keeping its data from {last.date().isoformat()}"
        return f"{_one_line(exc)}; {kept}"

    def _extras(self, primary: ShowBundle) -> list[tuple[str, Callable[[], ShowBundle | None]]]:
        """The other sources, each a deferred fetch of a partial bundle."""
        state: dict[str, ShowBundle | None] = {}

        def tmdb() -> ShowBundle | None:
            from nextseason.sources import tmdb as tmdb_source

            if not self.tmdb_key:
                return None
            ids = primary.external_ids
            tmdb_id = int(ids["tmdb"]) if ids.get("tmdb") else None
            if tmdb_id is None:
                tmdb_id = tmdb_source.find(
                    self.client, self.tmdb_key, imdb=ids.get("imdb"), tvdb=ids.get("thetvdb")
                )
            if tmdb_id is None:
                return None
            return tmdb_source.fetch(self.client, self.tmdb_key, tmdb_id, countries=self.countries)

        def wikidata() -> ShowBundle | None:
            from nextseason.sources import wikidata as wd

            ids = primary.external_ids
            found = wd.facts(
                self.client,
                imdb=ids.get("imdb"),
                tvmaze=ids.get("tvmaze"),
                tmdb=ids.get("tmdb"),
                thetvdb=ids.get("thetvdb"),
            )
            state["wikidata"] = found
            return found

        def pageviews() -> ShowBundle | None:
            from nextseason.sources import pageviews as pv

            facts = state.get("wikidata")
            record = (
                next((r for r in facts.records if r.source == "wikidata"), None) if facts else None
            )
            article = record.data.get("enwiki") if record else None
            if not article:
                return None
            start = max(primary.premiered or PAGEVIEWS_START, PAGEVIEWS_START)
            end = self.today - timedelta(days=1)
            points = pv.daily_views(self.client, str(article), start=start, end=end)
            seasons = (
                {int(k): str(v) for k, v in dict(record.data.get("season_articles") or {}).items()}
                if record
                else {}
            )
            if seasons:
                points += pv.season_views(self.client, seasons, start=start, end=end)
            return _partial(primary, "wikipedia_pageviews", points)

        def trends() -> ShowBundle | None:
            from nextseason.sources import trends as gt

            season = max((s.number for s in primary.seasons), default=0) + 1
            keywords = [primary.title, f"{primary.title} season {season}"]
            series = gt.interest_over_time(self.client, keywords)
            points = gt.trend_points(primary.title, season, series)
            return _partial(primary, "google_trends", points)

        def reddit() -> ShowBundle | None:
            from nextseason.sources import reddit as rd

            points, threads = rd.mentions(
                self.client,
                primary.title,
                since=self.today - timedelta(days=365),
                credentials=self.reddit_credentials,
            )
            partial = _partial(primary, "reddit", points)
            partial.records.append(
                ShowRecordData(
                    "reddit",
                    f"search:{title_key(primary.title)}",
                    primary.title,
                    primary.year,
                    {
                        "threads": threads[:10],
                        "since": (self.today - timedelta(days=365)).isoformat(),
                    },
                    partial.src,
                )
            )
            return partial

        return [
            ("tmdb", tmdb),
            ("wikidata", wikidata),
            ("wikipedia_pageviews", pageviews),
            ("google_trends", trends),
            ("reddit", reddit),
        ]


def shows_to_refresh(catalog: Catalog, client: HttpClient, *, since: date | None) -> list[int]:
    """Catalog shows a live refresh can find: all with an id TVmaze knows, or those TVmaze
    updated since a date (from its /updates/shows feed)."""
    from nextseason.catalog import queries
    from nextseason.sources import tvmaze

    with catalog.connect() as conn:
        if since is None:
            return queries.shows_with_ids(conn, ("tvmaze", "imdb", "thetvdb"))
    age = (date.today() - since).days
    window = "day" if age <= 1 else "week" if age <= 7 else "month" if age <= 30 else None
    updated = tvmaze.updates(client, since=window) if window else tvmaze.updates(client)
    cutoff = time.mktime(since.timetuple())
    changed = [str(show) for show, stamp in updated.items() if stamp >= cutoff]
    with catalog.connect() as conn:
        return sorted(queries.shows_by_external(conn, "tvmaze", changed).values())


def _partial(primary: ShowBundle, source: str, points: list[InterestRecord]) -> ShowBundle:
    ref = points[0].src if points else source_ref(source, source_info(source).homepage, "")
    return ShowBundle(title=primary.title, src=ref, interest=list(points))


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
