"""Where-to-watch links are per country and offer: widen the show_platforms key.

Watch providers come per country and per offer (subscription, free, rent, buy), so a show
can have the same platform several times in the "provider" role. Country and offer become
NOT NULL with "" for "not given" (NULLs never collide in a unique key, which would break
idempotent upserts), and join the unique key.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


#: SQLite cannot alter a constraint in place: the table is rebuilt from this DDL. Written
#: out (rather than left to Alembic's batch mode) so the rebuilt table is the same every
#: time; batch mode emits the foreign keys in no fixed order, and catalogs built from the
#: same files then differed byte for byte.
SQLITE_TABLE = """
CREATE TABLE show_platforms (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    platform_id INTEGER NOT NULL,
    role VARCHAR(16) NOT NULL,
    country VARCHAR(2) DEFAULT '' NOT NULL,
    offer VARCHAR(16) DEFAULT '' NOT NULL,
    as_of DATE,
    provenance_id INTEGER NOT NULL,
    CONSTRAINT pk_show_platforms PRIMARY KEY (id),
    CONSTRAINT fk_show_platforms_platform_id_platforms
        FOREIGN KEY(platform_id) REFERENCES platforms (id),
    CONSTRAINT fk_show_platforms_provenance_id_provenance
        FOREIGN KEY(provenance_id) REFERENCES provenance (id),
    CONSTRAINT fk_show_platforms_show_id_shows
        FOREIGN KEY(show_id) REFERENCES shows (id) ON DELETE CASCADE,
    CONSTRAINT uq_show_platforms_link UNIQUE (show_id, platform_id, role, country, offer)
)
"""
COLUMNS = "id, show_id, platform_id, role, country, offer, as_of, provenance_id"


def upgrade() -> None:
    op.execute("UPDATE show_platforms SET country = '' WHERE country IS NULL")
    op.execute("UPDATE show_platforms SET offer = '' WHERE offer IS NULL")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE show_platforms RENAME TO _show_platforms_0001")
        op.execute("DROP INDEX ix_show_platforms_show_id")
        op.execute(SQLITE_TABLE)
        op.execute(
            f"INSERT INTO show_platforms ({COLUMNS}) SELECT {COLUMNS} FROM _show_platforms_0001"
        )
        op.execute("DROP TABLE _show_platforms_0001")
        op.execute("CREATE INDEX ix_show_platforms_show_id ON show_platforms (show_id)")
        return
    op.drop_constraint("uq_show_platforms_link", "show_platforms", type_="unique")
    op.alter_column("show_platforms", "country", nullable=False, server_default="")
    op.alter_column("show_platforms", "offer", nullable=False, server_default="")
    op.create_unique_constraint(
        "uq_show_platforms_link",
        "show_platforms",
        ["show_id", "platform_id", "role", "country", "offer"],
    )


def downgrade() -> None:
    with op.batch_alter_table("show_platforms", schema=None) as batch_op:
        batch_op.drop_constraint("uq_show_platforms_link", type_="unique")
        batch_op.alter_column(
            "country", existing_type=sa.String(length=2), nullable=True, server_default=None
        )
        batch_op.alter_column(
            "offer", existing_type=sa.String(length=16), nullable=True, server_default=None
        )
    # Keep one link per (show, platform, role) before restoring the narrower key.
    op.execute(
        "DELETE FROM show_platforms WHERE id NOT IN "
        "(SELECT MIN(id) FROM show_platforms GROUP BY show_id, platform_id, role)"
    )
    op.execute("UPDATE show_platforms SET country = NULL WHERE country = ''")
    op.execute("UPDATE show_platforms SET offer = NULL WHERE offer = ''")
    with op.batch_alter_table("show_platforms", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            "uq_show_platforms_link", ["show_id", "platform_id", "role"]
        )
