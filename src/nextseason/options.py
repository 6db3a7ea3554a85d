"""Command-line options shared by commands defined in several modules (click only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

__all__ = [
    "SHOW_ID",
    "add_root_options",
    "db_option",
    "json_output",
    "offline_requested",
    "root_options",
    "verbosity",
    "year_option",
]

db_option = click.option(
    "--db",
    "db",
    default=None,
    metavar="URL|PATH",
    help="Catalog database: an SQLAlchemy URL or a SQLite file path. "
    "Default: NEXTSEASON_DB, else SQLite in the user data directory.",
)
#: A catalog id, as ``--id`` takes it: ids are positive 32-bit integers (PostgreSQL's
#: INTEGER), so a larger number is a bad value, not an overflow deep in the database.
SHOW_ID = click.IntRange(1, 2_147_483_647)
year_option = click.option(
    "--year",
    type=click.IntRange(1900, 2100),
    default=None,
    help="Only shows that premiered in this year.",
)


# -- the root options, accepted before the command and after it ---------------------------
#
# `nextseason -v refresh X` and `nextseason refresh X -v` mean the same: the root options
# are added to every command (see :func:`add_root_options`), and each occurrence adds to
# what the root context holds, so the settings and the logging read one value.

#: Keys in the root context's ``meta``.
VERBOSITY = "nextseason.verbosity"  # -1 quiet, 0 default, 1 -v, 2 -vv
OFFLINE = "nextseason.offline"


def _root_meta(ctx: click.Context) -> dict[str, object]:
    return ctx.find_root().meta


def _on_verbose(ctx: click.Context, _param: click.Parameter, value: int) -> None:
    if value:
        meta = _root_meta(ctx)
        level = meta.get(VERBOSITY, 0)
        meta[VERBOSITY] = max(int(level) if isinstance(level, int) else 0, 0) + value
        _apply_verbosity(ctx)


def _on_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        _root_meta(ctx)[VERBOSITY] = -1
        _apply_verbosity(ctx)


def _on_offline(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        _root_meta(ctx)[OFFLINE] = True


def _apply_verbosity(ctx: click.Context) -> None:
    from nextseason.logs import configure

    configure(verbosity(ctx))


def verbosity(ctx: click.Context | None = None) -> int:
    """-1 with ``-q``, 0 by default, 1 with ``-v``, 2 with ``-vv`` (or ``-v -v``)."""
    ctx = ctx or click.get_current_context(silent=True)
    if ctx is None:
        return 0
    value = _root_meta(ctx).get(VERBOSITY, 0)
    return value if isinstance(value, int) else 0


def offline_requested(ctx: click.Context | None = None) -> bool:
    """Whether ``--offline`` was given, before or after the command."""
    ctx = ctx or click.get_current_context(silent=True)
    return ctx is not None and bool(_root_meta(ctx).get(OFFLINE))


def root_options() -> list[click.Option]:
    """The options every command accepts (new objects each call: click owns them)."""
    return [
        click.Option(
            ["--offline"],
            is_flag=True,
            expose_value=False,
            callback=_on_offline,
            help="Answer from the catalog and the HTTP cache only (also NEXTSEASON_OFFLINE=1).",
        ),
        click.Option(
            ["-v", "--verbose"],
            count=True,
            expose_value=False,
            callback=_on_verbose,
            help="Say more on standard error: -v retries and source timings, -vv also "
            "cache decisions and every HTTP request.",
        ),
        click.Option(
            ["-q", "--quiet"],
            is_flag=True,
            expose_value=False,
            callback=_on_quiet,
            help="Only errors on standard error (no warnings, notes or progress).",
        ),
    ]


#: Whether the command being run was asked for ``--format json`` (then its errors, too, are
#: JSON on standard error). Set while the options are parsed; reset by the CLI's entry point.
_json_output = False


def json_output() -> bool:
    """Whether the running command was given ``--format json``."""
    return _json_output


def reset_json_output() -> None:
    global _json_output
    _json_output = False


_Callback = Callable[[click.Context, click.Parameter, Any], Any]


def _noting_json(callback: _Callback | None) -> _Callback:
    def note(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        global _json_output
        if value == "json":
            _json_output = True
        return callback(ctx, param, value) if callback is not None else value

    return note


def add_root_options(command: click.Command) -> None:
    """Give ``command`` and every command below it the root options, and make each
    ``--format`` option note a JSON request (see :func:`json_output`)."""
    have = {opt for p in command.params for opt in getattr(p, "opts", ())}
    command.params.extend(o for o in root_options() if not set(o.opts) & have)
    for param in command.params:
        if isinstance(param, click.Option) and "--format" in param.opts:
            param.callback = _noting_json(param.callback)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            add_root_options(sub)
