"""Fact-check an article draft about TV shows against the catalog.

read_document   text / Markdown / HTML -> plain text with a map to the input's offsets
MentionFinder   the shows the article names, linked to catalog entries
extract_claims  platform, seasons, episodes, premiere, status, cast, crew, source material
check_claim     supported / contradicted (strict evidence) / unverifiable, and why
check_article   all of the above -> FactCheckReport (JSON: report.model_dump_json())
render_text, render_markdown

The names below load on first use, so importing the package (and the command, which the
CLI registers at start-up) costs nothing until an article is checked.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOMES = {
    "MAX_CHARS": "check",
    "check_article": "check",
    "render_markdown": "render",
    "render_text": "render",
    "ClaimResult": "report",
    "Evidence": "report",
    "FactCheckReport": "report",
    "LinkedShow": "report",
    "MentionResult": "report",
    "Span": "report",
    "Summary": "report",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"nextseason.factcheck.{home}"), name)
