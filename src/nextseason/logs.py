"""The command line's one logging handler: every message on standard error with the CLI's
prefix (``warning:``, ``note:``, ``info:``, ``debug:``), at the level ``-q``/``-v``/``-vv`` ask.

The library only logs (``logging.getLogger(__name__)``); the CLI calls :func:`configure`
once at start-up and again whenever a verbosity option is parsed. What is logged where:

    -q        errors only (each command's own ``error:`` line)
    default   warnings (a source that failed, an HTTP cache turned off) and notes
    -v        also retries, each live source's time per show, the webhook's retries
    -vv       also cache decisions (hit, revalidated, miss) and httpx's request lines

Messages are written with :func:`click.echo` at emit time, so they follow ``sys.stderr``
wherever it points (a pipe, a test's capture).
"""

from __future__ import annotations

import logging

import click

__all__ = ["NOTE", "configure", "level_for"]

#: Between INFO and WARNING: what the CLI says by default that is not a warning.
NOTE = 25
logging.addLevelName(NOTE, "NOTE")

_PREFIX = {
    logging.DEBUG: "debug: ",
    logging.INFO: "info: ",
    NOTE: "note: ",
    logging.WARNING: "warning: ",
    logging.ERROR: "error: ",
    logging.CRITICAL: "error: ",
}
#: Loggers the handler is attached to: ours, and httpx's request lines at -vv.
_OURS = "nextseason"
_HTTPX = "httpx"


class CliHandler(logging.Handler):
    """One line per record on standard error, prefixed by its level; ``extra={"bare":
    True}`` leaves the prefix out (a status line such as ``wrote report.html``)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = self.format(record)
            prefix = "" if getattr(record, "bare", False) else _PREFIX.get(record.levelno, "")
            click.echo(f"{prefix}{message}", err=True)
        except Exception:  # never let a log line break a command
            self.handleError(record)


def level_for(verbosity: int) -> int:
    """The lowest level shown: -1 (``-q``) errors, 0 notes, 1 (``-v``) info, 2+ debug."""
    if verbosity < 0:
        return logging.ERROR
    return {0: NOTE, 1: logging.INFO}.get(verbosity, logging.DEBUG)


def configure(verbosity: int = 0) -> None:
    """Attach the one handler (once) and set the levels for ``verbosity``."""
    level = level_for(verbosity)
    for name, wanted in ((_OURS, level), (_HTTPX, logging.INFO if verbosity >= 2 else None)):
        logger = logging.getLogger(name)
        handler = next((h for h in logger.handlers if isinstance(h, CliHandler)), None)
        if wanted is None:
            if handler is not None:
                logger.removeHandler(handler)
            logger.setLevel(logging.NOTSET)
            continue
        if handler is None:
            handler = CliHandler()
            logger.addHandler(handler)
        logger.setLevel(wanted)
        handler.setLevel(wanted)
