"""The catalog at TMDB scale, on SQLite and on PostgreSQL in one run.

A synthetic catalog of 250,000 shows and 5,000,000 episodes (20 per show) with realistic
titles and summaries is imported into each backend; then, per backend: import time,
database size, `search` p50, `report` p50, similar-shows p50, `GET /api/v1/shows/{id}`
throughput from a real `nextseason serve` process, and that server's memory (RSS), which
must stay <= 1 GB.

    python bench/scale.py [SHOWS] [EPISODES_PER_SHOW]     # PostgreSQL from NEXTSEASON_TEST_PG
"""

from __future__ import annotations

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


def queries(url: str, shows: int) -> dict[str, str]:
    rng = random.Random(3)
    out: dict[str, str] = {}
    titles = [str(row["title"]) for row in show_rows(shows)]
    asks = [rng.choice(titles).lower()[:-1] for _ in range(200)]
    out["first search of a fresh process"] = first_search(url, asks[0])
    with Catalog.open(url) as catalog:
        it = iter(asks)
        out["search p50"] = ms(timed(lambda: catalog.search(next(it)), 200)["p50"])
        ids = [rng.randrange(1, shows + 1) for _ in range(100)]
        from nextseason.catalog.similar_rows import SimilarRows
        from nextseason.similar import similar_to

        rows = SimilarRows(catalog)

        begin = time.perf_counter()
        similar_to(rows, ids[0], today=TODAY)  # builds the similar-shows index once
        out["similar index"] = f"{time.perf_counter() - begin:.0f} s"
        it3 = iter(ids)
        out["similar p50"] = ms(timed(lambda: similar_to(rows, next(it3), today=TODAY), 100)["p50"])
        it2 = iter(ids)
        out["report p50"] = ms(
            timed(lambda: build_report(catalog, next(it2), today=TODAY), 100)["p50"]
        )
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


def serve_load(url: str, shows: int, requests: int = 3000, concurrency: int = 16) -> dict[str, str]:
    import httpx

    port = free_port()
    env = dict(os.environ, NEXTSEASON_DB=url, NEXTSEASON_OFFLINE="1")
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
                if httpx.get(f"{base}/api/v1/shows/1", timeout=2).status_code < 500:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        else:
            return {"API": "n/a (the server did not start)"}
        rng = random.Random(5)
        paths = [f"/api/v1/shows/{rng.randrange(1, shows + 1)}" for _ in range(requests)]
        latencies: list[float] = []
        import concurrent.futures

        def one(path: str, client: httpx.Client) -> float:
            begin = time.perf_counter()
            client.get(path)
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
        rate = f"{requests / elapsed:.0f} req/s"
        return {
            "API throughput": f"{rate} (p50 {ms(stats['p50'])}, p90 {ms(stats['p90'])})",
            "serve peak RSS": f"{rss / 1e6:.0f} MB (target <= 1,000 MB)",
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(shows: int = 250_000, per_show: int = 20) -> None:
    work = temp_dir()
    urls = {"SQLite": f"sqlite:///{work / 'scale.sqlite'}"}
    pg = os.environ.get("NEXTSEASON_TEST_PG")
    if pg:
        import psycopg
        from sqlalchemy.engine import make_url

        base = make_url(pg)
        admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS ns_scale WITH (FORCE)")
            conn.execute("CREATE DATABASE ns_scale")
        urls["PostgreSQL"] = base.set(database="ns_scale").render_as_string(hide_password=False)
    print(f"machine: {machine()}")
    print(f"synthetic catalog: {shows:,} shows, {shows * per_show:,} episodes")
    for name, url in urls.items():
        seconds = load(url, shows, per_show)
        figures = {"import": f"{seconds:.0f} s", "size": f"{size_of(url) / 1e9:.2f} GB"}
        figures |= queries(url, shows)
        figures |= serve_load(url, shows)
        print(f"{name}: " + "; ".join(f"{k} {v}" for k, v in figures.items()))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
