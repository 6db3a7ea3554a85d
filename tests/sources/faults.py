"""The seven faults every live source must turn into one line naming it, never a traceback.

Each fault is played by the loopback replay server (a real socket), except "connection
refused", which points the source at a port nothing listens on.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pytest

from nextseason.errors import (
    SourceBadPayload,
    SourceError,
    SourceRateLimited,
    SourceUnavailable,
)
from nextseason.sources.http import HttpClient, HttpSettings
from tests.support.replay import ReplayServer, Reply

__all__ = ["EXPECTED", "FAULTS", "FaultRun", "assert_one_line", "run_fault"]

FAULTS = (
    "timeout",
    "connection refused",
    "429 with Retry-After",
    "500",
    "truncated JSON",
    "HTML page",
    "renamed field",
)
#: What each fault raises by default; a source may expect otherwise (Trends: HTML -> blocked).
EXPECTED: dict[str, type[SourceError]] = {
    "timeout": SourceUnavailable,
    "connection refused": SourceUnavailable,
    "429 with Retry-After": SourceRateLimited,
    "500": SourceUnavailable,
    "truncated JSON": SourceBadPayload,
    "HTML page": SourceBadPayload,
    "renamed field": SourceBadPayload,
}
RETRY_AFTER = 7
HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
    "<body><h1>Bad Gateway</h1><p>The server returned an invalid response.</p></body></html>"
)


@dataclass
class FaultRun:
    error: SourceError
    sleeps: list[float] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _reply(fault: str, good: bytes, renamed: bytes, content_type: str) -> Reply:
    if fault == "timeout":
        return Reply.raw(good, content_type).delayed(2.0)
    if fault == "429 with Retry-After":
        return Reply.rate_limited(RETRY_AFTER)
    if fault == "500":
        return Reply.error(500)
    if fault == "truncated JSON":  # a whole HTTP answer whose JSON stops halfway
        return Reply.raw(good[: len(good) // 2], content_type)
    if fault == "HTML page":
        return Reply.html(HTML_PAGE)
    if fault == "renamed field":
        return Reply.raw(renamed, content_type)
    raise ValueError(fault)


def run_fault(
    fault: str,
    *,
    source: str,
    prefix: str,
    routes: Sequence[tuple[str, str]],
    good: bytes,
    renamed: bytes,
    call: Callable[[HttpClient], object],
    content_type: str = "application/json; charset=utf-8",
) -> FaultRun:
    """Serve ``fault`` on every route (method, path below ``prefix``) and run ``call``."""
    sleeps: list[float] = []

    def attempt(base: str, timeout: float = 5.0) -> SourceError:
        settings = HttpSettings(
            base_urls={source: base}, retries=1, backoff=0, timeout=timeout, rate_limits=False
        )
        with HttpClient(settings, sleep=sleeps.append) as client, pytest.raises(SourceError) as e:
            call(client)
        return e.value

    if fault == "connection refused":
        return FaultRun(attempt(f"http://127.0.0.1:{_free_port()}{prefix}"), sleeps)
    with ReplayServer() as server:
        reply = _reply(fault, good, renamed, content_type)
        for method, path in routes:
            server.add(method, prefix + path, reply)
        error = attempt(server.url + prefix, timeout=0.25 if fault == "timeout" else 5.0)
        assert not server.unmatched, [r.path for r in server.unmatched]
    return FaultRun(error, sleeps)


def assert_one_line(error: SourceError, *, source: str, label: str) -> None:
    """The error names the source, in one line a user can read."""
    text = str(error)
    assert error.source == source
    assert text.startswith(f"{label}: "), text
    assert "\n" not in text and "Traceback" not in text, text
