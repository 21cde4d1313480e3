"""The site registry (sites and their hashed keys), the admin audit log, and comments' read tokens.

Keys of the old RAQIB_SITE_KEYS variable are brought over by `raqib sites import-env` (hashed).

Revision ID: 0005_sites
Revises: 0004_remask_stored_text
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_sites"
down_revision = "0004_remask_stored_text"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)

APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION admin_actions_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'admin_actions is append-only';
END;
$$ LANGUAGE plpgsql
"""
APPEND_ONLY_TRIGGER = """
CREATE TRIGGER admin_actions_append_only
BEFORE UPDATE OR DELETE ON admin_actions
FOR EACH ROW EXECUTE FUNCTION admin_actions_append_only()
"""


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("title", sa.String(200), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
    )
    op.create_table(
        "site_keys",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("site_id", sa.Integer(), sa.ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=True),
        sa.Column("revoked_at", TS, nullable=True),
    )
    op.create_index("ix_site_keys_site_id", "site_keys", ["site_id"])
    op.create_table(
        "admin_actions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("moderation_users.id"), nullable=True),
        sa.Column("actor", sa.String(320), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("site", sa.String(200), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_admin_actions_action", "admin_actions", ["action"])
    op.create_index("ix_admin_actions_site", "admin_actions", ["site"])
    op.create_index("ix_admin_actions_created_at", "admin_actions", ["created_at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY_FUNCTION)
        op.execute(APPEND_ONLY_TRIGGER)
    # Comments stored before this have no read token: only their site's key reads them.
    with op.batch_alter_table("comments") as batch:
        batch.add_column(sa.Column("read_token_hash", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("comments") as batch:
        batch.drop_column("read_token_hash")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS admin_actions_append_only ON admin_actions")
        op.execute("DROP FUNCTION IF EXISTS admin_actions_append_only()")
    op.drop_table("admin_actions")
    op.drop_index("ix_site_keys_site_id", table_name="site_keys")
    op.drop_table("site_keys")
    op.drop_table("sites")
