"""One name and one type per platform, across the renewal files and the catalog.

The Metacritic scorecards write networks as codes ("NETF", "STRZ", "ADSW") or names that
changed over time ("CBS All Access (renamed Paramount+ in 2021)"); the ratings file writes
"FOX"; TMDB writes "Max" and "ITV1"; the catalog uses TVmaze's names. :func:`canonical_platform`
folds all of them to the catalog's (TVmaze's) names, so a platform learned from the scorecards
is the same platform a catalog show has. :func:`platform_type` says whether it is a
broadcast network, a cable channel or a streaming service: the three behave differently
(broadcast networks decide at the May upfronts, on ratings; streaming services decide within
months of a release, on viewing they mostly do not publish).
"""

from __future__ import annotations

import re
from typing import Literal

from nextseason.importers.platforms import platform_name
from nextseason.text import title_key

__all__ = [
    "BROADCAST",
    "PLATFORM_TYPES",
    "STREAMING",
    "PlatformType",
    "canonical_platform",
    "platform_type",
]

PlatformType = Literal["broadcast", "cable", "streaming"]
PLATFORM_TYPES: tuple[PlatformType, ...] = ("broadcast", "cable", "streaming")

# Metacritic's codes and spellings (title_key form) -> the catalog's platform names.
_CODES: dict[str, str] = {
    "netf": "Netflix",
    "amzn": "Prime Video",
    "amazon prime": "Prime Video",
    "amazon prime video": "Prime Video",
    "hulu": "Hulu",
    "appl": "Apple TV+",
    "apple tv": "Apple TV+",
    "hbo max": "HBO Max",
    "max": "Cinemax",  # in the scorecards MAX is Cinemax (Banshee, The Knick)
    "fox": "FOX",
    "the cw": "The CW",
    "cw": "The CW",
    "com": "Comedy Central",
    "syfy": "Syfy",
    "strz": "Starz",
    "adsw": "Adult Swim",
    "usa": "USA Network",
    "fx networks": "FX",
    "sund": "SundanceTV",
    "freef": "Freeform",
    "abcf": "ABC Family",
    "bbca": "BBC America",
    "sho": "Showtime",
    "direc": "Audience Network",
    "tvl": "TV Land",
    "tvlnd": "TV Land",
    "pop": "Pop",
    "acrn": "Acorn TV",
    "acorn": "Acorn TV",
    "hall": "Hallmark Channel",
    "epix": "MGM+",
    "wgn": "WGN America",
    "hist": "History",
    "crkl": "Crackle",
    "life": "Lifetime",
    "tru": "truTV",
    "disn": "Disney Channel",
    "dis": "Disney Channel",
    "disxd": "Disney XD",
    "yt": "YouTube Premium",
    "brav": "Bravo",
    "ngc": "National Geographic Channel",
    "fb": "Facebook Watch",
    "par": "Paramount Network",
    "pmn": "Paramount Network",
    "spec": "Spectrum Originals",
    "dcu": "DC Universe",
    "bnce": "Bounce TV",
    "boun": "Bounce TV",
    "ovat": "Ovation",
    "ovtn": "Ovation",
    "nick": "Nickelodeon",
    "elrey": "El Rey Network",
    "shud": "Shudder",
    "shdr": "Shudder",
    "yhoo": "Yahoo Screen",
    "we": "WE tv",
    "disc": "Discovery Channel",
    "imdb": "IMDb TV",
    "fusn": "Fusion",
    "psn": "PlayStation Network",
    "esq": "Esquire Network",
    "chil": "Chiller",
    "vicel": "Viceland",
    "brit": "BritBox",
    "quib": "Quibi",
    "id": "Investigation Discovery",
    "web": "Web",
}
# Spellings of the other files (TMDB, the ratings file, the catalog) -> the catalog's names.
_ALIASES: dict[str, str] = {
    "fox": "FOX",
    "cw": "The CW",
    "fx networks": "FX",
    "cbs all access": "Paramount+",
    "cbs all access renamed paramount in 2021": "Paramount+",
    "national geographic": "National Geographic Channel",
    "discovery": "Discovery Channel",
    "itv1": "ITV",
    "itv": "ITV",
    "5": "Channel 5",
    "abc tv": "ABC (AU)",
    "cbc television": "CBC",
    "amazon freevee": "IMDb TV",
    "freevee": "IMDb TV",
    "mgm": "MGM+",
    "epix": "MGM+",
    "paramount": "Paramount+",  # "Paramount+" folds to "paramount"
}
# "HBO Max (new WarnerMedia streaming service; launches May 27)": the name before "(".
_PAREN = re.compile(r"\s*\(.*$")

#: Broadcast networks (free over-the-air, US and the large public/terrestrial ones abroad).
BROADCAST = frozenset(
    {
        "ABC",
        "CBS",
        "NBC",
        "FOX",
        "The CW",
        "PBS",
        "ION",
        "Bounce TV",
        "The WB",
        "UPN",
        "Syndication",
        "BBC One",
        "BBC Two",
        "ITV",
        "Channel 4",
        "Channel 5",
        "CBC",
        "CTV",
        "Global",
        "ABC (AU)",
    }
)
#: Streaming services (the catalog marks these "streaming"; the files do not say).
STREAMING = frozenset(
    {
        "Netflix",
        "Prime Video",
        "Hulu",
        "Apple TV+",
        "Disney+",
        "HBO Max",
        "Peacock",
        "Paramount+",
        "Crackle",
        "YouTube",
        "YouTube Premium",
        "Facebook Watch",
        "DC Universe",
        "BET+",
        "Acorn TV",
        "Shudder",
        "Yahoo Screen",
        "Seeso",
        "PlayStation Network",
        "IMDb TV",
        "VRV",
        "Quibi",
        "BritBox",
        "Vudu",
        "Xbox",
        "Web",
        "Spectrum Originals",
        "discovery+",
        "Sundance Now",
    }
)


def canonical_platform(name: str | None, *, scorecard: bool = False) -> str | None:
    """The catalog's name for a platform as a source writes it; ``scorecard``: as the
    Metacritic scorecards write it (codes such as "NETF"; there "MAX" is Cinemax)."""
    if name is None:
        return None
    text = _PAREN.sub("", name).strip() or name.strip()
    key = title_key(text)
    if not key:
        return None
    if scorecard and key in _CODES:
        return _CODES[key]
    if key in _ALIASES:
        return _ALIASES[key]
    named = platform_name(text)
    if named is None:
        return None
    return _ALIASES.get(title_key(named), named)


def platform_type(name: str | None, kind: str | None = None) -> PlatformType | None:
    """Broadcast, cable or streaming. ``kind`` is the catalog's "network" | "streaming"."""
    if name in STREAMING or kind == "streaming":
        return "streaming"
    if name in BROADCAST:
        return "broadcast"
    if name is None and kind is None:
        return None
    return "cable"
