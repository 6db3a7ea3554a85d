"""Platform names as articles write them, and the families that tell a match from a clash.

An article says "an HBO series" where the catalog says "HBO Max", "Amazon" where it says
"Prime Video", "the BBC" where it says "BBC One": each name folds to a *family*. Families
owned by one group (HBO and Cinemax, Hulu and FX...) are *related*: a claim naming a related
family is never called a contradiction, because shows move between sister channels and
articles name either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "PLATFORM_PATTERN",
    "SAFE_PLATFORM_PATTERN",
    "Platform",
    "canonical_platform",
    "known_family",
    "platform_family",
    "related_families",
]


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


def canonical_platform(written: str) -> Platform | None:
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
    known = canonical_platform(name)
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
    if canonical_platform(name) is not None or family != key:
        return family
    return None


def related_families(a: str, b: str) -> bool:
    """Same family, or sister families run by one group."""
    return a == b or any(a in group and b in group for group in _RELATED)
