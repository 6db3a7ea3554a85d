"""The web app on every catalog backend the tests have (SQLite; PostgreSQL when CI gives one):
the queries behind validators, tokens and the watchlist are plain SQL both must take."""

from __future__ import annotations

import httpx
import pytest

from nextseason.catalog import Catalog
from nextseason.catalog.tokens import create_token
from nextseason.config import Settings
from nextseason.sources.base import now_utc
from nextseason.web import create_app
from tests.conftest import make_show
from tests.web.conftest import GENEROUS, TODAY

pytestmark = pytest.mark.anyio


async def test_the_api_on_each_backend(empty_catalog: Catalog) -> None:
    empty_catalog.store(
        [
            make_show("Lupin", key="1", status="Running", seasons=2),
            make_show("Dark", key="2", status="Ended", seasons=3),
        ]
    )
    lupin, _ = empty_catalog.find("Lupin")
    with empty_catalog.transaction() as conn:
        _, token = create_token(conn, "backend", now_utc())
    settings = Settings(db_url=empty_catalog.url, today=TODAY, offline=True)
    app = create_app(settings, catalog=empty_catalog, limits=GENEROUS)
    auth = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as c:
        hits = (await c.get("/api/v1/search", params={"q": "lupin"})).json()["results"]
        assert hits[0]["id"] == lupin.id

        show = await c.get(f"/api/v1/shows/{lupin.id}")
        assert show.status_code == 200
        assert show.json()["next_season"]["season"] == 3
        again = await c.get(
            f"/api/v1/shows/{lupin.id}", headers={"If-None-Match": show.headers["etag"]}
        )
        assert again.status_code == 304

        report = await c.get(f"/api/v1/shows/{lupin.id}/report", params={"season": 2})
        assert report.json()["status"]["verdict"] == "renewed"

        added = await c.post("/api/v1/watchlist", json={"show_id": lupin.id}, headers=auth)
        assert added.status_code == 201
        assert (await c.get("/feeds/watchlist.atom")).status_code == 200
        history = await c.get(f"/api/v1/shows/{lupin.id}/status-history")
        assert history.status_code == 200
        page = await c.get(f"/shows/{lupin.id}", headers={"Accept": "text/html"})
        assert "On the watchlist" in page.text
        assert (await c.get("/api/v1/shows/999999")).status_code == 404


async def test_pages_on_each_backend(empty_catalog: Catalog) -> None:
    """Keyset pages (row-value comparisons, case-insensitive filters) on every backend."""
    empty_catalog.store(
        [
            make_show(f"Coastline {n:02d}", key=f"c{n}", year=2010 + n % 3, platform="Netflix")
            for n in range(12)
        ]
        + [make_show("Dark", key="d", platform="HBO")]
    )
    with empty_catalog.transaction() as conn:
        _, token = create_token(conn, "backend", now_utc())
    settings = Settings(db_url=empty_catalog.url, today=TODAY, offline=True)
    app = create_app(settings, catalog=empty_catalog, limits=GENEROUS)
    auth = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as c:

        async def every(url: str, key: str, **params: object) -> list[dict[str, object]]:
            body = (await c.get(url, params={**params, "limit": 5})).json()
            rows = list(body[key])
            while body["next"]:
                body = (await c.get(body["next"])).json()
                rows += body[key]
            return rows

        found = await every("/api/v1/search", "results", q="coastline")
        assert sorted(str(r["title"]) for r in found) == [f"Coastline {n:02d}" for n in range(12)]
        netflix = await every("/api/v1/shows", "shows", platform="NETFLIX", year=2011)
        assert [r["title"] for r in netflix] == [f"Coastline {n:02d}" for n in (1, 4, 7, 10)]
        for row in found[:7]:
            r = await c.post("/api/v1/watchlist", json={"show_id": row["id"]}, headers=auth)
            assert r.status_code == 201
        watched = await every("/api/v1/watchlist", "shows")
        assert [w["title"] for w in watched] == sorted(str(r["title"]) for r in found[:7])
