"""The registry of live sources: the one list a refresh walks, in the order it asks them.

The first is the spine (TVmaze: no key, every show); its answer is the show, and the others
add to it. A new source is a module with one :class:`~nextseason.sources.base.LiveSource`
object and one line here. Everything else is derived from this list: the refresh's loop,
the CLI's ``--sources`` choices, the HTTP client's per-source policies, the
``NEXTSEASON_*_URL`` settings, the README's settings table, and the source's name wherever
its facts show (:func:`nextseason.sources.names.source_info`).
"""

from __future__ import annotations

from nextseason.config import SETTINGS, Setting
from nextseason.sources import pageviews, reddit, tmdb, trends, tvmaze, wikidata, wikipedia
from nextseason.sources.base import LiveSource, SourcePolicy
from nextseason.sources.names import source_info  # who a source is, live or a published file

__all__ = [
    "LIVE_SOURCES",
    "POLICIES",
    "SOURCE_KEYS",
    "SPINE",
    "all_settings",
    "live_source",
    "source_info",
    "url_settings",
]

LIVE_SOURCES: tuple[LiveSource, ...] = (
    tvmaze.LIVE,
    tmdb.LIVE,
    wikidata.LIVE,
    pageviews.LIVE,  # after wikidata, which names the articles
    wikipedia.LIVE,  # after wikidata, which names the article
    trends.LIVE,
    reddit.LIVE,
)

#: The source whose answer is the show; the others add to it.
SPINE = tvmaze.LIVE
SOURCE_KEYS: tuple[str, ...] = tuple(s.key for s in LIVE_SOURCES)
POLICIES: dict[str, SourcePolicy] = {s.key: s.policy for s in LIVE_SOURCES}


def live_source(key: str) -> LiveSource:
    """The live source with this key (KeyError for an unknown one)."""
    for source in LIVE_SOURCES:
        if source.key == key:
            return source
    raise KeyError(key)


def url_settings() -> tuple[Setting, ...]:
    """Each live source's base URL setting (for mirrors and tests), declared by its policy."""
    return tuple(
        Setting(
            s.policy.url_env.removeprefix("NEXTSEASON_").lower(),
            s.policy.url_env,
            f"Base URL of {s.info.name} (for mirrors and tests).",
            s.policy.base_url,
        )
        for s in LIVE_SOURCES
    )


def all_settings() -> tuple[Setting, ...]:
    """Every setting: the core ones, then the live sources' URLs (the README's table)."""
    return (*SETTINGS, *url_settings())
