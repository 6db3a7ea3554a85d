"""A title index stored in the catalog, so that no process builds one before its first search.

- SQLite: ``title_grams``, an FTS5 table with the trigram tokenizer over each show's
  ``title_key`` padded as the search pads it (``"  the office "``: the padding marks where a
  title starts and ends), contentless (the titles are in ``shows``) and without positions
  (search asks for one trigram at a time), kept in step with ``shows`` by three triggers;
  ``title_grams_vocab`` gives each trigram's number of titles. A table rebuilt by a later
  migration (SQLite's copy-and-rename) loses its triggers: such a migration must create
  them again (tests/catalog/test_title_index.py checks a migrated catalog has them).
- PostgreSQL: the ``pg_trgm`` extension and a GIN trigram index on ``shows.title_key``.

A database that cannot have them (a SQLite built without FTS5, a PostgreSQL server without
pg_trgm) keeps working: the catalog then searches with an index built in memory, as before.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

PADDED_NEW = "'  ' || new.title_key || ' '"
PADDED_OLD = "'  ' || old.title_key || ' '"

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE title_grams USING fts5("
    "key, tokenize = 'trigram', content = '', detail = 'none')",
    "CREATE VIRTUAL TABLE title_grams_vocab USING fts5vocab(title_grams, 'row')",
    "INSERT INTO title_grams (rowid, key) SELECT id, '  ' || title_key || ' ' FROM shows",
    f"""CREATE TRIGGER shows_title_grams_insert AFTER INSERT ON shows BEGIN
        INSERT INTO title_grams (rowid, key) VALUES (new.id, {PADDED_NEW});
    END""",
    f"""CREATE TRIGGER shows_title_grams_delete AFTER DELETE ON shows BEGIN
        INSERT INTO title_grams (title_grams, rowid, key) VALUES ('delete', old.id, {PADDED_OLD});
    END""",
    f"""CREATE TRIGGER shows_title_grams_update AFTER UPDATE OF id, title_key ON shows
    WHEN old.title_key IS NOT new.title_key OR old.id IS NOT new.id BEGIN
        INSERT INTO title_grams (title_grams, rowid, key) VALUES ('delete', old.id, {PADDED_OLD});
        INSERT INTO title_grams (rowid, key) VALUES (new.id, {PADDED_NEW});
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS shows_title_grams_update",
    "DROP TRIGGER IF EXISTS shows_title_grams_delete",
    "DROP TRIGGER IF EXISTS shows_title_grams_insert",
    "DROP TABLE IF EXISTS title_grams_vocab",
    "DROP TABLE IF EXISTS title_grams",
]
PG_INDEX = "ix_shows_title_key_trgm"


def _try(statements: list[str]) -> None:
    """Run ``statements`` all or none: a database without the feature keeps its catalog."""
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            for statement in statements:
                bind.exec_driver_sql(statement)
    except sa.exc.DBAPIError:
        pass


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _try(SQLITE_CREATE)
    elif op.get_bind().dialect.name == "postgresql":
        _try(
            [
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                f"CREATE INDEX {PG_INDEX} ON shows USING gin (title_key gin_trgm_ops)",
            ]
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DROP:
            op.execute(statement)
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
