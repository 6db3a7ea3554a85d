"""What keeps one misbehaving source from holding up a run: an overall deadline per request,
and a circuit breaker per source.

httpx's timeout applies to each read, so a source that sends a byte every few seconds never
times out. :func:`deadline_transport` gives the client a transport whose sockets clamp every
connect, read and write to what is left of the request's deadline (set by :func:`deadline`
around each attempt, in the thread that sends it), whether the trickle is in the headers or
the body.

:class:`Breaker` counts each source's timed-out attempts in one run (one client): after two,
the source is not asked again in that run, so a source that hangs costs at most twice the
timeout however many shows the run covers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

__all__ = ["Breaker", "deadline", "deadline_transport"]

_local = threading.local()


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every socket operation of this thread's requests must end within ``seconds`` from now."""
    previous = getattr(_local, "until", None)
    _local.until = time.monotonic() + seconds
    try:
        yield
    finally:
        _local.until = previous


def expired() -> bool:
    """Whether this thread's deadline has passed."""
    until: float | None = getattr(_local, "until", None)
    return until is not None and time.monotonic() >= until


def _within(timeout: float | None, error: type[Exception]) -> float | None:
    until: float | None = getattr(_local, "until", None)
    if until is None:
        return timeout
    left = until - time.monotonic()
    if left <= 0:
        raise error("the request's deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _within(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _within(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _within(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _within(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, timeout, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _within(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def deadline_transport() -> httpx.HTTPTransport:
    """httpx's own transport, its sockets bound by :func:`deadline`.

    httpx does not take a network backend, so it is set on the transport's connection pool;
    should a later httpx lay that out otherwise, the client still checks the deadline between
    the chunks of a body (a trickle in the headers would then be bound by the read timeout
    only, and the tests of the deadline say so).
    """
    transport = httpx.HTTPTransport()
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, httpcore.NetworkBackend):
        pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]
    return transport


class Breaker:
    """Per source: how many attempts timed out in this run, and whether it is given up on.

    Thread-safe (refresh workers in threads may share a client).
    """

    def __init__(self, threshold: int = 2) -> None:
        self.threshold = threshold
        self._timeouts: dict[str, int] = {}
        self._open: dict[str, str] = {}  # source -> why it is no longer asked
        self._lock = threading.Lock()

    def why_open(self, source: str) -> str | None:
        """Why ``source`` is not asked again in this run, or None while it is asked."""
        with self._lock:
            return self._open.get(source)

    def timed_out(self, source: str) -> bool:
        """Count a timed-out attempt; True when this one opens the breaker."""
        with self._lock:
            count = self._timeouts[source] = self._timeouts.get(source, 0) + 1
            if count >= self.threshold and source not in self._open:
                self._open[source] = f"it timed out {count} times earlier in this run"
                return True
            return False

    def give_up(self, source: str, why: str) -> None:
        """Stop asking ``source`` in this run (it asked us to wait longer than we do)."""
        with self._lock:
            self._open.setdefault(source, why)
