"""Opening a catalog: engine, schema migrations, first-use seeding, and database errors.

A catalog is any SQLAlchemy URL. On first use it is migrated to the newest schema with
Alembic and seeded from the bundled catalog that ships inside the package, so a fresh
install answers offline. Alembic is imported only when a migration has to run: checking
the schema revision is one small query.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from nextseason.errors import (
    CatalogCorrupt,
    CatalogError,
    CatalogLocked,
    CatalogMissing,
    CatalogTooNew,
    UsageError,
)

if TYPE_CHECKING:
    from nextseason.catalog.verdicts import Judging

__all__ = [
    "SCHEMA_REVISION",
    "bundled_catalog_path",
    "create_catalog_engine",
    "db_errors",
    "ensure_schema",
    "sqlite_path",
]

#: The Alembic head this code expects; a test checks it against the migration scripts.
SCHEMA_REVISION = "0010"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def bundled_catalog_path() -> Path:
    """The gzipped SQLite catalog shipped inside the package."""
    return Path(str(resources.files("nextseason.data") / "catalog.sqlite.gz"))


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _describe(url: str) -> str:
    path = sqlite_path(url)
    return str(path) if path else make_url(url).render_as_string(hide_password=True)


@contextlib.contextmanager
def db_errors(url: str) -> Iterator[None]:
    """Turn driver errors into the catalog errors a user can act on."""
    where = _describe(url)
    try:
        yield
    except DBAPIError as exc:
        raise _translate(exc, where) from None
    except sqlite3.DatabaseError as exc:
        raise _translate(exc, where) from None


def _translate(exc: BaseException, where: str) -> CatalogError:
    message = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    low = message.lower()
    if "locked" in low or "busy" in low:
        return CatalogLocked(
            f"the catalog at {where} is locked by another process",
            hint="wait for it to finish, or raise NEXTSEASON_DB_TIMEOUT",
        )
    if "not a database" in low or "malformed" in low or "no such table" in low:
        return CatalogCorrupt(
            f"the catalog at {where} is damaged ({message})",
            hint=f"move it aside (mv {where} {where}.bak) and nextseason will "
            "start a new one from the bundled catalog",
        )
    if "database" in low and "does not exist" in low:
        return CatalogMissing(
            f"the database of the catalog at {where} does not exist",
            hint="create it (e.g. createdb), or fix the URL in --db / NEXTSEASON_DB",
        )
    if "authentication failed" in low or ("role" in low and "does not exist" in low):
        return CatalogError(
            f"the database server refused the login for the catalog at {where}",
            hint="check the user and password in --db / NEXTSEASON_DB",
        )
    if any(
        words in low
        for words in (
            "unable to open",
            "could not connect",
            "connection refused",
            "connection failed",
        )
    ):
        return CatalogMissing(
            f"cannot reach the catalog at {where}",
            hint="is the database server running? check the URL in --db / NEXTSEASON_DB",
        )
    if "server closed the connection" in low or "terminating connection" in low:
        return CatalogError(
            f"the database server at {where} went away; nothing was half-written",
            hint="try again when it is back",
        )
    return CatalogError(f"catalog error at {where}: {message}")


def create_catalog_engine(url: str, *, timeout: float = 5.0) -> Engine:
    """An engine with the pragmas the catalog relies on (foreign keys, a lock timeout)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UsageError(
            f"not a database URL: {url!r}", hint="e.g. sqlite:///catalog.sqlite"
        ) from None
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": timeout})

            @event.listens_for(engine, "connect")
            def _pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA foreign_keys=ON")
                cur.close()

            return engine
        return create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise UsageError(f"no database driver for {parsed.drivername}: {exc}") from None


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
        if "alembic_version" not in names:
            if names - {"sqlite_sequence"}:
                raise CatalogCorrupt(
                    f"{_describe(str(engine.url))} holds tables but is not a nextseason catalog",
                    hint="point --db / NEXTSEASON_DB at a new file or an empty database",
                )
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def migrate(engine: Engine, revision: str = "head", *, judging: Judging | None = None) -> None:
    """Run Alembic migrations up to ``revision`` on the engine's database (``judging``: the
    verdict rules, for the migration that stores every show's verdict)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        cfg.attributes["judging"] = judging
        command.upgrade(cfg, revision)


def _known_revisions() -> set[str]:
    return {p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("*.py")}


def _seed_sqlite_file(path: Path, bundled: Path) -> None:
    """Unpack the bundled catalog next to ``path`` and move it in place atomically."""
    fd, tmp = tempfile.mkstemp(prefix=".catalog-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out, gzip.open(bundled, "rb") as src:
            shutil.copyfileobj(src, out, length=1 << 20)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def ensure_schema(
    url: str,
    *,
    seed: bool = True,
    timeout: float = 5.0,
    create_folder: bool = False,
    judging: Judging | None = None,
) -> Engine:
    """Open the catalog at ``url``, creating, migrating and seeding it as needed.

    ``create_folder`` makes the SQLite file's folder if it is missing (for the default
    location in the user data directory; a folder the user named must exist).
    """
    bundled = bundled_catalog_path()
    path = sqlite_path(url)
    if path is not None:
        if create_folder:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise CatalogMissing(f"cannot create the folder {path.parent}: {exc}") from None
        if not path.parent.exists():
            raise CatalogMissing(
                f"the folder for the catalog does not exist: {path.parent}",
                hint="create it, or choose another path with --db / NEXTSEASON_DB",
            )
        if path.is_dir():
            raise UsageError(f"the catalog path is a folder, not a file: {path}")
        if seed and (not path.exists() or path.stat().st_size == 0) and bundled.exists():
            try:
                _seed_sqlite_file(path, bundled)
            except OSError as exc:
                raise CatalogMissing(f"cannot create the catalog at {path}: {exc}") from None
    engine = create_catalog_engine(url, timeout=timeout)
    with db_errors(url):
        revision = _current_revision(engine)
        if revision == SCHEMA_REVISION:
            return engine
        if revision is not None and revision not in _known_revisions():
            raise CatalogTooNew(
                f"the catalog at {_describe(url)} has schema {revision}, "
                "made by a newer nextseason",
                hint="upgrade nextseason, or use another catalog with --db",
            )
        migrate(engine, judging=judging)
        if revision is None and seed and bundled.exists():
            from nextseason.catalog.seed import copy_bundled

            copy_bundled(engine, bundled, migrate)
    return engine


def check_integrity(engine: Engine) -> list[str]:
    """Problems found by the database's own integrity check (SQLite) and basic counts."""
    problems: list[str] = []
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                rows = conn.execute(text("PRAGMA integrity_check")).scalars().all()
                problems.extend(r for r in rows if r != "ok")
            conn.execute(select(text("1"))).all()
    except SQLAlchemyError as exc:
        problems.append(str(exc).splitlines()[0])
    return problems


def vacuum_sqlite(path: Path) -> None:
    """Rebuild a closed SQLite catalog file compactly (the bundled build ships it)."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("VACUUM")


def backup_sqlite(engine: Engine, target: Path) -> int:
    """A consistent copy of a SQLite catalog (SQLite's online backup), written atomically.

    PostgreSQL catalogs are backed up with the server's own tools (pg_dump).
    """
    if engine.dialect.name != "sqlite":
        raise UsageError(
            "db backup copies SQLite catalogs; back up PostgreSQL with pg_dump",
            hint="e.g. pg_dump --format=custom --file catalog.dump DBNAME",
        )
    if not target.parent.is_dir():
        raise UsageError(f"the folder for the backup does not exist: {target.parent}")
    if target.exists() and target.is_dir():
        raise UsageError(f"the backup target is a folder: {target}")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        raw = engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            with contextlib.closing(sqlite3.connect(tmp)) as copy:
                source.backup(copy)
        finally:
            raw.close()
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target.stat().st_size
