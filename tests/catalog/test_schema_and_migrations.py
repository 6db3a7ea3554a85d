"""The catalog's schema comes from Alembic migrations and matches the models."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from nextseason.catalog import Catalog
from nextseason.catalog.db import MIGRATIONS_DIR, SCHEMA_REVISION
from nextseason.catalog.schema import metadata, modelled
from tests.conftest import fresh_database


def _context(conn: Connection) -> MigrationContext:
    """Alembic's view of the database, leaving out what the models cannot describe (the
    stored title index; tests/catalog/test_title_index.py checks it)."""
    return MigrationContext.configure(conn, opts={"include_name": modelled})


def test_code_expects_the_newest_migration() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(cfg).get_current_head() == SCHEMA_REVISION


def test_migrations_create_exactly_the_modelled_schema(backend: str, tmp_path: Path) -> None:
    with (
        fresh_database(backend, tmp_path) as url,
        Catalog.open(url, seed=False) as catalog,
        catalog.engine.connect() as conn,
    ):
        diff = compare_metadata(_context(conn), metadata)
    assert diff == []


def test_downgrading_and_upgrading_again_keeps_the_schema(backend: str, tmp_path: Path) -> None:
    from alembic import command

    with fresh_database(backend, tmp_path) as url, Catalog.open(url, seed=False) as catalog:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        with catalog.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
            command.upgrade(cfg, "head")
        with catalog.engine.connect() as conn:
            assert compare_metadata(_context(conn), metadata) == []


def test_first_use_seeds_from_the_bundled_catalog(tmp_path: Path) -> None:
    with Catalog.open(f"sqlite:///{tmp_path / 'c.sqlite'}") as catalog:
        counts = catalog.counts()
    assert counts["shows"] > 10_000
    assert counts["episodes"] > 1_000


def test_seeding_an_other_database_by_copy_gives_the_same_rows(tmp_path: Path) -> None:
    # A SQLite URI takes the migrate-then-copy path that PostgreSQL uses.
    copied = tmp_path / "copied.sqlite"
    with (
        Catalog.open(f"sqlite:///file:{copied}?uri=true") as a,
        Catalog.open(f"sqlite:///{tmp_path / 'unpacked.sqlite'}") as b,
    ):
        assert a.counts() == b.counts()
        one = a.title_index().entries[:50]
        two = b.title_index().entries[:50]
    assert one == two


def test_db_backup_copies_a_consistent_sqlite_catalog(tmp_path: Path) -> None:
    from nextseason.cli import main

    source = tmp_path / "c.sqlite"
    Catalog.open(f"sqlite:///{source}").close()
    with pytest.raises(SystemExit) as info:
        main(["db", "backup", str(tmp_path / "copy.sqlite"), "--db", str(source)])
    assert info.value.code == 0
    with (
        Catalog.open(f"sqlite:///{tmp_path / 'copy.sqlite'}") as copy,
        Catalog.open(f"sqlite:///{source}") as original,
    ):
        assert copy.counts() == original.counts()
    with pytest.raises(SystemExit) as info:
        main(["db", "backup", str(tmp_path / "missing" / "x.sqlite"), "--db", str(source)])
    assert info.value.code == 2


def test_db_check_reports_a_current_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from nextseason.cli import main

    with pytest.raises(SystemExit) as info:
        main(["db", "check", "--db", str(tmp_path / "c.sqlite")])
    assert info.value.code == 0
    assert "schema is current" in capsys.readouterr().out
