"""TVmaze web schedule, December 2020: 31 responses of ``/schedule/web?date=2020-12-DD``.

Each response is a list of episodes, each with its show embedded. One fragment per TVmaze
show: the show's fields, its December 2020 episodes, the seasons those episodes evidence,
and its status as TVmaze gave it. The responses were recorded together in September 2022,
so every show's status and fields are as of then, not as of December 2020.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any, TypedDict, cast

from nextseason.errors import BuildError
from nextseason.importers.fragments import Fragment, Match, SourceRead, YearSpan
from nextseason.importers.parsing import utc_naive
from nextseason.importers.rawfiles import RawDir, RawFile, read_json
from nextseason.model import (
    EpisodeRecord,
    SeasonRecord,
    ShowBundle,
    ShowRecordData,
    SourceRef,
    StatusRecord,
)
from nextseason.platforms import platform_name
from nextseason.provenance import TVMAZE, source_ref
from nextseason.sources import tvmaze
from nextseason.text import title_key

__all__ = ["FOLDER", "read_schedule"]

FOLDER = "tvmaze/schedule-web-2020-12"
_NAME = re.compile(r"schedule_web_(\d{4}-\d{2}-\d{2})")
NOTE = (
    "TVmaze's web schedule for one day of December 2020, recorded in September 2022: show "
    "fields and status are as of the recording; episodes and seasons cover December 2020 only"
)


class TvmazeCountry(TypedDict):
    name: str
    code: str


class TvmazeChannel(TypedDict):
    id: int
    name: str
    country: TvmazeCountry | None


class TvmazeExternals(TypedDict):
    tvrage: int | None
    thetvdb: int | None
    imdb: str | None


class TvmazeShow(TypedDict):
    id: int
    url: str
    name: str
    type: str | None
    language: str | None
    genres: list[str]
    status: str | None
    runtime: int | None
    averageRuntime: int | None
    premiered: str | None
    ended: str | None
    officialSite: str | None
    schedule: dict[str, Any]
    rating: dict[str, float | None]
    network: TvmazeChannel | None
    webChannel: TvmazeChannel | None
    externals: TvmazeExternals
    summary: str | None
    updated: int


class TvmazeEmbedded(TypedDict):
    show: TvmazeShow


class TvmazeEpisode(TypedDict):
    id: int
    url: str
    name: str | None
    season: int | None
    number: int | None
    type: str | None
    airdate: str | None
    airstamp: str | None
    runtime: int | None
    summary: str | None
    _embedded: TvmazeEmbedded


_SHOW_KEYS = ("id", "name", "status", "premiered", "externals", "updated")
_EPISODE_KEYS = ("id", "season", "number", "airdate", "_embedded")


def _episodes(raw: RawFile) -> list[TvmazeEpisode]:
    body = read_json(raw)
    if not isinstance(body, list):
        raise BuildError(f"raw file {raw.name}: expected a JSON list of episodes")
    for i, item in enumerate(body):
        show = item.get("_embedded", {}).get("show") if isinstance(item, dict) else None
        if (
            not isinstance(item, dict)
            or not isinstance(show, dict)
            or any(k not in item for k in _EPISODE_KEYS)
            or any(k not in show for k in _SHOW_KEYS)
        ):
            raise BuildError(
                f"raw file {raw.name}: item {i} is not a TVmaze episode with an embedded show"
            )
    return cast(list[TvmazeEpisode], body)


def read_schedule(raw_dir: RawDir) -> SourceRead:
    """One fragment per TVmaze show of the December 2020 web schedule."""
    read = SourceRead(TVMAZE)
    loaded: list[tuple[RawFile, str, list[TvmazeEpisode]]] = []
    for raw in raw_dir.files(FOLDER, "schedule_web_*.json"):
        found = _NAME.match(raw.path.name)
        if not found:
            raise BuildError(f"raw file {raw.name}: name does not carry the schedule date")
        episodes = _episodes(raw)
        loaded.append((raw, found.group(1), episodes))
        read.files[raw.name] = len(episodes)
    # The recording is at least as recent as the latest "updated" stamp in any response.
    stamps = [e["_embedded"]["show"]["updated"] for _, _, eps in loaded for e in eps]
    if not stamps:
        raise BuildError(f"raw files in {FOLDER} hold no episodes")
    retrieved = datetime.fromtimestamp(max(stamps), UTC).replace(tzinfo=None)

    shows: dict[int, TvmazeShow] = {}
    by_show: dict[int, list[tuple[TvmazeEpisode, SourceRef]]] = defaultdict(list)
    seen: set[int] = set()
    for _raw, day, episodes in loaded:
        ref = source_ref(
            TVMAZE,
            retrieved,
            url=f"https://api.tvmaze.com/schedule/web?date={day}",
            note=NOTE,
        )
        read.refs.append(ref)
        for episode in episodes:
            if episode["id"] in seen:
                read.skipped["episode listed twice"] += 1
                continue
            seen.add(episode["id"])
            show = episode["_embedded"]["show"]
            known = shows.get(show["id"])
            if known is None or show["updated"] > known["updated"]:
                shows[show["id"]] = show
            by_show[show["id"]].append((episode, ref))
    for show_id, items in by_show.items():
        read.fragments.append(_fragment(shows[show_id], items, retrieved, read))
    return read


def _country(channel: TvmazeChannel | None) -> str | None:
    country = channel.get("country") if channel else None
    return country["name"] if country else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _fragment(
    show: TvmazeShow,
    items: list[tuple[TvmazeEpisode, SourceRef]],
    retrieved: datetime,
    read: SourceRead,
) -> Fragment:
    items.sort(key=lambda item: (item[0]["airstamp"] or "", item[0]["id"]))
    ref = items[0][1]
    live = cast(tvmaze.TvmazeShow, show)  # the keys it needs were checked on reading
    original, links = tvmaze.show_links(live, ref)
    channel = show.get("network") or show.get("webChannel")
    premiered = _day(show.get("premiered"))
    externals = show["externals"]
    ids = {"tvmaze": str(show["id"])}
    if externals.get("imdb"):
        ids["imdb"] = str(externals["imdb"])
    if externals.get("thetvdb"):
        ids["thetvdb"] = str(externals["thetvdb"])
    data = tvmaze.show_record_data(live)
    # The recordings' image URLs are a live fetch's, not a published file's: the bundled
    # catalog serves offline, so its pages show the placeholder (catalog/posters.py).
    data.pop("poster", None)
    record = ShowRecordData(
        TVMAZE, str(show["id"]), show["name"], premiered.year if premiered else None, data, ref
    )
    episodes, seasons = _episode_records(show, items, read)
    status = show.get("status")
    ended = _day(show.get("ended"))
    bundle = ShowBundle(
        title=show["name"],
        src=ref,
        year=premiered.year if premiered else None,
        kind=show.get("type"),
        language=show.get("language"),
        country=_country(channel),
        premiered=premiered,
        ended=ended,
        status=status,
        summary=show.get("summary"),
        genres=list(show.get("genres") or []),
        runtime=show.get("averageRuntime") or show.get("runtime"),
        official_site=show.get("officialSite"),
        platform=original,
        external_ids=ids,
        records=[record],
        platforms=links,
        seasons=seasons,
        episodes=episodes,
        statuses=(
            [StatusRecord(TVMAZE, status, retrieved, ref, {"tvmaze_updated": data["updated"]})]
            if status
            else []
        ),
    )
    names = tuple(n for n in (platform_name(link.platform.name) for link in links) if n)
    match = Match(
        "tvmaze",
        (title_key(show["name"]),),
        tvmaze_id=str(show["id"]),
        imdb=ids.get("imdb"),
        years=YearSpan.exact(premiered.year) if premiered else None,
        run=(premiered.year, ended.year if ended else None) if premiered else None,
        platforms=names,
        countries=tuple(c["code"] for c in (channel.get("country") if channel else None,) if c),
    )
    return Fragment(bundle, match, rows=len(items))


def _episode_records(
    show: TvmazeShow, items: list[tuple[TvmazeEpisode, SourceRef]], read: SourceRead
) -> tuple[list[EpisodeRecord], list[SeasonRecord]]:
    episodes: list[EpisodeRecord] = []
    keys: set[str] = set()
    by_season: dict[int, list[tuple[TvmazeEpisode, SourceRef]]] = defaultdict(list)
    for episode, ref in items:
        stamp = episode.get("airstamp")
        record = EpisodeRecord(
            season=episode["season"],
            number=episode["number"],
            src=ref,
            title=episode.get("name"),
            kind=episode.get("type"),
            airdate=_day(episode.get("airdate")),
            airstamp=utc_naive(stamp) if stamp else None,
            runtime=episode.get("runtime"),
            summary=episode.get("summary"),
            source_id=str(episode["id"]),
        )
        if record.key in keys:
            # TVmaze numbered two episodes alike; the catalog keys episodes by number.
            read.skipped["episode number used twice by one show"] += 1
            continue
        keys.add(record.key)
        episodes.append(record)
        if episode["season"] is not None:
            by_season[episode["season"]].append((episode, ref))
    return episodes, _seasons(show, by_season)


def _seasons(
    show: TvmazeShow, by_season: dict[int, list[tuple[TvmazeEpisode, SourceRef]]]
) -> list[SeasonRecord]:
    """Seasons the December episodes evidence. A premiere date only when the season's first
    episode is among them, an end date only when it is the show's recorded last airdate:
    a month of schedule says nothing about the dates of a season's other episodes."""
    seasons: list[SeasonRecord] = []
    last = max(by_season, default=None)
    ended = _day(show.get("ended"))
    for number in sorted(by_season):
        present = by_season[number]
        first = next(
            (_day(e.get("airdate")) for e, _ in present if e["number"] == 1),
            None,
        )
        end = None
        dates = [d for d in (_day(e.get("airdate")) for e, _ in present) if d]
        if show.get("status") == "Ended" and number == last and ended and dates:
            end = ended if max(dates) == ended else None
        seasons.append(SeasonRecord(number, present[0][1], premiere_date=first, end_date=end))
    return seasons
