"""Fact-checking over the web (against the fact-checker's published signature), request-size
limits, and the per-client token bucket."""

from __future__ import annotations

import sys
import types
from collections.abc import AsyncIterator, Iterator
from datetime import date
from typing import Any

import httpx
import pytest
from pydantic import BaseModel

from nextseason.catalog import Catalog
from nextseason.web.ratelimit import RateLimiter
from tests.web.conftest import Site

pytestmark = pytest.mark.anyio


class FakeClaim(BaseModel):
    claim: str
    verdict: str
    evidence: str | None = None


class FakeReport(BaseModel):
    claims: list[FakeClaim]


@pytest.fixture
def fake_factcheck(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """A stand-in for ``nextseason.factcheck`` with its published signature."""
    calls: list[dict[str, Any]] = []
    module = types.ModuleType("nextseason.factcheck")

    def check_article(
        catalog: Catalog,
        text: str,
        *,
        today: date,
        source_format: str = "auto",
        lookup: object = None,
    ) -> FakeReport:
        calls.append({"text": text, "today": today, "source_format": source_format})
        return FakeReport(
            claims=[
                FakeClaim(
                    claim="Bridgerton is on <b>Hulu</b>",
                    verdict="contradicted",
                    evidence="Netflix (TVmaze) <script>alert(1)</script>",
                )
            ]
        )

    def render_markdown(report: FakeReport, original_text: str) -> str:
        return original_text + "\n\n> contradicted: <i>Netflix</i>"

    module.check_article = check_article  # type: ignore[attr-defined]
    module.render_markdown = render_markdown  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "nextseason.factcheck", module)
    yield calls


async def test_factcheck_api_returns_the_report(
    fake_factcheck: list[dict[str, Any]], client: httpx.AsyncClient
) -> None:
    r = await client.post(
        "/api/v1/factcheck",
        json={"text": "Bridgerton is on Hulu.", "source_format": "markdown"},
    )
    assert r.status_code == 200
    assert r.json()["claims"][0]["verdict"] == "contradicted"
    assert fake_factcheck == [
        {"text": "Bridgerton is on Hulu.", "today": date(2026, 11, 27), "source_format": "markdown"}
    ]


async def test_factcheck_page_annotates_the_article_escaped(
    fake_factcheck: list[dict[str, Any]], client: httpx.AsyncClient
) -> None:
    form = await client.get("/factcheck")
    assert "<textarea" in form.text
    r = await client.post("/factcheck", data={"text": "Bridgerton is on Hulu."})
    assert r.status_code == 200
    assert "contradicted" in r.text
    assert "<script>alert" not in r.text
    assert "&lt;script&gt;" in r.text
    assert "<i>Netflix</i>" not in r.text


async def test_factcheck_without_the_fact_checker_is_a_clear_503(
    monkeypatch: pytest.MonkeyPatch, client: httpx.AsyncClient
) -> None:
    monkeypatch.setitem(sys.modules, "nextseason.factcheck", None)
    r = await client.post("/api/v1/factcheck", json={"text": "Bridgerton is on Hulu."})
    assert r.status_code == 503
    assert r.json()["error"] == {
        "code": "factcheck_unavailable",
        "message": "fact-checking is not installed",
        "hint": "this nextseason has no fact-checker yet",
    }


async def test_oversized_articles_are_refused_before_they_are_read(
    fake_factcheck: list[dict[str, Any]], client: httpx.AsyncClient
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
    assert fake_factcheck == []


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


async def test_the_real_fact_checker_over_the_api_and_the_page(
    site: Site, client: httpx.AsyncClient
) -> None:
    article = "Bridgerton premiered on Hulu in 2020. Its first season has eight episodes."
    r = await client.post("/api/v1/factcheck", json={"text": article})
    assert r.status_code == 200
    claims = r.json()["claims"]
    assert claims
    assert {c["verdict"] for c in claims} <= {"supported", "contradicted", "unverifiable"}
    page = await client.post("/factcheck", data={"text": article, "source_format": "text"})
    assert page.status_code == 200
    assert 'class="verdict-line"' in page.text
    assert "The article, annotated" in page.text
