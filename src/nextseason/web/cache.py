"""A small thread-safe LRU cache of rendered responses, keyed by their ETag.

A key says everything a response is made of (see :mod:`nextseason.web.conditional`), so an
entry never goes stale: when the catalog changes, the key does, and the old entry ages out.
Concurrent misses of one key build it once (the others wait for it): a show page with
charts costs a few hundred milliseconds, and a burst of requests should not pay it twenty
times.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["LruCache"]

V = TypeVar("V")


class LruCache(Generic[V]):
    """At most ``maxsize`` entries and, when ``weigh`` is given, ``max_weight`` in total."""

    def __init__(
        self,
        maxsize: int,
        *,
        max_weight: int | None = None,
        weigh: Callable[[V], int] | None = None,
    ) -> None:
        self.maxsize = maxsize
        self.max_weight = max_weight
        self.weigh = weigh
        self.weight = 0
        self._items: OrderedDict[str, V] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[str, threading.Lock] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
                self.hits += 1
            return value

    def _weight(self, value: V) -> int:
        return self.weigh(value) if self.weigh is not None else 0

    def put(self, key: str, value: V) -> None:
        if self.maxsize <= 0:
            return
        if self.max_weight is not None and self._weight(value) > self.max_weight:
            return  # bigger than the whole cache: not worth evicting everything for
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.weight -= self._weight(old)
            self._items[key] = value
            self.weight += self._weight(value)
            while len(self._items) > self.maxsize or (
                self.max_weight is not None and self.weight > self.max_weight
            ):
                _, evicted = self._items.popitem(last=False)
                self.weight -= self._weight(evicted)

    def get_or_build(self, key: str, build: Callable[[], V]) -> V:
        """The cached value, or ``build()``'s (run once however many threads ask at once)."""
        found = self.get(key)
        if found is not None:
            return found
        with self._lock:
            gate = self._building.setdefault(key, threading.Lock())
        with gate:
            found = self.get(key)
            if found is not None:
                return found
            with self._lock:
                self.misses += 1
            try:
                value = build()
                self.put(key, value)
                return value
            finally:
                with self._lock:
                    self._building.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.weight = 0
