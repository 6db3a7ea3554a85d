"""The date an article speaks from: given by the user, in its HTML meta tags, or in its
dateline; else today, and the report says so.

Claims about something still pending ("has yet to be renewed", "premieres in August") are
checked as of that date. Only a date the article states *as its own* counts: a date a
sentence is about ("premiered on July 26, 2019") says nothing about when it was written. So a
dateline is a full date (day, month and year) near the top of the text that is

* after a cue: "Published: March 3, 2021", "Updated on ...", "date 2019-11-21";
* with a time of day: "Jul 26, 2019, 9:05 PM EDT", "May 24, 2023 / 12:05 PM";
* after a place, wire style: "LOS ANGELES, Nov. 14, 2016 –";
* in the press-release form "[07/28/18 - 03:21 PM]".

HTML pages say it in ``<meta property="article:published_time">`` and its kin, JSON-LD
``datePublished`` or ``<time datetime>``, which win over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from nextseason.factcheck.numbers import ClaimedDate, parse_date

__all__ = ["ArticleDate", "DatedBy", "article_date"]

DatedBy = Literal["given", "meta", "dateline", "today"]
#: How far into the article's plain text a dateline may stand (characters).
DATELINE_REACH = 700

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
#: A full date: "July 26, 2019", "26 July 2019", "2019-07-26".
FULL_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"
    rf"|{_YEAR}-\d{{2}}-\d{{2}})(?![\d-])"
)
_TIME = r"\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?"
#: A month without a day ("date 2021-05", "Published: May 2021"): the article is checked as
#: of the month's end, which is after everything it can know.
_MONTH_ONLY = rf"(?:{_YEAR}-\d{{2}}|{_MONTH},?\s+{_YEAR})(?![\d-])"
_CUED = re.compile(
    r"(?:(?<![\w-])(?i:published|posted|updated|last\s+updated|first\s+published)"
    r"\s*:?\s*(?i:on\s+)?"
    # "date" alone is a cue only where a line starts: "release date Sept. 1, 2023" is not.
    r"|(?:^|(?<=\n)|(?<=\|))\s*(?i:date|dated)\s*:?\s*)"
    rf"(?P<date>{FULL_DATE}|{_MONTH_ONLY})",
)
_TIMED = re.compile(rf"(?P<date>{FULL_DATE})\s*(?:,|/|\||-|–|at|@)?\s*{_TIME}")
_WIRE = re.compile(
    rf"(?m)^\W{{0,3}}[A-Z][A-Z .'-]{{2,30}},?(?:\s+[A-Z]{{2}})?\s*[,–—-]\s*(?P<date>{FULL_DATE})"
    r"\s*[–—-]"
)
_NUMERIC = re.compile(
    rf"\[?(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})/(?P<y>\d{{2}}|\d{{4}})\s*[-–,]?\s*{_TIME}"
)
_META_NAMES = (
    r"article:published_time|og:published_time|datePublished|date[-_]?published|"
    r"publish[-_]?date|pubdate|parsely-pub-date|sailthru\.date|dc\.date|dc\.date\.issued|"
    r"dcterms\.created|date"
)
_META = re.compile(
    r"<meta\b(?=[^>]*\b(?:property|name|itemprop)\s*=\s*[\"'](?:" + _META_NAMES + r")[\"'])"
    r"[^>]*\bcontent\s*=\s*[\"'](?P<date>\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
_JSON_LD = re.compile(r"[\"']datePublished[\"']\s*:\s*[\"'](?P<date>\d{4}-\d{2}-\d{2})")
_TIME_TAG = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"'](?P<date>\d{4}-\d{2}-\d{2})", re.I)


@dataclass(frozen=True, slots=True)
class ArticleDate:
    """The date claims are checked as of, and where it came from."""

    day: date
    by: DatedBy
    words: str | None = None  # the article's words that gave it

    @property
    def known(self) -> bool:
        """Whether the article (or the user) gave its date, rather than today standing in."""
        return self.by != "today"


def _full(text: str) -> date | None:
    claimed = parse_date(text)
    if claimed is None or claimed.month is None or claimed.day is None:
        return None
    return date(claimed.year, claimed.month, claimed.day)


def _month_end(text: str) -> date | None:
    iso = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    claimed = ClaimedDate(int(iso.group(1)), int(iso.group(2))) if iso else parse_date(text)
    if claimed is None or claimed.month is None or not 1 <= claimed.month <= 12:
        return None
    following = date(claimed.year + claimed.month // 12, claimed.month % 12 + 1, 1)
    return following - timedelta(days=1)


def _from_meta(original: str) -> tuple[date, str] | None:
    head = original[:200_000]
    for pattern in (_META, _JSON_LD, _TIME_TAG):
        m = pattern.search(head)
        if m:
            try:
                return date.fromisoformat(m.group("date")), m.group(0)
            except ValueError:
                continue
    return None


def _from_text(text: str) -> tuple[date, str] | None:
    top = text[:DATELINE_REACH]
    found: list[tuple[int, date, str]] = []
    for m in _CUED.finditer(top):
        day = _full(m.group("date")) or _month_end(m.group("date"))
        if day is not None:
            found.append((m.start(), day, m.group(0)))
    for pattern in (_TIMED, _WIRE):
        for m in pattern.finditer(top):
            day = _full(m.group("date"))
            if day is not None:
                found.append((m.start(), day, m.group(0)))
    for m in _NUMERIC.finditer(top):
        year = int(m.group("y"))
        year += 2000 if year < 100 else 0
        try:
            found.append((m.start(), date(year, int(m.group("m")), int(m.group("d"))), m.group(0)))
        except ValueError:
            continue
    if not found:
        return None
    _, day, words = min(found, key=lambda f: f[0])
    return day, words.strip()


def article_date(
    original: str, plain: str, *, is_html: bool, given: date | None, today: date
) -> ArticleDate:
    """The date to check the article as of: ``given`` (``--as-of``), else the page's meta
    tags, else its dateline, else today. A date after today is a typo, not a date."""
    if given is not None:
        return ArticleDate(given, "given")
    found = _from_meta(original) if is_html else None
    by: DatedBy = "meta"
    if found is None or found[0] > today:
        found, by = _from_text(plain), "dateline"
    if found is None or found[0] > today:
        return ArticleDate(today, "today")
    return ArticleDate(found[0], by, found[1])
