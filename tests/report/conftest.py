"""A small real catalog for the report renderers: Bridgerton as TVmaze and Netflix knew it.

Values are copied from the TVmaze streaming schedule of 2020-12-25, the 2021 Netflix
catalog and the Netflix Top 10, with a few strings made hostile on purpose (markup, pipes).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.model import (
    CreditRecord,
    EpisodeRecord,
    InterestRecord,
    PlatformLink,
    PlatformRef,
    Report,
    SeasonRecord,
    ShowBundle,
    ShowRecordData,
    SourceRef,
    StatusRecord,
)
from nextseason.report.build import build_report

TODAY = date(2022, 5, 1)
NETFLIX = PlatformRef("Netflix", "streaming")
TVMAZE = SourceRef(
    "tvmaze",
    "https://www.tvmaze.com/shows/42966/bridgerton",
    datetime(2021, 1, 5, tzinfo=UTC),
    "CC BY-SA 4.0",
)
NETFLIX_2021 = SourceRef(
    "netflix_catalog_2021",
    "https://www.kaggle.com/datasets/shivamb/netflix-shows",
    datetime(2021, 9, 25, tzinfo=UTC),
    "CC0 1.0",
)
TOP10 = SourceRef(
    "netflix_top10",
    "https://www.netflix.com/tudum/top10",
    datetime(2022, 4, 20, tzinfo=UTC),
    "published by Netflix",
)

#: Where a summary tries to smuggle markup in. TVmaze gives HTML; its *escaped* tags survive
#: tag stripping as literal text, which is exactly what the renderers must escape again.
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PIPE_TITLE = "After the Rain | Part 2"

EPISODES = [
    (
        "Diamond of the First Water",
        58,
        "<p>Daphne debuts on London's marriage market as a new gossip sheet sets high society "
        "atwitter and Simon, the eligible Duke of Hastings, returns to town.</p>"
        "<p><br />\u00a0</p>",
    ),
    (
        "Shock and Delight",
        62,
        "<p>Simon's apparent courtship of Daphne angers her brother Anthony and threatens to "
        "ruin the arrangements he made. Marina opens up to a curious Penelope.</p>",
    ),
    (
        "Art of the Swoon",
        57,
        "<p>After Daphne catches the eye of a royal suitor, she turns to Simon for relationship "
        "advice. Lady Featherington tries to browbeat Marina into marriage.</p>",
    ),
    (
        "An Affair of Honor",
        61,
        "<p>Daphne receives a stunning gift from Prince Friedrich but soon courts scandal at a "
        "ball. Eloise searches for clues to Lady Whistledown's identity.</p>",
    ),
    (
        "The Duke and I",
        61,
        "<p>To fend off rumors about their garden escapade, Simon and Daphne must make a "
        "personal appeal to the queen. Marina's wedlock scheme dismays Penelope.</p>",
    ),
    (
        "Swish",
        57,
        "<p>On her honeymoon, Daphne discovers just how uninformed she is about the physical "
        "aspects of the marital bed. Colin comes to a decision about Marina.</p>",
    ),
    (
        "Oceans Apart",
        61,
        "<p>Amid accusations of lies and betrayal, a rift forms between the newlyweds, while a "
        "deception of another kind could besmirch the Bridgerton family name | *really*.</p>",
    ),
    (
        PIPE_TITLE,
        73,
        "<p>The duke and duchess's season-ending ball signals a turning point for their "
        "marriage \u2014 and ushers in changes of fortune and fate to those around them. "
        "&lt;script&gt;alert(1)&lt;/script&gt; Who is Lady Whistledown?</p>",
    ),
]


def bridgerton() -> ShowBundle:
    return ShowBundle(
        title="Bridgerton",
        src=TVMAZE,
        year=2020,
        kind="Scripted",
        language="English",
        premiered=date(2020, 12, 25),
        status="Running",
        summary=(
            "<p>Based on Julia Quinn's best-selling series of novels, <b>Bridgerton</b> is set "
            "in the sexy, lavish and competitive world of Regency London high society.</p>"
        ),
        genres=["Drama", "Romance"],
        runtime=62,
        platform=NETFLIX,
        external_ids={"imdb": "tt8740790", "thetvdb": "366668", "tvmaze": "42966"},
        records=[
            ShowRecordData(
                "netflix_catalog_2021",
                "s1493",
                "Bridgerton",
                2020,
                {
                    "seasons": 1,
                    "release_year": 2020,
                    "listed_in": "Romantic TV Shows, TV Dramas",
                    "description": (
                        "The eight close-knit siblings of the Bridgerton family look for love "
                        "and happiness in London high society. Inspired by Julia Quinn's "
                        f"bestselling novels. {IMG}"
                    ),
                },
                NETFLIX_2021,
            )
        ],
        platforms=[PlatformLink(NETFLIX, "web", TVMAZE)],
        seasons=[SeasonRecord(1, TVMAZE, 8, date(2020, 12, 25), date(2020, 12, 25))],
        episodes=[
            EpisodeRecord(
                1,
                n,
                TVMAZE,
                title=title,
                airdate=date(2020, 12, 25),
                runtime=runtime,
                summary=summary,
                source_id=str(2298221 + n),
            )
            for n, (title, runtime, summary) in enumerate(EPISODES, start=1)
        ],
        credits=[
            CreditRecord("Phoebe Dynevor", "cast", TVMAZE, "Daphne Bridgerton", position=0),
            CreditRecord("Regé-Jean Page", "cast", TVMAZE, "Simon Basset", position=1),
            CreditRecord("Jonathan Bailey", "cast", TVMAZE, "Anthony Bridgerton", position=2),
            CreditRecord("Julie Andrews", "cast", TVMAZE, f"Lady Whistledown | {IMG}", position=3),
            CreditRecord("Chris Van Dusen", "crew", TVMAZE, "Creator"),
            CreditRecord("Shonda Rhimes", "crew", TVMAZE, "Executive Producer"),
        ],
        interest=[
            InterestRecord("netflix_top10", "weekly_hours_viewed", "week", day, hours, TOP10, 1)
            for day, hours in (
                (date(2022, 3, 27), 32_280_000.0),
                (date(2022, 4, 3), 53_020_000.0),
                (date(2022, 4, 10), 35_760_000.0),
                (date(2022, 4, 17), 23_300_000.0),
            )
        ],
        statuses=[StatusRecord("tvmaze", "Running", datetime(2021, 1, 5, tzinfo=UTC), TVMAZE)],
    )


def the_queens_gambit() -> ShowBundle:
    """A second show with no credits, interest or episodes: its sections must say why."""
    src = SourceRef(
        "netflix_catalog_2021",
        "https://www.kaggle.com/datasets/shivamb/netflix-shows",
        datetime(2021, 9, 25, tzinfo=UTC),
        "CC0 1.0",
    )
    return ShowBundle(
        title="The Queen's Gambit",
        src=src,
        year=2020,
        platform=NETFLIX,
        records=[
            ShowRecordData(
                "netflix_catalog_2021",
                "s2411",
                "The Queen's Gambit",
                2020,
                {
                    "seasons": 1,
                    "release_year": 2020,
                    "listed_in": "TV Dramas",
                    "description": (
                        "In a 1950s orphanage, a young girl reveals an astonishing talent for "
                        "chess and begins an unlikely journey to stardom."
                    ),
                },
                src,
            )
        ],
    )


def queen_charlotte() -> ShowBundle:
    """The show a Bridgerton fan is pointed to: its prequel, as TVmaze lists it."""
    src = SourceRef(
        "tvmaze",
        "https://www.tvmaze.com/shows/60796/queen-charlotte-a-bridgerton-story",
        datetime(2023, 5, 10, tzinfo=UTC),
        "CC BY-SA 4.0",
    )
    return ShowBundle(
        title="Queen Charlotte: A Bridgerton Story",
        src=src,
        year=2023,
        kind="Scripted",
        language="English",
        premiered=date(2023, 5, 4),
        status="Ended",
        summary=(
            "<p>Young Queen Charlotte's marriage to King George sparks both a great love story "
            "and a societal shift, creating the world of Regency London high society "
            "inherited by the characters of <i>Bridgerton</i>.</p>"
        ),
        genres=["Drama", "Romance", "History"],
        runtime=60,
        platform=NETFLIX,
        external_ids={"tvmaze": "60796"},
        platforms=[PlatformLink(NETFLIX, "web", src)],
        credits=[
            CreditRecord("India Amarteifio", "cast", src, "Young Queen Charlotte", position=0),
            CreditRecord("Shonda Rhimes", "crew", src, "Creator"),
        ],
        statuses=[StatusRecord("tvmaze", "Ended", datetime(2023, 5, 10, tzinfo=UTC), src)],
    )


def make_catalog(path: Path) -> Catalog:
    """A catalog file holding Bridgerton, its prequel and The Queen's Gambit."""
    cat = Catalog.open(f"sqlite:///{path}/c.sqlite", seed=False)
    cat.store([bridgerton(), the_queens_gambit(), queen_charlotte()])
    return cat


@pytest.fixture
def catalog(tmp_path: Path) -> Iterator[Catalog]:
    with make_catalog(tmp_path) as cat:
        yield cat


def show_id(catalog: Catalog, title: str) -> int:
    entry, _ = catalog.find(title)
    return entry.id


@pytest.fixture
def report(catalog: Catalog) -> Report:
    return build_report(catalog, show_id(catalog, "Bridgerton"), today=TODAY)


@pytest.fixture
def sparse_report(catalog: Catalog) -> Report:
    return build_report(catalog, show_id(catalog, "The Queen's Gambit"), today=TODAY)


@pytest.fixture
def catalog_report_years_later(catalog: Catalog) -> Report:
    """The same report read in 2025: its 2021 sources are more than a year old."""
    return build_report(catalog, show_id(catalog, "Bridgerton"), today=date(2025, 1, 1))
