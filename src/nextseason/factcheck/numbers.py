"""Numbers, ordinals and dates as articles write them ("eight", "third", "Dec. 25, 2020")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "DATE",
    "MONTH_NUMBERS",
    "NUMBER",
    "ORDINAL",
    "ClaimedDate",
    "parse_date",
    "parse_number",
    "parse_ordinal",
]

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_ORDINALS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}

NUMBER = (
    r"(?:\d{1,3}|(?:twenty|thirty|forty|fifty)(?:[- ](?:one|two|three|four|five|six|seven|"
    r"eight|nine))?|" + "|".join(reversed(_UNITS[1:])) + r"|a dozen|a single|single)"
)
ORDINAL = (
    r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDINALS[1:], key=len, reverse=True)) + ")"
)
_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_SHORT = {name[:3]: n for name, n in _MONTHS.items()} | {"sept": 9}
#: Month numbers by name and abbreviation ("july", "jul", "sept").
MONTH_NUMBERS = _MONTHS | _SHORT
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_YEAR = r"(?:19[3-9]\d|20[0-4]\d)"
DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"
    rf"|{_YEAR}-\d{{2}}-\d{{2}}"
    rf"|(?:(?:early|mid|late)[- ])?{_MONTH},?\s+(?:of\s+)?{_YEAR}"
    rf"|{_YEAR})(?![\d-])"
)


@dataclass(frozen=True, slots=True)
class ClaimedDate:
    """A date at the precision the article gives it."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        if self.day and self.month:
            return date(self.year, self.month, self.day).isoformat()
        if self.month:
            return f"{self.year}-{self.month:02d}"
        return str(self.year)


def parse_number(text: str) -> int | None:
    word = " ".join(text.casefold().replace("-", " ").split())
    if word.isdigit():
        return int(word)
    if word in ("a single", "single"):
        return 1
    if word == "a dozen":
        return 12
    parts = word.split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
        return _TENS[parts[0]] + _UNITS.index(parts[1])
    if word in _TENS:
        return _TENS[word]
    return _UNITS.index(word) if word in _UNITS else None


def parse_ordinal(text: str) -> int | None:
    word = text.casefold().strip()
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", word)
    if match:
        return int(match.group(1))
    return _ORDINALS.index(word) if word in _ORDINALS else None


def parse_date(text: str) -> ClaimedDate | None:
    """A claimed date from any form :data:`DATE` matches; None if it is no real date."""
    clean = text.replace(",", " ").replace(".", " ")
    iso = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", text)
    try:
        if iso:
            day = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
            return ClaimedDate(day.year, day.month, day.day)
        words = [w for w in clean.split() if w.casefold() not in ("of", "early", "mid", "late")]
        year = month = dom = None
        for word in words:
            low = word.casefold()
            digits = re.sub(r"(st|nd|rd|th)$", "", low)
            if low in _MONTHS or low[:4] in _SHORT or low[:3] in _SHORT:
                month = _MONTHS.get(low) or _SHORT.get(low[:4]) or _SHORT.get(low[:3])
            elif digits.isdigit() and len(digits) == 4:
                year = int(digits)
            elif digits.isdigit():
                dom = int(digits)
        if year is None:
            return None
        if dom is not None and month is not None:
            date(year, month, dom)  # raises on 31 February
            return ClaimedDate(year, month, dom)
        return ClaimedDate(year, month, None)
    except ValueError:
        return None
