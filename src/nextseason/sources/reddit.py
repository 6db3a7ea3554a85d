"""Reddit: posts about a show, counted per week, and the busiest threads.

A search for the exact title (in quotes), newest first, read page by page (``after``) until
the posts are older than ``since`` or a few pages are read. Without credentials it asks the
public ``/search.json``; with an application's client id and secret it first gets an
application-only OAuth token (``POST /api/v1/access_token``, grant ``client_credentials``)
and asks ``https://oauth.reddit.com/search``. Reddit has been closing unauthenticated JSON
access, so a refusal or a block page on the public path says how to set credentials.

Each post counts in the ISO week (dated by its Monday, UTC) it was created: ``posts`` is
the number of posts, ``comments`` the sum of their comment counts at retrieval. Weeks the
search covered without a post count as 0; when the page limit stops the search before
``since``, the weeks before the oldest complete week are not counted at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, TypedDict
from urllib.parse import urlencode, urlsplit

from nextseason.errors import SourceAuthError, SourceBadPayload
from nextseason.model import InterestRecord, ShowBundle, ShowRecordData
from nextseason.provenance import source_info
from nextseason.sources.base import (
    FetchContext,
    LiveSource,
    SourcePolicy,
    interest_bundle,
    now_utc,
    source_ref,
)
from nextseason.text import title_key

__all__ = ["MAX_PAGES", "TOP_THREADS", "Thread", "mentions"]

SOURCE = "reddit"
LABEL = "Reddit"
LICENCE = "Reddit user content, under Reddit's terms"
OAUTH_URL = "https://oauth.reddit.com"
MAX_PAGES = 4  # 100 posts a page
TOP_THREADS = 10
CREDENTIALS_HINT = (
    "Reddit requires OAuth for its JSON: set NEXTSEASON_REDDIT_CLIENT_ID and "
    "NEXTSEASON_REDDIT_CLIENT_SECRET"
)

if TYPE_CHECKING:
    from nextseason.sources.http import HttpClient


class Post(TypedDict):
    """The fields of a Reddit link (kind t3) this module reads; Reddit sends many more."""

    name: str  # fullname, "t3_<id>"
    title: str
    subreddit: str
    score: int
    num_comments: int
    created_utc: float
    permalink: str


class ListingChild(TypedDict):
    kind: str
    data: Post


class ListingData(TypedDict):
    after: str | None
    before: str | None
    children: list[ListingChild]


class Listing(TypedDict):
    kind: str  # "Listing"
    data: ListingData


class TokenResponse(TypedDict):
    access_token: str
    token_type: str
    expires_in: int
    scope: str


class Thread(TypedDict):
    """A thread as the report lists it."""

    title: str
    subreddit: str
    score: int
    num_comments: int
    created: str  # YYYY-MM-DD, UTC
    url: str


@dataclass(frozen=True)
class _Found:
    name: str
    title: str
    subreddit: str
    score: int
    num_comments: int
    created: date
    url: str


def _bad(what: str) -> SourceBadPayload:
    return SourceBadPayload(f"{LABEL}: unexpected answer ({what})", source=SOURCE)


def _token(client: HttpClient, credentials: tuple[str, str]) -> str:
    try:
        response = client.request(
            SOURCE,
            f"{client.base_url(SOURCE)}/api/v1/access_token",
            method="POST",
            data={"grant_type": "client_credentials"},
            auth=credentials,
        )
    except SourceAuthError as exc:
        raise SourceAuthError(
            f"{LABEL}: the OAuth client id and secret were refused (HTTP {exc.status or 401})",
            source=SOURCE,
            hint="check NEXTSEASON_REDDIT_CLIENT_ID and NEXTSEASON_REDDIT_CLIENT_SECRET",
        ) from None
    try:
        payload = response.json()
    except ValueError:
        raise _bad("the token answer is not JSON") from None
    token = payload.get("access_token") if isinstance(payload, dict) else None
    if not isinstance(token, str) or not token:
        error = payload.get("error") if isinstance(payload, dict) else None
        if error:
            raise SourceAuthError(
                f"{LABEL}: no OAuth token ({error})",
                source=SOURCE,
                hint="check NEXTSEASON_REDDIT_CLIENT_ID and NEXTSEASON_REDDIT_CLIENT_SECRET",
            )
        raise _bad("no access_token in the token answer")
    return token


def _oauth_base(client: HttpClient) -> str:
    """oauth.reddit.com, unless the base URL points elsewhere (a mirror, a test server)."""
    base = client.base_url(SOURCE)
    return OAUTH_URL if base == RedditSource.policy.base_url.rstrip("/") else base


def _post(data: object) -> _Found:
    if not isinstance(data, dict):
        raise _bad("a post without data")
    for name, kinds in (
        ("name", str),
        ("title", str),
        ("subreddit", str),
        ("permalink", str),
        ("score", int),
        ("num_comments", int),
        ("created_utc", int | float),
    ):
        if not isinstance(data.get(name), kinds) or isinstance(data.get(name), bool):
            raise _bad(f"a post without {name}")
    permalink: str = data["permalink"]
    url = permalink if permalink.startswith("http") else f"https://www.reddit.com{permalink}"
    parts = urlsplit(url)
    return _Found(
        name=data["name"],
        title=data["title"],
        subreddit=data["subreddit"],
        score=data["score"],
        num_comments=data["num_comments"],
        created=datetime.fromtimestamp(float(data["created_utc"]), UTC).date(),
        url=f"{parts.scheme}://{parts.netloc}{parts.path}",  # without ?ref=search_posts
    )


def _page(payload: object) -> tuple[list[_Found], str | None]:
    data = payload.get("data") if isinstance(payload, dict) else None
    children = data.get("children") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(children, list):
        raise _bad("no data.children listing")
    after = data.get("after")
    posts = [
        _post(child.get("data"))
        for child in children
        if isinstance(child, dict) and child.get("kind") == "t3"
    ]
    return posts, after if isinstance(after, str) and after else None


def _window(since: date, today: date) -> str:
    """Reddit's ``t`` (time window) that still reaches back to ``since``."""
    age = (today - since).days
    for limit, window in ((1, "day"), (7, "week"), (31, "month"), (365, "year")):
        if age < limit:
            return window
    return "all"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _search(
    client: HttpClient, title: str, since: date, today: date, credentials: tuple[str, str] | None
) -> tuple[list[_Found], date]:
    """Posts since ``since`` (newest first) and the first day the search fully covers."""
    if credentials:
        path = f"{_oauth_base(client)}/search"
        headers = {"Authorization": f"bearer {_token(client, credentials)}"}
    else:
        path, headers = "search.json", {}
    params = {
        "q": f'"{title}"',
        "sort": "new",
        "t": _window(since, today),
        "type": "link",
        "limit": "100",
        "raw_json": "1",
    }
    found: dict[str, _Found] = {}
    after: str | None = None
    for _ in range(MAX_PAGES):
        query = params | ({"after": after} if after else {})
        try:
            payload = client.get_json(SOURCE, path, params=query, headers=headers)
        except SourceAuthError:
            if credentials:
                raise
            raise SourceAuthError(
                f"{LABEL}: the public search was refused", source=SOURCE, hint=CREDENTIALS_HINT
            ) from None
        except SourceBadPayload as exc:
            if credentials or exc.status == 404:
                raise
            # most often Reddit's "blocked by network security" page
            raise SourceBadPayload(exc.message, source=SOURCE, hint=CREDENTIALS_HINT) from None
        posts, after = _page(payload)
        for post in posts:
            if post.created >= since:
                found.setdefault(post.name, post)
        if after is None or any(post.created < since for post in posts):
            return list(found.values()), since
    oldest = min((post.created for post in found.values()), default=today)
    return list(found.values()), _monday(oldest) + timedelta(days=7)


def mentions(
    client: HttpClient,
    title: str,
    *,
    since: date,
    credentials: tuple[str, str] | None = None,
    today: date | None = None,
) -> tuple[list[InterestRecord], list[Thread]]:
    """Weekly ``posts`` and ``comments`` mentioning ``title`` since ``since``, and the top
    threads by score (at most :data:`TOP_THREADS`).

    ``credentials`` is an application's (client id, secret) for OAuth; None asks the
    public search. ``today`` closes the last week counted (default: today, UTC).
    """
    today = today or now_utc().date()
    posts, covered_from = _search(client, title, since, today, credentials)
    ref = source_ref(
        SOURCE,
        "https://www.reddit.com/search/?" + urlencode({"q": f'"{title}"', "sort": "new"}),
        LICENCE,
        now_utc(),
    )
    weeks: dict[date, tuple[int, int]] = {}
    week = _monday(covered_from)
    while week <= _monday(today):
        weeks[week] = (0, 0)
        week += timedelta(days=7)
    for post in posts:
        monday = _monday(post.created)
        if monday in weeks:
            count, comments = weeks[monday]
            weeks[monday] = (count + 1, comments + post.num_comments)
    records = [
        InterestRecord(SOURCE, metric, "week", monday, float(value), ref)
        for monday, counts in sorted(weeks.items())
        for metric, value in zip(("posts", "comments"), counts, strict=True)
    ]
    top = sorted(posts, key=lambda p: (-p.score, -p.num_comments, p.name))[:TOP_THREADS]
    threads = [
        Thread(
            title=p.title,
            subreddit=p.subreddit,
            score=p.score,
            num_comments=p.num_comments,
            created=p.created.isoformat(),
            url=p.url,
        )
        for p in top
    ]
    return records, threads


# ---------------------------------------------------------------------------------------
# The live source


class RedditSource(LiveSource):
    """Weekly posts and comments that mention the show over the last year, and its top
    threads (OAuth with the user's app credentials, else public search)."""

    key = SOURCE
    info = source_info(SOURCE)
    policy = SourcePolicy(
        SOURCE,
        "Reddit",
        "https://www.reddit.com",
        "NEXTSEASON_REDDIT_URL",
        calls=10,
        per_seconds=60.0,
        ttl_seconds=6 * 3600,
    )

    def fetch(
        self, client: HttpClient, show: ShowBundle, context: FetchContext
    ) -> ShowBundle | None:
        since = context.today - timedelta(days=365)
        points, threads = mentions(
            client,
            show.title,
            since=since,
            credentials=context.reddit_credentials,
            today=context.today,
        )
        partial = interest_bundle(show, self.info, points)
        partial.records.append(
            ShowRecordData(
                SOURCE,
                f"search:{title_key(show.title)}",
                show.title,
                show.year,
                {"threads": threads[:10], "since": since.isoformat()},
                partial.src,
            )
        )
        return partial


LIVE = RedditSource()
