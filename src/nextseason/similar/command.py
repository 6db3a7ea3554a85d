"""``nextseason similar TITLE``: the shows a fan of TITLE would pick next, and why.

A thin command over :func:`nextseason.similar.recommend.recommend`: the report's section 11
and the JSON use the same code. The CLI's helpers (settings, opening the catalog, finding a
title) are imported when the command runs, so importing this module costs nothing.
"""

from __future__ import annotations

import json

import click

from nextseason.options import SHOW_ID, db_option, year_option

__all__ = ["similar"]

FORMATS = ("text", "json")


@click.command("similar")
@click.argument("title", required=False)
@click.option("--id", "show_id", type=SHOW_ID, default=None, help="The show's catalog id.")
@year_option
@click.option(
    "--platform",
    default=None,
    metavar="NAME",
    help="Only shows on this platform (original channel, catalog or provider), e.g. Netflix.",
)
@click.option(
    "--country",
    default=None,
    metavar="CC",
    help="Only shows known to stream in this country (two-letter code), e.g. US.",
)
@click.option(
    "--status",
    default=None,
    metavar="STATUS",
    help="Only shows with this status: a verdict (renewed, cancelled, ended, running, "
    "awaiting decision, in development, unknown) or a source's status (To Be Determined).",
)
@click.option(
    "--kind",
    default=None,
    metavar="KIND",
    help="Only shows of this kind: scripted, animation, reality, documentary, talk, sports, "
    "news (several comma-separated), or any. Default: the kind of TITLE.",
)
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="How many suggestions (at most 100: further down they would be padding).",
)
@click.option(
    "--format", "-f", "fmt", type=click.Choice(FORMATS), default="text", show_default=True
)
@db_option
def similar(
    title: str | None,
    show_id: int | None,
    year: int | None,
    platform: str | None,
    country: str | None,
    status: str | None,
    kind: str | None,
    limit: int,
    fmt: str,
    db: str | None,
) -> None:
    """Shows like TITLE that a fan would pick, each with why, where it streams and status."""
    from nextseason.catalog.similar_rows import SimilarRows
    from nextseason.cli_support import (
        find_or_fetch,
        need_show,
        open_catalog,
        settings_for,
        today_for,
    )
    from nextseason.similar.recommend import recommend

    need_show(title, show_id, 'nextseason similar "Ozark"')
    settings = settings_for(db)
    with open_catalog(settings) as catalog:
        entry = find_or_fetch(catalog, settings, title, year, show_id)
        result = recommend(
            SimilarRows(catalog),
            entry.id,
            limit=limit,
            platform=platform,
            country=country,
            status=status,
            kind=kind,
            today=today_for(settings),
        )
    if fmt == "json":
        payload = {
            "show": {"id": entry.id, "title": entry.title, "year": entry.year},
            "filters": {"platform": platform, "country": country, "status": status, "kind": kind},
            "similar": [e.model_dump(mode="json") for e in result.entries],
            "weaker": result.weaker,
            "note": result.note,
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    label = f"{entry.title} ({entry.year or 'year unknown'})"
    if result.entries:
        click.echo(f"Shows like {label}:")
    for rank, e in enumerate(result.entries, start=1):
        facts = [str(e.show.year or "year unknown")]
        facts.append(e.network or e.show.platform or "channel unknown")
        if e.kind:
            facts.append(e.kind)
        facts.append(f"status: {e.verdict or e.show.status or 'unknown'}")
        click.echo(f"{rank:>3}. {e.show.title} ({', '.join(facts)})  score {e.score:.2f}")
        if e.reasons:
            click.echo(f"     why: {'; '.join(e.reasons)}")
        if e.where:
            click.echo(f"     where: {'; '.join(e.where)}")
    if result.note:
        click.echo(f"note: {result.note}", err=bool(result.entries))
