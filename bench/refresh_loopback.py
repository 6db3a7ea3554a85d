"""Refreshing shows from a loopback server that replays a recorded TVmaze answer.

Three runs, in one process, on the same machine:

1. 1,000 shows, rate limit off, cold cache: the throughput of the pipeline itself
   (request, JSON, parse, merge, one transaction per show), shows/s.
2. N shows with TVmaze's real rate limit on (20 calls per 10 s), cold cache: how long it
   takes, and the most requests the server saw in any 10-second window (must be <= 20).
3. The same N shows again, warm cache (answers younger than the TTL are not asked for):
   the warm/cold ratio (target: warm at least 20x faster).

Each show's answer is the recorded Game of Thrones response (/shows/82 with embedded
seasons, cast, crew and 84 episodes), given its own id, name and IMDb id.
"""

from __future__ import annotations

import copy
import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.replay import ReplayServer, Reply  # noqa: E402

from _common import machine, temp_dir  # noqa: E402
from nextseason.catalog import Catalog  # noqa: E402
from nextseason.model import ShowBundle, ShowRecordData  # noqa: E402
from nextseason.refresh.refresher import Refresher  # noqa: E402
from nextseason.sources.base import source_ref  # noqa: E402
from nextseason.sources.http import HttpClient, HttpSettings  # noqa: E402

RECORDED = (
    ROOT
    / "tests"
    / "fixtures"
    / "tvmaze"
    / "shows_82_embed_seasons_cast_crew_episodes.composed.json"
)


def answers(n: int) -> dict[int, bytes]:
    show = json.loads(RECORDED.read_text())
    out = {}
    for i in range(1, n + 1):
        one = copy.deepcopy(show)
        one["id"] = i
        one["name"] = f"Recorded Show {i}"
        one["externals"] = {"tvrage": None, "thetvdb": 900000 + i, "imdb": f"tt9{i:06d}"}
        for ep in one["_embedded"].get("episodes", []):
            ep["id"] = i * 1000 + int(ep["id"]) % 1000
        out[i] = json.dumps(one).encode()
    return out


def seed(catalog: Catalog, n: int) -> list[int]:
    ref = source_ref("bench", "bench://seed", "-")
    bundles = [
        ShowBundle(
            title=f"Recorded Show {i}",
            src=ref,
            external_ids={"tvmaze": str(i)},
            records=[ShowRecordData("bench", str(i), f"Recorded Show {i}", None, {}, ref)],
        )
        for i in range(1, n + 1)
    ]
    catalog.store(bundles)
    return [e.id for e in catalog.title_index().entries]


def max_in_window(times: list[float], window: float) -> int:
    best, start = 0, 0
    for end in range(len(times)):
        while times[end] - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def run(n: int, *, limited: bool, server: ReplayServer, cache: Path | None, db: Path) -> float:
    settings = HttpSettings(
        base_urls={"tvmaze": server.url}, rate_limits=limited, cache_dir=cache, retries=0
    )
    with Catalog.open(f"sqlite:///{db}", seed=False) as catalog, HttpClient(settings) as client:
        ids = [e.id for e in catalog.title_index().entries][:n]
        refresher = Refresher(catalog, client, today=date(2026, 11, 27), sources=("tvmaze",))
        start = time.perf_counter()
        for show_id in ids:
            result = refresher.refresh(show_id)
            if not result.stored:
                raise SystemExit(f"refresh failed: {result.warnings}")
        return time.perf_counter() - start


def main(n: int = 1000, limited_n: int = 60) -> None:
    bodies = answers(n)
    work = temp_dir()
    with ReplayServer() as server:
        for i, body in bodies.items():
            server.add("GET", f"/shows/{i}", Reply.raw(body, "application/json"))
        for name in ("free", "limited"):
            with Catalog.open(f"sqlite:///{work / name}.sqlite", seed=False) as catalog:
                seed(catalog, n if name == "free" else limited_n)
        free = run(n, limited=False, server=server, cache=None, db=work / "free.sqlite")
        server.clear_log()
        cold = run(
            limited_n, limited=True, server=server, cache=work / "cache", db=work / "limited.sqlite"
        )
        stamps = [r.received_at for r in server.requests]
        busiest = max_in_window(stamps, 10.0)
        asked = server.count()
        server.clear_log()
        warm = run(
            limited_n, limited=True, server=server, cache=work / "cache", db=work / "limited.sqlite"
        )
        warm_asked = server.count()
    print(f"machine: {machine()}")
    print(
        f"rate limit off, cold: {n} shows in {free:.1f} s = {n / free:.0f} shows/s "
        f"({free / n * 1000:.1f} ms per show: request, parse, merge, store)"
    )
    print(
        f"rate limit on (TVmaze 20 per 10 s), cold: {limited_n} shows in {cold:.1f} s; "
        f"{asked} requests, at most {busiest} in any 10 s window (limit 20)"
    )
    print(
        f"same {limited_n} shows, warm cache: {warm:.2f} s, {warm_asked} requests; "
        f"warm is {cold / warm:.0f}x faster than cold (target >= 20x)"
    )


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
