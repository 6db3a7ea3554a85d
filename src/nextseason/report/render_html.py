"""The report as one self-contained HTML5 page (inline CSS, no scripts, no external assets).

Each kind of interest and buzz series gets its chart as inline SVG in a ``<figure>``: markup,
not a ``data:`` image, so it scales with the page, its text stays text, and the page keeps no
``src`` to fetch; :mod:`nextseason.report.svgchart` writes it from numbers and escaped text.

The page comes from ``templates/report.html.j2`` with autoescaping on. Every value the
template prints passes through :func:`_finalize` first, which turns dates and lists into
text and strips control characters, so no data string reaches the page unescaped or
unprintable. Jinja2 is imported here, not at module import, to keep CLI start-up fast.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nextseason.model import Report
from nextseason.report.views import (
    SERIES_HEADERS,
    SIMILAR_HEADERS,
    basis_text,
    confidence_text,
    episode_code,
    evidence_text,
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
    from jinja2 import Environment
    from markupsafe import Markup

__all__ = ["EPISODES_OPEN", "ChartView", "chart_views", "render_html", "template_environment"]

#: Episode tables longer than this start folded (a <details> element), phones first.
EPISODES_OPEN = 20


@dataclass(frozen=True, slots=True)
class ChartView:
    """One kind of series as the page shows it: a chart (inline SVG), or, when it has too
    few points for one, its figures in words; with its caption and source key."""

    svg: Markup | None  # drawn from numbers and escaped text by report.svgchart
    words: str | None
    caption: str
    source: str


def chart_views(report: Report, key: str) -> list[ChartView]:
    """The interest (``key="interest"``) or buzz series as charts: one per kind of series,
    its seasons as coloured segments; a kind with fewer than four points in words."""
    from markupsafe import Markup

    from nextseason.report.svgchart import MIN_POINTS, few_points_text, kinds_of, svg_chart
    from nextseason.report.views import clean

    section = report.interest if key == "interest" else report.buzz
    views = []
    for kind in kinds_of(section.series):
        title = f"{clean(report.show.title)}: {kind.label}"
        if kind.points < MIN_POINTS:
            views.append(ChartView(None, few_points_text(kind), title, kind.source))
        else:
            svg = Markup(svg_chart(kind, title=title))  # escaped by svg_chart
            views.append(ChartView(svg, None, title, kind.source))
    return views


def _finalize(value: Any) -> Any:
    from markupsafe import Markup

    if isinstance(value, Markup):
        return value  # already-escaped output of the template's own macros
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return value_text(value)


def template_environment(folder: str, **options: Any) -> Environment:
    """A Jinja2 environment over the package's ``folder`` of templates, as the report's:
    autoescaping, strict undefined values, every printed value cleaned, the report's
    helpers as globals. The web pages build theirs here too."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("nextseason", folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
    env.globals.update(
        basis_text=basis_text,
        confidence_text=confidence_text,
        evidence_text=evidence_text,
        episode_code=episode_code,
        fact_view=fact_view,
        safe_url=safe_url,
        season_first_text=season_first_text,
        source_anchor=source_anchor,
        when=when_text,
        SERIES_HEADERS=SERIES_HEADERS,
        SIMILAR_HEADERS=SIMILAR_HEADERS,
        EPISODES_OPEN=EPISODES_OPEN,
    )
    return env


@functools.cache
def _environment() -> Environment:
    return template_environment("report/templates", keep_trailing_newline=True)


def report_context(report: Report) -> dict[str, Any]:
    """What the report's HTML templates (this document's and the web app's show page) read:
    the report and each section's rows, as the text renderers word them."""
    return {
        "report": report,
        "title": heading(report),
        "generated": generated_text(report),
        "sections": sections(report),
        "names": source_names(report),
        "overview": overview_rows(report),
        "external_ids": external_ids_text(report),
        "verdict": verdict_line(report.status),
        "interest_rows": series_rows(report, "interest"),
        "buzz_rows": series_rows(report, "buzz"),
        "interest_charts": chart_views(report, "interest"),
        "buzz_charts": chart_views(report, "buzz"),
        "outlook": outlook_rows(report),
        "similar": similar_rows(report),
    }


def render_html(report: Report) -> str:
    """The whole report as one HTML5 document."""
    return _environment().get_template("report.html.j2").render(**report_context(report))
