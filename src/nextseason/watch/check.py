"""`nextseason check`: refresh the watched shows, find what changed, publish it.

One run holds the catalog's "check" lease, so two runs never overlap: the second says so
and stops (exit 75), with nothing done twice. A lease whose holder died (a process on this
machine that is gone) is taken over at once; one held on another machine, when it expires.
A show whose refresh fails is skipped with a warning and checked next time; its state is
not touched. All states, verdicts and changes of a run
are written in one transaction. Changes are delivered to the webhook (when configured)
after they are stored; a failed delivery stays pending and is retried by a later run,
under the same delivery id, until the receiver takes it once.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from nextseason.analysis.status import verdict_for
from nextseason.catalog import Catalog
from nextseason.catalog import watchlist as store
from nextseason.catalog.queries import status_facts
from nextseason.errors import NextseasonError
from nextseason.sources.base import now_utc
from nextseason.watch.state import Change, WatchState, observe

if TYPE_CHECKING:
    from nextseason.refresh.refresher import Refresher
    from nextseason.watch.webhook import WebhookConfig

__all__ = [
    "CheckBusy",
    "CheckReport",
    "change_urn",
    "changes_feed",
    "holder_alive",
    "run_check",
    "write_changes_feed",
]

LEASE = timedelta(hours=1)


class CheckBusy(NextseasonError):
    """Another check holds the lease: this run stops without doing anything. Its own exit
    code (75, EX_TEMPFAIL: try again later), so cron can tell it from "no changes" (0)."""

    exit_code = 75
    http_status = 409
    code = "check_busy"


def holder_alive(holder: str) -> bool | None:
    """Whether the process a lock names is still running: True or False for a process on
    this machine (the same pid with another start time is another process), None for one
    on another machine (a shared catalog), whose lease decides instead."""
    host, _, rest = holder.partition(":")
    pid_text, _, start = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return None
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    # The same pid with another start time is another process: the holder is gone.
    return not start or store.process_start(pid) in (None, start)


def _busy(held: store.LockHolder) -> CheckBusy:
    host, _, rest = held.holder.partition(":")
    pid = rest.partition(":")[0]
    who = f"pid {pid} on {host}" if pid else held.holder
    return CheckBusy(
        f"another check is running ({who}, since {held.acquired_at:%Y-%m-%d %H:%M} UTC); "
        "nothing done",
        hint="try again when it has finished",
    )


@dataclass
class CheckReport:
    checked: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    pending_confirmation: int = 0
    delivered: int = 0
    undelivered: int = 0
    feed: Path | None = None
    seconds: float = 0.0


def change_urn(show_id: int, change_id: int) -> str:
    """The stable id of a change, in the feed and in webhook payloads."""
    return f"urn:nextseason:change:{show_id}:{change_id}"


def run_check(
    catalog: Catalog,
    *,
    today: date,
    refresher: Refresher | None = None,
    feed: Path | None = None,
    webhook: WebhookConfig | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CheckReport:
    started = time.perf_counter()
    report = CheckReport()
    holder = store.holder_name()
    now = now_utc()
    with catalog.transaction() as conn:
        held = store.acquire_lock(
            conn,
            "check",
            holder=holder,
            now=now,
            lease=LEASE,
            dead=lambda name: holder_alive(name) is False,
        )
    if held is not None:
        raise _busy(held)
    try:
        with catalog.connect() as conn:
            shows = store.watched(conn)
        skipped: set[int] = set()
        if refresher is not None:
            for n, show in enumerate(shows, 1):
                outcome = refresher.refresh(show.show_id)
                if not outcome.stored:
                    skipped.add(show.show_id)
                    report.skipped.append(show.title)
                report.warnings += [f"{show.title}: {w}" for w in outcome.warnings]
                if progress:
                    progress(n, len(shows))
        ids = [s.show_id for s in shows if s.show_id not in skipped]
        with catalog.connect() as conn:
            facts = status_facts(conn, ids)
        results: list[store.CheckResult] = []
        for show in shows:
            if show.show_id in skipped or show.show_id not in facts:
                continue
            verdict = verdict_for(facts[show.show_id], today)
            state, found, confirmed = observe(
                WatchState.from_json(show.state), facts[show.show_id], verdict
            )
            if state.pending:
                report.pending_confirmation += 1
            report.changes += found
            results.append(
                store.CheckResult(
                    show.show_id,
                    state.to_json(),
                    {
                        "season": verdict.season,
                        "verdict": verdict.verdict,
                        "basis": verdict.basis,
                        "rule": verdict.rule,
                        "confidence": verdict.confidence,
                        "confirmed": int(confirmed),
                    },
                    [(c.kind, c.title, c.summary, c.detail) for c in found],
                )
            )
        report.checked = len(results)
        with catalog.transaction() as conn:
            store.save_check(conn, results, now_utc(), webhook=webhook is not None)
        if webhook is not None:
            _deliver(catalog, webhook, report)
        if feed is not None:
            write_changes_feed(catalog, feed)
            report.feed = feed
    finally:
        with catalog.transaction() as conn:
            store.release_lock(conn, "check", holder=holder)
    report.seconds = time.perf_counter() - started
    return report


def _payload(change: store.StoredChange, title: str) -> dict[str, object]:
    return {
        "id": change_urn(change.show_id, change.id),
        "show": {"id": change.show_id, "title": title},
        "kind": change.kind,
        "title": change.title,
        "summary": change.summary,
        "detail": change.detail,
        "detected_at": change.detected_at.replace(tzinfo=UTC).isoformat(),
    }


def _deliver(catalog: Catalog, config: WebhookConfig, report: CheckReport) -> None:
    from nextseason.watch.webhook import deliver

    with catalog.connect() as conn:
        pending = store.changes_for_delivery(conn)
        titles = {w.show_id: w.title for w in store.watched(conn)}
    for change in pending:
        done = deliver(
            config,
            _payload(change, titles.get(change.show_id, change.title)),
            delivery_id=change_urn(change.show_id, change.id),
        )
        with catalog.transaction() as conn:
            store.mark_delivery(
                conn,
                change.id,
                ok=done.ok,
                attempts=done.attempts,
                error=done.error,
                now=now_utc(),
            )
        if done.ok:
            report.delivered += 1
        else:
            report.undelivered += 1
            report.warnings.append(f"webhook: {done.error}; the change stays pending")


def write_changes_feed(catalog: Catalog, path: Path, *, limit: int = 100) -> None:
    """Write the Atom feed of the latest confirmed changes to ``path`` (atomically)."""
    from nextseason.watch.feed import write_feed

    write_feed(path, changes_feed(catalog, limit=limit))


def changes_feed(
    catalog: Catalog,
    *,
    limit: int = 100,
    show_id: int | None = None,
    show_title: str | None = None,
    base_url: str | None = None,
    self_url: str | None = None,
) -> str:
    """The Atom feed of the latest confirmed changes: of every watched show, or of
    ``show_id`` (titled ``show_title``); entries link to ``<base_url>shows/<id>`` when a
    base URL is given (the web app's)."""
    from nextseason.watch.feed import FeedEntry, atom_feed

    with catalog.connect() as conn:
        recent = store.recent_changes(conn, limit=limit, show_id=show_id)
        titles = {w.show_id: w.title for w in store.watched(conn)}
    if show_id is not None and show_title is not None:
        titles[show_id] = show_title
        title = f"nextseason: changes to {show_title}"
        feed_id = f"urn:nextseason:feed:show:{show_id}"
    else:
        title = "nextseason: changes to watched shows"
        feed_id = "urn:nextseason:feed:watchlist"
    entries = [
        FeedEntry(
            id=change_urn(c.show_id, c.id),
            title=c.title,
            summary=c.summary,
            updated=c.detected_at.replace(tzinfo=UTC),
            show_title=titles.get(c.show_id, c.title.split(":")[0]),
            show_id=c.show_id,
            link=f"{base_url}shows/{c.show_id}" if base_url is not None else None,
            category=c.kind,
        )
        for c in recent
    ]
    return atom_feed(
        entries,
        title=title,
        feed_id=feed_id,
        updated=entries[0].updated if entries else datetime(2000, 1, 1, tzinfo=UTC),
        self_link=self_url,
    )
