"""A bounded loopback load test of the web app: a fixed number of requests, fixed concurrency.

Starts ``uvicorn nextseason.web.app:create_app --factory`` (one worker, loopback, access
log off as with --log-level warning) over a fresh copy of the bundled catalog, then drives
it with a small keep-alive HTTP/1.1 client on asyncio (in this process, on the same
machine: the server has one core, the load generator the other):

1. GET /api/v1/shows/{id} over 50 shows: requests/s, p50, p99 (target >= 500 rps, p99 <=
   100 ms).
2. GET /shows/{id} (the full HTML report page with its inline SVG charts) over 20 shows:
   requests/s, p50, p99 (target p99 <= 150 ms).

Each URL is requested once before the timed run: the first view of a show page builds the
report and draws its charts (printed separately as "first view"); after that, pages come
from the in-process cache keyed by the show's ETag until the catalog changes.

    python bench/web_load.py [--requests N] [--concurrency C]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import machine, temp_dir  # noqa: E402
from nextseason.catalog import Catalog  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "NEXTSEASON_DB": f"sqlite:///{db}",
        "NEXTSEASON_OFFLINE": "1",
        "NEXTSEASON_TODAY": "2026-11-27",
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "nextseason.web.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--log-level",
        "warning",
        "--no-server-header",
    ]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


async def _worker(
    port: int, paths: list[str], queue: asyncio.Queue[int], latencies: list[float]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while True:
            try:
                n = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            path = paths[n % len(paths)]
            request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: */*\r\n\r\n"
            start = time.perf_counter()
            writer.write(request.encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            if status != 200:
                raise RuntimeError(f"{path}: HTTP {status}")
    finally:
        writer.close()


async def drive(port: int, paths: list[str], total: int, concurrency: int) -> dict[str, float]:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(total):
        queue.put_nowait(n)
    latencies: list[float] = []
    start = time.perf_counter()
    await asyncio.gather(*(_worker(port, paths, queue, latencies) for _ in range(concurrency)))
    wall = time.perf_counter() - start
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "rps": len(ordered) / wall,
        "p50_ms": statistics.median(ordered) * 1000,
        "p99_ms": ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] * 1000,
        "max_ms": ordered[-1] * 1000,
    }


def first_views(port: int, paths: list[str]) -> list[float]:
    out = []
    for path in paths:
        start = time.perf_counter()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as r:
            r.read()
        out.append(time.perf_counter() - start)
    return out


def line(name: str, figures: dict[str, float], target: str) -> str:
    return (
        f"{name}: {figures['requests']:.0f} requests, {figures['rps']:.0f} requests/s, "
        f"p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, "
        f"max {figures['max_ms']:.1f} ms  (target {target})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20_000, help="API requests (pages: 1/4)")
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()

    db = temp_dir() / "catalog.sqlite"
    with Catalog.open(f"sqlite:///{db}") as catalog:
        ids = [e.id for e in catalog.title_index().entries if e.platform and e.year]
        bridgerton, _ = catalog.find("Bridgerton")
    random.seed(7)
    shows = [bridgerton.id, *random.sample(ids, 49)]
    port = free_port()
    server = start_server(db, port)
    try:
        api = [f"/api/v1/shows/{i}" for i in shows]
        pages = [f"/shows/{i}" for i in shows[:20]]
        first_views(port, api)
        # The process's own first page loads what every page shares (the similar-shows
        # index, templates): timed apart from the page with the most charts.
        warm_up = first_views(port, pages[1:2])[0]
        most_charts = first_views(port, pages[:1])[0]
        firsts = [warm_up, most_charts, *first_views(port, pages[2:])]
        print(f"web load test on {machine()}; one uvicorn worker on loopback")
        print(
            f"show page with the most charts (Bridgerton), first view: "
            f"{most_charts * 1000:.0f} ms (target <= 1000 ms); the process's first page: "
            f"{warm_up * 1000:.0f} ms"
        )
        print(
            f"show page, first view (report built, charts drawn): median "
            f"{statistics.median(firsts) * 1000:.0f} ms, max {max(firsts) * 1000:.0f} ms "
            f"over {len(firsts)} shows"
        )
        api_figures = asyncio.run(drive(port, api, args.requests, args.concurrency))
        print(line("GET /api/v1/shows/{id}", api_figures, ">= 500 rps, p99 <= 100 ms"))
        page_figures = asyncio.run(drive(port, pages, args.requests // 4, args.concurrency))
        print(line("GET /shows/{id}", page_figures, "p99 <= 150 ms"))
        print(f"concurrency {args.concurrency}, keep-alive connections")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
