"""Provenance: who each source is, how to credit it, and how much the bundled build trusts it.

Every fact carries a source key (stored with its provenance). :data:`SOURCES` gives each key
its display name, home page and the credit its licence asks for; reports, the catalog's
candidate lists and the fact-checker's citations read it. :data:`FILE_SOURCES` describes the
published files the bundled catalog is built from: their public URL, licence, and ``rank``,
which orders sources when they disagree about a show field (title, summary, year...): the
lowest rank that has a value wins. TVmaze and TMDB are the reference (they describe the show
as made: its original channel, its premiere); the Netflix 2022 file and OMDb come next (IMDb
ids and years), then the 2021 streaming catalogs (what a service listed), the renewal files,
the TVmaze show index (a name and the network TVmaze lists), and the charts last (they know
little beyond a title).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from nextseason.model import SourceRef

__all__ = [
    "DISNEY_PLUS_2021",
    "FILE_SOURCES",
    "HULU_2021",
    "METACRITIC",
    "NETFLIX_2021",
    "NETFLIX_2022",
    "NETFLIX_ENGAGEMENT",
    "NETFLIX_TOP10",
    "OMDB",
    "PRIME_VIDEO_2021",
    "REDDIT",
    "SOURCES",
    "TMDB_2025",
    "TVMAZE",
    "TVMAZE_INDEX",
    "TV_RATINGS",
    "SourceInfo",
    "SourceSpec",
    "rank",
    "source_info",
    "source_ref",
]


@dataclass(frozen=True)
class SourceInfo:
    key: str
    name: str
    homepage: str
    credit: str
    short: str = ""  # a few words for tables and candidate lists

    @property
    def label(self) -> str:
        return self.short or self.name


SOURCES: dict[str, SourceInfo] = {
    info.key: info
    for info in (
        SourceInfo(
            "tvmaze",
            "TVmaze",
            "https://www.tvmaze.com/api",
            "Data from TVmaze, licensed CC BY-SA 4.0",
            "TVmaze",
        ),
        SourceInfo(
            "tvmaze_index",
            "TVmaze show index",
            "https://www.tvmaze.com/api",
            "Data from TVmaze, licensed CC BY-SA 4.0",
            "TVmaze index",
        ),
        SourceInfo(
            "netflix_catalog_2021",
            "Netflix catalog 2021 (Kaggle, Shivam Bansal)",
            "https://www.kaggle.com/datasets/shivamb/netflix-shows",
            "Netflix Movies and TV Shows by Shivam Bansal, CC0 1.0 as listed on Kaggle",
            "Netflix 2021",
        ),
        SourceInfo(
            "netflix_catalog_2022",
            "Netflix catalog 2022 (Kaggle, Victor Soeiro)",
            "https://www.kaggle.com/datasets/victorsoeiro/netflix-tv-shows-and-movies",
            "Netflix TV Shows and Movies by Victor Soeiro, CC0 1.0 as listed on Kaggle",
            "Netflix 2022",
        ),
        SourceInfo(
            "hulu_catalog_2021",
            "Hulu catalog 2021 (Kaggle, Shivam Bansal)",
            "https://www.kaggle.com/datasets/shivamb/hulu-movies-and-tv-shows",
            "Hulu Movies and TV Shows by Shivam Bansal, CC0 1.0 as listed on Kaggle",
            "Hulu 2021",
        ),
        SourceInfo(
            "prime_video_catalog_2021",
            "Prime Video catalog 2021 (Kaggle, Shivam Bansal)",
            "https://www.kaggle.com/datasets/shivamb/amazon-prime-movies-and-tv-shows",
            "Amazon Prime Movies and TV Shows by Shivam Bansal, CC0 1.0 as listed on Kaggle",
            "Prime Video 2021",
        ),
        SourceInfo(
            "disney_plus_catalog_2021",
            "Disney+ catalog 2021 (Kaggle, Shivam Bansal)",
            "https://www.kaggle.com/datasets/shivamb/disney-movies-and-tv-shows",
            "Disney+ Movies and TV Shows by Shivam Bansal, CC0 1.0 as listed on Kaggle",
            "Disney+ 2021",
        ),
        SourceInfo(
            "netflix_top10",
            "Netflix Top 10",
            "https://www.netflix.com/tudum/top10",
            "Netflix Top 10 weekly global lists, published by Netflix",
            "Netflix Top 10",
        ),
        SourceInfo(
            "netflix_engagement",
            "Netflix engagement report",
            "https://about.netflix.com/en/news/what-we-watched-a-netflix-engagement-report",
            "What We Watched: Netflix engagement reports, published by Netflix",
            "Netflix engagement",
        ),
        SourceInfo(
            "tmdb",
            "TMDB",
            "https://www.themoviedb.org/",
            "This product uses the TMDB API but is not endorsed or certified by TMDB",
            "TMDB",
        ),
        SourceInfo(
            "tmdb_watch_providers",
            "TMDB watch providers (JustWatch)",
            "https://www.justwatch.com/",
            "Where-to-watch data by JustWatch, via the TMDB API",
            "JustWatch",
        ),
        SourceInfo(
            "wikidata",
            "Wikidata",
            "https://www.wikidata.org/",
            "Data from Wikidata, CC0 1.0",
            "Wikidata",
        ),
        SourceInfo(
            "wikipedia",
            "Wikipedia",
            "https://en.wikipedia.org/",
            "Text from English Wikipedia articles, licensed CC BY-SA 4.0",
            "Wikipedia article",
        ),
        SourceInfo(
            "wikipedia_pageviews",
            "Wikipedia pageviews",
            "https://wikimedia.org/api/rest_v1/",
            "Pageview data from the Wikimedia REST API, CC0 1.0",
            "Wikipedia",
        ),
        SourceInfo(
            "google_trends",
            "Google Trends",
            "https://trends.google.com/",
            "Search interest from Google Trends (unofficial, best-effort)",
            "Google Trends",
        ),
        SourceInfo(
            "reddit",
            "Reddit",
            "https://www.reddit.com/",
            "Posts and comments from Reddit's public search",
            "Reddit",
        ),
        SourceInfo(
            "omdb_series",
            "OMDb (IMDb data), series 1995-2017",
            "https://www.omdbapi.com/",
            "Series data from OMDb, drawn from IMDb",
            "OMDb",
        ),
        SourceInfo(
            "tmdb_2025",
            "TMDB (cached 2025)",
            "https://www.themoviedb.org/",
            "This product uses the TMDB API but is not endorsed or certified by TMDB",
            "TMDB 2025",
        ),
        SourceInfo(
            "metacritic_scorecard",
            "Metacritic TV renewal scorecards",
            "https://www.metacritic.com/feature/tv-renewal-scorecard",
            "Renewal and cancellation statuses from Metacritic's TV renewal scorecards",
            "Metacritic scorecard",
        ),
        SourceInfo(
            "tv_ratings_predictions",
            "TV Ratings Predictions",
            "https://github.com/morphinapg/TVPredictions",
            "Nielsen ratings and renewal statuses collected by the TV Ratings Predictions app",
            "TV Ratings Predictions",
        ),
        SourceInfo(
            "reddit_rtelevision",
            "r/television weekly threads",
            "https://www.reddit.com/r/television/",
            "Mention counts from r/television's weekly discussion threads (Reddit)",
            "r/television",
        ),
    )
}


def source_info(key: str) -> SourceInfo:
    """The registry entry for a source key; unknown keys get a plain entry, not an error."""
    return SOURCES.get(key) or SourceInfo(key, key, "", key)


# -- the bundled build's files -------------------------------------------------------------
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
OMDB = "omdb_series"
TMDB_2025 = "tmdb_2025"
METACRITIC = "metacritic_scorecard"
TV_RATINGS = "tv_ratings_predictions"

_KAGGLE_CC0 = "CC0 1.0 as listed on Kaggle"
_NETFLIX = "published by Netflix; credit Netflix"


@dataclass(frozen=True, slots=True)
class SourceSpec:
    key: str
    name: str
    url: str
    licence: str
    rank: int


FILE_SOURCES: dict[str, SourceSpec] = {
    spec.key: spec
    for spec in (
        SourceSpec(
            TVMAZE, "TVmaze web schedule", "https://api.tvmaze.com/schedule/web", "CC BY-SA 4.0", 0
        ),
        SourceSpec(
            TMDB_2025,
            "TMDB (show and season details, cached 2025)",
            "https://developer.themoviedb.org/reference/tv-series-details",
            "TMDB API terms of use (attribution; not an open licence)",
            1,
        ),
        SourceSpec(
            NETFLIX_2022,
            "Netflix TV Shows and Movies (Kaggle, victorsoeiro, 2022)",
            "https://www.kaggle.com/datasets/victorsoeiro/netflix-tv-shows-and-movies",
            "CC0 1.0 as listed on Kaggle (not verified)",
            2,
        ),
        SourceSpec(
            OMDB,
            "OMDb (IMDb data), series first aired 1995-2017",
            "https://www.omdbapi.com/",
            "OMDb and IMDb terms (no open licence stated); credit OMDb and IMDb",
            3,
        ),
        SourceSpec(
            NETFLIX_2021,
            "Netflix Movies and TV Shows (Kaggle, Shivam Bansal, 2021)",
            "https://www.kaggle.com/datasets/shivamb/netflix-shows",
            _KAGGLE_CC0,
            4,
        ),
        SourceSpec(
            HULU_2021,
            "Hulu Movies and TV Shows (Kaggle, Shivam Bansal, 2021)",
            "https://www.kaggle.com/datasets/shivamb/hulu-movies-and-tv-shows",
            _KAGGLE_CC0,
            5,
        ),
        SourceSpec(
            PRIME_VIDEO_2021,
            "Amazon Prime Movies and TV Shows (Kaggle, Shivam Bansal, 2021)",
            "https://www.kaggle.com/datasets/shivamb/amazon-prime-movies-and-tv-shows",
            _KAGGLE_CC0,
            6,
        ),
        SourceSpec(
            DISNEY_PLUS_2021,
            "Disney+ Movies and TV Shows (Kaggle, Shivam Bansal, 2021)",
            "https://www.kaggle.com/datasets/shivamb/disney-movies-and-tv-shows",
            _KAGGLE_CC0,
            7,
        ),
        SourceSpec(
            METACRITIC,
            "Metacritic TV renewal scorecards, 2013-2020",
            "https://www.metacritic.com/feature/tv-renewal-scorecard",
            "Metacritic's editorial text (no open licence); credit Metacritic",
            8,
        ),
        SourceSpec(
            TV_RATINGS,
            "TV Ratings Predictions (Nielsen ratings and renewal statuses, 2014-2023)",
            "https://github.com/morphinapg/TVPredictions",
            "Nielsen figures as collected by the TV Ratings Predictions app (no licence "
            "stated); credit Nielsen and TV Ratings Predictions",
            9,
        ),
        SourceSpec(
            TVMAZE_INDEX, "TVmaze show index", "https://api.tvmaze.com/shows", "CC BY-SA 4.0", 10
        ),
        SourceSpec(
            NETFLIX_TOP10,
            "Netflix Top 10 (weekly, global)",
            "https://www.netflix.com/tudum/top10",
            _NETFLIX,
            11,
        ),
        SourceSpec(
            NETFLIX_ENGAGEMENT,
            'Netflix engagement reports ("What We Watched"), 2023',
            "https://about.netflix.com/en/news/what-we-watched-a-netflix-engagement-report",
            _NETFLIX,
            12,
        ),
        SourceSpec(
            REDDIT,
            'r/television weekly "What are you watching" threads (mention counts)',
            "https://github.com/GrubHubGitTub/r-television-Weekly-Thread-Data",
            "Reddit user content, counted by GrubHubGitTub/r-television-Weekly-Thread-Data "
            "(no licence stated)",
            13,
        ),
    )
}


def rank(source: str) -> int:
    """How much a source is trusted for show fields (lower wins); unknown sources last."""
    spec = FILE_SOURCES.get(source)
    return spec.rank if spec else len(FILE_SOURCES)


def source_ref(
    key: str, retrieved_at: datetime, *, url: str | None = None, note: str | None = None
) -> SourceRef:
    """The SourceRef of one raw file of source ``key`` (``url`` overrides the source's)."""
    spec = FILE_SOURCES[key]
    return SourceRef(key, url or spec.url, retrieved_at, spec.licence, note)
