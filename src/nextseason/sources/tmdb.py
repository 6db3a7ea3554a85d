"""TMDB: find a show by an external id, then its details in one request (status including
*Canceled*, in production, next and last episode, creators, seasons) with aggregate
credits, watch providers per country (JustWatch data), recommendations, keywords and
external ids appended.

Only used when a key is configured (``NEXTSEASON_TMDB_KEY``): a v3 API key goes in the
``api_key`` query parameter, a v4 read access token (a JWT, "eyJ...") in an
``Authorization: Bearer`` header. The key never appears in a message or a SourceRef URL.
A refused key is one :class:`~nextseason.errors.SourceAuthError`.

Credit: TMDB for everything here (TMDB API terms: attribution, not an open licence), and
JustWatch for the watch providers, which carry their own source key
``tmdb_watch_providers``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, cast

from nextseason.errors import SourceAuthError, SourceBadPayload, SourceError, UsageError
from nextseason.model import (
    CreditRecord,
    EpisodeRecord,
    PlatformLink,
    PlatformRef,
    SeasonRecord,
    ShowBundle,
    ShowRecordData,
    SourceRef,
    StatusRecord,
)
from nextseason.platforms import platform_name, platform_ref
from nextseason.provenance import source_info
from nextseason.sources.base import FetchContext, LiveSource, SourcePolicy, now_utc, source_ref
from nextseason.sources.tvmaze import PayloadCheck, same_show

if TYPE_CHECKING:
    from nextseason.sources.http import HttpClient

__all__ = [
    "APPENDED",
    "LICENCE",
    "OFFERS",
    "PROVIDERS_LICENCE",
    "TmdbAggregateCredits",
    "TmdbEpisodeRef",
    "TmdbFindResults",
    "TmdbTvDetails",
    "TmdbWatchProviders",
    "fetch",
    "find",
]

SOURCE = "tmdb"
PROVIDERS_SOURCE = "tmdb_watch_providers"
LABEL = "TMDB"
LICENCE = "TMDB API terms of use (attribution; not endorsed or certified by TMDB)"
PROVIDERS_LICENCE = "JustWatch data via the TMDB API (TMDB API terms of use)"
APPENDED = ("aggregate_credits", "watch/providers", "recommendations", "keywords", "external_ids")
#: TMDB's offer types -> how the report says it.
OFFERS = {
    "flatrate": "subscription",
    "free": "free",
    "ads": "free (ads)",
    "rent": "rent",
    "buy": "buy",
}
#: Networks on TMDB that are streaming services (TMDB lists both kinds as "networks").
_STREAMING = {
    "Netflix",
    "Prime Video",
    "Disney+",
    "Hulu",
    "HBO Max",
    "Apple TV+",
    "Peacock",
    "Paramount+",
    "YouTube",
    "YouTube Premium",
}
CHECK = PayloadCheck(SOURCE, LABEL)


# ---------------------------------------------------------------------------------------
# Raw payloads, as the API sends them


class TmdbNamed(TypedDict):
    id: int
    name: str


class TmdbNetwork(TypedDict):
    id: int
    name: str
    origin_country: NotRequired[str]
    logo_path: NotRequired[str | None]


class TmdbEpisodeRef(TypedDict):
    """``last_episode_to_air`` / ``next_episode_to_air``."""

    id: int
    name: NotRequired[str | None]
    overview: NotRequired[str | None]
    air_date: NotRequired[str | None]
    season_number: int
    episode_number: int
    episode_type: NotRequired[str]  # "standard", "finale", "mid_season" (since 2023)
    runtime: NotRequired[int | None]


class TmdbSeason(TypedDict):
    season_number: int
    id: NotRequired[int]
    name: NotRequired[str]
    air_date: NotRequired[str | None]
    episode_count: NotRequired[int | None]


class TmdbRole(TypedDict):
    character: str | None  # "" when TMDB does not know it
    episode_count: NotRequired[int]
    credit_id: NotRequired[str]


class TmdbJob(TypedDict):
    job: str
    episode_count: NotRequired[int]
    credit_id: NotRequired[str]


class TmdbAggregateCast(TypedDict):
    id: int
    name: str
    roles: list[TmdbRole]
    order: NotRequired[int]
    total_episode_count: NotRequired[int]


class TmdbAggregateCrew(TypedDict):
    id: int
    name: str
    jobs: list[TmdbJob]
    department: NotRequired[str]
    total_episode_count: NotRequired[int]


class TmdbAggregateCredits(TypedDict):
    cast: list[TmdbAggregateCast]
    crew: list[TmdbAggregateCrew]
    id: NotRequired[int]


class TmdbProvider(TypedDict):
    provider_id: int
    provider_name: str
    display_priority: NotRequired[int]
    logo_path: NotRequired[str | None]


class TmdbCountryProviders(TypedDict, total=False):
    link: str
    flatrate: list[TmdbProvider]
    free: list[TmdbProvider]
    ads: list[TmdbProvider]
    rent: list[TmdbProvider]
    buy: list[TmdbProvider]


class TmdbWatchProviders(TypedDict):
    results: dict[str, TmdbCountryProviders]
    id: NotRequired[int]


class TmdbRecommendation(TypedDict):
    id: int
    name: str
    first_air_date: NotRequired[str | None]


class TmdbExternalIds(TypedDict, total=False):
    id: int
    imdb_id: str | None
    tvdb_id: int | None
    wikidata_id: str | None


# "watch/providers" is not an identifier: the functional form holds that key.
_TmdbAppendedProviders = TypedDict(
    "_TmdbAppendedProviders", {"watch/providers": NotRequired[TmdbWatchProviders]}
)


class TmdbTvDetails(_TmdbAppendedProviders):
    """``/tv/{id}`` with :data:`APPENDED` sub-resources under their own keys."""

    id: int
    name: str
    original_name: NotRequired[str]
    status: NotRequired[
        str
    ]  # Returning Series | Ended | Canceled | In Production | Planned | Pilot
    type: NotRequired[str]
    in_production: NotRequired[bool]
    first_air_date: NotRequired[str | None]
    last_air_date: NotRequired[str | None]
    last_episode_to_air: NotRequired[TmdbEpisodeRef | None]
    next_episode_to_air: NotRequired[TmdbEpisodeRef | None]
    number_of_seasons: NotRequired[int]
    number_of_episodes: NotRequired[int]
    created_by: NotRequired[list[TmdbNamed]]
    networks: NotRequired[list[TmdbNetwork]]
    genres: NotRequired[list[TmdbNamed]]
    seasons: NotRequired[list[TmdbSeason]]
    episode_run_time: NotRequired[list[int]]
    homepage: NotRequired[str | None]
    overview: NotRequired[str | None]
    poster_path: NotRequired[str | None]
    original_language: NotRequired[str]
    origin_country: NotRequired[list[str]]
    spoken_languages: NotRequired[list[dict[str, str]]]
    production_countries: NotRequired[list[dict[str, str]]]
    popularity: NotRequired[float]
    vote_average: NotRequired[float]
    vote_count: NotRequired[int]
    aggregate_credits: NotRequired[TmdbAggregateCredits]
    recommendations: NotRequired[dict[str, Any]]
    keywords: NotRequired[dict[str, Any]]
    external_ids: NotRequired[TmdbExternalIds]


class TmdbFindResults(TypedDict):
    tv_results: list[dict[str, Any]]


# ---------------------------------------------------------------------------------------
# The key, and requests made with it


def _auth(key: str) -> tuple[dict[str, str], dict[str, str]]:
    """Query parameters and headers that carry the key."""
    key = key.strip()
    if not key:
        raise SourceAuthError(
            f"{LABEL}: no API key is configured", source=SOURCE, hint="set NEXTSEASON_TMDB_KEY"
        )
    if key.startswith("eyJ"):  # a v4 read access token is a JWT
        return {}, {"Authorization": f"Bearer {key}"}
    return {"api_key": key}, {}


def _get(client: HttpClient, key: str, path: str, params: Mapping[str, str]) -> Any:
    query, headers = _auth(key)
    try:
        return client.get_json(SOURCE, path, params={**params, **query}, headers=headers)
    except SourceAuthError as exc:
        raise SourceAuthError(
            f"{LABEL}: the API key was refused",
            source=SOURCE,
            hint="check NEXTSEASON_TMDB_KEY: a v3 API key or a v4 read access token",
            status=exc.status,
        ) from None
    except SourceError as exc:
        scrubbed = _scrub(exc, key.strip())
        if scrubbed is exc:
            raise
        raise scrubbed from None


def _scrub(exc: SourceError, key: str) -> SourceError:
    """The same error with the key masked, should a lower layer have quoted a URL."""
    if key not in exc.message and key not in (exc.hint or ""):
        return exc
    return type(exc)(
        exc.message.replace(key, "***"),
        source=exc.source,
        hint=exc.hint.replace(key, "***") if exc.hint else None,
        status=exc.status,
    )


# ---------------------------------------------------------------------------------------
# Find by external id


def find(
    client: HttpClient, key: str, *, imdb: str | None = None, tvdb: str | None = None
) -> int | None:
    """The TMDB id of the TV show with this IMDb or TheTVDB id, or None when TMDB has none."""
    if imdb is None and tvdb is None:
        raise UsageError("TMDB find needs an imdb= or a tvdb= id")
    for scheme, value in (("imdb_id", imdb), ("tvdb_id", tvdb)):
        if value is None:
            continue
        body = CHECK.object(
            _get(client, key, f"find/{value}", {"external_source": scheme}), "the find results"
        )
        results = CHECK.array(
            CHECK.need(body, "tv_results", list, "the find results"), "tv_results"
        )
        if results:
            best = CHECK.object(results[0], "the first tv result")
            return int(CHECK.need(best, "id", int, "the first tv result"))
    return None


# ---------------------------------------------------------------------------------------
# A show's details with everything appended


def fetch(
    client: HttpClient,
    key: str,
    tmdb_id: int,
    *,
    countries: Iterable[str] = ("US", "GB", "CA"),
    expect_ids: Mapping[str, str] | None = None,
) -> ShowBundle:
    """TMDB's partial bundle for one show: record, status reading, ids, seasons, the next
    and last episode, credits, and watch providers for ``countries``.

    ``expect_ids`` (e.g. TVmaze's IMDb id) are cross-checked against TMDB's; a
    disagreement is a SourceBadPayload rather than a namesake's data.
    """
    path = f"tv/{tmdb_id}"
    append = ",".join(APPENDED)
    try:
        body = _get(client, key, path, {"append_to_response": append})
    except SourceBadPayload as exc:
        if exc.status == 404:
            raise SourceBadPayload(
                f"{LABEL}: no TV show with id {tmdb_id}", source=SOURCE, status=404
            ) from None
        raise
    show = _check_details(body, tmdb_id)
    ids = _external_ids(show)
    if expect_ids is not None and same_show(expect_ids, ids) is False:
        raise CHECK.bad(
            f"TV show {tmdb_id} ({show['name']!r}) has other ids than expected: "
            f"{_ids_text(ids)} against {_ids_text(expect_ids)}"
        )
    retrieved = now_utc()
    # The key is a query parameter or a header, never part of the URL recorded here.
    ref = source_ref(
        SOURCE, f"{client.base_url(SOURCE)}/{path}?append_to_response={append}", LICENCE, retrieved
    )
    return _bundle(show, ids, ref, [c.upper() for c in countries])


def _ids_text(ids: Mapping[str, str]) -> str:
    return ", ".join(f"{scheme} {value}" for scheme, value in sorted(ids.items()))


def _check_details(value: Any, tmdb_id: int) -> TmdbTvDetails:
    show = CHECK.object(value, "the TV details")
    got = CHECK.need(show, "id", int, "the TV details")
    if got != tmdb_id:
        raise CHECK.bad(f"asked for TV show {tmdb_id}, answered with show {got}")
    what = f"TV show {tmdb_id}"
    CHECK.need(show, "name", str, what)
    for name in ("status", "type", "first_air_date", "last_air_date", "homepage", "overview"):
        CHECK.may(show, name, str, what)
    CHECK.may(show, "in_production", bool, what)
    for name in ("number_of_seasons", "number_of_episodes"):
        CHECK.may(show, name, int, what)
    for name in ("last_episode_to_air", "next_episode_to_air"):
        episode = CHECK.may(show, name, dict, what)
        if episode is not None:
            for field in ("id", "season_number", "episode_number"):
                CHECK.need(episode, field, int, f"{what} {name}")
            for field in ("air_date", "name", "overview", "episode_type"):
                CHECK.may(episode, field, str, f"{what} {name}")
            CHECK.may(episode, "runtime", int, f"{what} {name}")
    _check_items(show, "created_by", {"id": int, "name": str}, what)
    _check_items(show, "networks", {"name": str}, what)
    _check_items(show, "genres", {"name": str}, what)
    for season in _check_items(show, "seasons", {"season_number": int}, what):
        CHECK.may(season, "air_date", str, f"{what} season {season['season_number']}")
        CHECK.may(season, "episode_count", int, f"{what} season {season['season_number']}")
    _check_appended(show, tmdb_id)
    return cast(TmdbTvDetails, show)


def _check_items(
    obj: Mapping[str, Any], name: str, required: Mapping[str, type], what: str
) -> list[dict[str, Any]]:
    items = CHECK.array(obj.get(name) or [], f"{what} {name}")
    for i, item in enumerate(items):
        entry = CHECK.object(item, f"{what} {name} {i}")
        for field, kind in required.items():
            CHECK.need(entry, field, kind, f"{what} {name} {i}")
    return items


def _check_appended(show: dict[str, Any], tmdb_id: int) -> None:
    """Appended parts are optional; when present they must be well formed and about this
    show (when they carry its id: appended parts usually leave it out)."""
    what = f"TV show {tmdb_id}"
    for name in APPENDED:
        part = CHECK.may(show, name, dict, what)
        if part is not None and part.get("id") not in (None, tmdb_id):
            raise CHECK.bad(f"the appended {name} belong to show {part['id']}, not {tmdb_id}")
    credits = show.get("aggregate_credits")
    if credits is not None:
        label = f"{what} aggregate_credits"
        for person in _check_items(credits, "cast", {"id": int, "name": str}, label):
            roles = _check_items(person, "roles", {}, f"{label} cast {person['id']}")
            for role in roles:
                CHECK.present(role, "character", str, f"{label} cast {person['id']} role")
        for person in _check_items(credits, "crew", {"id": int, "name": str}, label):
            _check_items(person, "jobs", {"job": str}, f"{label} crew {person['id']}")
    providers = show.get("watch/providers")
    if providers is not None:
        results = CHECK.need(providers, "results", dict, f"{what} watch/providers")
        for country, offers in results.items():
            label = f"{what} watch providers in {country}"
            for offer in OFFERS:
                _check_items(CHECK.object(offers, label), offer, {"provider_name": str}, label)
    for name in ("recommendations", "keywords"):
        if show.get(name) is not None:
            _check_items(show[name], "results", {"id": int, "name": str}, f"{what} {name}")
    external = show.get("external_ids")
    if external is not None:
        CHECK.may(external, "imdb_id", str, f"{what} external_ids")
        CHECK.may(external, "tvdb_id", int, f"{what} external_ids")
        CHECK.may(external, "wikidata_id", str, f"{what} external_ids")


def _external_ids(show: TmdbTvDetails) -> dict[str, str]:
    ids = {"tmdb": str(show["id"])}
    external = show.get("external_ids") or {}
    if external.get("imdb_id"):
        ids["imdb"] = str(external["imdb_id"])
    if external.get("tvdb_id"):
        ids["thetvdb"] = str(external["tvdb_id"])
    if external.get("wikidata_id"):
        ids["wikidata"] = str(external["wikidata_id"])
    return ids


# ---------------------------------------------------------------------------------------
# From the payload to records


def _bundle(
    show: TmdbTvDetails, ids: dict[str, str], ref: SourceRef, countries: list[str]
) -> ShowBundle:
    what = f"TV show {show['id']}"
    premiered = CHECK.day(show.get("first_air_date"), what)
    status = show.get("status")
    platform, links = _networks(show, ref)
    runtimes = show.get("episode_run_time") or []
    return ShowBundle(
        title=show["name"],
        src=ref,
        year=premiered.year if premiered else None,
        kind=show.get("type"),
        language=_language(show),
        country=_country(show),
        premiered=premiered,
        # TMDB's last air date is the end only once the show is over.
        ended=(
            CHECK.day(show.get("last_air_date"), what) if status in ("Ended", "Canceled") else None
        ),
        status=status,
        summary=show.get("overview") or None,
        genres=[g["name"] for g in show.get("genres") or []],
        runtime=runtimes[0] if runtimes else None,
        official_site=show.get("homepage") or None,
        platform=platform,
        external_ids=ids,
        records=[
            ShowRecordData(
                SOURCE,
                str(show["id"]),
                show["name"],
                premiered.year if premiered else None,
                _record_data(show),
                ref,
            )
        ],
        platforms=links + _providers(show, countries, ref),
        seasons=_seasons(show, ref),
        episodes=_episodes(show, ref),
        credits=_credits(show, ref),
        statuses=[_reading(show, status, ref)] if status else [],
    )


def _language(show: TmdbTvDetails) -> str | None:
    code = show.get("original_language")
    for spoken in show.get("spoken_languages") or []:
        if spoken.get("iso_639_1") == code and spoken.get("english_name"):
            return spoken["english_name"]
    return code or None


def _country(show: TmdbTvDetails) -> str | None:
    origin = next(iter(show.get("origin_country") or []), None)
    for country in show.get("production_countries") or []:
        if country.get("iso_3166_1") == origin and country.get("name"):
            return country["name"]
    return origin


def _networks(show: TmdbTvDetails, ref: SourceRef) -> tuple[PlatformRef | None, list[PlatformLink]]:
    links: list[PlatformLink] = []
    for network in show.get("networks") or []:
        streaming = platform_name(network["name"]) in _STREAMING
        platform = platform_ref(
            network["name"],
            "streaming" if streaming else "network",
            network.get("origin_country") or None,
        )
        links.append(PlatformLink(platform, "web" if streaming else "network", ref))
    return (links[0].platform if links else None), links


def _providers(show: TmdbTvDetails, countries: list[str], ref: SourceRef) -> list[PlatformLink]:
    """Where to watch, per requested country and offer: JustWatch's data, credited so."""
    appended = show.get("watch/providers")
    results = appended["results"] if appended else {}
    links: list[PlatformLink] = []
    for country in countries:
        offers: TmdbCountryProviders | None = results.get(country)
        if not offers:
            continue
        src = SourceRef(
            PROVIDERS_SOURCE,
            offers.get("link") or f"{ref.url}#watch/providers/{country}",
            ref.retrieved_at,
            PROVIDERS_LICENCE,
        )
        for offer, how in OFFERS.items():
            for provider in cast(list[TmdbProvider], offers.get(offer) or []):
                links.append(
                    PlatformLink(
                        platform_ref(provider["provider_name"], "streaming"),
                        "provider",
                        src,
                        country=country,
                        offer=how,
                        as_of=ref.retrieved_at.date(),
                    )
                )
    return links


def _seasons(show: TmdbTvDetails, ref: SourceRef) -> list[SeasonRecord]:
    """Numbered seasons; the specials "season 0" only when it is all there is."""
    seasons = show.get("seasons") or []
    numbered = [s for s in seasons if s["season_number"] != 0] or seasons
    return [
        SeasonRecord(
            number=s["season_number"],
            src=ref,
            episode_order=s.get("episode_count"),
            premiere_date=CHECK.day(s.get("air_date"), f"season {s['season_number']}"),
        )
        for s in numbered
    ]


def _episodes(show: TmdbTvDetails, ref: SourceRef) -> list[EpisodeRecord]:
    """The next episode (so a dated next season shows) and the last one aired."""
    records: list[EpisodeRecord] = []
    pairs = (
        ("next_episode_to_air", show.get("next_episode_to_air")),
        ("last_episode_to_air", show.get("last_episode_to_air")),
    )
    for name, episode in pairs:
        if not episode:
            continue
        record = EpisodeRecord(
            season=episode["season_number"],
            number=episode["episode_number"],
            src=ref,
            title=episode.get("name") or None,
            kind=episode.get("episode_type"),
            airdate=CHECK.day(episode.get("air_date"), name),
            runtime=episode.get("runtime"),
            summary=episode.get("overview") or None,
            source_id=str(episode["id"]),
        )
        if all(r.key != record.key for r in records):
            records.append(record)
    return records


def _episode_data(episode: TmdbEpisodeRef | None) -> dict[str, Any] | None:
    if not episode:
        return None
    return {
        "air_date": episode.get("air_date"),
        "season_number": episode["season_number"],
        "episode_number": episode["episode_number"],
        "name": episode.get("name"),
        "episode_type": episode.get("episode_type"),
    }


def _reading(show: TmdbTvDetails, status: str, ref: SourceRef) -> StatusRecord:
    return StatusRecord(
        SOURCE,
        status,
        ref.retrieved_at,
        ref,
        {
            "in_production": show.get("in_production"),
            "next_episode_to_air": _episode_data(show.get("next_episode_to_air")),
            "last_episode_to_air": _episode_data(show.get("last_episode_to_air")),
            "number_of_seasons": show.get("number_of_seasons"),
            "number_of_episodes": show.get("number_of_episodes"),
        },
    )


def _record_data(show: TmdbTvDetails) -> dict[str, Any]:
    recommendations = []
    for item in (show.get("recommendations") or {}).get("results") or []:
        aired = CHECK.day(item.get("first_air_date"), f"recommendation {item['id']}")
        recommendations.append(
            {"tmdb_id": item["id"], "name": item["name"], "year": aired.year if aired else None}
        )
    return {
        "tmdb_id": show["id"],
        "status": show.get("status"),
        "in_production": show.get("in_production"),
        "type": show.get("type"),
        "created_by": [p["name"] for p in show.get("created_by") or []],
        "networks": [n["name"] for n in show.get("networks") or []],
        "genres": [g["name"] for g in show.get("genres") or []],
        "keywords": [k["name"] for k in (show.get("keywords") or {}).get("results") or []],
        "recommendations": recommendations,
        "number_of_seasons": show.get("number_of_seasons"),
        "number_of_episodes": show.get("number_of_episodes"),
        "first_air_date": show.get("first_air_date"),
        "last_air_date": show.get("last_air_date"),
        "next_episode_to_air": _episode_data(show.get("next_episode_to_air")),
        "last_episode_to_air": _episode_data(show.get("last_episode_to_air")),
        "origin_country": list(show.get("origin_country") or []),
        "original_language": show.get("original_language"),
        "original_name": show.get("original_name"),
        "homepage": show.get("homepage") or None,
        "episode_run_time": list(show.get("episode_run_time") or []),
        "popularity": show.get("popularity"),
        "vote_average": show.get("vote_average"),
        "vote_count": show.get("vote_count"),
        "poster": _poster_url(show.get("poster_path")),
    }


#: TMDB's image base and a poster width a page needs (https://developer.themoviedb.org/docs/image-basics).
POSTER_BASE = "https://image.tmdb.org/t/p/w342"


def _poster_url(path: str | None) -> str | None:
    """The poster's URL from TMDB's ``poster_path`` (``/abc.jpg``), or None."""
    if not path or not path.startswith("/") or "/" in path[1:] or not path[1:]:
        return None
    return POSTER_BASE + path


def _credits(show: TmdbTvDetails, ref: SourceRef) -> list[CreditRecord]:
    """Creators first, then the aggregate cast (one credit per role, with its episodes) and
    crew (one per job)."""
    credits = [
        CreditRecord(p["name"], "crew", ref, "Creator", f"tmdb:{p['id']}", position=i)
        for i, p in enumerate(show.get("created_by") or [])
    ]
    aggregate = show.get("aggregate_credits")
    if aggregate is None:
        return credits
    for i, person in enumerate(aggregate.get("cast") or []):
        for role in person["roles"]:
            credits.append(
                CreditRecord(
                    person["name"],
                    "cast",
                    ref,
                    role["character"] or "",
                    f"tmdb:{person['id']}",
                    role.get("episode_count"),
                    person.get("order", i),
                )
            )
    seen: set[tuple[int, str]] = set()
    for i, member in enumerate(aggregate.get("crew") or []):
        for job in member["jobs"]:
            if (member["id"], job["job"]) in seen:
                continue
            seen.add((member["id"], job["job"]))
            credits.append(
                CreditRecord(
                    member["name"],
                    "crew",
                    ref,
                    job["job"],
                    f"tmdb:{member['id']}",
                    job.get("episode_count"),
                    i,
                )
            )
    return credits


# ---------------------------------------------------------------------------------------
# The live source


class TmdbSource(LiveSource):
    """TMDB, asked only with the user's key: where to watch, credits, TMDB's status."""

    key = SOURCE
    info = source_info(SOURCE)
    policy = SourcePolicy(
        SOURCE,
        LABEL,
        "https://api.themoviedb.org/3",
        "NEXTSEASON_TMDB_URL",
        calls=40,
        per_seconds=1.0,
        ttl_seconds=12 * 3600,
    )

    def fetch(
        self, client: HttpClient, show: ShowBundle, context: FetchContext
    ) -> ShowBundle | None:
        if not context.tmdb_key:
            return None
        ids = show.external_ids
        tmdb_id = int(ids["tmdb"]) if ids.get("tmdb") else None
        if tmdb_id is None:
            if not ids.get("imdb") and not ids.get("thetvdb"):
                return None  # TMDB finds a show only by those ids: it cannot tell which
            tmdb_id = find(client, context.tmdb_key, imdb=ids.get("imdb"), tvdb=ids.get("thetvdb"))
        if tmdb_id is None:
            return None
        return fetch(client, context.tmdb_key, tmdb_id, countries=context.countries)


LIVE = TmdbSource()
