"""The report as one self-contained HTML5 page (inline CSS, no scripts, no external assets).

Each interest and buzz series gets its chart as inline SVG in a ``<figure>``: markup, not a
``data:`` image, so it scales with the page, its text stays text, and the page keeps no
``src`` to fetch; :func:`nextseason.report.charts.inline_svg` lets through only the drawing.

The page comes from ``templates/report.html.j2`` with autoescaping on. Every value the
template prints passes through :func:`_finalize` first, which turns dates and lists into
text and strips control characters, so no data string reaches the page unescaped or
unprintable. Jinja2 is imported here, not at module import, to keep CLI start-up fast.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nextseason.model import InterestSeries, Report
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
    from markupsafe import Markup

__all__ = ["EPISODES_OPEN", "ChartView", "chart_views", "render_html", "template_environment"]

#: Episode tables longer than this start folded (a <details> element), phones first.
EPISODES_OPEN = 20


@dataclass(frozen=True, slots=True)
class ChartView:
    """One series' chart as the page shows it: inline SVG markup, caption, source key."""

    svg: Markup  # sanitised by charts.inline_svg
    caption: str
    source: str


#: Measures that repeat a better one of the same source and season on the page: charted
#: only when that better one is missing (`report --charts` still writes every series).
SECONDARY = {
    "weekly_rank": "weekly_hours_viewed",
    "weekly_views": "weekly_hours_viewed",
    "score": "mentions",
}


def main_series(series: Sequence[InterestSeries]) -> list[InterestSeries]:
    """The series worth a chart on the page: one measure per source and season."""
    have = {(s.source, s.season, s.metric) for s in series}
    return [
        s
        for s in series
        if s.metric not in SECONDARY or (s.source, s.season, SECONDARY[s.metric]) not in have
    ]


def chart_views(report: Report, key: str) -> list[ChartView]:
    """The charts of the interest (``key="interest"``) or buzz series, inline SVG."""
    from markupsafe import Markup

    from nextseason.report.charts import alt_text, chart, chart_title, inline_svg

    section = report.interest if key == "interest" else report.buzz
    views = []
    for n, series in enumerate(main_series(section.series), start=1):
        title = chart_title(report, series)
        svg = chart(series, fmt="svg", title=title)
        markup = inline_svg(svg, id_prefix=f"chart-{key}-{n}", label=alt_text(series, title))
        views.append(ChartView(Markup(markup), title, series.source))
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
