"""The labelled outcomes: each normalization rule on real rows of the files in raw/outcomes/."""

from __future__ import annotations

import re
from datetime import date

import pytest

from nextseason.importers.renewal_rules import (
    AMBIGUOUS,
    RATINGS_RULES,
    SCORECARD_RULES,
    TRAINING_LABEL,
    decision_date,
    ratings_class,
    scorecard_class,
    scorecard_season,
)
from nextseason.outlook import labels as labels_module
from nextseason.outlook.labels import LabelledSeason, Labels, docstring_counts
from nextseason.platforms import catalog_platform as canonical_platform
from nextseason.platforms import platform_type
from tests.outlook.conftest import RAW


def _find(labels: Labels, title: str, season: int) -> LabelledSeason:
    found = [s for s in labels.seasons if s.title == title and s.season == season]
    assert len(found) == 1, found
    return found[0]


# Statuses as the Metacritic scorecards write them, with the TV season's start year.
SCORECARD_CASES = [
    ("Renewed for a 2nd season on 5/8", 2013, "renewed"),
    ("Renewed 5/7", 2016, "renewed"),
    ("Canceled 5/11", 2014, "cancelled"),
    ("Canceled 11/19;  finale airs 1/19", 2013, "cancelled"),
    ("Pulled from schedule after 1 episode", 2018, "cancelled"),
    ("Omitted from 2015-16 plans; presumed canceled", 2014, "presumed cancelled"),
    ("Ending with this 4th season", 2015, "final season announced"),
    ("Renewed for a 6th (final) season on 3/13/18", 2017, "renewed for a final season"),
    ("Already renewed through S7", 2015, "renewed in advance"),
    ("Initial order is for 2 seasons", 2016, "renewed in advance"),
    ("Renewed through  S6 on 5/9/18", 2018, "renewed in advance"),
    ("Renewed 7/26 but will move to Netflix for S2", 2018, "moved network"),
    ("Canceled 5/10; picked up by NBC 5/11", 2017, "moved network"),
    ("Renewed 10/3 but then canceled 3/4", 2019, "decision reversed"),
    ("Miniseries", 2016, "limited series"),
    ("Canceled 10/8 before any episodes aired", 2014, "never aired"),
    ("Project canceled prior to filming", 2019, "never aired"),
    ("Not officially renewed, but very likely to return", 2018, "undecided"),
    ("Korean series", 2019, "undecided"),
    ("", 2017, "undecided"),
    # A note on how the show came to this network says nothing about its next season.
    ("Moving from Comedy Central", 2019, "undecided"),
    ("Moved from NBC & renewed for S2 on 11/21", 2018, "renewed"),
]


@pytest.mark.parametrize(("status", "year", "expected"), SCORECARD_CASES)
def test_scorecard_statuses_fall_in_the_documented_classes(
    status: str, year: int, expected: str
) -> None:
    assert scorecard_class(status, year)[0] == expected


def test_the_scorecard_cases_are_real_rows() -> None:
    text = (RAW / "outcomes" / "metacritic_renewal_scorecards_2013_2020.csv.gz").read_bytes()
    import gzip

    rows = gzip.decompress(text).decode("utf-8")
    missing = [s for s, _, _ in SCORECARD_CASES if s and s not in rows]
    assert missing == []


@pytest.mark.parametrize(
    ("status", "renewed", "canceled", "expected"),
    [
        ("Renewed", True, False, "renewed"),
        ("Canceled", False, True, "cancelled"),
        ("Final Season", True, True, "final season announced"),
        ("Renewed for Final Season", True, True, "renewed for a final season"),
        ("Pre-renewed", True, False, "renewed in advance"),
        ("Canceled by FOX, Renewed by ABC", True, True, "moved network"),
        ("Renewed (Moving to HULU)", True, True, "moved network"),
        ("Canceled, Then Renewed", True, True, "decision reversed"),
        ("", True, False, "renewed"),
        ("", False, False, "undecided"),
        ("", True, True, "sources disagree"),
    ],
)
def test_ratings_statuses_and_flags(
    status: str, renewed: bool, canceled: bool, expected: str
) -> None:
    assert ratings_class(status, renewed, canceled)[0] == expected


@pytest.mark.parametrize(
    ("text", "season"),
    [
        ("1", 1),
        ("SEASON 4", 4),
        ("SEASONS 27 / 28", 28),
        ("SEASON 6 PART 1", 6),
        ("S12", 12),
        ("(SEASON 2)", 2),
        ("SEA. 10", 10),
        ("SEASON 2 starts tbd 2015", 2),
        ("", None),
    ],
)
def test_scorecard_season_numbers(text: str, season: int | None) -> None:
    assert scorecard_season(text) == season


def test_a_date_without_a_year_falls_in_the_tv_season() -> None:
    assert decision_date("Renewed 5/13", 2013) == date(2014, 5, 13)
    assert decision_date("Canceled 11/19", 2013) == date(2013, 11, 19)
    assert decision_date("Canceled 6/15/20", 2019) == date(2020, 6, 15)


def test_network_codes_become_the_catalog_names() -> None:
    assert canonical_platform("NETF", scorecard=True) == "Netflix"
    assert canonical_platform("MAX", scorecard=True) == "Cinemax"  # the scorecards' MAX
    assert canonical_platform("Max") == "HBO Max"  # TMDB's Max, since 2023
    assert canonical_platform("CBS All Access (renamed Paramount+ in 2021)") == "Paramount+"
    assert platform_type("FOX") == "broadcast"
    assert platform_type("FX") == "cable"
    assert platform_type("Prime Video") == "streaming"


def test_real_rows_get_their_label(labels: Labels) -> None:
    assert _find(labels, "The Goldbergs", 1).label_class == "renewed"
    assert _find(labels, "Back in the Game", 1).label_class == "cancelled"
    # Listed in two scorecard years (2018, 2019): the decisive listing is kept.
    assert _find(labels, "Outlander", 4).label_class == "renewed in advance"
    assert _find(labels, "BoJack Horseman", 6).label_class == "final season announced"
    assert _find(labels, "Blue Bloods", 13).label_class == "renewed for a final season"
    assert _find(labels, "The English Game", 1).label_class == "limited series"


def test_a_season_in_both_files_is_one_row_with_the_ratings(labels: Labels) -> None:
    good_place = _find(labels, "The Good Place", 3)
    assert good_place.source == "ratings"
    assert "scorecards" in good_place.also
    assert len(good_place.ratings) == 13
    assert good_place.label_class == "renewed"


def test_a_season_listed_twice_in_the_ratings_file_is_kept_once(labels: Labels) -> None:
    seal_team = _find(labels, "SEAL Team", 5)
    assert seal_team.label_class == "moved network"  # "Moving to Paramount+"


def test_tmdb_statuses_label_every_season_of_a_show(labels: Labels) -> None:
    # Wednesday (Netflix) has a second season in TMDB's cache: its first was renewed, and
    # the Top 10 gives its first four weeks.
    wednesday = _find(labels, "Wednesday", 1)
    assert (wednesday.label_class, wednesday.rule) == ("renewed", "later-season-exists")
    assert wednesday.top10_weeks == 4
    resident_evil = _find(labels, "Resident Evil", 1)
    assert (resident_evil.label_class, resident_evil.rule) == ("cancelled", "tmdb-canceled")


def test_a_licensed_network_show_in_the_netflix_chart_is_not_a_netflix_decision(
    labels: Labels,
) -> None:
    greys = [s for s in labels.seasons if s.title == "Grey's Anatomy" and s.platform == "Netflix"]
    assert greys == []


def test_ambiguous_rows_are_kept_out_of_training(labels: Labels) -> None:
    training = labels.training
    assert training
    assert all(s.label_class in TRAINING_LABEL for s in training)
    ambiguous = [s for s in labels.seasons if s.label_class in AMBIGUOUS]
    assert len(ambiguous) > 400
    assert not {id(s) for s in ambiguous} & {id(s) for s in training}


def test_the_documented_counts_are_the_counts(labels: Labels) -> None:
    doc = " ".join((labels_module.__doc__ or "").split())
    assert " ".join(docstring_counts(labels).split()) in doc


def test_every_rule_has_an_id_and_a_description(labels: Labels) -> None:
    for rule in (*SCORECARD_RULES, *RATINGS_RULES):
        assert re.fullmatch(r"[a-z0-9-]+", rule.id)
        assert rule.description.endswith(".")
    assert all(s.rule for s in labels.seasons)


def test_labelled_shows_join_catalog_shows_by_title_and_platform(labels: Labels) -> None:
    from nextseason.outlook.labels import join_catalog

    join = join_catalog(
        labels,
        [("The Goldbergs", "ABC"), ("Wednesday", "Netflix"), ("Wednesday", "NBC"), ("Zzz", None)],
    )
    assert join.matched == 2
    assert join.examples == ("The Goldbergs", "Wednesday")
    assert join.seasons >= 2
