"""Entity resolution: which rows of which files are the same show.

Sources are resolved in a fixed order, each fragment (one source's view of one show) either
joining exactly one show already known or becoming a show of its own:

1. TVmaze web schedule. One show per TVmaze id; two ids are two shows, whatever their names.
2. Netflix 2022 (victorsoeiro), then the 2021 catalogs of Netflix, Hulu, Prime Video and
   Disney+ (Shivam Bansal). A row joins the show with the same IMDb id (only the TVmaze and
   2022 files have IMDb ids). Otherwise it joins the one show with the same title key whose
   premiere year is compatible: the 2022 ``release_year`` is the premiere year (+-1 for
   late-December premieres), while a 2021 ``release_year`` may be the year of the show's
   latest season, so a 2021 row of a show with ``n`` seasons is compatible with a premiere in
   [release_year - n - 1, release_year + 1], i.e. release_year in [premiere - 1,
   premiere + n + 1]. Checked on the 1,612 Netflix 2021 shows whose title matches exactly one
   2022 show: 1,560 fall inside the window; the other 52 (3%) are kept apart, e.g. "Okupas",
   a 1-season show from 2000 that the 2021 catalog dates 2020, the year Netflix added it.
3. Netflix Top 10, then the engagement reports: a title joins the one show of that title
   linked to Netflix (in a Netflix catalog, or with Netflix as its web channel); if there is
   none a Netflix show is created (these are real Netflix titles); if there are several the
   title is kept apart as its own show. Netflix names each title once across its own lists
   (namesakes get a year: "Suits (2011)"), so an engagement title first joins the show that
   holds the same Top 10 title, if exactly one does.
4. The TVmaze show index (name -> network / web channel, no ids, no years): an entry joins
   the show with its title key only when exactly one show has it and that show's original
   channel, if it has one, is one of the entry's. An original of Netflix, Prime Video, Hulu
   or Disney+ (a web channel, no network) joins a show that is in streaming catalogs only if
   it is in its own service's catalog and no other: "Avatar: The Last Airbender" of the
   index is Netflix's 2024 series, not the cartoon in the Netflix and Prime Video catalogs.
   Otherwise the entry becomes a show of its own (title and channel only).
5. Reddit counts: a row joins the one show with its title key whose network or web channel
   is the row's; rows never create shows.

Never merge two different shows: a fragment is kept apart when it matches more than one show
("ambiguous"), when the only shows with its title have an incompatible year, a different IMDb
or TVmaze id, or already hold a row of the same file ("separate"; one file listing a title
twice lists two shows). Two shows with the same title and different years stay two shows.

Known limits: the index is keyed by name, so it holds one show per name, sometimes a
namesake of the catalogs' show ("The Office" is the Arabic Shahid series; "Love" is MBC's), and
an entry with a network joins a catalog-only namesake since nothing tells them apart; a long
series' wide year window can join two catalogs' namesakes (the Korean "Suits" of the Netflix
2021 catalog and the US one of Prime Video's).

Titles are matched on :func:`~nextseason.catalog.writes.title_key` (the catalog's
``title_key``; a non-Latin title keeps its letters instead of folding to nothing), over every
title a show is known by (TVmaze's name, the catalogs' titles, translated chart titles).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypeVar

from nextseason.errors import BuildError
from nextseason.importers.fragments import Fragment, SourceRead, YearSpan
from nextseason.model import (
    CreditRecord,
    EpisodeRecord,
    InterestRecord,
    PlatformLink,
    SeasonRecord,
    ShowBundle,
    StatusRecord,
)
from nextseason.platforms import CATALOG_SERVICES, NETFLIX, platform_name
from nextseason.provenance import rank

__all__ = ["Outcome", "Resolver", "Tally"]

_T = TypeVar("_T")
Outcome = Literal["joined", "new", "separate", "ambiguous", "unmatched"]

_JOIN_RULE = {
    "catalog": "title + compatible year",
    "name_map": "title + original channel",
    "netflix_chart": "title + Netflix link",
    "buzz": "title + channel",
}


@dataclass(slots=True)
class Tally:
    """What became of one source's fragments (records)."""

    records: int = 0
    joined: int = 0
    joined_by: Counter[str] = field(default_factory=Counter)
    new: int = 0  # nothing had the title: a show of its own
    separate: int = 0  # shows had the title but not a compatible year, id or channel
    ambiguous: int = 0  # several shows matched: kept apart (dropped for buzz rows)
    unmatched: int = 0  # buzz rows with no show (they never create one)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, outcome: str, title: str) -> None:
        found = self.examples.setdefault(outcome, [])
        if len(found) < 5:
            found.append(title)


@dataclass(slots=True)
class _Show:
    fragments: list[Fragment] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    years: YearSpan | None = None
    imdb: str | None = None
    tvmaze_id: str | None = None
    originals: set[str] = field(default_factory=set)  # network / web channel names
    services: set[str] = field(default_factory=set)  # streaming catalogs it is in
    sources: set[str] = field(default_factory=set)
    chart_titles: set[tuple[str, int | None]] = field(default_factory=set)


@dataclass(slots=True)
class _Compose:
    """Counts of facts dropped while composing bundles (collisions between sources)."""

    ids_dropped: int = 0
    interest_collisions: int = 0


class Resolver:
    """Feeds fragments in source order; :meth:`bundles` composes one bundle per show."""

    def __init__(self) -> None:
        self._shows: list[_Show] = []
        self._by_key: dict[str, list[int]] = {}
        self._by_imdb: dict[str, int] = {}
        self._by_tvmaze: dict[str, int] = {}
        self.tallies: dict[str, Tally] = {}
        self.composed = _Compose()

    # -- resolution ----------------------------------------------------------------------

    def add(self, read: SourceRead) -> Tally:
        tally = self.tallies.setdefault(read.source, Tally())
        for fragment in read.fragments:
            tally.records += 1
            outcome, index, rule = self._place(fragment)
            if outcome == "joined":
                assert index is not None
                tally.joined += 1
                tally.joined_by[rule] += 1
                self._attach(index, fragment)
                continue
            setattr(tally, outcome, getattr(tally, outcome) + 1)
            tally.note(outcome, fragment.bundle.title)
            if fragment.match.policy != "buzz":
                self._attach(None, fragment)
        return tally

    def _place(self, fragment: Fragment) -> tuple[Outcome, int | None, str]:
        match = fragment.match
        if match.policy == "tvmaze":
            known = self._by_tvmaze.get(match.tvmaze_id or "")
            return ("joined", known, "tvmaze id") if known is not None else ("new", None, "")
        if match.imdb and match.imdb in self._by_imdb:
            known = self._by_imdb[match.imdb]
            if fragment.source not in self._shows[known].sources:
                return "joined", known, "imdb id"
        candidates = sorted({i for key in match.keys if key for i in self._by_key.get(key, ())})
        if match.policy == "netflix_chart":
            # Netflix names each title once across its own charts (namesakes get a year):
            # the Top 10's and the engagement report's "Top Boy" are one show.
            title = (match.keys[0], fragment.bundle.year)
            same = [
                i
                for i in candidates
                if title in self._shows[i].chart_titles
                and fragment.source not in self._shows[i].sources
            ]
            if len(same) == 1:
                return "joined", same[0], "same Netflix title"
        fits = [i for i in candidates if self._fits(fragment, self._shows[i])]
        if len(fits) == 1:
            return "joined", fits[0], _JOIN_RULE[match.policy]
        if len(fits) > 1:
            return "ambiguous", None, ""
        if match.policy == "buzz":
            return "unmatched", None, ""
        return ("separate" if candidates else "new"), None, ""

    def _fits(self, fragment: Fragment, show: _Show) -> bool:
        match = fragment.match
        if fragment.source in show.sources:
            return False
        if match.imdb and show.imdb and match.imdb != show.imdb:
            return False
        if match.years and show.years and not match.years.meets(show.years):
            return False
        if match.policy == "catalog":
            return True
        if match.policy == "netflix_chart":
            return NETFLIX in show.originals or NETFLIX in show.services
        if match.policy == "buzz":
            return bool(show.originals.intersection(match.platforms))
        # name_map: the show's original channel, if known, must be one of the entry's
        if show.originals:
            return not match.platforms or bool(show.originals.intersection(match.platforms))
        # An original of a service whose catalog we hold is in that catalog, and only there:
        # "Avatar: The Last Airbender" of the index is Netflix's 2024 series, not the cartoon
        # in the Netflix and Prime Video catalogs. Originals of other services (Tencent,
        # BBC iPlayer...) are routinely licensed to Netflix, so no such test for them.
        exclusive = match.exclusive
        return not (
            exclusive in CATALOG_SERVICES and show.services and show.services != {exclusive}
        )

    def _attach(self, index: int | None, fragment: Fragment) -> None:
        if index is None:
            index = len(self._shows)
            self._shows.append(_Show())
        show = self._shows[index]
        show.fragments.append(fragment)
        show.sources.add(fragment.source)
        match = fragment.match
        for key in match.keys:
            if key and key not in show.keys:
                show.keys.add(key)
                self._by_key.setdefault(key, []).append(index)
        if match.years:
            show.years = show.years.narrowed(match.years) if show.years else match.years
        if match.imdb and show.imdb is None and match.imdb not in self._by_imdb:
            show.imdb = match.imdb
            self._by_imdb[match.imdb] = index
        if match.policy == "netflix_chart":
            show.chart_titles.add((match.keys[0], fragment.bundle.year))
        if match.tvmaze_id and show.tvmaze_id is None:
            show.tvmaze_id = match.tvmaze_id
            self._by_tvmaze[match.tvmaze_id] = index
        for link in fragment.bundle.platforms:
            name = platform_name(link.platform.name)
            if name is None:
                continue
            (show.services if link.role == "catalog" else show.originals).add(name)

    # -- composition ---------------------------------------------------------------------

    def bundles(self) -> list[ShowBundle]:
        """One bundle per show, in creation order; ids and record keys unique across shows."""
        used_ids: set[tuple[str, str]] = set()
        used_records: set[tuple[str, str]] = set()
        out = []
        for show in self._shows:
            bundle = self._compose(show)
            for key in [(r.source, r.source_key) for r in bundle.records]:
                if key in used_records:
                    raise BuildError(f"two shows hold the {key[0]} row {key[1]!r}")
                used_records.add(key)
            for scheme, value in list(bundle.external_ids.items()):
                if (scheme, value) in used_ids:
                    # An id names one show; a second holder (a TVmaze data error) drops it.
                    del bundle.external_ids[scheme]
                    self.composed.ids_dropped += 1
                used_ids.add((scheme, value))
            out.append(bundle)
        return out

    def multi_source(self) -> Counter[int]:
        """How many shows are described by 1, 2, 3... sources."""
        return Counter(len(show.sources) for show in self._shows)

    def _compose(self, show: _Show) -> ShowBundle:
        parts = sorted(show.fragments, key=lambda f: rank(f.source))
        best = parts[0].bundle
        bundles = [f.bundle for f in parts]
        ids: dict[str, str] = {}
        for b in bundles:
            for scheme, value in b.external_ids.items():
                ids.setdefault(scheme, value)
        return ShowBundle(
            title=best.title,
            src=best.src,
            year=_pick(b.year for b in bundles),
            kind=_pick(b.kind for b in bundles) or "TV Show",
            language=_pick(b.language for b in bundles),
            country=_pick(b.country for b in bundles),
            premiered=_pick(b.premiered for b in bundles),
            ended=_pick(b.ended for b in bundles),
            status=_pick(b.status for b in bundles),
            summary=_pick(b.summary for b in bundles),
            genres=list(next((b.genres for b in bundles if b.genres), [])),
            runtime=_pick(b.runtime for b in bundles),
            official_site=_pick(b.official_site for b in bundles),
            platform=_pick(b.platform for b in bundles),
            external_ids=ids,
            records=[r for b in bundles for r in b.records],
            platforms=_links(b.platforms for b in bundles),
            seasons=_seasons(b.seasons for b in bundles),
            episodes=_unique_episodes(b.episodes for b in bundles),
            credits=_unique_credits(b.credits for b in bundles),
            interest=self._unique_interest(b.interest for b in bundles),
            statuses=_unique_statuses(b.statuses for b in bundles),
        )

    def _unique_interest(self, groups: Iterable[list[InterestRecord]]) -> list[InterestRecord]:
        seen: set[tuple[str, str, int, str, date]] = set()
        out = []
        for point in (p for group in groups for p in group):
            key = (point.source, point.metric, point.season, point.period, point.day)
            if key in seen:
                # Two chart titles resolved to one show and one week: the first is kept.
                self.composed.interest_collisions += 1
                continue
            seen.add(key)
            out.append(point)
        return out


def _pick(values: Iterable[_T | None]) -> _T | None:
    return next((v for v in values if v is not None), None)


def _links(groups: Iterable[list[PlatformLink]]) -> list[PlatformLink]:
    """One link per platform and role: the best-ranked source's, the latest ``as_of``."""
    chosen: dict[tuple[str, str, str], PlatformLink] = {}
    for link in (link for group in groups for link in group):
        key = (link.platform.name, link.platform.kind, link.role)
        held = chosen.get(key)
        if held is None or (link.as_of and (held.as_of is None or link.as_of > held.as_of)):
            chosen[key] = link
    return list(chosen.values())


def _seasons(groups: Iterable[list[SeasonRecord]]) -> list[SeasonRecord]:
    """One record per season number: one with a premiere date first, then source rank."""
    chosen: dict[int, SeasonRecord] = {}
    for season in (s for group in groups for s in group):
        held = chosen.get(season.number)
        if held is None or (held.premiere_date is None and season.premiere_date is not None):
            chosen[season.number] = season
    return [chosen[n] for n in sorted(chosen)]


def _unique_episodes(groups: Iterable[list[EpisodeRecord]]) -> list[EpisodeRecord]:
    chosen: dict[str, EpisodeRecord] = {}
    for episode in (e for group in groups for e in group):
        chosen.setdefault(episode.key, episode)
    return list(chosen.values())


def _unique_credits(groups: Iterable[list[CreditRecord]]) -> list[CreditRecord]:
    chosen: dict[tuple[str, str, str], CreditRecord] = {}
    for credit in (c for group in groups for c in group):
        chosen.setdefault(
            (credit.person_key or credit.person_name, credit.kind, credit.part), credit
        )
    return list(chosen.values())


def _unique_statuses(groups: Iterable[list[StatusRecord]]) -> list[StatusRecord]:
    chosen: dict[tuple[str, object], StatusRecord] = {}
    for status in (s for group in groups for s in group):
        chosen.setdefault((status.source, status.read_at), status)
    return list(chosen.values())
