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


def upgrade() -> None:
    op.execute("UPDATE show_platforms SET country = '' WHERE country IS NULL")
    op.execute("UPDATE show_platforms SET offer = '' WHERE offer IS NULL")
    with op.batch_alter_table("show_platforms", schema=None) as batch_op:
        batch_op.drop_constraint("uq_show_platforms_link", type_="unique")
        batch_op.alter_column(
            "country", existing_type=sa.String(length=2), nullable=False, server_default=""
        )
        batch_op.alter_column(
            "offer", existing_type=sa.String(length=16), nullable=False, server_default=""
        )
        batch_op.create_unique_constraint(
            "uq_show_platforms_link", ["show_id", "platform_id", "role", "country", "offer"]
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
