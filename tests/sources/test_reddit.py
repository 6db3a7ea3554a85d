"""Reddit: posts mentioning a show counted per week, and its busiest threads.

The answers replay a real Reddit session recorded by praw (an application-only token and a
search Listing of six posts, tests/fixtures/reddit/README.md) on the loopback replay server.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from nextseason.errors import SourceAuthError, SourceBadPayload
from nextseason.sources.http import HttpClient, HttpSettings
from nextseason.sources.reddit import MAX_PAGES, mentions
from tests.sources.faults import EXPECTED, FAULTS, assert_one_line, run_fault
from tests.support.replay import ReplayServer, Reply

CASSETTE = (
    Path(__file__).parent.parent / "fixtures" / "reddit" / "praw_TestSubreddit.test_search.json"
)
_INTERACTIONS = json.loads(CASSETTE.read_text(encoding="utf-8"))["interactions"]
TOKEN_BODY: bytes = _INTERACTIONS[0]["response"]["body"]["string"].encode("utf-8")
LISTING_BODY: bytes = _INTERACTIONS[1]["response"]["body"]["string"].encode("utf-8")
JSON = "application/json; charset=UTF-8"
RECORDED_ON = date(2016, 7, 12)
QUERY = "praw oauth search"


def listing() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LISTING_BODY)
    return data


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as replay:
        yield replay


def client_for(server: ReplayServer) -> HttpClient:
    settings = HttpSettings(base_urls={"reddit": server.url}, retries=0, rate_limits=False)
    return HttpClient(settings, sleep=lambda s: None)


def weekly(points: list[Any], metric: str) -> dict[date, float]:
    return {p.day: p.value for p in points if p.metric == metric and p.value}


def test_weekly_counts_and_top_threads_from_the_recorded_oauth_session(
    server: ReplayServer,
) -> None:
    server.add("POST", "/api/v1/access_token", Reply.raw(TOKEN_BODY, JSON))
    server.add("GET", "/search", Reply.raw(LISTING_BODY, JSON))

    with client_for(server) as client:
        points, threads = mentions(
            client,
            QUERY,
            since=date(2013, 11, 1),
            credentials=("my-client-id", "my-secret"),
            today=RECORDED_ON,
        )

    assert weekly(points, "posts") == {
        date(2013, 11, 18): 1.0,
        date(2015, 6, 22): 1.0,
        date(2015, 8, 10): 1.0,
        date(2015, 10, 26): 1.0,
        date(2015, 12, 14): 1.0,
        date(2016, 3, 14): 1.0,
    }
    assert weekly(points, "comments") == {
        date(2013, 11, 18): 3.0,
        date(2015, 6, 22): 13.0,
        date(2015, 8, 10): 21.0,
        date(2015, 10, 26): 2.0,
        date(2015, 12, 14): 5.0,
    }
    mondays = sorted({p.day for p in points})
    assert mondays[0] == date(2013, 10, 28) and mondays[-1] == date(2016, 7, 11)
    assert all(d.weekday() == 0 for d in mondays)
    assert len(mondays) == (mondays[-1] - mondays[0]).days // 7 + 1  # quiet weeks count as 0
    assert {(p.source, p.period, p.season) for p in points} == {("reddit", "week", 0)}

    assert [(t["subreddit"], t["score"], t["num_comments"]) for t in threads] == [
        ("p18s", 15, 0),
        ("learnpython", 2, 13),
        ("redditdev", 2, 5),
        ("redditdev", 2, 3),
        ("bugs", 2, 2),
        ("redditdev", 0, 21),
    ]
    top = threads[1]
    assert top["title"] == "Collecting submission data from Reddit"
    assert top["created"] == "2015-06-25"
    assert top["url"] == (
        "https://www.reddit.com/r/learnpython/comments/3b4erh/collecting_submission_data_from_reddit/"
    )


def test_the_oauth_flow_sends_the_app_credentials_then_the_bearer_token(
    server: ReplayServer,
) -> None:
    server.add("POST", "/api/v1/access_token", Reply.raw(TOKEN_BODY, JSON))
    server.add("GET", "/search", Reply.raw(LISTING_BODY, JSON))

    with client_for(server) as client:
        mentions(
            client, QUERY, since=date(2016, 1, 1), credentials=("id", "secret"), today=RECORDED_ON
        )

    token, search = server.requests
    assert token.header("authorization") == "Basic " + base64.b64encode(b"id:secret").decode()
    assert token.body == b"grant_type=client_credentials"
    assert search.header("authorization") == "bearer <ACCESS_TOKEN>"
    assert search.param("q") == f'"{QUERY}"'
    assert (search.param("sort"), search.param("t"), search.param("limit")) == (
        "new",
        "year",
        "100",
    )


def test_public_search_without_credentials_reads_the_same_listing(server: ReplayServer) -> None:
    # The public /search.json answers the same Listing schema as the OAuth search.
    server.add("GET", "/search.json", Reply.raw(LISTING_BODY, JSON))

    with client_for(server) as client:
        points, threads = mentions(client, QUERY, since=date(2015, 10, 1), today=RECORDED_ON)

    (request,) = server.requests
    assert request.header("authorization") is None
    assert request.param("t") == "year"
    # only what was posted since 2015-10-01
    assert sum(p.value for p in points if p.metric == "posts") == 3
    assert [t["subreddit"] for t in threads] == ["p18s", "redditdev", "bugs"]
    assert min(p.day for p in points) == date(2015, 9, 28)


def test_pages_are_followed_with_after(server: ReplayServer) -> None:
    # The recorded six posts, newest first, split over two pages (built from the recording).
    posts = sorted(listing()["data"]["children"], key=lambda c: -c["data"]["created_utc"])
    first, second = listing(), listing()
    first["data"] |= {"children": posts[:3], "after": posts[2]["data"]["name"]}
    second["data"] |= {"children": posts[3:], "after": None}
    server.add("GET", "/search.json", Reply.json(first))
    server.add("GET", "/search.json", Reply.json(second), query={"after": posts[2]["data"]["name"]})

    with client_for(server) as client:
        points, threads = mentions(client, QUERY, since=date(2013, 1, 1), today=RECORDED_ON)

    assert [r.param("after") for r in server.requests] == [None, "t3_3qc02b"]
    assert len(threads) == 6
    assert sum(p.value for p in points if p.metric == "posts") == 6


def test_paging_stops_at_posts_older_than_since(server: ReplayServer) -> None:
    page = listing()
    page["data"]["after"] = "t3_more"  # Reddit offers more, but these already reach past since
    server.add("GET", "/search.json", Reply.json(page))

    with client_for(server) as client:
        mentions(client, QUERY, since=date(2015, 10, 1), today=RECORDED_ON)

    assert server.count() == 1


def test_a_search_cut_by_the_page_limit_counts_only_weeks_it_covered(
    server: ReplayServer,
) -> None:
    page = listing()
    page["data"]["after"] = "t3_more"
    server.add("GET", "/search.json", Reply.json(page))

    with client_for(server) as client:
        points, _ = mentions(client, QUERY, since=date(2010, 1, 1), today=RECORDED_ON)

    assert server.count() == MAX_PAGES
    # the oldest post (2013-11-18) sits in a partly read week: counting starts the week after
    assert min(p.day for p in points) == date(2013, 11, 25)


def test_refused_credentials_say_which_settings_to_check(server: ReplayServer) -> None:
    server.add("POST", "/api/v1/access_token", Reply.json({"message": "Unauthorized"}, status=401))

    with client_for(server) as client, pytest.raises(SourceAuthError) as caught:
        mentions(client, QUERY, since=date(2016, 1, 1), credentials=("id", "wrong"))

    assert_one_line(caught.value, source="reddit", label="Reddit")
    assert "NEXTSEASON_REDDIT_CLIENT_SECRET" in str(caught.value)
    assert "wrong" not in str(caught.value)


def test_a_refused_public_search_says_how_to_use_oauth(server: ReplayServer) -> None:
    server.add("GET", "/search.json", Reply.html("<html><body>blocked</body></html>", status=403))

    with client_for(server) as client, pytest.raises(SourceAuthError) as caught:
        mentions(client, QUERY, since=date(2016, 1, 1))

    assert_one_line(caught.value, source="reddit", label="Reddit")
    assert "NEXTSEASON_REDDIT_CLIENT_ID" in str(caught.value)


def test_a_block_page_with_status_200_says_how_to_use_oauth(server: ReplayServer) -> None:
    page = "<html><body>You've been blocked by network security.</body></html>"
    server.add("GET", "/search.json", Reply.html(page))

    with client_for(server) as client, pytest.raises(SourceBadPayload) as caught:
        mentions(client, QUERY, since=date(2016, 1, 1))

    assert_one_line(caught.value, source="reddit", label="Reddit")
    assert "NEXTSEASON_REDDIT_CLIENT_ID" in str(caught.value)


def _renamed() -> bytes:
    page = listing()
    for child in page["data"]["children"]:
        child["data"]["created_at"] = child["data"].pop("created_utc")
    return json.dumps(page).encode()


@pytest.mark.parametrize("fault", FAULTS)
def test_faults_become_one_line_naming_reddit(fault: str) -> None:
    run = run_fault(
        fault,
        source="reddit",
        prefix="",
        routes=[("GET", "/search.json")],
        good=LISTING_BODY,
        renamed=_renamed(),
        call=lambda client: mentions(client, QUERY, since=date(2016, 1, 1), today=RECORDED_ON),
    )
    assert type(run.error) is EXPECTED[fault]
    assert_one_line(run.error, source="reddit", label="Reddit")
    if fault == "renamed field":
        assert "created_utc" in str(run.error)
    if fault == "429 with Retry-After":
        assert run.sleeps == [7.0]
