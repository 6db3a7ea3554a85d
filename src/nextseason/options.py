"""Command-line options shared by commands defined in several modules (click only)."""

from __future__ import annotations

import click

__all__ = ["db_option", "year_option"]

db_option = click.option(
    "--db",
    "db",
    default=None,
    metavar="URL|PATH",
    help="Catalog database: an SQLAlchemy URL or a SQLite file path. "
    "Default: NEXTSEASON_DB, else SQLite in the user data directory.",
)
year_option = click.option(
    "--year",
    type=click.IntRange(1900, 2100),
    default=None,
    help="Only shows that premiered in this year.",
)
