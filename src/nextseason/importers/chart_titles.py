"""Reading Netflix chart titles: "The Glory: Season 1 // 더 글로리: 시즌 1" -> The Glory, season 1.

Netflix names a season after its show: "<show>: Season N", "<show>: Limited Series", in other
languages "Temporada N", "Staffel N", "시즌 N"; the engagement report appends translations
after " // " and tells namesakes apart with a year: "Suits (2011): Season 1", or a country:
"The Office (U.S.): Season 3".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nextseason.text import split_qualifier

__all__ = ["ChartTitle", "parse_chart_title", "top10_season"]

_SEASON_WORDS = (
    r"Season|Series|Temporada|Staffel|Stagione|Saison|Sezon|Säsong|Sæson|Sesong|Kausi|עונה"
    r"|시즌|シーズン"
)
_LIMITED = r"Limited Series|Miniseries|Miniserie|Minisérie|Miniserie|리미티드 시리즈"
# "<show>: Season 3 ...", first occurrence, whatever follows ("Part 1", ": Part 2", ...)
_SEASON = re.compile(rf"^(?P<title>.+?):\s*(?:{_SEASON_WORDS})\s*(?P<n>\d+)\b.*$")
_ORDINAL = re.compile(r"^(?P<title>.+?):\s*(?P<n>\d+)(?:st|nd|rd|th)\s+season$", re.I)
_NTH = re.compile(r"^(?P<title>.+?):\s*(?P<n>\d+)(?:ª\s+temporada|\.\s*Sezon)$", re.I)
_CJK = re.compile(r"^(?P<title>.+?):\s*第\s*(?P<n>\d+)\s*季$")
_LIMITED_RE = re.compile(rf"^(?P<title>.+?):\s*(?:{_LIMITED})$")
_YEAR = re.compile(r"^(?P<title>.*?)\s*\((?P<year>\d{4})\)$")


@dataclass(frozen=True, slots=True)
class ChartTitle:
    title: str  # the show, without season, year or translations
    season: int | None  # None: the title names no season (a film, a special, or unclear)
    year: int | None = None  # "Suits (2011)" -> 2011
    aliases: tuple[str, ...] = ()  # translated show titles
    country: str | None = None  # "The Office (U.S.)" -> "US"


def _season_of(text: str) -> tuple[str, int | None]:
    for pattern in (_SEASON, _ORDINAL, _NTH, _CJK):
        found = pattern.match(text)
        if found:
            return found.group("title").strip(), int(found.group("n"))
    found = _LIMITED_RE.match(text)
    if found:
        return found.group("title").strip(), 1
    return text.strip(), None


def _year_of(text: str) -> tuple[str, int | None]:
    found = _YEAR.match(text)
    if found and found.group("title"):
        return found.group("title"), int(found.group("year"))
    return text, None


def parse_chart_title(full: str) -> ChartTitle:
    """Split an engagement-report title into show, season, year and translations."""
    main, *translations = [part.strip() for part in full.split(" // ")]
    title, season = _season_of(main)
    title, year = _year_of(title)
    title, country = split_qualifier(title)
    aliases = tuple(
        alias for alias in (_year_of(_season_of(t)[0])[0] for t in translations) if alias
    )
    return ChartTitle(title, season, year, aliases, country)


_TOP10_SEASON = re.compile(
    rf"^[:\s]*(?:(?:{_SEASON_WORDS}|S|Part|Volume|Vol\.|Class|Chapter)\s*)?(?P<n>\d+)\b"
)
_TOP10_LIMITED = re.compile(rf"^[:\s]*(?:{_LIMITED})$")


def top10_season(show_title: str, season_title: str) -> int:
    """The season a Top 10 row is about: "Vikings: Valhalla: Season 2" -> 2; 0 when the row
    names none (season_title "N/A", "Hashira Training Arc", dated episodes...)."""
    if not season_title.startswith(show_title):
        return 0
    rest = season_title[len(show_title) :]
    if _TOP10_LIMITED.match(rest):
        return 1
    found = _TOP10_SEASON.match(rest)
    return int(found.group("n")) if found else 0
