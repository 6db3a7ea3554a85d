"""One retry policy for everything nextseason sends: the live sources' GETs and the webhook's
POSTs.

What is retried: a timeout, a connection that failed, and the statuses in :data:`RETRYABLE`
(408, 429, 500, 502, 503, 504). How long to wait: what ``Retry-After`` asks for on 429 and
503 (seconds or an HTTP date), else exponential backoff with jitter (``backoff``, then twice
that, and so on, each times 1 to 1.5, at most ``max_backoff``). When the server asks for a
longer wait than ``max_wait``, nextseason does not wait it out in the foreground: it stops
retrying and says so, and the caller gives up for now (a source is not asked again in the
run; a webhook delivery stays pending for the next check).

Each retry is logged at INFO ("TVmaze: HTTP 503 from /shows/82; retrying in 0.6 s"), which
``nextseason -v`` shows.
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Protocol, TypeVar

__all__ = [
    "RETRYABLE",
    "RetryPolicy",
    "Retryable",
    "asked_wait",
    "retry_after",
    "retrying",
]

log = logging.getLogger(__name__)

#: Statuses worth another attempt (the server or something on the way may recover).
RETRYABLE = frozenset({408, 429, 500, 502, 503, 504})
#: Statuses whose Retry-After is honoured (RFC 9110: 503; RFC 6585: 429).
_SAYS_WHEN = frozenset({429, 503})

T = TypeVar("T")


def retry_after(value: str | None, *, now: Callable[[], float] = time.time) -> float | None:
    """The seconds a ``Retry-After`` value asks for (delta-seconds or an HTTP date), or None
    when there is none or it cannot be read."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None or when.tzinfo is None:  # an HTTP date is always GMT
            return None
        seconds = when.timestamp() - now()
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def asked_wait(status: int, headers: Mapping[str, str]) -> float | None:
    """What a response's ``Retry-After`` asks for, on the statuses that may carry one."""
    return retry_after(headers.get("Retry-After")) if status in _SAYS_WHEN else None


class Retryable(Protocol):
    """A failed attempt, as the loop needs to see it."""

    @property
    def message(self) -> str: ...  # one line naming who failed, for the log

    @property
    def retry(self) -> bool: ...  # whether another attempt may help

    @property
    def wait(self) -> float | None: ...  # what Retry-After asked for, if anything


@dataclass(frozen=True)
class RetryPolicy:
    """How many times to retry and how long to wait in between."""

    retries: int = 3
    backoff: float = 0.5  # the first wait without Retry-After, in seconds
    max_backoff: float = 60.0
    max_wait: float = 60.0  # the longest Retry-After waited for

    @property
    def attempts(self) -> int:
        return self.retries + 1

    def too_long(self, failure: Retryable) -> bool:
        """Whether the server asked for a longer wait than nextseason waits."""
        return failure.wait is not None and failure.wait > self.max_wait

    def delay(self, attempt: int, asked: float | None, rng: random.Random | None = None) -> float:
        """The wait after failed attempt number ``attempt`` (1 for the first)."""
        if asked is not None:
            return min(asked, self.max_wait)
        jitter = (rng or random).uniform(1.0, 1.5)
        return min(self.max_backoff, self.backoff * 2.0 ** (attempt - 1) * jitter)


F = TypeVar("F", bound=Retryable)


def _never(_failure: object) -> bool:
    return False


def retrying(
    policy: RetryPolicy,
    attempt: Callable[[int], T],
    failure_of: Callable[[T], F | None],
    *,
    sleep: Callable[[float], None] = time.sleep,
    stop: Callable[[F], bool] = _never,
    rng: random.Random | None = None,
) -> tuple[T, int]:
    """Call ``attempt(n)`` until it succeeds (``failure_of`` gives None), a failure is not
    worth retrying, the server asks for too long a wait, ``stop`` says so, or the attempts
    run out. Returns the last outcome and how many attempts were made."""
    for n in range(1, policy.attempts + 1):
        outcome = attempt(n)
        failure = failure_of(outcome)
        if (
            failure is None
            or not failure.retry
            or n == policy.attempts
            or policy.too_long(failure)
            or stop(failure)
        ):
            return outcome, n
        wait = policy.delay(n, failure.wait, rng)
        log.info("%s; retrying in %.1f s", failure.message, wait)
        sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover
