"""What readers hand to entity resolution: fragments of shows, each from one source.

A :class:`Fragment` is everything one source says about one show (a one-record
:class:`~nextseason.model.ShowBundle`) plus the :class:`Match` keys resolution may use to
find that show among those already known. A :class:`SourceRead` is one reader's output:
its fragments and the counts the build report shows (rows read per file, rows skipped and
why).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from nextseason.model import ShowBundle, SourceRef

__all__ = ["Fragment", "Match", "Policy", "SourceRead", "YearSpan"]

#: How a fragment may join a known show (the rules are in resolve.py):
#: "tvmaze" (by TVmaze id only), "catalog" (IMDb id, else title + year), "renewal" (title +
#: the years and network of the seasons it lists; never joins a namesake), "name_map" (title +
#: channel or country, where certain), "netflix_chart" (title + linked to Netflix), "buzz"
#: (title + platform, never creates a show).
Policy = Literal["tvmaze", "catalog", "renewal", "name_map", "netflix_chart", "buzz"]


@dataclass(frozen=True, slots=True)
class YearSpan:
    """The years a show may have premiered in, both ends included."""

    lo: int
    hi: int

    @classmethod
    def exact(cls, year: int) -> YearSpan:
        return cls(year, year)

    def meets(self, other: YearSpan) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def narrowed(self, other: YearSpan) -> YearSpan:
        """The overlap; self when there is none (a joined id may disagree with a year)."""
        if not self.meets(other):
            return self
        return YearSpan(max(self.lo, other.lo), min(self.hi, other.hi))


@dataclass(frozen=True, slots=True)
class Match:
    """What resolution may use to find a fragment's show."""

    policy: Policy
    keys: tuple[str, ...]  # title_key() of the title, then of alternative titles
    tvmaze_id: str | None = None
    imdb: str | None = None
    years: YearSpan | None = None
    #: the original channel (network or web channel), canonical names; name map and buzz rows
    platforms: tuple[str, ...] = ()
    #: a name-map entry with a web channel and no network: a streaming original, which is
    #: exclusive to its service
    exclusive: str | None = None
    tmdb_id: str | None = None
    #: the years the show is known to have aired in (first, last; last None while running)
    run: tuple[int, int | None] | None = None
    #: a year in which the show was available or aired (a 2021 catalog's ``release_year``:
    #: the premiere or a later season), to be checked against a known run
    aired_in: int | None = None
    #: ISO codes of the show's countries, or of its channel's
    countries: tuple[str, ...] = ()


@dataclass(slots=True)
class Fragment:
    bundle: ShowBundle
    match: Match
    rows: int = 1  # raw rows folded into this fragment

    @property
    def source(self) -> str:
        return self.bundle.records[0].source


@dataclass(slots=True)
class SourceRead:
    """A reader's output for one source."""

    source: str
    refs: list[SourceRef] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)  # raw file -> rows read
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> rows
    fragments: list[Fragment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return sum(self.files.values())

    @property
    def rows_used(self) -> int:
        return sum(f.rows for f in self.fragments)
