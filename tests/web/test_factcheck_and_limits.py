"""Fact-checking over the web (the real fact-checker against the bundled catalog),
request-size limits, and the per-client token bucket."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

import nextseason.factcheck
from nextseason.web.ratelimit import RateLimiter
from tests.web.conftest import TODAY, Site

pytestmark = pytest.mark.anyio


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The articles the fact-checker was asked about (the real one still answers)."""
    texts: list[str] = []
    real = nextseason.factcheck.check_article

    def spy(catalog: Any, text: str, **kwargs: Any) -> Any:
        texts.append(text)
        return real(catalog, text, **kwargs)

    monkeypatch.setattr(nextseason.factcheck, "check_article", spy)
    yield texts


def _verdicts(claims: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(c["relation"], c["show_title"] or "", c["verdict"]) for c in claims}


async def test_the_api_checks_an_article_against_the_catalog(
    checked: list[str], client: httpx.AsyncClient
) -> None:
    article = "Netflix renewed Tiny Pretty Things for a second season."
    r = await client.post("/api/v1/factcheck", json={"text": article, "source_format": "markdown"})
    assert r.status_code == 200
    body = r.json()
    assert body["checked_on"] == TODAY
    assert body["source_format"] == "md"
    assert ("status", "Tiny Pretty Things", "contradicted") in _verdicts(body["claims"])
    assert ("platform", "Tiny Pretty Things", "supported") in _verdicts(body["claims"])
    assert body["summary"]["contradicted"] == 1
    assert checked == [article]


async def test_the_page_annotates_the_article_escaped(client: httpx.AsyncClient) -> None:
    form = await client.get("/factcheck")
    assert "<textarea" in form.text
    article = (
        "Netflix renewed <b>Tiny Pretty Things</b> for a second season. <script>alert(1)</script>"
    )
    r = await client.post("/factcheck", data={"text": article})
    assert r.status_code == 200
    assert "contradicted" in r.text
    assert "TVmaze lists it as Ended" in r.text
    assert "<script>alert" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert "<b>Tiny Pretty Things</b>" not in r.text


async def test_oversized_articles_are_refused_before_they_are_read(
    checked: list[str], client: httpx.AsyncClient
) -> None:
    big = "word " * 200_000
    declared = await client.post("/api/v1/factcheck", json={"text": big})
    assert declared.status_code == 413

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 10_000
        yield b'"}'

    streamed = await client.post(
        "/api/v1/factcheck", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert streamed.status_code == 413
    assert streamed.json()["error"]["code"] == "request_too_large"
    page = await client.post("/factcheck", data={"text": big}, headers={"Accept": "text/html"})
    assert page.status_code == 413
    assert "larger than" in page.text
    assert checked == []


async def test_small_write_bodies_are_limited_too(site: Site, client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/api/v1/watchlist",
        content=b'{"show_id": 1, "pad": "' + b"x" * 40_000 + b'"}',
        headers={**site.auth, "Content-Type": "application/json"},
    )
    assert r.status_code == 413


async def test_an_empty_or_wrong_article_is_rejected(client: httpx.AsyncClient) -> None:
    assert (await client.post("/api/v1/factcheck", json={"text": ""})).status_code == 422
    wrong = await client.post("/api/v1/factcheck", json={"text": "x", "source_format": "pdf"})
    assert wrong.status_code == 422
    assert wrong.json()["error"]["details"][0]["where"] == "body.source_format"


def test_token_bucket_refills_at_its_rate() -> None:
    now = [0.0]
    limiter = RateLimiter(rate=2.0, burst=4.0, clock=lambda: now[0])
    assert all(limiter.take("a") is None for _ in range(4))
    wait = limiter.take("a")
    assert wait == pytest.approx(0.5)
    assert limiter.take("b") is None  # each client has its own bucket
    now[0] += 0.5
    assert limiter.take("a") is None
    assert limiter.take("a", cost=3.0) == pytest.approx(1.5)
    now[0] += 100
    assert limiter.take("a", cost=4.0) is None  # refills up to the burst, no further
    assert limiter.take("a") is not None


def test_token_bucket_forgets_idle_clients_when_full() -> None:
    now = [0.0]
    limiter = RateLimiter(rate=1.0, burst=2.0, clock=lambda: now[0], max_clients=10)
    for n in range(10):
        limiter.take(f"client-{n}")
    now[0] += 10
    limiter.take("newcomer")
    assert len(limiter._buckets) <= 10


async def test_the_fact_checker_over_the_api_and_the_page_agree(client: httpx.AsyncClient) -> None:
    article = "Bridgerton premiered on Hulu in 2020. Its first season has eight episodes."
    r = await client.post("/api/v1/factcheck", json={"text": article})
    assert r.status_code == 200
    assert _verdicts(r.json()["claims"]) == {
        ("platform", "Bridgerton", "contradicted"),
        ("premiere", "Bridgerton", "supported"),
        ("episodes", "Bridgerton", "supported"),
    }
    page = await client.post("/factcheck", data={"text": article, "source_format": "text"})
    assert page.status_code == 200
    # The article itself, each claim marked in its verdict's colour with its evidence.
    marks = re.findall(r'<mark class="claim (\w+)" tabindex="0">([^<]*)<span', page.text)
    verdicts = {verdict for verdict, _ in marks}
    assert verdicts == {"supported", "contradicted"}
    assert any(v == "contradicted" and "Hulu" in words for v, words in marks)
    assert "never lists it on Hulu" in page.text
    assert "<li>3 claims</li>" in page.text
    assert "1 contradicted</span></li>" in page.text
