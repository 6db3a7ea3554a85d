"""Google Trends: interest over time for a title and "<title> season N", best-effort.

The happy paths replay real sessions recorded by pytrends (keywords "pizza" and "bagel",
tests/fixtures/google_trends/README.md) on the loopback replay server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from nextseason.errors import SourceBadPayload, SourceRateLimited, SourceUnavailable
from nextseason.sources.http import HttpClient, HttpSettings
from nextseason.sources.trends import BLOCKED, interest_over_time, trend_points
from tests.sources.faults import EXPECTED, FAULTS, assert_one_line, run_fault
from tests.support.replay import ReplayServer, Reply

FIXTURES = Path(__file__).parent.parent / "fixtures" / "google_trends"
EXPLORE = "/trends/api/explore"
MULTILINE = "/trends/api/widgetdata/multiline"
JSON = "application/json; charset=utf-8"
UNUSUAL_TRAFFIC = (
    "<html><head><title>Sorry...</title></head><body><div>Our systems have detected unusual "
    "traffic from your computer network. This page checks to see if it's really you sending "
    "the requests, and not a robot.</div></body></html>"
)


def recorded(name: str) -> dict[str, bytes]:
    """The bodies of a recorded session, by endpoint path."""
    session: list[dict[str, Any]] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    bodies: dict[str, bytes] = {}
    for interaction in session:
        path = "/" + interaction["uri"].split("://", 1)[1].split("/", 1)[1].split("?")[0]
        bodies[path] = interaction["body"].encode("utf-8")
    return bodies


FIVE_YEARS = recorded("interest_over_time_pizza_bagel_5y.json")
FIVE_DAYS = recorded("interest_over_time_pizza_bagel_days.json")


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as replay:
        yield replay


def client_for(server: ReplayServer, *, retries: int = 0) -> HttpClient:
    settings = HttpSettings(
        base_urls={"google_trends": server.url + "/trends"}, retries=retries, backoff=0
    )
    return HttpClient(settings, sleep=lambda s: None)


def replay(server: ReplayServer, bodies: dict[str, bytes]) -> None:
    server.add("POST", EXPLORE, Reply.raw(bodies[EXPLORE], JSON))
    server.add("GET", MULTILINE, Reply.raw(bodies[MULTILINE], JSON))


def test_weekly_interest_for_two_keywords_from_a_recorded_session(server: ReplayServer) -> None:
    replay(server, FIVE_YEARS)

    with client_for(server) as client:
        series = interest_over_time(client, ["pizza", "bagel"])

    assert list(series) == ["pizza", "bagel"]
    pizza, bagel = series["pizza"], series["bagel"]
    assert len(pizza) == len(bagel) == 259  # the 260th week was still in progress
    assert pizza[0] == (date(2018, 4, 1), 81.0)
    assert bagel[0] == (date(2018, 4, 1), 1.0)
    assert pizza[-1] == (date(2023, 3, 12), 65.0)
    assert max(value for _, value in pizza) == 100.0  # one scale for both keywords


def test_the_flow_follows_the_page_explore_then_widget_token(server: ReplayServer) -> None:
    replay(server, FIVE_YEARS)

    with client_for(server) as client:
        interest_over_time(client, ["pizza", "bagel"], timeframe="today 5-y", geo="US")

    explore, multiline = server.requests
    assert (explore.method, explore.path) == ("POST", EXPLORE)
    asked = json.loads(explore.param("req") or "")
    assert asked["comparisonItem"] == [
        {"keyword": "pizza", "time": "today 5-y", "geo": "US"},
        {"keyword": "bagel", "time": "today 5-y", "geo": "US"},
    ]
    assert (multiline.method, multiline.path) == ("GET", MULTILINE)
    assert multiline.param("token") == "APP6_UEAAAAAZCFPPQLmhmp72Rbs838Ywtsm7YSkLL-9"
    widget_request = json.loads(multiline.param("req") or "")
    assert widget_request["resolution"] == "WEEK"
    assert widget_request["time"] == "2018-03-26 2023-03-26"


def test_daily_interest_from_a_recorded_session(server: ReplayServer) -> None:
    replay(server, FIVE_DAYS)

    with client_for(server) as client:
        series = interest_over_time(client, ["pizza", "bagel"], timeframe="2021-01-01 2021-01-05")

    assert series["pizza"] == [
        (date(2021, 1, 1), 100.0),
        (date(2021, 1, 2), 83.0),
        (date(2021, 1, 3), 78.0),
        (date(2021, 1, 4), 49.0),
        (date(2021, 1, 5), 50.0),
    ]


def test_trend_points_tag_the_title_and_its_next_season() -> None:
    weeks = [(date(2026, 10, 4), 40.0), (date(2026, 10, 11), 100.0), (date(2026, 10, 18), 70.0)]
    series = {
        "Bridgerton": weeks,
        "Bridgerton season 5": [(d, v / 4) for d, v in weeks],
        "something else": weeks,
    }

    points = trend_points("Bridgerton", 5, series)

    assert {(p.source, p.metric, p.period) for p in points} == {
        ("google_trends", "search_interest", "week")
    }
    assert [(p.season, p.day, p.value) for p in points if p.season == 5] == [
        (5, date(2026, 10, 4), 10.0),
        (5, date(2026, 10, 11), 25.0),
        (5, date(2026, 10, 18), 17.5),
    ]
    assert len([p for p in points if p.season == 0]) == 3
    assert "q=Bridgerton+season+5" in next(p for p in points if p.season == 5).src.url


def test_trend_points_of_daily_data_are_days() -> None:
    days = [(date(2021, 1, d), float(d)) for d in range(1, 6)]
    points = trend_points("pizza", 2, {"pizza": days})
    assert {p.period for p in points} == {"day"}


def test_rate_limited_says_the_report_goes_on_without_it(server: ReplayServer) -> None:
    server.add("POST", EXPLORE, Reply.rate_limited(30))

    with client_for(server, retries=1) as client, pytest.raises(SourceRateLimited) as caught:
        interest_over_time(client, ["pizza"])

    assert str(caught.value) == BLOCKED
    assert BLOCKED == "Google Trends: blocked or rate limited; the report goes on without it"


def test_a_consent_redirect_is_blocked_not_a_crash(server: ReplayServer) -> None:
    consent = server.url + "/consent"
    server.add("POST", EXPLORE, Reply(302, (("Location", consent),)))
    server.add("GET", "/consent", Reply.html(UNUSUAL_TRAFFIC))

    with client_for(server) as client, pytest.raises(SourceUnavailable) as caught:
        interest_over_time(client, ["pizza"])

    assert str(caught.value) == BLOCKED


def test_an_expired_token_fails_in_one_line(server: ReplayServer) -> None:
    server.add("POST", EXPLORE, Reply.raw(FIVE_YEARS[EXPLORE], JSON))
    server.add("GET", MULTILINE, Reply.error(400))

    with client_for(server) as client, pytest.raises(SourceUnavailable) as caught:
        interest_over_time(client, ["pizza", "bagel"])

    assert_one_line(caught.value, source="google_trends", label="Google Trends")
    assert str(caught.value).endswith("the report goes on without it")


def test_a_keyword_count_mismatch_is_a_bad_payload(server: ReplayServer) -> None:
    replay(server, FIVE_DAYS)

    with client_for(server) as client, pytest.raises(SourceBadPayload) as caught:
        interest_over_time(client, ["pizza", "bagel", "crumpet"])

    assert "2 values for 3 keywords" in str(caught.value)


def test_one_to_five_keywords() -> None:
    with HttpClient(HttpSettings(), sleep=lambda s: None) as client:
        with pytest.raises(ValueError):
            interest_over_time(client, [])
        with pytest.raises(ValueError):
            interest_over_time(client, ["a", "b", "c", "d", "e", "f"])


RENAMED = FIVE_YEARS[EXPLORE].replace(b'"widgets":', b'"panels":')


@pytest.mark.parametrize("fault", FAULTS)
def test_faults_become_one_line_naming_google_trends(fault: str) -> None:
    run = run_fault(
        fault,
        source="google_trends",
        prefix="/trends",
        routes=[("POST", "/api/explore")],
        good=FIVE_YEARS[EXPLORE],
        renamed=RENAMED,
        call=lambda client: interest_over_time(client, ["pizza", "bagel"]),
    )
    # An HTML page instead of JSON is how Google says "blocked": best-effort, not a bad payload.
    expected = SourceUnavailable if fault == "HTML page" else EXPECTED[fault]
    assert type(run.error) is expected
    assert_one_line(run.error, source="google_trends", label="Google Trends")
    assert str(run.error).endswith("the report goes on without it")
    if fault in ("429 with Retry-After", "HTML page"):
        assert str(run.error) == BLOCKED
    if fault == "429 with Retry-After":
        assert run.sleeps == [7.0]
