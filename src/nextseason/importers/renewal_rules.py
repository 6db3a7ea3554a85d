"""Normalization rules: the free-text renewal statuses of the renewal files, as classes.

Each rule is data (:data:`SCORECARD_RULES`, :data:`RATINGS_RULES`): an id, the class it gives,
a pattern, and the sentence the module docstring of :mod:`nextseason.outlook.labels` and the
tests quote. The first rule whose pattern matches a status decides its class. Which classes
count as renewed (1) or not renewed (0) for training, and which are kept out as ambiguous or
unlabelled, is :data:`TRAINING_LABEL`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

__all__ = [
    "AMBIGUOUS",
    "LABEL_CLASSES",
    "RATINGS_RULES",
    "SCORECARD_RULES",
    "TRAINING_LABEL",
    "LabelClass",
    "StatusRule",
    "decision_date",
    "ratings_class",
    "scorecard_class",
    "scorecard_season",
]

LabelClass = Literal[
    "renewed",
    "renewed for a final season",
    "cancelled",
    "presumed cancelled",
    "final season announced",
    "ended",
    "renewed in advance",
    "moved network",
    "decision reversed",
    "sources disagree",
    "limited series",
    "never aired",
    "undecided",
]
LABEL_CLASSES: tuple[LabelClass, ...] = get_args(LabelClass)
#: The classes training learns from: 1 = another season came, 0 = it did not.
TRAINING_LABEL: dict[LabelClass, int] = {
    "renewed": 1,
    "renewed for a final season": 1,
    "cancelled": 0,
    "presumed cancelled": 0,
}
#: Labelled, but not a decision taken after the season aired on its own platform: kept out
#: of training as their own classes (a final season announced in advance, an end that may
#: have been planned, a renewal made before the season aired, a move to another network, a
#: reversed decision, sources that disagree).
AMBIGUOUS: frozenset[LabelClass] = frozenset(
    {
        "final season announced",
        "ended",
        "renewed in advance",
        "moved network",
        "decision reversed",
        "sources disagree",
    }
)


@dataclass(frozen=True, slots=True)
class StatusRule:
    id: str
    label: LabelClass
    pattern: re.Pattern[str]
    description: str


def _rule(id: str, label: LabelClass, pattern: str, description: str) -> StatusRule:
    return StatusRule(id, label, re.compile(pattern), description)


#: A note about how the show came to this network ("Moved from ABC", "fka Besties",
#: "Moves to Hulu from CW") tells nothing about its next season: it is removed first.
_PAST_MOVE = re.compile(
    r"(?:mov(?:ed|es|ing)(?: to [^;,&]*?)? from [^;,&]*|formerly at [^;,&]*|"
    r"\b(?:fka|aka) [^;,&]*|new network)"
)

SCORECARD_RULES: tuple[StatusRule, ...] = (
    _rule("blank", "undecided", r"^$", "No status given: undecided when the scorecard was made."),
    _rule(
        "never-aired",
        "never aired",
        r"prior to (?:filming|air|airing|production|broadcast)|never (?:aired|produced)|"
        r"won't air(?! until)|will not air(?! until)|before filming|before any ep|"
        r"before the season +started|prior to the start|episode filmed|"
        r"order (?:revoked|rescinded)|likely will never air|"
        r"project (?:canceled|moved)|canceled prior",
        "The season never aired (cancelled before filming or airing, order revoked): "
        "no season to judge.",
    ),
    _rule(
        "not-yet",
        "undecided",
        r"not (?:officially )?renewed yet|not officially renewed|could return|"
        r"status (?:uncertain|unclear)|fate uncertain|no decision|may not|unlikely|"
        r"likely (?:to )?return|in talks|"
        r"in development|on hold|not sure|unsure",
        "Hedged ('not officially renewed', 'could return', 'fate uncertain'): undecided.",
    ),
    _rule(
        "reversed",
        "decision reversed",
        r"renew\w*[^;]* (?:but )?then cancel|cancel\w*[^;]*(?:then|later|but)[^;]* renew|"
        r"uncancel|revived",
        "A decision reversed ('Renewed 10/3 but then canceled 3/4'): ambiguous.",
    ),
    _rule(
        "moved",
        "moved network",
        r"\bmov(?:e|es|ing)\b|picked up\b[^;]* by|\brescued\b|renewed by (?!the)|"
        r"cancel\w*[^;]* moved to",
        "Moving to, or picked up by, another network ('Renewed 7/26 but will move to "
        "Netflix for S2'): ambiguous.",
    ),
    _rule(
        "in-advance",
        "renewed in advance",
        r"already (?:renewed|ordered|in production|picked up)|previously (?:renewed|picked up)|"
        r"(?:initial|original) +order|order is for \d|\d-season order|"
        r"\d seasons? \([^)]*\) ordered|renewed in the uk",
        "Renewed before this season aired ('Already renewed through S7', 'Initial order is "
        "for 2 seasons'): not a decision on this season, ambiguous.",
    ),
    _rule(
        "cancelled-early",
        "cancelled",
        r"ending early|considered cancel",
        "'Ending early (on 2/18); considered canceled': cancelled.",
    ),
    _rule(
        "cancelled-first",
        "cancelled",
        r"^(?:season )?cancel",
        "A status that begins 'Canceled' ('Canceled 11/19; finale airs 1/19', 'Canceled 8/18; "
        "final 10 eps air this fall'): cancelled, whatever airs after.",
    ),
    _rule(
        "limited",
        "limited series",
        r"^(?!.*renew).*(?:mini-?ser|miniseres|limited series|series of \d|feature-length "
        r"specials|one-off|so no s2|planned 1-season)",
        "A miniseries or limited series, not said to be renewed: there is no renewal to decide.",
    ),
    _rule(
        "renewed-final",
        "renewed for a final season",
        r"renew\w*[^;]*\bfinal\b|(?:2nd|second) and final season",
        "Renewed for a final season ('Renewed for a 6th (final) season on 3/13/18'): another "
        "season comes, so renewed.",
    ),
    _rule(
        "final-season",
        "final season announced",
        r"ending|will end|concluding|\bfinal\b|last season|ends with|\bended\b",
        "This season was announced as the last ('Ending with this 4th season'): ambiguous.",
    ),
    _rule(
        "presumed-cancelled",
        "presumed cancelled",
        r"(?:presumed|assumed|likely) cancel|omitted from|not included in|presumed done|"
        r"won't (?:be back|return)",
        "Presumed cancelled ('Omitted from 2015-16 plans; presumed canceled'): not renewed.",
    ),
    _rule(
        "cancelled",
        "cancelled",
        r"cancel|pulled from (?:the )?schedule|\baxed\b|will not return|not progressing",
        "Cancelled ('Canceled 5/11', 'Pulled from schedule'): not renewed.",
    ),
    _rule(
        "renewed",
        "renewed",
        r"renew|renwed|picked up for|extended through|\bordered\b|seasons? picked up|"
        r"(?:season|s\d+) (?:announced|confirmed)",
        "Renewed ('Renewed 5/7', 'Renewed for a 2nd season on 5/11', 'S3 renewal'): renewed; "
        "made before the season aired (a dated renewal before June of the season's year) it "
        "is 'renewed in advance' instead.",
    ),
    _rule(
        "descriptor",
        "undecided",
        r".",
        "Anything else describes the show ('Korean series', 'Anime', 'Delayed to fall'): "
        "undecided.",
    ),
)

RATINGS_RULES: tuple[StatusRule, ...] = (
    _rule(
        "flags",
        "undecided",
        r"^$",
        "No status text: the renewed/canceled flags decide (renewed only: renewed; canceled "
        "only: cancelled; neither: undecided; both: sources disagree).",
    ),
    _rule(
        "previously",
        "moved network",
        r"^previously",
        "'Previously renewed on CBS All Access', 'Previously renewed by CBC': the season "
        "came from another network, ambiguous.",
    ),
    _rule(
        "pre-renewed",
        "renewed in advance",
        r"^pre-renewed",
        "'Pre-renewed ...': renewed before the season aired, ambiguous.",
    ),
    _rule(
        "reversed",
        "decision reversed",
        r"then|later|upgraded|downgraded|\(as ",
        "'Canceled, then Renewed', 'Renewed, then Canceled', 'Renewed (as The Conners)': "
        "ambiguous.",
    ),
    _rule(
        "moved",
        "moved network",
        r"mov|renewed by|\(and renewed|\(but renewed|canceled on",
        "'Canceled by FOX, Renewed by ABC', 'Renewed (Moving to HULU)': ambiguous.",
    ),
    _rule(
        "renewed-final",
        "renewed for a final season",
        r"^renewed for final",
        "'Renewed for Final Season': another season comes, renewed.",
    ),
    _rule(
        "final-season",
        "final season announced",
        r"^final season",
        "'Final Season': announced as the last in advance, ambiguous.",
    ),
    _rule("renewed", "renewed", r"^renewed", "'Renewed', 'Renewed for 2 Seasons': renewed."),
    _rule("cancelled", "cancelled", r"^canceled", "'Canceled': cancelled."),
    _rule("other", "undecided", r".", "Anything else: undecided."),
)

_SPACE = re.compile(r"\s+")
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b")
_SEASON_NUMBER = re.compile(
    r"^\s*\(?\s*(?:seasons?|sea\.|sn\.|s|part)?\s*(\d{1,3})(?:\s*/\s*(\d{1,3}))?", re.I
)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text.casefold()).strip()


def scorecard_season(text: str) -> int | None:
    """The season a scorecard row is about: "1", "SEASON 6 PART 1", "S6", "(SEASON 6)" -> 6;
    "SEASONS 27 / 28" (two seasons in one TV year) -> 28; None when it names none."""
    found = _SEASON_NUMBER.match(text)
    if not found:
        return None
    numbers = [int(n) for n in found.groups() if n]
    return max(numbers) if numbers else None


def decision_date(status: str, season_year: int) -> date | None:
    """The first date a status gives ("Renewed 5/13", "Canceled 6/15/20"). A date without a
    year falls in the TV season that starts in September of ``season_year``."""
    found = _DATE.search(status)
    if not found:
        return None
    month, day, year_text = int(found.group(1)), int(found.group(2)), found.group(3)
    if year_text:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    else:
        year = season_year if month >= 9 else season_year + 1
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _first(rules: tuple[StatusRule, ...], text: str) -> StatusRule:
    for rule in rules:
        if rule.pattern.search(text):
            return rule
    raise AssertionError("the last rule matches any text")


def scorecard_class(status: str, season_year: int) -> tuple[LabelClass, str]:
    """The class of a Metacritic scorecard status, and the id of the rule that gave it."""
    text = _PAST_MOVE.sub("", _clean(status)).strip(" ;,.")
    rule = _first(SCORECARD_RULES, text)
    if rule.label == "renewed":
        when = decision_date(status, season_year)
        # Renewed before June of the season's own year: before the season aired.
        if when is not None and when < date(season_year, 6, 1):
            return "renewed in advance", "in-advance-dated"
    return rule.label, rule.id


def ratings_class(status: str, renewed: bool, canceled: bool) -> tuple[LabelClass, str]:
    """The class of a TV Ratings Predictions row from its status text and its two flags."""
    text = _clean(status)
    if not text:
        if renewed and canceled:
            return "sources disagree", "flags"
        if renewed:
            return "renewed", "flags"
        if canceled:
            return "cancelled", "flags"
        return "undecided", "flags"
    rule = _first(RATINGS_RULES, text)
    return rule.label, rule.id
