"""The JSON API under /api/v1: search, shows, reports, similar shows, interest, status
history, the watchlist, fact-checking and refresh.

Reads answer with ETag / Last-Modified made from the catalog and honour conditional
requests (304); their bodies are rendered once per catalog version and kept. Writes
(watchlist, refresh) need an API token. Every error is ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel
from pydantic_core import to_json
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from nextseason import __version__
from nextseason.catalog import versions as store
from nextseason.catalog.db import SCHEMA_REVISION
from nextseason.catalog.tokens import TokenInfo
from nextseason.model import Report
from nextseason.web import services
from nextseason.web.auth import require_token
from nextseason.web.conditional import Validators, make_validators, not_modified
from nextseason.web.errors import PageNotFound
from nextseason.web.schemas import (
    ConfirmedChange,
    ErrorBody,
    FactcheckRequest,
    InterestResponse,
    RefreshResponse,
    SearchResponse,
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


router = APIRouter(prefix="/api/v1", responses=errors(400, 503))
_ALREADY_WATCHED: Responses = {200: {"model": WatchResponse, "description": "Already watched"}}
_FACTCHECK_REPORT: Responses = {
    200: {"description": "The fact-check report", "content": {JSON: {}}}
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


@router.get("/health", tags=["meta"], summary="Is the service up")
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
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="Premiere year.")] = None,
) -> Response:
    """Shows matching a title, best first, with year, platform and status to tell namesakes
    apart."""
    found = services.search(web_state(request), request, q, limit=limit, year=year)
    return Response(_json(found), media_type=JSON, headers={"Cache-Control": "no-cache"})


@router.get(
    "/shows/{show_id}",
    response_model=ShowSummary,
    tags=["shows"],
    summary="A show and the verdict for its next season",
    responses=errors(404),
)
async def show(request: Request, show_id: ShowId) -> Response:
    state = web_state(request)
    head = services.show_head(state, show_id)
    validators = head.validators("show")
    return await _cached(request, validators, lambda: services.show_summary(state, show_id))


@router.get(
    "/shows/{show_id}/report",
    response_model=Report,
    tags=["shows"],
    summary="The full report for season N",
    responses=errors(404, 429),
)
async def report(request: Request, show_id: ShowId, season: Season = None) -> Response:
    """Every section of the report (the schema of `nextseason report --format json`)."""
    state = web_state(request)
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
    responses=errors(404),
)
async def similar(
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
    responses=errors(404, 429),
)
async def interest(request: Request, show_id: ShowId, season: Season = None) -> Response:
    state = web_state(request)
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
    responses=errors(404),
)
async def status_history(request: Request, show_id: ShowId) -> Response:
    state = web_state(request)
    head = services.show_head(state, show_id)
    catalog = state.open_catalog()
    with catalog.connect() as conn:
        history = store.history_version(conn, show_id)
        changes = store.changes_version(conn, show_id)
    validators = head.validators("history", history, changes)

    def build() -> StatusHistoryResponse:
        from nextseason.catalog.watchlist import recent_changes
        from nextseason.watch.check import change_urn

        summary = services.show_summary(state, show_id)
        with catalog.connect() as conn:
            rows = store.status_history(conn, show_id)
            found = recent_changes(conn, limit=100, show_id=show_id)
        return StatusHistoryResponse(
            show=services.show_ref(catalog, show_id),
            current=summary.next_season,
            history=[StatusHistoryEntry(**vars(r)) for r in rows],
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
        )

    return await _cached(request, validators, build)


@router.post(
    "/shows/{show_id}/refresh",
    response_model=RefreshResponse,
    tags=["shows"],
    summary="Fetch the show again from the live sources (needs a token)",
    responses=errors(401, 404, 429, 502),
)
def refresh(request: Request, show_id: ShowId, _token: Token) -> RefreshResponse:
    """Asks the configured sources (TVmaze, TMDB, ...) about this show; never a URL from the
    request."""
    state = web_state(request)
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
)
def watchlist(request: Request) -> Response:
    state = web_state(request)
    validators = _watchlist_validators(request)
    fresh = not_modified(request, validators)
    if fresh is not None:
        return fresh
    body = _json(WatchlistResponse(shows=services.watched_shows(state)))
    return Response(body, media_type=JSON, headers=validators.headers())


@router.post(
    "/watchlist",
    response_model=WatchResponse,
    status_code=201,
    tags=["watchlist"],
    summary="Watch a show (needs a token)",
    responses=_ALREADY_WATCHED | errors(401, 404, 413, 422),
)
def watch(request: Request, body: WatchRequest, _token: Token) -> Response:
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
def watched(request: Request, show_id: ShowId) -> Response:
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
def unwatch(request: Request, show_id: ShowId, _token: Token) -> Response:
    if not services.watch_remove(web_state(request), show_id):
        raise PageNotFound(f"show {show_id} is not watched", hint="see /api/v1/watchlist")
    return Response(status_code=204)


# ---------------------------------------------------------------------------------------
# Fact-checking


@router.post(
    "/factcheck",
    tags=["factcheck"],
    summary="Check the factual claims of an article against the catalog",
    responses=_FACTCHECK_REPORT | errors(413, 422, 429),
)
def factcheck(request: Request, body: FactcheckRequest) -> Response:
    """Each claim (platform, seasons, episode counts, premiere, status, cast, creators, ...)
    marked supported, contradicted (with the evidence) or unverifiable."""
    state = web_state(request)
    services.charge(state, request, state.limits.factcheck_cost)
    result = services.run_factcheck(state, body.text, body.source_format)
    return Response(_json(result), media_type=JSON)
