"""Refresh workers: claim leased batches from the catalog's queue and refresh them.

``nextseason worker`` runs :func:`run_worker` in one process; ``refresh --all --workers N``
enqueues the shows and starts N worker processes on this machine, which share the sources'
rate limits through lock files (:mod:`nextseason.sources.limits`). On several machines,
point every worker at the same PostgreSQL catalog.
"""

from __future__ import annotations

import multiprocessing
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from nextseason.catalog import Catalog, jobs
from nextseason.catalog.verdicts import Judging, Rules
from nextseason.config import Settings
from nextseason.refresh.refresher import Refresher, RefreshResult
from nextseason.sources.base import now_utc

__all__ = ["WorkerReport", "run_pool", "run_worker", "worker_name"]

LEASE = timedelta(minutes=10)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class WorkerReport:
    name: str
    refreshed: int = 0
    failed: int = 0
    batches: int = 0
    warnings: list[str] = field(default_factory=list)


def run_worker(
    catalog: Catalog,
    refresher: Refresher,
    *,
    name: str | None = None,
    batch: int = 10,
    lease: timedelta = LEASE,
    follow: bool = False,
    poll: float = 5.0,
    on_result: Callable[[RefreshResult], None] | None = None,
) -> WorkerReport:
    """Claim and refresh batches until the queue is empty (or forever with ``follow``)."""
    me = name or worker_name()
    report = WorkerReport(me)
    while True:
        with catalog.transaction() as conn:
            claimed = jobs.claim(conn, me, size=batch, lease=lease, now=now_utc())
        if not claimed:
            if not follow:
                return report
            time.sleep(poll)
            continue
        report.batches += 1
        started = time.monotonic()
        for n, show_id in enumerate(claimed):
            if time.monotonic() - started > lease.total_seconds() / 2:
                # Still at it halfway through the lease: extend it for what is left.
                with catalog.transaction() as conn:
                    jobs.renew(conn, me, claimed[n:], until=now_utc() + lease)
                started = time.monotonic()
            result = refresher.refresh(show_id)
            with catalog.transaction() as conn:
                if result.stored:
                    jobs.complete(conn, me, show_id, now_utc())
                    report.refreshed += 1
                else:
                    jobs.fail(conn, me, show_id, "; ".join(result.warnings) or "failed", now_utc())
                    report.failed += 1
            if on_result is not None:
                on_result(result)
            else:
                report.warnings += [f"{result.title}: {w}" for w in result.warnings]


@dataclass(frozen=True)
class PoolJob:
    """What a worker process needs to rebuild its catalog and client (picklable): the
    settings themselves, never the environment."""

    settings: Settings
    today: date
    sources: tuple[str, ...]
    batch: int
    #: the verdict rules the refreshed shows' verdicts are stored with (see
    #: :attr:`nextseason.catalog.Catalog.judging`); a top-level function, so picklable
    rules: Rules | None = None

    @property
    def limits_dir(self) -> Path:
        """Where this machine's workers share their rate limits."""
        return self.settings.home / "rate-limits"


def _pool_worker(job: PoolJob) -> tuple[int, int, list[str]]:
    from nextseason.refresh import open_client, refresher_for
    from nextseason.sources.limits import machine_limiters

    judging = Judging(job.rules, lambda: job.today) if job.rules is not None else None
    with (
        Catalog.open(job.settings.db_url, judging=judging) as catalog,
        open_client(job.settings, limiters=machine_limiters(job.limits_dir)) as client,
    ):
        refresher = refresher_for(
            catalog, client, job.settings, today=job.today, sources=job.sources
        )
        report = run_worker(catalog, refresher, batch=job.batch)
    return report.refreshed, report.failed, report.warnings


def run_pool(
    job: PoolJob,
    workers: int,
    *,
    progress: Callable[[int], None] | None = None,
    poll: float = 0.5,
) -> WorkerReport:
    """Run ``workers`` worker processes on this machine until the queue is empty.

    ``progress`` is called every ``poll`` seconds with how many queued shows are left (read
    from the catalog's queue, which the workers share)."""
    total = WorkerReport(f"{socket.gethostname()} x{workers}")
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers) as pool:
        running = pool.map_async(_pool_worker, [job] * workers)
        if progress is not None:
            with Catalog.open(job.settings.db_url, seed=False) as catalog:
                while not running.ready():
                    with catalog.connect() as conn:
                        left = jobs.counts(conn, now_utc())
                    progress(left.pending + left.leased)
                    running.wait(poll)
        for refreshed, failed, warnings in running.get():
            total.refreshed += refreshed
            total.failed += failed
            total.warnings += warnings
    return total
