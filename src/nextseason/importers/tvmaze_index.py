"""The TVmaze show index: 31,933 show names, each with its network and/or web channel.

Compiled from TVmaze's ``/shows?page=N`` (only shows with an IMDb id) for the r/television
mention counter. It has no ids and no years, and it is keyed by name, so when two TVmaze
shows share a name only one survived (e.g. "The Office" is the Arabic Shahid series, not the
NBC one). Its mention/score counters are all zero and are not kept.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, TypedDict, cast

from nextseason.errors import BuildError
from nextseason.importers.fragments import Fragment, Match, SourceRead
from nextseason.importers.rawfiles import RawDir, read_json
from nextseason.model import PlatformLink, PlatformRef, ShowBundle, ShowRecordData
from nextseason.platforms import platform_name, platform_ref
from nextseason.provenance import TVMAZE_INDEX, source_ref
from nextseason.text import title_key

__all__ = ["FILE", "read_index"]

FILE = "tvmaze/shows-index-2022-11-26.json"
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
NOTE = "show name -> network / web channel, without ids or years; one show per distinct name"


class IndexEntry(TypedDict):
    mentions: int
    score: int
    streaming: str  # the web channel, "N/A" when none
    network: str  # "" when none


def read_index(raw_dir: RawDir, network_countries: dict[str, str]) -> SourceRead:
    """One fragment per name of the index; ``network_countries``: network key -> country.

    TVmaze's network for a show is the one it lists now, which is not always the one it
    premiered on (Gilmore Girls is listed on The CW, not The WB; Lucifer on Netflix, not
    FOX): the links are "listed" channels, never originals."""
    raw = raw_dir.file(FILE)
    body: Any = read_json(raw)
    if not isinstance(body, dict):
        raise BuildError(f"raw file {raw.name}: expected a JSON object of show names")
    for name, entry in body.items():
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) for k in ("network", "streaming")
        ):
            raise BuildError(f"raw file {raw.name}: entry {name!r} lacks network/streaming")
    entries = cast(dict[str, IndexEntry], body)
    found = _DATE.search(raw.path.name)
    if not found:
        raise BuildError(f"raw file {raw.name}: name does not carry the compilation date")
    # The file holds no timestamps; its name carries the date of the upstream commit.
    ref = source_ref(TVMAZE_INDEX, datetime.fromisoformat(found.group(1)), note=NOTE)
    read = SourceRead(TVMAZE_INDEX, refs=[ref], files={raw.name: len(entries)})
    for name, entry in entries.items():
        if not name.strip():
            read.skipped["empty show name"] += 1
            continue
        links: list[tuple[PlatformRef, str]] = []
        if platform_name(entry["network"]):
            links.append((platform_ref(entry["network"], "network"), "listed"))
        if platform_name(entry["streaming"]):
            links.append((platform_ref(entry["streaming"], "streaming"), "listed"))
        data: dict[str, object] = {
            "network": entry["network"] or None,
            "web_channel": entry["streaming"] if platform_name(entry["streaming"]) else None,
        }
        bundle = ShowBundle(
            title=name,
            src=ref,
            platform=links[0][0] if links else None,
            records=[ShowRecordData(TVMAZE_INDEX, name, name, None, data, ref)],
            platforms=[PlatformLink(p, role, ref) for p, role in links],
        )
        names = tuple(n for n in (platform_name(p.name) for p, _ in links) if n)
        countries = tuple(
            dict.fromkeys(c for c in (network_countries.get(title_key(n)) for n in names) if c)
        )
        if countries:
            # The country of the channel TVmaze lists it on (per TMDB's network list).
            data["countries"] = list(countries)
        web_only = len(links) == 1 and links[0][0].kind == "streaming"
        exclusive = names[0] if web_only and names else None
        match = Match(
            "name_map",
            (title_key(name),),
            platforms=names,
            exclusive=exclusive,
            countries=countries,
        )
        read.fragments.append(Fragment(bundle, match))
    return read
