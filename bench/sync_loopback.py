"""`nextseason sync` of 300 pages of 250 shows from a loopback server, rate limit off.

The server (tests/support/replay.py) runs in a process of its own, as TVmaze would, and
serves pages built from the recorded TVmaze show objects (tests/support/tvmaze_index.py),
each show with its own id, name and external ids. Three syncs of the same catalog file:

1. the first: every show is new (one transaction per show, counted);
2. every show changed since (its ``updated`` time moved): every show merged and rewritten;
3. nothing changed: every show skipped.

Each show's verdict is computed and stored in the show's transaction, as `nextseason sync`
does.

Target: the first at most 30 s. Usage: python bench/sync_loopback.py [PAGES]
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import time
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402
from tests.support.replay import ReplayServer, Reply  # noqa: E402
from tests.support.tvmaze_index import synthetic_pages  # noqa: E402

from _common import machine, temp_dir  # noqa: E402
from nextseason.app import judging  # noqa: E402
from nextseason.catalog import Catalog  # noqa: E402
from nextseason.refresh.sync import Syncer, SyncReport  # noqa: E402
from nextseason.sources.http import HttpClient, HttpSettings  # noqa: E402


def serve(pages: int, bump: int, pipe: Connection) -> None:
    """The loopback TVmaze: index pages (``updated`` moved by ``bump`` seconds), then 404."""
    bodies = synthetic_pages(pages)
    if bump:
        bodies = [
            json.dumps([{**s, "updated": s["updated"] + bump} for s in json.loads(b)]).encode()
            for b in bodies
        ]
    with ReplayServer() as server:
        for number, body in enumerate(bodies):
            reply = Reply.raw(body, "application/json; charset=utf-8")
            server.add("GET", "/shows", reply, query={"page": str(number)})
        end = Reply.json({"name": "Not Found", "status": 404}, status=404)
        server.add("GET", "/shows", end, query={"page": str(pages)})
        pipe.send((server.url, sum(len(b) for b in bodies)))
        pipe.recv()  # until the sync is done


def sync(db: Path, pages: int, bump: int) -> tuple[float, SyncReport, int, int]:
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=serve, args=(pages, bump, theirs), daemon=True)
    process.start()
    url, size = ours.recv()
    settings = HttpSettings(base_urls={"tvmaze": url}, rate_limits=False, cache_dir=None)
    commits = 0
    try:
        # As `nextseason sync` opens it: each show's verdict stored in its transaction.
        judged = judging(date.today)
        with (
            Catalog.open(f"sqlite:///{db}", seed=False, judging=judged) as catalog,
            HttpClient(settings) as client,
        ):

            @event.listens_for(catalog.engine, "commit")
            def _count(_conn: object) -> None:
                nonlocal commits
                commits += 1

            start = time.perf_counter()
            report = Syncer(catalog, client).run(full=True)
            took = time.perf_counter() - start
    finally:
        ours.send("stop")
        process.join(10)
    return took, report, commits, size


def main(pages: int = 300) -> None:
    work = temp_dir()
    db = work / "catalog.sqlite"
    print(f"machine: {machine()}")
    for label, bump in (("first sync, every show new", 0), ("every show changed", 60)):
        took, report, commits, size = sync(db, pages, bump)
        print(
            f"{label}: {report.pages} pages ({size / 1e6:.0f} MB of JSON), "
            f"{report.fetched:,} shows in {took:.1f} s = {report.fetched / took:,.0f} shows/s; "
            f"{report.created:,} created, {report.updated:,} updated; "
            f"{commits:,} transactions"
        )
    took, report, commits, _ = sync(db, pages, 60)
    print(
        f"nothing changed: {report.fetched:,} shows in {took:.1f} s, "
        f"{report.unchanged:,} unchanged, {commits:,} transactions"
    )
    print(f"catalog: {db.stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
