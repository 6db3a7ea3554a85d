"""Dates an article gives without a year, and weekdays that do not fit their date.

"Thursday, Oct. 23" names a day twice: if the article is from 2021, October 23 was a
Saturday, and one of the two is wrong whatever the catalog knows. The year comes from the
article's own date (the year that puts the day nearest it), or, for an undated article,
from the year in which most of its weekday-and-date pairs agree (a TV schedule gives many).
A pair is called wrong only when it disagrees in every year that fits best.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from nextseason.factcheck.numbers import MONTH_NUMBERS

__all__ = ["YEARLESS", "Calendar", "WeekdayDate", "pairs"]

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
#: A day and month without a year: "July 17", "Sept. 1st", "17 July".
YEARLESS = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH})"
    r"(?!\s*,?\s*\d{4})(?![\d])"
)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_PAIR = re.compile(
    r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Mon|Tues?|Wed|Thur?s?|Fri|Sat|Sun)\.?,?\s+(?:the\s+)?"
    rf"(?P<md>{_MONTH}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+"
    rf"(?:of\s+)?{_MONTH})(?:,?\s+(?P<year>(?:19|20)\d\d))?(?![\d])",
    re.IGNORECASE,
)
#: How far from the article's date a yearless date may fall (days).
NEAR_DAYS = 300
#: A plan may be told a few days late, an event a day early ("premieres tonight").
SLACK_DAYS = 7
#: Weekday-and-date pairs that must agree on a year before an undated article's odd pair is
#: called wrong.
MIN_AGREEING = 3


@dataclass(frozen=True, slots=True)
class WeekdayDate:
    start: int  # plain-text offsets of the pair
    end: int
    weekday: int  # Monday = 0
    month: int
    day: int
    year: int | None  # as written


def _month(text: str) -> int | None:
    word = re.sub(r"[^a-z]", "", text.casefold())
    return MONTH_NUMBERS.get(word) or MONTH_NUMBERS.get(word[:3])


def pairs(text: str) -> list[WeekdayDate]:
    """Every weekday written with its date in ``text``."""
    out = []
    for m in _PAIR.finditer(text):
        month = _month(re.sub(r"[\d\s,.]|st|nd|rd|th|of", " ", m.group("md")).split()[0])
        day = int(m.group("d1") or m.group("d2"))
        weekday = _WEEKDAYS.index(m.group("wd")[:3].casefold())
        year = int(m.group("year")) if m.group("year") else None
        if month is not None and 1 <= day <= 31:
            out.append(WeekdayDate(m.start(), m.end(), weekday, month, day, year))
    return out


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


class Calendar:
    """Years for an article's yearless dates, and its weekday-and-date pairs that disagree."""

    def __init__(self, text: str, article_day: date | None, today: date) -> None:
        self.article_day = article_day
        self.today = today
        self.pairs = pairs(text)
        self._best_years = self._agreeing_years() if article_day is None else []

    def year_for(self, month: int, day: int, after: bool | None = None) -> int | None:
        """The year a yearless date means, from the article's date: the next such day for a
        plan ("will premiere July 17", ``after``), the last one for a past event
        ("premiered July 17"), else the nearest. None for an undated article."""
        article = self.article_day
        if article is None:
            return None
        days = self._around(month, day)
        if after is True:
            days = [d for d in days if (d - article).days >= -SLACK_DAYS]
            return min(days).year if days else None
        if after is False:
            days = [d for d in days if (d - article).days <= SLACK_DAYS]
            return max(days).year if days else None
        if not days:
            return None
        return min(days, key=lambda d: abs((d - article).days)).year

    def _around(self, month: int, day: int) -> list[date]:
        """The days with this month and day within reach of the article's date."""
        assert self.article_day is not None
        out = []
        for year in (self.article_day.year - 1, self.article_day.year, self.article_day.year + 1):
            when = _day(year, month, day)
            if when is not None and abs((when - self.article_day).days) <= NEAR_DAYS:
                out.append(when)
        return out

    def _agreeing_years(self) -> list[int]:
        yearless = [p for p in self.pairs if p.year is None]
        if len(yearless) < MIN_AGREEING:
            return []
        counts: dict[int, int] = {}
        for year in range(self.today.year - 30, self.today.year + 2):
            counts[year] = sum(
                (d := _day(year, p.month, p.day)) is not None and d.weekday() == p.weekday
                for p in yearless
            )
        top = max(counts.values())
        if top < MIN_AGREEING or top < 0.6 * len(yearless):
            return []
        return [year for year, n in counts.items() if n == top]

    def wrong(self, pair: WeekdayDate) -> str | None:
        """Why the pair's weekday cannot be its date's, or None when it can (or the year is
        unknown)."""
        names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
        if pair.year is not None:
            years = [pair.year]
        elif self.article_day is not None:
            years = [d.year for d in self._around(pair.month, pair.day)]
        else:
            years = self._best_years
        if not years:
            return None
        real = [d for y in years if (d := _day(y, pair.month, pair.day)) is not None]
        if not real or any(d.weekday() == pair.weekday for d in real):
            return None
        past = [d for d in real if d.year <= self.today.year]
        when = past[-1] if past else real[0]
        how = (
            "its year"
            if pair.year is not None
            else "the article's date"
            if self.article_day is not None
            else "the other days the article names"
        )
        return (
            f"{when.strftime('%B')} {when.day}, {when.year} was a {names[when.weekday()]}, not "
            f"a {names[pair.weekday]} (the year from {how}): the day or the date is wrong"
        )
