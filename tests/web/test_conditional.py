"""ETag / Last-Modified from the catalog, and 304 for clients whose copy is current."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

import httpx
import pytest

from nextseason.model import StatusRecord
from tests.conftest import TVMAZE, make_show
from tests.web.conftest import Site, show_id

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    "path",
    ["", "/report", "/report?season=2", "/similar", "/interest", "/status-history"],
)
async def test_reads_answer_304_to_if_none_match(
    site: Site, client: httpx.AsyncClient, path: str
) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    first = await client.get(f"/api/v1/shows/{sid}{path}")
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    again = await client.get(f"/api/v1/shows/{sid}{path}", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    listed = await client.get(
        f"/api/v1/shows/{sid}{path}", headers={"If-None-Match": f'"other", {etag[2:]}'}
    )
    assert listed.status_code == 304  # weak comparison, in a list
    other = await client.get(f"/api/v1/shows/{sid}{path}", headers={"If-None-Match": '"other"'})
    assert other.status_code == 200


async def test_representations_have_their_own_etags(site: Site, client: httpx.AsyncClient) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    tags = {
        (await client.get(url)).headers["etag"]
        for url in (
            f"/api/v1/shows/{sid}",
            f"/api/v1/shows/{sid}/report",
            f"/api/v1/shows/{sid}/report?season=2",
            f"/shows/{sid}",
            f"/shows/{sid}?season=2",
        )
    }
    assert len(tags) == 5


async def test_if_modified_since(site: Site, client: httpx.AsyncClient) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    first = await client.get(f"/api/v1/shows/{sid}")
    modified = parsedate_to_datetime(first.headers["last-modified"])
    later = format_datetime(modified + timedelta(hours=1), usegmt=True)
    earlier = format_datetime(modified - timedelta(days=1), usegmt=True)
    url = f"/api/v1/shows/{sid}"
    assert (await client.get(url, headers={"If-Modified-Since": later})).status_code == 304
    assert (await client.get(url, headers={"If-Modified-Since": earlier})).status_code == 200
    garbage = await client.get(url, headers={"If-Modified-Since": "yesterday-ish"})
    assert garbage.status_code == 200


async def test_new_data_in_the_catalog_changes_the_validators(fresh: Site) -> None:
    """A refresh stores a newer reading: the old ETag no longer matches, Last-Modified moves."""
    fresh.catalog.store([make_show("Dash Test", key="77001", status="Running", seasons=1)])
    sid = show_id(fresh.catalog, "Dash Test")
    async with fresh.client() as c:
        first = await c.get(f"/api/v1/shows/{sid}")
        later = TVMAZE.retrieved_at + timedelta(days=400)
        newer = make_show("Dash Test", key="77001", status="Ended", seasons=1)
        ref = replace(TVMAZE, url="https://api.tvmaze.com/shows/77001", retrieved_at=later)
        newer.statuses = [StatusRecord("tvmaze", "Ended", later, ref)]
        fresh.catalog.store([newer])
        second = await c.get(
            f"/api/v1/shows/{sid}", headers={"If-None-Match": first.headers["etag"]}
        )
    assert second.status_code == 200
    assert second.headers["etag"] != first.headers["etag"]
    assert parsedate_to_datetime(second.headers["last-modified"]) >= parsedate_to_datetime(
        first.headers["last-modified"]
    )


async def test_last_modified_is_never_before_the_day_the_verdict_is_for(
    site: Site, client: httpx.AsyncClient
) -> None:
    """Verdicts depend on the date ("no renewal 3 years after ..."), so the date counts."""
    sid = show_id(site.catalog, "Bridgerton")
    r = await client.get(f"/api/v1/shows/{sid}")
    assert parsedate_to_datetime(r.headers["last-modified"]).replace(tzinfo=None) >= datetime(
        2026, 11, 27
    )
    similar = await client.get(f"/api/v1/shows/{sid}/similar")
    # Similar shows do not depend on the date: their Last-Modified is the data's.
    assert parsedate_to_datetime(similar.headers["last-modified"]).replace(tzinfo=None) < datetime(
        2026, 11, 27
    )


async def test_show_page_answers_304(site: Site, client: httpx.AsyncClient) -> None:
    sid = show_id(site.catalog, "Bridgerton")
    first = await client.get(f"/shows/{sid}", headers={"Accept": "text/html"})
    again = await client.get(
        f"/shows/{sid}", headers={"Accept": "text/html", "If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304
    assert again.headers["content-security-policy"]
