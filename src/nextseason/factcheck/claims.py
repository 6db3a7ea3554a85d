"""Claims the catalog can check, found by rules over each sentence.

Each relation has a few patterns, one per way articles phrase it. A pattern yields a
:class:`Claim` draft: the relation, the claimed value, the character span of the phrase that
states it, and whether the sentence hedges it ("reportedly", "could", "is expected to"): a
hedged claim is never called a contradiction. Questions ("Will Bridgerton return?") state
nothing and yield no claim; a negated phrase ("is not a Netflix original") yields none
either, except for status, where "has not been renewed" is itself a claim.

=============== =========================================================================
relation        phrasings (P = a platform name or alias, N = a number in digits or words)
=============== =========================================================================
platform        "a P original", "P Original series", "original series from P" (original);
                "premiered / debuted / launched / first aired / originally aired on P"
                (original); "aired / airs / was released / arrived / dropped / returned
                on P", "a [French] P drama / series / comedy / miniseries / adaptation",
                "P's Dark", "P renewed / cancelled Dark", list items "Dark (P, 2017)",
                "Dark — P" (associated); "streams / streaming / available on P",
                "watch Dark on P" (streams)
seasons         "has / ran for / spanned / lasted / over N seasons", "an N-season run",
                "N seasons so far / in total", "season N premiered" (at least N)
episodes        "has / consists of / comprises / all N episodes", "an N-episode first
                season / series / miniseries"; the season comes from the clause
                ("the first season", "season 2", "Hilda's second season")
premiere        "premiered / debuted / first aired / was released / arrived ... on|in
                DATE", "running since DATE", "premiere date: DATE", "the 2016 series",
                "Dark (2017)"; DATE is a day, a month or a year; a season in the clause
                makes it that season's premiere
status          renewed: "renewed / picked up / greenlit for a third season / season 3",
                "has been renewed", "will return for a fourth season", "season 3 is
                confirmed"; cancelled: "was cancelled / axed (after N seasons / its first
                season)", "P cancelled Dark after one season", "won't return", "was not
                renewed"; ended: "has ended / concluded / wrapped up", "ended after N
                seasons", "its fifth and final season", "season 5 is the last";
                undecided: "has not (yet) been renewed", "yet to be renewed", "no official
                announcement / word", "its future remains uncertain"
cast            "A as C", "A stars / returns as C", "A plays / portrays / voices C",
                "C is played / portrayed by A", "starring A, B and C", "cast includes A"
creator         "created by A (and B)", "creator A", "A created the show", "the Duffer
                Brothers"
showrunner      "showrunner A", "A serves as / took over as showrunner"
developer       "developed (for television) by A"
director        "directed by A", "director A"
writer          "written by A"
source_material "based on / adapted from / an adaptation of the novel(s) / books / comic /
                manga ... by A", "based on A's novels"
=============== =========================================================================

Which show a claim is about is decided by :func:`assign_shows`: a show the phrase itself
names ("Netflix's *Dark*"), else the show named before the phrase in the sentence, else the
show the paragraph is about (or the article's main show) for sentences that refer back to it
("It premiered in 2016", "The show was renewed"). When the sentence names several shows the
choice is marked uncertain, and an uncertain claim is never called a contradiction.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal, get_args

from nextseason.factcheck.mentions import Mention, ShowLink
from nextseason.factcheck.numbers import (
    DATE,
    MONTH_NUMBERS,
    NUMBER,
    ORDINAL,
    ClaimedDate,
    parse_date,
    parse_number,
    parse_ordinal,
)
from nextseason.factcheck.roles import personlike
from nextseason.factcheck.segment import Sentence
from nextseason.factcheck.weekdays import YEARLESS, Calendar
from nextseason.platforms import (
    PLATFORM_PATTERN,
    SAFE_PLATFORM_PATTERN,
    Platform,
)
from nextseason.platforms import article_platform as canonical_platform

__all__ = ["RELATIONS", "Claim", "Context", "Relation", "assign_shows", "extract_claims"]

Relation = Literal[
    "platform",
    "seasons",
    "episodes",
    "premiere",
    "status",
    "cast",
    "creator",
    "showrunner",
    "developer",
    "director",
    "writer",
    "source_material",
]
RELATIONS: tuple[Relation, ...] = get_args(Relation)
#: "original": made for it ("a Hulu original", "premiered on"); "assoc": tied to it ("an HBO
#: drama", "Netflix's Dark"); "streams": can be watched there now.
PlatformStrength = Literal["original", "assoc", "streams"]
Status = Literal["renewed", "cancelled", "ended", "undecided"]


@dataclass
class Claim:
    relation: Relation
    start: int  # plain-text span of the phrase stating the claim
    end: int
    sentence: Sentence
    claimed: str  # the claimed value in words
    hedged: bool = False
    platform: Platform | None = None
    strength: PlatformStrength = "assoc"
    number: int | None = None
    at_least: bool = False  # "season 3 premiered": at least three seasons
    season: int | None = None
    date: ClaimedDate | None = None
    status: Status | None = None
    person: str | None = None
    character: str | None = None
    bound: Mention | None = None  # the show the phrase itself names
    show: ShowLink | None = None
    show_certain: bool = False
    show_reason: str = ""
    extra: dict[str, str] = field(default_factory=dict)


# --- building blocks ------------------------------------------------------------------------

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĽŁŃŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_CAPWORD = rf"[{_UP}][\w'’-]*\.?"
_PARTICLE = r"(?:de|da|van|von|der|del|di|le|la|du|bin|al|dos|das|ter)"
#: A person's name: two to four capitalised words ("Millie Bobby Brown", "Regé-Jean Page").
NAME = rf"{_CAPWORD}(?:\s+(?:{_PARTICLE}\s+)?{_CAPWORD}){{1,3}}"
#: A character: capitalised words, perhaps "the Duke of Hastings", "Catherine the Great".
CHAR = (
    rf"(?:the\s+)?{_CAPWORD}(?:\s+(?:of\s+(?:the\s+)?|de\s+|von\s+|le\s+|the\s+)?{_CAPWORD}){{0,3}}"
)
#: People joined by commas and "and": "Matt and Ross Duffer", "the Duffer Brothers".
PEOPLE = (
    rf"(?:the\s+{_CAPWORD}\s+(?:[Bb]rothers|[Ss]isters|[Ss]iblings)"
    rf"|{_CAPWORD}(?:\s+(?:{_PARTICLE}\s+)?{_CAPWORD}){{0,3}}"
    rf"(?:\s*,\s*{_CAPWORD}(?:\s+{_CAPWORD}){{0,3}})*"
    rf"(?:\s*,?\s+(?:and|&)\s+{_CAPWORD}(?:\s+(?:{_PARTICLE}\s+)?{_CAPWORD}){{0,3}})?)"
)
_HEDGE = re.compile(
    r"\b(?:reportedly|rumou?r(?:s|ed)?|could|might|may(?!\s+\d)|would|expected|likely|"
    r"possibly|probably|allegedly|speculat\w*|hopes?|hopefully|unconfirmed|if|whether|"
    r"perhaps|appears\s+to|seems?\s+to|supposedly|according\s+to\s+(?:rumou?rs|insiders))\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|never|no\s+longer|neither|nor)\b|n['’]t\b", re.IGNORECASE)
#: Where a clause ends; a colon only before lower case ("Selena: The Series" is a title).
_CLAUSE_BREAK = re.compile(
    r"[;—–()]|:(?=\s*[a-z0-9])|,\s+(?:but|and|while|though|although|whereas|as\s+well\s+as)\b"
    r"|\.\s"
)
_SEASON_REF = re.compile(
    rf"\bseason\s+(?P<n>{NUMBER})\b|\b(?P<o>{ORDINAL})\s+seasons?\b|\bS(?P<s>\d{{1,2}})\b",
    re.IGNORECASE,
)
_CREDIT_PARTS = re.compile(r"\s*(?:,|\band\b|&)\s*")


def _re(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _clause_start(text: str, at: int) -> int:
    start = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, at):
        start = m.end()
    return start


def _hedged(text: str, at: int) -> bool:
    return bool(_HEDGE.search(text, _clause_start(text, at), at))


def _negated(text: str, at: int, window: int = 30) -> bool:
    begin = max(_clause_start(text, at), at - window)
    return bool(_NEGATION.search(text, begin, at))


_AFTER_PREPOSITION = re.compile(
    r"\b(?:of|than|since|after|before|from|like|unlike|to|until|following)\s+(?:the|its|their)?"
    r"\s*$",
    re.IGNORECASE,
)


def _season_near(text: str, start: int, end: int) -> int | None:
    """The season a phrase is about: a season named in its clause, nearest first."""
    lo = _clause_start(text, start)
    hi = len(text)
    brk = _CLAUSE_BREAK.search(text, end)
    if brk:
        hi = brk.start()
    best: tuple[bool, int, int] | None = None
    for m in _SEASON_REF.finditer(text, lo, hi):
        if m.group("n"):
            number = parse_number(m.group("n"))
        elif m.group("o"):
            number = parse_ordinal(m.group("o"))
        else:
            number = int(m.group("s"))
        if number is None:
            continue
        # "The second season ... takes place after the events of the first season": a
        # season after a preposition is a point of reference, not what the clause is about.
        aside = bool(_AFTER_PREPOSITION.search(text, max(lo, m.start() - 30), m.start()))
        distance = min(abs(m.start() - end), abs(m.end() - start))
        if best is None or (aside, distance) < best[:2]:
            best = (aside, distance, number)
    return best[2] if best else None


def _split_people(text: str) -> list[str]:
    """ "Matt and Ross Duffer" -> both; "the Duffer Brothers" stays one name."""
    text = " ".join(text.split())
    if re.match(r"the\s", text, re.IGNORECASE):
        return [text[4:]]
    parts = [p.strip(" .") for p in _CREDIT_PARTS.split(text) if p.strip(" .")]
    out: list[str] = []
    for i, part in enumerate(parts):
        if " " not in part and i + 1 < len(parts) and " " in parts[i + 1]:
            part = f"{part} {parts[i + 1].split()[-1]}"  # "Matt" + "Ross Duffer"
        out.append(part)
    return out


# --- the rules ------------------------------------------------------------------------------

_PLAT = PLATFORM_PATTERN
_SAFE = SAFE_PLATFORM_PATTERN
_KINDS = (
    r"(?:series|show|drama|comedy|sitcom|thriller|docuseries|miniseries|anime|adaptation|hit|"
    r"production|original|dramedy|procedural|mystery|reality\s+series|limited\s+series)"
)
PLATFORM_RULES: tuple[tuple[re.Pattern[str], PlatformStrength], ...] = (
    (_re(rf"\b(?:an?|the|this|its)\s+{_PLAT}\s+original\b", 0), "original"),
    (_re(rf"\b{_PLAT}\s+[Oo]riginals?\s+{_KINDS}", 0), "original"),
    (
        _re(rf"\boriginal\s+(?:series|programming|production)\s+(?:from|for)\s+{_PLAT}", 0),
        "original",
    ),
    (
        _re(
            r"\b(?:premiered|premieres|debuted|debuts|launched|bowed|first\s+aired|"
            r"originally\s+(?:aired|premiered|streamed|ran)|first\s+streamed|began\s+airing|"
            rf"started\s+airing)\s+(?:(?:in\s+\d{{4}}|exclusively|back\s+in\s+\d{{4}})\s+)?"
            rf"on\s+{_PLAT}",
            0,
        ),
        "original",
    ),
    (
        _re(
            r"\b(?:airs|aired|is\s+airing|was\s+broadcast|broadcasts|ran|runs|released|"
            r"was\s+released|arrived|arrives|landed|lands|dropped|drops|returns|returned|"
            rf"came\s+back|is\s+back)\s+(?:(?:exclusively|globally|worldwide)\s+)?on\s+{_PLAT}",
            0,
        ),
        "assoc",
    ),
    (
        _re(
            r"\b(?:streams|streaming|is\s+available|available\s+to\s+stream|available|"
            rf"watch\s+it|can\s+be\s+watched|find\s+it)\s+(?:(?:now|exclusively)\s+)?on\s+{_PLAT}",
            0,
        ),
        "streams",
    ),
    (_re(rf"\b(?i:stream|watch|catch)\s+[^.;]{{1,60}}?\s+on\s+{_PLAT}", 0), "streams"),
    (
        # "a dark and gritty Prime Video series", "a heartwarming South Korean Netflix series"
        _re(
            rf"\b(?:an?|the|this|that|another|its)\s+(?:[\w-]+,?\s+(?:and\s+)?){{0,4}}?"
            rf"{_SAFE}\s+(?:[\w-]+\s+){{0,2}}?{_KINDS}\b",
            0,
        ),
        "assoc",
    ),
    (
        # "returns for a second season on Prime Video", "coming to Prime Video in September"
        _re(
            r"\b(?:return|returns|returning|coming|comes|will\s+premiere|premieres|arrives|"
            rf"heads)\b[^.;]{{0,40}}?\b(?:on|to)\s+{_PLAT}",
            0,
        ),
        "assoc",
    ),
    (
        # "cancelled by FOX", "renewed at CBS": the network that decided
        _re(
            r"\b(?:cancel+ed|renewed|axed|picked\s+up|ordered|greenlit)\b[^.;]{0,30}?"
            rf"\b(?:by|at)\s+{_PLAT}",
            0,
        ),
        "assoc",
    ),
)
_JOB_TITLE = re.compile(
    r"\b(?:president|head|chief|chair(?:man|woman)?|executive|vp|director|boss|officer)\s+"
    r"(?:of\s+)?$",
    re.IGNORECASE,
)
#: "Netflix's Bridgerton", "Netflix's hit series Bridgerton": checked against each mention.
_POSSESSIVE = _re(rf"{_SAFE}['’]s\s+(?:[\w-]+\s+){{0,3}}$", 0)
#: "Netflix has renewed Bridgerton": the platform acts on a show named after it.
_PLATFORM_ACTS = _re(
    rf"\b{_SAFE}\s+(?:has\s+|have\s+|had\s+|officially\s+|quietly\s+)*"
    r"(?:renewed|renews|cancel+ed|cancels|axed|axes|ordered|picked\s+up|greenlit|green-lit|"
    r"premiered)\b",
    0,
)
_LIST_PAREN = _re(r"\s*\((?P<inner>[^()]{1,60})\)")
_LIST_DASH = _re(rf"\s*(?:[–—:-]|,\s*on)\s*{_PLAT}", 0)

SEASON_RULES: tuple[tuple[re.Pattern[str], bool], ...] = (
    (
        _re(
            r"\b(?:has|had|have|with|spans?|spanned|spanning|ran\s+for|runs?\s+for|lasted|"
            r"lasting|across|over|comprising|totals?|totall?ing|of)\s+"
            r"(?:(?:a\s+total\s+of|just|only|exactly|all|its|the)\s+)?"
            rf"(?P<n>{NUMBER})\s+(?:full\s+|complete\s+)?seasons?\b"
        ),
        False,
    ),
    (_re(rf"\b(?P<n>{NUMBER})[- ]seasons?[- ](?:run|series|show|drama|saga|long)\b"), False),
    (_re(rf"\b(?P<n>{NUMBER})\s+seasons\s+(?:so\s+far|to\s+date|in\s+total|in\s+all)\b"), False),
    (
        _re(
            rf"\bseason\s+(?P<n>{NUMBER})(?:\s+of\s+[^.;]{{1,60}}?)?\s+(?:premiered|debuted|"
            r"aired|was\s+released|dropped|"
            r"arrived|came\s+out|landed)\b"
        ),
        True,
    ),
    (
        _re(
            rf"\b(?:the|its)\s+(?P<o>{ORDINAL})\s+season\s+(?:premiered|debuted|aired|"
            r"was\s+released|dropped|arrived|came\s+out|landed)\b"
        ),
        True,
    ),
)

EPISODE_RULES: tuple[re.Pattern[str], ...] = (
    _re(
        r"\b(?:has|had|have|with|of|spans?|comprises|comprising|consists\s+of|"
        r"consisting\s+of|contains|features|includes|totals?|all|its|just|only)\s+"
        r"(?:(?:a\s+total\s+of|just|only|exactly|all)\s+)?"
        rf"(?P<n>{NUMBER})\s+(?:(?:new|hour-long|half-hour|[\w-]+-minute)\s+)?episodes\b"
    ),
    _re(
        rf"\b(?P<n>{NUMBER})-episode\s+(?:(?:first|second|third|fourth|fifth|sixth|seventh|"
        r"eighth|ninth|tenth|debut|final|latest|new|freshman|sophomore)\s+)?"
        r"(?:season|series|run|miniseries|limited\s+series|order|installment|show|drama|part)\b"
    ),
)
_PARTIAL = _re(r"\b(?:first|last|final|opening|remaining|next|other|initial)\s+$")

_PREMIERE_VERB = (
    r"(?P<verb>premiered|premieres|premiering|debuted|debuts|debuting|first\s+aired|"
    r"originally\s+aired|launched|launches|bowed|was\s+released|released|arrived|arrives|"
    r"dropped|drops|landed|lands|returned|returns|began|begins|kicks?\s+off|kicked\s+off|"
    r"will\s+(?:premiere|debut|return|arrive|drop|launch|begin|air|be\s+released)|"
    r"(?:is|are)\s+(?:set|scheduled|slated)\s+to\s+(?:premiere|debut|return|arrive|drop|"
    r"launch|begin|air|be\s+released)|came\s+out|began\s+airing|started\s+airing|"
    r"first\s+streamed|hit\s+(?:screens|Netflix|streaming))"
)
#: A date as articles write it, with or without its year ("July 17" takes the article's).
_ANY_DATE = rf"(?:{DATE}|(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?{YEARLESS})"
PREMIERE_RULES: tuple[re.Pattern[str], ...] = (
    _re(rf"\b{_PREMIERE_VERB}\b(?P<mid>[^.;]{{0,50}}?)\b(?:on|in)\s+(?P<date>{_ANY_DATE})"),
    _re(
        rf"\b{_PREMIERE_VERB}\s+(?:(?:this|next|on)\s+)?(?P<date>"
        r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)"
        rf"(?:{DATE}|{YEARLESS}))"
    ),
    _re(rf"\b(?:running|airing|on\s+the\s+air|streaming)\s+since\s+(?P<date>{DATE})"),
    _re(
        r"\b(?:premiere|release)\s+date\s*(?:is|was|:|of)?\s*(?:set\s+for\s+)?"
        rf"(?P<date>{_ANY_DATE})"
    ),
)
#: "No premiere date has been set", "no date has been announced for the premiere of season
#: 4": a claim that the season is still undated.
_NO_DATE = _re(
    r"\bno\s+(?:official\s+)?(?:premiere\s+|release\s+|air\s+)?date\s+(?:has\s+been|is|was)\s+"
    r"(?:currently\s+|yet\s+)?(?:set|announced|confirmed|revealed|given)\b"
    r"(?:\s+for\s+the\s+(?:premiere|release)\s+of)?"
    r"|\b(?:premiere|release)\s+date\s+(?:is\s+|has\s+)?(?:yet\s+to\s+be|not\s+yet\s+been?)\s+"
    r"(?:set|announced|confirmed|revealed)\b"
)
#: "Seasons 1 and 2 came out in October 2020 and December 2021": each date its season.
_RESPECTIVE = _re(
    rf"\bseasons\s+(?P<a>{NUMBER})\s+and\s+(?P<b>{NUMBER})\b[^.;]{{0,60}}?\b(?:on|in)\s+"
    rf"(?P<d1>{_ANY_DATE}),?\s+and\s+(?:on\s+|in\s+)?(?P<d2>{_ANY_DATE})"
)
#: Words that make a date an episode's or a finale's, not a season's premiere.
_EPISODE_DATE = re.compile(
    r"\b(?:episodes?\s+\d+|(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"final|last|next|latest|new|\d+(?:st|nd|rd|th))\s+episode|(?<!-)finale|"
    r"chapter\s+\d+|instal+ment|second\s+half|part\s+(?:two|2)|volume\s+(?:two|2)|"
    r"midseason|mid-season|winter\s+premiere)\b",
    re.IGNORECASE,
)
#: Words that make a date something else than a release: "production began in March".
_NOT_RELEASE = re.compile(
    r"\b(?:production|filming|shooting|filmed|shot|casting|writing|writers|table\s+read|"
    r"trailer|teaser|photos?|images?|first\s+look|tickets|panel|upfronts?|announcement)\b",
    re.IGNORECASE,
)
#: "the season", "the new season", "season two" without its number: the season the
#: paragraph is about.
_UNNUMBERED_SEASON = re.compile(
    r"\b(?:the|its|this|new|next|upcoming|latest|coming|final|last)\s+(?:new\s+)?season\b",
    re.IGNORECASE,
)
_YEAR_ADJ = _re(
    r"\b(?:the|a|an|this|its)\s+(?P<date>(?:19[3-9]\d|20[0-4]\d))\s+(?:[\w-]+\s+){0,2}?"
    r"(?:series|show|drama|comedy|sitcom|thriller|miniseries|anime|original|hit)\b",
    0,
)
_YEAR_PAREN = _re(
    r"\s*\((?:[^()]*?[,;]\s*)?(?P<date>19[3-9]\d|20[0-4]\d)(?:\s*[-–]\s*(?:\d{4}|present))?"
    r"(?:\s*[,;][^()]*)?\)",
    0,
)
_RETURN_VERB = re.compile(r"return|came\s+back|back", re.IGNORECASE)

STATUS_RULES: tuple[tuple[re.Pattern[str], Status], ...] = (
    (
        _re(
            r"\b(?:renewed|picked\s+up|greenlit|green-lit|green-lighted|ordered|"
            r"given\s+the\s+green\s+light)\b(?:[^.;]{0,40}?)\bfor\s+(?:(?:an?|its|the)\s+)?"
            rf"(?:(?P<o>{ORDINAL})\s+(?:and\s+final\s+)?(?:season|installment|series)|"
            rf"season\s+(?P<n>{NUMBER}))"
        ),
        "renewed",
    ),
    (
        _re(
            r"\b(?:has|have|had|was|were|been|got|gets|is)\s+(?:officially\s+|already\s+)*"
            r"(?:been\s+)?renewed\b"
        ),
        "renewed",
    ),
    (
        _re(
            r"\b(?:will|is\s+going\s+to)\s+(?:officially\s+)?(?:return|be\s+back|come\s+back)"
            rf"\s+for\s+(?:an?|its|the)\s+(?P<o>{ORDINAL})\s+season"
        ),
        "renewed",
    ),
    (
        _re(
            rf"\b(?:season\s+(?P<n>{NUMBER})|(?:an?|the)\s+(?P<o>{ORDINAL})\s+season)\s+"
            r"(?:is|has\s+been|was)\s+(?:officially\s+)?(?:confirmed|happening|on\s+the\s+way|"
            r"coming|greenlit|in\s+the\s+works|in\s+production)"
        ),
        "renewed",
    ),
    (
        _re(
            r"\b(?:has\s+not|hasn['’]t|have\s+not|haven['’]t|had\s+not|is\s+not|isn['’]t)\s+"
            r"(?:yet\s+|officially\s+|been\s+)*(?:renewed|cancel+ed|picked\s+up)\b"
            r"(?:\s+or\s+cancel+ed)?"
        ),
        "undecided",
    ),
    (
        _re(
            r"\b(?:has|have|is)\s+(?:yet\s+to\s+be|not\s+yet\s+been)\s+(?:officially\s+)?"
            r"(?:renewed|cancel+ed|confirmed)\b|\byet\s+to\s+(?:renew|confirm|announce|decide)\b"
        ),
        "undecided",
    ),
    (
        _re(
            r"\bno\s+(?:official\s+)?(?:announcement|word|news|confirmation|decision)\b"
            r"(?:\s+(?:yet|has\s+been\s+made))?"
        ),
        "undecided",
    ),
    (
        _re(
            r"\b(?:future|fate)\s+(?:is|remains)\s+(?:still\s+)?(?:uncertain|unknown|unclear|"
            r"undecided|up\s+in\s+the\s+air)|\b(?:has\s+not|hasn['’]t)\s+(?:yet\s+)?"
            r"(?:announced|confirmed|decided)\b"
        ),
        "undecided",
    ),
    (
        _re(
            r"\b(?:was|has\s+been|had\s+been|got|were|been|is|being)\s+"
            r"(?:officially\s+|quietly\s+|abruptly\s+)*(?:cancel+ed|axed|scrapped)\b"
            r"(?:[^.;]{0,25}?\b(?:after|following)\s+(?:just\s+|only\s+)?"
            rf"(?:(?P<n>{NUMBER})\s+seasons?|(?:its|a|one)\s+(?P<o>{ORDINAL}|single)\s+season))?"
        ),
        "cancelled",
    ),
    (
        _re(
            r"\b(?:cancel+ed|axed)\b[^.;]{0,60}?\b(?:after|following)\s+(?:just\s+|only\s+)?"
            rf"(?:(?P<n>{NUMBER})\s+seasons?|(?:its|a|one)\s+(?P<o>{ORDINAL}|single)\s+season)"
        ),
        "cancelled",
    ),
    (
        _re(
            r"\b(?:won['’]t|will\s+not|isn['’]t\s+going\s+to|is\s+not\s+going\s+to)\s+"
            r"(?:be\s+)?(?:return(?:ing)?|come\s+back|be\s+back|renewed)\b|"
            r"\b(?:was\s+not|wasn['’]t)\s+renewed\b|\b(?:is\s+not|isn['’]t)\s+coming\s+back\b"
        ),
        "cancelled",
    ),
    (
        _re(rf"\b{_SAFE}\s+(?:has\s+)?(?:officially\s+)?(?:cancel+ed|cancels|axed|axes)\b", 0),
        "cancelled",
    ),
    (
        _re(
            rf"\b{_SAFE}\s+(?:has\s+)?(?:officially\s+)?(?:renewed|renews)\s+"
            r"(?:the\s+(?:series|show|drama|comedy|sitcom)|it)\b",
            0,
        ),
        "renewed",
    ),
    (
        _re(
            r"\b(?:its|the)\s+(?:cancell?ation)\s+(?:was|has\s+been)\s+(?:officially\s+)?announced"
        ),
        "cancelled",
    ),
    (
        _re(r"\b(?:its|the)\s+renewal\s+(?:was|has\s+been)\s+(?:officially\s+)?announced"),
        "renewed",
    ),
    (
        _re(
            r"\b(?:has|had|have)\s+(?:officially\s+|already\s+)?(?:ended|concluded|"
            r"wrapped(?:\s+up)?(?:\s+its\s+run)?|come\s+to\s+an\s+end)\b|"
            r"\b(?:ended|concluded|wrapped\s+up)\s+(?:its\s+run\s+)?(?:in\s+\d{4}\s+)?"
            rf"(?:after|with)\s+(?:(?P<n>{NUMBER})\s+seasons?|(?:its|the|a|one)\s+"
            rf"(?P<o>{ORDINAL}|single)\s+season)|\bcame\s+to\s+an\s+end\b|"
            r"\b(?:the\s+)?series\s+(?:ended|concluded)\b|"
            r"\b(?:ended|concluded)\s+(?:its\s+run\s+)?in\s+\d{4}"
        ),
        "ended",
    ),
    (
        _re(
            rf"\b(?:its|the)\s+(?P<o>{ORDINAL})\s*[(,]?\s*and\s+"
            r"(?:(?:likely|maybe|possibly|perhaps|probably|presumably)\s+)?(?:final|last)"
            r"\s*[),]?\s+season|"
            rf"\bseason\s+(?P<n>{NUMBER})\s+(?:is|was|will\s+be)\s+(?:the|its)\s+(?:last|final)\b|"
            r"\b(?:its|the)\s+(?:final|last)\s+season\b"
        ),
        "ended",
    ),
)

CAST_RULES: tuple[re.Pattern[str], ...] = (
    _re(
        rf"(?P<actor>{NAME})\s+(?:(?:stars|starred|starring|co-stars|returns|returned|appears|"
        r"appeared|is\s+cast|was\s+cast|shines|reprises\s+(?:her|his|their)\s+role)\s+)?"
        rf"as\s+(?P<char>{CHAR})",
        0,
    ),
    _re(
        rf"(?P<actor>{NAME})\s+(?:plays|played|portrays|portrayed|voices|voiced|is\s+playing)\s+"
        rf"(?P<char>{CHAR})",
        0,
    ),
    _re(
        rf"(?P<char>{CHAR})\s+(?:is|was|will\s+be)\s+(?:played|portrayed|voiced)\s+by\s+"
        rf"(?P<actor>{NAME})",
        0,
    ),
)
#: "Homelander (Antony Starr)", "Álvaro Morte (El Profesor)", "Jack Quaid (AKA Hughie)".
_PAREN_ROLE = _re(
    rf"(?P<outer>{CHAR})\s*\((?P<aka>(?i:aka|a\.k\.a\.)\s+)?(?P<inner>{CHAR})\)",
    0,
)
_CAST_LIST = rf"{NAME}(?:\s*,\s*{NAME})*(?:\s*,?\s+(?:and|y|e|und)\s+{NAME})?"
_STARRING = _re(
    r"\b(?:starring|stars|starred|co-stars|co-starring|featuring|headlined\s+by|led\s+by|"
    r"joined\s+by|cast\s+(?:also\s+)?(?:includes|included|members\s+include)|"
    r"(?:newcomers|new\s+cast\s+members|additions|returning\s+cast)\s+(?:[\w\s]{0,20}?)?"
    r"(?:include|includes|are)|the\s+return\s+of(?:\s+actors|\s+stars)?)\s+"
    rf"(?P<list>{_CAST_LIST})",
    0,
)
#: "Angela Bassett, Peter Krause and Ryan Guzman star", "... all return for season 3".
_CAST_BEFORE = _re(
    rf"(?P<list>{_CAST_LIST})\s+(?:all\s+|also\s+)?(?:star|co-star|return|reprise|"
    r"are\s+(?:all\s+)?(?:back|returning|set\s+to\s+return)|will\s+(?:all\s+)?"
    r"(?:return|be\s+back))\b",
    0,
)

CREW_RULES: tuple[tuple[re.Pattern[str], Relation], ...] = (
    (
        _re(rf"\b(?:created|co-created|conceived)\s+(?:for\s+\w+\s+)?by\s+(?P<list>{PEOPLE})", 0),
        "creator",
    ),
    (_re(rf"\b(?:[Cc]reators?|[Cc]o-creators?)\s+(?P<list>{PEOPLE})", 0), "creator"),
    (
        _re(rf"(?P<list>{NAME})\s+(?:created|co-created)\s+(?:the\s+(?:show|series)|it)\b", 0),
        "creator",
    ),
    (_re(rf"\b[Ss]howrunners?\s+(?:is\s+|was\s+)?(?P<list>{PEOPLE})", 0), "showrunner"),
    (
        _re(
            rf"(?P<list>{NAME})\s+(?:is|was|serves\s+as|served\s+as|remains|became|"
            r"took\s+over\s+as)\s+(?:the\s+)?(?:(?:series|show)['’]?s?\s+)?(?:new\s+)?showrunner",
            0,
        ),
        "showrunner",
    ),
    (
        _re(
            r"\bdeveloped\s+(?:for\s+(?:television|TV|the\s+screen|\w+)\s+)?by\s+"
            rf"(?P<list>{PEOPLE})",
            0,
        ),
        "developer",
    ),
    (_re(rf"\bdirected\s+by\s+(?P<list>{PEOPLE})", 0), "director"),
    (_re(rf"\b[Dd]irector\s+(?P<list>{NAME})", 0), "director"),
    (_re(rf"\bwritten\s+by\s+(?P<list>{PEOPLE})", 0), "writer"),
)
_WORKS = (
    r"(?:novels?|books?|book\s+series|novel\s+series|series\s+of\s+(?:novels|books)|comics?|"
    r"comic\s+books?|graphic\s+novels?|manga|webtoons?|memoirs?|short\s+stor(?:y|ies)|play|"
    r"video\s+games?|saga)"
)
SOURCE_RULES: tuple[re.Pattern[str], ...] = (
    _re(
        r"\b(?:based\s+on|adapted\s+from|an\s+adaptation\s+of|inspired\s+by)\s+"
        rf"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){{0,4}}?{_WORKS}\s+"
        r"(?:(?:of\s+the\s+same\s+name|series)\s+)?(?:by|from|written\s+by)\s+"
        rf"(?P<list>{PEOPLE})",
        0,
    ),
    _re(
        r"\b(?:based\s+on|adapted\s+from|an\s+adaptation\s+of|inspired\s+by)\s+(?:the\s+)?"
        rf"(?P<list>{NAME})['’]s?\s+(?:[\w-]+\s+){{0,3}}?{_WORKS}",
        0,
    ),
)


# --- extraction -----------------------------------------------------------------------------


def _overlaps_mention(start: int, end: int, mentions: list[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


_FUTURE = re.compile(
    r"\b(?:will|set|scheduled|slated|premieres|debuts|returns|arrives|drops|"
    r"lands|launches|begins|kicks|coming|airs)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:premiered|debuted|began|released|came|returned|dropped|landed|"
    r"arrived|launched|kicked|aired|bowed|started)\b",
    re.IGNORECASE,
)


@dataclass
class Context:
    """What a sentence's claims read from the rest of the article: the year of a date
    written without one, and the season the paragraph (or its heading) is about."""

    calendar: Calendar | None = None
    season_before: dict[int, int] = field(default_factory=dict)  # sentence index -> season

    def date(self, written: str, verb: str = "") -> ClaimedDate | None:
        """A date as written, with the year its article implies when it gives none: the
        next such day after a verb of the future, the last one after a past tense."""
        when = parse_date(written)
        if when is not None or self.calendar is None:
            return when
        found = re.fullmatch(rf"\s*{YEARLESS}\s*", written)
        if not found:
            return None
        words = re.sub(r"[,.]|st\b|nd\b|rd\b|th\b|\bof\b", " ", written).split()
        month = next(
            (
                MONTH_NUMBERS.get(w.casefold()[:4]) or MONTH_NUMBERS.get(w.casefold()[:3])
                for w in words
                if not w.isdigit()
            ),
            None,
        )
        day = next((int(w) for w in words if w.isdigit()), None)
        if month is None or day is None:
            return None
        after = True if _FUTURE.search(verb) else False if _PAST.search(verb) else None
        year = self.calendar.year_for(month, day, after)
        return ClaimedDate(year, month, day) if year is not None else None


def _season_context(sentences: list[Sentence]) -> dict[int, int]:
    """For each sentence, the season named last before it in its paragraph, else in the
    heading above: what "the season", "the new season" refer to."""
    out: dict[int, int] = {}
    heading_season: int | None = None
    block_season: int | None = None
    block_start = -1
    for sentence in sentences:
        block = sentence.block
        if block.start != block_start:
            block_start = block.start
            block_season = None
        current = block_season if block_season is not None else heading_season
        if current is not None and block.kind not in ("title", "heading"):
            out[sentence.index] = current
        named = _last_season(sentence.text)
        if named is not None:
            if block.kind in ("title", "heading"):
                heading_season = named
            else:
                block_season = named
    return out


def _last_season(text: str) -> int | None:
    found = None
    for m in _SEASON_REF.finditer(text):
        if m.group("n"):
            found = parse_number(m.group("n"))
        elif m.group("o"):
            found = parse_ordinal(m.group("o"))
        else:
            found = int(m.group("s"))
    return found


def extract_claims(
    sentences: list[Sentence],
    mentions: list[Mention],
    calendar: Calendar | None = None,
) -> list[Claim]:
    """Every claim the rules find, in article order (questions state nothing). With a
    ``calendar``, dates written without a year take the article's year, and a weekday that
    is not its date's becomes a claim of its own."""
    claims: list[Claim] = []
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence.index, []).append(mention)
    context = Context(calendar, _season_context(sentences))
    for sentence in sentences:
        if sentence.is_question:
            continue
        inside = by_sentence.get(sentence.index, [])
        for extractor in _EXTRACTORS:
            claims.extend(extractor(sentence, inside, context))
    claims = _dedupe(sorted(claims, key=lambda c: (c.start, c.end)))
    for claim in claims:
        _date_stated(claim, context)
    if calendar is not None:
        claims = _calendar_claims(sentences, claims, calendar)
    return claims


#: "As of April 2021, Netflix has yet to renew it": the sentence says when it speaks from.
_AS_OF = _re(rf"\b(?:as\s+of|as\s+at)\s+(?P<date>{_ANY_DATE})")


def _date_stated(claim: Claim, context: Context) -> None:
    """A claim after "As of <date>" in its sentence is checked as of that date (the end of
    the month or year when the date gives no day)."""
    text = claim.sentence.text
    m = _AS_OF.search(text, 0, claim.start - claim.sentence.start)
    if m is None:
        return
    when = context.date(m.group("date"))
    if when is None:
        return
    if when.month is None:
        day = date(when.year, 12, 31)
    elif when.day is None:
        day = date(when.year + when.month // 12, when.month % 12 + 1, 1) - timedelta(days=1)
    else:
        day = date(when.year, when.month, when.day)
    claim.extra["as_of"] = day.isoformat()


def _calendar_claims(
    sentences: list[Sentence], claims: list[Claim], calendar: Calendar
) -> list[Claim]:
    """A weekday that is not its date's: the premiere claim stating it carries the error,
    or a claim of its own (a schedule's "Saturday, Sept. 23" line)."""
    out = list(claims)
    starts = [x.start for x in sentences]
    for pair in calendar.pairs:
        wrong = calendar.wrong(pair)
        if wrong is None:
            continue
        stating = [c for c in out if c.relation == "premiere" and c.start <= pair.start < c.end]
        if stating:
            for claim in stating:
                claim.extra["calendar"] = wrong
            continue
        at = bisect_left(starts, pair.start + 1) - 1
        if at < 0:
            continue
        sentence = sentences[at]
        claim = _claim(
            sentence,
            "premiere",
            pair.start - sentence.start,
            pair.end - sentence.start,
            f"air date: {sentence.text[pair.start - sentence.start : pair.end - sentence.start]}",
        )
        claim.extra["calendar"] = wrong
        out.append(claim)
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _core(claim: Claim) -> tuple[object, ...]:
    """What a claim says, without how strongly: two rules finding it say it once."""
    return (
        claim.relation,
        claim.platform.family if claim.platform else None,
        claim.number,
        claim.season if claim.relation != "status" else None,
        str(claim.date) if claim.date else None,
        claim.status,
        claim.person,
    )


_STRENGTH = {"original": 0, "assoc": 1, "streams": 2}


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per statement: overlapping finds of the same thing keep the strongest."""
    ranked = sorted(
        claims, key=lambda c: (_STRENGTH.get(c.strength, 1), -(c.end - c.start), c.start)
    )
    kept_by_core: dict[tuple[object, ...], list[tuple[int, int]]] = {}
    kept: list[Claim] = []
    for claim in ranked:
        spans = kept_by_core.setdefault(_core(claim), [])  # sorted, never overlapping
        at = bisect_left(spans, (claim.start, claim.end))
        near = spans[max(0, at - 1) : at + 1]
        if any(start < claim.end and claim.start < end for start, end in near):
            continue
        spans.insert(at, (claim.start, claim.end))
        kept.append(claim)
    kept.sort(key=lambda c: (c.start, c.end))
    return kept


def _claim(
    sentence: Sentence, relation: Relation, start: int, end: int, claimed: str, **kw: object
) -> Claim:
    text = sentence.text
    while end > start and text[end - 1] in " ,.;:":
        end -= 1
    claim = Claim(relation, sentence.start + start, sentence.start + end, sentence, claimed)
    # "its third (and likely final) season": a hedge inside the phrase counts too.
    claim.hedged = _hedged(text, start) or bool(_HEDGE.search(text, start, end))
    for name, value in kw.items():
        setattr(claim, name, value)
    return claim


def _platform_claims(
    sentence: Sentence, inside: list[Mention], context: Context
) -> Iterator[Claim]:
    text = sentence.text
    for pattern, strength in PLATFORM_RULES:
        for m in pattern.finditer(text):
            platform = canonical_platform(m.group("p"))
            if platform is None or _negated(text, m.start()):
                continue
            if _JOB_TITLE.search(text, max(0, m.start() - 40), m.start()):
                continue  # "president of original programming for AMC": a person's job
            if strength == "assoc" and _overlaps_mention(
                sentence.start + m.start("p"), sentence.start + m.end("p"), inside
            ):
                continue
            label = {"original": "original", "assoc": "", "streams": "streaming"}[strength]
            claimed = f"{platform.name} ({label})" if label else platform.name
            yield _claim(
                sentence,
                "platform",
                m.start(),
                m.end(),
                claimed,
                platform=platform,
                strength=strength,
            )
    for mention in inside:
        before = text[: mention.start - sentence.start]
        poss = _POSSESSIVE.search(before)
        if poss:
            platform = canonical_platform(poss.group("p"))
            if platform is not None:
                yield _claim(
                    sentence,
                    "platform",
                    poss.start(),
                    mention.end - sentence.start,
                    platform.name,
                    platform=platform,
                    strength="assoc",
                    bound=mention,
                )
    for m in _PLATFORM_ACTS.finditer(text):
        # The show the platform acts on is its object: named right after the verb.
        after = [
            x
            for x in inside
            if 0 <= x.start - (sentence.start + m.end()) <= 30
            and not _CLAUSE_BREAK.search(text, m.end(), x.start - sentence.start)
        ]
        platform = canonical_platform(m.group("p"))
        if after and platform is not None and not _negated(text, m.start()):
            yield _claim(
                sentence,
                "platform",
                m.start("p"),
                m.end("p"),
                platform.name,
                platform=platform,
                strength="assoc",
                bound=after[0],
            )
    yield from _list_item_claims(sentence, inside)


def _list_item_claims(sentence: Sentence, inside: list[Mention]) -> Iterator[Claim]:
    """ "- Dark (Netflix, 2017)", "- Lupin — Netflix": platform and year of a listed show."""
    if sentence.block.kind != "item" or not inside or inside[0].start != sentence.block.start:
        return
    mention = inside[0]
    rest_at = mention.end - sentence.start
    text = sentence.text
    paren = _LIST_PAREN.match(text, rest_at)
    if paren:
        offset = paren.start("inner")
        for part in re.finditer(r"[^,;/]+", paren.group("inner")):
            word = part.group().strip()
            lead = len(part.group()) - len(part.group().lstrip())
            start = offset + part.start() + lead
            platform = canonical_platform(word)
            if platform is not None:
                yield _claim(
                    sentence,
                    "platform",
                    start,
                    start + len(word),
                    platform.name,
                    platform=platform,
                    strength="assoc",
                    bound=mention,
                )
            elif re.fullmatch(r"(?:19[3-9]\d|20[0-4]\d)(?:\s*[-–]\s*(?:\d{4}|present))?", word):
                when = parse_date(word[:4])
                yield _claim(
                    sentence,
                    "premiere",
                    start,
                    start + 4,
                    str(when),
                    date=when,
                    season=1,
                    bound=mention,
                )
    dash = _LIST_DASH.match(text, rest_at)
    if dash:
        platform = canonical_platform(dash.group("p"))
        if platform is not None:
            yield _claim(
                sentence,
                "platform",
                dash.start("p"),
                dash.end("p"),
                platform.name,
                platform=platform,
                strength="assoc",
                bound=mention,
            )


def _season_claims(sentence: Sentence, inside: list[Mention], context: Context) -> Iterator[Claim]:
    text = sentence.text
    for pattern, at_least in SEASON_RULES:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            number = (
                parse_number(groups["n"]) if groups.get("n") else parse_ordinal(groups["o"] or "")
            )
            if number is None or number > 60 or _negated(text, m.start()):
                continue
            if _PARTIAL.search(text[: m.start("n") if groups.get("n") else m.start()]):
                continue
            claimed = f"at least {number} seasons" if at_least else f"{number} seasons"
            claim = _claim(
                sentence,
                "seasons",
                m.start(),
                m.end(),
                claimed,
                number=number,
                at_least=at_least,
            )
            if not at_least:
                scope = _season_scope(text, m)
                if scope is not None:
                    claim.platform = scope
                    claim.extra["scope"] = "1"
                    claim.claimed += f" on {scope.name}"
            yield claim


#: The network a season count is scoped to: "ran for three seasons on NBC", "aired on The
#: WB for three seasons", "cancelled by FOX after six seasons".
_SEASONS_ON = _re(rf"\b(?:on|by|at)\s+{_PLAT}", 0)


def _season_scope(text: str, m: re.Match[str]) -> Platform | None:
    lo = _clause_start(text, m.start())
    brk = _CLAUSE_BREAK.search(text, m.end())
    hi = brk.start() if brk else len(text)
    near = [
        x
        for x in _SEASONS_ON.finditer(text, lo, hi)
        if (x.end() <= m.start() and m.start() - x.end() <= 40) or 0 <= x.start() - m.end() <= 12
    ]
    if not near:
        return None
    return canonical_platform(near[0].group("p"))


def _episode_claims(sentence: Sentence, inside: list[Mention], context: Context) -> Iterator[Claim]:
    text = sentence.text
    for pattern in EPISODE_RULES:
        for m in pattern.finditer(text):
            number = parse_number(m.group("n"))
            if number is None or number > 500 or _negated(text, m.start()):
                continue
            if _PARTIAL.search(text[: m.start("n")]):
                continue
            season = _season_near(text, m.start(), m.end())
            if season is None and re.search(r"\bfirst\s+season|debut|freshman", m.group(), re.I):
                season = 1
            where = f" in season {season}" if season else ""
            yield _claim(
                sentence,
                "episodes",
                m.start(),
                m.end(),
                f"{number} episodes{where}",
                number=number,
                season=season,
            )


def _premiere_claims(
    sentence: Sentence, inside: list[Mention], context: Context
) -> Iterator[Claim]:
    text = sentence.text
    taken: list[tuple[int, int]] = []
    for m in _RESPECTIVE.finditer(text):
        for number, group in ((m.group("a"), "d1"), (m.group("b"), "d2")):
            season = parse_number(number)
            when = context.date(m.group(group))
            if season is None or when is None:
                continue
            taken.append((m.start(group), m.end(group)))
            what = "premiere" if season == 1 else f"season {season} premiere"
            yield _claim(
                sentence,
                "premiere",
                m.start(group),
                m.end(group),
                f"{what}: {when}",
                date=when,
                season=season,
            )
    for m in _NO_DATE.finditer(text):
        season = _season_near(text, m.start(), m.end()) or context.season_before.get(sentence.index)
        if season is None:
            continue
        claim = _claim(
            sentence, "premiere", m.start(), m.end(), f"no season {season} date yet", season=season
        )
        claim.extra["no_date"] = "1"
        yield claim
    for pattern in PREMIERE_RULES:
        for m in pattern.finditer(text):
            if any(s <= m.start("date") < e for s, e in taken):
                continue
            when = context.date(m.group("date"), m.groupdict().get("verb") or "")
            if when is None or _negated(text, m.start()):
                continue
            season = _premiere_season(sentence, m, context)
            if season is None:
                continue
            what = "premiere" if season == 1 else f"season {season} premiere"
            yield _claim(
                sentence,
                "premiere",
                m.start(),
                m.end(),
                f"{what}: {when}",
                date=when,
                season=season,
            )
    for m in _YEAR_ADJ.finditer(text):
        when = parse_date(m.group("date"))
        if when is not None and not _SEASON_REF.search(text[max(0, m.start() - 20) : m.end()]):
            yield _claim(
                sentence,
                "premiere",
                m.start("date"),
                m.end("date"),
                f"premiere: {when}",
                date=when,
                season=1,
            )
    if sentence.block.kind != "item":
        for mention in inside:
            paren = _YEAR_PAREN.match(text, mention.end - sentence.start)
            if paren:
                when = parse_date(paren.group("date"))
                yield _claim(
                    sentence,
                    "premiere",
                    paren.start("date"),
                    paren.end("date"),
                    f"premiere: {when}",
                    date=when,
                    season=1,
                    bound=mention,
                )


def _premiere_season(sentence: Sentence, m: re.Match[str], context: Context) -> int | None:
    """The season a premiere date belongs to: one named in its clause; else the season the
    paragraph is about when the clause says "the season"; else the show's first, unless the
    clause speaks of an episode, a return or a season it does not number (then None)."""
    text = sentence.text
    season = _season_near(text, m.start(), m.end())
    if season is not None:
        return season
    lo = _clause_start(text, m.start())
    brk = _CLAUSE_BREAK.search(text, m.end())
    clause = text[lo : brk.start() if brk else len(text)]
    if _EPISODE_DATE.search(clause) or _NOT_RELEASE.search(clause):
        return None  # "the finale airs on May 6", "filming began in March": no premiere
    if _UNNUMBERED_SEASON.search(clause) or re.search(r"\bseason\b", clause, re.I):
        return context.season_before.get(sentence.index)
    verb = m.groupdict().get("verb") or ""
    if _RETURN_VERB.search(verb):
        return None  # "returns in 2025": which season is not said
    return 1


def _status_claims(sentence: Sentence, inside: list[Mention], context: Context) -> Iterator[Claim]:
    text = sentence.text
    for pattern, status in STATUS_RULES:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            season: int | None = None
            if groups.get("n"):
                season = parse_number(groups["n"])
            elif groups.get("o"):
                season = 1 if groups["o"].casefold() == "single" else parse_ordinal(groups["o"])
            if status in ("renewed", "ended") and _negated(text, m.start()):
                continue
            if status == "ended" and _PART_ENDED.search(text, max(0, m.start() - 30), m.start()):
                continue  # "after their seasons have concluded": a season's run, not the show
            if _INDIRECT.search(text[_clause_start(text, m.start()) : m.start()]):
                continue  # "which shows the network cancelled": asks, states nothing
            if m.group().casefold().startswith("no ") and not _ABOUT_FUTURE.search(text):
                continue  # "no official confirmation yet" of a casting, not of a renewal
            if (
                status == "cancelled"
                and "renew" not in m.group().casefold()
                and _negated(text, m.start(), 12)
                and not re.search(r"won|will\s+not|isn|is\s+not|wasn|was\s+not", m.group(), re.I)
            ):
                continue
            if season is None and status in ("renewed", "undecided"):
                season = _season_near(text, m.start(), m.end())
            claimed = _status_words(status, season, m.group())
            claim = _claim(
                sentence, "status", m.start(), m.end(), claimed, status=status, season=season
            )
            _scope_and_date(claim, text, m, context)
            if status == "cancelled" and season is not None:
                claim.extra["after"] = str(season)
            if status == "ended" and re.search(
                r"and\s+(?:final|last)|is\s+the|was\s+the", m.group(), re.I
            ):
                claim.extra["final_season"] = str(season) if season else ""
            if (
                status == "ended"
                and (groups.get("n") or groups.get("o"))
                and "final" not in (m.group().casefold())
            ):
                claim.extra["after"] = str(season)
            yield claim


#: Who decided, after a renewal or cancellation: "cancelled by FOX", "renewed at CBS".
_BY_PLATFORM = _re(rf"\b(?:by|at)\s+{_PLAT}", 0)
#: When, right after it: "renewed for a third season in April 2022", "axed in February".
_STATUS_WHEN = re.compile(
    rf"^\s*,?\s*(?:(?:by|at|on)\s+{PLATFORM_PATTERN}\s*,?\s*)?"
    rf"(?:(?:after|following)\s+(?:just\s+|only\s+)?{NUMBER}\s+seasons?\s+)?"
    rf"(?:(?:way\s+)?back\s+|earlier\s+|officially\s+)?(?:in|on)\s+(?P<date>{_ANY_DATE})"
)


def _scope_and_date(claim: Claim, text: str, m: re.Match[str], context: Context) -> None:
    """The network a status claim speaks of ("cancelled by FOX", "NBC cancelled X") and the
    date it gives the decision ("renewed in April 2022")."""
    lo = _clause_start(text, m.start())
    brk = _CLAUSE_BREAK.search(text, m.end())
    hi = brk.start() if brk else len(text)
    platform = None
    acting = m.groupdict().get("p")
    if acting:
        platform = canonical_platform(acting)
    else:
        for by in _BY_PLATFORM.finditer(text, lo, hi):
            platform = canonical_platform(by.group("p"))
            break
        before = re.search(rf"{_SAFE}\s+(?:has\s+|had\s+)?$", text[lo : m.start()])
        if platform is None and before:
            platform = canonical_platform(before.group("p"))
    if platform is not None:
        claim.platform = platform
        claim.extra["scope"] = "1"
    when = _STATUS_WHEN.match(text[m.end() : hi])
    if when is not None:
        day = context.date(when.group("date"))
        if day is not None:
            claim.date = day
            claim.claimed += f", announced {day}"


#: A season or an episode as the subject of "has ended": no claim about the show.
_PART_ENDED = re.compile(
    r"\b(?:seasons?|episodes?|run|runs|arc|storylines?)\s+(?:\w+\s+)?$", re.IGNORECASE
)
#: Words that make a clause a question about, not a statement of, a status.
_INDIRECT = re.compile(r"\b(?:which|what|whether|how\s+many)\b", re.IGNORECASE)
#: Words that make "no official word" about the show's future.
_ABOUT_FUTURE = re.compile(
    r"\b(?:renew\w*|cancel\w*|season|future|fate|return\w*|come\s+back|pick(?:ed)?\s+up)\b",
    re.IGNORECASE,
)


def _status_words(status: Status, season: int | None, phrase: str) -> str:
    if status == "renewed":
        return f"renewed for season {season}" if season else "renewed"
    if status == "cancelled":
        return f"cancelled after season {season}" if season else "cancelled"
    if status == "ended":
        return f"ended with season {season}" if season else "ended"
    return f"no decision yet on season {season}" if season else "no decision yet"


def _cast_claims(sentence: Sentence, inside: list[Mention], context: Context) -> Iterator[Claim]:
    text = sentence.text
    named: set[tuple[int, int]] = set()
    for pattern in CAST_RULES:
        for m in pattern.finditer(text):
            actor, character = m.group("actor"), m.group("char").strip()
            a0, a1 = sentence.start + m.start("actor"), sentence.start + m.end("actor")
            if _overlaps_mention(a0, a1, inside) or canonical_platform(actor) is not None:
                continue
            actor = _trim_name(actor)
            if not actor or " " not in actor:
                continue
            character = re.sub(r"^the\s+", "", character, flags=re.IGNORECASE).rstrip(".")
            if not _character_ok(character):
                continue
            named.add((m.start("actor"), m.end("actor")))
            yield _claim(
                sentence,
                "cast",
                m.start(),
                m.end(),
                f"{actor} as {character}",
                person=actor,
                character=character,
            )
    for m in _PAREN_ROLE.finditer(text):
        outer, inner = m.group("outer").strip(), m.group("inner").strip()
        a0, a1 = sentence.start + m.start("outer"), sentence.start + m.end("outer")
        if _overlaps_mention(a0, a1, inside) or any(s <= m.start() < e for s, e in named):
            continue
        if canonical_platform(outer) is not None or canonical_platform(inner) is not None:
            continue
        aka = bool(m.group("aka"))
        # "Joel (Pedro Pascal)": a character, then the actor; "Jack Quaid (AKA Hughie)" and
        # "Álvaro Morte (Tokio)" the other way round; two full names may be either.
        if aka or (" " in outer and " " not in inner):
            actor, character = outer, inner
        elif " " in inner:
            actor, character = inner, outer
        else:
            continue
        actor = _trim_name(actor)
        character = re.sub(r"^the\s+", "", character, flags=re.IGNORECASE).rstrip(".")
        if " " not in actor or not _character_ok(character) or not _character_ok(actor):
            continue
        if not personlike(actor) or not personlike(character) or len(character) < 2:
            continue  # "PM EDT (Updated)", "Golden Globe(R)", "Association (TCA)"
        claim = _claim(
            sentence,
            "cast",
            m.start(),
            m.end(),
            f"{actor} as {character}",
            person=actor,
            character=character,
        )
        if " " in outer and " " in inner and not aka:
            claim.extra["either_order"] = "1"
        yield claim
    for m in [*_STARRING.finditer(text), *_CAST_BEFORE.finditer(text)]:
        if _negated(text, m.start()):
            continue
        offset = m.start("list")
        for part in re.finditer(rf"{NAME}", m.group("list")):
            start, end = offset + part.start(), offset + part.end()
            if any(s <= start < e for s, e in named):
                continue
            if _overlaps_mention(sentence.start + start, sentence.start + end, inside):
                continue
            actor = _trim_name(part.group())
            if not actor or " " not in actor or canonical_platform(actor) is not None:
                continue
            if not personlike(actor):
                continue
            named.add((start, end))
            yield _claim(sentence, "cast", start, end, f"{actor} in the cast", person=actor)


#: Capitalised words that open a sentence before a name: "Starring Elle Fanning as ...".
_NOT_NAME_START = frozenset(
    """the and star stars starring actor actress also with featuring plus newcomer newcomers
    veteran director creator showrunner writer producer""".split()
)
#: Capitalised words that are no character: pronouns ("He is portrayed by"), and words of
#: headings ("Similar Shows").
_NOT_CHARACTER = frozenset(
    """he she it they this that these those who which there here we you i his her their
    shows show series season seasons episode episodes cast similar""".split()
)


def _character_ok(character: str) -> bool:
    words = [w.casefold().strip(".,'’") for w in character.split()]
    return bool(words) and not any(w in _NOT_CHARACTER for w in words)


def _trim_name(name: str) -> str:
    """A name's words up to where the sentence goes on ("Omar Sy In" -> "Omar Sy")."""
    words = name.split()
    while words and words[-1].casefold().rstrip(".") in ("in", "on", "and", "the", "as"):
        words.pop()
    while words and words[0].casefold() in _NOT_NAME_START:
        words.pop(0)
    return " ".join(words).rstrip(".")


def _crew_claims(sentence: Sentence, inside: list[Mention], context: Context) -> Iterator[Claim]:
    text = sentence.text
    for pattern, relation in CREW_RULES:
        for m in pattern.finditer(text):
            if _negated(text, m.start()):
                continue
            for person in _split_people(m.group("list")):
                person = _trim_name(person)
                if not person or canonical_platform(person) is not None:
                    continue
                if " " not in person and not _brothers(m.group("list")):
                    continue  # "created by Vecna": a one-word name is a character's
                if (
                    _overlaps_mention(
                        sentence.start + m.start("list"), sentence.start + m.end("list"), inside
                    )
                    and " " not in person
                ):
                    continue
                yield _claim(sentence, relation, m.start(), m.end(), person, person=person)


def _brothers(text: str) -> bool:
    return bool(re.search(r"\b(?:brothers|sisters|siblings)\b", text, re.IGNORECASE))


def _source_claims(sentence: Sentence, inside: list[Mention], context: Context) -> Iterator[Claim]:
    text = sentence.text
    for pattern in SOURCE_RULES:
        for m in pattern.finditer(text):
            if _negated(text, m.start()):
                continue
            for person in _split_people(m.group("list")):
                person = _trim_name(person)
                if person:
                    yield _claim(
                        sentence,
                        "source_material",
                        m.start(),
                        m.end(),
                        f"by {person}",
                        person=person,
                    )


_EXTRACTORS: tuple[Callable[[Sentence, list[Mention], Context], Iterator[Claim]], ...] = (
    _platform_claims,
    _season_claims,
    _episode_claims,
    _premiere_claims,
    _status_claims,
    _cast_claims,
    _crew_claims,
    _source_claims,
)


# --- which show a claim is about -----------------------------------------------------------


def assign_shows(claims: list[Claim], mentions: list[Mention], main: ShowLink | None) -> None:
    """Give each claim its show, and say whether that choice is certain."""
    linked = sorted((m for m in mentions if m.link is not None), key=lambda m: m.start)
    topics = _Topics([m for m in linked if not m.credit], main)
    by_sentence: dict[int, list[Mention]] = {}
    for mention in linked:
        by_sentence.setdefault(mention.sentence.index, []).append(mention)
    for claim in claims:
        if claim.bound is not None and claim.bound.link is not None:
            claim.show, claim.show_certain = claim.bound.link, True
            claim.show_reason = "named in the phrase"
            continue
        sentence = claim.sentence
        if _ORIGINAL_OF.search(sentence.text, 0, claim.start - sentence.start):
            # "a remake of the classic series of the same name, which aired on The WB":
            # the claim is about an original the article does not name.
            claim.show, claim.show_certain = None, False
            claim.show_reason = "about an earlier show the article does not name"
            continue
        inside = [
            m
            for m in by_sentence.get(sentence.index, [])
            if _overlapping(m, claim) or not _aside(m, claim)
        ]
        keys = {m.key for m in inside}
        lo = sentence.start + _clause_start(sentence.text, claim.start - sentence.start)
        brk = _CLAUSE_BREAK.search(sentence.text, claim.end - sentence.start)
        hi = sentence.start + brk.start() if brk else sentence.end
        clause = [m for m in inside if lo <= m.start and m.end <= hi]
        clause_text = sentence.text[lo - sentence.start : hi - sentence.start]
        if not clause and _GENERIC_PLURAL.search(clause_text):
            # "HBO has renewed three series": several shows the clause does not name.
            claim.show, claim.show_certain = None, False
            claim.show_reason = "about several shows the sentence does not name"
            continue
        if len(keys) > 1 and len({m.key for m in clause}) == 1:
            inside, keys = clause, {clause[0].key}  # the one show the claim's clause names
        before = [m for m in inside if m.end <= claim.start]
        covering = [m for m in inside if m.start < claim.end and claim.start < m.end]
        if covering:
            claim.show, claim.show_certain = covering[0].link, len({m.key for m in covering}) == 1
            claim.show_reason = "named in the phrase"
        elif len(keys) == 1:
            claim.show, claim.show_certain = inside[0].link, True
            claim.show_reason = "the show the sentence names"
        elif before:
            before_keys = {m.key for m in before}
            claim.show = before[-1].link
            claim.show_certain = len(before_keys) == 1
            claim.show_reason = (
                "the show named before the claim"
                if claim.show_certain
                else "one of several shows the sentence names"
            )
        elif inside:
            claim.show, claim.show_certain = inside[0].link, False
            claim.show_reason = "one of several shows the sentence names"
        else:
            topic, certain = topics.of(sentence)
            claim.show, claim.show_certain = topic, certain
            claim.show_reason = "the show the paragraph is about" if topic else ""


#: Several shows a sentence speaks of without naming them: "three series", "six shows".
_GENERIC_PLURAL = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|some|its|other)\s+"
    r"(?:\w+\s+){0,2}?(?:series|shows|dramas|comedies|sitcoms|originals|programs|programmes)\b",
    re.IGNORECASE,
)
#: An earlier show a sentence speaks of without naming it: "a remake of the classic series
#: of the same name which ...", "a reboot of the 2004 TV series".
_ORIGINAL_OF = re.compile(
    r"\b(?:remake|reboot|revival|reimagining|spin-?off|adaptation)\s+of\s+(?:the\s+|a\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?:series|show|drama|soap(?:\s+opera)?|sitcom|comedy)\b"
    r"[^.;]*$",
    re.IGNORECASE,
)


def _overlapping(mention: Mention, claim: Claim) -> bool:
    return mention.start < claim.end and claim.start < mention.end


#: What follows a title that names another show than the one a sentence is about: "the
#: Breaking Bad spin-off", "a Game of Thrones prequel".
_DERIVED_AFTER = re.compile(
    r"^['’]?s?\s*[\"”’']?\s*(?:spin-?offs?|prequels?|sequels?|reboots?|remakes?|revivals?|"
    r"franchise|universe|follow-up)\b",
    re.IGNORECASE,
)
#: Words that open an aside about a person's other work after a claim: "X, who starred in
#: Chuck", "best known for Unforgotten".
_ASIDE_BEFORE = re.compile(
    r"(?:\bwho\b|\bwhich\b|known\s+for|starred\s+in|appeared\s+in|credits\s+include|"
    r"\bstar\s+of|\balum\b|\bveteran\b)[^.;]*$",
    re.IGNORECASE,
)


def _aside(mention: Mention, claim: Claim) -> bool:
    """A title the sentence names in passing, not as what the claim is about: a person's
    credit ("Zahn McClarnon (Westworld)"), the show another is derived from ("the Breaking
    Bad spin-off"), or a title in an aside after the claim ("X, who starred in Chuck")."""
    if mention.credit:
        return True
    text = mention.sentence.text
    rel_end = mention.end - mention.sentence.start
    if _DERIVED_AFTER.match(text[rel_end : rel_end + 24]):
        return True
    if mention.start >= claim.end:
        between = text[claim.end - mention.sentence.start : mention.start - mention.sentence.start]
        return bool(_ASIDE_BEFORE.search(between))
    return False


class _Topics:
    """The show a sentence naming none refers back to: the paragraph's, else the main show.

    Mentions are indexed once (sorted starts, running "last heading" and "another show seen"
    marks) so that finding a topic costs a binary search, whatever the article's length.
    """

    def __init__(self, linked: list[Mention], main: ShowLink | None) -> None:
        self.linked = linked
        self.main = main
        self.starts = [m.start for m in linked]
        self.last_heading: list[int] = []  # per position: index of the last heading mention
        self.other_seen: list[bool] = []  # per position: a non-main show named in text
        heading, other = -1, False
        for i, m in enumerate(linked):
            if m.sentence.block.kind == "heading":
                heading = i
            if main is not None and m.key != main.key and m.sentence.block.kind != "item":
                other = True
            self.last_heading.append(heading)
            self.other_seen.append(other)

    def of(self, sentence: Sentence) -> tuple[ShowLink | None, bool]:
        block = sentence.block
        lo = bisect_left(self.starts, block.start)
        hi = bisect_left(self.starts, sentence.start)
        if hi > lo:
            earlier = self.linked[lo:hi]
            return earlier[-1].link, len({m.key for m in earlier}) == 1
        if block.kind == "item":
            # A list item (a cast line) belongs to the show its heading names.
            heading_at = self.last_heading[lo - 1] if lo > 0 else -1
            if heading_at >= 0 and self.linked[heading_at].sentence.block.end <= block.start:
                above = self.linked[heading_at]
                return above.link, self.main is None or above.key == self.main.key
            return None, False
        if lo == 0:
            return self.main, self.main is not None
        prior = self.linked[lo - 1]
        heading_at = self.last_heading[lo - 1]
        if self.main is not None:
            heading = self.linked[heading_at] if heading_at >= 0 else None
            if heading is not None and heading.key != self.main.key:
                return heading.link, False
            certain = not self.other_seen[lo - 1] or prior.key == self.main.key
            return self.main, certain
        return prior.link, False
