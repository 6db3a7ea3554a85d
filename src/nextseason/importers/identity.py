"""The build's own figures on identity: years, namesakes and possible splits.

A title held by several records is either namesakes (shows the data tells apart: different
ids, premiere years two or more apart, countries or channels with nothing in common) or a
possible split (records nothing tells apart, which may be one show the data could not
join). The build report publishes both, so a split is never hidden among namesakes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from nextseason.importers.countries import country_code
from nextseason.model import ShowBundle
from nextseason.platforms import platform_name
from nextseason.text import title_key

__all__ = [
    "FIRST_AIR_SOURCES",
    "IdentityFigures",
    "KnownSeries",
    "could_be",
    "identity_figures",
    "told_apart",
]

#: Sources whose year is a first-air year (the 2021 catalogs' ``release_year`` is often a
#: later season's, the charts' a namesake marker).
FIRST_AIR_SOURCES = frozenset({"tvmaze", "tmdb_2025", "omdb_series", "netflix_catalog_2022"})


@dataclass(slots=True)
class IdentityFigures:
    shows: int = 0
    with_year: int = 0
    #: shows a source dates with a first-air year, and how many of them have a year
    dated: int = 0
    dated_with_year: int = 0
    #: shows some raw row gives any year (a 2021 catalog's release year included)
    any_year_in_raw: int = 0
    titles_with_several: int = 0
    records_in_those: int = 0
    namesake_titles: int = 0  # every record of the title told apart from every other
    possible_split_titles: int = 0  # at least two records nothing tells apart
    possible_split_examples: list[str] = field(default_factory=list)


def _channels(bundle: ShowBundle) -> set[str]:
    names = (
        platform_name(link.platform.name)
        for link in bundle.platforms
        if link.role in ("network", "web", "listed")
    )
    found = {name for name in names if name}
    for record in bundle.records:
        for name in record.data.get("networks") or ():
            canonical = platform_name(name) if isinstance(name, str) else None
            if canonical:
                found.add(canonical)
    return found


def _countries(bundle: ShowBundle) -> set[str]:
    out = {c for c in (country_code(bundle.country),) if c}
    for record in bundle.records:
        for code in record.data.get("countries") or ():
            if isinstance(code, str):
                out.add(code)
    return out


def told_apart(a: ShowBundle, b: ShowBundle) -> bool:
    """Whether the catalog's own facts say two records of one title are different shows."""
    for scheme in set(a.external_ids) & set(b.external_ids):
        if a.external_ids[scheme] != b.external_ids[scheme]:
            return True
    if a.year is not None and b.year is not None and abs(a.year - b.year) >= 2:
        return True
    ca, cb = _countries(a), _countries(b)
    if ca and cb and not ca & cb:
        return True
    ha, hb = _channels(a), _channels(b)
    return bool(ha and hb and not ha & hb)


def identity_figures(bundles: list[ShowBundle]) -> IdentityFigures:
    figures = IdentityFigures(shows=len(bundles))
    by_title: dict[str, list[ShowBundle]] = defaultdict(list)
    for bundle in bundles:
        by_title[title_key(bundle.title)].append(bundle)
        figures.with_year += bundle.year is not None
        dated = any(r.year is not None and r.source in FIRST_AIR_SOURCES for r in bundle.records)
        figures.dated += dated
        figures.dated_with_year += dated and bundle.year is not None
        figures.any_year_in_raw += any(r.year is not None for r in bundle.records)
    for title, group in sorted(by_title.items()):
        if len(group) < 2:
            continue
        figures.titles_with_several += 1
        figures.records_in_those += len(group)
        if all(told_apart(a, b) for a, b in combinations(group, 2)):
            figures.namesake_titles += 1
        else:
            figures.possible_split_titles += 1
            if len(figures.possible_split_examples) < 20:
                figures.possible_split_examples.append(title)
    return figures


@dataclass(frozen=True, slots=True)
class KnownSeries:
    """A series as public knowledge gives it: the yardstick of the identity evaluation."""

    title: str
    year: int
    channel: str
    country: str | None = None
    imdb: str | None = None


def could_be(bundle: ShowBundle, series: KnownSeries) -> bool:
    """Whether a catalog record of the series' title could be that series: nothing the
    record knows (IMDb id, year, country, original channel) says it is another show."""
    imdb = bundle.external_ids.get("imdb")
    if series.imdb and imdb:
        return imdb == series.imdb
    if bundle.year is not None and abs(bundle.year - series.year) > 1:
        return False
    countries = _countries(bundle)
    if countries and series.country and series.country not in countries:
        return False
    channel = title_key(platform_name(series.channel) or series.channel)
    originals = _keys(bundle, ("network", "web"))
    if originals:
        return channel in originals
    # No original known: a channel a source lists it on that is not the series' own says
    # it is another show (Supernatural's namesake listed on BBC One), unless it names no
    # channel at all.
    listed = _keys(bundle, ("listed",), sources=("tvmaze_index", "tvmaze"))
    return not listed or channel in listed


def _keys(bundle: ShowBundle, roles: tuple[str, ...], *, sources: tuple[str, ...] = ()) -> set[str]:
    names = (
        platform_name(link.platform.name)
        for link in bundle.platforms
        if link.role in roles and (not sources or link.src.source in sources)
    )
    return {title_key(name) for name in names if name}
