"""POSTing confirmed changes to a webhook, signed and retried.

A delivery is one JSON body (compact, sorted keys, UTF-8) sent with::

    Content-Type: application/json
    User-Agent: nextseason/<version>
    X-Nextseason-Delivery: <delivery id>      the same on every retry and re-delivery
    X-Nextseason-Signature: sha256=<hex>      HMAC-SHA256 of the exact body, with a secret

A receiver checks the signature with :func:`verify` over the raw body it got, and drops a
delivery id it has already seen. Connection errors, timeouts and the retryable statuses
(408, 429, 500, 502, 503, 504) are retried by the live sources' own policy
(:mod:`nextseason.retry`: Retry-After honoured, else exponential backoff with jitter; a
receiver that asks to wait longer than a minute is tried again on the next check, not waited
for); 2xx is delivered; any other status is refused and not retried. :func:`deliver` never
raises for a failed delivery: it answers ``Delivery(ok=False, error=...)`` so the caller
keeps the change pending and tries again on a later check.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

import httpx

from nextseason import __version__
from nextseason.errors import UsageError
from nextseason.retry import RETRYABLE, RetryPolicy, asked_wait, retrying

__all__ = [
    "DELIVERY_HEADER",
    "MAX_RETRY_AFTER",
    "SIGNATURE_HEADER",
    "Delivery",
    "WebhookConfig",
    "deliver",
    "encode_payload",
    "parse_webhook_url",
    "sign",
    "verify",
]

DELIVERY_HEADER = "X-Nextseason-Delivery"
SIGNATURE_HEADER = "X-Nextseason-Signature"
MAX_RETRY_AFTER = 60.0  # a longer Retry-After is left to the next check
MAX_BACKOFF = 60.0

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_HOST_AND_PORT = re.compile(r"^[^/:?#@]+:\d")  # "localhost:8080/hook": a host, no scheme
_PARTS = re.compile(r"^(?:([A-Za-z][A-Za-z0-9+.-]*)://)?([^/?#]*)(.*)$", re.DOTALL)
_DELIVERY_ID = re.compile(r"^[\x21-\x7e]{1,200}$")  # visible ASCII: safe in a header


# -- the URL -----------------------------------------------------------------------------


def _shown(url: str) -> str:
    """The URL for messages: scheme and host only, since the paths and queries of webhook
    URLs often carry a token (``/services/T0/B0/XXXX``, ``?token=...``)."""
    match = _PARTS.match(url.strip())
    assert match is not None  # every part is optional
    scheme, authority, tail = match.groups()
    shown = (f"{scheme}://" if scheme else "") + authority.rpartition("@")[2]
    if len(shown) > 60:
        shown = shown[:57] + "..."
    if tail:
        shown += "/" if tail == "/" else "/..."
    return repr(shown)


def _malformed(url: str, what: str) -> UsageError:
    return UsageError(
        f"malformed webhook URL {_shown(url)}: {what}",
        hint="give an absolute http:// or https:// URL, such as https://example.com/hook",
    )


def parse_webhook_url(url: str) -> str:
    """``url`` without surrounding whitespace if it is an absolute http(s) URL with a host;
    else a :class:`UsageError` saying what is wrong (never echoing its path or query)."""
    text = url.strip()
    if not text:
        raise UsageError("malformed webhook URL: it is empty")
    if re.search(r"[\s\x00-\x1f\x7f]", text):
        raise _malformed(text, "it contains spaces or control characters")
    match = _SCHEME.match(text)
    if match is None or _HOST_AND_PORT.match(text):
        raise _malformed(text, "no scheme; it must start with http:// or https://")
    scheme = match.group(1).lower()
    if scheme not in ("http", "https"):
        raise _malformed(text, f"the scheme is {scheme}:, not http: or https:")
    if not text[match.end() :].startswith("//"):
        raise _malformed(text, f"{scheme}: must be followed by //")
    try:
        parts = urlsplit(text)
        _ = parts.port  # a port that is not a number raises ValueError
    except ValueError:
        raise _malformed(text, "the host or port is not valid") from None
    if not parts.hostname:
        raise _malformed(text, "no host")
    try:
        httpx.URL(text)
    except httpx.InvalidURL:
        raise _malformed(text, "not a valid URL") from None
    return text


# -- signatures --------------------------------------------------------------------------


def sign(secret: str, body: bytes) -> str:
    """``sha256=`` and the hex HMAC-SHA256 of the exact ``body`` bytes under ``secret``."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, body: bytes, signature: str) -> bool:
    """Whether ``signature`` (a signature header's value) signs ``body``; constant-time."""
    expected = sign(secret, body).encode("ascii")
    given = signature.strip().encode("utf-8", errors="replace")
    return hmac.compare_digest(expected, given)


def encode_payload(payload: Mapping[str, Any]) -> bytes:
    """The exact body :func:`deliver` sends: compact JSON with sorted keys, in UTF-8."""
    text = json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


# -- configuration and result -------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class WebhookConfig:
    """Where and how to deliver; checked on creation (a bad value is a UsageError)."""

    url: str
    secret: str | None = field(default=None)
    timeout: float = 10.0
    retries: int = 3
    backoff: float = 1.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "url", parse_webhook_url(self.url))
        if self.secret is not None and not self.secret:
            raise UsageError(
                "the webhook secret is empty", hint="set a secret or leave it out to send unsigned"
            )
        if not (math.isfinite(self.timeout) and self.timeout > 0):
            raise UsageError(
                f"webhook timeout must be a positive number of seconds, not {self.timeout}"
            )
        if isinstance(self.retries, bool) or not isinstance(self.retries, int) or self.retries < 0:
            raise UsageError(
                f"webhook retries must be a whole number, 0 or more, not {self.retries}"
            )
        if not (math.isfinite(self.backoff) and self.backoff >= 0):
            raise UsageError(f"webhook backoff must be 0 seconds or more, not {self.backoff}")

    def __repr__(self) -> str:
        # The secret, and the URL's path and query, stay out of logs and tracebacks.
        secret = "set" if self.secret else "None"
        return (
            f"WebhookConfig(url={_shown(self.url)}, secret={secret}, timeout={self.timeout}, "
            f"retries={self.retries}, backoff={self.backoff})"
        )


@dataclass(frozen=True)
class Delivery:
    """How a delivery went: ``ok`` once the receiver answered 2xx; else a one-line error."""

    ok: bool
    attempts: int
    status: int | None = None  # the last HTTP status, None if no answer came
    error: str | None = None


# -- delivering ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Outcome:
    status: int | None
    problem: str | None = None  # None: delivered
    retry: bool = False
    wait: float | None = None  # what Retry-After asked for
    where: str = "webhook"

    @property
    def message(self) -> str:
        return f"{self.where}: {self.problem}"


def _judge(response: httpx.Response) -> _Outcome:
    status = response.status_code
    if 200 <= status < 300:
        return _Outcome(status)
    if status in RETRYABLE:
        wait = asked_wait(status, response.headers)
        return _Outcome(status, f"HTTP {status}", retry=True, wait=wait)
    if 300 <= status < 400:
        return _Outcome(status, f"HTTP {status}: redirects are not followed; give the final URL")
    return _Outcome(status, f"refused with HTTP {status}")


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _attempt(client: httpx.Client, config: WebhookConfig, request: httpx.Request) -> _Outcome:
    try:
        # Streamed and closed unread: only the status and headers matter.
        response = client.send(request, stream=True)
    except httpx.TimeoutException:
        return _Outcome(None, f"no answer within {config.timeout:g} s", retry=True)
    except httpx.TransportError as exc:
        return _Outcome(None, f"cannot connect ({_one_line(exc)})", retry=True)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return _Outcome(None, f"cannot send ({_one_line(exc)})")
    try:
        return _judge(response)
    finally:
        response.close()


def deliver(
    config: WebhookConfig,
    payload: Mapping[str, Any],
    *,
    delivery_id: str,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Delivery:
    """POST ``payload`` to the webhook, retrying as the module docstring says.

    ``delivery_id`` (visible ASCII, at most 200 characters) must be stable for a change:
    store it with the pending change and send the same id when re-delivering. Failures
    come back as ``Delivery(ok=False, ...)``; only a payload that is not JSON
    (``TypeError``/``ValueError``) or a bad ``delivery_id`` (``ValueError``) raise.
    """
    if not _DELIVERY_ID.match(delivery_id):
        raise ValueError("a delivery id must be 1 to 200 visible ASCII characters")
    body = encode_payload(payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"nextseason/{__version__}",
        DELIVERY_HEADER: delivery_id,
    }
    if config.secret:
        headers[SIGNATURE_HEADER] = sign(config.secret, body)
    where = f"webhook {_shown(config.url)}"
    policy = RetryPolicy(config.retries, config.backoff, MAX_BACKOFF, MAX_RETRY_AFTER)
    with httpx.Client(
        transport=transport, timeout=config.timeout, follow_redirects=False
    ) as client:
        request = client.build_request("POST", config.url, content=body, headers=headers)
        outcome, attempts = retrying(
            policy,
            lambda _n: replace(_attempt(client, config, request), where=where),
            lambda o: None if o.problem is None else o,
            sleep=sleep,
        )
    if outcome.problem is None:
        return Delivery(ok=True, attempts=attempts, status=outcome.status)
    if policy.too_long(outcome):
        error = (
            f"{where}: {outcome.problem}, asked to wait {outcome.wait:.0f} s (longer than the "
            f"{MAX_RETRY_AFTER:g} s nextseason waits); left for the next check"
        )
    else:
        tries = f" ({attempts} attempts)" if attempts > 1 else ""
        error = f"{where}: {outcome.problem}{tries}"
    return Delivery(ok=False, attempts=attempts, status=outcome.status, error=error)
