"""One JSON error shape for every error the API gives, pinned here (as datasette pins its own).

    {"error": {"code": "<machine code>", "message": "<one line>", ...optional extras}}

The optional extras are ``hint`` (a way out), ``candidates`` (shows meant), ``details``
(each invalid parameter). Browsers get the same errors as HTML pages.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest

from nextseason.web.state import WebLimits
from tests.web.conftest import Site, copy_of_bundled, make_site

pytestmark = pytest.mark.anyio

OPTIONAL = {"hint", "candidates", "details"}


def assert_error_shape(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert list(body) == ["error"]
    error = body["error"]
    assert isinstance(error, dict)
    assert {"code", "message"} <= set(error) <= {"code", "message"} | OPTIONAL
    assert error["code"] == code
    assert isinstance(error["message"], str)
    assert error["message"]
    assert "\n" not in error["message"]
    return error


Call = Callable[[httpx.AsyncClient, Site], Awaitable[httpx.Response]]


async def _not_found(c: httpx.AsyncClient, site: Site) -> httpx.Response:
    return await c.get("/api/v1/shows/2000000000")


async def _bad_query(c: httpx.AsyncClient, site: Site) -> httpx.Response:
    return await c.get("/api/v1/search?q=x&limit=lots")


async def _no_token(c: httpx.AsyncClient, site: Site) -> httpx.Response:
    return await c.post("/api/v1/watchlist", json={"show_id": 1})


async def _wrong_token(c: httpx.AsyncClient, site: Site) -> httpx.Response:
    forged = site.token[:-4] + ("AAAA" if not site.token.endswith("AAAA") else "BBBB")
    return await c.post(
        "/api/v1/watchlist", json={"show_id": 1}, headers={"Authorization": f"Bearer {forged}"}
    )


async def _too_large(c: httpx.AsyncClient, site: Site) -> httpx.Response:
    return await c.post("/api/v1/factcheck", json={"text": "x" * 600_000})


async def _bad_body(c: httpx.AsyncClient, site: Site) -> httpx.Response:
    return await c.post("/api/v1/watchlist", json={"show": "Lupin"}, headers=site.auth)


async def _not_json(c: httpx.AsyncClient, site: Site) -> httpx.Response:
    return await c.post(
        "/api/v1/watchlist",
        content=b"{not json",
        headers={**site.auth, "Content-Type": "application/json"},
    )


@pytest.mark.parametrize(
    ("call", "status", "code"),
    [
        (_not_found, 404, "not_found"),
        (_bad_query, 400, "bad_request"),
        (_no_token, 401, "unauthorized"),
        (_wrong_token, 401, "unauthorized"),
        (_too_large, 413, "request_too_large"),
        (_bad_body, 422, "invalid_body"),
        (_not_json, 400, "bad_request"),
    ],
)
async def test_every_error_has_the_one_shape(
    site: Site, client: httpx.AsyncClient, call: Call, status: int, code: str
) -> None:
    assert_error_shape(await call(client, site), status, code)


async def test_rate_limited_requests_get_429_with_retry_after(
    bundled_db: Path, tmp_path: Path
) -> None:
    strict = make_site(
        copy_of_bundled(bundled_db, tmp_path), WebLimits(rate=0.01, burst=2.0, search_cost=1.0)
    )
    try:
        async with strict.client() as c:
            for _ in range(2):
                assert (await c.get("/api/v1/search?q=dark")).status_code == 200
            r = await c.get("/api/v1/search?q=dark")
            error = assert_error_shape(r, 429, "rate_limited")
            assert int(r.headers["Retry-After"]) >= 1
            assert "try again" in str(error["hint"])
            # Cheap reads are not limited: a show summary still answers.
            assert (await c.get("/api/v1/health")).status_code == 200
            # Another client has its own bucket.
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=strict.app, client=("10.0.0.2", 4000)),
            base_url="http://testserver",
        ) as other:
            assert (await other.get("/api/v1/search?q=dark")).status_code == 200
    finally:
        strict.catalog.close()


async def test_unauthorized_says_how_to_authenticate(client: httpx.AsyncClient) -> None:
    r = await client.delete("/api/v1/watchlist/1")
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    assert "nextseason token create" in r.json()["error"]["hint"]


async def test_unknown_show_offers_candidates_in_json(client: httpx.AsyncClient) -> None:
    r = await client.get("/shows/Bridgertn", headers={"Accept": "application/json"})
    error = assert_error_shape(r, 404, "not_found")
    candidates = error["candidates"]
    assert isinstance(candidates, list)
    assert any(c["title"] == "Bridgerton" for c in candidates)


async def test_browsers_get_an_html_error_page(client: httpx.AsyncClient) -> None:
    r = await client.get("/shows/2000000000", headers={"Accept": "text/html"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "no show has id 2000000000" in r.text
    assert 'action="/search"' in r.text


async def test_browsers_asking_for_a_misspelt_title_get_suggestions(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/shows/Bridgertn", headers={"Accept": "text/html"})
    assert r.status_code == 404
    assert "Did you mean" in r.text
    assert ">Bridgerton</a>" in r.text


async def test_a_title_that_names_one_show_redirects_to_its_page(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/shows/Bridgerton?season=2")
    assert r.status_code == 307
    assert r.headers["location"].startswith("/shows/")
    assert r.headers["location"].endswith("?season=2")


async def test_guessing_tokens_runs_into_the_rate_limit(bundled_db: Path, tmp_path: Path) -> None:
    strict = make_site(copy_of_bundled(bundled_db, tmp_path), WebLimits(rate=0.01, burst=3.0))
    guess = strict.token[:-4] + ("AAAA" if not strict.token.endswith("AAAA") else "BBBB")
    try:
        async with strict.client() as c:
            codes = [
                (
                    await c.delete(
                        "/api/v1/watchlist/1", headers={"Authorization": f"Bearer {guess}"}
                    )
                ).status_code
                for _ in range(5)
            ]
            assert codes == [401, 401, 401, 429, 429]
            # The real token, once verified, costs nothing more per request.
            strict.app.state.web.limiter = type(strict.app.state.web.limiter)(rate=0.01, burst=1.0)
            for _ in range(3):
                r = await c.get("/api/v1/watchlist", headers=strict.auth)
                assert r.status_code == 200
            first = await c.delete("/api/v1/watchlist/1", headers=strict.auth)
            second = await c.delete("/api/v1/watchlist/1", headers=strict.auth)
            assert (first.status_code, second.status_code) == (404, 404)
    finally:
        strict.catalog.close()
