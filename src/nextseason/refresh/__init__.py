"""Refreshing the catalog from the live sources: above both the catalog and the sources.

:class:`~nextseason.refresh.refresher.Refresher` fetches one show from every source of the
registry and stores it; :mod:`~nextseason.refresh.workers` runs refreshes from the catalog's
queue, in one process or several. :func:`open_client` and :func:`refresher_for` are the one
place where both are built from the user's :class:`~nextseason.config.Settings`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nextseason.catalog import Catalog
    from nextseason.config import Settings
    from nextseason.refresh.refresher import Refresher
    from nextseason.sources.http import HttpClient, LimiterPool

__all__ = ["open_client", "refresher_for"]


def open_client(settings: Settings, *, limiters: LimiterPool | None = None) -> HttpClient:
    """The HTTP client of the live sources, as the settings configure it (offline too); a
    source URL setting that no live source declares is a usage error."""
    from nextseason.sources.http import HttpClient
    from nextseason.sources.registry import url_settings

    settings.check_source_urls(s.env for s in url_settings())
    return HttpClient(settings.http, limiters=limiters)


def refresher_for(
    catalog: Catalog,
    client: HttpClient,
    settings: Settings,
    *,
    today: date,
    sources: Iterable[str] | None = None,
) -> Refresher:
    """A refresher of ``catalog`` from the live sources, with the configured keys and
    countries; ``sources`` limits which are asked (the spine always is)."""
    from nextseason.refresh.refresher import ALL_SOURCES, Refresher
    from nextseason.sources.registry import SPINE

    chosen = ALL_SOURCES if sources is None else (*sources, SPINE.key)
    return Refresher(
        catalog,
        client,
        today=today,
        tmdb_key=settings.tmdb_key,
        reddit_credentials=settings.reddit_credentials,
        countries=settings.countries,
        sources=chosen,
    )
