"""What the catalog knows about a show, in the shape claims are checked against.

One :class:`ShowFacts` gathers every catalog entry a link stands for (a show split across
sources counts as one), each fact with the :class:`~nextseason.model.SourceRef` it came
from. Nothing here decides a verdict; :mod:`nextseason.factcheck.verify` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from nextseason.analysis.status import facts_from_bundle
from nextseason.model import ShowBundle, SourceRef, StatusFacts
from nextseason.platforms import platform_family
from nextseason.text import plain_text

__all__ = ["Known", "ShowFacts", "show_facts"]

#: Season numbers above this are years or broadcast numbering, not seasons.
MAX_SEASON = 60
#: Sources whose premiere date is the show's first airing anywhere.
PREMIERE_SOURCES = ("tvmaze", "tmdb", "wikidata")
_BASED_ON = re.compile(
    r"\b(?i:based\s+on|adapted\s+from|an\s+adaptation\s+of)\s+(?:the\s+)?"
    r"(?:(?P<owner>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})['’]s?\s+|"
    r"(?:[\w-]+\s+){0,5}?(?:novels?|books?|comics?|manga|memoirs?|series)\s+"
    r"(?:of\s+the\s+same\s+name\s+)?by\s+(?P<by>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}))"
)
_SOURCE_ROLES = (
    "source material author",
    "novel",
    "book",
    "author",
    "original story",
    "comic book",
    "characters",
    "graphic novel",
)


@dataclass(frozen=True, slots=True)
class Known:
    """One fact and where it came from."""

    value: Any
    src: SourceRef

    @property
    def source(self) -> str:
        return self.src.source

    @property
    def as_of(self) -> date:
        return self.src.retrieved_at.date()


@dataclass
class ShowFacts:
    ids: tuple[int, ...]
    title: str
    original: list[Known] = field(default_factory=list)  # value: (family, name, kind)
    listed: list[Known] = field(default_factory=list)  # every platform link, same values
    season_rows: dict[int, list[Known]] = field(default_factory=dict)  # value: first date
    season_counts: list[Known] = field(default_factory=list)  # value: int
    episode_rows: dict[int, Known] = field(default_factory=dict)  # value: (count, max number)
    total_episodes: list[Known] = field(default_factory=list)
    premieres: list[Known] = field(default_factory=list)  # value: date (strong sources)
    listing_years: list[Known] = field(default_factory=list)  # value: int (catalog years)
    statuses: dict[str, Known] = field(default_factory=dict)  # value: status words
    status_facts: StatusFacts | None = None
    cast: list[Known] = field(default_factory=list)  # value: (name, character)
    crew: list[Known] = field(default_factory=list)  # value: (name, role)
    based_on: list[Known] = field(default_factory=list)  # value: author name
    #: TVmaze's streaming schedule shows the first episode on the show's premiere day: it
    #: began on its streaming channel, so no earlier network run hides behind it.
    began_streaming: bool = False

    @property
    def original_families(self) -> set[str]:
        return {k.value[0] for k in self.original}

    @property
    def last_season(self) -> Known | None:
        """The highest season a source gives a row for, with that source."""
        if not self.season_rows:
            return None
        top = max(self.season_rows)
        best = max(self.season_rows[top], key=lambda k: k.src.retrieved_at)
        return Known(top, best.src)

    def season_date(self, season: int) -> Known | None:
        dated = [k for k in self.season_rows.get(season, []) if k.value is not None]
        return min(dated, key=lambda k: k.value) if dated else None

    def terminal(self) -> Known | None:
        """A source saying the show is over: TVmaze Ended, TMDB Ended or Canceled."""
        for source in ("tmdb", "tvmaze"):
            reading = self.statuses.get(source)
            if reading is not None and reading.value in ("Ended", "Canceled"):
                return reading
        return None


def _platform_value(name: str, kind: str) -> tuple[str, str, str]:
    return (platform_family(name), name, kind)


def _add_season(facts: ShowFacts, number: int, first: date | None, src: SourceRef) -> None:
    if 1 <= number <= MAX_SEASON:
        facts.season_rows.setdefault(number, []).append(Known(first, src))


def _day(value: object) -> date | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def show_facts(bundles: list[ShowBundle]) -> ShowFacts:
    """The facts of one show from the catalog bundles that stand for it."""
    primary = max(bundles, key=lambda b: (len(b.statuses), len(b.records), -(b.id or 0)))
    facts = ShowFacts(tuple(b.id for b in bundles if b.id is not None), primary.title)
    for bundle in bundles:
        _gather(facts, bundle)
    with_status = [b for b in bundles if b.statuses or b.status]
    facts.status_facts = facts_from_bundle(with_status[0] if with_status else primary)
    return facts


def _gather(facts: ShowFacts, bundle: ShowBundle) -> None:
    for link in bundle.platforms:
        known = Known(_platform_value(link.platform.name, link.platform.kind), link.src)
        facts.listed.append(known)
        if link.role in ("web", "network"):
            facts.original.append(known)
    for row in bundle.seasons:
        _add_season(facts, row.number, row.premiere_date, row.src)
    by_season: dict[int, list[int]] = {}
    first_aired: dict[int, date] = {}
    episode_src: dict[int, SourceRef] = {}
    for ep in bundle.episodes:
        if ep.season is None or ep.number is None or not 1 <= ep.season <= MAX_SEASON:
            continue
        by_season.setdefault(ep.season, []).append(ep.number)
        episode_src[ep.season] = ep.src
        if ep.airdate and ep.number == 1:
            first_aired[ep.season] = ep.airdate
    premiered = next(
        (_day(r.data.get("premiered")) for r in bundle.records if r.source == "tvmaze"), None
    )
    if premiered is not None and first_aired.get(1) == premiered:
        facts.began_streaming = any(link.role == "web" for link in bundle.platforms)
    for season, numbers in by_season.items():
        src = episode_src[season]
        facts.episode_rows[season] = Known((len(set(numbers)), max(numbers)), src)
        _add_season(facts, season, first_aired.get(season), src)
    for record in bundle.records:
        data = record.data
        for name in ("seasons", "number_of_seasons"):
            count = _int(data.get(name))
            if count and 1 <= count <= MAX_SEASON:
                facts.season_counts.append(Known(count, record.src))
        for name in ("episodes", "number_of_episodes"):
            total = _int(data.get(name))
            if total and record.source in ("tmdb", "wikidata"):
                facts.total_episodes.append(Known(total, record.src))
        if record.source in PREMIERE_SOURCES:
            for name in ("premiered", "first_air_date", "start"):
                day = _day(data.get(name))
                if day is not None:
                    facts.premieres.append(Known(day, record.src))
        if record.year and record.source not in PREMIERE_SOURCES:
            facts.listing_years.append(Known(record.year, record.src))
        for author in data.get("based_on_authors") or []:
            if isinstance(author, str) and author:
                facts.based_on.append(Known(author, record.src))
        description = data.get("summary") or data.get("description")
        if isinstance(description, str):
            _based_on_text(facts, plain_text(description), record.src)
    if bundle.summary:
        _based_on_text(facts, plain_text(bundle.summary), bundle.src)
    for reading in sorted(bundle.statuses, key=lambda r: r.read_at):
        facts.statuses[reading.source] = Known(reading.status, reading.src)
    for credit in bundle.credits:
        if credit.kind == "cast":
            facts.cast.append(Known((credit.person_name, credit.part), credit.src))
        else:
            facts.crew.append(Known((credit.person_name, credit.part), credit.src))
            if credit.part.casefold() in _SOURCE_ROLES:
                facts.based_on.append(Known(credit.person_name, credit.src))


def _based_on_text(facts: ShowFacts, text: str, src: SourceRef) -> None:
    """ "Based on Julia Quinn's novels" in a source's summary names the source's author."""
    for m in _BASED_ON.finditer(text):
        name = (m.group("owner") or m.group("by") or "").strip()
        if name and " " in name and all(k.value != name for k in facts.based_on):
            facts.based_on.append(Known(name, src))
