"""The interest toolkit on real series, odd series and random ones.

Real series (tests/fixtures/*/README.md): Peyton Manning's daily Wikipedia pageviews
(Facebook Prophet's example data, stored as log views: the tests undo the log), Google
Trends for "pizza" and "bagel" (a recorded pytrends session), and the Netflix Top 10 weekly
hours of Wednesday and Squid Game.
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nextseason.analysis.series import Period, analyze, percentile, season_ratio
from nextseason.model import SeriesFigures

FIXTURES = Path(__file__).parent.parent / "fixtures"
Points = list[tuple[date, float]]

SUPER_BOWLS = {
    "Super Bowl XLII": date(2008, 2, 3),
    "Super Bowl XLIV": date(2010, 2, 7),
    "Super Bowl XLVI": date(2012, 2, 5),
    "Super Bowl XLVIII": date(2014, 2, 2),
}


def peyton_manning() -> Points:
    """Daily pageviews of the article, undoing the example file's natural log."""
    path = FIXTURES / "wikipedia_pageviews" / "peyton_manning_daily_log.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (date.fromisoformat(row["ds"]), math.exp(float(row["y"])))
            for row in csv.DictReader(handle)
        ]


def google_trends(keyword: int) -> Points:
    """Weekly interest in "pizza" (0) or "bagel" (1), without the week still in progress."""
    path = FIXTURES / "google_trends" / "interest_over_time_pizza_bagel_5y.json"
    session: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    body = next(i["body"] for i in session if "widgetdata/multiline" in i["uri"])
    timeline = json.loads(body[body.index("{") :])["default"]["timelineData"]
    return [
        (datetime.fromtimestamp(int(point["time"]), UTC).date(), float(point["value"][keyword]))
        for point in timeline
        if not point.get("isPartial")
    ]


def netflix_rows() -> list[dict[str, str]]:
    path = FIXTURES / "netflix_top10" / "top10_all-weeks-global_wednesday_squid_game.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def season_hours(season_title: str) -> Points:
    """Weekly hours of one season, in the file's order (newest week first)."""
    return [
        (date.fromisoformat(row["week"]), float(row["weekly_hours_viewed"]))
        for row in netflix_rows()
        if row["season_title"] == season_title
    ]


def show_hours(show_title: str) -> Points:
    """Weekly hours of every season of a show that charted that week, summed."""
    weeks: dict[date, float] = defaultdict(float)
    for row in netflix_rows():
        if row["show_title"] == show_title:
            weeks[date.fromisoformat(row["week"])] += float(row["weekly_hours_viewed"])
    return sorted(weeks.items())


def floats_in(value: object) -> Iterator[float]:
    if isinstance(value, float):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from floats_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from floats_in(item)


def assert_all_finite(figures: SeriesFigures) -> None:
    bad = [x for x in floats_in(figures.model_dump()) if not math.isfinite(x)]
    assert not bad, f"non-finite figures {bad} in {figures}"


def daily(values: list[float], start: date = date(2024, 1, 1)) -> Points:
    return [(start + timedelta(days=i), value) for i, value in enumerate(values)]


# --- Wikipedia pageviews: Peyton Manning ----------------------------------------------------


def test_peyton_manning_interest_peaks_at_the_super_bowls_of_several_seasons() -> None:
    figures = analyze(peyton_manning(), period="day")

    assert figures.n == 2905
    assert figures.gaps == 59
    assert "59 missing days between 2007-12-10 and 2016-01-20" in figures.notes
    assert len(figures.peaks) == 5
    assert [p.value for p in figures.peaks] == sorted(
        (p.value for p in figures.peaks), reverse=True
    )
    winter = [p.day for p in figures.peaks if p.day.month in (1, 2)]
    assert len(winter) >= 4  # playoffs in January, the Super Bowl in early February
    assert len({day.year for day in winter}) >= 3
    assert figures.peaks[0].day == date(2014, 2, 3)  # the night of Super Bowl XLVIII, in UTC
    assert all(p.prominence >= 3.5 for p in figures.peaks)


def test_peyton_manning_peaks_are_attributed_to_the_games_they_follow() -> None:
    events = {**SUPER_BOWLS, "AFC Championship 2014": date(2014, 1, 19)}

    figures = analyze(peyton_manning(), period="day", events=events)

    by_day = {p.day: p for p in figures.peaks}
    assert by_day[date(2014, 2, 3)].event == "Super Bowl XLVIII"
    assert by_day[date(2014, 2, 3)].days_from_event == 1
    assert by_day[date(2012, 2, 6)].event == "Super Bowl XLVI"  # won by his brother Eli
    assert by_day[date(2008, 2, 4)].event == "Super Bowl XLII"  # Eli's too
    # The AFC Championship is nearer than the Super Bowl 14 days later: the nearest event wins.
    assert by_day[date(2014, 1, 20)].event == "AFC Championship 2014"
    assert by_day[date(2014, 1, 20)].event_day == date(2014, 1, 19)
    # 2015-11-30 matches none of the events given: it stays unexplained.
    assert by_day[date(2015, 11, 30)].event is None
    assert by_day[date(2015, 11, 30)].days_from_event is None


def test_peyton_manning_shows_no_trend_over_eight_years_fitted_on_weekly_means() -> None:
    figures = analyze(peyton_manning(), period="day")

    assert figures.trend is not None
    assert figures.trend.direction == "flat"
    assert figures.trend.p_value >= 0.05
    assert figures.trend.n == 422  # weeks, not days: see the note
    assert any("422 weekly means of the 2905 days" in note for note in figures.notes)
    assert figures.level is not None and 1_000 < figures.level < 10_000
    # One spike cannot move the robust volatility; it moves the classical one a lot.
    assert figures.cv is not None and figures.robust_cv is not None
    assert figures.robust_cv < figures.cv / 2


def test_shifting_peyton_manning_by_a_hundred_days_shifts_every_peak_by_a_hundred_days() -> None:
    points = peyton_manning()
    shifted = [(day + timedelta(days=100), value) for day, value in points]

    before = analyze(points, period="day").peaks
    after = analyze(shifted, period="day").peaks

    assert [p.day + timedelta(days=100) for p in before] == [p.day for p in after]


# --- Google Trends: pizza and bagel ---------------------------------------------------------


def test_pizza_search_interest_falls_over_five_years() -> None:
    figures = analyze(google_trends(0), period="week")

    assert figures.n == 259
    assert figures.gaps == 0
    trend = figures.trend
    assert trend is not None
    assert trend.direction == "falling"
    assert trend.p_value < 0.001
    assert trend.tau < 0
    assert trend.relative_change is not None and -0.25 < trend.relative_change < -0.10
    assert figures.level == 70.0  # of 100, the busiest week of the five years


def test_pizza_searches_peak_in_the_week_of_new_year_not_the_super_bowl() -> None:
    events = {
        **{f"New Year {year}": date(year, 1, 1) for year in range(2019, 2024)},
        "Super Bowl LIII": date(2019, 2, 3),
        "Super Bowl LIV": date(2020, 2, 2),
        "Super Bowl LV": date(2021, 2, 7),
    }

    figures = analyze(google_trends(0), period="week", events=events)

    new_year = [p for p in figures.peaks if p.event is not None]
    assert len(new_year) >= 3
    assert all(p.event is not None and p.event.startswith("New Year") for p in new_year)
    assert all(p.days_from_event is not None and abs(p.days_from_event) <= 6 for p in new_year)
    assert figures.peaks[0].day == date(2018, 12, 30)  # the week of 30 Dec 2018: 100 of 100
    unexplained = [p.day for p in figures.peaks if p.event is None]
    assert date(2020, 5, 10) in unexplained  # the first lockdown spring


def test_bagel_interest_on_a_coarse_scale_says_why_its_trend_reads_flat() -> None:
    figures = analyze(google_trends(1), period="week")

    assert figures.level == 2.0
    assert figures.trend is not None
    assert figures.trend.p_value < 0.05  # most 1s early, most 2s late
    assert figures.trend.slope_per_period == 0.0  # most pairs of weeks tie
    assert figures.trend.direction == "flat"
    assert any("three levels or fewer" in note for note in figures.notes)
    assert figures.robust_cv == 0.0  # more than half the weeks are exactly 2


# --- Netflix Top 10: weekly hours -----------------------------------------------------------


def test_wednesday_season_1_hours_halve_in_about_two_weeks_after_the_release() -> None:
    figures = analyze(
        season_hours("Wednesday: Season 1"), period="week", premiere=date(2022, 11, 23)
    )

    assert figures.half_life_days is not None
    assert 7 <= figures.half_life_days <= 28
    top = figures.peaks[0]
    assert (top.day, top.value) == (date(2022, 12, 4), 411_290_000.0)
    assert (top.event, top.days_from_event) == ("the premiere", 11)
    assert figures.trend is not None and figures.trend.direction == "falling"
    assert "the dates were out of order: sorted" in figures.notes  # the file is newest first
    # Season 1 came back to the chart with season 2 in 2025: the weeks between are gaps.
    assert figures.gaps > 100


@pytest.mark.parametrize(
    ("season", "release"),
    [
        ("Squid Game: Season 1", date(2021, 9, 17)),
        ("Squid Game: Season 2", date(2024, 12, 26)),
        ("Squid Game: Season 3", date(2025, 6, 27)),
    ],
)
def test_each_squid_game_season_decays_within_weeks_of_its_release(
    season: str, release: date
) -> None:
    figures = analyze(season_hours(season), period="week", premiere=release)

    assert figures.half_life_days is not None
    assert 3 <= figures.half_life_days <= 21
    assert figures.peaks[0].event == "the premiere"
    assert 0 <= (figures.peaks[0].days_from_event or 0) <= 21


def test_a_season_released_in_two_parts_has_a_peak_for_each_part() -> None:
    events = {"part 2": date(2025, 9, 3)}

    figures = analyze(
        season_hours("Wednesday: Season 2"), period="week", premiere=date(2025, 8, 6), events=events
    )

    attributed = {p.event: p.day for p in figures.peaks}
    assert attributed == {"part 2": date(2025, 9, 7), "the premiere": date(2025, 8, 10)}
    # The decay of part 1 is fitted before part 2 arrives: about a week.
    assert figures.half_life_days is not None and 4 <= figures.half_life_days <= 14


def test_squid_game_peaks_once_per_season_release() -> None:
    releases = {
        "season 1": date(2021, 9, 17),
        "season 2": date(2024, 12, 26),
        "season 3": date(2025, 6, 27),
    }

    figures = analyze(show_hours("Squid Game"), period="week", events=releases)

    assert sorted(p.event or "" for p in figures.peaks) == ["season 1", "season 2", "season 3"]
    assert figures.gaps > 100  # the show was out of the Top 10 between seasons
    assert any(note.startswith("no premiere date") for note in figures.notes)
    assert figures.half_life_days is None


def test_season_2_held_about_half_of_squid_game_hours_in_the_weeks_it_charted() -> None:
    season_2 = season_hours("Squid Game: Season 2")

    ratio = season_ratio(season_2, show_hours("Squid Game"))

    # Season 1 charted beside it all winter, and season 3 dwarfed it in summer 2025.
    assert ratio == pytest.approx(0.547, abs=0.001)
    launch = [point for point in season_2 if point[0] <= date(2025, 1, 5)]
    assert (season_ratio(launch, show_hours("Squid Game")) or 0.0) > 0.8


# --- percentile and season ratio ------------------------------------------------------------


def test_percentile_counts_the_others_below_and_half_the_ties() -> None:
    assert percentile(5.0, [1.0, 2.0, 5.0, 9.0]) == 62.5
    assert percentile(0.0, [1.0, 2.0]) == 0.0
    assert percentile(10.0, [1.0, 2.0]) == 100.0
    assert percentile(5.0, []) is None
    assert percentile(5.0, [math.nan, math.inf]) is None
    assert percentile(5.0, [math.nan, 4.0]) == 100.0  # the NaN is ignored


def test_analyze_ranks_the_level_among_other_shows() -> None:
    figures = analyze(daily([10.0] * 8), period="day", others=[1.0, 5.0, 20.0, 30.0])

    assert (figures.level, figures.percentile, figures.percentile_among) == (10.0, 50.0, 4)
    assert analyze(daily([10.0] * 8), period="day", others=[]).percentile is None


def test_season_ratio_compares_only_the_dates_both_series_share() -> None:
    title = daily([100.0, 100.0, 100.0, 100.0])
    season = [(date(2024, 1, 3), 20.0), (date(2024, 1, 4), 40.0), (date(2024, 2, 1), 999.0)]

    assert season_ratio(season, title) == pytest.approx(0.3)
    assert season_ratio(season, daily([1.0], start=date(2023, 1, 1))) is None  # no overlap
    assert season_ratio(season, daily([0.0] * 40)) is None  # a zero denominator
    assert season_ratio([], title) is None


# --- odd series -----------------------------------------------------------------------------


def test_an_empty_series_says_there_is_nothing() -> None:
    figures = analyze([], period="week")

    assert figures.n == 0
    assert figures.level is None and figures.trend is None and figures.peaks == []
    assert figures.notes == ["no data points: no figures"]


def test_one_point_gives_a_level_and_says_what_is_missing() -> None:
    figures = analyze([(date(2024, 5, 1), 42.0)], period="day", premiere=date(2024, 5, 1))

    assert figures.level == 42.0
    assert figures.trend is None and figures.cv is None and figures.robust_cv is None
    assert figures.peaks == [] and figures.half_life_days is None
    assert "one point: no trend, volatility or peaks" in figures.notes
    assert "no point after the premiere peak: no decay measured" in figures.notes


def test_two_points_give_a_volatility_but_no_trend() -> None:
    figures = analyze(daily([10.0, 30.0]), period="day")

    assert figures.trend is None
    assert figures.cv == pytest.approx(math.sqrt(200) / 20)
    assert "two points: no trend or peaks" in figures.notes


def test_a_constant_series_is_flat_with_no_volatility_and_no_peaks() -> None:
    figures = analyze(daily([7.0] * 30), period="day")

    assert figures.trend is not None
    assert (figures.trend.direction, figures.trend.slope_per_period) == ("flat", 0.0)
    assert figures.trend.p_value == 1.0
    assert (figures.cv, figures.robust_cv) == (0.0, 0.0)
    assert figures.peaks == []
    assert "the series is constant" in figures.notes


def test_an_all_zero_series_says_so_and_leaves_the_ratios_out() -> None:
    figures = analyze(daily([0.0] * 20), period="day", premiere=date(2024, 1, 1))

    assert figures.zeros == 20 and figures.level == 0.0
    assert figures.cv is None and figures.robust_cv is None
    assert figures.trend is not None and figures.trend.relative_change_per_year is None
    assert figures.half_life_days is None
    assert "every value is zero" in figures.notes
    assert "the mean is zero: no coefficient of variation" in figures.notes
    assert "interest after the premiere never rose above its level before it" in figures.notes
    assert_all_finite(figures)


def test_mostly_zero_weekly_posts_have_no_robust_volatility_but_still_peaks() -> None:
    posts = [0.0] * 30
    posts[10], posts[22] = 12.0, 5.0

    weeks = [(date(2024, 1, 7) + timedelta(weeks=i), value) for i, value in enumerate(posts)]

    figures = analyze(weeks, period="week")

    assert figures.robust_cv is None
    assert "the median is zero (mostly zeros): no robust volatility" in figures.notes
    assert [p.value for p in figures.peaks] == [12.0, 5.0]
    assert figures.zeros == 28


def test_bad_points_are_dropped_and_said() -> None:
    points: list[tuple[date, float]] = [
        (date(2024, 1, 3), 30.0),
        (date(2024, 1, 1), 10.0),
        (date(2024, 1, 2), -5.0),
        (date(2024, 1, 2), math.nan),
        (date(2024, 1, 2), 20.0),
        (date(2024, 1, 2), 21.0),
        (date(2024, 1, 4), math.inf),
    ]

    figures = analyze(points, period="day")

    assert figures.n == 3
    assert figures.notes[:4] == [
        "dropped 1 negative value",
        "dropped 2 values that are not a number",
        "the dates were out of order: sorted",
        "1 repeated date: kept the first value of each",
    ]
    assert figures.level == 30.0


def test_a_rising_series_reads_rising_and_a_steady_rise_has_no_peak_at_its_end() -> None:
    figures = analyze(daily([100.0 + 3.0 * i + (i % 3) for i in range(60)]), period="day")

    assert figures.trend is not None and figures.trend.direction == "rising"
    assert figures.trend.relative_change is not None and figures.trend.relative_change > 0.5
    assert figures.peaks == []


def test_a_small_significant_drift_reads_flat() -> None:
    # 1,000 +/- 10 with a drift of 2 % over the whole span: real, and too small to tell.
    figures = analyze(daily([1000.0 + 0.1 * i + 10 * (i % 2) for i in range(200)]), period="day")

    assert figures.trend is not None
    assert figures.trend.p_value < 0.05
    assert figures.trend.direction == "flat"


def test_half_years_of_181_or_184_days_are_not_gaps_and_a_missing_one_is() -> None:
    report = [(date(2023, 1, 1), 900.0), (date(2023, 7, 1), 300.0), (date(2024, 1, 1), 120.0)]

    figures = analyze(report, period="half-year", premiere=date(2023, 3, 1))

    assert figures.gaps == 0
    assert figures.half_life_days is not None and 60 < figures.half_life_days < 365
    later = analyze([*report, (date(2025, 1, 1), 100.0)], period="half-year")
    assert later.gaps == 1
    assert "1 missing half-year between 2023-01-01 and 2025-01-01" in later.notes


def test_each_reason_for_no_decay_is_said() -> None:
    rising = daily([float(i) for i in range(1, 40)])

    assert analyze(rising, period="day", premiere=date(2030, 1, 1)).notes[-1] == (
        "no point within 14 days of the premiere (2030-01-01): no decay measured"
    )
    assert analyze(rising, period="day", premiere=date(2024, 1, 5)).notes[-1] == (
        "interest did not decay after the premiere peak"
    )
    one_day_wonder = daily([10.0] * 20 + [100.0, 8.0, 9.0])
    assert analyze(one_day_wonder, period="day", premiere=date(2024, 1, 21)).notes[-1] == (
        "interest was back to its level before the premiere by the next point"
    )
    silent_after = [*daily([10.0] * 20 + [100.0]), (date(2025, 1, 1), 50.0)]
    assert analyze(silent_after, period="day", premiere=date(2024, 1, 21)).notes[-1] == (
        "no point in the 90 days after the premiere peak: no decay measured"
    )


def test_an_unknown_period_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown period"):
        analyze([], period="month")  # type: ignore[arg-type]


# --- invariants -----------------------------------------------------------------------------

PERIODS: tuple[Period, ...] = get_args(Period)


@st.composite
def spiky_series(draw: st.DrawFn, min_size: int = 3) -> Points:
    """A noisy daily background with a few spikes, starting on any date, with gaps."""
    size = draw(st.integers(min_size, 150))
    base = draw(st.integers(1, 10_000))
    noise = draw(st.lists(st.integers(0, max(1, base // 5)), min_size=size, max_size=size))
    values = [float(base + n) for n in noise]
    for index in draw(st.lists(st.integers(0, size - 1), max_size=4)):
        values[index] = float(base * draw(st.integers(3, 50)))
    steps = draw(st.lists(st.integers(1, 3), min_size=size, max_size=size))
    start = draw(st.dates(date(1990, 1, 1), date(2040, 1, 1)))
    days, offset = [], 0
    for step in steps:
        days.append(start + timedelta(days=offset))
        offset += step
    return list(zip(days, values, strict=True))


@settings(deadline=None, max_examples=100, database=None)
@given(
    points=spiky_series(),
    factor=st.sampled_from([1e-3, 0.37, 2.0, 7.5, 1e6]),
    period=st.sampled_from(PERIODS),
)
def test_scaling_a_series_keeps_its_direction_and_volatility(
    points: Points, factor: float, period: Period
) -> None:
    plain = analyze(points, period=period)
    scaled = analyze([(day, value * factor) for day, value in points], period=period)

    assert plain.trend is not None and scaled.trend is not None
    assert scaled.trend.direction == plain.trend.direction
    assert scaled.trend.p_value == pytest.approx(plain.trend.p_value)
    assert scaled.cv == pytest.approx(plain.cv, rel=1e-9)
    assert scaled.robust_cv == pytest.approx(plain.robust_cv, rel=1e-9)
    assert [p.day for p in scaled.peaks] == [p.day for p in plain.peaks]


@settings(deadline=None, max_examples=100, database=None)
@given(points=spiky_series(), shift=st.integers(-3000, 3000), period=st.sampled_from(PERIODS))
def test_shifting_the_dates_shifts_every_peak_by_as_much(
    points: Points, shift: int, period: Period
) -> None:
    moved = [(day + timedelta(days=shift), value) for day, value in points]

    before = analyze(points, period=period)
    after = analyze(moved, period=period)

    assert [p.day + timedelta(days=shift) for p in before.peaks] == [p.day for p in after.peaks]
    assert [p.value for p in before.peaks] == [p.value for p in after.peaks]
    assert before.trend == after.trend


@settings(deadline=None, max_examples=100, database=None)
@given(points=spiky_series(min_size=5), data=st.data())
def test_removing_points_makes_gaps_never_a_crash_or_a_nan(
    points: Points, data: st.DataObject
) -> None:
    every_day = [(points[0][0] + timedelta(days=i), v) for i, (_, v) in enumerate(points)]
    inner = range(1, len(every_day) - 1)
    removed = data.draw(st.sets(st.sampled_from(inner), max_size=len(inner)))
    kept = [point for i, point in enumerate(every_day) if i not in removed]

    figures = analyze(kept, period="day", premiere=kept[0][0], events={"start": kept[0][0]})

    assert figures.gaps == len(removed)
    assert figures.n == len(kept)
    assert_all_finite(figures)


junk_value = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=0.0, max_value=1e12),
    st.integers(-(10**6), 10**6),
    st.just(10**400),  # an int no float can hold
    st.just(0.0),
)


@settings(deadline=None, max_examples=200, database=None)
@given(
    points=st.lists(
        st.tuples(st.dates(date(2000, 1, 1), date(2030, 12, 31)), junk_value), max_size=80
    ),
    period=st.sampled_from(PERIODS),
    premiere=st.none() | st.dates(date(2000, 1, 1), date(2030, 12, 31)),
    events=st.dictionaries(st.text(max_size=5), st.dates(date(2000, 1, 1), date(2030, 12, 31))),
    window=st.none() | st.integers(-5, 400),
)
def test_junk_never_crashes_and_yields_only_finite_numbers(
    points: Points,
    period: Period,
    premiere: date | None,
    events: dict[str, date],
    window: int | None,
) -> None:
    figures = analyze(points, period=period, premiere=premiere, events=events, window_days=window)

    assert_all_finite(figures)
    assert figures.n <= len(points)
    assert figures.zeros <= figures.n
    assert all(isinstance(note, str) and note for note in figures.notes)
    if figures.trend is not None:
        assert 0.0 <= figures.trend.p_value <= 1.0
        assert -1.0 <= figures.trend.tau <= 1.0
    ratio = season_ratio(points, points)
    assert ratio is None or ratio == pytest.approx(1.0)
