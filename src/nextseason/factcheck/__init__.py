"""Fact-check an article draft about TV shows against the catalog.

read_document   text / Markdown / HTML -> plain text with a map to the input's offsets
MentionFinder   the shows the article names, linked to catalog entries
extract_claims  platform, seasons, episodes, premiere, status, cast, crew, source material
check_claim     supported / contradicted (strict evidence) / unverifiable, and why
check_article   all of the above -> FactCheckReport (JSON: report.model_dump_json())
render_text, render_markdown
"""

from __future__ import annotations

from nextseason.factcheck.check import MAX_CHARS, check_article
from nextseason.factcheck.render import render_markdown, render_text
from nextseason.factcheck.report import (
    ClaimResult,
    Evidence,
    FactCheckReport,
    LinkedShow,
    MentionResult,
    Span,
    Summary,
)

__all__ = [
    "MAX_CHARS",
    "ClaimResult",
    "Evidence",
    "FactCheckReport",
    "LinkedShow",
    "MentionResult",
    "Span",
    "Summary",
    "check_article",
    "render_markdown",
    "render_text",
]
