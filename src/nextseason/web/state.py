"""What one app instance holds: settings, its catalog, limits, caches. No global state.

Everything lives on ``app.state.web`` (a :class:`WebState`), so two apps in one process
(tests do this) never share a catalog, a rate limit or a cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from starlette.requests import Request

from nextseason.app import judging
from nextseason.catalog import Catalog
from nextseason.catalog.search import MatchModes, SearchHit
from nextseason.catalog.tokens import TokenVerifier
from nextseason.catalog.versions import VersionCache
from nextseason.config import Settings
from nextseason.errors import UsageError
from nextseason.model import Report
from nextseason.sources.names import source_info
from nextseason.web.cache import LruCache
from nextseason.web.ratelimit import RateLimiter

__all__ = ["RankedMatches", "WebLimits", "WebState", "web_state"]


@dataclass(frozen=True)
class RankedMatches:
    """Every match of a search, best first, with each one's rank (ascending), and the modes
    they were chosen by: what the pages of one search share."""

    ranks: list[tuple[int, ...]]
    hits: list[SearchHit]
    modes: MatchModes


@dataclass(frozen=True)
class WebLimits:
    """Rate and size limits; the defaults suit one person or a small team."""

    #: Tokens a client's bucket refills per second, and holds at most.
    rate: float = 2.0
    burst: float = 60.0
    #: What each expensive operation costs from the bucket.
    search_cost: float = 1.0
    report_cost: float = 2.0  # only when a report is built, not when it comes from the cache
    factcheck_cost: float = 5.0
    refresh_cost: float = 10.0
    #: Request bodies: fact-check articles, and everything else (forms, watchlist JSON).
    factcheck_bytes: int = 512 * 1024
    body_bytes: int = 16 * 1024
    #: Rendered responses (how many, and how many bytes) and built reports kept in memory.
    cached_bodies: int = 4096
    cached_body_bytes: int = 64 * 1024 * 1024
    cached_reports: int = 64
    #: Searches being paged through: every match, ranked, kept until the titles change.
    cached_searches: int = 16


def _today(settings: Settings) -> date | None:
    if not settings.today:
        return None
    try:
        return date.fromisoformat(settings.today)
    except ValueError:
        raise UsageError(f"NEXTSEASON_TODAY must be YYYY-MM-DD, got {settings.today!r}") from None


@dataclass
class WebState:
    settings: Settings
    limits: WebLimits
    catalog: Catalog | None = None
    owns_catalog: bool = False
    limiter: RateLimiter = field(init=False)
    bodies: LruCache[bytes] = field(init=False)
    reports: LruCache[Report] = field(init=False)
    searches: LruCache[RankedMatches] = field(init=False)
    fixed_today: date | None = field(init=False)
    _tokens: TokenVerifier | None = field(init=False, default=None)
    _versions: VersionCache | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(rate=self.limits.rate, burst=self.limits.burst)
        self.bodies = LruCache(
            self.limits.cached_bodies, max_weight=self.limits.cached_body_bytes, weigh=len
        )
        self.reports = LruCache(self.limits.cached_reports)
        self.searches = LruCache(self.limits.cached_searches)
        self.fixed_today = _today(self.settings)
        if self.catalog is not None:  # a catalog the caller opened: name live sources too
            self.catalog.source_info = source_info
            self.catalog.judging = self.catalog.judging or judging(self.today)

    def today(self) -> date:
        return self.fixed_today or date.today()

    def open_catalog(self) -> Catalog:
        if self.catalog is None:
            self.catalog = Catalog.open(
                self.settings.db_url,
                timeout=self.settings.db_timeout,
                create_folder=self._is_default_db(),
                source_info=source_info,
                judging=judging(self.today),
            )
            self.owns_catalog = True
        return self.catalog

    def _is_default_db(self) -> bool:
        from nextseason.config import default_db_url

        return self.settings.db_url == default_db_url()

    @property
    def versions(self) -> VersionCache:
        if self._versions is None:
            self._versions = VersionCache(self.open_catalog().url)
        return self._versions

    @property
    def tokens(self) -> TokenVerifier:
        if self._tokens is None:
            self._tokens = TokenVerifier(self.open_catalog())
        return self._tokens

    def close(self) -> None:
        if self._versions is not None:
            self._versions.close()
            self._versions = None
        if self.catalog is not None and self.owns_catalog:
            self.catalog.close()
            self.catalog = None


def web_state(request: Request) -> WebState:
    state = request.app.state.web
    assert isinstance(state, WebState)
    return state
