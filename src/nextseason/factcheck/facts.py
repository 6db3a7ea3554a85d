"""What the catalog knows about a show, in the shape claims are checked against.

One :class:`ShowFacts` gathers every catalog entry a link stands for (a show split across
sources counts as one), each fact with the :class:`~nextseason.model.SourceRef` it came
from. Nothing here decides a verdict; :mod:`nextseason.factcheck.verify` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from nextseason.analysis.status import facts_from_bundle
from nextseason.model import ShowBundle, SourceRef, StatusFacts, StatusRecord
from nextseason.platforms import platform_family
from nextseason.text import plain_text

__all__ = ["Known", "Reading", "ShowFacts", "show_facts"]

#: Season numbers above this are years or broadcast numbering, not seasons.
MAX_SEASON = 60
#: Sources whose premiere date is the show's first airing anywhere.
PREMIERE_SOURCES = ("tvmaze", "tmdb", "wikidata")
#: Sources whose status is the show's listed state when read, not an announced decision.
LISTING_SOURCES = ("tvmaze", "tmdb", "wikidata", "tvmaze_index")
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


@dataclass(frozen=True, slots=True)
class Reading:
    """A source's word on the show's status, with the season and network it speaks of.

    Announcement sources (Metacritic's renewal scorecards, TV Ratings Predictions) say what
    was decided after a season: ``status`` "renewed", "cancelled", "final season", ...,
    ``season`` the season that decision follows, ``network`` who decided, ``announced`` the
    day it was announced when the source dates it. Listing sources (TVmaze, TMDB) give the
    show's state on the day they were read.
    """

    source: str
    status: str
    read_at: date
    src: SourceRef
    season: int | None = None
    network: str | None = None
    announced: date | None = None
    said: str | None = None

    @property
    def known(self) -> Known:
        return Known(self.status, self.src)

    @property
    def decision(self) -> str | None:
        """What was announced after the season: "renewed" (a next season ordered, perhaps
        the final one), "final" (this season is the last), "cancelled", "moved" (cancelled
        by this network, picked up by another), "miniseries"; None for a listing source's
        state or a reading that announces nothing ("undecided", "presumed cancelled")."""
        if self.source in LISTING_SOURCES:
            return None
        words = self.status.casefold()
        if "presumed" in words or "undecided" in words or "reversed" in words or "never" in words:
            return None
        if "moved" in words or "picked up by" in words:
            return "moved"
        if "renew" in words or "picked up" in words or "ordered" in words:
            return "renewed"  # "renewed for a final season": the next one is ordered
        if "final" in words or "ending" in words or words.startswith("end"):
            return "final"
        if "cancel" in words:
            return "cancelled"
        if "mini" in words or "limited" in words:
            return "miniseries"
        return None

    @property
    def final_next(self) -> bool:
        """A renewal for a final season: the season after this one is the last."""
        return self.decision == "renewed" and "final" in self.status.casefold()

    @property
    def when(self) -> date:
        """The day the reading speaks from: its announcement when dated, else its reading."""
        return self.announced or self.read_at


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
    readings: list[Reading] = field(default_factory=list)  # every status reading, oldest first
    status_facts: StatusFacts | None = None
    cast: list[Known] = field(default_factory=list)  # value: (name, character)
    crew: list[Known] = field(default_factory=list)  # value: (name, role)
    based_on: list[Known] = field(default_factory=list)  # value: author name
    #: TVmaze's streaming schedule shows the first episode on the show's premiere day: it
    #: began on its streaming channel, so no earlier network run hides behind it.
    began_streaming: bool = False
    #: The countries the show is from (ISO codes, as its sources give them).
    countries: set[str] = field(default_factory=set)

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

    def season_networks(self) -> dict[int, str]:
        """The network family that aired each season, where announcement sources say."""
        out: dict[int, str] = {}
        for reading in self.readings:
            if reading.season is not None and reading.network:
                out[reading.season] = platform_family(reading.network)
        return out

    def decisions(self) -> list[Reading]:
        """Announced decisions (renewed, cancelled, final season), oldest first."""
        return [r for r in self.readings if r.decision is not None]

    def as_of(self, day: date) -> ShowFacts:
        """The facts as they stood on ``day``: seasons that had premiered, counts and
        statuses read by then, decisions announced by then. Who was in the cast, who made
        the show and where it first aired do not change, and stay."""
        then = replace(self)
        then.season_rows = {}
        for number, rows in self.season_rows.items():
            kept = [
                k
                for k in rows
                if (k.value is not None and k.value <= day) or (k.value is None and k.as_of <= day)
            ]
            if kept:
                then.season_rows[number] = kept
        then.season_counts = [k for k in self.season_counts if k.as_of <= day]
        then.episode_rows = {
            n: k for n, k in self.episode_rows.items() if n in then.season_rows or k.as_of <= day
        }
        then.total_episodes = [k for k in self.total_episodes if k.as_of <= day]
        then.premieres = [k for k in self.premieres if k.value <= day]
        then.listing_years = [k for k in self.listing_years if k.value <= day.year]
        then.readings = [r for r in self.readings if r.when <= day]
        then.statuses = {}
        for reading in then.readings:
            then.statuses[reading.source] = reading.known
        then.status_facts = None  # the status rules read today's evidence
        return then

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
    facts.readings.sort(key=lambda r: (r.when, r.read_at))
    with_status = [b for b in bundles if b.statuses or b.status]
    facts.status_facts = facts_from_bundle(with_status[0] if with_status else primary)
    return facts


def _gather(facts: ShowFacts, bundle: ShowBundle) -> None:
    if bundle.country:
        facts.countries.update(c.strip().upper() for c in bundle.country.split(",") if c.strip())
    for link in bundle.platforms:
        known = Known(_platform_value(link.platform.name, link.platform.kind), link.src)
        facts.listed.append(known)
        if link.role in ("web", "network"):
            facts.original.append(known)
    for row in bundle.seasons:
        # A platform that did not make the show releasing a season ("on Netflix from
        # 2017-07-23") is no premiere: the season exists, its premiere is not that date.
        released_elsewhere = getattr(row, "release_platform", None)
        _add_season(facts, row.number, None if released_elsewhere else row.premiere_date, row.src)
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
    for status in sorted(bundle.statuses, key=lambda r: r.read_at):
        reading = _reading(status)
        facts.readings.append(reading)
        facts.statuses[reading.source] = reading.known
    for credit in bundle.credits:
        if credit.kind == "cast":
            facts.cast.append(Known((credit.person_name, credit.part), credit.src))
        else:
            facts.crew.append(Known((credit.person_name, credit.part), credit.src))
            if credit.part.casefold() in _SOURCE_ROLES:
                facts.based_on.append(Known(credit.person_name, credit.src))


def _reading(record: StatusRecord) -> Reading:
    details = record.details or {}
    season = _int(getattr(record, "season", None)) or _int(details.get("season"))
    network = details.get("network")
    said = details.get("said")
    if isinstance(said, str) and isinstance(network, str) and "moved" in record.status:
        # "Canceled by FOX, Renewed by ABC": the season aired on the network that let it go.
        by = re.search(r"cancell?ed\s+by\s+([A-Z][\w+&!]*(?:\s+[A-Z][\w+&!]*)?)", said, re.I)
        if by:
            network = by.group(1)
    return Reading(
        record.source,
        record.status,
        record.read_at.date(),
        record.src,
        season=season if season and 1 <= season <= MAX_SEASON else None,
        network=network if isinstance(network, str) and network else None,
        announced=_day(details.get("announced")),
        said=said if isinstance(said, str) else None,
    )


def _based_on_text(facts: ShowFacts, text: str, src: SourceRef) -> None:
    """ "Based on Julia Quinn's novels" in a source's summary names the source's author."""
    for m in _BASED_ON.finditer(text):
        name = (m.group("owner") or m.group("by") or "").strip()
        if name and " " in name and all(k.value != name for k in facts.based_on):
            facts.based_on.append(Known(name, src))
