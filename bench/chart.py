"""How to draw a chart: our SVG writer (the pages' charts) against matplotlib (the
``report --charts`` files) and pygal (a light SVG chart library), on the same series.
Target for a page's chart: <= 20 ms each, warm (median after one warm-up). Also printed: the
install size each way needs (the packages' files, as installed here).

Two series: ten years of daily pageviews (3,653 points, with a yearly premiere spike, a
trend and its peaks) and a show's weekly Netflix Top 10 run (Bridgerton season 3, real
figures). The cold figure is the first chart drawn in a fresh process, the matplotlib import
and its font cache lookup included.
"""

from __future__ import annotations

import math
import random
import subprocess
import sys
from datetime import date, timedelta
from typing import Literal

from _common import machine, ms, percentiles, time_calls
from nextseason.model import InterestSeries, PeakFigures, SeriesFigures, TrendFigures
from nextseason.report.charts import chart

TARGET = 0.020
#: What each way of drawing installs beyond the default dependencies.
STACKS = {
    "svg writer (ours)": [],
    "pygal": ["pygal"],
    "matplotlib": [
        "matplotlib",
        "contourpy",
        "cycler",
        "fonttools",
        "kiwisolver",
        "pillow",
        "pyparsing",
        "python-dateutil",
        "six",
    ],
}
ChartFormat = Literal["png", "svg"]
FORMATS: tuple[ChartFormat, ...] = ("png", "svg")
WEEKS = [
    (date(2024, 5, 19), 165_200_000.0),
    (date(2024, 5, 26), 92_800_000.0),
    (date(2024, 6, 2), 42_400_000.0),
    (date(2024, 6, 9), 25_300_000.0),
    (date(2024, 6, 16), 223_300_000.0),
    (date(2024, 6, 23), 131_500_000.0),
    (date(2024, 6, 30), 52_900_000.0),
    (date(2024, 7, 7), 31_600_000.0),
    (date(2024, 7, 14), 21_200_000.0),
    (date(2024, 7, 21), 14_900_000.0),
    (date(2024, 7, 28), 11_700_000.0),
    (date(2026, 2, 1), 21_700_000.0),
    (date(2026, 2, 8), 23_600_000.0),
    (date(2026, 2, 15), 17_400_000.0),
]


def _series(
    points: list[tuple[date, float]], source: str, metric: str, label: str, period: str
) -> InterestSeries:
    peak_day, peak_value = max(points, key=lambda p: p[1])
    peaks = sorted(points, key=lambda p: -p[1])[:5]
    figures = SeriesFigures(
        n=len(points),
        trend=TrendFigures(
            direction="falling",
            slope_per_period=-0.01 * peak_value / len(points),
            relative_change_per_year=-0.2,
            tau=-0.3,
            p_value=0.01,
            n=len(points),
        ),
        peaks=[
            PeakFigures(
                day=d,
                value=v,
                prominence=10.0 - i,
                event=f"the release of season {i + 1}",
                event_day=d - timedelta(days=2),
            )
            for i, (d, v) in enumerate(peaks)
        ],
    )
    return InterestSeries(
        source=source,
        metric=metric,
        label=label,
        period=period,
        season=1,
        points=points,
        first=points[0][0],
        last=points[-1][0],
        total=sum(v for _, v in points),
        peak_day=peak_day,
        peak_value=peak_value,
        latest_value=points[-1][1],
        figures=figures,
    )


def daily_series() -> InterestSeries:
    rng = random.Random(7)
    start = date(2016, 11, 27)
    points = []
    for i in range(3653):
        level = 4000 * math.exp(-i / 2500) + 800 + 300 * math.sin(i / 58)
        spike = 40_000 * math.exp(-(i % 365) / 6) if i % 365 < 40 else 0.0
        points.append((start + timedelta(days=i), max(0.0, level + spike + rng.gauss(0, 150))))
    return _series(points, "wikipedia_pageviews", "views", "Wikipedia pageviews per day", "day")


def weekly_series() -> InterestSeries:
    return _series(
        WEEKS,
        "netflix_top10",
        "weekly_hours_viewed",
        "Netflix Top 10 (global): hours viewed per week",
        "week",
    )


COLD = """
import sys, time
import chart as bench
series = bench.{name}()
assert "matplotlib" not in sys.modules
start = time.perf_counter()
bench.chart(series, fmt="{fmt}", title="cold")
print(time.perf_counter() - start)
"""


def cold(name: str, fmt: ChartFormat) -> float:
    """The first chart in a new process: matplotlib's import and font lookup included."""
    code = COLD.format(name=name, fmt=fmt)
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=sys.path[0],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip())


def install_mb(packages: list[str]) -> float | None:
    """Megabytes of the packages' installed files; None when one is not installed."""
    from importlib import metadata

    total = 0
    for name in packages:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            return None
        for f in dist.files or []:
            path = dist.locate_file(f)
            if path.is_file():
                total += path.stat().st_size
    return total / 1e6


def svg_writer(series: InterestSeries) -> bytes:
    from nextseason.report.svgchart import kinds_of, svg_chart

    return svg_chart(kinds_of([series])[0], title="Bridgerton: a benchmark chart").encode()


def pygal_chart(series: InterestSeries) -> bytes:
    import pygal  # type: ignore[import-not-found, unused-ignore]

    chart = pygal.DateLine(width=560, height=260, show_legend=False, x_label_rotation=0)
    chart.title = "Bridgerton: a benchmark chart"
    chart.add(series.label, [(d, v) for d, v in series.points])
    return bytes(chart.render())


def main(repeat: int = 15) -> None:
    print(f"machine: {machine()}")
    for _name, make in (("daily_series", daily_series), ("weekly_series", weekly_series)):
        series = make()
        ways = {"svg writer (ours)": svg_writer}
        if install_mb(["pygal"]) is not None:
            ways["pygal"] = pygal_chart
        for way, draw_with in ways.items():
            size = len(draw_with(series))  # and the warm-up
            stats = percentiles(time_calls(lambda d=draw_with, s=series: d(s), repeat))
            print(
                f"{len(series.points):>5} {series.period} points, {way}, svg: "
                f"median {ms(stats['p50'])}, p90 {ms(stats['p90'])} over {repeat}; "
                f"{size / 1024:.0f} KiB  (target <= 20 ms: "
                f"{'met' if stats['p50'] <= TARGET else 'MISSED'})"
            )
    for way, packages in STACKS.items():
        size = install_mb(packages)
        print(f"install: {way}: " + (f"{size:.1f} MB" if size is not None else "not installed"))
    print("matplotlib, for the report --charts files:")
    main_matplotlib(repeat)


def main_matplotlib(repeat: int = 15) -> None:
    met = True
    for name, make in (("daily_series", daily_series), ("weekly_series", weekly_series)):
        series = make()
        for fmt in FORMATS:
            first = cold(name, fmt)

            def draw(series: InterestSeries = series, fmt: ChartFormat = fmt) -> bytes:
                return chart(series, fmt=fmt, title="Bridgerton: a benchmark chart")

            size = len(draw())  # and the warm-up
            stats = percentiles(time_calls(draw, repeat))
            met &= stats["p50"] <= TARGET
            print(
                f"{len(series.points):>5} {series.period} points, {fmt}: "
                f"median {ms(stats['p50'])}, p90 {ms(stats['p90'])}, min {ms(stats['min'])} "
                f"over {repeat}; cold first chart {ms(first)}; {size / 1024:.0f} KiB"
            )
    print(f"matplotlib median <= 20 ms per chart: {'met' if met else 'MISSED'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
