"""The ``nextseason`` command: thin commands over the library.

Commands parse options, call the library, and print. Errors from the library arrive as
:class:`~nextseason.errors.NextseasonError` and are rendered once, in :func:`main`.
"""

from __future__ import annotations

import atexit
import gc
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from nextseason import __version__
from nextseason.cli_support import (
    atomic_write,
    complete_watched_title,
    find_or_fetch,
    http_client,
    make_console,
    make_refresher,
    need_extra,
    need_show,
    note,
    open_catalog,
    print_table,
    progress_bar,
    quiet,
    say,
    settings_for,
    today_for,
    warn,
)
from nextseason.errors import (
    NextseasonError,
    ShowLookupError,
    ShowNotFound,
    UsageError,
)
from nextseason.options import (
    SHOW_ID,
    add_root_options,
    db_option,
    json_output,
    reset_json_output,
    year_option,
)

if TYPE_CHECKING:
    from nextseason.catalog import Catalog
    from nextseason.config import Settings
    from nextseason.refresh.refresher import Refresher, RefreshResult
    from nextseason.refresh.sync import SyncReport

__all__ = ["cli", "main"]

REPORT_FORMATS = ("text", "md", "html", "json")
LIST_FORMATS = ("text", "json")
#: The --format option of the commands whose result is a record (not a report).
format_option = click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(LIST_FORMATS),
    default="text",
    show_default=True,
    help="json: the result as one JSON document on standard output, and any error as "
    'JSON ({"error": {...}}) on standard error.',
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nextseason")
def cli() -> None:
    """Will there be another season? Status, episodes, interest and sources for TV series.

    --offline, -v/-vv and -q may come before the command or after it.
    """


@cli.command()
@click.argument("title", required=False, shell_complete=complete_watched_title)
@click.option("--id", "show_id", type=SHOW_ID, default=None, help="The show's catalog id.")
@year_option
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="Every show in the catalog with a TVmaze, IMDb or TheTVDB id.",
)
@click.option(
    "--updated-since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Shows in the catalog that TVmaze updated since this date (YYYY-MM-DD).",
)
@click.option(
    "--sources",
    default=None,
    help="Comma-separated live sources to ask (default: all; see `nextseason config`). "
    "The first, TVmaze, is always asked.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes for --all / --updated-since (they share the rate limits).",
)
@format_option
@db_option
def refresh(
    title: str | None,
    show_id: int | None,
    year: int | None,
    every: bool,
    updated_since: datetime | None,
    sources: str | None,
    workers: int,
    fmt: str,
    db: str | None,
) -> None:
    """Fetch TITLE (or --id, --all, --updated-since) from the live sources into the catalog."""
    from nextseason.sources.registry import SOURCE_KEYS

    chosen = {s.strip() for s in (sources or ",".join(SOURCE_KEYS)).split(",") if s.strip()}
    unknown = chosen - set(SOURCE_KEYS)
    if unknown:
        raise UsageError(
            f"unknown source(s): {', '.join(sorted(unknown))}",
            hint=f"choose from {', '.join(SOURCE_KEYS)}",
        )
    picks = sum(
        x is not None and x is not False for x in (title or show_id, every or None, updated_since)
    )
    if picks != 1:
        raise UsageError("name one show (TITLE or --id), or pass --all or --updated-since")
    settings = settings_for(db)
    with open_catalog(settings) as catalog, http_client(settings) as client:
        refresher = make_refresher(catalog, client, settings, sources=chosen)
        if title or show_id is not None:
            try:
                entry, _ = catalog.find(title, year=year, show_id=show_id)
            except ShowNotFound:
                if settings.offline or not title:
                    raise
                results = [refresher.lookup_title(title, year=year)]
            else:
                results = [refresher.refresh(entry.id)]
        else:
            from nextseason.catalog import jobs
            from nextseason.refresh.refresher import shows_to_refresh
            from nextseason.sources.base import now_utc

            ids = shows_to_refresh(
                catalog,
                client,
                since=updated_since.date() if updated_since else None,
                today=refresher.today,
            )
            with catalog.transaction() as conn:
                jobs.enqueue(conn, ids, now_utc())
            if workers > 1 and len(ids) > 1:
                _refresh_pool(settings, refresher, workers, len(ids), fmt)
                return
            results = _refresh_many(catalog, refresher, len(ids))
    failed = [r for r in results if not r.stored]
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "refreshed": len(results) - len(failed),
                    "failed": len(failed),
                    "results": [_refresh_dict(r) for r in results],
                },
                indent=2,
            )
        )
        if results and len(failed) == len(results):
            raise SystemExit(4)
        return
    for r in results:
        if r.stored:
            click.echo(f"refreshed {r.title} [id {r.show_id}] from {', '.join(r.answered)}")
        warn([f"{r.title}: {w}" for w in r.warnings])
    if len(results) > 1:
        click.echo(
            f"{len(results) - len(failed)} of {len(results)} shows refreshed, {len(failed)} failed"
        )
    if results and len(failed) == len(results):
        raise SystemExit(4)


def _refresh_dict(result: RefreshResult) -> dict[str, object]:
    """One show's refresh as JSON (``refresh``/``worker --format json``)."""
    return {
        "show_id": result.show_id,
        "title": result.title,
        "stored": result.stored,
        "created": result.created,
        "unchanged": result.unchanged,
        "answered": result.answered,
        "warnings": result.warnings,
        "seconds": round(result.seconds, 3),
    }


def _refresh_many(catalog: Catalog, refresher: Refresher, total: int) -> list[RefreshResult]:
    """Work through the queue in this process, with a progress bar."""
    from nextseason.refresh.workers import run_worker

    results: list[RefreshResult] = []
    with progress_bar("refreshing", total) as done:

        def record(result: RefreshResult) -> None:
            results.append(result)
            done(len(results))

        run_worker(catalog, refresher, on_result=record)
    return results


def _refresh_pool(
    settings: Settings, refresher: Refresher, workers: int, total: int, fmt: str
) -> None:
    """Work through the queue with several processes sharing this machine's rate limits."""
    from nextseason import app
    from nextseason.refresh.workers import PoolJob, run_pool

    job = PoolJob(
        settings,
        refresher.today,
        tuple(sorted(refresher.sources)),
        batch=10,
        rules=app.next_season_verdict,
    )
    say(f"refreshing {total} shows with {workers} workers")
    with progress_bar(f"refreshing ({workers} workers)", total) as done:
        report = run_pool(job, workers, progress=lambda left: done(total - left))
    if fmt == "json":
        summary = {
            "refreshed": report.refreshed,
            "failed": report.failed,
            "total": total,
            "workers": workers,
            "warnings": report.warnings,
        }
        click.echo(json.dumps(summary, indent=2))
        if report.refreshed == 0:
            raise SystemExit(4)
        return
    warn(report.warnings)
    click.echo(f"{report.refreshed} of {total} shows refreshed, {report.failed} failed")
    if report.refreshed == 0:
        raise SystemExit(4)


@cli.command()
@click.option("--batch", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option(
    "--lease",
    type=click.IntRange(1, 86_400),
    default=600,
    show_default=True,
    help="Seconds a claimed batch stays this worker's before others may take it over.",
)
@click.option("--follow", is_flag=True, help="Keep polling the queue instead of stopping.")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(LIST_FORMATS),
    default="text",
    show_default=True,
    help="json: one JSON object per line (JSON Lines) for each show, then a summary line.",
)
@db_option
def worker(batch: int, lease: int, follow: bool, fmt: str, db: str | None) -> None:
    """Refresh the shows queued in the catalog (several workers may share one catalog)."""
    from datetime import timedelta

    from nextseason.refresh.workers import run_worker

    def show(result: RefreshResult) -> None:
        if fmt == "json":
            click.echo(json.dumps(_refresh_dict(result)))
            return
        click.echo(
            f"{'refreshed' if result.stored else 'failed'} {result.title} [id {result.show_id}]"
        )
        warn([f"{result.title}: {w}" for w in result.warnings])

    settings = settings_for(db)
    with open_catalog(settings) as catalog, http_client(settings) as client:
        refresher = make_refresher(catalog, client, settings)
        report = run_worker(
            catalog,
            refresher,
            batch=batch,
            lease=timedelta(seconds=lease),
            follow=follow,
            on_result=show,
        )
    if fmt == "json":
        summary = {"worker": report.name, "refreshed": report.refreshed, "failed": report.failed}
        click.echo(json.dumps(summary))
        return
    click.echo(f"worker {report.name}: {report.refreshed} refreshed, {report.failed} failed")


@cli.command()
@click.option(
    "--since",
    type=click.Choice(("day", "week", "month")),
    default=None,
    help="Only the shows TVmaze changed in the last day, week or month.",
)
@click.option("--full", is_flag=True, help="Read the whole show index again.")
@format_option
@db_option
def sync(since: str | None, full: bool, fmt: str, db: str | None) -> None:
    """Bring the catalog up to today from TVmaze's show index (every show, then changes)."""
    from dataclasses import asdict

    from rich.progress import Progress

    from nextseason.app import sync_catalog

    settings = settings_for(db)
    console = make_console(stderr=True)
    with (
        open_catalog(settings) as catalog,
        Progress(
            console=console, transient=True, disable=quiet() or not console.is_terminal
        ) as progress,
    ):
        task = progress.add_task("syncing from TVmaze", total=None)

        def step(report: SyncReport) -> None:
            progress.update(
                task,
                description=f"syncing from TVmaze: {report.pages} pages, {report.fetched:,} shows",
            )

        report = sync_catalog(catalog, settings, since=since, full=full, on_page=step)
    failed = not report.complete and report.fetched == 0 and report.unchanged == 0
    if fmt == "json":
        click.echo(json.dumps({**asdict(report), "stored": report.stored}, indent=2))
        if failed:
            raise SystemExit(4)
        return
    shown = report.warnings[:20]
    if len(report.warnings) > len(shown):
        shown.append(f"... and {len(report.warnings) - len(shown)} more")
    warn(shown)
    click.echo(_sync_line(report))
    if failed:
        raise SystemExit(4)


def _sync_line(report: SyncReport) -> str:
    counts = (
        f"{report.created:,} new, {report.updated:,} updated, {report.unchanged:,} unchanged"
        + (f", {report.skipped:,} malformed left out" if report.skipped else "")
    )
    took = f"in {report.seconds:.0f} s"
    if report.mode == "full":
        line = f"synced TVmaze's show index: {report.pages:,} pages, {report.fetched:,} shows"
    else:
        line = (
            f"synced the {report.changed:,} shows TVmaze changed in the last {report.window}"
            f" ({report.fetched:,} read)"
        )
    left = len(report.failed_pages) + len(report.failed_shows)
    tail = "" if report.complete else "; incomplete, the next sync goes on"
    if left:
        tail = f"; {left} left for the next sync"
    return f"{line} ({counts}) {took}{tail}"


@cli.command()
@click.argument("title")
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(1, 100),
    default=10,
    show_default=True,
    help="How many hits.",
)
@year_option
@click.option(
    "--format", "-f", "fmt", type=click.Choice(LIST_FORMATS), default="text", show_default=True
)
@db_option
def search(title: str, limit: int, year: int | None, fmt: str, db: str | None) -> None:
    """Find shows by TITLE (typos are fine), with year, platform and the next season's verdict."""
    from dataclasses import asdict

    from nextseason.app import search_rows

    settings = settings_for(db)
    with open_catalog(settings) as catalog:
        hits = search_rows(catalog, title, limit=limit, year=year, today=today_for(settings))
    if fmt == "json":
        click.echo(json.dumps([asdict(h) for h in hits], indent=2))
        return
    if not hits:
        note(f"no show matches {title!r}")
        raise SystemExit(2)
    from rich.table import Table

    table = Table(title=f"Shows matching {title!r}", title_justify="left")
    for column in ("id", "title", "year", "platform", "next season", "known from", "match"):
        table.add_column(column, justify="right" if column in ("id", "match") else "left")
    for h in hits:
        table.add_row(
            str(h.id),
            h.title,
            str(h.year or "?"),
            h.platform or "",
            h.verdict or "",
            ", ".join(h.known_from),
            "exact" if h.exact else f"{h.score:.0f}%",
        )
    print_table(table)


@cli.command()
@click.argument("title", required=False, shell_complete=complete_watched_title)
@click.option(
    "--season",
    "-s",
    type=click.IntRange(min=1),
    default=None,
    help="Season N (default: the next one).",
)
@click.option(
    "--format", "-f", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of standard output.",
)
@click.option(
    "--id", "show_id", type=SHOW_ID, default=None, help="The show's catalog id (see `search`)."
)
@click.option(
    "--charts",
    "charts_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write the interest and buzz charts (PNG and SVG) into this folder "
    '(needs the charts extra: pip install "nextseason[charts]").',
)
@year_option
@db_option
def report(
    title: str | None,
    season: int | None,
    fmt: str,
    output: Path | None,
    show_id: int | None,
    charts_dir: Path | None,
    year: int | None,
    db: str | None,
) -> None:
    """Everything about the next season of TITLE: status, episodes, interest, cast, sources."""
    need_show(title, show_id, 'nextseason report "Dash & Lily"')
    if charts_dir is not None:
        need_extra("charts", ("matplotlib",), "report --charts")
    from nextseason.report.build import build_report

    settings = settings_for(db)
    with open_catalog(settings) as catalog:
        entry = find_or_fetch(catalog, settings, title, year, show_id)
        if season is not None:
            from nextseason.app import check_season

            check_season(catalog, entry.id, season, today=today_for(settings))
        result = build_report(
            catalog,
            entry.id,
            season=season,
            countries=settings.countries,
            today=today_for(settings),
        )
    from nextseason.report.render import print_report, render

    if charts_dir is not None:
        from nextseason.report.charts import write_charts

        written = write_charts(result, charts_dir)
        say(
            f"wrote {len(written)} chart file{'s' * (len(written) != 1)} to {charts_dir}"
            if written
            else "no interest or buzz series to chart for this show"
        )
    if output is not None:
        with atomic_write(output) as tmp:
            tmp.write_text(render(result, fmt), encoding="utf-8")
        say(f"wrote {output}")
    elif fmt == "text":
        print_report(result, make_console())
    else:
        text = render(result, fmt)
        click.echo(text if text.endswith("\n") else text + "\n", nl=False)


@cli.group("import")
def import_group() -> None:
    """Bulk loads of published datasets."""


@import_group.command("bundled")
@click.argument("src_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the gzipped catalog (default: inside the package).",
)
def import_bundled(src_dir: Path, output: Path | None) -> None:
    """Rebuild the bundled catalog from the raw published files in SRC_DIR, reproducibly."""
    from nextseason.build import build_bundled
    from nextseason.catalog.db import bundled_catalog_path

    target = output or bundled_catalog_path()
    result = build_bundled(src_dir, target, progress=say)
    click.echo(json.dumps(result.to_dict(), indent=2, default=str))


@import_group.command("netflix-top10")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def import_netflix_top10(file: Path, db: str | None) -> None:
    """Load a published Netflix Top 10 weekly file (TSV, plain or .gz) into the catalog."""
    from nextseason.importers.netflix_files import import_top10

    with open_catalog(settings_for(db)) as catalog:
        result = import_top10(catalog, file)
    click.echo(json.dumps(result.to_dict(), indent=2, default=str))


@import_group.command("netflix-engagement")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--period",
    default=None,
    metavar="YYYYH1|YYYYH2",
    help="The half-year the report covers (default: read from the file name).",
)
@db_option
def import_netflix_engagement(file: Path, period: str | None, db: str | None) -> None:
    """Load a Netflix engagement report (CSV of the published sheet) into the catalog."""
    from nextseason.importers.netflix_files import import_engagement

    settings = settings_for(db)
    with open_catalog(settings) as catalog:
        result = import_engagement(catalog, file, today=today_for(settings), period=period)
    click.echo(json.dumps(result.to_dict(), indent=2, default=str))


@cli.group("watch")
def watch_group() -> None:
    """A watchlist of shows that `nextseason check` keeps an eye on."""


@watch_group.command("add")
@click.argument("title", required=False)
@click.option("--id", "show_id", type=SHOW_ID, default=None, help="The show's catalog id.")
@year_option
@format_option
@db_option
def watch_add(
    title: str | None, show_id: int | None, year: int | None, fmt: str, db: str | None
) -> None:
    """Watch TITLE (looked up like `report`: the catalog, then the live sources)."""
    from nextseason import app

    need_show(title, show_id)
    settings = settings_for(db)
    with open_catalog(settings) as catalog:
        entry = find_or_fetch(catalog, settings, title, year, show_id)
        watched = app.watch_add(catalog, entry.id, today=today_for(settings))
    if fmt == "json":
        payload = {
            "show": {"id": entry.id, "title": entry.title, "year": entry.year},
            "added": watched.added,
            "season": watched.verdict.season,
            "verdict": watched.verdict.verdict,
        }
        click.echo(json.dumps(payload, indent=2))
        return
    label = f"{entry.title} ({entry.year or 'year unknown'}) [id {entry.id}]"
    if not watched.added:
        click.echo(f"{label} is already watched")
        return
    click.echo(f"watching {label}: season {watched.verdict.season} {watched.verdict.verdict}")


@watch_group.command("remove")
@click.argument("title", required=False, shell_complete=complete_watched_title)
@click.option("--id", "show_id", type=SHOW_ID, default=None, help="The show's catalog id.")
@year_option
@format_option
@db_option
def watch_remove(
    title: str | None, show_id: int | None, year: int | None, fmt: str, db: str | None
) -> None:
    """Stop watching TITLE."""
    from nextseason import app

    need_show(title, show_id)
    settings = settings_for(db)
    with open_catalog(settings) as catalog:
        entry, _ = catalog.find(title, year=year, show_id=show_id)
        removed = app.watch_remove(catalog, entry.id)
    if not removed:
        raise UsageError(
            f"{entry.title} [id {entry.id}] is not watched", hint="see `nextseason watch list`"
        )
    if fmt == "json":
        show = {"id": entry.id, "title": entry.title, "year": entry.year}
        click.echo(json.dumps({"show": show, "removed": True}, indent=2))
        return
    click.echo(f"stopped watching {entry.title} [id {entry.id}]")


@watch_group.command("list")
@click.option(
    "--format", "-f", "fmt", type=click.Choice(LIST_FORMATS), default="text", show_default=True
)
@db_option
def watch_list(fmt: str, db: str | None) -> None:
    """The watched shows, each with its verdict and the date of the last check."""
    from nextseason.catalog import watchlist as store

    with open_catalog(settings_for(db)) as catalog, catalog.connect() as conn:
        shows = store.watched(conn)
    rows = [
        {
            "id": s.show_id,
            "title": s.title,
            "year": s.year,
            "season": s.state.get("season"),
            "verdict": s.state.get("verdict"),
            "pending": s.state.get("pending"),
            "added": s.added_at.date().isoformat(),
            "last_check": s.checked_at.isoformat(timespec="minutes") if s.checked_at else None,
        }
        for s in shows
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo("the watchlist is empty; add a show with `nextseason watch add TITLE`")
        return
    from rich.table import Table

    table = Table(title="Watched shows", title_justify="left")
    for column in ("id", "title", "season", "verdict", "last check"):
        table.add_column(column)
    for row in rows:
        verdict = str(row["verdict"] or "?")
        if row["pending"]:
            verdict += f" ({row['pending']}? awaiting confirmation)"
        table.add_row(
            str(row["id"]),
            f"{row['title']} ({row['year'] or '?'})",
            str(row["season"] or ""),
            verdict,
            str(row["last_check"] or "never"),
        )
    print_table(table)


@cli.command()
@click.option(
    "--feed",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the Atom feed of confirmed changes to this file.",
)
@click.option("--no-refresh", is_flag=True, help="Do not ask the live sources; use the catalog.")
@format_option
@db_option
def check(feed: Path | None, no_refresh: bool, fmt: str, db: str | None) -> None:
    """Refresh the watched shows and say what changed (exit 10 when something did)."""
    from dataclasses import asdict

    from nextseason.catalog.versions import watchlist_version
    from nextseason.watch.check import run_check

    settings = settings_for(db)
    webhook = None
    if settings.webhook_url:
        from nextseason.watch.webhook import WebhookConfig, parse_webhook_url

        webhook = WebhookConfig(parse_webhook_url(settings.webhook_url), settings.webhook_secret)
    if feed is not None and not feed.parent.is_dir():
        raise UsageError(f"cannot write the feed: the folder {feed.parent} does not exist")
    if feed is not None and feed.is_dir():
        raise UsageError(f"cannot write the feed: {feed} is a folder")
    with open_catalog(settings) as catalog:
        if no_refresh:
            result = run_check(catalog, today=today_for(settings), feed=feed, webhook=webhook)
        else:
            with catalog.connect() as conn:
                watched = watchlist_version(conn)[0]
            with http_client(settings) as client, progress_bar("checking", watched) as done:
                result = run_check(
                    catalog,
                    today=today_for(settings),
                    refresher=make_refresher(catalog, client, settings),
                    feed=feed,
                    webhook=webhook,
                    progress=lambda n, _total: done(n),
                )
    if fmt == "json":
        payload = {
            "checked": result.checked,
            "changes": [asdict(change) for change in result.changes],
            "pending_confirmation": result.pending_confirmation,
            "skipped": result.skipped,
            "warnings": result.warnings,
            "delivered": result.delivered,
            "undelivered": result.undelivered,
            "feed": str(result.feed) if result.feed else None,
        }
        click.echo(json.dumps(payload, indent=2, default=str))
        if result.changes:
            raise SystemExit(10)
        return
    warn(result.warnings)
    for change in result.changes:
        click.echo(change.summary)
    tail = (
        f", {result.pending_confirmation} awaiting confirmation"
        if result.pending_confirmation
        else ""
    )
    skipped = f", {len(result.skipped)} skipped" if result.skipped else ""
    say(
        f"checked {result.checked} show{'s' * (result.checked != 1)}: "
        f"{len(result.changes) or 'no'} change{'s' * (len(result.changes) != 1)}{tail}{skipped}"
    )
    if result.changes:
        raise SystemExit(10)


@cli.group("db")
def db_group() -> None:
    """Inspect and maintain the local catalog."""


@db_group.command("info")
@format_option
@db_option
def db_info(fmt: str, db: str | None) -> None:
    """Where the catalog is, its schema revision, and how many rows it holds."""
    from sqlalchemy.engine import make_url

    from nextseason.catalog.db import SCHEMA_REVISION

    settings = settings_for(db)
    with open_catalog(settings) as catalog:
        counts = catalog.counts()
    where = make_url(settings.db_url).render_as_string(hide_password=True)
    if fmt == "json":
        payload = {"catalog": where, "schema_revision": SCHEMA_REVISION, "rows": counts}
        click.echo(json.dumps(payload, indent=2))
        return
    click.echo(f"catalog: {where}")
    click.echo(f"schema revision: {SCHEMA_REVISION}")
    for table, count in counts.items():
        click.echo(f"{table}: {count:,}")


@db_group.command("check")
@format_option
@db_option
def db_check(fmt: str, db: str | None) -> None:
    """Check the catalog's integrity and migration state."""
    from nextseason.catalog.db import check_integrity

    settings = settings_for(db)
    with open_catalog(settings) as catalog:
        problems = check_integrity(catalog.engine)
    if fmt == "json":
        click.echo(json.dumps({"ok": not problems, "problems": problems}, indent=2))
        if problems:
            raise SystemExit(3)
        return
    if problems:
        for problem in problems:
            click.echo(f"problem: {problem}", err=True)
        raise SystemExit(3)
    click.echo("ok: schema is current and the integrity check passed")


@db_group.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@format_option
@db_option
def db_backup(target: Path, fmt: str, db: str | None) -> None:
    """Copy a SQLite catalog to TARGET safely, even while it is in use."""
    from nextseason.catalog.db import backup_sqlite

    settings = settings_for(db)
    with open_catalog(settings) as catalog:
        size = backup_sqlite(catalog.engine, target)
    if fmt == "json":
        click.echo(json.dumps({"backup": str(target), "bytes": size}, indent=2))
        return
    click.echo(f"backed up the catalog to {target} ({size / 1e6:.1f} MB)")


@db_group.command("upgrade")
@format_option
@db_option
def db_upgrade(fmt: str, db: str | None) -> None:
    """Apply pending schema migrations (they also run automatically on first use)."""
    from nextseason.catalog.db import SCHEMA_REVISION

    settings = settings_for(db)
    with open_catalog(settings):
        pass
    if fmt == "json":
        click.echo(json.dumps({"ok": True, "schema_revision": SCHEMA_REVISION}, indent=2))
        return
    click.echo("ok: schema is current")


@cli.command("config")
@click.option(
    "--format", "-f", "fmt", type=click.Choice(LIST_FORMATS), default="text", show_default=True
)
@click.option("--path", "path_only", is_flag=True, help="Only the settings file's path.")
@db_option
def config_cmd(fmt: str, path_only: bool, db: str | None) -> None:
    """Every setting's effective value and where it came from (default, file, environment,
    option), with its environment variable and meaning."""
    from nextseason.app import effective_settings
    from nextseason.config import config_path

    path = config_path()
    if path_only:
        if fmt == "json":
            click.echo(json.dumps({"path": str(path), "exists": path.is_file()}, indent=2))
        else:
            click.echo(str(path))
        return
    settings = settings_for(db)
    rows = effective_settings(settings)
    if fmt == "json":
        payload = {"file": {"path": str(path), "exists": path.is_file()}, "settings": rows}
        click.echo(json.dumps(payload, indent=2))
        return
    from rich.table import Table

    found = "" if path.is_file() else " (none there)"
    click.echo(f"settings file: {path}{found}")
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("setting", "value", "from", "variable", "meaning"):
        table.add_column(column, overflow="fold")
    for row in rows:
        value = row["value"]
        table.add_row(
            str(row["name"]),
            "(not set)" if value is None else str(value),
            str(row["origin"]),
            str(row["env"]),
            str(row["help"]),
        )
    print_table(table)


def _register() -> None:
    """Commands defined beside their features (each module imports only click at the top)."""
    from nextseason.factcheck.command import factcheck
    from nextseason.outlook.command import outlook
    from nextseason.similar.command import similar
    from nextseason.web.command import serve, token_group

    cli.add_command(similar)
    cli.add_command(factcheck)
    cli.add_command(outlook)
    cli.add_command(serve)
    cli.add_command(token_group)
    add_root_options(cli)  # last: every command, including those added above


_register()


def _json_error(code: str, message: str) -> None:
    """An error as the JSON API gives it, on standard error (under ``--format json``)."""
    sys.stderr.write(json.dumps({"error": {"code": code, "message": message}}) + "\n")


def _fail(exc: NextseasonError) -> NoReturn:
    err = sys.stderr
    if json_output():
        err.write(json.dumps(exc.to_dict()) + "\n")
        raise SystemExit(exc.exit_code)
    err.write(f"{'error' if exc.exit_code else 'note'}: {exc}\n")
    if isinstance(exc, ShowLookupError) and exc.candidates:
        err.write("did you mean:\n" if exc.code == "not_found" else "candidates:\n")
        for c in exc.candidates:
            err.write(f"  {c.label()}\n")
    raise SystemExit(exc.exit_code)


def _discard_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (a test's captured stream)
        pass


def _is_pacified(stream: object) -> bool:
    """Whether click has wrapped standard output after a broken pipe. The wrapper's class is
    ``PacifyFlushWrapper`` in click 8.1 and ``_PacifyFlushWrapper`` from 8.2, so it is matched
    by name rather than imported."""
    return type(stream).__name__.lstrip("_") == "PacifyFlushWrapper"


def main(argv: list[str] | None = None) -> None:
    """Entry point: run a command; render user errors as one line and an exit code."""
    # A command imports tens of thousands of objects and mostly allocates without cycles:
    # collecting less often, and not at all at exit, cuts start-up and shut-down time by a
    # fifth. Long runs (refresh --all, check) still collect, just in bigger steps.
    gc.set_threshold(50_000, 20, 20)
    atexit.register(gc.freeze)
    from nextseason.logs import configure

    configure(0)  # the options -v/-vv/-q change the level as they are parsed
    reset_json_output()  # --format json, once parsed, makes errors JSON too
    try:
        code = cli.main(args=argv, prog_name="nextseason", standalone_mode=False)
    except SystemExit as exc:
        if exc.code == 1 and _is_pacified(sys.stdout):
            # click's way of saying the reader went away (it exits 1): a quiet success.
            _discard_stdout()
            raise SystemExit(0) from None
        raise
    except NextseasonError as exc:
        _fail(exc)
    except (click.exceptions.Abort, KeyboardInterrupt):
        if json_output():
            _json_error("interrupted", "interrupted; nothing was changed")
        else:
            sys.stderr.write("interrupted; nothing was changed\n")
        raise SystemExit(130) from None
    except click.exceptions.ClickException as exc:
        if json_output():
            _json_error("bad_request", exc.format_message())
        else:
            exc.show()
        raise SystemExit(exc.exit_code) from None
    except click.exceptions.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error worth a message. What is still
        # buffered for standard output goes nowhere, so that flushing it at exit cannot fail.
        _discard_stdout()
        raise SystemExit(0) from None
    except Exception as exc:
        from nextseason.config import debug_enabled

        if debug_enabled():
            raise
        message = (
            f"unexpected failure ({type(exc).__name__}: {exc}); nothing was changed. "
            "Run again with NEXTSEASON_DEBUG=1 to see the details, and please report it."
        )
        if json_output():
            _json_error("unexpected", message)
        else:
            sys.stderr.write(f"error: {message}\n")
        raise SystemExit(1) from None
    raise SystemExit(code if isinstance(code, int) else 0)
