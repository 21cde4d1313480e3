"""Moderator workspace: accounts, sessions, API tokens, login failures, reader reports, append-only audit log.

Revision ID: 0002_moderation
Revises: 0001_comments
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_moderation"
down_revision = "0001_comments"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
USERS_FK = "moderation_users.id"
COMMENT_FK = "comments.id"

# On PostgreSQL the database itself refuses to change or delete audit entries, whoever connects.
APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION moderation_actions_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'moderation_actions is append-only';
END;
$$ LANGUAGE plpgsql
"""
APPEND_ONLY_TRIGGER = """
CREATE TRIGGER moderation_actions_append_only
BEFORE UPDATE OR DELETE ON moderation_actions
FOR EACH ROW EXECUTE FUNCTION moderation_actions_append_only()
"""


def upgrade() -> None:
    op.create_table(
        "moderation_users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "moderation_user_sites",
        sa.Column("user_id", sa.Integer(), sa.ForeignKey(USERS_FK, ondelete="CASCADE"), primary_key=True),
        sa.Column("site", sa.String(200), primary_key=True),
    )
    op.create_table(
        "moderation_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey(USERS_FK, ondelete="CASCADE"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
    )
    op.create_table(
        "moderation_api_tokens",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey(USERS_FK, ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("last_used_at", TS, nullable=True),
        sa.Column("revoked_at", TS, nullable=True),
    )
    op.create_table(
        "moderation_login_failures",
        sa.Column("key", sa.String(400), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", TS, nullable=False),
        sa.Column("locked_until", TS, nullable=True),
    )
    op.create_table(
        "moderation_reports",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("comment_id", sa.String(32), sa.ForeignKey(COMMENT_FK, ondelete="CASCADE"), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_moderation_reports_comment_id", "moderation_reports", ["comment_id"])
    op.create_table(
        "moderation_actions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("comment_id", sa.String(32), sa.ForeignKey("comments.id"), nullable=False),
        sa.Column("site", sa.String(200), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey(USERS_FK), nullable=True),
        sa.Column("actor", sa.String(320), nullable=False),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("before_status", sa.String(20), nullable=False),
        sa.Column("after_status", sa.String(20), nullable=False),
        sa.Column("model_version", sa.String(100), nullable=True),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("undoes_id", sa.Integer(), sa.ForeignKey("moderation_actions.id"), nullable=True),
        sa.Column("bulk_id", sa.String(32), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("comment_id", "seq", name="uq_moderation_actions_comment_seq"),
    )
    op.create_index("ix_moderation_actions_comment_id", "moderation_actions", ["comment_id"])
    op.create_index("ix_moderation_actions_site", "moderation_actions", ["site"])
    op.create_index("ix_moderation_actions_bulk_id", "moderation_actions", ["bulk_id"])
    op.create_index("ix_moderation_actions_created_at", "moderation_actions", ["created_at"])
    op.create_index("ix_moderation_actions_actor_created", "moderation_actions", ["actor_id", "created_at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY_FUNCTION)
        op.execute(APPEND_ONLY_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS moderation_actions_append_only ON moderation_actions")
        op.execute("DROP FUNCTION IF EXISTS moderation_actions_append_only()")
    for table in (
        "moderation_actions",
        "moderation_reports",
        "moderation_login_failures",
        "moderation_api_tokens",
        "moderation_sessions",
        "moderation_user_sites",
        "moderation_users",
    ):
        op.drop_table(table)
