"""The server-rendered pages: home, search, a show's report, the watchlist, fact-checking,
the API docs. Every page works without JavaScript; forms post back to the server.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from markupsafe import escape
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse, Response

from nextseason.catalog import watchlist as watch_store
from nextseason.catalog.search import candidate
from nextseason.web import services
from nextseason.web.api import MAX_ID
from nextseason.web.auth import check_same_origin, page_token, set_session
from nextseason.web.conditional import not_modified
from nextseason.web.errors import InvalidInput, Unauthorized, UnknownTitle
from nextseason.web.schemas import FACTCHECK_MAX_CHARS
from nextseason.web.state import WebState, web_state
from nextseason.web.templating import render_page

if TYPE_CHECKING:
    from nextseason.factcheck import FactCheckReport
    from nextseason.model import Report

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

PRIVATE = {"Cache-Control": "private, no-store", "Vary": "Cookie"}


def _page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(
        render_page(request, template, **context), status_code=status, headers=PRIVATE
    )


def _local(target: str | None, default: str) -> str:
    """Only a path on this site: never an open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


@router.get("/")
def home(request: Request) -> HTMLResponse:
    state = web_state(request)
    with state.open_catalog().connect() as conn:
        recent = watch_store.recent_changes(conn, limit=50)
        watched = len(watch_store.watched(conn))
    verdicts = [c for c in recent if c.kind == "verdict"][:10]
    return _page(request, "home.html.j2", changes=verdicts, watched=watched, query="")


@router.get("/search")
def search(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
) -> HTMLResponse:
    state = web_state(request)
    found = services.search(state, request, q.strip(), limit=20, year=year) if q.strip() else None
    return _page(
        request,
        "search.html.j2",
        query=q,
        year=year,
        results=found.results if found else None,
        suggestions=found.suggestions if found else [],
    )


def _show_id(show: str) -> int | None:
    """The id in a show page's path segment, if it is one."""
    if show.isascii() and show.isdigit() and len(show) <= 10:
        show_id = int(show)
        if 1 <= show_id <= MAX_ID:
            return show_id
    return None


def _by_title(state: WebState, title: str) -> int:
    """The one show a title names; else 404 with the closest titles."""
    catalog = state.open_catalog()
    entry, exact = catalog.find(title)
    if exact:
        return entry.id
    hits = catalog.search(title, limit=6)
    raise UnknownTitle(title, [candidate(h.entry) for h in hits])


@router.get("/shows/{show}")
async def show_page(
    request: Request,
    show: str,
    season: Annotated[int | None, Query(ge=1, le=1000)] = None,
) -> Response:
    """A show's page by id, or by a title (redirected to its id) that names one show."""
    state = web_state(request)
    show_id = _show_id(show)
    if show_id is None:
        found = await run_in_threadpool(_by_title, state, show)
        where = f"/shows/{found}" + (f"?season={season}" if season is not None else "")
        return RedirectResponse(where, status_code=307)
    head = services.show_head(state, show_id, with_watch=True)
    # Write buttons only for a signed-in visitor: the page differs, and so does its ETag.
    signed_in = bool(request.cookies) and page_token(request) is not None
    validators = head.validators("page", season, head.watched_at, signed_in)
    fresh = not_modified(request, validators)
    if fresh is not None:
        return fresh
    body = state.bodies.get(validators.key)
    if body is None:
        body = await run_in_threadpool(
            state.bodies.get_or_build,
            validators.key,
            lambda: _show_html(state, request, head, season, signed_in).encode(),
        )
    return HTMLResponse(body, headers=validators.headers())


def _show_html(
    state: WebState,
    request: Request,
    head: services.ShowHead,
    season: int | None,
    signed_in: bool,
) -> str:
    from nextseason.report.render_html import report_context
    from nextseason.web.templating import sanitized

    report, upper = services.report_for(state, request, head, season)
    return render_page(
        request,
        "show.html.j2",
        **report_context(report),
        **show_head_context(report),
        poster=services.poster(state, head.show_id),
        show_id=head.show_id,
        summary=sanitized(services.summary_markup(state, head.show_id)),
        seasons=list(range(1, upper + 1)),
        watched=head.watched_at is not None,
        signed_in=signed_in,
        query="",
    )


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def show_head_context(report: Report) -> dict[str, Any]:
    """What the top of a show page says: the show in one line, and the verdict's reason,
    basis and date in a few words each (the status section keeps the whole of them)."""
    from nextseason.report.render import source_names, when_text

    status = report.status
    names = source_names(report)
    overview = report.overview
    kind = overview.kind.value if overview.kind else None
    genres = overview.genres.value if overview.genres else None
    line = [str(report.show.year) if report.show.year else None, report.show.platform, kind]
    if isinstance(genres, list) and genres:
        line.append(", ".join(str(g) for g in genres[:3]))
    if status.basis == "announced":
        who = names.get(status.source or "", status.source or "")
        basis = f"announced by {who}" if who else "announced"
    else:
        basis = "inferred" if status.basis == "inferred" else "no decision known"
    if status.decided_on:
        when = f"decided {when_text(status.decided_on)}"
    else:
        dates = [r.as_of for r in status.readings if r.as_of]
        when = f"as of {when_text(max(dates))}" if dates else ""
    next_fact = report.seasons.next_date
    words = [w for w in report.show.title.split() if w[:1].isalnum()]
    return {
        "show_line": [str(bit) for bit in line if bit],
        "reason_line": _SENTENCE_END.split(status.reason.strip(), maxsplit=1)[0],
        "basis_short": basis,
        "verdict_date": when,
        "next_date": when_text(next_fact.value) if next_fact else "",
        "initials": "".join(w[0].upper() for w in words[:2]) or "?",
    }


# ---------------------------------------------------------------------------------------
# The watchlist and signing in


@router.get("/watchlist")
def watchlist(request: Request) -> HTMLResponse:
    state = web_state(request)
    signed_in = page_token(request) if request.cookies else None
    return _page(
        request,
        "watchlist.html.j2",
        shows=services.watched_shows(state),
        signed_in=signed_in,
        query="",
        next_path=_local(request.query_params.get("next"), "/watchlist"),
    )


@router.post("/watchlist")
def watch(
    request: Request,
    show_id: Annotated[int | None, Form(ge=1, le=MAX_ID)] = None,
    title: Annotated[str | None, Form(max_length=200)] = None,
) -> Response:
    check_same_origin(request)
    if page_token(request) is None:
        back = f"/shows/{show_id}" if show_id else "/watchlist"
        return RedirectResponse(f"/watchlist?next={quote(back)}#sign-in", status_code=303)
    state = web_state(request)
    if show_id is None:
        if not title or not title.strip():
            raise InvalidInput("name a show to watch")
        entry, _ = state.open_catalog().find(title.strip())
        show_id = entry.id
    services.watch_add(state, show_id)
    return RedirectResponse("/watchlist", status_code=303)


@router.post("/watchlist/remove")
def unwatch(request: Request, show_id: Annotated[int, Form(ge=1, le=MAX_ID)]) -> Response:
    check_same_origin(request)
    if page_token(request) is None:
        back = quote(f"/shows/{show_id}")
        return RedirectResponse(f"/watchlist?next={back}#sign-in", status_code=303)
    services.watch_remove(web_state(request), show_id)
    return RedirectResponse("/watchlist", status_code=303)


@router.post("/session")
def sign_in(
    request: Request,
    token: Annotated[str, Form(max_length=200)],
    next_path: Annotated[str, Form(alias="next", max_length=500)] = "/watchlist",
) -> Response:
    check_same_origin(request)
    state = web_state(request)
    from nextseason.web.auth import verify

    if verify(state, request, token) is None:
        raise Unauthorized("that API token is not valid (mistyped, or revoked)")
    response = RedirectResponse(_local(next_path, "/watchlist"), status_code=303)
    set_session(request, response, token.strip())
    return response


@router.post("/session/end")
def sign_out(request: Request) -> Response:
    check_same_origin(request)
    response = RedirectResponse("/watchlist", status_code=303)
    set_session(request, response, None)
    return response


# ---------------------------------------------------------------------------------------
# Fact-checking


@router.get("/factcheck")
def factcheck_form(request: Request) -> HTMLResponse:
    return _page(
        request,
        "factcheck.html.j2",
        text="",
        source_format="auto",
        result=None,
        claims=[],
        summary={},
        article=[],
        query="",
    )


@router.post("/factcheck")
def factcheck(
    request: Request,
    text: Annotated[str, Form(min_length=1, max_length=FACTCHECK_MAX_CHARS)],
    source_format: Annotated[str, Form(pattern="^(auto|markdown|md|html|text)$")] = "auto",
) -> HTMLResponse:
    check_same_origin(request)
    state = web_state(request)
    services.charge(state, request, state.limits.factcheck_cost)
    result = services.run_factcheck(state, text, source_format)
    return _page(
        request,
        "factcheck.html.j2",
        text=escape(text),
        source_format=source_format,
        result=result,
        claims=_claims(result),
        summary=_summary(result),
        article=annotated_article(text, result),
        query="",
    )


#: Markup of the article's own format, left out when it is shown: Markdown's heading,
#: emphasis and list marks, and HTML tags.
_MARKUP = re.compile(r"<[^>\n]{1,200}>|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
_LINE_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|>\s?)")


_SEVERITY = {"contradicted": 0, "unverifiable": 1, "supported": 2}


def annotated_article(text: str, result: FactCheckReport) -> list[dict[str, Any]]:
    """The article as paragraphs of pieces, each plain text or the words of one or more
    claims, cut at the claims' character spans. Claims whose words overlap share one mark,
    in the colour of the worst verdict among them (contradicted, unverifiable, supported)."""
    claims = sorted(result.claims, key=lambda c: (c.span.start, -c.span.end))
    marks: list[tuple[int, int, list[dict[str, Any]]]] = []
    for c in claims:
        if marks and c.span.start < marks[-1][1]:
            start, end, shared = marks[-1]
            marks[-1] = (start, max(end, c.span.end), [*shared, c.model_dump(mode="json")])
        else:
            marks.append((c.span.start, c.span.end, [c.model_dump(mode="json")]))
    paragraphs: list[dict[str, Any]] = []
    offset = 0
    for block in re.split(r"(\n\s*\n)", text):
        start, end = offset, offset + len(block)
        offset = end
        if not block.strip():
            continue
        heading = bool(re.match(r"\s{0,3}#{1,6}\s", block))
        pieces: list[dict[str, Any]] = []
        cursor = start
        for m_start, m_end, marked in marks:
            if m_end <= start or m_start >= end:
                continue
            m_start, m_end = max(m_start, start), min(m_end, end)
            if m_start > cursor:
                pieces.append(
                    {"text": _plain(text[cursor:m_start], cursor == start), "claim": None}
                )
            worst = min(marked, key=lambda c: _SEVERITY.get(str(c.get("verdict")), 3))
            pieces.append(
                {"text": text[m_start:m_end], "claim": worst["verdict"], "claims": marked}
            )
            cursor = m_end
        if cursor < end:
            pieces.append({"text": _plain(text[cursor:end], cursor == start), "claim": None})
        paragraphs.append({"heading": heading, "pieces": pieces})
    return paragraphs


def _plain(chunk: str, starts_block: bool) -> str:
    lines = chunk.split("\n")
    lines = [
        _LINE_MARK.sub("", line) if i or starts_block else line for i, line in enumerate(lines)
    ]
    return _MARKUP.sub("", "\n".join(lines))


def _claims(result: FactCheckReport) -> list[dict[str, Any]]:
    """The claims of a fact-check report as plain data for the page (its JSON form)."""
    return [c.model_dump(mode="json") for c in result.claims]


def _summary(result: FactCheckReport) -> dict[str, Any]:
    return {"counts": result.summary.model_dump(mode="json"), "notes": list(result.notes)}


# ---------------------------------------------------------------------------------------
# API docs


@router.get("/docs")
def docs(request: Request) -> HTMLResponse:
    """The API described from /openapi.json, as a page (no scripts, nothing from a CDN)."""
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "tags": op.get("tags", []),
                    "parameters": [
                        {
                            "name": p.get("name", ""),
                            "where": p.get("in", ""),
                            "required": bool(p.get("required")),
                            "type": _type_text(p.get("schema", {})),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": _body_text(op.get("requestBody")),
                    "token": bool(op.get("security")),
                    "responses": [
                        (code, r.get("description", ""))
                        for code, r in sorted(op.get("responses", {}).items())
                    ],
                }
            )
    return _page(request, "docs.html.j2", info=schema.get("info", {}), ops=operations, query="")


def _type_text(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " or ".join(_type_text(s) for s in schema["anyOf"])
    kind = str(schema.get("type", schema.get("$ref", "").rsplit("/", 1)[-1] or "any"))
    bounds = [
        f"{label} {schema[key]}"
        for key, label in (
            ("minimum", "min"),
            ("maximum", "max"),
            ("minLength", "min length"),
            ("maxLength", "max length"),
        )
        if key in schema
    ]
    if "default" in schema:
        bounds.append(f"default {schema['default']}")
    return kind + (f" ({', '.join(bounds)})" if bounds else "")


def _body_text(body: dict[str, Any] | None) -> str:
    if not body:
        return ""
    content = body.get("content", {})
    for media, spec in content.items():
        ref = spec.get("schema", {}).get("$ref", "")
        return f"{media}: {ref.rsplit('/', 1)[-1] or 'any'}"
    return ""
