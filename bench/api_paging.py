"""Paging the JSON API over a fresh copy of the bundled catalog (about 63,000 shows),
in-process through httpx's ASGI transport (no network, no server):

1. The first page of a search (limit 100): cold (the app's first request, or the first
   time a query is asked: every match is ranked) and warm (the ranking is kept while no
   show changes; the next pages reuse it).
2. A browse page of /api/v1/shows (limit 100): unfiltered, by platform, and by verdict
   (each show's verdict computed from its facts; a page weighs at most VERDICT_SCAN shows).
3. Paging all: every page of a search with thousands of matches, and every page of a
   platform's shows, following `next` until it is null.

    python bench/api_paging.py [repeat]
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any

import httpx

from _common import machine, ms, percentiles, temp_dir
from nextseason.catalog import Catalog
from nextseason.config import Settings
from nextseason.web import create_app
from nextseason.web.services import VERDICT_SCAN
from nextseason.web.state import WebLimits

TODAY = "2026-11-27"
#: A query of common words: thousands of matches to page through.
BROAD = "the"
#: Limits no bench request reaches.
LIMITS = WebLimits(rate=1e6, burst=1e9)


async def _timed(c: httpx.AsyncClient, url: str, **params: Any) -> tuple[float, dict[str, Any]]:
    start = time.perf_counter()
    r = await c.get(url, params=params or None)
    took = time.perf_counter() - start
    if r.status_code != 200:
        raise SystemExit(f"{url} answered {r.status_code}: {r.text[:200]}")
    body: dict[str, Any] = r.json()
    return took, body


async def _page_all(c: httpx.AsyncClient, url: str, **params: Any) -> tuple[float, int, int]:
    """Seconds to follow every `next`, pages, rows."""
    start = time.perf_counter()
    _, body = await _timed(c, url, **params)
    pages, rows = 1, len(body.get("results", body.get("shows", [])))
    while body["next"]:
        _, body = await _timed(c, body["next"])
        pages += 1
        rows += len(body.get("results", body.get("shows", [])))
    return time.perf_counter() - start, pages, rows


async def run(repeat: int) -> None:
    db = temp_dir() / "catalog.sqlite"
    catalog = Catalog.open(f"sqlite:///{db}")
    settings = Settings(db_url=f"sqlite:///{db}", today=TODAY, offline=True)
    app = create_app(settings, catalog=catalog, limits=LIMITS)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as c:
        cold, first = await _timed(c, "/api/v1/search", q="lost", limit=100)
        warm = [(await _timed(c, "/api/v1/search", q="lost", limit=100))[0] for _ in range(repeat)]
        broad_cold, broad_body = await _timed(c, "/api/v1/search", q=BROAD, limit=100)
        broad = [(await _timed(c, "/api/v1/search", q=BROAD, limit=100))[0] for _ in range(repeat)]
        browse = [(await _timed(c, "/api/v1/shows", limit=100))[0] for _ in range(repeat)]
        _, all_shows = await _timed(c, "/api/v1/shows", limit=1)
        netflix = [
            (await _timed(c, "/api/v1/shows", platform="Netflix", limit=100))[0]
            for _ in range(repeat)
        ]
        verdict = [
            (await _timed(c, "/api/v1/shows", verdict="renewed", limit=100))[0]
            for _ in range(repeat)
        ]
        search_all = await _page_all(c, "/api/v1/search", q=BROAD, limit=100)
        platform_all = await _page_all(c, "/api/v1/shows", platform="Netflix", limit=100)
    catalog.close()

    def p50(samples: list[float]) -> str:
        return ms(percentiles(samples)["p50"])

    print(f"machine: {machine()}")
    print(f"catalog: {all_shows['total']:,} shows (bundled), in-process ASGI, x{repeat} warm")
    print(f"search first page, limit 100 (q=lost, {first['total']} matches):")
    print(f"  cold (the app's first request): {ms(cold)}; warm p50 {p50(warm)}")
    print(f"search first page, limit 100 (q={BROAD}, {broad_body['total']:,} matches):")
    print(f"  first time (every match ranked): {ms(broad_cold)}; warm p50 {p50(broad)}")
    print(f"browse page, limit 100: all shows {p50(browse)}, platform=Netflix {p50(netflix)}")
    print(f"  verdict=renewed (computed, at most {VERDICT_SCAN:,} shows a page): {p50(verdict)}")
    took, pages, rows = search_all
    print(
        f"paging all: search q={BROAD}: {rows:,} rows in {pages} pages, {took:.2f} s "
        f"({ms(took / pages)} a page)"
    )
    took, pages, rows = platform_all
    print(
        f"paging all: browse platform=Netflix: {rows:,} rows in {pages} pages, {took:.2f} s "
        f"({ms(took / pages)} a page)"
    )


def main() -> None:
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 5))


if __name__ == "__main__":
    main()
