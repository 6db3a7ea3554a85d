"""The response cache: bounded by count and bytes, and one build per key under a burst."""

from __future__ import annotations

import threading
import time

from nextseason.web.cache import LruCache


def test_least_recently_used_entries_go_first_when_over_the_byte_budget() -> None:
    cache: LruCache[bytes] = LruCache(100, max_weight=10, weigh=len)
    cache.put("a", b"1234")
    cache.put("b", b"1234")
    assert cache.get("a") == b"1234"  # a is now the most recently used
    cache.put("c", b"1234")
    assert cache.get("b") is None
    assert cache.get("a") is not None
    assert cache.weight == 8
    cache.put("huge", b"x" * 11)  # bigger than the whole budget: not kept
    assert cache.get("huge") is None
    assert cache.weight == 8


def test_a_burst_of_misses_builds_once() -> None:
    cache: LruCache[str] = LruCache(10)
    builds: list[int] = []

    def build() -> str:
        builds.append(1)
        time.sleep(0.05)
        return "page"

    results: list[str] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get_or_build("k", build)))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["page"] * 8
    assert len(builds) == 1
