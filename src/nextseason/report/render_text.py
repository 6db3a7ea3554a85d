"""The report for a terminal (Rich, colour where supported) or as plain text.

All data goes into :class:`rich.text.Text` objects, never into markup strings, so a title
or summary containing ``[bold]`` or escape sequences prints as itself.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from nextseason.model import EpisodeInfo, Report
from nextseason.report.views import (
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

__all__ = ["MAX_EPISODES_SHOWN", "render_text", "renderables"]

#: The terminal lists only the latest episodes; the other formats list all the report holds.
MAX_EPISODES_SHOWN = 12

VERDICT_STYLES = {
    "renewed": "bold green",
    "running": "bold green",
    "in development": "bold cyan",
    "awaiting decision": "bold yellow",
    "cancelled": "bold red",
    "ended": "bold blue",
    "unknown": "bold magenta",
}
HEADING_STYLE = "bold cyan"
_PERIODS = {"day": "daily", "week": "weekly", "half-year": "half-yearly", "month": "monthly"}
SOURCE_STYLE = "dim"
NOTE_STYLE = "italic yellow"


def _fact(view: FactView) -> Text:
    return Text.assemble(view.text, " ", (f"[{view.label}]", SOURCE_STYLE))


def _note(text: str) -> Text:
    return Text(text, style=NOTE_STYLE)


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], sources: Sequence[str] | None = None
) -> RenderableType:
    """A table of plain strings; a source shared by every row goes in the caption."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", pad_edge=False)
    shared = sources is not None and len(set(sources)) == 1
    cols = list(headers) + (["Source"] if sources is not None and not shared else [])
    for col in cols:
        table.add_column(col, overflow="fold")
    for i, row in enumerate(rows):
        cells = [Text(cell) for cell in row]
        if sources is not None and not shared:
            cells.append(Text(sources[i], style=SOURCE_STYLE))
        table.add_row(*cells)
    if sources and shared:
        table.caption = Text(f"Source: {sources[0]}", style=SOURCE_STYLE)
        table.caption_justify = "left"
    return table


def _overview(report: Report) -> list[RenderableType]:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for label, facts in overview_rows(report):
        grid.add_row(label, Text("\n").join(_fact(f) for f in facts))
    ids = external_ids_text(report)
    if ids:
        grid.add_row("IDs", Text(clean(ids)))
    return [grid] if grid.row_count else []


def _status(report: Report) -> list[RenderableType]:
    status, names = report.status, source_names(report)
    style = VERDICT_STYLES.get(status.verdict, "bold")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("Basis", Text(basis_text(status, names)))
    grid.add_row("Why", Text(clean(status.reason)))
    if status.source:
        grid.add_row("Source", Text(names.get(status.source, status.source)))
    grid.add_row("Confidence", Text(confidence_text(status)))
    grid.add_row("Evidence", Text(clean(evidence_text(status))))
    panel = Panel(
        Group(Text(verdict_line(status).upper(), style=style), Text(), grid),
        border_style=style.replace("bold ", ""),
        expand=False,
    )
    out: list[RenderableType] = [panel]
    if status.readings:
        out.append(Text("What each source says", style="bold"))
        out.append(
            _table(
                ("Source", "Says", "As of"),
                [
                    [names.get(r.source, r.source), clean(r.says), when_text(r.as_of)]
                    for r in status.readings
                ],
            )
        )
    return out


def _episode_rows(episodes: Sequence[EpisodeInfo]) -> list[list[str]]:
    return [
        [
            episode_code(e.season, e.number),
            clean(e.title or ""),
            when_text(e.airdate),
            str(e.runtime or ""),
            clean(e.summary or ""),
        ]
        for e in episodes
    ]


def _episode_line(ep: EpisodeInfo, names: dict[str, str]) -> Text:
    bits = [episode_code(ep.season, ep.number)]
    if ep.title:
        bits.append(f"“{clean(ep.title)}”")
    if ep.airdate:
        bits.append(f"aired {ep.airdate.isoformat()}")
    return Text.assemble(
        " ".join(bits), " ", (f"[{names.get(ep.source, ep.source)}]", SOURCE_STYLE)
    )


def _seasons(report: Report) -> list[RenderableType]:
    sec, names = report.seasons, source_names(report)
    out: list[RenderableType] = []
    if sec.seasons_known:
        known = sec.seasons_known
        view = fact_view(known.value, known.source, known.as_of, names)
        out.append(Text.assemble(("Seasons known to exist: ", "bold"), _fact(view)))
    for listed in sec.seasons_listed:
        view = fact_view(listed.value, listed.source, listed.as_of, names)
        out.append(Text.assemble(("Catalog listing: ", "bold"), _fact(view)))
    if sec.seasons:
        rows = [
            [
                str(s.number),
                value_text(s.episodes) or "?",
                str(s.episodes_in_catalog),
                season_first_text(s),
                when_text(s.last_aired),
                value_text(s.runtime, "min"),
            ]
            for s in sec.seasons
        ]
        headers = ("Season", "Episodes", "In catalog", "First aired", "Last aired", "Runtime")
        out.append(_table(headers, rows, [names.get(s.source, s.source) for s in sec.seasons]))
    if sec.next_date:
        nd = fact_view(sec.next_date.value, sec.next_date.source, sec.next_date.as_of, names)
        out.append(Text.assemble(("Next episode: ", "bold"), _fact(nd)))
    if sec.finale:
        out.append(Text.assemble(("Latest finale: ", "bold"), _episode_line(sec.finale, names)))
    if sec.episodes:
        shown = sec.episodes[-MAX_EPISODES_SHOWN:]
        hidden = len(sec.episodes) - len(shown)
        title = "Episodes" if not hidden else f"Episodes (the latest {len(shown)})"
        out.append(Text(title, style="bold"))
        out.append(
            _table(
                ("Episode", "Title", "Aired", "Min", "Summary"),
                _episode_rows(shown),
                [names.get(e.source, e.source) for e in shown],
            )
        )
        if hidden:
            out.append(
                Text(
                    f"… and {hidden} earlier episode{'s' * (hidden != 1)} not shown here "
                    f"({len(sec.episodes)} in this report; the md, html and json formats "
                    "list them all).",
                    style=SOURCE_STYLE,
                )
            )
    return out


def _where_to_watch(report: Report) -> list[RenderableType]:
    sec, names = report.where_to_watch, source_names(report)
    out: list[RenderableType] = [
        Text.assemble(("Countries asked: ", "bold"), clean(", ".join(sec.countries)) or "none")
    ]
    if sec.entries:
        rows = [
            [clean(e.platform), clean(e.how), clean(e.country or "any"), when_text(e.as_of)]
            for e in sec.entries
        ]
        out.append(
            _table(
                ("Platform", "How", "Country", "As of"),
                rows,
                [names.get(e.source, e.source) for e in sec.entries],
            )
        )
    return out


def _series(report: Report, key: str) -> list[RenderableType]:
    section = report.interest if key == "interest" else report.buzz
    out: list[RenderableType] = []
    for what, period, points, span, peak, latest, source in series_rows(report, key):
        out.append(
            Text.assemble(
                ("• ", "bold"),
                (what, "bold"),
                f": {points} {_PERIODS.get(period, period)} point{'s' * (points != '1')}, {span}; "
                f"peak {peak}; latest {latest} ",
                (f"[{source}]", SOURCE_STYLE),
            )
        )
    if section.reading:
        out.append(Text("Reading", style="bold"))
    for sentence in section.reading:
        out.append(Text(clean(sentence)))
    if section.threads:
        out.append(Text("Busiest threads", style="bold"))
    for th in section.threads:
        bits = [
            b
            for b in (
                th.where,
                f"{th.score} points" if th.score is not None else None,
                f"{th.comments} comments" if th.comments is not None else None,
                th.day.isoformat() if th.day else None,
            )
            if b
        ]
        out.append(Text(f"• {clean(th.title)} ({', '.join(bits)}) {clean(th.url)}"))
    return out


def _outlook(report: Report) -> list[RenderableType]:
    rows = outlook_rows(report)
    if not rows:
        return []
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for key, value in rows:
        grid.add_row(Text(key), Text(value))
    return [grid]


def _next_season(report: Report) -> list[RenderableType]:
    sec, names = report.next_season, source_names(report)
    out: list[RenderableType] = []
    if sec.finale:
        out.append(Text.assemble(("Finale: ", "bold"), _episode_line(sec.finale, names)))
        if sec.finale.summary:
            out.append(Text(f"  “{clean(sec.finale.summary)}”", style="italic"))
    if sec.open_threads:
        src = names.get(sec.finale.source, sec.finale.source) if sec.finale else None
        label = "Open threads, quoted from the last episodes' summaries"
        out.append(Text.assemble((label, "bold"), (f" [{src}]" if src else "", SOURCE_STYLE)))
        for thread in sec.open_threads:
            out.append(Text(f"• “{clean(thread)}”"))
    return out


def _characters(report: Report) -> list[RenderableType]:
    if not report.characters:
        return []
    names = source_names(report)
    rows = [
        [clean(c.actor), clean(c.character or ""), value_text(c.episodes)]
        for c in report.characters
    ]
    sources = [names.get(c.source, c.source) for c in report.characters]
    return [_table(("Actor", "Character", "Episodes"), rows, sources)]


def _crew(report: Report) -> list[RenderableType]:
    if not report.crew:
        return []
    names = source_names(report)
    rows = [[clean(c.name), clean(c.role)] for c in report.crew]
    return [_table(("Name", "Role"), rows, [names.get(c.source, c.source) for c in report.crew])]


def _similar(report: Report) -> list[RenderableType]:
    rows = similar_rows(report)
    return [_table(SIMILAR_HEADERS, rows)] if rows else []


def _sources(report: Report) -> list[RenderableType]:
    if not report.sources:
        return []
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", pad_edge=False)
    table.add_column("Source and licence", max_width=40)
    table.add_column("Retrieved", no_wrap=True)
    table.add_column("Link", overflow="fold")
    for s in report.sources:
        url = safe_url(s.url)
        name = Text.assemble((clean(s.name), "bold"), "\n", (clean(s.licence), SOURCE_STYLE))
        if s.note:
            name.append("\n" + clean(s.note), style="italic")
        retrieved = Text(when_text(s.retrieved_at))
        if s.stale:
            retrieved.append("\nSTALE", style="bold red")
        link = Text(url, style=Style(link=url)) if url else Text(clean(s.url), style=SOURCE_STYLE)
        table.add_row(name, retrieved, link)
    return [table]


_BODIES: dict[str, Callable[[Report], list[RenderableType]]] = {
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


def _section(report: Report, section: Section) -> list[RenderableType]:
    out: list[RenderableType] = [
        Text(),
        Rule(Text(section.title, style=HEADING_STYLE), align="left", style="cyan"),
    ]
    out.extend(_BODIES[section.key](report))
    if section.note:
        out.append(_note(section.note if section.empty else f"Note: {section.note}"))
    return out


def renderables(report: Report) -> list[RenderableType]:
    """The whole report as Rich renderables, one section after another."""
    out: list[RenderableType] = [
        Text(heading(report), style="bold"),
        Text(generated_text(report), style=SOURCE_STYLE),
    ]
    for section in sections(report):
        out.extend(_section(report, section))
    return out


def render_text(report: Report, *, width: int = 100) -> str:
    """The report as plain text ``width`` columns wide: no colour, no escape codes."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system=None,
        force_terminal=False,
        force_jupyter=False,
        force_interactive=False,
        no_color=True,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    for item in renderables(report):
        console.print(item)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
