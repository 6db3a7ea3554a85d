"""Audience interest and buzz: series summaries and a plain-language reading. Pure, no I/O."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from nextseason.model import InterestRecord, InterestSeries

__all__ = ["BUZZ_SOURCES", "METRIC_LABELS", "interest_reading", "series_from_points"]

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
#: Sources that measure social buzz rather than viewing or search interest.
BUZZ_SOURCES = frozenset({"reddit_rtelevision", "reddit"})
#: Metrics where a smaller number is better (a rank).
RANK_METRICS = frozenset({"weekly_rank"})


def series_from_points(points: Iterable[InterestRecord]) -> list[InterestSeries]:
    """Group points into series by (source, metric, period, season), each summarized."""
    groups: dict[tuple[str, str, str, int], list[InterestRecord]] = defaultdict(list)
    for p in points:
        groups[(p.source, p.metric, p.period, p.season)].append(p)
    out: list[InterestSeries] = []
    for (source, metric, period, season), group in sorted(groups.items()):
        group.sort(key=lambda p: p.day)
        values = [(p.day, float(p.value)) for p in group]
        pick = min if metric in RANK_METRICS else max
        peak_day, peak_value = pick(values, key=lambda dv: dv[1])
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
            )
        )
    return out


def _human(value: float) -> str:
    for size, suffix in ((1e9, " billion"), (1e6, " million"), (1e3, " thousand")):
        if abs(value) >= size:
            return f"{value / size:.1f}{suffix}"
    return f"{value:g}"


def _season_label(season: int) -> str:
    return f"season {season}" if season else "the show"


def _nearest_event(day: date, events: dict[str, date], window: int = 21) -> str | None:
    best: tuple[int, str] | None = None
    for name, when in events.items():
        gap = abs((day - when).days)
        if gap <= window and (best is None or gap < best[0]):
            best = (gap, name)
    return best[1] if best else None


def interest_reading(
    series: Sequence[InterestSeries], *, today: date, events: dict[str, date] | None = None
) -> list[str]:
    """Two or three sentences computed from the series, never canned text."""
    events = events or {}
    sentences: list[str] = []
    for s in series:
        if s.metric in RANK_METRICS or len(sentences) >= 3:
            continue
        n = len(s.points)
        what = _season_label(s.season)
        if s.source == "netflix_top10" and s.metric == "weekly_hours_viewed":
            sentence = (
                f"Netflix's global Top 10 listed {what} for {n} week{'s' * (n != 1)} between "
                f"{s.first.isoformat()} and {s.last.isoformat()}, {_human(s.total)} hours in all, "
                f"peaking at {_human(s.peak_value)} hours in the week of {s.peak_day.isoformat()}"
            )
        elif s.period == "half-year":
            halves = ", ".join(f"{_human(v)} hours from {d.isoformat()}" for d, v in s.points)
            sentence = f"Netflix's engagement report counted {what} at {halves}"
        elif s.metric == "mentions":
            mean = s.total / n
            trend = ""
            if n >= 4:
                half = n // 2
                early = sum(v for _, v in s.points[:half]) / half
                late = sum(v for _, v in s.points[half:]) / (n - half)
                if late > early * 1.25:
                    trend = ", rising over the period"
                elif late < early * 0.8:
                    trend = ", falling over the period"
                else:
                    trend = ", steady over the period"
            sentence = (
                f"r/television's weekly threads mentioned the show in {n} week{'s' * (n != 1)} "
                f"from {s.first.isoformat()} to {s.last.isoformat()}, {mean:.0f} times a week on "
                f"average, at most {s.peak_value:.0f} (week of {s.peak_day.isoformat()}){trend}"
            )
        else:
            sentence = (
                f"{s.label}: {n} point{'s' * (n != 1)} from {s.first.isoformat()} to "
                f"{s.last.isoformat()}, peak {_human(s.peak_value)} on {s.peak_day.isoformat()}"
            )
        event = _nearest_event(s.peak_day, events)
        if event and n > 1:
            sentence += f"; the peak coincides with {event}"
        years = (today - s.last).days / 365.25
        if years >= 1:
            sentence += f". The latest point is {years:.1f} years old"
        sentences.append(sentence + ".")
    return sentences
