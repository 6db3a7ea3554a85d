"""Claims that carry their scope: the season a date belongs to, the network a count or a
cancellation speaks of, the date of a decision; and weekdays that contradict their dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.factcheck import FactCheckReport, check_article
from nextseason.model import PlatformLink, PlatformRef, SeasonRecord, SourceRef, StatusRecord
from tests.conftest import make_show
from tests.factcheck.conftest import TODAY, check

TMDB = SourceRef("tmdb", "https://www.themoviedb.org/tv/90011", datetime(2025, 4, 2), "TMDB")
SCORECARD = SourceRef(
    "metacritic_scorecard", "https://www.metacritic.com/", datetime(2021, 6, 1), "Metacritic"
)
PREDICTIONS = SourceRef(
    "tv_ratings_predictions", "https://www.reddit.com/r/tvratings/", datetime(2023, 6, 1), "TVRP"
)


def premieres(report: FactCheckReport) -> list[str]:
    return [c.claimed for c in report.claims if c.relation == "premiere"]


def test_each_date_goes_to_the_season_its_clause_names(bundled: Catalog) -> None:
    report = check(bundled, "Seasons 1 and 2 came out in October 2020 and December 2021.")
    assert premieres(report) == ["premiere: 2020-10", "season 2 premiere: 2021-12"]


def test_the_season_a_paragraph_is_about_takes_its_unnumbered_dates(bundled: Catalog) -> None:
    text = (
        "# Squid Game\n\n## Season 2\n\nThe season is scheduled to be released on "
        "December 26, 2024.\n"
    )
    assert premieres(check(bundled, text)) == ["season 2 premiere: 2024-12-26"]


def test_episode_finale_and_production_dates_are_no_premieres(bundled: Catalog) -> None:
    text = (
        "Squid Game's finale airs on May 6, 2024. Filming began in March 2023. "
        "The eighth episode drops on Thursday, February 16, 2023."
    )
    assert premieres(check(bundled, text)) == []


def test_a_date_without_a_year_takes_the_articles_year(bundled: Catalog) -> None:
    text = "Published: August 1, 2021\n\nSquid Game will premiere on Netflix on September 17."
    assert premieres(check(bundled, text)) == ["premiere: 2021-09-17"]
    undated = "Squid Game will premiere on Netflix on September 17."
    assert premieres(check(bundled, undated)) == []  # no year: no claim


def test_a_weekday_that_is_not_its_dates_is_contradicted(bundled: Catalog) -> None:
    text = "Published: April 9, 2019\n\nThe final season of the drama began Wednesday, March 28."
    report = check(bundled, text)
    wrong = [c for c in report.claims if c.reason_code == "calendar"]
    assert len(wrong) == 1 and wrong[0].verdict == "contradicted"
    assert "Thursday" in wrong[0].reason


def test_an_undated_schedule_finds_its_year_from_its_own_days(bundled: Catalog) -> None:
    schedule = (
        "The fall schedule:\n\nMonday, Sept. 20: The Voice\n\nTuesday, Sept. 21: "
        "New Amsterdam\n\nWednesday, Sept. 22: Chicago Fire\n\nThursday, Oct. 23: The Blacklist\n"
    )
    report = check(bundled, schedule)
    assert [c.text for c in report.claims if c.reason_code == "calendar"] == ["Thursday, Oct. 23"]
    right = schedule.replace("Thursday, Oct. 23", "Thursday, Oct. 21")
    assert not [c for c in check(bundled, right).claims if c.reason_code == "calendar"]


@pytest.fixture
def moved(tmp_path: Path) -> Iterator[Catalog]:
    """A show FOX aired for three seasons and cancelled, that Netflix then revived for
    three more; and a show renewed on a day the announcement source dates."""
    fox = PlatformRef("FOX", "network")
    netflix = PlatformRef("Netflix", "streaming")
    show = make_show("Harbour Lights", key="90011", year=2016, status="Ended", seasons=0)
    show.platforms = [PlatformLink(netflix, "web", TMDB), PlatformLink(fox, "network", TMDB)]
    show.seasons = [SeasonRecord(n, TMDB, 13, date(2015 + n, 1, 25)) for n in range(1, 7)]
    show.statuses += [
        StatusRecord(
            "metacritic_scorecard",
            "renewed" if n < 3 else "cancelled",
            datetime(2016 + n, 5, 10),
            SCORECARD,
            {"season": n, "network": "FOX", "announced": f"{2016 + n}-05-10", "said": "x"},
        )
        for n in (1, 2, 3)
    ]
    tide = make_show("Low Tide", key="90012", year=2019, status="Running", seasons=0)
    tide.platforms = [PlatformLink(PlatformRef("NBC", "network"), "network", TMDB)]
    tide.seasons = [SeasonRecord(1, TMDB, 10, date(2019, 9, 24))]
    tide.statuses.append(
        StatusRecord(
            "tv_ratings_predictions",
            "renewed",
            datetime(2020, 4, 14),
            PREDICTIONS,
            {"season": 1, "network": "NBC", "announced": "2020-04-14", "said": "Renewed"},
        )
    )
    undated = make_show("Cold Harbor", key="90013", year=2019, status="Running", seasons=0)
    undated.seasons = [SeasonRecord(1, TMDB, 10, date(2019, 9, 24))]
    undated.statuses.append(
        StatusRecord(
            "metacritic_scorecard",
            "renewed",
            datetime(2020, 6, 1),
            SCORECARD,
            {"season": 1, "network": "NBC", "announced": None, "said": "Renewed"},
        )
    )
    with Catalog.open(f"sqlite:///{tmp_path / 'moved.sqlite'}", seed=False) as catalog:
        catalog.store([show, tide, undated])
        yield catalog


def verdict(catalog: Catalog, text: str, relation: str) -> tuple[str, str]:
    report = check_article(catalog, text, today=TODAY)
    claim = next(c for c in report.claims if c.relation == relation)
    return claim.verdict, claim.reason


def test_a_count_scoped_to_a_network_is_checked_against_its_run(moved: Catalog) -> None:
    assert verdict(moved, "Harbour Lights ran for three seasons on FOX.", "seasons")[0] == (
        "supported"
    )
    assert verdict(moved, "Harbour Lights ran for two seasons on FOX.", "seasons")[0] == (
        "contradicted"
    )
    assert verdict(moved, "Harbour Lights ran for three seasons.", "seasons")[0] == ("contradicted")


def test_a_cancellation_scoped_to_a_network_is_that_networks(moved: Catalog) -> None:
    text = "Harbour Lights was cancelled by FOX after three seasons."
    assert verdict(moved, text, "status")[0] == "supported"
    # Unscoped, the show went on elsewhere: the catalog cannot tell what the article means.
    assert verdict(moved, "Harbour Lights was cancelled after three seasons.", "status")[0] != (
        "supported"
    )


def test_a_dated_renewal_is_checked_against_the_announcement(moved: Catalog) -> None:
    right = "NBC renewed Low Tide for a second season in April 2020."
    assert verdict(moved, right, "status")[0] == "supported"
    wrong = "NBC renewed Low Tide for a second season in January 2020."
    found, reason = verdict(moved, wrong, "status")
    assert found == "contradicted" and "2020-04-14" in reason
    undated = "NBC renewed Cold Harbor for a second season in June 2020."
    found, reason = verdict(moved, undated, "status")
    assert found == "unverifiable" and "does not date" in reason


@pytest.mark.parametrize(
    "text",
    [
        "Lupin is a thrilling and stylish French Netflix series.",
        "Lupin is a heartwarming South Korean Netflix drama.",
        "Stream the series Lupin on Netflix.",
        "Lupin returns for a third part on Netflix.",
    ],
)
def test_platform_phrasings(bundled: Catalog, text: str) -> None:
    claims = [c for c in check(bundled, text).claims if c.relation == "platform"]
    assert [c.claimed.split(" (")[0] for c in claims] == ["Netflix"], text


def test_cast_lists_in_every_order_are_cast_claims(bundled: Catalog) -> None:
    for text in (
        "In Squid Game, Lee Jung-jae, Park Hae-soo and Wi Ha-jun star.",
        "The second season of Squid Game sees the return of actors Lee Jung-jae and Park Hae-soo.",
        "In Squid Game, the cast also includes Lee Jung-jae and Park Hae-soo.",
    ):
        people = [c.claimed for c in check(bundled, text).claims if c.relation == "cast"]
        assert "Lee Jung-jae in the cast" in people and "Park Hae-soo in the cast" in people, text
