"""The JSON API as a client sees it: search, shows, reports, similar, interest, history."""

from __future__ import annotations

import httpx
import pytest

from nextseason.model import REPORT_SCHEMA_VERSION
from tests.web.conftest import Site, show_id

pytestmark = pytest.mark.anyio


async def test_search_tells_namesakes_apart_by_year_platform_and_status(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/api/v1/search", params={"q": "cowboy bebop"})
    assert r.status_code == 200
    results = r.json()["results"]
    namesakes = [x for x in results if x["title"].lower() == "cowboy bebop"]
    assert {1998, 2021} <= {x["year"] for x in namesakes}
    first = results[0]
    assert set(first) >= {"id", "title", "year", "platform", "status", "known_from", "url"}
    assert first["url"] == f"/api/v1/shows/{first['id']}"


async def test_search_forgives_typos(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/v1/search", params={"q": "bridgertn"})
    assert r.json()["results"][0]["title"] == "Bridgerton"


async def test_show_says_whether_there_will_be_another_season(
    site: Site, client: httpx.AsyncClient
) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    r = await client.get(f"/api/v1/shows/{sid}")
    assert r.status_code == 200
    body = r.json()
    assert body["title"] == "Bridgerton"
    assert body["platform"] == "Netflix"
    verdict = body["next_season"]
    assert verdict["season"] > body["seasons_known"] - 1
    assert verdict["verdict"] in {
        "renewed",
        "cancelled",
        "ended",
        "running",
        "awaiting decision",
        "in development",
        "unknown",
    }
    assert "<" not in body["summary"]  # plain text, the source's markup removed
    assert body["links"]["report"] == f"/api/v1/shows/{sid}/report"


async def test_report_for_a_season_has_every_section(site: Site, client: httpx.AsyncClient) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    r = await client.get(f"/api/v1/shows/{sid}/report", params={"season": 2})
    assert r.status_code == 200
    report = r.json()
    assert report["schema_version"] == REPORT_SCHEMA_VERSION
    assert report["season"] == 2
    assert report["status"]["season"] == 2
    for key in ("overview", "seasons", "where_to_watch", "interest", "buzz", "next_season"):
        assert key in report
    assert report["sources"]


async def test_a_season_far_past_the_last_known_one_is_out_of_range(
    site: Site, client: httpx.AsyncClient
) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    # Well formed (the schema allows it: its range is every show's), but this show has no
    # such season to report on: 404, as the schema documents.
    r = await client.get(f"/api/v1/shows/{sid}/report", params={"season": 40})
    assert r.status_code == 404
    error = r.json()["error"]
    assert error["code"] == "season_not_found"
    assert "out of range" in error["message"] and "ask for 1 to" in error["message"]


@pytest.mark.parametrize("season", ["0", "-1", "two", "1.5", "99999999999999999999"])
async def test_malformed_seasons_are_400(
    site: Site, client: httpx.AsyncClient, season: str
) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    r = await client.get(f"/api/v1/shows/{sid}/report?season={season}")
    assert r.status_code == 400
    assert r.json()["error"]["details"][0]["where"] == "query.season"


async def test_similar_shows_link_to_their_own_api_entries(
    site: Site, client: httpx.AsyncClient
) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    r = await client.get(f"/api/v1/shows/{sid}/similar", params={"limit": 5})
    assert r.status_code == 200
    similar = r.json()["similar"]
    assert 0 < len(similar) <= 5
    assert all(e["show"]["id"] != sid for e in similar)
    scores = [e["score"] for e in similar]
    assert scores == sorted(scores, reverse=True)
    other = similar[0]["show"]["id"]
    assert (await client.get(f"/api/v1/shows/{other}")).status_code == 200


async def test_similar_shows_can_be_narrowed_to_a_platform(
    site: Site, client: httpx.AsyncClient
) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    r = await client.get(f"/api/v1/shows/{sid}/similar", params={"platform": "netflix"})
    assert r.status_code == 200
    similar = r.json()["similar"]
    assert similar
    # Each one streams there: as its original channel or in the service's catalog.
    assert all(any(w.startswith("Netflix") for w in e["where"]) for e in similar)


async def test_similar_shows_keep_the_show_s_kind_unless_another_is_asked(
    site: Site, client: httpx.AsyncClient
) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    url = f"/api/v1/shows/{sid}/similar"
    same = (await client.get(url, params={"limit": 20})).json()["similar"]
    assert same and all(e["kind"] in ("scripted", None) for e in same)
    reality = (await client.get(url, params={"kind": "reality", "limit": 5})).json()["similar"]
    assert reality and all("reality" in (e["kind"] or "") for e in reality)
    r = await client.get(url, params={"kind": "sitcoms"})
    assert r.status_code == 400 and "query.kind" in r.json()["error"]["message"]


async def test_interest_series_come_with_their_figures(
    site: Site, client: httpx.AsyncClient
) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    r = await client.get(f"/api/v1/shows/{sid}/interest")
    assert r.status_code == 200
    body = r.json()
    assert body["show"]["id"] == sid
    series = body["interest"]["series"]
    assert series
    assert all(s["points"] and s["source"] for s in series)
    assert body["interest"]["reading"]


async def test_status_history_starts_with_the_current_verdict(
    site: Site, client: httpx.AsyncClient
) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    r = await client.get(f"/api/v1/shows/{sid}/status-history")
    assert r.status_code == 200
    body = r.json()
    assert body["current"]["verdict"]
    assert body["history"] == []
    assert body["changes"] == []


async def test_unknown_show_is_404_in_every_show_endpoint(client: httpx.AsyncClient) -> None:
    for path in ("", "/report", "/similar", "/interest", "/status-history"):
        r = await client.get(f"/api/v1/shows/2000000000{path}")
        assert r.status_code == 404, path
        assert r.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/shows/abc",
        "/api/v1/shows/0",
        "/api/v1/shows/99999999999999999999999",
        "/api/v1/search",
        "/api/v1/search?q=",
        "/api/v1/search?q=x&limit=0",
        "/api/v1/search?q=x&limit=many",
        "/api/v1/search?q=x&year=20000",
        "/api/v1/shows/1/similar?limit=-3",
    ],
)
async def test_malformed_requests_are_400_never_500(client: httpx.AsyncClient, url: str) -> None:
    r = await client.get(url)
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "bad_request"


async def test_unknown_paths_and_methods(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/v1/nothing-here")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"
    r = await client.put("/api/v1/search?q=x")
    assert r.status_code == 405
    assert r.json()["error"]["code"] == "method_not_allowed"


async def test_openapi_describes_the_api_and_docs_need_nothing_external(
    client: httpx.AsyncClient,
) -> None:
    schema = (await client.get("/openapi.json")).json()
    paths = schema["paths"]
    for path in (
        "/api/v1/search",
        "/api/v1/shows/{show_id}",
        "/api/v1/shows/{show_id}/report",
        "/api/v1/shows/{show_id}/similar",
        "/api/v1/shows/{show_id}/interest",
        "/api/v1/shows/{show_id}/status-history",
        "/api/v1/watchlist",
        "/api/v1/watchlist/{show_id}",
        "/api/v1/factcheck",
        "/feeds/watchlist.atom",
    ):
        assert path in paths
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    assert paths["/api/v1/watchlist"]["post"]["security"]
    docs = await client.get("/docs")
    assert docs.status_code == 200
    assert "/api/v1/shows/{show_id}/report" in docs.text.replace("<wbr>", "")
    assert "cdn" not in docs.text.lower()
    assert "<script>" not in docs.text


async def test_head_answers_like_get_without_a_body(site: Site, client: httpx.AsyncClient) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    get = await client.get(f"/api/v1/shows/{sid}")
    head = await client.head(f"/api/v1/shows/{sid}")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == get.headers["etag"]


def _parameter(openapi: dict[str, object], path: str, name: str) -> dict[str, object]:
    paths = openapi["paths"]
    assert isinstance(paths, dict)
    params = paths[path]["get"]["parameters"]
    return next(p["schema"] for p in params if p["name"] == name)


@pytest.mark.parametrize(
    ("path", "name", "value"),
    [
        ("/api/v1/shows/{show_id}/similar", "country", "000"),
        ("/api/v1/shows/{show_id}/similar", "country", "USA"),
        ("/api/v1/shows/{show_id}/similar", "kind", "sitcoms"),
        ("/api/v1/shows/{show_id}/report", "season", 999),
        ("/api/v1/shows/{show_id}/interest", "season", 999),
    ],
)
async def test_the_schema_says_which_values_the_server_takes(
    site: Site, client: httpx.AsyncClient, path: str, name: str, value: object
) -> None:
    # A value the server refuses as malformed (400) is one the schema refuses too; a value
    # the schema allows is answered with a status the operation documents.
    import jsonschema

    openapi = (await client.get("/openapi.json")).json()
    schema = _parameter(openapi, path, name)
    sid = show_id(site.catalog, "Bridgerton")
    r = await client.get(path.replace("{show_id}", str(sid)), params={name: value})
    valid = jsonschema.Draft202012Validator(schema).is_valid(value)
    documented = {int(code) for code in openapi["paths"][path]["get"]["responses"]}
    assert r.status_code in documented, r.status_code
    assert (r.status_code == 400) == (not valid), (r.status_code, schema)
