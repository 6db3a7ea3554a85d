"""Features of a season known when its renewal is decided, and their encoding as numbers.

The same :class:`SeasonFacts` describes a labelled season of the training files and a catalog
show whose next season is undecided, so training and prediction encode alike. Nothing here
reads anything dated after the decision: the ratings are those of the episodes a network had
seen (all but the last third of a long season), the Netflix Top 10 figures those of the first
four weeks of a season in the chart, the platform's record only decisions made in earlier
years (:class:`PlatformRates`), and the genres, runtime and premiere do not change.

Columns come in groups (:data:`GROUPS`); a report names a group as one factor ("Genres",
"Ratings"), and an unknown group is one factor too ("ratings unknown").

Not features, for want of labelled seasons that have them at decision time: Wikipedia
pageviews (no labelled season has a pageview series in the files at hand), Reddit counts (the
weekly r/television counts run from December 2022 to August 2023: 85 labelled seasons of
2022-2023 are mentioned, most of them before or after the weeks counted), and Netflix's
half-yearly engagement hours (2023 only, and measured after most decisions). The report shows
them in its interest and buzz sections; the outlook does not pretend to weigh them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from nextseason.platforms import PlatformType, platform_type

__all__ = [
    "COLUMNS",
    "FILLABLE",
    "GENRES",
    "GROUPS",
    "NEUTRAL",
    "SCHEDULE",
    "UNKNOWN",
    "PlatformRates",
    "SeasonFacts",
    "encode",
    "genre_flags",
    "known_groups",
    "rates_before",
    "season_bucket",
    "unknown_groups",
]

#: The genre vocabulary; each source's genre names fold into these (see :func:`genre_flags`).
GENRES = (
    "drama",
    "comedy",
    "crime and mystery",
    "science fiction and fantasy",
    "action and adventure",
    "animation and family",
    "unscripted",
    "romance",
)
_GENRE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("drama", ("drama", "soap", "melodrama")),
    ("comedy", ("comed", "sitcom", "stand-up", "stand up")),
    ("crime and mystery", ("crime", "myster", "thriller", "detective", "legal", "police")),
    (
        "science fiction and fantasy",
        ("sci-fi", "science-fiction", "science fiction", "fantasy", "supernatural", "horror"),
    ),
    ("action and adventure", ("action", "adventure", "war", "western", "espionage")),
    ("animation and family", ("anim", "anime", "kids", "children", "family", "cartoon")),
    (
        "unscripted",
        (
            "reality",
            "game",
            "talk",
            "news",
            "documentar",
            "docuseries",
            "sport",
            "food",
            "travel",
            "nature",
            "variety",
            "competition",
            "lifestyle",
            "award",
        ),
    ),
    ("romance", ("romance", "romantic")),
)
#: TVmaze and TMDB show types that mean an unscripted show.
_UNSCRIPTED_KINDS = {
    "reality",
    "documentary",
    "talk show",
    "game show",
    "variety",
    "news",
    "sports",
    "award show",
    "panel show",
}

SEASON_BUCKETS = ("1", "2", "3", "4-6", "7+")
RATE_BUCKETS = ("1", "2", "3+")


def season_bucket(season: int) -> str:
    if season <= 3:
        return str(max(season, 1))
    return "4-6" if season <= 6 else "7+"


def rate_bucket(season: int) -> str:
    return str(max(season, 1)) if season <= 2 else "3+"


def genre_flags(genres: Iterable[str], kind: str | None = None) -> set[str]:
    """The vocabulary genres of a show from any source's genre names (and its type)."""
    found: set[str] = set()
    for raw in genres:
        text = raw.casefold()
        for name, words in _GENRE_WORDS:
            if any(word in text for word in words):
                found.add(name)
    if kind:
        k = kind.casefold()
        if k in _UNSCRIPTED_KINDS:
            found.add("unscripted")
        elif k == "animation":
            found.add("animation and family")
    return found


@dataclass(frozen=True, slots=True)
class SeasonFacts:
    """What was known about a season when the next one was decided."""

    platform: str | None
    platform_kind: str | None  # the catalog's "network" | "streaming", when known
    season: int  # the season that aired; the decision is about season + 1
    year: int | None  # the year it aired
    episodes: int | None = None
    runtime: int | None = None
    genres: tuple[str, ...] = ()
    kind: str | None = None
    premiere_year: int | None = None
    ratings: tuple[float, ...] = ()  # per-episode 18-49 ratings the network had seen
    network_median_rating: float | None = None
    top10_weeks: int | None = None  # weeks in Netflix's global Top 10, first four weeks
    top10_hours: float | None = None  # hours viewed in those weeks
    # Broadcast scheduling and ownership, as the ratings file lists them ("Not Original",
    # "10pm", "Summer", ...): known when the season was scheduled.
    schedule: tuple[str, ...] = ()

    @property
    def platform_type(self) -> PlatformType | None:
        return platform_type(self.platform, self.platform_kind)


# ---------------------------------------------------------------------------------------
# The platform's record: renewals at each season number, from earlier decisions only


#: Pseudo-decisions that pull a platform with few decisions toward its type's rate.
RATE_PRIOR_WEIGHT = 20.0
#: A decision this many years older than another counts half as much: platforms change
#: their habits (streaming services renewed most shows in 2015 and few in 2023).
RATE_HALF_LIFE_YEARS = 3.0

_Cells = dict[str, dict[str, list[int]]]  # bucket -> year -> [renewed, decided]


@dataclass
class PlatformRates:
    """Decisions by platform, platform type and season bucket, year by year; a rate counts
    only the years before ``as_of``, recent years weighing more."""

    platform: dict[str, _Cells] = field(default_factory=dict)
    kind: dict[str, _Cells] = field(default_factory=dict)
    overall: _Cells = field(default_factory=dict)
    as_of: int = 9999

    def add(self, facts: SeasonFacts, renewed: int) -> None:
        bucket, year = rate_bucket(facts.season), str(facts.year or 0)
        tables = [self.overall]
        if facts.platform_type:
            tables.append(self.kind.setdefault(facts.platform_type, {}))
        if facts.platform:
            tables.append(self.platform.setdefault(facts.platform, {}))
        for table in tables:
            cell = table.setdefault(bucket, {}).setdefault(year, [0, 0])
            cell[0] += renewed
            cell[1] += 1

    def at(self, as_of: int) -> PlatformRates:
        """The same decisions, seen from the start of year ``as_of``."""
        return PlatformRates(self.platform, self.kind, self.overall, as_of)

    def _weighted(self, cells: dict[str, list[int]]) -> tuple[float, float]:
        r = n = 0.0
        for year_text, (renewed, decided) in cells.items():
            year = int(year_text)
            if year >= self.as_of:
                continue
            weight = 0.5 ** (max(0, self.as_of - 1 - year) / RATE_HALF_LIFE_YEARS)
            r += weight * renewed
            n += weight * decided
        return r, n

    def rate(self, facts: SeasonFacts) -> float:
        """The platform's smoothed, recency-weighted renewal rate at this season number."""
        bucket = rate_bucket(facts.season)
        r, n = self._weighted(self.overall.get(bucket, {}))
        overall = (r + 7.0) / (n + 10.0)  # before any decision: 70%, the files' usual rate
        r, n = self._weighted(self.kind.get(facts.platform_type or "", {}).get(bucket, {}))
        by_kind = (r + RATE_PRIOR_WEIGHT * overall) / (n + RATE_PRIOR_WEIGHT)
        r, n = self._weighted(self.platform.get(facts.platform or "", {}).get(bucket, {}))
        return (r + RATE_PRIOR_WEIGHT * by_kind) / (n + RATE_PRIOR_WEIGHT)

    def decided(self, facts: SeasonFacts) -> tuple[int, int, int | None, int | None]:
        """(renewed, decided, first year, last year) for the platform at this season number,
        unweighted, before ``as_of``."""
        cells = self.platform.get(facts.platform or "", {}).get(rate_bucket(facts.season), {})
        years = [int(y) for y in cells if int(y) < self.as_of]
        r = sum(cells[str(y)][0] for y in years)
        n = sum(cells[str(y)][1] for y in years)
        return r, n, min(years, default=None), max(years, default=None)

    def platform_total(self, platform: str | None) -> int:
        return sum(
            n
            for cells in self.platform.get(platform or "", {}).values()
            for year, (_, n) in cells.items()
            if int(year) < self.as_of
        )

    def type_total(self, kind: str | None) -> int:
        return sum(
            n
            for cells in self.kind.get(kind or "", {}).values()
            for year, (_, n) in cells.items()
            if int(year) < self.as_of
        )

    def to_dict(self) -> dict[str, object]:
        return {"platform": self.platform, "type": self.kind, "overall": self.overall}

    @classmethod
    def from_dict(cls, data: dict[str, object], as_of: int = 9999) -> PlatformRates:
        def cells(obj: object) -> _Cells:
            assert isinstance(obj, dict)
            return {
                str(b): {str(y): [int(v[0]), int(v[1])] for y, v in years.items()}
                for b, years in obj.items()
            }

        platform, kind = data["platform"], data["type"]
        assert isinstance(platform, dict) and isinstance(kind, dict)
        return cls(
            {str(k): cells(v) for k, v in platform.items()},
            {str(k): cells(v) for k, v in kind.items()},
            cells(data["overall"]),
            as_of,
        )


def rates_before(rows: Sequence[tuple[SeasonFacts, int]]) -> list[PlatformRates]:
    """For each row, the rates of the rows from strictly earlier years (no look-ahead)."""
    every = PlatformRates()
    for facts, label in rows:
        every.add(facts, label)
    return [every.at(facts.year or 0) for facts, _ in rows]


# ---------------------------------------------------------------------------------------
# Encoding


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def rating_figures(facts: SeasonFacts) -> tuple[float, float] | None:
    """(log of the average 18-49 rating over the network's median that year, log of the
    late-season over the early-season average) from the episodes seen at decision time."""
    if not facts.ratings or not facts.network_median_rating:
        return None
    ratings = facts.ratings
    level = math.log(_mean(ratings) / facts.network_median_rating)
    third = max(1, len(ratings) // 3)
    trend = math.log(_mean(ratings[-third:]) / _mean(ratings[:third])) if len(ratings) >= 3 else 0.0
    return level, trend


#: The ratings file's scheduling and ownership factors the model reads, by the flag they set.
SCHEDULE = {
    "Not Original": "not owned by the network",
    "Spring": "midseason start",
    "Summer": "summer season",
    "10pm": "10pm slot",
    "Friday": "Friday slot",
    "Extended Universe": "part of a franchise",
    "Foreign": "an imported show",
}

#: Every column, in order, with the group it belongs to.
_COLUMN_GROUPS: list[tuple[str, str]] = [
    *[(f"type={t}", "platform type") for t in ("broadcast", "cable", "streaming", "unknown")],
    ("platform record", "platform record"),
    *[(f"season={b}", "season number") for b in SEASON_BUCKETS],
    ("log episodes", "episodes"),
    ("half-hour episodes", "runtime"),
    ("hour-long episodes", "runtime"),
    *[(f"genre={g}", "genres") for g in GENRES],
    ("log show age", "show age"),
    ("rating vs network median", "ratings"),
    ("rating trend", "ratings"),
    ("ratings unknown", "ratings"),
    *[(f"schedule={name}", "schedule") for name in SCHEDULE.values()],
    ("top 10 weeks", "netflix top 10"),
    ("log top 10 hours", "netflix top 10"),
    ("top 10 unknown", "netflix top 10"),
]
COLUMNS: tuple[str, ...] = tuple(name for name, _ in _COLUMN_GROUPS)
GROUPS: dict[str, str] = dict(_COLUMN_GROUPS)
#: Groups whose values a show may lack; its interval spans the values similar shows had.
FILLABLE = ("episodes", "runtime", "genres", "show age", "ratings", "schedule", "netflix top 10")
#: Groups that, when unknown, count as the training average (no effect on the estimate):
#: whether the files happen to give them says more about the files than about the show.
#: Ratings and Top 10 figures are different: they exist for some platforms only, and their
#: absence has its own column.
NEUTRAL = ("episodes", "runtime", "genres", "show age", "schedule")
#: The key ``encode`` sets when a group is unknown.
UNKNOWN = {g: f"{g} unknown" for g in (*NEUTRAL, "ratings")} | {"netflix top 10": "top 10 unknown"}


def ratings_apply(facts: SeasonFacts) -> bool:
    """Ratings, time slots and studio ownership are published (and were learned) for the US
    broadcast networks only."""
    return facts.platform_type == "broadcast"


def top10_applies(facts: SeasonFacts) -> bool:
    """The chart exists from July 2021, for Netflix only."""
    return facts.platform == "Netflix" and (facts.year or 0) >= 2021


def encode(facts: SeasonFacts, rates: PlatformRates) -> dict[str, float]:
    """The feature columns of a season (before scaling); absent columns are 0, and an unknown
    group sets its ``UNKNOWN`` key."""
    x: dict[str, float] = {}
    x[f"type={facts.platform_type or 'unknown'}"] = 1.0
    x["platform record"] = _logit(rates.rate(facts))
    x[f"season={season_bucket(facts.season)}"] = 1.0
    if facts.episodes:
        x["log episodes"] = math.log(facts.episodes)
    else:
        x[UNKNOWN["episodes"]] = 1.0
    if facts.runtime:
        x["half-hour episodes" if facts.runtime <= 40 else "hour-long episodes"] = 1.0
    else:
        x[UNKNOWN["runtime"]] = 1.0
    flags = genre_flags(facts.genres, facts.kind)
    for name in flags:
        x[f"genre={name}"] = 1.0
    if not flags:
        x[UNKNOWN["genres"]] = 1.0
    if facts.premiere_year is not None and facts.year is not None:
        x["log show age"] = math.log1p(max(0, facts.year - facts.premiere_year))
    else:
        x[UNKNOWN["show age"]] = 1.0
    figures = rating_figures(facts)
    if figures is not None:
        x["rating vs network median"], x["rating trend"] = figures
    else:
        x[UNKNOWN["ratings"]] = 1.0
    if facts.schedule:
        for factor in facts.schedule:
            if factor in SCHEDULE:
                x[f"schedule={SCHEDULE[factor]}"] = 1.0
    else:
        x[UNKNOWN["schedule"]] = 1.0
    if facts.top10_weeks is not None:
        x["top 10 weeks"] = float(facts.top10_weeks)
        x["log top 10 hours"] = math.log10(1.0 + (facts.top10_hours or 0.0) / 1e6)
    else:
        x[UNKNOWN["netflix top 10"]] = 1.0
    return x


def unknown_groups(x: dict[str, float]) -> set[str]:
    """The groups an encoded season lacks."""
    return {group for group, key in UNKNOWN.items() if key in x}


def known_groups(facts: SeasonFacts) -> set[str]:
    """The fillable groups a season has values for."""
    return set(FILLABLE) - unknown_groups(encode(facts, PlatformRates()))


# ---------------------------------------------------------------------------------------
# Netflix Top 10: weeks in the chart and hours viewed, in the first weeks of a season
# (here rather than in labels.py, so that predicting does not load the label readers)

#: Netflix decides within a few months of a release; the chart weeks counted are those
#: within this many days of the season's first week in the chart.
TOP10_WINDOW_DAYS = 28
#: The first week (its last day) of Netflix's published global Top 10.
TOP10_FIRST_WEEK = date(2021, 7, 4)


@dataclass(frozen=True, slots=True)
class Top10Season:
    first_week: date
    weeks: int  # weeks in the chart within the window
    hours: float  # hours viewed within the window


def summarize_top10(points: list[tuple[date, float]]) -> Top10Season:
    """Weeks and hours within :data:`TOP10_WINDOW_DAYS` of the first chart week."""
    first = min(day for day, _ in points)
    inside = [(d, h) for d, h in points if (d - first).days < TOP10_WINDOW_DAYS]
    return Top10Season(first, len(inside), sum(h for _, h in inside))
