"""``nextseason sync``: the whole catalog brought up to date from TVmaze's show index.

A full sync pages through ``GET /shows?page=N`` (250 shows a page, about 300 pages, a 404
past the last) within TVmaze's rate limit, about three minutes, where a per-show refresh
of every show would take hours. Every show of a page is placed in the catalog as a refresh
places it (by its TVmaze id, else its IMDb or TheTVDB id when that show has no other TVmaze
id, else by the bundled catalog's entry of TVmaze's own show index (the same listing, one
show per name: the exact name on the same channel), else as a new show; never by title
alone, so two TVmaze ids are two shows), merged with what
the catalog holds and written in its own transaction with a status reading dated by
TVmaze's last change to the show.

Nothing other sources gave is lost: the show row takes TVmaze's values where TVmaze has
one and keeps the others with their sources; the channel the catalog holds stays (TVmaze
lists a show's current channel, added as a listed channel); episodes, seasons, credits and
other sources' records and readings are not touched. A show whose stored TVmaze record has
the same change time is skipped.

A page that fails (network, 5xx, 429 after the client's retries, malformed JSON) is tried
again after the others; if it fails again it is reported and left for the next run, which
fetches it first. A show that fails the payload check is left out with a warning and the
rest of its page kept. Five failed pages in a row stop the run (the source is down), and
the next run goes on from there; so does a run that was interrupted.

Once a full sync has been done, ``sync`` asks ``GET /updates/shows?since=day|week|month``
for the shows changed since the last sync and fetches only those; after more than a month,
or with ``--full``, it pages through the index again.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from nextseason.catalog import Catalog
from nextseason.catalog import sync as store
from nextseason.catalog.queries import index_entries, shows_by_external
from nextseason.errors import SourceError, SourceOffline, UsageError
from nextseason.model import ShowBundle
from nextseason.platforms import platform_name
from nextseason.sources import tvmaze
from nextseason.sources.base import now_utc
from nextseason.sources.http import HttpClient
from nextseason.sources.tvmaze import INDEX_PAGE_SIZE, UPDATE_WINDOWS, IndexPage, same_show
from nextseason.text import title_key

__all__ = ["SyncReport", "Syncer", "merge_into"]

SOURCE = "tvmaze"
#: Failed pages in a row after which the source is taken to be down and the run stops.
GIVE_UP_AFTER = 5
#: Windows of the updates feed, and how far back each reaches.
WINDOWS = {"day": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=30)}
#: Slack when reading the updates feed from the last sync's start (clocks differ).
SLACK = timedelta(hours=1)


@dataclass
class SyncReport:
    """What one sync did."""

    mode: str  # "full" | "updates"
    window: str | None = None  # the updates feed's window
    pages: int = 0  # index pages read
    fetched: int = 0  # shows read from TVmaze (index pages and single shows)
    created: int = 0
    updated: int = 0
    unchanged: int = 0  # the catalog already held TVmaze's latest version
    skipped: int = 0  # malformed shows left out
    changed: int = 0  # shows the updates feed named as changed since the last sync
    failed_pages: list[int] = field(default_factory=list)
    failed_shows: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    complete: bool = True  # every page or changed show was read
    seconds: float = 0.0

    @property
    def stored(self) -> int:
        return self.created + self.updated


def merge_into(new: ShowBundle, held: ShowBundle | None) -> ShowBundle:
    """TVmaze's index answer for a show, merged with the show row the catalog holds.

    TVmaze's value wins where it has one (it is the reference the bundled catalog is built
    on); where it has none the held value stays, with its own source. The held channel stays
    (it may be where the show premiered, which TVmaze's listing does not say). A show that
    TVmaze lists as anything but Ended has no end date, whatever the catalog held.
    """
    if held is None:
        return new
    merged = replace(new, id=held.id, field_src=dict(new.field_src))
    for name in store.SHOW_FIELDS:
        if getattr(new, name) not in (None, "", []):
            continue
        if name == "ended" and new.status not in (None, "Ended"):
            continue
        if getattr(held, name) in (None, "", []):
            continue
        setattr(merged, name, getattr(held, name))
        merged.field_src[name] = held.source_of(name)
    if held.platform is not None:
        merged.platform = held.platform
        merged.field_src["platform"] = held.source_of("platform")
    return merged


class Syncer:
    """Syncs one catalog from TVmaze through one HTTP client."""

    def __init__(
        self,
        catalog: Catalog,
        client: HttpClient,
        *,
        on_page: Callable[[SyncReport], None] | None = None,
        retry_pause: float | None = None,
    ) -> None:
        self.catalog = catalog
        self.client = client
        self.on_page = on_page
        # Seconds before the failed pages are tried again: as long as the client's own last
        # backoff would have been (4 s by default), so that a passing fault has passed.
        http = client.settings
        self.retry_pause = http.backoff * 2**http.retries if retry_pause is None else retry_pause

    # -- the entry point --------------------------------------------------------------

    def run(self, *, since: str | None = None, full: bool = False) -> SyncReport:
        """A full sync (the first time, with ``full``, after an interrupted one or after
        more than a month), else the shows changed since the last sync (``since`` picks
        the updates feed's window)."""
        if since is not None and since not in UPDATE_WINDOWS:
            raise UsageError(f"--since takes day, week or month, not {since!r}")
        if since is not None and full:
            raise UsageError("pass --full or --since, not both")
        if self.client.settings.offline:
            raise SourceOffline(
                "sync reads TVmaze, but nextseason is offline (--offline or NEXTSEASON_OFFLINE=1)",
                source=SOURCE,
                hint="run it online; offline, report answers from the catalog as it is",
            )
        started = now_utc()
        state = self._state()
        if full:
            return self._full(state, started, first_page=0)
        if since is None:
            last = _when(state.get("last_sync"))
            if state.get("next_page") is not None:
                return self._full(state, started, first_page=int(state["next_page"]))
            if last is None or _when(state.get("last_full_sync")) is None:
                return self._full(state, started, first_page=0)
            age = started - last + SLACK
            since = next((w for w, span in WINDOWS.items() if age <= span), None)
            if since is None:
                return self._full(state, started, first_page=0)
            return self._updates(state, started, since, after=last - SLACK)
        return self._updates(state, started, since, after=None)

    # -- full sync --------------------------------------------------------------------

    def _full(self, state: dict[str, Any], started: datetime, *, first_page: int) -> SyncReport:
        report = SyncReport("full")
        clock = time.perf_counter()
        pending = sorted({int(p) for p in state.get("pending_pages", [])})
        if first_page == 0:
            state["full_sync_started"] = started.isoformat()
            pending = []  # this run reads every page anyway
        failed: list[int] = []
        in_a_row = 0
        page = first_page
        # The next page is read (HTTP, JSON, checks) while this one is written.
        with self._writing() as writer, _ahead(self._read) as read:
            outcome = read(page)
            while True:
                answer = outcome.result()
                if answer is None:
                    break  # past the last page
                if isinstance(answer, IndexPage):
                    in_a_row = 0
                    outcome = read(page + 1)
                    self._store_page(writer, answer, report)
                else:
                    report.warnings.append(f"TVmaze: page {page}: {_one_line(answer)}")
                    failed.append(page)
                    in_a_row += 1
                    if in_a_row >= GIVE_UP_AFTER:
                        report.complete = False
                        resume = page - in_a_row + 1
                        report.warnings.append(
                            f"TVmaze: {GIVE_UP_AFTER} pages in a row failed; stopped at page "
                            f"{page}, the next sync goes on from page {resume}"
                        )
                        failed = failed[: len(failed) - in_a_row]
                        state["next_page"] = resume
                        break
                    outcome = read(page + 1)
                page += 1
                state["next_page"] = page
                state["pending_pages"] = sorted(set(failed) | set(pending))
                self._save(state)  # an interrupted run goes on from here
            if report.complete:
                state["next_page"] = None
            retry = sorted(set(failed) | set(pending))
            if retry and self.retry_pause:
                self.client.sleep(self.retry_pause)
            report.failed_pages = self._retry(writer, retry, report)
        state["pending_pages"] = report.failed_pages
        if report.complete:
            state["last_full_sync"] = state.get("full_sync_started") or started.isoformat()
            state["last_sync"] = state["last_full_sync"]
        if report.failed_pages:
            report.complete = False
        if report.pages == 0 and report.failed_pages:
            report.warnings.append("TVmaze: no page of the show index could be read")
        self._save(state)
        report.seconds = time.perf_counter() - clock
        return report

    def _read(self, number: int) -> IndexPage | SourceError | None:
        """Page ``number`` of the index, the error that kept it, or None past the end."""
        try:
            return tvmaze.index_page(self.client, number)
        except SourceError as exc:
            return exc

    def _page(self, writer: store.IndexWriter, number: int, report: SyncReport) -> bool | None:
        """Read and store one index page: True, False when it failed, None past the end."""
        try:
            page = tvmaze.index_page(self.client, number)
        except SourceError as exc:
            report.warnings.append(f"TVmaze: page {number}: {_one_line(exc)}")
            return False
        if page is None:
            return None
        self._store_page(writer, page, report)
        return True

    def _retry(
        self, writer: store.IndexWriter, pages: Iterable[int], report: SyncReport
    ) -> list[int]:
        still: list[int] = []
        for number in pages:
            outcome = self._page(writer, number, report)
            if outcome is False:
                still.append(number)
        for number in still:
            report.warnings.append(
                f"TVmaze: page {number} of the show index failed twice; left for the next sync"
            )
        return still

    def _store_page(self, writer: store.IndexWriter, page: IndexPage, report: SyncReport) -> None:
        report.pages += 1
        report.fetched += len(page.shows) + len(page.skipped)
        report.skipped += len(page.skipped)
        report.warnings += [f"TVmaze: {line}" for line in page.skipped]
        self._store(writer, page.shows, report)
        if self.on_page is not None:
            self.on_page(report)

    # -- the shows changed since the last sync ----------------------------------------

    def _updates(
        self,
        state: dict[str, Any],
        started: datetime,
        window: str,
        *,
        after: datetime | None,
    ) -> SyncReport:
        report = SyncReport("updates", window=window)
        clock = time.perf_counter()
        try:
            feed = tvmaze.updates(self.client, since=window)
        except SourceError as exc:
            report.complete = False
            report.warnings.append(f"TVmaze: the updates feed: {_one_line(exc)}")
            report.seconds = time.perf_counter() - clock
            return report
        if after is not None:
            cutoff = after.replace(tzinfo=UTC).timestamp()
            feed = {show: stamp for show, stamp in feed.items() if stamp >= cutoff}
        report.changed = len(feed)
        pending_shows = {int(s) for s in state.get("pending_shows", [])}
        current = self._not_current(feed)
        wanted = {show: feed[show] for show in current} | {
            show: 0 for show in pending_shows if show not in current
        }
        report.unchanged = len(feed) - len(current)
        with self._writing() as writer:
            pages = sorted({int(p) for p in state.get("pending_pages", [])})
            report.failed_pages = self._retry(writer, pages, report)
            report.failed_shows = self._fetch_shows(writer, wanted, report)
        state["pending_pages"] = report.failed_pages
        state["pending_shows"] = report.failed_shows
        if report.failed_pages or report.failed_shows:
            report.complete = False
        if not report.failed_shows:
            state["last_sync"] = started.isoformat()
        self._save(state)
        report.seconds = time.perf_counter() - clock
        return report

    def _not_current(self, feed: dict[int, int]) -> set[int]:
        """The shows of the feed whose stored TVmaze record is older than the change."""
        with self.catalog.connect() as conn:
            stored = store.record_values(conn, SOURCE, map(str, feed), "updated")
        wanted: set[int] = set()
        for show, stamp in feed.items():
            held = _when(stored.get(str(show)))
            changed = datetime.fromtimestamp(stamp, UTC).replace(tzinfo=None)
            if held is None or held < changed:
                wanted.add(show)
        return wanted

    def _fetch_shows(
        self, writer: store.IndexWriter, wanted: dict[int, int], report: SyncReport
    ) -> list[int]:
        """Fetch changed shows (TVmaze id -> the feed's change time): through the index
        pages that hold them when that takes fewer requests, else one by one. A show whose
        page copy is older than the feed's change (an index page may come from a cache) is
        fetched on its own."""
        pages: dict[int, list[int]] = {}
        for show in sorted(wanted):
            pages.setdefault(show // INDEX_PAGE_SIZE, []).append(show)
        single: list[int] = []
        if len(pages) < len(wanted):
            for number, members in sorted(pages.items()):
                try:
                    page = tvmaze.index_page(self.client, number)
                except SourceError as exc:
                    report.warnings.append(f"TVmaze: page {number}: {_one_line(exc)}")
                    single += members
                    continue
                if page is None:
                    single += members
                    continue
                report.pages += 1
                found = {int(b.external_ids[SOURCE]): b for b in page.shows}
                keep = [found[m] for m in members if m in found and _changed(found[m]) >= wanted[m]]
                single += [m for m in members if m not in found or found[m] not in keep]
                report.fetched += len(keep)
                self._store(writer, keep, report)
                if self.on_page is not None:
                    self.on_page(report)
        else:
            single = sorted(wanted)
        failed: list[int] = []
        for show in single:
            try:
                bundle = tvmaze.fetch_index_show(self.client, show)
            except SourceError as exc:
                report.warnings.append(f"TVmaze: show {show}: {_one_line(exc)}")
                failed.append(show)
                continue
            if bundle is None:
                continue  # deleted from TVmaze since
            report.fetched += 1
            self._store(writer, [bundle], report)
            if self.on_page is not None:
                self.on_page(report)
        if failed:
            report.warnings.append(
                f"TVmaze: {len(failed)} changed show(s) could not be read; left for the next sync"
            )
        return failed

    # -- placing, merging and writing -------------------------------------------------

    def _store(
        self, writer: store.IndexWriter, shows: list[ShowBundle], report: SyncReport
    ) -> None:
        """Place, merge and write shows, each in its own transaction; a show whose stored
        TVmaze record has the same change time is left as it is."""
        if not shows:
            return
        with self.catalog.connect() as conn:
            keys = [b.external_ids[SOURCE] for b in shows]
            held = store.record_values(conn, SOURCE, keys, "updated")
            places = self._place(conn, shows)
            todo = [
                (bundle, place)
                for bundle, place in zip(shows, places, strict=True)
                if place is None
                or held.get(bundle.external_ids[SOURCE]) is None
                or held[bundle.external_ids[SOURCE]] != _updated(bundle)
            ]
            rows = store.show_rows(conn, {p for _, p in todo if p is not None})
        report.unchanged += len(shows) - len(todo)
        for bundle, place in todo:
            merged = merge_into(bundle, rows.get(place) if place is not None else None)
            _, created = writer.store(merged)
            if created:
                report.created += 1
            else:
                report.updated += 1

    def _place(self, conn: Any, shows: list[ShowBundle]) -> list[int | None]:
        """Each show's catalog id (None: a new show): by TVmaze id, else by IMDb or TheTVDB
        id when the show found that way has no other TVmaze id and no id that disagrees."""
        by_scheme = {
            scheme: shows_by_external(
                conn, scheme, [b.external_ids[scheme] for b in shows if scheme in b.external_ids]
            )
            for scheme in (SOURCE, "imdb", "thetvdb")
        }
        others = {
            by_scheme[s][b.external_ids[s]]
            for b in shows
            for s in ("imdb", "thetvdb")
            if b.external_ids.get(s) in by_scheme[s]
        }
        held_ids = store.external_ids_of(conn, others)
        claimed = set(by_scheme[SOURCE].values())
        entries = index_entries(conn, [b.title for b in shows])
        places: list[int | None] = []
        for bundle in shows:
            ids = bundle.external_ids
            place = by_scheme[SOURCE].get(ids[SOURCE])
            if place is None:
                for scheme in ("imdb", "thetvdb"):
                    candidate = by_scheme[scheme].get(ids.get(scheme, ""))
                    if (
                        candidate is not None
                        and candidate not in claimed
                        and same_show(held_ids.get(candidate, {}), ids) is not False
                    ):
                        place = candidate
                        claimed.add(candidate)  # one TVmaze id per show, in this page too
                        break
            if place is None:
                place = self._index_entry(bundle, entries, claimed)
            places.append(place)
        return places

    @staticmethod
    def _index_entry(
        bundle: ShowBundle, entries: dict[str, tuple[int, set[str]]], claimed: set[int]
    ) -> int | None:
        """The show the bundled catalog knows from TVmaze's own show index: the index was
        compiled from this same ``/shows`` listing, one show per name, so an entry of the
        show's exact name on the same channel is this TVmaze show."""
        found = entries.get(bundle.title)
        if found is None or found[0] in claimed:
            return None
        show_id, listed = found
        mine = {
            title_key(platform_name(link.platform.name) or link.platform.name)
            for link in bundle.platforms
        }
        if not listed or not mine or not {title_key(c) for c in listed} <= mine:
            return None
        claimed.add(show_id)
        return show_id

    # -- helpers ----------------------------------------------------------------------

    def _state(self) -> dict[str, Any]:
        with self.catalog.connect() as conn:
            return store.load_state(conn, SOURCE)

    def _save(self, state: dict[str, Any]) -> None:
        with self.catalog.transaction() as conn:
            store.save_state(conn, SOURCE, state, now_utc())

    @contextlib.contextmanager
    def _writing(self) -> Iterator[store.IndexWriter]:
        with self.catalog.connect() as conn, store.quick_commits(conn):
            yield store.IndexWriter(conn, lambda: self.catalog.judging)


_T = TypeVar("_T")


@contextlib.contextmanager
def _ahead(work: Callable[[int], _T]) -> Iterator[Callable[[int], Future[_T]]]:
    """``work`` run in a thread of its own, one call at a time: start the next call while
    the caller does something else with the last answer."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-read")
    try:
        yield lambda n: pool.submit(work, n)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _updated(bundle: ShowBundle) -> str | None:
    """TVmaze's change time of a show as its record keeps it (ISO, UTC)."""
    value = bundle.records[0].data.get("updated") if bundle.records else None
    return value if isinstance(value, str) else None


def _changed(bundle: ShowBundle) -> int:
    """TVmaze's change time of a show (unix seconds; 0 when it gives none)."""
    updated = _when(_updated(bundle))
    return int(updated.replace(tzinfo=UTC).timestamp()) if updated else 0


def _when(text: object) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()).removeprefix("TVmaze: ")
