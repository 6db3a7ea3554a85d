"""What the commands share: settings from the options, the catalog, the HTTP client, the
show a title means, today's date, output helpers.

Used by :mod:`nextseason.cli` and by the feature commands registered there (``similar``,
``factcheck``, ``outlook``, ``serve`` ...). Heavy modules are imported inside the functions, so
that ``nextseason --help`` stays quick.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from nextseason.errors import UsageError
from nextseason.logs import NOTE
from nextseason.options import offline_requested, verbosity

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
    "note",
    "open_catalog",
    "progress_bar",
    "say",
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
    if offline_requested():
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


log = logging.getLogger("nextseason.cli")


def warn(lines: list[str]) -> None:
    """Each line on standard error as a warning (``-q`` hides them)."""
    for line in lines:
        log.warning("%s", line)


def note(line: str) -> None:
    """A note on standard error (``note: ...``; ``-q`` hides it)."""
    log.log(NOTE, "%s", line)


def say(line: str) -> None:
    """A status line on standard error, without prefix (``wrote report.html``); ``-q``
    hides it."""
    log.log(NOTE, "%s", line, extra={"bare": True})


def quiet() -> bool:
    """Whether ``-q`` was given (no progress bars, no notes)."""
    return verbosity() < 0


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
    for line in found.notes:
        note(line)
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


@contextlib.contextmanager
def progress_bar(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on standard error while the block runs; yields ``done(n)`` to say how
    many of ``total`` are done. Off (``done`` does nothing) when standard error is not a
    terminal, with ``-q``, or for a single item."""
    from rich.progress import Progress

    console = make_console(stderr=True)
    with Progress(
        console=console,
        transient=True,
        disable=quiet() or not console.is_terminal or total < 2,
    ) as progress:
        task = progress.add_task(label, total=total)
        yield lambda done: progress.update(task, completed=done)


#: Width of tables written to a pipe or a file: wide enough that no row is cut or wrapped
#: (rich would otherwise assume 80 columns); a terminal's own width is used as it is.
PIPE_WIDTH = 10_000


def make_console(stderr: bool = False, *, full_width: bool = False) -> Console:
    """A Rich console for the commands' text output, as wide as the terminal. With
    ``full_width`` (tables of rows), output to a pipe or file is not cut at 80 columns: each
    row is written whole (``COLUMNS`` still wins when set)."""
    import sys

    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    piped = not (hasattr(stream, "isatty") and stream.isatty())
    width = PIPE_WIDTH if full_width and piped and not os.environ.get("COLUMNS") else None
    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)


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
