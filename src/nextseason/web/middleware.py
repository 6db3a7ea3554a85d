"""Plain ASGI middleware: security headers on every response, request-body limits, and the
last line against a bug (a logged 500 in the usual error shape, headers included).

Plain ASGI rather than Starlette's ``BaseHTTPMiddleware``: they add a few microseconds a
request, not a task and a stream copy.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nextseason.web.errors import InvalidInput, RequestTooLarge, error_response, unexpected_error

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "BodyLimit",
    "HeadAsGet",
    "RateLimitHeaders",
    "SecurityHeaders",
]

#: Scripts and styles only from this server (no inline script, no eval, nothing third
#: party). Inline *style attributes* are allowed (an attribute cannot run code). Images
#: from this server and the two poster hosts of the live sources (TVmaze, TMDB; see
#: ``catalog.posters``). No plugins, frames, or form posts elsewhere.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' https://static.tvmaze.com https://image.tmdb.org",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    )
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = tuple(
    (name.lower().encode(), value.encode())
    for name, value in (
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    )
)
_HSTS = (b"strict-transport-security", b"max-age=31536000")


class SecurityHeaders:
    """Adds the security headers; turns an unhandled exception into a logged 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [h for h in SECURITY_HEADERS if h[0] not in present]
                if https:
                    headers.append(_HSTS)
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            if started:
                raise
            response = unexpected_error(Request(scope), exc)
            await response(scope, receive, send_with_headers)


class RateLimitHeaders:
    """``RateLimit-Limit``, ``-Remaining`` and ``-Reset`` on the responses of rate-limited
    routes (those that noted the client's quota on ``request.state``, 429s included)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from nextseason.web.ratelimit import QUOTA, Quota

        # The request's state dict: made here, so the routes below write into this one.
        state = scope.setdefault("state", {})

        async def send_with_quota(message: Message) -> None:
            quota = state.get(QUOTA)
            if message["type"] == "http.response.start" and isinstance(quota, Quota):
                extra = [(k.lower().encode(), v.encode()) for k, v in quota.headers().items()]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_quota)


class HeadAsGet:
    """HEAD answered as GET without the body (status, headers and validators the same)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class BodyLimit:
    """Refuses request bodies over a size (413), per path prefix, before the app reads them.

    The declared Content-Length is checked first; a body sent without one (chunked) is
    read up to the limit and handed on only if it fits.
    """

    def __init__(self, app: ASGIApp, *, default: int, limits: Mapping[str, int]) -> None:
        self.app = app
        self.default = default
        self.limits = sorted(limits.items(), key=lambda kv: -len(kv[0]))

    def limit_for(self, path: str) -> int:
        return next((n for prefix, n in self.limits if path.startswith(prefix)), self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = None
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                declared = value
        if declared is not None:
            try:
                size = int(declared)
                if size < 0:
                    raise ValueError
            except ValueError:
                await self._refuse(scope, receive, send, InvalidInput("bad Content-Length"))
                return
            if size > limit:
                await self._refuse(scope, receive, send, _too_large(limit))
                return
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([], message, receive), send)
                return
            body = message.get("body", b"")
            total += len(body)
            if total > limit:
                await self._refuse(scope, receive, send, _too_large(limit))
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(chunks, None, receive), send)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, exc: Exception) -> None:
        from nextseason.errors import NextseasonError

        assert isinstance(exc, NextseasonError)
        response = error_response(Request(scope), exc)
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


def _too_large(limit: int) -> RequestTooLarge:
    return RequestTooLarge(
        f"the request body is larger than {limit:,} bytes", hint="send a shorter text"
    )


def _replay(chunks: list[bytes], pending: Message | None, receive: Receive) -> Receive:
    """A receive that gives the buffered body first, then defers to the real one."""
    first: list[Message] = (
        [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]
        if pending is None
        else [pending]
    )

    async def replayed() -> Message:
        if first:
            return first.pop()
        return await receive()

    return replayed
