"""The one HTTP client every live source uses.

It is polite and predictable: a descriptive User-Agent with a contact address, timeouts,
a per-source rate limit, retries with exponential backoff and jitter that honour
``Retry-After`` on 429 and 503, an on-disk HTTP cache with a TTL per source and
conditional requests, and an offline mode that answers from the cache only.

Every failure becomes a :class:`~nextseason.errors.SourceError` subclass that names the
source, so callers can warn in one line and go on with the other sources. No message, log
line or cache entry holds a credential: ``api_key``-like query parameters and
``Authorization``-like headers are left out of cache keys and shown as ``***``.

How a GET is answered (``request``/``get_json``/``get_text``)::

    offline?  -> the cached answer of any age, else SourceOffline
    cached and younger than the source's TTL  -> the cached answer, no request
    cached but older  -> conditional request (If-None-Match / If-Modified-Since);
                         304 -> the cached answer, marked fresh again
    otherwise -> request; a 2xx answer is stored

Each response says how it was answered: :func:`cache_state` gives ``"hit"``,
``"revalidated"``, ``"offline"`` or ``"miss"``.

A request's whole answer must arrive within the timeout (not only each read: a trickle is
a timeout), and be no larger than its source's ``max_bytes`` (a larger one is a
SourceBadPayload, neither parsed nor cached). A source whose attempts time out twice in one
client's life (one run) is not asked again by that client (:mod:`~nextseason.sources.guards`).
"""

from __future__ import annotations

import json
import logging
import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass, replace
from typing import Any, Protocol

import httpx

from nextseason.config import DEFAULT_CONTACT, HttpSettings, default_cache_dir
from nextseason.errors import (
    SourceAuthError,
    SourceBadPayload,
    SourceError,
    SourceOffline,
    SourceRateLimited,
    SourceSkipped,
    SourceUnavailable,
)
from nextseason.retry import RETRYABLE, RetryPolicy, asked_wait, retrying
from nextseason.sources.base import SourcePolicy
from nextseason.sources.cache import (
    CREDENTIAL_HEADERS,
    CREDENTIAL_PARAMS,
    CachedResponse,
    HttpCache,
    redact_url,
    request_key,
    storable_headers,
)
from nextseason.sources.guards import Breaker, deadline, deadline_transport, expired

__all__ = [
    "CACHE_EXTENSION",
    "DEFAULT_CONTACT",
    "HttpClient",
    "HttpSettings",
    "Limiter",
    "LimiterPool",
    "RateLimiter",
    "cache_state",
    "decode_json",
    "default_cache_dir",
    "redact_url",
]

log = logging.getLogger(__name__)

# Key in ``httpx.Response.extensions`` that tells how the answer was obtained.
CACHE_EXTENSION = "nextseason.cache"
_CACHE_KEY_EXTENSION = "nextseason.cache_key"


def _policy(source: str) -> SourcePolicy:
    from nextseason.sources.registry import POLICIES

    try:
        return POLICIES[source]
    except KeyError:
        known = ", ".join(sorted(POLICIES))
        raise ValueError(f"unknown source {source!r} (known: {known})") from None


# -- rate limits --------------------------------------------------------------------------


class Limiter(Protocol):
    """What the client asks of a rate limiter: a slot to send one request in.

    The slot is held while the request is in flight, so a one-at-a-time limiter can
    serialize. Swap in another implementation (say, one shared by every process on the
    machine through a lock file) with :class:`LimiterPool`'s ``factory``.
    """

    def slot(self) -> AbstractContextManager[None]: ...


class RateLimiter:
    """At most ``calls`` per ``per_seconds`` (sliding window), optionally one at a time.

    Thread-safe. Callers reserve their send time under a short lock and sleep outside it,
    first come first served, so a full window makes later callers queue behind earlier ones.
    """

    def __init__(
        self,
        calls: int | None,
        per_seconds: float,
        *,
        one_at_a_time: bool = False,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        margin: float = 0.0,
    ) -> None:
        if calls is not None and calls < 1:
            raise ValueError("calls must be at least 1 (or None for no limit)")
        self.calls = calls
        self.per_seconds = per_seconds
        # Extra spacing so that delays on the way never make the server, which counts by
        # arrival, see one request more than the limit in a window.
        self.margin = margin
        self.clock = clock
        self.sleep = sleep
        self._sent: deque[float] = deque()  # send times of the last `calls` requests
        self._lock = threading.Lock()
        self.serial = threading.Lock() if one_at_a_time else None

    def wait(self) -> None:
        """Block until one more request fits in the window, and count it."""
        if self.calls is None:
            return
        with self._lock:
            now = self.clock()
            while self._sent and self._sent[0] <= now - self.per_seconds:
                self._sent.popleft()
            at = max(now, self._sent[-1]) if self._sent else now
            if len(self._sent) >= self.calls:
                at = max(at, self._sent[-self.calls] + self.per_seconds + self.margin)
            self._sent.append(at)
            while len(self._sent) > self.calls:
                self._sent.popleft()
        if at > now:
            self.sleep(at - now)

    @contextmanager
    def slot(self) -> Iterator[None]:
        if self.serial is None:
            self.wait()
            yield
            return
        with self.serial:
            self.wait()
            yield


class _Unlimited:
    def slot(self) -> AbstractContextManager[None]:
        return nullcontext()


UNLIMITED: Limiter = _Unlimited()


class LimiterPool:
    """The limiters of one process, one per source; share a pool between clients
    (``HttpClient(..., limiters=pool)``) so they respect the limits together."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        factory: Callable[[SourcePolicy], Limiter] | None = None,
    ) -> None:
        self.clock = clock
        self.sleep = sleep
        self._factory = factory or self._rate_limiter
        self._limiters: dict[str, Limiter] = {}
        self._lock = threading.Lock()

    def _rate_limiter(self, policy: SourcePolicy) -> Limiter:
        return RateLimiter(
            policy.calls,
            policy.per_seconds,
            one_at_a_time=policy.one_at_a_time,
            clock=self.clock,
            sleep=self.sleep,
            margin=policy.per_seconds * 0.02,
        )

    def for_source(self, policy: SourcePolicy) -> Limiter:
        with self._lock:
            limiter = self._limiters.get(policy.name)
            if limiter is None:
                limiter = self._limiters[policy.name] = self._factory(policy)
            return limiter


# -- helpers ------------------------------------------------------------------------------


_CREDENTIAL_IN_TEXT = re.compile(
    r"(?i)(?<=[?&;])(" + "|".join(sorted(map(re.escape, CREDENTIAL_PARAMS))) + r")=[^&\s\"'#]*"
)


class _RedactCredentials(logging.Filter):
    """Hide credential query values in httpx's own "HTTP Request: GET <url>" log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's business
            return True
        cleaned = _CREDENTIAL_IN_TEXT.sub(r"\1=***", message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_REDACT_FILTER = _RedactCredentials()


def _secrets_of(
    request: httpx.Request,
    headers: Mapping[str, str] | None,
    auth: tuple[str, str] | None,
) -> list[str]:
    found = [v for n, v in request.url.params.multi_items() if n.lower() in CREDENTIAL_PARAMS]
    found += [v for n, v in (headers or {}).items() if n.lower() in CREDENTIAL_HEADERS]
    if auth is not None:
        found.append(auth[1])
    # Longest first so a secret containing another is hidden whole; tiny values would
    # blank out ordinary words.
    return sorted((s for s in found if len(s) >= 4), key=len, reverse=True)


def cache_state(response: httpx.Response) -> str | None:
    """How ``response`` was answered: "hit", "revalidated", "offline" or "miss"."""
    state = response.extensions.get(CACHE_EXTENSION)
    return state if isinstance(state, str) else None


@dataclass
class _Failure:
    """One failed attempt, before deciding whether to retry."""

    kind: type[SourceError]
    message: str
    status: int | None = None
    wait: float | None = None  # what Retry-After asked for
    retry: bool = True
    timed_out: bool = False  # no whole answer within the timeout (counts for the breaker)
    gave_up: bool = False  # the breaker opened on this failure: the source is not asked again


@dataclass
class _Call:
    """One request on its way: what to send, and where its cached answer lives."""

    policy: SourcePolicy
    headers: Mapping[str, str] | None
    auth: tuple[str, str] | None
    cache: HttpCache | None  # None: not cacheable (not a GET, or no cache)
    key: str
    build: Callable[[], httpx.Request]
    stale: CachedResponse | None = None  # cached, but too old to use without asking
    shown: str = ""  # the URL for log lines (credentials hidden)


class _FromCache(httpx.Response):
    """A cached answer. Its ``request`` is built only if someone asks for it."""

    def __init__(
        self,
        cached: CachedResponse,
        state: str,
        key: str,
        build_request: Callable[[], httpx.Request],
    ) -> None:
        super().__init__(
            cached.status,
            headers=list(cached.headers),
            content=cached.body,
            extensions={CACHE_EXTENSION: state, _CACHE_KEY_EXTENSION: key},
        )
        self._build_request: Callable[[], httpx.Request] | None = build_request

    @property
    def request(self) -> httpx.Request:
        if self._request is None and self._build_request is not None:
            self._request, self._build_request = self._build_request(), None
        return super().request

    @request.setter
    def request(self, value: httpx.Request) -> None:
        self._request = value


# -- the client ---------------------------------------------------------------------------


class HttpClient:
    """One client for all sources. Thread-safe; use as a context manager or call close().

    ``cache`` and ``limiters`` default to ones built from ``settings``; pass your own to
    share them between clients or to give them a fake clock in tests. ``sleep`` is used for
    every wait (retries and rate limits) and ``clock`` for rate-limit windows.
    """

    def __init__(
        self,
        settings: HttpSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        cache: HttpCache | None = None,
        limiters: LimiterPool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or HttpSettings()
        self.sleep = sleep
        self._owns_cache = cache is None
        if cache is None and self.settings.cache_dir is not None:
            cache = HttpCache(self.settings.cache_dir)
        self.cache = cache
        self.limiters = limiters or LimiterPool(clock=clock, sleep=sleep)
        # Answers that brought new data (not served or confirmed by the cache): a refresh
        # whose every answer came from the cache has nothing new to store.
        self.new_answers = 0
        self._count_lock = threading.Lock()
        self._random = random.Random()
        # A source that hangs is given up on for the rest of this client's run.
        self.breaker = Breaker(threshold=2)
        self._client = httpx.Client(
            transport=transport if transport is not None else deadline_transport(),
            timeout=self.settings.timeout,
            headers={"User-Agent": self.settings.user_agent, "Accept": "application/json"},
            follow_redirects=True,
        )
        logging.getLogger("httpx").addFilter(_REDACT_FILTER)  # idempotent

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()
        if self.cache is not None and self._owns_cache:
            self.cache.close()

    def base_url(self, source: str) -> str:
        policy = _policy(source)
        return self.settings.base_url(source, policy.url_env, policy.base_url).rstrip("/")

    def _limiter(self, policy: SourcePolicy) -> Limiter:
        if not self.settings.rate_limits:
            return UNLIMITED
        return self.limiters.for_source(policy)

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
        ttl: float | None = None,
        use_cache: bool = True,
    ) -> httpx.Response:
        """Send a request to ``source`` (path relative to its base URL, or an absolute URL).

        GETs go through the cache (``ttl`` overrides the source's; ``use_cache=False``
        skips it). Returns a 2xx response, possibly from the cache, else raises a
        SourceError.
        """
        call = self._prepare(source, path, method, params, headers, data, auth, use_cache)
        found = self._cached_answer(call, ttl)
        if found is not None:
            cached, state = found
            return _FromCache(cached, state, call.key, call.build)
        return self._fetch(call)

    def get_json(
        self,
        source: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        ttl: float | None = None,
    ) -> Any:
        """GET and decode JSON; an HTML error page or truncated body is a SourceBadPayload
        (and is dropped from the cache, so the next call asks again)."""
        call = self._prepare(source, path, "GET", params, headers, None, None, True)
        found = self._cached_answer(call, ttl)
        # A cached answer is decoded straight from its bytes: no response object needed.
        body = found[0].body if found is not None else self._fetch(call).content
        try:
            return _decode_json_bytes(body, call.policy)
        except SourceBadPayload:
            if call.cache is not None and call.key:
                call.cache.delete(call.key)
            raise

    def get_text(
        self,
        source: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        ttl: float | None = None,
    ) -> str:
        """GET and return the body as text."""
        return self.request(source, path, params=params, headers=headers, ttl=ttl).text

    def forget(self, response: httpx.Response) -> None:
        """Drop the cached copy of ``response`` (say, a 200 whose payload made no sense)."""
        key = response.extensions.get(_CACHE_KEY_EXTENSION)
        if self.cache is not None and isinstance(key, str):
            self.cache.delete(key)

    # -- internals --------------------------------------------------------------------

    def _prepare(
        self,
        source: str,
        path: str,
        method: str,
        params: Mapping[str, Any] | None,
        headers: Mapping[str, str] | None,
        data: Mapping[str, str] | None,
        auth: tuple[str, str] | None,
        use_cache: bool,
    ) -> _Call:
        policy = _policy(source)
        method = method.upper()
        url = (
            path
            if path.startswith(("http://", "https://"))
            else f"{self.base_url(source)}/{path.lstrip('/')}"
        )
        cache = self.cache if method == "GET" and use_cache else None
        key = request_key(method, url, headers, params=params) if cache is not None else ""

        def build() -> httpx.Request:
            try:
                return self._client.build_request(
                    method, url, params=params, headers=headers, data=data
                )
            except httpx.InvalidURL as exc:
                reason = _scrub(str(exc), [])
                raise SourceUnavailable(
                    f"{policy.label}: invalid URL {redact_url(url)!r} ({reason})", source=source
                ) from None

        return _Call(policy, headers, auth, cache, key, build, shown=redact_url(url))

    def _cached_answer(self, call: _Call, ttl: float | None) -> tuple[CachedResponse, str] | None:
        """The cached answer to use without asking the server, and why; SourceOffline when
        offline with nothing cached. A stale answer is left in ``call`` for revalidation."""
        cached = call.cache.get(call.key) if call.cache is not None else None
        label = call.policy.label
        if self.settings.offline:
            if cached is not None:
                log.debug("%s: offline; the cached answer for %s", label, call.shown)
                return cached, "offline"
            raise SourceOffline(f"{label}: offline, and no cached answer", source=call.policy.name)
        if cached is not None and call.cache is not None:
            fresh_for = call.policy.ttl_seconds if ttl is None else ttl
            age = cached.age(call.cache.clock())
            if age < fresh_for:
                log.debug(
                    "%s: cache hit for %s (%.0f s old, fresh for %.0f s)",
                    label,
                    call.shown,
                    age,
                    fresh_for,
                )
                return cached, "hit"
            log.debug("%s: %s cached %.0f s ago; revalidating", label, call.shown, age)
        elif call.cache is not None:
            log.debug("%s: cache miss for %s", label, call.shown)
        call.stale = cached
        return None

    def _fetch(self, call: _Call) -> httpx.Response:
        """Ask the server (conditionally when a stale answer is cached) and store a good answer."""
        request = call.build()
        if call.stale is not None:
            for name, value in call.stale.validators().items():
                request.headers[name] = value
        secrets = _secrets_of(request, call.headers, call.auth)
        sent = time.perf_counter()
        response = self._send(call.policy, request, call.auth, secrets)
        log.debug(
            "%s: HTTP %d for %s in %.2f s",
            call.policy.label,
            response.status_code,
            call.shown,
            time.perf_counter() - sent,
        )
        cache, key = call.cache, call.key

        if response.status_code == 304:
            if call.stale is None or cache is None:
                raise SourceUnavailable(
                    f"{call.policy.label}: unexpected HTTP 304 from {request.url.path}",
                    source=call.policy.name,
                    status=304,
                )
            refreshed = cache.refresh(key, response.headers.multi_items()) or call.stale
            answer = _FromCache(refreshed, "revalidated", key, call.build)
            answer.request = request
            return answer

        if cache is not None and _worth_storing(request, response):
            cache.put(
                key,
                source=call.policy.name,
                url=str(request.url),
                status=response.status_code,
                headers=response.headers.multi_items(),
                body=response.content,
            )
            response.extensions[_CACHE_KEY_EXTENSION] = key
        response.extensions[CACHE_EXTENSION] = "miss"
        with self._count_lock:
            self.new_answers += 1
        return response

    def _send(
        self,
        policy: SourcePolicy,
        request: httpx.Request,
        auth: tuple[str, str] | None,
        secrets: list[str],
    ) -> httpx.Response:
        """Send with rate limit and retries; a 2xx or 304 response, else a SourceError."""
        limiter = self._limiter(policy)
        settings = self.settings
        policy_of_retries = RetryPolicy(
            settings.retries, settings.backoff, settings.max_wait, settings.max_wait
        )

        def attempt(_n: int) -> httpx.Response | _Failure:
            self._check_breaker(policy)
            outcome = self._attempt(policy, request, auth, limiter)
            if isinstance(outcome, httpx.Response):
                return outcome
            return replace(
                outcome,
                message=_scrub(outcome.message, secrets),
                wait=0.0 if outcome.timed_out else outcome.wait,  # a timeout has waited
                gave_up=outcome.timed_out and self.breaker.timed_out(policy.name),
            )

        def failure_of(outcome: httpx.Response | _Failure) -> _Failure | None:
            return None if isinstance(outcome, httpx.Response) else outcome

        outcome, attempts = retrying(
            policy_of_retries,
            attempt,
            failure_of,
            sleep=self.sleep,
            stop=lambda failure: failure.gave_up,
            rng=self._random,
        )
        if isinstance(outcome, httpx.Response):
            return outcome
        failure = outcome
        if policy_of_retries.too_long(failure):
            self.breaker.give_up(policy.name, f"it asked to wait {failure.wait:.0f} s")
            raise SourceRateLimited(
                f"{policy.label}: asked to wait {failure.wait:.0f} s before trying "
                f"again (HTTP {failure.status}), longer than the "
                f"{settings.max_wait:g} s nextseason waits; not asked again in this run",
                source=policy.name,
                status=failure.status,
                hint="try again later",
            )
        tries = f" ({attempts} attempts)" if attempts > 1 else ""
        tail = "; not asked again in this run" if failure.gave_up else ""
        message = failure.message + tries + tail
        raise failure.kind(message, source=policy.name, status=failure.status)

    def _check_breaker(self, policy: SourcePolicy) -> None:
        why = self.breaker.why_open(policy.name)
        if why is not None:
            raise SourceSkipped(f"{policy.label}: skipped: {why}", source=policy.name)

    def _attempt(
        self,
        policy: SourcePolicy,
        request: httpx.Request,
        auth: tuple[str, str] | None,
        limiter: Limiter,
    ) -> httpx.Response | _Failure:
        label, target = policy.label, request.url.path or "/"
        timed_out = _Failure(
            SourceUnavailable,
            f"{label}: no answer from {target} within {self.settings.timeout:g} s",
            timed_out=True,
        )
        # The rate limit's wait is ours; the deadline starts when the request is sent.
        with limiter.slot(), deadline(self.settings.timeout):
            try:
                response = self._client.send(request, auth=auth, stream=True)
            except httpx.TimeoutException:
                return timed_out
            except httpx.TransportError as exc:
                reason = str(exc) or type(exc).__name__
                return _Failure(
                    SourceUnavailable, f"{label}: cannot reach {request.url.host} ({reason})"
                )
            try:
                body = _read_capped(response, policy.max_bytes)
            except httpx.TimeoutException:
                return timed_out
            except _TooLarge:
                return _Failure(
                    SourceBadPayload,
                    f"{label}: the answer from {target} is larger than "
                    f"{_megabytes(policy.max_bytes)}; not read",
                    response.status_code,
                    retry=False,
                )
            except httpx.DecodingError:
                return _Failure(
                    SourceBadPayload,
                    f"{label}: the answer from {target} could not be decoded",
                    response.status_code,
                )
            except httpx.TransportError:
                return _Failure(
                    SourceBadPayload, f"{label}: the answer from {target} was cut short"
                )
            finally:
                response.close()
        return self._judge(policy, _with_body(response, body), target)

    def _judge(
        self, policy: SourcePolicy, response: httpx.Response, target: str
    ) -> httpx.Response | _Failure:
        status, label = response.status_code, policy.label
        if 200 <= status < 300 or status == 304:
            return response
        if status in (401, 403):
            return _Failure(
                SourceAuthError,
                f"{label}: access refused (HTTP {status}); check the key",
                status,
                retry=False,
            )
        if status in (404, 410):
            return _Failure(
                SourceBadPayload,
                f"{label}: not found (HTTP {status}): {target}",
                status,
                retry=False,
            )
        if status not in RETRYABLE:
            return _Failure(
                SourceUnavailable, f"{label}: HTTP {status} from {target}", status, retry=False
            )
        wait = asked_wait(status, response.headers)
        if status == 429:
            return _Failure(SourceRateLimited, f"{label}: rate limited (HTTP 429)", status, wait)
        return _Failure(SourceUnavailable, f"{label}: HTTP {status} from {target}", status, wait)


class _TooLarge(Exception):
    """An answer larger than its source's cap."""


def _read_capped(response: httpx.Response, cap: int) -> bytes:
    """The decoded body, read no further than ``cap`` bytes or the request's deadline."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _TooLarge
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise _TooLarge
        if expired():  # a transport that does not bound its reads by the deadline
            raise httpx.ReadTimeout("the request's deadline passed", request=response.request)
        chunks.append(chunk)
    return b"".join(chunks)


def _with_body(response: httpx.Response, body: bytes) -> httpx.Response:
    """``response`` holding its decoded body (so without its transfer headers)."""
    return httpx.Response(
        response.status_code,
        headers=storable_headers(response.headers.multi_items()),
        content=body,
        request=response.request,
        extensions=response.extensions,
    )


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):g} MB"


def _worth_storing(request: httpx.Request, response: httpx.Response) -> bool:
    """A whole 2xx answer, and not an HTML page (a consent or error page served with 200)
    when the request did not ask for HTML."""
    if response.status_code == 206 or not 200 <= response.status_code < 300:
        return False
    html = response.headers.get("Content-Type", "").lower().startswith("text/html")
    return not html or "html" in request.headers.get("Accept", "").lower()


def _scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "***")
    return _CREDENTIAL_IN_TEXT.sub(r"\1=***", text)


def decode_json(response: httpx.Response, policy: SourcePolicy) -> Any:
    """The JSON body; an HTML page, an empty or truncated body is a SourceBadPayload."""
    return _decode_json_bytes(response.content, policy, response)


def _decode_json_bytes(
    body: bytes, policy: SourcePolicy, response: httpx.Response | None = None
) -> Any:
    try:
        # JSON is UTF-8 (RFC 8259); bytes skip httpx's charset sniffing, a hot spot.
        return json.loads(body)
    except UnicodeDecodeError:
        if response is not None:  # a server that declared another charset
            with suppress(ValueError):
                return json.loads(response.text)
    except ValueError:
        pass
    stripped = body.lstrip()
    if not stripped:
        kind = "an empty answer"
    elif stripped.startswith(b"<"):
        kind = "an HTML page"
    else:
        kind = "malformed or truncated JSON"
    raise SourceBadPayload(f"{policy.label}: expected JSON, got {kind}", source=policy.name)
