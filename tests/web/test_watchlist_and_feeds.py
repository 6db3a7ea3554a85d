"""The watchlist over the API (token needed), its Atom feeds, and API tokens."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from nextseason.catalog import schema as t
from nextseason.catalog import watchlist as watch_store
from nextseason.catalog.tokens import TokenVerifier, create_token, revoke_token
from nextseason.sources.base import now_utc
from nextseason.web.command import token_group
from tests.web.conftest import Site, show_id

pytestmark = pytest.mark.anyio

ATOM = "{http://www.w3.org/2005/Atom}"


async def test_watchlist_crud_with_a_token(fresh: Site) -> None:
    sid = show_id(fresh.catalog, "Bridgerton")
    async with fresh.client() as c:
        assert (await c.get("/api/v1/watchlist")).json() == {"shows": [], "total": 0, "next": None}

        r = await c.post("/api/v1/watchlist", json={"show_id": sid}, headers=fresh.auth)
        assert r.status_code == 201
        assert r.headers["location"] == f"/api/v1/watchlist/{sid}"
        body = r.json()
        assert body["added"] is True
        assert body["show"]["title"] == "Bridgerton"
        assert body["show"]["verdict"]  # the baseline verdict, as `watch add` stores it

        again = await c.post("/api/v1/watchlist", json={"show_id": sid}, headers=fresh.auth)
        assert again.status_code == 200
        assert again.json()["added"] is False

        listed = (await c.get("/api/v1/watchlist")).json()["shows"]
        assert [w["id"] for w in listed] == [sid]
        assert (await c.get(f"/api/v1/watchlist/{sid}")).json()["title"] == "Bridgerton"

        assert (await c.delete(f"/api/v1/watchlist/{sid}", headers=fresh.auth)).status_code == 204
        gone = await c.delete(f"/api/v1/watchlist/{sid}", headers=fresh.auth)
        assert gone.status_code == 404
        assert (await c.get(f"/api/v1/watchlist/{sid}")).status_code == 404


async def test_watching_an_unknown_show_is_404(fresh: Site) -> None:
    async with fresh.client() as c:
        r = await c.post("/api/v1/watchlist", json={"show_id": 2_000_000_000}, headers=fresh.auth)
    assert r.status_code == 404


async def test_writes_without_a_valid_token_change_nothing(fresh: Site) -> None:
    sid = show_id(fresh.catalog, "Bridgerton")
    async with fresh.client() as c:
        for headers in (
            {},
            {"Authorization": "Bearer nonsense"},
            {"Authorization": f"Basic {fresh.token}"},
            {"Authorization": f"Bearer {fresh.token}x"},
        ):
            r = await c.post("/api/v1/watchlist", json={"show_id": sid}, headers=headers)
            assert r.status_code == 401, headers
        assert (await c.get("/api/v1/watchlist")).json() == {"shows": [], "total": 0, "next": None}
        r = await c.post(f"/api/v1/shows/{sid}/refresh")
        assert r.status_code == 401


async def test_a_revoked_token_stops_working_at_once(fresh: Site) -> None:
    sid = show_id(fresh.catalog, "Bridgerton")
    async with fresh.client() as c:
        ok = await c.post("/api/v1/watchlist", json={"show_id": sid}, headers=fresh.auth)
        assert ok.status_code == 201
        with fresh.catalog.transaction() as conn:
            assert revoke_token(conn, "tests") is not None
        r = await c.delete(f"/api/v1/watchlist/{sid}", headers=fresh.auth)
        assert r.status_code == 401


async def test_refresh_offline_is_a_clean_502_not_a_crash(fresh: Site) -> None:
    sid = show_id(fresh.catalog, "Bridgerton")
    async with fresh.client() as c:
        r = await c.post(f"/api/v1/shows/{sid}/refresh", headers=fresh.auth)
    assert r.status_code == 502
    assert r.json()["error"]["code"].startswith("source")


def test_tokens_are_stored_hashed_and_shown_once(fresh: Site) -> None:
    with fresh.catalog.transaction() as conn:
        info, token = create_token(conn, "laptop", now_utc())
        stored = conn.execute(
            select(t.api_tokens.c.hash).where(t.api_tokens.c.id == info.id)
        ).scalar_one()
    secret = token.rsplit("_", 1)[1]
    assert token.startswith(f"nst_{info.id}_")
    assert secret not in stored
    assert stored.startswith("scrypt$")
    verifier = TokenVerifier(fresh.catalog)
    assert verifier.verify(token, now_utc()) is not None
    assert verifier.verify(token[:-1] + ("A" if token[-1] != "A" else "B"), now_utc()) is None
    # Two tokens never share a salt, so equal secrets would not share a hash either.
    with fresh.catalog.connect() as conn:
        hashes = conn.execute(select(t.api_tokens.c.hash)).scalars().all()
    assert len({h.split("$")[4] for h in hashes}) == len(hashes)


def test_token_commands_create_list_and_revoke(fresh: Site) -> None:
    runner = CliRunner()
    db = fresh.catalog.url
    made = runner.invoke(token_group, ["create", "ci-bot", "--db", db])
    assert made.exit_code == 0, made.output
    token = made.stdout.strip().splitlines()[0]
    assert token.startswith("nst_")
    listed = runner.invoke(token_group, ["list", "--db", db])
    assert "ci-bot" in listed.output
    assert token not in listed.output
    dup = runner.invoke(token_group, ["create", "ci-bot", "--db", db])
    assert dup.exit_code != 0
    gone = runner.invoke(token_group, ["revoke", "ci-bot", "--db", db])
    assert gone.exit_code == 0
    assert "ci-bot" not in runner.invoke(token_group, ["list", "--db", db]).output


def _record_change(site: Site, sid: int, summary: str) -> None:
    """A confirmed change, as `nextseason check` stores it."""
    with site.catalog.transaction() as conn:
        watch_store.save_check(
            conn,
            [
                watch_store.CheckResult(
                    show_id=sid,
                    state={"verdict": "renewed", "season": 4},
                    verdict={
                        "season": 4,
                        "verdict": "renewed",
                        "basis": "announced",
                        "rule": "season-dated",
                        "confidence": 0.95,
                        "confirmed": 1,
                    },
                    changes=[("verdict", "Bridgerton: season 4 is renewed", summary, {})],
                )
            ],
            now_utc() + timedelta(seconds=1),
            webhook=False,
        )


async def test_feeds_carry_confirmed_changes_and_revalidate(fresh: Site) -> None:
    sid = show_id(fresh.catalog, "Bridgerton")
    async with fresh.client() as c:
        await c.post("/api/v1/watchlist", json={"show_id": sid}, headers=fresh.auth)
        empty = await c.get("/feeds/watchlist.atom")
        assert empty.status_code == 200
        assert empty.headers["content-type"].startswith("application/atom+xml")
        assert ET.fromstring(empty.content).findall(f"{ATOM}entry") == []

        _record_change(fresh, sid, "Bridgerton: season 4 is now renewed <b>(was running)</b>.")
        feed = await c.get("/feeds/watchlist.atom")
        assert feed.headers["etag"] != empty.headers["etag"]
        entries = ET.fromstring(feed.content).findall(f"{ATOM}entry")
        assert len(entries) == 1
        link = entries[0].find(f"{ATOM}link")
        assert link is not None
        assert link.get("href") == f"http://testserver/shows/{sid}"
        summary = entries[0].findtext(f"{ATOM}summary")
        assert summary is not None
        assert "<b>" in summary  # kept as text, escaped by the XML writer
        assert b"<b>" not in feed.content

        one = await c.get(f"/feeds/shows/{sid}.atom")
        assert len(ET.fromstring(one.content).findall(f"{ATOM}entry")) == 1
        same = await c.get(
            f"/feeds/shows/{sid}.atom", headers={"If-None-Match": one.headers["etag"]}
        )
        assert same.status_code == 304
        assert (await c.get("/feeds/shows/2000000000.atom")).status_code == 404

        history = (await c.get(f"/api/v1/shows/{sid}/status-history")).json()
        assert history["history"][0]["verdict"] == "renewed"
        assert history["changes"][0]["id"].startswith(f"urn:nextseason:change:{sid}:")

        home = await c.get("/")
        assert "season 4 is now renewed" in home.text
