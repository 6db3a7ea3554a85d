"""The domain records that flow through nextseason: sources -> catalog -> analysis -> report.

Two families live here:

* plain dataclasses for facts about a show (:class:`ShowBundle` and its parts). Sources and
  importers produce them, the catalog stores and loads them, analysis reads them. Each fact
  carries a :class:`SourceRef`: which source said it, where, when, under which licence.
* the :class:`Report` (pydantic), the one structure every renderer reads and whose JSON form
  is the documented, versioned output schema (``schema_version``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

__all__ = [
    "REPORT_SCHEMA_VERSION",
    "VERDICTS",
    "Availability",
    "CastCredit",
    "CreditRecord",
    "CrewCredit",
    "EpisodeInfo",
    "EpisodeRecord",
    "Fact",
    "InterestRecord",
    "InterestSection",
    "InterestSeries",
    "LatestEpisode",
    "NextSeasonSection",
    "Outlook",
    "OutlookFactor",
    "OutlookInterval",
    "OutlookTrackRecord",
    "Overview",
    "PeakFigures",
    "PlatformLink",
    "PlatformRef",
    "Report",
    "SeasonClaim",
    "SeasonInfo",
    "SeasonRecord",
    "SeasonsSection",
    "SeriesFigures",
    "ShowBundle",
    "ShowRecordData",
    "ShowRef",
    "SimilarEntry",
    "SourceInfo",
    "SourceRef",
    "SourceStatus",
    "StatusFacts",
    "StatusReadingInfo",
    "StatusRecord",
    "StatusVerdict",
    "Thread",
    "TrendFigures",
    "WhereToWatch",
]

# ---------------------------------------------------------------------------------------
# Facts about a show, as sources give them and the catalog stores them


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Provenance of a fact. ``source`` is a stable key such as ``tvmaze``."""

    source: str
    url: str
    retrieved_at: datetime
    licence: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class PlatformRef:
    name: str
    kind: Literal["network", "streaming"]
    country: str | None = None


@dataclass(frozen=True, slots=True)
class PlatformLink:
    platform: PlatformRef
    # "network" | "web" (original channel) | "catalog" (in a service's catalog) | "provider"
    role: str
    src: SourceRef
    country: str | None = None
    offer: str | None = None
    as_of: date | None = None


@dataclass(frozen=True, slots=True)
class ShowRecordData:
    """One source's description of a show, kept as the source gave it."""

    source: str
    source_key: str
    title: str
    year: int | None
    data: dict[str, Any]
    src: SourceRef


@dataclass(frozen=True, slots=True)
class SeasonRecord:
    """One source's facts about one season.

    ``premiere_date`` is the season's first day on its original channel; a date on which a
    platform that did not make the show released it ("on Netflix from 2017-07-23") is not a
    premiere: it is ``premiere_date`` with ``release_platform`` naming that platform.
    ``seen_on`` is the first day a source shows the season existed (a chart week), when the
    source gives no premiere.
    """

    number: int
    src: SourceRef
    episode_order: int | None = None
    premiere_date: date | None = None
    end_date: date | None = None
    release_platform: str | None = None
    seen_on: date | None = None

    @property
    def source(self) -> str:
        return self.src.source

    @property
    def first_aired(self) -> date | None:
        """The premiere on the original channel, None for another platform's release."""
        return self.premiere_date if self.release_platform is None else None


@dataclass(frozen=True, slots=True)
class EpisodeRecord:
    season: int | None
    number: int | None
    src: SourceRef
    title: str | None = None
    kind: str | None = None
    airdate: date | None = None
    airstamp: datetime | None = None
    runtime: int | None = None
    summary: str | None = None
    source_id: str | None = None

    @property
    def key(self) -> str:
        if self.season is not None and self.number is not None:
            return f"s{self.season:02d}e{self.number:02d}"
        return f"special:{self.source_id or self.title or self.airdate}"


@dataclass(frozen=True, slots=True)
class CreditRecord:
    person_name: str
    kind: Literal["cast", "crew"]
    src: SourceRef
    part: str = ""  # character for cast, role for crew
    person_key: str | None = None  # "tvmaze:123"; derived from the name when None
    episode_count: int | None = None
    position: int = 0
    #: other sources that list the same person in the same part (merged credits)
    also: tuple[SourceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class InterestRecord:
    source: str
    metric: str
    period: Literal["day", "week", "half-year"]
    day: date
    value: float
    src: SourceRef
    season: int = 0


@dataclass(frozen=True, slots=True)
class StatusRecord:
    """What one source said about a show's status, and when.

    ``read_at`` is when the source said it: the date of an announcement when the source
    dates it, else when the source was read. ``season`` is the season the reading is about
    (0: the show as a whole).
    """

    source: str
    status: str
    read_at: datetime
    src: SourceRef
    details: dict[str, Any] = field(default_factory=dict)
    season: int = 0


@dataclass(slots=True)
class ShowBundle:
    """Everything known about one show: the reconciled fields and every sourced part."""

    title: str
    src: SourceRef
    id: int | None = None
    year: int | None = None
    kind: str | None = None
    language: str | None = None
    country: str | None = None
    premiered: date | None = None
    ended: date | None = None
    status: str | None = None
    summary: str | None = None
    genres: list[str] = field(default_factory=list)
    runtime: int | None = None
    official_site: str | None = None
    platform: PlatformRef | None = None
    external_ids: dict[str, str] = field(default_factory=dict)
    records: list[ShowRecordData] = field(default_factory=list)
    platforms: list[PlatformLink] = field(default_factory=list)
    seasons: list[SeasonRecord] = field(default_factory=list)
    episodes: list[EpisodeRecord] = field(default_factory=list)
    credits: list[CreditRecord] = field(default_factory=list)
    interest: list[InterestRecord] = field(default_factory=list)
    statuses: list[StatusRecord] = field(default_factory=list)
    #: where each reconciled field above came from, when not from ``src`` (field -> ref)
    field_src: dict[str, SourceRef] = field(default_factory=dict)

    def source_of(self, name: str) -> SourceRef:
        """The provenance of the reconciled field ``name`` (``title``, ``summary``...)."""
        return self.field_src.get(name, self.src)


@dataclass(frozen=True, slots=True)
class SeasonClaim:
    """A source's evidence about season ``season``: a season row, episodes, or a count.

    A "count" is what a catalog *listed* ("5 seasons" on a service at its date, announced
    seasons included): never evidence that a season was made. A "season" row is evidence
    the season exists when it is dated (``first_aired``, on the original channel or on
    ``release_platform``) or seen (``seen_on``: a chart week, a renewal scorecard's TV
    season); an undated row is an announced season.
    """

    season: int
    source: str
    as_of: date
    kind: Literal["season", "episodes", "count"]
    first_aired: date | None = None
    year: int | None = None
    last_aired: date | None = None  # for "episodes": the last of them
    episodes: int = 0  # for "episodes": how many
    seen_on: date | None = None
    release_platform: str | None = None  # the first_aired date is this platform's release

    def shows_made(self, today: date) -> bool:
        """Whether this claim shows the season was made (released by ``today``)."""
        if self.kind == "count":
            return False
        if self.seen_on is not None and self.seen_on <= today:
            return True
        return self.first_aired is not None and self.first_aired <= today


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """A status one source gave for a show (the latest per source in ``statuses``; every
    reading in ``readings``), dated, about one season (0: the show as a whole)."""

    source: str
    status: str
    as_of: date
    details: dict[str, Any] = field(default_factory=dict)
    season: int = 0


@dataclass(frozen=True, slots=True)
class LatestEpisode:
    season: int
    number: int
    title: str | None
    airdate: date | None


@dataclass(slots=True)
class StatusFacts:
    """Just what the status verdict reads about a show. The catalog loads these in bulk for a
    watchlist check; a report derives them from the show's full bundle."""

    title: str
    kind: str | None = None
    summary: str = ""  # plain text
    platform: str | None = None
    platform_kind: str | None = None
    ended: date | None = None
    statuses: dict[str, SourceStatus] = field(default_factory=dict)
    claims: list[SeasonClaim] = field(default_factory=list)
    episode_count: int = 0  # regular (numbered) episodes the catalog holds
    latest_episode: LatestEpisode | None = None
    wikidata_end: tuple[str, date] | None = None  # (end as given, retrieved)
    #: every status reading of every source, oldest first (renewal files give one per season)
    readings: list[SourceStatus] = field(default_factory=list)
    language: str | None = None
    countries: tuple[str, ...] = ()
    #: per source that would have seen a new season, the newest date it looked at the show
    watched: dict[str, date] = field(default_factory=dict)
    #: names the show goes by in the sources (a chart's "...: Limited Series" says a lot)
    titles: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------
# The report: what every renderer reads; its JSON form is the public output schema

REPORT_SCHEMA_VERSION = "1.5"

VERDICTS = (
    "renewed",
    "cancelled",
    "ended",
    "running",
    "awaiting decision",
    "in development",
    "unknown",
)
Verdict = Literal[
    "renewed", "cancelled", "ended", "running", "awaiting decision", "in development", "unknown"
]


class Fact(BaseModel):
    """A value with the key of the source (in ``Report.sources``) that gave it."""

    value: Any
    source: str
    as_of: date | None = None


class ShowRef(BaseModel):
    id: int
    title: str
    year: int | None = None
    platform: str | None = None
    status: str | None = None


class Overview(BaseModel):
    title: str
    premise: Fact | None = None
    genres: Fact | None = None
    kind: Fact | None = None
    language: Fact | None = None
    country: Fact | None = None
    platform: Fact | None = None
    #: "original": the channel it premiered on; "listed": a channel a source lists it on,
    #: which may not be the original (TVmaze lists a show under its current network)
    platform_role: Literal["original", "listed"] | None = None
    premiered: Fact | None = None
    ended: Fact | None = None
    runtime: Fact | None = None
    source_material: Fact | None = None
    setting: Fact | None = None
    headline_cast: list[Fact] = Field(default_factory=list)
    external_ids: dict[str, str] = Field(default_factory=dict)


class StatusReadingInfo(BaseModel):
    source: str
    says: str
    as_of: date | None = None


class StatusVerdict(BaseModel):
    season: int
    verdict: Verdict
    basis: Literal["announced", "inferred", "none"]
    reason: str
    rule: str | None = None
    decided_on: date | None = None
    source: str | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    confidence_label: Literal["high", "medium", "low"]
    readings: list[StatusReadingInfo] = Field(default_factory=list)
    #: the date of the newest evidence the verdict rests on, and its age when computed
    evidence_date: date | None = None
    evidence_age_days: int | None = None
    #: a sentence when the evidence is over a year old: the status may have changed since
    stale_note: str | None = None


class EpisodeInfo(BaseModel):
    season: int | None
    number: int | None
    title: str | None = None
    airdate: date | None = None
    runtime: int | None = None
    summary: str | None = None
    source: str


class SeasonInfo(BaseModel):
    number: int
    episodes: int | None = None
    episodes_in_catalog: int = 0
    #: the premiere on the original channel
    first_aired: date | None = None
    last_aired: date | None = None
    #: a release by a platform that did not make the show ("on Netflix from ..."), not a premiere
    released: date | None = None
    released_on: str | None = None
    #: how the season is known to exist when no date says so ("charted in the Netflix Top 10
    #: in the week of 2022-05-30", "implied by season 4")
    known_from: str | None = None
    runtime: int | None = None
    source: str


class SeasonsSection(BaseModel):
    #: the highest season known to exist (dated, aired, charted or listed as aired)
    seasons_known: Fact | None = None
    #: what catalogs listed ("5 seasons" at their date): announced seasons included, not a
    #: count of seasons made
    seasons_listed: list[Fact] = Field(default_factory=list)
    seasons: list[SeasonInfo] = Field(default_factory=list)
    episodes: list[EpisodeInfo] = Field(default_factory=list)
    finale: EpisodeInfo | None = None
    next_date: Fact | None = None
    note: str | None = None


class Availability(BaseModel):
    platform: str
    how: str  # "original" | "subscription" | "free" | "rent" | "buy"
    country: str | None = None
    as_of: date | None = None
    source: str


class WhereToWatch(BaseModel):
    countries: list[str]
    entries: list[Availability] = Field(default_factory=list)
    note: str | None = None


class TrendFigures(BaseModel):
    """Theil-Sen slope with a Mann-Kendall test, stated in words."""

    direction: Literal["rising", "flat", "falling"]
    slope_per_period: float  # in the series' unit per period (day, week, half-year)
    relative_change_per_year: float | None = None  # slope over a year / the median level
    relative_change: float | None = None  # the fitted change over the series' span / median
    tau: float  # Kendall's tau
    p_value: float
    n: int


class PeakFigures(BaseModel):
    day: date
    value: float
    prominence: float  # how far it stands above the series' typical level, in MADs
    event: str | None = None  # "the premiere", "the release of season 2", ... or unexplained
    event_day: date | None = None
    days_from_event: int | None = None


class SeriesFigures(BaseModel):
    """The numbers behind an interest series' reading (all finite: never NaN)."""

    n: int
    level: float | None = None  # the median of the last quarter of the series
    percentile: float | None = None  # of level among catalog shows with the same series kind
    percentile_among: int | None = None  # how many shows that percentile compares with
    trend: TrendFigures | None = None
    cv: float | None = None  # coefficient of variation
    robust_cv: float | None = None  # 1.4826 * MAD / median
    peaks: list[PeakFigures] = Field(default_factory=list)
    half_life_days: float | None = None  # decay of interest after the premiere peak
    gaps: int = 0  # missing periods between the first and last point
    zeros: int = 0
    notes: list[str] = Field(default_factory=list)  # what was odd or missing, in words


class InterestSeries(BaseModel):
    source: str
    metric: str
    label: str
    period: str
    season: int = 0
    points: list[tuple[date, float]]
    first: date
    last: date
    total: float
    peak_day: date
    peak_value: float
    latest_value: float
    figures: SeriesFigures | None = None


class Thread(BaseModel):
    """A busy discussion thread (social buzz)."""

    title: str
    url: str
    score: int | None = None
    comments: int | None = None
    day: date | None = None
    where: str | None = None  # e.g. the subreddit
    source: str


class InterestSection(BaseModel):
    series: list[InterestSeries] = Field(default_factory=list)
    reading: list[str] = Field(default_factory=list)
    # interest in "<title> season N" over interest in "<title>", where both series exist
    season_ratio: float | None = None
    threads: list[Thread] = Field(default_factory=list)
    note: str | None = None


class NextSeasonSection(BaseModel):
    finale: EpisodeInfo | None = None
    open_threads: list[str] = Field(default_factory=list)
    note: str | None = None


class OutlookFactor(BaseModel):
    """One thing that moves the odds for this show, with the model's own attribution."""

    feature: str  # the group of model columns, e.g. "platform record", "ratings"
    value: str  # this show's value, in words ("Netflix, 1 season", "unknown")
    contribution: float  # change in the log-odds of renewal against the average season
    effect: Literal["raises", "lowers", "barely moves"]
    words: str  # one plain sentence


class OutlookInterval(BaseModel):
    low: float = Field(ge=0.0, le=1.0)
    high: float = Field(ge=0.0, le=1.0)
    level: float = 0.8  # the share of plausible estimates the interval holds


class OutlookTrackRecord(BaseModel):
    """How the same model did on seasons it had not seen (a time split)."""

    period: str  # "trained on seasons aired 2010-2019, tested on 2020-2025"
    n: int
    auc: float
    brier: float
    brier_skill: float  # against always predicting the training base rate
    accuracy: float  # at 0.5
    scope: str = "all platforms"  # or the platform type the figures are for


class Outlook(BaseModel):
    """Section 7: the odds that season N is made, for a show still awaiting a decision."""

    season: int
    status: Literal["estimate", "weak estimate", "abstain", "not applicable"]
    probability: float | None = Field(default=None, ge=0.0, le=1.0)
    interval: OutlookInterval | None = None
    band: str | None = None  # "likely renewed", "toss-up", "likely cancelled", ...
    factors: list[OutlookFactor] = Field(default_factory=list)
    track_record: OutlookTrackRecord | None = None
    reason: str | None = None  # why not applicable, weak or abstaining
    model: str | None = None  # what the estimate comes from, in words


class CastCredit(BaseModel):
    actor: str
    character: str | None = None
    episodes: int | None = None
    source: str
    #: the other sources that list the same person on the show
    also: list[str] = Field(default_factory=list)


class CrewCredit(BaseModel):
    name: str
    role: str
    source: str


class SimilarEntry(BaseModel):
    show: ShowRef
    score: float
    # Facts both shows have, each with its sources: "also about doctors and hospitals (both
    # premises: TVmaze, Netflix 2021)".
    reasons: list[str]
    # Where it streams or airs, one line per platform: "Netflix (web channel)".
    where: list[str] = Field(default_factory=list)
    # Its status verdict, in section 2's words ("cancelled", "running", ...).
    verdict: str | None = None
    # Its kind: "scripted", "animation", "reality", "documentary", "talk", "sports", "news".
    kind: str | None = None
    # Its channel: "premiered on Netflix (TMDB 2025)" where a source gives the original one,
    # else "on The CW, per TVmaze index" (a listing, which may not be the original).
    network: str | None = None
    # True when the show asked about has no premise: the match rests on less.
    weaker: bool = False


class SourceInfo(BaseModel):
    key: str
    name: str
    url: str
    licence: str
    retrieved_at: datetime
    stale: bool
    note: str | None = None


class Report(BaseModel):
    schema_version: str = REPORT_SCHEMA_VERSION
    generated_at: datetime
    show: ShowRef
    season: int
    overview: Overview
    status: StatusVerdict
    seasons: SeasonsSection
    where_to_watch: WhereToWatch
    interest: InterestSection
    buzz: InterestSection
    outlook: Outlook | None = None
    next_season: NextSeasonSection
    characters: list[CastCredit] = Field(default_factory=list)
    crew: list[CrewCredit] = Field(default_factory=list)
    similar: list[SimilarEntry] = Field(default_factory=list)
    sources: list[SourceInfo] = Field(default_factory=list)
    notes: dict[str, str] = Field(
        default_factory=dict,
        description="Per section, why it is empty or partial (section key -> sentence).",
    )
