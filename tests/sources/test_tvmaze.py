"""TVmaze as a user meets it: Game of Thrones fetched whole, search and lookup, namesakes
told apart, and every way the API can fail turned into one line naming TVmaze.

Recorded TVmaze answers (tests/fixtures/tvmaze, see its README) are replayed through a mock
transport, and the faults through a loopback server over a real socket.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from nextseason.catalog import Catalog
from nextseason.errors import SourceBadPayload, SourceError, UsageError
from nextseason.model import ShowBundle
from nextseason.sources import tvmaze
from nextseason.sources.base import now_utc
from nextseason.sources.http import HttpClient, HttpSettings
from tests.sources.faults import EXPECTED, FAULTS, RETRY_AFTER, assert_one_line, run_fault
from tests.support.replay import ReplayServer, Reply

FIXTURES = Path(__file__).parent.parent / "fixtures" / "tvmaze"
GOT = "shows_82_embed_seasons_cast_crew_episodes.composed.json"

Handler = Callable[[httpx.Request], httpx.Response]


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def answer(name: str) -> httpx.Response:
    return httpx.Response(
        200,
        content=(FIXTURES / name).read_bytes(),
        headers={"Content-Type": "application/json; charset=UTF-8"},
    )


def not_found() -> httpx.Response:
    return httpx.Response(404, json={"name": "Not Found", "message": "", "code": 0, "status": 404})


@pytest.fixture
def replay_client() -> Iterator[Callable[[Handler], HttpClient]]:
    """Clients whose requests a handler answers in-process; closed after the test."""
    clients: list[HttpClient] = []

    def make(handler: Handler) -> HttpClient:
        client = HttpClient(
            HttpSettings(retries=0, backoff=0),
            transport=httpx.MockTransport(handler),
            sleep=lambda seconds: None,
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def got(replay_client: Callable[[Handler], HttpClient]) -> ShowBundle:
    """Game of Thrones as fetch_show builds it from the recorded answer."""
    asked: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        return answer(GOT) if request.url.path == "/shows/82" else not_found()

    bundle = tvmaze.fetch_show(replay_client(handler), 82)
    assert [r.url.params.get_list("embed[]") for r in asked] == [
        ["seasons", "cast", "crew", "episodes"]
    ]
    return bundle


# ---------------------------------------------------------------------------------------
# Game of Thrones, fetched whole


def test_game_of_thrones_has_eight_seasons_with_their_recorded_dates(got: ShowBundle) -> None:
    seasons = {s.number: s for s in got.seasons}
    assert sorted(seasons) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [seasons[n].episode_order for n in range(1, 9)] == [10, 10, 10, 10, 10, 10, 7, 6]
    assert seasons[1].premiere_date == date(2011, 4, 17)
    assert seasons[8].end_date == date(2019, 5, 19)


def test_game_of_thrones_has_73_regular_episodes_aired_as_recorded(got: ShowBundle) -> None:
    regular = [e for e in got.episodes if e.number is not None]
    assert len(regular) == 73
    recorded = {
        f"s{e['season']:02d}e{e['number']:02d}": e["airdate"]
        for e in fixture(GOT)["_embedded"]["episodes"]
        if e["number"] is not None
    }
    assert {e.key: e.airdate.isoformat() for e in regular if e.airdate} == recorded
    pilot = next(e for e in regular if e.key == "s01e01")
    assert pilot.title == "Winter is Coming"
    # 21:00 in New York is 01:00 UTC the next day; stored as naive UTC.
    assert pilot.airstamp == datetime(2011, 4, 18, 1, 0)
    finale = max(regular, key=lambda e: e.key)
    assert (finale.key, finale.airdate) == ("s08e06", date(2019, 5, 19))


def test_specials_are_kept_apart_from_numbered_episodes(got: ShowBundle) -> None:
    specials = [e for e in got.episodes if e.number is None]
    assert len(specials) == 11
    assert all(e.key == f"special:{e.source_id}" for e in specials)
    greatest = next(e for e in specials if e.title == "Greatest Moments")
    assert greatest.airdate is None  # TVmaze gives "" for an unknown date


def test_game_of_thrones_aired_on_hbo_and_streamed_on_hbo_go(got: ShowBundle) -> None:
    assert got.platform is not None
    assert (got.platform.name, got.platform.kind) == ("HBO", "network")
    assert {(link.platform.name, link.role) for link in got.platforms} == {
        ("HBO", "network"),
        ("HBO Go", "web"),
    }


def test_game_of_thrones_cast_carries_characters(got: ShowBundle) -> None:
    cast = [c for c in got.credits if c.kind == "cast"]
    assert len(cast) == 42
    tyrion = cast[0]
    assert (tyrion.person_name, tyrion.part, tyrion.position) == (
        "Peter Dinklage",
        "Tyrion Lannister",
        0,
    )
    assert tyrion.person_key == "tvmaze:14072"
    assert ("Emilia Clarke", "Daenerys Targaryen") in {(c.person_name, c.part) for c in cast}


def test_game_of_thrones_crew_names_its_creators_and_source_author(got: ShowBundle) -> None:
    crew = [c for c in got.credits if c.kind == "crew"]
    creators = {c.person_name for c in crew if c.part == "Creator"}
    assert creators == {"David Benioff", "D.B. Weiss"}
    assert ("George R. R. Martin", "Based on the Novel Of") in {
        (c.person_name, c.part) for c in crew
    }
    assert ("David Benioff", "Executive Producer") in {(c.person_name, c.part) for c in crew}


def test_game_of_thrones_status_is_ended_and_sourced(got: ShowBundle) -> None:
    assert got.status == "Ended"
    [reading] = got.statuses
    assert (reading.source, reading.status) == ("tvmaze", "Ended")
    assert reading.read_at == got.src.retrieved_at
    assert got.src.source == "tvmaze"
    assert got.src.licence == "CC BY-SA 4.0"
    assert got.src.url == (
        "https://api.tvmaze.com/shows/82?embed[]=seasons&embed[]=cast&embed[]=crew&embed[]=episodes"
    )
    assert got.src.retrieved_at.tzinfo is None
    assert abs(now_utc() - got.src.retrieved_at) < timedelta(minutes=1)
    groups = (got.seasons, got.episodes, got.credits, got.platforms, got.records)
    assert {part.src for group in groups for part in group} == {got.src}


def test_game_of_thrones_overview_fields_and_ids(got: ShowBundle) -> None:
    assert (got.title, got.year, got.kind, got.language) == (
        "Game of Thrones",
        2011,
        "Scripted",
        "English",
    )
    assert (got.country, got.premiered, got.runtime) == ("United States", date(2011, 4, 17), 60)
    assert got.genres == ["Drama", "Adventure", "Fantasy"]
    assert got.summary is not None and got.summary.startswith("<p>Based on the bestselling")
    assert got.official_site == "http://www.hbo.com/game-of-thrones"
    assert got.ended is None  # this 2019 recording predates TVmaze's "ended" field
    assert got.external_ids == {"tvmaze": "82", "imdb": "tt0944947", "thetvdb": "121361"}
    [record] = got.records
    assert (record.source, record.source_key, record.title, record.year) == (
        "tvmaze",
        "82",
        "Game of Thrones",
        2011,
    )
    assert record.data["status"] == "Ended"
    assert record.data["network"]["name"] == "HBO"
    assert record.data["webChannel"]["name"] == "HBO Go"
    assert record.data["schedule"] == {"time": "21:00", "days": ["Sunday"]}
    assert record.data["updated"] == "2019-10-30T06:21:01"
    # The poster TVmaze gave (image.medium), kept over https for the show page.
    assert record.data["poster"] == (
        "https://static.tvmaze.com/uploads/images/medium_portrait/190/476117.jpg"
    )


def test_a_streaming_original_without_embeds(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    """A web-only show, answered without embedded parts: the show fields still come through."""
    client = replay_client(lambda r: answer("shows_40019.from-schedule-web-2020-12-04.json"))
    selena = tvmaze.fetch_show(client, 40019)
    assert selena.title == "Selena: The Series"
    assert selena.platform is not None
    assert (selena.platform.name, selena.platform.kind) == ("Netflix", "streaming")
    assert [(link.platform.name, link.role) for link in selena.platforms] == [("Netflix", "web")]
    assert (selena.premiered, selena.ended, selena.status) == (
        date(2020, 12, 4),
        date(2021, 5, 4),
        "Ended",
    )
    assert selena.seasons == [] and selena.episodes == [] and selena.credits == []


# ---------------------------------------------------------------------------------------
# Search, lookup, namesakes


def test_search_offers_every_girls_show_with_year_platform_and_ids(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    client = replay_client(
        lambda r: answer("search_shows_girls.json") if r.url.params["q"] == "girls" else not_found()
    )
    hits = tvmaze.search(client, "girls")
    assert len(hits) == 10
    first = hits[0]
    assert (first.source, first.source_id, first.title, first.year, first.platform) == (
        "tvmaze",
        "139",
        "Girls",
        2012,
        "HBO",
    )
    assert first.status == "Ended"
    assert first.score == pytest.approx(17.236986)
    assert first.external_ids == {"tvmaze": "139", "imdb": "tt1723816", "thetvdb": "220411"}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_namesakes_in_one_search_are_told_apart_by_their_ids(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    hits = tvmaze.search(replay_client(lambda r: answer("search_shows_girls.json")), "girls")
    hbo, ubs = hits[0], hits[1]
    assert hbo.title.casefold() == ubs.title.casefold() == "girls"
    assert (ubs.platform, ubs.year) == ("UBS", None)
    assert tvmaze.same_show(hbo.external_ids, ubs.external_ids) is False


def test_two_klassen_shows_from_two_countries_are_not_the_same_show(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    files = {
        "/shows/55919": "shows_55919.from-schedule-web-2020-12-02.json",
        "/shows/55199": "shows_55199.from-schedule-web-2020-12-24.json",
    }
    client = replay_client(lambda r: answer(files[r.url.path]))
    norwegian, swedish = tvmaze.fetch_show(client, 55919), tvmaze.fetch_show(client, 55199)
    assert norwegian.title == swedish.title == "Klassen"
    assert norwegian.platform is not None and swedish.platform is not None
    assert (norwegian.platform.name, swedish.platform.name) == ("NRK TV", "SVT Play")
    # Compare on IMDb and TheTVDB only, as a catalog that knows one of them would.
    other_ids = {k: v for k, v in swedish.external_ids.items() if k != "tvmaze"}
    assert tvmaze.same_show(norwegian.external_ids, other_ids) is False


def test_same_show_agrees_differs_or_cannot_tell() -> None:
    got = {"tvmaze": "82", "imdb": "tt0944947", "thetvdb": "121361"}
    assert tvmaze.same_show(got, {"tmdb": "1399", "imdb": "TT0944947 "}) is True
    assert tvmaze.same_show(got, {"imdb": "tt0944947", "thetvdb": "366524"}) is False
    assert tvmaze.same_show(got, {"tmdb": "1399"}) is None
    assert tvmaze.same_show(got, {"imdb": ""}) is None


def test_a_search_with_two_a_teams_lists_both(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    hits = tvmaze.search(replay_client(lambda r: answer("search_shows_a.json")), "a")
    a_teams = [h for h in hits if h.title == "The A-Team"]
    assert [(h.source_id, h.year) for h in a_teams] == [("1058", 1983), ("4325", None)]
    assert a_teams[1].external_ids == {"tvmaze": "4325"}


def test_single_search_gives_the_best_match_or_none(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.params["q"] == "girls":
            return answer("singlesearch_shows_girls.schema-built.json")
        return not_found()

    client = replay_client(handler)
    hit = tvmaze.single_search(client, "girls")
    assert hit is not None and (hit.source_id, hit.title, hit.year) == ("139", "Girls", 2012)
    assert tvmaze.single_search(client, "no such show at all") is None


def test_lookup_by_imdb_follows_tvmaze_redirect_to_the_show(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/lookup/shows":
            if request.url.params.get("imdb") == "tt0944947":
                return httpx.Response(301, headers={"Location": "https://api.tvmaze.com/shows/82"})
            if request.url.params.get("thetvdb") == "121361":
                return httpx.Response(301, headers={"Location": "https://api.tvmaze.com/shows/82"})
            return not_found()
        if request.url.path == "/shows/82":
            return answer("lookup_shows_imdb.schema-built.json")
        return not_found()

    client = replay_client(handler)
    assert tvmaze.lookup(client, imdb="tt0944947") == 82
    assert tvmaze.lookup(client, thetvdb="121361") == 82
    assert tvmaze.lookup(client, imdb="tt9999999") is None
    with pytest.raises(UsageError):
        tvmaze.lookup(client)


def test_a_lookup_that_lands_on_another_show_is_refused(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    """Asked for Game of Thrones' IMDb id, TVmaze answers with Girls: a wrong match."""
    client = replay_client(lambda r: answer("singlesearch_shows_girls.schema-built.json"))
    with pytest.raises(SourceBadPayload) as caught:
        tvmaze.lookup(client, imdb="tt0944947")
    message = str(caught.value)
    assert message.startswith("TVmaze: ") and "tt0944947" in message and "tt1723816" in message


def test_a_show_answered_under_another_id_is_refused(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    client = replay_client(lambda r: answer("singlesearch_shows_girls.schema-built.json"))
    with pytest.raises(
        SourceBadPayload, match=r"^TVmaze: asked for show 82, answered with show 139"
    ):
        tvmaze.fetch_show(client, 82)


def test_a_show_whose_ids_contradict_the_catalog_is_refused(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    client = replay_client(lambda r: answer("shows_55199.from-schedule-web-2020-12-24.json"))
    with pytest.raises(SourceBadPayload, match="other ids than expected"):
        tvmaze.fetch_show(client, 55199, expect_ids={"imdb": "tt10960302"})
    agreeing = tvmaze.fetch_show(client, 55199, expect_ids={"imdb": "tt11042298"})
    assert agreeing.title == "Klassen"


def test_an_unknown_show_id_says_so(replay_client: Callable[[Handler], HttpClient]) -> None:
    with pytest.raises(SourceBadPayload, match=r"^TVmaze: no show with id 999999999$"):
        tvmaze.fetch_show(replay_client(lambda r: not_found()), 999999999)


# ---------------------------------------------------------------------------------------
# People's other works, and the updates feed


def test_person_credits_list_cast_and_crew_works(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.params["embed"] == "show"
        files = {
            "/people/14072/castcredits": "people_14072_castcredits.schema-built.json",
            "/people/14098/crewcredits": "people_14098_crewcredits.schema-built.json",
        }
        if request.url.path in files:
            return answer(files[request.url.path])
        return httpx.Response(200, json=[])  # no credits of that kind

    client = replay_client(handler)
    [dinklage] = tvmaze.person_credits(client, 14072)
    assert dinklage == {
        "kind": "cast",
        "part": "Tyrion Lannister",
        "tvmaze_id": 82,
        "title": "Game of Thrones",
        "year": 2011,
        "premiered": "2011-04-17",
        "ended": None,
        "status": "Ended",
        "platform": "HBO",
        "type": "Scripted",
    }
    benioff = tvmaze.person_credits(client, 14098)
    assert [(c["kind"], c["part"], c["title"]) for c in benioff] == [
        ("crew", "Creator", "Game of Thrones"),
        ("crew", "Executive Producer", "Game of Thrones"),
    ]


def test_updates_map_show_ids_to_change_times(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    windows: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        windows.append(request.url.params["since"])
        return answer("updates_shows_day.schema-built.json")

    client = replay_client(handler)
    changed = tvmaze.updates(client)
    assert changed[82] == 1572416461
    assert all(isinstance(k, int) and isinstance(v, int) for k, v in changed.items())
    tvmaze.updates(client, since="week")
    assert windows == ["day", "week"]
    with pytest.raises(UsageError):
        tvmaze.updates(client, since="year")


# ---------------------------------------------------------------------------------------
# Faults: each one line naming TVmaze, of the right kind, never a traceback


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as running:
        yield running


def loopback_client(
    base_url: str, *, retries: int = 0, sleeps: list[float] | None = None
) -> HttpClient:
    waits = sleeps if sleeps is not None else []
    return HttpClient(
        HttpSettings(base_urls={"tvmaze": base_url}, retries=retries, backoff=0, timeout=0.5),
        sleep=waits.append,
    )


def fetch_with(server: ReplayServer, reply: Reply | list[Reply], **kwargs: Any) -> SourceError:
    server.add("GET", "/shows/82", reply)
    with loopback_client(server.url, **kwargs) as client, pytest.raises(SourceError) as caught:
        tvmaze.fetch_show(client, 82)
    return caught.value


@pytest.mark.parametrize("fault", FAULTS)
def test_faults_become_one_line_naming_tvmaze(fault: str) -> None:
    good = (FIXTURES / GOT).read_bytes()
    renamed_name = json.dumps(renamed(fixture(GOT), "name", "title")).encode()
    run = run_fault(
        fault,
        source="tvmaze",
        prefix="",
        routes=[("GET", "/shows/82")],
        good=good,
        renamed=renamed_name,
        call=lambda client: tvmaze.fetch_show(client, 82),
    )
    assert type(run.error) is EXPECTED[fault]
    assert_one_line(run.error, source="tvmaze", label="TVmaze")
    if fault == "429 with Retry-After":
        assert run.sleeps == [RETRY_AFTER]  # waited as told before the one retry
    if fault == "renamed field":
        assert "has no 'name' field" in str(run.error)
    if fault == "HTML page":
        assert "HTML" in str(run.error)


def test_rate_limiting_then_an_answer_gets_the_show(server: ReplayServer) -> None:
    sleeps: list[float] = []
    server.add("GET", "/shows/82", [Reply.rate_limited(2), Reply.file(FIXTURES / GOT)])
    with loopback_client(server.url, retries=2, sleeps=sleeps) as client:
        assert tvmaze.fetch_show(client, 82).title == "Game of Thrones"
    assert sleeps == [2.0]


def test_a_connection_cut_mid_answer_is_a_bad_payload(server: ReplayServer) -> None:
    body = (FIXTURES / GOT).read_bytes()
    error = fetch_with(server, Reply.file(FIXTURES / GOT).truncated(len(body) // 2))
    assert type(error) is SourceBadPayload
    assert_one_line(error, source="tvmaze", label="TVmaze")


def renamed(payload: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    changed = dict(payload)
    changed[new] = changed.pop(old)
    return changed


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda show: renamed(show, "name", "title"), "'name'"),
        (lambda show: {k: v for k, v in show.items() if k != "id"}, "'id'"),
        (lambda show: {**show, "premiered": "17 April 2011"}, "not a date"),
        (lambda show: {**show, "genres": "Drama"}, "'genres'"),
    ],
    ids=["name renamed", "id missing", "date reformatted", "genres not a list"],
)
def test_a_renamed_or_missing_show_field_is_a_bad_payload_naming_it(
    server: ReplayServer, change: Callable[[dict[str, Any]], dict[str, Any]], field: str
) -> None:
    error = fetch_with(server, Reply.json(change(fixture(GOT))))
    assert type(error) is SourceBadPayload
    assert_one_line(error, source="tvmaze", label="TVmaze")
    assert field in str(error)


def test_a_cast_entry_without_its_person_name_is_a_bad_payload(server: ReplayServer) -> None:
    show = fixture(GOT)
    del show["_embedded"]["cast"][3]["person"]["name"]
    error = fetch_with(server, Reply.json(show))
    assert type(error) is SourceBadPayload
    assert_one_line(error, source="tvmaze", label="TVmaze")
    assert "cast entry 3 person has no 'name' field" in str(error)


def test_an_episode_without_season_is_a_bad_payload(server: ReplayServer) -> None:
    show = fixture(GOT)
    del show["_embedded"]["episodes"][5]["season"]
    error = fetch_with(server, Reply.json(show))
    assert type(error) is SourceBadPayload
    assert "'season'" in str(error)


def test_a_search_answer_of_the_wrong_shape_is_a_bad_payload(server: ReplayServer) -> None:
    server.add("GET", "/search/shows", Reply.json({"shows": []}))
    with loopback_client(server.url) as client, pytest.raises(SourceBadPayload) as caught:
        tvmaze.search(client, "girls")
    assert_one_line(caught.value, source="tvmaze", label="TVmaze")


# ---------------------------------------------------------------------------------------
# What the catalog keeps


def test_a_fetched_show_is_stored_and_read_back_whole(
    got: ShowBundle, empty_catalog: Catalog
) -> None:
    empty_catalog.store([got])
    assert got.id is not None
    stored = empty_catalog.show(got.id)
    assert (stored.title, stored.status) == ("Game of Thrones", "Ended")
    assert len([e for e in stored.episodes if e.number is not None]) == 73
    assert len(stored.seasons) == 8
    cast = {(c.person_name, c.part) for c in stored.credits if c.kind == "cast"}
    assert ("Peter Dinklage", "Tyrion Lannister") in cast
    assert stored.external_ids == got.external_ids
    assert [(r.source, r.status) for r in stored.statuses] == [("tvmaze", "Ended")]
