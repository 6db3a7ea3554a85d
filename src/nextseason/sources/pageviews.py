"""Wikimedia pageviews: daily views of a show's Wikipedia article and of its season articles.

The per-article endpoint of the Wikimedia REST API,
``/per-article/{project}/all-access/user/{article}/daily/{YYYYMMDD}/{YYYYMMDD}``, counts
views by people (agent ``user``: known spiders and automated traffic left out) on every
platform. Data starts on 2015-07-01. An article with no views in the range, or none at all,
answers 404: that is an empty series, not a failure.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, TypedDict
from urllib.parse import quote

from nextseason.errors import SourceBadPayload
from nextseason.model import InterestRecord, ShowBundle
from nextseason.provenance import source_info
from nextseason.sources.base import (
    FetchContext,
    LiveSource,
    SourcePolicy,
    interest_bundle,
    now_utc,
    source_ref,
)

if TYPE_CHECKING:
    from nextseason.sources.http import HttpClient

__all__ = ["FIRST_DAY", "article_path", "daily_views", "season_views"]

SOURCE = "wikipedia_pageviews"
LABEL = "Wikimedia pageviews"
LICENCE = "CC0 1.0"
FIRST_DAY = date(2015, 7, 1)  # the API has no per-article data before this day


class PageviewItem(TypedDict):
    """One day of one article, as the API returns it."""

    project: str
    article: str
    granularity: str
    timestamp: str  # YYYYMMDDHH, HH always 00 for daily data
    access: str
    agent: str
    views: int


class PageviewResponse(TypedDict):
    items: list[PageviewItem]


def article_path(article: str, *, start: date, end: date, project: str = "en.wikipedia") -> str:
    """The API path for one article's daily user views (title with underscores, encoded)."""
    # Encoded as Wikimedia's own tools do (JavaScript's encodeURIComponent): "/" too.
    title = quote(article.strip().replace(" ", "_"), safe="!~*'()")
    return (
        f"per-article/{project}/all-access/user/{title}/daily/"
        f"{start.strftime('%Y%m%d')}/{end.strftime('%Y%m%d')}"
    )


def _points(payload: object, article: str) -> list[tuple[date, int]]:
    items = payload.get("items") if isinstance(payload, dict) else None
    if not isinstance(items, list):
        raise SourceBadPayload(f"{LABEL}: unexpected answer (no items list)", source=SOURCE)
    wanted = _title(article)
    points: list[tuple[date, int]] = []
    for item in items:
        stamp = item.get("timestamp") if isinstance(item, dict) else None
        views = item.get("views") if isinstance(item, dict) else None
        named = item.get("article") if isinstance(item, dict) else None
        if isinstance(named, str) and _title(named) != wanted:
            # Another article's views would be another show's interest.
            raise SourceBadPayload(
                f"{LABEL}: asked for the views of {article!r}, answered with {named!r}",
                source=SOURCE,
            )
        if not isinstance(stamp, str) or not isinstance(views, int):
            raise SourceBadPayload(
                f"{LABEL}: unexpected answer (an item without timestamp or views)", source=SOURCE
            )
        try:
            day = datetime.strptime(stamp[:8], "%Y%m%d").date()
        except ValueError:
            raise SourceBadPayload(
                f"{LABEL}: unexpected answer (timestamp {stamp!r})", source=SOURCE
            ) from None
        points.append((day, views))
    return points


def _views(
    client: HttpClient, article: str, *, start: date, end: date, project: str, season: int
) -> list[InterestRecord]:
    start = max(start, FIRST_DAY)
    if end < start or not article.strip():
        return []
    path = article_path(article, start=start, end=end, project=project)
    try:
        payload = client.get_json(SOURCE, path)
    except SourceBadPayload as exc:
        if exc.status == 404:  # no data for this article in the range
            return []
        raise
    ref = source_ref(SOURCE, f"{client.base_url(SOURCE)}/{path}", LICENCE, now_utc())
    return [
        InterestRecord(SOURCE, "views", "day", day, float(views), ref, season=season)
        for day, views in sorted(_points(payload, article))
    ]


def _title(article: str) -> str:
    """An article title as the API writes it (underscores for spaces; a title's first letter
    is case-insensitive on Wikipedia)."""
    title = article.strip().replace(" ", "_")
    return title[:1].upper() + title[1:]


def daily_views(
    client: HttpClient,
    article: str,
    *,
    start: date,
    end: date,
    project: str = "en.wikipedia",
) -> list[InterestRecord]:
    """Daily user views of one article (season 0: the show), oldest first; [] when none."""
    return _views(client, article, start=start, end=end, project=project, season=0)


def season_views(
    client: HttpClient,
    season_articles: dict[int, str],
    *,
    start: date,
    end: date,
    project: str = "en.wikipedia",
) -> list[InterestRecord]:
    """Daily user views of each season's article, tagged with the season number.

    Asked one article after another (the API wants sequential clients).
    """
    points: list[InterestRecord] = []
    for season, article in sorted(season_articles.items()):
        points += _views(client, article, start=start, end=end, project=project, season=season)
    return points


# ---------------------------------------------------------------------------------------
# The live source


class PageviewsSource(LiveSource):
    """Daily views of the show's (and each season's) English Wikipedia article, named by
    Wikidata's answer earlier in the same refresh."""

    key = SOURCE
    info = source_info(SOURCE)
    policy = SourcePolicy(
        SOURCE,
        LABEL,
        "https://wikimedia.org/api/rest_v1/metrics/pageviews",
        "NEXTSEASON_PAGEVIEWS_URL",
        one_at_a_time=True,
        ttl_seconds=24 * 3600,
    )

    def fetch(
        self, client: HttpClient, show: ShowBundle, context: FetchContext
    ) -> ShowBundle | None:
        facts = context.earlier.get("wikidata")
        record = next((r for r in facts.records if r.source == "wikidata"), None) if facts else None
        article = record.data.get("enwiki") if record else None
        if not article or record is None:
            return None
        start = max(show.premiered or FIRST_DAY, FIRST_DAY)
        end = context.today - timedelta(days=1)
        points = daily_views(client, str(article), start=start, end=end)
        seasons = {
            int(k): str(v) for k, v in dict(record.data.get("season_articles") or {}).items()
        }
        if seasons:
            points += season_views(client, seasons, start=start, end=end)
        return interest_bundle(show, self.info, points)


LIVE = PageviewsSource()
