"""The one HTTP client every live source uses.

It is polite and predictable: a descriptive User-Agent with a contact address, timeouts,
a per-host rate limit, retries with exponential backoff and jitter that honour
``Retry-After`` on 429 and 503, an on-disk HTTP cache with a TTL per source and
conditional requests, and an offline mode that answers from the cache only.

Every failure becomes a :class:`~nextseason.errors.SourceError` subclass that names the
source, so callers can warn in one line and go on with the other sources.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx

from nextseason import __version__
from nextseason.errors import (
    SourceAuthError,
    SourceBadPayload,
    SourceError,
    SourceOffline,
    SourceRateLimited,
    SourceUnavailable,
)

__all__ = ["POLICIES", "HttpClient", "HttpSettings", "RateLimiter", "SourcePolicy"]

DEFAULT_CONTACT = "https://github.com/nextseason/nextseason/issues"


@dataclass(frozen=True)
class SourcePolicy:
    """How politely to call one source: where, how often, how long answers stay fresh."""

    name: str  # the source key, e.g. "tvmaze"
    label: str  # for messages, e.g. "TVmaze"
    base_url: str
    url_env: str  # environment variable that overrides base_url (mirrors, tests)
    calls: int | None = None  # at most `calls` requests per `per_seconds` ...
    per_seconds: float = 1.0
    one_at_a_time: bool = False  # ... and/or strictly sequential requests
    ttl_seconds: float = 24 * 3600  # how long a cached answer is used without asking


POLICIES: dict[str, SourcePolicy] = {
    p.name: p
    for p in (
        SourcePolicy(
            "tvmaze",
            "TVmaze",
            "https://api.tvmaze.com",
            "NEXTSEASON_TVMAZE_URL",
            calls=20,
            per_seconds=10.0,
            ttl_seconds=12 * 3600,
        ),
        SourcePolicy(
            "tmdb",
            "TMDB",
            "https://api.themoviedb.org/3",
            "NEXTSEASON_TMDB_URL",
            calls=40,
            per_seconds=1.0,
            ttl_seconds=12 * 3600,
        ),
        SourcePolicy(
            "wikidata",
            "Wikidata",
            "https://query.wikidata.org/sparql",
            "NEXTSEASON_WIKIDATA_URL",
            calls=5,
            per_seconds=1.0,
            one_at_a_time=True,
            ttl_seconds=7 * 24 * 3600,
        ),
        SourcePolicy(
            "wikipedia_pageviews",
            "Wikimedia pageviews",
            "https://wikimedia.org/api/rest_v1/metrics/pageviews",
            "NEXTSEASON_PAGEVIEWS_URL",
            one_at_a_time=True,
            ttl_seconds=24 * 3600,
        ),
        SourcePolicy(
            "google_trends",
            "Google Trends",
            "https://trends.google.com/trends",
            "NEXTSEASON_TRENDS_URL",
            calls=1,
            per_seconds=2.0,
            one_at_a_time=True,
            ttl_seconds=24 * 3600,
        ),
        SourcePolicy(
            "reddit",
            "Reddit",
            "https://www.reddit.com",
            "NEXTSEASON_REDDIT_URL",
            calls=10,
            per_seconds=60.0,
            ttl_seconds=6 * 3600,
        ),
    )
}


@dataclass(frozen=True)
class HttpSettings:
    """What the HTTP layer needs from the user's settings."""

    cache_dir: Path | None = None  # None: no on-disk cache
    offline: bool = False
    contact: str = DEFAULT_CONTACT
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 0.5  # first retry waits about this long, then doubles
    max_wait: float = 60.0  # never sleep longer than this for one Retry-After
    rate_limits: bool = True  # off only for benchmarks of the pipeline itself
    base_urls: Mapping[str, str] = field(default_factory=dict)  # source -> URL override

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> HttpSettings:
        environ = os.environ if env is None else env
        urls = {p.name: environ[p.url_env] for p in POLICIES.values() if environ.get(p.url_env)}
        values: dict[str, Any] = {
            "offline": environ.get("NEXTSEASON_OFFLINE", "") not in ("", "0", "false", "no"),
            "base_urls": urls,
        }
        if environ.get("NEXTSEASON_CONTACT"):
            values["contact"] = environ["NEXTSEASON_CONTACT"]
        values.update(overrides)
        return cls(**values)

    @property
    def user_agent(self) -> str:
        return f"nextseason/{__version__} (+{self.contact}) httpx/{httpx.__version__}"


class RateLimiter:
    """At most ``calls`` per ``per_seconds`` (sliding window), optionally one at a time."""

    def __init__(
        self,
        calls: int | None,
        per_seconds: float,
        *,
        one_at_a_time: bool = False,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.calls = calls
        self.per_seconds = per_seconds
        self.clock = clock
        self.sleep = sleep
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()
        self.serial = threading.Lock() if one_at_a_time else None

    def wait(self) -> None:
        if self.calls is None:
            return
        with self._lock:
            now = self.clock()
            while self._sent and now - self._sent[0] >= self.per_seconds:
                self._sent.popleft()
            if len(self._sent) >= self.calls:
                pause = self.per_seconds - (now - self._sent[0])
                if pause > 0:
                    self.sleep(pause)
                now = self.clock()
                self._sent.popleft()
            self._sent.append(now)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class HttpClient:
    """One client for all sources. Thread-safe; use as a context manager or call close()."""

    def __init__(
        self,
        settings: HttpSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings or HttpSettings()
        self.sleep = sleep
        self._client = httpx.Client(
            transport=transport,
            timeout=self.settings.timeout,
            headers={"User-Agent": self.settings.user_agent, "Accept": "application/json"},
            follow_redirects=True,
        )
        self._limiters: dict[str, RateLimiter] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def base_url(self, source: str) -> str:
        policy = POLICIES[source]
        return self.settings.base_urls.get(source, policy.base_url).rstrip("/")

    def _limiter(self, policy: SourcePolicy) -> RateLimiter:
        with self._lock:
            limiter = self._limiters.get(policy.name)
            if limiter is None:
                calls = policy.calls if self.settings.rate_limits else None
                limiter = RateLimiter(
                    calls,
                    policy.per_seconds,
                    one_at_a_time=policy.one_at_a_time,
                    sleep=self.sleep,
                )
                self._limiters[policy.name] = limiter
            return limiter

    def request(
        self,
        source: str,
        path: str,
        *,
        method: str = "GET",
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
    ) -> httpx.Response:
        """Send a request to ``source`` (path relative to its base URL, or an absolute URL).

        Returns a 2xx response (or 304 handled by the cache), else raises a SourceError.
        """
        policy = POLICIES[source]
        if self.settings.offline:
            raise SourceOffline(f"{policy.label}: offline, and no cached answer", source=source)
        url = (
            path
            if path.startswith(("http://", "https://"))
            else f"{self.base_url(source)}/{path.lstrip('/')}"
        )
        limiter = self._limiter(policy)
        attempt = 0
        while True:
            limiter.wait()
            try:
                if limiter.serial is not None:
                    with limiter.serial:
                        response = self._client.request(
                            method, url, params=params, headers=headers, data=data, auth=auth
                        )
                else:
                    response = self._client.request(
                        method, url, params=params, headers=headers, data=data, auth=auth
                    )
            except httpx.TimeoutException:
                error: SourceError = SourceUnavailable(f"{policy.label}: timed out", source=source)
                wait = None
            except httpx.TransportError as exc:
                error = SourceUnavailable(f"{policy.label}: cannot connect ({exc})", source=source)
                wait = None
            else:
                if response.status_code < 300:
                    return response
                status = response.status_code
                if status in (401, 403):
                    raise SourceAuthError(
                        f"{policy.label}: access refused (HTTP {status}); check the key",
                        source=source,
                    )
                if status == 404:
                    raise SourceBadPayload(
                        f"{policy.label}: not found (HTTP 404)", source=source, status=404
                    )
                if status not in (429, 500, 502, 503, 504):
                    raise SourceUnavailable(f"{policy.label}: HTTP {status}", source=source)
                wait = _retry_after(response) if status in (429, 503) else None
                if status == 429:
                    error = SourceRateLimited(
                        f"{policy.label}: rate limited (HTTP 429)", source=source
                    )
                else:
                    error = SourceUnavailable(f"{policy.label}: HTTP {status}", source=source)
                if wait is not None and wait > self.settings.max_wait:
                    raise error
            attempt += 1
            if attempt > self.settings.retries:
                raise error
            if wait is None:
                wait = self.settings.backoff * (2 ** (attempt - 1)) * (1 + random.random() / 2)
            self.sleep(wait)

    def get_json(
        self,
        source: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """GET and decode JSON; an HTML error page or truncated body is a SourceBadPayload."""
        response = self.request(source, path, params=params, headers=headers)
        return decode_json(response, POLICIES[source])

    def get_text(self, source: str, path: str, *, params: Mapping[str, Any] | None = None) -> str:
        return self.request(source, path, params=params).text


def decode_json(response: httpx.Response, policy: SourcePolicy) -> Any:
    text = response.text
    try:
        return json.loads(text)
    except ValueError:
        kind = "an HTML page" if text.lstrip().startswith("<") else "malformed JSON"
        raise SourceBadPayload(
            f"{policy.label}: expected JSON, got {kind}", source=policy.name
        ) from None
