"""The pages a browser sees: home, search, a show's report, the watchlist; safe by default."""

from __future__ import annotations

from dataclasses import replace

import html5lib
import httpx
import pytest

from nextseason.report.render import SECTION_KEYS
from nextseason.web.middleware import CONTENT_SECURITY_POLICY
from tests.conftest import make_show
from tests.web.conftest import Site, show_id

pytestmark = pytest.mark.anyio

PAGE = {"Accept": "text/html"}


def parse(text: str) -> object:
    """Strict HTML5 parse: a page that does not parse cleanly fails the test."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


async def test_home_has_a_search_box(client: httpx.AsyncClient) -> None:
    r = await client.get("/", headers=PAGE)
    assert r.status_code == 200
    parse(r.text)
    assert 'action="/search"' in r.text
    assert "Recently changed verdicts" in r.text


async def test_search_page_lists_namesakes_with_year_platform_status(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/search", params={"q": "cowboy bebop"}, headers=PAGE)
    assert r.status_code == 200
    parse(r.text)
    assert r.text.count(">Cowboy Bebop</a>") >= 2
    assert "1998" in r.text
    assert "2021" in r.text


async def test_show_page_has_every_section_the_verdict_and_a_chart(
    site: Site, client: httpx.AsyncClient
) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    r = await client.get(f"/shows/{sid}", headers=PAGE)
    assert r.status_code == 200
    parse(r.text)
    for key in SECTION_KEYS:
        assert f'id="{key.replace("_", "-")}"' in r.text
    assert 'class="verdict-line"' in r.text
    assert '<figure class="chart">' in r.text
    assert 'role="img"' in r.text  # the inline SVG chart, with its alt text
    assert 'name="season"' in r.text  # the season selector
    assert f"/feeds/shows/{sid}.atom" in r.text
    # Similar shows link to their own pages.
    similar = r.text.split('id="similar"', 1)[1].split("</section>", 1)[0]
    assert '<a href="/shows/' in similar


async def test_show_page_for_another_season(site: Site, client: httpx.AsyncClient) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    r = await client.get(f"/shows/{sid}?season=2", headers=PAGE)
    assert r.status_code == 200
    assert "Status of season 2" in r.text
    assert '<option value="2" selected>' in r.text
    bad = await client.get(f"/shows/{sid}?season=77", headers=PAGE)
    assert bad.status_code == 404
    assert "out of range" in bad.text


async def test_pages_send_the_security_headers(site: Site, client: httpx.AsyncClient) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    for url in ("/", f"/shows/{sid}", "/api/v1/health", "/nothing", "/static/style.css"):
        r = await client.get(url, headers=PAGE)
        assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, url
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "same-origin"
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY.split("script-src", 1)[1].split(";")[0]


async def test_pages_load_nothing_from_elsewhere_and_run_no_inline_script(
    site: Site, client: httpx.AsyncClient
) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    text = (await client.get(f"/shows/{sid}", headers=PAGE)).text
    assert "<script>" not in text
    assert "<style" not in text
    assert 'src="http' not in text
    assert 'href="/static/style.css"' in text
    assert (await client.get("/static/app.js")).status_code == 200


async def test_summaries_from_sources_render_inert(fresh: Site) -> None:
    hostile = make_show(
        "Gossip Trap",
        key="9001",
        summary=(
            "<p>A <b>bold</b> drama.<script>alert(1)</script>"
            '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">more</a>'
            '<a href="https://example.org/x" onclick="alert(1)">site</a></p>'
        ),
    )
    hostile.episodes[0] = replace(
        hostile.episodes[0],
        title="<img src=z onerror=alert(3)>",
        summary="<p>Ep <script>alert(2)</script><img src=y onerror=alert(2)></p>",
    )
    fresh.catalog.store([hostile])
    sid = show_id(fresh.catalog, "Gossip Trap")
    async with fresh.client() as c:
        r = await c.get(f"/shows/{sid}", headers=PAGE)
        api = await c.get(f"/api/v1/shows/{sid}")
    assert r.status_code == 200
    page = r.text
    parse(page)
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "onerror" not in page.replace("onerror=alert(3)", "")  # the title is escaped text
    assert "&lt;img src=z onerror=alert(3)&gt;" in page
    assert "onclick" not in page
    assert "javascript:" not in page
    assert "<b>bold</b>" in page  # harmless formatting survives
    assert 'href="https://example.org/x"' in page
    assert 'rel="noopener noreferrer nofollow"' in page
    assert "<" not in api.json()["summary"]


async def test_signing_in_and_keeping_a_watchlist_from_the_pages(fresh: Site) -> None:
    sid = show_id(fresh.catalog, "Bridgerton")
    async with fresh.client() as c:
        page = await c.get("/watchlist", headers=PAGE)
        assert 'name="token"' in page.text
        # Not signed in: adding sends the browser to sign in first.
        r = await c.post("/watchlist", data={"show_id": str(sid)})
        assert r.status_code == 303
        assert r.headers["location"].startswith("/watchlist?next=")

        bad = await c.post("/session", data={"token": "nst_1_" + "A" * 43}, headers=PAGE)
        assert bad.status_code == 401
        ok = await c.post("/session", data={"token": fresh.token, "next": f"/shows/{sid}"})
        assert ok.status_code == 303
        assert ok.headers["location"] == f"/shows/{sid}"
        cookie = ok.headers["set-cookie"].lower()
        assert "httponly" in cookie
        assert "samesite=strict" in cookie

        added = await c.post("/watchlist", data={"show_id": str(sid)})
        assert added.status_code == 303
        listed = await c.get("/watchlist", headers=PAGE)
        assert ">Bridgerton</a>" in listed.text
        shown = await c.get(f"/shows/{sid}", headers=PAGE)
        assert "On the watchlist" in shown.text

        removed = await c.post("/watchlist/remove", data={"show_id": str(sid)})
        assert removed.status_code == 303
        assert ">Bridgerton</a>" not in (await c.get("/watchlist", headers=PAGE)).text


async def test_cross_site_form_posts_are_refused(fresh: Site) -> None:
    sid = show_id(fresh.catalog, "Bridgerton")
    async with fresh.client() as c:
        await c.post("/session", data={"token": fresh.token})
        for headers in (
            {"Origin": "https://evil.example"},
            {"Sec-Fetch-Site": "cross-site"},
            {"Origin": "null"},
        ):
            r = await c.post("/watchlist", data={"show_id": str(sid)}, headers=headers)
            assert r.status_code == 403, headers
        same = await c.post(
            "/watchlist",
            data={"show_id": str(sid)},
            headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
        )
        assert same.status_code == 303


async def test_sign_in_never_redirects_off_site(fresh: Site) -> None:
    async with fresh.client() as c:
        for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
            r = await c.post("/session", data={"token": fresh.token, "next": target})
            assert r.headers["location"] == "/watchlist", target
