"""Commenters' standing per site (ban, suspension, trust, warnings) and the log of actions on them.

Revision ID: 0010_commenters
Revises: 0009_site_policies
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_commenters"
down_revision = "0009_site_policies"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "author_standings",
        sa.Column("site", sa.String(200), primary_key=True),
        sa.Column("author_hash", sa.String(64), primary_key=True),
        sa.Column("banned", sa.Boolean(), nullable=False),
        sa.Column("suspended_until", TS, nullable=True),
        sa.Column("trusted", sa.Boolean(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "author_actions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("site", sa.String(200), nullable=False),
        sa.Column("author_hash", sa.String(64), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("until", TS, nullable=True),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("moderation_users.id"), nullable=True),
        sa.Column("actor", sa.String(320), nullable=False),
        sa.Column("undoes_id", sa.Integer(), sa.ForeignKey("author_actions.id"), nullable=True),
        sa.Column("rejected_comments", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_author_actions_author", "author_actions", ["author_hash", "site", "id"])
    op.create_index("ix_author_actions_created_at", "author_actions", ["created_at"])


def downgrade() -> None:
    op.drop_table("author_actions")
    op.drop_table("author_standings")
