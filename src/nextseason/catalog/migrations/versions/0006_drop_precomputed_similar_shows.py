"""Drop the precomputed similar shows: the recommender (nextseason.similar) answers from an
index of the catalog itself, so the table had no reader left.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("similar_shows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_similar_shows_show_id"))
    op.drop_table("similar_shows")


def downgrade() -> None:
    op.create_table(
        "similar_shows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["other_id"],
            ["shows.id"],
            name=op.f("fk_similar_shows_other_id_shows"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["show_id"],
            ["shows.id"],
            name=op.f("fk_similar_shows_show_id_shows"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_similar_shows")),
        sa.UniqueConstraint("show_id", "other_id", "method", name="uq_similar_shows_pair"),
    )
    with op.batch_alter_table("similar_shows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_similar_shows_show_id"), ["show_id"], unique=False)
