"""The on-disk HTTP cache on its own, and the loopback replay server's routing."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from nextseason.sources.cache import FILENAME, HttpCache, redact_url, request_key
from tests.support.replay import Recorded, ReplayServer, Reply

KEY = request_key("GET", "https://api.tvmaze.com/shows/1")


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def cache(tmp_path: Path, clock: Clock) -> Iterator[HttpCache]:
    with HttpCache(tmp_path, clock=clock) as opened:
        yield opened


def store(cache: HttpCache, key: str = KEY, body: bytes = b'{"id": 1}') -> None:
    cache.put(
        key,
        source="tvmaze",
        url="https://api.tvmaze.com/shows/1",
        status=200,
        headers=[
            ("Content-Type", "application/json"),
            ("ETag", '"v1"'),
            ("Content-Encoding", "gzip"),  # describes the transfer, not the stored body
            ("Set-Cookie", "session=abc"),
        ],
        body=body,
    )


def test_an_answer_comes_back_as_stored_with_its_age(cache: HttpCache, clock: Clock) -> None:
    store(cache)
    clock.now += 90
    cached = cache.get(KEY)
    assert cached is not None
    assert (cached.status, cached.body) == (200, b'{"id": 1}')
    assert cached.age(clock.now) == 90
    assert cached.header("etag") == '"v1"'
    assert cached.header("content-encoding") is None
    assert cached.header("set-cookie") is None
    assert cached.validators() == {"If-None-Match": '"v1"'}
    assert cache.get(request_key("GET", "https://api.tvmaze.com/shows/2")) is None


def test_a_refresh_after_304_resets_the_age_and_merges_headers(
    cache: HttpCache, clock: Clock
) -> None:
    store(cache)
    clock.now += 1000
    refreshed = cache.refresh(KEY, [("ETag", '"v2"'), ("Cache-Control", "max-age=60")])
    assert refreshed is not None and refreshed.age(clock.now) == 0
    again = cache.get(KEY)
    assert again is not None
    assert again.header("etag") == '"v2"'
    assert again.header("cache-control") == "max-age=60"
    assert again.header("content-type") == "application/json"
    assert again.body == b'{"id": 1}'
    assert cache.refresh(request_key("GET", "https://x.test/"), []) is None


def test_entries_can_be_cleared_by_source_and_pruned_by_age(cache: HttpCache, clock: Clock) -> None:
    store(cache)
    cache.put(
        request_key("GET", "https://en.wikipedia.org/a"),
        source="wikipedia_pageviews",
        url="https://en.wikipedia.org/a",
        status=200,
        headers=[],
        body=b"[]",
    )
    assert len(cache) == 2
    assert cache.clear("tvmaze") == 1
    assert len(cache) == 1
    clock.now += 100
    assert cache.prune(older_than=200) == 0
    assert cache.prune(older_than=50) == 1
    assert len(cache) == 0


def test_the_cache_survives_being_closed_and_reopened(tmp_path: Path, clock: Clock) -> None:
    with HttpCache(tmp_path, clock=clock) as first:
        store(first)
    with HttpCache(tmp_path, clock=clock) as second:
        assert second.get(KEY) is not None


def test_a_cache_file_from_another_program_is_replaced(tmp_path: Path, clock: Clock) -> None:
    with sqlite3.connect(tmp_path / FILENAME) as db:
        db.execute("CREATE TABLE responses (something TEXT)")
    db.close()
    with HttpCache(tmp_path, clock=clock) as cache:
        store(cache)
        assert cache.get(KEY) is not None


def test_threads_can_share_one_cache(cache: HttpCache) -> None:
    failures: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(50):
                key = request_key("GET", f"https://x.test/{n}/{i}")
                store(cache, key, body=str(i).encode())
                found = cache.get(key)
                assert found is not None and found.body == str(i).encode()
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(cache) == 300


def test_cache_keys_ignore_credentials_and_parameter_order() -> None:
    base = request_key("GET", "https://api.test/tv/1?language=en&page=2")
    assert request_key("GET", "https://api.test/tv/1?page=2&language=en&api_key=s3cret") == base
    assert request_key("GET", "https://api.test/tv/1", params={"page": 2, "language": "en"}) == base
    assert request_key("GET", "https://api.test/tv/1", {"Authorization": "Bearer x"}) != base
    assert request_key("GET", "https://api.test/tv/1?language=de&page=2") != base
    assert request_key("HEAD", "https://api.test/tv/1?language=en&page=2") != base
    assert request_key("GET", "https://api.test/tv/1?language=en&page=2", {"Accept": "x"}) != base


def test_cache_keys_match_the_query_httpx_sends() -> None:
    params: dict[str, Any] = {"embed[]": ["cast", "episodes"], "flag": True, "empty": None}
    sent = httpx.Request("GET", "https://api.test/shows/1", params=params).url
    assert request_key("GET", str(sent)) == request_key(
        "GET", "https://api.test/shows/1", params=params
    )


def test_urls_are_redacted_for_display() -> None:
    assert (
        redact_url("https://api.test/3/tv/1?api_key=s3cret&language=en")
        == "https://api.test/3/tv/1?api_key=***&language=en"
    )
    assert redact_url("https://user:pw@host.test/x") == "https://user:***@host.test/x"
    assert redact_url("https://host.test/x?q=dark") == "https://host.test/x?q=dark"


# -- the replay server ---------------------------------------------------------------------


def test_the_replay_server_routes_by_query_subset_and_logs_requests() -> None:
    with ReplayServer() as server:
        server.add("GET", "/search/shows", Reply.json(["any"]))
        server.add("GET", "/search/shows", Reply.json(["dark"]), query={"q": "dark"})
        with httpx.Client(base_url=server.url) as client:
            assert client.get("/search/shows", params={"q": "dark", "x": "1"}).json() == ["dark"]
            assert client.get("/search/shows", params={"q": "other"}).json() == ["any"]
            assert client.get("/nowhere").status_code == 404
        assert server.count("GET", "/search/shows") == 2
        assert [r.path for r in server.unmatched] == ["/nowhere"]
        assert server.requests[0].param("q") == "dark"


def test_the_replay_server_loads_a_manifest_of_recorded_responses(tmp_path: Path) -> None:
    (tmp_path / "show.json").write_text(json.dumps({"id": 1}))
    manifest = tmp_path / "routes.json"
    manifest.write_text(
        json.dumps(
            [
                {
                    "path": "/shows/1",
                    "body_file": "show.json",
                    "headers": {"Content-Type": "application/json"},
                },
                {"path": "/shows/2", "status": 404, "json": {"error": "gone"}},
            ]
        )
    )
    with ReplayServer() as server:
        assert server.load(manifest) == 2
        with httpx.Client(base_url=server.url) as client:
            assert client.get("/shows/1").json() == {"id": 1}
            assert client.get("/shows/2").status_code == 404


def test_the_replay_server_can_answer_from_a_function() -> None:
    def by_id(request: Recorded) -> Reply | None:
        if not request.path.startswith("/shows/"):
            return None
        return Reply.json({"id": int(request.path.rsplit("/", 1)[1])})

    with ReplayServer(fallback=by_id) as server, httpx.Client(base_url=server.url) as client:
        assert client.get("/shows/42").json() == {"id": 42}
        assert client.get("/people/1").status_code == 404
