"""The platform vocabulary: one name, one family and one type per platform, for every module.

Three questions are asked of a platform name, and each has its section here:

* **The catalog's name** (:func:`platform_name`, :func:`platform_ref`): TVmaze says
  "Prime Video", the Kaggle catalogs "Amazon Prime", Reddit's counts "Amazon Prime Video";
  HBO Max became "Max" in 2023. Such spellings fold to one canonical name; any other name is
  kept as the source spells it. The importers and the live sources store these names.
* **An article's name** (:func:`article_platform`, :func:`platform_family`): an article says
  "an HBO series" where the catalog says "HBO Max", "the BBC" where it says "BBC One": each
  name folds to a *family*. Families owned by one group (HBO and Cinemax, Hulu and FX...) are
  *related*: a claim naming a related family is never called a contradiction, because shows
  move between sister channels and articles name either. The fact-checker reads these.
* **The renewal files' name and the platform's type** (:func:`catalog_platform`,
  :func:`platform_type`): the Metacritic scorecards write networks as codes ("NETF", "STRZ",
  "ADSW") or names that changed over time ("CBS All Access (renamed Paramount+ in 2021)"); the
  ratings file writes "FOX"; TMDB writes "Max" and "ITV1". :func:`catalog_platform` folds all
  of them to the catalog's (TVmaze's) names, so a platform learned from the scorecards is the
  same platform a catalog show has. :func:`platform_type` says whether it is a broadcast
  network, a cable channel or a streaming service: the three behave differently (broadcast
  networks decide at the May upfronts, on ratings; streaming services decide within months of
  a release, on viewing they mostly do not publish). The renewal outlook reads these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from nextseason.model import PlatformRef
from nextseason.text import title_key

__all__ = [
    "BROADCAST",
    "CATALOG_SERVICES",
    "CHANNEL_START",
    "DISNEY_PLUS",
    "HULU",
    "NETFLIX",
    "PLATFORMS",
    "PLATFORM_PATTERN",
    "PLATFORM_TYPES",
    "PRIME_VIDEO",
    "SAFE_PLATFORM_PATTERN",
    "STREAMING",
    "Platform",
    "PlatformType",
    "article_platform",
    "catalog_platform",
    "channel_kind",
    "known_family",
    "platform_family",
    "platform_name",
    "platform_ref",
    "platform_type",
    "related_families",
    "same_platform",
]

# -- the catalog's names ------------------------------------------------------------------


NETFLIX = "Netflix"
PRIME_VIDEO = "Prime Video"
DISNEY_PLUS = "Disney+"
HULU = "Hulu"
HBO_MAX = "HBO Max"
APPLE_TV_PLUS = "Apple TV+"

# Keys are title_key() forms, so case, spacing and punctuation do not matter.
_ALIASES: dict[str, str] = {
    "netflix": NETFLIX,
    "prime video": PRIME_VIDEO,
    "amazon prime video": PRIME_VIDEO,
    "amazon prime": PRIME_VIDEO,
    "amazon": PRIME_VIDEO,
    "amazon video": PRIME_VIDEO,
    "disney": DISNEY_PLUS,  # "Disney+" folds to "disney"
    "disney plus": DISNEY_PLUS,
    "hulu": HULU,
    "hbo max": HBO_MAX,
    "max": HBO_MAX,
    "apple tv": APPLE_TV_PLUS,  # "Apple TV+" folds to "apple tv"
    "apple tv plus": APPLE_TV_PLUS,
    "appletv": APPLE_TV_PLUS,
    "youtube red": "YouTube Premium",  # renamed in 2018
    "youtube originals": "YouTube Premium",
}

#: The streaming services whose 2021 catalogs are among the raw files.
CATALOG_SERVICES = frozenset({NETFLIX, PRIME_VIDEO, DISNEY_PLUS, HULU})

#: Values the files use for "none".
_NONE = {"", "n a", "none", "null"}


def platform_name(name: str | None) -> str | None:
    """The canonical name of a platform, or None for an empty / "N/A" value."""
    if name is None:
        return None
    key = title_key(name)
    if key in _NONE:
        return None
    return _ALIASES.get(key, name.strip())


def same_platform(a: str | None, b: str | None) -> bool:
    """Whether two platform names (as any file spells them) are the same platform."""
    na, nb = platform_name(a), platform_name(b)
    return na is not None and nb is not None and title_key(na) == title_key(nb)


def platform_ref(
    name: str, kind: Literal["network", "streaming"], country: str | None = None
) -> PlatformRef:
    """A PlatformRef with the canonical name; the big services carry no country."""
    canonical = platform_name(name) or name.strip()
    if canonical in _ALIASES.values():
        country = None
    return PlatformRef(canonical, kind, country)


# -- an article's names: families -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Platform:
    name: str  # the name reports use
    family: str
    kind: str  # "streaming" | "network"
    aliases: tuple[str, ...]
    #: Names that are also ordinary words or people ("Max", "History"): only after a strong
    #: cue such as "premiered on" or "a ... original".
    risky: bool = False


_P = Platform
PLATFORMS: tuple[Platform, ...] = (
    _P("Netflix", "netflix", "streaming", ("Netflix",)),
    _P(
        "Prime Video",
        "prime",
        "streaming",
        ("Amazon Prime Video", "Amazon Prime", "Prime Video", "Amazon Studios", "Amazon"),
    ),
    _P("Freevee", "freevee", "streaming", ("Amazon Freevee", "Freevee", "IMDb TV")),
    _P("Hulu", "hulu", "streaming", ("Hulu",)),
    _P("Disney+", "disney+", "streaming", ("Disney+", "Disney Plus")),
    _P("Apple TV+", "apple", "streaming", ("Apple TV+", "Apple TV Plus", "Apple TV", "Apple")),
    _P("HBO Max", "hbo", "streaming", ("HBO Max",)),
    _P("HBO", "hbo", "network", ("HBO",)),
    _P("Max", "hbo", "streaming", ("Max",), risky=True),
    _P("Peacock", "peacock", "streaming", ("Peacock",), risky=True),
    _P("Paramount+", "paramount+", "streaming", ("Paramount+", "Paramount Plus")),
    _P("CBS All Access", "paramount+", "streaming", ("CBS All Access",)),
    _P("Showtime", "showtime", "network", ("Showtime", "SHOWTIME")),
    _P("Starz", "starz", "network", ("Starz", "STARZ")),
    _P("AMC+", "amc", "streaming", ("AMC+",)),
    _P("AMC", "amc", "network", ("AMC",)),
    _P("FX", "fx", "network", ("FX on Hulu", "FXX", "FX")),
    _P("NBC", "nbc", "network", ("NBC",)),
    _P("CBS", "cbs", "network", ("CBS",)),
    _P("ABC", "abc", "network", ("ABC",)),
    _P("FOX", "fox", "network", ("FOX", "Fox")),
    _P("The CW", "cw", "network", ("The CW", "CW")),
    _P("The WB", "wb", "network", ("The WB", "WB")),
    _P("UPN", "upn", "network", ("UPN",)),
    _P("USA Network", "usa", "network", ("USA Network",)),
    _P("TNT", "tnt", "network", ("TNT",)),
    _P("TBS", "tbs", "network", ("TBS",)),
    _P("Syfy", "syfy", "network", ("Syfy", "SyFy", "Sci Fi Channel")),
    _P("Freeform", "freeform", "network", ("Freeform", "FreeForm", "ABC Family")),
    _P("Lifetime", "lifetime", "network", ("Lifetime",), risky=True),
    _P("Bravo", "bravo", "network", ("Bravo",), risky=True),
    _P("MTV", "mtv", "network", ("MTV",)),
    _P("Comedy Central", "comedy central", "network", ("Comedy Central",)),
    _P("Adult Swim", "adult swim", "network", ("Adult Swim",)),
    _P("Cartoon Network", "cartoon network", "network", ("Cartoon Network",)),
    _P("Nickelodeon", "nickelodeon", "network", ("Nickelodeon",)),
    _P("Disney Channel", "disney channel", "network", ("Disney Channel",)),
    _P("Disney XD", "disney xd", "network", ("Disney XD",)),
    _P("Disney Junior", "disney junior", "network", ("Disney Junior",)),
    _P("PBS", "pbs", "network", ("PBS",)),
    _P("Discovery", "discovery", "network", ("Discovery Channel", "discovery+", "Discovery")),
    _P("National Geographic", "nat geo", "network", ("National Geographic", "Nat Geo")),
    _P("History", "history", "network", ("History Channel", "History"), risky=True),
    _P("A&E", "a&e", "network", ("A&E",)),
    _P("TLC", "tlc", "network", ("TLC",)),
    _P("HGTV", "hgtv", "network", ("HGTV",)),
    _P("Food Network", "food network", "network", ("Food Network",)),
    _P("YouTube", "youtube", "streaming", ("YouTube Premium", "YouTube Red", "YouTube")),
    _P("Crunchyroll", "crunchyroll", "streaming", ("Crunchyroll",)),
    _P("Tubi", "tubi", "streaming", ("Tubi",)),
    _P("Quibi", "quibi", "streaming", ("Quibi",)),
    _P("BBC", "bbc", "network", ("BBC One", "BBC Two", "BBC Three", "BBC Four", "BBC iPlayer")),
    _P("BBC", "bbc", "network", ("BBC",)),
    _P("BBC America", "bbc america", "network", ("BBC America",)),
    _P("ITV", "itv", "network", ("ITVX", "ITV1", "ITV2", "ITV")),
    _P("Channel 4", "channel 4", "network", ("Channel 4", "E4", "All 4", "More4")),
    _P("Channel 5", "channel 5", "network", ("Channel 5",)),
    _P("Sky", "sky", "network", ("Sky Atlantic", "Sky One", "Sky Max", "Sky Showcase")),
    _P("CBC", "cbc", "network", ("CBC",)),
    _P("CTV", "ctv", "network", ("CTV",)),
    _P("Crave", "crave", "streaming", ("Crave",), risky=True),
    _P("Stan", "stan", "streaming", ("Stan",), risky=True),
    _P("tvN", "tvn", "network", ("tvN",)),
    _P("JTBC", "jtbc", "network", ("JTBC", "jTBC")),
    _P("KBS", "kbs", "network", ("KBS2", "KBS")),
    _P("MBC", "mbc", "network", ("MBC",)),
    _P("SBS", "sbs", "network", ("SBS",)),
    _P("Canal+", "canal+", "network", ("Canal+",)),
    _P("BritBox", "britbox", "streaming", ("BritBox",)),
    _P("Acorn TV", "acorn", "streaming", ("Acorn TV",)),
    _P("Shudder", "shudder", "streaming", ("Shudder",)),
    _P("MGM+", "mgm+", "network", ("MGM+", "Epix", "EPIX")),
    _P("Cinemax", "cinemax", "network", ("Cinemax",)),
    _P("Hallmark", "hallmark", "network", ("Hallmark Channel",)),
    _P("BET", "bet", "network", ("BET",)),
    _P("Oxygen", "oxygen", "network", ("Oxygen",), risky=True),
    _P("E!", "e!", "network", ("E!",)),
    _P("Paramount Network", "paramount network", "network", ("Paramount Network",)),
)

#: Families run by one group: naming a sister channel is not a contradiction.
_RELATED: tuple[frozenset[str], ...] = (
    frozenset({"hbo", "cinemax", "tnt", "tbs", "adult swim", "cartoon network"}),
    frozenset({"hulu", "fx", "abc", "freeform", "disney+", "disney channel", "nat geo"}),
    frozenset({"disney+", "disney channel", "disney xd", "disney junior"}),
    frozenset({"paramount+", "cbs", "showtime", "cw", "mtv", "comedy central", "nickelodeon"}),
    frozenset({"peacock", "nbc", "usa", "syfy", "bravo", "e!", "oxygen"}),
    frozenset({"prime", "freevee", "mgm+"}),
    frozenset({"bbc", "bbc america", "britbox"}),
    frozenset({"itv", "britbox"}),
    frozenset({"amc", "shudder", "acorn"}),
    frozenset({"discovery", "tlc", "hgtv", "food network"}),
    frozenset({"sky", "peacock"}),
)

_BY_ALIAS: dict[str, Platform] = {}
for _platform in PLATFORMS:
    for _alias in _platform.aliases:
        _BY_ALIAS.setdefault(_alias.casefold(), _platform)


def _alternation(platforms: tuple[Platform, ...]) -> str:
    aliases = sorted({a for p in platforms for a in p.aliases}, key=lambda a: (-len(a), a))
    # Case matters for names that are words ("Fox" the network, not "fox"): the aliases are
    # matched as written; "FOX" and "Fox" are both listed where both occur.
    return "|".join(re.escape(a) + (r"(?![\w+])" if a[-1].isalnum() else "") for a in aliases)


#: Any platform name, for strong cues ("premiered on P", "a P original").
PLATFORM_PATTERN = r"(?:the\s+)?(?P<p>" + _alternation(PLATFORMS) + r")"
#: Platform names that are never ordinary words, for weak cues ("a P drama", "P's X").
SAFE_PLATFORM_PATTERN = r"(?P<p>" + _alternation(tuple(p for p in PLATFORMS if not p.risky)) + r")"


def article_platform(written: str) -> Platform | None:
    """The platform an article's name for it means ("Amazon" -> Prime Video)."""
    return _BY_ALIAS.get(" ".join(written.split()).casefold())


_PREFIXES = sorted(
    ((a.casefold(), p.family) for p in PLATFORMS for a in p.aliases if len(a) >= 3),
    key=lambda af: -len(af[0]),
)


@lru_cache(maxsize=4096)
def platform_family(name: str) -> str:
    """The family of a platform name, from an article or the catalog ("BBC One" -> "bbc",
    "HBO Latin America" -> "hbo")."""
    known = article_platform(name)
    if known is not None:
        return known.family
    key = " ".join(name.casefold().split())
    for alias, family in _PREFIXES:
        if key.startswith(alias) and (len(key) == len(alias) or not key[len(alias)].isalnum()):
            return family
    return key


@lru_cache(maxsize=4096)
def known_family(name: str) -> str | None:
    """The family of a name that is a platform's, None for any other name."""
    key = " ".join(name.casefold().split())
    family = platform_family(name)
    if article_platform(name) is not None or family != key:
        return family
    return None


def related_families(a: str, b: str) -> bool:
    """Same family, or sister families run by one group."""
    return a == b or any(a in group and b in group for group in _RELATED)


# -- the renewal files' names, and the platform's type ------------------------------------------


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
_RENEWAL_ALIASES: dict[str, str] = {
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
        "CBS All Access",
        "Crunchyroll",
        "Funimation",
        "Shahid",
        "Viki",
        "iQiyi",
        "iQIYI",
        "Tencent Video",
        "Youku",
        "Stan",
        "Tubi",
        "The Roku Channel",
        "Amazon Freevee",
    }
)

#: The year each channel began (for a streaming service: began making its own shows). A
#: channel cannot be where a show premiered before it existed: TVmaze lists Gilmore Girls
#: (2000) under The CW, which began in 2006; it premiered on The WB.
CHANNEL_START: dict[str, int] = {
    NETFLIX: 2012,
    HULU: 2011,
    PRIME_VIDEO: 2013,
    DISNEY_PLUS: 2019,
    APPLE_TV_PLUS: 2019,
    HBO_MAX: 2020,
    "Peacock": 2020,
    "Paramount+": 2021,
    "CBS All Access": 2014,
    "YouTube Premium": 2016,
    "Quibi": 2020,
    "The CW": 2006,
    "The WB": 1995,
    "UPN": 1995,
    "FOX": 1986,
    "Freeform": 2016,
    "ABC Family": 1998,
    "Syfy": 2009,
    "Crunchyroll": 2006,
}


def channel_kind(name: str) -> Literal["network", "streaming"]:
    """Whether a channel a source names as a "network" is a streaming service."""
    return "streaming" if platform_name(name) in STREAMING else "network"


def catalog_platform(name: str | None, *, scorecard: bool = False) -> str | None:
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
    if key in _RENEWAL_ALIASES:
        return _RENEWAL_ALIASES[key]
    named = platform_name(text)
    if named is None:
        return None
    return _RENEWAL_ALIASES.get(title_key(named), named)


def platform_type(name: str | None, kind: str | None = None) -> PlatformType | None:
    """Broadcast, cable or streaming. ``kind`` is the catalog's "network" | "streaming"."""
    if name in STREAMING or kind == "streaming":
        return "streaming"
    if name in BROADCAST:
        return "broadcast"
    if name is None and kind is None:
        return None
    return "cable"
