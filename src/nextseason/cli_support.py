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
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from nextseason.errors import UsageError
from nextseason.logs import NOTE
from nextseason.options import offline_requested, verbosity

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from nextseason.catalog import Catalog, TitleEntry
    from nextseason.config import Settings
    from nextseason.refresh.refresher import Refresher
    from nextseason.sources.http import HttpClient

__all__ = [
    "atomic_write",
    "complete_watched_title",
    "db_url",
    "find_or_fetch",
    "http_client",
    "make_console",
    "make_refresher",
    "need_extra",
    "need_show",
    "note",
    "open_catalog",
    "print_table",
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
        settings = settings.with_overrides(db_url=db_url(db))
    if offline_requested():
        settings = settings.with_overrides(offline=True)
    return settings


#: What a SQLite catalog's file name ends with, so that a mistyped URL is not taken for one.
SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def db_url(value: str) -> str:
    """``--db`` as a database URL: a URL as given, or a SQLite file. A value that is neither
    a URL nor a path ending in .sqlite or .db is a usage error, unless it names an existing
    file: a typo must not create a catalog of that name in the current folder."""
    if "://" in value:
        return value  # checked when the catalog is opened (so is NEXTSEASON_DB)
    path = Path(value).expanduser()
    if path.suffix.lower() not in SQLITE_SUFFIXES and not path.is_file():
        raise UsageError(
            f"--db {value!r} is neither a database URL nor a SQLite file: a new catalog's "
            f"file name ends in {' or '.join(SQLITE_SUFFIXES)}",
            hint="e.g. --db catalog.sqlite or --db postgresql+psycopg://user@host/name",
        )
    return f"sqlite:///{path.resolve()}"


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
    """The catalog the settings name (its default folder is created on first use); its
    candidate lists name every source, live ones included."""
    from nextseason.app import judging
    from nextseason.catalog import Catalog
    from nextseason.sources.names import source_info

    # The default catalog's folder is ours to create; a folder the user named must exist.
    return Catalog.open(
        settings.db_url,
        timeout=settings.db_timeout,
        create_folder=settings.default_catalog,
        source_info=source_info,
        judging=judging(lambda: today_for(settings)),
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

    from nextseason.config import columns_fixed

    stream = sys.stderr if stderr else sys.stdout
    piped = not (hasattr(stream, "isatty") and stream.isatty())
    width = PIPE_WIDTH if full_width and piped and not columns_fixed() else None
    return _quiet_on_broken_pipe(Console)(
        stderr=stderr, highlight=False, soft_wrap=False, width=width
    )


def _quiet_on_broken_pipe(console: type[Console]) -> type[Console]:
    """Rich exits 1 when the reader of its output goes away (``| head``); ours raises
    BrokenPipeError, which :func:`nextseason.cli.main` ends quietly with exit 0."""

    class QuietConsole(console):  # type: ignore[misc, valid-type]
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    return QuietConsole


@contextlib.contextmanager
def atomic_write(path: Path) -> Iterator[Path]:
    """Write to a temp file beside ``path`` and move it in place only when complete.

    As ``cp`` does, an existing file keeps its mode and a new one gets the usual mode (the
    umask's), and a read-only file is not replaced. Any folder or file that cannot be
    written is a usage error naming it.
    """
    if not path.parent.exists():
        raise UsageError(f"the folder for {path} does not exist")
    try:
        current: os.stat_result | None = path.stat()
    except FileNotFoundError:
        current = None
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if current is not None:
        if not stat.S_ISREG(current.st_mode):
            raise UsageError(f"cannot write {path}: it is not a regular file")
        if not current.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
            raise UsageError(
                f"{path} is read-only; nothing was written",
                hint="choose another file, or make it writable first",
            )
        mode = stat.S_IMODE(current.st_mode)
    else:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        os.fchmod(fd, mode)
        os.close(fd)
        yield Path(tmp)
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise _cannot_write(path, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _cannot_write(path: Path, exc: OSError) -> UsageError:
    return UsageError(f"cannot write {path}: {exc.strerror or exc}")


def print_table(table: Table) -> None:
    """A table of rows on standard output: as wide as the terminal, or each row whole
    (without trailing padding) when piped."""
    console = make_console(full_width=True)
    if console.is_terminal:
        console.print(table)
        return
    with console.capture() as captured:
        console.print(table)
    click.echo("\n".join(line.rstrip() for line in captured.get().splitlines()))


def complete_watched_title(
    ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[click.shell_completion.CompletionItem]:
    """Shell completion of a TITLE argument: the watched shows whose title starts with what
    was typed (case-insensitive), from the catalog ``--db`` or the settings name. Never an
    error: a catalog that cannot be read completes nothing."""
    from click.shell_completion import CompletionItem

    try:
        from nextseason.catalog import Catalog
        from nextseason.catalog import watchlist as store

        settings = settings_for(ctx.params.get("db"))
        if settings.default_catalog and not (settings.home / "catalog.sqlite").exists():
            return []  # nothing watched yet, and no catalog to seed just for a completion
        with (
            Catalog.open(settings.db_url, seed=False, timeout=1.0) as catalog,
            catalog.connect() as conn,
        ):
            shows = store.watched(conn)
    except Exception:  # completion must never print a traceback into the shell
        return []
    typed = incomplete.casefold()
    return [
        CompletionItem(show.title, help=str(show.year or ""))
        for show in shows
        if show.title.casefold().startswith(typed)
    ]
