"""Charts of interest series: PNG and SVG files, and the SVG the HTML report embeds.

The series are real: Bridgerton season 3 in Netflix's global Top 10 (hours viewed per week,
copied from top10_all-weeks-global.tsv) and season 2 in Netflix's 2023 engagement reports
(hours viewed per half-year).
"""

from __future__ import annotations

import gc
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from tests.report.test_report_html import parse, text_of

from nextseason.errors import UsageError
from nextseason.model import (
    InterestSeries,
    PeakFigures,
    Report,
    SeriesFigures,
    TrendFigures,
)
from nextseason.report.charts import alt_text, chart, write_charts
from nextseason.report.render import render

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

#: Bridgerton: Season 3 in Netflix's global Top 10, week ending -> hours viewed.
SEASON_3_WEEKS = [
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
#: Bridgerton: Season 2 in Netflix's engagement reports, first day of the half-year -> hours.
SEASON_2_HALVES = [(date(2023, 1, 1), 133_400_000.0), (date(2023, 7, 1), 57_800_000.0)]

PART_2 = "the release of season 3 part 2"
FIGURES = SeriesFigures(
    n=14,
    level=21_200_000.0,
    trend=TrendFigures(
        direction="falling",
        slope_per_period=-1_150_000.0,
        relative_change_per_year=-0.62,
        tau=-0.38,
        p_value=0.06,
        n=14,
    ),
    peaks=[
        PeakFigures(
            day=date(2024, 6, 16),
            value=223_300_000.0,
            prominence=9.1,
            event=PART_2,
            event_day=date(2024, 6, 13),
            days_from_event=3,
        ),
        PeakFigures(
            day=date(2024, 5, 19),
            value=165_200_000.0,
            prominence=6.4,
            event="the release of season 3",
            event_day=date(2024, 5, 16),
            days_from_event=3,
        ),
    ],
)


def series(
    points: list[tuple[date, float]],
    *,
    source: str = "netflix_top10",
    metric: str = "weekly_hours_viewed",
    label: str = "Netflix Top 10 (global): hours viewed per week",
    period: str = "week",
    season: int = 3,
    figures: SeriesFigures | None = None,
) -> InterestSeries:
    peak_day, peak_value = max(points, key=lambda p: p[1])
    return InterestSeries(
        source=source,
        metric=metric,
        label=label,
        period=period,
        season=season,
        points=points,
        first=points[0][0],
        last=points[-1][0],
        total=sum(v for _, v in points),
        peak_day=peak_day,
        peak_value=peak_value,
        latest_value=points[-1][1],
        figures=figures,
    )


WEEKLY = series(SEASON_3_WEEKS, figures=FIGURES)
HALF_YEARS = series(
    SEASON_2_HALVES,
    source="netflix_engagement",
    metric="hours_viewed",
    label="Netflix engagement report: hours viewed per half-year",
    period="half-year",
    season=2,
)
TITLE = "Bridgerton season 3: Netflix Top 10 (global): hours viewed per week"


def svg_texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return [" ".join("".join(t.itertext()).split()) for t in root.iter(f"{SVG}text")]


def test_png_chart_is_a_png_of_the_asked_size() -> None:
    png = chart(WEEKLY, fmt="png", title=TITLE, width=7.0, height=3.2)
    assert png.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk comes first
    assert (width, height) == (700, 320)


def test_svg_chart_has_title_axis_labels_events_and_no_script() -> None:
    svg = chart(WEEKLY, fmt="svg", title=TITLE)
    texts = svg_texts(svg)
    assert TITLE in texts
    assert "week" in texts  # the x axis
    assert "hours viewed per week" in texts  # the y axis: the metric with its unit
    assert "release of season 3 part 2" in texts  # the peaks' events, marked
    assert "trend (falling)" in texts  # the trend line's legend entry
    assert b"<script" not in svg.lower()


def test_the_same_series_gives_the_same_bytes() -> None:
    assert chart(WEEKLY, fmt="svg", title=TITLE) == chart(WEEKLY, fmt="svg", title=TITLE)
    assert chart(WEEKLY, fmt="png", title=TITLE) == chart(WEEKLY, fmt="png", title=TITLE)


def test_chart_without_figures_half_years_single_points_and_events_given() -> None:
    bars = chart(HALF_YEARS, fmt="svg", title="Bridgerton season 2: engagement")
    assert "half-year" in svg_texts(bars)
    one = series(SEASON_3_WEEKS[:1])
    premiere = {"the premiere": date(2024, 5, 16)}
    svg = chart(one, fmt="svg", title="One week", events=premiere)
    assert "premiere" in svg_texts(svg)


def test_titles_are_text_never_markup_or_math() -> None:
    title = "$100,000 Pyramid <script>alert(1)</script> \x1b[31m"
    svg = chart(WEEKLY, fmt="svg", title=title)
    assert "$100,000 Pyramid <script>alert(1)</script> [31m" in svg_texts(svg)
    assert b"<script" not in svg


def test_alt_text_says_span_peak_and_its_date_and_trend() -> None:
    text = alt_text(WEEKLY, TITLE)
    assert text.startswith(f"Line chart: {TITLE}.")
    assert "2024-05-19 to 2026-02-15" in text
    assert "peak 223.3 million on 2024-06-16 (the release of season 3 part 2)" in text
    assert "the trend is falling, -62% a year" in text
    bare = alt_text(HALF_YEARS, "Bridgerton season 2")
    assert bare.startswith("Bar chart")
    assert "peak 133.4 million on 2023-01-01" in bare and "trend" not in bare


def test_write_charts_writes_safe_stable_names(report: Report, tmp_path: Path) -> None:
    show = report.show.model_copy(update={"title": "../../etc/passwd <b>"})
    interest = report.interest.model_copy(update={"series": [WEEKLY, HALF_YEARS]})
    hostile = report.model_copy(update={"show": show, "interest": interest})
    folder = tmp_path / "charts"
    folder.mkdir()
    paths = write_charts(hostile, folder)
    assert [p.name for p in paths] == [
        "etc-passwd-b-netflix-top10-weekly-hours-viewed-s03.png",
        "etc-passwd-b-netflix-top10-weekly-hours-viewed-s03.svg",
        "etc-passwd-b-netflix-engagement-hours-viewed-s02.png",
        "etc-passwd-b-netflix-engagement-hours-viewed-s02.svg",
    ]
    assert sorted(folder.iterdir()) == sorted(paths)  # nothing elsewhere, no temp files
    assert paths[0].read_bytes().startswith(PNG_SIGNATURE)
    ET.fromstring(paths[1].read_bytes())
    assert write_charts(hostile, folder, formats=["svg"]) == [paths[1], paths[3]]


def test_write_charts_to_a_missing_folder_is_a_usage_error(report: Report, tmp_path: Path) -> None:
    missing = tmp_path / "charts"
    with pytest.raises(UsageError, match=f"chart folder {re.escape(str(missing))} does not"):
        write_charts(report, missing)
    assert not missing.exists()


def test_html_report_embeds_one_accessible_chart_per_kind_and_says_short_ones(
    report: Report,
) -> None:
    season_2 = series(SEASON_3_WEEKS[:6], season=2)
    interest = report.interest.model_copy(update={"series": [WEEKLY, season_2, HALF_YEARS]})
    page = render(report.model_copy(update={"interest": interest}), "html")
    root = parse(page)  # strict: any parse error fails
    section = next(s for s in root.iter("section") if s.get("id") == "interest")
    figures = list(section.iter("figure"))
    # Two seasons of the same kind are one chart; two half-years are too few for one.
    assert len(figures) == 1
    svg = figures[0].find(f"{SVG}svg")
    assert svg is not None and svg.get("role") == "img"
    label = svg.get("aria-label") or ""
    assert "Season 2:" in label and "Season 3:" in label
    assert WEEKLY.peak_day.isoformat() in label
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text == label
    caption = figures[0].find("figcaption")
    assert caption is not None and WEEKLY.label in text_of(caption)
    words = [text_of(p) for p in section.iter("p") if p.get("class") == "few-points"]
    assert len(words) == 1 and "133.4 million" in words[0] and "2023-07-01" in words[0]
    # Self-contained and safe: no scripts, nothing fetched, no id used twice.
    assert root.findall(".//script") == [] and "<img" not in page
    assert all(e.get("src") is None for e in root.iter())
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


def test_fifty_charts_leave_no_figure_behind() -> None:
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    def live_figures() -> int:
        gc.collect()
        return sum(isinstance(o, Figure) for o in gc.get_objects())

    before = (plt.get_fignums(), live_figures())
    for n in range(50):
        chart(HALF_YEARS, fmt="svg" if n % 2 else "png", title="Bridgerton season 2")
    assert (plt.get_fignums(), live_figures()) == before


def test_importing_the_chart_module_does_not_import_matplotlib() -> None:
    code = "import sys, nextseason.report.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
