"""The interest toolkit: a 10-year daily series <= 20 ms; 1,000 series <= 10 s.

`analyze` on one 10-year daily series (3,653 days: a seasonal, noisy, spiky pageviews-like
series with a premiere, events and a few missing days), median of repeated runs; the real
8-year Peyton Manning pageviews (tests/fixtures) for comparison; then 1,000 realistic series
of mixed periods and lengths (daily pageviews up to 10 years, weekly Top 10 or Trends series
up to 5 years, half-year engagement reports), all analysed in one pass, median of 3 passes.
Everything is seeded: the same series every run.
"""

from __future__ import annotations

import csv
import math
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from _common import machine, ms, time_calls
from nextseason.analysis.series import Period, analyze

PEYTON = (
    Path(__file__).parent.parent
    / "tests"
    / "fixtures"
    / "wikipedia_pageviews"
    / "peyton_manning_daily_log.csv"
)
STEP = {"day": 1, "week": 7, "half-year": 182}
Case = tuple[list[tuple[date, float]], Period, dict[str, date], date]


def synthetic(rng: random.Random, period: Period, length: int) -> Case:
    """Interest like the real thing: a level, a yearly cycle, noise, release spikes, holes."""
    start = date(2014, 1, 1) + timedelta(days=rng.randrange(1500))
    step = STEP[period]
    level = math.log(rng.uniform(50, 2_000_000))
    releases = sorted(rng.sample(range(length), k=min(length, rng.randint(1, 4))))
    events = {f"season {k + 1}": start + timedelta(days=i * step) for k, i in enumerate(releases)}
    premiere = events["season 1"]
    points: list[tuple[date, float]] = []
    for i in range(length):
        if period != "half-year" and rng.random() < 0.02:  # a missing day or week
            continue
        seasonal = 0.3 * math.sin(2 * math.pi * i * step / 365.25)
        boost = sum(3.0 * 0.7 ** ((i - r) * step / 7) for r in releases if i >= r)
        value = math.exp(level + seasonal + rng.gauss(0, 0.25)) * (1 + boost)
        points.append((start + timedelta(days=i * step), round(value)))
    return points, period, events, premiere


def catalog_of_series(n: int, seed: int = 11) -> list[Case]:
    rng = random.Random(seed)
    cases: list[Case] = []
    for _ in range(n):
        kind = rng.random()
        if kind < 0.4:  # Wikipedia pageviews: a few months to ten years of days
            cases.append(synthetic(rng, "day", rng.randint(60, 3653)))
        elif kind < 0.85:  # Netflix Top 10 runs, Google Trends, Reddit weeks: up to 5 years
            cases.append(synthetic(rng, "week", rng.randint(4, 260)))
        else:  # engagement reports: a handful of half-years
            cases.append(synthetic(rng, "half-year", rng.randint(1, 8)))
    return cases


def peyton_manning() -> list[tuple[date, float]]:
    with PEYTON.open(encoding="utf-8", newline="") as handle:
        return [
            (date.fromisoformat(r["ds"]), math.exp(float(r["y"]))) for r in csv.DictReader(handle)
        ]


def main(repeat: int = 50) -> None:
    points, period, events, premiere = synthetic(random.Random(3), "day", 3653)
    analyze(points, period=period, events=events, premiere=premiere)  # imports numpy
    ten_years = time_calls(
        lambda: analyze(points, period=period, events=events, premiere=premiere), repeat
    )
    peyton = peyton_manning()
    real = time_calls(lambda: analyze(peyton, period="day"), repeat)

    cases = catalog_of_series(1000)
    passes = []
    for _ in range(3):
        start = time.perf_counter()
        for series, kind, named, first in cases:
            analyze(series, period=kind, events=named, premiere=first)
        passes.append(time.perf_counter() - start)
    total = statistics.median(passes)
    kinds = {k: sum(1 for c in cases if c[1] == k) for k in ("day", "week", "half-year")}
    sizes = sorted(len(c[0]) for c in cases)

    one = statistics.median(ten_years)
    print(f"machine: {machine()}")
    print(
        f"full analysis of a 10-year daily series (3,653 days, {len(points):,} points: "
        f"{3653 - len(points)} missing), {repeat} runs: "
        f"median {ms(one)}, min {ms(min(ten_years))}"
    )
    print(
        f"  the real Peyton Manning pageviews ({len(peyton):,} days, 8 years): "
        f"median {ms(statistics.median(real))}"
    )
    print(
        f"1,000 series ({kinds['day']} daily, {kinds['week']} weekly, {kinds['half-year']} "
        f"half-yearly; {sizes[0]} to {sizes[-1]:,} points, median {sizes[len(sizes) // 2]}), "
        f"3 passes: median {total:.2f} s ({total:.2f} ms per series on average), "
        f"passes {', '.join(f'{p:.2f}' for p in passes)} s"
    )
    print(
        f"targets: 10-year series <= 20 ms: {'met' if one <= 0.020 else 'MISSED'}; "
        f"1,000 series <= 10 s: {'met' if total <= 10 else 'MISSED'}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
