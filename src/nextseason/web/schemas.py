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
    "ConfirmedChange",
    "ErrorBody",
    "ErrorDetail",
    "FactcheckRequest",
    "InterestResponse",
    "RefreshResponse",
    "SearchResponse",
    "SearchResult",
    "ShowLinks",
    "ShowSummary",
    "SimilarResponse",
    "StatusHistoryEntry",
    "StatusHistoryResponse",
    "WatchRequest",
    "WatchResponse",
    "WatchedShow",
    "WatchlistResponse",
]

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
    id: int
    title: str
    year: int | None
    platform: str | None
    status: str | None = Field(description="The status as TVmaze gives it, if it does.")
    verdict: str | None = Field(
        default=None,
        description="The verdict on the show's next season (renewed, cancelled, ended, "
        "running, awaiting decision, in development, unknown), as its page gives it.",
    )
    score: float = Field(description="Match score, 0 to 100.")
    exact: bool
    known_from: list[str] = Field(description="The sources that list the show.")
    url: str = Field(description="The show in this API.")


class SearchResponse(BaseModel):
    query: str
    results: list[SearchResult]
    suggestions: list[SearchResult] = Field(
        default_factory=list,
        description="When nothing matches well enough: the closest titles (did you mean).",
    )


class ShowLinks(BaseModel):
    self: str
    page: str
    report: str
    similar: str
    interest: str
    status_history: str
    feed: str


class ShowSummary(BaseModel):
    id: int
    title: str
    year: int | None
    kind: str | None
    platform: str | None
    status: str | None = Field(description="The status the show's primary source gives.")
    premiered: date | None
    ended: date | None
    genres: list[str]
    runtime: int | None
    language: str | None
    country: str | None
    summary: str = Field(description="Plain text (sources' markup removed).")
    official_site: str | None
    external_ids: dict[str, str]
    known_from: list[str]
    seasons_known: int = Field(description="The highest season number any source gives.")
    next_season: StatusVerdict = Field(description="The verdict for the next season.")
    links: ShowLinks


class SimilarResponse(BaseModel):
    show: ShowRef
    similar: list[SimilarEntry]


class InterestResponse(BaseModel):
    show: ShowRef
    season: int
    interest: InterestSection
    buzz: InterestSection


class StatusHistoryEntry(BaseModel):
    season: int
    verdict: str
    basis: str
    rule: str | None
    confidence: float
    observed_at: datetime
    confirmed: bool


class ConfirmedChange(BaseModel):
    id: str
    kind: str
    title: str
    summary: str
    detected_at: datetime


class StatusHistoryResponse(BaseModel):
    show: ShowRef
    current: StatusVerdict
    history: list[StatusHistoryEntry] = Field(
        description="Verdicts the watchlist's checks computed, newest first."
    )
    changes: list[ConfirmedChange] = Field(description="Confirmed changes, newest first.")


class WatchedShow(BaseModel):
    id: int
    title: str
    year: int | None
    season: int | None
    verdict: str | None
    pending: str | None = Field(description="A new verdict seen once, awaiting confirmation.")
    added: datetime
    last_check: datetime | None


class WatchlistResponse(BaseModel):
    shows: list[WatchedShow]


class WatchRequest(BaseModel):
    show_id: int = Field(ge=1, le=2_147_483_647)


class WatchResponse(BaseModel):
    show: WatchedShow
    added: bool = Field(description="False when the show was already watched.")


class RefreshResponse(BaseModel):
    show_id: int
    stored: bool
    unchanged: bool
    answered: list[str]
    warnings: list[str]


class FactcheckRequest(BaseModel):
    text: str = Field(min_length=1, max_length=FACTCHECK_MAX_CHARS)
    source_format: Literal["auto", "text", "md", "markdown", "html"] = Field(
        default="auto", description="How the text is written; auto-detected by default."
    )
