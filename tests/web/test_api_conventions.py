"""What the API tells a client beyond its bodies: operation ids and examples in OpenAPI,
rate-limit headers, and CORS when it is asked for."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from nextseason.config import Settings
from nextseason.web import create_app
from nextseason.web.state import WebLimits
from tests.web.conftest import TODAY, Site, show_id

pytestmark = pytest.mark.anyio


async def _openapi(client: httpx.AsyncClient) -> dict[str, Any]:
    body: dict[str, Any] = (await client.get("/openapi.json")).json()
    return body


async def test_operations_have_readable_ids(client: httpx.AsyncClient) -> None:
    paths = (await _openapi(client))["paths"]
    ids = {
        (path, method): op["operationId"]
        for path, methods in paths.items()
        for method, op in methods.items()
    }
    assert ids[("/api/v1/search", "get")] == "search"
    assert ids[("/api/v1/shows", "get")] == "list_shows"
    assert ids[("/api/v1/shows/{show_id}", "get")] == "get_show"
    assert ids[("/api/v1/watchlist", "post")] == "watch_show"
    assert ids[("/api/v1/changes", "get")] == "list_changes"
    api_ids = [v for (path, _), v in ids.items() if path.startswith("/api/")]
    assert all("_api_v1_" not in v and v.isidentifier() for v in api_ids)
    assert len(set(api_ids)) == len(api_ids)


async def test_every_response_body_has_an_example_that_fits_its_schema(
    client: httpx.AsyncClient,
) -> None:
    import jsonschema

    openapi = await _openapi(client)
    checked = 0
    for path, methods in openapi["paths"].items():
        for method, op in methods.items():
            for status, response in op["responses"].items():
                body = response.get("content", {}).get("application/json")
                if body is None:
                    continue
                assert "example" in body, (path, method, status)
                validator = jsonschema.Draft202012Validator(
                    {**body["schema"], "components": openapi["components"]}
                )
                errors = [e.message for e in validator.iter_errors(body["example"])]
                assert errors == [], (path, method, status, errors[:3])
                checked += 1
    assert checked > 40


async def test_the_fact_check_response_has_a_schema(client: httpx.AsyncClient) -> None:
    openapi = await _openapi(client)
    body = openapi["paths"]["/api/v1/factcheck"]["post"]["responses"]["200"]["content"]
    ref = body["application/json"]["schema"]["$ref"]
    claims = openapi["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]
    assert {"claims", "summary", "shows", "checked_on"} <= set(claims)


async def test_conditional_gets_document_304(site: Site, client: httpx.AsyncClient) -> None:
    openapi = await _openapi(client)
    for path in (
        "/api/v1/shows/{show_id}",
        "/api/v1/shows/{show_id}/report",
        "/api/v1/shows/{show_id}/status-history",
        "/api/v1/watchlist",
        "/api/v1/changes",
    ):
        assert "304" in openapi["paths"][path]["get"]["responses"], path
    first = await client.get("/api/v1/changes")
    again = await client.get("/api/v1/changes", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


async def test_response_fields_are_described(client: httpx.AsyncClient) -> None:
    schemas = (await _openapi(client))["components"]["schemas"]
    for name in (
        "SearchResponse",
        "SearchResult",
        "ShowSummary",
        "ShowsPage",
        "ShowListItem",
        "WatchedShow",
        "WatchlistResponse",
        "ChangesResponse",
        "StatusHistoryResponse",
        "StatusHistoryEntry",
    ):
        undescribed = [
            field
            for field, prop in schemas[name]["properties"].items()
            if not prop.get("description")
        ]
        assert undescribed == [], name


async def test_rate_limited_routes_say_what_is_left(fresh: Site) -> None:
    limits = WebLimits(rate=1.0, burst=3.0)
    settings = Settings(db_url="sqlite://", today=TODAY, offline=True)
    app = create_app(settings, catalog=fresh.catalog, limits=limits)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as c:
        first = await c.get("/api/v1/search", params={"q": "bridgerton"})
        assert first.headers["ratelimit-limit"] == "3"
        assert first.headers["ratelimit-remaining"] == "2"
        assert int(first.headers["ratelimit-reset"]) >= 1
        await c.get("/api/v1/search", params={"q": "bridgerton"})
        await c.get("/api/v1/search", params={"q": "bridgerton"})
        refused = await c.get("/api/v1/search", params={"q": "bridgerton"})
        assert refused.status_code == 429
        assert refused.headers["ratelimit-remaining"] == "0"
        assert int(refused.headers["retry-after"]) >= 1
        sid = show_id(fresh.catalog, "Bridgerton")
        assert "ratelimit-limit" not in (await c.get(f"/api/v1/shows/{sid}")).headers


async def test_cors_is_off_unless_origins_are_given(site: Site, fresh: Site) -> None:
    origin = "https://app.example.org"
    async with site.client() as c:
        r = await c.get("/api/v1/health", headers={"Origin": origin})
        assert "access-control-allow-origin" not in r.headers
    settings = Settings(db_url="sqlite://", today=TODAY, offline=True, cors=(origin,))
    app = create_app(settings, catalog=fresh.catalog)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as c:
        r = await c.get("/api/v1/search", params={"q": "bridgerton"}, headers={"Origin": origin})
        assert r.headers["access-control-allow-origin"] == origin
        assert "ratelimit-remaining" in r.headers["access-control-expose-headers"].lower()
        preflight = await c.options(
            "/api/v1/watchlist",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert preflight.status_code == 200
        other = await c.get("/api/v1/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_cors_origins_are_checked_when_given(monkeypatch: pytest.MonkeyPatch) -> None:
    from nextseason.web.command import serve

    monkeypatch.setenv("NEXTSEASON_DB", "sqlite://")
    result = CliRunner().invoke(serve, ["--cors", "app.example.org"])
    assert result.exit_code == 2
    assert "--cors" in result.output
    assert "not an origin" in result.output
    with pytest.raises(ValueError, match="not an origin"):
        Settings(cors="https://ok.example, ftp://nope")  # type: ignore[arg-type]
    assert Settings(cors="https://a.example/, http://b.example:8080").cors == (  # type: ignore[arg-type]
        "https://a.example",
        "http://b.example:8080",
    )
