"""Shows for the outlook tests, in a catalog of their own, and the labelled files of raw/.

The shows are built like TVmaze's records of December 2020 (a status, a platform, a season
of dated episodes); each stands for one case the outlook must get right.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.model import (
    EpisodeRecord,
    PlatformLink,
    PlatformRef,
    ShowBundle,
    ShowRecordData,
    SourceRef,
    StatusRecord,
)
from nextseason.outlook.labels import Labels, read_labels

RAW = Path(__file__).resolve().parents[2] / "raw"
#: The day after the readings below were taken: fresh, so not "stale".
SOON = date(2021, 1, 15)
READ = datetime(2020, 12, 31, 12, 0)


def tvmaze(key: str, read: datetime = READ) -> SourceRef:
    return SourceRef("tvmaze", f"https://api.tvmaze.com/shows/{key}", read, "CC BY-SA 4.0")


def bundle(
    title: str,
    key: str,
    *,
    platform: str | None,
    kind: str = "streaming",
    status: str = "To Be Determined",
    seasons: int = 1,
    episodes: int = 10,
    aired: date = date(2020, 12, 1),
    genres: tuple[str, ...] = ("Drama", "Crime"),
    runtime: int | None = 50,
    premiered: date | None = None,
    show_kind: str | None = "Scripted",
    language: str | None = "English",
    read: datetime = READ,
) -> ShowBundle:
    """A show the way TVmaze describes it: status, platform, and its seasons' episodes
    (season s, episode n airs ``aired`` + 7 days per episode + a year per season)."""
    src = tvmaze(key, read)
    plat = (
        PlatformRef(platform, "streaming" if kind == "streaming" else "network")
        if platform
        else None
    )
    eps = [
        EpisodeRecord(
            s,
            n,
            src,
            title=f"Episode {n}",
            airdate=aired.replace(year=aired.year + s - 1) + timedelta(days=7 * (n - 1)),
            runtime=runtime,
            source_id=f"{key}-{s}-{n}",
        )
        for s in range(1, seasons + 1)
        for n in range(1, episodes + 1)
    ]
    return ShowBundle(
        title=title,
        src=src,
        year=(premiered or aired).year if premiered or show_kind else None,
        status=status,
        kind=show_kind,
        language=language,
        premiered=premiered if premiered else (aired if show_kind else None),
        genres=list(genres),
        runtime=runtime,
        platform=plat,
        external_ids={"tvmaze": key},
        records=[ShowRecordData("tvmaze", key, title, aired.year, {"status": status}, src)],
        platforms=[PlatformLink(plat, "web" if kind == "streaming" else "network", src)]
        if plat
        else [],
        episodes=eps,
        statuses=[StatusRecord("tvmaze", status, read, src)],
    )


SHOWS = {
    # A cable drama waiting for its second season, everything known.
    "waiting": bundle("Harbor Lights", "9001", platform="FX", kind="network"),
    # The same on a streaming service the labelled files never name.
    "unseen platform": bundle("Pixel Street", "9002", platform="Tiny Stream Co"),
    # No platform at all.
    "no platform": bundle("Nowhere Man", "9003", platform=None),
    # A show from 1985: an era the labels do not reach.
    "old era": bundle(
        "Moonlighting Again", "9004", platform="ABC", kind="network", aired=date(1985, 3, 1)
    ),
    # Only the platform and a single episode are known.
    "bare": bundle(
        "Untitled Project",
        "9005",
        platform="Netflix",
        episodes=1,
        genres=(),
        runtime=None,
        show_kind=None,
    ),
    # Ended after two seasons: TVmaze says so, and no odds are to be shown.
    "ended": bundle(
        "Closing Time", "9006", platform="HBO", kind="network", status="Ended", seasons=2
    ),
    # Season 2 aired: renewed.
    "renewed": bundle("Second Wind", "9007", platform="Hulu", seasons=2, status="Running"),
    # Still undecided 14 months after its last episode (the reading is from 2022).
    "long wait": bundle(
        "Quiet Harbor", "9008", platform="Netflix", read=datetime(2022, 2, 20, 12, 0)
    ),
}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalog]:
    path = tmp_path_factory.mktemp("outlook") / "catalog.sqlite"
    with Catalog.open(f"sqlite:///{path}", seed=False) as cat:
        # store() writes the catalog ids into the bundles: give it copies.
        cat.store(copy.deepcopy(list(SHOWS.values())))
        yield cat


@pytest.fixture(scope="module")
def ids(catalog: Catalog) -> dict[str, int]:
    return {case: catalog.find(show.title)[0].id for case, show in SHOWS.items()}


@pytest.fixture(scope="session")
def labels() -> Labels:
    return read_labels(RAW)
