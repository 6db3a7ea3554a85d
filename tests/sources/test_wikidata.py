"""Wikidata: the id crosswalk, source material and creators of a show, from one SPARQL query.

The answers are built to the SPARQL JSON results schema (no recording exists; see
tests/fixtures/wikidata/README.md) and served by the loopback replay server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from nextseason.errors import SourceBadPayload
from nextseason.sources.http import HttpClient, HttpSettings
from nextseason.sources.wikidata import facts, show_query
from tests.sources.faults import EXPECTED, FAULTS, assert_one_line, run_fault
from tests.support.replay import ReplayServer, Reply

FIXTURES = Path(__file__).parent.parent / "fixtures" / "wikidata"
GOT = FIXTURES / "sparql_game_of_thrones.schema-built.json"
ENTITY = "http://www.wikidata.org/entity/"


def got_answer() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOT.read_text(encoding="utf-8"))
    return data


def rows_for(qid: str, label: str, **ids: str) -> list[dict[str, Any]]:
    """Rows of another item, a namesake or a duplicate, holding these ids."""
    item = {
        "item": {"type": "uri", "value": ENTITY + qid},
        "itemLabel": {"xml:lang": "en", "type": "literal", "value": label},
    }
    return [
        item
        | {
            "kind": {"type": "literal", "value": scheme},
            "value": {"type": "literal", "value": value},
        }
        for scheme, value in ids.items()
    ]


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as replay:
        yield replay


def ask(server: ReplayServer, answer: object, **ids: str) -> Any:
    server.add("GET", "/sparql", Reply.json(answer))
    settings = HttpSettings(base_urls={"wikidata": server.url + "/sparql"}, retries=0)
    with HttpClient(settings, sleep=lambda s: None) as client:
        return facts(client, **ids)


def test_crosswalk_and_source_material_of_a_real_show(server: ReplayServer) -> None:
    bundle = ask(server, got_answer(), imdb="tt0944947", tvmaze="82")

    assert bundle.title == "Game of Thrones"
    assert bundle.external_ids == {
        "wikidata": "Q23572",
        "imdb": "tt0944947",
        "tmdb": "1399",
        "tvmaze": "82",
        "thetvdb": "121361",
    }
    (record,) = bundle.records
    assert (record.source, record.source_key, record.year) == ("wikidata", "Q23572", 2011)
    assert record.data == {
        "based_on": ["A Song of Ice and Fire"],
        "based_on_authors": ["George R. R. Martin"],
        "creators": ["D. B. Weiss", "David Benioff"],
        "original_broadcaster": ["HBO"],
        "seasons": 8,
        "episodes": 73,
        "start": "2011-04-17",
        "end": "2019-05-19",
        "enwiki": "Game of Thrones",
        "season_articles": {"1": "Game of Thrones (season 1)", "2": "Game of Thrones (season 2)"},
    }
    assert (bundle.premiered, bundle.ended, bundle.year) == (
        date(2011, 4, 17),
        date(2019, 5, 19),
        2011,
    )
    assert record.src.url == "https://www.wikidata.org/wiki/Q23572"
    assert record.src.licence == "CC0 1.0"


def test_creators_and_source_author_are_credited_with_their_items(server: ReplayServer) -> None:
    bundle = ask(server, got_answer(), imdb="tt0944947")

    credits = {(c.person_name, c.kind, c.part, c.person_key) for c in bundle.credits}
    assert credits == {
        ("David Benioff", "crew", "Creator", "wikidata:Q900000001"),
        ("D. B. Weiss", "crew", "Creator", "wikidata:Q900000002"),
        ("George R. R. Martin", "crew", "Source material author", "wikidata:Q181677"),
    }
    assert all(c.src.source == "wikidata" for c in bundle.credits)


def test_one_get_with_the_ids_and_the_sparql_json_accept_header(server: ReplayServer) -> None:
    ask(server, got_answer(), imdb="tt0944947", tvmaze="82", tmdb="1399")

    (request,) = server.requests
    assert request.method == "GET"
    assert request.param("format") == "json"
    assert request.header("accept") == "application/sparql-results+json"
    query = request.param("query") or ""
    assert 'wdt:P345 "tt0944947"' in query
    assert 'wdt:P8600 "82"' in query
    assert 'wdt:P4983 "1399"' in query
    assert "wdt:P4835" in query  # TheTVDB is asked back even when not given


def test_no_item_for_the_ids_is_none_not_an_error(server: ReplayServer) -> None:
    empty = {"head": {"vars": ["item"]}, "results": {"bindings": []}}
    assert ask(server, empty, imdb="tt9999999") is None


def test_no_ids_asks_nothing() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"no request expected, got {request.url}")

    transport = httpx.MockTransport(refuse)
    with HttpClient(HttpSettings(), transport=transport, sleep=lambda s: None) as client:
        assert facts(client) is None
        assert facts(client, imdb=" ", tvmaze=None) is None


def test_publication_date_stands_in_for_a_missing_start(server: ReplayServer) -> None:
    answer = got_answer()
    rows = answer["results"]["bindings"]
    for row in rows:
        if row["kind"]["value"] == "start":
            row["kind"]["value"] = "published"
            row["value"]["value"] = "2011-04-17T00:00:00Z"

    bundle = ask(server, answer, imdb="tt0944947")

    assert bundle.records[0].data["start"] == "2011-04-17"
    assert bundle.premiered == date(2011, 4, 17)


def test_a_namesake_found_through_one_id_is_left_aside(server: ReplayServer) -> None:
    answer = got_answer()
    # another item holds the TVmaze id but a different IMDb id: it is not the show asked for
    answer["results"]["bindings"] += rows_for(
        "Q999001", "Game of Thrones (namesake)", tvmaze="82", imdb="tt0000001"
    )

    bundle = ask(server, answer, imdb="tt0944947", tvmaze="82")

    assert bundle.external_ids["wikidata"] == "Q23572"


def test_the_item_matching_more_of_the_ids_wins(server: ReplayServer) -> None:
    answer = got_answer()
    answer["results"]["bindings"] += rows_for("Q999002", "A stub item", imdb="tt0944947")

    bundle = ask(server, answer, imdb="tt0944947", tvmaze="82")

    assert bundle.external_ids["wikidata"] == "Q23572"


def test_two_items_matching_equally_is_an_ambiguity_named_in_one_line(
    server: ReplayServer,
) -> None:
    answer = got_answer()
    answer["results"]["bindings"] += rows_for(
        "Q999003", "Game of Thrones (duplicate)", imdb="tt0944947"
    )

    with pytest.raises(SourceBadPayload) as caught:
        ask(server, answer, imdb="tt0944947")

    assert_one_line(caught.value, source="wikidata", label="Wikidata")
    assert "ambiguous" in str(caught.value)
    assert "Q23572" in str(caught.value) and "Q999003" in str(caught.value)


def test_items_that_contradict_the_given_ids_are_refused(server: ReplayServer) -> None:
    answer = got_answer()
    with pytest.raises(SourceBadPayload) as caught:
        ask(server, answer, imdb="tt0944947", tvmaze="83")

    assert_one_line(caught.value, source="wikidata", label="Wikidata")
    assert "no item agrees" in str(caught.value)


def test_ids_are_quoted_so_they_cannot_change_the_query() -> None:
    query = show_query({"imdb": 'tt1" } UNION { ?item ?p ?o'})
    assert '"tt1\\" } UNION { ?item ?p ?o"' in query


FIELD_RENAMED = json.dumps(
    {"head": {"vars": ["item"]}, "results": {"rows": got_answer()["results"]["bindings"]}}
).encode()


@pytest.mark.parametrize("fault", FAULTS)
def test_faults_become_one_line_naming_wikidata(fault: str) -> None:
    run = run_fault(
        fault,
        source="wikidata",
        prefix="/sparql",
        routes=[("GET", "")],
        good=GOT.read_bytes(),
        renamed=FIELD_RENAMED,
        call=lambda client: facts(client, imdb="tt0944947"),
    )
    assert type(run.error) is EXPECTED[fault]
    assert_one_line(run.error, source="wikidata", label="Wikidata")
    if fault == "429 with Retry-After":
        assert run.sleeps == [7.0]
