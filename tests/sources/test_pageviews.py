"""Wikimedia pageviews: daily views of a show's article and of its season articles.

The answers are built to the per-article endpoint's documented schema, with real view counts
(see tests/fixtures/wikipedia_pageviews/README.md), served by the loopback replay server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from nextseason.sources.http import HttpClient, HttpSettings
from nextseason.sources.pageviews import article_path, daily_views, season_views
from tests.sources.faults import EXPECTED, FAULTS, assert_one_line, run_fault
from tests.support.replay import ReplayServer, Reply

FIXTURES = Path(__file__).parent.parent / "fixtures" / "wikipedia_pageviews"
PEYTON = FIXTURES / "per_article_Peyton_Manning_daily_20151201_20151214.schema-built.json"
NOT_FOUND = FIXTURES / "not_found.schema-built.json"
PREFIX = "/api/rest_v1/metrics/pageviews"
DEC_1, DEC_14 = date(2015, 12, 1), date(2015, 12, 14)


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as replay:
        yield replay


def client_for(server: ReplayServer) -> HttpClient:
    settings = HttpSettings(base_urls={"wikipedia_pageviews": server.url + PREFIX}, retries=0)
    return HttpClient(settings, sleep=lambda s: None)


def route(article: str) -> str:
    return f"{PREFIX}/per-article/en.wikipedia/all-access/user/{article}/daily/20151201/20151214"


def test_daily_user_views_of_an_article_come_with_their_dates(server: ReplayServer) -> None:
    server.add("GET", route("Peyton_Manning"), Reply.file(PEYTON))

    with client_for(server) as client:
        points = daily_views(client, "Peyton Manning", start=DEC_1, end=DEC_14)

    assert len(points) == 14
    assert [(p.day, p.value) for p in points[:3]] == [
        (date(2015, 12, 1), 101017.0),
        (date(2015, 12, 2), 6074.0),
        (date(2015, 12, 3), 3153.0),
    ]
    assert points[-1].day == DEC_14
    assert {(p.source, p.metric, p.period, p.season) for p in points} == {
        ("wikipedia_pageviews", "views", "day", 0)
    }
    assert points[0].src.url.endswith("/user/Peyton_Manning/daily/20151201/20151214")
    assert points[0].src.licence == "CC0 1.0"


def test_titles_are_sent_with_underscores_and_encoded() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path.decode())
        return httpx.Response(200, json={"items": []})

    with HttpClient(
        HttpSettings(), transport=httpx.MockTransport(answer), sleep=lambda s: None
    ) as client:
        daily_views(client, "Game of Thrones (season 8)", start=DEC_1, end=DEC_14)
        daily_views(client, "AC/DC", start=DEC_1, end=DEC_14)

    assert seen == [
        "/api/rest_v1/metrics/pageviews/per-article/en.wikipedia/all-access/user/"
        "Game_of_Thrones_(season_8)/daily/20151201/20151214",
        "/api/rest_v1/metrics/pageviews/per-article/en.wikipedia/all-access/user/"
        "AC%2FDC/daily/20151201/20151214",
    ]


def test_an_article_without_data_is_an_empty_series(server: ReplayServer) -> None:
    server.add("GET", route("Nextseason_no_such_article"), Reply.file(NOT_FOUND, status=404))

    with client_for(server) as client:
        assert daily_views(client, "Nextseason no such article", start=DEC_1, end=DEC_14) == []


def test_season_articles_are_tagged_with_their_season(server: ReplayServer) -> None:
    # Two season articles answered with the same recorded counts, renamed (schema-built).
    payload = json.loads(PEYTON.read_text(encoding="utf-8"))
    for n in (1, 2):
        article = f"Game_of_Thrones_(season_{n})"
        items = [item | {"article": article} for item in payload["items"]]
        server.add("GET", route(f"Game_of_Thrones_(season_{n})"), Reply.json({"items": items}))

    with client_for(server) as client:
        points = season_views(
            client,
            {2: "Game of Thrones (season 2)", 1: "Game of Thrones (season 1)"},
            start=DEC_1,
            end=DEC_14,
        )

    assert [p.season for p in points] == [1] * 14 + [2] * 14
    assert [r.path.split("/")[-4] for r in server.requests] == [
        "Game_of_Thrones_(season_1)",
        "Game_of_Thrones_(season_2)",
    ]


def test_days_before_the_api_began_are_not_asked(server: ReplayServer) -> None:
    server.add(
        "GET",
        f"{PREFIX}/per-article/en.wikipedia/all-access/user/X/daily/20150701/20150702",
        Reply.json({"items": []}),
    )

    with client_for(server) as client:
        assert daily_views(client, "X", start=date(2010, 1, 1), end=date(2015, 7, 2)) == []
        assert daily_views(client, "X", start=date(2015, 1, 1), end=date(2015, 6, 30)) == []

    assert server.count() == 1


def test_the_path_names_project_agent_and_range() -> None:
    assert (
        article_path(
            "Bridgerton", start=date(2020, 12, 25), end=date(2021, 1, 31), project="de.wikipedia"
        )
        == "per-article/de.wikipedia/all-access/user/Bridgerton/daily/20201225/20210131"
    )


RENAMED = json.dumps(
    {"items": [{"timestamp": "2015120100", "article": "Peyton_Manning", "view_count": 3}]}
).encode()


@pytest.mark.parametrize("fault", FAULTS)
def test_faults_become_one_line_naming_wikimedia_pageviews(fault: str) -> None:
    run = run_fault(
        fault,
        source="wikipedia_pageviews",
        prefix=PREFIX,
        routes=[("GET", route("Peyton_Manning").removeprefix(PREFIX))],
        good=PEYTON.read_bytes(),
        renamed=RENAMED,
        call=lambda client: daily_views(client, "Peyton Manning", start=DEC_1, end=DEC_14),
    )
    assert type(run.error) is EXPECTED[fault]
    assert_one_line(run.error, source="wikipedia_pageviews", label="Wikimedia pageviews")
    if fault == "429 with Retry-After":
        assert run.sleeps == [7.0]
