"""Render a :class:`~nextseason.model.Report` as plain text, Markdown, HTML or JSON.

The front door: :func:`render` picks a renderer (``render_text``, ``render_md``,
``render_html``, imported on use so that importing this module stays cheap for the CLI),
:func:`print_report` prints in colour, :func:`json_schema` gives the JSON Schema. What the
renderers share is :mod:`nextseason.report.views`; its names are re-exported here.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from nextseason.errors import UsageError
from nextseason.model import Report
from nextseason.report.views import (
    FORMATS,
    NO_DATA,
    SECTION_KEYS,
    SERIES_HEADERS,
    SIMILAR_HEADERS,
    FactView,
    Section,
    basis_text,
    clean,
    confidence_text,
    episode_code,
    external_ids_text,
    fact_view,
    generated_text,
    heading,
    outlook_rows,
    overview_rows,
    safe_url,
    season_first_text,
    sections,
    series_rows,
    similar_rows,
    source_anchor,
    source_names,
    value_text,
    verdict_line,
    when_text,
)

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "FORMATS",
    "NO_DATA",
    "SECTION_KEYS",
    "SERIES_HEADERS",
    "SIMILAR_HEADERS",
    "FactView",
    "Section",
    "basis_text",
    "clean",
    "confidence_text",
    "episode_code",
    "external_ids_text",
    "fact_view",
    "generated_text",
    "heading",
    "json_schema",
    "outlook_rows",
    "overview_rows",
    "print_report",
    "render",
    "safe_url",
    "season_first_text",
    "sections",
    "series_rows",
    "similar_rows",
    "source_anchor",
    "source_names",
    "value_text",
    "verdict_line",
    "when_text",
]


# The front door


def render(report: Report, fmt: str, *, width: int = 100) -> str:
    """The report as ``text`` (plain, no colour codes), ``md``, ``html`` or ``json``."""
    if fmt == "json":
        return report.model_dump_json(indent=2) + "\n"
    if fmt == "text":
        from nextseason.report.render_text import render_text

        return render_text(report, width=width)
    if fmt == "md":
        from nextseason.report.render_md import render_md

        return render_md(report)
    if fmt == "html":
        from nextseason.report.render_html import render_html

        return render_html(report)
    raise UsageError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")


def print_report(report: Report, console: Console) -> None:
    """Print the report to a Rich console, in colour when the console supports it."""
    from nextseason.report.render_text import renderables

    for item in renderables(report):
        console.print(item)


def json_schema() -> str:
    """The JSON Schema of the report (``docs/report.schema.json`` is this, committed)."""
    return json.dumps(Report.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
