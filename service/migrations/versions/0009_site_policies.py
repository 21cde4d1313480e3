"""Sites' own moderation policies, and the append-only log of configuration changes.

Revision ID: 0009_site_policies
Revises: 0004_remask_stored_text
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_site_policies"
down_revision = "0004_remask_stored_text"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)

# As for moderation_actions: on PostgreSQL the database itself refuses to rewrite the change log.
APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION admin_changes_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'admin_changes is append-only';
END;
$$ LANGUAGE plpgsql
"""
APPEND_ONLY_TRIGGER = """
CREATE TRIGGER admin_changes_append_only
BEFORE UPDATE OR DELETE ON admin_changes
FOR EACH ROW EXECUTE FUNCTION admin_changes_append_only()
"""


def upgrade() -> None:
    op.create_table(
        "site_policies",
        sa.Column("site", sa.String(200), primary_key=True),
        sa.Column("policy", sa.JSON(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("updated_by", sa.String(320), nullable=False),
    )
    op.create_table(
        "admin_changes",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("site", sa.String(200), nullable=True),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("moderation_users.id"), nullable=True),
        sa.Column("actor", sa.String(320), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_admin_changes_site", "admin_changes", ["site"])
    op.create_index("ix_admin_changes_created_at", "admin_changes", ["created_at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY_FUNCTION)
        op.execute(APPEND_ONLY_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS admin_changes_append_only ON admin_changes")
        op.execute("DROP FUNCTION IF EXISTS admin_changes_append_only()")
    op.drop_table("admin_changes")
    op.drop_table("site_policies")
