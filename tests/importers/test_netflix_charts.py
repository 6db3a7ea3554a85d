"""Netflix Top 10 and engagement reports: numbers, periods and seasons as Netflix published."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from nextseason.errors import BuildError
from nextseason.importers.chart_titles import parse_chart_title, top10_season
from nextseason.importers.netflix_engagement import FILE, split_reports
from nextseason.importers.parsing import grouped_int
from nextseason.importers.rawfiles import RawDir, read_csv
from tests.importers.conftest import MINI, Built


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,11,00,000", 11_100_000),  # Indian grouping: 1 crore 11 lakh
        ("81,21,00,000", 812_100_000),
        ("1,00,000", 100_000),
        ("76,00,000", 7_600_000),
        ("11,100,000", 11_100_000),  # Western grouping
        ("16600000", 16_600_000),
        ("", None),
    ],
)
def test_grouped_numbers_of_either_style_are_read_right(text: str, value: int | None) -> None:
    assert grouped_int(text) == value


@pytest.mark.parametrize("text", ["1,1,00,000", "12,34", "lots", "1.5"])
def test_a_malformed_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        grouped_int(text)


def test_engagement_hours_are_stored_per_season_and_half_year(built: Built) -> None:
    [point] = [
        p for p in built.show("The Night Agent").interest if p.source == "netflix_engagement"
    ]
    assert (point.metric, point.period, point.season) == ("hours_viewed", "half-year", 1)
    assert point.day == date(2023, 1, 1)
    assert point.value == 812_100_000  # "81,21,00,000"
    assert point.src.url.endswith("what-we-watched-a-netflix-engagement-report")


def test_the_same_title_in_both_reports_gives_one_point_per_half_year(built: Built) -> None:
    points = sorted(
        (p.day, p.value)
        for p in built.show("Wednesday").interest
        if p.source == "netflix_engagement"
    )
    assert points == [(date(2023, 1, 1), 507_700_000), (date(2023, 7, 1), 162_700_000)]


def test_the_parts_of_one_season_add_up(built: Built) -> None:
    [point] = [
        p for p in built.show("Attack on Titan").interest if p.source == "netflix_engagement"
    ]
    assert point.season == 3
    assert point.value == 6_300_000 + 5_800_000  # "Season 3 Part 1" + "Season 3 Part 2"


def test_engagement_release_dates_date_the_seasons(built: Built) -> None:
    seasons = {
        s.number: s for s in built.show("Wednesday").seasons if s.source == "netflix_engagement"
    }
    assert seasons[1].premiere_date == date(2022, 11, 23)
    # Netflix made it (its original channel, per TMDB): the release is the premiere.
    assert seasons[1].release_platform is None
    assert seasons[1].first_aired == date(2022, 11, 23)


def test_the_h2_report_begins_where_the_hours_rise_again() -> None:
    raw = RawDir(MINI).file(FILE)
    rows = read_csv(raw, required=("Title", "Hours Viewed", "Release Date"))
    hours, released, boundary = split_reports(raw, rows)
    assert rows[boundary - 1]["Title"] == "선생 김봉두"  # the smallest H1 entry
    assert rows[boundary]["Title"] == "ONE PIECE: Season 1"  # released 2023-08-31
    assert hours[boundary] > hours[boundary - 1]
    assert max(d for d in released[:boundary] if d) <= date(2023, 6, 30)


def test_a_boundary_the_release_dates_contradict_is_a_build_error(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "raw")
    path = tmp_path / "raw" / FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # Move an H2 title released in August 2023 to the top of the H1 report.
    one_piece = next(line for line in lines if line.startswith("ONE PIECE"))
    lines.remove(one_piece)
    lines.insert(1, one_piece.replace('"54,19,00,000"', '"99,99,00,000"'))
    path.write_text("".join(lines), encoding="utf-8")
    raw = RawDir(tmp_path / "raw").file(FILE)
    with pytest.raises(BuildError, match=r"engagement_2023_H1_H2\.csv.*released after"):
        split_reports(raw, read_csv(raw, required=("Title",)))


def test_top10_points_start_on_the_monday_of_the_charted_week(built: Built) -> None:
    points = [p for p in built.show("Bridgerton").interest if p.source == "netflix_top10"]
    hours = {(p.day, p.season): p.value for p in points if p.metric == "weekly_hours_viewed"}
    # Row: week 2022-04-17 (a Sunday), "Bridgerton: Season 2", 66,610,000 hours, rank 1.
    monday = date(2022, 4, 17) - timedelta(days=6)
    assert monday.weekday() == 0
    assert hours[(monday, 2)] == 66_610_000
    ranks = {(p.day, p.season): p.value for p in points if p.metric == "weekly_rank"}
    assert ranks[(monday, 2)] == 1
    assert all(p.period == "week" for p in points)
    # Views were published from mid-2023 on; these 2022 rows have none.
    assert not [p for p in points if p.metric == "weekly_views" and p.day < date(2023, 6, 1)]


@pytest.mark.parametrize(
    ("show", "season_title", "season"),
    [
        ("Vikings: Valhalla", "Vikings: Valhalla: Season 2", 2),
        ("Killer Sally", "Killer Sally: Limited Series", 1),
        ("Stranger Things", "Stranger Things 4", 4),
        ("Love Is Blind", "Love Is Blind: S3: Dallas", 3),
        ("Lupin", "Lupin: Part 3", 3),
        ("Raw", "Raw: June 29, 2026", 0),
        ("Jeff Arcuri: Nice to Meet You", "N/A", 0),
    ],
)
def test_top10_season_titles(show: str, season_title: str, season: int) -> None:
    assert top10_season(show, season_title) == season


def test_engagement_titles_name_show_season_year_and_translations() -> None:
    glory = parse_chart_title("The Glory: Season 1 // 더 글로리: 시즌 1")
    assert (glory.title, glory.season, glory.aliases) == ("The Glory", 1, ("더 글로리",))
    suits = parse_chart_title("Suits (2011): Season 4")
    assert (suits.title, suits.season, suits.year) == ("Suits", 4, 2011)
    homicide = parse_chart_title("Homicide: New York: Season 2")
    assert (homicide.title, homicide.season) == ("Homicide: New York", 2)
    assert parse_chart_title("Kaleidoscope: Limited Series").season == 1
    # Films and specials name no season: they are skipped.
    assert parse_chart_title("Fear Street Part 1: 1994").season is None
    assert parse_chart_title("Harry Potter and the Deathly Hallows: Part 1").season is None
