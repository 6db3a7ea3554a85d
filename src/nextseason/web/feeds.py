"""Atom feeds of confirmed changes: every watched show's, and one show's."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from nextseason.web import services
from nextseason.web.api import MAX_ID, Responses, errors
from nextseason.web.conditional import Validators, not_modified
from nextseason.web.state import web_state

__all__ = ["ATOM", "router"]

ATOM = "application/atom+xml; charset=utf-8"
_ATOM_RESPONSE: Responses = {
    200: {"description": "An Atom 1.0 feed", "content": {"application/atom+xml": {}}},
}

router = APIRouter(prefix="/feeds", tags=["feeds"], responses=errors(400, 503))


async def _feed(request: Request, validators: Validators, show_id: int | None) -> Response:
    fresh = not_modified(request, validators)
    if fresh is not None:
        return fresh
    state = web_state(request)
    # Entry links are absolute, made from the request's base URL: it is part of the key.
    body = await run_in_threadpool(
        state.bodies.get_or_build,
        validators.key + str(request.base_url),
        lambda: services.changes_feed(
            state,
            base_url=str(request.base_url),
            self_url=str(request.url.replace(query="")),
            show_id=show_id,
        ).encode(),
    )
    return Response(body, media_type=ATOM, headers=validators.headers())


@router.get(
    "/watchlist.atom",
    summary="Confirmed changes to the watched shows (Atom)",
    response_class=Response,
    responses=_ATOM_RESPONSE,
)
async def watchlist_feed(request: Request) -> Response:
    return await _feed(request, services.feed_validators(web_state(request), None), None)


@router.get(
    "/shows/{show_id}.atom",
    summary="Confirmed changes to one show (Atom)",
    response_class=Response,
    responses=_ATOM_RESPONSE | errors(404),
)
async def show_feed(
    request: Request,
    show_id: Annotated[int, Path(ge=1, le=MAX_ID, description="The show's catalog id.")],
) -> Response:
    return await _feed(request, services.feed_validators(web_state(request), show_id), show_id)
