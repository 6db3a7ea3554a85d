"""Verdicts stored with the show: ``show_verdicts``, one row per show.

Every write that changes a show's readings stores its verdict in the same transaction (see
``catalog/verdicts.py``). The catalog layer does not hold the verdict rules (they are the
analysis layer's), so the migration computes the verdicts of an existing catalog with the
rules its caller hands it (``config.attributes["judging"]``, as ``Catalog.open`` does);
a migration run without them leaves the table empty, and each show's verdict is then
computed and stored on its first read.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "show_verdicts",
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("season", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("evidence_date", sa.Date(), nullable=True),
        sa.Column("today", sa.Date(), nullable=False),
        sa.Column("seasons_known", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["show_id"],
            ["shows.id"],
            name=op.f("fk_show_verdicts_show_id_shows"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("show_id", name=op.f("pk_show_verdicts")),
    )
    judging = context.config.attributes.get("judging")
    if judging is not None:
        from nextseason.catalog.verdicts import judge_all

        judge_all(op.get_bind(), judging)


def downgrade() -> None:
    op.drop_table("show_verdicts")
