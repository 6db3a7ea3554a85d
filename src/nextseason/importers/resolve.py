"""Entity resolution: which rows of which files are the same show.

Sources are resolved in a fixed order (bundled.py), each fragment (one source's view of one
show) either joining exactly one show already known, becoming a show of its own, or, when
it cannot be placed with certainty, being kept out and counted. An uncertain match becomes
no fact at all rather than a wrong one.

1. Ids decide first. A TVmaze id, an IMDb id (TVmaze, OMDb, Netflix 2022) or a TMDB id names
   one show: a fragment with the id of a known show joins it; two different ids of the same
   scheme are two shows, whatever their titles.
2. Otherwise the candidates are the shows with the fragment's title key (any title a source
   gives them; "The Office (U.S.)" is "The Office" with the country US). A candidate is
   *excluded* by any contradiction: another id of the same scheme, a premiere year outside the
   fragment's window, a year the fragment says the show aired in that falls outside the
   show's known run, countries that do not overlap, channels that do not overlap, or a row
   of the same file already held (one file lists a show once).
3. Each remaining candidate scores its agreements: a channel in common (+2), a country in
   common (+1), premiere years both known to within a year (+1), a Netflix link for a Netflix
   chart title (+2). The fragment joins the best candidate when it is the only one, or
   strictly ahead of the next, and has the evidence its source's policy asks for:
   - ``catalog`` (the 2021 and 2022 streaming catalogs, OMDb and TMDB by title): title and
     year alone when one candidate is left, some agreement when several are;
   - ``renewal`` (the Metacritic scorecards, TV Ratings Predictions): at least one agreement;
     a show they cannot place is kept out and counted, never given to a namesake;
   - ``name_map`` (the TVmaze show index: a name and the network TVmaze lists): a channel or
     country in common; an uncertain entry is kept out;
   - ``netflix_chart`` (Top 10, engagement reports): one candidate (a licensed show), or a
     Netflix link or a year that tells it from the others; namesakes Netflix itself tells
     apart ("Suits (2011)") carry their year;
   - ``buzz`` (r/television counts): a channel in common; rows never create shows.
4. A fragment no show fits becomes a show of its own; one that several fit equally is kept
   apart as its own show (catalog and chart rows, which hold their own facts) or kept out
   (renewal, name-map and buzz rows, which would only add a namesake's facts).

Composition (:meth:`Resolver.bundles`) then takes each field from the most trusted source
that has it (:func:`~nextseason.provenance.rank`) and records which source that was,
so every reconciled fact names the file it came from; credits merge to one row per person
(:func:`~nextseason.people.merge_credits`); a chart's release date of a season is a
premiere only where Netflix made the show.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal, TypeVar

from nextseason.errors import BuildError
from nextseason.importers.countries import country_code
from nextseason.importers.fragments import Fragment, Policy, SourceRead, YearSpan
from nextseason.model import (
    EpisodeRecord,
    InterestRecord,
    PlatformLink,
    PlatformRef,
    SeasonRecord,
    ShowBundle,
    SourceRef,
    StatusRecord,
)
from nextseason.people import merge_credits
from nextseason.platforms import (
    CATALOG_SERVICES,
    CHANNEL_START,
    NETFLIX,
    catalog_platform,
    platform_name,
)
from nextseason.provenance import METACRITIC, TV_RATINGS, rank
from nextseason.text import title_key

__all__ = ["Outcome", "Resolver", "Tally"]

_T = TypeVar("_T")
Outcome = Literal["joined", "new", "separate", "ambiguous", "uncertain", "unmatched"]

_JOIN_RULE: dict[Policy, str] = {
    "catalog": "title + year",
    "renewal": "title + years + network",
    "name_map": "title + channel or country",
    "netflix_chart": "title + Netflix link",
    "buzz": "title + channel",
    "tvmaze": "tvmaze id",
}
#: Agreements a policy asks of the only candidate left, and of the best of several.
_NEED_SINGLE: dict[Policy, int] = {
    "catalog": 0,
    "netflix_chart": 0,
    "renewal": 1,
    "name_map": 1,
    "buzz": 2,
    "tvmaze": 99,
}
_NEED_BEST: dict[Policy, int] = {
    "catalog": 1,
    "netflix_chart": 1,
    "renewal": 1,
    "name_map": 2,
    "buzz": 2,
    "tvmaze": 99,
}
#: Policies whose fragments are kept apart as a show of their own when several shows fit
#: equally (a TVmaze id is a show). Any other such fragment is kept out: a record that may
#: be either of two shows would be a third record of the same title, a split.
_KEEP_APART: frozenset[Policy] = frozenset({"tvmaze"})
#: The renewal files, which follow the US market.
_US_MARKET = frozenset({METACRITIC, TV_RATINGS})
#: The sources whose year is the premiere year, in order of trust. The 2022 Netflix file's
#: ``release_year`` equals TVmaze's premiere year (netflix_2022.py); OMDb's start year is
#: IMDb's, which counts a preview or festival screening ("Lucifer (2015-)").
_YEAR_SOURCES = ("tvmaze", "tmdb_2025", "netflix_catalog_2022", "omdb_series")


@dataclass(slots=True)
class Tally:
    """What became of one source's fragments (records)."""

    records: int = 0
    joined: int = 0
    joined_by: Counter[str] = field(default_factory=Counter)
    new: int = 0  # nothing had the title: a show of its own
    separate: int = 0  # shows had the title, none fit: a show of its own (a namesake)
    ambiguous: int = 0  # several shows fit equally: kept apart (or out, see _KEEP_APART)
    uncertain: int = 0  # one show fits, with too little evidence: kept out
    unmatched: int = 0  # buzz rows with no show (they never create one)
    kept_out: int = 0  # fragments not stored at all (ambiguous or uncertain, see above)
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
    run: tuple[int, int | None] | None = None
    imdb: str | None = None
    tvmaze_id: str | None = None
    tmdb_id: str | None = None
    originals: set[str] = field(default_factory=set)  # network / web channel it premiered on
    channels: set[str] = field(default_factory=set)  # every channel it aired or is listed on
    us_channels: set[str] = field(default_factory=set)  # its US channels, per the renewal files
    services: set[str] = field(default_factory=set)  # streaming catalogs it is in
    countries: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    chart_titles: set[tuple[str, int | None]] = field(default_factory=set)


@dataclass(slots=True)
class _Compose:
    """Counts of facts dropped while composing bundles (collisions between sources)."""

    ids_dropped: int = 0
    interest_collisions: int = 0
    credits_merged: int = 0  # credit rows folded into another of the same person


class Resolver:
    """Feeds fragments in source order; :meth:`bundles` composes one bundle per show."""

    def __init__(self) -> None:
        self._shows: list[_Show] = []
        self._by_key: dict[str, list[int]] = {}
        self._by_id: dict[tuple[str, str], int] = {}
        self.tallies: dict[str, Tally] = {}
        self.composed = _Compose()
        self._deferred: list[tuple[Fragment, str]] = []

    # -- resolution ----------------------------------------------------------------------

    def know(self, show: ShowBundle) -> int:
        """Register a show already in a catalog (an import places new rows among the
        catalog's shows with the same rules as the bundled build); returns its index."""
        index = len(self._shows)
        known = _Show(sources={r.source for r in show.records})
        self._shows.append(known)
        for key in {title_key(show.title), *(title_key(r.title) for r in show.records)}:
            if key:
                known.keys.add(key)
                self._by_key.setdefault(key, []).append(index)
        for record in show.records:
            names = [*(record.data.get("aliases") or ()), record.data.get("original_name")]
            for alias in (name for name in names if name):
                key = title_key(str(alias))
                if key and key not in known.keys:
                    known.keys.add(key)
                    self._by_key.setdefault(key, []).append(index)
            if record.source in ("netflix_top10", "netflix_engagement"):
                known.chart_titles.add((title_key(record.title), record.year))
        if show.year is not None:
            known.years = YearSpan(show.year - 1, show.year + 1)
        code = country_code(show.country)
        if code:
            known.countries.add(code)
        for link in show.platforms:
            name = platform_name(link.platform.name)
            if name is None:
                continue
            if link.role == "catalog":
                known.services.add(name)
            elif link.role in ("network", "web"):
                known.originals.add(name)
            elif link.role == "listed":
                known.channels.add(name)
        return index

    def place(self, fragment: Fragment) -> tuple[Outcome, int | None, str]:
        """Where a fragment goes among the shows known so far (an index of :meth:`know`),
        without storing it; :meth:`hold` then marks the show as holding the fragment's file."""
        return self._place(fragment)

    def hold(self, index: int, source: str) -> None:
        self._shows[index].sources.add(source)

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
            policy = fragment.match.policy
            stored = outcome in ("new", "separate") and policy != "buzz"
            if stored or (outcome == "ambiguous" and policy in _KEEP_APART):
                self._attach(None, fragment)
            elif outcome != "unmatched":
                tally.kept_out += 1
                if policy == "netflix_chart":
                    self._deferred.append((fragment, outcome))
        return tally

    def settle(self) -> None:
        """Place once more the chart titles kept out, now that every file is read.

        The Top 10 and the engagement reports name each other's titles ("same Netflix
        title"): a title kept out for want of the other chart's title is placed as an
        import of the same file into the finished catalog would place it."""
        deferred, self._deferred = self._deferred, []
        for fragment, before in deferred:
            outcome, index, rule = self._place(fragment)
            if outcome != "joined" or index is None:
                continue
            tally = self.tallies[fragment.source]
            setattr(tally, before, getattr(tally, before) - 1)
            tally.kept_out -= 1
            tally.joined += 1
            tally.joined_by[rule] += 1
            self._attach(index, fragment)

    def _ids(self, fragment: Fragment) -> list[tuple[str, str]]:
        match = fragment.match
        pairs = [("tvmaze", match.tvmaze_id), ("imdb", match.imdb), ("tmdb", match.tmdb_id)]
        return [(scheme, value) for scheme, value in pairs if value]

    def _place(self, fragment: Fragment) -> tuple[Outcome, int | None, str]:
        match = fragment.match
        for scheme, value in self._ids(fragment):
            known = self._by_id.get((scheme, value))
            if known is not None and fragment.source not in self._shows[known].sources:
                return "joined", known, f"{scheme} id"
        if match.policy == "tvmaze":
            return "new", None, ""
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
        scored = [
            (score, i)
            for i in candidates
            if (score := self._evidence(fragment, self._shows[i])) is not None
        ]
        if not scored:
            if match.policy == "buzz":
                return "unmatched", None, ""
            return ("separate" if candidates else "new"), None, ""
        scored.sort(reverse=True)
        best, index = scored[0]
        ahead = len(scored) == 1 or scored[1][0] < best
        if not ahead:
            return "ambiguous", None, ""
        need = _NEED_SINGLE if len(scored) == 1 else _NEED_BEST
        if best < need[match.policy]:
            return ("uncertain" if len(scored) == 1 else "ambiguous"), None, ""
        return "joined", index, _JOIN_RULE[match.policy]

    def _evidence(self, fragment: Fragment, show: _Show) -> int | None:
        """How many facts of ``fragment`` agree with ``show``; None when one contradicts it."""
        match = fragment.match
        if fragment.source in show.sources:
            return None
        for mine, theirs in (
            (match.imdb, show.imdb),
            (match.tmdb_id, show.tmdb_id),
            (match.tvmaze_id, show.tvmaze_id),
        ):
            if mine and theirs and mine != theirs:
                return None
        if match.aired_in is not None and show.run is not None:
            # A year the show aired in, checked against its known run; the premiere window
            # derived from it is too narrow for a show with gaps between seasons (Sherlock's
            # four seasons span 2010-2017).
            first, last = show.run
            if match.aired_in < first - 1 or (last is not None and match.aired_in > last + 1):
                return None
            if match.years and first > match.years.hi:
                return None  # premiered after the catalog's seasons could have come out
            fits_window = bool(match.years and show.years and match.years.meets(show.years))
        elif match.years and show.years and not match.years.meets(show.years):
            return None
        else:
            fits_window = False
        countries = set(match.countries)
        if countries and show.countries and not countries & show.countries:
            return None
        channels = _channel_keys(match.platforms)
        known = _channel_keys(show.channels | show.originals)
        aired = known | _channel_keys(show.us_channels)
        same_country = bool(countries & show.countries)
        us_market = match.policy == "renewal"
        if channels and known and not channels & aired and not same_country and not us_market:
            # Different channels: a namesake, unless both are known to be of one country
            # (sources name one channel differently: "ABC" and "ABC TV", "iQIYI" and "iQiyi").
            # The renewal files name a show's US channel, which a British show's is not.
            return None
        score = 0
        if channels & aired:
            score += 2
        if same_country:
            score += 1
        if (
            match.years
            and show.years
            and match.years.hi - match.years.lo <= 2
            and show.years.hi - show.years.lo <= 2
        ):
            score += 1
        if (
            match.policy == "netflix_chart"
            and NETFLIX in show.channels | show.originals | show.services
        ):
            score += 2
        if match.policy == "catalog":
            offered = {
                platform_name(link.platform.name)
                for link in fragment.bundle.platforms
                if link.role == "catalog"
            }
            if offered & (show.services | show.originals):
                score += 2  # the same service offers it in another of its files
            if fits_window:
                score += 1  # premiered within the years the catalog's seasons allow
        # A streaming original is in its own service's catalog, and only there: "Avatar:
        # The Last Airbender" of the index is Netflix's 2024 series, not the cartoon in the
        # Netflix and Prime Video catalogs.
        exclusive = match.exclusive in CATALOG_SERVICES and match.policy == "name_map"
        if exclusive and show.services and show.services != {match.exclusive}:
            return None
        if exclusive and show.services == {match.exclusive} and not known:
            score += 2  # in its own service's catalog and charts, and no other
        return score

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
        if match.run and show.run is None:
            show.run = match.run
        for scheme, value in self._ids(fragment):
            attr = {"tvmaze": "tvmaze_id", "imdb": "imdb", "tmdb": "tmdb_id"}[scheme]
            if getattr(show, attr) is None and (scheme, value) not in self._by_id:
                setattr(show, attr, value)
                self._by_id[(scheme, value)] = index
        if match.policy == "netflix_chart":
            show.chart_titles.add((match.keys[0], fragment.bundle.year))
        show.countries.update(match.countries)
        code = country_code(fragment.bundle.country)
        if code:
            show.countries.add(code)
        aired_on = show.us_channels if match.policy == "renewal" else show.channels
        for channel in match.platforms:
            canonical = platform_name(channel)
            if canonical:
                aired_on.add(canonical)
        for link in fragment.bundle.platforms:
            name = platform_name(link.platform.name)
            if name is None:
                continue
            if link.role == "catalog":
                show.services.add(name)
            elif link.role in ("network", "web") and link.src.source in _US_MARKET:
                # A renewal file's first-season network is where the US saw it first: the
                # original for a US show, a US home for a British one. It supports a match;
                # it never rules one out.
                show.us_channels.add(name)
            elif link.role in ("network", "web"):
                show.originals.add(name)
            elif link.role == "listed":
                show.channels.add(name)

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
                    # An id names one show; a second holder (a source's data error) drops it.
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
        bundles = [f.bundle for f in parts]
        picked = _Picker(bundles)
        ids: dict[str, str] = {}
        for b in bundles:
            for scheme, value in b.external_ids.items():
                ids.setdefault(scheme, value)
        year = picked.first("year", order=_YEAR_SOURCES)
        links = _links(b.platforms for b in bundles)
        links = _us_homes_abroad(links, show)
        links = _moved_away(links)
        links += _inferred_original(links, show, year)
        platform = picked.platform(links)
        credits = [c for b in bundles for c in b.credits]
        merged = merge_credits(credits)
        self.composed.credits_merged += len(credits) - len(merged)
        netflix_made = any(
            link.role in ("network", "web") and platform_name(link.platform.name) == NETFLIX
            for link in links
        )
        bundle = ShowBundle(
            title=picked.first("title"),
            src=bundles[0].src,
            year=year,
            kind=picked.first("kind"),
            language=picked.first("language"),
            country=picked.first("country"),
            premiered=picked.first("premiered"),
            ended=picked.first("ended"),
            status=picked.first("status"),
            summary=picked.first("summary"),
            genres=list(picked.first("genres") or []),
            runtime=picked.first("runtime"),
            official_site=picked.first("official_site"),
            platform=platform,
            external_ids=ids,
            records=[r for b in bundles for r in b.records],
            platforms=links,
            seasons=_seasons((b.seasons for b in bundles), netflix_made=netflix_made),
            episodes=_unique_episodes(b.episodes for b in bundles),
            credits=merged,
            interest=self._unique_interest(b.interest for b in bundles),
            statuses=_unique_statuses(b.statuses for b in bundles),
        )
        bundle.field_src = {name: ref for name, ref in picked.sources.items() if ref != bundle.src}
        return bundle

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


def _channel_keys(names: Iterable[str]) -> set[str]:
    """Channels as compared across sources: canonical name (a renamed channel under its new
    name: EPIX is MGM+), case and punctuation folded."""
    return {
        title_key(n) for n in (catalog_platform(name) or platform_name(name) for name in names) if n
    }


class _Picker:
    """Each reconciled field from the most trusted bundle that has it, and from whom."""

    def __init__(self, bundles: list[ShowBundle]) -> None:
        self.bundles = bundles
        self.sources: dict[str, SourceRef] = {}

    def first(self, name: str, *, order: tuple[str, ...] = ()) -> Any:
        ranked = self.bundles
        if order:
            ranked = sorted(
                (b for b in self.bundles if b.src.source in order),
                key=lambda b: order.index(b.src.source),
            )
        for b in ranked:
            value = getattr(b, name)
            if value not in (None, "", []):
                self.sources[name] = b.source_of(name)
                return value
        return None

    def platform(self, links: list[PlatformLink]) -> PlatformRef | None:
        """The channel the show premiered on, else the one a source lists it on."""
        for roles in (("network", "web"), ("listed",)):
            for link in sorted(links, key=_premiere_evidence):
                if link.role in roles:
                    self.sources["platform"] = link.src
                    return link.platform
        return None


#: Sources by how directly they say where a show premiered: a renewal file lists the network
#: of its season 1; TMDB lists the networks with the first one first; TVmaze and the rest
#: name the channel a show is on now.
_PREMIERE_EVIDENCE = ("metacritic_scorecard", "tv_ratings_predictions", "tmdb_2025", "tmdb")


def _premiere_evidence(link: PlatformLink) -> tuple[int, int]:
    source = link.src.source
    order = _PREMIERE_EVIDENCE.index(source) if source in _PREMIERE_EVIDENCE else 9
    return order, rank(source)


def _moved_away(links: list[PlatformLink]) -> list[PlatformLink]:
    """TVmaze's channel, where a source that says where the show premiered names another:
    the show moved (The Expanse premiered on Syfy; TVmaze lists Prime Video)."""
    stated = {
        title_key(platform_name(link.platform.name) or link.platform.name)
        for link in links
        if link.role in ("network", "web") and link.src.source in _PREMIERE_EVIDENCE
    }
    if not stated:
        return links
    return [
        replace(link, role="listed")
        if link.role in ("network", "web")
        and link.src.source not in _PREMIERE_EVIDENCE
        and title_key(platform_name(link.platform.name) or link.platform.name) not in stated
        else link
        for link in links
    ]


def _us_homes_abroad(links: list[PlatformLink], show: _Show) -> list[PlatformLink]:
    """The renewal files follow the US market: for a show of another country, the network
    they list its first season on is its US home (Fleabag on Prime Video), not the channel
    it premiered on (BBC Three). Unless a source says the show is American, such a link is
    kept as a listed channel."""
    if "US" in show.countries:
        return links
    renewal = {METACRITIC, TV_RATINGS}
    return [
        replace(link, role="listed")
        if link.src.source in renewal and link.role in ("network", "web")
        else link
        for link in links
    ]


def _inferred_original(
    links: list[PlatformLink], show: _Show, year: int | None
) -> list[PlatformLink]:
    """TVmaze's listed channel as the original, where nothing says otherwise.

    TVmaze lists a show under its current network or web channel, which is where it
    premiered unless it moved (Lucifer, listed on Netflix, premiered on FOX). A streaming
    service it lists is taken as the original only when no source names another original, no
    renewal file saw the show on another channel, and the service made shows of its own in
    the show's premiere year. A network is never inferred: shows move between networks.
    """
    if year is None or any(link.role in ("network", "web") for link in links):
        return []
    listed = {
        title_key(platform_name(link.platform.name) or link.platform.name): link
        for link in links
        if link.role == "listed"
    }
    if len(listed) != 1:
        return []  # none, or several channels: it may have moved
    [link] = listed.values()
    name = platform_name(link.platform.name) or link.platform.name
    if _channel_keys(show.channels) - _channel_keys([name]):
        return []  # seen on another channel too: it may have moved
    if link.platform.kind != "streaming" or CHANNEL_START.get(name, 0) > year:
        # Networks trade shows (Peaky Blinders moved from BBC Two to BBC One); a service's
        # own shows rarely leave it.
        return []
    role = "web" if link.platform.kind == "streaming" else "network"
    return [PlatformLink(link.platform, role, link.src, as_of=link.as_of)]


def _links(groups: Iterable[list[PlatformLink]]) -> list[PlatformLink]:
    """One link per platform and role: the best-ranked source's, the latest ``as_of``."""
    chosen: dict[tuple[str, str, str], PlatformLink] = {}
    for link in (link for group in groups for link in group):
        key = (link.platform.name, link.platform.kind, link.role)
        held = chosen.get(key)
        if held is None or (link.as_of and (held.as_of is None or link.as_of > held.as_of)):
            chosen[key] = link
    return list(chosen.values())


def _seasons(groups: Iterable[list[SeasonRecord]], *, netflix_made: bool) -> list[SeasonRecord]:
    """Every source's record of every season (one per season and source). A Netflix release
    date is the season's premiere where Netflix made the show."""
    chosen: dict[tuple[int, str], SeasonRecord] = {}
    for season in (s for group in groups for s in group):
        if season.release_platform == NETFLIX and netflix_made:
            season = replace(season, release_platform=None)
        chosen.setdefault((season.number, season.src.source), season)
    return [chosen[k] for k in sorted(chosen)]


def _unique_episodes(groups: Iterable[list[EpisodeRecord]]) -> list[EpisodeRecord]:
    chosen: dict[str, EpisodeRecord] = {}
    for episode in (e for group in groups for e in group):
        chosen.setdefault(episode.key, episode)
    return list(chosen.values())


def _unique_statuses(groups: Iterable[list[StatusRecord]]) -> list[StatusRecord]:
    chosen: dict[tuple[str, int, object], StatusRecord] = {}
    for status in (s for group in groups for s in group):
        chosen.setdefault((status.source, status.season, status.read_at), status)
    return list(chosen.values())
