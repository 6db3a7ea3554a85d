"""The charts a page embeds: one small SVG per kind of series, written as text, no plotting
library.

A *kind* of series is one source's metric at one period (Netflix Top 10 hours viewed per
week, Wikipedia pageviews per day); its seasons are drawn side by side as coloured segments
of one chart, each on its own stretch of the time axis, so the months between two seasons
take no room and no line crosses them. A stretch of the same season split by a long silence
becomes two segments for the same reason. Each season's Theil-Sen trend (from the analysis's
figures) is drawn over that season's segments only, and cut at zero. Event labels and the
peak's label are placed where they fit, or left off.

A kind with fewer than :data:`MIN_POINTS` points gets no chart: the page says its figures in
words instead (:func:`few_points_text`).

Everything is drawn from numbers and escaped text: no markup from a source reaches the SVG,
and ids are not used at all, so several charts share a page safely. matplotlib stays for the
PNG and SVG files of ``report --charts`` (:mod:`nextseason.report.charts`); drawing here takes
about a millisecond a chart instead of 80-100 ms.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape

from nextseason.model import InterestSeries
from nextseason.report.views import clean

__all__ = [
    "MIN_POINTS",
    "SeriesKind",
    "chart_alt_text",
    "few_points_text",
    "kinds_of",
    "svg_chart",
]

#: A chart needs at least this many points; fewer are said in words.
MIN_POINTS = 4
#: The drawing's own units; CSS scales it to the page (text scales with it).
WIDTH, HEIGHT = 560, 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 50, 14, 40, 30
_FONT = 12
_SMALL = 11
_CHAR = 0.56  # average advance of a system sans-serif glyph, in ems (digits are ~0.55)
_SEGMENT_GAP = 16
#: Season colours: each 4.5:1 or better against white, told apart without relying on hue alone
#: (each segment is also labelled with its season).
SEASON_COLOURS = (
    "#0b57d0",
    "#b3261e",
    "#146c2e",
    "#7b3fa0",
    "#935000",
    "#00676b",
    "#a0286f",
    "#3c4043",
)
_MUTED = "#5f6368"
_GRID = "#e3e5e8"
_TREND = "#202124"
_PERIOD_DAYS = {"day": 1.0, "week": 7.0, "month": 30.4375, "half-year": 182.625}
_ADJECTIVES = {"day": "daily", "week": "weekly", "month": "monthly", "half-year": "half-yearly"}
_RANK_METRICS = frozenset({"weekly_rank"})
#: Measures that repeat a better one of the same source: charted only when it is missing.
SECONDARY = {
    "weekly_rank": "weekly_hours_viewed",
    "weekly_views": "weekly_hours_viewed",
    "score": "mentions",
}


@dataclass(frozen=True)
class SeriesKind:
    """One source's metric at one period, over every season the catalog holds."""

    source: str
    metric: str
    period: str
    label: str
    series: tuple[InterestSeries, ...]

    @property
    def points(self) -> int:
        return sum(len(_finite(s)) for s in self.series)

    @property
    def is_rank(self) -> bool:
        return self.metric in _RANK_METRICS

    @property
    def seasons(self) -> list[int]:
        return sorted({s.season for s in self.series if s.season})


def kinds_of(series: Iterable[InterestSeries]) -> list[SeriesKind]:
    """The series grouped by kind, in the order each kind first appears; a secondary measure
    (weekly rank or views beside hours viewed) only when its better twin is missing."""
    groups: dict[tuple[str, str, str], list[InterestSeries]] = {}
    for s in series:
        groups.setdefault((s.source, s.metric, s.period), []).append(s)
    have = {(source, metric) for source, metric, _ in groups}
    kinds = []
    for (source, metric, period), members in groups.items():
        if metric in SECONDARY and (source, SECONDARY[metric]) in have:
            continue
        members.sort(key=lambda s: (s.season, s.first))
        kinds.append(SeriesKind(source, metric, period, clean(members[0].label), tuple(members)))
    return kinds


# ---------------------------------------------------------------------------------------
# Numbers as words


def _human(value: float) -> str:
    for size, word in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if abs(value) >= size:
            return f"{value / size:.1f} {word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.3g}"


def _tick(value: float) -> str:
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def _value(kind: SeriesKind, value: float) -> str:
    return f"rank {value:.0f}" if kind.is_rank else _human(value)


def _season_name(season: int) -> str:
    return f"season {season}" if season else "all seasons"


def few_points_text(kind: SeriesKind) -> str:
    """A kind too short to chart, in words: ``Reddit mentions: 12 on 2024-06-16.``"""
    parts = []
    for s in kind.series:
        values = ", ".join(f"{_value(kind, v)} on {d.isoformat()}" for d, v in _finite(s))
        if values:
            parts.append(f"{_season_name(s.season)}: {values}" if s.season else values)
    return f"{kind.label}: {'; '.join(parts) or 'no values'}."


def chart_alt_text(kind: SeriesKind, title: str) -> str:
    """What the chart shows, from its numbers: per season its span, peak and trend."""
    shape = "Bar chart" if kind.period == "half-year" else "Line chart"
    unit = _ADJECTIVES.get(kind.period, clean(kind.period))
    seasons = kind.seasons
    head = f"{shape}: {clean(title)}"
    if len(seasons) > 1:
        head += f", seasons {seasons[0]} to {seasons[-1]} as coloured segments"
    sentences = [head + "."]
    for s in kind.series:
        points = _finite(s)
        if not points:
            continue
        best = min(points, key=lambda p: p[1]) if kind.is_rank else max(points, key=lambda p: p[1])
        what = "best" if kind.is_rank else "peak"
        text = (
            f"{len(points)} {unit} values from {points[0][0].isoformat()} to "
            f"{points[-1][0].isoformat()}, {what} {_value(kind, best[1])} on "
            f"{best[0].isoformat()}, latest {_value(kind, points[-1][1])}"
        )
        trend = s.figures.trend if s.figures else None
        if trend is not None:
            text += f", trend {trend.direction}"
        prefix = f"{_season_name(s.season).capitalize()}: " if s.season else ""
        sentences.append(f"{prefix}{text}.")
    return " ".join(sentences)


# ---------------------------------------------------------------------------------------
# Layout


def _finite(series: InterestSeries) -> list[tuple[date, float]]:
    return sorted((d, v) for d, v in series.points if math.isfinite(v))


@dataclass
class _Line:
    """One season's consecutive points inside a segment."""

    season: int
    colour: str
    series: InterestSeries
    points: list[tuple[date, float]]


@dataclass
class _Segment:
    """One stretch of the time axis where the kind has values; the silences between
    stretches take no room."""

    lines: list[_Line]
    start: date = date.min
    end: date = date.min
    x0: float = 0.0
    x1: float = 0.0

    @property
    def points(self) -> list[tuple[date, float]]:
        return sorted(p for line in self.lines for p in line.points)

    def x(self, day: date) -> float:
        span = (self.end - self.start).days or 1
        return self.x0 + (self.x1 - self.x0) * (day - self.start).days / span


@dataclass
class _Canvas:
    parts: list[str] = field(default_factory=list)

    def add(self, markup: str) -> None:
        self.parts.append(markup)

    def text(
        self,
        x: float,
        y: float,
        words: str,
        *,
        size: int = _FONT,
        fill: str = _MUTED,
        anchor: str = "start",
        weight: str = "",
    ) -> None:
        bold = ' font-weight="600"' if weight else ""
        self.add(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}"'
            f' text-anchor="{anchor}"{bold}>{escape(words, quote=False)}</text>'
        )


def _text_width(words: str, size: int) -> float:
    return len(words) * size * _CHAR


def season_colours(kind: SeriesKind) -> dict[int, str]:
    return {n: SEASON_COLOURS[i % len(SEASON_COLOURS)] for i, n in enumerate(kind.seasons)}


def _segments(kind: SeriesKind) -> list[_Segment]:
    """The stretches of time with values, each season's points in them as its own line."""
    period = _PERIOD_DAYS.get(kind.period, 1.0)
    silence = max(8 * period, 90.0)
    colours = season_colours(kind)
    everything = sorted(
        (day, value, n) for n, s in enumerate(kind.series) for day, value in _finite(s)
    )
    # Stretches: split the kind's dates where nothing at all happens for a long time.
    bounds: list[tuple[date, date]] = []
    for day, _, _ in everything:
        if bounds and (day - bounds[-1][1]).days <= silence:
            bounds[-1] = (bounds[-1][0], day)
        else:
            bounds.append((day, day))
    segments = [_Segment([]) for _ in bounds]
    for n, s in enumerate(kind.series):
        colour = colours.get(s.season, SEASON_COLOURS[0])
        for seg, (first, last) in zip(segments, bounds, strict=True):
            points = [(d, v) for d, v, m in everything if m == n and first <= d <= last]
            if points:
                seg.lines.append(_Line(s.season, colour, s, points))
    # Bars span their period; lines get half a period of air either side.
    pad = timedelta(days=period * (0.0 if kind.period == "half-year" else 0.5))
    tail = timedelta(days=period if kind.period == "half-year" else 0)
    for seg, (first, last) in zip(segments, bounds, strict=True):
        seg.start, seg.end = first - pad, last + pad + tail
    # Widths in proportion to time, with a floor so a short stretch stays readable.
    inner = WIDTH - _LEFT - _RIGHT - _SEGMENT_GAP * (len(segments) - 1)
    days = [max((g.end - g.start).days, 1) for g in segments]
    floor = min(inner / len(segments), 60.0)
    total = sum(days)
    widths = [max(floor, inner * d / total) for d in days]
    scale = inner / sum(widths)
    x = float(_LEFT)
    for seg, w in zip(segments, widths, strict=True):
        seg.x0, seg.x1 = x, x + w * scale
        x = seg.x1 + _SEGMENT_GAP
    return segments


def _nice_step(span: float, ticks: int = 4) -> float:
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    for m in (1, 2, 2.5, 5, 10):
        if m * magnitude >= raw:
            return m * magnitude
    return 10 * magnitude


class _YAxis:
    def __init__(self, kind: SeriesKind, values: Sequence[float]) -> None:
        self.rank = kind.is_rank
        self.top, self.bottom = _TOP + 8.0, float(HEIGHT - _BOTTOM)
        self.ticks: list[float]
        if self.rank:
            self.low, self.high = 0.5, max(values) + 0.5
            self.ticks = [float(v) for v in (1, 3, 5, 7, 10, 15, 20) if v <= max(values)]
        else:
            high = max(max(values), 0.0) * 1.18 or 1.0
            step = _nice_step(high)
            self.high = math.ceil(high / step) * step
            self.low = 0.0
            self.ticks = [i * step for i in range(round(self.high / step) + 1)]

    def y(self, value: float) -> float:
        share = (value - self.low) / ((self.high - self.low) or 1.0)
        if self.rank:
            return self.top + share * (self.bottom - self.top)
        return self.bottom - share * (self.bottom - self.top)


def _month_ticks(seg: _Segment) -> list[tuple[date, str]]:
    """Month (or year) starts inside the segment, spaced so their labels fit."""
    width = seg.x1 - seg.x0
    days = max((seg.end - seg.start).days, 1)
    for months in (1, 2, 3, 6, 12, 24, 60):
        if width * (months * 30.4) / days >= 64:
            break
    else:
        return []
    ticks: list[tuple[date, str]] = []
    year, month = seg.start.year, seg.start.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = date(year, month, 1)
        if day > seg.end:
            break
        if (month - 1) % months or (months >= 12 and (year % (months // 12))):
            continue
        label = str(year) if months >= 12 or month == 1 else day.strftime("%b")
        ticks.append((day, label))
    return ticks


def _path(points: Sequence[tuple[float, float]]) -> str:
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _thin(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Many points per pixel column: keep each column's first, lowest, highest and last, so
    the shape (spikes included) survives at a fraction of the size."""
    if len(points) <= 2 * (WIDTH - _LEFT - _RIGHT):
        return points
    out: list[tuple[float, float]] = []
    column: list[tuple[float, float]] = []
    for p in points:
        if column and int(p[0]) != int(column[0][0]):
            out.extend(_column(column))
            column = []
        column.append(p)
    out.extend(_column(column))
    return out


def _column(column: list[tuple[float, float]]) -> list[tuple[float, float]]:
    if len(column) <= 4:
        return column
    low = min(column, key=lambda p: p[1])
    high = max(column, key=lambda p: p[1])
    middle = sorted((low, high), key=lambda p: p[0])
    return [column[0], *middle, column[-1]]


# ---------------------------------------------------------------------------------------
# Drawing


def svg_chart(kind: SeriesKind, *, title: str, events: Mapping[str, date] | None = None) -> str:
    """The kind's chart as SVG markup to embed in a page (``role="img"`` with its alt text).

    The same input gives the same text. Call only for a kind with :data:`MIN_POINTS` or more.
    """
    segments = _segments(kind)
    values = [v for seg in segments for _, v in seg.points]
    axis = _YAxis(kind, values)
    label = chart_alt_text(kind, title)
    canvas = _Canvas()
    canvas.add(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' class="chart-svg" role="img" aria-label="{escape(label)}"'
        ' font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">'
        f"<title>{escape(label, quote=False)}</title>"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>'
    )
    _draw_y_axis(canvas, kind, axis)
    trends = _trend_lines(kind, segments)
    _draw_legend(canvas, kind, bool(trends))
    for seg in segments:
        _draw_segment_axis(canvas, seg, axis)
    _draw_events(canvas, kind, segments, axis, events)
    for seg in segments:
        if kind.period == "half-year":
            _draw_bars(canvas, seg, axis)
        else:
            for line in seg.lines:
                _draw_line(canvas, kind, seg, line, axis)
    for seg, line in trends:
        _draw_trend(canvas, kind, seg, line, axis)
    _draw_peak(canvas, kind, segments, axis)
    canvas.add("</svg>")
    return "".join(canvas.parts)


def _draw_y_axis(canvas: _Canvas, kind: SeriesKind, axis: _YAxis) -> None:
    for value in axis.ticks:
        y = axis.y(value)
        canvas.add(
            f'<line x1="{_LEFT}" x2="{WIDTH - _RIGHT}" y1="{y:.1f}" y2="{y:.1f}"'
            f' stroke="{_GRID}" stroke-width="1"/>'
        )
        words = f"#{value:.0f}" if kind.is_rank else _tick(value)
        canvas.text(_LEFT - 6, y + 4, words, anchor="end", size=_SMALL)
    unit = "rank (1 = top)" if kind.is_rank else kind.label.rsplit(": ", 1)[-1]
    canvas.text(4, 14, unit, size=_SMALL, fill=_MUTED)


def _draw_legend(canvas: _Canvas, kind: SeriesKind, trend: bool) -> None:
    """One row under the unit: each season's colour, the trend line and the peak marker."""
    items: list[tuple[str, str]] = []
    colours = season_colours(kind)
    if len(colours) > 1 or (colours and kind.seasons[0]):
        for season, colour in colours.items():
            items.append(
                (f"season {season}", f'<rect x="0" y="-5" width="14" height="10" fill="{colour}"/>')
            )
    if trend:
        items.append(
            (
                "trend",
                f'<path d="M0,0L18,0" stroke="{_TREND}" stroke-width="1.6"'
                ' stroke-dasharray="5 3"/>',
            )
        )
    items.append(
        (
            "best" if kind.is_rank else "peak",
            f'<circle cx="8" cy="0" r="4.5" fill="none" stroke="{_TREND}" stroke-width="1.5"/>',
        )
    )
    x, y = float(_LEFT), 30.0
    for words, mark in items:
        width = 22 + _text_width(words, _SMALL) + 12
        if x + width > WIDTH - _RIGHT:
            if len(colours) > 4 and words.startswith("season"):
                continue  # many seasons: the alt text and table still name them all
            break
        canvas.add(f'<g transform="translate({x:.1f},{y - 4:.1f})">{mark}</g>')
        canvas.text(x + 21, y, words, size=_SMALL, fill=_TREND)
        x += width


def _draw_segment_axis(canvas: _Canvas, seg: _Segment, axis: _YAxis) -> None:
    bottom = axis.bottom
    canvas.add(
        f'<line x1="{seg.x0:.1f}" x2="{seg.x1:.1f}" y1="{bottom:.1f}" y2="{bottom:.1f}"'
        f' stroke="{_MUTED}" stroke-width="1"/>'
    )
    # Under the axis: the segment's start (month and year), then month ticks that fit.
    start = seg.points[0][0]
    first = start.strftime("%b %Y")
    if _text_width(first, _SMALL) > seg.x1 - seg.x0 + _SEGMENT_GAP - 4:
        first = start.strftime("%Y")
    taken = seg.x0 + _text_width(first, _SMALL)
    canvas.text(seg.x0, bottom + 15, first, size=_SMALL)
    for day, words in _month_ticks(seg):
        x = seg.x(day)
        if x - _text_width(words, _SMALL) / 2 < taken + 8 or x > seg.x1:
            continue
        canvas.add(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{bottom:.1f}" y2="{bottom + 4:.1f}"'
            f' stroke="{_MUTED}"/>'
        )
        canvas.text(x, bottom + 15, words, size=_SMALL, anchor="middle")
        taken = x + _text_width(words, _SMALL) / 2


def _draw_bars(canvas: _Canvas, seg: _Segment, axis: _YAxis) -> None:
    """Half-years as bars; seasons that share a half-year stand side by side in it."""
    period = timedelta(days=_PERIOD_DAYS["half-year"])
    by_day: dict[date, list[tuple[str, float]]] = {}
    for line in seg.lines:
        for day, value in line.points:
            by_day.setdefault(day, []).append((line.colour, value))
    for day, bars in by_day.items():
        x0, x1 = seg.x(day), seg.x(day + period)
        gap = (x1 - x0) * 0.08
        each = (x1 - x0 - 2 * gap) / len(bars)
        for i, (colour, value) in enumerate(bars):
            y = axis.y(value)
            canvas.add(
                f'<rect x="{x0 + gap + i * each:.1f}" y="{y:.1f}" width="{max(each - 1, 1):.1f}"'
                f' height="{max(axis.bottom - y, 0):.1f}" fill="{colour}"/>'
            )


def _draw_line(canvas: _Canvas, kind: SeriesKind, seg: _Segment, line: _Line, axis: _YAxis) -> None:
    period = _PERIOD_DAYS.get(kind.period, 1.0)
    runs: list[list[tuple[float, float]]] = [[]]
    previous: date | None = None
    for day, value in line.points:
        if previous is not None and (day - previous).days > 1.5 * period:
            runs.append([])  # a missing period is a gap in the line, never a dive
        runs[-1].append((seg.x(day), axis.y(value)))
        previous = day
    few = len(line.points) <= 60
    for run in runs:
        if len(run) > 1:
            canvas.add(
                f'<path d="{_path(_thin(run))}" fill="none" stroke="{line.colour}"'
                f' stroke-width="{2 if few else 1.2}" stroke-linejoin="round"/>'
            )
    if few:
        dots = "".join(f"M{x:.1f},{y:.1f}h0" for run in runs for x, y in run)
        canvas.add(
            f'<path d="{dots}" stroke="{line.colour}" stroke-width="5" stroke-linecap="round"/>'
        )


def _trend_lines(kind: SeriesKind, segments: Sequence[_Segment]) -> list[tuple[_Segment, _Line]]:
    """Where each season's trend is drawn: over its longest stretch, when that stretch holds
    enough of its points to carry a line (a rank or half-year bars get none)."""
    if kind.is_rank or kind.period == "half-year":
        return []
    chosen = []
    for s in kind.series:
        trend = s.figures.trend if s.figures else None
        if trend is None or not math.isfinite(trend.slope_per_period):
            continue
        placed = [(seg, line) for seg in segments for line in seg.lines if line.series is s]
        if not placed:
            continue
        seg, line = max(placed, key=lambda sl: len(sl[1].points))
        if len(line.points) >= MIN_POINTS:
            chosen.append((seg, line))
    return chosen


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _draw_trend(
    canvas: _Canvas, kind: SeriesKind, seg: _Segment, line: _Line, axis: _YAxis
) -> None:
    """The season's Theil-Sen line through its median point, over its stretch only, and
    never below zero."""
    trend = line.series.figures.trend if line.series.figures else None
    if trend is None:
        return
    points = _finite(line.series)
    origin = points[0][0]
    x_mid = _median([(d - origin).days for d, _ in points])
    y_mid = _median([v for _, v in points])
    slope = trend.slope_per_period / _PERIOD_DAYS.get(kind.period, 1.0)  # per day
    a, b = line.points[0][0], line.points[-1][0]
    ya = y_mid + slope * ((a - origin).days - x_mid)
    yb = y_mid + slope * ((b - origin).days - x_mid)
    if ya < 0 and yb < 0:
        return
    if ya < 0 or yb < 0:  # cut where the line meets zero
        cross = a + timedelta(days=(b - a).days * ya / (ya - yb))
        if ya < 0:
            a, ya = cross, 0.0
        else:
            b, yb = cross, 0.0
    canvas.add(
        f'<path d="{_path([(seg.x(a), axis.y(ya)), (seg.x(b), axis.y(yb))])}"'
        f' stroke="{line.colour}" stroke-width="1.6" stroke-dasharray="6 3" fill="none"'
        ' opacity="0.85"/>'
    )


def _event_list(kind: SeriesKind, extra: Mapping[str, date] | None) -> list[tuple[date, str]]:
    found = {
        (peak.event_day, _short(peak.event))
        for s in kind.series
        for peak in (s.figures.peaks if s.figures else [])
        if peak.event and peak.event_day
    }
    found |= {(day, _short(name)) for name, day in (extra or {}).items()}
    return sorted(found)


_SEASON_EVENT = re.compile(r"\bseason (\d+)(?:,? part (\d+))?", re.IGNORECASE)


def _short(name: str) -> str:
    """An event's label short enough to sit beside its line: ``season 3 part 2``."""
    text = clean(name)
    found = _SEASON_EVENT.search(text)
    if found:
        return f"season {found[1]}" + (f" part {found[2]}" if found[2] else "")
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    if len(text) <= 22:
        return text
    return text[:22].rsplit(" ", 1)[0]


def _draw_events(
    canvas: _Canvas,
    kind: SeriesKind,
    segments: Sequence[_Segment],
    axis: _YAxis,
    events: Mapping[str, date] | None,
) -> None:
    """Dashed lines at the events inside a segment; labels in two rows where they fit."""
    rows = [-math.inf, -math.inf]
    for day, words in _event_list(kind, events):
        seg = next((g for g in segments if g.start <= day <= g.end), None)
        if seg is None:
            continue
        x = seg.x(day)
        canvas.add(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{axis.top:.1f}" y2="{axis.bottom:.1f}"'
            f' stroke="{_MUTED}" stroke-width="1" stroke-dasharray="3 3"/>'
        )
        width = _text_width(words, _SMALL)
        left = x + 3 if x + 3 + width <= WIDTH - _RIGHT else x - 3 - width
        if left < _LEFT:
            continue
        row = next((r for r, end in enumerate(rows) if end < left), None)
        if row is None:
            continue  # no room: the line stays, the label goes
        rows[row] = left + width + 6
        y = axis.top + 12 + row * 14
        canvas.text(left, y, words, size=_SMALL)


def _draw_peak(
    canvas: _Canvas, kind: SeriesKind, segments: Sequence[_Segment], axis: _YAxis
) -> None:
    """The highest value (the best rank) of the chart, ringed and labelled inside the box."""
    choose = min if kind.is_rank else max
    seg, (day, value) = choose(
        ((g, p) for g in segments for p in g.points), key=lambda gp: gp[1][1]
    )
    if kind.period == "half-year":
        x = seg.x(day + timedelta(days=_PERIOD_DAYS["half-year"] / 2))
        when = f"{day.year} H{1 if day.month <= 6 else 2}"
    else:
        x, when = seg.x(day), day.isoformat()
    y = axis.y(value)
    canvas.add(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.5" fill="none" stroke="{_TREND}"'
        ' stroke-width="1.5"/>'
    )
    words = (f"#{value:.0f}" if kind.is_rank else _tick(value)) + f", {when}"
    width = _text_width(words, _SMALL)
    left = x + 8 if x + 8 + width <= WIDTH - _RIGHT else x - 8 - width
    text_y = y + 16 if kind.is_rank else max(y - 4, axis.top + 4)
    canvas.text(max(left, float(_LEFT)), text_y, words, size=_SMALL, fill=_TREND, weight="bold")
