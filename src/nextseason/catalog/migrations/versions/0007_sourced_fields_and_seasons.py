"""Every fact names its own source: per-field provenance, one season row per source, merged
credits, status readings per season.

- ``shows.field_sources``: which provenance each reconciled field of the show row came from
  (``{"summary": 12, "year": 40}``); a field not named there comes from the row's own
  ``provenance_id``.
- ``seasons`` keeps one row per season *and source* (``source`` joins the unique key), so a
  season's premiere on its original channel, another platform's release of it
  (``release_platform``) and the first week a chart saw it (``seen_on``) each keep their
  own source instead of one overwriting the other.
- ``credits.sources``: the other provenances that list the same person in the same part,
  once credits of several sources are merged into one row per person.
- ``status_readings.season``: the season a reading is about (0: the whole show), part of the
  unique key, so one source can give a verdict per season (a renewal scorecard does).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: SQLite cannot alter a unique key in place: these tables are rebuilt from fixed DDL (see
#: migration 0002 for why not batch mode).
SQLITE_SEASONS = """
CREATE TABLE seasons (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    source VARCHAR(64) DEFAULT '' NOT NULL,
    episode_order INTEGER,
    premiere_date DATE,
    end_date DATE,
    release_platform VARCHAR(120),
    seen_on DATE,
    provenance_id INTEGER NOT NULL,
    CONSTRAINT pk_seasons PRIMARY KEY (id),
    CONSTRAINT fk_seasons_provenance_id_provenance
        FOREIGN KEY(provenance_id) REFERENCES provenance (id),
    CONSTRAINT fk_seasons_show_id_shows
        FOREIGN KEY(show_id) REFERENCES shows (id) ON DELETE CASCADE,
    CONSTRAINT uq_seasons_show_number_source UNIQUE (show_id, number, source)
)
"""
SEASON_COLUMNS = "id, show_id, number, episode_order, premiere_date, end_date, provenance_id"

SQLITE_STATUS = """
CREATE TABLE status_readings (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    source VARCHAR(64) NOT NULL,
    season INTEGER DEFAULT 0 NOT NULL,
    status VARCHAR(40) NOT NULL,
    read_at DATETIME NOT NULL,
    details JSON NOT NULL,
    provenance_id INTEGER NOT NULL,
    CONSTRAINT pk_status_readings PRIMARY KEY (id),
    CONSTRAINT fk_status_readings_provenance_id_provenance
        FOREIGN KEY(provenance_id) REFERENCES provenance (id),
    CONSTRAINT fk_status_readings_show_id_shows
        FOREIGN KEY(show_id) REFERENCES shows (id) ON DELETE CASCADE,
    CONSTRAINT uq_status_readings_read UNIQUE (show_id, source, season, read_at)
)
"""
STATUS_COLUMNS = "id, show_id, source, status, read_at, details, provenance_id"

_SEASON_SOURCE = (
    "UPDATE seasons SET source = "
    "(SELECT provenance.source FROM provenance WHERE provenance.id = seasons.provenance_id)"
)


def upgrade() -> None:
    op.add_column(
        "shows", sa.Column("field_sources", sa.JSON(), nullable=False, server_default="{}")
    )
    op.add_column("credits", sa.Column("sources", sa.JSON(), nullable=False, server_default="[]"))
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE seasons RENAME TO _seasons_0006")
        op.execute(SQLITE_SEASONS)
        op.execute(
            f"INSERT INTO seasons ({SEASON_COLUMNS}) SELECT {SEASON_COLUMNS} FROM _seasons_0006"
        )
        op.execute("DROP TABLE _seasons_0006")
        op.execute(_SEASON_SOURCE)
        op.execute("ALTER TABLE status_readings RENAME TO _status_readings_0006")
        op.execute(SQLITE_STATUS)
        op.execute(
            f"INSERT INTO status_readings ({STATUS_COLUMNS}) "
            f"SELECT {STATUS_COLUMNS} FROM _status_readings_0006"
        )
        op.execute("DROP TABLE _status_readings_0006")
        return
    op.add_column("seasons", sa.Column("source", sa.String(64), nullable=False, server_default=""))
    op.add_column("seasons", sa.Column("release_platform", sa.String(120)))
    op.add_column("seasons", sa.Column("seen_on", sa.Date()))
    op.execute(_SEASON_SOURCE)
    op.drop_constraint("uq_seasons_show_number", "seasons", type_="unique")
    op.create_unique_constraint(
        "uq_seasons_show_number_source", "seasons", ["show_id", "number", "source"]
    )
    op.add_column(
        "status_readings",
        sa.Column("season", sa.Integer(), nullable=False, server_default="0"),
    )
    op.drop_constraint("uq_status_readings_read", "status_readings", type_="unique")
    op.create_unique_constraint(
        "uq_status_readings_read", "status_readings", ["show_id", "source", "season", "read_at"]
    )


def downgrade() -> None:
    # Keep one row per (show, season) and per (show, source, read_at) before restoring the
    # narrower keys.
    op.execute(
        "DELETE FROM seasons WHERE id NOT IN (SELECT MIN(id) FROM seasons GROUP BY show_id, number)"
    )
    op.execute(
        "DELETE FROM status_readings WHERE id NOT IN "
        "(SELECT MIN(id) FROM status_readings GROUP BY show_id, source, read_at)"
    )
    with op.batch_alter_table("seasons", schema=None) as batch_op:
        batch_op.drop_constraint("uq_seasons_show_number_source", type_="unique")
        batch_op.drop_column("seen_on")
        batch_op.drop_column("release_platform")
        batch_op.drop_column("source")
        batch_op.create_unique_constraint("uq_seasons_show_number", ["show_id", "number"])
    with op.batch_alter_table("status_readings", schema=None) as batch_op:
        batch_op.drop_constraint("uq_status_readings_read", type_="unique")
        batch_op.drop_column("season")
        batch_op.create_unique_constraint(
            "uq_status_readings_read", ["show_id", "source", "read_at"]
        )
    with op.batch_alter_table("credits", schema=None) as batch_op:
        batch_op.drop_column("sources")
    with op.batch_alter_table("shows", schema=None) as batch_op:
        batch_op.drop_column("field_sources")
