"""The fact-check result: what the web API returns and every renderer reads.

Spans are character offsets into the *original* input (the Markdown or HTML as written),
end exclusive, so an editor can highlight ``text[span.start:span.end]``.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

__all__ = [
    "FACTCHECK_SCHEMA_VERSION",
    "ClaimResult",
    "Evidence",
    "FactCheckReport",
    "LinkedShow",
    "MentionResult",
    "Span",
    "Summary",
]

FACTCHECK_SCHEMA_VERSION = "1.1"

Verdict = Literal["supported", "contradicted", "outdated", "unverifiable"]
DatedBy = Literal["given", "meta", "dateline", "today"]
LinkCertainty = Literal["exact", "duplicates", "context", "ambiguous", "fuzzy", "live", "not_found"]


class Span(BaseModel):
    start: int = Field(ge=0, description="Offset of the first character in the original input.")
    end: int = Field(ge=0, description="Offset one past the last character (exclusive).")


class LinkedShow(BaseModel):
    """A show the article names, as the catalog knows it."""

    id: int | None = Field(None, description="Catalog id; None when the catalog has no match.")
    title: str
    year: int | None = None
    platform: str | None = None
    link: LinkCertainty = Field(
        description="exact: one catalog show has the title; duplicates: several entries that "
        "are one show; context: namesakes told apart by the article's platform or year; "
        "ambiguous: namesakes the article does not tell apart; fuzzy: a near title; live: "
        "looked up on the live sources; not_found."
    )
    catalog_ids: list[int] = Field(
        default_factory=list, description="Every catalog entry whose facts count."
    )
    namesakes: int = Field(0, description="How many catalog shows share the title.")


class MentionResult(BaseModel):
    text: str
    span: Span
    how: Literal["quoted", "text", "heading", "title", "list"]
    show_id: int | None = None
    main: bool = False


class Evidence(BaseModel):
    value: str | None = None
    source: str = Field(description="Source key, e.g. tvmaze.")
    source_name: str
    as_of: date | None = None
    url: str | None = None


class ClaimResult(BaseModel):
    id: int
    relation: str
    text: str = Field(description="The words of the article that state the claim.")
    claimed: str = Field(description="The claim's value, normalised.")
    sentence: str
    span: Span
    sentence_span: Span
    line: int = Field(description="1-based line of the claim in the original input.")
    show_id: int | None = None
    show_title: str | None = None
    verdict: Verdict = Field(
        description="supported; contradicted (false when the article was written); outdated "
        "(true or planned then, no longer so: see changed); unverifiable (the catalog cannot "
        "decide, and why)."
    )
    reason: str
    reason_code: str = Field(
        description="matches, catalog_differs, changed_since, calendar, no_data, "
        "weak_evidence, stale, hedged, show_not_found, no_show, ambiguous_show, "
        "uncertain_link, uncertain_subject, identity_doubt"
    )
    changed: str | None = Field(
        None, description="For an outdated claim: what changed since the article's date."
    )
    changed_on: date | None = Field(None, description="When it changed, where the catalog says.")
    hedged: bool = False
    evidence: Evidence | None = None


class Summary(BaseModel):
    claims: int = 0
    supported: int = 0
    contradicted: int = 0
    outdated: int = 0
    unverifiable: int = 0
    shows: int = 0

    def line(self) -> str:
        plural = "s" * (self.claims != 1)
        outdated = f"{self.outdated} outdated, " if self.outdated else ""
        return (
            f"{self.claims} claim{plural}: {self.supported} supported, "
            f"{self.contradicted} contradicted, {outdated}{self.unverifiable} unverifiable"
        )


class FactCheckReport(BaseModel):
    schema_version: str = FACTCHECK_SCHEMA_VERSION
    checked_on: date
    as_of: date | None = Field(
        None,
        description="The date claims were checked as of: the article's own date when it "
        "gives one (or --as-of), else the day of the check.",
    )
    dated_by: DatedBy = Field(
        "today",
        description="given (--as-of), meta (the page's meta tags), dateline (the article's "
        "text), or today (the article gives no date).",
    )
    dated_from: str | None = Field(None, description="The article's words that gave its date.")
    source_format: Literal["text", "md", "html"]
    characters: int
    words: int
    language: Literal["en", "other"] = "en"
    main_show: LinkedShow | None = None
    summary: Summary
    shows: list[LinkedShow] = Field(default_factory=list)
    mentions: list[MentionResult] = Field(default_factory=list)
    claims: list[ClaimResult] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
