"""The charts a page embeds: one per kind of series, seasons as segments, lines that never
cross a gap or go below zero, labels inside the drawing, and the figures in words when there
are too few points.

Bridgerton's Netflix Top 10 weeks are real (top10_all-weeks-global.tsv); the trends are the
kind of figures the analysis gives.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

from tests.report.test_charts import SEASON_3_WEEKS, series

from nextseason.model import InterestSeries, PeakFigures, SeriesFigures, TrendFigures
from nextseason.report.svgchart import (
    HEIGHT,
    WIDTH,
    chart_alt_text,
    few_points_text,
    kinds_of,
    svg_chart,
)

SVG = "{http://www.w3.org/2000/svg}"

#: Bridgerton season 2 in Netflix's global Top 10 (2022), week ending -> hours viewed.
SEASON_2_WEEKS = [
    (date(2022, 3, 27), 193_020_000.0),
    (date(2022, 4, 3), 251_740_000.0),
    (date(2022, 4, 10), 115_670_000.0),
    (date(2022, 4, 17), 66_600_000.0),
    (date(2022, 4, 24), 46_380_000.0),
]


def falling(n: int, slope: float) -> SeriesFigures:
    trend = TrendFigures(direction="falling", slope_per_period=slope, tau=-0.5, p_value=0.01, n=n)
    return SeriesFigures(n=n, trend=trend)


def parsed(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # well-formed XML, or this fails


def numbers(d: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", d)]


def test_seasons_of_one_kind_make_one_chart_with_a_segment_each() -> None:
    two = [series(SEASON_2_WEEKS, season=2), series(SEASON_3_WEEKS[:11], season=3)]
    rank = series(
        [(d, 1.0 + i) for i, (d, _) in enumerate(SEASON_3_WEEKS)],
        metric="weekly_rank",
        label="Netflix Top 10 (global): weekly rank",
    )
    kinds = kinds_of([*two, rank])
    # The rank repeats hours viewed: no chart of its own.
    assert [(k.metric, k.seasons) for k in kinds] == [("weekly_hours_viewed", [2, 3])]
    svg = parsed(svg_chart(kinds[0], title="Bridgerton: hours viewed per week"))
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert "season 2" in texts and "season 3" in texts  # the legend names each colour
    lines = [p for p in svg.iter(f"{SVG}path") if p.get("fill") == "none"]
    colours = {p.get("stroke") for p in lines}
    assert len(colours) == 2
    # The two years apart are two segments: no line spans the gap between them.
    xs = [[x for x, _ in numbers(p.get("d") or "")] for p in lines]
    spans = sorted((min(x), max(x)) for x in xs)
    assert spans[0][1] < spans[1][0]


def test_a_gap_inside_a_season_breaks_the_line_and_nothing_dives_to_zero() -> None:
    weeks = [(date(2024, 1, 7) + timedelta(weeks=i), 50.0 + i) for i in range(5)]
    later = [(date(2024, 3, 10) + timedelta(weeks=i), 60.0 - i) for i in range(5)]
    kind = kinds_of([series(weeks + later, season=1)])[0]
    svg = parsed(svg_chart(kind, title="A show: hours viewed per week"))
    lines = [p for p in svg.iter(f"{SVG}path") if p.get("fill") == "none"]
    assert len(lines) == 2  # one line per run of consecutive weeks
    bottom = HEIGHT - 30  # the zero line
    for p in lines:
        assert all(y < bottom - 1 for _, y in numbers(p.get("d") or ""))


def test_trend_is_drawn_per_season_and_cut_at_zero() -> None:
    steep = series(SEASON_3_WEEKS[:11], season=3, figures=falling(11, -40_000_000.0))
    svg = parsed(svg_chart(kinds_of([steep])[0], title="Bridgerton: hours"))
    dashed = [p for p in svg.iter(f"{SVG}path") if p.get("stroke-dasharray") == "6 3"]
    assert len(dashed) == 1
    (_, y0), (_, y1) = numbers(dashed[0].get("d") or "")
    zero = HEIGHT - 30
    assert max(y0, y1) <= zero + 0.01  # never below the zero line
    assert abs(max(y0, y1) - zero) < 0.01  # this steep line is cut where it meets zero


def test_every_label_fits_inside_the_drawing() -> None:
    long_event = PeakFigures(
        day=date(2024, 6, 16),
        value=223_300_000.0,
        prominence=9.0,
        event="the release of season 3 part 2 and a very long festival of the fans",
        event_day=date(2024, 7, 27),
    )
    figures = SeriesFigures(n=14, peaks=[long_event])
    kind = kinds_of([series(SEASON_3_WEEKS[:11], season=3, figures=figures)])[0]
    svg = parsed(svg_chart(kind, title="Bridgerton: hours"))
    for text in svg.iter(f"{SVG}text"):
        x = float(text.get("x") or 0)
        size = float(text.get("font-size") or 12)
        width = len("".join(text.itertext())) * size * 0.56
        left = {"start": x, "middle": x - width / 2, "end": x - width}[
            text.get("text-anchor") or "start"
        ]
        assert left >= 0 and left + width <= WIDTH + 0.5, "".join(text.itertext())
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert "season 3 part 2" in texts  # the event, shortened to what identifies it


def test_too_few_points_are_said_in_words() -> None:
    halves = series(
        [(date(2023, 1, 1), 133_400_000.0), (date(2023, 7, 1), 57_800_000.0)],
        source="netflix_engagement",
        metric="hours_viewed",
        label="Netflix engagement report: hours viewed per half-year",
        period="half-year",
        season=2,
    )
    kind = kinds_of([halves])[0]
    assert kind.points == 2
    assert few_points_text(kind) == (
        "Netflix engagement report: hours viewed per half-year: season 2: 133.4 million on "
        "2023-01-01, 57.8 million on 2023-07-01."
    )


def test_text_from_sources_is_escaped_and_the_alt_text_gives_the_figures() -> None:
    hostile: InterestSeries = series(
        SEASON_2_WEEKS, season=2, label='Top 10 <script>alert(1)</script> & "x"'
    )
    kind = kinds_of([hostile])[0]
    markup = svg_chart(kind, title="<b>Bridgerton</b>")
    assert "<script" not in markup and "<b>" not in markup
    svg = parsed(markup)
    label = svg.get("aria-label") or ""
    assert label == chart_alt_text(kind, "<b>Bridgerton</b>")
    assert "peak 251.7 million on 2022-04-03" in label
    assert "5 weekly values from 2022-03-27 to 2022-04-24" in label


def test_ten_years_of_days_are_thinned_to_the_pixels_keeping_the_spikes() -> None:
    start = date(2015, 1, 1)
    days = [(start + timedelta(days=i), 1000.0 + (i % 365) * 3.0) for i in range(3653)]
    kind = kinds_of(
        [series(days, source="wikipedia_pageviews", metric="views", period="day", season=0)]
    )[0]
    markup = svg_chart(kind, title="A show: Wikipedia pageviews per day")
    assert len(markup) < 60_000  # a few points per pixel column, not 3,653
    line = next(p for p in parsed(markup).iter(f"{SVG}path") if p.get("fill") == "none")
    ys = [y for _, y in numbers(line.get("d") or "")]
    top = min(ys)  # the yearly highs (1000 + 364 * 3) are still drawn
    assert all(y >= top for y in ys) and ys.count(top) >= 1
