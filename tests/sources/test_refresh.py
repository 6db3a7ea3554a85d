"""Refresh and live lookup, end to end over a loopback server replaying recorded responses.

Game of Thrones answers from TVmaze, TMDB and Wikidata (recorded or composed from
recordings); Google Trends and Reddit are blocked, as they often are in real life.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.cli import main
from nextseason.model import CreditRecord, Report, ShowBundle, ShowRecordData, SourceRef
from tests.conftest import make_show
from tests.support.replay import Recorded, ReplayServer, Reply

FIXTURES = Path(__file__).parent.parent / "fixtures"
SHOW = FIXTURES / "tvmaze" / "shows_82_embed_seasons_cast_crew_episodes.composed.json"
TMDB = FIXTURES / "tmdb" / "tv_1399_append.composed.json"
SPARQL = FIXTURES / "wikidata" / "sparql_game_of_thrones.schema-built.json"
KEY = "k3y-that-must-never-show"


def _pageviews() -> dict[str, object]:
    # Built to the documented per-article schema: three days of views for the show's article.
    days = [("2019051900", 1_250_000), ("2019052000", 610_000), ("2019052100", 240_000)]
    return {
        "items": [
            {
                "project": "en.wikipedia",
                "article": "Game_of_Thrones",
                "granularity": "daily",
                "timestamp": stamp,
                "access": "all-access",
                "agent": "user",
                "views": views,
            }
            for stamp, views in days
        ]
    }


def _not_found(request: Recorded) -> Reply | None:
    if request.path.startswith("/pageviews/"):
        return Reply.json({"type": "not_found", "title": "Not found."}, status=404)
    return None


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    show = json.loads(SHOW.read_text())
    with ReplayServer(fallback=_not_found) as replay:
        replay.add("GET", "/tvmaze/shows/82", Reply.file(SHOW))
        replay.add(
            "GET",
            "/tvmaze/search/shows",
            Reply.json(
                [{"score": 0.9, "show": {k: v for k, v in show.items() if k != "_embedded"}}]
            ),
        )
        replay.add("GET", "/tvmaze/search/shows", Reply.json([]), query={"q": "Nothing Like It"})
        replay.add("GET", "/tmdb/tv/1399", Reply.file(TMDB))
        # Built to TMDB's documented /find schema (the recorded one answers for another id).
        find = {"movie_results": [], "person_results": [], "tv_episode_results": []}
        find |= {"tv_season_results": [], "tv_results": [{"id": 1399, "name": "Game of Thrones"}]}
        replay.add("GET", "/tmdb/find/tt0944947", Reply.json(find))
        replay.add("GET", "/sparql", Reply.file(SPARQL))
        replay.add(
            "GET",
            "/pageviews/per-article/en.wikipedia/all-access/user/Game_of_Thrones/daily/20150701/20261126",
            Reply.json(_pageviews()),
        )
        replay.add("POST", "/trends/api/explore", Reply.rate_limited(1))
        replay.add("GET", "/trends/api/explore", Reply.rate_limited(1))
        replay.add("GET", "/reddit/search.json", Reply.html())
        # Built to the MediaWiki API's documented error: no article of that title.
        missing = {
            "error": {"code": "missingtitle", "info": "The page you specified doesn't exist."}
        }
        replay.add("GET", "/wikipedia", Reply.json(missing))
        yield replay


@pytest.fixture
def online(server: ReplayServer, monkeypatch: pytest.MonkeyPatch) -> ReplayServer:
    monkeypatch.setenv("NEXTSEASON_OFFLINE", "0")
    monkeypatch.setenv("NEXTSEASON_TODAY", "2026-11-27")
    monkeypatch.setenv("NEXTSEASON_TMDB_KEY", KEY)
    monkeypatch.setenv("NEXTSEASON_HTTP_RETRIES", "0")  # faults fail at once, no backoff
    for name, path in (
        ("TVMAZE", "/tvmaze"),
        ("TMDB", "/tmdb"),
        ("WIKIDATA", "/sparql"),
        ("PAGEVIEWS", "/pageviews"),
        ("TRENDS", "/trends"),
        ("REDDIT", "/reddit"),
        ("WIKIPEDIA", "/wikipedia"),
    ):
        monkeypatch.setenv(f"NEXTSEASON_{name}_URL", server.url + path)
    return server


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "c.sqlite"
    with Catalog.open(f"sqlite:///{path}", seed=False) as catalog:
        catalog.store([make_show("Dash & Lily", key="9001")])
    return str(path)


def run(*args: str) -> int:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    code = info.value.code
    return code if isinstance(code, int) else 0


def test_report_on_an_unknown_title_looks_it_up_live_and_stores_it(
    online: ReplayServer, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", "Game of Thrones", "--format", "json", "--db", db) == 0
    out, err = capsys.readouterr()
    report = Report.model_validate_json(out)
    assert report.show.title == "Game of Thrones"
    assert report.show.platform == "HBO"
    assert report.status.verdict == "ended"
    assert {r.source for r in report.status.readings} >= {"tvmaze", "tmdb"}
    assert any(c.character == "Tyrion Lannister" for c in report.characters)
    assert report.overview.source_material is not None
    keys = {s.key for s in report.sources}
    assert {"tvmaze", "tmdb", "wikidata", "wikipedia_pageviews"} <= keys
    assert any(s.source == "wikipedia_pageviews" for s in report.interest.series)
    # The blocked sources cost one warning line each, and the report still came out.
    assert "warning: Google Trends: blocked or rate limited" in err
    assert "warning: Reddit" in err
    assert KEY not in out + err
    # Stored: a second run answers from the catalog without asking TVmaze again.
    before = online.count("GET", "/tvmaze/shows/82")
    assert run("report", "Game of Thrones", "--format", "json", "--db", db) == 0
    assert online.count("GET", "/tvmaze/shows/82") == before


def test_a_title_unknown_everywhere_exits_2_with_suggestions(
    online: ReplayServer, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", "Nothing Like It", "--db", db) == 2
    err = capsys.readouterr().err
    assert "no show matches 'Nothing Like It' in the catalog or on TVmaze" in err


def test_offline_never_asks_the_network(
    server: ReplayServer,
    db: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEXTSEASON_TVMAZE_URL", server.url + "/tvmaze")
    assert run("--offline", "report", "Game of Thrones", "--db", db) == 2
    assert server.count() == 0
    assert "no show matches" in capsys.readouterr().err


def test_a_source_that_fails_keeps_its_last_good_data(
    online: ReplayServer,
    db: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEXTSEASON_CACHE_DIR", "off")  # else the cache would hide the failure
    assert run("refresh", "Game of Thrones", "--db", db) == 0
    capsys.readouterr()
    online.add("GET", "/tmdb/tv/1399", Reply.error(500))
    assert run("refresh", "Game of Thrones", "--db", db, "--sources", "tmdb") == 0
    out, err = capsys.readouterr()
    assert "refreshed Game of Thrones" in out
    assert "TMDB" in err and "keeping its data from" in err
    with Catalog.open(f"sqlite:///{db}") as catalog:
        entry, _ = catalog.find("Game of Thrones")
        bundle = catalog.show(entry.id)
    assert any(r.source == "tmdb" for r in bundle.records), "the earlier TMDB record is kept"


def test_tvmaze_down_stores_nothing_and_exits_4(
    online: ReplayServer, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    online.add("GET", "/tvmaze/search/shows", Reply.error(503))
    online.add("GET", "/tvmaze/shows/82", Reply.error(503))
    with Catalog.open(f"sqlite:///{db}") as catalog:
        before = catalog.counts()
    assert run("refresh", "Game of Thrones", "--db", db) == 4
    err = capsys.readouterr().err
    assert "TVmaze" in err and "Traceback" not in err
    with Catalog.open(f"sqlite:///{db}") as catalog:
        assert catalog.counts() == before


def test_an_invalid_tmdb_key_is_one_message_and_the_rest_works(
    online: ReplayServer, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    online.add("GET", "/tmdb/tv/1399", Reply.json({"status_code": 7, "success": False}, status=401))
    assert run("refresh", "Game of Thrones", "--db", db) == 0
    out, err = capsys.readouterr()
    assert "refreshed Game of Thrones" in out and "tvmaze" in out
    assert err.count("TMDB: the API key was refused") == 1
    assert KEY not in err


def test_a_namesake_from_tvmaze_is_not_merged(
    online: ReplayServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The catalog's "Game of Thrones" has another IMDb id: TVmaze's answer is a namesake.
    path = tmp_path / "n.sqlite"
    impostor = make_show("Game of Thrones", key="82", year=2011, platform="HBO")
    impostor.external_ids = {"tvmaze": "82", "imdb": "tt0000001"}
    with Catalog.open(f"sqlite:///{path}", seed=False) as catalog:
        catalog.store([impostor])
        before = catalog.counts()
    assert run("refresh", "Game of Thrones", "--db", str(path)) == 4
    assert "different show" in capsys.readouterr().err
    with Catalog.open(f"sqlite:///{path}") as catalog:
        assert catalog.counts() == before


def test_refresh_all_reports_progress_and_a_summary(
    online: ReplayServer, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", "Game of Thrones", "--format", "json", "--db", db) == 0
    capsys.readouterr()
    assert run("refresh", "--all", "--db", db, "--sources", "tvmaze") == 0
    out = capsys.readouterr().out
    # Dash & Lily's TVmaze id is not on the replay server: one of two fails, cleanly.
    assert "1 of 2 shows refreshed, 1 failed" in out


def test_bad_refresh_arguments_exit_2(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("refresh", "--db", db) == 2
    assert run("refresh", "X", "--all", "--db", db) == 2
    assert run("refresh", "X", "--sources", "myspace", "--db", db) == 2
    assert "unknown source" in capsys.readouterr().err


def test_where_to_watch_lists_providers_for_the_countries_asked(
    online: ReplayServer,
    db: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEXTSEASON_COUNTRIES", "AT,GB")
    assert run("report", "Game of Thrones", "--format", "json", "--db", db) == 0
    report = Report.model_validate_json(capsys.readouterr().out)
    providers = [e for e in report.where_to_watch.entries if e.source == "tmdb_watch_providers"]
    assert providers and {e.country for e in providers} == {"AT"}  # none listed for GB
    assert any(s.key == "tmdb_watch_providers" and "JustWatch" in s.licence for s in report.sources)


def test_updated_since_refreshes_only_what_tvmaze_changed(
    online: ReplayServer, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", "Game of Thrones", "--format", "json", "--db", db) == 0
    capsys.readouterr()
    # TVmaze's /updates/shows: show 82 changed on 2026-11-26; Dash & Lily (9001) long ago.
    online.add("GET", "/tvmaze/updates/shows", Reply.json({"82": 1795651200, "9001": 1500000000}))
    assert run("refresh", "--updated-since", "2026-11-20", "--db", db, "--sources", "tvmaze") == 0
    out = capsys.readouterr().out
    assert "refreshed Game of Thrones" in out and "Dash & Lily" not in out


def test_a_refresh_merges_the_catalogs_cast_with_tvmazes_characters(
    online: ReplayServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The catalog knows Game of Thrones from a streaming catalog: cast names, no characters,
    # spelled its own way. The refresh brings TVmaze's cast with characters.
    catalog_ref = SourceRef(
        "hulu_catalog_2021",
        "https://www.kaggle.com/datasets/shivamb/hulu-movies-and-tv-shows",
        datetime(2021, 10, 24),
        "CC0 1.0 as listed on Kaggle",
    )
    names = ["Peter Dinklage", "EMILIA CLARKE", "Kit Harington", "Nikolaj Coster-Waldau"]
    show = ShowBundle(
        title="Game of Thrones",
        src=catalog_ref,
        year=2011,
        external_ids={"imdb": "tt0944947"},
        records=[
            ShowRecordData("hulu_catalog_2021", "s1", "Game of Thrones", 2011, {}, catalog_ref)
        ],
        credits=[CreditRecord(n, "cast", catalog_ref, position=i) for i, n in enumerate(names)],
    )
    # TVmaze answers a lookup by IMDb id with the show itself (after its redirect).
    body = {k: v for k, v in json.loads(SHOW.read_text()).items() if k != "_embedded"}
    online.add("GET", "/tvmaze/lookup/shows", Reply.json(body), query={"imdb": "tt0944947"})
    path = tmp_path / "c.sqlite"
    with Catalog.open(f"sqlite:///{path}", seed=False) as catalog:
        catalog.store([show])
        show_id = show.id
    assert show_id is not None
    assert run("refresh", "--id", str(show_id), "--db", str(path)) == 0
    capsys.readouterr()
    assert run("report", "--id", str(show_id), "--format", "json", "--db", str(path)) == 0
    report = Report.model_validate_json(capsys.readouterr().out)
    actors = [c.actor.casefold() for c in report.characters]
    assert len(actors) == len(set(actors)), "an actor is listed twice"
    tyrion = next(c for c in report.characters if c.actor == "Peter Dinklage")
    assert tyrion.character == "Tyrion Lannister" and tyrion.source == "tvmaze"
    assert set(tyrion.also) == {"hulu_catalog_2021", "tmdb"}  # every source that lists him
    daenerys = [c for c in report.characters if c.actor.casefold() == "emilia clarke"]
    assert len(daenerys) == 1 and daenerys[0].character == "Daenerys Targaryen"
    headline = [f.value for f in report.overview.headline_cast]
    assert len(headline) == len({h.split(" as ")[0].casefold() for h in headline})
