"""The shared HTTP client, against a real loopback server and httpx's MockTransport.

Waits are recorded by a fake ``sleep`` instead of slept; cache ages come from a fake clock.
"""

from __future__ import annotations

import json
import logging
import random
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from nextseason import __version__
from nextseason.errors import (
    SourceAuthError,
    SourceBadPayload,
    SourceOffline,
    SourceRateLimited,
    SourceUnavailable,
)
from nextseason.sources.cache import FILENAME, HttpCache
from nextseason.sources.http import (
    HttpClient,
    HttpSettings,
    LimiterPool,
    RateLimiter,
    cache_state,
    default_cache_dir,
)
from nextseason.sources.registry import POLICIES
from tests.support.replay import ReplayServer, Reply, http_date

SECRET = "0123456789abcdef0123456789abcdef"
SHOW = {"id": 1, "name": "Dark", "status": "Ended"}
HOUR = 3600.0


class FakeTime:
    """One clock for everything: ``sleep`` records the wait and moves time on."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback traffic must not be sent to a proxy configured on the test machine."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as replay:
        yield replay


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


def client_for(
    server: ReplayServer | None,
    fake: FakeTime,
    *,
    cache_dir: Path | None = None,
    **settings: Any,
) -> HttpClient:
    """A client whose every source points at the loopback server."""
    urls = {name: server.url for name in POLICIES} if server else {}
    values: dict[str, Any] = {"base_urls": urls, "contact": "mailto:ops@example.org"}
    values.update(settings)
    cache = HttpCache(cache_dir, clock=fake) if cache_dir is not None else None
    return HttpClient(HttpSettings(**values), sleep=fake.sleep, clock=fake, cache=cache)


# -- what every request carries -------------------------------------------------------------


def test_requests_carry_a_user_agent_with_the_contact_address(
    server: ReplayServer, fake: FakeTime
) -> None:
    server.add("GET", "/shows/1", Reply.json(SHOW))
    with client_for(server, fake) as client:
        assert client.get_json("tvmaze", "shows/1") == SHOW
    agent = server.last("/shows/1").header("user-agent")
    assert agent == f"nextseason/{__version__} (+mailto:ops@example.org) httpx/{httpx.__version__}"


def test_the_contact_address_comes_from_the_environment() -> None:
    settings = HttpSettings.from_env({"NEXTSEASON_CONTACT": "mailto:me@example.org"})
    assert "(+mailto:me@example.org)" in settings.user_agent


# -- failures name the source ------------------------------------------------------------------


def test_a_server_slower_than_the_timeout_is_unavailable_and_named(
    server: ReplayServer, fake: FakeTime
) -> None:
    server.add("GET", "/shows/1", Reply.json(SHOW).delayed(5.0))
    with (
        client_for(server, fake, timeout=0.2, retries=1) as client,
        pytest.raises(SourceUnavailable) as caught,
    ):
        client.get_json("tvmaze", "shows/1")
    assert caught.value.source == "tvmaze"
    assert str(caught.value).startswith("TVmaze: no answer from /shows/1 within 0.2 s")
    assert server.count("GET", "/shows/1") == 2  # tried again once
    assert len(fake.sleeps) == 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_refused_connection_is_unavailable_after_retries(fake: FakeTime) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    settings = HttpSettings(base_urls={"tvmaze": url}, retries=2)
    with (
        HttpClient(settings, sleep=fake.sleep, clock=fake) as client,
        pytest.raises(SourceUnavailable) as caught,
    ):
        client.get_json("tvmaze", "shows/1")
    assert caught.value.source == "tvmaze"
    assert str(caught.value).startswith("TVmaze: cannot reach 127.0.0.1")
    assert "3 attempts" in str(caught.value)
    assert len(fake.sleeps) == 2


def test_a_dropped_connection_is_retried(server: ReplayServer, fake: FakeTime) -> None:
    server.add("GET", "/shows/1", [Reply.closed(), Reply.json(SHOW)])
    with client_for(server, fake) as client:
        assert client.get_json("tvmaze", "shows/1") == SHOW
    assert server.count() == 2


# -- retries and Retry-After --------------------------------------------------------------------


def test_429_with_retry_after_waits_that_long_then_succeeds(
    server: ReplayServer, fake: FakeTime
) -> None:
    server.add("GET", "/shows/1", [Reply.rate_limited(2), Reply.json(SHOW)])
    with client_for(server, fake) as client:
        assert client.get_json("tvmaze", "shows/1") == SHOW
    assert fake.sleeps == [2.0]
    assert server.count() == 2


def test_503_with_an_http_date_retry_after_waits_until_then(
    server: ReplayServer, fake: FakeTime
) -> None:
    later = http_date(time.time() + 30)
    server.add("GET", "/shows/1", [Reply.rate_limited(later, status=503), Reply.json(SHOW)])
    with client_for(server, fake) as client:
        assert client.get_json("tvmaze", "shows/1") == SHOW
    assert len(fake.sleeps) == 1
    assert 27.0 <= fake.sleeps[0] <= 31.0  # the date has one-second precision


def test_500_is_retried_with_growing_jittered_waits_then_fails(
    server: ReplayServer, fake: FakeTime
) -> None:
    server.add("GET", "/shows/1", Reply.error(500))
    with (
        client_for(server, fake, retries=3, backoff=0.5) as client,
        pytest.raises(SourceUnavailable) as caught,
    ):
        client.get_json("tvmaze", "shows/1")
    assert str(caught.value) == "TVmaze: HTTP 500 from /shows/1 (4 attempts)"
    assert caught.value.status == 500
    assert server.count() == 4
    assert len(fake.sleeps) == 3
    for n, wait in enumerate(fake.sleeps):
        assert 0.5 * 2**n <= wait <= 0.75 * 2**n


def test_a_server_error_then_success_is_a_success(server: ReplayServer, fake: FakeTime) -> None:
    server.add("GET", "/shows/1", [Reply.error(502), Reply.error(504), Reply.json(SHOW)])
    with client_for(server, fake) as client:
        assert client.get_json("tvmaze", "shows/1") == SHOW
    assert server.count() == 3


def test_rate_limited_until_retries_run_out(server: ReplayServer, fake: FakeTime) -> None:
    server.add("GET", "/shows/1", Reply.rate_limited(1))
    with client_for(server, fake, retries=2) as client, pytest.raises(SourceRateLimited) as caught:
        client.get_json("tvmaze", "shows/1")
    assert caught.value.status == 429
    assert fake.sleeps == [1.0, 1.0]


def test_a_retry_after_longer_than_max_wait_fails_at_once(
    server: ReplayServer, fake: FakeTime
) -> None:
    server.add("GET", "/shows/1", Reply.rate_limited(3600))
    with (
        client_for(server, fake, max_wait=60) as client,
        pytest.raises(SourceRateLimited) as caught,
    ):
        client.get_json("tvmaze", "shows/1")
    assert "asked to wait 3600 s" in str(caught.value)
    assert server.count() == 1
    assert fake.sleeps == []


def test_a_client_error_is_not_retried(server: ReplayServer, fake: FakeTime) -> None:
    server.add("GET", "/shows/1", Reply.error(400))
    with client_for(server, fake) as client, pytest.raises(SourceUnavailable, match="HTTP 400"):
        client.get_json("tvmaze", "shows/1")
    assert server.count() == 1


def test_not_found_is_a_bad_payload_with_status_404(server: ReplayServer, fake: FakeTime) -> None:
    server.add("GET", "/shows/999", Reply.error(404))
    with client_for(server, fake) as client, pytest.raises(SourceBadPayload) as caught:
        client.get_json("tvmaze", "shows/999")
    assert caught.value.status == 404
    assert server.count() == 1


# -- payloads ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "says"),
    [
        (
            Reply.text('{"id": 1, "name": "Da', content_type="application/json"),
            "got malformed or truncated JSON",
        ),
        (Reply.html(), "got an HTML page"),
        (Reply.text("", content_type="application/json"), "got an empty answer"),
    ],
    ids=["truncated-json", "html-page", "empty"],
)
def test_a_body_that_is_not_json_is_a_bad_payload_and_is_not_cached(
    server: ReplayServer, fake: FakeTime, tmp_path: Path, reply: Reply, says: str
) -> None:
    server.add("GET", "/shows/1", reply)
    with client_for(server, fake, cache_dir=tmp_path) as client:
        for _ in range(2):
            with pytest.raises(SourceBadPayload) as caught:
                client.get_json("tvmaze", "shows/1")
            assert caught.value.source == "tvmaze"
            assert says in str(caught.value)
    assert server.count() == 2  # the bad answer was not kept


def test_a_body_cut_short_of_its_length_is_retried_then_a_bad_payload(
    server: ReplayServer, fake: FakeTime
) -> None:
    server.add("GET", "/shows/1", Reply.json({"id": 1, "summary": "x" * 500}).truncated(40))
    with (
        client_for(server, fake, retries=1) as client,
        pytest.raises(SourceBadPayload, match="cut short"),
    ):
        client.get_json("tvmaze", "shows/1")
    assert server.count() == 2


# -- credentials never leak --------------------------------------------------------------------


def test_401_is_an_auth_error_that_never_shows_the_api_key(
    server: ReplayServer, fake: FakeTime, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server.add("GET", "/tv/1", Reply.error(401))
    with client_for(server, fake) as client, pytest.raises(SourceAuthError) as caught:
        client.get_json("tmdb", "tv/1", params={"api_key": SECRET})
    error = caught.value
    assert error.source == "tmdb"
    assert "HTTP 401" in str(error)
    assert server.last("/tv/1").param("api_key") == SECRET  # it was sent ...
    for text in (str(error), repr(error), json.dumps(error.to_dict()), caplog.text):
        assert SECRET not in text  # ... and shown nowhere
    assert "api_key=***" in caplog.text  # httpx's own request log line, redacted


def test_errors_from_a_request_with_a_key_never_show_it(
    server: ReplayServer, fake: FakeTime
) -> None:
    server.add("GET", "/tv/1", Reply.error(500))
    with client_for(server, fake, retries=0) as client, pytest.raises(SourceUnavailable) as caught:
        client.get_json(
            "tmdb", f"{server.url}/tv/1?api_key={SECRET}", headers={"Authorization": SECRET}
        )
    assert SECRET not in str(caught.value)


def test_the_cache_does_not_hold_the_api_key_and_is_shared_across_keys(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    server.add("GET", "/tv/1", Reply.json({"id": 1, "name": "Dark"}))
    with client_for(server, fake, cache_dir=tmp_path) as client:
        client.get_json("tmdb", "tv/1", params={"api_key": SECRET, "language": "en"})
        again = client.request("tmdb", "tv/1", params={"language": "en", "api_key": "other-key"})
    assert cache_state(again) == "hit"
    assert server.count() == 1
    for path in tmp_path.iterdir():  # the database and its journal
        assert SECRET.encode() not in path.read_bytes()


# -- rate limits -------------------------------------------------------------------------------


def test_the_rate_limiter_lets_20_through_and_makes_the_21st_wait(fake: FakeTime) -> None:
    limiter = RateLimiter(20, 10.0, clock=fake, sleep=fake.sleep)
    for _ in range(20):
        limiter.wait()
        fake.now += 0.1
    assert fake.sleeps == []
    limiter.wait()  # at t=2.0, the first call left the window at t=10.0
    assert fake.sleeps == pytest.approx([8.0])
    limiter.wait()  # a sliding window: the second call leaves it at t=10.1
    assert fake.sleeps == pytest.approx([8.0, 0.1])


def test_the_rate_limiter_never_exceeds_its_window_under_random_load(fake: FakeTime) -> None:
    rng = random.Random(7)
    limiter = RateLimiter(5, 2.0, clock=fake, sleep=fake.sleep)
    sent = []
    for _ in range(300):
        fake.now += rng.choice([0.0, 0.0, 0.05, 0.3, 1.0, 3.0])
        limiter.wait()
        sent.append(fake.now)
    for i in range(len(sent) - 5):
        assert sent[i + 5] - sent[i] >= 2.0 - 1e-9


def test_the_client_throttles_tvmaze_to_20_calls_per_10_seconds(fake: FakeTime) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=SHOW))
    settings = HttpSettings(contact="mailto:ops@example.org")
    with HttpClient(settings, transport=transport, sleep=fake.sleep, clock=fake) as client:
        for _ in range(21):
            client.get_json("tvmaze", "shows/1")
    # 10 s, plus a 2% margin so delays on the way never make the server count 21.
    assert fake.sleeps == pytest.approx([10.2])


def test_rate_limits_can_be_switched_off(fake: FakeTime) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=SHOW))
    settings = HttpSettings(rate_limits=False)
    with HttpClient(settings, transport=transport, sleep=fake.sleep, clock=fake) as client:
        for _ in range(50):
            client.get_json("tvmaze", "shows/1")
    assert fake.sleeps == []


def test_clients_sharing_a_limiter_pool_share_the_limit(fake: FakeTime) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=SHOW))
    pool = LimiterPool(clock=fake, sleep=fake.sleep)
    first = HttpClient(transport=transport, limiters=pool, sleep=fake.sleep)
    second = HttpClient(transport=transport, limiters=pool, sleep=fake.sleep)
    with first, second:
        for _ in range(10):
            first.get_json("tvmaze", "shows/1")
            second.get_json("tvmaze", "shows/1")
        second.get_json("tvmaze", "shows/1")
    assert fake.sleeps == pytest.approx([10.2])


def _concurrent_peak(server: ReplayServer, source: str) -> int:
    server.add("GET", "/slow", Reply.json(SHOW).delayed(0.15))
    start = threading.Barrier(4)
    failures: list[BaseException] = []

    def fetch(client: HttpClient) -> None:
        start.wait()
        try:
            client.get_json(source, "slow")
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)

    settings = HttpSettings(base_urls={source: server.url})
    with HttpClient(settings) as client:
        threads = [threading.Thread(target=fetch, args=(client,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
    assert server.count() == 4
    return server.max_in_flight


def test_wikimedia_gets_one_request_at_a_time_from_concurrent_threads(
    server: ReplayServer,
) -> None:
    assert _concurrent_peak(server, "wikipedia_pageviews") == 1


def test_other_sources_are_asked_concurrently(server: ReplayServer) -> None:
    assert _concurrent_peak(server, "tmdb") > 1


# -- the cache ---------------------------------------------------------------------------------


def test_a_second_get_within_the_ttl_makes_no_request(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    server.add("GET", "/shows/1", Reply.json(SHOW))
    with client_for(server, fake, cache_dir=tmp_path) as client:
        first = client.request("tvmaze", "shows/1")
        fake.now += 11 * HOUR  # TVmaze answers stay fresh for 12 hours
        second = client.request("tvmaze", "shows/1")
    assert (cache_state(first), cache_state(second)) == ("miss", "hit")
    assert second.json() == SHOW
    assert second.headers["content-type"].startswith("application/json")
    assert server.count() == 1


def test_after_the_ttl_it_revalidates_with_the_etag_and_a_304_is_served_from_cache(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    server.add("GET", "/shows/1", Reply.json(SHOW, etag='"v1"'))
    with client_for(server, fake, cache_dir=tmp_path) as client:
        client.get_json("tvmaze", "shows/1")
        fake.now += 13 * HOUR
        stale = client.request("tvmaze", "shows/1")
        fake.now += 1 * HOUR  # the 304 made the answer fresh again
        fresh = client.request("tvmaze", "shows/1")
    asked = server.requests
    assert len(asked) == 2
    assert asked[0].header("if-none-match") is None
    assert asked[1].header("if-none-match") == '"v1"'
    assert asked[1].status == 304
    assert (cache_state(stale), cache_state(fresh)) == ("revalidated", "hit")
    assert stale.json() == SHOW
    assert stale.status_code == 200


def test_revalidation_uses_last_modified_when_there_is_no_etag(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    modified = "Wed, 21 Oct 2026 07:28:00 GMT"
    server.add("GET", "/shows/1", Reply.json(SHOW, last_modified=modified))
    with client_for(server, fake, cache_dir=tmp_path) as client:
        client.get_json("tvmaze", "shows/1")
        fake.now += 13 * HOUR
        assert client.get_json("tvmaze", "shows/1") == SHOW
    assert server.last().header("if-modified-since") == modified
    assert server.last().status == 304


def test_a_changed_answer_replaces_the_cached_one(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    renewed = dict(SHOW, status="Running")
    route = server.add("GET", "/shows/1", Reply.json(SHOW, etag='"v1"'))
    with client_for(server, fake, cache_dir=tmp_path) as client:
        client.get_json("tvmaze", "shows/1")
        route.replies[:] = [Reply.json(renewed, etag='"v2"')]
        fake.now += 13 * HOUR
        assert client.get_json("tvmaze", "shows/1") == renewed
        assert client.get_json("tvmaze", "shows/1") == renewed
    assert server.count() == 2
    assert server.last().status == 200


def test_without_validators_a_stale_answer_is_fetched_again(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    server.add("GET", "/shows/1", Reply.json(SHOW))
    with client_for(server, fake, cache_dir=tmp_path) as client:
        client.get_json("tvmaze", "shows/1")
        fake.now += 13 * HOUR
        again = client.request("tvmaze", "shows/1")
    assert cache_state(again) == "miss"
    assert server.last().header("if-none-match") is None
    assert server.count() == 2


def test_each_source_has_its_own_ttl_and_a_call_can_override_it(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    server.add("GET", "/sparql", Reply.json({"results": {"bindings": []}}))
    server.add("GET", "/shows/1", Reply.json(SHOW))
    with client_for(server, fake, cache_dir=tmp_path) as client:
        client.get_json("wikidata", "sparql")
        client.get_json("tvmaze", "shows/1", ttl=60)
        fake.now += 2 * 24 * HOUR  # Wikidata answers stay fresh for a week
        assert cache_state(client.request("wikidata", "sparql")) == "hit"
        fake.now -= 2 * 24 * HOUR - 61
        assert cache_state(client.request("tvmaze", "shows/1", ttl=60)) == "miss"


def test_only_successful_gets_are_cached(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    server.add("POST", "/api/token", Reply.json({"token": "t"}))
    server.add("GET", "/shows/404", Reply.error(404))
    with client_for(server, fake, cache_dir=tmp_path) as client:
        for _ in range(2):
            client.request("reddit", "api/token", method="POST", data={"grant": "x"})
            with pytest.raises(SourceBadPayload):
                client.request("tvmaze", "shows/404")
    assert server.count("POST", "/api/token") == 2
    assert server.count("GET", "/shows/404") == 2


def test_an_html_page_served_with_200_is_not_cached(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    server.add("GET", "/api/explore", Reply.html("<html>consent needed</html>"))
    with client_for(server, fake, cache_dir=tmp_path) as client:
        for _ in range(2):
            answer = client.request("google_trends", "api/explore")
            assert answer.text == "<html>consent needed</html>"
    assert server.count() == 2


def test_a_cache_bypass_always_asks_the_server(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    server.add("GET", "/shows/1", Reply.json(SHOW))
    with client_for(server, fake, cache_dir=tmp_path) as client:
        client.get_json("tvmaze", "shows/1")
        client.request("tvmaze", "shows/1", use_cache=False)
    assert server.count() == 2


def test_offline_answers_from_the_cache_at_any_age_and_fails_on_a_miss(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    server.add("GET", "/shows/1", Reply.json(SHOW, etag='"v1"'))
    with client_for(server, fake, cache_dir=tmp_path) as client:
        client.get_json("tvmaze", "shows/1")
    fake.now += 90 * 24 * HOUR
    with client_for(server, fake, cache_dir=tmp_path, offline=True) as offline:
        answer = offline.request("tvmaze", "shows/1")
        assert answer.json() == SHOW
        assert cache_state(answer) == "offline"
        with pytest.raises(SourceOffline) as caught:
            offline.get_json("tvmaze", "shows/2")
    assert str(caught.value) == "TVmaze: offline, and no cached answer"
    assert caught.value.source == "tvmaze"
    assert server.count() == 1  # nothing reached the server while offline


def test_offline_without_a_cache_raises_source_offline(
    server: ReplayServer, fake: FakeTime
) -> None:
    with client_for(server, fake, offline=True) as client, pytest.raises(SourceOffline):
        client.get_json("tvmaze", "shows/1")
    assert server.count() == 0


def test_a_corrupt_cache_file_is_replaced(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    (tmp_path / FILENAME).write_bytes(b"this is not a database" * 100)
    server.add("GET", "/shows/1", Reply.json(SHOW))
    with client_for(server, fake, cache_dir=tmp_path) as client:
        assert client.get_json("tvmaze", "shows/1") == SHOW
        assert cache_state(client.request("tvmaze", "shows/1")) == "hit"
    assert server.count() == 1
    assert (tmp_path / FILENAME).read_bytes().startswith(b"SQLite format 3")


def test_a_cache_file_corrupted_while_in_use_is_survived(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    server.add("GET", "/shows/1", Reply.json(SHOW))
    server.add("GET", "/shows/2", Reply.json(SHOW))
    with client_for(server, fake, cache_dir=tmp_path) as client:
        client.get_json("tvmaze", "shows/1")
        for path in tmp_path.iterdir():
            path.write_bytes(b"\0garbage" * 4096)
        assert client.get_json("tvmaze", "shows/1") == SHOW
        assert client.get_json("tvmaze", "shows/2") == SHOW


def test_a_corrupt_cache_entry_is_a_miss_and_is_rewritten(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    server.add("GET", "/shows/1", Reply.json(SHOW))
    with client_for(server, fake, cache_dir=tmp_path) as client:
        client.get_json("tvmaze", "shows/1")
        with sqlite3.connect(tmp_path / FILENAME) as db:
            db.execute("UPDATE responses SET headers = 'not json'")
        db.close()
        assert client.get_json("tvmaze", "shows/1") == SHOW
        assert cache_state(client.request("tvmaze", "shows/1")) == "hit"
    assert server.count() == 2


def test_an_unusable_cache_directory_turns_the_cache_off(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    server.add("GET", "/shows/1", Reply.json(SHOW))
    with client_for(server, fake, cache_dir=blocker / "http") as client:
        assert client.get_json("tvmaze", "shows/1") == SHOW
        assert client.get_json("tvmaze", "shows/1") == SHOW
        assert client.cache is not None and not client.cache.enabled
    assert server.count() == 2


def test_the_cache_is_safe_to_share_between_threads(
    server: ReplayServer, fake: FakeTime, tmp_path: Path
) -> None:
    for n in range(5):
        server.add("GET", f"/shows/{n}", Reply.json({"id": n}))
    failures: list[BaseException] = []

    def work(client: HttpClient, seed: int) -> None:
        rng = random.Random(seed)
        try:
            for _ in range(20):
                n = rng.randrange(5)
                assert client.get_json("tmdb", f"shows/{n}") == {"id": n}
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)

    with client_for(server, fake, cache_dir=tmp_path) as client:
        threads = [threading.Thread(target=work, args=(client, s)) for s in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
    assert server.count() < 8 * 20  # most answers came from the cache


# -- settings from the environment ---------------------------------------------------------------


def test_every_source_url_can_be_overridden_from_the_environment() -> None:
    env = {
        "NEXTSEASON_TVMAZE_URL": "http://mirror.test/tvmaze/",
        "NEXTSEASON_TMDB_URL": "http://mirror.test/tmdb",
        "NEXTSEASON_WIKIDATA_URL": "http://mirror.test/sparql",
        "NEXTSEASON_PAGEVIEWS_URL": "http://mirror.test/pageviews",
        "NEXTSEASON_TRENDS_URL": "http://mirror.test/trends",
        "NEXTSEASON_REDDIT_URL": "http://mirror.test/reddit",
        "NEXTSEASON_WIKIPEDIA_URL": "http://mirror.test/w/api.php",
    }
    with HttpClient(HttpSettings.from_env(env)) as client:
        urls = {source: client.base_url(source) for source in POLICIES}
    assert urls == {
        "tvmaze": "http://mirror.test/tvmaze",
        "tmdb": "http://mirror.test/tmdb",
        "wikidata": "http://mirror.test/sparql",
        "wikipedia_pageviews": "http://mirror.test/pageviews",
        "google_trends": "http://mirror.test/trends",
        "reddit": "http://mirror.test/reddit",
        "wikipedia": "http://mirror.test/w/api.php",
    }
    with HttpClient(HttpSettings.from_env({})) as client:
        assert client.base_url("tvmaze") == "https://api.tvmaze.com"


def test_a_source_url_from_the_environment_is_where_requests_go(
    server: ReplayServer, tmp_path: Path
) -> None:
    server.add("GET", "/shows/1", Reply.json(SHOW))
    env = {"NEXTSEASON_TVMAZE_URL": server.url, "NEXTSEASON_CACHE_DIR": str(tmp_path)}
    with HttpClient(HttpSettings.from_env(env)) as client:
        assert client.get_json("tvmaze", "/shows/1") == SHOW
    assert server.count() == 1
    assert (tmp_path / FILENAME).exists()


@pytest.mark.parametrize(
    ("value", "offline"),
    [("1", True), ("yes", True), ("true", True), ("", False), ("0", False), ("no", False)],
)
def test_offline_mode_from_the_environment(value: str, offline: bool) -> None:
    assert HttpSettings.from_env({"NEXTSEASON_OFFLINE": value}).offline is offline


def test_where_the_cache_lives(tmp_path: Path) -> None:
    explicit = {"NEXTSEASON_CACHE_DIR": str(tmp_path / "c"), "NEXTSEASON_HOME": "/elsewhere"}
    assert default_cache_dir(explicit) == tmp_path / "c"
    assert default_cache_dir({"NEXTSEASON_HOME": str(tmp_path)}) == tmp_path / "http"
    assert default_cache_dir({"NEXTSEASON_CACHE_DIR": "off"}) is None
    platform_default = default_cache_dir({})
    assert platform_default is not None and platform_default.parts[-2:] == ("nextseason", "http")
    assert HttpSettings.from_env({"NEXTSEASON_HOME": str(tmp_path)}).cache_dir == tmp_path / "http"
    assert HttpSettings.from_env({}, cache_dir=None).cache_dir is None


def test_an_unknown_source_is_a_programming_error(fake: FakeTime) -> None:
    with HttpClient() as client, pytest.raises(ValueError, match="unknown source 'imdb'"):
        client.get_json("imdb", "title/1")
