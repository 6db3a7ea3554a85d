"""The JSON API's request and response bodies (documented in /openapi.json).

The report itself is :class:`nextseason.model.Report`, the same versioned schema that
``nextseason report --format json`` writes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from nextseason.model import InterestSection, ShowRef, SimilarEntry, StatusVerdict

__all__ = [
    "ChangeEntry",
    "ChangesResponse",
    "ConfirmedChange",
    "ErrorBody",
    "ErrorDetail",
    "FactcheckRequest",
    "HealthResponse",
    "InterestResponse",
    "RefreshResponse",
    "SearchResponse",
    "SearchResult",
    "ShowLinks",
    "ShowListItem",
    "ShowSummary",
    "ShowsPage",
    "SimilarResponse",
    "StatusHistoryEntry",
    "StatusHistoryResponse",
    "WatchRequest",
    "WatchResponse",
    "WatchedShow",
    "WatchlistResponse",
]

NEXT = "The URL of the next page (with its cursor); null on the last page."

#: The longest article the fact-checker takes, in characters (the body limit is in bytes).
FACTCHECK_MAX_CHARS = 200_000


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable error code, e.g. not_found, rate_limited.")
    message: str = Field(description="One line for a person to read.")
    hint: str | None = Field(default=None, description="The way out, when there is one.")
    candidates: list[dict[str, Any]] | None = Field(
        default=None, description="Shows the request may have meant (unknown or ambiguous)."
    )
    details: list[dict[str, str]] | None = Field(
        default=None, description="Each invalid parameter: where, and what is wrong."
    )


class ErrorBody(BaseModel):
    """Every error the API answers with has this shape."""

    error: ErrorDetail


class SearchResult(BaseModel):
    id: int = Field(description="The show's catalog id.")
    title: str = Field(description="The show's title.")
    year: int | None = Field(description="The year it premiered, if known.")
    platform: str | None = Field(description="The network or streaming service it is on.")
    status: str | None = Field(description="The status as TVmaze gives it, if it does.")
    verdict: str | None = Field(
        default=None,
        description="The verdict on the show's next season (renewed, cancelled, ended, "
        "running, awaiting decision, in development, unknown), as its page gives it.",
    )
    score: float = Field(description="Match score, 0 to 100.")
    exact: bool = Field(description="Whether the title is exactly what was typed.")
    known_from: list[str] = Field(description="The sources that list the show.")
    url: str = Field(description="The show in this API.")


class SearchResponse(BaseModel):
    query: str = Field(description="The title searched for.")
    results: list[SearchResult] = Field(description="This page of the matches, best first.")
    suggestions: list[SearchResult] = Field(
        default_factory=list,
        description="When nothing matches well enough: the closest titles (did you mean).",
    )
    total: int = Field(description="How many shows match, on every page.")
    next: str | None = Field(description=NEXT)


class ShowLinks(BaseModel):
    self: str = Field(description="This show in the API.")
    page: str = Field(description="The show's web page.")
    report: str = Field(description="The full report (JSON).")
    similar: str = Field(description="Shows like this one.")
    interest: str = Field(description="Audience interest and buzz series.")
    status_history: str = Field(description="Verdicts seen over time.")
    feed: str = Field(description="Atom feed of the show's confirmed changes.")


class ShowSummary(BaseModel):
    id: int = Field(description="The show's catalog id.")
    title: str = Field(description="The show's title.")
    year: int | None = Field(description="The year it premiered, if known.")
    kind: str | None = Field(description="Scripted, Animation, Reality, Documentary, ...")
    platform: str | None = Field(description="The network or streaming service it is on.")
    status: str | None = Field(description="The status the show's primary source gives.")
    premiered: date | None = Field(description="The first episode's air date.")
    ended: date | None = Field(description="The last episode's air date, once it has ended.")
    genres: list[str] = Field(description="Genres, as the sources give them.")
    runtime: int | None = Field(description="Minutes per episode.")
    language: str | None = Field(description="The original language.")
    country: str | None = Field(description="The country of its network or service.")
    summary: str = Field(description="Plain text (sources' markup removed).")
    official_site: str | None = Field(description="The official web site, if any.")
    external_ids: dict[str, str] = Field(description="Its ids in other databases, by source.")
    known_from: list[str] = Field(description="The sources that list the show.")
    seasons_known: int = Field(description="The highest season number any source gives.")
    next_season: StatusVerdict = Field(description="The verdict for the next season.")
    links: ShowLinks = Field(description="Where to find more about it.")


class SimilarResponse(BaseModel):
    show: ShowRef = Field(description="The show the others are like.")
    similar: list[SimilarEntry] = Field(description="The most similar shows first.")


class InterestResponse(BaseModel):
    show: ShowRef = Field(description="The show.")
    season: int = Field(description="The season the figures are about.")
    interest: InterestSection = Field(description="Audience interest (page views).")
    buzz: InterestSection = Field(description="Social buzz (posts and comments).")


class StatusHistoryEntry(BaseModel):
    season: int = Field(description="The season the verdict is about.")
    verdict: str = Field(description="renewed, cancelled, ended, running, ...")
    basis: str = Field(description="confirmed (a source says so) or inferred (a rule).")
    rule: str | None = Field(description="The rule an inferred verdict came from.")
    confidence: float = Field(description="0 to 1.")
    observed_at: datetime = Field(description="When a check computed it.")
    confirmed: bool = Field(description="Whether it became the show's verdict then.")


class ConfirmedChange(BaseModel):
    id: str = Field(description="A stable URN for the change (as in the Atom feeds).")
    kind: str = Field(description='"verdict", "season dated" or "new episodes".')
    title: str = Field(description="One line saying what changed.")
    summary: str = Field(description="The change in a few sentences.")
    detected_at: datetime = Field(description="When a check confirmed it.")


class StatusHistoryResponse(BaseModel):
    show: ShowRef = Field(description="The show.")
    current: StatusVerdict = Field(description="The verdict for the next season, as of today.")
    history: list[StatusHistoryEntry] = Field(
        description="This page of the verdicts the watchlist's checks computed, newest first."
    )
    changes: list[ConfirmedChange] = Field(
        description="The latest confirmed changes, newest first (all of them: "
        "/api/v1/changes?show_id=ID)."
    )
    total: int = Field(description="How many verdicts the history holds, on every page.")
    next: str | None = Field(description=NEXT)


class ChangeEntry(ConfirmedChange):
    show_id: int = Field(description="The show's catalog id.")
    show: str = Field(description="The show in this API.")


class ChangesResponse(BaseModel):
    changes: list[ChangeEntry] = Field(
        description="This page of the confirmed changes of watched shows, newest first."
    )
    total: int = Field(description="How many changes there are, on every page.")
    next: str | None = Field(description=NEXT)


class WatchedShow(BaseModel):
    id: int = Field(description="The show's catalog id.")
    title: str = Field(description="The show's title.")
    year: int | None = Field(description="The year it premiered, if known.")
    season: int | None = Field(description="The season its verdict is about.")
    verdict: str | None = Field(description="Its verdict as of the last check.")
    pending: str | None = Field(description="A new verdict seen once, awaiting confirmation.")
    added: datetime = Field(description="When it was put on the watchlist.")
    last_check: datetime | None = Field(description="When a check last looked at it.")


class WatchlistResponse(BaseModel):
    shows: list[WatchedShow] = Field(description="This page of the watched shows, by title.")
    total: int = Field(description="How many shows are watched.")
    next: str | None = Field(description=NEXT)


class ShowListItem(BaseModel):
    id: int = Field(description="The show's catalog id.")
    title: str = Field(description="The show's title.")
    year: int | None = Field(description="The year it premiered, if known.")
    kind: str | None = Field(description="Scripted, Animation, Reality, Documentary, ...")
    language: str | None = Field(description="The original language.")
    platform: str | None = Field(description="The network or streaming service it is on.")
    status: str | None = Field(description="The status the show's primary source gives.")
    verdict: str = Field(description="The verdict on its next season, as of today.")
    url: str = Field(description="The show in this API.")


class ShowsPage(BaseModel):
    shows: list[ShowListItem] = Field(description="This page of the shows, by id.")
    total: int | None = Field(
        description="How many shows match, on every page; null when filtering by verdict "
        "(counting would take every show's verdict)."
    )
    scanned_to: int | None = Field(
        description="With a verdict filter: the last id looked at. A page may hold fewer "
        "rows than the limit (each page weighs a bounded number of shows); follow `next` "
        "until it is null."
    )
    next: str | None = Field(description=NEXT)


class WatchRequest(BaseModel):
    show_id: int = Field(ge=1, le=2_147_483_647, description="The show's catalog id.")


class WatchResponse(BaseModel):
    show: WatchedShow = Field(description="The watched show.")
    added: bool = Field(description="False when the show was already watched.")


class RefreshResponse(BaseModel):
    show_id: int = Field(description="The show's catalog id.")
    stored: bool = Field(description="Whether fresh data was stored.")
    unchanged: bool = Field(description="Whether the sources said nothing new.")
    answered: list[str] = Field(description="The sources that answered.")
    warnings: list[str] = Field(description="What went wrong, source by source.")


class HealthResponse(BaseModel):
    status: str = Field(description='"ok" when the service is up.')
    version: str = Field(description="The nextseason version serving.")
    schema_: str = Field(alias="schema", description="The catalog's schema revision.")


class FactcheckRequest(BaseModel):
    text: str = Field(min_length=1, max_length=FACTCHECK_MAX_CHARS)
    source_format: Literal["auto", "text", "md", "markdown", "html"] = Field(
        default="auto", description="How the text is written; auto-detected by default."
    )
