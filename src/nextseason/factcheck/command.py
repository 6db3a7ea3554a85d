"""The ``nextseason factcheck`` command (registered in :mod:`nextseason.cli`).

Exit codes: 0 when no claim is contradicted (including an article with no claim), 10 when at
least one claim is contradicted (for CI: a draft that contradicts the catalog fails the
check), 2 for unusable input (missing, empty, binary, over 2 MB) or options, 3 when the
catalog cannot be opened; live-source failures only cost the lookup and a warning.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from nextseason.errors import UsageError
from nextseason.options import db_option

if TYPE_CHECKING:
    from nextseason.catalog import Catalog
    from nextseason.config import Settings

__all__ = ["CONTRADICTED_EXIT", "MAX_BYTES", "factcheck", "read_article"]

#: Exit code when some claim is contradicted.
CONTRADICTED_EXIT = 10
#: The largest article accepted, in bytes.
MAX_BYTES = 2 * 1024 * 1024
_FORMATS = ("text", "md", "json")
_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "md",
    ".markdown": "md",
    ".txt": "text",
}


def _decode(raw: bytes, name: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252;
    bytes that are no text at all are refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    head = raw[:65536]
    if b"\x00" in head:
        raise UsageError(
            f"{name} looks like a binary file, not an article",
            hint="give a text, Markdown or HTML file",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    if sample and controls / len(sample) > 0.02:
        raise UsageError(
            f"{name} looks like a binary file, not an article",
            hint="give a text, Markdown or HTML file",
        )
    return text


def read_article(path: str) -> tuple[str, str]:
    """The article's text and input format ("auto" unless the extension says); ``-`` reads
    standard input. Raises UsageError for a missing, unreadable, empty, binary or too large
    file."""
    name = "standard input" if path == "-" else path
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder; give an article file") from None
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise UsageError(
            f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB",
            hint="fact-check one article at a time",
        )
    text = _decode(raw, name)
    if not text.strip():
        raise UsageError(f"{name} is empty: there is nothing to fact-check")
    fmt = _EXTENSIONS.get(Path(path).suffix.casefold(), "auto") if path != "-" else "auto"
    return text, fmt


def _live_lookup(
    catalog: Catalog, settings: Settings, stack: contextlib.ExitStack
) -> Callable[[str], int | None] | None:
    """Looks unknown titles up on the live sources; None when offline."""
    if settings.offline:
        return None
    from nextseason.cli_support import http_client, make_refresher
    from nextseason.errors import ShowLookupError, SourceError

    client = stack.enter_context(http_client(settings))
    refresher = make_refresher(catalog, client, settings)

    def lookup(title: str) -> int | None:
        try:
            result = refresher.lookup_title(title)
        except ShowLookupError:
            return None
        except SourceError as exc:
            click.echo(f"warning: could not look {title!r} up live: {exc}", err=True)
            return None
        for warning in result.warnings:
            click.echo(f"warning: {title}: {warning}", err=True)
        return result.show_id if result.stored else None

    return lookup


@click.command("factcheck")
@click.argument("file", metavar="FILE")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(_FORMATS),
    default="text",
    show_default=True,
    help="text: a summary and every claim; md: the article annotated inline; json: spans "
    "for an editor.",
)
@click.option(
    "--input-format",
    type=click.Choice(("auto", "text", "md", "html")),
    default="auto",
    show_default=True,
    help="How to read FILE (auto: from its extension, else its content).",
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="The day the article was written: claims are checked as of then, and one that "
    "has changed since is marked outdated (default: the date the article states, else today).",
)
@db_option
def factcheck(
    file: str, fmt: str, input_format: str, as_of: datetime | None, db: str | None
) -> None:
    """Fact-check an article draft (FILE, or - for standard input) against the catalog.

    Each claim about a show (platform, seasons, episodes, premiere, status, cast, creators,
    directors, source material) is marked supported, contradicted (with the catalog's
    value, source and date), outdated (true when the article was written, changed since:
    what and when) or unverifiable (and why). The article's date comes from --as-of, its
    dateline or its page's meta tags; an article with none is checked as of today, and the
    output says so. Titles the catalog lacks are looked up on the live sources unless
    --offline. Exit 0 when nothing is contradicted, 10 when something is, 2 for unusable
    input.
    """
    from nextseason.cli_support import open_catalog, settings_for, today_for
    from nextseason.factcheck import check_article, render_markdown, render_text

    text, detected = read_article(file)
    source_format = detected if input_format == "auto" else input_format
    settings = settings_for(db)
    with contextlib.ExitStack() as stack:
        catalog = stack.enter_context(open_catalog(settings))
        lookup = _live_lookup(catalog, settings, stack)
        report = check_article(
            catalog,
            text,
            today=today_for(settings),
            as_of=as_of.date() if as_of is not None else None,
            source_format=source_format,
            lookup=lookup,
        )
    if fmt == "json":
        click.echo(report.model_dump_json(indent=2))
    elif fmt == "md":
        click.echo(render_markdown(report, text), nl=False)
    else:
        click.echo(render_text(report), nl=False)
    if report.summary.contradicted:
        raise SystemExit(CONTRADICTED_EXIT)
