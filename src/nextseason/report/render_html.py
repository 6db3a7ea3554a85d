"""The report as one self-contained HTML5 page (inline CSS, no scripts, no external assets).

The page comes from ``templates/report.html.j2`` with autoescaping on. Every value the
template prints passes through :func:`_finalize` first, which turns dates and lists into
text and strips control characters, so no data string reaches the page unescaped or
unprintable. Jinja2 is imported here, not at module import, to keep CLI start-up fast.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from nextseason.model import Report
from nextseason.report.render import (
    SERIES_HEADERS,
    SIMILAR_HEADERS,
    basis_text,
    confidence_text,
    episode_code,
    external_ids_text,
    fact_view,
    generated_text,
    heading,
    outlook_rows,
    overview_rows,
    safe_url,
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
    from jinja2 import Environment

__all__ = ["EPISODES_OPEN", "render_html"]

#: Episode tables longer than this start folded (a <details> element), phones first.
EPISODES_OPEN = 20


def _finalize(value: Any) -> Any:
    from markupsafe import Markup

    if isinstance(value, Markup):
        return value  # already-escaped output of the template's own macros
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return value_text(value)


@functools.cache
def _environment() -> Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("nextseason", "report/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        basis_text=basis_text,
        confidence_text=confidence_text,
        episode_code=episode_code,
        fact_view=fact_view,
        safe_url=safe_url,
        source_anchor=source_anchor,
        when=when_text,
        SERIES_HEADERS=SERIES_HEADERS,
        SIMILAR_HEADERS=SIMILAR_HEADERS,
        EPISODES_OPEN=EPISODES_OPEN,
    )
    return env


def render_html(report: Report) -> str:
    """The whole report as one HTML5 document."""
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        title=heading(report),
        generated=generated_text(report),
        sections=sections(report),
        names=source_names(report),
        overview=overview_rows(report),
        external_ids=external_ids_text(report),
        verdict=verdict_line(report.status),
        interest_rows=series_rows(report, "interest"),
        buzz_rows=series_rows(report, "buzz"),
        outlook=outlook_rows(report),
        similar=similar_rows(report),
    )
