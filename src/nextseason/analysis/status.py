"""The status verdict for season N of a show: a pure function from readings to a verdict.

The rules are data (:data:`RULES`): each has an id, a plain description that the README
and the report quote, and a predicate over :class:`StatusInputs`. The first rule that
applies gives the verdict. Every verdict says whether it was *announced* (a source states
it) or *inferred* (and from what), how confident it is, and what every source said.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from nextseason.model import (
    LatestEpisode,
    SeasonClaim,
    ShowBundle,
    SourceStatus,
    StatusFacts,
    StatusReadingInfo,
    StatusVerdict,
    Verdict,
)
from nextseason.record_facts import add_record_facts
from nextseason.text import plain_text

__all__ = [
    "RULES",
    "Rule",
    "SeasonEvidence",
    "StatusInputs",
    "default_season",
    "facts_from_bundle",
    "season_evidence",
    "status_inputs",
    "status_verdict",
    "verdict_for",
]

#: Readings older than this many days make a verdict that can still change less certain.
STALE_DAYS = 365
#: A one-season streaming show with no second season this long after its release is
#: taken as cancelled (the usual decision window of streaming services is well under it).
ONE_SEASON_SILENCE_YEARS = 3

#: An end date this much later than the last known episode means episodes are missing.
LATER_EPISODES_DAYS = 60
#: ... and this much later, a whole season: no season runs for most of a year.
LATER_SEASON_DAYS = 300

#: How many months after a season's last episode a platform usually announces whether it
#: renews a show: approximations of industry timing (streaming services decide within a
#: few months of a release; US broadcast networks at the May upfronts). Unknown platforms
#: fall back to their kind.
DECISION_WINDOW_MONTHS: dict[str, int] = {
    "Netflix": 4,
    "Prime Video": 6,
    "Disney+": 6,
    "Hulu": 6,
    "Apple TV+": 6,
    "HBO": 6,
    "HBO Max": 6,
    "Max": 6,
    "Peacock": 5,
    "Paramount+": 6,
    "NBC": 4,
    "CBS": 4,
    "ABC": 4,
    "FOX": 4,
    "The CW": 4,
}
DEFAULT_WINDOW_MONTHS = {"streaming": 6, "network": 5}
#: Past the window, the chance that an undecided show was quietly cancelled halves what is
#: left of its chance of renewal every this many months.
CANCEL_HALF_LIFE_MONTHS = 6

LIMITED_WORDS = ("limited series", "miniseries", "mini-series", "docuseries special")
#: Sources whose readings announce decisions per season.
ANNOUNCING = frozenset({"metacritic_scorecard", "tv_ratings_predictions", "wikipedia"})


@dataclass(frozen=True)
class StatusInputs:
    """The facts the verdict rules read; built from the catalog, no I/O here."""

    title: str
    season: int
    today: date
    tvmaze_status: str | None = None
    tvmaze_as_of: date | None = None
    tvmaze_source: str = "tvmaze"
    platform: str | None = None
    platform_kind: str | None = None  # "streaming" | "network"
    kind: str | None = None  # TVmaze type, e.g. "Scripted", "Miniseries"
    summary: str = ""
    ended: date | None = None
    last_season: int | None = None  # highest season any source evidences
    last_season_source: str | None = None
    last_season_as_of: date | None = None
    last_season_year: int | None = None  # year the last known season was released
    season_dates: dict[int, date] = field(default_factory=dict)  # first air date per season
    season_sources: dict[int, str] = field(default_factory=dict)
    last_episode: date | None = None
    catalog_readings: list[StatusReadingInfo] = field(default_factory=list)
    tmdb_status: str | None = None  # "Returning Series", "Ended", "Canceled", ...
    tmdb_as_of: date | None = None
    tmdb_source: str = "tmdb"
    tmdb_seasons: int | None = None  # the seasons TMDB lists (announced ones included)
    tmdb_type: str | None = None  # "Scripted", "Miniseries", "Reality", ...
    #: dated readings of the sources that announce decisions, per season (renewal files,
    #: Wikipedia), oldest first
    announcements: list[SourceStatus] = field(default_factory=list)
    omdb_end: tuple[int, date] | None = None  # (the year IMDb's run closed, as of)
    language: str | None = None
    countries: tuple[str, ...] = ()
    watched_until: date | None = None
    #: TVmaze, TMDB, or (for a Netflix original) Netflix's charts watch every season it makes
    watched_strongly: bool = False
    titles: tuple[str, ...] = ()

    @property
    def decision_window(self) -> int:
        """Months after the last episode by which this platform usually decides."""
        if self.platform in DECISION_WINDOW_MONTHS:
            return DECISION_WINDOW_MONTHS[self.platform]
        return DEFAULT_WINDOW_MONTHS.get(self.platform_kind or "", 6)

    @property
    def is_limited(self) -> bool:
        return self.limited_why is not None

    @property
    def limited_why(self) -> str | None:
        """What says the show was made as a limited series, in words; None when nothing."""
        if (self.tmdb_type or "").casefold() == "miniseries":
            return "TMDB lists it as a miniseries"
        if (self.kind or "").casefold() == "miniseries":
            return "it is listed as a miniseries"
        for title in self.titles:
            if any(word in title.casefold() for word in LIMITED_WORDS):
                return f"Netflix titles it {title!r}"
        if any(word in self.summary.casefold() for word in LIMITED_WORDS):
            return "its description calls it a limited series"
        for reading in self.announcements:
            if reading.status == "limited series":
                return f"{_said_by(reading)} lists it as a limited series"
        return None

    @property
    def single_season_convention(self) -> str | None:
        """Where one season by design is the norm for a drama: Korean and Japanese series, and
        British drama serials, are mostly written as one story."""
        if (self.tmdb_type or self.kind or "").casefold() not in ("", "scripted"):
            return None
        if self.language in ("ko", "ja", "Korean", "Japanese") or {"KR", "JP"} & set(
            self.countries
        ):
            return "Korean and Japanese drama series are mostly made as one season"
        return None


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    basis: str
    reason: str
    confidence: float
    source: str | None = None
    # Only an announced decision has a date; an inference has the facts it used instead.
    decided_on: date | None = None

    @property
    def rule_settled(self) -> bool:
        """A renewal that happened stays true: only a status that can change goes stale."""
        return self.verdict == "renewed" and self.basis == "announced"


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    decide: Callable[[StatusInputs], Outcome | None]
    # An authoritative verdict (an announced date, a TMDB Canceled) is reported as a change
    # at once; any other needs two consistent readings in a row.
    authoritative: bool = False


def _season_aired(s: StatusInputs) -> Outcome | None:
    if s.last_season is None or s.season > s.last_season:
        return None
    first = s.season_dates.get(s.season)
    if first is not None and first > s.today:
        return None  # dated but not aired yet: the season-dated rule speaks
    source = s.season_sources.get(s.season, s.last_season_source)
    when = f" (first episode {first.isoformat()})" if first else ""
    airing = (
        s.season == s.last_season
        and s.tvmaze_status == "Running"
        and s.last_episode is not None
        and s.tvmaze_as_of is not None
        and (s.tvmaze_as_of - s.last_episode).days <= 14
    )
    if airing:
        return Outcome(
            "running",
            "announced",
            f"Season {s.season} was airing when {s.tvmaze_source} last reported{when}.",
            0.9,
            source,
            first,
        )
    return Outcome(
        "renewed",
        "announced",
        f"Season {s.season} was made and released{when}.",
        0.95,
        source,
        first,
    )


def _aired_after_known_episodes(s: StatusInputs) -> Outcome | None:
    """TVmaze's end date outranks the episodes the catalog happens to hold: a show that
    ended well after its last known episode made a later season."""
    if s.last_season is None or s.season != s.last_season + 1 or s.ended is None:
        return None
    if s.last_episode is None or (s.ended - s.last_episode).days <= LATER_SEASON_DAYS:
        return None  # the rest of the same season may have aired in between
    return Outcome(
        "renewed",
        "inferred",
        f"TVmaze dates its end {s.ended.isoformat()}, long after the last episode the catalog "
        f"holds ({s.last_episode.isoformat()}, season {s.last_season}): season {s.season} "
        "aired in between.",
        0.8,
        s.tvmaze_source,
    )


def _season_dated(s: StatusInputs) -> Outcome | None:
    first = s.season_dates.get(s.season)
    if first is None:
        return None
    return Outcome(
        "renewed",
        "announced",
        f"Season {s.season} has a date: {first.isoformat()}.",
        0.95,
        s.season_sources.get(s.season),
        first,
    )


def _said_by(reading: SourceStatus) -> str:
    """Who said it, as an explainer would: "Metacritic's 2019-20 renewal scorecard"."""
    season = reading.details.get("tv_season")
    if reading.source == "metacritic_scorecard":
        return f"Metacritic's {season} renewal scorecard" if season else "Metacritic's scorecard"
    if reading.source == "tv_ratings_predictions":
        return f"TV Ratings Predictions ({season})" if season else "TV Ratings Predictions"
    if reading.source == "wikipedia":
        cited = reading.details.get("cited")
        return f"Wikipedia, citing {cited}" if cited else "Wikipedia"
    return reading.source


def _quote(reading: SourceStatus) -> str:
    said = str(reading.details.get("said") or reading.status)
    network = reading.details.get("network")
    return f"{_said_by(reading)}: {said}" + (f" ({network})" if network else "")


#: What a renewal file's reading about season K says of season K + 1 (the scorecards and
#: the ratings file judge the season that aired; Wikipedia's sentences name the season they
#: announce, see _about).
_NEXT: dict[str, tuple[Verdict, str]] = {
    "renewed": ("renewed", "renewed"),
    "renewed for a final season": ("renewed", "renewed for a final season"),
    "cancelled": ("cancelled", "cancelled"),
    "presumed cancelled": ("cancelled", "presumed cancelled"),
    "final season announced": ("ended", "its final season announced"),
    "limited series": ("ended", "a limited series"),
    "undecided": ("awaiting decision", "no decision yet"),
}


def _about(reading: SourceStatus, season: int) -> tuple[Verdict, str] | None:
    """What a dated reading says of season ``season``, or None when it says nothing of it."""
    status = reading.status
    if reading.source == "wikipedia":
        # "renewed for a third season" names the season renewed; "cancelled after three
        # seasons" and "the final season" name the last one.
        if status == "renewed" and reading.season in (season, 0):
            return "renewed", "renewed"
        if status in ("cancelled", "final season announced", "ended"):
            if reading.season and reading.season != season - 1:
                return None
            return ("cancelled" if status == "cancelled" else "ended"), status
        return None
    if reading.season == season - 1 and status in _NEXT:
        return _NEXT[status]
    if reading.season == season - 2 and status == "renewed for a final season":
        return "ended", "its last season was announced as the final one"
    if status == "renewed in advance" and reading.season == season:
        return "renewed", "renewed before the previous season aired"
    return None


def _announced(s: StatusInputs) -> Outcome | None:
    """The latest announcement about season N: a renewal scorecard, the ratings file,
    Wikipedia. A later announcement outranks an earlier one."""
    said = [(r, found) for r in s.announcements if (found := _about(r, s.season)) is not None]
    decided = [(r, f) for r, f in said if f[0] != "awaiting decision"]
    if not decided:
        return None
    reading, (verdict, words) = max(decided, key=lambda rf: rf[0].as_of)
    dated = reading.details.get("announced")
    when = date.fromisoformat(dated) if isinstance(dated, str) else None
    confidence = 0.95 if when else 0.85
    if words == "presumed cancelled":
        confidence = 0.7
    season_words = f"season {s.season - 1}" if s.season > 1 else "the show"
    renewed_on = when or reading.as_of
    if (
        verdict == "renewed"
        and s.watched_until is not None
        and s.watched_until.year - renewed_on.year >= RENEWAL_LEAD_YEARS
    ):
        # A renewed season comes out within two years or so; none has in the years the
        # sources kept watching: the renewal was reversed (a cancellation after all).
        years = s.watched_until.year - renewed_on.year
        return Outcome(
            "cancelled",
            "inferred",
            f"{_quote(reading)} ({renewed_on.isoformat()}), but no season {s.season} "
            f"appeared in the {years} years that followed (sources watching until "
            f"{s.watched_until.isoformat()}): the renewal was most likely reversed.",
            0.6,
            reading.source,
        )
    return Outcome(
        verdict,
        "announced",
        f"After {season_words}: {words} ({_quote(reading)}"
        + (f", {when.isoformat()})." if when else ")."),
        confidence,
        reading.source,
        when or reading.as_of,
    )


def _tmdb_canceled(s: StatusInputs) -> Outcome | None:
    if s.tmdb_status != "Canceled":
        return None
    if s.tmdb_seasons and s.last_season and s.tmdb_seasons < s.last_season:
        return None  # TMDB's listing is older than a season known to exist
    return Outcome(
        "cancelled",
        "announced",
        "TMDB lists the show as Canceled"
        + (f" after {_seasons(s.tmdb_seasons)}." if s.tmdb_seasons else "."),
        0.9,
        s.tmdb_source,
    )


def _tmdb_lists_season(s: StatusInputs) -> Outcome | None:
    """TMDB lists seasons once they are ordered: a show it still calls Returning Series or
    In Production with season N listed has been renewed for it."""
    if s.tmdb_status not in ("Returning Series", "In Production", "Planned") or not s.tmdb_seasons:
        return None
    if s.tmdb_seasons < s.season:
        return None
    return Outcome(
        "renewed",
        "announced",
        f"TMDB lists season {s.season} ({_seasons(s.tmdb_seasons)} in all) and calls the show "
        f"{s.tmdb_status}.",
        0.75,
        s.tmdb_source,
    )


def _seasons(n: int | None) -> str:
    return f"{n} season{'s' * (n != 1)}" if n else "its seasons"


def _in_development(s: StatusInputs) -> Outcome | None:
    if s.tvmaze_status != "In Development":
        return None
    return Outcome(
        "in development",
        "announced",
        f"{s.tvmaze_source} lists the show as In Development.",
        0.7,
        s.tvmaze_source,
    )


def _ended_by(s: StatusInputs) -> tuple[str, str] | None:
    """(who says the show ended, in words, source key), from TVmaze, TMDB or OMDb."""
    if s.tvmaze_status == "Ended":
        return "TVmaze lists it as Ended", s.tvmaze_source
    if s.tmdb_status == "Ended":
        return "TMDB lists it as Ended", s.tmdb_source
    if s.omdb_end is not None:
        return f"IMDb's run closed in {s.omdb_end[0]} (OMDb)", "omdb_series"
    return None


def _limited_ended(s: StatusInputs) -> Outcome | None:
    why = s.limited_why
    if why is None:
        return None
    ended = _ended_by(s)
    if ended is None and not (s.last_season and s.season > s.last_season):
        return None
    said = f"; {ended[0]}" if ended else ""
    return Outcome(
        "ended",
        "inferred",
        f"It was made as a limited series ({why}){said}: it concluded as planned.",
        0.85,
        ended[1] if ended else s.last_season_source,
    )


def _one_season_by_design(s: StatusInputs) -> Outcome | None:
    convention = s.single_season_convention
    if convention is None or s.last_season != 1 or s.season != 2 or _ended_by(s) is None:
        return None
    ended = _ended_by(s)
    assert ended is not None
    return Outcome(
        "ended",
        "inferred",
        f"{ended[0]} after one season, and {convention}: most likely it was made as one "
        "season, though a cancellation cannot be told apart.",
        0.6,
        ended[1],
    )


def _one_season_streaming_ended(s: StatusInputs) -> Outcome | None:
    if s.tvmaze_status != "Ended" or s.last_season != 1 or s.platform_kind != "streaming":
        return None
    if s.ended and s.last_episode and (s.ended - s.last_episode).days > LATER_EPISODES_DAYS:
        # TVmaze's end date is well after the last episode the catalog holds: later
        # episodes (perhaps a second season) aired, so "one season" is not established.
        return None
    return Outcome(
        "cancelled",
        "inferred",
        f"TVmaze lists it as Ended after a single season on {s.platform}, and nothing "
        "billed it as a limited series; streaming services that stop a show after one "
        "season have cancelled it"
        + (f"; its last episode aired {s.ended.isoformat()}." if s.ended else "."),
        0.8,
        s.tvmaze_source,
    )


def _ended(s: StatusInputs) -> Outcome | None:
    if s.tvmaze_status != "Ended":
        return None
    seasons = f"after {s.last_season} seasons " if s.last_season else ""
    when = s.ended.isoformat() if s.ended else "on an unknown date"
    return Outcome(
        "ended",
        "inferred",
        f"TVmaze lists it as Ended {seasons}(ended {when}); "
        "TVmaze does not say whether that was planned or a cancellation.",
        0.6,
        s.tvmaze_source,
    )


def _tmdb_or_imdb_ended(s: StatusInputs) -> Outcome | None:
    ended = _ended_by(s)
    if ended is None or s.tvmaze_status is not None:
        return None  # TVmaze's own reading decides above when there is one
    one = s.last_season == 1
    return Outcome(
        "ended",
        "inferred",
        f"{ended[0]}"
        + (f" after {_seasons(s.last_season)}" if s.last_season else "")
        + (
            "; ended or cancelled, the data cannot tell which."
            if one
            else "; it does not say whether that was planned or a cancellation."
        ),
        0.5 if one else 0.6,
        ended[1],
    )


#: Years without a new season after which a show that made several is taken to have ended.
SILENCE_YEARS = 3
#: Years after a renewal by which the renewed season has come out, or never will.
RENEWAL_LEAD_YEARS = 3


def _long_silence(s: StatusInputs) -> Outcome | None:
    """No new season years after the last one, while sources kept watching: ended."""
    if s.last_season_year is None or s.watched_until is None or s.last_season is None:
        return None
    # TVmaze still counting on the show, and not long after its last season: not silence.
    waiting = s.tvmaze_status in ("Running", "To Be Determined", "In Development")
    if waiting and s.tvmaze_as_of and s.tvmaze_as_of.year - s.last_season_year < SILENCE_YEARS:
        return None
    years = s.watched_until.year - s.last_season_year
    if years < SILENCE_YEARS:
        return None
    # Surer with every year, and only as sure as the sources that would have seen a new
    # season (the renewal files follow the US market and stop in 2021-2023).
    confidence = min(0.8 if s.watched_strongly else 0.65, 0.45 + 0.07 * years)
    one = s.last_season == 1
    return Outcome(
        "cancelled" if one and s.platform_kind == "streaming" else "ended",
        "inferred",
        f"No new season {years} years after season {s.last_season} ({s.last_season_year}), "
        f"while its sources kept watching until {s.watched_until.isoformat()}"
        + (": ended or cancelled, the data cannot tell which." if one else ": it has ended."),
        round(confidence if not one else min(confidence, 0.6), 2),
        s.last_season_source,
    )


def _awaiting_announced(s: StatusInputs) -> Outcome | None:
    """A renewal file that saw season N-1 and no decision yet."""
    said = [(r, f) for r in s.announcements if (f := _about(r, s.season)) is not None]
    waiting = [r for r, f in said if f[0] == "awaiting decision"]
    if not waiting:
        return None
    reading = max(waiting, key=lambda r: r.as_of)
    return Outcome(
        "awaiting decision",
        "announced",
        f"No decision on season {s.season} when {_said_by(reading)} was last updated "
        f"({reading.as_of.isoformat()}).",
        0.5,
        reading.source,
    )


def _tmdb_returning(s: StatusInputs) -> Outcome | None:
    if s.tmdb_status != "Returning Series" or s.tvmaze_status is not None:
        return None
    return Outcome(
        "awaiting decision",
        "announced",
        f"TMDB calls it a Returning Series but lists no season {s.season} yet.",
        0.55,
        s.tmdb_source,
    )


def _to_be_determined(s: StatusInputs) -> Outcome | None:
    if s.tvmaze_status != "To Be Determined":
        return None
    since = ""
    confidence = 0.7
    if s.last_episode and s.tvmaze_as_of:
        months = (s.tvmaze_as_of - s.last_episode).days // 30
        window = s.decision_window
        where = s.platform or "its platform"
        since = f"; {months} months had passed since the last episode"
        if months > window:
            likely = cancel_likelihood(months - window)
            confidence = round(max(0.1, 0.7 * (1 - likely)), 2)
            since += (
                f", past {where}'s usual {window}-month decision window, so it is more likely "
                f"cancelled than not renewed yet (about {likely:.0%})"
                if likely >= 0.5
                else f", past {where}'s usual {window}-month decision window: the chance "
                f"that it was cancelled is growing (about {likely:.0%})"
            )
        else:
            since += f", within {where}'s usual {window}-month decision window"
    return Outcome(
        "awaiting decision",
        "announced",
        f"TVmaze lists the show as To Be Determined: no renewal or cancellation yet{since}.",
        confidence,
        s.tvmaze_source,
    )


def cancel_likelihood(months_past_window: int) -> float:
    """The chance an undecided show was cancelled, this many months past the window."""
    if months_past_window <= 0:
        return 0.0
    return float(1 - 0.5 ** (months_past_window / CANCEL_HALF_LIFE_MONTHS))


def _running(s: StatusInputs) -> Outcome | None:
    if s.tvmaze_status != "Running":
        return None
    return Outcome(
        "running",
        "announced",
        f"TVmaze lists the show as Running (ongoing), but no source dates season {s.season} yet.",
        0.6,
        s.tvmaze_source,
    )


def _one_season_silence(s: StatusInputs) -> Outcome | None:
    if s.last_season != 1 or s.season != 2 or s.is_limited:
        return None
    if s.last_season_year is None or s.last_season_as_of is None:
        return None
    years = s.last_season_as_of.year - s.last_season_year
    if years < ONE_SEASON_SILENCE_YEARS:
        return None
    where = s.platform or "its platform"
    return Outcome(
        "cancelled",
        "inferred",
        f"No second season {years} years after a one-season release on {where} "
        f"(as of {s.last_season_source} on {s.last_season_as_of.isoformat()}).",
        0.6,
        s.last_season_source,
    )


def _unknown(s: StatusInputs) -> Outcome | None:
    if s.last_season:
        seasons = f"{s.last_season} season{'s' * (s.last_season != 1)}"
        reason = f"The catalog knows {seasons} but no source states the show's status."
    else:
        reason = "No source in the catalog states the show's status or its seasons."
    return Outcome("unknown", "none", reason, 0.0)


RULES: tuple[Rule, ...] = (
    Rule(
        "season-aired", "Season N already aired: it was renewed (or is airing now).", _season_aired
    ),
    Rule(
        "season-dated",
        "A source gives season N a date: it is renewed.",
        _season_dated,
        authoritative=True,
    ),
    Rule(
        "aired-after-known-episodes",
        "TVmaze dates the show's end long after the last episode the catalog holds: season N "
        "aired in between.",
        _aired_after_known_episodes,
    ),
    Rule(
        "announced",
        "A renewal scorecard, the ratings file or Wikipedia announces what follows season N-1 "
        "(renewed, cancelled, final season, limited series): the latest announcement decides.",
        _announced,
        authoritative=True,
    ),
    Rule(
        "tmdb-canceled",
        "TMDB says Canceled: cancelled (announced).",
        _tmdb_canceled,
        authoritative=True,
    ),
    Rule(
        "tmdb-lists-season",
        "TMDB lists season N and calls the show Returning Series or In Production: renewed.",
        _tmdb_lists_season,
    ),
    Rule("in-development", "TVmaze In Development: in development.", _in_development),
    Rule(
        "limited-ended",
        "A limited series (TMDB's Miniseries, 'Limited Series' in a title or its description, "
        "a scorecard's miniseries) that has ended, or asked about a second season: ended as "
        "planned.",
        _limited_ended,
    ),
    Rule(
        "one-season-by-design",
        "A Korean or Japanese drama that ended after one season: ended (most are made as one "
        "season; a cancellation cannot be told apart).",
        _one_season_by_design,
    ),
    Rule(
        "one-season-streaming-ended",
        "A one-season streaming show that TVmaze lists as Ended, not billed as limited: "
        "cancelled (inferred).",
        _one_season_streaming_ended,
    ),
    Rule("ended", "TVmaze Ended after several seasons: ended (inferred).", _ended),
    Rule(
        "tmdb-or-imdb-ended",
        "TMDB lists the show as Ended, or IMDb's run closed (OMDb): ended (inferred); after "
        "one season, ended or cancelled, which the data cannot tell.",
        _tmdb_or_imdb_ended,
    ),
    Rule(
        "long-silence",
        f"No new season {SILENCE_YEARS}+ years after the last while the sources kept "
        "watching: ended (inferred), surer with every year; after one season on a streaming "
        "service, cancelled.",
        _long_silence,
    ),
    Rule(
        "to-be-determined",
        "TVmaze To Be Determined: awaiting decision; less sure past the decision window.",
        _to_be_determined,
    ),
    Rule("running", "TVmaze Running with no date for season N: running.", _running),
    Rule(
        "no-decision-listed",
        "A renewal scorecard saw season N-1 and listed no decision: awaiting decision, as of "
        "its date.",
        _awaiting_announced,
    ),
    Rule(
        "tmdb-returning",
        "TMDB Returning Series with no season N listed: awaiting decision.",
        _tmdb_returning,
    ),
    Rule(
        "one-season-silence",
        f"One season and no second {ONE_SEASON_SILENCE_YEARS}+ years after its release: "
        "cancelled (inferred).",
        _one_season_silence,
    ),
    Rule("unknown", "Nothing states a status: unknown.", _unknown),
)


def _label(confidence: float) -> str:
    if confidence >= 0.75:
        return "high"
    if confidence >= 0.5:
        return "medium"
    return "low"


def _evidence_date(s: StatusInputs, outcome: Outcome) -> date | None:
    """The date of the newest evidence an outcome rests on."""
    source = outcome.source
    if (
        outcome.decided_on
        and outcome.basis == "announced"
        and source
        not in (
            s.tvmaze_source,
            s.tmdb_source,
        )
    ):
        dated = [r.as_of for r in s.announcements if r.source == source]
        return max([outcome.decided_on, *dated])
    if source == s.tvmaze_source and s.tvmaze_as_of:
        return s.tvmaze_as_of
    if source == s.tmdb_source and s.tmdb_as_of:
        return s.tmdb_as_of
    if source == "omdb_series" and s.omdb_end:
        return s.omdb_end[1]
    if outcome.decided_on:
        return max(outcome.decided_on, s.last_season_as_of or outcome.decided_on)
    if outcome.verdict == "unknown":
        return s.watched_until or s.last_season_as_of
    return s.last_season_as_of or s.watched_until


def _stale_note(outcome: Outcome, evidence: date | None, today: date) -> str | None:
    if evidence is None or (today - evidence).days <= STALE_DAYS:
        return None
    years = (today - evidence).days / 365.25
    settled = outcome.verdict in ("cancelled", "ended") or outcome.rule_settled
    return (
        f"The newest evidence is from {evidence.isoformat()}, {years:.1f} years ago"
        + ("." if settled else "; the status may have changed since.")
        + " `nextseason sync` or `nextseason refresh` brings a current answer."
    )


def status_verdict(inputs: StatusInputs) -> StatusVerdict:
    """Apply the rules in order; the first that decides gives the verdict."""
    readings = list(inputs.catalog_readings)
    if inputs.tvmaze_status:
        readings.insert(
            0,
            StatusReadingInfo(
                source=inputs.tvmaze_source, says=inputs.tvmaze_status, as_of=inputs.tvmaze_as_of
            ),
        )
    for rule in RULES:
        outcome = rule.decide(inputs)
        if outcome is None:
            continue
        confidence = outcome.confidence
        reason = outcome.reason
        evidence = _evidence_date(inputs, outcome)
        changeable = outcome.verdict in ("running", "awaiting decision", "in development")
        if changeable and evidence and (inputs.today - evidence).days > STALE_DAYS:
            confidence = round(confidence * 0.5, 2)
        return StatusVerdict(
            season=inputs.season,
            verdict=outcome.verdict,
            basis=outcome.basis,
            reason=reason,
            rule=rule.id,
            decided_on=outcome.decided_on,
            source=outcome.source,
            confidence=confidence,
            confidence_label=_label(confidence),
            readings=readings,
            evidence_date=evidence,
            evidence_age_days=(inputs.today - evidence).days if evidence else None,
            stale_note=_stale_note(outcome, evidence, inputs.today),
        )
    raise AssertionError("the 'unknown' rule always decides")


RULES_BY_ID = {rule.id: rule for rule in RULES}


# ---------------------------------------------------------------------------------------
# From the catalog's facts to the rules' inputs


@dataclass(frozen=True)
class SeasonEvidence:
    """The highest season any source knows of, who says so, and when."""

    last: int | None
    source: str | None
    as_of: date | None
    year: int | None
    first_dates: dict[int, date]
    sources: dict[int, str]


def season_evidence(facts: StatusFacts, today: date | None = None) -> SeasonEvidence:
    """The seasons known to exist, from dated, aired, charted or scorecard-listed seasons.

    A catalog's count of seasons ("5 seasons" listed at its date) is not evidence that a
    season was made, nor is an undated season row (an announced season): the highest
    season made is the highest one some source shows released; any lower one exists too.
    """
    first_dates: dict[int, date] = {}
    sources: dict[int, str] = {}
    made: list[SeasonClaim] = []
    horizon = today or date.max
    for claim in facts.claims:
        if claim.kind == "count":
            continue
        known = first_dates.get(claim.season)
        # A season's date: its premiere or release, else the day a source first saw it.
        dated = claim.first_aired or claim.seen_on
        if dated and (known is None or dated < known):
            first_dates[claim.season] = dated
            sources[claim.season] = claim.source
        sources.setdefault(claim.season, claim.source)
        if claim.shows_made(horizon) or (claim.first_aired and claim.first_aired > horizon):
            made.append(claim)
    released = [c for c in made if c.first_aired is None or c.first_aired <= horizon]
    if not released:
        return SeasonEvidence(None, None, None, None, first_dates, sources)
    top = max(c.season for c in released)
    # Of the sources that show the top season, the latest reading counts.
    best = max((c for c in released if c.season == top), key=lambda c: c.as_of)
    years = [c.year for c in released if c.season == top and c.year]
    seen = [c.seen_on for c in released if c.season == top and c.seen_on]
    year = (
        min(years)
        if years
        else (first_dates[top].year if top in first_dates else (min(seen).year if seen else None))
    )
    return SeasonEvidence(top, best.source, best.as_of, year, first_dates, sources)


def default_season(facts: StatusFacts, today: date, evidence: SeasonEvidence | None = None) -> int:
    """The season a fan asks about: the first one dated but not aired yet, else the one
    after the last any source knows."""
    evidence = evidence or season_evidence(facts, today)
    upcoming = [n for n, first in evidence.first_dates.items() if first > today]
    if upcoming:
        return min(upcoming)
    return max(evidence.last or 1, 1) + 1


def _status_words(status: SourceStatus) -> str:
    words = status.status
    if status.details.get("in_production") is not None:
        words += ", in production" if status.details["in_production"] else ", not in production"
    upcoming = status.details.get("next_episode_to_air")
    if isinstance(upcoming, dict) and upcoming.get("air_date"):
        words += f", next episode {upcoming['air_date']}"
    return words


def _other_readings(facts: StatusFacts, season: int = 0) -> list[StatusReadingInfo]:
    """What every source other than TVmaze says: statuses, announcements about the season
    asked (and each announcing source's latest), end times, season counts."""
    out = [
        StatusReadingInfo(source=s.source, says=_status_words(s), as_of=s.as_of)
        for s in sorted(facts.statuses.values(), key=lambda s: s.source)
        if s.source != "tvmaze" and s.source not in ANNOUNCING
    ]
    latest: dict[str, SourceStatus] = {}
    for reading in facts.readings:
        if reading.source in ANNOUNCING:
            latest[reading.source] = reading
    relevant = [r for r in facts.readings if r.source in ANNOUNCING and _about(r, season)]
    shown: list[SourceStatus] = []
    for reading in [*relevant, *latest.values()]:
        if any(reading is seen for seen in shown):
            continue
        shown.append(reading)
        when = reading.details.get("announced")
        out.append(
            StatusReadingInfo(
                source=reading.source,
                says=f"season {reading.season}: {reading.details.get('said') or reading.status}"
                + (f" ({reading.details['network']})" if reading.details.get("network") else "")
                if reading.season
                else str(reading.details.get("said") or reading.status),
                as_of=date.fromisoformat(when) if isinstance(when, str) else reading.as_of,
            )
        )
    if facts.wikidata_end:
        end, as_of = facts.wikidata_end
        out.append(StatusReadingInfo(source="wikidata", says=f"end time {end}", as_of=as_of))
    pattern = release_pattern(facts)
    if pattern:
        out.append(pattern)
    for claim in facts.claims:
        if claim.kind == "count" and claim.source != "tvmaze":
            plural = "s" * (claim.season != 1)
            out.append(
                StatusReadingInfo(
                    source=claim.source,
                    says=f"{claim.season} season{plural} listed",
                    as_of=claim.as_of,
                )
            )
    return out


def release_pattern(facts: StatusFacts) -> StatusReadingInfo | None:
    """How the last season the catalog has episodes of came out: at once, or over weeks."""
    by_season: dict[int, list[SeasonClaim]] = {}
    for claim in facts.claims:
        if claim.kind == "episodes" and claim.first_aired:
            by_season.setdefault(claim.season, []).append(claim)
    if not by_season:
        return None
    season = max(by_season)
    claims = by_season[season]
    first = min(c.first_aired for c in claims if c.first_aired)
    last = max((c.last_aired or c.first_aired) for c in claims if c.first_aired)
    count = sum(c.episodes for c in claims)
    if count < 2:
        return None
    if first == last:
        how = f"season {season}: {count} episodes released at once on {first.isoformat()}"
    else:
        weeks = max(1, round((last - first).days / 7))
        how = (
            f"season {season}: {count} episodes over {weeks} week{'s' * (weeks != 1)}, "
            f"{first.isoformat()} to {last.isoformat()}"
        )
    where = facts.platform or "the platform"
    window = DECISION_WINDOW_MONTHS.get(facts.platform or "") or DEFAULT_WINDOW_MONTHS.get(
        facts.platform_kind or "", 6
    )
    newest = max(claims, key=lambda c: c.as_of)
    return StatusReadingInfo(
        source=newest.source,
        says=f"release pattern: {how}; {where} usually decides within {window} months",
        as_of=newest.as_of,
    )


def status_inputs(
    facts: StatusFacts, season: int, today: date, evidence: SeasonEvidence | None = None
) -> StatusInputs:
    evidence = evidence or season_evidence(facts, today)
    tvmaze = facts.statuses.get("tvmaze")
    # TMDB live, else TMDB's 2025 cache of the bundled catalog: the latest of the two.
    answers = [facts.statuses[k] for k in ("tmdb", "tmdb_2025") if k in facts.statuses]
    tmdb = max(answers, key=lambda s: s.as_of, default=None)
    omdb = facts.statuses.get("omdb_series")
    omdb_end = (
        (int(omdb.details["last_year"]), omdb.as_of)
        if omdb and omdb.status == "Ended" and _int(omdb.details.get("last_year"))
        else None
    )
    return StatusInputs(
        title=facts.title,
        season=season,
        today=today,
        tvmaze_status=tvmaze.status if tvmaze else None,
        tvmaze_as_of=tvmaze.as_of if tvmaze else None,
        platform=facts.platform,
        platform_kind=facts.platform_kind,
        kind=facts.kind,
        summary=facts.summary,
        ended=facts.ended,
        last_season=evidence.last,
        last_season_source=evidence.source,
        last_season_as_of=evidence.as_of,
        last_season_year=evidence.year,
        season_dates=evidence.first_dates,
        season_sources=evidence.sources,
        last_episode=facts.latest_episode.airdate if facts.latest_episode else None,
        catalog_readings=_other_readings(facts, season),
        tmdb_status=tmdb.status if tmdb else None,
        tmdb_as_of=tmdb.as_of if tmdb else None,
        tmdb_source=tmdb.source if tmdb else "tmdb",
        tmdb_seasons=_int(tmdb.details.get("number_of_seasons")) if tmdb else None,
        tmdb_type=str(tmdb.details["type"]) if tmdb and tmdb.details.get("type") else None,
        announcements=[r for r in facts.readings if r.source in ANNOUNCING],
        omdb_end=omdb_end,
        language=facts.language,
        countries=facts.countries,
        watched_until=_capped(_watched_until(facts), today),
        watched_strongly=_watched_until(facts, strong=True) is not None,
        titles=facts.titles,
    )


#: Sources that see every new season of any show they describe. Netflix's charts see only
#: what Netflix streams: every season of a Netflix original, not a licensed show's.
_STRONG_WATCHERS = frozenset({"tvmaze", "tmdb", "tmdb_2025", "wikipedia"})
_NETFLIX_CHARTS = frozenset({"netflix_top10", "netflix_engagement"})


def _capped(watched: date | None, today: date) -> date | None:
    """How late a source looked, as of ``today`` (a verdict asked as of an earlier day sees no
    later look); None when no source that would see a new season looked at all, never
    ``today`` in its place: a show only listed somewhere has no evidence of silence."""
    return min(watched, today) if watched else None


def _watched_until(facts: StatusFacts, *, strong: bool = False) -> date | None:
    """The newest date a source that would have seen a new season of this show looked."""
    netflix_original = facts.platform == "Netflix" and facts.platform_kind == "streaming"
    dates = [
        when
        for source, when in facts.watched.items()
        if source in _STRONG_WATCHERS
        or (source in _NETFLIX_CHARTS and netflix_original)
        or (not strong and source not in _NETFLIX_CHARTS)
    ]
    return max(dates, default=None)


def verdict_for(facts: StatusFacts, today: date, season: int | None = None) -> StatusVerdict:
    """The verdict for season ``season`` (default: the next one) of a show."""
    evidence = season_evidence(facts, today)
    target = season if season is not None else default_season(facts, today, evidence)
    return status_verdict(status_inputs(facts, target, today, evidence))


def _int(value: object) -> int | None:
    try:
        return int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def facts_from_bundle(bundle: ShowBundle) -> StatusFacts:
    """The status facts of a show from everything the catalog holds about it."""
    statuses: dict[str, SourceStatus] = {}
    readings: list[SourceStatus] = []
    for reading in sorted(bundle.statuses, key=lambda r: r.read_at):
        found = SourceStatus(
            reading.source,
            reading.status,
            reading.read_at.date(),
            dict(reading.details),
            reading.season,
        )
        readings.append(found)
        statuses[reading.source] = found
    if "tvmaze" not in statuses and bundle.status and bundle.src.source == "tvmaze":
        statuses["tvmaze"] = SourceStatus("tvmaze", bundle.status, bundle.src.retrieved_at.date())
    claims: list[SeasonClaim] = []
    for season in bundle.seasons:
        claims.append(
            SeasonClaim(
                season.number,
                season.src.source,
                season.src.retrieved_at.date(),
                "season",
                season.premiere_date,
                season.premiere_date.year if season.premiere_date else None,
                seen_on=season.seen_on,
                release_platform=season.release_platform,
            )
        )
    regular = [e for e in bundle.episodes if e.season is not None and e.number is not None]
    for ep in regular:
        assert ep.season is not None
        claims.append(
            SeasonClaim(
                ep.season,
                ep.src.source,
                ep.src.retrieved_at.date(),
                "episodes",
                ep.airdate,
                ep.airdate.year if ep.airdate else None,
                last_aired=ep.airdate,
                episodes=1 if ep.airdate else 0,
            )
        )
    latest = max(
        (e for e in regular if e.airdate),
        key=lambda e: (e.airdate, e.season, e.number),
        default=None,
    )
    facts = StatusFacts(
        title=bundle.title,
        kind=bundle.kind,
        summary=plain_text(bundle.summary),
        platform=bundle.platform.name if bundle.platform else None,
        platform_kind=bundle.platform.kind if bundle.platform else None,
        ended=bundle.ended,
        statuses=statuses,
        claims=claims,
        episode_count=len(regular),
        latest_episode=(
            LatestEpisode(latest.season or 0, latest.number or 0, latest.title, latest.airdate)
            if latest
            else None
        ),
        readings=readings,
        language=bundle.language,
    )
    for record in bundle.records:
        add_record_facts(
            facts, record.source, record.data, record.title, record.src.retrieved_at.date()
        )
    code = bundle.country if bundle.country and len(bundle.country) == 2 else None
    if code and code not in facts.countries:
        facts.countries = (code, *facts.countries)
    return facts
