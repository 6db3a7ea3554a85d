"""Data sources: who they are, how to credit them, and the interface live sources implement.

Every source has a stable key (stored with each fact's provenance) and an entry in
:data:`SOURCES` with its display name, home page and the credit its licence asks for.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SOURCES", "SourceInfo", "source_info"]


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
