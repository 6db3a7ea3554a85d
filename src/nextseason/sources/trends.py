"""Google Trends: relative search interest for a show's title and for "<title> season N".

Google publishes no API for Trends; this follows the web page's own calls, as pytrends does:

1. ``/trends/api/explore`` with ``req`` (the keywords, time frame and region as JSON)
   answers the page's widgets; the ``TIMESERIES`` widget carries a request and a token.
   This is a POST, as in pytrends' recorded sessions since Google began answering the GET
   with 429.
2. ``/trends/api/widgetdata/multiline`` with that request and token answers
   ``default.timelineData``: one point per day or week, a value per keyword.

Both answers start with the anti-JSON-hijacking prefix ``)]}'`` (and a comma for the second),
stripped before decoding. The keywords of one request share one scale: 100 is the highest
point of any of them, so "<title> season N" reads against the title itself.

Trends is best-effort. Google rate limits (429) and sometimes answers with an HTML consent or
"unusual traffic" page; both become a one-line error, :data:`BLOCKED`, and every other
failure says the report goes on without Trends too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TypedDict
from urllib.parse import urlencode

from nextseason.errors import (
    SourceAuthError,
    SourceBadPayload,
    SourceError,
    SourceRateLimited,
    SourceUnavailable,
)
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

__all__ = ["BLOCKED", "interest_over_time", "season_keyword", "trend_points"]

SOURCE = "google_trends"
LABEL = "Google Trends"
LICENCE = "Google Trends terms (unofficial, best-effort)"
BLOCKED = f"{LABEL}: blocked or rate limited; the report goes on without it"
GOES_ON = "the report goes on without it"
MAX_KEYWORDS = 5  # the explore page compares at most five terms
_PREFIX = ")]}'"


class ComparisonItem(TypedDict):
    keyword: str
    time: str
    geo: str


class Widget(TypedDict, total=False):
    id: str
    token: str
    request: dict[str, Any]  # sent back verbatim


class ExploreResponse(TypedDict):
    widgets: list[Widget]


class TimelinePoint(TypedDict, total=False):
    time: str  # Unix seconds, UTC, as a string
    formattedTime: str
    value: list[int]
    hasData: list[bool]
    isPartial: bool  # the current, incomplete day or week


class Timeline(TypedDict):
    timelineData: list[TimelinePoint]


class MultilineResponse(TypedDict):
    default: Timeline


def season_keyword(title: str, season: int) -> str:
    """The search term for a season: "<title> season N"."""
    return f"{title} season {season}"


def _fail(exc: SourceError) -> NoReturn:
    """Re-raise a failure as one line that says the report goes on without Trends."""
    if isinstance(exc, SourceRateLimited | SourceAuthError):
        kind: type[SourceError] = (
            SourceRateLimited if isinstance(exc, SourceRateLimited) else SourceUnavailable
        )
        raise kind(BLOCKED, source=SOURCE, status=exc.status) from None
    raise type(exc)(f"{exc.message}; {GOES_ON}", source=SOURCE, status=exc.status) from None


def _decode(text: str) -> object:
    body = text.lstrip()
    if body.startswith("<"):  # a consent, "unusual traffic" or error page instead of data
        raise SourceUnavailable(BLOCKED, source=SOURCE)
    if body.startswith(_PREFIX):
        body = body[len(_PREFIX) :].lstrip().removeprefix(",")
    try:
        return json.loads(body)
    except ValueError:
        raise SourceBadPayload(
            f"{LABEL}: expected JSON, got malformed JSON; {GOES_ON}", source=SOURCE
        ) from None


def _get(
    client: HttpClient, path: str, params: Mapping[str, str], *, method: str = "GET"
) -> object:
    try:
        # Never cached: each explore answer carries a new token, so no widgetdata URL recurs.
        response = client.request(SOURCE, path, method=method, params=params, use_cache=False)
    except SourceError as exc:
        _fail(exc)
    return _decode(response.text)


def _bad(what: str) -> SourceBadPayload:
    return SourceBadPayload(f"{LABEL}: unexpected answer ({what}); {GOES_ON}", source=SOURCE)


def _timeseries_widget(payload: object) -> Widget:
    widgets = payload.get("widgets") if isinstance(payload, dict) else None
    if not isinstance(widgets, list):
        raise _bad("no widgets in the explore answer")
    for widget in widgets:
        if isinstance(widget, dict) and widget.get("id") == "TIMESERIES":
            if not isinstance(widget.get("token"), str) or not isinstance(
                widget.get("request"), dict
            ):
                raise _bad("the TIMESERIES widget has no token or request")
            return Widget(id="TIMESERIES", token=widget["token"], request=widget["request"])
    raise _bad("no TIMESERIES widget")


def _series(payload: object, keywords: list[str]) -> dict[str, list[tuple[date, float]]]:
    default = payload.get("default") if isinstance(payload, dict) else None
    timeline = default.get("timelineData") if isinstance(default, dict) else None
    if not isinstance(timeline, list):
        raise _bad("no default.timelineData")
    series: dict[str, list[tuple[date, float]]] = {keyword: [] for keyword in keywords}
    for point in timeline:
        if not isinstance(point, dict):
            raise _bad("a timeline point is not an object")
        stamp, values = point.get("time"), point.get("value")
        if not isinstance(stamp, str | int) or not isinstance(values, list):
            raise _bad("a timeline point without time or value")
        if len(values) != len(keywords):
            raise _bad(f"{len(values)} values for {len(keywords)} keywords")
        if point.get("isPartial"):
            continue  # an unfinished day or week would read as a fall
        has_data = point.get("hasData") or [True] * len(values)
        try:
            day = datetime.fromtimestamp(int(stamp), UTC).date()
        except (ValueError, OverflowError):
            raise _bad(f"time {stamp!r}") from None
        for keyword, value, present in zip(keywords, values, has_data, strict=False):
            if present and isinstance(value, int | float):
                series[keyword].append((day, float(value)))
    return series


def interest_over_time(
    client: HttpClient,
    keywords: list[str],
    *,
    timeframe: str = "today 5-y",
    geo: str = "",
) -> dict[str, list[tuple[date, float]]]:
    """Search interest (0-100, one shared scale) per keyword: day or week, oldest first.

    ``timeframe`` is Trends' own ("today 5-y" gives weeks, "today 3-m" days); ``geo`` a
    country code or "" for worldwide. Points still in progress are left out.
    """
    if not keywords or len(keywords) > MAX_KEYWORDS:
        raise ValueError(f"Google Trends compares 1 to {MAX_KEYWORDS} keywords")
    request = {
        "comparisonItem": [
            ComparisonItem(keyword=keyword, time=timeframe, geo=geo) for keyword in keywords
        ],
        "category": 0,
        "property": "",
    }
    # tz=0: timestamps and the day boundaries of the data are UTC.
    explore = _get(
        client,
        "api/explore",
        {"hl": "en-US", "tz": "0", "req": json.dumps(request)},
        method="POST",
    )
    widget = _timeseries_widget(explore)
    data = _get(
        client,
        "api/widgetdata/multiline",
        {"req": json.dumps(widget["request"]), "token": widget["token"], "tz": "0"},
    )
    return _series(data, keywords)


def _period(points: list[tuple[date, float]]) -> Literal["day", "week"]:
    days = sorted(d for d, _ in points)
    gaps = sorted((b - a).days for a, b in pairwise(days))
    return "week" if gaps and gaps[len(gaps) // 2] >= 7 else "day"


def trend_points(
    title: str,
    season: int,
    series: Mapping[str, list[tuple[date, float]]],
    *,
    timeframe: str = "today 5-y",
    geo: str = "",
) -> list[InterestRecord]:
    """Interest records from :func:`interest_over_time`'s answer for a show.

    The title's series becomes season 0, "<title> season N"'s season N; any other keyword
    is left out. A weekly point is dated by the first day of Google's week (a Sunday).
    """
    wanted = {title: 0, season_keyword(title, season): season}
    retrieved = now_utc()
    records: list[InterestRecord] = []
    for keyword, points in series.items():
        if keyword not in wanted or not points:
            continue
        query = {"q": keyword, "date": timeframe} | ({"geo": geo} if geo else {})
        ref = source_ref(
            SOURCE,
            f"https://trends.google.com/trends/explore?{urlencode(query)}",
            LICENCE,
            retrieved,
        )
        period = _period(points)
        records += [
            InterestRecord(
                SOURCE, "search_interest", period, day, value, ref, season=wanted[keyword]
            )
            for day, value in sorted(points)
        ]
    return records


# ---------------------------------------------------------------------------------------
# The live source


class TrendsSource(LiveSource):
    """Search interest in the show and in its next season, over five years."""

    key = SOURCE
    info = source_info(SOURCE)
    policy = SourcePolicy(
        SOURCE,
        LABEL,
        "https://trends.google.com/trends",
        "NEXTSEASON_TRENDS_URL",
        calls=1,
        per_seconds=2.0,
        one_at_a_time=True,
        ttl_seconds=24 * 3600,
    )

    def fetch(
        self, client: HttpClient, show: ShowBundle, context: FetchContext
    ) -> ShowBundle | None:
        season = max((s.number for s in show.seasons), default=0) + 1
        keywords = [show.title, f"{show.title} season {season}"]
        series = interest_over_time(client, keywords)
        return interest_bundle(show, self.info, trend_points(show.title, season, series))


LIVE = TrendsSource()
