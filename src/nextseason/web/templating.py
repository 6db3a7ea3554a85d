"""Jinja2 for the web pages: autoescaping on, every value cleaned, summaries sanitised.

Everything a page prints is escaped, except two kinds of markup made safe here first: the
charts (written from numbers and escaped text by ``report.svgchart``) and the
HTML that sources put in show summaries, which :func:`sanitized` passes through nh3 with a
short allowlist (paragraphs, emphasis, lists, http(s) links); scripts, event handlers,
styles and every other tag or attribute are removed.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import nh3
from jinja2 import Environment
from markupsafe import Markup, escape
from starlette.requests import Request

from nextseason import __version__

__all__ = ["SUMMARY_TAGS", "code_spans", "environment", "render_page", "sanitized"]

#: What a source's summary may keep of its markup.
SUMMARY_TAGS = frozenset({"p", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "a"})


def sanitized(markup: str | None) -> Markup:
    """A source's HTML reduced to harmless formatting and http(s) links."""
    if not markup:
        return Markup("")
    cleaned = nh3.clean(
        markup,
        tags=set(SUMMARY_TAGS),
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return Markup(cleaned)  # nh3's output holds only the allowlist above


_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def code_spans(text: str | None) -> Markup:
    """Plain text whose `backticked` parts are commands: escaped, those parts as <code>."""
    if not text:
        return Markup("")
    escaped = str(escape(text))
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", escaped))  # the text is escaped first


@functools.cache
def environment() -> Environment:
    from nextseason.report.render_html import template_environment

    env = template_environment("web/templates")
    env.globals["version"] = __version__
    env.filters["sanitized"] = sanitized
    env.filters["code_spans"] = code_spans
    return env


def render_page(request: Request | None, template: str, **context: Any) -> str:
    """A page from ``web/templates``; ``request`` gives the current path for the nav."""
    page = environment().get_template(template)
    path = request.url.path if request is not None else "/"
    return page.render(current_path=path, **context)
