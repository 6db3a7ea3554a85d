"""The web app's errors and the one place that renders any error as JSON or as an HTML page.

Every error the app answers with is a :class:`~nextseason.errors.NextseasonError`: the
library's own (unknown show: 404, ambiguous title: 409, catalog locked: 503, ...) and the
few below that only the web has. :func:`error_response` renders one for the request that
met it: the ``{"error": {"code", "message", ...}}`` JSON shape for the API and for clients
that ask for JSON, an HTML page for browsers. FastAPI's validation errors and Starlette's
404/405 are turned into the same errors first, so there is exactly one error shape.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response

from nextseason.errors import Candidate, NextseasonError, ShowLookupError, ShowNotFound

__all__ = [
    "ERROR_RESPONSES",
    "Forbidden",
    "HeadersTooLarge",
    "InvalidInput",
    "MethodNotAllowed",
    "PageNotFound",
    "RateLimited",
    "RequestTooLarge",
    "SeasonNotFound",
    "Unauthorized",
    "UnknownTitle",
    "WebError",
    "error_response",
    "install_error_handlers",
    "wants_json",
]

log = logging.getLogger("nextseason.web")


class WebError(NextseasonError):
    """An error only the web app raises; ``headers`` go out with its response."""

    exit_code = 2
    headers: Mapping[str, str] = MappingProxyType({})


class InvalidInput(WebError):
    """A malformed path, query or body: 400, or 422 for a JSON body of the wrong shape."""

    http_status = 400
    code = "bad_request"

    def __init__(
        self, message: str, details: Sequence[Mapping[str, str]] = (), *, status: int = 400
    ) -> None:
        super().__init__(message)
        self.details = [dict(d) for d in details]
        self.http_status = status
        if status == 422:
            self.code = "invalid_body"

    def to_dict(self) -> dict[str, object]:
        body = super().to_dict()
        if self.details:
            inner = body["error"]
            assert isinstance(inner, dict)
            inner["details"] = self.details
        return body


class Unauthorized(WebError):
    http_status = 401
    code = "unauthorized"
    headers: Mapping[str, str] = MappingProxyType({"WWW-Authenticate": 'Bearer realm="nextseason"'})


class Forbidden(WebError):
    http_status = 403
    code = "forbidden"


class PageNotFound(WebError):
    http_status = 404
    code = "not_found"


class SeasonNotFound(PageNotFound):
    """A season past the one after the last any source knows: no report is about it."""

    code = "season_not_found"


class MethodNotAllowed(WebError):
    http_status = 405
    code = "method_not_allowed"


class RequestTooLarge(WebError):
    http_status = 413
    code = "request_too_large"


class HeadersTooLarge(WebError):
    http_status = 431
    code = "headers_too_large"


class RateLimited(WebError):
    http_status = 429
    code = "rate_limited"

    def __init__(self, retry_after: float) -> None:
        wait = max(1, int(retry_after + 0.999))
        super().__init__(
            "too many requests from this address; slow down",
            hint=f"try again in {wait} second{'s' * (wait != 1)}",
        )
        self.retry_after = wait
        self.headers = {"Retry-After": str(wait)}


class UnknownTitle(ShowNotFound):
    """A show page asked for by a title that names no show; offers the closest ones."""

    def __init__(self, title: str, candidates: Sequence[Candidate]) -> None:
        super().__init__(
            f"no show is called {title!r}", candidates, hint="pick one below, or search again"
        )
        self.query = title


#: Paths whose errors are always JSON, whatever the client accepts.
_JSON_PREFIXES = ("/api/", "/openapi.json", "/feeds/")


def wants_json(request: Request) -> bool:
    """JSON for the API and for clients that prefer it to HTML; an HTML page otherwise."""
    path = request.url.path
    if path.startswith(_JSON_PREFIXES):
        return True
    accept = request.headers.get("accept", "").lower()
    if "application/json" not in accept:
        return False
    return "text/html" not in accept or accept.index("application/json") < accept.index("text/html")


def error_response(request: Request, exc: NextseasonError) -> Response:
    """The response for an error: its HTTP status, the JSON shape or an HTML page."""
    status = exc.http_status
    headers = dict(getattr(exc, "headers", {}) or {})
    headers.setdefault("Cache-Control", "no-store")
    if wants_json(request):
        return JSONResponse(exc.to_dict(), status_code=status, headers=headers)
    from nextseason.web.templating import render_page

    candidates = exc.candidates if isinstance(exc, ShowLookupError) else []
    html = render_page(
        request,
        "error.html.j2",
        status=status,
        error=exc,
        candidates=candidates,
        query=getattr(exc, "query", None),
    )
    return HTMLResponse(html, status_code=status, headers=headers)


def _where(loc: Sequence[Any]) -> str:
    return ".".join(str(part) for part in loc)


def validation_error(exc: RequestValidationError) -> InvalidInput:
    """FastAPI's validation error as ours: 422 for a JSON body of the wrong shape, else 400."""
    errors = list(exc.errors())
    details = [
        {"where": _where(e.get("loc", ())), "message": str(e.get("msg", ""))} for e in errors
    ]
    in_body = bool(errors) and all(
        tuple(e.get("loc", ()))[:1] == ("body",) and e.get("type") != "json_invalid" for e in errors
    )
    first = details[0] if details else {"where": "request", "message": "invalid"}
    message = f"invalid {first['where'] or 'request'}: {first['message']}"
    return InvalidInput(message, details, status=422 if in_body else 400)


def install_error_handlers(app: Any) -> None:
    """Route every error the app can meet through :func:`error_response`."""

    async def on_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NextseasonError)
        return error_response(request, exc)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, validation_error(exc))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        err: NextseasonError
        if exc.status_code == 404:
            err = PageNotFound(f"nothing is at {request.url.path}")
        elif exc.status_code == 405:
            allowed = allowed_methods(request)
            err = MethodNotAllowed(
                f"{request.method} is not allowed on {request.url.path}",
                hint=f"allowed: {', '.join(allowed)}" if allowed else None,
            )
            if allowed:  # every route of the path, not only the first that matched it
                err.headers = {"Allow": ", ".join(allowed)}
                exc.headers = None
        elif exc.status_code == 413:
            err = RequestTooLarge("the request body is too large")
        else:
            err = InvalidInput(str(exc.detail or "bad request"), status=exc.status_code)
            err.code = {401: "unauthorized", 403: "forbidden"}.get(exc.status_code, err.code)
        if exc.headers:
            err.headers = {**err.headers, **exc.headers}
        return error_response(request, err)

    app.add_exception_handler(NextseasonError, on_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers on this request's path (HEAD wherever GET is).

    Starlette's 405 names only the methods of the first route that matched the path, so a
    path with a GET route and a POST route said ``Allow: GET``. Each method is tried on the
    app's routes (their public ``matches``), whatever the routers nest."""
    from starlette.routing import Match

    routes = request.app.router.routes
    allowed = [
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    ]
    if "GET" in allowed:
        allowed.insert(1, "HEAD")
    return sorted(allowed)


def unexpected_error(request: Request, exc: BaseException) -> Response:
    """A bug: logged with its traceback, answered with a 500 in the usual shape."""
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    err = WebError("unexpected failure; it has been logged")
    err.http_status = 500
    err.code = "internal_error"
    return error_response(request, err)


#: The error responses every API operation documents (all share the ``Error`` schema).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "Malformed path, query or body"},
    404: {"description": "No such show or resource"},
    429: {"description": "Too many requests from this address (see Retry-After)"},
}
