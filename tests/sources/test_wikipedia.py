"""The Wikipedia source: a show's article through the MediaWiki Action API, replayed.

The answers in tests/fixtures/wikipedia are written for these tests in the documented
``action=parse&formatversion=2`` shape, about made-up shows (see that folder's README).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from nextseason.catalog import Catalog
from nextseason.catalog import schema as t
from nextseason.cli import main
from nextseason.errors import SourceOffline
from nextseason.model import ShowBundle, ShowRecordData, SourceRef
from nextseason.sources.base import FetchContext
from nextseason.sources.http import HttpClient, HttpSettings
from nextseason.sources.wikipedia import LIVE, statements
from tests.conftest import make_show
from tests.support.replay import ReplayServer, Reply

FIXTURES = Path(__file__).parent.parent / "fixtures" / "wikipedia"
API = "/w/api.php"
REF = SourceRef("tvmaze", "https://api.tvmaze.com/shows/1", datetime(2026, 1, 1), "")


def _answer(name: str) -> Reply:
    return Reply.file(FIXTURES / name)


def _page(server: ReplayServer, title: str, name: str) -> None:
    server.add("GET", API, _answer(name), query={"action": "parse", "page": title})


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as replay:
        # Any title not written for the tests does not exist.
        replay.add("GET", API, _answer("error_missingtitle.written.json"))
        yield replay


@pytest.fixture
def client(server: ReplayServer, tmp_path: Path) -> Iterator[HttpClient]:
    settings = HttpSettings(
        base_urls={"wikipedia": server.url + API}, retries=0, cache_dir=tmp_path / "cache"
    )
    with HttpClient(settings) as http:
        yield http


def _show(title: str, *, year: int | None = None, country: str | None = None) -> ShowBundle:
    return ShowBundle(title, REF, year=year, country=country)


def _context(enwiki: str | None = None) -> FetchContext:
    earlier = {}
    if enwiki:
        record = ShowRecordData("wikidata", "Q1", "x", None, {"enwiki": enwiki}, REF)
        earlier["wikidata"] = ShowBundle("x", REF, records=[record])
    return FetchContext(date(2026, 12, 5), earlier=earlier)


def test_announcements_come_with_season_date_and_cited_outlet(
    server: ReplayServer, client: HttpClient
) -> None:
    _page(server, "The Lantern Keepers", "parse_The_Lantern_Keepers.written.json")
    found = LIVE.fetch(client, _show("The Lantern Keepers"), _context("The Lantern Keepers"))

    assert found is not None
    readings = [(r.status, r.season, r.read_at, r.details) for r in found.statuses]
    assert readings == [
        (
            "renewed",
            2,
            datetime(2019, 4, 12),
            {
                "said": "On April 12, 2019, Northlight renewed the series for a second season.",
                "announced": "2019-04-12",  # the sentence's own date
                "cited": "Variety",
                "article": "The Lantern Keepers",
            },
        ),
        (
            "renewed",
            3,
            datetime(2020, 7, 1),  # only the month is said, and the reference has no date
            {
                "said": "Northlight renewed the series for a third season in July 2020.",
                "announced": None,
                "cited": "TVLine",
                "article": "The Lantern Keepers",
            },
        ),
        (
            "final season announced",
            4,
            datetime(2021, 5, 18),
            {
                "said": "In May 2021, the series was renewed for a fourth and final season.",
                "announced": "2021-05-18",  # the cited article's date, not its retrieval
                "cited": "Deadline Hollywood",
                "article": "The Lantern Keepers",
            },
        ),
    ]
    ref = found.statuses[0].src
    assert (ref.source, ref.licence) == ("wikipedia", "CC BY-SA 4.0")
    assert ref.url == f"{server.url}/wiki/The_Lantern_Keepers?oldid=1187654321"
    request = server.last(API)
    assert (request.param("prop"), request.param("redirects")) == ("text", "1")
    assert (request.param("format"), request.param("formatversion")) == ("json", "2")
    assert "nextseason" in (request.header("user-agent") or "")


def test_hedges_other_titles_tables_and_loose_words_are_not_announcements() -> None:
    html = json.loads((FIXTURES / "parse_The_Lantern_Keepers.written.json").read_text())
    said = [s.said for s in statements(html["parse"]["text"], "The Lantern Keepers")]
    assert not any("hoped" in s for s in said)  # a hope, not a renewal
    assert not any("Harbor Lights" in s for s in said)  # another show
    assert not any("renewed focus" in s for s in said)  # not a renewal at all
    assert len(said) == 3  # the infobox's "Renewed" and the navbox are not prose


def test_a_guessed_title_is_followed_through_its_redirect(
    server: ReplayServer, client: HttpClient
) -> None:
    _page(server, "Ashfall (TV series)", "parse_Ashfall_(TV_series).redirect.written.json")
    show = _show("Ashfall", year=2021, country="United Kingdom")
    found = LIVE.fetch(client, show, _context())
    assert found is not None
    assert [
        (r.status, r.season, r.details["announced"], r.details["cited"]) for r in found.statuses
    ] == [
        ("cancelled", 0, "2023-01-05", "The Hollywood Reporter"),  # "after two seasons": the show
        ("ended", 0, "2023-03-02", None),  # the reference names no work in italics
    ]
    assert {r.details["article"] for r in found.statuses} == {"Ashfall (2021 TV series)"}


def test_a_redirect_to_a_namesake_and_a_disambiguation_page_give_nothing(
    server: ReplayServer, client: HttpClient
) -> None:
    _page(server, "Ashfall (TV series)", "parse_Ashfall_(1998_TV_series).written.json")
    _page(server, "Ashfall", "parse_Ashfall.disambiguation.written.json")
    assert LIVE.fetch(client, _show("Ashfall", year=2021), _context()) is None
    assert [r.param("page") for r in server.find("GET", API)] == ["Ashfall (TV series)", "Ashfall"]


def test_a_missing_page_a_film_and_an_article_without_announcements_give_nothing(
    server: ReplayServer, client: HttpClient
) -> None:
    assert LIVE.fetch(client, _show("Nowhere Show"), _context()) is None
    _page(server, "Quiet Harbour", "parse_Quiet_Harbour.film.written.json")
    assert LIVE.fetch(client, _show("Quiet Harbour"), _context()) is None  # a film
    _page(server, "Quiet Harbour (TV series)", "parse_Quiet_Harbour_(TV_series).written.json")
    assert LIVE.fetch(client, _show("Quiet Harbour"), _context()) is None  # says nothing


def test_answers_are_cached_and_offline_uses_only_the_cache(
    server: ReplayServer, client: HttpClient, tmp_path: Path
) -> None:
    _page(server, "The Lantern Keepers", "parse_The_Lantern_Keepers.written.json")
    show, context = _show("The Lantern Keepers"), _context("The Lantern Keepers")
    first = LIVE.fetch(client, show, context)
    again = LIVE.fetch(client, show, context)
    assert first is not None and again is not None
    assert len(again.statuses) == 3 and server.count("GET", API) == 1
    offline = HttpSettings(
        base_urls={"wikipedia": server.url + API}, offline=True, cache_dir=tmp_path / "cache"
    )
    with HttpClient(offline) as cached:
        assert LIVE.fetch(cached, show, context) is not None
        with pytest.raises(SourceOffline):
            LIVE.fetch(cached, _show("Ashfall"), _context())
    assert server.count("GET", API) == 1


def test_an_unexpected_api_error_is_a_source_error(
    server: ReplayServer, client: HttpClient
) -> None:
    from nextseason.errors import SourceBadPayload

    error = {"error": {"code": "internal_api_error_DBQueryError", "info": "Database query error."}}
    server.add("GET", API, Reply.json(error), query={"page": "Broken (TV series)"})
    with pytest.raises(SourceBadPayload, match="Wikipedia"):
        LIVE.fetch(client, _show("Broken"), _context())


def test_refresh_stores_the_articles_readings_and_credits_wikipedia(
    server: ReplayServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    show = json.loads(
        (
            Path(__file__).parent.parent
            / "fixtures"
            / "tvmaze"
            / "lookup_shows_imdb.schema-built.json"
        ).read_text()
    )
    show["name"] = "The Lantern Keepers"
    server.add("GET", "/tvmaze/shows/82", Reply.json(show))
    _page(server, "The Lantern Keepers (TV series)", "parse_The_Lantern_Keepers.written.json")
    db = tmp_path / "c.sqlite"
    with Catalog.open(f"sqlite:///{db}", seed=False) as catalog:
        catalog.store([make_show("The Lantern Keepers", key="82")])
    monkeypatch.setenv("NEXTSEASON_OFFLINE", "0")
    monkeypatch.setenv("NEXTSEASON_HTTP_RETRIES", "0")
    monkeypatch.setenv("NEXTSEASON_TVMAZE_URL", server.url + "/tvmaze")
    monkeypatch.setenv("NEXTSEASON_WIKIPEDIA_URL", server.url + API)
    with pytest.raises(SystemExit) as info:
        main(["refresh", "The Lantern Keepers", "--sources", "wikipedia", "--db", str(db)])
    assert info.value.code in (0, None)
    assert "from tvmaze, wikipedia" in capsys.readouterr().out
    with Catalog.open(f"sqlite:///{db}") as catalog, catalog.connect() as conn:
        rows = conn.execute(
            select(t.status_readings.c.status, t.status_readings.c.season).where(
                t.status_readings.c.source == "wikipedia"
            )
        ).all()
    assert sorted(rows) == [("final season announced", 4), ("renewed", 2), ("renewed", 3)]


@pytest.mark.parametrize(
    ("sentence", "status", "season"),
    [
        ("On January 9, 2020, Netflix renewed the series for a second season.", "renewed", 2),
        ("In June 2019, the series was renewed.", "renewed", 0),
        (
            "In February 2022, it was announced that the fourth season would be the last.",
            "final season announced",
            4,
        ),
        ("The series will conclude with its sixth season.", "final season announced", 6),
        ("It was announced that the series had been canceled after one season.", "cancelled", 0),
        ("Fox did not renew the series.", "cancelled", 0),
        ("The series concluded on May 2, 2021.", "ended", 0),
        ("The episode was cancelled due to the storm.", None, None),
        ("The second season premiered on June 1, 2020.", None, None),
        ("The network said the show could be renewed for a third season.", None, None),
    ],
)
def test_what_a_sentence_announces(sentence: str, status: str | None, season: int | None) -> None:
    html = f'<div class="mw-parser-output"><p>{sentence}</p></div>'
    found = [(s.status, s.season) for s in statements(html, "Any Show")]
    assert found == ([] if status is None else [(status, season)])
