"""The catalog at TMDB scale, on SQLite and on PostgreSQL in one run.

A synthetic catalog of 250,000 shows and 5,000,000 episodes (20 per show) with realistic
titles and summaries is imported into each backend, and every show's verdict computed and
stored (as the migration does for an existing catalog); then, per backend: import time,
the verdicts' time, database size, the first search of a fresh process (target <= 0.3 s),
`search` p50, `report` p50, similar-shows p50, and `GET /api/v1/shows/{id}` throughput from
a real `nextseason serve` process with the same load client on the bundled catalog and on
the synthetic one, one after the other (target: at scale >= 0.8x the bundled rate), with
the server's peak memory (target <= 500 MB RSS).

    python bench/scale.py [--shows N] [--episodes-per-show N] [--requests N] [--no-similar]
    # PostgreSQL from NEXTSEASON_TEST_PG
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import machine, ms, percentiles, temp_dir  # noqa: E402
from nextseason.catalog import Catalog  # noqa: E402
from nextseason.catalog import schema as t  # noqa: E402
from nextseason.report.build import build_report  # noqa: E402
from nextseason.text import title_key  # noqa: E402
from search_100k import make_title  # noqa: E402

#: The day verdicts count from.
TODAY = date(2026, 11, 27)

SETTINGS = (
    "hospital law firm police precinct high school spaceship small town newsroom palace".split()
)
TONES = "darkly comic tense heartfelt satirical gritty whimsical suspenseful romantic".split()
NOUNS = "detective surgeon family heiress chef rookie hacker queen teacher rival".split()
GENRES = [
    "Drama",
    "Comedy",
    "Crime",
    "Thriller",
    "Romance",
    "Science-Fiction",
    "Fantasy",
    "Documentary",
]
PLATFORMS = [
    ("Netflix", "streaming"),
    ("Prime Video", "streaming"),
    ("Hulu", "streaming"),
    ("NBC", "network"),
    ("HBO", "network"),
    ("BBC One", "network"),
]
STATUSES = ["Running", "Ended", "To Be Determined", None]


def summary(rng: random.Random) -> str:
    return (
        f"A {rng.choice(TONES)} series set in a {rng.choice(SETTINGS)}, where a "
        f"{rng.choice(NOUNS)} and a {rng.choice(NOUNS)} must face what the "
        f"{rng.choice(SETTINGS)} hides."
    )


def show_rows(n: int, seed: int = 7) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    for i in range(1, n + 1):
        title = make_title(rng)
        year = rng.randrange(1990, 2027)
        yield {
            "id": i,
            "title": title,
            "title_key": title_key(title),
            "year": year,
            "kind": "Scripted",
            "language": "English",
            "premiered": date(year, rng.randrange(1, 13), 1),
            "status": rng.choice(STATUSES),
            "summary": summary(rng),
            "genres": rng.sample(GENRES, 2),
            "runtime": rng.choice([22, 30, 45, 60]),
            "platform_id": rng.randrange(1, len(PLATFORMS) + 1),
            "provenance_id": 1,
            "updated_at": datetime(2026, 11, 1),
        }


def episode_rows(shows: int, per_show: int, seed: int = 11) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    n = 0
    for show in range(1, shows + 1):
        start = date(1990 + show % 36, 1 + show % 12, 1)
        for k in range(per_show):
            season, number = 1 + k // 10, 1 + k % 10
            n += 1
            yield {
                "id": n,
                "show_id": show,
                "key": f"s{season:02d}e{number:02d}",
                "season": season,
                "number": number,
                "title": f"Episode {number}",
                "airdate": start + timedelta(days=7 * k),
                "runtime": 45,
                "summary": rng.choice(NOUNS).capitalize() + " learns the truth.",
                "provenance_id": 1,
            }


def chunks(
    rows: Iterator[dict[str, object]], size: int = 20_000
) -> Iterator[list[dict[str, object]]]:
    batch: list[dict[str, object]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def load(url: str, shows: int, per_show: int) -> float:
    """Import the synthetic catalog (rows straight into the tables, as a bulk load would)."""
    start = time.perf_counter()
    with Catalog.open(url, seed=False) as catalog:
        with catalog.transaction() as conn:
            conn.execute(
                t.provenance.insert(),
                [
                    {
                        "id": 1,
                        "source": "synthetic",
                        "url": "bench://scale",
                        "retrieved_at": datetime(2026, 11, 1),
                        "licence": "-",
                    }
                ],
            )
            conn.execute(
                t.platforms.insert(),
                [
                    {"id": i, "name": name, "kind": kind, "country": None}
                    for i, (name, kind) in enumerate(PLATFORMS, 1)
                ],
            )
        for table, rows in (
            (t.shows, show_rows(shows)),
            (t.episodes, episode_rows(shows, per_show)),
        ):
            for batch in chunks(rows):
                with catalog.transaction() as conn:
                    conn.execute(table.insert(), batch)
        if catalog.engine.dialect.name == "postgresql":
            with catalog.transaction() as conn:
                for name in ("shows", "episodes", "provenance", "platforms"):
                    top = f"(SELECT MAX(id) FROM {name})"
                    conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), {top})"
                    )
                conn.exec_driver_sql("ANALYZE")
    return time.perf_counter() - start


def size_of(url: str) -> int:
    if url.startswith("sqlite"):
        return Path(url.removeprefix("sqlite:///")).stat().st_size
    with Catalog.open(url) as catalog, catalog.connect() as conn:
        return int(conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one())


def timed(fn, repeat: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        begin = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - begin)
    return percentiles(samples)


def judge_all(url: str) -> float:
    """Compute and store every show's verdict for TODAY (what the migration does for a
    catalog made before verdicts were stored); seconds taken."""
    from nextseason.app import judging

    begin = time.perf_counter()
    with Catalog.open(url, judging=judging(lambda: TODAY)) as catalog:
        catalog.judge_all()
    return time.perf_counter() - begin


def queries(url: str, shows: int, *, similar: bool = True) -> dict[str, str]:
    rng = random.Random(3)
    out: dict[str, str] = {}
    titles = [str(row["title"]) for row in show_rows(shows)]
    asks = [rng.choice(titles).lower()[:-1] for _ in range(200)]
    out["first search of a fresh process"] = first_search(url, asks[0])
    with Catalog.open(url) as catalog:
        it = iter(asks)
        out["search p50"] = ms(timed(lambda: catalog.search(next(it)), 200)["p50"])
        ids = [rng.randrange(1, shows + 1) for _ in range(100)]
        it2 = iter(ids)
        out["report p50"] = ms(
            timed(lambda: build_report(catalog, next(it2), today=TODAY), 100)["p50"]
        )
        if not similar:
            return out
        from nextseason.catalog.similar_rows import SimilarRows
        from nextseason.similar import similar_to

        rows = SimilarRows(catalog)

        begin = time.perf_counter()
        similar_to(rows, ids[0], today=TODAY)  # builds the similar-shows index once
        out["similar index"] = f"{time.perf_counter() - begin:.0f} s"
        it3 = iter(ids)
        out["similar p50"] = ms(timed(lambda: similar_to(rows, next(it3), today=TODAY), 100)["p50"])
    return out


FIRST_SEARCH = """
import sys, time
begin = time.perf_counter()
from nextseason.catalog import Catalog
imported = time.perf_counter()
with Catalog.open(sys.argv[1]) as catalog:
    hits = catalog.search(sys.argv[2])
done = time.perf_counter()
print(f"{done - imported:.3f} {imported - begin:.3f} {len(hits)} {catalog._index is None}")
"""


def first_search(url: str, query: str) -> str:
    """The first search of a new process: opening the catalog and searching (no title index
    is built per process), and the import of the catalog package before it."""
    found = subprocess.run(
        [sys.executable, "-c", FIRST_SEARCH, url, query],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    searched, imported, hits, stored = float(found[0]), float(found[1]), found[2], found[3]
    where = "stored index" if stored == "True" else "an index built in memory"
    return (
        f"{searched:.3f} s wall from the catalog's opening to the answer ({hits} hits, "
        f"{where}; target <= 0.3 s), after {imported:.3f} s of imports"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def show_ids(url: str) -> list[int]:
    with Catalog.open(url, seed=False) as catalog, catalog.connect() as conn:
        return [int(i) for i in conn.exec_driver_sql("SELECT id FROM shows ORDER BY id").scalars()]


def serve_load(
    url: str, ids: list[int], requests: int = 3000, concurrency: int = 16
) -> dict[str, float]:
    """`GET /api/v1/shows/{id}` on random shows from one `nextseason serve` worker:
    requests per second, p50 and p90 seconds, and the server's peak RSS in bytes."""
    import httpx

    port = free_port()
    env = dict(
        os.environ, NEXTSEASON_DB=url, NEXTSEASON_OFFLINE="1", NEXTSEASON_TODAY=TODAY.isoformat()
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "nextseason", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/v1/shows/{ids[0]}", timeout=2).status_code < 500:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        else:
            raise RuntimeError("the server did not start")
        rng = random.Random(5)
        paths = [f"/api/v1/shows/{rng.choice(ids)}" for _ in range(requests)]
        import concurrent.futures

        def one(path: str, client: httpx.Client) -> float:
            begin = time.perf_counter()
            client.get(path).raise_for_status()
            return time.perf_counter() - begin

        with (
            httpx.Client(base_url=base, timeout=30) as client,
            concurrent.futures.ThreadPoolExecutor(concurrency) as pool,
        ):
            begin = time.perf_counter()
            latencies = list(pool.map(lambda p: one(p, client), paths))
            elapsed = time.perf_counter() - begin
        rss = 0
        with open(f"/proc/{server.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    rss = int(line.split()[1]) * 1024
        stats = percentiles(latencies)
        return {"rate": requests / elapsed, "p50": stats["p50"], "p90": stats["p90"], "rss": rss}
    finally:
        server.terminate()
        server.wait(timeout=30)


def bundled_copy(url: str) -> str:
    """A copy of the bundled catalog at ``url`` (seeded on opening), its verdicts for TODAY."""
    judge_all(url)
    return url


def api_figures(at_scale: dict[str, float], bundled: dict[str, float]) -> dict[str, str]:
    def rate(f: dict[str, float]) -> str:
        return f"{f['rate']:.0f} req/s (p50 {ms(f['p50'])}, p90 {ms(f['p90'])})"

    ratio = at_scale["rate"] / bundled["rate"]
    return {
        "API on the bundled catalog": rate(bundled),
        "API at scale": rate(at_scale),
        "API ratio": f"{ratio:.2f}x (target >= 0.8x: {'met' if ratio >= 0.8 else 'MISSED'})",
        "serve peak RSS": f"{at_scale['rss'] / 1e6:.0f} MB at scale, "
        f"{bundled['rss'] / 1e6:.0f} MB bundled (target <= 500 MB)",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shows", type=int, default=250_000)
    parser.add_argument("--episodes-per-show", type=int, default=20)
    parser.add_argument("--requests", type=int, default=3000, help="per API run")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--backends", default="sqlite,postgresql", help="postgresql needs NEXTSEASON_TEST_PG"
    )
    parser.add_argument(
        "--no-similar", action="store_true", help="skip the similar-shows index (a minute)"
    )
    args = parser.parse_args()
    shows, per_show = args.shows, args.episodes_per_show
    work = temp_dir()
    wanted = set(args.backends.split(","))
    urls: dict[str, tuple[str, str]] = {}
    if "sqlite" in wanted:
        urls["SQLite"] = (
            f"sqlite:///{work / 'scale.sqlite'}",
            f"sqlite:///{work / 'bundled.sqlite'}",
        )
    pg = os.environ.get("NEXTSEASON_TEST_PG")
    if pg and "postgresql" in wanted:
        import psycopg
        from sqlalchemy.engine import make_url

        base = make_url(pg)
        admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in ("ns_scale", "ns_scale_bundled"):
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                conn.execute(f"CREATE DATABASE {name}")
        urls["PostgreSQL"] = (
            base.set(database="ns_scale").render_as_string(hide_password=False),
            base.set(database="ns_scale_bundled").render_as_string(hide_password=False),
        )
    print(f"machine: {machine()}")
    print(f"synthetic catalog: {shows:,} shows, {shows * per_show:,} episodes; today {TODAY}")
    for name, (url, bundled_url) in urls.items():
        seconds = load(url, shows, per_show)
        figures = {
            "import": f"{seconds:.0f} s",
            "verdicts stored": f"{judge_all(url):.0f} s",
            "size": f"{size_of(url) / 1e9:.2f} GB",
        }
        figures |= queries(url, shows, similar=not args.no_similar)
        bundled = bundled_copy(bundled_url)
        on_bundled = serve_load(bundled, show_ids(bundled), args.requests, args.concurrency)
        at_scale = serve_load(url, show_ids(url), args.requests, args.concurrency)
        figures |= api_figures(at_scale, on_bundled)
        print(f"{name}: " + "; ".join(f"{k} {v}" for k, v in figures.items()), flush=True)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
