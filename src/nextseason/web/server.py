"""How ``nextseason serve`` runs uvicorn: the server's own limits and whom it trusts.

- **Request heads are bounded**: at most :data:`MAX_HEAD_BYTES` of request line and headers
  and :data:`MAX_HEADERS` header lines, else ``431 Request Header Fields Too Large`` and the
  connection is closed, before the app sees anything. uvicorn's httptools parser has no such
  limit (a 16 MB header was read whole), so its protocol is subclassed here to count the
  head's bytes and lines as they arrive; the h11 parser gets its own size limit. The app
  checks the number of headers again (:class:`HeaderLimits`), whatever server runs it.
- **Proxy headers are not trusted by default**: ``X-Forwarded-For`` would let any client
  pick the address the rate limits count, so uvicorn reads it only from the proxies named
  by ``--forwarded-allow-ips``.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["MAX_HEADERS", "MAX_HEAD_BYTES", "HeaderLimits", "uvicorn_options"]

#: The request line and headers of one request, in bytes (nginx's default is 32 KiB).
MAX_HEAD_BYTES = 64 * 1024
#: Header lines of one request (Apache's LimitRequestFields).
MAX_HEADERS = 100

_REFUSAL_MESSAGE = (
    f"the request's headers are too large: at most {MAX_HEADERS} headers and "
    f"{MAX_HEAD_BYTES // 1024} KiB in all"
)


def _refusal() -> bytes:
    body = json.dumps(
        {"error": {"code": "headers_too_large", "message": _REFUSAL_MESSAGE}}
    ).encode()
    head = (
        "HTTP/1.1 431 Request Header Fields Too Large\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        "connection: close\r\n\r\n"
    ).encode("ascii")
    return head + body


def _limited_httptools() -> type[Any] | None:
    """uvicorn's httptools protocol, counting each request head's bytes and lines."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:  # httptools is not installed: h11 runs, with its own limit
        return None

    class LimitedHttpToolsProtocol(HttpToolsProtocol):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._in_head = True
            self._head_bytes = 0
            self._head_lines = 0
            self._tail = b""  # the last bytes seen, to find a head's end split across reads
            self._refused = False

        def data_received(self, data: bytes) -> None:
            if self._refused:
                return
            if self._in_head:
                seen = self._tail + data
                end = seen.find(b"\r\n\r\n")
                head = data if end < 0 else data[: max(0, end + 4 - len(self._tail))]
                self._head_bytes += len(head)
                self._head_lines += head.count(b"\n")
                # The request line and the blank line that ends the head are not headers.
                if self._head_bytes > MAX_HEAD_BYTES or self._head_lines > MAX_HEADERS + 2:
                    self._refused = True
                    self.transport.write(_refusal())
                    self.transport.close()
                    return
                self._tail = seen[-3:]
            super().data_received(data)

        def on_headers_complete(self) -> None:
            self._in_head = False
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            super().on_message_complete()
            self._in_head, self._head_bytes, self._head_lines, self._tail = True, 0, 0, b""

    return LimitedHttpToolsProtocol


#: The protocol class ``serve`` runs (module level, so worker processes can import it).
LIMITED_HTTPTOOLS = _limited_httptools()


def uvicorn_options(host: str, port: int, forwarded_allow_ips: str | None) -> dict[str, object]:
    """uvicorn's settings for ``serve``: the head limits, and proxy headers trusted only
    from ``forwarded_allow_ips`` (None: from nobody)."""
    options: dict[str, object] = {
        "host": host,
        "port": port,
        "server_header": False,
        "log_level": "info",
        "proxy_headers": forwarded_allow_ips is not None,
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
    }
    if forwarded_allow_ips is not None:
        options["forwarded_allow_ips"] = forwarded_allow_ips
    if LIMITED_HTTPTOOLS is not None:
        options["http"] = LIMITED_HTTPTOOLS
    return options


class HeaderLimits:
    """The app's own check of the number of headers (431), under any server."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and len(scope.get("headers", ())) > MAX_HEADERS:
            from starlette.requests import Request

            from nextseason.web.errors import HeadersTooLarge, error_response

            response = error_response(Request(scope), HeadersTooLarge(_REFUSAL_MESSAGE))
            response.headers["Connection"] = "close"
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
