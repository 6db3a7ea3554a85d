"""The app factory: one FastAPI app, its catalog, limits and caches on ``app.state.web``.

    create_app(settings, catalog=...)   # tests pass an open catalog
    uvicorn nextseason.web.app:create_app --factory   # what `nextseason serve` runs

Without a catalog the app opens the one the settings name at startup (one per process,
migrated and seeded like the CLI's) and warms its title index, so the first search is as
fast as the rest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from nextseason import __version__
from nextseason.catalog import Catalog
from nextseason.config import Settings, load_settings
from nextseason.web import api, feeds, pages
from nextseason.web.errors import install_error_handlers
from nextseason.web.middleware import BodyLimit, HeadAsGet, RateLimitHeaders, SecurityHeaders
from nextseason.web.server import HeaderLimits
from nextseason.web.state import WebLimits, WebState

__all__ = ["create_app"]

DESCRIPTION = """\
Will there be another season? Status verdicts, seasons and episodes, where to watch,
audience interest, similar shows and every source, for the TV shows in the catalog.

Every error has the shape `{"error": {"code": ..., "message": ...}}` (with `hint`,
`candidates` or `details` when there is more to say); a query parameter an operation
does not take is a `400` naming it. Reads carry `ETag` and `Last-Modified` and answer
`304` to conditional requests. Lists (search, `/shows`, the watchlist, status history,
`/changes`) come a page at a time: `limit` rows, `total` in all, and a `next` link that
carries an opaque `cursor` (null on the last page); a cursor keeps its place while shows
are added. Writes need an API token (`nextseason token create NAME`) as
`Authorization: Bearer <token>`. Expensive operations are rate limited per client
address: their responses carry `RateLimit-Limit`, `RateLimit-Remaining` and
`RateLimit-Reset`, and a refusal is `429` with `Retry-After`.
"""

STATIC = Path(__file__).parent / "static"


def create_app(
    settings: Settings | None = None,
    *,
    catalog: Catalog | None = None,
    limits: WebLimits | None = None,
) -> FastAPI:
    """The web app over ``catalog`` (or the catalog ``settings`` name, opened at startup)."""
    settings = settings if settings is not None else load_settings()
    state = WebState(settings, limits or WebLimits(), catalog=catalog)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Searches read the catalog's stored title index: nothing to build before serving.
        await run_in_threadpool(state.open_catalog)
        try:
            yield
        finally:
            state.close()

    app = FastAPI(
        title="nextseason",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.web = state
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(
        BodyLimit,
        default=state.limits.body_bytes,
        limits={
            "/api/v1/factcheck": state.limits.factcheck_bytes,
            "/factcheck": state.limits.factcheck_bytes,
        },
    )
    app.add_middleware(HeadAsGet)
    app.add_middleware(HeaderLimits)
    app.add_middleware(RateLimitHeaders)  # outside HeadAsGet: it shares the request state
    if settings.cors:
        from starlette.middleware.cors import CORSMiddleware

        # Reads from the listed origins' pages; a token in Authorization is a header a
        # browser sends only after a preflight, which this answers for those origins only.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors),
            allow_methods=["GET", "HEAD", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "If-None-Match", "If-Modified-Since"],
            expose_headers=[
                "ETag",
                "Last-Modified",
                "Link",
                "Location",
                "Retry-After",
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset",
            ],
            max_age=600,
        )
    app.add_middleware(SecurityHeaders)  # added last: outermost, so every response has them

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _openapi(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, with its validation-error body replaced by the one error shape."""
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    error_ref = {"$ref": "#/components/schemas/ErrorBody"}
    for methods in schema.get("paths", {}).values():
        for op in methods.values():
            responses = op.get("responses", {})
            if "422" in responses:
                if "requestBody" in op:
                    responses["422"] = {
                        "description": "The JSON body has the wrong shape (see error.details)",
                        "content": {"application/json": {"schema": error_ref}},
                    }
                else:
                    del responses["422"]  # parameters that fail validation give 400
    components = schema.get("components", {}).get("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    _add_examples(schema, components)
    return schema


def _add_examples(schema: dict[str, Any], components: dict[str, Any]) -> None:
    """An example on every JSON response body (see :mod:`nextseason.web.examples`)."""
    from nextseason.web.examples import ERROR_EXAMPLES, EXAMPLES, example_of

    for methods in schema.get("paths", {}).values():
        for op in methods.values():
            for status, response in op.get("responses", {}).items():
                body = response.get("content", {}).get("application/json")
                if body is None or "schema" not in body:
                    continue
                ref = body["schema"].get("$ref", "")
                name = ref.rsplit("/", 1)[-1]
                if name == "ErrorBody" and status.isdigit() and int(status) in ERROR_EXAMPLES:
                    body["example"] = ERROR_EXAMPLES[int(status)]
                elif name in EXAMPLES:
                    body["example"] = EXAMPLES[name]
                else:
                    body["example"] = example_of(body["schema"], components)
