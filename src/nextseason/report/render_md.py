"""The report as GitHub-flavoured Markdown.

Data is escaped with :func:`md` before it is placed anywhere: ``<``, ``>`` and ``&``
become entities (so a summary cannot inject HTML), emphasis, code, link and table
characters get a backslash, and a leading list or heading marker is neutralized. Data
is always written on one line, so it cannot start a block of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from urllib.parse import quote

from nextseason.model import EpisodeInfo, Report
from nextseason.report.views import (
    SERIES_HEADERS,
    SIMILAR_HEADERS,
    FactView,
    Section,
    basis_text,
    clean,
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
    source_names,
    value_text,
    verdict_line,
    when_text,
)

__all__ = ["md", "render_md"]

_INLINE = re.compile(r"([\\`*_\[\]|~])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Openers of a list item, heading or setext underline when they start a line.
_LEADING = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([#+=-])(?=[\s#=-]|$)")


def md(text: str) -> str:
    """Untrusted text as inline Markdown that renders as exactly that text."""
    text = clean(text)
    text = "".join(_ENTITIES.get(c, c) for c in text)
    text = _INLINE.sub(r"\\\1", text)
    return _LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text, count=1)


def _url(url: str) -> str:
    # Percent-encode what could end a link destination or open HTML.
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")


def _link(label: str, url: str | None) -> str:
    safe = safe_url(url)
    return f"[{md(label)}]({_url(safe)})" if safe else md(label)


def _source_ref(name: str, as_of: str = "") -> str:
    return f"[{md(name)}](#sources)" + (f", {md(as_of)}" if as_of else "")


def _fact(view: FactView) -> str:
    return f"{md(view.text)} ({_source_ref(view.source_name, view.as_of)})"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A GFM table; cells must already be Markdown (escaped with :func:`md`)."""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return out


def _overview(report: Report) -> list[str]:
    out = []
    for label, facts in overview_rows(report):
        out.append(f"- **{label}:** " + "; ".join(_fact(f) for f in facts))
    ids = external_ids_text(report)
    if ids:
        out.append(f"- **IDs:** {md(ids)}")
    return out


def _status(report: Report) -> list[str]:
    status, names = report.status, source_names(report)
    out = [
        f"> **{md(verdict_line(status).upper())}**",
        ">",
        f"> **Basis:** {md(basis_text(status, names))}  ",
        f"> **Why:** {md(status.reason)}  ",
    ]
    if status.source:
        name = names.get(status.source, status.source)
        out.append(f"> **Source:** {_source_ref(name)}  ")
    out.append(f"> **Confidence:** {md(confidence_text(status))}  ")
    out.append(f"> **Evidence:** {md(evidence_text(status))}")
    if status.readings:
        out += ["", "**What each source says**", ""]
        out += _table(
            ("Source", "Says", "As of"),
            [
                [_source_ref(names.get(r.source, r.source)), md(r.says), when_text(r.as_of)]
                for r in status.readings
            ],
        )
    return out


def _episode_line(ep: EpisodeInfo, names: dict[str, str]) -> str:
    bits = [episode_code(ep.season, ep.number)]
    if ep.title:
        bits.append(f"“{md(ep.title)}”")
    if ep.airdate:
        bits.append(f"aired {ep.airdate.isoformat()}")
    return " ".join(bits) + f" ({_source_ref(names.get(ep.source, ep.source))})"


def _seasons(report: Report) -> list[str]:
    sec, names = report.seasons, source_names(report)
    out: list[str] = []
    if sec.seasons_known:
        known = sec.seasons_known
        view = fact_view(known.value, known.source, known.as_of, names)
        out.append(f"- **Seasons known to exist:** {_fact(view)}")
    for listed in sec.seasons_listed:
        view = fact_view(listed.value, listed.source, listed.as_of, names)
        out.append(f"- **Catalog listing:** {_fact(view)}")
    if sec.next_date:
        nd = sec.next_date
        out.append(f"- **Next episode:** {_fact(fact_view(nd.value, nd.source, nd.as_of, names))}")
    if sec.finale:
        out.append(f"- **Latest finale:** {_episode_line(sec.finale, names)}")
    if sec.seasons:
        out += ["", "**Seasons**", ""]
        out += _table(
            ("Season", "Episodes", "In catalog", "First aired", "Last aired", "Runtime", "Source"),
            [
                [
                    str(s.number),
                    md(value_text(s.episodes)) or "?",
                    str(s.episodes_in_catalog),
                    md(season_first_text(s)),
                    when_text(s.last_aired),
                    md(value_text(s.runtime, "min")),
                    _source_ref(names.get(s.source, s.source)),
                ]
                for s in sec.seasons
            ],
        )
    if sec.episodes:
        out += ["", f"**Episodes** ({len(sec.episodes)})", ""]
        out += _table(
            ("Episode", "Title", "Aired", "Min", "Summary", "Source"),
            [
                [
                    episode_code(e.season, e.number),
                    md(e.title or ""),
                    when_text(e.airdate),
                    md(value_text(e.runtime)),
                    md(e.summary or ""),
                    _source_ref(names.get(e.source, e.source)),
                ]
                for e in sec.episodes
            ],
        )
    return out


def _where_to_watch(report: Report) -> list[str]:
    sec, names = report.where_to_watch, source_names(report)
    out = [f"Countries asked: {md(', '.join(sec.countries)) or 'none'}"]
    if sec.entries:
        out.append("")
        out += _table(
            ("Platform", "How", "Country", "As of", "Source"),
            [
                [
                    md(e.platform),
                    md(e.how),
                    md(e.country or "any"),
                    when_text(e.as_of),
                    _source_ref(names.get(e.source, e.source)),
                ]
                for e in sec.entries
            ],
        )
    return out


def _series(report: Report, key: str) -> list[str]:
    section = report.interest if key == "interest" else report.buzz
    out: list[str] = []
    rows = series_rows(report, key)
    if rows:
        out += _table(
            SERIES_HEADERS, [[md(c) for c in row[:-1]] + [_source_ref(row[-1])] for row in rows]
        )
    if section.reading:
        out += ["", "**Reading**", ""] if out else ["**Reading**", ""]
        out += [f"- {md(sentence)}" for sentence in section.reading]
    if section.threads:
        out += ["", "**Busiest threads**", ""]
        for th in section.threads:
            url = safe_url(th.url)
            name = f"[{md(th.title)}]({url})" if url else md(th.title)
            where = f" in {md(th.where)}" if th.where else ""
            score = f", {th.score} points" if th.score is not None else ""
            comments = f", {th.comments} comments" if th.comments is not None else ""
            day = f", {th.day.isoformat()}" if th.day else ""
            out.append(f"- {name}{where}{score}{comments}{day}")
    return out


def _outlook(report: Report) -> list[str]:
    return [f"- **{md(key)}:** {md(value)}" for key, value in outlook_rows(report)]


def _next_season(report: Report) -> list[str]:
    sec, names = report.next_season, source_names(report)
    out: list[str] = []
    if sec.finale:
        out.append(f"**Finale:** {_episode_line(sec.finale, names)}")
        if sec.finale.summary:
            out += ["", f"> “{md(sec.finale.summary)}”"]
    if sec.open_threads:
        src = names.get(sec.finale.source, sec.finale.source) if sec.finale else None
        credit = f" ({_source_ref(src)})" if src else ""
        out += ["", f"**Open threads**, quoted from the last episodes' summaries{credit}:", ""]
        out += [f"- “{md(thread)}”" for thread in sec.open_threads]
    return out


def _characters(report: Report) -> list[str]:
    if not report.characters:
        return []
    names = source_names(report)
    return _table(
        ("Actor", "Character", "Episodes", "Source"),
        [
            [
                md(c.actor),
                md(c.character or ""),
                md(value_text(c.episodes)),
                _source_ref(names.get(c.source, c.source)),
            ]
            for c in report.characters
        ],
    )


def _crew(report: Report) -> list[str]:
    if not report.crew:
        return []
    names = source_names(report)
    return _table(
        ("Name", "Role", "Source"),
        [[md(c.name), md(c.role), _source_ref(names.get(c.source, c.source))] for c in report.crew],
    )


def _similar(report: Report) -> list[str]:
    rows = similar_rows(report)
    return _table(SIMILAR_HEADERS, [[md(c) for c in row] for row in rows]) if rows else []


def _sources(report: Report) -> list[str]:
    if not report.sources:
        return []
    rows = []
    for s in report.sources:
        retrieved = when_text(s.retrieved_at) + (" **(stale)**" if s.stale else "")
        licence = md(s.licence) + (f" ({md(s.note)})" if s.note else "")
        rows.append([_link(s.name, s.url), licence, retrieved])
    return _table(("Source", "Licence and credit", "Retrieved"), rows)


_BODIES: dict[str, Callable[[Report], list[str]]] = {
    "overview": _overview,
    "status": _status,
    "seasons": _seasons,
    "where_to_watch": _where_to_watch,
    "interest": lambda r: _series(r, "interest"),
    "buzz": lambda r: _series(r, "buzz"),
    "outlook": _outlook,
    "next_season": _next_season,
    "characters": _characters,
    "crew": _crew,
    "similar": _similar,
    "sources": _sources,
}


def _section(report: Report, section: Section) -> list[str]:
    out = ["", f"## {section.title}", ""]
    body = _BODIES[section.key](report)
    out += body
    if section.note:
        out += ["", f"_{md(section.note)}_" if section.empty else f"_Note: {md(section.note)}_"]
    return out


def render_md(report: Report) -> str:
    """The whole report as one Markdown document."""
    lines = [f"# {md(heading(report))}", "", md(generated_text(report))]
    for section in sections(report):
        lines += _section(report, section)
    # Collapse the blank lines a section with an empty body leaves behind.
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip() + "\n"
