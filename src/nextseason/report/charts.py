"""Charts of interest and buzz series as PNG and SVG files (``report --charts``).

The charts embedded in the HTML report and the web pages are drawn by
:mod:`nextseason.report.svgchart` instead (a millisecond each, no matplotlib).

Each chart shows one :class:`~nextseason.model.InterestSeries`: the values as a line (daily,
weekly) or bars (half-yearly), its peaks marked, the events that explain them as dashed
vertical lines, and the Theil-Sen trend line when the analysis computed one.

matplotlib is imported inside the functions that draw, never at module import, so the CLI
starts fast when no chart is asked for. Figures are built with the object API (``Figure`` +
``FigureCanvasAgg``): no pyplot, no global figure registry to leak into. The settings that
matplotlib only takes from its global rcParams (the SVG id salt, text as text, no mathtext,
fonts) are set in an ``rc_context`` under a lock, so concurrent renders neither race nor
leave the process's settings changed.
"""

from __future__ import annotations

import functools
import io
import math
import os
import re
import statistics
import tempfile
import textwrap
import threading
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from nextseason.errors import UsageError
from nextseason.model import InterestSeries, Report
from nextseason.report.views import clean

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "CHART_FORMATS",
    "alt_text",
    "chart",
    "chart_file_names",
    "chart_title",
    "write_charts",
]

CHART_FORMATS = ("png", "svg")
ChartFormat = Literal["png", "svg"]

#: Length of one period in days: the x-spacing of points and the unit of a trend's slope.
_PERIOD_DAYS = {"day": 1.0, "week": 7.0, "month": 30.4375, "half-year": 182.625}
_ADJECTIVES = {"day": "daily", "week": "weekly", "month": "monthly", "half-year": "half-yearly"}
_X_LABELS = {"day": "date", "week": "week", "month": "month", "half-year": "half-year"}
#: Metrics where a smaller number is better; their axis runs from 1 (the top) downwards.
_RANK_METRICS = frozenset({"weekly_rank"})
_DPI = 100
_MAX_PEAKS = 5
_MAX_EVENT_LABEL = 26
_EVENT_FONT = 7
_EVENT_ROWS = (0.99, 0.91)  # label heights, in axes fractions: above the peak's label

#: Settings read while drawing and saving. The fixed salt makes SVG ids (clip paths,
#: markers) a hash of their content, so the same chart gives the same bytes; text stays
#: text (selectable, searchable, small) instead of glyph outlines; ``$`` in a show title is
#: a dollar sign, not mathtext.
_RC: dict[Any, Any] = {  # keyed by matplotlib's literal rc names
    "svg.hashsalt": "nextseason",
    "svg.fonttype": "none",
    "text.parse_math": False,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.titley": 1.0,  # a fixed place: no top ticks to dodge, and the search costs 30 ms
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
}
_SVG_METADATA: dict[str, str | None] = {"Date": None}
_PNG_METADATA: dict[str, str | None] = {"Software": None}
_COLOURS = {
    "series": "#0b57d0",
    "trend": "#b06000",
    "peak": "#c5221f",
    "event": "#5f6368",
}

_LOCK = threading.Lock()


# ---------------------------------------------------------------------------------------
# Reading a series


def _period_days(series: InterestSeries) -> float:
    return _PERIOD_DAYS.get(series.period, 1.0)


def _finite_points(series: InterestSeries) -> list[tuple[date, float]]:
    return sorted((d, v) for d, v in series.points if math.isfinite(v))


def _is_rank(series: InterestSeries) -> bool:
    return series.metric in _RANK_METRICS


def _axis_label(series: InterestSeries) -> str:
    """The metric with its unit: the part of the label after the source's name."""
    label = clean(series.label).rsplit(": ", 1)[-1] or clean(series.metric)
    return f"{label} (1 = top)" if _is_rank(series) else label


def _human(value: float) -> str:
    """53,020,000 -> ``53.0 million``: numbers as a reader says them."""
    for size, word in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if abs(value) >= size:
            return f"{value / size:.1f} {word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.3g}"


def _tick(value: float, _pos: float | None = None) -> str:
    """Compact axis ticks: 0, 50M, 1.2B, 25k."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def _short_event(name: str) -> str:
    text = clean(name)
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    return text if len(text) <= _MAX_EVENT_LABEL else text[: _MAX_EVENT_LABEL - 1] + "…"


def _events(series: InterestSeries, extra: Mapping[str, date] | None) -> list[tuple[date, str]]:
    """(day, short label) of the events to mark, in date order, each once."""
    found = {
        (peak.event_day, _short_event(peak.event))
        for peak in (series.figures.peaks if series.figures else [])
        if peak.event and peak.event_day
    }
    found |= {(day, _short_event(name)) for name, day in (extra or {}).items()}
    return sorted(found)


def _peaks(series: InterestSeries) -> list[tuple[date, float]]:
    """The peaks to mark: the analysis's most prominent ones, or else the series' peak."""
    marked = {(series.peak_day, series.peak_value)}
    if series.figures:
        ranked = sorted(series.figures.peaks, key=lambda p: -p.prominence)[:_MAX_PEAKS]
        marked |= {(p.day, p.value) for p in ranked}
    return sorted(marked)


# ---------------------------------------------------------------------------------------
# Drawing


def chart(
    series: InterestSeries,
    *,
    fmt: ChartFormat,
    title: str,
    events: Mapping[str, date] | None = None,
    width: float = 7.0,
    height: float = 3.2,
) -> bytes:
    """One chart of ``series`` as PNG or SVG bytes; the same input gives the same bytes."""
    if fmt not in CHART_FORMATS:
        raise UsageError(f"unknown chart format {fmt!r}; choose one of {', '.join(CHART_FORMATS)}")
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    out = io.BytesIO()
    with _LOCK, matplotlib.rc_context(_RC):
        fig = Figure(figsize=(width, height), dpi=_DPI)
        FigureCanvasAgg(fig)
        _draw(fig, series, title=title, events=events)
        metadata = _SVG_METADATA if fmt == "svg" else _PNG_METADATA
        fig.savefig(out, format=fmt, dpi=_DPI, metadata=metadata)
    # No pyplot, so no registry holds the figure: it goes with this frame (and the garbage
    # collector takes its internal reference cycles), nothing to close.
    return out.getvalue()


def _draw(
    fig: Figure, series: InterestSeries, *, title: str, events: Mapping[str, date] | None
) -> None:
    width, height = fig.get_size_inches()
    left, right, bottom = 0.75, 0.2, 0.5  # inches: room for the tick and axis labels
    axes_points = (width - left - right) * 72
    ax = fig.add_subplot()
    points = _finite_points(series)
    if not points:
        ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes)
    else:
        _plot_values(ax, series, points)
        _plot_trend(ax, series, points)
        _plot_peaks(ax, series)
        _set_limits(ax, series, points)
        _plot_events(ax, series, events, points, axes_points)
    # Above the axes: the title (wrapped to the width, two lines at most), then the legend
    # in one row, or two on a narrow chart.
    chars = max(20, int(axes_points / (_RC["axes.titlesize"] * 0.53)))  # DejaVu Sans, ~0.5 em
    title_lines = textwrap.wrap(clean(title), chars, max_lines=2, placeholder=" …") or [""]
    handles = len(ax.get_legend_handles_labels()[0])
    columns = 4 if axes_points >= 380 else 2
    legend_rows = -(-handles // columns)
    top = 0.12 + 0.2 * len(title_lines) + 0.17 * legend_rows + 0.08
    fig.subplots_adjust(
        left=left / width,
        right=1 - right / width,
        bottom=bottom / height,
        top=1 - top / height,
    )
    ax.set_title("\n".join(title_lines), loc="left", pad=4 + 12.5 * legend_rows)
    ax.set_xlabel(_X_LABELS.get(series.period, "date"))
    ax.set_ylabel(_axis_label(series))
    ax.grid(axis="y", color="#d9dce1", linewidth=0.6)
    ax.set_axisbelow(True)
    if handles:
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0.0, 1.0),
            ncols=columns,
            frameon=False,
            borderaxespad=0.1,
            handlelength=1.6,
        )


_EPOCH = date(1970, 1, 1)


def _x(day: date) -> float:
    """matplotlib's date number for ``day``, without its per-call parsing (a hot loop)."""
    return _epoch_x() + (day - _EPOCH).days


@functools.cache
def _epoch_x() -> float:
    from matplotlib.dates import date2num

    return float(date2num(_EPOCH))  # type: ignore[no-untyped-call]  # dates.py is untyped


def _plot_values(ax: Axes, series: InterestSeries, points: list[tuple[date, float]]) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.ticker import FuncFormatter

    period = _period_days(series)
    label = "rank" if _is_rank(series) else f"{_ADJECTIVES.get(series.period, '')} values".lstrip()
    if series.period == "half-year":
        # A half-year's point is dated its first day; the bar spans the half-year.
        ax.bar(
            [_x(d) for d, _ in points],
            [v for _, v in points],
            width=period * 0.9,
            align="edge",
            color=_COLOURS["series"],
            label=label,
        )
    else:
        xs: list[float] = []
        ys: list[float] = []
        previous: date | None = None
        for day, value in points:
            if previous is not None and (day - previous).days > 1.5 * period:
                xs.append(math.nan)  # a gap in the data is a gap in the line
                ys.append(math.nan)
            xs.append(_x(day))
            ys.append(value)
            previous = day
        few = len(points) <= 60
        ax.plot(
            xs,
            ys,
            color=_COLOURS["series"],
            linewidth=1.6 if few else 0.9,
            marker="o" if few else None,
            markersize=3,
            label=label,
        )
    locator = AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.yaxis.set_major_formatter(FuncFormatter(_tick))


def _plot_trend(ax: Axes, series: InterestSeries, points: list[tuple[date, float]]) -> None:
    """The Theil-Sen line: through the series' median point, with the slope per period."""
    trend = series.figures.trend if series.figures else None
    if trend is None or len(points) < 2 or not math.isfinite(trend.slope_per_period):
        return
    offset = _period_days(series) / 2 if series.period == "half-year" else 0.0
    xs = [_x(d) + offset for d, _ in points]
    x_mid = statistics.median(xs)
    y_mid = statistics.median(v for _, v in points)
    slope = trend.slope_per_period / _period_days(series)  # per day, the x unit
    ends = [xs[0], xs[-1]]
    ax.plot(
        ends,
        [y_mid + slope * (x - x_mid) for x in ends],
        color=_COLOURS["trend"],
        linewidth=1.4,
        linestyle="-",
        label=f"trend ({trend.direction})",
    )


def _plot_peaks(ax: Axes, series: InterestSeries) -> None:
    peaks = _peaks(series)
    offset = _period_days(series) / 2 if series.period == "half-year" else 0.0
    ax.plot(
        [_x(d) + offset for d, _ in peaks],
        [v for _, v in peaks],
        linestyle="none",
        marker="o",
        markersize=7,
        markerfacecolor="none",
        markeredgecolor=_COLOURS["peak"],
        markeredgewidth=1.4,
        label="peak" if len(peaks) == 1 else "peaks",
    )
    what = f"#{series.peak_value:.0f}" if _is_rank(series) else _tick(series.peak_value)
    ax.annotate(
        f"{what}, {series.peak_day.isoformat()}",
        (_x(series.peak_day) + offset, series.peak_value),
        # A rank's best is at the top edge: its label goes below the marker.
        xytext=(6, -5) if _is_rank(series) else (6, 4),
        textcoords="offset points",
        va="top" if _is_rank(series) else "baseline",
        fontsize=7,
        color=_COLOURS["peak"],
    )


def _plot_events(
    ax: Axes,
    series: InterestSeries,
    events: Mapping[str, date] | None,
    points: list[tuple[date, float]],
    axes_points: float,
) -> None:
    """Dashed lines at the events, labelled in two rows; a label with no room is left off
    (its line stays) rather than printed over another."""
    # Only events within the series' span (and a period either side): one from years away
    # would squash the data into a corner.
    margin = timedelta(days=_period_days(series))
    start, end = points[0][0] - margin, points[-1][0] + margin
    shown = [e for e in _events(series, events) if start <= e[0] <= end]
    x0, x1 = ax.get_xlim()
    per_point = (x1 - x0) / axes_points  # x data units per typographic point
    row_ends = [-math.inf] * len(_EVENT_ROWS)
    for i, (day, short) in enumerate(shown):
        x = _x(day)
        ax.axvline(
            x,
            color=_COLOURS["event"],
            linestyle="--",
            linewidth=0.9,
            label="events" if i == 0 else None,
        )
        width = (len(short) + 1) * _EVENT_FONT * 0.62 * per_point  # DejaVu Sans, roughly
        row = next((r for r, end_x in enumerate(row_ends) if end_x < x), None)
        if row is None:
            continue
        row_ends[row] = x + width
        ax.text(
            x,
            _EVENT_ROWS[row],
            f" {short}",
            transform=ax.get_xaxis_transform(),
            ha="left",
            va="top",
            fontsize=_EVENT_FONT,
            color=_COLOURS["event"],
        )


def _set_limits(ax: Axes, series: InterestSeries, points: list[tuple[date, float]]) -> None:
    period = _period_days(series)
    x0, x1 = _x(points[0][0]), _x(points[-1][0])
    if series.period == "half-year":
        x1 += period
    pad = max(period, (x1 - x0) * 0.03)
    ax.set_xlim(x0 - pad, x1 + pad)
    values = [v for _, v in points]
    if _is_rank(series):
        ax.set_ylim(max(values) + 0.5, 0.5)  # rank 1 at the top
        return
    low, high = min(0.0, min(values)), max(values)
    if high <= low:
        high = low + 1.0
    ax.set_ylim(low, high + (high - low) * 0.35)  # room above for the peak and event labels


# ---------------------------------------------------------------------------------------
# Words


def alt_text(series: InterestSeries, title: str) -> str:
    """What the chart shows, from its numbers: span, peak and when, trend if known."""
    points = _finite_points(series)
    kind = "Bar chart" if series.period == "half-year" else "Line chart"
    head = f"{kind}: {clean(title)}."
    if not points:
        return f"{head} There are no values to show."
    n = len(points)
    unit = _ADJECTIVES.get(series.period, clean(series.period))
    span = (
        f"one {unit} value on {points[0][0].isoformat()}"
        if n == 1
        else f"{n} {unit} values from {points[0][0].isoformat()} to {points[-1][0].isoformat()}"
    )
    what = _axis_label(series)
    if _is_rank(series):
        peak = f"best rank {series.peak_value:.0f} on {series.peak_day.isoformat()}"
        latest = f"rank {series.latest_value:.0f}"
    else:
        peak = f"peak {_human(series.peak_value)} on {series.peak_day.isoformat()}"
        latest = _human(series.latest_value)
    event = _peak_event(series)
    if event:
        peak += f" ({event})"
    trend = series.figures.trend if series.figures else None
    trend_text = ""
    if trend is not None:
        rate = trend.relative_change_per_year
        per_year = f", {rate:+.0%} a year" if rate is not None and math.isfinite(rate) else ""
        trend_text = f"; the trend is {trend.direction}{per_year}"
    shows = span if what in head else f"{what}, {span}"  # the title may name the metric
    if n == 1:
        return f"{head} It shows {shows}: {latest}."
    return f"{head} It shows {shows}: {peak}, latest {latest}{trend_text}."


def _peak_event(series: InterestSeries) -> str | None:
    if not series.figures:
        return None
    for peak in series.figures.peaks:
        if peak.day == series.peak_day and peak.event:
            return clean(peak.event)
    return None


def chart_title(report: Report, series: InterestSeries) -> str:
    """``Bridgerton season 3: Netflix Top 10 (global): hours viewed per week``."""
    season = f" season {series.season}" if series.season else ""
    return f"{clean(report.show.title)}{season}: {clean(series.label)}"


# ---------------------------------------------------------------------------------------
# Files


def _slug(text: str, limit: int = 60) -> str:
    """ASCII letters, digits and single hyphens: never a path separator or a dot."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].strip("-")


def _all_series(report: Report) -> Iterator[InterestSeries]:
    yield from report.interest.series
    yield from report.buzz.series


def chart_file_names(report: Report) -> list[str]:
    """One stem per interest and buzz series, stable and safe: ``show-source-metric-s02``."""
    show = _slug(report.show.title) or f"show-{report.show.id}"
    stems: list[str] = []
    for s in _all_series(report):
        parts = [show, _slug(s.source) or "source", _slug(s.metric) or "metric"]
        if s.season:
            parts.append(f"s{s.season:02d}")
        stem = "-".join(parts)
        if stem in stems:  # the same metric at two periods
            stem = f"{stem}-{_slug(s.period) or 'period'}"
        base, n = stem, 2
        while stem in stems:
            stem, n = f"{base}-{n}", n + 1
        stems.append(stem)
    return stems


def write_charts(
    report: Report, folder: Path, *, formats: Sequence[str] = CHART_FORMATS
) -> list[Path]:
    """Write one chart per interest and buzz series and format into ``folder``; the paths."""
    folder = Path(folder)
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise UsageError(f"chart folder {folder} {what}")
    for fmt in formats:
        if fmt not in CHART_FORMATS:
            raise UsageError(
                f"unknown chart format {fmt!r}; choose one of {', '.join(CHART_FORMATS)}"
            )
    written: list[Path] = []
    for series, stem in zip(_all_series(report), chart_file_names(report), strict=True):
        title = chart_title(report, series)
        for fmt in formats:
            data = chart(series, fmt="png" if fmt == "png" else "svg", title=title)
            path = folder / f"{stem}.{fmt}"
            _write_atomic(path, data)
            written.append(path)
    return written


def _write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: never a half-written chart."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
