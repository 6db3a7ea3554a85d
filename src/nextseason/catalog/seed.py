"""Copy the bundled catalog into a freshly migrated database of any kind (PostgreSQL too)."""

from __future__ import annotations

import contextlib
import gzip
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, create_engine, func, select, text

from nextseason.catalog.schema import metadata

__all__ = ["copy_bundled"]

BATCH = 5000


def copy_bundled(engine: Engine, bundled: Path, migrate: Callable[[Engine], None]) -> int:
    """Insert every row of the bundled catalog in one transaction; returns rows copied.

    ``migrate`` brings the bundled copy to the current schema first (the caller's, so that
    seeding does not import the module that opens catalogs).
    """
    fd, tmp = tempfile.mkstemp(suffix=".sqlite")
    try:
        with os.fdopen(fd, "wb") as out, gzip.open(bundled, "rb") as src:
            shutil.copyfileobj(src, out, length=1 << 20)
        source = create_engine(f"sqlite:///{tmp}")
        # Bring an older bundled catalog to the current schema before copying its rows.
        migrate(source)
        copied = 0
        with source.connect() as src_conn, engine.begin() as dst:
            for table in metadata.sorted_tables:
                result = src_conn.execution_options(stream_results=True).execute(
                    select(table).order_by(*table.primary_key.columns)
                )
                while rows := result.fetchmany(BATCH):
                    dst.execute(table.insert(), [row._asdict() for row in rows])
                    copied += len(rows)
            if engine.dialect.name == "postgresql":
                for table in metadata.sorted_tables:
                    if "id" not in table.c:
                        continue
                    top = dst.execute(select(func.max(table.c.id))).scalar() or 0
                    dst.execute(
                        text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v, :called)"),
                        {"t": table.name, "v": max(top, 1), "called": top > 0},
                    )
        source.dispose()
        return copied
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
