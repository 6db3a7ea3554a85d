"""What the pages and the API both do: thin calls into the library, cached where costly.

The routers parse requests and write responses; everything they share (a show's
validators, its summary, its report, the watchlist, the feeds, fact-checking, refreshing)
is here, so a page and its API twin never disagree.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Generic, TypeVar

from starlette.requests import Request

from nextseason.catalog import Catalog
from nextseason.catalog import versions as store
from nextseason.catalog import watchlist as watch_store
from nextseason.catalog.browse import BrowseFilters, BrowseRow, browse_shows, count_shows
from nextseason.catalog.queries import status_facts
from nextseason.catalog.search import MatchModes
from nextseason.errors import ShowNotFound, SourceUnavailable
from nextseason.model import Report, ShowRef, StatusFacts
from nextseason.text import plain_text
from nextseason.web.conditional import Validators, make_validators, start_of
from nextseason.web.errors import RateLimited, SeasonNotFound
from nextseason.web.ratelimit import QUOTA
from nextseason.web.schemas import (
    SearchResponse,
    SearchResult,
    ShowLinks,
    ShowListItem,
    ShowSummary,
    WatchedShow,
)
from nextseason.web.state import RankedMatches, WebState

if TYPE_CHECKING:
    from nextseason.factcheck import FactCheckReport
    from nextseason.refresh.refresher import RefreshResult

__all__ = [
    "VERDICT_SCAN",
    "Page",
    "ShowHead",
    "browse_page",
    "changes_feed",
    "changes_page",
    "charge",
    "check_season",
    "client_of",
    "factcheck_markdown",
    "history_page",
    "note_quota",
    "report_for",
    "run_factcheck",
    "search",
    "search_page",
    "show_head",
    "show_summary",
    "verdicts_of",
    "watch_add",
    "watch_remove",
    "watched_page",
    "watched_shows",
]


def client_of(request: Request) -> str:
    """The rate limit's key: the client's address (as uvicorn saw it, proxies resolved)."""
    return request.client.host if request.client else "unknown"


def note_quota(state: WebState, request: Request) -> None:
    """Keep what the client has left, for the response's ``RateLimit-*`` headers."""
    setattr(request.state, QUOTA, state.limiter.quota(client_of(request)))


def charge(state: WebState, request: Request, cost: float) -> None:
    """Spend from the client's rate-limit bucket, or refuse with 429."""
    wait = state.limiter.take(client_of(request), cost)
    note_quota(state, request)
    if wait is not None:
        raise RateLimited(wait)


def not_found(show_id: int) -> ShowNotFound:
    return ShowNotFound(f"no show has id {show_id}", hint="find ids with /search?q=TITLE")


# ---------------------------------------------------------------------------------------
# A show's version and validators


@dataclass(frozen=True)
class ShowHead:
    """A show known to exist, and what its responses' validators are made of."""

    show_id: int
    version: store.ShowVersion
    watched_at: datetime | None
    today: date
    countries: tuple[str, ...]

    def validators(self, kind: str, *parts: object, dated: bool = True) -> Validators:
        """Validators of one representation of the show (``dated``: it depends on today)."""
        v = self.version
        return make_validators(
            (kind, self.show_id, v.retrieved_at, v.provenances, v.updated_at, self.countries)
            + ((self.today,) if dated else ())
            + parts,
            v.retrieved_at,
            start_of(self.today) if dated else None,
        )


def show_head(state: WebState, show_id: int, *, with_watch: bool = False) -> ShowHead:
    """404 for an unknown show; else what its validators are made of (cached until the
    catalog changes, see :class:`~nextseason.catalog.versions.VersionCache`)."""
    found = state.versions.lookup(state.open_catalog().connect, show_id, with_watch=with_watch)
    if found is None:
        raise not_found(show_id)
    version, watched = found
    return ShowHead(show_id, version, watched, state.today(), state.settings.countries)


# ---------------------------------------------------------------------------------------
# Search and the show summary


def search(
    state: WebState, request: Request, query: str, *, limit: int, year: int | None
) -> SearchResponse:
    """Matches best first, each with its verdict; when none is close enough, suggestions."""
    from dataclasses import asdict

    from nextseason.app import search_rows, suggestion_rows

    charge(state, request, state.limits.search_cost)
    catalog, today = state.open_catalog(), state.today()
    hits = search_rows(catalog, query, limit=limit, year=year, today=today)
    suggestions = [] if hits else suggestion_rows(catalog, query, year=year, today=today)
    return SearchResponse(
        query=query,
        results=[SearchResult(**asdict(h), url=f"/api/v1/shows/{h.id}") for h in hits],
        suggestions=[SearchResult(**asdict(h), url=f"/api/v1/shows/{h.id}") for h in suggestions],
        total=len(hits),
        next=None,
    )


def _facts(catalog: Catalog, show_id: int) -> StatusFacts:
    with catalog.connect() as conn:
        found = status_facts(conn, [show_id])
    if show_id not in found:
        raise not_found(show_id)
    return found[show_id]


def season_bounds(facts: StatusFacts, today: date) -> tuple[int, int]:
    """(the default season, the highest one worth asking about: one past the last known)."""
    from nextseason.app import season_bounds as bounds

    return bounds(facts, today)


def check_season(catalog: Catalog, show_id: int, season: int | None, today: date) -> int:
    """The highest season a report may be asked for; 404 if ``season`` is past it: the
    request is well formed (the schema's range is every show's), this show has no such
    season to report on."""
    _, upper = season_bounds(_facts(catalog, show_id), today)
    if season is not None and not 1 <= season <= upper:
        raise SeasonNotFound(
            f"season {season} is out of range for this show: ask for 1 to {upper}",
            hint="the last season any source knows, and the one after it",
        )
    return upper


def links(show_id: int) -> ShowLinks:
    api = f"/api/v1/shows/{show_id}"
    return ShowLinks(
        self=api,
        page=f"/shows/{show_id}",
        report=f"{api}/report",
        similar=f"{api}/similar",
        interest=f"{api}/interest",
        status_history=f"{api}/status-history",
        feed=f"/feeds/shows/{show_id}.atom",
    )


def show_summary(state: WebState, show_id: int) -> ShowSummary:
    from nextseason.app import next_season
    from nextseason.report.render import safe_url

    catalog = state.open_catalog()
    with catalog.connect() as conn:
        details = store.show_details(conn, show_id)
    if details is None:
        raise not_found(show_id)
    judged = next_season(catalog, [show_id], today=state.today()).get(show_id)
    if judged is None:
        raise not_found(show_id)

    return ShowSummary(
        id=details.id,
        title=details.title,
        year=details.year,
        kind=details.kind,
        platform=details.platform,
        status=details.status,
        premiered=details.premiered,
        ended=details.ended,
        genres=details.genres,
        runtime=details.runtime,
        language=details.language,
        country=details.country,
        summary=plain_text(details.summary),
        official_site=safe_url(details.official_site),
        external_ids=details.external_ids,
        known_from=catalog.known_from([show_id]).get(show_id, []),
        seasons_known=judged.seasons_known,
        next_season=judged.verdict,
        links=links(show_id),
    )


@dataclass(frozen=True)
class Poster:
    """A poster a live source gave for the show: its URL and the source's key."""

    url: str
    source: str


def poster(state: WebState, show_id: int) -> Poster | None:
    """The show's poster, when a live fetch stored one (none in the bundled catalog)."""
    from nextseason.catalog.posters import poster_url

    with state.open_catalog().connect() as conn:
        found = poster_url(conn, show_id)
    return Poster(*found) if found else None


def summary_markup(state: WebState, show_id: int) -> str | None:
    """The show's summary as its source wrote it (HTML, to be sanitised before display)."""
    with state.open_catalog().connect() as conn:
        details = store.show_details(conn, show_id)
    return details.summary if details else None


# ---------------------------------------------------------------------------------------
# Reports


def report_for(
    state: WebState, request: Request, head: ShowHead, season: int | None
) -> tuple[Report, int]:
    """The report for a season (built once per catalog version) and the highest season."""
    key = head.validators("report", season).key
    catalog = state.open_catalog()
    upper = check_season(catalog, head.show_id, season, head.today)

    def build() -> Report:
        from nextseason.report.build import build_report

        charge(state, request, state.limits.report_cost)
        return build_report(
            catalog, head.show_id, season=season, countries=head.countries, today=head.today
        )

    return state.reports.get_or_build(key, build), upper


# ---------------------------------------------------------------------------------------
# Show references


def show_ref(catalog: Catalog, show_id: int) -> ShowRef:
    entry, _ = catalog.find(None, show_id=show_id)
    return ShowRef(
        id=entry.id,
        title=entry.title,
        year=entry.year,
        platform=entry.platform,
        status=entry.status,
    )


# ---------------------------------------------------------------------------------------
# The watchlist


def _watched(row: watch_store.WatchedShow) -> WatchedShow:
    return WatchedShow(
        id=row.show_id,
        title=row.title,
        year=row.year,
        season=row.state.get("season"),
        verdict=row.state.get("verdict"),
        pending=row.state.get("pending"),
        added=row.added_at,
        last_check=row.checked_at,
    )


def watched_shows(state: WebState) -> list[WatchedShow]:
    with state.open_catalog().connect() as conn:
        return [_watched(row) for row in watch_store.watched(conn)]


def watched_show(state: WebState, show_id: int) -> WatchedShow | None:
    return next((w for w in watched_shows(state) if w.id == show_id), None)


def watch_add(state: WebState, show_id: int) -> tuple[WatchedShow, bool]:
    """Watch a show, with what it looks like now as the baseline (as `watch add` does)."""
    from nextseason import app

    try:
        added = app.watch_add(state.open_catalog(), show_id, today=state.today()).added
    except ShowNotFound:
        raise not_found(show_id) from None
    found = watched_show(state, show_id)
    if found is None:  # removed again in between
        raise not_found(show_id)
    return found, added


def watch_remove(state: WebState, show_id: int) -> bool:
    from nextseason import app

    return app.watch_remove(state.open_catalog(), show_id)


# ---------------------------------------------------------------------------------------
# Feeds


def changes_feed(state: WebState, *, base_url: str, self_url: str, show_id: int | None) -> str:
    """The Atom feed of confirmed changes: of one show, or of every watched show."""
    from nextseason.watch.check import changes_feed as feed

    catalog = state.open_catalog()
    title = show_ref(catalog, show_id).title if show_id is not None else None
    return feed(
        catalog,
        show_id=show_id,
        show_title=title,
        base_url=base_url,
        self_url=self_url,
    )


def feed_validators(state: WebState, show_id: int | None) -> Validators:
    with state.open_catalog().connect() as conn:
        if show_id is not None and store.show_version(conn, show_id) is None:
            raise not_found(show_id)
        top, when = store.changes_version(conn, show_id)
        count, added, _ = store.watchlist_version(conn)
    return make_validators(("feed", show_id, top, when, count, added), when)


# ---------------------------------------------------------------------------------------
# Fact-checking and refreshing


def run_factcheck(state: WebState, text: str, source_format: str) -> FactCheckReport:
    """The fact-check report of an article, against the catalog (no live lookups)."""
    from nextseason.factcheck import check_article

    return check_article(
        state.open_catalog(), text, today=state.today(), source_format=source_format
    )


def refresh_show(state: WebState, show_id: int) -> RefreshResult:
    """Fetch one show from the configured live sources (never a URL from the request)."""
    from nextseason import app

    result = app.refresh_show(state.open_catalog(), state.settings, show_id, today=state.today())
    if not result.stored:
        raise SourceUnavailable(
            f"could not refresh {result.title}: " + ("; ".join(result.warnings) or "no answer"),
            source="tvmaze",
            hint="the catalog keeps its last good data",
        )
    return result


def factcheck_markdown(result: FactCheckReport, text: str) -> str:
    """The article annotated with the fact-check's verdicts (Markdown)."""
    from nextseason.factcheck import render_markdown

    return render_markdown(result, text)


# ---------------------------------------------------------------------------------------
# Pages of lists (see nextseason.web.paging for the cursors)

#: How many shows one browse page with a verdict filter weighs at most. The verdict is
#: computed from each show's facts (about 0.1 ms a show); where it is stored
#: (``show_verdicts``), :func:`verdicts_of` reads it instead and this bound stops mattering.
VERDICT_SCAN = 2_000
_SCAN_BATCH = 500


T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its rows, how many rows the list holds (None: not counted), and
    the position of its last row when another page follows."""

    rows: list[T]
    total: int | None
    after: tuple[object, ...] | None
    scanned_to: int | None = None


def search_page(
    state: WebState,
    request: Request,
    query: str,
    *,
    limit: int,
    year: int | None,
    after: tuple[int, ...] | None,
    modes: MatchModes | None,
) -> tuple[SearchResponse, tuple[int, ...] | None, MatchModes]:
    """One page of a search, the rank of its last row when more follow, and the modes the
    matches were chosen by (kept in the cursor: decided on the first page)."""
    from dataclasses import asdict

    from nextseason.app import search_rows_of, suggestion_rows
    from nextseason.catalog.search import rank_key
    from nextseason.text import title_key

    charge(state, request, state.limits.search_cost)
    catalog, today = state.open_catalog(), state.today()
    key = title_key(query)
    with catalog.connect() as conn:
        version = store.titles_version(conn)
    # Ranking every match costs most of a page; the next pages reuse it while no show is
    # added or changed (the cursor, not the cache, keeps the pages right when one is).
    asked = modes

    def rank() -> RankedMatches:
        ranked, decided = catalog.matches(query, year=year, modes=asked)
        return RankedMatches([rank_key(h, key, year) for h in ranked], ranked, decided)

    found = state.searches.get_or_build(repr((key, year, asked, version)), rank)
    if asked is None:  # the next pages ask with the modes this page decided
        state.searches.put(repr((key, year, found.modes, version)), found)
    start = 0 if after is None else bisect.bisect_right(found.ranks, after)
    end = start + limit
    shown = found.hits[start:end]
    hits = search_rows_of(catalog, shown, today=today)
    suggestions = (
        suggestion_rows(catalog, query, year=year, today=today)
        if not found.hits and after is None
        else []
    )
    last = found.ranks[end - 1] if end < len(found.hits) else None
    return (
        SearchResponse(
            query=query,
            results=[SearchResult(**asdict(h), url=f"/api/v1/shows/{h.id}") for h in hits],
            suggestions=[
                SearchResult(**asdict(h), url=f"/api/v1/shows/{h.id}") for h in suggestions
            ],
            total=len(found.hits),
            next=None,
        ),
        last,
        found.modes,
    )


def watched_page(
    state: WebState, *, limit: int, after: tuple[str, int] | None
) -> Page[WatchedShow]:
    with state.open_catalog().connect() as conn:
        rows = watch_store.watched(conn, after=after, limit=limit + 1)
        total = watch_store.watched_count(conn)
    shown = rows[:limit]
    more = len(rows) > limit
    return Page(
        [_watched(r) for r in shown],
        total,
        (shown[-1].title, shown[-1].show_id) if more else None,
    )


def history_page(
    state: WebState, show_id: int, *, limit: int, before: tuple[datetime, int] | None
) -> Page[store.StatusHistoryRow]:
    with state.open_catalog().connect() as conn:
        rows = store.status_history(conn, show_id, limit=limit + 1, before=before)
        total = store.status_history_count(conn, show_id)
    shown = rows[:limit]
    more = len(rows) > limit
    return Page(shown, total, (shown[-1].observed_at, shown[-1].id) if more else None)


def changes_page(
    state: WebState, *, limit: int, show_id: int | None, before: tuple[datetime, int] | None
) -> Page[watch_store.StoredChange]:
    with state.open_catalog().connect() as conn:
        rows = watch_store.recent_changes(conn, limit=limit + 1, show_id=show_id, before=before)
        total = watch_store.changes_count(conn, show_id=show_id)
    shown = rows[:limit]
    more = len(rows) > limit
    return Page(shown, total, (shown[-1].detected_at, shown[-1].id) if more else None)


def verdicts_of(state: WebState, ids: list[int]) -> dict[int, str]:
    """Each show's verdict on its next season as of today: the one stored with the show,
    computed again only when it was stored for a day before yesterday."""
    if not ids:
        return {}
    from nextseason.app import next_season

    judged = next_season(state.open_catalog(), ids, today=state.today())
    return {i: j.verdict.verdict for i, j in judged.items()}


def browse_page(
    state: WebState,
    filters: BrowseFilters,
    *,
    verdict: str | None,
    limit: int,
    after: int | None,
) -> Page[ShowListItem]:
    """Shows matching the filters, by id. With a verdict filter each page weighs at most
    :data:`VERDICT_SCAN` shows, so it may hold fewer rows than ``limit`` and still have a
    next page; its total is not counted."""
    catalog = state.open_catalog()
    if verdict is None:
        with catalog.connect() as conn:
            rows = browse_shows(conn, filters, after=after, limit=limit + 1)
            total = count_shows(conn, filters)
        shown = rows[:limit]
        verdicts = verdicts_of(state, [r.id for r in shown])
        more = len(rows) > limit
        return Page([_listed(r, verdicts) for r in shown], total, (shown[-1].id,) if more else None)
    found: list[ShowListItem] = []
    scanned = 0
    cursor = after
    while scanned < VERDICT_SCAN:
        with catalog.connect() as conn:
            batch = browse_shows(conn, filters, after=cursor, limit=_SCAN_BATCH)
        if not batch:
            return Page(found, None, None, cursor)
        verdicts = verdicts_of(state, [r.id for r in batch])
        for row in batch:
            cursor = row.id
            scanned += 1
            if verdicts.get(row.id) == verdict:
                found.append(_listed(row, verdicts))
                if len(found) == limit:
                    return Page(found, None, (cursor,), cursor)
        if len(batch) < _SCAN_BATCH:
            return Page(found, None, None, cursor)
    return Page(found, None, (cursor,), cursor)


def _listed(row: BrowseRow, verdicts: dict[int, str]) -> ShowListItem:
    return ShowListItem(
        id=row.id,
        title=row.title,
        year=row.year,
        kind=row.kind,
        language=row.language,
        platform=row.platform,
        status=row.status,
        verdict=verdicts.get(row.id, "unknown"),
        url=f"/api/v1/shows/{row.id}",
    )
