"""No leakage: every feature of a season is something known when its renewal was decided."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from nextseason.outlook.features import (
    PlatformRates,
    SeasonFacts,
    encode,
    genre_flags,
    rates_before,
)
from nextseason.outlook.labels import (
    LabelCounts,
    LabelledSeason,
    _decision_ratings,
    _tmdb_seasons,
    _TmdbShow,
    summarize_top10,
)
from nextseason.outlook.train import season_facts


def _season(platform: str, year: int, season: int = 1) -> SeasonFacts:
    return SeasonFacts(platform=platform, platform_kind=None, season=season, year=year)


def test_the_platform_record_counts_only_earlier_years() -> None:
    rows = [
        (_season("Netflix", 2015), 1),
        (_season("Netflix", 2015), 1),
        (_season("Netflix", 2016), 0),
        (_season("Netflix", 2017), 0),
    ]
    seen = rates_before(rows)
    # 2015 sees no Netflix decision; 2016 sees the two 2015 renewals, not its own outcome.
    assert seen[0].decided(rows[0][0])[:2] == (0, 0)
    assert seen[2].decided(rows[2][0])[:2] == (2, 2)
    assert seen[3].decided(rows[3][0])[:2] == (2, 3)
    # Changing a later outcome changes nothing for an earlier season.
    flipped = [*rows[:3], (rows[3][0], 1)]
    before = encode(rows[2][0], rates_before(rows)[2])
    assert encode(rows[2][0], rates_before(flipped)[2]) == before


def test_recent_decisions_weigh_more_in_the_platform_record() -> None:
    rates = PlatformRates()
    for _ in range(50):
        rates.add(_season("Netflix", 2014), 1)
    for _ in range(50):
        rates.add(_season("Netflix", 2023), 0)
    # Seen from 2024, ten years of difference: the recent cancellations dominate.
    assert rates.at(2024).rate(_season("Netflix", 2024)) < 0.35


def test_top10_figures_are_those_of_the_first_four_weeks() -> None:
    weeks = [(date(2023, 3, 5), 50e6), (date(2023, 3, 12), 40e6), (date(2023, 3, 19), 20e6)]
    first = summarize_top10(weeks)
    later = summarize_top10([*weeks, (date(2023, 4, 30), 5e6), (date(2023, 5, 7), 4e6)])
    assert first == later
    assert (first.weeks, first.hours) == (3, 110e6)


def test_ratings_are_those_the_network_had_seen() -> None:
    season = tuple(float(r) for r in range(1, 13))  # 12 episodes
    assert _decision_ratings(season) == season[:8]  # the last third is left out
    assert _decision_ratings(season[:4]) == season[:4]


def test_a_seasons_facts_ignore_its_outcome() -> None:
    row = LabelledSeason(
        source="ratings",
        title="Harbor Lights",
        season=2,
        year=2018,
        platform="NBC",
        label_class="renewed",
        rule="renewed",
        status="Renewed",
        episodes=13,
        ratings=(1.1, 1.0, 0.9),
        network_median_rating=0.8,
        final_prediction=0.9,
    )
    other = replace(
        row,
        label_class="cancelled",
        rule="cancelled",
        status="Canceled",
        final_prediction=0.1,
        also=("scorecards",),
    )
    assert season_facts(row) == season_facts(other)


def test_tmdb_seasons_know_nothing_of_the_seasons_after_them() -> None:
    def show(seasons: int, status: str) -> _TmdbShow:
        return _TmdbShow(
            title="Harbor Lights",
            platform="Netflix",
            status=status,
            kind="Scripted",
            seasons=seasons,
            first=date(2019, 3, 1),
            last=date(2019 + seasons - 1, 3, 1),
            genres=("Drama",),
            language="en",
            season_dates={1: date(2019, 3, 1)},
            season_episodes={1: 8},
        )

    long_run = _tmdb_seasons([show(4, "Ended")], LabelCounts())
    cancelled = _tmdb_seasons([show(1, "Canceled")], LabelCounts())
    first_long, first_cancelled = long_run[0], cancelled[0]
    assert (first_long.label, first_cancelled.label) == (1, 0)
    assert season_facts(first_long) == season_facts(first_cancelled)


def test_genres_of_every_source_fold_into_one_vocabulary() -> None:
    assert genre_flags(["TV Dramas", "Crime TV Shows"]) == {"drama", "crime and mystery"}
    assert genre_flags(["Sci-Fi & Fantasy"]) == {"science fiction and fantasy"}
    assert genre_flags([], kind="Reality") == {"unscripted"}
    assert genre_flags(["Reality-TV"]) == {"unscripted"}
