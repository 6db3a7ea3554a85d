"""TMDB show and season details, cached in March-April 2025: 2,578 shows, 582 seasons.

Each line of ``tmdb_tv_details_2025.jsonl`` is ``{tmdb_id, cached_at, value}`` with the
``/tv/{id}`` answer as ``value`` (name, original name, overview, first and last air dates,
networks, status, type, season and episode counts, languages); each line of
``tmdb_tv_seasons_2025.jsonl`` has one ``/tv/{id}/season/{n}`` answer (its air date and its
episodes with their air dates). TMDB names the show's networks, the first being the one it
premiered on, and its status ("Returning Series", "Ended", "Canceled", "In Production"...)
as of ``cached_at``: each reading is dated by its own record.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from nextseason.errors import BuildError
from nextseason.genres import canonical_genres, display_genres
from nextseason.importers.fragments import Fragment, Match, SourceRead, YearSpan
from nextseason.importers.rawfiles import RawDir, RawFile, read_text
from nextseason.model import (
    EpisodeRecord,
    PlatformLink,
    SeasonRecord,
    ShowBundle,
    ShowRecordData,
    SourceRef,
    StatusRecord,
)
from nextseason.platforms import channel_kind, platform_ref
from nextseason.provenance import TMDB_2025, source_ref
from nextseason.text import title_key

__all__ = ["DETAILS", "SEASONS", "read_tmdb_2025"]

DETAILS = "outcomes/tmdb_tv_details_2025.jsonl"
SEASONS = "outcomes/tmdb_tv_seasons_2025.jsonl"


@dataclass(slots=True)
class _Season:
    number: int
    air_date: date | None
    episodes: list[tuple[int, str | None, date | None]] = field(default_factory=list)


def _lines(raw: RawFile) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for i, line in enumerate(read_text(raw).splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BuildError(f"raw file {raw.name}, line {i}: not JSON ({exc})") from None
        if not isinstance(item, dict) or not isinstance(item.get("value"), dict):
            raise BuildError(f"raw file {raw.name}, line {i}: expected {{tmdb_id, value}}")
        out.append((i, item))
    return out


def _day(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _cached(raw: RawFile, i: int, item: dict[str, Any]) -> datetime:
    try:
        return datetime.fromisoformat(str(item["cached_at"])).replace(tzinfo=None)
    except (KeyError, ValueError):
        raise BuildError(f"raw file {raw.name}, line {i}: no valid cached_at") from None


def _seasons(raw: RawFile) -> dict[int, list[_Season]]:
    out: dict[int, list[_Season]] = defaultdict(list)
    for i, item in _lines(raw):
        value = item["value"]
        show, number = item.get("tmdb_id"), value.get("season_number")
        if not isinstance(show, int) or not isinstance(number, int):
            raise BuildError(f"raw file {raw.name}, line {i}: no tmdb_id or season_number")
        season = _Season(number, _day(value.get("air_date")))
        for episode in value.get("episodes") or []:
            if isinstance(episode, dict) and isinstance(episode.get("episode_number"), int):
                name = episode.get("name")
                season.episodes.append(
                    (
                        episode["episode_number"],
                        name if isinstance(name, str) else None,
                        _day(episode.get("air_date")),
                    )
                )
        out[show].append(season)
    return out


def read_tmdb_2025(raw_dir: RawDir, network_countries: dict[str, str]) -> SourceRead:
    """One fragment per show; ``network_countries``: network title key -> ISO country."""
    details = raw_dir.file(DETAILS)
    seasons_raw = raw_dir.file(SEASONS)
    lines = _lines(details)
    stamps = [_cached(details, i, item) for i, item in lines]
    first = min(stamps, default=datetime(2025, 3, 1))
    last = max(stamps, default=first)
    ref = source_ref(
        TMDB_2025,
        first,
        note=f"TMDB /tv/{{id}} and /tv/{{id}}/season/{{n}} answers cached "
        f"{first.date().isoformat()} to {last.date().isoformat()}",
    )
    seasons = _seasons(seasons_raw)
    read = SourceRead(
        TMDB_2025,
        refs=[ref],
        files={details.name: len(lines), seasons_raw.name: sum(len(v) for v in seasons.values())},
    )
    used: set[int] = set()
    for (i, item), stamp in zip(lines, stamps, strict=True):
        value = item["value"]
        name = value.get("name")
        if not isinstance(name, str) or not name.strip():
            read.skipped["no name"] += 1
            continue
        if not isinstance(value.get("id"), int):
            raise BuildError(f"raw file {details.name}, line {i}: no show id")
        own = seasons.get(value["id"], [])
        used.add(value["id"])
        fragment = _fragment(value, stamp, own, ref, network_countries)
        fragment.rows = 1 + len(own)  # its details line and its season lines
        read.fragments.append(fragment)
    for show, items in seasons.items():
        if show not in used:
            read.skipped["season of a show the details file lacks"] += len(items)
    return read


def _fragment(
    value: dict[str, Any],
    stamp: datetime,
    seasons: list[_Season],
    ref: SourceRef,
    network_countries: dict[str, str],
) -> Fragment:
    tmdb_id = str(value["id"])
    title = str(value["name"]).strip()
    original = str(value.get("original_name") or "").strip()
    premiered = _day(value.get("first_air_date"))
    last_aired = _day(value.get("last_air_date"))
    status = str(value.get("status") or "")
    networks = [
        str(n["name"]) for n in value.get("networks") or [] if isinstance(n, dict) and n.get("name")
    ]
    links = [
        PlatformLink(
            platform_ref(n, channel_kind(n)),
            "web" if channel_kind(n) == "streaming" else "network",
            ref,
        )
        for n in networks
    ]
    countries = tuple(
        dict.fromkeys(c for c in (network_countries.get(title_key(n)) for n in networks) if c)
    )
    languages = [str(x) for x in value.get("languages") or [] if isinstance(x, str)]
    genres = [str(g["name"]) for g in value.get("genres") or [] if isinstance(g, dict)]
    ended = last_aired if status in ("Ended", "Canceled") else None
    season_records: list[SeasonRecord] = []
    episodes: list[EpisodeRecord] = []
    for season in sorted(seasons, key=lambda s: s.number):
        if season.number < 1:
            continue  # specials
        days = [d for _, _, d in season.episodes if d]
        season_records.append(
            SeasonRecord(
                season.number,
                ref,
                episode_order=len(season.episodes) or None,
                premiere_date=season.air_date or (min(days) if days else None),
                end_date=max(days) if days else None,
            )
        )
        episodes.extend(
            EpisodeRecord(season.number, number, ref, title=name, airdate=day)
            for number, name, day in season.episodes
        )
    data: dict[str, Any] = {
        "tmdb_id": value["id"],
        "name": title,
        "original_name": original or None,
        "first_air_date": value.get("first_air_date") or None,
        "last_air_date": value.get("last_air_date") or None,
        "networks": networks,
        "status": status or None,
        "type": value.get("type") or None,
        "seasons": value.get("number_of_seasons"),
        "episodes": value.get("number_of_episodes"),
        "in_production": value.get("in_production"),
        "languages": languages,
        "genres": genres,
        "cached_at": stamp.isoformat(),
    }
    statuses = []
    if status:
        statuses.append(
            StatusRecord(
                TMDB_2025,
                status,
                stamp,
                ref,
                {
                    "type": value.get("type"),
                    "number_of_seasons": value.get("number_of_seasons"),
                    "last_air_date": value.get("last_air_date"),
                    "in_production": value.get("in_production"),
                },
            )
        )
    year = premiered.year if premiered else None
    bundle = ShowBundle(
        title=title,
        src=ref,
        year=year,
        kind=str(value["type"]) if value.get("type") else None,
        language=languages[0] if languages else None,
        # The networks' countries help resolution tell namesakes apart, but the details
        # name no country of the show: none is stated as its fact.
        premiered=premiered,
        ended=ended,
        status=status or None,
        summary=str(value.get("overview") or "").strip() or None,
        genres=display_genres(canonical_genres(genres)),
        platform=links[0].platform if links else None,
        external_ids={"tmdb": tmdb_id},
        records=[ShowRecordData(TMDB_2025, tmdb_id, title, year, data, ref)],
        platforms=links,
        seasons=season_records,
        episodes=episodes,
        statuses=statuses,
    )
    keys = tuple(dict.fromkeys(k for k in (title_key(title), title_key(original)) if k))
    match = Match(
        "catalog",
        keys,
        tmdb_id=tmdb_id,
        years=YearSpan(year - 1, year + 1) if year else None,
        run=(year, ended.year if ended else None) if year else None,
        platforms=tuple(p.platform.name for p in links),
        countries=countries,
    )
    return Fragment(bundle, match)
