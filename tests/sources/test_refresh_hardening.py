# ruff: noqa: F811  (the fixtures of test_refresh, imported)
"""Refreshes where the sources disagree about which show is which, lack the ids a source
needs, or hang: each costs only that source's part, never the command or another show.

The loopback server of test_refresh (Game of Thrones from every source) plus a second TVmaze
show, House of the Dragon, built from Game of Thrones' recorded answer.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.model import Report
from tests.conftest import make_show
from tests.sources.test_refresh import (  # noqa: F401  (fixtures)
    SHOW,
    SPARQL,
    db,
    online,
    run,
    server,
)
from tests.support.replay import ReplayServer, Reply

_ID_KINDS = {"imdb", "tmdb", "tvmaze", "thetvdb"}


def _second_show(externals: dict[str, object]) -> dict[str, object]:
    show = json.loads(SHOW.read_text())
    show.update(
        id=83,
        name="House of the Dragon",
        premiered="2022-08-21",
        externals={"tvrage": None, **externals},
        url="https://www.tvmaze.com/shows/83/house-of-the-dragon",
    )
    return show


def _add_second_show(server: ReplayServer, externals: dict[str, object]) -> None:
    show = _second_show(externals)
    server.add("GET", "/tvmaze/shows/83", Reply.json(show))
    bare = {k: v for k, v in show.items() if k != "_embedded"}
    server.add(
        "GET",
        "/tvmaze/search/shows",
        Reply.json([{"score": 0.9, "show": bare}]),
        query={"q": "House of the Dragon"},
    )


def _ids_free_sparql() -> dict[str, object]:
    """Wikidata's answer for Game of Thrones without its id crosswalk: an item nothing ties
    to one TVmaze show, so Wikidata gives the same item for both shows."""
    answer = json.loads(SPARQL.read_text())
    bindings = answer["results"]["bindings"]
    answer["results"]["bindings"] = [b for b in bindings if b["kind"]["value"] not in _ID_KINDS]
    return answer


def test_a_show_without_imdb_or_thetvdb_ids_costs_only_tmdbs_part(
    online: ReplayServer, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # NEXTSEASON_TMDB_KEY is set (the online fixture): TMDB finds shows by IMDb or TheTVDB
    # id, and this one has neither.
    _add_second_show(online, {"thetvdb": None, "imdb": None})
    assert run("report", "House of the Dragon", "--format", "json", "--db", db) == 0
    out, err = capsys.readouterr()
    assert Report.model_validate_json(out).show.title == "House of the Dragon"
    assert "TMDB find needs" not in err and "error:" not in err
    assert online.count("GET", "/tmdb/find/tt0944947") == 0

    assert run("refresh", "House of the Dragon", "--db", db) == 0
    out, err = capsys.readouterr()
    assert "refreshed House of the Dragon" in out and "error:" not in err

    assert run("watch", "add", "House of the Dragon", "--db", db) == 0
    assert run("report", "Game of Thrones", "--format", "json", "--db", db) == 0
    assert run("watch", "add", "Game of Thrones", "--db", db) == 0
    capsys.readouterr()
    assert run("check", "--db", db) in (0, 10)
    out, err = capsys.readouterr()
    assert "checked 2 shows" in err and "error:" not in err

    assert run("refresh", "--all", "--db", db) == 0
    out, err = capsys.readouterr()
    assert "error:" not in err
    assert "3 of 3 shows refreshed" in out or "2 of 3 shows refreshed, 1 failed" in out


def test_the_same_wikidata_item_for_two_tvmaze_shows_is_reported_and_not_merged(
    online: ReplayServer, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    online.add("GET", "/sparql", Reply.json(_ids_free_sparql()))
    _add_second_show(online, {"thetvdb": 371572, "imdb": "tt11198330"})
    assert run("report", "Game of Thrones", "--format", "json", "--db", db) == 0
    first = Report.model_validate_json(capsys.readouterr()[0]).show
    assert run("report", "House of the Dragon", "--format", "json", "--db", db) == 0
    out, err = capsys.readouterr()
    second = Report.model_validate_json(out).show
    assert second.title == "House of the Dragon"
    assert second.id != first.id
    conflict = [line for line in err.splitlines() if "Wikidata" in line]
    assert len(conflict) == 1 and "Game of Thrones" in conflict[0], err
    assert "Q23572" in conflict[0]

    with Catalog.open(f"sqlite:///{db}") as catalog:
        got = catalog.show(first.id)
        hotd = catalog.show(second.id)
        hits = catalog.search("Game of Thrones", limit=3)
    assert got.title == "Game of Thrones"
    assert hits and hits[0].entry.id == first.id
    assert any(r.source == "wikidata" for r in got.records), "the first show keeps its item"
    assert not any(r.source == "wikidata" for r in hotd.records)
    assert hotd.external_ids.get("tvmaze") == "83" and got.external_ids.get("tvmaze") == "82"


def test_tvmaze_ids_already_held_by_another_tvmaze_show_are_not_merged(
    online: ReplayServer, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # TVmaze itself gives the new show Game of Thrones' IMDb id: still two TVmaze shows.
    _add_second_show(online, {"thetvdb": None, "imdb": "tt0944947"})
    online.add("GET", "/tmdb/find/tt0944947", Reply.json({"tv_results": []}))
    assert run("report", "Game of Thrones", "--format", "json", "--db", db) == 0
    first = Report.model_validate_json(capsys.readouterr()[0]).show
    assert run("report", "House of the Dragon", "--format", "json", "--db", db) == 0
    out, err = capsys.readouterr()
    second = Report.model_validate_json(out).show
    assert second.id != first.id and second.title == "House of the Dragon"
    assert "TVmaze" in err and "Game of Thrones" in err
    with Catalog.open(f"sqlite:///{db}") as catalog:
        assert catalog.show(first.id).title == "Game of Thrones"
        assert catalog.show(first.id).external_ids["imdb"] == "tt0944947"


def test_a_hanging_source_costs_twice_its_timeout_per_run_whatever_the_number_of_shows(
    online: ReplayServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    timeout = 0.5
    monkeypatch.setenv("NEXTSEASON_HTTP_TIMEOUT", str(timeout))
    monkeypatch.setenv("NEXTSEASON_HTTP_RETRIES", "3")
    online.add("GET", "/sparql", Reply.json({}).delayed(30))  # Wikidata hangs
    path = tmp_path / "w.sqlite"
    shows = range(82, 88)
    with Catalog.open(f"sqlite:///{path}", seed=False) as catalog:
        for n in shows:
            body = json.loads(SHOW.read_text())
            body.update(id=n, name=f"Show {n}", externals={"imdb": None, "thetvdb": None})
            online.add("GET", f"/tvmaze/shows/{n}", Reply.json(body))
            catalog.store([make_show(f"Show {n}", key=str(n))])
    started = time.monotonic()
    # The other sources are polite (Google Trends: one call in 2 s): leave them out, so that
    # the time measured is TVmaze's and Wikidata's.
    assert run("refresh", "--all", "--sources", "wikidata", "--db", str(path)) == 0
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    assert f"{len(shows)} of {len(shows)} shows refreshed" in out
    assert online.count("GET", "/sparql") == 2  # two timed-out attempts in the whole run
    lines = [line for line in err.splitlines() if "Wikidata" in line]
    assert len(lines) == 1 and "not asked again in this run" in lines[0], err
    # Twice the timeout for Wikidata, plus TVmaze's answers for six shows.
    assert elapsed < 2 * timeout + 3, (elapsed, err)
