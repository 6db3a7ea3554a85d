"""The client's limits against a source that misbehaves: an overall deadline per request (a
trickle cannot keep a run going), a cap on the size of an answer, and a circuit breaker that
stops asking a source that has timed out twice in a run.

Against a real loopback server: the limits are about sockets, so no mock would tell.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from nextseason.errors import (
    SourceBadPayload,
    SourceRateLimited,
    SourceSkipped,
    SourceUnavailable,
)
from nextseason.sources.http import HttpClient, HttpSettings
from nextseason.sources.registry import POLICIES
from tests.support.replay import ReplayServer, Reply

SHOW = {"id": 1, "name": "Dark", "status": "Ended", "summary": "x" * 40}


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as replay:
        yield replay


def client_for(server: ReplayServer, tmp_path: object = None, **overrides: object) -> HttpClient:
    values: dict[str, object] = {
        "base_urls": {"tvmaze": server.url, "wikidata": server.url},
        "retries": 0,
        "backoff": 0,
        "timeout": 0.5,
        "rate_limits": False,
    }
    values.update(overrides)
    return HttpClient(HttpSettings(**values))  # type: ignore[arg-type]


# -- an overall deadline per request ---------------------------------------------------------


def test_a_trickling_body_ends_at_the_deadline(server: ReplayServer) -> None:
    # A byte every 0.1 s: every read gets something well within the 0.5 s timeout, so only
    # an overall deadline stops it (the whole answer would take about 6 s).
    server.add("GET", "/shows/1", Reply.json(SHOW).trickled(0.1))
    started = time.monotonic()
    with client_for(server) as client, pytest.raises(SourceUnavailable) as failed:
        client.get_json("tvmaze", "shows/1")
    elapsed = time.monotonic() - started
    assert elapsed < 1.5, elapsed
    assert str(failed.value).startswith("TVmaze: no answer from /shows/1 within 0.5 s")


def test_trickling_headers_end_at_the_deadline(server: ReplayServer) -> None:
    server.add("GET", "/shows/1", Reply.json(SHOW).trickled(0.1, head=True))
    started = time.monotonic()
    with client_for(server) as client, pytest.raises(SourceUnavailable):
        client.get_json("tvmaze", "shows/1")
    assert time.monotonic() - started < 1.5


def test_an_answer_in_time_is_unaffected_by_the_deadline(server: ReplayServer) -> None:
    server.add("GET", "/shows/1", Reply.json(SHOW).trickled(0.001))
    with client_for(server, timeout=5.0) as client:
        assert client.get_json("tvmaze", "shows/1") == SHOW


# -- a cap on the size of an answer -----------------------------------------------------------


def _oversize(source: str) -> bytes:
    """A JSON answer just over the source's cap."""
    cap = POLICIES[source].max_bytes
    return json.dumps({"id": 1, "padding": "x" * cap}).encode()


@pytest.mark.parametrize("sized", [True, False], ids=["with length", "without length"])
def test_an_oversize_answer_is_a_source_error_and_never_stored(
    server: ReplayServer, tmp_path: pytest.TempPathFactory, sized: bool
) -> None:
    reply = Reply.raw(_oversize("tvmaze"), "application/json")
    server.add("GET", "/shows/1", reply if sized else reply.unsized())
    settings = {"cache_dir": tmp_path, "timeout": 10.0}
    with client_for(server, **settings) as client:
        with pytest.raises(SourceBadPayload) as failed:
            client.get_json("tvmaze", "shows/1")
        assert client.cache is not None and len(client.cache) == 0
        with pytest.raises(SourceBadPayload):
            client.get_json("tvmaze", "shows/1")
    text = str(failed.value)
    assert text.startswith("TVmaze: the answer from /shows/1 is larger than"), text
    assert server.count("GET", "/shows/1") == 2  # asked again: nothing was cached


def test_each_source_has_its_own_cap(server: ReplayServer) -> None:
    # TVmaze's shows of many thousand episodes are answered whole; a cap of a few MB for
    # the others.
    caps = {key: policy.max_bytes for key, policy in POLICIES.items()}
    assert all(1 << 20 <= cap <= 32 << 20 for cap in caps.values()), caps
    body = json.dumps({"id": 1, "padding": "x" * (caps["wikidata"] + 1000)}).encode()
    assert len(body) < caps["tvmaze"]
    server.add("GET", "/shows/1", Reply.raw(body, "application/json"))
    server.add("GET", "/sparql", Reply.raw(body, "application/sparql-results+json"))
    with client_for(server, timeout=10.0) as client:
        assert client.get_json("tvmaze", "shows/1")["id"] == 1
        with pytest.raises(SourceBadPayload, match=r"Wikidata: the answer .* is larger than"):
            client.get_json("wikidata", "sparql")


# -- the circuit breaker ------------------------------------------------------------------


def test_a_source_that_times_out_twice_is_not_asked_again_in_the_run(
    server: ReplayServer,
) -> None:
    server.add("GET", "/shows/1", Reply.json(SHOW).delayed(3))
    server.add("GET", "/shows/2", Reply.json(SHOW).delayed(3))
    server.add("GET", "/sparql", Reply.json({"results": {"bindings": []}}))
    started = time.monotonic()
    with client_for(server, retries=3, backoff=0.5, timeout=0.3) as client:
        with pytest.raises(SourceUnavailable) as first:
            client.get_json("tvmaze", "shows/1")
        assert server.count("GET", "/shows/1") == 2  # two timeouts, not four tries
        for _ in range(5):
            with pytest.raises(SourceSkipped) as skipped:
                client.get_json("tvmaze", "shows/2")
        # Another source is not affected.
        assert client.get_json("wikidata", "sparql") == {"results": {"bindings": []}}
    elapsed = time.monotonic() - started
    assert server.count("GET", "/shows/2") == 0
    assert elapsed < 2 * 0.3 + 0.5, elapsed  # at most twice the timeout, whatever follows
    assert "not asked again in this run" in str(first.value)
    assert str(skipped.value).startswith("TVmaze: skipped")
    assert skipped.value.source == "tvmaze"


def test_a_cached_answer_is_still_served_once_the_breaker_is_open(
    server: ReplayServer, tmp_path: pytest.TempPathFactory
) -> None:
    server.add("GET", "/shows/1", Reply.json(SHOW))
    server.add("GET", "/shows/2", Reply.json(SHOW).delayed(3))
    with client_for(server, cache_dir=tmp_path, timeout=0.3, retries=1) as client:
        assert client.get_json("tvmaze", "shows/1") == SHOW
        with pytest.raises(SourceUnavailable):
            client.get_json("tvmaze", "shows/2")
        assert client.get_json("tvmaze", "shows/1") == SHOW  # fresh in the cache


def test_a_new_client_is_a_new_run(server: ReplayServer) -> None:
    server.add("GET", "/shows/1", [Reply.json(SHOW).delayed(3)] * 2 + [Reply.json(SHOW)])
    with client_for(server, timeout=0.3, retries=1) as client, pytest.raises(SourceUnavailable):
        client.get_json("tvmaze", "shows/1")
    with client_for(server, timeout=0.3, retries=1) as client:
        assert client.get_json("tvmaze", "shows/1") == SHOW


def test_a_source_asking_to_wait_longer_than_we_do_is_not_asked_again_in_the_run(
    server: ReplayServer,
) -> None:
    server.add("GET", "/shows/1", Reply.rate_limited(3600))
    server.add("GET", "/shows/2", Reply.json(SHOW))
    with client_for(server, retries=2) as client:
        with pytest.raises(SourceRateLimited, match="asked to wait 3600 s"):
            client.get_json("tvmaze", "shows/1")
        with pytest.raises(SourceSkipped):
            client.get_json("tvmaze", "shows/2")
    assert server.count("GET", "/shows/1") == 1
    assert server.count("GET", "/shows/2") == 0
