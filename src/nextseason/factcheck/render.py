"""Fact-check reports for people: a terminal summary, and the article annotated in Markdown."""

from __future__ import annotations

from nextseason.factcheck.document import read_document
from nextseason.factcheck.report import ClaimResult, FactCheckReport

__all__ = ["render_markdown", "render_text"]

_MARK = {"supported": "✓", "contradicted": "✗", "outdated": "↻", "unverifiable": "?"}


def _show_line(report: FactCheckReport) -> list[str]:
    lines = []
    if report.main_show is not None:
        main = report.main_show
        lines.append(
            f"Main show: {main.title} ({main.year or 'year unknown'})"
            + (f" [id {main.id}]" if main.id is not None else " (not in the catalog)")
        )
    named = []
    for show in report.shows:
        if show.id is None:
            named.append(f"{show.title} (not in the catalog)")
        elif show.link == "ambiguous":
            named.append(f"{show.title} ({show.namesakes} shows have this title)")
        else:
            named.append(f"{show.title} [id {show.id}]")
    if named:
        lines.append("Shows named: " + ", ".join(named))
    return lines


def _evidence(claim: ClaimResult) -> str | None:
    ev = claim.evidence
    if ev is None or ev.value is None:
        return None
    when = f", as of {ev.as_of.isoformat()}" if ev.as_of else ""
    return f"{ev.value} ({ev.source_name}{when})"


def _dated_line(report: FactCheckReport) -> str:
    day = (report.as_of or report.checked_on).isoformat()
    if report.dated_by == "today":
        return f"Checked as of today, {day} (the article gives no date; see --as-of)"
    how = {"given": "the date given", "meta": "the page's date", "dateline": "its dateline"}
    source = f" \u201c{report.dated_from}\u201d" if report.dated_from else ""
    return f"Checked as of {day}, {how[report.dated_by]}{source}"


def render_text(report: FactCheckReport) -> str:
    """The summary line, the shows found, then every claim with its verdict and why."""
    lines = [f"Fact-check: {report.summary.line()}", _dated_line(report), *_show_line(report)]
    lines.extend(f"note: {note}" for note in report.notes)
    for claim in report.claims:
        show = f" · {claim.show_title}" if claim.show_title else ""
        lines.append("")
        lines.append(
            f"{_MARK[claim.verdict]} {claim.verdict.upper()}  line {claim.line}: "
            f"\u201c{claim.text}\u201d  [{claim.relation}{show}]"
        )
        lines.append(f"    claims: {claim.claimed}")
        evidence = _evidence(claim)
        if evidence and claim.verdict == "contradicted":
            lines.append(f"    catalog: {evidence}")
        if claim.changed:
            when = f" ({claim.changed_on.isoformat()})" if claim.changed_on else ""
            lines.append(f"    changed{when}: {claim.changed}")
        lines.append(f"    why: {claim.reason}")
    return "\n".join(lines) + "\n"


def _after_markup(text: str, at: int) -> int:
    """Move an insertion point past closing Markdown markup (``*``, ``_``, ``)``, ``]``)."""
    while at < len(text) and text[at] in "*_`":
        at += 1
    if at < len(text) and text[at] == "]" and text[at + 1 : at + 2] == "(":
        close = text.find(")", at)
        at = close + 1 if close != -1 else at
    return at


def render_markdown(report: FactCheckReport, original_text: str) -> str:
    """The article with a verdict mark after each claim and the reasons listed at the end.

    Markdown and plain text are annotated as written; HTML is annotated on its plain text.
    """
    if report.source_format == "html":
        doc = read_document(original_text, "html")
        body = doc.text
        points = [
            (doc.plain_offset(c.span.end - 1) + 1 if c.span.end else 0, c) for c in report.claims
        ]
    else:
        body = original_text
        points = [(_after_markup(body, c.span.end), c) for c in report.claims]
    pieces: list[str] = []
    pos = 0
    for at, claim in sorted(points, key=lambda p: (p[0], p[1].id)):
        at = min(max(at, pos), len(body))
        pieces.append(body[pos:at])
        pieces.append(f" **[{_MARK[claim.verdict]}{claim.id}]**")
        pos = at
    pieces.append(body[pos:])
    out = [
        f"> **Fact-check** ({report.checked_on.isoformat()}): {report.summary.line()}",
        f"> {_dated_line(report)}",
        "",
        "".join(pieces).rstrip(),
        "",
        "---",
        "",
        "### Fact-check notes",
        "",
    ]
    if not report.claims:
        out.append("No checkable claims were found.")
    for claim in report.claims:
        show = f", {claim.show_title}" if claim.show_title else ""
        line = (
            f"{claim.id}. {_MARK[claim.verdict]} **{claim.verdict}** — "
            f"\u201c{claim.text}\u201d ({claim.relation}{show}): {claim.reason}"
        )
        out.append(line)
    out.extend(f"- note: {note}" for note in report.notes)
    return "\n".join(out) + "\n"
