"""Paging the API's lists: limit, cursor, total and next, as a client pages through them.

The acceptance test pages through more than 10,000 search results, 100 at a time, while
shows are added between the pages: every show that matched when paging began is seen
exactly once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from nextseason.catalog import Catalog
from nextseason.config import Settings
from nextseason.web import create_app
from tests.conftest import make_show
from tests.web.conftest import GENEROUS, TODAY, Site, show_id
from tests.web.test_watchlist_and_feeds import _record_change

pytestmark = pytest.mark.anyio

MATCHES = 10_250


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A catalog of 10,250 shows called "Harbour Lights NNNNN" and a few others."""
    path: Path = tmp_path_factory.mktemp("paging") / "c.sqlite"
    catalog = Catalog.open(f"sqlite:///{path}", seed=False)
    catalog.store(
        make_show(f"Harbour Lights {n:05d}", key=f"h{n}", episodes=1, year=2000 + n % 25)
        for n in range(MATCHES)
    )
    catalog.store(
        make_show(title, key=f"o{n}", episodes=1)
        for n, title in enumerate(["Lighthouse Keepers", "Harbor Patrol", "Night Lights"])
    )
    settings = Settings(db_url=f"sqlite:///{path}", today=TODAY, offline=True)
    yield Site(create_app(settings, catalog=catalog, limits=GENEROUS), catalog, "")
    catalog.close()


async def _page(c: httpx.AsyncClient, url: str, **params: Any) -> dict[str, Any]:
    r = await c.get(url, params=params or None)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def test_the_api_pages_through_10000_search_results_with_stable_cursors(
    harbour: Site,
) -> None:
    seen: dict[int, str] = {}
    added = 0
    async with harbour.client() as c:
        body = await _page(c, "/api/v1/search", q="harbour lights", limit=100)
        assert body["total"] >= MATCHES
        while True:
            assert len(body["results"]) <= 100
            for row in body["results"]:
                assert row["id"] not in seen, f"{row['title']} was seen twice"
                seen[row["id"]] = row["title"]
            if body["next"] is None:
                break
            # Shows are added between pages: matches that rank anywhere, and others.
            harbour.catalog.store(
                [
                    make_show(
                        f"Harbour Lights {90_000 + added:05d}",
                        key=f"new{added}",
                        episodes=1,
                        year=2000 + added % 30,
                    ),
                    make_show(f"Unrelated {added}", key=f"x{added}", episodes=1),
                ]
            )
            added += 1
            body = await _page(c, body["next"])
    original = {title for title in seen.values() if int(title.rsplit(" ", 1)[1]) < 90_000}
    assert original == {f"Harbour Lights {n:05d}" for n in range(MATCHES)}
    assert added >= 100  # more than a hundred pages, each after an insert


async def test_the_first_page_says_how_many_match_and_links_the_next(harbour: Site) -> None:
    async with harbour.client() as c:
        r = await c.get("/api/v1/search", params={"q": "harbour lights", "limit": 3})
        body = r.json()
        assert len(body["results"]) == 3
        assert body["total"] >= MATCHES
        assert body["next"].startswith("/api/v1/search?")
        assert "cursor=" in body["next"] and "limit=3" in body["next"]
        assert r.headers["link"] == f'<{body["next"]}>; rel="next"'
        second = (await c.get(body["next"])).json()
        assert not {x["id"] for x in second["results"]} & {x["id"] for x in body["results"]}


async def test_the_last_page_has_no_next_link(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/v1/search", params={"q": "bridgerton", "limit": 100})).json()
    assert body["results"][0]["title"] == "Bridgerton"
    assert body["total"] == len(body["results"])
    assert body["next"] is None


@pytest.mark.parametrize(
    "cursor",
    ["not-a-cursor", "WzEsMiwzXQ", "eyJhIjoxfQ", "A" * 40, "bnVsbA"],
)
async def test_a_garbled_cursor_is_a_400_in_the_error_shape(
    client: httpx.AsyncClient, cursor: str
) -> None:
    for url in ("/api/v1/search?q=bridgerton", "/api/v1/shows?x=", "/api/v1/watchlist"):
        url = url.replace("?x=", "")
        joiner = "&" if "?" in url else "?"
        r = await client.get(f"{url}{joiner}cursor={cursor}")
        assert r.status_code == 400, (url, r.text)
        error = r.json()["error"]
        assert error["code"] == "invalid_cursor"
        assert error["message"] and error["hint"]


async def test_a_cursor_from_another_query_is_refused(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/v1/search", params={"q": "the", "limit": 2})).json()
    cursor = body["next"].split("cursor=")[1]
    r = await client.get("/api/v1/search", params={"q": "house", "cursor": cursor})
    assert r.status_code == 400
    assert "other filters" in r.json()["error"]["message"]
    r = await client.get("/api/v1/shows", params={"cursor": cursor})
    assert r.status_code == 400


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/search?q=bridgerton&offset=20", "offset"),
        ("/api/v1/search?q=bridgerton&page=2", "page"),
        ("/api/v1/shows?platfrom=Netflix", "platfrom"),
        ("/api/v1/watchlist?sort=title", "sort"),
        ("/api/v1/health?verbose=1", "verbose"),
    ],
)
async def test_unknown_query_parameters_are_a_400_naming_them(
    client: httpx.AsyncClient, url: str, name: str
) -> None:
    r = await client.get(url)
    assert r.status_code == 400
    error = r.json()["error"]
    assert name in error["message"]
    assert error["details"] == [{"where": f"query.{name}", "message": "unknown parameter"}]


async def test_browse_filters_shows_by_platform_year_kind_and_language(
    client: httpx.AsyncClient,
) -> None:
    params = {"platform": "netflix", "year": 2020, "kind": "scripted", "language": "english"}
    body = (await client.get("/api/v1/shows", params={**params, "limit": 100})).json()
    assert body["total"] > 0
    assert body["shows"]
    for show in body["shows"]:
        assert show["platform"] == "Netflix"
        assert show["year"] == 2020
        assert show["kind"] == "Scripted"
        assert show["language"] == "English"
        assert show["url"] == f"/api/v1/shows/{show['id']}"
    assert "Bridgerton" in {s["title"] for s in await _all_pages(client, params)}


async def _all_pages(c: httpx.AsyncClient, params: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    body = (await c.get("/api/v1/shows", params={**params, "limit": 100})).json()
    while True:
        rows += body["shows"]
        if body["next"] is None:
            return rows
        body = (await c.get(body["next"])).json()


async def test_browse_pages_add_up_to_the_total_with_no_show_twice(
    client: httpx.AsyncClient,
) -> None:
    params = {"platform": "HBO"}
    rows = await _all_pages(client, params)
    first = (await client.get("/api/v1/shows", params=params)).json()
    assert len(rows) == first["total"] > 100
    assert len({r["id"] for r in rows}) == len(rows)


async def test_browse_by_verdict_lists_only_shows_with_that_verdict(
    client: httpx.AsyncClient,
) -> None:
    params = {"platform": "Netflix", "verdict": "cancelled"}
    rows = await _all_pages(client, params)
    assert len(rows) > 10
    assert {r["verdict"] for r in rows} == {"cancelled"}
    body = (await client.get("/api/v1/shows", params=params)).json()
    assert body["total"] is None  # not counted: it would take every show's verdict
    sid = rows[0]["id"]
    show = (await client.get(f"/api/v1/shows/{sid}")).json()
    assert show["next_season"]["verdict"] == "cancelled"


async def test_browse_by_verdict_over_the_whole_catalog_stays_bounded(
    client: httpx.AsyncClient,
) -> None:
    from nextseason.web.services import VERDICT_SCAN

    body = (await client.get("/api/v1/shows", params={"verdict": "in development"})).json()
    assert body["next"] is not None  # the catalog holds far more than one page weighs
    assert body["scanned_to"] is not None
    assert all(s["verdict"] == "in development" for s in body["shows"])
    assert (
        body["scanned_to"] <= body["shows"][0]["id"] + VERDICT_SCAN * 2 if body["shows"] else True
    )


async def test_an_unknown_verdict_is_a_400(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/v1/shows", params={"verdict": "maybe"})
    assert r.status_code == 400


async def test_the_watchlist_pages_by_title(fresh: Site) -> None:
    titles = ["Bridgerton", "Wednesday", "Severance", "The Bear", "Ozark"]
    async with fresh.client() as c:
        for title in titles:
            sid = show_id(fresh.catalog, title)
            r = await c.post("/api/v1/watchlist", json={"show_id": sid}, headers=fresh.auth)
            assert r.status_code == 201
        body = (await c.get("/api/v1/watchlist", params={"limit": 2})).json()
        assert body["total"] == 5
        seen = [s["title"] for s in body["shows"]]
        while body["next"]:
            body = (await c.get(body["next"])).json()
            seen += [s["title"] for s in body["shows"]]
    assert seen == sorted(titles)


async def test_changes_and_status_history_page_newest_first(fresh: Site) -> None:
    sid = show_id(fresh.catalog, "Bridgerton")
    other = show_id(fresh.catalog, "Wednesday")
    async with fresh.client() as c:
        await c.post("/api/v1/watchlist", json={"show_id": sid}, headers=fresh.auth)
        for n in range(5):
            _record_change(fresh, sid, f"change {n}")
        _record_change(fresh, other, "another show's change")
        body = (await c.get("/api/v1/changes", params={"limit": 2})).json()
        assert body["total"] == 6
        summaries = [x["summary"] for x in body["changes"]]
        assert summaries[0] == "another show's change"
        while body["next"]:
            body = (await c.get(body["next"])).json()
            summaries += [x["summary"] for x in body["changes"]]
        assert summaries == ["another show's change"] + [f"change {n}" for n in range(4, -1, -1)]

        one = (await c.get("/api/v1/changes", params={"show_id": other})).json()
        assert [x["show_id"] for x in one["changes"]] == [other]
        assert one["changes"][0]["show"] == f"/api/v1/shows/{other}"

        url = f"/api/v1/shows/{sid}/status-history"
        history = (await c.get(url, params={"limit": 3})).json()
        assert history["total"] == 5
        assert len(history["history"]) == 3
        rest = (await c.get(history["next"])).json()
        assert len(rest["history"]) == 2
        assert rest["next"] is None
        times = [h["observed_at"] for h in history["history"] + rest["history"]]
        assert times == sorted(times, reverse=True)
