"""A live source added as one module and one registry line is named wherever its facts show.

The source below is what the README's "Adding a live source" asks a contributor to write;
the registry line is the fixture's. Its facts are stored as a refresh would store them, then
the report's sources, the candidate lists of an ambiguous title (CLI and API) and the search
results name it as its ``info`` does, although the provenance table has never heard of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import ClassVar

import httpx
import pytest

from nextseason.catalog import Catalog
from nextseason.cli import main
from nextseason.config import Settings
from nextseason.model import PlatformLink, PlatformRef, ShowBundle, ShowRecordData, SourceRef
from nextseason.provenance import SOURCES, SourceInfo
from nextseason.sources import registry
from nextseason.sources.base import FetchContext, LiveSource, SourcePolicy
from nextseason.sources.http import HttpClient
from nextseason.web import create_app
from tests.conftest import make_show

TITLE = "Harbour Lights"


class TvdbSource(LiveSource):
    """A throwaway source: what a new module holds."""

    key: ClassVar[str] = "thetvdb_test"
    info: ClassVar[SourceInfo] = SourceInfo(
        "thetvdb_test", "TheTVDB (test)", "https://thetvdb.com/", "Data from TheTVDB", "TVDB"
    )
    policy: ClassVar[SourcePolicy] = SourcePolicy(
        "thetvdb_test", "TheTVDB", "https://api4.thetvdb.com/v4", "NEXTSEASON_THETVDB_TEST_URL"
    )

    def fetch(
        self, client: HttpClient, show: ShowBundle, context: FetchContext
    ) -> ShowBundle | None:
        return None  # never asked here: the catalog already holds its answer


def _its_show() -> ShowBundle:
    """A show as the new source's refresh would have stored it."""
    src = SourceRef(
        TvdbSource.key, "https://api4.thetvdb.com/v4/series/4711", datetime(2026, 11, 20), "x"
    )
    hulu = PlatformRef("Hulu", "streaming")
    return ShowBundle(
        title=TITLE,
        src=src,
        year=2023,
        kind="Scripted",
        status="Running",
        platform=hulu,
        external_ids={"thetvdb": "4711"},
        records=[ShowRecordData(TvdbSource.key, "4711", TITLE, 2023, {}, src)],
        platforms=[PlatformLink(hulu, "web", src)],
    )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[str]:
    """A catalog with two shows of one title: one from TVmaze, one from the new source."""
    path = tmp_path / "c.sqlite"
    with Catalog.open(f"sqlite:///{path}", seed=False) as catalog:
        catalog.store([make_show(TITLE, key="1", year=2019), _its_show()])
    yield str(path)


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one registry line: ``LIVE_SOURCES = (..., tvdb.LIVE)``."""
    assert TvdbSource.key not in SOURCES  # the provenance table does not list it
    monkeypatch.setattr(registry, "LIVE_SOURCES", (*registry.LIVE_SOURCES, TvdbSource()))


def run(*args: str) -> int:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    code = info.value.code
    return code if isinstance(code, int) else 0


def test_the_report_credits_the_new_source_by_name(
    db: str, registered: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", TITLE, "--year", "2023", "--format", "json", "--db", db) == 0
    sources = {s["key"]: s for s in json.loads(capsys.readouterr().out)["sources"]}
    assert sources[TvdbSource.key]["name"] == "TheTVDB (test)"
    assert sources[TvdbSource.key]["licence"].startswith("Data from TheTVDB")


def test_candidate_lists_name_the_new_source(
    db: str, registered: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", TITLE, "--db", db) == 2  # two shows of that title
    err = capsys.readouterr().err
    assert f"{TITLE} (2023; Hulu; Running; in TVDB)" in err
    assert f"{TITLE} (2019; Netflix; Ended; in TVmaze)" in err
    assert run("search", TITLE, "--format", "json", "--db", db) == 0
    rows = {row["year"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows[2023]["known_from"] == ["TVDB"]
    assert rows[2019]["known_from"] == ["TVmaze"]


def test_without_its_registry_line_only_its_key_is_known(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("search", TITLE, "--format", "json", "--db", db) == 0
    rows = {row["year"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows[2023]["known_from"] == [TvdbSource.key]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_the_api_names_the_new_source_in_its_candidates(db: str, registered: None) -> None:
    settings = Settings(db_url=f"sqlite:///{db}", today=date(2026, 11, 27).isoformat())
    with Catalog.open(settings.db_url) as catalog:
        app = create_app(settings, catalog=catalog)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            found = await client.get("/api/v1/search", params={"q": TITLE})
    assert found.status_code == 200
    known = {row["year"]: row["known_from"] for row in found.json()["results"]}
    assert known[2023] == ["TVDB"]
