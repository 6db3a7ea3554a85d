"""TVmaze: search, id lookup, a show with its seasons, episodes, cast and crew, people's
credits and the updates feed. No key; data CC BY-SA 4.0 (credited with every record).

Payloads are checked at the edge: a required field that is missing, renamed or of the
wrong type is a :class:`~nextseason.errors.SourceBadPayload` naming TVmaze and the field,
so nothing downstream meets a half-read show. Optional fields may be absent or null: the
API has grown fields over the years (``ended``, ``averageRuntime``, episode ``type``) and
older answers lack them.

A show answered under another id, or a lookup that lands on a show with other external
ids, is a namesake, not the show asked for: :func:`same_show` compares id sets and the
fetches refuse such answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict, cast

from nextseason.errors import SourceBadPayload, UsageError
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
from nextseason.platforms import platform_ref
from nextseason.provenance import source_info
from nextseason.sources.base import (
    CandidateShow,
    FetchContext,
    LiveSource,
    SourcePolicy,
    now_utc,
    source_ref,
)
from nextseason.text import title_key

if TYPE_CHECKING:
    from nextseason.sources.http import HttpClient

__all__ = [
    "INDEX_PAGE_SIZE",
    "LICENCE",
    "IndexPage",
    "PayloadCheck",
    "PersonCredit",
    "TvmazeCastCredit",
    "TvmazeCastEntry",
    "TvmazeChannel",
    "TvmazeCrewCredit",
    "TvmazeCrewEntry",
    "TvmazeEpisode",
    "TvmazeSearchHit",
    "TvmazeSeason",
    "TvmazeShow",
    "fetch_index_show",
    "fetch_show",
    "index_bundle",
    "index_page",
    "lookup",
    "person_credits",
    "same_show",
    "search",
    "show_links",
    "show_record_data",
    "single_search",
    "updates",
]

SOURCE = "tvmaze"
LABEL = "TVmaze"
LICENCE = "CC BY-SA 4.0"
SHOW_EMBEDS = ("seasons", "cast", "crew", "episodes")
UPDATE_WINDOWS = ("day", "week", "month")
#: The show index pages by id: page N holds the shows with ids 250 N to 250 N + 249.
INDEX_PAGE_SIZE = 250


# ---------------------------------------------------------------------------------------
# Raw payloads, as the API sends them


class TvmazeCountry(TypedDict):
    name: str
    code: str
    timezone: NotRequired[str]


class TvmazeChannel(TypedDict):
    id: int
    name: str
    country: TvmazeCountry | None
    officialSite: NotRequired[str | None]


class TvmazeExternals(TypedDict, total=False):
    tvrage: int | None
    thetvdb: int | None
    imdb: str | None


class TvmazeSeason(TypedDict):
    id: int
    number: int
    name: NotRequired[str]
    episodeOrder: NotRequired[int | None]
    premiereDate: NotRequired[str | None]
    endDate: NotRequired[str | None]
    network: NotRequired[TvmazeChannel | None]
    webChannel: NotRequired[TvmazeChannel | None]
    summary: NotRequired[str | None]


class TvmazePerson(TypedDict):
    id: int
    name: str
    url: NotRequired[str]
    country: NotRequired[TvmazeCountry | None]
    birthday: NotRequired[str | None]
    deathday: NotRequired[str | None]
    gender: NotRequired[str | None]


class TvmazeCharacter(TypedDict):
    id: int
    name: str
    url: NotRequired[str]


class TvmazeCastEntry(TypedDict):
    person: TvmazePerson
    character: TvmazeCharacter | None
    self: NotRequired[bool]
    voice: NotRequired[bool]


class TvmazeCrewEntry(TypedDict):
    type: str
    person: TvmazePerson


class TvmazeEpisode(TypedDict):
    id: int
    name: str | None
    season: int | None
    number: int | None
    url: NotRequired[str]
    type: NotRequired[str | None]  # "regular", "significant_special", ...; absent before 2020
    airdate: NotRequired[str | None]
    airtime: NotRequired[str | None]
    airstamp: NotRequired[str | None]
    runtime: NotRequired[int | None]
    summary: NotRequired[str | None]


class TvmazeEmbedded(TypedDict, total=False):
    seasons: list[TvmazeSeason]
    cast: list[TvmazeCastEntry]
    crew: list[TvmazeCrewEntry]
    episodes: list[TvmazeEpisode]


class TvmazeShow(TypedDict):
    id: int
    name: str
    url: NotRequired[str]
    type: NotRequired[str | None]
    language: NotRequired[str | None]
    genres: NotRequired[list[str]]
    status: NotRequired[str | None]
    runtime: NotRequired[int | None]
    averageRuntime: NotRequired[int | None]
    premiered: NotRequired[str | None]
    ended: NotRequired[str | None]
    officialSite: NotRequired[str | None]
    schedule: NotRequired[dict[str, Any]]
    rating: NotRequired[dict[str, float | None]]
    weight: NotRequired[int]
    network: NotRequired[TvmazeChannel | None]
    webChannel: NotRequired[TvmazeChannel | None]
    externals: NotRequired[TvmazeExternals]
    summary: NotRequired[str | None]
    image: NotRequired[dict[str, str | None] | None]
    updated: NotRequired[int]
    _embedded: NotRequired[TvmazeEmbedded]


class TvmazeSearchHit(TypedDict):
    score: float
    show: TvmazeShow


class TvmazeLink(TypedDict):
    href: str
    name: NotRequired[str]


class TvmazeCastCredit(TypedDict):
    """One item of /people/{id}/castcredits?embed=show."""

    self: NotRequired[bool]
    voice: NotRequired[bool]
    _links: NotRequired[dict[str, TvmazeLink]]
    _embedded: dict[Literal["show"], TvmazeShow]


class TvmazeCrewCredit(TypedDict):
    """One item of /people/{id}/crewcredits?embed=show."""

    type: str
    _links: NotRequired[dict[str, TvmazeLink]]
    _embedded: dict[Literal["show"], TvmazeShow]


class PersonCredit(TypedDict):
    """One of a person's other works, as :func:`person_credits` returns it."""

    kind: Literal["cast", "crew"]
    part: str | None  # the character (cast) or the job (crew)
    tvmaze_id: int
    title: str
    year: int | None
    premiered: str | None
    ended: str | None
    status: str | None
    platform: str | None
    type: str | None


# ---------------------------------------------------------------------------------------
# Checking payloads at the edge


class PayloadCheck:
    """Checks one source's decoded JSON; every failure is a one-line SourceBadPayload."""

    def __init__(self, source: str, label: str) -> None:
        self.source = source
        self.label = label

    def bad(self, message: str) -> SourceBadPayload:
        return SourceBadPayload(f"{self.label}: {message}", source=self.source)

    def object(self, value: Any, what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.bad(f"expected {what} as a JSON object, got {_json_type(value)}")
        return value

    def array(self, value: Any, what: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.bad(f"expected {what} as a JSON list, got {_json_type(value)}")
        return value

    def need(self, obj: Mapping[str, Any], name: str, kind: Kind, what: str) -> Any:
        """A required field: present, not null, of the expected JSON type."""
        if obj.get(name) is None:
            raise self.bad(f"{what} has no '{name}' field")
        value = obj[name]
        if not _typed(value, kind):
            raise self.bad(f"{what}: field '{name}' is {_json_type(value)}")
        return value

    def may(self, obj: Mapping[str, Any], name: str, kind: Kind, what: str) -> Any:
        """An optional field: absent and null are fine, a wrong type is not."""
        value = obj.get(name)
        if value is not None and not _typed(value, kind):
            raise self.bad(f"{what}: field '{name}' is {_json_type(value)}")
        return value

    def present(self, obj: Mapping[str, Any], name: str, kind: Kind, what: str) -> Any:
        """A field that must be there (a rename is caught) but may be null."""
        if name not in obj:
            raise self.bad(f"{what} has no '{name}' field")
        return self.may(obj, name, kind, what)

    def day(self, text: str | None, what: str) -> date | None:
        """An ISO date; empty means unknown."""
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise self.bad(f"{what}: {text!r} is not a date") from None

    def stamp(self, text: str | None, what: str) -> datetime | None:
        """An ISO timestamp with offset as naive UTC (the catalog stores UTC)."""
        if not text:
            return None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise self.bad(f"{what}: {text!r} is not a timestamp") from None
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        return moment


Kind = type | tuple[type, ...]


def _typed(value: Any, kind: Kind) -> bool:
    # JSON true/false are ints to Python; never accept them where a number is meant.
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool))


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number" if isinstance(value, int | float) else "unknown")


CHECK = PayloadCheck(SOURCE, LABEL)
_bad = CHECK.bad
_object = CHECK.object
_array = CHECK.array
_need = CHECK.need
_may = CHECK.may
_present = CHECK.present
_day = CHECK.day
_stamp = CHECK.stamp


def _channel(value: Any, what: str) -> TvmazeChannel | None:
    if value is None:
        return None
    channel = _object(value, what)
    _need(channel, "name", str, what)
    country = _may(channel, "country", dict, what)
    if country is not None:
        _need(country, "name", str, f"{what} country")
    return cast(TvmazeChannel, channel)


def _check_show(value: Any, what: str = "the show") -> TvmazeShow:
    show = _object(value, what)
    show_id = _need(show, "id", int, what)
    what = f"show {show_id}"
    _need(show, "name", str, what)
    for name in ("type", "language", "status", "premiered", "ended", "officialSite", "summary"):
        _may(show, name, str, what)
    for name in ("runtime", "averageRuntime", "updated"):
        _may(show, name, int, what)
    genres = _may(show, "genres", list, what) or []
    if not all(isinstance(g, str) for g in genres):
        raise _bad(f"{what}: field 'genres' holds something other than names")
    _channel(show.get("network"), f"{what} network")
    _channel(show.get("webChannel"), f"{what} webChannel")
    externals = _may(show, "externals", dict, what) or {}
    _may(externals, "imdb", str, f"{what} externals")
    _may(externals, "thetvdb", int, f"{what} externals")
    _may(show, "schedule", dict, what)
    _may(show, "_embedded", dict, what)
    return cast(TvmazeShow, show)


def _check_list(items: list[Any], what: str, required: Mapping[str, type]) -> list[Any]:
    for i, item in enumerate(items):
        entry = _object(item, f"{what} {i}")
        for name, kind in required.items():
            _need(entry, name, kind, f"{what} {i}")
    return items


def _check_embedded(show: TvmazeShow) -> TvmazeEmbedded:
    what = f"show {show['id']}"
    embedded = _object(show.get("_embedded") or {}, f"{what} _embedded")
    seasons = _array(embedded.get("seasons", []), f"{what} seasons")
    _check_list(seasons, "season", {"id": int, "number": int})
    for season in seasons:
        _may(season, "episodeOrder", int, f"season {season['number']}")
    for i, entry in enumerate(_array(embedded.get("cast", []), f"{what} cast")):
        entry = _object(entry, f"cast entry {i}")
        person = _need(entry, "person", dict, f"cast entry {i}")
        _need(person, "id", int, f"cast entry {i} person")
        _need(person, "name", str, f"cast entry {i} person")
        character = _present(entry, "character", dict, f"cast entry {i}")
        if character is not None:
            _need(character, "name", str, f"cast entry {i} character")
    for i, entry in enumerate(_array(embedded.get("crew", []), f"{what} crew")):
        entry = _object(entry, f"crew entry {i}")
        _need(entry, "type", str, f"crew entry {i}")
        person = _need(entry, "person", dict, f"crew entry {i}")
        _need(person, "id", int, f"crew entry {i} person")
        _need(person, "name", str, f"crew entry {i} person")
    episodes = _array(embedded.get("episodes", []), f"{what} episodes")
    _check_list(episodes, "episode", {"id": int})
    for episode in episodes:
        label = f"episode {episode['id']}"
        # Null is meaningful (a special has no number), a missing key is a changed API.
        _present(episode, "season", int, label)
        _present(episode, "number", int, label)
        _may(episode, "runtime", int, label)
        for name in ("name", "type", "airdate", "airstamp", "summary"):
            _may(episode, name, str, label)
    return cast(TvmazeEmbedded, embedded)


# ---------------------------------------------------------------------------------------
# Namesakes


def same_show(a_ids: Mapping[str, str], b_ids: Mapping[str, str]) -> bool | None:
    """Whether two id sets name the same show.

    True when they share a scheme and every shared scheme agrees, False when any shared
    scheme differs (a namesake, or a source that mixed two shows), None when they share
    no scheme and the ids cannot tell.
    """
    shared = [s for s in a_ids if s in b_ids and str(a_ids[s]).strip() and str(b_ids[s]).strip()]
    if not shared:
        return None
    return all(_id_form(a_ids[s]) == _id_form(b_ids[s]) for s in shared)


def _id_form(value: object) -> str:
    return str(value).strip().casefold()


# ---------------------------------------------------------------------------------------
# Search and lookup


def _external_ids(show: TvmazeShow) -> dict[str, str]:
    ids = {"tvmaze": str(show["id"])}
    externals = show.get("externals") or {}
    if externals.get("imdb"):
        ids["imdb"] = str(externals["imdb"])
    if externals.get("thetvdb"):
        ids["thetvdb"] = str(externals["thetvdb"])
    return ids


def _candidate(show: TvmazeShow, score: float) -> CandidateShow:
    premiered = _day(show.get("premiered"), f"show {show['id']}")
    channel = show.get("network") or show.get("webChannel")
    return CandidateShow(
        source=SOURCE,
        source_id=str(show["id"]),
        title=show["name"],
        year=premiered.year if premiered else None,
        platform=channel["name"] if channel else None,
        status=show.get("status"),
        score=score,
        external_ids=_external_ids(show),
    )


def search(client: HttpClient, query: str) -> list[CandidateShow]:
    """Shows whose title matches ``query`` (fuzzy), best first."""
    body = _array(client.get_json(SOURCE, "search/shows", params={"q": query}), "search results")
    hits: list[CandidateShow] = []
    for i, item in enumerate(body):
        hit = _object(item, f"search result {i}")
        score = _need(hit, "score", (int, float), f"search result {i}")
        show = _check_show(_need(hit, "show", dict, f"search result {i}"))
        hits.append(_candidate(show, float(score)))
    return hits


def single_search(client: HttpClient, query: str) -> CandidateShow | None:
    """TVmaze's one best match for ``query``, or None when it has none."""
    try:
        body = client.get_json(SOURCE, "singlesearch/shows", params={"q": query})
    except SourceBadPayload as exc:
        if exc.status == 404:
            return None
        raise
    return _candidate(_check_show(body), 0.0)


def lookup(
    client: HttpClient, *, imdb: str | None = None, thetvdb: str | None = None
) -> int | None:
    """The TVmaze id of the show with this IMDb or TheTVDB id, or None when TVmaze has none.

    TVmaze answers a lookup by redirecting to the show; an answer whose own external id
    differs from the one asked is refused as a namesake.
    """
    if (imdb is None) == (thetvdb is None):
        raise UsageError("TVmaze lookup takes exactly one of imdb= or thetvdb=")
    scheme, value = ("imdb", imdb) if imdb is not None else ("thetvdb", thetvdb)
    try:
        body = client.get_json(SOURCE, "lookup/shows", params={scheme: value})
    except SourceBadPayload as exc:
        if exc.status == 404:
            return None
        raise
    show = _check_show(body)
    if same_show({scheme: str(value)}, _external_ids(show)) is False:
        raise _bad(
            f"the lookup of {scheme} {value} answered with another show "
            f"({show['name']!r}, {scheme} {_external_ids(show)[scheme]})"
        )
    return show["id"]


# ---------------------------------------------------------------------------------------
# A show with everything embedded


def fetch_show(
    client: HttpClient, tvmaze_id: int, *, expect_ids: Mapping[str, str] | None = None
) -> ShowBundle:
    """The show with its seasons, episodes, cast and crew, as one TVmaze bundle.

    ``expect_ids`` (e.g. the catalog's IMDb id) are cross-checked against the answer's;
    a disagreement is a SourceBadPayload rather than a namesake's data.
    """
    params = {"embed[]": list(SHOW_EMBEDS)}
    path = f"shows/{tvmaze_id}"
    try:
        body = client.get_json(SOURCE, path, params=params)
    except SourceBadPayload as exc:
        if exc.status == 404:
            raise SourceBadPayload(
                f"{LABEL}: no show with id {tvmaze_id}", source=SOURCE, status=404
            ) from None
        raise
    show = _check_show(body)
    if show["id"] != tvmaze_id:
        raise _bad(
            f"asked for show {tvmaze_id}, answered with show {show['id']} ({show['name']!r})"
        )
    ids = _external_ids(show)
    if expect_ids is not None and same_show(expect_ids, ids) is False:
        raise _bad(
            f"show {tvmaze_id} ({show['name']!r}) has other ids than expected: "
            f"{_ids_text(ids)} against {_ids_text(expect_ids)}"
        )
    embedded = _check_embedded(show)
    query = "&".join(f"embed[]={name}" for name in SHOW_EMBEDS)
    ref = source_ref(SOURCE, f"{client.base_url(SOURCE)}/{path}?{query}", LICENCE, now_utc())
    return _bundle(show, embedded, ids, ref)


def _ids_text(ids: Mapping[str, str]) -> str:
    return ", ".join(f"{scheme} {value}" for scheme, value in sorted(ids.items()))


def show_links(show: TvmazeShow, ref: SourceRef) -> tuple[PlatformRef | None, list[PlatformLink]]:
    """The original channel (the network when there is one) and every channel link.

    A network show that also streams on the network's own service (HBO and HBO Go) has
    both; a streaming original has only a web channel.
    """
    links: list[PlatformLink] = []
    network, web = show.get("network"), show.get("webChannel")
    if network:
        links.append(PlatformLink(_platform(network, "network"), "network", ref))
    if web:
        links.append(PlatformLink(_platform(web, "streaming"), "web", ref))
    return (links[0].platform if links else None), links


def _platform(channel: TvmazeChannel, kind: Literal["network", "streaming"]) -> PlatformRef:
    country = channel.get("country")
    return platform_ref(channel["name"], kind, country["code"] if country else None)


def _bundle(
    show: TvmazeShow, embedded: TvmazeEmbedded, ids: dict[str, str], ref: SourceRef
) -> ShowBundle:
    what = f"show {show['id']}"
    premiered = _day(show.get("premiered"), what)
    channel = show.get("network") or show.get("webChannel")
    country = channel.get("country") if channel else None
    platform, links = show_links(show, ref)
    data = show_record_data(show)
    updated_at = data["updated"]
    status = show.get("status")
    return ShowBundle(
        title=show["name"],
        src=ref,
        year=premiered.year if premiered else None,
        kind=show.get("type"),
        language=show.get("language"),
        country=country["name"] if country else None,
        premiered=premiered,
        ended=_day(show.get("ended"), what),
        status=status,
        summary=show.get("summary"),
        genres=list(show.get("genres") or []),
        runtime=show.get("averageRuntime") or show.get("runtime"),
        official_site=show.get("officialSite"),
        platform=platform,
        external_ids=ids,
        records=[
            ShowRecordData(
                SOURCE,
                str(show["id"]),
                show["name"],
                premiered.year if premiered else None,
                data,
                ref,
            )
        ],
        platforms=links,
        seasons=[_season(s, ref) for s in embedded.get("seasons", [])],
        episodes=_episodes(embedded.get("episodes", []), ref),
        credits=_credits(embedded, ref),
        statuses=(
            [StatusRecord(SOURCE, status, ref.retrieved_at, ref, {"tvmaze_updated": updated_at})]
            if status
            else []
        ),
    )


def show_record_data(show: TvmazeShow) -> dict[str, Any]:
    """A show's fields as the catalog's TVmaze record keeps them, under TVmaze's own names
    (the same whether the show came from the live API or from a recorded schedule)."""
    updated = show.get("updated")
    return {
        "tvmaze_id": show["id"],
        "url": show.get("url"),
        "status": show.get("status"),
        "type": show.get("type"),
        "language": show.get("language"),
        "genres": list(show.get("genres") or []),
        "premiered": show.get("premiered"),
        "ended": show.get("ended"),
        "network": _channel_data(show.get("network")),
        "webChannel": _channel_data(show.get("webChannel")),
        "runtime": show.get("runtime"),
        "averageRuntime": show.get("averageRuntime"),
        "officialSite": show.get("officialSite"),
        "schedule": show.get("schedule"),
        "rating": (show.get("rating") or {}).get("average"),
        "externals": dict(show.get("externals") or {}),
        "updated": (
            datetime.fromtimestamp(updated, UTC).replace(tzinfo=None).isoformat()
            if updated is not None
            else None
        ),
        "summary": show.get("summary"),
        "poster": poster_url(show),
    }


def poster_url(show: TvmazeShow) -> str | None:
    """TVmaze's medium poster (``image.medium``), over https, or None."""
    url = (show.get("image") or {}).get("medium")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return None
    return "https://" + url.split("://", 1)[1]


def _channel_data(channel: TvmazeChannel | None) -> dict[str, Any] | None:
    if channel is None:
        return None
    country = channel.get("country")
    return {
        "id": channel.get("id"),
        "name": channel["name"],
        "country": country["code"] if country else None,
    }


def _season(season: TvmazeSeason, ref: SourceRef) -> SeasonRecord:
    what = f"season {season['number']}"
    return SeasonRecord(
        number=season["number"],
        src=ref,
        episode_order=season.get("episodeOrder"),
        premiere_date=_day(season.get("premiereDate"), what),
        end_date=_day(season.get("endDate"), what),
    )


def _episodes(episodes: list[TvmazeEpisode], ref: SourceRef) -> list[EpisodeRecord]:
    records: list[EpisodeRecord] = []
    keys: set[str] = set()
    for episode in episodes:
        what = f"episode {episode['id']}"
        record = EpisodeRecord(
            season=episode["season"],
            number=episode["number"],
            src=ref,
            title=episode.get("name"),
            kind=episode.get("type"),
            airdate=_day(episode.get("airdate"), what),
            airstamp=_stamp(episode.get("airstamp"), what),
            runtime=episode.get("runtime"),
            summary=episode.get("summary"),
            source_id=str(episode["id"]),
        )
        # The catalog keys episodes by season and number; TVmaze has numbered two alike.
        if record.key not in keys:
            keys.add(record.key)
            records.append(record)
    return records


def _credits(embedded: TvmazeEmbedded, ref: SourceRef) -> list[CreditRecord]:
    credits: list[CreditRecord] = []
    for position, entry in enumerate(embedded.get("cast", [])):
        person, character = entry["person"], entry.get("character")
        credits.append(
            CreditRecord(
                person_name=person["name"],
                kind="cast",
                src=ref,
                part=character["name"] if character else "",
                person_key=f"tvmaze:{person['id']}",
                position=position,
            )
        )
    for position, crew in enumerate(embedded.get("crew", [])):
        credits.append(
            CreditRecord(
                person_name=crew["person"]["name"],
                kind="crew",
                src=ref,
                part=crew["type"],
                person_key=f"tvmaze:{crew['person']['id']}",
                position=position,
            )
        )
    return credits


# ---------------------------------------------------------------------------------------
# People's other works, and the updates feed


def person_credits(client: HttpClient, person_id: int) -> list[PersonCredit]:
    """Every show a person is credited on, in cast (with the character) and in crew."""
    found: list[PersonCredit] = []
    for kind in ("cast", "crew"):
        path = f"people/{person_id}/{kind}credits"
        body = _array(client.get_json(SOURCE, path, params={"embed": "show"}), f"{kind} credits")
        for i, item in enumerate(body):
            what = f"{kind} credit {i} of person {person_id}"
            credit = _object(item, what)
            embedded = _need(credit, "_embedded", dict, what)
            show = _check_show(_need(embedded, "show", dict, f"{what} _embedded"))
            if kind == "crew":
                part: str | None = _need(credit, "type", str, what)
            else:
                links = _may(credit, "_links", dict, what) or {}
                character = links.get("character")
                part = character.get("name") if isinstance(character, dict) else None
            found.append(_person_credit("cast" if kind == "cast" else "crew", part, show))
    return found


def _person_credit(
    kind: Literal["cast", "crew"], part: str | None, show: TvmazeShow
) -> PersonCredit:
    premiered = show.get("premiered")
    channel = show.get("network") or show.get("webChannel")
    day = _day(premiered, f"show {show['id']}")
    return PersonCredit(
        kind=kind,
        part=part,
        tvmaze_id=show["id"],
        title=show["name"],
        year=day.year if day else None,
        premiered=premiered,
        ended=show.get("ended"),
        status=show.get("status"),
        platform=channel["name"] if channel else None,
        type=show.get("type"),
    )


def updates(client: HttpClient, since: str = "day") -> dict[int, int]:
    """Shows TVmaze changed in the last day, week or month: show id -> unix time of the change."""
    if since not in UPDATE_WINDOWS:
        raise UsageError(f"TVmaze updates cover a day, week or month, not {since!r}")
    body = _object(client.get_json(SOURCE, "updates/shows", params={"since": since}), "the updates")
    changed: dict[int, int] = {}
    for key, stamp in body.items():
        if not key.isdigit() or not _typed(stamp, int):
            raise _bad(f"the updates hold {key!r}: {stamp!r}, not a show id and a time")
        changed[int(key)] = stamp
    return changed


# ---------------------------------------------------------------------------------------
# The show index: every show, 250 a page, without embeds (what `nextseason sync` reads)


@dataclass
class IndexPage:
    """One page of the show index: its shows as bundles, and the shows left out."""

    number: int
    url: str
    shows: list[ShowBundle] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line per malformed show


def index_page(client: HttpClient, page: int) -> IndexPage | None:
    """Page ``page`` of TVmaze's show index (``GET /shows?page=N``); None past the last page.

    A show that fails the payload check is left out with one line in ``skipped``; the rest
    of the page is kept. A page that is not a JSON list of objects is a SourceBadPayload.
    The answer is not cached: the catalog is where the index is kept, and 300 pages of it
    would fill the HTTP cache for nothing.
    """
    from nextseason.sources.http import decode_json

    try:
        response = client.request(SOURCE, "shows", params={"page": page}, use_cache=False)
    except SourceBadPayload as exc:
        if exc.status == 404:  # TVmaze's documented end of the index
            return None
        raise
    body = _array(decode_json(response, TvmazeSource.policy), f"page {page} of the show index")
    url = f"{client.base_url(SOURCE)}/shows?page={page}"
    ref = source_ref(SOURCE, url, LICENCE, now_utc())
    found = IndexPage(page, url)
    for i, item in enumerate(body):
        try:
            found.shows.append(index_bundle(_check_show(item, f"show {i} of page {page}"), ref))
        except SourceBadPayload as exc:
            found.skipped.append(f"page {page}: left out a show: {_one_line(exc)}")
    return found


def fetch_index_show(client: HttpClient, tvmaze_id: int) -> ShowBundle | None:
    """One show as the index gives it (``GET /shows/{id}``, no embeds); None when TVmaze
    has no show with that id (any more). Asked again each time (a changed show is why)."""
    path = f"shows/{tvmaze_id}"
    try:
        body = client.get_json(SOURCE, path, ttl=0)
    except SourceBadPayload as exc:
        if exc.status == 404:
            return None
        raise
    show = _check_show(body)
    if show["id"] != tvmaze_id:
        raise _bad(
            f"asked for show {tvmaze_id}, answered with show {show['id']} ({show['name']!r})"
        )
    ref = source_ref(SOURCE, f"{client.base_url(SOURCE)}/{path}", LICENCE, now_utc())
    return index_bundle(show, ref)


def index_bundle(show: TvmazeShow, ref: SourceRef) -> ShowBundle:
    """A show of the index as a bundle: its fields, ids, TVmaze record, the channels TVmaze
    lists it on, and its status read as of TVmaze's last change to the show.

    TVmaze lists a show under its current network or web channel, which is not always the
    one it premiered on (Gilmore Girls is listed on The CW): the links are "listed"
    channels, as the bundled catalog keeps TVmaze's index, never originals.
    """
    what = f"show {show['id']}"
    premiered = _day(show.get("premiered"), what)
    ended = _day(show.get("ended"), what)
    channel = show.get("network") or show.get("webChannel")
    country = channel.get("country") if channel else None
    data = show_record_data(show)
    links: list[PlatformLink] = []
    network, web = show.get("network"), show.get("webChannel")
    if network:
        links.append(PlatformLink(_platform(network, "network"), "listed", ref))
    if web:
        links.append(PlatformLink(_platform(web, "streaming"), "listed", ref))
    status = show.get("status")
    updated = show.get("updated")
    read_at = (
        datetime.fromtimestamp(updated, UTC).replace(tzinfo=None)
        if updated is not None
        else ref.retrieved_at
    )
    return ShowBundle(
        title=show["name"],
        src=ref,
        year=premiered.year if premiered else None,
        kind=show.get("type"),
        language=show.get("language"),
        country=country["name"] if country else None,
        premiered=premiered,
        ended=ended,
        status=status,
        summary=show.get("summary"),
        genres=list(show.get("genres") or []),
        runtime=show.get("averageRuntime") or show.get("runtime"),
        official_site=show.get("officialSite"),
        platform=links[0].platform if links else None,
        external_ids=_external_ids(show),
        records=[
            ShowRecordData(
                SOURCE,
                str(show["id"]),
                show["name"],
                premiered.year if premiered else None,
                data,
                ref,
            )
        ],
        platforms=links,
        statuses=(
            [StatusRecord(SOURCE, status, read_at, ref, {"tvmaze_updated": data["updated"]})]
            if status
            else []
        ),
    )


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()).removeprefix(f"{LABEL}: ")


# ---------------------------------------------------------------------------------------
# The live source


class TvmazeSource(LiveSource):
    """The spine of every refresh: no key, every show. Its answer is the show's bundle; the
    other sources add to it."""

    key = SOURCE
    info = source_info(SOURCE)
    policy = SourcePolicy(
        SOURCE,
        LABEL,
        "https://api.tvmaze.com",
        "NEXTSEASON_TVMAZE_URL",
        calls=20,
        per_seconds=10.0,
        ttl_seconds=12 * 3600,
        # A show with its episodes embedded is about 0.7 KB an episode: the longest soaps
        # (some 15,000 episodes) come to about 11 MB.
        max_bytes=24 << 20,
    )

    def fetch(
        self, client: HttpClient, show: ShowBundle, context: FetchContext
    ) -> ShowBundle | None:
        """The whole show from TVmaze, found by its TVmaze id, else its IMDb or TheTVDB id,
        else its exact title (and year); None when TVmaze has no such show."""
        tvmaze_id = self.find_id(client, show)
        return None if tvmaze_id is None else fetch_show(client, tvmaze_id)

    def find_id(self, client: HttpClient, show: ShowBundle) -> int | None:
        ids = show.external_ids
        if ids.get(SOURCE):
            return int(ids[SOURCE])
        for scheme in ("imdb", "thetvdb"):
            if ids.get(scheme):
                found = lookup(client, **{scheme: ids[scheme]})
                if found is not None:
                    return found
        hit = single_search(client, show.title)
        if hit is None or title_key(hit.title) != title_key(show.title):
            return None
        if show.year and hit.year and abs(show.year - hit.year) > 1:
            return None  # a namesake from another year
        return int(hit.source_id)

    def search(self, client: HttpClient, title: str) -> list[CandidateShow]:
        """Shows TVmaze offers for a title, best first."""
        return search(client, title)


LIVE = TvmazeSource()
