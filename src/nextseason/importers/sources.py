"""The sources of the bundled catalog: keys, public URLs, licences, and how much each is trusted.

``rank`` orders sources when they disagree about a show field (title, summary, year...):
the lowest rank that has a value wins. TVmaze is the reference; the streaming catalogs come
next, the charts last (they know little beyond a title).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from nextseason.model import SourceRef

__all__ = [
    "DISNEY_PLUS_2021",
    "HULU_2021",
    "NETFLIX_2021",
    "NETFLIX_2022",
    "NETFLIX_ENGAGEMENT",
    "NETFLIX_TOP10",
    "PRIME_VIDEO_2021",
    "REDDIT",
    "SOURCES",
    "TVMAZE",
    "TVMAZE_INDEX",
    "SourceSpec",
    "rank",
    "source_ref",
]

TVMAZE = "tvmaze"
TVMAZE_INDEX = "tvmaze_index"
NETFLIX_2022 = "netflix_catalog_2022"
NETFLIX_2021 = "netflix_catalog_2021"
HULU_2021 = "hulu_catalog_2021"
PRIME_VIDEO_2021 = "prime_video_catalog_2021"
DISNEY_PLUS_2021 = "disney_plus_catalog_2021"
NETFLIX_TOP10 = "netflix_top10"
NETFLIX_ENGAGEMENT = "netflix_engagement"
REDDIT = "reddit_rtelevision"

_KAGGLE_CC0 = "CC0 1.0 as listed on Kaggle"
_NETFLIX = "published by Netflix; credit Netflix"


@dataclass(frozen=True, slots=True)
class SourceSpec:
    key: str
    name: str
    url: str
    licence: str
    rank: int


SOURCES: dict[str, SourceSpec] = {
    spec.key: spec
    for spec in (
        SourceSpec(
            TVMAZE, "TVmaze web schedule", "https://api.tvmaze.com/schedule/web", "CC BY-SA 4.0", 0
        ),
        SourceSpec(
            TVMAZE_INDEX, "TVmaze show index", "https://api.tvmaze.com/shows", "CC BY-SA 4.0", 1
        ),
        SourceSpec(
            NETFLIX_2022,
            "Netflix TV Shows and Movies (Kaggle, victorsoeiro, 2022)",
            "https://www.kaggle.com/datasets/victorsoeiro/netflix-tv-shows-and-movies",
            "CC0 1.0 as listed on Kaggle (not verified)",
            2,
        ),
        SourceSpec(
            NETFLIX_2021,
            "Netflix Movies and TV Shows (Kaggle, Shivam Bansal, 2021)",
            "https://www.kaggle.com/datasets/shivamb/netflix-shows",
            _KAGGLE_CC0,
            3,
        ),
        SourceSpec(
            HULU_2021,
            "Hulu Movies and TV Shows (Kaggle, Shivam Bansal, 2021)",
            "https://www.kaggle.com/datasets/shivamb/hulu-movies-and-tv-shows",
            _KAGGLE_CC0,
            4,
        ),
        SourceSpec(
            PRIME_VIDEO_2021,
            "Amazon Prime Movies and TV Shows (Kaggle, Shivam Bansal, 2021)",
            "https://www.kaggle.com/datasets/shivamb/amazon-prime-movies-and-tv-shows",
            _KAGGLE_CC0,
            5,
        ),
        SourceSpec(
            DISNEY_PLUS_2021,
            "Disney+ Movies and TV Shows (Kaggle, Shivam Bansal, 2021)",
            "https://www.kaggle.com/datasets/shivamb/disney-movies-and-tv-shows",
            _KAGGLE_CC0,
            6,
        ),
        SourceSpec(
            NETFLIX_TOP10,
            "Netflix Top 10 (weekly, global)",
            "https://www.netflix.com/tudum/top10",
            _NETFLIX,
            7,
        ),
        SourceSpec(
            NETFLIX_ENGAGEMENT,
            'Netflix engagement reports ("What We Watched"), 2023',
            "https://about.netflix.com/en/news/what-we-watched-a-netflix-engagement-report",
            _NETFLIX,
            8,
        ),
        SourceSpec(
            REDDIT,
            'r/television weekly "What are you watching" threads (mention counts)',
            "https://github.com/GrubHubGitTub/r-television-Weekly-Thread-Data",
            "Reddit user content, counted by GrubHubGitTub/r-television-Weekly-Thread-Data "
            "(no licence stated)",
            9,
        ),
    )
}


def rank(source: str) -> int:
    """How much a source is trusted for show fields (lower wins); unknown sources last."""
    spec = SOURCES.get(source)
    return spec.rank if spec else len(SOURCES)


def source_ref(
    key: str, retrieved_at: datetime, *, url: str | None = None, note: str | None = None
) -> SourceRef:
    """The SourceRef of one raw file of source ``key`` (``url`` overrides the source's)."""
    spec = SOURCES[key]
    return SourceRef(key, url or spec.url, retrieved_at, spec.licence, note)
