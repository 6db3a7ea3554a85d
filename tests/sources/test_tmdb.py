"""TMDB as a user meets it: a show's status (Canceled included), where to watch it per
country, its cast and creators; a refused key said once and plainly; a response about
another show caught by its ids; every failure one line naming TMDB, never the key.

Recorded TMDB answers (tests/fixtures/tmdb, see its README) are replayed through a mock
transport, and the faults through a loopback server over a real socket.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from nextseason.errors import SourceAuthError, SourceBadPayload, SourceError, UsageError
from nextseason.model import ShowBundle
from nextseason.provenance import source_info
from nextseason.sources import tmdb, tvmaze
from nextseason.sources.http import HttpClient, HttpSettings
from tests.sources.faults import EXPECTED, FAULTS, RETRY_AFTER, assert_one_line, run_fault
from tests.support.replay import ReplayServer, Reply

FIXTURES = Path(__file__).parent.parent / "fixtures"
TMDB = FIXTURES / "tmdb"
GOT = "tv_1399_append.composed.json"
KEY = "0123456789abcdef0123456789abcdef"  # looks like a v3 key; never a real one
TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ0ZXN0In0.c2lnbmF0dXJl"  # a v4-token-shaped string

Handler = Callable[[httpx.Request], httpx.Response]


def fixture(name: str) -> Any:
    return json.loads((TMDB / name).read_text(encoding="utf-8"))


def answer(name: str, status: int = 200) -> httpx.Response:
    return httpx.Response(
        status, content=(TMDB / name).read_bytes(), headers={"Content-Type": "application/json"}
    )


def not_found() -> httpx.Response:
    return httpx.Response(
        404,
        json={
            "success": False,
            "status_code": 34,
            "status_message": "The resource you requested could not be found.",
        },
    )


def by_path(files: dict[str, str]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        name = files.get(request.url.path)
        return answer(name) if name else not_found()

    return handler


@pytest.fixture
def replay_client() -> Iterator[Callable[[Handler], HttpClient]]:
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
    """Game of Thrones on TMDB, from the recorded details and sub-resources."""
    client = replay_client(by_path({"/3/tv/1399": GOT}))
    return tmdb.fetch(client, KEY, 1399, countries=("US", "GB", "CA", "AE"))


# ---------------------------------------------------------------------------------------
# Status readings


def test_a_cancelled_show_reads_canceled_with_its_last_episode(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    client = replay_client(by_path({"/3/tv/67116": "tv_67116.json"}))
    lethal = tmdb.fetch(client, KEY, 67116)
    assert (lethal.title, lethal.status) == ("Lethal Weapon", "Canceled")
    [reading] = lethal.statuses
    assert (reading.source, reading.status) == ("tmdb", "Canceled")
    assert reading.read_at == lethal.src.retrieved_at
    assert reading.details == {
        "in_production": False,
        "next_episode_to_air": None,
        "last_episode_to_air": {
            "air_date": "2019-02-26",
            "season_number": 3,
            "episode_number": 15,
            "name": "The Spy Who Loved Me",
            "episode_type": None,
        },
        "number_of_seasons": 3,
        "number_of_episodes": 55,
    }
    assert lethal.ended == date(2019, 2, 26)
    assert lethal.platform is not None
    assert (lethal.platform.name, lethal.platform.kind) == ("FOX", "network")
    assert [(s.number, s.episode_order) for s in lethal.seasons] == [(1, 18), (2, 22), (3, 15)]
    creators = [(c.person_name, c.part) for c in lethal.credits if c.kind == "crew"]
    assert creators == [("Matthew Miller", "Creator")]


def test_game_of_thrones_reads_ended_with_seasons_and_episode_counts(got: ShowBundle) -> None:
    [reading] = got.statuses
    assert reading.status == "Ended"
    assert reading.details["in_production"] is False
    assert (reading.details["number_of_seasons"], reading.details["number_of_episodes"]) == (8, 73)
    # Season 0 holds TMDB's specials; it is left out when real seasons exist.
    assert [s.number for s in got.seasons] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [s.episode_order for s in got.seasons] == [10, 10, 10, 10, 10, 10, 7, 6]
    assert got.seasons[0].premiere_date == date(2011, 4, 17)


def test_the_next_episode_to_air_becomes_a_dated_episode(got: ShowBundle) -> None:
    # The recording's next_episode_to_air is the finale itself (2019-05-19), as is its last.
    [episode] = got.episodes
    assert (episode.key, episode.title, episode.airdate) == (
        "s08e06",
        "The Iron Throne",
        date(2019, 5, 19),
    )
    assert got.statuses[0].details["next_episode_to_air"] == {
        "air_date": "2019-05-19",
        "season_number": 8,
        "episode_number": 6,
        "name": "The Iron Throne",
        "episode_type": None,
    }


def test_only_specials_are_kept_when_they_are_the_only_season(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    details = fixture(GOT)
    details["seasons"] = details["seasons"][:1]
    client = replay_client(lambda r: httpx.Response(200, json=details))
    assert [s.number for s in tmdb.fetch(client, KEY, 1399).seasons] == [0]


# ---------------------------------------------------------------------------------------
# The show record, ids, credits


def test_game_of_thrones_record_holds_creators_networks_keywords_recommendations(
    got: ShowBundle,
) -> None:
    [record] = got.records
    assert (record.source, record.source_key, record.title, record.year) == (
        "tmdb",
        "1399",
        "Game of Thrones",
        2011,
    )
    data = record.data
    assert data["created_by"] == ["David Benioff", "D.B. Weiss"]
    assert data["networks"] == ["HBO"]
    assert "dragon" in data["keywords"]
    assert data["recommendations"][0] == {"tmdb_id": 1396, "name": "Breaking Bad", "year": 2008}
    assert (data["status"], data["in_production"], data["number_of_seasons"]) == ("Ended", False, 8)
    assert data["poster"] == "https://image.tmdb.org/t/p/w342/1XS1oqL89opfnbLl8WnZY1O1uJx.jpg"


def test_game_of_thrones_overview_and_ids(got: ShowBundle) -> None:
    assert (got.title, got.year, got.kind, got.language) == (
        "Game of Thrones",
        2011,
        "Scripted",
        "English",
    )
    assert (got.premiered, got.ended, got.runtime) == (date(2011, 4, 17), date(2019, 5, 19), 60)
    assert got.platform is not None and got.platform.name == "HBO"
    assert got.genres == ["Sci-Fi & Fantasy", "Drama", "Action & Adventure"]
    assert got.external_ids == {
        "tmdb": "1399",
        "imdb": "tt0944947",
        "thetvdb": "121361",
        "wikidata": "Q23572",
    }
    assert got.src.source == "tmdb"
    assert "TMDB" in got.src.licence


def test_cast_carries_characters_and_episode_counts(got: ShowBundle) -> None:
    cast = {(c.person_name, c.part): c for c in got.credits if c.kind == "cast"}
    tyrion = cast[("Peter Dinklage", "Tyrion Lannister")]
    assert (tyrion.episode_count, tyrion.position, tyrion.person_key) == (77, 0, "tmdb:22970")
    assert cast[("Emilia Clarke", "Daenerys Targaryen")].episode_count == 78


def test_a_role_tmdb_left_unnamed_keeps_the_actor(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    details = fixture(GOT)
    details["aggregate_credits"]["cast"][0]["roles"][0]["character"] = None
    client = replay_client(lambda r: httpx.Response(200, json=details))
    cast = [c for c in tmdb.fetch(client, KEY, 1399).credits if c.kind == "cast"]
    assert (cast[0].person_name, cast[0].part) == ("Emilia Clarke", "")


def test_creators_come_first_and_crew_lists_each_job(got: ShowBundle) -> None:
    crew = [c for c in got.credits if c.kind == "crew"]
    assert [(c.person_name, c.part) for c in crew[:2]] == [
        ("David Benioff", "Creator"),
        ("D.B. Weiss", "Creator"),
    ]
    jobs = {(c.person_name, c.part) for c in crew}
    assert {("David Benioff", "Writer"), ("David Benioff", "Director")} <= jobs
    assert ("George R. R. Martin", "Novel") in jobs


# ---------------------------------------------------------------------------------------
# Where to watch (JustWatch via TMDB)


def test_watch_providers_per_country_with_their_offers(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    client = replay_client(by_path({"/3/tv/45016": "tv_45016_append.schema-built.json"}))
    bron = tmdb.fetch(client, KEY, 45016)
    offers = {(p.country, p.offer, p.platform.name) for p in bron.platforms if p.role == "provider"}
    assert {(offer, name) for country, offer, name in offers if country == "US"} == {
        ("subscription", "MZ Choice Amazon Channel"),
        ("free", "Plex"),
        ("free (ads)", "Tubi TV"),
        ("rent", "Apple TV Store"),
        ("buy", "Prime Video"),  # TMDB's "Amazon Video" store
    }
    assert {offer for country, offer, _ in offers if country == "CA"} == {
        "subscription",
        "free",
        "free (ads)",
        "rent",
        "buy",
    }
    assert {country for country, _, _ in offers} == {"US", "CA"}  # nothing recorded for GB


def test_watch_providers_credit_justwatch_and_link_tmdb_page(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    client = replay_client(by_path({"/3/tv/45016": "tv_45016_append.schema-built.json"}))
    bron = tmdb.fetch(client, KEY, 45016, countries=("us",))
    providers = [p for p in bron.platforms if p.role == "provider"]
    assert providers and {p.country for p in providers} == {"US"}
    src = providers[0].src
    assert src.source == "tmdb_watch_providers"
    assert "JustWatch" in src.licence and "JustWatch" in source_info(src.source).credit
    assert src.url == "https://www.themoviedb.org/tv/45016-bron-broen/watch?locale=US"
    assert all(p.as_of == src.retrieved_at.date() for p in providers)


def test_only_the_requested_countries_are_kept(got: ShowBundle) -> None:
    providers = [p for p in got.platforms if p.role == "provider"]
    assert {p.country for p in providers} == {"AE"}  # the recording has AE, AR and AT
    assert ("subscription", "OSN") in {(p.offer, p.platform.name) for p in providers}


# ---------------------------------------------------------------------------------------
# The key


def test_a_v3_key_goes_in_the_query_and_nowhere_else(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(GOT)

    show = tmdb.fetch(replay_client(handler), KEY, 1399)
    [request] = seen
    assert request.url.params["api_key"] == KEY
    assert "authorization" not in request.headers
    assert request.url.params["append_to_response"] == (
        "aggregate_credits,watch/providers,recommendations,keywords,external_ids"
    )
    urls = {show.src.url} | {p.src.url for p in show.platforms}
    assert not any(KEY in url for url in urls)


def test_a_v4_token_goes_in_a_bearer_header(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(GOT)

    show = tmdb.fetch(replay_client(handler), TOKEN, 1399)
    [request] = seen
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert "api_key" not in request.url.params
    assert TOKEN not in show.src.url


@pytest.mark.parametrize("key", [KEY, TOKEN], ids=["v3 key", "v4 token"])
def test_an_invalid_key_is_one_clear_message(
    replay_client: Callable[[Handler], HttpClient], key: str
) -> None:
    client = replay_client(lambda r: answer("error_401_invalid_key.schema-built.json", 401))
    with pytest.raises(SourceAuthError) as caught:
        tmdb.fetch(client, key, 1399)
    text = str(caught.value)
    assert text.startswith("TMDB: the API key was refused")
    assert "NEXTSEASON_TMDB_KEY" in text
    assert caught.value.source == "tmdb"
    assert key not in text and "\n" not in text
    with pytest.raises(SourceAuthError, match=r"^TMDB: the API key was refused"):
        tmdb.find(client, key, imdb="tt0944947")


def test_no_key_is_said_before_any_request(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request without a key")

    with pytest.raises(SourceAuthError, match=r"^TMDB: no API key is configured"):
        tmdb.fetch(replay_client(handler), "  ", 1399)


# ---------------------------------------------------------------------------------------
# Find by external id


def test_find_by_imdb_or_tvdb_gives_the_tmdb_id(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    asked: list[tuple[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append((request.url.path, request.url.params["external_source"]))
        if request.url.path in ("/3/find/tt0903747", "/3/find/81189"):
            return answer("find_tv_results.json")
        return answer("find_empty.schema-built.json")

    client = replay_client(handler)
    assert tmdb.find(client, KEY, imdb="tt0903747") == 1396
    assert tmdb.find(client, KEY, tvdb="81189") == 1396
    assert tmdb.find(client, KEY, imdb="tt0000000") is None
    assert asked == [
        ("/3/find/tt0903747", "imdb_id"),
        ("/3/find/81189", "tvdb_id"),
        ("/3/find/tt0000000", "imdb_id"),
    ]
    with pytest.raises(UsageError):
        tmdb.find(client, KEY)


def test_an_unknown_tmdb_id_says_so(replay_client: Callable[[Handler], HttpClient]) -> None:
    with pytest.raises(SourceBadPayload, match=r"^TMDB: no TV show with id 1399$"):
        tmdb.fetch(replay_client(lambda r: not_found()), KEY, 1399)


# ---------------------------------------------------------------------------------------
# Namesakes and mixed answers, caught by ids


def tvmaze_got_ids() -> dict[str, str]:
    show = json.loads(
        (FIXTURES / "tvmaze" / "shows_82_embed_seasons_cast_crew_episodes.composed.json").read_text(
            encoding="utf-8"
        )
    )
    externals = show["externals"]
    return {
        "tvmaze": str(show["id"]),
        "imdb": externals["imdb"],
        "thetvdb": str(externals["thetvdb"]),
    }


def test_tvmaze_and_tmdb_agree_that_game_of_thrones_is_one_show(got: ShowBundle) -> None:
    assert tvmaze.same_show(tvmaze_got_ids(), got.external_ids) is True


def test_a_response_mixing_two_shows_is_caught_by_its_ids(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    """The published recording of /tv/1399 with appended parts carries Halo's ids."""
    client = replay_client(by_path({"/3/tv/1399": "tv_1399_details_with_append_to_response.json"}))
    mixed = tmdb.fetch(client, KEY, 1399)
    assert mixed.title == "Game of Thrones"
    assert mixed.external_ids["imdb"] == "tt2934286"  # Halo (2022)
    assert tvmaze.same_show(tvmaze_got_ids(), mixed.external_ids) is False
    with pytest.raises(SourceBadPayload) as caught:
        tmdb.fetch(client, KEY, 1399, expect_ids=tvmaze_got_ids())
    text = str(caught.value)
    assert text.startswith("TMDB: TV show 1399 ('Game of Thrones') has other ids than expected")
    assert "tt2934286" in text and "tt0944947" in text


def test_a_show_answered_under_another_id_is_refused(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    client = replay_client(lambda r: answer("tv_67116.json"))
    with pytest.raises(
        SourceBadPayload, match=r"^TMDB: asked for TV show 1399, answered with show 67116"
    ):
        tmdb.fetch(client, KEY, 1399)


def test_appended_parts_about_another_show_are_refused(
    replay_client: Callable[[Handler], HttpClient],
) -> None:
    details = fixture(GOT)
    details["keywords"]["id"] = 1396
    client = replay_client(lambda r: httpx.Response(200, json=details))
    with pytest.raises(SourceBadPayload, match="appended keywords belong to show 1396, not 1399"):
        tmdb.fetch(client, KEY, 1399)


# ---------------------------------------------------------------------------------------
# Faults: each one line naming TMDB, of the right kind, never the key


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as running:
        yield running


def loopback_client(
    base_url: str, *, retries: int = 0, sleeps: list[float] | None = None
) -> HttpClient:
    waits = sleeps if sleeps is not None else []
    return HttpClient(
        HttpSettings(base_urls={"tmdb": base_url}, retries=retries, backoff=0, timeout=0.5),
        sleep=waits.append,
    )


def fetch_with(server: ReplayServer, reply: Reply | list[Reply], **kwargs: Any) -> SourceError:
    server.add("GET", "/tv/1399", reply)
    with loopback_client(server.url, **kwargs) as client, pytest.raises(SourceError) as caught:
        tmdb.fetch(client, KEY, 1399)
    assert all(r.param("api_key") == KEY for r in server.requests)
    return caught.value


@pytest.mark.parametrize("fault", FAULTS)
def test_faults_become_one_line_naming_tmdb(fault: str) -> None:
    good = (TMDB / GOT).read_bytes()
    renamed_name = json.dumps(renamed(fixture(GOT), "name", "title")).encode()
    run = run_fault(
        fault,
        source="tmdb",
        prefix="/3",
        routes=[("GET", "/tv/1399")],
        good=good,
        renamed=renamed_name,
        call=lambda client: tmdb.fetch(client, KEY, 1399),
    )
    assert type(run.error) is EXPECTED[fault]
    assert_one_line(run.error, source="tmdb", label="TMDB")
    assert KEY not in str(run.error)
    if fault == "429 with Retry-After":
        assert run.sleeps == [RETRY_AFTER]
    if fault == "renamed field":
        assert "has no 'name' field" in str(run.error)


def test_a_connection_cut_mid_answer_is_a_bad_payload(server: ReplayServer) -> None:
    body = (TMDB / GOT).read_bytes()
    error = fetch_with(server, Reply.file(TMDB / GOT).truncated(len(body) // 3))
    assert type(error) is SourceBadPayload
    assert_one_line(error, source="tmdb", label="TMDB")


def without(payload: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if k != name}


def renamed(payload: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    changed = without(payload, old)
    changed[new] = payload[old]
    return changed


def broken_cast(payload: dict[str, Any]) -> dict[str, Any]:
    changed: dict[str, Any] = json.loads(json.dumps(payload))
    person = changed["aggregate_credits"]["cast"][2]
    person["roles"][0]["name"] = person["roles"][0].pop("character")
    return changed


def offers_as_text(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "watch/providers": {"results": {"AE": {"flatrate": "OSN"}}}}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda show: renamed(show, "name", "title"), "'name'"),
        (lambda show: without(show, "id"), "'id'"),
        (lambda show: {**show, "in_production": "no"}, "'in_production'"),
        (broken_cast, "'character'"),
        (offers_as_text, "AE flatrate"),
    ],
    ids=["name renamed", "id missing", "flag as text", "role renamed", "offers not a list"],
)
def test_a_renamed_or_missing_field_is_a_bad_payload_naming_it(
    server: ReplayServer, change: Callable[[dict[str, Any]], dict[str, Any]], field: str
) -> None:
    error = fetch_with(server, Reply.json(change(fixture(GOT))))
    assert type(error) is SourceBadPayload
    assert_one_line(error, source="tmdb", label="TMDB")
    assert field in str(error)
