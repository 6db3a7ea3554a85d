"""The application layer: what the CLI and the web both do, as functions that return records.

The commands (:mod:`nextseason.cli`) and the web app (:mod:`nextseason.web`) parse their
input, call these, and print or render what comes back; notes and warnings come back as data
(:class:`Found`), never as prints, so a terminal and a page say the same thing. Below this
layer nothing knows about click or HTTP requests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from nextseason.errors import ShowNotFound, SourceError, UsageError

if TYPE_CHECKING:
    from nextseason.catalog import Catalog, TitleEntry
    from nextseason.catalog.search import SearchHit
    from nextseason.catalog.verdicts import Judged, Judging
    from nextseason.config import Settings
    from nextseason.model import StatusFacts, StatusVerdict
    from nextseason.refresh.refresher import RefreshResult
    from nextseason.refresh.sync import SyncReport

__all__ = [
    "Found",
    "SearchRow",
    "WatchAdded",
    "check_season",
    "effective_settings",
    "find_or_fetch",
    "judging",
    "next_season",
    "next_season_verdict",
    "refresh_show",
    "search_rows",
    "search_rows_of",
    "season_bounds",
    "suggestion_rows",
    "sync_catalog",
    "watch_add",
    "watch_remove",
]


@dataclass
class Found:
    """The show a title means, and what the user should be told about how it was found."""

    entry: TitleEntry
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def find_or_fetch(
    catalog: Catalog,
    settings: Settings,
    title: str | None,
    year: int | None,
    show_id: int | None,
    *,
    today: date,
) -> Found:
    """The show a title means: from the catalog, else (online) looked up live and stored.

    An inexact catalog match is first tried live (a better show may exist); when that finds
    nothing, the closest match is kept with a note saying so.
    """
    try:
        entry, exact = catalog.find(title, year=year, show_id=show_id)
    except ShowNotFound as missing:
        if settings.offline or show_id is not None or not title:
            raise
        return _fetch_live(catalog, settings, title, year, missing, today)
    if not exact and title and not settings.offline:
        try:
            return _fetch_live(catalog, settings, title, year, None, today)
        except (ShowNotFound, SourceError):
            pass
    found = Found(entry)
    if not exact:
        found.notes.append(
            f"no show is called {title!r}; showing the closest match, "
            f"{entry.title} ({entry.year or 'year unknown'}) [id {entry.id}]"
        )
    return found


def _fetch_live(
    catalog: Catalog,
    settings: Settings,
    title: str,
    year: int | None,
    missing: ShowNotFound | None,
    today: date,
) -> Found:
    """Look a title up on the live sources, store it, and return its catalog entry."""
    from nextseason.refresh import open_client, refresher_for

    with open_client(settings) as client:
        try:
            refresher = refresher_for(catalog, client, settings, today=today)
            result = refresher.lookup_title(title, year=year)
        except ShowNotFound as live:
            if missing is None:
                raise
            seen = {(c.title, c.year) for c in missing.candidates}
            extra = [c for c in live.candidates if (c.title, c.year) not in seen]
            raise ShowNotFound(
                f"no show matches {title!r} in the catalog or on TVmaze",
                [*missing.candidates, *extra][:8],
            ) from None
        except SourceError as exc:
            if missing is None:
                raise
            raise ShowNotFound(
                missing.message, missing.candidates, hint=f"could not ask TVmaze: {exc}"
            ) from None
    if not result.stored or result.show_id is None:
        raise ShowNotFound(f"no show matches {title!r}", missing.candidates if missing else [])
    entry, _ = catalog.find(None, show_id=result.show_id)
    return Found(
        entry,
        notes=[f"fetched {entry.title} from the live sources into the catalog"],
        warnings=list(result.warnings),
    )


def next_season_verdict(facts: StatusFacts, today: date) -> StatusVerdict:
    """The verdict rules the catalog stores verdicts with: the next season's verdict."""
    from nextseason.analysis.status import verdict_for

    return verdict_for(facts, today)


def judging(today: Callable[[], date]) -> Judging:
    """What the entry points hand the catalog so that its writes store verdicts: the rules,
    and the day they count from (the app's ``today``: ``NEXTSEASON_TODAY`` or the date)."""
    from nextseason.catalog.verdicts import Judging

    return Judging(next_season_verdict, today)


def next_season(catalog: Catalog, show_ids: list[int], *, today: date) -> dict[int, Judged]:
    """Each show's verdict on its next season, and the highest season known: stored with
    the show, computed again only when it was stored for a day before yesterday."""
    return catalog.verdicts(show_ids, today, next_season_verdict)


def season_bounds(facts: StatusFacts, today: date) -> tuple[int, int]:
    """(the default season, the highest one worth asking about: one past the last season
    any source knows). The CLI and the web cap a season the same way."""
    from nextseason.analysis.status import default_season

    default = default_season(facts, today)
    known = max((c.season for c in facts.claims), default=0)
    return default, max(default, known + 1)


def check_season(catalog: Catalog, show_id: int, season: int, *, today: date) -> int:
    """The highest season a report may be asked for; a UsageError when ``season`` is past
    it (a report on season 99999 would be about nothing)."""
    from nextseason.catalog.queries import status_facts

    with catalog.connect() as conn:
        facts = status_facts(conn, [show_id]).get(show_id)
    if facts is None:
        raise ShowNotFound(f"no show has id {show_id}")
    _, upper = season_bounds(facts, today)
    if not 1 <= season <= upper:
        raise UsageError(
            f"season {season} is out of range for this show: ask for 1 to {upper}",
            hint="the last season any source knows, and the one after it",
        )
    return upper


@dataclass(frozen=True)
class SearchRow:
    """One search hit, as both the CLI's table and the API's results show it."""

    id: int
    title: str
    year: int | None
    platform: str | None
    status: str | None
    score: float
    exact: bool
    known_from: list[str]
    verdict: str | None = None  # the next season's verdict, when asked for (``today``)


def search_rows(
    catalog: Catalog,
    query: str,
    *,
    limit: int,
    year: int | None = None,
    today: date | None = None,
) -> list[SearchRow]:
    """Shows matching a title (typos are fine), with the sources that list each, and with
    ``today`` each one's verdict."""
    return _rows(catalog, catalog.search(query, limit=limit, year=year), today)


def suggestion_rows(
    catalog: Catalog,
    query: str,
    *,
    limit: int = 5,
    year: int | None = None,
    today: date | None = None,
) -> list[SearchRow]:
    """Looser matches for a query nothing matched well: "did you mean"."""
    return _rows(catalog, catalog.suggest(query, limit=limit, year=year), today)


def search_rows_of(
    catalog: Catalog, hits: list[SearchHit], *, today: date | None = None
) -> list[SearchRow]:
    """Search hits as rows: with the sources that list each and, with ``today``, verdicts."""
    return _rows(catalog, hits, today)


def _rows(catalog: Catalog, hits: list[SearchHit], today: date | None) -> list[SearchRow]:
    if not hits:
        return []
    ids = [h.entry.id for h in hits]
    sources = catalog.known_from(ids)
    verdicts: dict[int, str] = {}
    if today is not None:
        verdicts = {i: j.verdict.verdict for i, j in next_season(catalog, ids, today=today).items()}
    return [
        SearchRow(
            id=h.entry.id,
            title=h.entry.title,
            year=h.entry.year,
            platform=h.entry.platform,
            status=h.entry.status,
            score=round(h.score, 1),
            exact=h.exact,
            known_from=sources.get(h.entry.id, []),
            verdict=verdicts.get(h.entry.id),
        )
        for h in hits
    ]


@dataclass(frozen=True)
class WatchAdded:
    """A show put on the watchlist (``added`` False: it already was), and its verdict now."""

    show_id: int
    added: bool
    verdict: StatusVerdict


def watch_add(catalog: Catalog, show_id: int, *, today: date) -> WatchAdded:
    """Watch a show, with what it looks like now as the baseline, so that the first check
    reports no change."""
    from nextseason.analysis.status import verdict_for
    from nextseason.catalog import watchlist as store
    from nextseason.catalog.queries import status_facts
    from nextseason.sources.base import now_utc
    from nextseason.watch.state import observe

    with catalog.connect() as conn:
        facts = status_facts(conn, [show_id]).get(show_id)
    if facts is None:
        raise ShowNotFound(f"no show has id {show_id}")
    verdict = verdict_for(facts, today)
    baseline, _, _ = observe(None, facts, verdict)
    with catalog.transaction() as conn:
        added = store.add(conn, show_id, baseline.to_json(), now_utc())
    return WatchAdded(show_id, added, verdict)


def watch_remove(catalog: Catalog, show_id: int) -> bool:
    """Stop watching a show; False when it was not watched."""
    from nextseason.catalog import watchlist as store

    with catalog.transaction() as conn:
        return store.remove(conn, show_id)


def refresh_show(
    catalog: Catalog, settings: Settings, show_id: int, *, today: date
) -> RefreshResult:
    """Fetch one catalog show from the configured live sources and store it."""
    from nextseason.refresh import open_client, refresher_for

    catalog.known(show_id)  # ShowNotFound before any network traffic
    with open_client(settings) as client:
        return refresher_for(catalog, client, settings, today=today).refresh(show_id)


def effective_settings(settings: Settings) -> list[dict[str, object]]:
    """Every setting (the live sources' URLs included) with its effective value, where that
    came from, its variable, shown default and meaning; secrets as ``"***"`` when set.
    What ``nextseason config`` prints."""
    from sqlalchemy.engine import make_url

    from nextseason.config import config_path
    from nextseason.sources.registry import all_settings, url_settings

    url_envs = {s.env for s in url_settings()}
    settings.check_source_urls(url_envs)
    rows: list[dict[str, object]] = []
    for setting in all_settings():
        origin: str
        value: object
        if setting.name == "config":
            path = config_path()  # config.py reads NEXTSEASON_CONFIG
            value = str(path)
            origin = "default" if path == config_path({}) else "environment"
        elif setting.env in url_envs:
            value = settings.source_urls.get(setting.env, setting.default)
            origin = settings.origin(setting.env)
        else:
            raw = getattr(settings, "db_url" if setting.name == "db" else setting.name)
            origin = settings.origin(setting.name)
            if setting.secret:
                value = "***" if raw else None
            elif setting.name == "db":
                value = make_url(str(raw)).render_as_string(hide_password=True)
            elif setting.name == "cache_dir":
                value = str(raw) if raw is not None else "off"
            elif isinstance(raw, tuple):
                value = ",".join(raw)
            elif raw is None or isinstance(raw, bool | int | float | str):
                value = raw
            else:
                value = str(raw)
        rows.append(
            {
                "name": setting.name,
                "value": value,
                "origin": origin,
                "env": setting.env,
                "default": setting.default,
                "help": setting.help,
            }
        )
    return rows


def sync_catalog(
    catalog: Catalog,
    settings: Settings,
    *,
    since: str | None = None,
    full: bool = False,
    on_page: Callable[[SyncReport], None] | None = None,
) -> SyncReport:
    """Bring the catalog up to date from TVmaze's show index (``nextseason sync``): every
    show the first time (or with ``full``), then the shows changed since the last sync."""
    from nextseason.refresh import open_client
    from nextseason.refresh.sync import Syncer

    with open_client(settings) as client:
        return Syncer(catalog, client, on_page=on_page).run(since=since, full=full)
