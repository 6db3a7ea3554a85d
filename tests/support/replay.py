"""A real HTTP server on 127.0.0.1 that replays recorded responses, for tests and benchmarks.

The client under test talks to it over a real socket, so timeouts, dropped connections,
keep-alive and conditional requests behave as they would against the real source::

    with ReplayServer() as server:
        server.add("GET", "/shows/1", Reply.json({"id": 1}, etag='"v1"'))
        server.add("GET", "/search/shows", Reply.file(path), query={"q": "dark"})
        server.add("GET", "/shows/2", [Reply.error(500), Reply.json({"id": 2})])
        settings = HttpSettings(base_urls={"tvmaze": server.url})
        ...
        assert server.count("GET", "/shows/1") == 1

A route answers with its replies in order and repeats the last one. Faults are replies too:
:meth:`Reply.delayed` (longer than the client's timeout: a timeout), :meth:`Reply.hang_up`
(close without answering), :meth:`Reply.truncated` (a body cut short of its
Content-Length), :meth:`Reply.rate_limited` (429 with Retry-After), :meth:`Reply.error`
(5xx), :meth:`Reply.html` (an HTML error page) and :meth:`Reply.trickled` (a byte at a
time, slower than any deadline). A 200 reply carrying an ETag or
Last-Modified answers a matching conditional request with 304, as real servers do.

Every request is logged (:attr:`ReplayServer.requests`) with its headers and the status it
got, so tests can assert how many requests reached the server and what they carried.
Dependency-free: the standard library only.
"""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = ["Recorded", "ReplayServer", "Reply", "Route", "http_date"]

Headers = Mapping[str, str] | Iterable[tuple[str, str]]
QueryItems = Mapping[str, str | Sequence[str]]


def _pairs(headers: Headers | None) -> tuple[tuple[str, str], ...]:
    if headers is None:
        return ()
    items = headers.items() if isinstance(headers, Mapping) else headers
    return tuple((str(name), str(value)) for name, value in items)


@dataclass(frozen=True)
class Reply:
    """One response to send: status, headers and body, plus an optional fault."""

    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    delay: float = 0.0  # seconds to wait before answering
    hang_up: bool = False  # close the connection without answering at all
    truncate_to: int | None = None  # send only this many body bytes, then close
    trickle: float = 0.0  # seconds between single bytes of the answer (a trickle)
    trickle_head: bool = False  # trickle the status line and headers too, not only the body
    sized: bool = True  # False: no Content-Length, the body ends when the connection closes

    # -- constructors ----------------------------------------------------------------

    @classmethod
    def json(
        cls, payload: Any, *, status: int = 200, headers: Headers | None = None, **validators: str
    ) -> Reply:
        """A JSON answer; ``etag=`` / ``last_modified=`` add validators."""
        body = json.dumps(payload).encode("utf-8")
        return cls.raw(body, "application/json; charset=utf-8", status, headers, **validators)

    @classmethod
    def text(
        cls,
        text: str,
        *,
        status: int = 200,
        content_type: str = "text/plain; charset=utf-8",
        headers: Headers | None = None,
        **validators: str,
    ) -> Reply:
        return cls.raw(text.encode("utf-8"), content_type, status, headers, **validators)

    @classmethod
    def html(cls, text: str | None = None, *, status: int = 200) -> Reply:
        """An HTML page, such as the error or consent page a proxy serves instead of JSON."""
        page = text or (
            "<!DOCTYPE html><html><head><title>Error</title></head>"
            "<body><h1>Something went wrong</h1></body></html>"
        )
        return cls.raw(page.encode("utf-8"), "text/html; charset=utf-8", status)

    @classmethod
    def file(
        cls,
        path: Path,
        *,
        content_type: str | None = None,
        status: int = 200,
        headers: Headers | None = None,
        **validators: str,
    ) -> Reply:
        """A recorded body from disk; JSON unless the suffix or ``content_type`` says not."""
        kind = content_type or {
            ".json": "application/json; charset=utf-8",
            ".html": "text/html; charset=utf-8",
            ".csv": "text/csv; charset=utf-8",
            ".txt": "text/plain; charset=utf-8",
        }.get(path.suffix.lower(), "application/octet-stream")
        return cls.raw(path.read_bytes(), kind, status, headers, **validators)

    @classmethod
    def raw(
        cls,
        body: bytes,
        content_type: str,
        status: int = 200,
        headers: Headers | None = None,
        **validators: str,
    ) -> Reply:
        pairs = [("Content-Type", content_type), *_pairs(headers)]
        if "etag" in validators:
            pairs.append(("ETag", validators.pop("etag")))
        if "last_modified" in validators:
            pairs.append(("Last-Modified", validators.pop("last_modified")))
        if validators:
            raise TypeError(f"unknown validators: {sorted(validators)}")
        return cls(status, tuple(pairs), body)

    @classmethod
    def error(cls, status: int = 500, headers: Headers | None = None) -> Reply:
        """A server error with a small JSON body."""
        body = json.dumps({"error": f"HTTP {status}"}).encode()
        return cls.raw(body, "application/json", status, headers)

    @classmethod
    def rate_limited(cls, retry_after: float | str | None = 1, *, status: int = 429) -> Reply:
        """429 (or 503) with ``Retry-After`` in seconds, or as given (an HTTP date)."""
        headers = [] if retry_after is None else [("Retry-After", _retry_after(retry_after))]
        return cls.error(status, headers)

    @classmethod
    def not_modified(cls) -> Reply:
        return cls(304)

    @classmethod
    def closed(cls) -> Reply:
        """Close the connection without answering."""
        return cls(hang_up=True)

    # -- faults on an existing reply ---------------------------------------------------

    def delayed(self, seconds: float) -> Reply:
        """The same answer after ``seconds`` (longer than the client's timeout: a timeout)."""
        return replace(self, delay=seconds)

    def truncated(self, keep: int) -> Reply:
        """Announce the whole body's length but send only ``keep`` bytes, then close."""
        return replace(self, truncate_to=keep)

    def trickled(self, every: float, *, head: bool = False) -> Reply:
        """The same answer one byte every ``every`` seconds: each read gets a byte in time,
        so only an overall deadline ends it. ``head=True`` trickles the headers too."""
        return replace(self, trickle=every, trickle_head=head)

    def unsized(self) -> Reply:
        """The same answer without a Content-Length: its end is the connection's close, so
        a client cannot know its size before reading it."""
        return replace(self, sized=False)

    def with_headers(self, headers: Headers) -> Reply:
        return replace(self, headers=self.headers + _pairs(headers))

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for n, v in self.headers if n.lower() == wanted), None)


def _retry_after(value: float | str) -> str:
    if isinstance(value, str):
        return value
    return str(int(value)) if float(value).is_integer() else str(value)


def http_date(epoch: float) -> str:
    """``epoch`` as an HTTP date (for Retry-After, Last-Modified)."""
    return formatdate(epoch, usegmt=True)


@dataclass
class Recorded:
    """One request as the server saw it, and the status it answered (None: hung up)."""

    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    headers: dict[str, str]  # lower-case names
    body: bytes
    received_at: float  # time.monotonic()
    status: int | None = None

    def param(self, name: str) -> str | None:
        return next((v for n, v in self.query if n == name), None)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass
class Route:
    """Replies for requests with this method and path whose query holds ``query``."""

    method: str
    path: str
    query: frozenset[tuple[str, str]]
    replies: list[Reply]
    served: int = 0
    order: int = 0

    def matches(self, query: Iterable[tuple[str, str]]) -> bool:
        return self.query <= set(query)

    def next_reply(self) -> Reply:
        reply = self.replies[min(self.served, len(self.replies) - 1)]
        self.served += 1
        return reply


def _query_pairs(query: QueryItems | None) -> frozenset[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for name, value in (query or {}).items():
        values = [value] if isinstance(value, str) else list(value)
        pairs.update((name, str(v)) for v in values)
    return frozenset(pairs)


@dataclass
class _State:
    lock: threading.Lock = field(default_factory=threading.Lock)
    log: list[Recorded] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    errors: list[BaseException] = field(default_factory=list)


class ReplayServer:
    """The loopback server: a context manager that serves its routes in a thread.

    Unmatched requests get a 404 JSON body (and are listed in :attr:`unmatched`), unless
    ``fallback`` returns a reply for them. ``conditional=False`` turns off 304 answers.
    """

    def __init__(
        self,
        routes: Iterable[tuple[str, str, Reply | Sequence[Reply]]] = (),
        *,
        fallback: Callable[[Recorded], Reply | None] | None = None,
        conditional: bool = True,
        port: int = 0,
    ) -> None:
        self.fallback = fallback
        self.requested_port = port  # 0: any free port
        self.conditional = conditional
        self._routes: dict[tuple[str, str], list[Route]] = {}
        self._added = 0
        self._state = _State()
        self._stop = threading.Event()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        for method, path, replies in routes:
            self.add(method, path, replies)

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> ReplayServer:
        if self._httpd is not None:
            return self
        self._stop.clear()
        httpd = _Server(("127.0.0.1", self.requested_port), _Handler)
        httpd.replay = self
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; open connections are closed and stalled replies abandoned."""
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self._stop.set()
        httpd.shutdown()
        httpd.close_open_connections()
        httpd.server_close()
        if thread is not None:
            thread.join(timeout=5)
        httpd.wait_for_handlers(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the replay server is not running")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``, to use as a source's base URL."""
        return f"http://127.0.0.1:{self.port}"

    # -- routes ------------------------------------------------------------------------

    def add(
        self,
        method: str,
        path: str,
        replies: Reply | Sequence[Reply],
        *,
        query: QueryItems | None = None,
    ) -> Route:
        """Answer ``method path`` (with at least ``query`` in its query string) with
        ``replies`` in order, repeating the last. Later and more specific routes win."""
        listed = [replies] if isinstance(replies, Reply) else list(replies)
        if not listed:
            raise ValueError("a route needs at least one reply")
        self._added += 1
        route = Route(method.upper(), path, _query_pairs(query), listed, order=self._added)
        with self._state.lock:
            self._routes.setdefault((route.method, path), []).append(route)
        return route

    def load(self, manifest: Path) -> int:
        """Add the routes of a JSON manifest; returns how many. Each item has ``path``
        and optionally ``method``, ``query``, ``status``, ``headers``, and a body as
        ``body_file`` (relative to the manifest), ``json`` or ``body`` (text)."""
        items = json.loads(manifest.read_text(encoding="utf-8"))
        if not isinstance(items, list):
            raise ValueError(f"{manifest}: expected a JSON list of routes")
        for item in items:
            headers = dict(item.get("headers") or {})
            if "body_file" in item:
                body = (manifest.parent / item["body_file"]).read_bytes()
            elif "json" in item:
                body = json.dumps(item["json"]).encode("utf-8")
                headers.setdefault("Content-Type", "application/json; charset=utf-8")
            else:
                body = str(item.get("body", "")).encode("utf-8")
            reply = Reply(int(item.get("status", 200)), _pairs(headers), body)
            self.add(item.get("method", "GET"), item["path"], reply, query=item.get("query"))
        return len(items)

    # -- the log -----------------------------------------------------------------------

    @property
    def requests(self) -> list[Recorded]:
        with self._state.lock:
            return list(self._state.log)

    def count(self, method: str | None = None, path: str | None = None) -> int:
        return len(self.find(method, path))

    def find(self, method: str | None = None, path: str | None = None) -> list[Recorded]:
        return [
            r
            for r in self.requests
            if (method is None or r.method == method.upper()) and (path is None or r.path == path)
        ]

    def last(self, path: str | None = None) -> Recorded:
        found = self.find(None, path)
        if not found:
            raise AssertionError(f"no request reached the server for {path or 'any path'}")
        return found[-1]

    @property
    def unmatched(self) -> list[Recorded]:
        """Requests no route or fallback answered (they got a 404)."""
        return [r for r in self.requests if r.status == 404 and self._route_for(r) is None]

    @property
    def max_in_flight(self) -> int:
        """The most requests the server was handling at once."""
        with self._state.lock:
            return self._state.max_in_flight

    @property
    def errors(self) -> list[BaseException]:
        """Unexpected exceptions in handlers (a client hanging up is not one)."""
        with self._state.lock:
            return list(self._state.errors)

    def clear_log(self) -> None:
        with self._state.lock:
            self._state.log.clear()
            self._state.max_in_flight = self._state.in_flight

    # -- serving (called from handler threads) -------------------------------------------

    def _route_for(self, request: Recorded) -> Route | None:
        candidates = [
            r
            for r in self._routes.get((request.method, request.path), [])
            if r.matches(request.query)
        ]
        if not candidates:
            return None
        return max(candidates, key=lambda r: (len(r.query), r.order))

    def _choose(self, request: Recorded) -> Reply:
        with self._state.lock:
            route = self._route_for(request)
            if route is not None:
                return route.next_reply()
        if self.fallback is not None:
            reply = self.fallback(request)
            if reply is not None:
                return reply
        body = {"error": "no recorded response", "method": request.method, "path": request.path}
        return Reply.raw(json.dumps(body).encode(), "application/json", 404)

    def _log(self, request: Recorded) -> None:
        with self._state.lock:
            self._state.log.append(request)
            self._state.in_flight += 1
            self._state.max_in_flight = max(self._state.max_in_flight, self._state.in_flight)

    def _done(self) -> None:
        with self._state.lock:
            self._state.in_flight -= 1

    def _record_error(self, error: BaseException) -> None:
        with self._state.lock:
            self._state.errors.append(error)

    def _not_modified(self, request: Recorded, reply: Reply) -> bool:
        if not self.conditional or reply.status != 200:
            return False
        etag, wanted = reply.header("etag"), request.header("if-none-match")
        if etag and wanted:
            return wanted.strip() == "*" or etag in (t.strip() for t in wanted.split(","))
        modified, since = reply.header("last-modified"), request.header("if-modified-since")
        if modified and since:
            try:
                return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
        return False


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    replay: ReplayServer

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        self._idle = threading.Condition(self._open_lock)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        try:
            super().shutdown_request(request)
        finally:
            with self._open_lock:
                self._open.discard(request)
                self._idle.notify_all()

    def close_open_connections(self) -> None:
        """Wake handlers blocked on idle keep-alive connections so their threads end."""
        with self._open_lock:
            for sock in list(self._open):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def wait_for_handlers(self, timeout: float) -> None:
        with self._open_lock:
            self._idle.wait_for(lambda: not self._open, timeout=timeout)

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if error is not None and not isinstance(error, ConnectionError | TimeoutError):
            self.replay._record_error(error)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real APIs do
    server: _Server
    timeout = 10  # an idle keep-alive connection is dropped after this
    disable_nagle_algorithm = True  # else small answers wait ~40 ms for a delayed ACK

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the request log is the record."""

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_GET

    def _serve(self) -> None:
        replay = self.server.replay
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        request = Recorded(
            method=self.command,
            path=parts.path,
            query=tuple(parse_qsl(parts.query, keep_blank_values=True)),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=self.rfile.read(length) if length else b"",
            received_at=time.monotonic(),
        )
        replay._log(request)
        try:
            reply = replay._choose(request)
            if reply.delay and replay._stop.wait(reply.delay):
                self.close_connection = True  # shutting down: abandon the answer
                return
            if reply.hang_up:
                self.close_connection = True
                return
            if replay._not_modified(request, reply):
                keep = {"etag", "last-modified", "cache-control", "expires", "date"}
                reply = Reply(304, tuple((n, v) for n, v in reply.headers if n.lower() in keep))
            request.status = reply.status
            self._write(reply)
        except (ConnectionError, TimeoutError):
            self.close_connection = True  # the client gave up first
        finally:
            replay._done()

    def _write(self, reply: Reply) -> None:
        try:
            phrase = HTTPStatus(reply.status).phrase
        except ValueError:
            phrase = "Unknown"
        lines = [f"HTTP/1.1 {reply.status} {phrase}"]
        names = {n.lower() for n, _ in reply.headers}
        if "date" not in names:
            lines.append(f"Date: {self.date_time_string()}")
        lines += [f"{name}: {value}" for name, value in reply.headers]
        has_body = reply.status not in (204, 304) and not 100 <= reply.status < 200
        if has_body and reply.sized:
            lines.append(f"Content-Length: {len(reply.body)}")
        body = b""
        if has_body and self.command != "HEAD":
            body = reply.body if reply.truncate_to is None else reply.body[: reply.truncate_to]
        if reply.truncate_to is not None or not reply.sized:
            lines.append("Connection: close")
            self.close_connection = True
        # Head and body in one write, as a real server's buffered socket would send them.
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if reply.trickle:
            self._trickle(head, body, reply)
            return
        self.wfile.write(head + body)
        self.wfile.flush()

    def _trickle(self, head: bytes, body: bytes, reply: Reply) -> None:
        """Send ``head`` (or trickle it) and then ``body`` a byte at a time, until done or the
        server stops."""
        stop = self.server.replay._stop
        if not reply.trickle_head:
            self.wfile.write(head)
            head = b""
        for byte in head + body:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            if stop.wait(reply.trickle):
                self.close_connection = True
                return
