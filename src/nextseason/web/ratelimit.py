"""A per-client token bucket for the expensive endpoints (report builds, search, fact-check,
refresh).

Each client address has a bucket of ``burst`` tokens that refills at ``rate`` tokens a
second; a request costs a few tokens (a fact-check more than a search) and is refused with
the seconds to wait when the bucket is short. In-process: with ``--workers N`` each worker
keeps its own buckets, so a client gets up to N times the rate; behind a shared proxy, put
the limit in the proxy too.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["QUOTA", "Quota", "RateLimiter"]

#: Where a request keeps its client's quota for the ``RateLimit-*`` headers (request.state).
QUOTA = "rate_limit"


@dataclass(slots=True)
class _Bucket:
    tokens: float
    stamp: float


@dataclass(frozen=True, slots=True)
class Quota:
    """A client's bucket as the ``RateLimit-*`` headers tell it: its size, what is left of it
    (whole tokens), and the seconds until it is full again."""

    limit: int
    remaining: int
    reset: int

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
        }


class RateLimiter:
    """Token buckets keyed by client address; thread-safe."""

    def __init__(
        self,
        *,
        rate: float,
        burst: float,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = 10_000,
    ) -> None:
        if rate <= 0 or burst <= 0:
            raise ValueError("rate and burst must be positive")
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self.max_clients = max_clients
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, client: str, cost: float = 1.0) -> float | None:
        """Spend ``cost`` tokens of ``client``'s bucket: None if allowed, else seconds to wait."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= self.max_clients:
                    self._forget_full(now)
                bucket = self._buckets[client] = _Bucket(self.burst, now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
            bucket.stamp = now
            if bucket.tokens >= cost:
                bucket.tokens -= cost
                return None
            return (cost - bucket.tokens) / self.rate

    def quota(self, client: str) -> Quota:
        """What ``client`` has left now (spends nothing; an unknown client has a full bucket)."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(client)
            tokens = (
                self.burst
                if bucket is None
                else min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
            )
        missing = self.burst - tokens
        return Quota(
            limit=int(self.burst),
            remaining=int(tokens),
            reset=0 if missing <= 0 else math.ceil(missing / self.rate),
        )

    def _forget_full(self, now: float) -> None:
        """Drop buckets that have refilled (they hold nothing worth keeping); else the oldest."""
        full = [
            key
            for key, b in self._buckets.items()
            if b.tokens + (now - b.stamp) * self.rate >= self.burst
        ]
        for key in full or sorted(self._buckets, key=lambda k: self._buckets[k].stamp)[:1000]:
            del self._buckets[key]
