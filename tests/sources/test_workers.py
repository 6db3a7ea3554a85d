"""Refresh workers share a queue: disjoint leased batches, and a killed worker loses nothing."""

from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from nextseason.catalog import Catalog, jobs
from nextseason.catalog import schema as t
from nextseason.model import ShowBundle, ShowRecordData
from nextseason.refresh.refresher import Refresher
from nextseason.refresh.workers import run_worker
from nextseason.sources.base import now_utc, source_ref
from nextseason.sources.http import HttpClient, HttpSettings
from tests.conftest import fresh_database
from tests.support.replay import ReplayServer, Reply

RECORDED = (
    Path(__file__).parent.parent
    / "fixtures"
    / "tvmaze"
    / "shows_82_embed_seasons_cast_crew_episodes.composed.json"
)
SHOWS = 12
WORKER_ARGS = ("--batch", "6", "--lease", "3")  # a short lease, so the rescue comes soon


def _answer(i: int) -> bytes:
    show = json.loads(RECORDED.read_text())
    one = copy.deepcopy(show)
    one["id"] = i
    one["name"] = f"Recorded Show {i}"
    one["externals"] = {"tvrage": None, "thetvdb": 900000 + i, "imdb": f"tt9{i:06d}"}
    return json.dumps(one).encode()


@pytest.fixture
def tvmaze() -> Iterator[ReplayServer]:
    with ReplayServer() as server:
        for i in range(1, SHOWS + 1):
            server.add("GET", f"/shows/{i}", Reply.raw(_answer(i), "application/json").delayed(0.3))
        yield server


def _seed(url: str) -> None:
    ref = source_ref("bench", "bench://seed", "-")
    with Catalog.open(url, seed=False) as catalog:
        catalog.store(
            ShowBundle(
                title=f"Recorded Show {i}",
                src=ref,
                external_ids={"tvmaze": str(i)},
                records=[ShowRecordData("bench", str(i), f"Recorded Show {i}", None, {}, ref)],
            )
            for i in range(1, SHOWS + 1)
        )
        with catalog.transaction() as conn:
            jobs.enqueue(conn, [e.id for e in catalog.title_index().entries], now_utc())


def _work(url: str, server: ReplayServer, name: str) -> None:
    settings = HttpSettings(base_urls={"tvmaze": server.url}, rate_limits=False, cache_dir=None)
    with Catalog.open(url) as catalog, HttpClient(settings) as client:
        refresher = Refresher(catalog, client, today=date(2026, 11, 27), sources=("tvmaze",))
        run_worker(catalog, refresher, name=name, batch=4)


def _state(url: str) -> dict[str, int]:
    with Catalog.open(url) as catalog:
        counts = catalog.counts()
        with catalog.connect() as conn:
            queue = jobs.counts(conn, now_utc())
    counts["queue_pending"] = queue.pending + queue.leased
    counts["queue_done"] = queue.done
    return counts


def test_two_workers_claim_disjoint_batches(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        _seed(url)
        with Catalog.open(url) as catalog, catalog.transaction() as conn:
            first = jobs.claim(conn, "a", size=5, lease=timedelta(minutes=5), now=now_utc())
        with Catalog.open(url) as catalog, catalog.transaction() as conn:
            second = jobs.claim(conn, "b", size=5, lease=timedelta(minutes=5), now=now_utc())
        assert len(first) == len(second) == 5 and not set(first) & set(second)
        # An expired lease is taken over; a live one is not.
        later = now_utc() + timedelta(minutes=6)
        with Catalog.open(url) as catalog, catalog.transaction() as conn:
            third = jobs.claim(conn, "c", size=20, lease=timedelta(minutes=5), now=later)
        assert set(third) == set(range(1, SHOWS + 1)), "all leases had expired by then"


def test_a_worker_killed_mid_batch_loses_nothing(
    backend: str, tmp_path: Path, tvmaze: ReplayServer
) -> None:
    with (
        fresh_database(backend, tmp_path / "a") as clean,
        fresh_database(backend, tmp_path / "b") as crashed,
    ):
        _seed(clean)
        _work(clean, tvmaze, "steady")
        expected = _state(clean)
        assert expected["queue_done"] == SHOWS

        _seed(crashed)
        env = dict(
            os.environ,
            NEXTSEASON_OFFLINE="0",
            NEXTSEASON_TVMAZE_URL=tvmaze.url,
            NEXTSEASON_CACHE_DIR="off",
            NEXTSEASON_HTTP_RETRIES="0",
        )
        worker = subprocess.Popen(
            [sys.executable, "-m", "nextseason", "worker", "--db", crashed, *WORKER_ARGS],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Let it store a few shows of its batch, then kill it without warning.
        deadline = time.monotonic() + 60
        while _state(crashed)["queue_done"] < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        midway = _state(crashed)
        assert 0 < midway["queue_done"] < SHOWS, "killed in the middle of its batch"
        with Catalog.open(crashed) as catalog, catalog.connect() as conn:
            per_show = dict(
                conn.execute(
                    select(t.episodes.c.show_id, func.count()).group_by(t.episodes.c.show_id)
                ).all()
            )
        assert len(set(per_show.values())) == 1, "a show is stored whole or not at all"

        time.sleep(3.5)  # the dead worker's lease runs out
        _work(crashed, tvmaze, "rescuer")
        assert _state(crashed) == expected


def test_refresh_all_with_two_worker_processes(
    tmp_path: Path,
    tvmaze: ReplayServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from nextseason.cli import main

    with fresh_database("sqlite", tmp_path) as url:
        _seed(url)
        for name, value in (
            ("NEXTSEASON_OFFLINE", "0"),
            ("NEXTSEASON_TVMAZE_URL", tvmaze.url),
            ("NEXTSEASON_CACHE_DIR", "off"),
            ("NEXTSEASON_HTTP_RETRIES", "0"),
        ):
            monkeypatch.setenv(name, value)
        with pytest.raises(SystemExit) as info:
            main(["refresh", "--all", "--workers", "2", "--sources", "tvmaze", "--db", url])
        assert info.value.code == 0
        assert f"{SHOWS} of {SHOWS} shows refreshed, 0 failed" in capsys.readouterr().out
        assert _state(url)["queue_done"] == SHOWS
        # Each show was fetched once: no show was refreshed twice at once.
        assert sorted(r.path for r in tvmaze.requests) == sorted(
            f"/shows/{i}" for i in range(1, SHOWS + 1)
        )
