"""The interest toolkit: figures for one time series of dated values. Pure, no I/O.

Any source fits (Wikipedia pageviews, Google Trends, Netflix Top 10 weekly hours or views,
the Netflix half-year engagement report, Reddit weekly posts): a series is a list of
``(date, value)`` points and a period (``"day"``, ``"week"``, ``"half-year"``). Every figure
is either in the series' own unit (level, slope, peak values) or free of it (percentile,
relative change, volatility, prominence, half-life), so series from sources on different
scales are never compared by their raw numbers. Taking logs, or undoing them (the Prophet
example of Peyton Manning's pageviews is stored as ``log(views)``), is the caller's business.

What :func:`analyze` does, in order:

Cleaning
    Points are sorted by date; a date given twice keeps its first valid value; negative and
    non-finite values are dropped. Each of these is said in ``notes``. ``zeros`` counts the
    zero values (they are kept: a zero is a measurement) and ``gaps`` the missing periods
    between the first and the last point (a step of ``d`` days counts ``round(d / period) - 1``
    missing periods, so half-years of 181 or 184 days both count as one step).

Level
    The median of the points in the most recent quarter of the series' time span (from
    ``last - span / 4`` to ``last``; for one point, that point). A median of a recent stretch
    says "where interest stands now" without being thrown by one spike. Its
    :func:`percentile` among other shows' levels (same source, metric and period) is filled
    when ``others`` is given.

Trend
    Theil-Sen slope (Theil 1950; Sen 1968: the median of the slopes between every pair of
    points, robust to up to 29 % of outliers) with the Mann-Kendall test (Mann 1945;
    Kendall 1975) for a monotonic trend: ``S`` = the sum of the signs of every later-minus-
    earlier difference, its variance corrected for tied values,
    ``Var(S) = [n(n-1)(2n+5) - sum t(t-1)(2t+5)] / 18``, and a two-sided p-value from the
    normal approximation with continuity correction. ``tau`` is Kendall's tau-a,
    ``S / (n(n-1)/2)``, as Mann-Kendall reports it. Both compare every pair of points, so
    they are O(n²), computed with numpy over the pairs at once; a series of more than
    :data:`MAX_TREND_POINTS` points is first averaged into calendar bins counted from its
    first date (a daily series into weeks, or 2, 4, 8 weeks beyond 11 years; a weekly one
    into 2, 4, ... weeks), which is said in ``notes``. That is the choice for speed (a
    10-year daily series becomes 522 weekly means, 136,000 pairs, analysed in full in about
    10 ms) over an exact O(n log n) method (Dillencourt, Mount and Netanyahu's randomized
    Theil-Sen, Knight's merge-sort Kendall): simpler, and it damps day-of-week cycles. The
    test assumes independent points: on daily data, which is autocorrelated, its p-values
    are optimistic (no Hamed-Rao correction is applied), one more reason for the threshold
    below.
    The direction is ``rising`` or ``falling`` only when ``p <`` :data:`SIGNIFICANCE` *and*
    the fitted line moves by at least :data:`MIN_RELATIVE_CHANGE` of the median level over
    the series' span (``relative_change``); otherwise ``flat``. A significant but tiny drift
    is not news to a reader. ``relative_change_per_year`` is the slope over 365.25 days
    divided by the median level. Fewer than 3 points: no trend.

Volatility
    ``cv`` = sample standard deviation / mean; ``robust_cv`` = 1.4826 · MAD / median (the
    MAD scaled to estimate a normal standard deviation: Rousseeuw & Croux 1993), which one
    spike cannot inflate. Each is ``None``, with a note, when its denominator is 0 or there is
    only one point.

Peaks
    A local maximum (the first point of a plateau; the first and last points count, so the
    release week that opens a Netflix season can be its peak) is a peak when it stands
    :data:`PROMINENCE_MADS` robust standard deviations or more above the series' median:
    the 3.5 cut-off of Iglewicz and Hoaglin's modified z-score (1993), and ``prominence`` is
    that figure. Interest rises in spikes, so the spread is measured on the values at or
    below the median (1.4826 · their median distance to it, a one-sided MAD; falling back to
    1.2533 · their mean distance, then to both sides): a two-sided MAD is inflated by the very
    spikes looked for, and misses both releases of a ten-week season that came out in two
    parts. In a series of at least two widths of :data:`ROLLING_POINTS` (29 days, 9 weeks,
    5 half-years), the point must also stand that far above a centred rolling median (same
    scale, on the residuals), so that ordinary days of a busy season are not taken for
    peaks; the comparison with the overall median keeps the end of a steady rise from
    passing for one. Peaks closer than the attribution window are one burst of interest: the
    highest stays. At most :data:`MAX_PEAKS` are kept, highest value first. Each is
    attributed to the nearest event (``events``, plus ``premiere`` as "the premiere") within
    ``window_days`` either side (default :data:`DEFAULT_WINDOW_DAYS`: 14 days, 21 days,
    183 days), the earlier event on a tie (interest follows events); else it stays
    unexplained.

Decay after the premiere
    The highest point within ``window_days`` after ``premiere`` (a point dated up to one
    period before it counts too: weeks dated by their first day) is the premiere peak. The
    baseline is the median of the points in the :data:`DECAY_BASELINE_WINDOWS` windows before
    the premiere, or 0 when there are none (a Netflix Top 10 season starts at its release).
    The excess over the baseline is fitted as ``excess(t) = excess(0) · 2^(-t / half-life)``
    by a Theil-Sen line through ``log(excess)``, on the points from the peak until interest
    has fallen to a quarter of the peak's excess (two half-lives: past that, a slow tail would
    dominate the fit), until the next peak (a second part of a season, a finale), until
    excess is gone, or until the horizon :data:`DECAY_HORIZON_DAYS`, whichever comes first.
    ``None``, with a note, without a premiere, without a point after it, or without decay.

Robustness
    Empty, one point, two points, constant, all zeros, gaps, duplicates, disorder, negative
    or non-finite values: no exception, and every float in the output is finite (a figure
    that cannot be computed is ``None`` and the notes say why). Values are divided by their
    maximum before any arithmetic, so sums of squares cannot overflow, and a value below
    1e-200 of the maximum counts as 0 in the arithmetic (not in ``zeros``), so no ratio can.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from nextseason.model import PeakFigures, SeriesFigures, TrendFigures

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    FloatArray = NDArray[np.float64]
    IntArray = NDArray[np.int64]

__all__ = [
    "DEFAULT_WINDOW_DAYS",
    "MAX_PEAKS",
    "MAX_TREND_POINTS",
    "MIN_RELATIVE_CHANGE",
    "PERIOD_DAYS",
    "PROMINENCE_MADS",
    "SIGNIFICANCE",
    "Period",
    "analyze",
    "percentile",
    "season_ratio",
]

Period = Literal["day", "week", "half-year"]

#: Length of one period in days (a half-year is half of 365.25).
PERIOD_DAYS: dict[str, float] = {"day": 1.0, "week": 7.0, "half-year": 182.625}
#: Words for a count of periods, for the notes.
_PERIOD_WORDS: dict[str, tuple[str, str]] = {
    "day": ("day", "days"),
    "week": ("week", "weeks"),
    "half-year": ("half-year", "half-years"),
}
#: How far (either side) a peak may be from an event to be attributed to it.
DEFAULT_WINDOW_DAYS: dict[str, int] = {"day": 14, "week": 21, "half-year": 183}
#: Width of the rolling-median baseline for peaks, in points (odd).
ROLLING_POINTS: dict[str, int] = {"day": 29, "week": 9, "half-year": 5}
#: A peak stands this many robust standard deviations (1.4826 MAD) above its baseline.
PROMINENCE_MADS = 3.5
#: At most this many peaks are reported.
MAX_PEAKS = 5
#: Mann-Kendall two-sided p-value below which a trend is significant.
SIGNIFICANCE = 0.05
#: The fitted change over the series' span must reach this share of the median level.
MIN_RELATIVE_CHANGE = 0.10
#: Longer series are averaged into calendar bins before Theil-Sen and Mann-Kendall.
MAX_TREND_POINTS = 600
#: The decay fit stops this long after the premiere peak.
DECAY_HORIZON_DAYS: dict[str, int] = {"day": 90, "week": 182, "half-year": 730}
#: The decay baseline is the median of the points this many windows before the premiere.
DECAY_BASELINE_WINDOWS = 4
#: The decay fit stops once the excess has fallen to this share of the peak's excess.
DECAY_FLOOR = 0.25

_MAD_TO_SD = 1.4826  # 1 / Φ⁻¹(3/4): the MAD of a normal sample estimates σ / 1.4826
_MEAN_AD_TO_SD = 1.2533  # sqrt(π/2): the same for the mean absolute deviation
#: Values below this share of the series' maximum are taken as 0: no interest series spans
#: 200 orders of magnitude, and dividing by such a value would overflow.
_NEGLIGIBLE = 1e-200


def analyze(
    points: Sequence[tuple[date, float]],
    *,
    period: Period,
    events: Mapping[str, date] | None = None,
    premiere: date | None = None,
    window_days: int | None = None,
    others: Sequence[float] | None = None,
) -> SeriesFigures:
    """Every figure of one interest series; ``others`` are other shows' levels to rank among."""
    if period not in PERIOD_DAYS:
        raise ValueError(f"unknown period {period!r}: expected one of {sorted(PERIOD_DAYS)}")
    window = DEFAULT_WINDOW_DAYS[period] if window_days is None else max(0, window_days)
    ordinals, values, notes = _clean(points)
    n = len(values)
    if n == 0:
        return SeriesFigures(n=0, notes=[*notes, "no data points: no figures"])

    import numpy as np

    first, last = date.fromordinal(int(ordinals[0])), date.fromordinal(int(ordinals[-1]))
    unit = float(values.max())
    if unit <= 0.0:
        unit = 1.0
    scaled = values / unit
    scaled[scaled < _NEGLIGIBLE] = 0.0  # keeps every ratio of two scaled figures finite
    offsets = (ordinals - ordinals[0]).astype(np.float64)

    gaps = _count_gaps(offsets, PERIOD_DAYS[period])
    if gaps:
        singular, plural = _PERIOD_WORDS[period]
        notes.append(
            f"{gaps} missing {singular if gaps == 1 else plural} "
            f"between {first.isoformat()} and {last.isoformat()}"
        )
    zeros = int((values == 0.0).sum())
    if zeros == n:
        notes.append("every value is zero")
    elif n > 1 and bool((scaled == scaled[0]).all()):
        notes.append("the series is constant")
    if n == 1:
        notes.append("one point: no trend, volatility or peaks")
    elif n == 2:
        notes.append("two points: no trend or peaks")

    level = _finite(_level(offsets, scaled) * unit)
    cv, robust_cv = _volatility(scaled, notes)
    trend = _trend(offsets, scaled, unit, period, notes) if n >= 3 else None
    all_events = _with_premiere(events, premiere)
    peak_index = _peak_indices(offsets, scaled, period, window) if n >= 3 else []
    peaks = [
        _peak_figures(
            first + timedelta(days=int(offsets[i])),
            float(values[i]),
            prominence,
            all_events,
            window,
        )
        for i, prominence in peak_index[:MAX_PEAKS]
    ]
    half_life = _half_life(first, offsets, scaled, period, premiere, window, peak_index, notes)
    rank = percentile(level, others) if level is not None and others is not None else None
    return SeriesFigures(
        n=n,
        level=level,
        percentile=rank,
        percentile_among=len(_finite_values(others)) if rank is not None and others else None,
        trend=trend,
        cv=cv,
        robust_cv=robust_cv,
        peaks=peaks,
        half_life_days=half_life,
        gaps=gaps,
        zeros=zeros,
        notes=notes,
    )


def percentile(level: float, others: Sequence[float]) -> float | None:
    """Where ``level`` ranks among ``others``, 0..100: the share strictly below plus half the ties.

    Non-finite entries of ``others`` are ignored; ``None`` when no finite one is left.
    """
    finite = _finite_values(others)
    if not finite or not math.isfinite(level):
        return None
    below = sum(1 for other in finite if other < level)
    ties = sum(1 for other in finite if other == level)
    return 100.0 * (below + 0.5 * ties) / len(finite)


def season_ratio(
    season_points: Sequence[tuple[date, float]], title_points: Sequence[tuple[date, float]]
) -> float | None:
    """Mean interest in "<title> season N" over mean interest in "<title>", on shared dates.

    Only dates present in both series (with valid values) count, so a season searched for a
    few weeks is compared with the title over those same weeks. The two series must be on one
    scale (Google Trends puts keywords on one scale only within one request). ``None``
    without shared dates or when the title's mean over them is 0.
    """
    season_days, season_values, _ = _clean(season_points)
    title_days, title_values, _ = _clean(title_points)
    title_by_day = dict(zip(title_days.tolist(), title_values.tolist(), strict=True))
    pairs = [
        (value, title_by_day[day])
        for day, value in zip(season_days.tolist(), season_values.tolist(), strict=True)
        if day in title_by_day
    ]
    if not pairs:
        return None
    # The shared count cancels out of the two means; dividing by the largest value first
    # keeps the sums finite for any finite input.
    unit = max(max(s, t) for s, t in pairs)
    if unit <= 0.0:
        return None
    numerator = math.fsum(s / unit for s, _ in pairs)
    denominator = math.fsum(t / unit for _, t in pairs)
    if denominator <= 0.0:
        return None
    return _finite(numerator / denominator)


# --- cleaning -------------------------------------------------------------------------------


def _clean(points: Sequence[tuple[date, float]]) -> tuple[IntArray, FloatArray, list[str]]:
    """Valid points as (day ordinals, values), sorted, one per date, and notes on the fixes."""
    import numpy as np

    n = len(points)
    days, raw = zip(*points, strict=True) if n else ((), ())
    ordinals = np.fromiter(map(date.toordinal, days), dtype=np.int64, count=n)
    try:
        values = np.array(raw, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):  # None, text, an int beyond float range
        values = np.fromiter(map(_as_float, raw), dtype=np.float64, count=n)
    finite = np.isfinite(values)
    negative = int((values[finite] < 0.0).sum())
    invalid = n - int(finite.sum())
    notes: list[str] = []
    if negative:
        notes.append(f"dropped {_count(negative, 'negative value')}")
    if invalid:
        notes.append(f"dropped {_count(invalid, 'value')} that {_is_are(invalid)} not a number")
    keep = finite & (values >= 0.0)
    ordinals, values = ordinals[keep], values[keep] + 0.0  # + 0.0 turns -0.0 into 0.0
    if len(ordinals) > 1 and bool((np.diff(ordinals) < 0).any()):
        notes.append("the dates were out of order: sorted")
        order = np.argsort(ordinals, kind="stable")  # a repeated date keeps its first value
        ordinals, values = ordinals[order], values[order]
    first = np.concatenate(([True], np.diff(ordinals) != 0))
    repeated = len(first) - int(first.sum())
    if repeated:
        notes.append(f"{_count(repeated, 'repeated date')}: kept the first value of each")
        ordinals, values = ordinals[first], values[first]
    return ordinals, values, notes


def _as_float(raw: object) -> float:
    """A number as a float; anything else (or an int beyond float range) as NaN, to drop."""
    if isinstance(raw, int | float):
        try:
            return float(raw)
        except OverflowError:
            return math.nan
    return math.nan


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def _is_are(n: int) -> str:
    return "is" if n == 1 else "are"


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _finite_values(values: Sequence[float] | None) -> list[float]:
    return [v for v in map(_as_float, values or ()) if math.isfinite(v)]


def _count_gaps(offsets: FloatArray, period_days: float) -> int:
    import numpy as np

    if len(offsets) < 2:
        return 0
    steps = np.rint(np.diff(offsets) / period_days)
    return int(np.clip(steps - 1.0, 0.0, None).sum())


# --- level and volatility -------------------------------------------------------------------


def _level(offsets: FloatArray, scaled: FloatArray) -> float:
    """The median of the points in the last quarter of the time span."""
    import numpy as np

    since = offsets[-1] - (offsets[-1] - offsets[0]) / 4.0
    return float(np.median(scaled[offsets >= since]))


def _volatility(scaled: FloatArray, notes: list[str]) -> tuple[float | None, float | None]:
    import numpy as np

    if len(scaled) < 2:
        return None, None
    mean = float(scaled.mean())
    median = float(np.median(scaled))
    cv: float | None = None
    robust_cv: float | None = None
    if mean > 0.0:
        cv = _finite(float(scaled.std(ddof=1)) / mean)
    else:
        notes.append("the mean is zero: no coefficient of variation")
    if median > 0.0:
        mad = float(np.median(np.abs(scaled - median)))
        robust_cv = _finite(_MAD_TO_SD * mad / median)
    elif mean > 0.0:
        notes.append("the median is zero (mostly zeros): no robust volatility")
    return cv, robust_cv


# --- trend ----------------------------------------------------------------------------------


def _trend(
    offsets: FloatArray, scaled: FloatArray, unit: float, period: str, notes: list[str]
) -> TrendFigures | None:
    import numpy as np

    x, y, binned = _trend_points(offsets, scaled, period)
    if binned:
        notes.append(binned)
    slope, s, var_s = _sen_kendall(x, y)
    n = len(y)
    p_value = _mann_kendall_p(s, var_s)
    tau = s / (n * (n - 1) / 2.0)
    median = float(np.median(scaled))
    scale = median if median > 0.0 else float(scaled.mean())
    span = float(offsets[-1] - offsets[0])
    relative_change = slope * span / scale if scale > 0.0 else None
    significant = p_value < SIGNIFICANCE
    direction: Literal["rising", "flat", "falling"] = "flat"
    if significant and relative_change is not None and abs(relative_change) >= MIN_RELATIVE_CHANGE:
        direction = "rising" if relative_change > 0 else "falling"
    elif significant and slope == 0.0 and len(np.unique(y)) <= 3:
        notes.append(
            "a significant trend in coarse values (three levels or fewer): the Theil-Sen "
            "slope of mostly tied values is 0, so the direction is flat"
        )
    slope_per_period = _finite(slope * unit * PERIOD_DAYS[period])
    if slope_per_period is None:
        notes.append("the values are too large for a trend in their unit")
        return None
    if n < 5:  # even a perfectly monotonic run of 4 has p = 0.09
        notes.append(f"only {n} points: too few for the trend test to be significant")
    return TrendFigures(
        direction=direction,
        slope_per_period=slope_per_period,
        relative_change_per_year=(_finite(slope * 365.25 / median) if median > 0.0 else None),
        relative_change=_finite(relative_change) if relative_change is not None else None,
        tau=tau,
        p_value=p_value,
        n=n,
    )


def _mann_kendall_p(s: float, var_s: float) -> float:
    """Two-sided p-value of S: normal approximation with continuity correction."""
    if var_s <= 0.0:  # every value tied: no evidence of anything
        return 1.0
    z = (s - math.copysign(1.0, s)) / math.sqrt(var_s) if s else 0.0
    return math.erfc(abs(z) / math.sqrt(2.0))


def _trend_points(
    offsets: FloatArray, scaled: FloatArray, period: str
) -> tuple[FloatArray, FloatArray, str | None]:
    """The points the trend is fitted on: the series, or its means over calendar bins."""
    import numpy as np

    if len(scaled) <= MAX_TREND_POINTS:
        return offsets, scaled, None
    factor = 7 if period == "day" else 2  # periods per bin: weeks of days, pairs of weeks
    while offsets[-1] // (factor * PERIOD_DAYS[period]) + 1 > MAX_TREND_POINTS:
        factor *= 2
    bins = (offsets // (factor * PERIOD_DAYS[period])).astype(np.int64)
    counts = np.bincount(bins)
    filled = counts > 0
    x = np.bincount(bins, weights=offsets)[filled] / counts[filled]
    y = np.bincount(bins, weights=scaled)[filled] / counts[filled]
    singular, plural = _PERIOD_WORDS[period]
    width = "weekly" if period == "day" and factor == 7 else f"{factor}-{singular}"
    note = (
        f"the trend is fitted on {len(y)} {width} means of the {len(scaled)} {plural} "
        "(Theil-Sen and Mann-Kendall compare every pair of points)"
    )
    return x, y, note


@lru_cache(maxsize=4)
def _pairs(n: int) -> tuple[IntArray, IntArray]:
    """Indices (i, j) of every pair i < j: cached, as a series is often analysed twice."""
    import numpy as np

    earlier, later = np.triu_indices(n, 1)
    return earlier.astype(np.int64), later.astype(np.int64)


def _median_in_place(values: FloatArray) -> float:
    """The median of a scratch array (reordered in place: no copy)."""
    import numpy as np

    half = len(values) // 2
    if len(values) % 2:
        return float(np.partition(values, half)[half])
    values.partition((half - 1, half))
    return float((values[half - 1] + values[half]) / 2.0)


def _sen_kendall(x: FloatArray, y: FloatArray) -> tuple[float, float, float]:
    """Theil-Sen slope, Mann-Kendall S and its tie-corrected variance (x strictly increasing)."""
    import numpy as np

    n = len(y)
    earlier, later = _pairs(n)
    dy = y[later] - y[earlier]
    slope = _median_in_place(dy / (x[later] - x[earlier]))
    s = float(np.count_nonzero(dy > 0.0) - np.count_nonzero(dy < 0.0))
    _, ties = np.unique(y, return_counts=True)
    ties = ties.astype(np.float64)
    var_s = (n * (n - 1) * (2 * n + 5) - float((ties * (ties - 1) * (2 * ties + 5)).sum())) / 18.0
    return slope, s, var_s


# --- peaks ----------------------------------------------------------------------------------


def _peak_indices(
    offsets: FloatArray, scaled: FloatArray, period: str, window: int
) -> list[tuple[int, float]]:
    """Every peak as (index, prominence in MADs), highest value first, one per burst."""
    import numpy as np

    overall = _standing(scaled)
    if overall is None:  # nothing varies: no peaks
        return []
    # A peak stands out from the series' typical level (its median), which keeps the end of
    # a steady rise from passing for one, and, in a series long enough for a rolling
    # baseline (two widths), from its neighbourhood, which keeps a high season's ordinary
    # days from passing for one.
    standing = overall >= PROMINENCE_MADS
    width = ROLLING_POINTS[period]
    if len(scaled) >= 2 * width:
        local = _standing(scaled - _rolling_median(scaled, width))
        standing &= local >= PROMINENCE_MADS if local is not None else False
    before = np.concatenate(([-np.inf], scaled[:-1]))
    after = np.concatenate((scaled[1:], [-np.inf]))
    candidates = np.flatnonzero((scaled > before) & (scaled >= after) & standing)
    order = sorted(candidates.tolist(), key=lambda i: (-scaled[i], -overall[i], i))
    kept: list[tuple[int, float]] = []
    for i in order:
        if all(abs(offsets[i] - offsets[j]) >= window for j, _ in kept):
            kept.append((i, float(overall[i])))
    return kept


def _rolling_median(values: FloatArray, width: int) -> FloatArray:
    """Centred rolling median over ``width`` points, on fewer points near the ends."""
    import numpy as np
    from numpy.lib.stride_tricks import sliding_window_view

    n = len(values)
    half = width // 2
    out = np.empty(n, dtype=np.float64)
    if n > 2 * half:
        windows = sliding_window_view(values, 2 * half + 1)  # odd width: the middle is the median
        out[half : n - half] = np.partition(windows, half, axis=1)[:, half]
        ends = [*range(half), *range(n - half, n)]
    else:
        ends = list(range(n))
    listed = values.tolist()
    for i in ends:  # a few short windows: faster in Python than one numpy call each
        out[i] = statistics.median(listed[max(0, i - half) : i + half + 1])
    return out


def _standing(values: FloatArray) -> FloatArray | None:
    """How far each value stands above the median, in robust standard deviations.

    Interest rises in spikes and never dips below zero, so the spread above the median is
    inflated by the very peaks being looked for (in a ten-week Netflix season with two
    releases, the MAD is half the size of the spikes). The scale is therefore taken from the
    values at or below the median: 1.4826 times their median distance to it (a one-sided MAD),
    falling back to 1.2533 times their mean distance, then to the same two figures on both
    sides. ``None`` when every value is the same.
    """
    import numpy as np

    centre = float(np.median(values))
    deviations = values - centre
    below = -deviations[deviations <= 0.0]
    for spread in (below, np.abs(deviations)):
        mad = float(np.median(spread))
        if mad > 0.0:
            return deviations / (_MAD_TO_SD * mad)
        mean = float(spread.mean())
        if mean > 0.0:
            return deviations / (_MEAN_AD_TO_SD * mean)
    return None


def _with_premiere(events: Mapping[str, date] | None, premiere: date | None) -> dict[str, date]:
    out = dict(events or {})
    if premiere is not None and premiere not in out.values():
        out.setdefault("the premiere", premiere)
    return out


def _peak_figures(
    day: date, value: float, prominence: float, events: Mapping[str, date], window: int
) -> PeakFigures:
    """A peak, attributed to the nearest event within the window (the earlier one on a tie)."""
    near = [
        ((day - when).days, name, when)
        for name, when in events.items()
        if abs((day - when).days) <= window
    ]
    if not near:
        return PeakFigures(day=day, value=value, prominence=prominence)
    gap, name, when = min(near, key=lambda item: (abs(item[0]), -item[0], item[1]))
    return PeakFigures(
        day=day,
        value=value,
        prominence=prominence,
        event=name,
        event_day=when,
        days_from_event=gap,
    )


# --- decay after the premiere ---------------------------------------------------------------


def _half_life(
    first: date,
    offsets: FloatArray,
    scaled: FloatArray,
    period: str,
    premiere: date | None,
    window: int,
    peaks: list[tuple[int, float]],
    notes: list[str],
) -> float | None:
    """Days for the excess over the pre-premiere level to halve, from the premiere peak."""
    import numpy as np

    if premiere is None:
        notes.append("no premiere date: no decay measured")
        return None
    at = float((premiere - first).days)
    start = at - (PERIOD_DAYS[period] - 1.0)  # a period dated by its first day holds it
    in_window = np.flatnonzero((offsets >= start) & (offsets <= at + window))
    if len(in_window) == 0:
        notes.append(
            f"no point within {window} days of the premiere ({premiere.isoformat()}): "
            "no decay measured"
        )
        return None
    peak = int(in_window[np.argmax(scaled[in_window])])
    before = (offsets < start) & (offsets >= start - DECAY_BASELINE_WINDOWS * max(window, 1))
    baseline = float(np.median(scaled[before])) if before.any() else 0.0
    top = float(scaled[peak]) - baseline
    if top <= 0.0:
        notes.append("interest after the premiere never rose above its level before it")
        return None
    fit = _decay_points(offsets, scaled, peak, baseline, top, period, peaks)
    if len(fit) < 2:
        notes.append(_why_no_decay(offsets, scaled, peak, baseline, period))
        return None
    excess = np.log(scaled[fit] - baseline)
    slope, _, _ = _sen_kendall(offsets[fit], excess)
    if slope >= 0.0:
        notes.append("interest did not decay after the premiere peak")
        return None
    return _finite(math.log(2.0) / -slope)


def _decay_points(
    offsets: FloatArray,
    scaled: FloatArray,
    peak: int,
    baseline: float,
    top: float,
    period: str,
    peaks: list[tuple[int, float]],
) -> list[int]:
    """The points the decay is fitted on: from the peak to a quarter of its excess at most."""
    horizon = offsets[peak] + DECAY_HORIZON_DAYS[period]
    next_peak = min((offsets[i] for i, _ in peaks if offsets[i] > offsets[peak]), default=math.inf)
    fit = [peak]
    for i in range(peak + 1, len(scaled)):
        excess = float(scaled[i]) - baseline
        if offsets[i] > horizon or offsets[i] >= next_peak or excess <= 0.0:
            break
        fit.append(i)
        if excess <= DECAY_FLOOR * top:
            break
    return fit


def _why_no_decay(
    offsets: FloatArray, scaled: FloatArray, peak: int, baseline: float, period: str
) -> str:
    """Why the premiere peak has no point to fit a decay on, in words."""
    if peak + 1 >= len(scaled):
        return "no point after the premiere peak: no decay measured"
    if float(scaled[peak + 1]) <= baseline:
        return "interest was back to its level before the premiere by the next point"
    if offsets[peak + 1] > offsets[peak] + DECAY_HORIZON_DAYS[period]:
        return (
            f"no point in the {DECAY_HORIZON_DAYS[period]} days after the premiere peak: "
            "no decay measured"
        )
    return "another peak follows the premiere peak at once: no decay measured"
