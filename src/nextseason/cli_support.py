"""What the commands share: settings from the options, the catalog, the HTTP client, the
show a title means, today's date, output helpers.

Used by :mod:`nextseason.cli` and by the feature commands registered there (``similar``,
``factcheck``, ``outlook``, ``serve`` ...). Heavy modules are imported inside the functions, so
that ``nextseason --help`` stays quick.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from nextseason.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from nextseason.catalog import Catalog, TitleEntry
    from nextseason.config import Settings
    from nextseason.refresh.refresher import Refresher
    from nextseason.sources.http import HttpClient

__all__ = [
    "atomic_write",
    "find_or_fetch",
    "http_client",
    "make_console",
    "make_refresher",
    "need_extra",
    "need_show",
    "open_catalog",
    "settings_for",
    "today_for",
    "warn",
]


def settings_for(db: str | None) -> Settings:
    """The settings (environment, config file), with ``--db`` and the root ``--offline``."""
    from nextseason.config import load_settings

    settings = load_settings()
    if db:
        url = db if "://" in db else f"sqlite:///{Path(db).expanduser().resolve()}"
        settings = settings.with_overrides(db_url=url)
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.find_root().params.get("offline"):
        settings = settings.with_overrides(offline=True)
    return settings


def http_client(settings: Settings) -> HttpClient:
    """An HTTP client for the live sources, offline when the settings say so."""
    from nextseason.refresh import open_client

    return open_client(settings)


def make_refresher(
    catalog: Catalog,
    client: HttpClient,
    settings: Settings,
    sources: Iterable[str] | None = None,
) -> Refresher:
    """A refresher of catalog shows from the live sources, with the configured keys."""
    from nextseason.refresh import refresher_for

    return refresher_for(catalog, client, settings, today=today_for(settings), sources=sources)


def warn(lines: list[str]) -> None:
    """Each line on standard error, as a warning."""
    for line in lines:
        click.echo(f"warning: {line}", err=True)


def need_show(title: str | None, show_id: int | None, example: str | None = None) -> None:
    """A usage error unless the command was given a title or ``--id``."""
    if title is None and show_id is None:
        raise UsageError("name a show, or pass --id", hint=f"e.g. {example}" if example else None)


def need_extra(extra: str, modules: Iterable[str], what: str) -> None:
    """A usage error naming the extra to install when a module ``what`` needs is missing.

    The web server and the PNG charts live behind extras (``nextseason[web]``,
    ``nextseason[charts]``) so the default install stays light; this is their one message.
    """
    from importlib.util import find_spec

    missing = [name for name in modules if find_spec(name) is None]
    if missing:
        raise UsageError(
            f"{what} needs {', '.join(missing)}, not installed here",
            hint=f'install it with: pip install "nextseason[{extra}]"',
        )


def find_or_fetch(
    catalog: Catalog, settings: Settings, title: str | None, year: int | None, show_id: int | None
) -> TitleEntry:
    """The show a title means (see :func:`nextseason.app.find_or_fetch`); its warnings and
    notes go to standard error."""
    from nextseason.app import find_or_fetch as find

    found = find(catalog, settings, title, year, show_id, today=today_for(settings))
    warn(found.warnings)
    for note in found.notes:
        click.echo(f"note: {note}", err=True)
    return found.entry


def open_catalog(settings: Settings) -> Catalog:
    """The catalog the settings name (its default folder is created on first use)."""
    from nextseason.catalog import Catalog

    # The default catalog's folder is ours to create; a folder the user named must exist.
    return Catalog.open(
        settings.db_url, timeout=settings.db_timeout, create_folder=settings.default_catalog
    )


def today_for(settings: Settings) -> date:
    """Today, or the date ``NEXTSEASON_TODAY`` fixes (for reproducible reports)."""
    if not settings.today:
        return date.today()
    try:
        return date.fromisoformat(settings.today)
    except ValueError:
        raise UsageError(f"NEXTSEASON_TODAY must be YYYY-MM-DD, got {settings.today!r}") from None


def make_console(stderr: bool = False) -> Console:
    """A Rich console for the commands' text output."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


@contextlib.contextmanager
def atomic_write(path: Path) -> Iterator[Path]:
    """Write to a temp file beside ``path`` and move it in place only when complete."""
    if not path.parent.exists():
        raise UsageError(f"the folder for {path} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
