"""Audience interest and buzz: series with their figures, and a reading in plain words.

Pure functions over model records. The numbers come from :mod:`nextseason.analysis.series`;
this module groups points into series, attaches the figures, and turns them into two or
three sentences whose every number is also in the report's JSON.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from nextseason.analysis.series import analyze, percentile, season_ratio
from nextseason.model import InterestRecord, InterestSeries, SeriesFigures

__all__ = [
    "BUZZ_SOURCES",
    "METRIC_LABELS",
    "interest_reading",
    "season_search_ratio",
    "series_from_points",
]

#: Human labels for (source, metric); unknown pairs fall back to "source metric".
METRIC_LABELS: dict[tuple[str, str], str] = {
    ("netflix_top10", "weekly_hours_viewed"): "Netflix Top 10 (global): hours viewed per week",
    ("netflix_top10", "weekly_views"): "Netflix Top 10 (global): views per week",
    ("netflix_top10", "weekly_rank"): "Netflix Top 10 (global): weekly rank",
    ("netflix_engagement", "hours_viewed"): "Netflix engagement report: hours viewed per half-year",
    ("reddit_rtelevision", "mentions"): "r/television weekly threads: mentions",
    ("reddit_rtelevision", "score"): "r/television weekly threads: upvotes of those comments",
    ("wikipedia_pageviews", "views"): "Wikipedia pageviews per day",
    ("google_trends", "search_interest"): "Google Trends: search interest (0-100, relative)",
    ("reddit", "posts"): "Reddit: posts mentioning the show per week",
    ("reddit", "comments"): "Reddit: comments on those posts per week",
}
#: The unit of each metric, for sentences ("1.2 million hours").
UNITS: dict[str, str] = {
    "weekly_hours_viewed": "hours a week",
    "weekly_views": "views a week",
    "hours_viewed": "hours per half-year",
    "views": "views a day",
    "search_interest": "on Google's 0-100 scale",
    "mentions": "mentions a week",
    "score": "upvotes a week",
    "posts": "posts a week",
    "comments": "comments a week",
}
#: Sources that measure social buzz rather than viewing or search interest.
BUZZ_SOURCES = frozenset({"reddit_rtelevision", "reddit"})
#: Metrics where a smaller number is better (a rank): summarized, not analysed as interest.
RANK_METRICS = frozenset({"weekly_rank"})
#: Which series speaks first in a reading: the broadest measure of interest first.
READING_ORDER = (
    ("wikipedia_pageviews", "views"),
    ("google_trends", "search_interest"),
    ("netflix_top10", "weekly_hours_viewed"),
    ("netflix_engagement", "hours_viewed"),
    ("reddit", "posts"),
    ("reddit_rtelevision", "mentions"),
)


def series_from_points(
    points: Iterable[InterestRecord],
    *,
    events: Mapping[str, date] | None = None,
    premiere: date | None = None,
    others: Mapping[tuple[str, str, str], Sequence[float]] | None = None,
) -> list[InterestSeries]:
    """Group points into series by (source, metric, period, season), each with its figures.

    ``others`` gives, per (source, metric, period), other shows' mean levels, for the
    percentile of this show's whole-show series among them.
    """
    groups: dict[tuple[str, str, str, int], list[InterestRecord]] = defaultdict(list)
    for p in points:
        groups[(p.source, p.metric, p.period, p.season)].append(p)
    events = dict(events or {})
    # A season's first week in the Top 10 dates its release when nothing else does.
    for (source, _, _, season), group in groups.items():
        name = f"the release of season {season}"
        if source == "netflix_top10" and season and name not in events:
            events[f"season {season}'s first week in the Netflix Top 10"] = min(
                p.day for p in group
            )
    out: list[InterestSeries] = []
    for (source, metric, period, season), group in sorted(groups.items()):
        group.sort(key=lambda p: p.day)
        values = [(p.day, float(p.value)) for p in group]
        pick = min if metric in RANK_METRICS else max
        peak_day, peak_value = pick(values, key=lambda dv: dv[1])
        figures: SeriesFigures | None = None
        if metric not in RANK_METRICS:
            figures = analyze(
                values,
                period=period,  # type: ignore[arg-type]
                events=events,
                premiere=premiere if season in (0, 1) else None,
            )
            pool = (others or {}).get((source, metric, period))
            if pool and season == 0 and values:
                mean = sum(v for _, v in values) / len(values)
                figures.percentile = percentile(mean, pool)
                figures.percentile_among = len(pool) if figures.percentile is not None else None
        out.append(
            InterestSeries(
                source=source,
                metric=metric,
                label=METRIC_LABELS.get((source, metric), f"{source} {metric}"),
                period=period,
                season=season,
                points=values,
                first=values[0][0],
                last=values[-1][0],
                total=sum(v for _, v in values),
                peak_day=peak_day,
                peak_value=peak_value,
                latest_value=values[-1][1],
                figures=figures,
            )
        )
    return out


def season_search_ratio(series: Sequence[InterestSeries], season: int) -> float | None:
    """Searches for "<title> season N" over searches for "<title>" (Google Trends)."""
    by_season = {s.season: s for s in series if s.source == "google_trends"}
    if season not in by_season or 0 not in by_season:
        return None
    return season_ratio(by_season[season].points, by_season[0].points)


def _human(value: float) -> str:
    for size, suffix in ((1e9, " billion"), (1e6, " million"), (1e3, " thousand")):
        if abs(value) >= size:
            return f"{value / size:.1f}{suffix}"
    return f"{value:.0f}" if value >= 10 else f"{value:.2g}"


def _signed(value: float) -> str:
    return ("+" if value >= 0 else "-") + _human(abs(value))


def _level_word(figures: SeriesFigures) -> str | None:
    if figures.percentile is None:
        return None
    if figures.percentile >= 75:
        return "high"
    if figures.percentile >= 40:
        return "middling"
    return "low"


def _steadiness(figures: SeriesFigures) -> str | None:
    spread = figures.robust_cv if figures.robust_cv is not None else figures.cv
    if spread is None:
        return None
    if spread < 0.3:
        return "steady"
    if spread < 0.8:
        return "uneven"
    return "erratic"


def _ago(day: date, today: date) -> str:
    days = (today - day).days
    if days < 60:
        return f"{max(days, 0)} days ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days / 365.25:.0f} years ago"


def _what(series: InterestSeries) -> str:
    label = series.label.split(":")[0] if ":" in series.label else series.label
    if series.season:
        return f"{label} for season {series.season}"
    return label


def _series_sentence(series: InterestSeries, today: date) -> str | None:
    figures = series.figures
    if figures is None or figures.n == 0:
        return None
    unit = UNITS.get(series.metric, "")
    parts: list[str] = []
    word = _level_word(figures)
    if figures.level is not None:
        rank = (
            f", the {figures.percentile:.0f}th percentile of {figures.percentile_among} shows"
            if figures.percentile is not None and figures.percentile_among
            else ""
        )
        interest = f"{word} interest" if word else "interest"
        parts.append(f"{interest} at {_human(figures.level)} {unit}{rank}".rstrip())
    if figures.trend is not None:
        trend = figures.trend
        span_days = (series.last - series.first).days
        change = ""
        if trend.direction != "flat":
            if span_days >= 365 and trend.relative_change_per_year is not None:
                change = f", {trend.relative_change_per_year:+.0%} a year"
            else:
                # Over a few weeks a yearly rate means nothing: say the change per period.
                change = f", {_signed(trend.slope_per_period)} {unit} per {series.period}"
        direction = {"rising": "rising", "falling": "falling", "flat": "with no clear trend"}
        parts.append(f"{direction[trend.direction]}{change} (Mann-Kendall p = {trend.p_value:.2g})")
    steadiness = _steadiness(figures)
    if steadiness and figures.n >= 3:
        parts.append(f"{steadiness} from {series.period} to {series.period}")
    sentence = f"{_what(series)}: " + ", ".join(parts) if parts else f"{_what(series)}"
    if figures.n == 1:
        sentence += f" (1 point, {series.first.isoformat()})"
    else:
        sentence += (
            f" ({figures.n} points, {series.first.isoformat()} to {series.last.isoformat()})"
        )
    if figures.peaks:
        peak = max(figures.peaks, key=lambda p: p.day)
        when = f"{peak.day.isoformat()}, {_ago(peak.day, today)}"
        if peak.event:
            sentence += (
                f"; the last peak ({_human(peak.value)}, {when}) coincides with {peak.event}"
            )
        else:
            sentence += f"; the last peak ({_human(peak.value)}, {when}) matches no known event"
    if figures.half_life_days is not None:
        weeks = figures.half_life_days / 7
        span = f"{weeks:.0f} weeks" if weeks >= 2 else f"{figures.half_life_days:.0f} days"
        sentence += f"; interest halved {span} after the premiere peak"
    return sentence + "."


def interest_reading(
    series: Sequence[InterestSeries],
    *,
    today: date,
    season: int | None = None,
    ratio: float | None = None,
    limit: int = 3,
) -> list[str]:
    """Two or three sentences from the series' figures: never canned text."""
    order = {key: i for i, key in enumerate(READING_ORDER)}
    chosen = sorted(
        (s for s in series if s.figures is not None and s.figures.n > 0),
        key=lambda s: (order.get((s.source, s.metric), len(order)), s.season != 0, -s.season),
    )
    sentences: list[str] = []
    seen: set[str] = set()
    for s in chosen:
        if len(sentences) >= limit:
            break
        if s.source in seen:
            continue  # one sentence per source: its main measure, for the latest season
        sentence = _series_sentence(s, today)
        if sentence:
            sentences.append(sentence)
            seen.add(s.source)
    if ratio is not None and season is not None and len(sentences) < limit + 1:
        sentences.append(
            f"Searches for the show's season {season} run at {ratio:.0%} of searches for its "
            "title over the same weeks."
        )
    return sentences
