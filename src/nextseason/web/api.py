"""The JSON API under /api/v1: search, browsing the catalog, shows, reports, similar shows,
interest, status history, the watchlist and its change log, fact-checking and refresh.

Reads answer with ETag / Last-Modified made from the catalog and honour conditional
requests (304); their bodies are rendered once per catalog version and kept. Lists come a
page at a time (``limit``, a keyset ``cursor``, ``total``, ``next``; see
:mod:`nextseason.web.paging`). A query parameter an operation does not take is a 400.
Writes (watchlist, refresh) need an API token. Every error is
``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel
from pydantic_core import to_json
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from nextseason import __version__
from nextseason.catalog import versions as store
from nextseason.catalog.browse import BrowseFilters
from nextseason.catalog.db import SCHEMA_REVISION
from nextseason.catalog.search import MatchModes
from nextseason.catalog.tokens import TokenInfo
from nextseason.factcheck.report import FactCheckReport
from nextseason.model import Report, Verdict
from nextseason.web import services
from nextseason.web.auth import require_token
from nextseason.web.conditional import Validators, make_validators, not_modified
from nextseason.web.errors import InvalidInput, PageNotFound
from nextseason.web.paging import (
    Cursor,
    Limit,
    decode_cursor,
    encode_cursor,
    integer,
    moment,
    next_link,
    string,
)
from nextseason.web.schemas import (
    ChangeEntry,
    ChangesResponse,
    ConfirmedChange,
    ErrorBody,
    FactcheckRequest,
    HealthResponse,
    InterestResponse,
    RefreshResponse,
    SearchResponse,
    ShowsPage,
    ShowSummary,
    SimilarResponse,
    StatusHistoryEntry,
    StatusHistoryResponse,
    WatchedShow,
    WatchlistResponse,
    WatchRequest,
    WatchResponse,
)
from nextseason.web.state import web_state

__all__ = ["MAX_ID", "Responses", "errors", "router"]

MAX_ID = 2_147_483_647
JSON = "application/json"

_DESCRIPTIONS = {
    400: "Malformed path, query or body (see error.details)",
    401: "No API token, or not a valid one",
    404: "No show (or watched show) with this id",
    409: "Several shows match",
    413: "The request body is too large",
    422: "The JSON body has the wrong shape (see error.details)",
    429: "Too many requests from this address; see Retry-After",
    502: "A live data source failed",
    503: "The catalog is unavailable (locked or unreachable)",
}


Responses = dict[int | str, dict[str, Any]]


def errors(*codes: int) -> Responses:
    """OpenAPI entries for the error responses an operation can give (one shared schema)."""
    return {code: {"model": ErrorBody, "description": _DESCRIPTIONS[code]} for code in codes}


def reject_unknown_query(request: Request) -> None:
    """400 for a query parameter the operation does not take (``offset``, a typo): a client
    is told, not silently answered as if it had not asked."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = _query_names(route)
    unknown = [name for name in dict.fromkeys(request.query_params.keys()) if name not in known]
    if unknown:
        err = InvalidInput(
            f"unknown query parameter {unknown[0]!r}",
            [{"where": f"query.{name}", "message": "unknown parameter"} for name in unknown],
        )
        err.hint = (
            f"this operation takes: {', '.join(sorted(known))}"
            if known
            else "this operation takes no query parameters"
        )
        raise err


_QUERY_NAMES: dict[int, frozenset[str]] = {}


def _query_names(route: APIRoute) -> frozenset[str]:
    names = _QUERY_NAMES.get(id(route))
    if names is None:
        names = _QUERY_NAMES[id(route)] = frozenset(_query_params(route.dependant))
    return names


def _query_params(dependant: Dependant) -> list[str]:
    """The query parameters an operation reads, its dependencies' included."""
    names = [p.alias for p in dependant.query_params]
    for sub in dependant.dependencies:
        names += _query_params(sub)
    return names


def _operation_id(route: APIRoute) -> str:
    """Operation ids are the functions' names: ``search``, ``get_show``, ``watch_show``."""
    return route.name


router = APIRouter(
    prefix="/api/v1",
    responses=errors(400, 503),
    dependencies=[Depends(reject_unknown_query)],
    generate_unique_id_function=_operation_id,
)
_ALREADY_WATCHED: Responses = {200: {"model": WatchResponse, "description": "Already watched"}}
#: Conditional GETs: what a client holding a current copy gets.
NOT_MODIFIED: Responses = {
    304: {
        "description": "Not modified: the copy named by If-None-Match (or dated by "
        "If-Modified-Since) is current; no body"
    }
}

ShowId = Annotated[int, Path(ge=1, le=MAX_ID, description="The show's catalog id.")]
Season = Annotated[
    int | None,
    Query(
        ge=1,
        le=1000,
        description="Season N (default: the next one). At most one past "
        "the last season any source knows: a later one is answered 404.",
    ),
]
Token = Annotated[TokenInfo, Depends(require_token)]
#: What ``kind`` takes (as ``similar --kind`` does): the schema says exactly what is accepted.
_KIND_WORD = r"(scripted|animation|reality|documentary|talk|sports|news|talk show|game show|anime)"
KIND_PATTERN = rf"^\s*(same|any|all|{_KIND_WORD}(\s*,\s*{_KIND_WORD})*)?\s*$"


def _utc(value: Any) -> Any:
    """Naive datetimes (the catalog keeps UTC without an offset) made explicit UTC."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value
    if isinstance(value, dict):
        return {k: _utc(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_utc(v) for v in value]
    return value


def _json(model: BaseModel | Report) -> bytes:
    """The body of a model, every timestamp with its offset (RFC 3339, as the schema says)."""
    return to_json(_utc(model.model_dump(mode="python")))


async def _cached(
    request: Request, validators: Validators, build: Callable[[], BaseModel | Report]
) -> Response:
    """304 if the client is current; else the body, rendered once per version.

    The read endpoints are coroutines: their validators come from one small indexed query,
    cheaper to run right here than to hand to a thread, and a cached body needs nothing
    more. Building one (a report: tens to hundreds of milliseconds) goes to the thread pool.
    """
    fresh = not_modified(request, validators)
    if fresh is not None:
        return fresh
    bodies = web_state(request).bodies
    body = bodies.get(validators.key)
    if body is None:
        body = await run_in_threadpool(bodies.get_or_build, validators.key, lambda: _json(build()))
    return Response(body, media_type=JSON, headers=validators.headers())


@router.get("/health", response_model=HealthResponse, tags=["meta"], summary="Is the service up")
def health() -> dict[str, str]:
    return {"status": "ok", "version": __version__, "schema": SCHEMA_REVISION}


@router.get(
    "/search",
    response_model=SearchResponse,
    tags=["shows"],
    summary="Find shows by title",
    responses=errors(429),
)
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200, description="A title; typos are fine.")],
    limit: Limit = 10,
    cursor: Cursor = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="Premiere year.")] = None,
) -> Response:
    """Shows matching a title, best first, with year, platform and status to tell namesakes
    apart; `total` matches, a page at a time (follow `next`)."""
    request_key = (q, year)
    position = decode_cursor(cursor, "search", request_key, (integer,) * 9)
    modes = after = None
    if position is not None:
        modes = MatchModes(same_year=bool(position[0]), close_only=bool(position[1]))
        after = tuple(position[2:])
    state = web_state(request)
    found, last, modes = services.search_page(
        state, request, q, limit=limit, year=year, after=after, modes=modes
    )
    if last is not None:
        found.next = next_link(
            request,
            encode_cursor(
                "search", request_key, (int(modes.same_year), int(modes.close_only), *last)
            ),
        )
    return _page_response(found, found.next)


def _page_response(body: BaseModel, following: str | None, headers: Any = None) -> Response:
    """A page, with a ``Link: <next>; rel="next"`` header when another follows."""
    out = dict(headers or {"Cache-Control": "no-cache"})
    if following is not None:
        out["Link"] = f'<{following}>; rel="next"'
    return Response(_json(body), media_type=JSON, headers=out)


@router.get(
    "/shows",
    response_model=ShowsPage,
    tags=["shows"],
    summary="Browse the catalog: shows by platform, verdict, year, kind and language",
)
def list_shows(
    request: Request,
    limit: Limit = 50,
    cursor: Cursor = None,
    platform: Annotated[
        str | None,
        Query(min_length=1, max_length=120, description="A network or service, e.g. Netflix."),
    ] = None,
    verdict: Annotated[
        Verdict | None,
        Query(description="Only shows whose next season has this verdict (as of today)."),
    ] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="Premiere year.")] = None,
    kind: Annotated[
        str | None,
        Query(min_length=1, max_length=40, description="Scripted, Animation, Reality, ..."),
    ] = None,
    language: Annotated[
        str | None, Query(min_length=1, max_length=60, description="e.g. English, Japanese.")
    ] = None,
) -> Response:
    """Shows in id order, a page at a time. Text filters match whole values, in any case.

    With `verdict`, each show's verdict is computed from its facts, and one page weighs at
    most a few thousand shows: it may hold fewer rows than `limit` and still have a `next`
    page, and `total` is null."""
    filters = BrowseFilters(platform=platform, year=year, kind=kind, language=language)
    request_key = (platform, verdict, year, kind, language)
    position = decode_cursor(cursor, "shows", request_key, (integer,))
    page = services.browse_page(
        web_state(request),
        filters,
        verdict=verdict,
        limit=limit,
        after=position[0] if position else None,
    )
    following = (
        next_link(request, encode_cursor("shows", request_key, page.after)) if page.after else None
    )
    body = ShowsPage(
        shows=page.rows,
        total=page.total,
        scanned_to=page.scanned_to if verdict is not None else None,
        next=following,
    )
    return _page_response(body, following)


@router.get(
    "/shows/{show_id}",
    response_model=ShowSummary,
    tags=["shows"],
    summary="A show and the verdict for its next season",
    responses=NOT_MODIFIED | errors(404),
)
async def get_show(request: Request, show_id: ShowId) -> Response:
    state = web_state(request)
    head = services.show_head(state, show_id)
    validators = head.validators("show")
    return await _cached(request, validators, lambda: services.show_summary(state, show_id))


@router.get(
    "/shows/{show_id}/report",
    response_model=Report,
    tags=["shows"],
    summary="The full report for season N",
    responses=NOT_MODIFIED | errors(404, 429),
)
async def get_report(request: Request, show_id: ShowId, season: Season = None) -> Response:
    """Every section of the report (the schema of `nextseason report --format json`)."""
    state = web_state(request)
    services.note_quota(state, request)
    head = services.show_head(state, show_id)
    return await _cached(
        request,
        head.validators("report.json", season),
        lambda: services.report_for(state, request, head, season)[0],
    )


@router.get(
    "/shows/{show_id}/similar",
    response_model=SimilarResponse,
    tags=["shows"],
    summary="Shows like this one",
    responses=NOT_MODIFIED | errors(404),
)
async def list_similar(
    request: Request,
    show_id: ShowId,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    platform: Annotated[str | None, Query(max_length=120)] = None,
    country: Annotated[
        str | None,
        Query(
            max_length=8,
            pattern=r"^\s*([A-Za-z]{2})?\s*$",
            description="A two-letter country code: only shows that stream there.",
        ),
    ] = None,
    status: Annotated[str | None, Query(max_length=40)] = None,
    kind: Annotated[
        str | None,
        Query(
            max_length=60,
            pattern=KIND_PATTERN,
            description="same (the show's own kind, the default), any, or kinds among "
            "scripted, animation, reality, documentary, talk, sports, news, separated by "
            "commas",
        ),
    ] = None,
) -> Response:
    state = web_state(request)
    head = services.show_head(state, show_id)
    catalog = state.open_catalog()

    def build() -> SimilarResponse:
        from nextseason.catalog.similar_rows import SimilarRows
        from nextseason.similar import similar_to

        return SimilarResponse(
            show=services.show_ref(catalog, show_id),
            similar=similar_to(
                SimilarRows(catalog),
                show_id,
                limit=limit,
                platform=platform,
                country=country,
                status=status,
                kind=kind,
                today=head.today,
            ),
        )

    validators = head.validators("similar", limit, platform, country, status, kind, dated=False)
    return await _cached(request, validators, build)


@router.get(
    "/shows/{show_id}/interest",
    response_model=InterestResponse,
    tags=["shows"],
    summary="Audience interest and social buzz series, with their figures",
    responses=NOT_MODIFIED | errors(404, 429),
)
async def get_interest(request: Request, show_id: ShowId, season: Season = None) -> Response:
    state = web_state(request)
    services.note_quota(state, request)
    head = services.show_head(state, show_id)

    def build() -> InterestResponse:
        built, _ = services.report_for(state, request, head, season)
        return InterestResponse(
            show=built.show, season=built.season, interest=built.interest, buzz=built.buzz
        )

    return await _cached(request, head.validators("interest", season), build)


@router.get(
    "/shows/{show_id}/status-history",
    response_model=StatusHistoryResponse,
    tags=["shows"],
    summary="The current verdict, the verdicts checks saw, and confirmed changes",
    responses=NOT_MODIFIED | errors(404),
)
async def get_status_history(
    request: Request, show_id: ShowId, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """The verdicts the watchlist's checks computed, newest first, a page at a time."""
    state = web_state(request)
    head = services.show_head(state, show_id)
    position = decode_cursor(cursor, "history", (show_id,), (moment, integer))
    catalog = state.open_catalog()
    with catalog.connect() as conn:
        history = store.history_version(conn, show_id)
        changes = store.changes_version(conn, show_id)
    validators = head.validators("history", history, changes, limit, cursor)

    def build() -> StatusHistoryResponse:
        from nextseason.catalog.watchlist import recent_changes
        from nextseason.watch.check import change_urn

        summary = services.show_summary(state, show_id)
        page = services.history_page(
            state, show_id, limit=limit, before=(position[0], position[1]) if position else None
        )
        with catalog.connect() as conn:
            found = recent_changes(conn, limit=RECENT_CHANGES, show_id=show_id)
        return StatusHistoryResponse(
            show=services.show_ref(catalog, show_id),
            current=summary.next_season,
            history=[_history_entry(r) for r in page.rows],
            changes=[
                ConfirmedChange(
                    id=change_urn(c.show_id, c.id),
                    kind=c.kind,
                    title=c.title,
                    summary=c.summary,
                    detected_at=c.detected_at,
                )
                for c in found
            ],
            total=page.total or 0,
            next=next_link(request, encode_cursor("history", (show_id,), page.after))
            if page.after
            else None,
        )

    return await _cached(request, validators, build)


#: How many of a show's confirmed changes its status history carries (all: /changes).
RECENT_CHANGES = 20


def _history_entry(row: store.StatusHistoryRow) -> StatusHistoryEntry:
    return StatusHistoryEntry(
        season=row.season,
        verdict=row.verdict,
        basis=row.basis,
        rule=row.rule,
        confidence=row.confidence,
        observed_at=row.observed_at,
        confirmed=row.confirmed,
    )


@router.get(
    "/changes",
    response_model=ChangesResponse,
    tags=["watchlist"],
    summary="The confirmed changes of watched shows, newest first",
    responses=NOT_MODIFIED,
)
def list_changes(
    request: Request,
    limit: Limit = 50,
    cursor: Cursor = None,
    show_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Only this show's changes.")
    ] = None,
) -> Response:
    """The change log the checks keep (what the Atom feed and the webhook carry): new
    verdicts, dated seasons, new episodes. A page at a time; follow `next`."""
    from nextseason.watch.check import change_urn

    state = web_state(request)
    request_key = (show_id,)
    position = decode_cursor(cursor, "changes", request_key, (moment, integer))
    with state.open_catalog().connect() as conn:
        top, when = store.changes_version(conn, show_id)
    validators = make_validators(("changes", show_id, top, when, limit, cursor), when)
    fresh = not_modified(request, validators)
    if fresh is not None:
        return fresh
    page = services.changes_page(
        state,
        limit=limit,
        show_id=show_id,
        before=(position[0], position[1]) if position else None,
    )
    following = (
        next_link(request, encode_cursor("changes", request_key, page.after))
        if page.after
        else None
    )
    body = ChangesResponse(
        changes=[
            ChangeEntry(
                id=change_urn(c.show_id, c.id),
                kind=c.kind,
                title=c.title,
                summary=c.summary,
                detected_at=c.detected_at,
                show_id=c.show_id,
                show=f"/api/v1/shows/{c.show_id}",
            )
            for c in page.rows
        ],
        total=page.total or 0,
        next=following,
    )
    return _page_response(body, following, validators.headers())


@router.post(
    "/shows/{show_id}/refresh",
    response_model=RefreshResponse,
    tags=["shows"],
    summary="Fetch the show again from the live sources (needs a token)",
    responses=errors(401, 404, 429, 502),
)
def refresh_show(request: Request, show_id: ShowId, _token: Token) -> RefreshResponse:
    """Asks the configured sources (TVmaze, TMDB, ...) about this show; never a URL from the
    request."""
    state = web_state(request)
    services.note_quota(state, request)
    services.show_head(state, show_id)
    services.charge(state, request, state.limits.refresh_cost)
    result = services.refresh_show(state, show_id)
    return RefreshResponse(
        show_id=show_id,
        stored=result.stored,
        unchanged=result.unchanged,
        answered=result.answered,
        warnings=result.warnings,
    )


# ---------------------------------------------------------------------------------------
# The watchlist


def _watchlist_validators(request: Request) -> Validators:
    with web_state(request).open_catalog().connect() as conn:
        count, added, checked = store.watchlist_version(conn)
    return make_validators(("watchlist", count, added, checked), added, checked)


@router.get(
    "/watchlist",
    response_model=WatchlistResponse,
    tags=["watchlist"],
    summary="The watched shows, each with its verdict and last check",
    responses=NOT_MODIFIED,
)
def list_watchlist(request: Request, limit: Limit = 50, cursor: Cursor = None) -> Response:
    """The watched shows by title, a page at a time; follow `next`."""
    state = web_state(request)
    position = decode_cursor(cursor, "watchlist", (), (string, integer))
    with state.open_catalog().connect() as conn:
        count, added, checked = store.watchlist_version(conn)
    validators = make_validators(
        ("watchlist", count, added, checked, limit, cursor), added, checked
    )
    fresh = not_modified(request, validators)
    if fresh is not None:
        return fresh
    page = services.watched_page(
        state, limit=limit, after=(position[0], position[1]) if position else None
    )
    following = (
        next_link(request, encode_cursor("watchlist", (), page.after)) if page.after else None
    )
    body = WatchlistResponse(shows=page.rows, total=page.total or 0, next=following)
    return _page_response(body, following, validators.headers())


@router.post(
    "/watchlist",
    response_model=WatchResponse,
    status_code=201,
    tags=["watchlist"],
    summary="Watch a show (needs a token)",
    responses=_ALREADY_WATCHED | errors(401, 404, 413, 422),
)
def watch_show(request: Request, body: WatchRequest, _token: Token) -> Response:
    """Adds the show with what it looks like now as the baseline, so the next check reports
    only what changes after this."""
    entry, added = services.watch_add(web_state(request), body.show_id)
    return Response(
        _json(WatchResponse(show=entry, added=added)),
        status_code=201 if added else 200,
        media_type=JSON,
        headers={"Location": f"/api/v1/watchlist/{entry.id}"},
    )


@router.get(
    "/watchlist/{show_id}",
    response_model=WatchedShow,
    tags=["watchlist"],
    summary="One watched show",
    responses=errors(404),
)
def get_watched_show(request: Request, show_id: ShowId) -> Response:
    found = services.watched_show(web_state(request), show_id)
    if found is None:
        raise PageNotFound(f"show {show_id} is not watched", hint="see /api/v1/watchlist")
    return Response(_json(found), media_type=JSON)


@router.delete(
    "/watchlist/{show_id}",
    status_code=204,
    tags=["watchlist"],
    summary="Stop watching a show (needs a token)",
    responses=errors(401, 404),
)
def unwatch_show(request: Request, show_id: ShowId, _token: Token) -> Response:
    if not services.watch_remove(web_state(request), show_id):
        raise PageNotFound(f"show {show_id} is not watched", hint="see /api/v1/watchlist")
    return Response(status_code=204)


# ---------------------------------------------------------------------------------------
# Fact-checking


@router.post(
    "/factcheck",
    tags=["factcheck"],
    summary="Check the factual claims of an article against the catalog",
    response_model=FactCheckReport,
    responses=errors(413, 422, 429),
)
def factcheck(request: Request, body: FactcheckRequest) -> Response:
    """Each claim (platform, seasons, episode counts, premiere, status, cast, creators, ...)
    marked supported, contradicted (with the evidence) or unverifiable."""
    state = web_state(request)
    services.charge(state, request, state.limits.factcheck_cost)
    result = services.run_factcheck(state, body.text, body.source_format)
    return Response(_json(result), media_type=JSON)
