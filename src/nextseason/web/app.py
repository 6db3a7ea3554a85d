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
from nextseason.web.middleware import BodyLimit, HeadAsGet, SecurityHeaders
from nextseason.web.server import HeaderLimits
from nextseason.web.state import WebLimits, WebState

__all__ = ["create_app"]

DESCRIPTION = """\
Will there be another season? Status verdicts, seasons and episodes, where to watch,
audience interest, similar shows and every source, for the TV shows in the catalog.

Every error has the shape `{"error": {"code": ..., "message": ...}}` (with `hint`,
`candidates` or `details` when there is more to say). Reads carry `ETag` and
`Last-Modified` and answer `304` to conditional requests. Writes need an API token
(`nextseason token create NAME`) as `Authorization: Bearer <token>`. Expensive
operations are rate limited per client address (`429` with `Retry-After`).
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
    return schema
